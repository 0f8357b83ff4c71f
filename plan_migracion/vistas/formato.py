"""Fechas y números como los escribe cada idioma (babel, datos locales incluidos). Los patrones de
fecha de cada idioma están en sus textos (``textos/<idioma>.yml``, sección ``formato``)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal

from .textos import t


@lru_cache(maxsize=8192)  # babel tarda ~30 µs por fecha; las páginas repiten las mismas fechas
def fecha(valor: dt.date, idioma: str) -> str:
    """«11 de marzo de 2011» / «11 March 2011»."""
    return format_date(valor, t("formato.fecha", idioma), locale=idioma)


@lru_cache(maxsize=1024)
def mes(anio: int, numero_mes: int, idioma: str) -> str:
    """«marzo de 2011» / «March 2011»."""
    return format_date(dt.date(anio, numero_mes, 1), t("formato.mes", idioma), locale=idioma)


def numero(valor: int | float, idioma: str) -> str:
    return format_decimal(valor, locale=idioma)
