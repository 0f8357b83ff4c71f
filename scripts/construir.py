#!/usr/bin/env python3
"""Compila el sitio completo: ``python scripts/construir.py [--destino site]`` (``make build``).

1. Carga y valida los datos **una vez** (si no son válidos, escribe los mismos
   mensajes que ``scripts/validar.py`` y termina con estado 1).
2. Compila los idiomas **a la vez**, uno por proceso (``os.fork``: todos heredan
   los datos ya cargados). Cada proceso hace una compilación normal de MkDocs con la
   misma configuración que ``mkdocs build`` (static-i18n recorre todos los idiomas);
   las opciones ``idiomas`` y ``finalizar`` del complemento del sitio hacen que solo
   su idioma escriba algo (la pasada por cada uno de los demás cuesta una décima de
   segundo) y que los pasos finales queden para después.
3. Junta los resultados como lo haría la compilación secuencial de static-i18n (cada
   idioma escribe después del anterior; sitemap con las páginas de todos los idiomas;
   índice de búsqueda común) y ejecuta
   :func:`plan_migracion.sitio_mkdocs.postproceso.finalizar` una sola vez.
4. Todo se escribe en una carpeta temporal junto a ``site/``; solo si todo salió
   bien ocupa el lugar de ``site/`` (dos renombres seguidos, con las señales en
   espera) y el sitio anterior se borra en segundo plano (``site.nuevo-*``). Si
   algo falla, ``site/`` queda como estaba y la carpeta temporal se borra.

Donde no hay ``os.fork`` (Windows) la compilación es la secuencial, en el mismo proceso, y el
sitio anterior se borra antes de terminar; sin ``fcntl.flock`` no se borran restos de otras
compilaciones (no se sabe si siguen en marcha). ``mkdocs build`` y ``mkdocs serve`` no usan este
script y funcionan en cualquier sistema.

Cualquier fallo termina en una sola frase en español y un estado distinto de 0, nunca en un
*traceback* (``-v`` lo añade): no se puede escribir junto a ``site/`` (sin permiso, solo lectura,
``site`` es un archivo), el disco se llena, MkDocs se detiene (avisos en modo estricto,
``PluginError``), una excepción inesperada al compilar un idioma... SIGTERM, SIGINT (Ctrl+C) y
SIGHUP detienen los procesos de los idiomas, borran la carpeta temporal y terminan con 128 + la
señal. La carpeta temporal se llama ``site.nuevo-<pid>-<azar>`` y la compilación tiene bloqueado
(``flock``) su archivo ``.bloqueo`` mientras vive (también sus procesos hijos y el que borra el
sitio anterior): al empezar y al terminar, cada compilación borra las ``site.nuevo-*`` que nadie
tiene bloqueadas (restos de una compilación terminada con SIGKILL, por ejemplo), nunca la de una
compilación que sigue en marcha. Los procesos de los idiomas mueren con el principal
(``PR_SET_PDEATHSIG``), y los archivos temporales de los pasos finales (``tempfile``) se escriben
dentro de la carpeta temporal.

``--secuencial`` compila como ``mkdocs build`` (un idioma tras otro en un solo
proceso), también en la carpeta temporal; las pruebas comprueban que los dos modos
dan los mismos bytes. ``--volcar-markdown DIR`` guarda el Markdown de cada página
ya procesado por las macros (``DIR/<idioma>/...``): lo usa el banco de pruebas
(``scripts/benchmark.py``) para medir el «suelo» con MkDocs sin complementos.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import datetime as dt
import errno
import gc
import ctypes.util
import glob
import gzip
import json
import logging
import os
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

try:
    import fcntl  # flock: Unix (Linux, macOS); en Windows no existe
except ImportError:
    fcntl = None

# Los idiomas en paralelo necesitan os.fork (Unix): los procesos heredan los datos ya cargados y
# validados. Sin él (Windows), la compilación es la secuencial, en este mismo proceso.
BIFURCAR = hasattr(os, "fork")

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

import entorno  # noqa: E402  (scripts/entorno.py: fuera de .venv, una línea en vez de una traza)

entorno.exigir(__file__)


def _importar_al_usarlo(nombre: str) -> None:
    """Importa ``nombre`` solo cuando se use (``importlib.util.LazyLoader``, de la biblioteca estándar).

    mkdocs-macros importa ``requests`` (con urllib3 y charset_normalizer: ~60 ms, la décima parte
    de una compilación con los datos de hoy) solo para consultar PyPI al instalar *pluglets*, algo
    que este sitio no hace. Si alguien lo usa, el módulo se carga entero en ese momento."""
    import importlib.util

    if nombre in sys.modules or (especificacion := importlib.util.find_spec(nombre)) is None:
        return
    cargador = importlib.util.LazyLoader(especificacion.loader)
    especificacion.loader = cargador
    modulo = importlib.util.module_from_spec(especificacion)
    sys.modules[nombre] = modulo
    cargador.exec_module(modulo)


_importar_al_usarlo("requests")

from plan_migracion.datos import Datos, DatosInvalidos, cargar, carpeta_cache, carpeta_datos  # noqa: E402
from plan_migracion.datos.idiomas import de_mkdocs_yml  # noqa: E402
from plan_migracion.sitio_mkdocs.postproceso import finalizar  # noqa: E402

log = logging.getLogger("mkdocs.construir")


# --- Errores y señales --------------------------------------------------------------------------

SENALES = tuple(getattr(signal, nombre) for nombre in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, nombre))
_DETALLE = False  # -v: además de la frase, el detalle (traceback) de un error inesperado


class Interrumpida(BaseException):
    """La compilación recibió una de :data:`SENALES` (como ``KeyboardInterrupt``, no es una
    ``Exception``: ningún ``except Exception`` de MkDocs o de un complemento la oculta)."""

    def __init__(self, senal: int):
        super().__init__(signal.Signals(senal).name)
        self.senal = senal


class CompilacionFallida(Exception):
    """Un fallo ya explicado: su texto es la causa, en una frase (sin mayúscula ni punto)."""


def _al_recibir_senal(numero, _marco) -> None:
    raise Interrumpida(numero)


_PR_SET_PDEATHSIG = 1
_PRCTL = None  # prctl de la libc (Linux), si está
_VIGILADOS = False  # ¿ya se instaló _en_cada_hijo?
_MORIR_CON_EL_PADRE = True  # no para el proceso que borra el sitio anterior: debe sobrevivir
_PADRE = 0


def _antes_de_bifurcar() -> None:
    global _PADRE
    _PADRE = os.getpid()


def _en_cada_hijo() -> None:
    """(``os.register_at_fork``) En cada proceso hijo (los de los idiomas, los del ZIP, el que
    borra el sitio anterior): las :data:`SENALES` vuelven a su efecto normal (terminar en seguida,
    sin traceback: limpia el proceso principal) y, salvo el que borra, el hijo muere con su padre
    aunque a este lo maten con SIGKILL. Si no, un proceso del ZIP huérfano esperaría para siempre
    (tiene abiertos los dos extremos de su cola) con la carpeta temporal bloqueada."""
    with contextlib.suppress(ValueError, OSError):
        for senal in SENALES:
            signal.signal(senal, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, SENALES)
    if _MORIR_CON_EL_PADRE and _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        if os.getppid() != _PADRE:  # el padre murió antes del prctl
            os._exit(1)


def vigilar_hijos() -> None:
    """Instala :func:`_en_cada_hijo` para todos los ``fork`` de este proceso (una vez; :func:`main`)."""
    global _PRCTL, _VIGILADOS
    if _VIGILADOS or not BIFURCAR:
        return
    _PRCTL = None  # fuera de Linux: un hijo huérfano termina lo suyo y sale
    if sys.platform.startswith("linux"):  # prctl(2) de la libc, con ctypes
        with contextlib.suppress(OSError, AttributeError):
            _PRCTL = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).prctl
    os.register_at_fork(before=_antes_de_bifurcar, after_in_child=_en_cada_hijo)
    _VIGILADOS = True


@contextlib.contextmanager
def _senales_bloqueadas():
    """Las :data:`SENALES` esperan (bloqueadas) mientras dura el bloque: publicar y limpiar
    no se cortan a medias. (En Windows no se pueden bloquear: el bloque corre sin más.)"""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    anterior = signal.pthread_sigmask(signal.SIG_BLOCK, SENALES)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, anterior)


_MOTIVOS = {
    errno.ENOSPC: "no queda espacio en el disco",
    errno.EDQUOT: "se agotó la cuota de disco",
    errno.EFBIG: "un archivo superó el tamaño máximo permitido",
    errno.EROFS: "el sistema de archivos es de solo lectura",
    errno.EACCES: "no hay permiso",
    errno.EPERM: "no hay permiso",
    errno.ENOTDIR: "una parte de la ruta es un archivo y no una carpeta",
    errno.EEXIST: "ya existe un archivo con ese nombre",
    errno.EISDIR: "hay una carpeta donde se esperaba un archivo",
    errno.ENOENT: "falta un archivo o una carpeta",
    errno.EMFILE: "hay demasiados archivos abiertos",
    errno.ENFILE: "hay demasiados archivos abiertos",
    errno.EIO: "el disco dio un error de lectura o escritura",
    errno.ENAMETOOLONG: "el nombre es demasiado largo",
}


def _una_linea(texto: object) -> str:
    return " ".join(str(texto).split())


def _motivo(error: OSError) -> str:
    """Un error del sistema en español: «no queda espacio en el disco (ruta)»."""
    motivo = _MOTIVOS.get(error.errno) or f"falló una operación del sistema ({_una_linea(error.strerror or error)})"
    ruta = error.filename2 if error.filename2 is not None else error.filename  # (copiar: el destino)
    return motivo + (f" ({os.fsdecode(ruta)})" if ruta is not None else "")


def causa(error: BaseException) -> str:
    """Por qué falló la compilación, en una frase sin mayúscula inicial ni punto final."""
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    if isinstance(error, (CompilacionFallida, Interrumpida)):
        return f"se interrumpió con la señal {error}" if isinstance(error, Interrumpida) else str(error)
    if isinstance(error, Abort):  # MkDocs ya escribió por qué (avisos en modo estricto, PluginError...)
        return "MkDocs la detuvo por los mensajes de arriba"
    if isinstance(error, ConfigurationError):
        return f"la configuración de MkDocs no es válida ({_una_linea(error)})"
    if isinstance(error, MkDocsException):
        return f"un complemento de MkDocs falló ({_una_linea(error)})"
    if isinstance(error, OSError):
        return _motivo(error)
    if isinstance(error, MemoryError):
        return "no hubo memoria suficiente"
    return f"ocurrió un error inesperado ({type(error).__name__}: {_una_linea(error)}; con -v se ve el detalle)"


def _informar(error: BaseException, destino: Path) -> int:
    """Escribe la frase del fallo (con -v, antes el traceback si era inesperado); el estado de salida."""
    if _DETALLE and not isinstance(error, (CompilacionFallida, Interrumpida)):
        traceback.print_exc()
    log.error(f"No se compiló el sitio porque {causa(error)}; {destino} queda como estaba.")
    return 128 + error.senal if isinstance(error, Interrumpida) else 1


# --- Carpeta temporal y restos de compilaciones anteriores ------------------------------------

BLOQUEO = ".bloqueo"  # dentro de la carpeta temporal: flock mientras la compilación vive
_PID_TEMPORAL = re.compile(r"\.nuevo-(\d+)-")


def _proceso_vivo(nombre: str) -> bool:
    """¿Sigue vivo el proceso cuyo pid va en el nombre de la carpeta temporal?"""
    encontrado = _PID_TEMPORAL.search(nombre)
    if encontrado is None:
        return False  # nombre de una versión anterior de este script: ya no hay quien la use
    try:
        os.kill(int(encontrado.group(1)), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def limpiar_restos(destino: Path) -> list[Path]:
    """Borra las carpetas ``<destino>.nuevo-*`` de compilaciones que ya no están en marcha.

    Una compilación en marcha (o el proceso que borra su sitio anterior) tiene bloqueado el
    ``.bloqueo`` de su carpeta; la carpeta que aún no lo tiene (recién creada) lleva el pid de
    un proceso vivo. Todo lo demás es un resto: se borra. Sin ``flock`` (Windows) no se puede
    saber si otra compilación sigue en marcha: no se borra nada (la carpeta temporal de una
    compilación que falla se borra igual, al fallar)."""
    borradas = []
    if fcntl is None:
        return borradas
    try:
        candidatas = sorted(destino.parent.glob(glob.escape(destino.name) + ".nuevo-*"))
    except OSError:
        return borradas
    for carpeta in candidatas:
        if carpeta.is_symlink() or not carpeta.is_dir():
            continue
        try:
            bloqueo = os.open(carpeta / BLOQUEO, os.O_RDONLY)
        except FileNotFoundError:
            bloqueo = None
        except OSError:
            continue
        try:
            if bloqueo is None and _proceso_vivo(carpeta.name):
                continue
            if bloqueo is not None:
                try:
                    fcntl.flock(bloqueo, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:  # bloqueada: esa compilación sigue en marcha
                    continue
            shutil.rmtree(carpeta, ignore_errors=True)
            borradas.append(carpeta)
        finally:
            if bloqueo is not None:
                os.close(bloqueo)
    return borradas


def preparar_destino(destino: Path) -> tuple[Path, int]:
    """Crea la carpeta temporal junto a ``destino`` y bloquea su ``.bloqueo``: (carpeta, descriptor).

    Antes borra los restos de compilaciones anteriores. Si ``destino`` existe y no es una
    carpeta, o no se puede escribir junto a él, lanza :class:`CompilacionFallida`."""
    if destino.is_symlink() or (destino.exists() and not destino.is_dir()):
        raise CompilacionFallida(f"{destino} existe y no es una carpeta (bórrelo o elija otro destino con --destino)")
    try:
        destino.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CompilacionFallida(f"no se pudo crear la carpeta del sitio: {_motivo(error)}") from error
    for carpeta in limpiar_restos(destino):
        log.debug(f"Borrado un resto de una compilación anterior: {carpeta.name}")
    try:
        temporal = Path(tempfile.mkdtemp(prefix=f"{destino.name}.nuevo-{os.getpid()}-", dir=destino.parent))
    except OSError as error:
        error.filename = error.filename2 = None  # (el nombre al azar no le dice nada a nadie)
        raise CompilacionFallida(f"no se puede escribir en la carpeta {destino.parent}: {_motivo(error)}") from error
    bloqueo = None
    try:
        bloqueo = os.open(temporal / BLOQUEO, os.O_WRONLY | os.O_CREAT, 0o600)
        if fcntl is not None:
            fcntl.flock(bloqueo, fcntl.LOCK_EX)
    except BaseException:
        if bloqueo is not None:
            os.close(bloqueo)
        shutil.rmtree(temporal, ignore_errors=True)
        raise
    return temporal, bloqueo


# --- Publicación ----------------------------------------------------------------------------------

def publicar(nuevo: Path, destino: Path) -> None:
    """Pone ``nuevo`` en el lugar de ``destino`` con dos renombres seguidos en la misma carpeta
    (``os.rename``, en cualquier sistema; quien llama tiene bloqueadas las señales); la versión
    anterior queda junto a ``nuevo`` (``<nuevo>.anterior``) para que quien llama la borre. Si el
    segundo renombre falla, la versión anterior vuelve a ``destino``."""
    if not destino.exists():
        os.rename(nuevo, destino)
        return
    anterior = nuevo.with_name(nuevo.name + ".anterior")
    os.rename(destino, anterior)
    try:
        os.rename(nuevo, destino)
    except BaseException:
        os.rename(anterior, destino)
        raise


def borrar_en_segundo_plano(carpeta: Path, bloqueo: int | None = None) -> None:
    """Borra ``carpeta`` en un proceso aparte que sigue después de que este termine.

    El sitio anterior (decenas de miles de archivos con muchos registros) tarda segundos en
    borrarse, casi todos de espera del disco; el sitio nuevo ya está publicado y nada lo usa.
    El proceso se separa del todo (sesión propia, sin los descriptores de este salvo ``bloqueo``:
    quien espera la salida de ``make build`` no lo espera a él; mientras borra, la carpeta sigue
    bloqueada y otra compilación no la toca). Si no se puede, se borra aquí mismo."""
    global _MORIR_CON_EL_PADRE
    _MORIR_CON_EL_PADRE = False  # (_en_cada_hijo) si alguien lo mata, la próxima compilación termina de borrar
    try:
        pid = os.fork()
    except OSError:
        pid = None
    if pid != 0:
        _MORIR_CON_EL_PADRE = True
        if pid is None:
            shutil.rmtree(carpeta, ignore_errors=True)
        else:
            os.waitpid(pid, 0)  # el hijo sale en seguida; el nieto borra
        return
    try:
        os.setsid()
        if os.fork() == 0:
            nulo = os.open(os.devnull, os.O_RDWR)
            for descriptor in (0, 1, 2):
                os.dup2(nulo, descriptor)
            if bloqueo is None:
                os.closerange(3, 65536)
            else:  # (el bloqueo sigue abierto hasta que termine de borrar)
                os.closerange(3, bloqueo)
                os.closerange(bloqueo + 1, 65536)
            shutil.rmtree(carpeta, ignore_errors=True)
    finally:
        os._exit(0)


# --- Compilación de un idioma ------------------------------------------------------------------

def _volcado(carpeta: Path, idioma_de):
    """Complemento que guarda el Markdown de cada página después de las macros."""
    from mkdocs.plugins import BasePlugin, event_priority

    class Volcado(BasePlugin):
        @event_priority(-1000)
        def on_page_markdown(self, markdown, page, config, files):
            idioma = idioma_de(config)
            ruta = page.file.src_uri
            if ruta.endswith(f".{idioma}.md"):
                ruta = ruta[: -len(f".{idioma}.md")] + ".md"
            destino = carpeta / idioma / ruta
            destino.parent.mkdir(parents=True, exist_ok=True)
            # (el complemento guarda el cuerpo dibujado y no lo dibuja otra vez)
            contenido = config.plugins["plan_migracion"].contenido_generado(page.file)
            if contenido is not None:  # página generada: el suelo recibe el Markdown completo
                from plan_migracion.vistas.generadas import MARCA_CONTENIDO

                destino.write_text(markdown.replace(MARCA_CONTENIDO, contenido, 1), encoding="utf-8")
            else:
                destino.write_text(markdown, encoding="utf-8")
            return markdown

    return Volcado()


def _cronometro(idioma_de, escribe):
    """Dos complementos que anotan (con -v) cuánto tarda cada idioma en sus páginas y en
    ``on_post_build`` (allí el complemento escribe el PDF, el feed, los datos abiertos y la búsqueda).

    static-i18n compila los demás idiomas dentro del ``on_post_build`` del principal: el tiempo de
    esas pasadas anidadas no se cuenta en el del principal. La pasada de un idioma que esta
    compilación no escribe (``escribe(idioma)`` falso) se anota aparte, entera («sin escribir»)."""
    from mkdocs.plugins import BasePlugin, event_priority

    pasadas: list[dict] = []  # las pasadas en curso, la más interna al final

    class Inicio(BasePlugin):
        @event_priority(1000)
        def on_pre_build(self, config):
            pasadas.append({"idioma": idioma_de(config), "inicio": time.monotonic(), "anidadas": 0.0})

        @event_priority(1000)
        def on_post_build(self, config):
            pasadas[-1]["paginas"] = time.monotonic()

    class Fin(BasePlugin):
        @event_priority(-1000)
        def on_post_build(self, config):
            fin, pasada = time.monotonic(), pasadas.pop()
            if pasadas:
                pasadas[-1]["anidadas"] += fin - pasada["inicio"]
            idioma, propia = pasada["idioma"], fin - pasada["inicio"] - pasada["anidadas"]
            if not escribe(idioma):
                log.debug(f"  {idioma} (sin escribir): toda la pasada {propia:.2f} s")
                return
            log.debug(f"  {idioma}: páginas {pasada['paginas'] - pasada['inicio']:.2f} s, al final del idioma "
                      f"(on_post_build) {fin - pasada['paginas'] - pasada['anidadas']:.2f} s")

    return Inicio(), Fin()


def _idioma_actual(config) -> str:
    return config.plugins["plan_migracion"].idioma(config)  # (una sola forma de saberlo: el complemento)


def compilar(config_file: Path, site_dir: Path, idioma: str | None, volcar: Path | None, datos: Datos) -> None:
    """Una compilación normal de MkDocs (``mkdocs build``) en este proceso, con ``datos`` ya cargados
    (el complemento los usa sin volver a leer la carpeta: su interfaz ``cache_datos.fijar``).

    ``idioma=None``: todos los idiomas, uno tras otro, y los pasos finales. Con un idioma, las
    opciones ``idiomas`` y ``finalizar`` del complemento del sitio (las suyas, documentadas en
    plan_migracion/sitio_mkdocs/config.py) hacen que solo ese idioma escriba algo y que los pasos
    finales queden para después de unir: static-i18n recorre igual todos los idiomas (empieza
    siempre por el principal y no tiene una opción documentada para compilar solo otro en su
    carpeta: ``build_only_locale`` lo hace principal, en la raíz), pero en los demás el complemento
    no deja ninguna página ni archivo, y esa pasada cuesta centésimas."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    config.plugins["plan_migracion"].cache_datos.fijar(datos)
    if idioma is not None:
        opciones = config.plugins["plan_migracion"].config
        opciones.idiomas = [idioma]
        opciones.finalizar = False
    if volcar is not None:
        config.plugins["volcado-markdown"] = _volcado(volcar, _idioma_actual)
    config.plugins["cronometro-inicio"], config.plugins["cronometro-fin"] = _cronometro(
        _idioma_actual, config.plugins["plan_migracion"].escribe)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def _en_hijo(que: str, funcion, *args) -> tuple[int, str, int]:
    """Ejecuta ``funcion(*args)`` en un proceso hijo (fork): (pid, ``que``, descriptor).

    Si falla, el hijo no escribe un traceback (salvo con -v): manda por una tubería (el
    descriptor) la frase de :func:`causa` y sale con 1."""
    lectura, escritura = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(lectura)
        os.close(escritura)
        raise
    if pid == 0:  # hijo
        codigo = 1
        try:
            os.close(lectura)  # (señales y muerte con el padre: _en_cada_hijo)
            funcion(*args)
            codigo = 0
        except BaseException as error:  # noqa: BLE001 - se informa al padre y se sale con 1
            if isinstance(error, SystemExit) and error.code in (0, None):
                codigo = 0
            else:
                if _DETALLE:
                    traceback.print_exc()
                with contextlib.suppress(Exception):
                    os.write(escritura, causa(error).encode("utf-8", "replace")[:4000])
        finally:
            with contextlib.suppress(Exception):
                sys.stdout.flush()
                sys.stderr.flush()
            os._exit(codigo)
    os.close(escritura)
    os.set_blocking(lectura, False)
    return pid, que, lectura


