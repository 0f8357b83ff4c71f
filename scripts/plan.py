#!/usr/bin/env python3
"""La herramienta del proyecto: una orden con subórdenes, la que llaman Make, la integración
continua y pre-commit.

    python scripts/plan.py validar [carpeta] [--lang en] [--github]
    python scripts/plan.py nuevo taller|convenio --fecha 2012-05-10 --lugar "Piura"
    python scripts/plan.py esquemas [--comprobar]
    python scripts/plan.py desde-issue cuerpo-del-issue.md [--lang en]
    python scripts/plan.py construir [--destino site] [-v]
    python scripts/plan.py servir [--direccion 127.0.0.1:8000]
    python scripts/plan.py benchmark [--tamanos 1000 10000] [--readme]
    python scripts/plan.py benchmark-paginas [site]

``python scripts/plan.py <orden> --help`` explica las opciones de cada orden.

Cada orden, salvo ``servir``, es la función ``main(argv)`` de su script de ``scripts/``
(``validar.py``, ``nuevo.py``, ``esquemas.py``, ``desde_issue.py``, ``construir.py``, ``benchmark.py``,
``benchmark_paginas.py``): una sola implementación, con los mismos argumentos; esos scripts
siguen funcionando solos (``python scripts/validar.py``). Cada script se importa solo cuando se usa
su orden (importarlos todos tardaría más de un segundo). Fuera del entorno del proyecto (``.venv``),
la herramienta termina con una sola línea que dice qué hacer (``scripts/entorno.py``).
"""

from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import entorno  # scripts/entorno.py (scripts/ es sys.path[0] al ejecutar «python scripts/plan.py»)

entorno.exigir(__file__)

RAIZ = Path(__file__).resolve().parent.parent
PROGRAMA = Path(__file__).name


def servir(argv: list[str] | None = None) -> int:
    """``mkdocs serve`` en la raíz del proyecto, con recarga en vivo (``make serve``)."""
    parser = argparse.ArgumentParser(
        description="Sirve el sitio (los dos idiomas) con recarga en vivo al cambiar una página o un "
                    "archivo de datos/ (mkdocs serve).")
    parser.add_argument("--direccion", default="127.0.0.1:8000", metavar="HOST:PUERTO",
                        help="dónde escuchar (por omisión: 127.0.0.1:8000)")
    args = parser.parse_args(argv)
    orden = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(RAIZ / "mkdocs.yml"),
             "--dev-addr", args.direccion, "--livereload"]
    os.chdir(RAIZ)
    if os.name == "posix":
        # El proceso pasa a ser mkdocs: Ctrl+C y las señales (p. ej. de quien lo detenga) le llegan
        # directamente, y al salir borra su carpeta temporal como cuando se ejecuta solo.
        os.execv(sys.executable, orden)
    return subprocess.run(orden, check=False).returncode


def _script(nombre: str) -> Callable[[list[str]], int]:
    """La función ``main(argv)`` de ``scripts/<nombre>.py``, que se importa al usar la orden."""
    def ejecutar(argv: list[str]) -> int:
        return importlib.import_module(nombre).main(argv)
    return ejecutar


# orden → (una línea para la lista de «plan.py --help», la función que la ejecuta)
ORDENES: dict[str, tuple[str, Callable[[list[str]], int]]] = {
    "validar": ("valida los datos (datos/ u otra carpeta): un problema por línea", _script("validar")),
    "nuevo": ("crea un taller o un convenio con huecos «POR LLENAR» (--fecha, --lugar)", _script("nuevo")),
    "esquemas": ("regenera los esquemas JSON, las tablas de datos/README.md y los formularios de "
                 ".github/ISSUE_TEMPLATE (--comprobar)", _script("esquemas")),
    "desde-issue": ("escribe y valida el registro que propone un issue de formulario; imprime su ruta",
                    _script("desde_issue")),
    "construir": ("valida los datos y compila el sitio en site/ (make build)", _script("construir")),
    "servir": ("sirve el sitio en http://127.0.0.1:8000 con recarga en vivo (make serve)", servir),
    "benchmark": ("mide la compilación con datos reales y sintéticos (make benchmark)", _script("benchmark")),
    "benchmark-paginas": ("Lighthouse y bytes transferidos de un sitio compilado (make benchmark-paginas)",
                          _script("benchmark_paginas")),
}


def analizador() -> argparse.ArgumentParser:
    ancho = max(map(len, ORDENES)) + 2
    lista = "\n".join(f"  {nombre:<{ancho}}{ayuda}" for nombre, (ayuda, _) in ORDENES.items())
    parser = argparse.ArgumentParser(
        prog=PROGRAMA, usage=f"{PROGRAMA} [-h] orden [argumentos de la orden]",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="La herramienta del proyecto: valida los datos, crea registros, compila y sirve el sitio.",
        epilog=f"órdenes:\n{lista}\n\n«{PROGRAMA} <orden> --help» explica las opciones de cada orden.")
    parser.add_argument("orden", choices=ORDENES, help=argparse.SUPPRESS)  # la lista va en el epílogo
    parser.add_argument("argumentos", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = analizador()
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        parser.error(f"falta la orden: una de {', '.join(ORDENES)}")
    args = parser.parse_args(argv)
    # Cada script arma su propio argparse, que toma el nombre del programa de sys.argv[0] (el valor
    # por omisión de «prog»): así su ayuda y sus errores dicen «plan.py validar».
    anterior = sys.argv[0]
    sys.argv[0] = f"{PROGRAMA} {args.orden}"
    try:
        _, ejecutar = ORDENES[args.orden]
        return ejecutar(args.argumentos)
    finally:
        sys.argv[0] = anterior


if __name__ == "__main__":
    sys.exit(main())
