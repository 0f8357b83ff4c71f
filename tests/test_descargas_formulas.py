"""La página de descargas explica una sola vez, donde describe los CSV, la regla de los textos que
parecen fórmulas (el apóstrofo delante en el CSV), en los dos idiomas: no en cada columna de texto
del diccionario de datos (antes, 33 veces en cada página).

La vista se dibuja con los datos reales sin compilar (nivel rápido) y se lee además la página del
sitio compilado (nivel «sitio»).
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from plan_migracion.datos import cargar
from plan_migracion.salidas import abiertos, descargas
from plan_migracion.vistas.render import render

from conftest import DATOS


class _Texto(HTMLParser):
    """El texto de una página y, por separado, el de cada sección ``<h2 id>``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.partes: list[str] = []
        self.secciones: dict[str, list[str]] = {}
        self._seccion: list[str] | None = None

    def handle_starttag(self, etiqueta, atributos):
        if etiqueta == "h2":
            self._seccion = self.secciones.setdefault(dict(atributos).get("id") or "", [])

    def handle_data(self, texto):
        self.partes.append(texto)
        if self._seccion is not None:
            self._seccion.append(texto)


def leer(html: str) -> tuple[str, dict[str, str]]:
    lector = _Texto()
    lector.feed(html)
    lector.close()
    return (" ".join(" ".join(lector.partes).split()),
            {k: " ".join(" ".join(v).split()) for k, v in lector.secciones.items()})


def _comprobar_una_vez(html: str, idioma: str) -> None:
    texto, secciones = leer(html)
    regla = " ".join(abiertos.formulas(idioma).split())
    inicios = abiertos.inicios_de_formula(idioma)  # «=», «+», «-», «@», una tabulación o …
    assert texto.count(regla) == 1, idioma
    assert texto.count(inicios) == 1, (idioma, texto.count(inicios))
    # donde se describen los CSV (la sección de los datos abiertos), junto a su descripción
    assert regla in secciones["datos-abiertos"]
    csv = " ".join(descargas.para_las_vistas(cargar(DATOS), idioma)["columnas_de_idioma"].split())
    assert csv in secciones["datos-abiertos"]
    # el diccionario de datos sigue ahí, con las columnas de texto y su idioma, sin la regla
    assert "nombre_es" in texto and "observaciones_en" in texto


@pytest.mark.parametrize("idioma", ["es", "en"])
def test_la_vista_de_descargas_explica_la_regla_una_vez(idioma):
    datos = cargar(DATOS)
    pagina = "descargas/" if idioma == datos.idiomas.original else f"{idioma}/descargas/"
    html = render("descargas", datos=datos, idioma=idioma, pagina=pagina,
                  descargas=descargas.para_las_vistas(datos, idioma))
    _comprobar_una_vez(html, idioma)


@pytest.mark.parametrize("idioma", ["es", "en"])
def test_la_pagina_de_descargas_explica_la_regla_una_vez(sitio, idioma):
    pagina = sitio / ("" if idioma == "es" else "en/") / "descargas" / "index.html"
    _comprobar_una_vez(pagina.read_text(encoding="utf-8"), idioma)
