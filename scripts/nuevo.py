#!/usr/bin/env python3
"""Empieza un registro nuevo a partir de una plantilla.

    python scripts/nuevo.py taller   --fecha 2012-05-10 --lugar "Piura"
    python scripts/nuevo.py convenio --fecha 2012-05-10 --lugar "Piura"

Escribe ``datos/talleres/2012-05-10-piura.yml`` (o ``datos/convenios/...``): el id y
el nombre del archivo salen de la fecha y del lugar (sin tildes, en minúsculas). La
plantilla no trae ningún dato inventado: cada hueco dice «POR LLENAR» y el validador
rechaza el archivo mientras quede alguno, así que un registro a medio llenar no se
puede publicar. Nunca sobrescribe un archivo que ya existe.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

import entorno  # noqa: E402  (scripts/entorno.py: fuera de .venv, una línea en vez de una traza)

entorno.exigir(__file__)

from plan_migracion.datos import validar  # noqa: E402
from plan_migracion.datos.modelos import MARCADOR  # noqa: E402
from plan_migracion.salidas import nuevos  # noqa: E402  (id, archivo y línea del editor, como desde-issue)


def hueco(texto: str) -> str:
    """Un valor de plantilla: «POR LLENAR: ...», entre comillas para que siga siendo YAML válido."""
    return '"' + f"{MARCADOR}: {texto}".replace("\\", "\\\\").replace('"', '\\"') + '"'


def texto_bilingue(que: str) -> str:
    return f"\n  es: {hueco(que + ', en español, tal como figura en la fuente')}\n  en: {hueco('traducción fiel al inglés')}"


def plantilla_taller(ident: str, fecha: dt.date, ids: dict[str, list[str]]) -> str:
    return f"""# Taller creado con scripts/nuevo.py. Cambie cada «{MARCADOR}» por el dato de la fuente
# (qué significa cada campo: datos/README.md). Si un dato no se conoce, escriba null donde
# se permite; nunca lo invente. El validador rechaza el archivo mientras quede un «{MARCADOR}».
id: {ident}
orden_en_fuente: null
fuente: {hueco("id de una fuente de datos/fuentes/: " + ", ".join(ids["fuentes"]))}
componente: {hueco("id de un componente de datos/componentes.yml: " + ", ".join(ids["componentes"]))}
nombre:{texto_bilingue("nombre del taller")}
fecha: {fecha.isoformat()}
lugar:{texto_bilingue("lugar")}
participantes: {hueco("número entero de participantes, o null si la fuente no lo dice")}
representacion:{texto_bilingue("quiénes participaron")}
regiones:
  - {hueco('código UBIGEO de datos/regiones.yml entre comillas, p. ej. "20"')}
"""


def plantilla_convenio(ident: str, fecha: dt.date, ids: dict[str, list[str]]) -> str:
    return f"""# Convenio creado con scripts/nuevo.py. Cambie cada «{MARCADOR}» por el dato de un documento
# público (qué significa cada campo: datos/README.md). Si un dato no se conoce, escriba null donde
# se permite; nunca lo invente. El validador rechaza el archivo mientras quede un «{MARCADOR}».
id: {ident}
parte:{texto_bilingue("gobierno regional o local que firma")}
nivel: {hueco("regional o local")}
region: {hueco('código UBIGEO de datos/regiones.yml entre comillas, p. ej. "20"')}
fecha_firma: {fecha.isoformat()}
vigencia_hasta: {hueco("fecha AAAA-MM-DD sin comillas, o null si no se conoce")}
objeto:{texto_bilingue("objeto del convenio")}
estado: {hueco("vigente, vencido o resuelto")}
documento: {hueco("dirección https:// del texto público del convenio, o null si no hay")}
fuente_informacion:{texto_bilingue("documento público donde consta el convenio")}
"""


PLANTILLAS = {"taller": plantilla_taller, "convenio": plantilla_convenio}


def _ids(datos: Path) -> dict[str, list[str]]:
    """Ids existentes para orientar (solo nombres de archivo y del YAML; nada se inventa)."""
    import yaml

    fuentes = sorted(p.stem for p in (datos / "fuentes").glob("*.yml"))
    componentes: list[str] = []
    try:
        valor = yaml.safe_load((datos / "componentes.yml").read_text(encoding="utf-8"))
        componentes = [c["id"] for c in valor["componentes"]]
    except Exception:  # datos rotos: la plantilla sale igual, sin la lista
        pass
    return {"fuentes": fuentes or ["..."], "componentes": componentes or ["..."]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Crea un taller o un convenio nuevo a partir de una plantilla.")
    parser.add_argument("tipo", choices=sorted(PLANTILLAS), help="qué registro crear")
    parser.add_argument("--fecha", required=True, help="fecha del taller o de la firma, AAAA-MM-DD")
    parser.add_argument("--lugar", required=True, help="lugar (taller) o región o parte (convenio), p. ej. Piura")
    parser.add_argument("--datos", default=str(RAIZ / "datos"), help="carpeta de datos (por omisión: datos)")
    args = parser.parse_args(argv)

    try:
        fecha = dt.date.fromisoformat(args.fecha)
    except ValueError:
        print(f"La fecha «{args.fecha}» no es válida: escríbala como AAAA-MM-DD, por ejemplo 2012-05-10.",
              file=sys.stderr)
        return 1
    ident = nuevos.ident(fecha, args.lugar)
    if not ident:
        print(f"El lugar «{args.lugar}» no tiene letras ni cifras con las que formar el nombre del archivo.",
              file=sys.stderr)
        return 1
    datos = Path(args.datos)
    ruta = nuevos.ruta_nueva(datos, args.tipo, ident)
    if (existente := nuevos.existente(ruta)) is not None:
        print(f"Ya existe {existente}: no se sobrescribe. Si es otro registro del mismo día y lugar, "
              f"use un --lugar más preciso (p. ej. «{args.lugar} 2»).", file=sys.stderr)
        return 1
    ruta.parent.mkdir(parents=True, exist_ok=True)
    ruta.write_text(nuevos.con_linea_del_editor(datos, ruta, PLANTILLAS[args.tipo](ident, fecha, _ids(datos))),
                    encoding="utf-8")

    print(f"Creado {ruta}")
    print(f"Cambie cada «{MARCADOR}» por el dato de la fuente; quedan estos huecos:")
    propios = [p for p in validar(datos) if Path(p.ruta).name == ruta.name and p.codigo == "marcador-sin-llenar"]
    for problema in propios:
        print(f"  línea {problema.linea}: {problema.campo}")
    print("Si un dato no se conoce, escriba null donde se permite (se mostrará «no registrado»); nunca lo invente.")
    print("Cuando termine, compruebe el archivo con:  make validar")
    return 0


if __name__ == "__main__":
    sys.exit(main())
