"""Esquemas JSON de los archivos de ``datos/``, generados a partir de los modelos.

Los modelos de :mod:`plan_migracion.modelos` son la única fuente de verdad: de ellos
salen la validación y estos esquemas, que los editores (VS Code con la extensión
YAML, por ejemplo) usan para validar y autocompletar mientras se escribe. Cada
archivo YAML los cita en su primera línea::

    # yaml-language-server: $schema=../esquemas/taller.schema.json

``python scripts/esquemas.py`` los regenera y pone esa línea donde falte.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from .datos import COLECCIONES

CARPETA = "esquemas"  # dentro de datos/
PREFIJO = "# yaml-language-server: $schema="

# Nombre de cada esquema: en singular para las carpetas de un registro por archivo.
NOMBRES = {"plan": "plan", "componentes": "componentes", "regiones": "regiones",
           "fuentes": "fuente", "talleres": "taller", "convenios": "convenio"}


def esquemas() -> dict[str, str]:
    """``{"taller.schema.json": "<texto JSON>", ...}`` generados de los modelos."""
    resultado = {}
    for coleccion, (_, modelo, _) in COLECCIONES.items():
        esquema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **modelo.model_json_schema()}
        resultado[f"{NOMBRES[coleccion]}.schema.json"] = json.dumps(esquema, ensure_ascii=False, indent=2) + "\n"
    return resultado


def esquema_de(carpeta_datos: Path, ruta: Path) -> str | None:
    """El nombre del esquema que corresponde a ``ruta`` (un YAML dentro de ``carpeta_datos``)."""
    relativa = ruta.relative_to(carpeta_datos)
    for coleccion, (archivo, _, es_carpeta) in COLECCIONES.items():
        if (es_carpeta and len(relativa.parts) == 2 and relativa.parts[0] == archivo) or \
                (not es_carpeta and relativa.as_posix() == archivo):
            return f"{NOMBRES[coleccion]}.schema.json"
    return None


def linea_esquema(carpeta_datos: Path, ruta: Path) -> str | None:
    """``# yaml-language-server: $schema=<ruta relativa>`` para ``ruta``."""
    nombre = esquema_de(carpeta_datos, ruta)
    if nombre is None:
        return None
    desde = ruta.parent.relative_to(carpeta_datos).as_posix()
    return PREFIJO + posixpath.relpath(f"{CARPETA}/{nombre}", desde)


def con_linea_esquema(texto: str, linea: str) -> str:
    """``texto`` con ``linea`` como primera línea (sustituye una referencia anterior)."""
    lineas = texto.split("\n")
    if lineas and lineas[0].lstrip("\ufeff").startswith(PREFIJO):
        lineas[0] = linea
    else:
        lineas.insert(0, linea)
    return "\n".join(lineas)


def archivos_yaml(carpeta_datos: Path) -> list[Path]:
    return sorted(p for p in carpeta_datos.rglob("*") if p.suffix in (".yml", ".yaml")
                  and esquema_de(carpeta_datos, p) is not None)
