"""La copia sin conexión nunca abre una carpeta: desde ``file://``, cada enlace de cada página, en
los dos idiomas, lleva a un archivo (``…/index.html``), también el logo, el título del menú lateral
y «Inicio» de las páginas a dos niveles (``regiones/x/``), que Material escribe como ``../..``.

Se descomprime el ZIP y se lee cada página con el analizador de HTML de la biblioteca estándar:
cada ``href`` y ``src`` relativo lleva a un archivo que existe en la copia (no a una carpeta, que el
navegador mostraría como una lista de archivos), y ninguno va a la raíz del disco (``/assets/…``).
Con el sitio sin dirección y con la dirección pública bajo una subruta (``PLAN_URL_SITIO``).
"""

from __future__ import annotations

import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from plan_migracion.datos.idiomas import Idiomas
from plan_migracion.salidas import descargas, sin_conexion

# Esquemas que no son archivos de la copia: enlaces a otros sitios (se abren en el navegador con
# conexión), correo e imágenes en línea.
_FUERA = {"http", "https", "mailto", "data"}


class _Enlaces(HTMLParser):
    """Cada ``href`` y ``src`` de una página: ``(etiqueta, atributo, valor, clases)``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.enlaces: list[tuple[str, str, str, str]] = []

    def handle_starttag(self, etiqueta, atributos):
        atributos = dict(atributos)
        for nombre in ("href", "src"):
            if atributos.get(nombre) is not None:
                self.enlaces.append((etiqueta, nombre, atributos[nombre], atributos.get("class") or ""))


def enlaces(pagina: Path) -> list[tuple[str, str, str, str]]:
    lector = _Enlaces()
    lector.feed(pagina.read_text(encoding="utf-8"))
    lector.close()
    return lector.enlaces


def problemas(raiz: Path) -> list[str]:
    """Los enlaces de las páginas de ``raiz`` que desde el disco no abren un archivo de la copia."""
    encontrados = []
    for pagina in sorted(raiz.rglob("*.html")):
        for etiqueta, atributo, valor, _ in enlaces(pagina):
            partes = urlsplit(valor)
            donde = f"{pagina.relative_to(raiz)}: <{etiqueta} {atributo}=\"{valor}\">"
            if partes.scheme in _FUERA:
                continue
            if partes.scheme or partes.netloc or valor.startswith("/"):
                encontrados.append(f"{donde} va a la raíz del disco o a otro sitio")
                continue
            if not partes.path:  # «#ancla» o «?consulta»: la misma página
                continue
            destino = pagina.parent / unquote(partes.path)
            if destino.is_dir():
                encontrados.append(f"{donde} abre una carpeta")
            elif not destino.is_file():
                encontrados.append(f"{donde} no existe")
    return encontrados


def _descomprimir(sitio: Path, destino: Path) -> Path:
    with zipfile.ZipFile(sitio / descargas.CARPETA / descargas.ZIP) as zf:
        zf.extractall(destino)
    return destino / sin_conexion.CARPETA_ZIP


@pytest.mark.sitio  # (el fixture se pide con getfixturevalue: conftest no lo ve solo)
@pytest.mark.parametrize("con_direccion", [False, True], ids=["sin-direccion", "con-direccion"])
def test_ninguna_pagina_de_la_copia_enlaza_una_carpeta(request, tmp_path, con_direccion):
    sitio = request.getfixturevalue("sitio_publicado" if con_direccion else "sitio")
    copia = _descomprimir(sitio, tmp_path)
    paginas = {p.relative_to(copia).as_posix() for p in copia.rglob("*.html")}
    # las dos lenguas, las portadas, las páginas 404 y páginas a dos niveles de cada una
    assert {"index.html", "en/index.html", "404.html", "en/404.html"} <= paginas
    dos_niveles = sorted(p for p in paginas if p.startswith("regiones/") and p.count("/") == 2)
    assert dos_niveles and any(p.startswith("en/regiones/") and p.count("/") == 3 for p in paginas)

    assert problemas(copia) == []

    # el logo y el título del menú lateral de una página a dos niveles van a la portada (un archivo)
    for ruta, portada in ((dos_niveles[0], "../../index.html"), ("en/" + dos_niveles[0], "../../index.html")):
        logos = [v for _, a, v, clases in enlaces(copia / ruta) if a == "href" and "md-logo" in clases.split()]
        assert len(logos) == 2 and set(logos) == {portada}, (ruta, logos)


def test_el_comprobador_ve_carpetas_y_la_raiz_y_la_copia_las_corrige(tmp_path):
    """Control en pequeño (nivel rápido): una página como las de Material a dos niveles y una 404
    con enlaces desde la raíz; el comprobador señala cada enlace a una carpeta o a la raíz, y
    ``sin_conexion.ajustar_pagina`` los cambia por archivos de la copia."""
    archivos = {
        "index.html": '<a href=".">Inicio</a>',
        "en/index.html": '<a href="..">Español</a><a href="./">Home</a>',
        "regiones/index.html": '<a href="x/">X</a>',
        "regiones/x/index.html": ('<head></head><a class="md-logo" href="../..">Logo</a>'
                                  '<a href="../../en/regiones/x/">EN</a><a href="..#lista">Regiones</a>'
                                  '<a href="../../plan/">Plan</a><a href="../../talleres.csv">CSV</a>'),
        "en/regiones/x/index.html": '<a class="md-logo" href="../../">Logo</a><a href="../../..">ES</a>',
        "plan.html": '<a href="https://example.org/">fuera</a>',
        "404.html": ('<head><link href="/assets/a.css" rel="stylesheet"></head><a href="/.">Inicio</a>'
                     '<a href="/en/">EN</a><script src="/assets/b.js"></script>'),
        "en/404.html": '<link href="/assets/a.css"><a href="/en/">Home</a>',
        "assets/a.css": "", "assets/b.js": "", "talleres.csv": "",
        sin_conexion.RUTA_SHIM: "",
    }
    antes, despues = tmp_path / "antes", tmp_path / "despues"
    idiomas = Idiomas(("es", "en"), ("Español", "English"))
    for ruta, texto in archivos.items():
        for raiz in (antes, despues):
            (raiz / ruta).parent.mkdir(parents=True, exist_ok=True)
        (antes / ruta).write_text(texto, encoding="utf-8")
        if ruta.endswith(".html"):
            texto = sin_conexion.ajustar_pagina(texto, ruta, set(archivos), idiomas)
        (despues / ruta).write_text(texto, encoding="utf-8")

    vistos = problemas(antes)
    assert sum("abre una carpeta" in p for p in vistos) == 9, vistos
    assert sum("raíz del disco" in p for p in vistos) == 6, vistos
    assert problemas(despues) == []
    pagina = (despues / "regiones/x/index.html").read_text(encoding="utf-8")
    assert 'href="../../index.html">Logo' in pagina and 'href="../index.html#lista"' in pagina
    assert 'href="../../plan.html"' in pagina and 'href="../../talleres.csv"' in pagina
    error = (despues / "en/404.html").read_text(encoding="utf-8")
    assert 'href="../assets/a.css"' in error and 'href="./index.html">Home' in error
