"""Utilidades comunes de las pruebas: rutas, compilación del sitio, copias de datos y niveles.

Niveles (marcas registradas en pyproject.toml):

- ``sitio``: la prueba necesita un sitio compilado con MkDocs (o ejecuta la compilación). Se marca
  sola si usa un fixture de compilación de aquí (:data:`FIXTURES_SITIO`); las que llaman a
  :func:`compilar` o a ``scripts/construir.py`` por su cuenta llevan ``@pytest.mark.sitio`` (o
  ``pytestmark``), y si se olvida, :func:`compilar` falla y dice cómo arreglarlo.
- ``navegador``: la prueba usa Chromium (fixture ``navegador``); se marca sola.
- Lo demás es el nivel rápido (``make test-rapido``): datos, validación, vistas y salidas sobre
  datos pequeños, sin ninguna compilación de MkDocs.

Todo lo que escriben las pruebas va a carpetas temporales: también las cachés de compilación
(``PLAN_CACHE``, una carpeta temporal por sesión en lugar de ``.cache/`` del repositorio).

En paralelo (``make test`` ejecuta pytest con pytest-xdist, ``-n auto --dist loadfile``): cada
proceso tiene su propia sesión, así que un fixture ``scope="session"`` correría una vez por proceso.
Cada sitio que leen varias pruebas se compila una sola vez por ejecución con :func:`una_vez` (un
``FileLock`` sobre la carpeta temporal común a todos los procesos, como documenta pytest-xdist): el
primer proceso que lo pide lo compila y los demás leen el mismo. Cada archivo de pruebas va entero
a un proceso (``--dist loadfile``): los fixtures de un módulo se preparan una vez, y el recorrido
de Chromium por todas las páginas (test_navegador.py) se hace una sola vez. (``--dist loadgroup``
no agrupa con pytest 9.2 y pytest-xdist 3.8.0: este cambia un atributo interno que aquel ya no usa.)

Dónde está cada ayuda: aquí, los fixtures, las rutas y la compilación; ``conjuntos.py``, los datos
sintéticos; ``paginas.py``, lo que se lee de un sitio compilado; ``servidor.py``, el sitio servido
en 127.0.0.1 y LinkChecker; ``navegador.py``, Chromium. Ningún módulo de pruebas importa otro.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

RAIZ = Path(__file__).resolve().parent.parent
DATOS = RAIZ / "datos"
FUENTE_PLAN = RAIZ / "fuentes" / "plan-de-actuacion.txt"  # copia del documento del plan


def sin_avisos_de_linea_del_editor(resultado: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    """La salida de ``scripts/validar.py`` sin los avisos de la línea del editor que falta, y su resumen
    sin contarlos. Esa línea es una ayuda: el registro de quien contribuye a mano puede no tenerla y la
    suite sigue en verde (el aviso lo comprueba tests/test_mensajes.py); las pruebas que comparan la
    salida entera tratan de los otros mensajes."""
    import re

    from plan_migracion.datos.problemas import idiomas_de_mensajes, mensaje, resumen

    marcas = [mensaje("problemas.sin-linea-del-editor", i).split("{linea}")[0] for i in idiomas_de_mensajes()]
    lineas = resultado.stdout.splitlines(keepends=True)
    quedan = [l for l in lineas if not any(m in l for m in marcas)]
    quitados = len(lineas) - len(quedan)
    stderr = resultado.stderr
    if quitados:
        for idioma in idiomas_de_mensajes():
            patron = re.escape(mensaje("validador.resumen", idioma)).replace(r"\{errores\}", r"(\d+)").replace(
                r"\{avisos\}", r"(\d+)")
            if (hallado := re.search(patron, stderr)) is not None:
                errores, avisos = int(hallado.group(1)), int(hallado.group(2)) - quitados
                nuevo = (mensaje("validador.resumen", idioma).format(errores=errores, avisos=avisos)
                         if errores or avisos else resumen([], idioma))
                stderr = stderr[:hallado.start()] + nuevo + stderr[hallado.end():]
                break
    return subprocess.CompletedProcess(resultado.args, resultado.returncode, "".join(quedan), stderr)


def contando_cargas(registro: Path | None) -> list[str]:
    """Lo que va entre ``python`` y el script o ``-m módulo`` para anotar en ``registro`` cada carga
    completa de los datos (``scripts/contar_cargas.py``); nada si no hay registro."""
    return [] if registro is None else [str(RAIZ / "scripts" / "contar_cargas.py"), str(registro)]


# Los fixtures que compilan el sitio: una prueba que use alguno (directa o indirectamente) es del
# nivel «sitio». Un fixture de compilación nuevo en conftest.py se añade aquí.
FIXTURES_SITIO = {"compilacion", "sitio", "pequeno", "pequeno_sin_convenios", "sitio_publicado", "hostil"}

_ACTUAL: dict[str, pytest.Item] = {}  # la prueba en curso (para exigir la marca «sitio» al compilar)


def pytest_collection_modifyitems(items):
    for item in items:
        nombres = set(getattr(item, "fixturenames", ()))
        if nombres & FIXTURES_SITIO:
            item.add_marker(pytest.mark.sitio)
        if "navegador" in nombres:
            item.add_marker(pytest.mark.navegador)
    # Primero el recorrido de todas las páginas en Chromium (test_navegador.py, fixture «visitas»),
    # la tarea más larga: con pytest-xdist (--dist loadfile --no-loadscope-reorder) un proceso
    # empieza por ella mientras los demás hacen el resto, en lugar de dejarla para el final.
    items.sort(key=lambda item: "visitas" not in getattr(item, "fixturenames", ()))


def pytest_xdist_auto_num_workers(config) -> int:
    """``-n auto`` (make test): un proceso más que núcleos. El que recorre las páginas en Chromium
    pasa la mayor parte del tiempo esperando al navegador (cargas, clics); los demás compilan."""
    return len(os.sched_getaffinity(0)) + 1 if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1) + 1


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    _ACTUAL["prueba"] = item  # antes de preparar sus fixtures (que pueden compilar)


def exigir_nivel_sitio() -> None:
    """Falla si la prueba en curso compila sin estar marcada ``sitio`` (iría al nivel rápido)."""
    prueba = _ACTUAL.get("prueba")
    if prueba is not None and prueba.get_closest_marker("sitio") is None:
        pytest.fail(f"{prueba.nodeid} compila el sitio pero no está marcada «sitio»: añada "
                    "@pytest.mark.sitio (o pytestmark = pytest.mark.sitio en el módulo), para que "
                    "make test-rapido no la ejecute.", pytrace=False)


@pytest.fixture(scope="session", autouse=True)
def _cache_temporal(tmp_path_factory):
    """Las cachés de compilación (plantillas, PDF) de toda la sesión, en una carpeta temporal:
    ninguna prueba escribe en ``.cache/`` del repositorio."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLAN_CACHE", str(tmp_path_factory.mktemp("cache")))
        yield


