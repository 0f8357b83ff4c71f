"""Textos de la interfaz (títulos, etiquetas), uno archivo por idioma.

Están en ``textos/<idioma>.yml`` (``es.yml`` el original, ``en.yml``...), todos con las mismas
claves; una clave que falta es un error, nunca un texto vacío. Añadir un idioma es añadir su
archivo (y configurarlo en ``mkdocs.yml``): véase ``MANTENIMIENTO.md``. Un texto que depende de
una cantidad da sus formas de plural de CLDR (``one``, ``other``...) y se pide con ``cuenta=``:
babel elige la forma según las reglas del idioma («1 convenio registrado», «2 convenios registrados»).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.lists import format_list

from ..datos.modelos import leer_textos

CARPETA = Path(__file__).with_name("textos")


@lru_cache(maxsize=1)
def _textos() -> dict[str, dict[str, str | dict[str, str]]]:
    return leer_textos(CARPETA)


def t(clave: str, idioma: str, cuenta: int | None = None, **valores) -> str:
    """El texto de ``clave`` en ``idioma``; ``{nombre}`` se reemplaza con ``valores``.

    Si el texto tiene formas de plural, ``cuenta`` elige la forma (regla de CLDR del idioma)."""
    try:
        texto = _textos()[clave][idioma]
    except KeyError:
        raise KeyError(f"falta el texto de interfaz «{clave}» en {CARPETA.name}/{idioma}.yml") from None
    if isinstance(texto, dict):
        if cuenta is None:
            raise KeyError(f"el texto de interfaz «{clave}» tiene formas de plural: falta «cuenta»")
        texto = texto.get(Locale.parse(idioma).plural_form(cuenta), texto["other"])
    return texto.format(**valores) if valores else texto


def sin_archivo(idiomas) -> list[str]:
    """Los idiomas de ``idiomas`` que no tienen su archivo de textos (``textos/<idioma>.yml``)."""
    return [idioma for idioma in idiomas if not (CARPETA / f"{idioma}.yml").is_file()]


@lru_cache(maxsize=64)
def nombre_idioma(codigo: str, idioma: str) -> str:
    """El nombre del idioma ``codigo`` escrito en ``idioma`` (CLDR, por babel): «inglés», «Spanish»."""
    return Locale.parse(codigo).get_display_name(idioma)


def lista(valores: list[str], idioma: str) -> str:
    """«a, b y c» / «a, b and c» (CLDR, por babel)."""
    return format_list(list(valores), locale=idioma)
