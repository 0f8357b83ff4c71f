"""Fechas y números como los escribe cada idioma (babel, datos locales incluidos). Los patrones de
fecha de cada idioma están en sus textos (``textos/<idioma>.yml``, sección ``formato``). Y el idioma
de las partes: un texto de los datos que se muestra en otro idioma lleva su ``lang``
(:class:`EnOtroIdioma`)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from markupsafe import Markup, escape

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


# --- Idioma de las partes (WCAG 2.1, criterio 3.1.2) ------------------------------------------------

@lru_cache(maxsize=64)
def direccion(idioma: str) -> str:
    """``"rtl"`` o ``"ltr"``: la dirección de escritura del idioma (CLDR, por babel)."""
    return "rtl" if Locale.parse(idioma).character_order == "right-to-left" else "ltr"


def atributos_de_idioma(parte: str, pagina: str) -> Markup:
    """`` lang="…"`` (y `` dir="…"`` si la dirección de escritura cambia) para un elemento cuyo texto
    está en ``parte`` dentro de una página en ``pagina``; nada si es el mismo idioma."""
    if parte == pagina:
        return Markup("")
    atributos = f' lang="{escape(parte)}"'
    if direccion(parte) != direccion(pagina):
        atributos += f' dir="{direccion(parte)}"'
    return Markup(atributos)


class EnOtroIdioma(str):
    """Un texto de los datos que se muestra en un idioma distinto del de la página (el original, que
    aún no tiene traducción). Es el texto mismo (``str``): en un atributo, en ``str.format`` o en un
    filtro se usa como cualquier texto. Escrito en el HTML (``{{ tx(...) }}``, que llama a
    ``__html__``) va dentro de ``<span lang="…">``, para que un lector de pantalla lo lea con las
    reglas de su idioma (WCAG 2.1, 3.1.2 «idioma de las partes»). Donde no cabe un elemento (un
    atributo ``alt`` o ``aria-label``, el ``<title>`` de un SVG) la plantilla escribe el texto
    simple (filtro ``texto``) y pone el idioma en el propio elemento si es solo suyo
    (``lang_de(...)``, :func:`atributos_de_idioma`)."""

    idioma: str
    idioma_pagina: str

    def __new__(cls, texto: str, idioma: str, idioma_pagina: str) -> "EnOtroIdioma":
        nuevo = super().__new__(cls, texto)
        nuevo.idioma, nuevo.idioma_pagina = idioma, idioma_pagina
        return nuevo

    def __html__(self) -> str:
        return f"<span{atributos_de_idioma(self.idioma, self.idioma_pagina)}>{escape(str.__str__(self))}</span>"


def texto(valor) -> str:
    """El texto simple de ``valor``, sin el ``<span lang>`` de :class:`EnOtroIdioma` (para atributos
    y SVG). Se escapa al escribirse, como cualquier texto."""
    return str.__str__(valor) if isinstance(valor, str) else str(valor)


def lang_de(valor, idioma_pagina: str) -> Markup:
    """`` lang="…"`` si ``valor`` es un texto en otro idioma (:class:`EnOtroIdioma`); si no, nada."""
    if isinstance(valor, EnOtroIdioma):
        return atributos_de_idioma(valor.idioma, idioma_pagina)
    return Markup("")
