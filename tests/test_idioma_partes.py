"""Idioma de las partes (WCAG 2.1, criterio 3.1.2): un texto que se muestra en un idioma distinto
del de la página lleva su propio ``lang`` (y ``dir`` si cambia la dirección de escritura).

Los datos son el conjunto pequeño de ``tests/conjuntos.py`` con UNA traducción quitada (el lugar
del taller de Piura, ``lugar.en``), hecho aquí en una carpeta temporal: la página inglesa muestra
ese lugar en el original (español), con el aviso de la página, y dentro de un elemento con
``lang="es"``. Las pruebas rápidas dibujan las vistas (sin MkDocs); la del sitio compila.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import Markup

import conjuntos
from conftest import compilar
from plan_migracion.datos import cargar
from plan_migracion.salidas import pdf
from plan_migracion.vistas import formato, render
from plan_migracion.vistas.render import sin_markdown

TALLER = "2012-03-10-sintetico-piura"
LUGAR_ES = "Lugar sintético de Piura"  # el original, sin traducción al inglés en estos datos
LUGAR_EN = "Synthetic place of Piura"


def _quitar_traduccion(datos: Path) -> Path:
    """Quita ``en`` del lugar del taller de Piura (el único texto sin traducir)."""
    ruta = datos / "talleres" / f"{TALLER}.yml"
    texto = ruta.read_text(encoding="utf-8")
    sin = texto.replace(f"  en: {LUGAR_EN}\n", "")
    assert sin != texto and f"es: {LUGAR_ES}" in sin
    ruta.write_text(sin, encoding="utf-8")
    return datos


@pytest.fixture(scope="module")
def datos_sin_una(tmp_path_factory) -> Path:
    carpeta = tmp_path_factory.mktemp("idioma-partes")
    return _quitar_traduccion(conjuntos.pequeno(carpeta / "datos"))


class _Idiomas(HTMLParser):
    """Cada trozo de texto de la página con el ``lang`` que le corresponde (el del elemento más
    cercano que lo declara), y los atributos de texto (alt, aria-label) con el suyo."""

    VACIOS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
              "path", "rect", "line", "circle"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.pila: list[tuple[str, str | None]] = []
        self.textos: list[tuple[str, str | None, str]] = []  # (texto, lang, etiqueta)
        self.feed(html)

    def _lang(self) -> str | None:
        return next((lang for _, lang in reversed(self.pila) if lang), None)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in self.VACIOS:
            self.pila.append((tag, a.get("lang")))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        for i in range(len(self.pila) - 1, -1, -1):
            if self.pila[i][0] == tag:
                del self.pila[i:]
                break

    def handle_data(self, data):
        if data.strip():
            self.textos.append((data.strip(), self._lang(), self.pila[-1][0] if self.pila else ""))

    def idiomas_de(self, texto: str) -> list[str | None]:
        return [lang for t, lang, _ in self.textos if texto in t]


# --- Nivel rápido: las vistas, sin MkDocs ----------------------------------------------------------

def test_el_texto_sin_traducir_va_en_un_elemento_con_lang_del_original(datos_sin_una):
    datos = cargar(datos_sin_una)
    en = render("taller", datos=datos, idioma="en", pagina=f"en/talleres/{TALLER}/", id=TALLER)
    assert f'<span lang="es">{LUGAR_ES}</span>' in en
    assert "Translation pending" in en  # y la página lo dice
    assert set(_Idiomas(en).idiomas_de(LUGAR_ES)) == {"es"}
    # Los textos traducidos del mismo registro no llevan lang propio (son del idioma de la página).
    assert _Idiomas(en).idiomas_de("Synthetic workshop of Piura") == [None]
    # En la página española el mismo texto es del idioma de la página: ningún lang añadido.
    es = render("taller", datos=datos, idioma="es", pagina=f"talleres/{TALLER}/", id=TALLER)
    assert LUGAR_ES in es and 'lang="' not in es


def test_el_titulo_de_la_pagina_marca_la_parte_y_no_lleva_el_aviso(datos_sin_una):
    datos = cargar(datos_sin_una)
    titulo = render("titulo_registro", datos=datos, idioma="en", pagina=f"en/talleres/{TALLER}/",
                    pagina_de="taller", id=TALLER)
    assert titulo == f'10 March 2012: <span lang="es">{LUGAR_ES}</span>'


def test_sin_markdown_conserva_el_lang_y_escapa_el_texto():
    parte = formato.EnOtroIdioma("[x](javascript:alert(1)) & <b>", "es", "en")
    html = str(sin_markdown(parte))
    assert html.startswith('<span lang="es">') and html.endswith("</span>")
    assert "<b>" not in html and "&amp;" in html and "&lt;b&gt;" in html
    assert "[" not in html and "(" not in html  # ni enlace de Markdown
    assert str(sin_markdown(Markup("a &amp; <i>b_c</i>"))) == "a &amp; <i>b&#95;c</i>"


def test_en_atributos_y_svg_el_texto_simple_y_el_lang_en_el_elemento(tmp_path):
    """Donde no cabe un <span> (aria-label, <title> de un SVG): el texto simple, y el lang en el
    elemento si el texto es todo su contenido. Aquí falta la traducción del nombre de Piura."""
    carpeta = conjuntos.pequeno(tmp_path / "datos")
    texto = (carpeta / "regiones.yml").read_text(encoding="utf-8")
    sin = texto.replace("      es: Piura\n      en: Piura\n", "      es: Piura\n", 1)
    assert sin != texto
    (carpeta / "regiones.yml").write_text(sin, encoding="utf-8")
    regiones = render("regiones", datos=cargar(carpeta), idioma="en", pagina="en/regiones/")
    svg = regiones[regiones.index("<svg"):regiones.index("<figcaption>")]
    assert "<span" not in svg  # un elemento HTML dentro de un SVG lo cortaría
    assert '<title lang="es">Piura</title>' in svg
    assert re.search(r'aria-label="Piura: [^"<]+"', svg)
    # En la tabla de la misma página, la parte va en su <span>.
    assert '<span lang="es">Piura</span>' in regiones[regiones.index("</figure>"):]


def test_el_pdf_marca_las_partes_en_otro_idioma(datos_sin_una):
    datos = cargar(datos_sin_una)
    html = pdf.html(datos, "en", dt.date(2014, 12, 31), [])
    assert f'<span lang="es">{LUGAR_ES}</span>' in html
    assert set(_Idiomas(html).idiomas_de(LUGAR_ES)) == {"es"}


def test_dir_cuando_cambia_la_direccion_de_escritura():
    assert str(formato.atributos_de_idioma("es", "es")) == ""
    assert str(formato.atributos_de_idioma("es", "en")) == ' lang="es"'
    assert str(formato.atributos_de_idioma("ar", "en")) == ' lang="ar" dir="rtl"'
    assert str(formato.atributos_de_idioma("es", "ar")) == ' lang="es" dir="ltr"'
    assert Markup(formato.EnOtroIdioma("مرحبا", "ar", "es")).__html__() == '<span lang="ar" dir="rtl">مرحبا</span>'


# --- Nivel sitio: la página inglesa compilada -------------------------------------------------------

@pytest.mark.sitio
def test_la_pagina_inglesa_compilada_marca_el_texto_sin_traducir(datos_sin_una, tmp_path):
    resultado = compilar(tmp_path / "site", datos_sin_una)
    assert resultado.returncode == 0, resultado.stdout[-3000:] + resultado.stderr[-3000:]
    en = (tmp_path / "site" / "en" / "talleres" / TALLER / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in en
    # En el contenido de la página (su título <h1> incluido): siempre dentro de un elemento con
    # lang="es". (El <title> del documento no admite partes; la cabecera de Material lo repite.)
    pagina = _Idiomas('<html lang="en">' + en[en.index("<article"):en.index("</article>")])
    assert len(pagina.idiomas_de(LUGAR_ES)) >= 2 and set(pagina.idiomas_de(LUGAR_ES)) == {"es"}
    # El <title> de la página es el título, sin el aviso de traducción pendiente.
    assert re.search(r"<title>10 March 2012: " + re.escape(LUGAR_ES) + " - ", en)
    assert "Translation pending" in en  # el aviso, en el contenido
    # Las otras páginas que lo citan (cronología) también lo marcan.
    cronologia = (tmp_path / "site" / "en" / "cronologia" / "index.html").read_text(encoding="utf-8")
    cronologia = _Idiomas(cronologia[cronologia.index("<article"):])
    assert set(cronologia.idiomas_de(LUGAR_ES)) == {"es"}
    # En español, el mismo texto no lleva lang propio: es el de la página.
    es = (tmp_path / "site" / "talleres" / TALLER / "index.html").read_text(encoding="utf-8")
    assert LUGAR_ES in es and f'<span lang="es">{LUGAR_ES}' not in es
