"""Utilidades comunes de las pruebas: rutas, compilación del sitio y copias de datos."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent
DATOS = RAIZ / "datos"
FUENTE_PLAN = RAIZ / "fuentes" / "plan-de-actuacion.txt"  # copia del documento del plan


def contando_cargas(registro: Path | None) -> list[str]:
    """Lo que va entre ``python`` y el script o ``-m módulo`` para anotar en ``registro`` cada carga
    completa de los datos (``scripts/contar_cargas.py``); nada si no hay registro."""
    return [] if registro is None else [str(RAIZ / "scripts" / "contar_cargas.py"), str(registro)]


def compilar(destino: Path, datos: Path | None = None, *extra: str,
             registro: Path | None = None) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` hacia ``destino`` (con otra carpeta de datos si se indica; con
    ``registro``, una línea en él por carga completa de los datos: ``scripts/contar_cargas.py``)."""
    entorno = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if datos is not None:
        entorno["PLAN_DATOS"] = str(datos)
    return subprocess.run(
        [sys.executable, *contando_cargas(registro), "-m", "mkdocs", "build", "--strict", "--site-dir", str(destino),
         *extra],
        cwd=RAIZ, env=entorno, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="session")
def compilacion(tmp_path_factory) -> subprocess.CompletedProcess:
    destino = tmp_path_factory.mktemp("sitio") / "site"
    resultado = compilar(destino)
    resultado.destino = destino
    return resultado


@pytest.fixture(scope="session")
def sitio(compilacion) -> Path:
    """El sitio compilado con los datos reales (una vez por sesión de pruebas)."""
    assert compilacion.returncode == 0, compilacion.stdout + compilacion.stderr
    return compilacion.destino


def _compilar_pequeno(tmp_path_factory, convenios: bool) -> tuple[Path, Path]:
    """El sitio del conjunto pequeño de :mod:`conjuntos` (cifras conocidas de antemano).

    Sin ``SOURCE_DATE_EPOCH``: la fecha de los datos (portada del PDF, feed) sale de los datos
    mismos, pues la carpeta temporal no está en git."""
    import conjuntos

    carpeta = tmp_path_factory.mktemp("pequeno" if convenios else "pequeno-sin-convenios")
    datos = conjuntos.pequeno(carpeta / "datos", convenios=convenios)
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("SOURCE_DATE_EPOCH", raising=False)
        resultado = compilar(carpeta / "site", datos)
    assert resultado.returncode == 0, resultado.stdout[-3000:] + resultado.stderr[-3000:]
    return carpeta / "site", datos


@pytest.fixture(scope="session")
def pequeno(tmp_path_factory) -> tuple[Path, Path]:
    """(sitio, datos) del conjunto pequeño: 3 talleres y 1 convenio (véase tests/conjuntos.py)."""
    return _compilar_pequeno(tmp_path_factory, convenios=True)


@pytest.fixture(scope="session")
def pequeno_sin_convenios(tmp_path_factory) -> tuple[Path, Path]:
    """(sitio, datos) de los mismos 3 talleres, sin ningún convenio."""
    return _compilar_pequeno(tmp_path_factory, convenios=False)


@pytest.fixture
def copia_datos(tmp_path) -> Path:
    """Una copia de ``datos/`` que la prueba puede romper sin tocar el original."""
    destino = tmp_path / "datos"
    shutil.copytree(DATOS, destino)
    return destino


@pytest.fixture(scope="session")
def navegador():
    """Un Chromium de Debian para toda la sesión (Playwright admite un solo ``sync_playwright``).

    Si el navegador no está, las pruebas que lo usan FALLAN: no se omiten.
    """
    from navegador import BANDERAS, CHROMIUM

    if not CHROMIUM.is_file():
        pytest.fail(f"No está el navegador {CHROMIUM}: instale el paquete de Debian «chromium» "
                    "(make test lo hace con scripts/instalar_sistema.sh). Estas pruebas no se omiten.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), chromium_sandbox=False,
                                      headless=True, args=BANDERAS)
        yield chromium
        chromium.close()
