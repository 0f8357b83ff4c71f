"""HTML válido (validador Nu) y enlaces internos que llevan a algún sitio, en el sitio compilado.

Se revisan TODOS los archivos HTML del sitio, incluido el HTML que escriben las macros (que
``mkdocs --strict`` no comprueba): cada ``href``/``src`` interno debe llevar a un archivo que
existe y cada ancla ``#x`` a un ``id`` de la página de destino.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlparse

import pytest

from conftest import RAIZ

VNU = RAIZ / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
_ATRIBUTOS = {"a": "href", "area": "href", "link": "href", "script": "src", "img": "src",
              "source": "src", "iframe": "src", "video": "src", "audio": "src", "form": "action"}


class _Lector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.enlaces: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for nombre in ("id", "name") if tag in ("a", "map") else ("id",):
            if a.get(nombre):
                self.ids.add(a[nombre])
        atributo = _ATRIBUTOS.get(tag)
        if atributo and a.get(atributo) is not None:
            self.enlaces.append(a[atributo])


def _url_de(sitio: Path, archivo: Path) -> str:
    """La URL (ruta desde la raíz del servidor) con la que se sirve ``archivo``."""
    relativa = archivo.relative_to(sitio).as_posix()
    if relativa.endswith("index.html"):
        relativa = relativa[: -len("index.html")]
    return "/" + relativa


def _archivo_de(sitio: Path, ruta: str) -> Path | None:
    destino = sitio / PurePosixPath(unquote(ruta).lstrip("/"))
    if ruta.endswith("/"):
        destino = destino / "index.html"
    if destino.is_dir():
        destino = destino / "index.html"
    return destino if destino.is_file() else None


def enlaces_rotos(sitio: Path) -> list[str]:
    """Cada enlace interno que no lleva a un archivo del sitio, o cuya ancla no existe."""
    paginas = [p for p in sitio.rglob("*.html") if p.relative_to(sitio).parts[0] != "assets"]
    lectores = {}
    for pagina in paginas:
        lector = _Lector()
        lector.feed(pagina.read_text(encoding="utf-8"))
        lectores[pagina.resolve()] = lector
    rotos = []
    for pagina in paginas:
        origen = "http://sitio" + _url_de(sitio, pagina)
        for enlace in lectores[pagina.resolve()].enlaces:
            destino = urlparse(urljoin(origen, enlace.strip()))
            if destino.scheme in ("mailto", "tel", "data"):
                continue
            if destino.scheme == "javascript":
                rotos.append(f"{_url_de(sitio, pagina)}: {enlace} (javascript:)")
                continue
            if destino.netloc != "sitio":
                continue  # enlace a otro sitio (las pruebas del navegador vigilan las peticiones)
            archivo = _archivo_de(sitio, destino.path)
            if archivo is None:
                rotos.append(f"{_url_de(sitio, pagina)}: {enlace} (no existe)")
                continue
            ancla = unquote(destino.fragment)
            if ancla and archivo.suffix == ".html":
                lector = lectores.get(archivo.resolve())
                if lector is None or ancla not in lector.ids:
                    rotos.append(f"{_url_de(sitio, pagina)}: {enlace} (no hay id «{ancla}»)")
    return rotos


def test_el_comprobador_encuentra_enlaces_y_anclas_rotos(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">bien</a><a href="a/#dos">bien</a><a href="b/">roto</a>'
        '<a href="a/#tres">ancla rota</a><a href="#uno" id="uno">propia</a>'
        '<a href="https://example.org/x">fuera</a><a href="javascript:alert(1)">js</a>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<h2 id="dos">Dos</h2><img src="../falta.png" alt="">',
                                               encoding="utf-8")
    assert sorted(enlaces_rotos(tmp_path)) == [
        "/: a/#tres (no hay id «tres»)",
        "/: b/ (no existe)",
        "/: javascript:alert(1) (javascript:)",
        "/a/: ../falta.png (no existe)",
    ]


def test_cada_enlace_interno_y_cada_ancla_llevan_a_algo(sitio):
    paginas = [p for p in sitio.rglob("*.html") if p.relative_to(sitio).parts[0] != "assets"]
    assert len(paginas) > 10
    assert enlaces_rotos(sitio) == []


def test_html_valido_segun_el_validador_nu(sitio):
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail(f"Faltan java ({java}) o {VNU}: «make test» los instala (paquetes-debian.txt y "
                    "npm ci con package-lock.json). Esta prueba no se omite.")
    resultado = subprocess.run(
        [java, "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json", str(sitio)],
        capture_output=True, text=True, timeout=300)
    mensajes = json.loads(resultado.stderr or resultado.stdout)["messages"]
    errores = [f"{m.get('url', '').split(str(sitio))[-1]}:{m.get('lastLine', '?')}: {m['message']}"
               for m in mensajes if m.get("type") in ("error", "non-document-error")]
    assert errores == [], "\n".join(errores[:50])
    assert resultado.returncode == 0
