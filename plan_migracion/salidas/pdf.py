"""El plan en PDF, uno por idioma (WeasyPrint), desde la plantilla ``vistas/plantillas/pdf.html``.

Lee los mismos datos que las páginas (:class:`~plan_migracion.datos.Datos` y sus
``indicadores``). La fecha que figura en la portada es la de los datos
(:func:`plan_migracion.salidas.descargas.fecha_de_los_datos`), nunca la del reloj, así
que dos compilaciones de los mismos datos dan el mismo PDF.

Con ``cache`` (una carpeta; la compilación usa ``.cache/pdf/``), un PDF ya hecho se
reutiliza si su entrada es la misma: el HTML, la hoja de estilo, la versión de
WeasyPrint y sus opciones (la clave es su SHA-256). WeasyPrint tarda ~0,4 s por idioma
con los datos de hoy (~2 s con 200 filas) y da los mismos bytes para la misma entrada:
el PDF de la caché es el que se habría escrito. Cualquier cambio que se vea en el PDF
cambia el HTML, y con él la clave.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
from importlib.metadata import version
from pathlib import Path

from ..vistas.render import PLANTILLAS, SECCIONES_PLAN, render
from ..vistas.rutas import LIMITE_LISTA

_CSS = PLANTILLAS / "pdf.css"

# (clave del título en los textos de la interfaz, ancla): las secciones del PDF y su índice, en orden. Las del
# plan, en el orden de la página del plan (vistas.render.SECCIONES_PLAN).
SECCIONES = [
    ("paginas.plan", "ficha"),
    *((f"plan.{seccion}", seccion) for seccion in SECCIONES_PLAN),
    ("paginas.convenios", "convenios"),
    ("descargas.pdf_indicadores", "indicadores"),
    ("descargas.fuentes_datos", "fuentes-datos"),
]


# Hasta cuántos talleres (o convenios) se imprimen uno por uno: los mismos que muestra una lista del
# sitio antes de repartirse por año (``vistas.rutas.LIMITE_LISTA``). Con más, el PDF da un resumen por
# año y remite a los datos abiertos (CSV/JSON): una tabla de cientos de filas no se imprime, y
# WeasyPrint tarda ~10 ms por fila y por idioma (200 convenios: 2 s; véase el benchmark en el README).
LIMITE_TALLERES_PDF = LIMITE_LISTA


def html(datos, idioma: str, fecha_datos: dt.date, fuentes_datos: list[str]) -> str:
    return str(render("pdf", datos=datos, idioma=idioma, fecha_datos=fecha_datos,
                      fuentes_datos=fuentes_datos, secciones=SECCIONES,
                      limite_talleres=LIMITE_TALLERES_PDF))


# Opciones de WeasyPrint (forman parte de la clave de la caché).
# pdf_tags: PDF etiquetado (estructura de títulos, tablas y listas para lectores de pantalla).
OPCIONES = {"pdf_tags": True}
# PDF que se guardan en la caché (los más recientes; dos idiomas por versión de los datos).
MAXIMO_EN_CACHE = 8


def clave(documento: str) -> str:
    """La clave de un PDF en la caché: todo lo que decide sus bytes."""
    partes = [f"weasyprint {version('weasyprint')}", repr(sorted(OPCIONES.items())),
              _CSS.read_text(encoding="utf-8"), documento]
    return hashlib.sha256("\0".join(partes).encode("utf-8")).hexdigest()


def _guardar(origen: Path, cache: Path, nombre: str) -> None:
    """Copia ``origen`` en la caché sin dejar nunca un archivo a medias (y poda los más viejos)."""
    try:
        cache.mkdir(parents=True, exist_ok=True)
        descriptor, temporal = tempfile.mkstemp(dir=cache, suffix=".parcial")
        os.close(descriptor)
        shutil.copyfile(origen, temporal)
        os.replace(temporal, cache / nombre)
        guardados = sorted(cache.glob("*.pdf"), key=lambda p: p.stat().st_mtime, reverse=True)
        for viejo in guardados[MAXIMO_EN_CACHE:]:
            viejo.unlink(missing_ok=True)
    except OSError:
        pass  # sin caché (sin permiso de escritura, disco lleno...): el PDF ya está escrito


def escribir(datos, idioma: str, destino: Path, fecha_datos: dt.date, fuentes_datos: list[str],
             cache: Path | None = None) -> Path:
    destino.parent.mkdir(parents=True, exist_ok=True)
    documento = html(datos, idioma, fecha_datos, fuentes_datos)
    nombre = f"{clave(documento)}.pdf"
    if cache is not None and (cache / nombre).is_file():
        shutil.copyfile(cache / nombre, destino)
        return destino

    from weasyprint import CSS, HTML  # importación diferida: solo al escribir el PDF

    HTML(string=documento, base_url=str(_CSS.parent)).write_pdf(
        destino, stylesheets=[CSS(filename=str(_CSS))], **OPCIONES)
    if cache is not None:
        _guardar(destino, cache, nombre)
    return destino
