"""Lo que las pruebas leen de un sitio compilado: páginas, enlaces entre páginas, cifras y datos abiertos.

Módulo de ayuda (no tiene pruebas): lo importan los módulos de prueba que leen el HTML o las
descargas de un sitio ya compilado, en lugar de importarse unos a otros.

- :class:`Pagina` / :func:`leer`: idioma, alternativas ``hreflang``, recursos, enlaces y texto visible.
- :class:`Html` / :func:`html` / :func:`contenido` / :func:`destinos`: enlaces con su nombre accesible,
  ids, ``<h1>`` y etiquetas; el artículo sin la navegación; las páginas a las que enlaza un artículo.
- :func:`cifra_participantes` / :func:`cifras_de`: la frase «N participantes registrados en K de los M
  talleres» de una página y las mismas cifras contadas aquí a partir de los registros.
- :func:`frictionless`: el informe de ``frictionless validate`` sobre un paquete de datos.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse


class Pagina(HTMLParser):
    """Lo que las pruebas leen de una página: idioma, alternativas, recursos y texto."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.alternas: dict[str, str] = {}
        self.recursos: list[str] = []  # todo lo que el navegador cargaría solo
        self.enlaces: list[str] = []
        self.textos: list[str] = []
        self._ignorar = 0
        self.feed(html)
        self.texto = " ".join(" ".join(self.textos).split())

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternas[a["hreflang"]] = a["href"]
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and a.get("src"):
            self.recursos.append(a["src"])
        if tag == "link" and a.get("href") and a.get("rel") in ("stylesheet", "icon", "preload", "modulepreload", "manifest"):
            self.recursos.append(a["href"])
        if tag == "a" and a.get("href"):
            self.enlaces.append(a["href"])
        if tag in ("script", "style"):
            self._ignorar += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._ignorar -= 1

    def handle_data(self, data):
        if not self._ignorar:
            self.textos.append(data)


def leer(ruta: Path) -> Pagina:
    return Pagina(ruta.read_text(encoding="utf-8"))


class Html(HTMLParser):
    """Enlaces (con su nombre accesible), ids, títulos y elementos de una página."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.enlaces: list[dict] = []  # {"href", "aria-label", "texto", "en_svg", "clase"}
        self.etiquetas: list[tuple[str, dict]] = []
        self.h1 = ""
        self._pila: list[str] = []
        self._enlace: dict | None = None
        self._en_h1 = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.etiquetas.append((tag, a))
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href") is not None:
            self._enlace = {"href": a["href"], "aria-label": a.get("aria-label"), "texto": "",
                            "en_svg": "svg" in self._pila, "clase": a.get("class", "")}
            self.enlaces.append(self._enlace)
        if tag == "h1":
            self._en_h1 = True
        if tag not in ("path", "circle", "rect", "line", "img", "meta", "link", "input", "br", "hr"):
            self._pila.append(tag)

    def handle_endtag(self, tag):
        if tag == "a":
            self._enlace = None
        if tag == "h1":
            self._en_h1 = False
        if tag in self._pila:
            while self._pila and self._pila.pop() != tag:
                pass

    def handle_data(self, data):
        if self._enlace is not None:
            self._enlace["texto"] += data
        if self._en_h1:
            self.h1 += data


def html(sitio: Path, ruta: str) -> str:
    """El HTML de la página ``ruta`` (con su prefijo de idioma, sin ``index.html``)."""
    return (sitio / ruta / "index.html").read_text(encoding="utf-8")


def contenido(texto_html: str) -> str:
    """Solo el artículo (sin navegación, cabecera ni pie)."""
    return texto_html[texto_html.index("<article"):texto_html.index("</article>")]


def destinos(sitio: Path, ruta: str) -> list[str]:
    """Las páginas (rutas del sitio, con idioma) a las que enlaza el artículo de ``ruta``."""
    base = "https://x/" + ruta.strip("/") + "/"
    salida = []
    for enlace in Html(contenido(html(sitio, ruta))).enlaces:
        destino = urlparse(urljoin(base, enlace["href"]))
        if destino.netloc == "x":
            salida.append(destino.path.strip("/"))
    return salida


PARTICIPANTES = {"es": r"(\d[\d.,]*) participantes registrados en (\d[\d.,]*) de los (\d[\d.,]*) talleres",
                 "en": r"(\d[\d.,]*) participants recorded in (\d[\d.,]*) of the (\d[\d.,]*) workshops"}


def cifra_participantes(texto: str, idioma: str, antes: str = "") -> tuple[int, int, int]:
    """(participantes, talleres con número, talleres) de la frase «N participantes registrados en K
    de los M talleres» de la página."""
    encontrada = re.search(re.escape(antes) + PARTICIPANTES[idioma], texto)
    assert encontrada, f"falta la frase de participantes en: {texto[:3000]}"
    return tuple(int(re.sub(r"[.,]", "", n)) for n in encontrada.groups())


def cifras_de(datos) -> tuple[int, int, int]:
    """Las mismas cifras, contadas aquí a partir de los registros (sean cuantos sean)."""
    conocidos = [t.participantes for t in datos.talleres if t.participantes is not None]
    return sum(conocidos), len(conocidos), len(datos.talleres)


def frictionless(ruta: Path) -> dict:
    """El informe (JSON) de ``frictionless validate`` sobre el paquete de datos ``ruta``."""
    orden = [str(Path(sys.executable).with_name("frictionless")), "validate", "--json", ruta.name]
    salida = subprocess.run(orden, cwd=ruta.parent, capture_output=True, text=True, timeout=120)
    return json.loads(salida.stdout)


def enlaces_a_otro_idioma(sitio: Path, paginas: list[Path] | None = None, idioma: str = "en") -> list[str]:
    """Enlaces de las páginas de ``idioma`` (las de ``<idioma>/``; de entre ``paginas``, si se dan) a
    páginas de otro idioma, salvo los del selector de idioma (las alternativas ``hreflang`` de la
    página) y los de la 404.

    Que cada enlace lleve a algo lo comprueba LinkChecker (``servidor.linkchecker``); esto es otra
    regla: quien lee en inglés no salta al español sin pedirlo."""
    salida = []
    for pagina in sorted(sitio.rglob("*.html")) if paginas is None else paginas:
        relativa = pagina.relative_to(sitio).as_posix()
        if not relativa.startswith(f"{idioma}/") or "404" in relativa:
            continue
        texto = pagina.read_text(encoding="utf-8")
        alternas = Pagina(texto).alternas.values()
        for enlace in Html(texto).enlaces:
            href = enlace["href"]
            destino = urlparse(urljoin("https://x/" + relativa, href))
            if destino.netloc != "x" or href in alternas:
                continue
            ruta = destino.path
            if ruta.endswith("/") or (sitio / ruta.lstrip("/")).is_dir():
                ruta = ruta.rstrip("/") + "/index.html"
            if ruta.endswith(".html") and not ruta.startswith(f"/{idioma}/"):
                salida.append(f"{relativa}: {href}")
    return salida
