"""Las dependencias fijadas y verificables (issue 16, punto 6).

- Cada paquete de ``requirements.txt`` y ``requirements-dev.txt`` lleva su versión exacta y los
  hashes de sus archivos (``pip-compile --generate-hashes``); los dos archivos están al día con sus
  ``.in`` y dan la misma versión a un paquete que esté en ambos (el de pruebas va sobre el del sitio).
- ``make`` los instala con ``--require-hashes`` y solo ruedas; el paquete del proyecto, editable,
  en otra llamada sin dependencias (una instalación editable no tiene hash). Se lee de ``make -n``:
  lo que ``make`` ejecutaría de verdad.
- ``.github/dependabot.yml`` propone cada semana actualizaciones agrupadas de pip, npm y las
  acciones de GitHub, y el esquema de Dependabot lo acepta (el que trae check-jsonschema,
  ``requirements-dev.txt``; nada se descarga).
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import RAIZ

REQUISITOS = ("requirements.txt", "requirements-dev.txt")
DEPENDABOT = RAIZ / ".github" / "dependabot.yml"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"

_HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")
_FIJADO = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[A-Za-z0-9,._-]+\])?==([^\s;\\]+)")


def _normalizado(nombre: str) -> str:
    return re.sub(r"[-_.]+", "-", nombre).lower()


def _lineas_logicas(ruta: Path) -> list[str]:
    """Las líneas de un archivo de requisitos sin comentarios, con las continuaciones («\\») unidas."""
    texto = re.sub(r"\\\n", " ", ruta.read_text(encoding="utf-8"))
    return [linea.split(" #")[0].strip() for linea in texto.splitlines()
            if linea.strip() and not linea.lstrip().startswith("#")]


def fijados(ruta: Path) -> dict[str, str]:
    """Paquete (normalizado) → versión de un ``requirements*.txt``; falla si una línea no tiene
    versión exacta o hash."""
    versiones = {}
    for linea in _lineas_logicas(ruta):
        fijado = _FIJADO.match(linea)
        assert fijado, f"{ruta.name}: «{linea[:80]}» no es «paquete==versión» con hashes"
        assert _HASH.search(linea), f"{ruta.name}: {fijado.group(1)} no lleva --hash"
        otras = [o for o in linea.split()[1:] if not _HASH.fullmatch(o)]
        assert otras == [], f"{ruta.name}: {fijado.group(1)} lleva además {otras}"
        versiones[_normalizado(fijado.group(1))] = fijado.group(2)
    return versiones


def pedidos(ruta: Path) -> dict[str, str | None]:
    """Paquete (normalizado) → versión fijada (``==``) o ``None``, de un ``requirements*.in``."""
    resultado = {}
    for linea in _lineas_logicas(ruta):
        if linea.startswith("-"):
            continue
        nombre = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", linea).group(0)
        exacta = re.search(r"==\s*([^\s,;]+)", linea)
        resultado[_normalizado(nombre)] = exacta.group(1) if exacta else None
    return resultado


@pytest.mark.parametrize("archivo", REQUISITOS)
def test_cada_requisito_lleva_version_y_hash(archivo):
    versiones = fijados(RAIZ / archivo)
    assert versiones
    texto = (RAIZ / archivo).read_text(encoding="utf-8")
    # generado con pip-compile y sus opciones (Dependabot las relee de esta cabecera)
    assert re.search(r"#\s+pip-compile .*--generate-hashes", texto), archivo
    assert len(_HASH.findall(texto)) >= len(versiones)


@pytest.mark.parametrize("entrada, salida", [("requirements.in", "requirements.txt"),
                                             ("requirements-dev.in", "requirements-dev.txt")])
def test_los_fijados_estan_al_dia_con_su_in(entrada, salida):
    """Lo que pide cada ``.in`` está en su ``.txt`` y, si el ``.in`` fija la versión, la misma: un
    ``.in`` cambiado a mano sin volver a generar el ``.txt`` (make requisitos) se nota aquí."""
    versiones = fijados(RAIZ / salida)
    for nombre, version in pedidos(RAIZ / entrada).items():
        assert nombre in versiones, f"{nombre} está en {entrada} y falta en {salida}: make requisitos"
        if version is not None:
            assert versiones[nombre] == version, f"{nombre}: {version} en {entrada}, {versiones[nombre]} en {salida}"


def test_pruebas_sobre_el_sitio_con_las_mismas_versiones():
    sitio, pruebas = (fijados(RAIZ / archivo) for archivo in REQUISITOS)
    assert "-c requirements.txt" in _lineas_logicas(RAIZ / "requirements-dev.in")
    comunes = set(sitio) & set(pruebas)
    assert comunes  # (pydantic, pyyaml, requests…)
    assert {n: (sitio[n], pruebas[n]) for n in comunes if sitio[n] != pruebas[n]} == {}
    # las pruebas en paralelo: pytest-xdist y filelock
    assert "filelock" in pruebas and "pytest-xdist" in pruebas


def _ordenes_de_make(objetivo: str, tmp_path: Path) -> list[list[str]]:
    make = shutil.which("make")
    assert make, "falta make"
    entorno = tmp_path / "venv"
    resultado = subprocess.run([make, "-n", "-B", f"{entorno}/{objetivo}", f"VENV={entorno}"], cwd=RAIZ,
                               capture_output=True, text=True, timeout=60)
    assert resultado.returncode == 0, resultado.stderr
    return [shlex.split(linea) for linea in resultado.stdout.splitlines() if linea.strip()]


def test_make_instala_con_require_hashes_y_solo_ruedas(tmp_path):
    ordenes = _ordenes_de_make(".pruebas", tmp_path)
    instalaciones = [o for o in ordenes if o[1:4] == ["-m", "pip", "install"]]
    con_requisitos = {o[o.index("-r") + 1]: o for o in instalaciones if "-r" in o}
    assert set(con_requisitos) == set(REQUISITOS), instalaciones
    for archivo, orden in con_requisitos.items():
        assert "--require-hashes" in orden, (archivo, orden)
        assert "--only-binary" in orden and orden[orden.index("--only-binary") + 1] == ":all:", orden
    # el sitio antes que las pruebas; el proyecto, editable, en su propia llamada y sin dependencias
    orden_archivos = [o[o.index("-r") + 1] for o in instalaciones if "-r" in o]
    assert orden_archivos == list(REQUISITOS)
    editables = [o for o in instalaciones if "-e" in o]
    assert len(editables) == 1 and "--no-deps" in editables[0] and "-r" not in editables[0]
    assert instalaciones.index(editables[0]) == 1  # después de requirements.txt
    assert len(instalaciones) == 3


def test_ningun_flujo_instala_sin_hashes():
    """La integración continua instala con make (.venv/.sitio, make test): ningún paso ``run`` de un
    flujo llama a pip con un archivo de requisitos sin ``--require-hashes``."""
    flujos = sorted((RAIZ / ".github" / "workflows").glob("*.y*ml"))
    assert flujos
    ordenes = []
    for flujo in flujos:
        for trabajo in yaml.safe_load(flujo.read_text(encoding="utf-8"))["jobs"].values():
            ordenes += [paso["run"] for paso in trabajo.get("steps", []) if "run" in paso]
    assert any("make" in orden for orden in ordenes)
    for orden in ordenes:
        if re.search(r"pip3? install", orden) and "-r" in orden:
            assert "--require-hashes" in orden, orden


def _esquema_dependabot(ruta: Path) -> subprocess.CompletedProcess:
    assert CHECK_JSONSCHEMA.is_file(), "falta check-jsonschema (requirements-dev.txt)"
    return subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.dependabot", str(ruta)],
                          capture_output=True, text=True, timeout=120)


def test_dependabot_propone_cada_semana_pip_npm_y_acciones_agrupadas():
    resultado = _esquema_dependabot(DEPENDABOT)
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    config = yaml.safe_load(DEPENDABOT.read_text(encoding="utf-8"))
    assert config["version"] == 2
    por_ecosistema = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(por_ecosistema) == {"pip", "npm", "github-actions"}
    for ecosistema, actualizacion in por_ecosistema.items():
        assert actualizacion["directory"] == "/", ecosistema
        assert actualizacion["schedule"]["interval"] == "weekly", ecosistema
        assert actualizacion.get("groups"), f"{ecosistema}: sin grupos, un pull request por paquete"
    # lo que actualiza existe aquí: los .in de pip-compile, package.json y los flujos
    assert (RAIZ / "requirements.in").is_file() and (RAIZ / "package.json").is_file()
    assert list((RAIZ / ".github" / "workflows").glob("*.yml"))


def test_el_esquema_de_dependabot_rechaza_un_archivo_roto(tmp_path):
    """Control: el esquema de verdad revisa (un intervalo que no existe)."""
    roto = tmp_path / "dependabot.yml"
    roto.write_text(DEPENDABOT.read_text(encoding="utf-8").replace("interval: weekly", "interval: cada-semana", 1),
                    encoding="utf-8")
    resultado = _esquema_dependabot(roto)
    assert resultado.returncode == 1
    assert "cada-semana" in resultado.stdout + resultado.stderr
