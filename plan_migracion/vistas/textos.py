"""Textos de la interfaz (títulos, etiquetas), en español y en inglés.

Están en ``textos.yml``; una clave que falta es un error, nunca un texto vacío.
Un texto que depende de una cantidad da, en cada idioma, una forma por categoría de
plural de CLDR (``one``, ``other``...) y se pide con ``cuenta=``: babel elige la forma
según las reglas del idioma («1 convenio registrado», «2 convenios registrados»).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from babel import Locale

from ..datos.modelos import leer_textos

_ARCHIVO = Path(__file__).with_name("textos.yml")


@lru_cache(maxsize=1)
def _textos() -> dict[str, dict[str, str | dict[str, str]]]:
    return leer_textos(_ARCHIVO)


def t(clave: str, idioma: str, cuenta: int | None = None, **valores) -> str:
    """El texto de ``clave`` en ``idioma``; ``{nombre}`` se reemplaza con ``valores``.

    Si el texto tiene formas de plural, ``cuenta`` elige la forma (regla de CLDR del idioma)."""
    try:
        texto = _textos()[clave][idioma]
    except KeyError:
        raise KeyError(f"falta el texto de interfaz «{clave}» ({idioma}) en {_ARCHIVO.name}") from None
    if isinstance(texto, dict):
        if cuenta is None:
            raise KeyError(f"el texto de interfaz «{clave}» tiene formas de plural: falta «cuenta»")
        texto = texto.get(Locale.parse(idioma).plural_form(cuenta), texto["other"])
    return texto.format(**valores) if valores else texto


def claves() -> list[str]:
    return list(_textos())
