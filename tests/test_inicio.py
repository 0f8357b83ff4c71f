"""La portada: el plan de un vistazo (issue 17, punto 1), en los dos idiomas.

- Las cifras de las tarjetas son las de la capa de datos (``datos.indicadores``), formateadas como
  las escribe cada idioma; nunca un número escrito a mano. Un dato que no se conoce (ningún taller
  registra participantes) es «no registrado», nunca 0.
- Cada tarjeta y cada enlace de la portada llevan a una página (y ancla) que existe.
- El mapa es el de la página de regiones (el mismo SVG, con enlaces a las mismas regiones).
- Los tres registros de «Lo más reciente» son los tres más recientes por fecha, contados aquí.
- En Chromium, a 1280 y a 360 px: axe sin violaciones, nada se sale de lado, y desde ``file://``
  la portada carga sus estilos y no pide nada que falte.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from babel.numbers import format_decimal

import conjuntos
from plan_migracion.datos import cargar
from plan_migracion.salidas import descargas
from plan_migracion.vistas import render
from servidor import Servidor

IDIOMAS = {"es": "", "en": "en/"}
ETIQUETAS_WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ANCHOS = {1280: 800, 360: 640}


class Portada(HTMLParser):
    """Lo que la prueba lee de la portada: las tarjetas de cifras, los enlaces, el mapa y la lista
    de lo más reciente."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tarjetas: list[dict] = []  # {"href", "cifra", "texto"}
        self.enlaces: list[str] = []
        self.recientes: list[dict] = []  # {"fecha" (datetime), "href"}
        self.mapa_enlaces: list[str] = []
        self._en: list[str] = []  # clases abiertas que importan
        self._pila: list[str] = []
        self._actual: dict | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        clases = (a.get("class") or "").split()
        self._pila.append(tag)
        if tag == "div" and "cifras" in clases and "cards" in clases:
            self._en.append(("cifras", len(self._pila)))
        if tag == "ol" and "recientes" in clases:
            self._en.append(("recientes", len(self._pila)))
        if tag == "svg" and "mapa-peru" in clases:
            self._en.append(("mapa", len(self._pila)))
        zona = self._en[-1][0] if self._en else None
        if tag == "a" and a.get("href"):
            self.enlaces.append(a["href"])
            if zona == "cifras":
                self._actual = {"href": a["href"], "cifra": "", "texto": ""}
                self.tarjetas.append(self._actual)
            elif zona == "mapa":
                self.mapa_enlaces.append(a["href"])
            elif zona == "recientes":
                self.recientes[-1]["href"] = a["href"]
        if tag == "li" and zona == "recientes":
            self.recientes.append({"fecha": None, "href": None})
        if tag == "time" and zona == "recientes":
            self.recientes[-1]["fecha"] = dt.date.fromisoformat(a["datetime"])
        if tag == "span" and self._actual is not None:
            self._campo = "cifra" if "cifra" in clases else "texto" if "cifra-texto" in clases else None

    def handle_endtag(self, tag):
        while self._pila:
            abierta = self._pila.pop()
            if self._en and self._en[-1][1] > len(self._pila):
                self._en.pop()
            if abierta == tag:
                break
        if tag == "a":
            self._actual = None

    def handle_data(self, data):
        if self._actual is not None and getattr(self, "_campo", None):
            self._actual[self._campo] += data


def _leer(sitio: Path, idioma: str) -> tuple[str, Portada]:
    html = (sitio / IDIOMAS[idioma] / "index.html").read_text(encoding="utf-8")
    return html, Portada(html)


def _archivo(sitio: Path, pagina: str, href: str) -> tuple[Path, str]:
    """El archivo del sitio al que lleva ``href`` desde ``pagina`` (``en/``...), y su ancla."""
    destino = urljoin("http://x/" + pagina, href)
    partes = urlsplit(destino)
    ruta = sitio / unquote(partes.path).lstrip("/")
    if partes.path.endswith("/"):
        ruta = ruta / "index.html"
    return ruta, partes.fragment


def _cifras_esperadas(datos, idioma: str) -> list[str]:
    ind = datos.indicadores
    participantes = (format_decimal(ind.total_participantes, locale=idioma) if ind.talleres_con_participantes
                     else {"es": "no registrado", "en": "not recorded"}[idioma])
    return [format_decimal(n, locale=idioma) if not isinstance(n, str) else n for n in (
        ind.total_talleres, participantes, ind.gobiernos_regionales_alcanzados, len(datos.fuentes),
        ind.total_convenios)]


