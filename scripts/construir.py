#!/usr/bin/env python3
"""Compila el sitio completo: ``python scripts/construir.py [--destino site]`` (``make build``).

1. Carga y valida los datos **una vez** (si no son válidos, escribe los mismos
   mensajes que ``scripts/validar.py`` y termina con estado 1).
2. Compila los dos idiomas **a la vez**, uno por proceso (``os.fork``: los dos
   heredan los datos ya cargados), con la misma configuración que
   ``mkdocs build`` (mkdocs-static-i18n con los dos idiomas): cada proceso le
   dice a static-i18n qué idioma compilar y que no compile los demás.
3. Junta los dos resultados como lo haría la compilación secuencial de
   static-i18n (el inglés escribe después del español; sitemap con las
   páginas de los dos idiomas; índice de búsqueda común) y ejecuta
   :func:`plan_migracion.postproceso.finalizar` una sola vez.
4. Todo se escribe en una carpeta temporal junto a ``site/``; solo si todo salió
   bien se intercambia con ``site/`` de forma atómica (``renameat2`` con
   ``RENAME_EXCHANGE`` en Linux) y el sitio anterior se borra en segundo plano
   (``site.nuevo-*``). Si algo falla, ``site/`` queda como estaba y la carpeta
   temporal se borra.

``--secuencial`` compila como ``mkdocs build`` (un idioma tras otro en un solo
proceso), también de forma atómica; las pruebas comprueban que los dos modos
dan los mismos bytes. ``--volcar-markdown DIR`` guarda el Markdown de cada página
ya procesado por las macros (``DIR/<idioma>/...``): lo usa el banco de pruebas
(``scripts/benchmark.py``) para medir el «suelo» con MkDocs sin complementos.
"""

from __future__ import annotations

import argparse
import ctypes
import datetime as dt
import gc
import ctypes.util
import gzip
import json
import logging
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

import entorno  # noqa: E402  (scripts/entorno.py: fuera de .venv, una línea en vez de una traza)

entorno.exigir(__file__)

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


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

from plan_migracion.datos import cargar_en_cache, carpeta_datos, fijar_en_cache  # noqa: E402
from plan_migracion.postproceso import IDIOMA_PRINCIPAL, IDIOMAS_SECUNDARIOS, finalizar  # noqa: E402
from plan_migracion.problemas import DatosInvalidos  # noqa: E402

log = logging.getLogger("mkdocs.construir")


# --- Intercambio atómico ----------------------------------------------------------------------

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _intercambiar(a: Path, b: Path) -> bool:
    """Intercambia ``a`` y ``b`` en una sola operación del sistema (Linux). ¿Se pudo?"""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def publicar(nuevo: Path, destino: Path) -> None:
    """Pone ``nuevo`` en el lugar de ``destino``; la versión anterior queda en ``nuevo`` (o junto a
    él) para que quien llama la borre."""
    if not destino.exists():
        os.rename(nuevo, destino)
        return
    if _intercambiar(nuevo, destino):
        return  # ahora ``nuevo`` es el sitio anterior
    anterior = nuevo.with_name(nuevo.name + ".anterior")
    os.rename(destino, anterior)  # sin renameat2: dos renombres seguidos
    os.rename(nuevo, destino)


def borrar_en_segundo_plano(carpeta: Path) -> None:
    """Borra ``carpeta`` en un proceso aparte que sigue después de que este termine.

    El sitio anterior (decenas de miles de archivos con muchos registros) tarda segundos en
    borrarse, casi todos de espera del disco; el sitio nuevo ya está publicado y nada lo usa.
    El proceso se separa del todo (sesión propia, sin los descriptores de este: quien espera la
    salida de ``make build`` no lo espera a él). Si no se puede, se borra aquí mismo."""
    try:
        pid = os.fork()
    except OSError:
        shutil.rmtree(carpeta, ignore_errors=True)
        return
    if pid:
        os.waitpid(pid, 0)  # el hijo sale en seguida; el nieto borra
        return
    try:
        os.setsid()
        if os.fork() == 0:
            nulo = os.open(os.devnull, os.O_RDWR)
            for descriptor in (0, 1, 2):
                os.dup2(nulo, descriptor)
            os.closerange(3, 65536)
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
            generar = getattr(page.file, "contenido_generado", None)
            if generar is not None:  # página generada: el suelo recibe el Markdown completo
                from plan_migracion.paginas import MARCA_CONTENIDO

                page.file.contenido_html = generar()  # (ganchos/paginas.py lo usa sin dibujarlo otra vez)
                destino.write_text(markdown.replace(MARCA_CONTENIDO, page.file.contenido_html, 1), encoding="utf-8")
            else:
                destino.write_text(markdown, encoding="utf-8")
            return markdown

    return Volcado()


