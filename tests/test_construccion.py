"""La compilación completa (scripts/construir.py, ``make build``): atómica, reproducible,
con los dos idiomas en paralelo iguales a la compilación secuencial, y una sola carga de datos.

No mide tiempos (eso es scripts/benchmark.py): comprueba bytes, archivos y mensajes.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import RAIZ, compilar, contando_cargas

CONSTRUIR = RAIZ / "scripts" / "construir.py"


def construir(destino: Path, *extra: str, raiz: Path = RAIZ, registro: Path | None = None,
              datos: Path | None = None) -> subprocess.CompletedProcess:
    entorno = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PLAN_DATOS")}
    entorno["NO_MKDOCS_2_WARNING"] = "1"
    if datos is not None:
        entorno["PLAN_DATOS"] = str(datos)
    return subprocess.run([sys.executable, *contando_cargas(registro), str(raiz / "scripts" / "construir.py"),
                           "--destino", str(destino), *extra],
                          cwd=raiz, env=entorno, capture_output=True, text=True, timeout=600)


def huellas(carpeta: Path) -> dict[str, str]:
    """sha256 de cada archivo, por ruta relativa."""
    return {str(p.relative_to(carpeta)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(carpeta.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def compilaciones(tmp_path_factory) -> dict[str, Path]:
    """Dos compilaciones en paralelo, una secuencial y un ``mkdocs build``, cada una con su registro de cargas."""
    base = tmp_path_factory.mktemp("construir")
    resultado = {}
    for nombre, extra in (("paralela", ()), ("secuencial", ("--secuencial",))):
        registro = base / f"{nombre}.cargas"
        proceso = construir(base / nombre / "site", *extra, registro=registro)
        assert proceso.returncode == 0, proceso.stdout + proceso.stderr
        resultado[nombre] = base / nombre / "site"
    proceso = compilar(base / "mkdocs" / "site", registro=base / "mkdocs.cargas")
    assert proceso.returncode == 0, proceso.stdout + proceso.stderr
    resultado["mkdocs"] = base / "mkdocs" / "site"
    resultado["base"] = base
    return resultado


def test_paralelo_da_los_mismos_bytes_que_secuencial(compilaciones):
    paralela, secuencial = huellas(compilaciones["paralela"]), huellas(compilaciones["secuencial"])
    assert paralela.keys() == secuencial.keys()
    distintos = [ruta for ruta in paralela if paralela[ruta] != secuencial[ruta]]
    assert distintos == []
    # y el sitio tiene lo que importa de la unión: las dos lenguas, el sitemap y la búsqueda separada
    for ruta in ("index.html", "en/index.html", "sitemap.xml", "sitemap.xml.gz",
                 "search/search_index.json", "en/search/search_index.json"):
        assert ruta in paralela, ruta


def test_dos_compilaciones_dan_los_mismos_bytes(compilaciones):
    """Tres compilaciones del mismo commit, en procesos distintos (con hash aleatorio distinto), mismos bytes:
    ``make build`` en paralelo, en secuencia, y ``mkdocs build`` a secas (static-i18n, un idioma tras otro)."""
    assert huellas(compilaciones["paralela"]) == huellas(compilaciones["secuencial"]) == huellas(compilaciones["mkdocs"])
    assert len(huellas(compilaciones["paralela"])) > 50


def test_sitemap_con_los_dos_idiomas_y_fecha_de_los_datos(compilaciones):
    sitio = compilaciones["paralela"]
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


def test_busqueda_separada_por_idioma(compilaciones):
    sitio = compilaciones["paralela"]
    es = json.loads((sitio / "search" / "search_index.json").read_text(encoding="utf-8"))
    en = json.loads((sitio / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert es["config"]["lang"] == ["es"] and en["config"]["lang"] == ["en"]
    assert es["docs"] and en["docs"]
    assert not any(d["location"].startswith("en/") for d in es["docs"])
    assert {d["title"] for d in en["docs"]} & {"Workshops", "Talleres"} == {"Workshops"}


def test_datos_cargados_una_vez_por_compilacion(compilaciones):
    """Una carga completa (y validación) por compilación de los dos idiomas, no una por idioma o página."""
    for nombre in ("paralela", "secuencial"):  # make build: también la copia sin conexión
        lineas = (compilaciones["base"] / f"{nombre}.cargas").read_text(encoding="utf-8").splitlines()
        assert len(lineas) == 1, (nombre, lineas)
    # «mkdocs build» a secas: una carga por proceso (el sitio, y la copia sin conexión en otro proceso)
    procesos = [linea.split()[0] for linea in
                (compilaciones["base"] / "mkdocs.cargas").read_text(encoding="utf-8").splitlines()]
    assert 1 <= len(procesos) <= 2 and len(set(procesos)) == len(procesos), procesos


# --- Compilación atómica: en una copia del proyecto (sin .git, para no tocar el sitio real) ---------

@pytest.fixture
def proyecto(tmp_path) -> Path:
    """Una copia del proyecto (sin .git, .venv ni site/) donde se puede romper cualquier cosa."""
    copia = tmp_path / "proyecto"
    ignorar = shutil.ignore_patterns(".git", ".venv", "site", "site.*", "node_modules", "__pycache__",
                                     ".pytest_cache", "artefactos", "*.egg-info")
    shutil.copytree(RAIZ, copia, ignore=ignorar)
    if (RAIZ / "node_modules").is_dir():
        (copia / "node_modules").symlink_to(RAIZ / "node_modules")
    return copia


def _restos(carpeta: Path, espera: float = 0) -> list[str]:
    """Las carpetas temporales que quedan junto a ``site/`` (tras ``espera`` segundos como mucho:
    después de publicar, el sitio anterior se borra en segundo plano)."""
    limite = time.monotonic() + espera
    while True:
        restos = sorted(p.name for p in carpeta.iterdir() if p.name.startswith("site."))
        if not restos or time.monotonic() > limite:
            return restos
        time.sleep(0.1)


def test_compilacion_fallida_deja_el_sitio_anterior_intacto(proyecto):
    destino = proyecto / "site"
    primera = construir(destino, raiz=proyecto)
    assert primera.returncode == 0, primera.stdout + primera.stderr
    antes = huellas(destino)
    assert "index.html" in antes and "en/index.html" in antes
    # fuera de git (la copia no tiene .git) el sitemap lleva la fecha más reciente de los datos
    fechas = []
    for archivo in (proyecto / "datos").glob("*/*.yml"):
        fechas += re.findall(r"^(?:fecha|fecha_firma): (\d{4}-\d{2}-\d{2})$", archivo.read_text(encoding="utf-8"), re.M)
    xml = (destino / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", xml)) == {max(fechas)}

    # 1) datos inválidos: se detiene antes de compilar, con el mensaje del validador
    taller = proyecto / "datos" / "talleres" / "2011-03-11-callao.yml"
    original = taller.read_text(encoding="utf-8")
    taller.write_text(original.replace("participantes: 32", "participantes: -32"), encoding="utf-8")
    fallida = construir(destino, raiz=proyecto)
    assert fallida.returncode == 1
    assert re.search(r"datos/talleres/2011-03-11-callao\.yml:\d+(:\d+)?: participantes: ", fallida.stderr), fallida.stderr
    assert huellas(destino) == antes
    assert _restos(proyecto) == []
    taller.write_text(original, encoding="utf-8")

    # 2) datos válidos pero la compilación de MkDocs falla a medias (un enlace roto en modo estricto)
    (proyecto / "docs" / "roto.md").write_text("# Roto\n\n[enlace](no-existe.md)\n", encoding="utf-8")
    for modo in ((), ("--secuencial",)):
        fallida = construir(destino, *modo, raiz=proyecto)
        assert fallida.returncode == 1, fallida.stdout + fallida.stderr
        assert "no-existe.md" in fallida.stderr
        assert huellas(destino) == antes
        assert _restos(proyecto) == []

    # 3) y cuando vuelve a compilar bien, el sitio nuevo reemplaza al anterior
    (proyecto / "docs" / "roto.md").unlink()
    taller.write_text(original.replace("Club Regatas", "Club Regatas (editado)"), encoding="utf-8")
    buena = construir(destino, raiz=proyecto)
    assert buena.returncode == 0, buena.stdout + buena.stderr
    assert "Club Regatas (editado)" in (destino / "talleres" / "index.html").read_text(encoding="utf-8")
    assert _restos(proyecto, espera=60) == []  # el sitio anterior, borrado (en segundo plano)


# --- Atajos de velocidad: el mismo resultado que el código al que sustituyen -----------------------

def test_union_de_busqueda_como_static_i18n():
    """La unión de los índices de búsqueda quita los mismos duplicados que static-i18n."""
    import types

    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    sys.path.insert(0, str(RAIZ / "scripts"))
    from construir import _unir_busqueda

    def entrada(ubicacion, titulo, texto):
        return {"location": ubicacion, "title": titulo, "text": texto}

    es = [entrada("", "Inicio", "Hola"), entrada("acerca/", "Acerca", "igual"), entrada("plan/#a", "A", "x"),
          entrada("plan/#b", "B", "y")]
    en = [entrada("en/", "Home", "Hello"), entrada("en/acerca/", "Acerca", "igual"), entrada("en/plan/#a", "A", "x"),
          entrada("en/plan/#b", "B", "otro"), entrada("en/otra/", "Inicio", "Hola")]
    esperado = [dict(d) for d in es + en]
    ExtendedPlugin.reconfigure_search_duplicates(types.SimpleNamespace(build_languages=["es", "en"]), esperado)
    unido = _unir_busqueda({"config": {}, "docs": es}, [{"config": {}, "docs": en}], ["es", "en"])
    assert unido["docs"] == esperado
    assert len(esperado) < len(es) + len(en)  # hubo duplicados que quitar
