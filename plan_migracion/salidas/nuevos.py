"""Dónde va un registro nuevo de ``datos/``: su id, su archivo y su primera línea.

Lo usan ``scripts/nuevo.py`` (la plantilla con huecos) y ``plan.py desde-issue``
(:mod:`.desde_issue`, el registro a partir de un formulario de GitHub): el id y el nombre del
archivo salen de la fecha y de un lugar corto (``2012-05-10-piura``), y ninguno de los dos
sobrescribe un archivo que ya existe.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..datos.modelos import slug
from .esquemas import linea_esquema

# Tipo de registro → su carpeta dentro de datos/.
CARPETAS = {"taller": "talleres", "convenio": "convenios"}


def ident(fecha: dt.date, lugar: str) -> str:
    """``2012-05-10-piura``; ``""`` si el lugar no tiene letras ni cifras (no hay id posible)."""
    nombre = slug(lugar)
    return f"{fecha.isoformat()}-{nombre}" if nombre else ""


def ruta_nueva(datos: Path, tipo: str, identificador: str) -> Path:
    """``datos/talleres/<id>.yml`` (o ``convenios/``)."""
    return Path(datos) / CARPETAS[tipo] / f"{identificador}.yml"


def existente(ruta: Path) -> Path | None:
    """El archivo que ya ocupa ese registro (``.yml`` o ``.yaml``), o ``None``."""
    return next((p for p in (ruta, ruta.with_suffix(".yaml")) if p.exists()), None)


def con_linea_del_editor(datos: Path, ruta: Path, texto: str) -> str:
    """``texto`` precedido de ``# yaml-language-server: $schema=…`` (la línea que usan los editores
    para validar y autocompletar el archivo, :mod:`.esquemas`)."""
    return f"{linea_esquema(Path(datos), ruta)}\n{texto}"
