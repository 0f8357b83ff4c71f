"""Qué archivos hay en ``datos/`` y cuáles se leen: el inventario.

:data:`COLECCIONES` dice qué tipo de archivo va en cada lugar; :func:`inventario` recorre la
carpeta sin seguir enlaces y rechaza, con su ruta y el motivo, todo lo que no es de un tipo
conocido (nada se ignora en silencio).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from . import modelos as m
from .errores_del_sistema import motivo_oserror
from .modelos import EXTENSIONES_FOTO
from .problemas import Problema, como_datos, detalle

# Un tipo de archivo por entrada: (nombre en datos/, modelo, ¿una carpeta con un registro por archivo?)
COLECCIONES = {
    "plan": ("plan.yml", m.Plan, False),
    "componentes": ("componentes.yml", m.Componentes, False),
    "regiones": ("regiones.yml", m.Regiones, False),
    "fuentes": ("fuentes", m.Fuente, True),
    "talleres": ("talleres", m.Taller, True),
    "convenios": ("convenios", m.Convenio, True),
}


# Qué puede haber en cada lugar de datos/ (además de «.gitkeep», que vale en cualquier carpeta).
# Todo lo demás se rechaza con su ruta y el motivo: nada se ignora en silencio.
_RAIZ_ARCHIVOS = {"plan.yml", "componentes.yml", "regiones.yml", "README.md"}
_RAIZ_CARPETAS = {"fuentes", "talleres", "convenios", "esquemas", "fotos"}
# (Lo que se dice que va en cada lugar: «detalles.que-va» de mensajes/<idioma>.yml.)


def relativa(ruta: Path, carpeta: Path) -> str:
    """La ruta que muestran los mensajes: ``datos/talleres/x.yml`` (el nombre de ``carpeta`` y lo de dentro)."""
    try:
        return str(Path(carpeta.name) / ruta.relative_to(carpeta))
    except ValueError:
        return str(ruta)


def _tipo_especial(modo: int) -> str:
    """La clave de «detalles.tipo-especial» (mensajes/<idioma>.yml) de lo que no es un archivo normal."""
    if stat.S_ISFIFO(modo):
        return "fifo"
    if stat.S_ISSOCK(modo):
        return "socket"
    return "dispositivo"


def inventario(carpeta: Path, problemas: list[Problema]) -> set[Path]:
    """Recorre ``carpeta`` sin seguir enlaces y devuelve los YAML de registros que se pueden leer.

    Cada archivo es de un tipo conocido (los de ``COLECCIONES``, ``README.md``, los esquemas,
    las fotos, ``.gitkeep``) o se rechaza con su ruta y el motivo: una extensión en mayúsculas,
    ``.yaml`` o ``.yml.txt``, una carpeta donde va un archivo, un enlace simbólico (roto o no,
    también ``fotos/`` entera), una FIFO o un dispositivo.
    """
    registros = {archivo for archivo, _, es_carpeta in COLECCIONES.values() if es_carpeta}
    aceptados: set[Path] = set()

    def rechazar(ruta: Path, codigo: str, es_carpeta: bool = False, **datos) -> None:
        problemas.append(Problema(relativa(ruta, carpeta) + ("/" if es_carpeta else ""), 1, "", codigo, datos))

    def recorrer(directorio: Path, lugar: tuple[str, ...]) -> None:
        try:
            entradas = sorted(os.scandir(directorio), key=lambda e: e.name)
        except OSError as exc:
            rechazar(directorio, "archivo-ilegible", es_carpeta=True, **motivo_oserror(exc))
            return
        tipo = "" if not lugar else ("registros" if lugar[0] in registros else lugar[0])
        solo_van = detalle("solo-van", donde=relativa(directorio, carpeta) + "/",
                           que_va=detalle(f"que-va.{tipo or 'raiz'}"))
        motivo = como_datos("motivo", solo_van)
        for entrada in entradas:
            ruta = Path(entrada.path)
            modo = entrada.stat(follow_symlinks=False).st_mode
            if stat.S_ISLNK(modo):
                destino = os.readlink(ruta)
                roto = not ruta.exists()
                rechazar(ruta, "enlace-simbolico",
                         **como_datos("destino", detalle("enlace.roto" if roto else "enlace.a", destino=destino)))
            elif stat.S_ISDIR(modo):
                if (not lugar and entrada.name in _RAIZ_CARPETAS) or tipo == "fotos":
                    recorrer(ruta, (*lugar, entrada.name))
                else:
                    rechazar(ruta, "carpeta-inesperada", es_carpeta=True, **motivo)
            elif not stat.S_ISREG(modo):
                rechazar(ruta, "archivo-no-regular", **como_datos("tipo", detalle(f"tipo-especial.{_tipo_especial(modo)}")))
            elif entrada.name == ".gitkeep":
                continue
            elif tipo == "":
                if entrada.name in _RAIZ_ARCHIVOS:
                    aceptados.add(ruta)
                elif (ruta.suffix != ".yml" and ruta.suffix.lower() in (".yml", ".yaml")
                      and f"{ruta.stem.lower()}.yml" in _RAIZ_ARCHIVOS):
                    rechazar(ruta, "extension-yml", extension=ruta.suffix, esperado=f"{ruta.stem.lower()}.yml")
                else:
                    rechazar(ruta, "archivo-inesperado", **motivo)
            elif tipo == "registros":
                if ruta.suffix == ".yml":
                    aceptados.add(ruta)
                elif ruta.suffix.lower() in (".yml", ".yaml"):
                    rechazar(ruta, "extension-yml", extension=ruta.suffix, esperado=f"{ruta.stem}.yml")
                else:
                    rechazar(ruta, "archivo-inesperado", **_con_extension(solo_van, ruta))
            elif tipo == "esquemas":
                if not entrada.name.endswith(".schema.json"):
                    rechazar(ruta, "archivo-inesperado", **_con_extension(solo_van, ruta))
            elif ruta.suffix not in EXTENSIONES_FOTO:  # fotos
                rechazar(ruta, "archivo-inesperado", **_con_extension(solo_van, ruta))

    if carpeta.is_dir():
        recorrer(carpeta, ())
    return aceptados


def _con_extension(motivo: dict[str, str], ruta: Path) -> dict[str, str]:
    """El motivo (en cada idioma), más la extensión que tiene el archivo (o que no tiene ninguna),
    como datos del problema."""
    if ruta.suffix:
        return como_datos("motivo", detalle("extension.termina-en", motivo=motivo, extension=ruta.suffix))
    return como_datos("motivo", detalle("extension.ninguna", motivo=motivo))