# --- Unión de los idiomas ----------------------------------------------------------------------

def _superponer(origen: Path, destino: Path) -> None:
    """Mueve el contenido de ``origen`` a ``destino``, reemplazando (como escribe static-i18n).

    Una carpeta que ``destino`` no tiene (``en/``, con todas las páginas del idioma) se mueve
    entera, con un solo ``rename``; las que ya existen (``assets/``...) se recorren."""
    for actual, carpetas, archivos in os.walk(origen):
        relativa = Path(actual).relative_to(origen)
        for nombre in list(carpetas):
            if not (destino / relativa / nombre).exists():
                os.rename(Path(actual) / nombre, destino / relativa / nombre)
                carpetas.remove(nombre)  # ya no hay que recorrerla
        for nombre in archivos:
            os.replace(Path(actual) / nombre, destino / relativa / nombre)


def _unir_sitemaps(principal: str, otros: list[str]) -> str:
    """El sitemap de static-i18n: las ``<url>`` de cada idioma, en orden, en un solo ``<urlset>``."""
    cierre = "\n</urlset>"
    cuerpo = principal[: principal.rindex(cierre)]
    for otro in otros:
        apertura = otro.index(">", otro.index("<urlset")) + 1
        cuerpo += otro[apertura: otro.rindex(cierre)]
    return cuerpo + principal[principal.rindex(cierre):]