def _cronometro(idioma_de):
    """Dos complementos que anotan (con -v) cuánto tarda cada idioma en sus páginas y en
    ``on_post_build`` (allí los ganchos escriben el PDF, el feed, los datos abiertos y la búsqueda)."""
    from mkdocs.plugins import BasePlugin, event_priority

    marcas: dict[str, float] = {}

    class Inicio(BasePlugin):
        @event_priority(1000)
        def on_pre_build(self, config):
            marcas["inicio"] = time.monotonic()

        @event_priority(1000)
        def on_post_build(self, config):
            marcas["paginas"] = time.monotonic()

    class Fin(BasePlugin):
        @event_priority(-1000)
        def on_post_build(self, config):
            fin = time.monotonic()
            log.debug(f"  {idioma_de(config)}: páginas {marcas['paginas'] - marcas['inicio']:.2f} s, "
                      f"al final del idioma (on_post_build) {fin - marcas['paginas']:.2f} s")

    return Inicio(), Fin()


def _idioma_actual(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme["language"]


def compilar(config_file: Path, site_dir: Path, idioma: str | None, volcar: Path | None) -> None:
    """Una compilación de MkDocs en este proceso. ``idioma=None``: todos, uno tras otro."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    if idioma is not None:
        i18n = config.plugins["i18n"]
        # static-i18n compila primero su idioma actual y, al terminar, los demás salvo que ya esté
        # «compilando»: así compila solo este (y el gancho ganchos/sitio.py no ejecuta finalizar).
        i18n.current_language = idioma
        i18n.building = True
    if volcar is not None:
        config.plugins["volcado-markdown"] = _volcado(volcar, _idioma_actual)
    config.plugins["cronometro-inicio"], config.plugins["cronometro-fin"] = _cronometro(_idioma_actual)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def _en_hijo(funcion, *args) -> int:
    """Ejecuta ``funcion(*args)`` en un proceso hijo (fork); devuelve su pid."""
    pid = os.fork()
    if pid == 0:  # hijo
        codigo = 1
        try:
            funcion(*args)
            codigo = 0
        except SystemExit as salida:
            codigo = salida.code if isinstance(salida.code, int) else 1
        except BaseException as error:  # noqa: BLE001 - se informa y se sale con 1
            from mkdocs.exceptions import Abort, MkDocsException

            if isinstance(error, (Abort, MkDocsException)):
                log.error(str(error))
            else:
                traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(codigo)
    return pid


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


def _precalentar(config_file: Path) -> None:
    """Lo que cada proceso haría igual, hecho una vez antes de repartir los idiomas (``os.fork``
    lo comparte): importar MkDocs, el tema y los complementos (leyendo la configuración una vez),
    las fechas de babel y las plantillas de las vistas ya compiladas. WeasyPrint no: solo hace falta
    si el PDF no está en la caché, y entonces cada proceso lo importa a la vez que el otro."""
    import mkdocs.commands.build  # noqa: F401
    from mkdocs.config import load_config

    from plan_migracion import descargas, formato, vistas

    load_config(str(config_file), strict=True)  # (también carga los ganchos: ganchos/velocidad.py)
    vistas.precalentar()
    # Lo que cada proceso preguntaría a git: la fecha de los datos (ganchos/reproducible.py) y la
    # variable «git» de mkdocs-macros (una vez por proceso: ganchos/velocidad.py).
    descargas.fijar_epoca_de_los_datos(cargar_en_cache(carpeta_datos(RAIZ)))  # (datos ya fijados)
    from mkdocs_macros.context import get_git_info

    get_git_info()
    for idioma in (IDIOMA_PRINCIPAL, *IDIOMAS_SECUNDARIOS):
        formato.fecha(dt.date(2011, 1, 1), idioma)


def _esperar(pids: list[int]) -> int:
    """Espera a los hijos; cuántos fallaron."""
    return sum(1 for pid in pids if os.waitpid(pid, 0)[1] != 0)


def compilar_sitio(config_file: Path, sitio: Path, trabajo: Path, secuencial: bool, volcar: Path | None) -> bool:
    """Compila los dos idiomas en ``sitio`` (``trabajo``: carpeta para los resultados parciales)."""
    if secuencial:  # static-i18n: un idioma tras otro; el gancho ganchos/sitio.py ejecuta finalizar
        return _esperar([_en_hijo(compilar, config_file, sitio, None, volcar)]) == 0
    idiomas = [IDIOMA_PRINCIPAL, *IDIOMAS_SECUNDARIOS]
    parciales = {i: (sitio if i == IDIOMA_PRINCIPAL else trabajo / f"parcial-{i}") for i in idiomas}
    inicio = time.monotonic()
    _precalentar(config_file)
    # Lo cargado hasta aquí (datos, módulos, plantillas) vive toda la compilación: fuera del
    # recolector de basura, que si no lo recorrería entero en cada pasada completa (segundos con
    # 10.000 talleres) y, al marcarlo, copiaría en cada proceso las páginas de memoria compartidas.
    gc.collect()
    gc.freeze()
    log.debug(f"  importaciones y plantillas listas en {time.monotonic() - inicio:.2f} s")
    if _esperar([_en_hijo(compilar, config_file, parciales[i], i, volcar) for i in idiomas]):
        return False
    log.debug(f"  idiomas compilados en {time.monotonic() - inicio:.2f} s ({sitio.name})")
    unir(sitio, [parciales[i] for i in IDIOMAS_SECUNDARIOS], idiomas)
    log.debug(f"  idiomas unidos a los {time.monotonic() - inicio:.2f} s")
    finalizar(sitio)  # una sola vez, con los dos idiomas (los hijos no lo ejecutan: i18n.building)
    log.debug(f"  pasos finales hechos a los {time.monotonic() - inicio:.2f} s")
    return True


def construir(destino: Path, config_file: Path, secuencial: bool, volcar: Path | None) -> int:
    inicio = time.monotonic()
    carpeta = carpeta_datos(RAIZ)
    try:
        # Una sola carga, fijada: los hijos la heredan y todo el sitio ve la misma versión de los datos.
        datos = fijar_en_cache(carpeta)
    except DatosInvalidos as error:
        for problema in error.problemas:
            print(problema.texto("es"), file=sys.stderr)
        print(f"{sum(1 for p in error.problemas if p.es_error)} error(es): no se compiló el sitio; "
              f"{destino} queda como estaba.", file=sys.stderr)
        return 1
    for aviso in datos.avisos:
        print(aviso.texto("es"), file=sys.stderr)
    log.debug(f"Datos cargados y validados en {time.monotonic() - inicio:.2f} s")

    destino.parent.mkdir(parents=True, exist_ok=True)
    temporal = Path(tempfile.mkdtemp(prefix=f"{destino.name}.nuevo-", dir=destino.parent))
    try:
        sitio = temporal / "sitio"
        try:
            correcto = compilar_sitio(config_file, sitio, temporal, secuencial, volcar)
        except Exception as error:  # noqa: BLE001 - un paso final falló: se informa y site/ no cambia
            log.error(f"{type(error).__name__}: {error}")
            correcto = False
        if not correcto:
            log.error(f"La compilación falló: {destino} queda como estaba.")
            return 1
        publicar(sitio, destino)
        log.debug(f"Sitio publicado a los {time.monotonic() - inicio:.2f} s")
        borrar_en_segundo_plano(temporal)  # con el sitio anterior dentro
        temporal = None
    finally:
        if temporal is not None:  # la compilación falló: lo que haya a medias, ahora mismo
            shutil.rmtree(temporal, ignore_errors=True)
    modo = "secuencial" if secuencial else "en paralelo"
    log.info(f"Sitio escrito en {destino} ({modo}) en {time.monotonic() - inicio:.2f} s.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compila el sitio (los dos idiomas) en site/.")
    parser.add_argument("--destino", default=str(RAIZ / "site"), help="carpeta del sitio (por omisión: site)")
    parser.add_argument("--config", default=str(RAIZ / "mkdocs.yml"), help="configuración de MkDocs")
    parser.add_argument("--secuencial", action="store_true", help="un idioma tras otro, como mkdocs build")
    parser.add_argument("--volcar-markdown", metavar="DIR", help="guardar el Markdown ya procesado de cada página")
    parser.add_argument("-v", "--detalle", action="store_true", help="mostrar los mensajes de MkDocs")
    args = parser.parse_args(argv)
    _configurar_registro(args.detalle)
    os.chdir(RAIZ)
    volcar = Path(args.volcar_markdown).resolve() if args.volcar_markdown else None
    return construir(Path(args.destino).resolve(), Path(args.config).resolve(), args.secuencial, volcar)


if __name__ == "__main__":
    sys.exit(main())
