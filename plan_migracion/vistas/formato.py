"""Fechas y números como los escribe cada idioma (babel, datos locales incluidos)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal


@lru_cache(maxsize=8192)  # babel tarda ~30 µs por fecha; las páginas repiten las mismas fechas
def fecha(valor: dt.date, idioma: str) -> str:
    """«11 de marzo de 2011» / «11 March 2011»."""
    return format_date(valor, "d 'de' MMMM 'de' y" if idioma == "es" else "d MMMM y", locale=idioma)


@lru_cache(maxsize=1024)
def mes(anio: int, numero_mes: int, idioma: str) -> str:
    """«marzo de 2011» / «March 2011»."""
    return format_date(dt.date(anio, numero_mes, 1), "LLLL 'de' y" if idioma == "es" else "LLLL y", locale=idioma)


def numero(valor: int | float, idioma: str) -> str:
    return format_decimal(valor, locale=idioma)