def _escribir_gz(xml: str, ruta_gz: Path, mtime: int) -> None:
    """Igual que MkDocs: gzip con el nombre del archivo y la fecha de compilación."""
    with open(ruta_gz, "wb") as f, gzip.GzipFile(fileobj=f, filename=str(ruta_gz), mode="wb", mtime=mtime) as gz:
        gz.write(xml.encode("utf-8"))


def _unir_busqueda(principal: dict, otros: list[dict], idiomas: list[str]) -> dict:
    """Índice común, sin duplicados, como ``reconfigure_search_index`` de static-i18n."""
    docs = list(principal["docs"])
    for otro in otros:
        docs.extend(otro["docs"])
    # Se quita una entrada de un idioma («en/…») si hay una del idioma principal con el mismo título
    # y texto cuya ubicación es el final de la suya. static-i18n compara cada par (cuadrático: con
    # 10.000 secciones por idioma, segundos); aquí se agrupan por (título, texto).
    prefijos = tuple(f"{i}/" for i in idiomas)
    bases: dict[tuple, list[str]] = {}
    for d in docs:
        if not d["location"].startswith(prefijos):
            bases.setdefault((d["title"], d["text"]), []).append(d["location"])

    def duplicada(d: dict) -> bool:
        return d["location"].startswith(prefijos) and any(
            d["location"].endswith(ubicacion) for ubicacion in bases.get((d["title"], d["text"]), ()))

    return {"config": principal["config"], "docs": [d for d in docs if not duplicada(d)]}