def _carpeta_comun(tmp_path_factory) -> Path:
    """La carpeta temporal de esta ejecución común a todos los procesos de pytest-xdist (sin
    pytest-xdist, la de la sesión)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def una_vez(tmp_path_factory, nombre: str, hacer: Callable[[Path], object]) -> tuple[Path, object]:
    """``hacer(carpeta)`` una sola vez por ejecución, también con varios procesos de pytest-xdist.

    El primer proceso que lo pide lo hace en ``carpeta`` (nueva, en la carpeta temporal común) y
    guarda lo que devuelve (un valor JSON); los demás esperan a que termine (un ``FileLock``) y
    reciben la misma carpeta y el mismo valor. Si ``hacer`` lanza una excepción no se guarda nada
    (el siguiente que lo pida lo intenta otra vez y ve el mismo error)."""
    comun = _carpeta_comun(tmp_path_factory)
    carpeta, hecho = comun / nombre, comun / f"{nombre}.json"
    with FileLock(comun / f"{nombre}.lock"):
        if not hecho.is_file():
            shutil.rmtree(carpeta, ignore_errors=True)
            carpeta.mkdir()
            hecho.write_text(json.dumps(hacer(carpeta)), encoding="utf-8")
    return carpeta, json.loads(hecho.read_text(encoding="utf-8"))


def compilado_una_vez(tmp_path_factory, nombre: str, preparar: Callable[[Path], Path | None] | None = None,
                      **opciones) -> subprocess.CompletedProcess:
    """:func:`compilar` una sola vez por ejecución (:func:`una_vez`) hacia ``<carpeta>/site``, con los
    datos que ``preparar(carpeta)`` devuelva (``None``: los reales) y las ``opciones`` de
    :func:`compilar`; cada carga de datos deja una línea en ``<carpeta>/mkdocs.cargas``
    (``scripts/contar_cargas.py``). El resultado lleva además ``destino`` (el sitio), ``carpeta`` y
    ``cargas``."""
    def hacer(carpeta: Path) -> dict:
        datos = preparar(carpeta) if preparar else None
        resultado = compilar(carpeta / "site", datos, registro=carpeta / "mkdocs.cargas", **opciones)
        return {"args": resultado.args, "returncode": resultado.returncode,
                "stdout": resultado.stdout, "stderr": resultado.stderr}

    carpeta, valor = una_vez(tmp_path_factory, nombre, hacer)
    resultado = subprocess.CompletedProcess(valor["args"], valor["returncode"], valor["stdout"], valor["stderr"])
    resultado.destino, resultado.carpeta, resultado.cargas = carpeta / "site", carpeta, carpeta / "mkdocs.cargas"
    return resultado


def compilar(destino: Path, datos: Path | None = None, *extra: str, entorno: dict | None = None,
             prefijo: tuple[str, ...] = (), registro: Path | None = None) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` hacia ``destino`` (con otra carpeta de datos si se indica, variables
    de ``entorno`` añadidas y la orden precedida de ``prefijo``; con ``registro``, una línea en él por
    carga completa de los datos: ``scripts/contar_cargas.py``). Sin ``SOURCE_DATE_EPOCH``: la
    fecha de los datos sale de los datos, como en ``make build``."""
    exigir_nivel_sitio()
    variables = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PLAN_DATOS")}
    variables.update({"NO_MKDOCS_2_WARNING": "1", **(entorno or {})})
    if datos is not None:
        variables["PLAN_DATOS"] = str(datos)
    return subprocess.run(
        [*prefijo, sys.executable, *contando_cargas(registro), "-m", "mkdocs", "build", "--strict",
         "--site-dir", str(destino), *extra],
        cwd=RAIZ, env=variables, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="session")
