"""La línea del editor: ``# yaml-language-server: $schema=../esquemas/taller.schema.json``.

Con ella, un editor con la extensión YAML (VS Code, por ejemplo) completa y revisa los campos
mientras se escribe, con el esquema JSON de :mod:`plan_migracion.salidas.esquemas`. Es una
ayuda, no una condición: un registro sin ella es válido y se publica; el validador avisa con la
línea exacta que hay que añadir (o poner en lugar de una que cita otro esquema), y
``scripts/esquemas.py`` la escribe donde falte.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from .problemas import Problema

CARPETA_ESQUEMAS = "esquemas"  # dentro de datos/
PREFIJO = "# yaml-language-server: $schema="

# Nombre del esquema de cada colección (las de .inventario.COLECCIONES): en singular para las
# carpetas de un registro por archivo.
NOMBRES = {"plan": "plan", "componentes": "componentes", "regiones": "regiones",
           "fuentes": "fuente", "talleres": "taller", "convenios": "convenio"}


def nombre_del_esquema(coleccion: str) -> str:
    """``talleres`` → ``taller.schema.json``."""
    return f"{NOMBRES[coleccion]}.schema.json"


def linea(coleccion: str, carpeta_del_archivo: str) -> str:
    """La línea del editor de un archivo de ``coleccion`` que está en ``carpeta_del_archivo``
    (relativa a la carpeta de datos, ``""`` en su raíz): la ruta al esquema es relativa."""
    destino = f"{CARPETA_ESQUEMAS}/{nombre_del_esquema(coleccion)}"
    return PREFIJO + posixpath.relpath(destino, carpeta_del_archivo or ".")


def buscar(texto: str) -> tuple[int, str] | None:
    """La línea del editor de ``texto`` (la primera que empieza con :data:`PREFIJO`) y su número, o ``None``."""
    if PREFIJO not in texto:
        return None
    for numero, renglon in enumerate(texto.splitlines(), start=1):
        if renglon.lstrip("\ufeff").startswith(PREFIJO):
            return numero, renglon.lstrip("\ufeff").rstrip()
    return None


def avisar(colecciones: dict, problemas: list[Problema]) -> None:
    """Un aviso por cada archivo sin errores al que le falta la línea del editor
    (``sin-linea-del-editor``) o cuya línea cita otro esquema (``linea-del-editor-otra``), con la
    línea exacta. Un archivo con errores no recibe este aviso: primero, lo que impide publicarlo.
    ``colecciones``: lo que devuelve :func:`.lectura.leer_coleccion` para cada colección."""
    con_errores = {p.ruta for p in problemas if p.es_error}
    for coleccion, leidos in colecciones.items():
        for doc, _ in leidos:
            if doc.ruta in con_errores:
                continue
            relativa = Path(doc.ruta).relative_to(Path(doc.ruta).parts[0])  # sin «datos/»
            esperada = linea(coleccion, "" if relativa.parent == Path(".") else relativa.parent.as_posix())
            encontrada = doc.linea_del_editor
            if encontrada is None:
                problemas.append(Problema(doc.ruta, 1, "", "sin-linea-del-editor", {"linea": esperada}, nivel="aviso"))
            elif encontrada[1] != esperada:
                problemas.append(Problema(doc.ruta, encontrada[0], "", "linea-del-editor-otra", {"linea": esperada},
                                          nivel="aviso"))
