"""El plan en PDF, uno por idioma (WeasyPrint), desde la plantilla ``plantillas/pdf.html``.

Lee los mismos datos que las páginas (:class:`~plan_migracion.datos.Datos` y sus
``indicadores``). La fecha que figura en la portada es la de los datos
(:func:`plan_migracion.descargas.fecha_de_los_datos`), nunca la del reloj, así
que dos compilaciones de los mismos datos dan el mismo PDF.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import vistas

_CSS = Path(__file__).with_name("plantillas") / "pdf.css"

# (clave del título en textos.yml, ancla): el índice del PDF, en orden.
SECCIONES = [
    ("paginas.plan", "ficha"),
    ("plan.presentacion", "presentacion"),
    ("plan.finalidad", "finalidad"),
    ("plan.objetivo", "objetivo"),
    ("plan.duracion", "duracion"),
    ("plan.fuentes", "fuentes"),
    ("plan.beneficiarios", "beneficiarios"),
    ("plan.ambito", "ambito"),
    ("plan.componentes", "componentes"),
    ("plan.ejecucion", "ejecucion"),
    ("paginas.convenios", "convenios"),
    ("descargas.pdf_indicadores", "indicadores"),
    ("descargas.fuentes_datos", "fuentes-datos"),
]


# Hasta cuántos talleres (o convenios) se imprimen uno por uno. Con más, el PDF da un resumen por
# año y remite a los datos abiertos (CSV/JSON): un PDF de miles de filas no se imprime, y
# WeasyPrint tarda ~20 ms y bastante memoria por fila (véase el benchmark en el README).
LIMITE_TALLERES_PDF = 200


def html(datos, idioma: str, fecha_datos: dt.date, fuentes_datos: list[str]) -> str:
    return str(vistas.render("pdf", datos=datos, idioma=idioma, fecha_datos=fecha_datos,
                             fuentes_datos=fuentes_datos, secciones=SECCIONES,
                             limite_talleres=LIMITE_TALLERES_PDF))


def escribir(datos, idioma: str, destino: Path, fecha_datos: dt.date, fuentes_datos: list[str]) -> Path:
    from weasyprint import CSS, HTML  # importación diferida: solo al escribir el PDF

    destino.parent.mkdir(parents=True, exist_ok=True)
    documento = HTML(string=html(datos, idioma, fecha_datos, fuentes_datos), base_url=str(_CSS.parent))
    # pdf_tags: PDF etiquetado (estructura de títulos, tablas y listas para lectores de pantalla)
    documento.write_pdf(destino, stylesheets=[CSS(filename=str(_CSS))], pdf_tags=True)
    return destino