def compilacion(tmp_path_factory) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` con los datos reales, una vez por ejecución; ``cargas``: el archivo
    donde cada carga de datos de esa compilación dejó una línea (scripts/contar_cargas.py)."""
    return compilado_una_vez(tmp_path_factory, "sitio")


@pytest.fixture(scope="session")
def sitio(compilacion) -> Path:
    """El sitio compilado con los datos reales (una vez por ejecución)."""
    assert compilacion.returncode == 0, compilacion.stdout + compilacion.stderr
    return compilacion.destino


def _compilar_pequeno(tmp_path_factory, convenios: bool) -> tuple[Path, Path]:
    """El sitio del conjunto pequeño de :mod:`conjuntos` (cifras conocidas de antemano).

    La fecha de los datos (portada del PDF, feed) sale de los datos mismos, pues la carpeta
    temporal no está en git."""
    import conjuntos

    resultado = compilado_una_vez(tmp_path_factory, "pequeno" if convenios else "pequeno-sin-convenios",
                                  lambda carpeta: conjuntos.pequeno(carpeta / "datos", convenios=convenios))
    assert resultado.returncode == 0, resultado.stdout[-3000:] + resultado.stderr[-3000:]
    return resultado.destino, resultado.carpeta / "datos"


@pytest.fixture(scope="session")
def pequeno(tmp_path_factory) -> tuple[Path, Path]:
    """(sitio, datos) del conjunto pequeño: 3 talleres y 1 convenio (véase tests/conjuntos.py)."""
    return _compilar_pequeno(tmp_path_factory, convenios=True)


@pytest.fixture(scope="session")
def pequeno_sin_convenios(tmp_path_factory) -> tuple[Path, Path]:
    """(sitio, datos) de los mismos 3 talleres, sin ningún convenio."""
    return _compilar_pequeno(tmp_path_factory, convenios=False)


@pytest.fixture(scope="session")
def sitio_publicado(tmp_path_factory) -> Path:
    """El sitio como lo publica la integración continua en main: con su dirección pública
    (``PLAN_URL_SITIO``) y el repositorio del botón «Editar esta página» (``PLAN_REPOSITORIO``).
    Una compilación por ejecución (véanse test_publicacion.py y test_edicion.py)."""
    resultado = compilado_una_vez(tmp_path_factory, "sitio-publicado",
                                  entorno={"PLAN_URL_SITIO": DIRECCION_PUBLICA, "PLAN_REPOSITORIO": REPOSITORIO})
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    return resultado.destino


@pytest.fixture(scope="session")
def hostil(tmp_path_factory) -> tuple[Path, dict[int, str]]:
    """(sitio, número de carga → tipo de archivo) de los datos con textos hostiles de
    :func:`conjuntos.hostil` (test_texto_hostil.py y test_csv_formulas.py)."""
    import conjuntos

    def preparar(carpeta: Path) -> Path:
        numeros = conjuntos.hostil(carpeta / "datos")
        (carpeta / "numeros.json").write_text(json.dumps(numeros), encoding="utf-8")
        return carpeta / "datos"

    resultado = compilado_una_vez(tmp_path_factory, "hostil", preparar)
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    numeros = json.loads((resultado.carpeta / "numeros.json").read_text(encoding="utf-8"))
    return resultado.destino, {int(n): archivo for n, archivo in numeros.items()}


DIRECCION_PUBLICA = "https://example.org/plan/"  # (de ejemplo: nunca se pide nada a esa dirección)
REPOSITORIO = "https://github.com/ejemplo/plan-migracion"


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
