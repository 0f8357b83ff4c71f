"""El sitio publicado: su dirección pública, bajo una subruta y desde la raíz, y la copia sin conexión.

- Con dirección (``PLAN_URL_SITIO=https://example.org/plan/``: el sitio como se publica, fixture
  ``sitio_publicado`` de ``conftest.py``, una compilación por sesión, compartida con test_edicion.py): el
  ``<link rel="canonical">`` de cada página, ``hreflang`` absolutos con ``x-default``, el sitemap
  con direcciones completas y alternativas, ``robots.txt`` con el sitemap y los feeds Atom
  absolutos; cada dirección absoluta lleva a un archivo que existe.
- Sin dirección (la compilación ``sitio`` de ``conftest.py``): nada absoluto, ningún canónico.
- Con y sin dirección, el sitio servido en ``http://127.0.0.1:PUERTO/plan/`` (un ``http.server``
  que sirve la carpeta del sitio bajo ``/plan/`` y ``404.html`` con estado 404) se recorre
  entero con LinkChecker (``requirements-dev.txt``; ``servidor.linkchecker``), el comprobador de
  enlaces de las pruebas: cada enlace, cada ancla y cada recurso (CSS, JavaScript, imágenes,
  descargas) de cada página de los dos idiomas. LinkChecker solo consulta 127.0.0.1: toda otra
  dirección se ignora (``--ignore-url``), así que no sale a internet. Si falta, la prueba falla (no
  se omite).
- La página 404 existe en los dos idiomas y, servida en una dirección que no existe bajo
  ``/plan/``, carga su CSS y su JavaScript (con dirección; sin ella, MkDocs la escribe para la raíz
  del servidor: se comprueba servida en la raíz).
- La copia sin conexión (ZIP): el selector de idioma de cada página, portadas incluidas, lleva a un
  ``index.html`` que está en el ZIP (nunca a ``/`` ni a ``/en/``), y nada apunta a la dirección
  pública.
"""

from __future__ import annotations

import posixpath
import urllib.error
import urllib.request
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser
from xml.etree import ElementTree as ET

import pytest

from conftest import DIRECCION_PUBLICA
from plan_migracion.salidas import descargas
from servidor import Servidor, archivos_de_paginas, comprobadas, gemela, idioma_de, linkchecker, rutas_de_paginas

DIRECCION = DIRECCION_PUBLICA
SUBRUTA = "/plan/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"


# Todas compilan el sitio (algunas eligen cuál con request.getfixturevalue, que la marca automática
# de conftest.py no ve).
pytestmark = pytest.mark.sitio


@pytest.fixture(scope="session")
def sitio_con_direccion(sitio_publicado) -> Path:
    """El sitio compilado con su dirección pública (``mkdocs build --strict``, una vez por sesión)."""
    return sitio_publicado


