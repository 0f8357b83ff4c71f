"""Texto hostil en los datos: se ve tal cual, escapado; nunca se ejecuta, evalúa ni enlaza.

El sitio es el del fixture ``hostil`` (conftest.py, datos de :func:`conjuntos.hostil`): una copia de
``datos/`` en la que CADA texto (de talleres, fuentes, convenios, regiones, componentes y plan) lleva
al final una carga con HTML, ``<script>``, enlaces ``javascript:``, Markdown y Jinja, marcada con un
número propio, más un convenio sintético (no hay convenios reales); test_csv_formulas.py lee el
mismo sitio. Luego se lee el HTML de todas las páginas y los índices de búsqueda.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from conjuntos import CARGA_HOSTIL as CARGA
from conjuntos import CONVENIO_HOSTIL as CONVENIO

pytestmark = pytest.mark.sitio  # todas leen el sitio compilado con los textos hostiles


class Lector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.etiquetas: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.textos: list[str] = []
        self.titulo = ""
        self._en: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.etiquetas.append((tag, dict(attrs)))
        self._en.append(tag)

    def handle_endtag(self, tag):
        if tag in self._en:
            del self._en[len(self._en) - 1 - self._en[::-1].index(tag):]

    def handle_data(self, data):
        actual = self._en[-1] if self._en else ""
        if actual == "script":
            self.scripts.append(data)
        elif actual == "title":
            self.titulo += data
        elif actual != "style":
            self.textos.append(data)


def leer(html: str) -> Lector:
    lector = Lector()
    lector.feed(html)
    return lector


def _normal(texto: str) -> str:
    return " ".join(texto.split())


def _sin_ejecutables(lector: Lector, donde: str) -> None:
    for tag, attrs in lector.etiquetas:
        for nombre, valor in attrs.items():
            valor = (valor or "").strip().lower()
            assert not valor.startswith("javascript:"), f"{donde}: <{tag} {nombre}={valor!r}>"
            assert not (nombre.startswith("on") and "alert" in valor), f"{donde}: <{tag} {nombre}=...>"
        assert not (tag == "img" and attrs.get("src") == "x"), f"{donde}: <img> de los datos"
    assert not any("alert(" in s or "xss" in s for s in lector.scripts), f"{donde}: <script> de los datos"


def test_ningun_texto_se_ejecuta_ni_enlaza(hostil):
    sitio, _ = hostil
    paginas = sorted(sitio.rglob("*.html"))
    assert len(paginas) >= 14
    for ruta in paginas:
        html = ruta.read_text(encoding="utf-8")
        donde = str(ruta.relative_to(sitio))
        _sin_ejecutables(leer(html), donde)
        # <title> sin etiquetas: el título no puede cerrarse ni abrir un <script>
        # (el de <head>; los <title> de los SVG en línea, como el mapa, son otros elementos)
        titulos = re.findall(r"<title>(.*?)</title>", html[:html.index("</head>")], re.S)
        assert len(titulos) == 1 and "<" not in titulos[0], f"{donde}: {titulos}"
        assert "<b>negrita" not in html and "<script>alert" not in html, donde


def test_cada_texto_se_ve_tal_cual(hostil):
    """Donde aparece un texto de los datos, su carga aparece entera y literal en las dos lenguas."""
    sitio, numeros = hostil
    vistos: dict[str, set[int]] = {"es": set(), "en": set()}
    for ruta in sorted(sitio.rglob("*.html")):
        idioma = "en" if ruta.relative_to(sitio).parts[0] == "en" else "es"
        lector = leer(ruta.read_text(encoding="utf-8"))
        for texto in (_normal(" ".join(lector.textos)), _normal(lector.titulo)):
            for n in map(int, re.findall(r"xss(\d+)x", texto)):
                vistos[idioma].add(n)
                assert _normal(CARGA.format(n=n)) in texto, f"{ruta.relative_to(sitio)}: carga {n} alterada"
            assert "49" not in re.sub(r"\d{3,}", "", texto.replace("xss", "")) or "{{ 7*7 }}" in texto
    for idioma, numeros_vistos in vistos.items():
        por_tipo = {numeros[n] for n in numeros_vistos}
        # cada tipo de archivo tiene textos que se muestran (y se prueban)
        assert por_tipo >= {"plan.yml", "componentes.yml", "regiones.yml", "fuentes", "talleres", "convenios"}, idioma
    assert vistos["es"] == vistos["en"]


def test_el_documento_del_convenio_es_un_enlace_https(hostil):
    sitio, _ = hostil
    for pagina in (sitio / "convenios" / "index.html", sitio / "en" / "convenios" / "index.html"):
        lector = leer(pagina.read_text(encoding="utf-8"))
        enlaces = [a["href"] for tag, a in lector.etiquetas if tag == "a" and "ejemplo.invalid/convenio" in a.get("href", "")]
        assert enlaces == [CONVENIO["documento"]]


def test_indices_de_busqueda(hostil):
    """Material inserta título y texto de los resultados como HTML: deben llegar escapados."""
    sitio, _ = hostil
    for indice in (sitio / "search" / "search_index.json", sitio / "en" / "search" / "search_index.json"):
        documentos = json.loads(indice.read_text(encoding="utf-8"))["docs"]
        cargas = 0
        for documento in documentos:
            for campo in ("title", "text"):
                lector = leer(documento[campo])
                _sin_ejecutables(lector, f"{indice.name} {documento['location']} {campo}")
                assert not any(tag in ("script", "b", "img", "a", "i") for tag, _ in lector.etiquetas)
                cargas += len(re.findall(r"xss\d+x", documento[campo]))
        assert cargas > 0