# --- Sitio compilado ----------------------------------------------------------------------------------

@pytest.mark.parametrize("idioma", IDIOMAS)
def test_las_cifras_son_las_de_los_datos(pequeno, idioma):
    """Con el conjunto pequeño (cifras distintas de las reales) las tarjetas cambian con los datos."""
    sitio, carpeta = pequeno
    _, portada = _leer(sitio, idioma)
    assert [t["cifra"].strip() for t in portada.tarjetas] == _cifras_esperadas(cargar(carpeta), idioma)


@pytest.mark.parametrize("idioma", IDIOMAS)
def test_las_cifras_de_los_datos_reales(sitio, idioma):
    from conftest import DATOS

    datos = cargar(DATOS)
    _, portada = _leer(sitio, idioma)
    assert [t["cifra"].strip() for t in portada.tarjetas] == _cifras_esperadas(datos, idioma)
    ind = datos.indicadores
    assert (f"{ind.talleres_con_participantes} " in portada.tarjetas[1]["texto"]
            and f" {ind.total_talleres} " in portada.tarjetas[1]["texto"])


@pytest.mark.parametrize("idioma", IDIOMAS)
def test_cada_tarjeta_y_cada_enlace_llevan_a_una_pagina_que_existe(sitio, idioma):
    html, portada = _leer(sitio, idioma)
    assert len(portada.tarjetas) == 5
    destinos = [_archivo(sitio, IDIOMAS[idioma], t["href"])[0].parent.name for t in portada.tarjetas]
    assert destinos == ["talleres", "indicadores", "regiones", "fuentes", "convenios"]
    faltan = []
    for href in portada.enlaces:
        if urlsplit(href).scheme:
            continue
        archivo, ancla = _archivo(sitio, IDIOMAS[idioma], href)
        if not archivo.is_file():
            faltan.append(href)
        elif ancla and f'id="{ancla}"' not in archivo.read_text(encoding="utf-8"):
            faltan.append(href)
    assert faltan == []
    # El PDF y los datos abiertos, a un clic desde la portada.
    hrefs = {_archivo(sitio, IDIOMAS[idioma], h)[0].relative_to(sitio).as_posix() for h in portada.enlaces}
    assert f"{IDIOMAS[idioma]}descargas/plan.pdf" in hrefs
    assert any("descargas/#datos-abiertos" in h for h in portada.enlaces)


@pytest.mark.parametrize("idioma", IDIOMAS)
def test_el_mapa_es_el_de_la_pagina_de_regiones(sitio, idioma):
    html, portada = _leer(sitio, idioma)
    regiones = Portada((sitio / IDIOMAS[idioma] / "regiones" / "index.html").read_text(encoding="utf-8"))
    assert "<script" not in html[html.index('<svg class="mapa-peru"'):html.index("</figure>")]
    en_portada = [_archivo(sitio, IDIOMAS[idioma], h)[0] for h in portada.mapa_enlaces]
    en_regiones = [_archivo(sitio, IDIOMAS[idioma] + "regiones/", h)[0] for h in regiones.mapa_enlaces]
    assert len(en_portada) >= 25 and en_portada == en_regiones
    assert all(a.is_file() for a in en_portada)
    # Y un enlace a la página de las regiones.
    assert any(_archivo(sitio, IDIOMAS[idioma], h)[0] == sitio / IDIOMAS[idioma] / "regiones" / "index.html"
               for h in portada.enlaces)


@pytest.mark.parametrize("idioma", IDIOMAS)
def test_lo_mas_reciente_son_los_tres_ultimos_registros_por_fecha(pequeno, idioma):
    sitio, carpeta = pequeno
    datos = cargar(carpeta)
    _, portada = _leer(sitio, idioma)
    todos = sorted([(t.fecha, f"talleres/{t.id}/") for t in datos.talleres]
                   + [(c.fecha_firma, f"convenios/{c.id}/") for c in datos.convenios], reverse=True)
    assert len(portada.recientes) == 3
    assert [r["fecha"] for r in portada.recientes] == [fecha for fecha, _ in todos[:3]]
    for reciente in portada.recientes:
        archivo, _ = _archivo(sitio, IDIOMAS[idioma], reciente["href"])
        ruta = archivo.parent.relative_to(sitio / IDIOMAS[idioma]).as_posix() + "/"
        assert (reciente["fecha"], ruta) in todos[:3]