def unir(sitio: Path, parciales: list[Path], idiomas: list[str]) -> None:
    """Añade a ``sitio`` (el idioma principal) lo que escribieron los demás idiomas."""
    sitemap = sitio / "sitemap.xml"
    busqueda = sitio / "search" / "search_index.json"
    xml_principal = sitemap.read_text(encoding="utf-8") if sitemap.is_file() else None
    indice_principal = json.loads(busqueda.read_text(encoding="utf-8")) if busqueda.is_file() else None
    xml_otros, indices_otros, mtime = [], [], None
    for parcial in parciales:
        if (parcial / "sitemap.xml").is_file():
            xml_otros.append((parcial / "sitemap.xml").read_text(encoding="utf-8"))
            with gzip.open(parcial / "sitemap.xml.gz") as gz:
                gz.read()
                mtime = gz.mtime
        if (parcial / "search" / "search_index.json").is_file():
            indices_otros.append(json.loads((parcial / "search" / "search_index.json").read_text(encoding="utf-8")))
        _superponer(parcial, sitio)
    if xml_principal is not None and xml_otros:
        xml = _unir_sitemaps(xml_principal, xml_otros)
        sitemap.write_text(xml, encoding="utf-8")
        _escribir_gz(xml, sitio / "sitemap.xml.gz", mtime)
    if indice_principal is not None and indices_otros:
        indice = _unir_busqueda(indice_principal, indices_otros, idiomas)
        busqueda.write_text(json.dumps(indice, separators=(",", ":"), default=str), encoding="utf-8")


