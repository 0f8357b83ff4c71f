"""Los archivos de la página «Descargas»: dónde van y cómo se escriben.

- Comunes a los dos idiomas, en ``descargas/`` (una sola vez): los CSV y JSON de
  cada conjunto de datos y ``datapackage.json``; la copia sin conexión (ZIP).
- De cada idioma, en ``descargas/`` (español) y ``en/descargas/`` (inglés): el
  PDF del plan y el feed Atom de actividades.

Sin dependencias de MkDocs: el complemento del sitio (``sitio_mkdocs/plugin.py``) llama a estas
funciones, y :mod:`plan_migracion.salidas.sin_conexion` arma el ZIP.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

from ..vistas import formato
from ..vistas.textos import t
from . import abiertos, feed, pdf

CARPETA = "descargas"
PDF = "plan.pdf"
FEED = "actividades.xml"
PAQUETE = "datapackage.json"
ZIP = "plan-migracion-sin-conexion.zip"


def carpeta_idioma(sitio: Path, idioma: str, original: str) -> Path:
    """``sitio/descargas`` (el idioma ``original``) o ``sitio/<idioma>/descargas`` (los demás: ``en/descargas``)."""
    return Path(sitio) / ("" if idioma == original else idioma) / CARPETA


def fecha_de_los_datos(datos) -> dt.date:
    """La fecha de la versión de los datos, sin mirar el reloj.

    En orden: ``SOURCE_DATE_EPOCH`` (la convención de compilaciones
    reproducibles); la fecha del último commit que tocó la carpeta de datos
    (``git log -1 --format=%cs``); y si no hay git ni historia, la fecha más
    reciente que figura en los datos (o el 1 de enero del primer año del plan).
    """
    epoca = os.environ.get("SOURCE_DATE_EPOCH")
    if epoca and epoca.isdigit():
        return dt.datetime.fromtimestamp(int(epoca), dt.timezone.utc).date()
    try:
        salida = subprocess.run(["git", "log", "-1", "--format=%cs", "--", "."], cwd=datos.carpeta,
                                capture_output=True, text=True, timeout=20)
        if salida.returncode == 0 and salida.stdout.strip():
            return dt.date.fromisoformat(salida.stdout.strip())
    except (OSError, ValueError, subprocess.SubprocessError):
        pass
    fechas = [ta.fecha for ta in datos.talleres] + [c.fecha_firma for c in datos.convenios]
    return max(fechas, default=dt.date(datos.plan.periodo.inicio, 1, 1))


def fijar_epoca_de_los_datos(datos) -> None:
    """Si nadie la fijó, pone ``SOURCE_DATE_EPOCH`` (la fecha que MkDocs escribe en el sitemap) en
    :func:`fecha_de_los_datos`, medianoche UTC: la misma fecha que la portada del PDF."""
    if "SOURCE_DATE_EPOCH" not in os.environ:
        dia = fecha_de_los_datos(datos)
        epoca = dt.datetime(dia.year, dia.month, dia.day, tzinfo=dt.timezone.utc).timestamp()
        os.environ["SOURCE_DATE_EPOCH"] = str(int(epoca))


def fuentes_datos(idioma: str) -> list[str]:
    """Las fuentes públicas de los datos (las de la página «Acerca de los datos»)."""
    return [t(f"descargas.fuente_{clave}", idioma) for clave in ("plan", "ley", "ubigeo")]


def para_las_vistas(datos, idioma: str) -> dict:
    """Lo que muestran de las descargas las vistas que las enlazan (``descargas``, ``enlace_pdf``,
    ``enlaces_descarga``), como datos simples: las vistas no importan las salidas. ``archivos``: la
    carpeta y cada archivo desde la raíz del sitio (o la del idioma: el PDF, el feed); de cada conjunto
    de datos abiertos, su nombre, cuántos registros tiene y sus columnas (nombre, tipo, descripción
    en ``idioma``); el separador de las listas en el CSV, la regla de las fórmulas y las fuentes."""
    return {
        "archivos": {"carpeta": CARPETA, **{clave: f"{CARPETA}/{nombre}" for clave, nombre in
                                            (("pdf", PDF), ("feed", FEED), ("paquete", PAQUETE), ("zip", ZIP))}},
        "conjuntos": [{"nombre": c.nombre, "registros": len(c.registros(datos)),
                       "columnas": [{"nombre": col.nombre, "tipo": col.tipo,
                                     "descripcion": abiertos.descripcion_columna(c.nombre, col.nombre, idioma,
                                                                                 datos.idiomas)}
                                    for col in c.columnas]}
                      for c in abiertos.conjuntos(datos.idiomas)],
        "separador": abiertos.SEPARADOR.strip(),
        "columnas_de_idioma": abiertos.columnas_de_idioma(idioma, datos.idiomas),
        "formulas": abiertos.formulas(idioma),
        "fuentes_datos": fuentes_datos(idioma),
    }


def escribir_datos_abiertos(datos, carpeta: Path) -> list[Path]:
    """CSV y JSON de cada conjunto, y ``datapackage.json``, en ``carpeta``."""
    carpeta.mkdir(parents=True, exist_ok=True)
    escritos = []
    for conjunto in abiertos.conjuntos(datos.idiomas):
        for extension, contenido in (("csv", abiertos.a_csv(conjunto, datos)),
                                     ("json", abiertos.a_json(conjunto, datos))):
            ruta = carpeta / f"{conjunto.nombre}.{extension}"
            ruta.write_text(contenido, encoding="utf-8", newline="")
            escritos.append(ruta)
    fuentes = [{"title": titulo} for titulo in fuentes_datos(datos.idiomas.original)]
    ruta = carpeta / PAQUETE
    ruta.write_text(json.dumps(abiertos.paquete(datos, fuentes), ensure_ascii=False, indent=2) + "\n",
                    encoding="utf-8")
    escritos.append(ruta)
    return escritos


def escribir_pdf(datos, idioma: str, carpeta: Path, cache: Path | None = None) -> Path:
    return pdf.escribir(datos, idioma, carpeta / PDF, fecha_de_los_datos(datos), fuentes_datos(idioma), cache)


def escribir_feed(datos, idioma: str, carpeta: Path, url_sitio: str | None = None) -> Path:
    carpeta.mkdir(parents=True, exist_ok=True)
    ruta = carpeta / FEED
    ruta.write_bytes(feed.atom(
        datos, idioma, ruta_feed=f"{CARPETA}/{FEED}", url_sitio=url_sitio,
        formatear_fecha=lambda valor: formato.fecha(valor, idioma),
        fecha_sin_actividades=fecha_de_los_datos(datos),
    ))
    return ruta


def escribir_idioma(datos, idioma: str, sitio: Path, url_sitio: str | None = None,
                    cache_pdf: Path | None = None) -> list[Path]:
    """Lo propio de un idioma: el PDF del plan (``cache_pdf``: véase :mod:`plan_migracion.salidas.pdf`) y
    el feed de actividades."""
    carpeta = carpeta_idioma(sitio, idioma, datos.idiomas.original)
    return [escribir_pdf(datos, idioma, carpeta, cache_pdf), escribir_feed(datos, idioma, carpeta, url_sitio)]
