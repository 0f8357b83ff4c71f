"""Cuándo cambió por última vez cada registro, según git (issue 18, punto 2).

Nivel rápido: :func:`plan_migracion.datos.historial.leer_historial` sobre repositorios de git
temporales con fechas conocidas (``GIT_COMMITTER_DATE``), la vista de la página de un taller y el
enlace al historial.

Nivel «sitio»: un clon temporal del proyecto (sus archivos, con dos commits de fechas conocidas: el
segundo cambia un taller) compilado con ``PLAN_REPOSITORIO``: la fecha del cambio está en la página
de ese taller en los dos idiomas, con el enlace a su historial, y ``git log`` se llamó una sola vez;
en un ``git clone --depth 1`` de ese clon ninguna página dice una fecha.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import RAIZ, exigir_nivel_sitio

from plan_migracion.datos import cargar
from plan_migracion.datos.historial import Historial, leer_historial
from plan_migracion.vistas import render
from plan_migracion.vistas.edicion import enlace_historial, ultimos_cambios

REPOSITORIO = "https://github.com/ejemplo/plan-migracion"
GIT = shutil.which("git")


def _git(carpeta: Path, *argumentos: str, fecha: str | None = None, autor: str | None = None) -> str:
    """``git`` en ``carpeta`` con una identidad de prueba; ``fecha``: la del commit (committer),
    ``autor``: la del autor (por omisión, la misma)."""
    entorno = {**os.environ, "GIT_AUTHOR_NAME": "Prueba", "GIT_AUTHOR_EMAIL": "prueba@example.org",
               "GIT_COMMITTER_NAME": "Prueba", "GIT_COMMITTER_EMAIL": "prueba@example.org",
               "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(carpeta)}
    if fecha:
        entorno["GIT_COMMITTER_DATE"] = fecha
        entorno["GIT_AUTHOR_DATE"] = autor or fecha
    hecho = subprocess.run([GIT, "-c", "commit.gpgsign=false", *argumentos], cwd=carpeta, env=entorno,
                           capture_output=True, text=True, timeout=120)
    assert hecho.returncode == 0, hecho.stderr
    return hecho.stdout


def _commit(carpeta: Path, mensaje: str, fecha: str, autor: str | None = None) -> None:
    _git(carpeta, "add", "-A")
    _git(carpeta, "commit", "-q", "-m", mensaje, fecha=fecha, autor=autor)


@pytest.fixture
def repositorio(tmp_path) -> Path:
    """Un repositorio con ``datos/`` y dos commits: el 15 de marzo de 2019 con dos archivos, el 2 de
    julio de 2020 (autor: 2018) cambiando uno."""
    raiz = tmp_path / "repo"
    (raiz / "datos" / "talleres").mkdir(parents=True)
    _git(raiz, "init", "-q", "-b", "main")
    (raiz / "datos" / "talleres" / "a.yml").write_text("id: a\n", encoding="utf-8")
    (raiz / "datos" / "talleres" / "b.yml").write_text("id: b\n", encoding="utf-8")
    (raiz / "fuera.txt").write_text("fuera de datos\n", encoding="utf-8")
    _commit(raiz, "primero", "2019-03-15T12:00:00+00:00")
    (raiz / "datos" / "talleres" / "b.yml").write_text("id: b\nnuevo: 1\n", encoding="utf-8")
    (raiz / "fuera.txt").write_text("cambia fuera de datos\n", encoding="utf-8")
    _commit(raiz, "segundo", "2020-07-02T10:00:00-05:00", autor="2018-01-01T00:00:00+00:00")
    return raiz


def test_fecha_del_ultimo_commit_de_cada_archivo(repositorio):
    historial = leer_historial(repositorio / "datos", repositorio)
    assert historial.fechas == {"talleres/a.yml": dt.date(2019, 3, 15), "talleres/b.yml": dt.date(2020, 7, 2)}
    # la del commit (committer), no la del autor; en la zona del commit
    assert historial.fecha("talleres/b.yml") == dt.date(2020, 7, 2)
    assert historial.ruta_en_repositorio("talleres/b.yml") == "datos/talleres/b.yml"


def test_cambios_sin_commit_y_fecha_del_disco_no_cuentan(repositorio):
    """Un archivo cambiado sin commit (``make serve``) muestra la fecha de su último commit; uno sin
    commit, ninguna; la fecha de modificación del archivo en disco no cuenta."""
    datos = repositorio / "datos"
    (datos / "talleres" / "a.yml").write_text("id: a\notro: 2\n", encoding="utf-8")
    os.utime(datos / "talleres" / "a.yml", (2_000_000_000, 2_000_000_000))
    (datos / "talleres" / "c.yml").write_text("id: c\n", encoding="utf-8")
    historial = leer_historial(datos, repositorio)
    assert historial.fecha("talleres/a.yml") == dt.date(2019, 3, 15)
    assert historial.fecha("talleres/c.yml") is None


def test_union_lleva_la_fecha_de_la_union(repositorio):
    """Un cambio que llega a la rama por una unión lleva la fecha de la unión (la línea principal)."""
    _git(repositorio, "checkout", "-q", "-b", "propuesta")
    (repositorio / "datos" / "talleres" / "a.yml").write_text("id: a\ncorregido: 1\n", encoding="utf-8")
    _commit(repositorio, "corrección", "2021-01-10T09:00:00+00:00")
    _git(repositorio, "checkout", "-q", "main")
    (repositorio / "fuera.txt").write_text("otro cambio en main\n", encoding="utf-8")
    _commit(repositorio, "en main", "2021-01-12T09:00:00+00:00")
    _git(repositorio, "merge", "-q", "--no-ff", "-m", "unión", "propuesta", fecha="2021-02-03T09:00:00+00:00")
    historial = leer_historial(repositorio / "datos", repositorio)
    assert historial.fecha("talleres/a.yml") == dt.date(2021, 2, 3)
    assert historial.fecha("talleres/b.yml") == dt.date(2020, 7, 2)


def test_clon_superficial_sin_git_o_fuera_de_un_repositorio_no_hay_fechas(repositorio, tmp_path, monkeypatch):
    superficial = tmp_path / "superficial"
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repositorio}", str(superficial))
    assert _git(superficial, "rev-parse", "--is-shallow-repository").strip() == "true"
    assert leer_historial(superficial / "datos", superficial) == Historial()

    sin_repositorio = tmp_path / "suelta" / "datos"
    shutil.copytree(repositorio / "datos", sin_repositorio)
    assert leer_historial(sin_repositorio, tmp_path / "suelta") == Historial()

    monkeypatch.setenv("PATH", str(tmp_path / "sin-programas"))  # git no está
    assert leer_historial(repositorio / "datos", repositorio) == Historial()


def test_datos_en_otro_repositorio_fechas_sin_ruta(repositorio, tmp_path):
    """Datos fuera del proyecto (``PLAN_DATOS``), en otro repositorio: sus fechas, pero ninguna ruta
    en el repositorio del proyecto (el enlace llevaría a otro archivo)."""
    proyecto = tmp_path / "proyecto"
    proyecto.mkdir()
    historial = leer_historial(repositorio / "datos", proyecto)
    assert historial.fecha("talleres/a.yml") == dt.date(2019, 3, 15)
    assert historial.ruta_en_repositorio("talleres/a.yml") is None
    assert ultimos_cambios(historial, "datos", REPOSITORIO)["datos/talleres/a.yml"]["enlace"] is None


def test_enlace_historial():
    assert enlace_historial(REPOSITORIO + "/", "datos/talleres/x.yml", "main") == \
        f"{REPOSITORIO}/commits/main/datos/talleres/x.yml"
    assert enlace_historial("", "datos/talleres/x.yml") is None
    assert enlace_historial(REPOSITORIO, None) is None
    with pytest.raises(ValueError):
        enlace_historial("javascript:alert(1)", "datos/talleres/x.yml")


def test_la_vista_del_taller_dice_la_fecha_en_cada_idioma(repositorio):
    datos = cargar(RAIZ / "datos")
    taller = datos.talleres[0].id
    cambio = {"fecha": dt.date(2020, 7, 2), "enlace": f"{REPOSITORIO}/commits/main/datos/talleres/{taller}.yml"}
    es = render("taller", datos=datos, idioma="es", pagina=f"talleres/{taller}/", id=taller, cambio=cambio)
    en = render("taller", datos=datos, idioma="en", pagina=f"en/talleres/{taller}/", id=taller, cambio=cambio)
    assert '<time datetime="2020-07-02">2 de julio de 2020</time>' in es
    assert '<time datetime="2020-07-02">2 July 2020</time>' in en
    assert f'href="{cambio["enlace"]}"' in es and f'href="{cambio["enlace"]}"' in en
    sin_enlace = render("taller", datos=datos, idioma="es", pagina=f"talleres/{taller}/", id=taller,
                        cambio={**cambio, "enlace": None})
    assert "2 de julio de 2020" in sin_enlace and "/commits/" not in sin_enlace
    for sin_fecha in (render("taller", datos=datos, idioma="es", id=taller, cambio=None),
                      render("taller", datos=datos, idioma="es", id=taller)):
        assert "ultimo-cambio" not in sin_fecha


# --- Un clon del proyecto, compilado --------------------------------------------------------------

FECHA_BASE = "2019-03-15T12:00:00+00:00"
FECHA_CAMBIO = "2024-05-17T16:30:00-05:00"  # 17 de mayo de 2024 en Lima


def _clon_del_proyecto(destino: Path) -> Path:
    """Los archivos del proyecto (los que git sigue, como están ahora) en un repositorio nuevo, con
    un commit del 15 de marzo de 2019. Sin PDF ni copia sin conexión (no cambian lo que se prueba y
    cada uno cuesta segundos)."""
    archivos = subprocess.run([GIT, "ls-files", "-z"], cwd=RAIZ, capture_output=True, check=True).stdout
    for nombre in filter(None, archivos.decode("utf-8").split("\0")):
        origen = RAIZ / nombre
        if origen.is_file():
            (destino / nombre).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origen, destino / nombre)
    config = destino / "mkdocs.yml"
    texto = config.read_text(encoding="utf-8")
    for opcion in ("pdf: true", "sin_conexion: true"):
        assert opcion in texto, opcion
        texto = texto.replace(opcion, opcion.replace("true", "false"), 1)
    config.write_text(texto, encoding="utf-8")
    _git(destino, "init", "-q", "-b", "main")
    _commit(destino, "proyecto", FECHA_BASE)
    return destino


def _compilar_clon(clon: Path, destino: Path, registro_git: Path, **entorno: str) -> None:
    """``mkdocs build --strict`` del clon, con un ``git`` que anota cada llamada en ``registro_git``."""
    exigir_nivel_sitio()
    programas = registro_git.parent / "programas"
    programas.mkdir(exist_ok=True)
    envoltura = programas / "git"
    envoltura.write_text(f'#!/bin/sh\necho "$*" >> "{registro_git}"\nexec "{GIT}" "$@"\n', encoding="utf-8")
    envoltura.chmod(0o755)
    variables = {k: v for k, v in os.environ.items()
                 if k not in ("SOURCE_DATE_EPOCH", "PLAN_DATOS", "PLAN_REPOSITORIO", "PLAN_URL_SITIO")}
    variables.update({"NO_MKDOCS_2_WARNING": "1", "PATH": f"{programas}{os.pathsep}{os.environ['PATH']}", **entorno})
    hecho = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(clon / "mkdocs.yml"),
                            "--site-dir", str(destino)], cwd=clon, env=variables, capture_output=True, text=True,
                           timeout=600)
    assert hecho.returncode == 0, hecho.stdout[-3000:] + hecho.stderr[-3000:]


_ULTIMO_CAMBIO = re.compile(r'<p class="ultimo-cambio">.*?</p>', re.S)


@pytest.mark.sitio
def test_clon_con_historia_y_clon_superficial(tmp_path):
    clon = _clon_del_proyecto(tmp_path / "clon")
    talleres = sorted((clon / "datos" / "talleres").glob("*.yml"))
    cambiado, otro = talleres[0], talleres[-1]
    with cambiado.open("a", encoding="utf-8") as archivo:
        archivo.write("observaciones:\n  - es: Observación de prueba\n    en: Test remark\n")
    _commit(clon, "cambia un taller", FECHA_CAMBIO)

    sitio, registro = tmp_path / "sitio", tmp_path / "git.log"
    _compilar_clon(clon, sitio, registro, PLAN_REPOSITORIO=REPOSITORIO)
    # Una sola llamada a git log para los archivos de datos (mkdocs-macros hace las suyas, «log -1»,
    # para su variable «git»: ninguna nombra un archivo).
    llamadas = registro.read_text(encoding="utf-8").splitlines()
    de_archivos = [linea for linea in llamadas if linea.startswith("log ") and "-1" not in linea.split()]
    assert len(de_archivos) == 1 and "--name-only" in de_archivos[0], llamadas
    assert not [linea for linea in llamadas if "datos/" in linea or ".yml" in linea], llamadas

    historial = f"{REPOSITORIO}/commits/main/datos/talleres/{cambiado.name}"
    for prefijo, fecha_cambio, fecha_base in (("", "17 de mayo de 2024", "15 de marzo de 2019"),
                                              ("en/", "17 May 2024", "15 March 2019")):
        pagina = (sitio / prefijo / "talleres" / cambiado.stem / "index.html").read_text(encoding="utf-8")
        (parrafo,) = _ULTIMO_CAMBIO.findall(pagina)
        assert f'<time datetime="2024-05-17">{fecha_cambio}</time>' in parrafo
        assert f'href="{historial}"' in parrafo
        pagina = (sitio / prefijo / "talleres" / otro.stem / "index.html").read_text(encoding="utf-8")
        (parrafo,) = _ULTIMO_CAMBIO.findall(pagina)
        assert f'<time datetime="2019-03-15">{fecha_base}</time>' in parrafo
        for fuente in (clon / "datos" / "fuentes").glob("*.yml"):
            pagina = (sitio / prefijo / "fuentes" / fuente.stem / "index.html").read_text(encoding="utf-8")
            assert f"{REPOSITORIO}/commits/main/datos/fuentes/{fuente.name}" in pagina

    superficial = tmp_path / "superficial"
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{clon}", str(superficial))
    sitio_superficial = tmp_path / "sitio-superficial"
    _compilar_clon(superficial, sitio_superficial, tmp_path / "git-superficial.log", PLAN_REPOSITORIO=REPOSITORIO)
    paginas = list(sitio_superficial.rglob("*.html"))
    assert len(paginas) > 20
    for pagina in paginas:
        texto = pagina.read_text(encoding="utf-8")
        assert "ultimo-cambio" not in texto and "/commits/" not in texto, pagina
    assert not (sitio_superficial / "talleres" / cambiado.stem / "index.html").read_text(
        encoding="utf-8").count("17 de mayo de 2024")
