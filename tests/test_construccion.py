"""La compilación completa (scripts/construir.py, ``make build``): atómica, reproducible,
el mismo sitio que ``mkdocs build`` y una sola carga de datos.

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

from conftest import RAIZ, contando_cargas, exigir_nivel_sitio

CONSTRUIR = RAIZ / "scripts" / "construir.py"

pytestmark = pytest.mark.sitio  # todas ejecutan scripts/construir.py

# scripts/construir.py como en Windows: sin fcntl (flock) ni os.fork. os.fork sigue existiendo para
# multiprocessing (la copia sin conexión lo usa donde está); construir.py deja de usarlo con
# BIFURCAR, lo que calcula al importarse (hasattr(os, "fork")).
SIN_FORK = """
import sys
from pathlib import Path
sys.modules["fcntl"] = None  # «import fcntl» falla, como en Windows
script = Path(sys.argv[1])
sys.path.insert(0, str(script.parent))
import construir
assert construir.fcntl is None
construir.BIFURCAR = False
sys.exit(construir.main(sys.argv[2:]))
"""


def construir(destino: Path, *extra: str, raiz: Path = RAIZ, registro: Path | None = None,
              datos: Path | None = None, sin_fork: bool = False) -> subprocess.CompletedProcess:
    """``scripts/construir.py --destino destino`` (``sin_fork``: como en Windows, :data:`SIN_FORK`)."""
    exigir_nivel_sitio()
    entorno = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PLAN_DATOS")}
    entorno["NO_MKDOCS_2_WARNING"] = "1"
    if datos is not None:
        entorno["PLAN_DATOS"] = str(datos)
    script = str(raiz / "scripts" / "construir.py")
    orden = ["-c", SIN_FORK, script] if sin_fork else [*contando_cargas(registro), script]
    return subprocess.run([sys.executable, *orden, "--destino", str(destino), *extra],
                          cwd=raiz, env=entorno, capture_output=True, text=True, timeout=600)


def huellas(carpeta: Path) -> dict[str, str]:
    """sha256 de cada archivo, por ruta relativa."""
    return {str(p.relative_to(carpeta)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(carpeta.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def compilaciones(tmp_path_factory, compilacion) -> dict[str, Path]:
    """``make build`` (scripts/construir.py) con su registro de cargas, y el ``mkdocs build`` de la
    sesión (conftest.compilacion), las dos órdenes que documenta el README."""
    base = tmp_path_factory.mktemp("construir")
    proceso = construir(base / "paralela" / "site", registro=base / "paralela.cargas")
    assert proceso.returncode == 0, proceso.stdout + proceso.stderr
    assert compilacion.returncode == 0, compilacion.stdout + compilacion.stderr
    return {"paralela": base / "paralela" / "site", "mkdocs": compilacion.destino, "base": base,
            "mkdocs.cargas": compilacion.cargas}


def test_dos_compilaciones_dan_los_mismos_bytes(compilaciones):
    """``make build`` y ``mkdocs build`` a secas (static-i18n, un idioma tras otro), del mismo commit y en
    procesos distintos (con hash aleatorio distinto), dan el mismo sitio, byte a byte."""
    assert huellas(compilaciones["paralela"]) == huellas(compilaciones["mkdocs"])
    assert len(huellas(compilaciones["paralela"])) > 50
    for ruta in ("index.html", "en/index.html", "sitemap.xml", "sitemap.xml.gz",
                 "search/search_index.json", "en/search/search_index.json"):
        assert (compilaciones["paralela"] / ruta).is_file(), ruta


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


def test_sin_fork_ni_flock_compila_en_secuencia_el_mismo_sitio(compilaciones):
    """Donde no hay ``os.fork`` ni ``fcntl`` (Windows), construir.py compila los idiomas uno tras
    otro en su propio proceso: el mismo sitio que ``mkdocs build``; la segunda vez reemplaza al
    primero y borra el anterior antes de terminar (sin proceso en segundo plano)."""
    destino = compilaciones["base"] / "sin-fork" / "site"
    for _ in range(2):
        proceso = construir(destino, sin_fork=True)
        assert proceso.returncode == 0, proceso.stdout + proceso.stderr
        assert "(secuencial)" in proceso.stderr and "Traceback" not in proceso.stderr
        assert _restos(destino.parent) == []
    assert huellas(destino) == huellas(compilaciones["mkdocs"])


def _compilar_un_idioma(destino: Path, idioma: str) -> None:
    """Lo que hace cada proceso de ``make build``: ``construir.compilar`` con un idioma."""
    exigir_nivel_sitio()
    codigo = ("import sys; from pathlib import Path; sys.path.insert(0, 'scripts'); import construir; "
              "from plan_migracion.datos import cargar; from plan_migracion.datos.idiomas import de_mkdocs_yml; "
              "datos = cargar(Path('datos').resolve(), de_mkdocs_yml(Path('mkdocs.yml'))); "
              f"construir.compilar(Path('mkdocs.yml').resolve(), Path({str(destino)!r}), {idioma!r}, None, datos)")
    entorno = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PLAN_DATOS")}
    proceso = subprocess.run([sys.executable, "-c", codigo], cwd=RAIZ, capture_output=True, text=True,
                             env={**entorno, "NO_MKDOCS_2_WARNING": "1"}, timeout=600)
    assert proceso.returncode == 0, proceso.stdout + proceso.stderr


def test_cada_proceso_escribe_solo_su_idioma(tmp_path):
    """Cada proceso hace una compilación normal de MkDocs (static-i18n recorre los dos idiomas) con
    las opciones ``idiomas: [x]`` y ``finalizar: false`` del complemento: solo su idioma escribe
    páginas, descargas, 404, sitemap e índice de búsqueda, y los pasos finales no se ejecutan (el
    índice sigue común, sin separar por idioma). Si la pasada del otro idioma escribiera sus páginas,
    la unión daría los mismos bytes, y solo esta prueba lo notaría."""
    es, en = tmp_path / "es", tmp_path / "en"
    _compilar_un_idioma(es, "es")
    _compilar_un_idioma(en, "en")

    # El idioma principal: todo en la raíz, nada en en/.
    assert (es / "index.html").is_file() and (es / "404.html").is_file()
    assert (es / "descargas" / "plan.pdf").is_file() and (es / "descargas" / "talleres.csv").is_file()
    assert not (es / "en").exists()
    assert not re.search(r"<loc>en/", (es / "sitemap.xml").read_text(encoding="utf-8"))

    # El inglés: sus páginas en en/; en la raíz solo lo común (tema, estilos, robots.txt), el sitemap y
    # el índice de búsqueda de sus páginas, que la unión junta con los del principal.
    assert (en / "en" / "index.html").is_file() and (en / "en" / "404.html").is_file()
    assert (en / "en" / "descargas" / "plan.pdf").is_file()
    assert sorted(p.name for p in en.iterdir()) == ["assets", "en", "estilos", "robots.txt", "search",
                                                     "sitemap.xml", "sitemap.xml.gz"]
    locs = re.findall(r"<loc>(.*?)</loc>", (en / "sitemap.xml").read_text(encoding="utf-8"))
    assert locs and all(loc.startswith("en/") for loc in locs)
    ubicaciones = [d["location"] for d in json.loads((en / "search" / "search_index.json").read_text("utf-8"))["docs"]]
    assert ubicaciones and all(u.startswith("en/") for u in ubicaciones)
    assert not (en / "en" / "search").exists()  # finalizar (separar_busqueda) no se ejecutó


def test_datos_cargados_una_vez_por_compilacion(compilaciones):
    """Una carga completa (y validación) por compilación de los dos idiomas, no una por idioma o página."""
    lineas = (compilaciones["base"] / "paralela.cargas").read_text(encoding="utf-8").splitlines()
    assert len(lineas) == 1, lineas  # make build: también la copia sin conexión
    # «mkdocs build» a secas: una carga por proceso (el sitio, y la copia sin conexión en otro proceso)
    procesos = [linea.split()[0] for linea in
                compilaciones["mkdocs.cargas"].read_text(encoding="utf-8").splitlines()]
    assert 1 <= len(procesos) <= 2 and len(set(procesos)) == len(procesos), procesos


# --- Compilación atómica: en una copia del proyecto (sin .git, para no tocar el sitio real) ---------

@pytest.fixture
def proyecto(tmp_path) -> Path:
    """Una copia del proyecto (sin .git, .venv ni site/) donde se puede romper cualquier cosa."""
    copia = tmp_path / "proyecto"
    ignorar = shutil.ignore_patterns(".git", ".venv", "site", "site.*", "node_modules", "__pycache__",
                                     ".pytest_cache", ".cache", "artefactos", "*.egg-info")
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
    for modo, sin_fork in (((), False), (("--secuencial",), False), ((), True)):
        fallida = construir(destino, *modo, raiz=proyecto, sin_fork=sin_fork)
        assert fallida.returncode == 1, fallida.stdout + fallida.stderr
        assert "no-existe.md" in fallida.stderr and "Traceback" not in fallida.stderr
        assert huellas(destino) == antes
        assert _restos(proyecto) == []

    # 3) y cuando vuelve a compilar bien, el sitio nuevo reemplaza al anterior
    (proyecto / "docs" / "roto.md").unlink()
    taller.write_text(original.replace("Club Regatas", "Club Regatas (editado)"), encoding="utf-8")
    buena = construir(destino, raiz=proyecto)
    assert buena.returncode == 0, buena.stdout + buena.stderr
    assert "Club Regatas (editado)" in (destino / "talleres" / "index.html").read_text(encoding="utf-8")
    assert _restos(proyecto, espera=60) == []  # el sitio anterior, borrado (en segundo plano)