# --- Orden principal ---------------------------------------------------------------------------

def _configurar_registro(detalle: bool) -> None:
    manejador = logging.StreamHandler(sys.stderr)
    manejador.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    registro = logging.getLogger("mkdocs")
    registro.addHandler(manejador)
    # Con -v, los mensajes INFO de MkDocs y las medidas de este script (DEBUG de mkdocs.construir);
    # no los DEBUG de MkDocs: formatear unos 20 por página cuesta segundos con miles de páginas.
    registro.setLevel(logging.INFO)
    manejador.setLevel(logging.INFO if detalle else logging.WARNING)
    log.setLevel(logging.DEBUG if detalle else logging.INFO)
    aviso = logging.StreamHandler(sys.stderr)
    aviso.setFormatter(logging.Formatter("%(message)s"))
    log.addHandler(aviso)
    log.propagate = False


def _precalentar(config_file: Path, datos: Datos) -> tuple[list[str], bool]:
    """Lo que cada proceso haría igual, hecho una vez antes de repartir los idiomas (``os.fork``
    lo comparte): importar MkDocs, el tema y los complementos (leyendo la configuración una vez),
    las fechas de babel y las plantillas de las vistas ya compiladas. WeasyPrint no: solo hace falta
    si el PDF no está en la caché, y entonces cada proceso lo importa a la vez que el otro.
    Devuelve los idiomas en el orden de compilación (el primero, el principal) y la opción
    ``sin_conexion`` del complemento (``mkdocs.yml``)."""
    import mkdocs.commands.build  # noqa: F401
    from mkdocs.config import load_config

    from plan_migracion import vistas
    from plan_migracion.salidas import descargas
    from plan_migracion.sitio_mkdocs.plugin import orden_de_los_idiomas
    from plan_migracion.vistas import formato

    config = load_config(str(config_file), strict=True)
    idiomas = orden_de_los_idiomas(config)
    vistas.precalentar()
    # Lo que cada proceso preguntaría a git: la fecha de los datos (on_config del complemento).
    descargas.fijar_epoca_de_los_datos(datos)
    for idioma in idiomas:
        formato.fecha(dt.date(2011, 1, 1), idioma)
    return idiomas, config.plugins["plan_migracion"].config.sin_conexion