# --- Vistas (nivel rápido) ------------------------------------------------------------------------------

@pytest.mark.parametrize("idioma", IDIOMAS)
def test_sin_participantes_conocidos_la_cifra_es_no_registrado(tmp_path, idioma):
    carpeta = conjuntos.pequeno(tmp_path / "datos")
    for ruta in (carpeta / "talleres").glob("*.yml"):
        texto = ruta.read_text(encoding="utf-8")
        ruta.write_text(re.sub(r"participantes: \d+", "participantes: null", texto), encoding="utf-8")
    datos = cargar(carpeta)
    assert datos.indicadores.talleres_con_participantes == 0
    html = render("inicio", datos=datos, idioma=idioma, pagina=IDIOMAS[idioma],
                  descargas=descargas.para_las_vistas(datos, idioma))
    portada = Portada(str(html))
    assert portada.tarjetas[1]["cifra"].strip() == {"es": "no registrado", "en": "not recorded"}[idioma]
    assert not re.search(r"\b0\b", portada.tarjetas[1]["cifra"] + portada.tarjetas[1]["texto"])
    assert [t["cifra"].strip() for t in portada.tarjetas] == _cifras_esperadas(datos, idioma)


# --- Navegador -----------------------------------------------------------------------------------------

def test_axe_y_disposicion_de_las_dos_portadas_a_1280_y_360(navegador, sitio):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    fallos = {}
    with Servidor(sitio) as servidor:
        for ancho, alto in ANCHOS.items():
            contexto = navegador.new_context(viewport={"width": ancho, "height": alto})
            pagina = contexto.new_page()
            for idioma, ruta in IDIOMAS.items():
                pagina.goto(servidor.base + ruta, wait_until="networkidle")
                violaciones = axe.run(pagina, options={"runOnly": {"type": "tag", "values": ETIQUETAS_WCAG},
                                                       "resultTypes": ["violations"]}).response["violations"]
                if violaciones:
                    fallos[(idioma, ancho)] = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violaciones]
                medidas = pagina.evaluate("""() => ({ancho: document.documentElement.scrollWidth,
                    visible: document.documentElement.clientWidth,
                    columnas: getComputedStyle(document.querySelector('.grid.cards.cifras')).gridTemplateColumns
                                 .split(' ').length,
                    mapa: document.querySelector('svg.mapa-peru').getBoundingClientRect().width})""")
                assert medidas["ancho"] <= medidas["visible"], (idioma, ancho, medidas)
                assert medidas["mapa"] > 200, (idioma, ancho, medidas)
                # En el teléfono, una tarjeta por fila; en el escritorio, varias.
                assert (medidas["columnas"] == 1) if ancho == 360 else (medidas["columnas"] >= 3), medidas
            contexto.close()
    assert fallos == {}


def test_la_portada_de_la_copia_sin_conexion_desde_file(navegador, sitio, tmp_path):
    """La copia sin conexión (el ZIP de las descargas), abierta con file:// en un teléfono: la
    portada carga sus estilos, el mapa y todo lo que pide; sus tarjetas llevan a archivos que están."""
    with zipfile.ZipFile(sitio / "descargas" / descargas.ZIP) as zf:
        zf.extractall(tmp_path)
    copia = tmp_path / "plan-migracion-sin-conexion"
    contexto = navegador.new_context(viewport={"width": 360, "height": 640})
    pagina = contexto.new_page()
    fallidas: list[str] = []
    # Lo que carga la página (estilos, imágenes, scripts, fuentes). El JavaScript de Material pide
    # además sitemap.xml (fetch) para su selector de idioma, que file:// no le da: no es de la portada.
    pagina.on("requestfailed", lambda r: r.resource_type not in ("xhr", "fetch") and fallidas.append(r.url))
    for ruta in IDIOMAS.values():
        pagina.goto((copia / ruta / "index.html").as_uri(), wait_until="load")
        assert pagina.evaluate("getComputedStyle(document.querySelector('.grid.cards.cifras')).display") == "grid"
        assert pagina.locator("svg.mapa-peru a").count() >= 25
        assert pagina.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        for href in pagina.eval_on_selector_all(".grid.cards.cifras a", "els => els.map(e => e.href)"):
            archivo = Path(unquote(urlsplit(href).path))
            assert (archivo / "index.html" if href.split("#")[0].endswith("/") else archivo).is_file(), href
    contexto.close()
    assert fallidas == []
