#!/usr/bin/env python3
"""Regenera los esquemas JSON de ``datos/esquemas/``, las tablas de ``datos/README.md`` y los
formularios de GitHub de ``.github/ISSUE_TEMPLATE/`` (sus listas salen de ``datos/``).

    python scripts/esquemas.py              # escribe los esquemas, los formularios y la línea
                                            # «# yaml-language-server: $schema=...» donde falte
    python scripts/esquemas.py --comprobar  # solo comprueba; estado 1 si un esquema o el
                                            # diccionario de datos/README.md está desactualizado
                                            # (la línea del editor que falta en un registro no
                                            # cuenta: es una ayuda, y el validador la avisa)

Después de cambiar ``plan_migracion/datos/modelos.py``, una región, una fuente cooperante o un
componente, ejecútelo y confirme los cambios. Con otra carpeta de datos, los formularios solo se
tocan si se indica ``--formularios CARPETA``.
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
from plan_migracion.salidas.esquemas import (  # noqa: E402
    CARPETA, archivos_yaml, con_diccionario, con_linea_esquema, esquemas, linea_esquema,
)
from plan_migracion.salidas.formularios import formularios  # noqa: E402

FORMULARIOS = RAIZ / ".github" / "ISSUE_TEMPLATE"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Regenera los esquemas JSON de datos/esquemas/, las tablas de "
                                                 "datos/README.md y los formularios de .github/ISSUE_TEMPLATE/.")
    parser.add_argument("carpeta", nargs="?", default=str(RAIZ / "datos"), help="carpeta de datos")
    parser.add_argument("--comprobar", action="store_true", help="no escribe nada; estado 1 si hay diferencias")
    parser.add_argument("--formularios", metavar="CARPETA",
                        help="dónde van los formularios de GitHub (por omisión, .github/ISSUE_TEMPLATE si la carpeta "
                             "de datos es la del proyecto; con otra, ninguno)")
    args = parser.parse_args(argv)
    datos = Path(args.carpeta)
    carpeta_formularios = Path(args.formularios) if args.formularios else (
        FORMULARIOS if datos.resolve() == (RAIZ / "datos").resolve() else None)
    destino = datos / CARPETA
    pendientes = []

    def poner(ruta: Path, texto: str) -> None:
        """``ruta`` debe decir ``texto``: si no lo dice, queda pendiente y (sin --comprobar) se escribe."""
        if not ruta.is_file() or ruta.read_text(encoding="utf-8") != texto:
            pendientes.append(ruta)
            if not args.comprobar:
                ruta.parent.mkdir(parents=True, exist_ok=True)
                ruta.write_text(texto, encoding="utf-8")

    for nombre, texto in esquemas().items():
        poner(destino / nombre, texto)
    sobrantes = [r for r in destino.glob("*.schema.json") if r.name not in esquemas()] if destino.is_dir() else []
    for ruta in sobrantes:
        pendientes.append(ruta)
        if not args.comprobar:
            ruta.unlink()
    for ruta in [] if args.comprobar else archivos_yaml(datos):
        texto = ruta.read_text(encoding="utf-8")
        poner(ruta, con_linea_esquema(texto, linea_esquema(datos, ruta)))
    readme = datos / "README.md"
    if readme.is_file():
        poner(readme, con_diccionario(readme.read_text(encoding="utf-8")))
    if carpeta_formularios is not None:
        try:
            textos = formularios(cargar(datos))
        except DatosInvalidos as error:  # las listas de los formularios salen de los datos
            for problema in error.problemas:
                if problema.es_error:
                    print(problema.texto(), file=sys.stderr)
            return 1
        for nombre, texto in textos.items():
            poner(carpeta_formularios / nombre, texto)
    for ruta in pendientes:
        print(f"{'desactualizado' if args.comprobar else 'actualizado'}: {ruta}")
    if args.comprobar and pendientes:
        print("Ejecute: python scripts/esquemas.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
