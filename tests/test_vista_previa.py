"""Vista previa de los enlaces compartidos: Open Graph y tarjeta de X en cada página (issue 17, punto 3).

Nivel rápido: el resumen de cada registro, los metadatos de una página (con y sin dirección
pública), el parcial ``overrides/partials/og.html`` con texto hostil en un entorno de Jinja sin
escapado automático (como el de MkDocs) y las tarjetas PNG.

Nivel «sitio»: se leen los metadatos de TODAS las páginas del sitio compilado sin dirección
(``sitio``) y con ella (``sitio_publicado``), y cada imagen se busca en el sitio; un sitio con un
taller y un convenio de textos hostiles muestra esos textos tal cual en ``og:description``.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import pytest
import yaml
from PIL import Image

import conjuntos
from conftest import DATOS, DIRECCION_PUBLICA, RAIZ, compilar

from plan_migracion.datos import cargar
from plan_migracion.datos.idiomas import del_proyecto
from plan_migracion.salidas import tarjetas
from plan_migracion.vistas import formato
from plan_migracion.vistas.textos import t
from plan_migracion.vistas.vista_previa import (ALTO, ANCHO, CLAVE_RESUMEN, LARGO_DESCRIPCION, VistaPrevia,
                                                recortar, resumen, seccion)

HOSTIL = ('Taller "<script>alert(1)</script>" & </title><meta property="og:title" content="x"> '
          "'comillas' {{ 7*7 }} &amp; &lt;b&gt;")


class _Metas(HTMLParser):
    """Las etiquetas ``<meta property|name>``, el ``lang`` de ``<html>`` y el ``canonical`` de una página."""

    def __init__(self) -> None:
        super().__init__()
        self.metas: list[tuple[str, str]] = []
        self.lang = None
        self.canonica = None
        self.scripts = 0

    def handle_starttag(self, etiqueta, atributos):
        atributos = dict(atributos)
        if etiqueta == "html":
            self.lang = atributos.get("lang")
        elif etiqueta == "meta" and ("property" in atributos or "name" in atributos):
            self.metas.append((atributos.get("property") or atributos.get("name"), atributos.get("content")))
        elif etiqueta == "link" and atributos.get("rel") == "canonical":
            self.canonica = atributos.get("href")
        elif etiqueta == "script":
            self.scripts += 1

    def valores(self, clave: str) -> list[str]:
        return [valor for nombre, valor in self.metas if nombre == clave]

    def uno(self, clave: str) -> str:
        (valor,) = self.valores(clave)
        return valor


def _leer(pagina: Path) -> _Metas:
    lector = _Metas()
    lector.feed(pagina.read_text(encoding="utf-8"))
    return lector


def _paginas(sitio: Path) -> list[Path]:
    """Cada página HTML del sitio menos las 404 (no son páginas del sitio: sin vista previa)."""
    paginas = [p for p in sorted(sitio.rglob("*.html")) if p.name != "404.html"]
    assert len(paginas) > 20
    return paginas


# --- Nivel rápido -------------------------------------------------------------------------------------

def test_resumen_de_cada_registro(tmp_path):
    """El resumen de un registro es un texto suyo, en el idioma de la página."""
    datos = cargar(conjuntos.pequeno(tmp_path / "datos"))
    for idioma in datos.idiomas:
        for taller in datos.talleres:
            assert resumen(datos, "taller", taller.id, idioma) == taller.nombre.en_idioma(idioma)
        for convenio in datos.convenios:
            assert resumen(datos, "convenio", convenio.id, idioma) == convenio.objeto.en_idioma(idioma)
        for fuente in datos.fuentes:
            assert resumen(datos, "fuente", fuente.id, idioma) == fuente.nombre.en_idioma(idioma)
        for componente in datos.componentes:
            assert resumen(datos, "componente", componente.id, idioma) == componente.cita.en_idioma(idioma)
        for region in datos.regiones:
            esperado = region.nota.en_idioma(idioma) if region.nota else None
            assert resumen(datos, "region", region.id, idioma) == esperado
    assert resumen(datos, "talleres_anio", None, "es") is None


def test_recortar():
    assert recortar("  uno\n dos  ") == "uno dos"
    largo = " ".join(["palabra"] * 100)
    corto = recortar(largo)
    assert len(corto) <= LARGO_DESCRIPCION and corto.endswith("palabra…")


def test_metadatos_de_una_pagina():
    idiomas = del_proyecto()
    original, otro = idiomas[0], idiomas[1]
    vista = VistaPrevia(idiomas)
    # la página índice de la sección «talleres», en el otro idioma
    indice = vista.de_pagina(url=f"{otro}/talleres/", idioma=otro, titulo="Talleres &amp; más", meta={},
                             nombre_sitio="Sitio", url_sitio=None, url_canonica=None)
    assert indice["titulo"] == "Talleres & más"
    assert indice["imagen"] == "../tarjetas/talleres.png" and indice["url"] is None
    assert indice["descripcion"] == t("sitio.descripcion", otro)
    assert indice["locale"] == t("vista_previa.locale", otro)
    assert indice["locales_alternos"] == [t("vista_previa.locale", i) for i in idiomas if i != otro]
    assert indice["tarjeta_twitter"] == "summary_large_image"
    # un registro de esa sección, con dirección pública
    registro = vista.de_pagina(url=f"{otro}/talleres/x/", idioma=otro, titulo="X", meta={CLAVE_RESUMEN: "Su resumen"},
                               nombre_sitio="Sitio", url_sitio="https://example.org/plan",
                               url_canonica="https://example.org/plan/en/talleres/x/")
    assert registro["imagen"] == f"https://example.org/plan/{otro}/tarjetas/talleres.png"
    assert registro["url"] == "https://example.org/plan/en/talleres/x/"
    assert registro["descripcion"] == "Su resumen"
    # una página de Markdown con su descripción; la portada del original
    markdown = vista.de_pagina(url="acerca/", idioma=original, titulo="Acerca", meta={"description": "Desc."},
                               nombre_sitio="Sitio", url_sitio=None, url_canonica=None)
    assert markdown["descripcion"] == "Desc." and markdown["imagen"] == "../tarjetas/acerca.png"
    portada = vista.de_pagina(url="./", idioma=original, titulo="Inicio", meta=None, nombre_sitio="Sitio",
                              url_sitio=None, url_canonica=None)
    assert portada["titulo"] == "Sitio" and portada["imagen"] == "tarjetas/portada.png"
    # las tarjetas que pidieron: la sección con el título de su índice; la portada, la descripción
    assert vista.tarjetas(otro) == {"talleres": ("Talleres & más", "Sitio")}
    assert vista.tarjetas(original) == {"acerca": ("Acerca", "Sitio"),
                                        "portada": (t("sitio.descripcion", original), "Sitio")}
    assert seccion("") == seccion("./") == "portada" and seccion("fuentes/oim/2012/") == "fuentes"


def test_el_parcial_escapa_cada_valor():
    """``og.html`` en un entorno de Jinja sin escapado automático (el de las plantillas de MkDocs)."""
    entorno = jinja2.Environment(loader=jinja2.FileSystemLoader(str(RAIZ / "overrides")))
    vista = VistaPrevia(del_proyecto()).de_pagina(
        url="talleres/x/", idioma="es", titulo=HOSTIL.replace("&", "&amp;").replace("<", "&lt;"),
        meta={CLAVE_RESUMEN: HOSTIL}, nombre_sitio=HOSTIL, url_sitio=None, url_canonica=None)
    html = entorno.get_template("partials/og.html").render(vista_previa=vista)
    lector = _Metas()
    lector.feed(html)
    assert lector.scripts == 0
    assert lector.uno("og:description") == HOSTIL
    assert lector.uno("og:title") == HOSTIL
    assert lector.uno("og:site_name") == HOSTIL
    assert entorno.get_template("partials/og.html").render().strip() == ""  # la 404: nada


def test_colores_de_las_tarjetas_son_los_del_sitio():
    css = (RAIZ / "docs" / "estilos" / "sitio.css").read_text(encoding="utf-8")
    assert re.search(r"--md-primary-fg-color:\s*" + re.escape(tarjetas.FONDO) + ";", css, re.I)
    assert re.search(r"--md-primary-bg-color:\s*" + re.escape(tarjetas.TINTA) + ";", css, re.I)


def test_tarjeta_png_reproducible_y_de_la_cache(tmp_path):
    png = tarjetas.dibujar("Fuentes cooperantes — Cañete «Junín»", "Plan de Actuación de Migración Laboral",
                           "Ministerio de Trabajo y Promoción del Empleo (MTPE)")
    imagen = Image.open(io.BytesIO(png))
    assert imagen.format == "PNG" and imagen.size == (ANCHO, ALTO)
    assert len(imagen.getcolors(256)) > 2  # texto suavizado sobre el fondo
    assert tarjetas.dibujar("Fuentes cooperantes — Cañete «Junín»", "Plan de Actuación de Migración Laboral",
                            "Ministerio de Trabajo y Promoción del Empleo (MTPE)") == png
    assert tarjetas.dibujar("Otro título", "Plan de Actuación de Migración Laboral") != png

    cache = tmp_path / "cache"
    pedidas = {"fuentes": ("Fuentes cooperantes", "Sitio"), "portada": ("Un plan " * 40, "Sitio")}
    primeras = tarjetas.escribir(tmp_path / "a", pedidas, "MTPE", cache=cache)
    assert [p.relative_to(tmp_path / "a").as_posix() for p in primeras] == ["tarjetas/fuentes.png",
                                                                           "tarjetas/portada.png"]
    assert len(list(cache.glob("*.png"))) == 2
    segundas = tarjetas.escribir(tmp_path / "b", pedidas, "MTPE", cache=cache)
    assert [p.read_bytes() for p in segundas] == [p.read_bytes() for p in primeras]
    assert primeras[0].read_bytes() == tarjetas.dibujar("Fuentes cooperantes", "Sitio", "MTPE")


def test_sin_la_letra_la_tarjeta_se_dibuja_sin_tildes(monkeypatch):
    monkeypatch.setattr(tarjetas, "LETRA", "no-existe.ttf")
    monkeypatch.setattr(tarjetas, "LETRA_NEGRITA", "no-existe-negrita.ttf")
    tarjetas._letra.cache_clear()
    try:
        png = tarjetas.dibujar("Cañete, Junín", "Plan")
    finally:
        tarjetas._letra.cache_clear()
    assert Image.open(io.BytesIO(png)).size == (ANCHO, ALTO)


# --- Nivel «sitio» ------------------------------------------------------------------------------------

def _idioma_y_ruta(sitio: Path, pagina: Path) -> tuple[str, str]:
    """(idioma, dirección desde la raíz del sitio) de una página."""
    ruta = pagina.parent.relative_to(sitio).as_posix()
    ruta = "" if ruta == "." else ruta + "/"
    idiomas = del_proyecto()
    idioma = next((i for i in idiomas.traducidos if ruta.startswith(f"{i}/")), idiomas.original)
    return idioma, ruta


def _comprobar_comunes(sitio: Path, pagina: Path, lector: _Metas) -> str:
    idiomas = del_proyecto()
    idioma, _ = _idioma_y_ruta(sitio, pagina)
    assert lector.lang == idioma, pagina
    for clave in ("og:title", "og:description", "og:site_name", "og:image:alt"):
        assert lector.uno(clave).strip(), (pagina, clave)
    assert lector.uno("og:type") == "website"
    assert lector.uno("twitter:card") == "summary_large_image"
    assert lector.uno("og:locale") == t("vista_previa.locale", idioma)
    assert lector.valores("og:locale:alternate") == [t("vista_previa.locale", i) for i in idiomas if i != idioma]
    assert (lector.uno("og:image:width"), lector.uno("og:image:height")) == (str(ANCHO), str(ALTO))
    return idioma


def _imagen(sitio: Path, archivo: Path) -> None:
    assert archivo.is_file(), archivo
    assert archivo.resolve().is_relative_to(sitio.resolve()), archivo
    with Image.open(archivo) as imagen:
        assert imagen.format == "PNG" and imagen.size == (ANCHO, ALTO), archivo


def test_cada_pagina_sin_direccion(sitio):
    """Sin ``PLAN_URL_SITIO``: sin ``og:url``; ``og:image`` relativa a la página, un PNG del sitio."""
    datos = cargar(DATOS)
    nombres_del_sitio: dict[str, set[str]] = {}
    for pagina in _paginas(sitio):
        lector = _leer(pagina)
        idioma = _comprobar_comunes(sitio, pagina, lector)
        nombres_del_sitio.setdefault(idioma, set()).add(lector.uno("og:site_name"))
        assert lector.valores("og:url") == [] and lector.canonica is None
        imagen = lector.uno("og:image")
        assert not urlsplit(imagen).scheme and not imagen.startswith("/"), (pagina, imagen)
        _imagen(sitio, pagina.parent / imagen)
    assert all(len(nombres) == 1 for nombres in nombres_del_sitio.values()), nombres_del_sitio
    assert len(set().union(*nombres_del_sitio.values())) == len(nombres_del_sitio)  # uno por idioma

    # el resumen de cada taller y fuente es su propio texto, en cada idioma
    for idioma in datos.idiomas:
        prefijo = "" if idioma == datos.idiomas.original else f"{idioma}/"
        for taller in datos.talleres:
            lector = _leer(sitio / prefijo / "talleres" / taller.id / "index.html")
            assert lector.uno("og:description") == recortar(taller.nombre.en_idioma(idioma) or
                                                            taller.nombre.en_idioma(datos.idiomas.original))
        for fuente in datos.fuentes:
            lector = _leer(sitio / prefijo / "fuentes" / fuente.id / "index.html")
            assert lector.uno("og:description") == recortar(fuente.nombre.en_idioma(idioma))
            assert lector.uno("og:image").endswith("tarjetas/fuentes.png")


def test_cada_pagina_con_direccion(sitio_publicado):
    """Con ``PLAN_URL_SITIO``: ``og:url`` es la dirección canónica y ``og:image`` es absoluta."""
    for pagina in _paginas(sitio_publicado):
        lector = _leer(pagina)
        _comprobar_comunes(sitio_publicado, pagina, lector)
        _, ruta = _idioma_y_ruta(sitio_publicado, pagina)
        assert lector.uno("og:url") == lector.canonica == DIRECCION_PUBLICA + ruta, pagina
        imagen = lector.uno("og:image")
        assert imagen.startswith(DIRECCION_PUBLICA), (pagina, imagen)
        _imagen(sitio_publicado, sitio_publicado / imagen[len(DIRECCION_PUBLICA):])


@pytest.mark.sitio
def test_texto_hostil_en_un_resumen_sigue_siendo_texto(tmp_path):
    datos = conjuntos.pequeno(tmp_path / "datos")
    taller = sorted((datos / "talleres").glob("*.yml"))[0]
    (convenio,) = (datos / "convenios").glob("*.yml")
    for archivo, campos in ((taller, ("nombre", "lugar")), (convenio, ("objeto", "parte"))):
        registro = yaml.safe_load(archivo.read_text(encoding="utf-8"))
        for campo in campos:  # el resumen y el título
            registro[campo] = {"es": f"{HOSTIL} es", "en": f"{HOSTIL} en"}
        archivo.write_text(yaml.safe_dump(registro, allow_unicode=True), encoding="utf-8")
    fecha_taller = yaml.safe_load(taller.read_text(encoding="utf-8"))["fecha"]
    resultado = compilar(tmp_path / "site", datos)
    assert resultado.returncode == 0, resultado.stdout[-3000:] + resultado.stderr[-3000:]
    sitio = tmp_path / "site"
    normal = _leer(sitio / "acerca" / "index.html").scripts
    for prefijo, idioma in (("", "es"), ("en/", "en")):
        for carpeta, archivo in (("talleres", taller), ("convenios", convenio)):
            pagina = sitio / prefijo / carpeta / archivo.stem / "index.html"
            lector = _leer(pagina)
            assert lector.uno("og:description") == f"{HOSTIL} {idioma}"
            titulo = lector.uno("og:title")
            if carpeta == "talleres":  # «<fecha>: <lugar>»
                assert titulo == f"{formato.fecha(fecha_taller, idioma)}: {HOSTIL} {idioma}"
            else:
                assert titulo == f"{HOSTIL} {idioma}"
            assert lector.scripts == normal, pagina  # ningún <script> de más
            assert "<script>alert(1)" not in pagina.read_text(encoding="utf-8")
