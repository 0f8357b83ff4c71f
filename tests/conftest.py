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
"""

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
FIXTURES_SITIO = {"compilacion", "sitio", "pequeno", "pequeno_sin_convenios", "sitio_publicado"}

_ACTUAL: dict[str, pytest.Item] = {}  # la prueba en curso (para exigir la marca «sitio» al compilar)


def pytest_collection_modifyitems(items):
    for item in items:
        nombres = set(getattr(item, "fixturenames", ()))
        if nombres & FIXTURES_SITIO:
            item.add_marker(pytest.mark.sitio)
        if "navegador" in nombres:
            item.add_marker(pytest.mark.navegador)


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
    """``mkdocs build --strict`` con los datos reales, una vez por sesión; ``cargas``: el archivo
    donde cada carga de datos de esa compilación dejó una línea (scripts/contar_cargas.py)."""
    base = tmp_path_factory.mktemp("sitio")
    destino, cargas = base / "site", base / "mkdocs.cargas"
    resultado = compilar(destino, registro=cargas)
    resultado.destino, resultado.cargas = destino, cargas
    return resultado


@pytest.fixture(scope="session")
def sitio(compilacion) -> Path:
    """El sitio compilado con los datos reales (una vez por sesión de pruebas)."""
    assert compilacion.returncode == 0, compilacion.stdout + compilacion.stderr
    return compilacion.destino


def _compilar_pequeno(tmp_path_factory, convenios: bool) -> tuple[Path, Path]:
    """El sitio del conjunto pequeño de :mod:`conjuntos` (cifras conocidas de antemano).

    La fecha de los datos (portada del PDF, feed) sale de los datos mismos, pues la carpeta
    temporal no está en git."""
    import conjuntos

    carpeta = tmp_path_factory.mktemp("pequeno" if convenios else "pequeno-sin-convenios")
    datos = conjuntos.pequeno(carpeta / "datos", convenios=convenios)
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


@pytest.fixture(scope="session")
def sitio_publicado(tmp_path_factory) -> Path:
    """El sitio como lo publica la integración continua en main: con su dirección pública
    (``PLAN_URL_SITIO``) y el repositorio del botón «Editar esta página» (``PLAN_REPOSITORIO``).
    Una compilación por sesión (véanse test_publicacion.py y test_edicion.py)."""
    destino = tmp_path_factory.mktemp("sitio-publicado") / "site"
    resultado = compilar(destino, entorno={"PLAN_URL_SITIO": DIRECCION_PUBLICA, "PLAN_REPOSITORIO": REPOSITORIO})
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    return destino


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
