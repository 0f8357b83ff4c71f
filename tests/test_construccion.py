"""La compilación completa (scripts/construir.py, ``make build``): el mismo sitio que ``mkdocs build``,
reproducible, con una sola carga de datos, sin maquinaria propia, y con las páginas de cada registro
en el índice de búsqueda de su idioma.

No mide tiempos (eso es scripts/benchmark.py): comprueba bytes, archivos y mensajes. Los fallos
(el sitio anterior intacto, una frase, ningún resto) están en test_compilacion_fallos.py.
"""

from __future__ import annotations

import ast
import datetime as dt
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import RAIZ, contando_cargas, exigir_nivel_sitio

CONSTRUIR = RAIZ / "scripts" / "construir.py"


def construir(destino: Path, registro: Path | None = None) -> subprocess.CompletedProcess:
    """``scripts/construir.py --destino destino`` con los datos reales (``registro``: sus cargas)."""
    exigir_nivel_sitio()
    entorno = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PLAN_DATOS")}
    entorno["NO_MKDOCS_2_WARNING"] = "1"
    return subprocess.run([sys.executable, *contando_cargas(registro), str(CONSTRUIR), "--destino", str(destino)],
                          cwd=RAIZ, env=entorno, capture_output=True, text=True, timeout=600)


def huellas(carpeta: Path) -> dict[str, str]:
    """sha256 de cada archivo, por ruta relativa."""
    return {str(p.relative_to(carpeta)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(carpeta.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def compilaciones(tmp_path_factory, compilacion) -> dict[str, Path]:
    """``make build`` (scripts/construir.py) con su registro de cargas, y el ``mkdocs build`` de la
    sesión (conftest.compilacion), las dos órdenes que documenta el README."""
    base = tmp_path_factory.mktemp("construir")
    proceso = construir(base / "site", registro=base / "construir.cargas")
    assert proceso.returncode == 0, proceso.stdout + proceso.stderr
    assert compilacion.returncode == 0, compilacion.stdout + compilacion.stderr
    return {"construir": base / "site", "mkdocs": compilacion.destino, "base": base,
            "mkdocs.cargas": compilacion.cargas}


@pytest.mark.sitio
def test_el_mismo_sitio_que_mkdocs_build(compilaciones):
    """``make build`` y ``mkdocs build`` a secas, del mismo commit y en procesos distintos (con hash
    aleatorio distinto), dan el mismo sitio, byte a byte."""
    assert huellas(compilaciones["construir"]) == huellas(compilaciones["mkdocs"])
    assert len(huellas(compilaciones["construir"])) > 50
    for ruta in ("index.html", "en/index.html", "404.html", "en/404.html", "sitemap.xml", "sitemap.xml.gz",
                 "search/search_index.json", "en/search/search_index.json"):
        assert (compilaciones["construir"] / ruta).is_file(), ruta
    # sin restos junto al sitio: solo él (el sitio anterior no existía)
    assert sorted(p.name for p in compilaciones["base"].iterdir()) == ["construir.cargas", "site"]


@pytest.mark.sitio
def test_sitemap_con_los_dos_idiomas_y_fecha_de_los_datos(compilaciones):
    sitio = compilaciones["construir"]
    xml = (sitio / "sitemap.xml").read_text(encoding="utf-8")
    assert gzip.decompress((sitio / "sitemap.xml.gz").read_bytes()).decode("utf-8") == xml
    paginas = sorted(str(p.relative_to(sitio).parent) for p in sitio.rglob("index.html"))
    urls = re.findall(r"<url>.*?</url>", xml, re.S)
    assert len(urls) == len(paginas)  # cada página de cada idioma, una vez
    for url in urls:  # cada una con su alternativa en cada idioma
        assert 'hreflang="es"' in url and 'hreflang="en"' in url, url
    # la fecha de la versión de los datos (último commit de datos/), la misma de la portada del PDF
    commit = subprocess.run(["git", "log", "-1", "--format=%cs", "--", "."], cwd=RAIZ / "datos",
                            capture_output=True, text=True)
    if commit.returncode == 0 and commit.stdout.strip():
        esperada = commit.stdout.strip()
        assert set(re.findall(r"<lastmod>(.*?)</lastmod>", xml)) == {esperada}
        fecha_gz = int.from_bytes((sitio / "sitemap.xml.gz").read_bytes()[4:8], "little")
        assert dt.datetime.fromtimestamp(fecha_gz, dt.timezone.utc).date().isoformat() == esperada


@pytest.mark.sitio
def test_datos_cargados_una_vez_por_compilacion(compilaciones):
    """Una carga completa (y validación) por compilación de los dos idiomas, no una por idioma o página."""
    lineas = (compilaciones["base"] / "construir.cargas").read_text(encoding="utf-8").splitlines()
    assert len(lineas) == 1, lineas  # make build: también la copia sin conexión
    # «mkdocs build» a secas: una carga por proceso (el sitio, y la copia sin conexión en otro proceso)
    procesos = [linea.split()[0] for linea in
                compilaciones["mkdocs.cargas"].read_text(encoding="utf-8").splitlines()]
    assert 1 <= len(procesos) <= 2 and len(set(procesos)) == len(procesos), procesos


@pytest.mark.sitio
def test_cada_pagina_en_el_indice_de_busqueda_de_su_idioma(compilaciones):
    """Las páginas de cada registro no pasan por la búsqueda de Material (``search: exclude``) pero
    están en el índice de su idioma, con su título y el texto de su cuerpo; cada página del sitio
    tiene al menos una entrada, una sola vez, en el índice de su idioma y en ningún otro."""
    sitio = compilaciones["construir"]
    for idioma, carpeta in (("es", sitio), ("en", sitio / "en")):
        indice = json.loads((carpeta / "search" / "search_index.json").read_text(encoding="utf-8"))
        paginas = {e["location"].split("#")[0] for e in indice["docs"]}
        publicadas = {("" if p.parent == carpeta else p.parent.relative_to(carpeta).as_posix() + "/")
                      for p in carpeta.rglob("index.html")
                      if idioma == "en" or p.relative_to(sitio).parts[0] != "en"}
        assert publicadas - paginas == set()
        sin_seccion = [e["location"] for e in indice["docs"] if "#" not in e["location"]]
        assert len(sin_seccion) == len(set(sin_seccion)), "una página dos veces en el índice"
        callao = next(e for e in indice["docs"] if e["location"] == "talleres/2011-03-11-callao/")
        assert "Club Regatas" in callao["title"] and "Bellavista" in callao["text"]
        assert "<" not in callao["text"]
        assert indice["config"]["lang"] == [idioma]


@pytest.mark.sitio
def test_la_busqueda_de_cada_idioma_y_su_feed_por_los_bloques_del_tema(compilaciones):
    """Las páginas en inglés buscan en ``en/search/`` (bloque ``config`` de overrides/main.html) y
    enlazan el feed de su idioma (bloque ``extrahead``)."""
    sitio = compilaciones["construir"]
    for pagina, base, feed in (("talleres/index.html", "..", "../descargas/actividades.xml"),
                               ("en/talleres/index.html", "../../en/", "../descargas/actividades.xml")):
        html = (sitio / pagina).read_text(encoding="utf-8")
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)[1])
        assert config["base"] == base
        assert re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="'
                         + re.escape(feed) + '">', html)