class _Cabecera(HTMLParser):
    """Lo que importa de una página para publicarla: idioma, canónico, hreflang, selector."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.canonicas: list[str] = []
        self.hreflang: dict[str, str] = {}
        self.selector: dict[str, str] = {}
        self.enlaces: list[str] = []  # todo href/src
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "link" and a.get("rel") == "canonical":
            self.canonicas.append(a["href"])
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            assert a["hreflang"] not in self.hreflang, f"hreflang repetido: {a['hreflang']}"
            self.hreflang[a["hreflang"]] = a["href"]
        if tag == "a" and "md-select__link" in (a.get("class") or "").split():
            self.selector[a["hreflang"]] = a["href"]
        for atributo in ("href", "src"):
            if a.get(atributo):
                self.enlaces.append(a[atributo])


def _leer(archivo: Path) -> _Cabecera:
    return _Cabecera(archivo.read_text(encoding="utf-8"))


def _archivo_de_direccion(sitio: Path, url: str) -> Path:
    """El archivo del sitio que corresponde a una dirección absoluta bajo ``DIRECCION``."""
    assert url.startswith(DIRECCION), url
    ruta = urlsplit(url).path[len(urlsplit(DIRECCION).path):]
    destino = sitio / ruta
    return destino / "index.html" if ruta == "" or ruta.endswith("/") else destino


# --- Con dirección pública ------------------------------------------------------------------------


def test_canonico_y_hreflang_absolutos_en_cada_pagina(sitio_con_direccion):
    sitio = sitio_con_direccion
    rutas = rutas_de_paginas(sitio)
    assert "" in rutas and "en/" in rutas and len(rutas) > 20
    for ruta in rutas:
        pagina = _leer(sitio / ruta / "index.html")
        es, en = DIRECCION + gemela(ruta, "es"), DIRECCION + gemela(ruta, "en")
        assert pagina.lang == idioma_de(ruta), ruta
        assert pagina.canonicas == [DIRECCION + ruta], ruta
        assert pagina.hreflang == {"es": es, "en": en, "x-default": es}, ruta
        for url in pagina.hreflang.values():
            assert _archivo_de_direccion(sitio, url).is_file(), url
        # el selector de idioma sigue siendo relativo: lleva a la gemela desde cualquier servidor
        base = f"http://servidor{SUBRUTA}{ruta}"
        assert {i: urljoin(base, href) for i, href in pagina.selector.items()} == {
            "es": f"http://servidor{SUBRUTA}{gemela(ruta, 'es')}",
            "en": f"http://servidor{SUBRUTA}{gemela(ruta, 'en')}"}, ruta
        # nada más de la página apunta a la dirección pública (solo el canónico y los hreflang)
        absolutas = [e for e in pagina.enlaces if e.startswith(DIRECCION)]
        assert sorted(absolutas) == sorted([*pagina.canonicas, *pagina.hreflang.values()]), ruta


def test_sitemap_con_direcciones_completas_y_alternativas(sitio_con_direccion):
    sitio = sitio_con_direccion
    raiz = ET.parse(sitio / "sitemap.xml").getroot()
    urls = raiz.findall(f"{SITEMAP}url")
    locs = [u.findtext(f"{SITEMAP}loc") for u in urls]
    assert sorted(locs) == sorted(DIRECCION + r for r in rutas_de_paginas(sitio))
    for url, loc in zip(urls, locs):
        ruta = loc[len(DIRECCION):]
        alternas = {x.get("hreflang"): x.get("href") for x in url.findall(f"{XHTML}link")
                    if x.get("rel") == "alternate"}
        es = DIRECCION + gemela(ruta, "es")
        assert alternas == {"es": es, "en": DIRECCION + gemela(ruta, "en"), "x-default": es}, loc


def test_robots_txt_nombra_el_sitemap(sitio_con_direccion):
    robots = RobotFileParser()
    robots.parse((sitio_con_direccion / "robots.txt").read_text(encoding="utf-8").splitlines())
    assert robots.site_maps() == [DIRECCION + "sitemap.xml"]
    assert robots.can_fetch("*", DIRECCION) and robots.can_fetch("*", DIRECCION + "en/talleres/")


@pytest.mark.parametrize("prefijo", ["", "en/"])
def test_feeds_con_enlaces_absolutos(sitio_con_direccion, prefijo):
    sitio = sitio_con_direccion
    feed = ET.parse(sitio / prefijo / descargas.CARPETA / descargas.FEED).getroot()
    enlaces = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert len(enlaces) > 2  # el propio feed, el sitio y una entrada por actividad
    for href in enlaces:
        assert href.startswith(DIRECCION + prefijo), href
        assert _archivo_de_direccion(sitio, href.partition("#")[0]).is_file(), href
    propio = feed.find(f"{ATOM}link[@rel='self']").get("href")
    assert propio == f"{DIRECCION}{prefijo}{descargas.CARPETA}/{descargas.FEED}"


@pytest.mark.parametrize("con_direccion", [True, False], ids=["con-direccion", "sin-direccion"])
def test_pagina_404_en_los_dos_idiomas(request, con_direccion):
    """La 404 de cada idioma no necesita ningún archivo del sitio (se sirve en cualquier dirección
    que no existe) y enlaza la portada de cada idioma: absoluta con dirección, relativa sin ella."""
    sitio = request.getfixturevalue("sitio_con_direccion" if con_direccion else "sitio")
    for idioma, archivo in (("es", sitio / "404.html"), ("en", sitio / "en" / "404.html")):
        texto = archivo.read_text(encoding="utf-8")
        pagina = _leer(archivo)
        assert pagina.lang == idioma
        assert pagina.canonicas == [] and pagina.hreflang == {}  # no es una página del sitio
        recursos = _Recursos(texto).recursos
        assert [r for r in recursos if not r.startswith(("data:", "http", "./", "../", "en/"))] == []
        assert "<script" not in texto and 'rel="stylesheet"' not in texto
        portadas = {"es": "", "en": "en/"}
        if con_direccion:
            assert {DIRECCION + p for p in portadas.values()} <= set(pagina.enlaces), pagina.enlaces
        else:
            carpeta = archivo.parent
            destinos = {(carpeta / e).resolve() for e in pagina.enlaces if not e.startswith("data:")}
            assert {(sitio / p).resolve() for p in portadas.values()} <= destinos, pagina.enlaces


# --- Sin dirección pública ------------------------------------------------------------------------


def test_sin_direccion_nada_es_absoluto(sitio):
    for archivo in [*archivos_de_paginas(sitio), sitio / "404.html", sitio / "en" / "404.html"]:
        pagina = _leer(archivo)
        assert pagina.canonicas == [], archivo
        assert not [h for h in pagina.hreflang.values() if urlsplit(h).scheme], archivo
        assert "x-default" not in pagina.hreflang
    robots = RobotFileParser()
    robots.parse((sitio / "robots.txt").read_text(encoding="utf-8").splitlines())
    assert robots.site_maps() is None and robots.can_fetch("*", "/talleres/")
    for prefijo in ("", "en/"):
        feed = ET.parse(sitio / prefijo / descargas.CARPETA / descargas.FEED).getroot()
        assert all(not urlsplit(link.get("href")).scheme for link in feed.iter(f"{ATOM}link"))
    sitemap = (sitio / "sitemap.xml").read_text(encoding="utf-8")
    assert "None" not in sitemap and "://" not in sitemap.split("<url>", 1)[1]


# --- Servido bajo una subruta: LinkChecker ----------------------------------------------------------


@pytest.mark.parametrize("con_direccion", [True, False], ids=["con-direccion", "sin-direccion"])
def test_linkchecker_bajo_una_subruta_sin_enlaces_rotos(request, tmp_path, con_direccion):
    sitio = request.getfixturevalue("sitio_con_direccion" if con_direccion else "sitio")
    with Servidor(sitio, SUBRUTA) as servidor:
        # y la 404 de cada idioma (nada enlaza a ella), con y sin dirección: no necesita nada de la raíz
        inicios = [servidor.base, servidor.base + "en/", servidor.base + "404.html", servidor.base + "en/404.html"]
        filas = linkchecker(servidor, inicios, tmp_path)
    vistas = comprobadas(filas, servidor)
    # LinkChecker llegó a cada página de los dos idiomas y a los recursos que cargan
    faltan = [r for r in rutas_de_paginas(sitio) if servidor.base + r not in vistas]
    assert faltan == []
    for recurso in ("assets/javascripts/", "assets/stylesheets/", "assets/images/", "estilos/sitio.css",
                    f"{descargas.CARPETA}/{descargas.FEED}", f"en/{descargas.CARPETA}/{descargas.PDF}"):
        assert any(u.startswith(servidor.base + recurso) for u in vistas), recurso
    # nada fuera de la subruta (como «/en/» o «/assets/» en la raíz del servidor)
    assert [u for u in vistas if not u.startswith(servidor.base)] == []


def test_linkchecker_404_sin_direccion_servida_en_la_raiz(sitio, tmp_path):
    """Sin dirección, la 404 es la de MkDocs para la raíz del servidor: allí resuelve todo."""
    with Servidor(sitio, "/") as servidor:
        filas = linkchecker(servidor, [servidor.base + "404.html", servidor.base + "en/404.html"], tmp_path, 1)
    assert servidor.base + "en/" in comprobadas(filas, servidor)


class _Recursos(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.recursos: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img") and a.get("src"):
            self.recursos.append(a["src"])
        if tag == "link" and a.get("rel") in ("stylesheet", "icon") and a.get("href"):
            self.recursos.append(a["href"])
        if tag == "a" and a.get("href") and not a["href"].startswith("#"):
            self.recursos.append(a["href"])


def test_404_bajo_la_subruta_no_pide_nada_de_la_raiz(sitio_con_direccion):
    """Una dirección que no existe, a varios niveles bajo ``/plan/``: el servidor responde 404 con
    ``404.html``, que no carga ningún recurso (estilo en línea), y sus enlaces llevan a la portada
    de cada idioma, que existe."""
    with Servidor(sitio_con_direccion, SUBRUTA) as servidor:
        for perdida in ("no-existe", "talleres/2099-01-01-nada/", "en/a/b/c/d.html"):
            url = servidor.base + perdida
            with pytest.raises(urllib.error.HTTPError) as error:
                urllib.request.urlopen(url, timeout=30)
            assert error.value.code == 404
            recursos = _Recursos(error.value.read().decode("utf-8")).recursos
            assert not any(r.endswith((".css", ".js")) for r in recursos), recursos
            for recurso in (r for r in recursos if not r.startswith("data:")):
                assert recurso.startswith(DIRECCION), (perdida, recurso)
                with urllib.request.urlopen(servidor.base + recurso[len(DIRECCION):], timeout=30) as respuesta:
                    assert respuesta.status == 200, (perdida, recurso)


# --- La copia sin conexión --------------------------------------------------------------------------


@pytest.mark.parametrize("con_direccion", [True, False], ids=["con-direccion", "sin-direccion"])
def test_copia_sin_conexion_cambia_de_idioma_desde_cada_pagina(request, con_direccion):
    sitio = request.getfixturevalue("sitio_con_direccion" if con_direccion else "sitio")
    with zipfile.ZipFile(sitio / descargas.CARPETA / descargas.ZIP) as zf:
        carpeta = zf.namelist()[0].split("/", 1)[0] + "/"
        archivos = {n[len(carpeta):] for n in zf.namelist()}
        paginas = rutas_de_paginas(sitio)
        assert "" in paginas and "en/" in paginas
        for ruta in paginas:
            nombre = ruta + "index.html"
            pagina = _Cabecera(zf.read(carpeta + nombre).decode("utf-8"))
            assert set(pagina.selector) == {"es", "en"}, nombre
            for idioma, href in pagina.selector.items():
                assert href.endswith("index.html") and not href.startswith("/"), (nombre, href)
                destino = posixpath.normpath(posixpath.join(posixpath.dirname(nombre), href))
                assert destino == gemela(ruta, idioma) + "index.html", (nombre, href)
                assert destino in archivos
            # desde el disco no se pide nada a internet: ni canónico ni hreflang absolutos
            assert pagina.canonicas == [], nombre
            assert not [e for e in pagina.enlaces if e.startswith(DIRECCION)], nombre
            assert not [h for h in pagina.hreflang.values() if urlsplit(h).scheme], nombre
