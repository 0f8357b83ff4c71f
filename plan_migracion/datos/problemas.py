"""Problemas encontrados en los datos: archivo, línea, campo y motivo.

Cada problema lleva un código; su texto, en español o en inglés, sale de
``mensajes/<idioma>.yml`` (el mismo formato que los textos de la interfaz, ``vistas/textos/``). Así el
validador, la compilación y las pruebas dicen lo mismo con las mismas palabras.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from babel import Locale

from . import caracteres
from .idiomas import del_proyecto
from .modelos import leer_textos

CARPETA = Path(__file__).with_name("mensajes")


@lru_cache(maxsize=1)
def _mensajes() -> dict[str, dict[str, str]]:
    return leer_textos(CARPETA)


@lru_cache(maxsize=1)
def idiomas_de_mensajes() -> tuple[str, ...]:
    """Los idiomas en que hay mensajes (un archivo por idioma en ``mensajes/``), el original primero.
    Los datos de un problema llevan un valor por idioma: ``nombre`` en el original, ``nombre_<idioma>``
    en los demás (``detalle``, ``detalle_en``)."""
    original = del_proyecto().original
    return (original, *sorted(i for i in {i for t in _mensajes().values() for i in t} if i != original))


def nombres_de_idioma(clave: str, codigo: str) -> dict[str, str]:
    """El nombre del idioma ``codigo`` en cada idioma de los mensajes (CLDR, por babel: «inglés»,
    «English»), como datos de un problema: ``{clave: ..., clave_en: ...}``."""
    locale = Locale.parse(codigo)
    return como_datos(clave, {i: locale.get_display_name(i) for i in idiomas_de_mensajes()})


def mensajes(seccion: str) -> dict[str, dict[str, str]]:
    """Los textos de una sección de ``mensajes/`` (``problemas``, ``errores_yaml``), por clave:
    ``{"yaml-sintaxis": {"es": ..., "en": ...}, ...}``, en el orden del archivo."""
    prefijo = f"{seccion}."
    return {clave[len(prefijo):]: texto for clave, texto in _mensajes().items() if clave.startswith(prefijo)}


def mensaje(clave: str, idioma: str) -> str:
    """El texto de ``clave`` (``problemas.yaml-sintaxis``, ``aviso``...) de ``mensajes/<idioma>.yml``."""
    try:
        return _mensajes()[clave][idioma]
    except KeyError:
        raise KeyError(f"falta el mensaje «{clave}» en {CARPETA.name}/{idioma}.yml") from None


def detalle(clave: str, **valores) -> dict[str, str]:
    """El texto ``detalles.<clave>`` de ``mensajes/<idioma>.yml`` en cada idioma (``{"es": ..., "en": ...}``),
    con ``valores`` puestos: un valor que es a su vez un texto en cada idioma (un ``dict`` como el
    que devuelve esta función) pone en cada idioma el suyo; los demás (un nombre de archivo, un
    mensaje del sistema), el mismo en todos."""
    return {idioma: mensaje(f"detalles.{clave}", idioma).format(
        **{nombre: valor[idioma] if isinstance(valor, dict) else valor for nombre, valor in valores.items()})
        for idioma in idiomas_de_mensajes()}


def como_datos(nombre: str, textos: dict[str, str]) -> dict[str, str]:
    """Un texto en cada idioma como datos de un problema: ``{nombre: <original>, nombre_en: <inglés>}``
    (y así cada idioma traducido), los que usan los mensajes de ``problemas`` (``{nombre}`` en el
    idioma original, ``{nombre_en}`` en inglés)."""
    original, *otros = idiomas_de_mensajes()
    return {nombre: textos[original], **{f"{nombre}_{i}": textos[i] for i in otros}}


# Lo que un valor no puede llevar tal cual a un mensaje: :data:`.caracteres.NO_IMPRIMIBLES`.
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escapar(texto: str) -> str:
    """``texto`` en una sola línea visible: ``\\n``, ``\\t``, ``\\u202e``... en vez del carácter."""
    return caracteres.NO_IMPRIMIBLES.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), texto)


@dataclass(frozen=True)
class Problema:
    """Un problema de los datos, con su ubicación."""

    ruta: str
    linea: int
    campo: str
    codigo: str
    datos: dict = field(default_factory=dict, compare=False, hash=False)
    columna: int | None = None
    nivel: str = "error"  # "error" detiene la compilación; "aviso" solo se informa

    def mensaje(self, idioma: str | None = None) -> str:
        # el único lugar donde los valores entran en un mensaje: se escapan aquí
        datos = {k: escapar(v) if isinstance(v, str) else v for k, v in self.datos.items()}
        return mensaje(f"problemas.{self.codigo}", idioma or idiomas_de_mensajes()[0]).format(**datos)

    @property
    def ruta_visible(self) -> str:
        """La ruta, escapada como los valores (un nombre de archivo puede llevar un salto de línea)."""
        return escapar(self.ruta)

    @property
    def campo_visible(self) -> str:
        """El campo, escapado (un nombre de campo viene de los datos); «-» si no hay."""
        return escapar(self.campo) or "-"

    def texto(self, idioma: str | None = None) -> str:
        """``ruta:línea: campo: mensaje``, la línea que muestran validador y compilación."""
        lugar = f"{self.ruta_visible}:{self.linea}"
        if self.columna:
            lugar += f":{self.columna}"
        prefijo = "" if self.nivel == "error" else mensaje("aviso", idioma or idiomas_de_mensajes()[0])
        return f"{lugar}: {self.campo_visible}: {prefijo}{self.mensaje(idioma)}"

    def __str__(self) -> str:
        return self.texto()

    @property
    def es_error(self) -> bool:
        return self.nivel == "error"


def resumen(problemas: list[Problema], idioma: str | None = None) -> str:
    """La última línea del validador: «2 error(es), 1 aviso(s)» o, sin problemas, «Datos válidos.»
    (``validador.resumen`` y ``validador.validos`` de ``mensajes/<idioma>.yml``)."""
    idioma = idioma or idiomas_de_mensajes()[0]
    if not problemas:
        return mensaje("validador.validos", idioma)
    errores = sum(1 for p in problemas if p.es_error)
    return mensaje("validador.resumen", idioma).format(errores=errores, avisos=len(problemas) - errores)


class DatosInvalidos(Exception):
    """Los datos tienen errores: la compilación se detiene y los enumera todos."""

    def __init__(self, problemas: list[Problema]):
        self.problemas = problemas
        errores = [p for p in problemas if p.es_error]
        lineas = "\n".join(p.texto() for p in errores)
        cabecera = mensaje("validador.datos_invalidos", idiomas_de_mensajes()[0]).format(errores=len(errores))
        super().__init__(f"{cabecera}:\n{lineas}")

    @property
    def errores(self) -> int:
        """Cuántos errores hay (los avisos no cuentan)."""
        return sum(1 for p in self.problemas if p.es_error)
