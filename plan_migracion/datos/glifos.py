"""Los caracteres que la fuente del PDF no puede dibujar (issue 17): un aviso, nunca un recuadro vacío.

El PDF del plan (:mod:`plan_migracion.salidas.pdf`) usa una sola fuente, :data:`FUENTE_PDF` (la de
``vistas/plantillas/pdf.css``; una prueba comprueba que es la misma). Un carácter que esa fuente
no tiene (``東``, ``✅``) sale en el PDF como un recuadro vacío, y la extracción de texto lo
esconde. El validador avisa, con el archivo, la línea, el campo y el carácter.

Cómo se comprueba: con fontTools (lo instala WeasyPrint, que escribe el PDF) se lee la tabla de
caracteres (``cmap``) del archivo de la fuente que el sistema da para ese nombre (``fc-match``, de
fontconfig, el mismo que usa WeasyPrint; sin él, se busca ``DejaVuSans.ttf`` en las carpetas de
fuentes habituales). Sin fontTools o sin la fuente no hay con qué comprobar: no hay aviso (el PDF
tampoco se podría escribir igual en esa máquina). Los espacios, los controles y los caracteres de
formato no se dibujan y no se comprueban; los que no se permiten en los textos ya son un error.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path

from .problemas import Problema

FUENTE_PDF = "DejaVu Sans"
_ARCHIVO_FUENTE = "DejaVuSans.ttf"
_CARPETAS_DE_FUENTES = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
                        "/Library/Fonts", "/System/Library/Fonts", "~/Library/Fonts",
                        os.path.join(os.environ.get("WINDIR", "C:\\Windows"), "Fonts"))
_FUERA_DEL_LATIN = re.compile("[^\x00-\u024f]")
# Cuántos caracteres distintos nombra un aviso, como mucho (un campo en otra escritura tendría cientos).
_MAXIMO_EN_UN_AVISO = 5


@lru_cache(maxsize=1)
def archivo_de_la_fuente() -> Path | None:
    """El archivo de :data:`FUENTE_PDF` en este sistema, o ``None``."""
    if shutil.which("fc-match"):
        try:
            salida = subprocess.run(["fc-match", "--format=%{file}", FUENTE_PDF], capture_output=True,
                                    text=True, timeout=10, check=False).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            salida = ""
        if salida and Path(salida).name == _ARCHIVO_FUENTE and Path(salida).is_file():
            return Path(salida)
    for carpeta in _CARPETAS_DE_FUENTES:
        raiz = Path(carpeta).expanduser()
        if raiz.is_dir():
            for ruta in raiz.rglob(_ARCHIVO_FUENTE):
                return ruta
    return None


@lru_cache(maxsize=1)
def caracteres_de_la_fuente() -> frozenset[int] | None:
    """Los puntos de código que :data:`FUENTE_PDF` sabe dibujar, o ``None`` si no se puede saber."""
    ruta = archivo_de_la_fuente()
    if ruta is None:
        return None
    try:
        from fontTools.ttLib import TTFont
    except ImportError:
        return None
    try:
        with TTFont(ruta, lazy=True) as fuente:
            return frozenset(fuente.getBestCmap())
    except Exception:  # noqa: BLE001 - un archivo de fuente dañado: no hay con qué comprobar
        return None


def _se_dibuja(caracter: str) -> bool:
    """¿``caracter`` necesita un glifo? No los espacios, los controles ni los de formato."""
    return not unicodedata.category(caracter).startswith(("Z", "C"))


def _textos(valor, camino: tuple):
    if isinstance(valor, str):
        yield camino, valor
    elif isinstance(valor, dict):
        for clave, hijo in valor.items():
            yield from _textos(hijo, camino + (clave,))
    elif isinstance(valor, list):
        for i, hijo in enumerate(valor):
            yield from _textos(hijo, camino + (i,))


def avisar(colecciones: dict, problemas: list[Problema]) -> None:
    """Un aviso (``caracter-sin-glifo``) por cada campo con caracteres que :data:`FUENTE_PDF` no tiene,
    nombrando esos caracteres. ``colecciones``: lo que devuelve :func:`.lectura.leer_coleccion`."""
    cubiertos = None
    for leidos in colecciones.values():
        for doc, _ in leidos:
            for camino, texto in _textos(doc.valor, ()):
                if texto.isascii():
                    continue
                raros = _FUERA_DEL_LATIN.findall(texto)  # (el latín, con sus tildes, está entero en la fuente)
                if not raros:
                    continue
                if cubiertos is None:
                    cubiertos = caracteres_de_la_fuente()
                    if cubiertos is None:
                        return
                faltan = [c for c in dict.fromkeys(raros) if ord(c) not in cubiertos and _se_dibuja(c)]
                if faltan:
                    problemas.append(doc.problema(camino, "caracter-sin-glifo", nivel="aviso", fuente=FUENTE_PDF,
                                                  caracteres=_nombrar(faltan)))


def _nombrar(caracteres: list[str]) -> str:
    """``東 (U+6771), ✅ (U+2705)``; si son más de :data:`_MAXIMO_EN_UN_AVISO`, los primeros y «…»."""
    nombrados = ", ".join(f"{c} (U+{ord(c):04X})" for c in caracteres[:_MAXIMO_EN_UN_AVISO])
    return nombrados + (", …" if len(caracteres) > _MAXIMO_EN_UN_AVISO else "")
