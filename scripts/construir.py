#!/usr/bin/env python3
"""Compila el sitio completo: ``python scripts/construir.py [--destino site] [-v]`` (``make build``).

1. Carga y valida los datos **una vez** (si no son válidos, escribe los mensajes del validador,
   los mismos que ``scripts/validar.py``, y termina con estado 1).
2. Hace una compilación normal de MkDocs con ``mkdocs.yml`` (la misma que ``mkdocs build``:
   static-i18n compila un idioma tras otro) en una carpeta temporal junto al destino
   (``site.nuevo-<pid>-<azar>``), con los datos ya cargados (el complemento del sitio los recibe
   con ``cache_datos.fijar``, su interfaz documentada, y no vuelve a leer la carpeta).
3. Solo si todo salió bien, la carpeta temporal ocupa el lugar del destino (dos ``os.rename`` en la
   misma carpeta) y el sitio anterior se borra en un proceso aparte (``subprocess``), que no hace
   esperar a quien llamó.

Cualquier fallo (datos, MkDocs, un complemento, el disco, permisos, Ctrl+C, SIGTERM) termina en
una sola frase en español y un estado distinto de 0; ``-v`` añade los mensajes de MkDocs y, si el
fallo es inesperado, el detalle (*traceback*). El destino queda como estaba y la carpeta temporal se
borra. Si el proceso muere sin poder limpiar (SIGKILL), su carpeta temporal queda junto al destino:
no cambia nada de la compilación siguiente (MkDocs no la lee), que la borra al empezar porque el
proceso que la creó (su pid va en el nombre) ya no existe.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

import entorno  # noqa: E402  (scripts/entorno.py: fuera de .venv, una línea en vez de una traza)

entorno.exigir(__file__)

from plan_migracion.datos import DatosInvalidos, cargar, carpeta_datos  # noqa: E402
from plan_migracion.datos.carga import explicar_oserror  # noqa: E402
from plan_migracion.datos.problemas import idiomas_de_mensajes  # noqa: E402
from plan_migracion.datos.idiomas import de_mkdocs_yml  # noqa: E402

log = logging.getLogger("mkdocs.construir")
TEMPORAL = ".nuevo-"  # <destino>.nuevo-<pid>-<azar>: la carpeta temporal de una compilación


class CompilacionFallida(Exception):
    """Un fallo ya explicado: su texto es la causa, en una frase (sin mayúscula ni punto)."""




def _una_linea(texto: object) -> str:
    return " ".join(str(texto).split())


def causa(error: BaseException) -> str:
    """Por qué falló la compilación, en una frase sin mayúscula inicial ni punto final."""
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    if isinstance(error, CompilacionFallida):
        return str(error)
    if isinstance(error, KeyboardInterrupt):
        return "se interrumpió (Ctrl+C o SIGTERM)"
    if isinstance(error, Abort):  # MkDocs ya escribió por qué (avisos en modo estricto, PluginError...)
        return "MkDocs la detuvo por los mensajes de arriba"
    if isinstance(error, ConfigurationError):
        return f"la configuración de MkDocs no es válida ({_una_linea(error)})"
    if isinstance(error, MkDocsException):
        return f"un complemento de MkDocs falló ({_una_linea(error)})"
    if isinstance(error, OSError):
        return explicar_oserror(error)[idiomas_de_mensajes()[0]]  # el catálogo del validador, con la ruta
    if isinstance(error, MemoryError):
        return "no hubo memoria suficiente"
    return f"ocurrió un error inesperado ({type(error).__name__}: {_una_linea(error)}; con -v se ve el detalle)"


# --- Carpeta temporal y publicación -------------------------------------------------------------

def _vivo(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def limpiar_restos(destino: Path) -> None:
    """Borra las carpetas ``<destino>.nuevo-<pid>-*`` cuyo proceso ya no existe (restos de una
    compilación terminada con SIGKILL, o de un borrado del sitio anterior que no terminó). La de una
    compilación en marcha (su pid vive) no se toca."""
    patron = re.compile(re.escape(destino.name + TEMPORAL) + r"(\d+)-")
    for carpeta in destino.parent.glob(destino.name.replace("[", "[[]") + TEMPORAL + "*"):
        encontrado = patron.match(carpeta.name)
        if encontrado and carpeta.is_dir() and not carpeta.is_symlink() and not _vivo(int(encontrado[1])):
            shutil.rmtree(carpeta, ignore_errors=True)


def carpeta_temporal(destino: Path) -> Path:
    """Crea la carpeta temporal junto a ``destino`` (antes borra los restos de otras compilaciones)."""
    if destino.is_symlink() or (destino.exists() and not destino.is_dir()):
        raise CompilacionFallida(f"{destino} existe y no es una carpeta (bórrelo o elija otro destino con --destino)")
    try:
        destino.parent.mkdir(parents=True, exist_ok=True)
        limpiar_restos(destino)
        return Path(tempfile.mkdtemp(prefix=f"{destino.name}{TEMPORAL}{os.getpid()}-", dir=destino.parent))
    except OSError as error:
        error.filename = error.filename2 = None  # (la carpeta se nombra abajo)
        raise CompilacionFallida(f"no se puede escribir en la carpeta {destino.parent}: {causa(error)}") from error


def publicar(nuevo: Path, destino: Path) -> None:
    """``nuevo`` ocupa el lugar de ``destino``; el sitio anterior se borra en otro proceso."""
    if not destino.exists():
        os.rename(nuevo, destino)
        return
    anterior = nuevo.with_name(nuevo.name + "-anterior")
    os.rename(destino, anterior)
    try:
        os.rename(nuevo, destino)
    except BaseException:
        os.rename(anterior, destino)
        raise
    try:  # un proceso aparte, en su propia sesión: quien espera a «make build» no lo espera a él
        subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                          str(anterior)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        shutil.rmtree(anterior, ignore_errors=True)


# --- Compilación --------------------------------------------------------------------------------

def compilar(config_file: Path, site_dir: Path, datos) -> None:
    """``mkdocs build`` de ``config_file`` en ``site_dir``, en este proceso, con ``datos`` ya cargados
    (lo mismo que hace la orden ``mkdocs build``: ``on_startup``, ``build``, ``on_shutdown``)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir))
    config.plugins["plan_migracion"].cache_datos.fijar(datos)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def construir(destino: Path, config_file: Path, detalle: bool) -> int:
    inicio = time.monotonic()
    temporal = None
    try:
        try:
            datos = cargar(carpeta_datos(RAIZ).resolve(), de_mkdocs_yml(config_file))
        except DatosInvalidos as error:
            for problema in error.problemas:
                print(problema.texto(), file=sys.stderr)
            print(f"{error.errores} error(es): no se compiló el sitio; "
                  f"{destino} queda como estaba.", file=sys.stderr)
            return 1
        for aviso in datos.avisos:
            print(aviso.texto(), file=sys.stderr)
        log.debug(f"Datos cargados y validados en {time.monotonic() - inicio:.2f} s")
        temporal = carpeta_temporal(destino)
        compilar(config_file, temporal, datos)
        log.debug(f"Sitio compilado a los {time.monotonic() - inicio:.2f} s")
        publicar(temporal, destino)
        temporal = None
    except BaseException as error:  # noqa: BLE001 - una frase, y el sitio anterior intacto (también el
        # Abort de MkDocs, que es un SystemExit)
        if detalle and not isinstance(error, (CompilacionFallida, KeyboardInterrupt)):
            traceback.print_exc()
        log.error(f"No se compiló el sitio porque {causa(error)}; {destino} queda como estaba.")
        return 130 if isinstance(error, KeyboardInterrupt) else 1
    finally:
        if temporal is not None:
            shutil.rmtree(temporal, ignore_errors=True)
    log.info(f"Sitio escrito en {destino} en {time.monotonic() - inicio:.2f} s.")
    return 0