def _esperar(hijos: list[tuple[int, str, int]]) -> None:
    """Espera a los hijos de :func:`_en_hijo`. Si uno falla, detiene a los demás (el sitio ya no
    se publicará) y lanza :class:`CompilacionFallida` con su causa; si la compilación se
    interrumpe mientras espera, también los detiene."""
    pendientes = {pid: (que, lectura) for pid, que, lectura in hijos}
    try:
        while pendientes:
            pid, estado = os.wait()
            if pid not in pendientes:
                continue
            que, lectura = pendientes.pop(pid)
            try:
                mensaje = os.read(lectura, 4000).decode("utf-8", "replace")
            except BlockingIOError:
                mensaje = ""
            os.close(lectura)
            if estado == 0:
                continue
            if not mensaje:
                mensaje = (f"su proceso terminó por la señal {signal.Signals(os.WTERMSIG(estado)).name}"
                           if os.WIFSIGNALED(estado) else f"su proceso terminó con el estado {os.waitstatus_to_exitcode(estado)}")
            raise CompilacionFallida(f"al compilar {que}, {mensaje}")
    finally:
        _detener(pendientes)


def _detener(hijos: dict[int, tuple[str, int]]) -> None:
    """Mata y espera a los hijos que siguen compilando (solo escriben en la carpeta temporal)."""
    for pid in hijos:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    for pid, (_que, lectura) in hijos.items():
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
        os.close(lectura)


