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


def compilar(destino: Path, datos: Path | None = None, *extra: str) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` hacia ``destino`` (con otra carpeta de datos si se indica)."""
    entorno = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if datos is not None:
        entorno["PLAN_DATOS"] = str(datos)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(destino), *extra],
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


@pytest.fixture
def copia_datos(tmp_path) -> Path:
    """Una copia de ``datos/`` que la prueba puede romper sin tocar el original."""
    destino = tmp_path / "datos"
    shutil.copytree(DATOS, destino)
    return destino
