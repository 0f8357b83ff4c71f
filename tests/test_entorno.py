"""Los scripts fuera del entorno del proyecto: una línea que dice qué hacer, nunca una traza.

Se ejecutan con el Python de un entorno virtual vacío (``python -m venv --without-pip``), que
no tiene pydantic ni PyYAML, como el ``python3`` de un Debian recién instalado.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent
DATOS = RAIZ / "datos"


@pytest.fixture(scope="module")
def python_sin_entorno(tmp_path_factory) -> Path:
    carpeta = tmp_path_factory.mktemp("venv-vacio")
    # «python -m venv» desde un entorno virtual crea el nuevo sobre el intérprete base,
    # sin los paquetes de .venv; --without-pip: ni siquiera pip.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(carpeta)], check=True)
    python = carpeta / "bin" / "python"
    comprobacion = subprocess.run(
        [str(python), "-c", "import importlib.util as u; print(u.find_spec('pydantic') is None, u.find_spec('yaml') is None)"],
        capture_output=True, text=True, env=_entorno_limpio(), check=True,
    )
    if comprobacion.stdout.split() != ["True", "True"]:
        pytest.fail(f"el entorno vacío {carpeta} encuentra pydantic o yaml: {comprobacion.stdout!r}")
    return python


def _entorno_limpio() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}


def _ejecutar(python: Path, *argumentos: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(python), *argumentos], capture_output=True, text=True, cwd=cwd,
                          env=_entorno_limpio(), timeout=60)


def _una_linea_sin_traza(resultado: subprocess.CompletedProcess, script: str) -> str:
    salida = (resultado.stdout + resultado.stderr).strip()
    assert resultado.returncode != 0, salida
    assert "Traceback" not in salida and "Error:" not in salida, salida
    lineas = salida.splitlines()
    assert len(lineas) == 1, salida
    linea = lineas[0]
    assert linea.startswith(f"{script}: "), linea
    assert "make validar" in linea and "make .venv/.sitio" in linea, linea
    assert "pydantic" in linea, linea  # dice qué falta
    return linea


def test_validar_fuera_del_entorno(python_sin_entorno, tmp_path):
    resultado = _ejecutar(python_sin_entorno, str(RAIZ / "scripts" / "validar.py"), str(DATOS), cwd=tmp_path)
    _una_linea_sin_traza(resultado, "validar.py")
    assert "Datos válidos" not in resultado.stdout


def test_nuevo_fuera_del_entorno_no_escribe_nada(python_sin_entorno, tmp_path):
    datos = tmp_path / "datos"
    datos.mkdir()
    resultado = _ejecutar(python_sin_entorno, str(RAIZ / "scripts" / "nuevo.py"), "taller", "--fecha", "2012-05-10",
                          "--lugar", "Piura", "--datos", str(datos), cwd=tmp_path)
    _una_linea_sin_traza(resultado, "nuevo.py")
    assert list(datos.iterdir()) == []


@pytest.mark.parametrize("script, argumentos", [
    ("esquemas.py", ["--comprobar"]), ("construir.py", ["--help"]),
    # la herramienta (scripts/plan.py): antes de su ayuda o de cualquier orden
    ("plan.py", ["--help"]), ("plan.py", ["validar", str(DATOS)]), ("plan.py", ["servir"]),
])
def test_otros_scripts_fuera_del_entorno(python_sin_entorno, tmp_path, script, argumentos):
    resultado = _ejecutar(python_sin_entorno, str(RAIZ / "scripts" / script), *argumentos, cwd=tmp_path)
    _una_linea_sin_traza(resultado, script)


def test_en_el_entorno_no_falta_nada():
    # Los módulos que busca la guarda existen con esos nombres en el entorno del proyecto
    # (una errata haría que los scripts se negaran a correr también dentro de .venv).
    spec = importlib.util.spec_from_file_location("entorno", RAIZ / "scripts" / "entorno.py")
    entorno = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(entorno)
    assert entorno.faltan() == []