def compilar_sitio(config_file: Path, sitio: Path, trabajo: Path, secuencial: bool, volcar: Path | None,
                   datos: Datos) -> bool:
    """Compila todos los idiomas en ``sitio`` (``trabajo``: carpeta para los resultados parciales) con
    ``datos``, ya cargados."""
    if secuencial or not BIFURCAR:  # static-i18n: un idioma tras otro; el complemento ejecuta finalizar
        if BIFURCAR:
            _esperar([_en_hijo("todos los idiomas", compilar, config_file, sitio, None, volcar, datos)])
        else:  # (Windows) en este proceso
            compilar(config_file, sitio, None, volcar, datos)
        return True
    inicio = time.monotonic()
    idiomas, sin_conexion = _precalentar(config_file, datos)
    parciales = {i: (sitio if i == idiomas[0] else trabajo / f"parcial-{i}") for i in idiomas}
    # Lo cargado hasta aquí (datos, módulos, plantillas) vive toda la compilación: fuera del
    # recolector de basura, que si no lo recorrería entero en cada pasada completa (segundos con
    # 10.000 talleres) y, al marcarlo, copiaría en cada proceso las páginas de memoria compartidas.
    gc.collect()
    gc.freeze()
    log.debug(f"  importaciones y plantillas listas en {time.monotonic() - inicio:.2f} s")
    hijos = []
    try:
        for i in idiomas:
            hijos.append(_en_hijo(f"el idioma «{i}»", compilar, config_file, parciales[i], i, volcar, datos))
    except BaseException:  # (fork imposible o señal: los ya creados no siguen)
        _detener({pid: (que, lectura) for pid, que, lectura in hijos})
        raise
    _esperar(hijos)
    log.debug(f"  idiomas compilados en {time.monotonic() - inicio:.2f} s ({sitio.name})")
    unir(sitio, [parciales[i] for i in idiomas[1:]], idiomas)
    log.debug(f"  idiomas unidos a los {time.monotonic() - inicio:.2f} s")
    finalizar(sitio, idiomas, sin_conexion, cache=carpeta_cache(RAIZ))  # una sola vez, con todos los idiomas (en los hijos, opción finalizar: false)
    log.debug(f"  pasos finales hechos a los {time.monotonic() - inicio:.2f} s")
    return True