def _configurar_registro(detalle: bool) -> None:
    """Los mensajes de MkDocs en stderr: avisos y errores; con -v, también los INFO y las medidas."""
    manejador = logging.StreamHandler(sys.stderr)
    manejador.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    manejador.setLevel(logging.INFO if detalle else logging.WARNING)
    registro = logging.getLogger("mkdocs")
    registro.addHandler(manejador)
    registro.setLevel(logging.INFO)
    propio = logging.StreamHandler(sys.stderr)
    propio.setFormatter(logging.Formatter("%(message)s"))
    log.addHandler(propio)
    log.setLevel(logging.DEBUG if detalle else logging.INFO)
    log.propagate = False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Valida los datos y compila el sitio (los dos idiomas) en site/.")
    parser.add_argument("--destino", default=str(RAIZ / "site"), help="carpeta del sitio (por omisión: site)")
    parser.add_argument("--config", default=str(RAIZ / "mkdocs.yml"), help="configuración de MkDocs")
    parser.add_argument("-v", "--detalle", action="store_true",
                        help="mostrar los mensajes de MkDocs y, si algo falla, el detalle (traceback)")
    args = parser.parse_args(argv)
    _configurar_registro(args.detalle)
    # SIGTERM y Ctrl+C (SIGINT): KeyboardInterrupt (el manejador de la biblioteca estándar), que
    # limpia. SIGINT también: quien lanza la compilación en segundo plano desde un shell la hereda
    # ignorada, y entonces Ctrl+C o «kill -INT» no la detendrían.
    anteriores = {s: signal.signal(s, signal.default_int_handler) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        os.chdir(RAIZ)
        return construir(Path(args.destino).resolve(), Path(args.config).resolve(), args.detalle)
    finally:
        for senal, anterior in anteriores.items():
            signal.signal(senal, anterior)


if __name__ == "__main__":
    sys.exit(main())
