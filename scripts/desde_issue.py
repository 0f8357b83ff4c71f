#!/usr/bin/env python3
"""Escribe el registro que propone un issue hecho con un formulario de ``.github/ISSUE_TEMPLATE/``.

    python scripts/plan.py desde-issue cuerpo-del-issue.md [--datos datos] [--lang en]

Lee el cuerpo del issue tal como lo escribe GitHub (``### Etiqueta``, una línea en blanco, la
respuesta; ``_No response_`` en un campo vacío), escribe el taller o el convenio nuevo en
``datos/`` (o corrige el registro que nombra una corrección), lo valida con el validador del
proyecto e imprime la ruta del archivo. Si algo está mal, no escribe nada, imprime cada problema
con la etiqueta de su campo en el formulario y termina con estado 1. La lógica está en
``plan_migracion/salidas/desde_issue.py`` (los campos del formulario, en ``formularios.py``); lo usa
``.github/workflows/desde-issue.yml``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

import entorno  # noqa: E402  (scripts/entorno.py: fuera de .venv, una línea en vez de una traza)

entorno.exigir(__file__)

from plan_migracion.datos import DatosInvalidos, cargar  # noqa: E402
from plan_migracion.datos.problemas import escapar, idiomas_de_mensajes, mensaje  # noqa: E402
from plan_migracion.salidas.desde_issue import Rechazo, desde_issue  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Escribe en datos/ el registro que propone el cuerpo de un issue de formulario, lo valida e "
                    "imprime su ruta (estado 1 y los problemas, con la etiqueta de cada campo, si no es válido).")
    parser.add_argument("archivo", help="el cuerpo del issue (texto Markdown, como lo escribe GitHub)")
    parser.add_argument("--datos", default=str(RAIZ / "datos"), help="carpeta de datos (por omisión: datos)")
    parser.add_argument("--lang", choices=idiomas_de_mensajes(), default=idiomas_de_mensajes()[0],
                        help="idioma de los mensajes")
    args = parser.parse_args(argv)
    try:
        cuerpo = Path(args.archivo).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"{escapar(args.archivo)}: {escapar(str(error))}", file=sys.stderr)
        return 1
    carpeta = Path(args.datos)
    try:
        datos = cargar(carpeta)
    except DatosInvalidos as error:  # los datos ya publicados tienen errores: nada que añadir encima
        for problema in error.problemas:
            if problema.es_error:
                print(problema.texto(args.lang), file=sys.stderr)
        return 1
    try:
        resultado = desde_issue(cuerpo, carpeta, datos, idioma=args.lang)
    except Rechazo as rechazo:
        for etiqueta, texto in rechazo.problemas:
            print(f"{etiqueta}: {texto}", file=sys.stderr)
        return 1
    aviso = mensaje("aviso", args.lang)
    for etiqueta, texto in resultado.avisos:
        print(f"{etiqueta}: {aviso}{texto}", file=sys.stderr)
    print(resultado.ruta)
    return 0


if __name__ == "__main__":
    sys.exit(main())