def construir(destino: Path, config_file: Path, secuencial: bool, volcar: Path | None) -> int:
    inicio = time.monotonic()
    temporal = bloqueo = None
    try:
        try:
            # Una sola carga: los hijos la heredan (fork) y se la dan al complemento; todo el sitio ve la
            # misma versión de los datos.
            datos = cargar(carpeta_datos(RAIZ).resolve(), de_mkdocs_yml(config_file))
        except DatosInvalidos as error:
            for problema in error.problemas:
                print(problema.texto(), file=sys.stderr)
            print(f"{sum(1 for p in error.problemas if p.es_error)} error(es): no se compiló el sitio; "
                  f"{destino} queda como estaba.", file=sys.stderr)
            return 1
        for aviso in datos.avisos:
            print(aviso.texto(), file=sys.stderr)
        log.debug(f"Datos cargados y validados en {time.monotonic() - inicio:.2f} s")

        temporal, bloqueo = preparar_destino(destino)
        tempfile.tempdir = str(temporal)  # los temporales de los pasos finales (ZIP...), dentro
        sitio = temporal / "sitio"
        compilar_sitio(config_file, sitio, temporal, secuencial, volcar, datos)
        with _senales_bloqueadas():  # publicado a medias, nunca
            publicar(sitio, destino)
            if BIFURCAR:  # (sin fork, el bloque finally la borra aquí mismo)
                borrar_en_segundo_plano(temporal, bloqueo)  # con el sitio anterior dentro
                temporal = None
            for senal in SENALES:  # ya está publicado: una señal que llegue ahora no cambia nada
                signal.signal(senal, signal.SIG_IGN)
        log.debug(f"Sitio publicado a los {time.monotonic() - inicio:.2f} s")
    except (Exception, Interrumpida) as error:  # noqa: BLE001 - una frase y el sitio anterior intacto
        return _informar(error, destino)
    finally:
        with _senales_bloqueadas():
            tempfile.tempdir = None
            if temporal is not None:  # la compilación falló: lo que haya a medias, ahora mismo
                if fcntl is None and bloqueo is not None:  # (Windows no borra un archivo abierto)
                    os.close(bloqueo)
                    bloqueo = None
                shutil.rmtree(temporal, ignore_errors=True)
            if bloqueo is not None:
                os.close(bloqueo)
    limpiar_restos(destino)  # p. ej. los de una compilación cuyos procesos aún vivían al empezar
    modo = "secuencial" if secuencial or not BIFURCAR else "en paralelo"
    log.info(f"Sitio escrito en {destino} ({modo}) en {time.monotonic() - inicio:.2f} s.")
    return 0


def main(argv: list[str] | None = None) -> int:
    global _DETALLE
    parser = argparse.ArgumentParser(description="Compila el sitio (los dos idiomas) en site/.")
    parser.add_argument("--destino", default=str(RAIZ / "site"), help="carpeta del sitio (por omisión: site)")
    parser.add_argument("--config", default=str(RAIZ / "mkdocs.yml"), help="configuración de MkDocs")
    parser.add_argument("--secuencial", action="store_true", help="un idioma tras otro, como mkdocs build")
    parser.add_argument("--volcar-markdown", metavar="DIR", help="guardar el Markdown ya procesado de cada página")
    parser.add_argument("-v", "--detalle", action="store_true",
                        help="mostrar los mensajes de MkDocs y, si algo falla, el detalle (traceback)")
    args = parser.parse_args(argv)
    _configurar_registro(args.detalle)
    _DETALLE = args.detalle
    vigilar_hijos()
    anteriores = {senal: signal.signal(senal, _al_recibir_senal) for senal in SENALES}
    destino = Path(args.destino)
    try:
        os.chdir(RAIZ)
        destino = destino.resolve()
        volcar = Path(args.volcar_markdown).resolve() if args.volcar_markdown else None
        return construir(destino, Path(args.config).resolve(), args.secuencial, volcar)
    except (Exception, Interrumpida) as error:  # noqa: BLE001 - p. ej. una segunda señal al limpiar
        return _informar(error, destino)
    finally:
        for senal, anterior in anteriores.items():
            signal.signal(senal, anterior)


if __name__ == "__main__":
    sys.exit(main())