def test_una_compilacion_sin_maquinaria_propia():
    """Lo que pide la issue 16: ningún archivo fuera de tests/ usa ctypes, fcntl, os.fork, os.wait*,
    os.setsid, signal.pthread_sigmask ni os.register_at_fork; construir.py no pasa de 250 líneas; el
    complemento del sitio no tiene opciones que solo pondría un script (las de mkdocs.yml son las
    que declara su configuración, y ninguna es «idiomas» ni «finalizar»)."""
    prohibidos = {"ctypes", "fcntl", "fork", "forkpty", "wait", "waitpid", "wait3", "wait4", "waitid", "setsid",
                  "pthread_sigmask", "register_at_fork"}
    hallados = []
    for archivo in [*RAIZ.glob("*.py"), *(RAIZ / "scripts").rglob("*.py"), *(RAIZ / "plan_migracion").rglob("*.py")]:
        for nodo in ast.walk(ast.parse(archivo.read_text(encoding="utf-8"))):
            nombres = []
            if isinstance(nodo, ast.Import):
                nombres = [a.name.split(".")[0] for a in nodo.names]
            elif isinstance(nodo, ast.ImportFrom):
                nombres = [(nodo.module or "").split(".")[0], *(a.name for a in nodo.names)]
            elif isinstance(nodo, ast.Attribute) and isinstance(nodo.value, ast.Name) and nodo.value.id in ("os", "signal"):
                nombres = [nodo.attr]
            hallados += [f"{archivo.relative_to(RAIZ)}: {n}" for n in nombres if n in prohibidos]
    assert hallados == []
    assert len(CONSTRUIR.read_text(encoding="utf-8").splitlines()) <= 250

    class Cargador(yaml.SafeLoader):
        pass

    Cargador.add_multi_constructor("!", lambda cargador, sufijo, nodo: None)  # (!ENV)
    config = yaml.load((RAIZ / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Cargador)
    opciones = next(p["plan_migracion"] for p in config["plugins"] if isinstance(p, dict) and "plan_migracion" in p)
    from mkdocs.config.base import BaseConfigOption

    from plan_migracion.sitio_mkdocs.config import PlanMigracionConfig

    declaradas = {nombre for nombre, valor in vars(PlanMigracionConfig).items() if isinstance(valor, BaseConfigOption)}
    assert set(opciones) <= declaradas and not {"idiomas", "finalizar"} & declaradas
