"""Comprueba que un script de ``scripts/`` corre en el entorno del proyecto (``.venv``).

Cada script lo llama antes de importar ``plan_migracion``::

    import entorno  # noqa: E402  (scripts/ es sys.path[0] al ejecutar «python scripts/x.py»)

    entorno.exigir(__file__)

Fuera del entorno (p. ej. con el ``python3`` del sistema, sin pydantic), el script
termina con una sola línea que dice qué hacer, en vez de un ``ModuleNotFoundError``.
Solo usa la biblioteca estándar; ``find_spec`` busca los módulos sin importarlos.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

# Módulos de requirements.txt que el paquete importa al cargarse: si falta uno, este
# Python no es el del entorno del proyecto.
MODULOS = ("pydantic", "yaml", "babel", "mkdocs")


def faltan() -> list[str]:
    """Los módulos de :data:`MODULOS` que este Python no encuentra."""
    return [nombre for nombre in MODULOS if importlib.util.find_spec(nombre) is None]


def exigir(script: str) -> None:
    """Termina con estado 1 y una línea en stderr si falta alguno de :data:`MODULOS`."""
    ausentes = faltan()
    if not ausentes:
        return
    nombre = Path(script).name
    print(
        f"{nombre}: este Python no tiene el entorno del proyecto (falta {', '.join(ausentes)}). "
        f"Ejecute «make validar», o cree el entorno con «make .venv/.sitio» y use "
        f"«.venv/bin/python scripts/{nombre}».",
        file=sys.stderr,
    )
    sys.exit(1)
