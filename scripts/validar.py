#!/usr/bin/env python3
"""Valida los datos del plan: ``python scripts/validar.py [carpeta] [--lang en]``.

Escribe una línea por problema, ``ruta:línea: campo: mensaje``, y termina con
estado 0 si los datos son válidos (puede haber avisos) o 1 si hay errores.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import entorno  # noqa: E402  (scripts/entorno.py: fuera de .venv, una línea en vez de una traza)

entorno.exigir(__file__)

from plan_migracion.datos import validar  # noqa: E402
from plan_migracion.datos.problemas import idiomas_de_mensajes, mensaje, resumen  # noqa: E402


def _escapar(texto: str, propiedad: bool = False) -> str:
    texto = texto.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return texto.replace(":", "%3A").replace(",", "%2C") if propiedad else texto


def anotacion(problema, idioma: str) -> str:
    """``::error file=...,line=...,col=...,title=...::mensaje`` (formato de GitHub Actions)."""
    tipo = "error" if problema.es_error else "warning"
    partes = [f"file={_escapar(problema.ruta_visible, True)}", f"line={problema.linea}"]
    if problema.columna:
        partes.append(f"col={problema.columna}")
    partes.append(f"title={_escapar(problema.campo_visible, True)}")
    return f"::{tipo} {','.join(partes)}::{_escapar(problema.texto(idioma))}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Valida los archivos YAML de datos/.")
    parser.add_argument("carpeta", nargs="?", default="datos", help="carpeta de datos (por omisión: datos)")
    parser.add_argument("--lang", choices=idiomas_de_mensajes(), default=idiomas_de_mensajes()[0],
                        help="idioma de los mensajes")
    parser.add_argument("--github", action="store_true",
                        help="escribe anotaciones de GitHub Actions (el problema se ve junto a la línea en el pull request)")
    args = parser.parse_args(argv)
    carpeta = Path(args.carpeta)
    if not carpeta.is_dir():
        print(f"{carpeta}: {mensaje('validador.sin_carpeta', args.lang)}", file=sys.stderr)
        return 1
    problemas = validar(carpeta, linea_editor=True)  # con el aviso de la línea del editor que falta
    for problema in problemas:
        print(anotacion(problema, args.lang) if args.github else problema.texto(args.lang))
    print(resumen(problemas, args.lang), file=sys.stderr)
    return 1 if any(p.es_error for p in problemas) else 0


if __name__ == "__main__":
    sys.exit(main())
