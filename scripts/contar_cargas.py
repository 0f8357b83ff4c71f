#!/usr/bin/env python3
"""Cuenta las cargas completas de los datos de una compilación (para las pruebas y el benchmark).

    python scripts/contar_cargas.py REGISTRO scripts/construir.py --destino /tmp/sitio
    python scripts/contar_cargas.py REGISTRO -m mkdocs build --site-dir /tmp/sitio

Ejecuta el script (o el módulo, con ``-m``) en este mismo proceso, como lo haría
``python <script> ...``, con el registro ``plan_migracion.cargas`` en DEBUG hacia el archivo
REGISTRO: cada carga completa (:func:`plan_migracion.datos.cargar`) añade una línea
«<proceso> <carpeta>», también en los procesos hijos (``os.fork`` hereda el registro).
El paquete no sabe nada de esto: solo escribe su línea DEBUG, que nadie ve si no la pide.
"""

from __future__ import annotations

import logging
import runpy
import sys
from pathlib import Path

REGISTRO = "plan_migracion.cargas"  # el del paquete (plan_migracion/datos.py)


def main(argv: list[str]) -> None:
    if len(argv) < 2 or argv[1] == "-m" and len(argv) < 3:
        sys.exit(__doc__)
    manejador = logging.FileHandler(argv[0], encoding="utf-8")
    manejador.setFormatter(logging.Formatter("%(process)d %(message)s"))
    registro = logging.getLogger(REGISTRO)
    registro.addHandler(manejador)
    registro.setLevel(logging.DEBUG)
    if argv[1] == "-m":
        sys.argv = argv[2:]
        runpy.run_module(argv[2], run_name="__main__", alter_sys=True)
    else:
        sys.argv = argv[1:]
        sys.path[0] = str(Path(argv[1]).resolve().parent)  # como «python <script>»
        runpy.run_path(argv[1], run_name="__main__")


if __name__ == "__main__":
    main(sys.argv[1:])
