"""La copia sin conexión: el sitio completo, en los dos idiomas, en un ZIP que funciona desde ``file://``.

:func:`copia_sin_conexion` es el último paso de :data:`plan_migracion.sitio_mkdocs.postproceso.PASOS`
(cuando los dos idiomas del sitio ya están compilados):

1. lee el sitio ya compilado (no lo vuelve a compilar ni lo copia en el disco: lo que
   haría el complemento ``offline`` de Material se hace aquí, archivo por archivo, en
   memoria) y añade a cada página la copia local de ``iframe-worker`` 1.0.4 (desde ``file://``
   el navegador no abre el *web worker* de la búsqueda; nunca la de unpkg.com);
2. deja un índice de búsqueda por idioma también en forma de script
   (``search/search_index.js`` y ``en/search/search_index.js``), que Material lee
   cuando la página se abre desde ``file://``;
3. hace que cada enlace a una carpeta apunte a su ``index.html`` (o a ``x.html``), también
   los que no acaban en «/» (el logo y el título del menú lateral de una página a dos niveles
   llevan a ``../..``): desde el disco, el navegador no abre ``index.html`` solo, muestra la lista
   de la carpeta. Los enlaces desde la raíz del sitio (``/assets/…``, los de las páginas 404) y,
   si el sitio se compiló con su dirección pública, los absolutos a ella (los ``hreflang`` de la
   cabecera) pasan a ser relativos, y se quita el ``<link rel="canonical">``: desde el disco, «/»
   es la raíz del disco y no se pide nada a internet (el JavaScript de Material pide
   ``sitemap.xml`` junto a cada ``hreflang``);
4. conserva los archivos de descarga ya escritos (PDF, CSV, JSON, feeds) y, en la
   página de descargas de la copia, cambia el enlace al ZIP por un aviso;
5. escribe el ZIP (orden y fechas fijos: mismos datos, mismo ZIP) en
   ``descargas/`` y su tamaño en las páginas de descargas de los dos idiomas.

Con una carpeta de caché (``.cache/zip/``, como la del PDF), guarda el último ZIP con la huella
de lo que lo produce (los bytes de cada archivo del sitio, el código y los textos que lo ajustan,
los idiomas): si la compilación siguiente da el mismo sitio, copia ese ZIP, idéntico, en vez de
volver a comprimirlo. Borrar la caché solo hace la compilación más lenta.

Sin importar MkDocs.
"""

from __future__ import annotations

import collections
import hashlib
import json
import multiprocessing
import os
import posixpath
import re
import shutil
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from babel.units import format_unit

from . import descargas
from ..datos.idiomas import Idiomas
from ..vistas.publicacion import direccion_publicada
from ..vistas.vista_previa import CARPETA_TARJETAS
from ..vistas.textos import CARPETA as CARPETA_TEXTOS
from ..vistas.textos import t

# iframe-worker 1.0.4 (npm, licencia MIT), copiado en recursos/: sustituye al web worker.
SHIM = Path(__file__).resolve().parents[1] / "recursos" / "iframe-worker-1.0.4-shim.js"
RUTA_SHIM = "assets/externos/iframe-worker-1.0.4-shim.js"
CARPETA_ZIP = "plan-migracion-sin-conexion"  # carpeta raíz dentro del ZIP
FECHA_ZIP = (1980, 1, 1, 0, 0, 0)  # la más antigua que admite ZIP: no depende del reloj
# Nivel de compresión (el de zlib por omisión): con 1.000 talleres, la mitad de tiempo que el 9 por
# un ZIP un 0,7 % mayor. Mismo nivel y mismos archivos: el mismo ZIP, byte a byte.
NIVEL_ZIP = 6
# Procesos que ajustan los archivos del ZIP a la vez (uno por núcleo disponible, hasta 4).
PROCESOS = max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))

_MARCA_ZIP = re.compile(r"<!--zip-->.*?<!--/zip-->", re.S)
_TAMANO = re.compile(r"<span data-tamano-zip>[^<]*</span>")
_HREF = re.compile(r'(\shref=")([^"]*)(")')
_ESQUEMA = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_CANONICA = re.compile(r'\s*<link rel="canonical" href="[^"]*">')


def enlace_a_archivo(href: str, carpeta: Path, archivos: set[str] | None = None) -> str:
    """Un enlace a una carpeta → al archivo que la representa, visto desde ``carpeta``.

    ``../talleres/#x`` → ``../talleres/index.html#x``; ``../..`` → ``../../index.html``;
    ``../plan/`` → ``../plan.html`` (sin URL de directorio, ``plan.md`` se escribe como
    ``plan.html``). Los enlaces a archivos y fuera del sitio no cambian. ``archivos``: las rutas
    (normalizadas) de todos los archivos del sitio, si ya se conocen; si no, se pregunta al disco
    por cada enlace.
    """
    def existe(ruta_archivo: str) -> bool:
        if archivos is None:
            return Path(ruta_archivo).is_file()
        return os.path.normpath(ruta_archivo) in archivos

    if not href or href.startswith(("#", "/")) or _ESQUEMA.match(href):
        return href
    corte = min((i for i in (href.find("#"), href.find("?")) if i >= 0), default=len(href))
    ruta, resto = href[:corte], href[corte:]
    if not ruta:
        return href
    destino = os.path.join(carpeta, ruta)
    if existe(destino):
        return href
    if existe(os.path.join(destino, "index.html")):
        return f"{ruta}{'' if ruta.endswith('/') else '/'}index.html{resto}"
    ultimo = posixpath.basename(ruta.rstrip("/"))
    if ruta.endswith("/") and ultimo not in ("", ".", "..") and existe(destino.rstrip("/") + ".html"):
        return f"{ruta.rstrip('/')}.html{resto}"
    return href


def ubicacion_a_archivo(ubicacion: str) -> str:
    """Una ubicación del índice de búsqueda → el archivo de la página, para abrirla desde el disco.

    ``talleres/x/#a`` → ``talleres/x/index.html#a``; ``""`` → ``index.html``.
    """
    ruta, almohadilla, ancla = ubicacion.partition("#")
    if ruta == "" or ruta.endswith("/"):
        ruta += "index.html"
    return ruta + almohadilla + ancla


def _indice_como_script(json_: bytes) -> tuple[bytes, bytes]:
    """El índice de búsqueda de la copia (ubicaciones → archivos) y el mismo como script."""
    contenido = json.loads(json_)
    for entrada in contenido["docs"]:
        entrada["location"] = ubicacion_a_archivo(entrada["location"])
    texto = json.dumps(contenido, ensure_ascii=False, separators=(",", ":"))
    return texto.encode("utf-8"), f"var __index = {texto}".encode("utf-8")


def _relativo_a(carpeta: str):
    """Función de ``re.sub``: el destino (grupo 2, desde la raíz del sitio) relativo a ``carpeta``."""
    def relativo(coincidencia: re.Match) -> str:
        destino = coincidencia.group(2)
        ruta, corte, resto = destino.partition("#")
        relativa = posixpath.relpath(ruta or ".", carpeta or ".")
        if ruta == "" or ruta.endswith("/"):
            relativa = "./" if relativa == "." else f"{relativa}/"
        return coincidencia.group(1) + relativa + corte + resto + '"'
    return relativo


def sin_direccion(html: str, carpeta: str, direccion: str) -> str:
    """Sin ``<link rel="canonical">`` y con cada ``href`` a ``direccion`` (la dirección pública del
    sitio) relativo a ``carpeta``: ``https://x/plan/en/`` desde ``plan`` → ``../en/``."""
    html = _CANONICA.sub("", html)
    return re.sub(r'(\shref=")' + re.escape(direccion) + r'([^"]*)"', _relativo_a(carpeta), html)


def sin_raiz(html: str, carpeta: str, base: str = "/") -> str:
    """Cada ``href`` o ``src`` desde la raíz del servidor (``/assets/…``, ``/en/``: los de las
    páginas 404, que sirven para cualquier ruta) relativo a ``carpeta``; ``base``: la ruta del sitio
    en el servidor (``/plan/`` si se compiló con una dirección bajo una subruta). Desde el disco,
    «/» sería la raíz del disco."""
    return re.sub(r'(\s(?:href|src)=")' + re.escape(base) + r'(?!/)([^"]*)"', _relativo_a(carpeta), html)


def ajustar_pagina(html: str, ruta: str, archivos: set[str], idiomas: Idiomas, direccion: str | None = None) -> str:
    """Una página de la copia: ``iframe-worker`` en ``<head>``, enlaces a archivos (relativos
    también los que iban a ``direccion``, la dirección pública del sitio) y, en la página de
    descargas, el aviso en lugar del enlace al ZIP. ``ruta``: la de la página dentro del sitio
    (``talleres/x/index.html``); ``archivos``: las rutas de todos los archivos."""
    carpeta = posixpath.dirname(ruta)
    nuevo = sin_direccion(html, carpeta, direccion) if direccion else html
    nuevo = sin_raiz(nuevo, carpeta, (urlsplit(direccion).path or "/") if direccion else "/")
    if "</head>" in nuevo:
        src = posixpath.relpath(RUTA_SHIM, carpeta or ".")
        nuevo = nuevo.replace("</head>", f'<script src="{src}"></script>\n</head>', 1)
    nuevo = _HREF.sub(lambda m: m.group(1) + enlace_a_archivo(m.group(2), carpeta, archivos) + m.group(3), nuevo)
    if _MARCA_ZIP.search(nuevo):
        primera = ruta.split("/", 1)[0]
        aviso = t("descargas.zip_en_copia", primera if primera in idiomas.traducidos else idiomas.original)
        nuevo = _MARCA_ZIP.sub(f'<p class="descarga-zip">{aviso}</p>', nuevo)
    return nuevo


def _archivos_del_sitio(sitio: Path) -> dict[str, str]:
    """Ruta dentro del sitio (``talleres/x/index.html``) → ruta en el disco; sin el propio ZIP ni las
    tarjetas de vista previa (``<idioma>/tarjetas/``: solo sirven al compartir un enlace en línea)."""
    todos = {}
    for carpeta, subcarpetas, nombres in os.walk(sitio):
        relativa = os.path.relpath(carpeta, sitio)
        if relativa == "." or "/" not in relativa.replace(os.sep, "/"):  # la raíz o la de un idioma
            subcarpetas[:] = [c for c in subcarpetas if c != CARPETA_TARJETAS]
        for nombre in nombres:
            ruta = nombre if relativa == "." else f"{relativa}/{nombre}"
            todos[ruta.replace(os.sep, "/")] = os.path.join(carpeta, nombre)
    todos.pop(f"{descargas.CARPETA}/{descargas.ZIP}", None)
    return todos


class _Copia:
    """Los archivos de la copia: el sitio ya compilado con la copia local de ``iframe-worker``
    (que enlaza cada página), las páginas ajustadas (:func:`ajustar_pagina`) y los índices de
    búsqueda también como script. Nada se escribe en el disco: :meth:`contenido` da los bytes."""

    def __init__(self, sitio: Path, idiomas: Idiomas):
        self.idiomas = idiomas
        self.direccion = direccion_publicada(sitio)
        self.fuentes = _archivos_del_sitio(sitio)
        self.fuentes[RUTA_SHIM] = str(SHIM)
        self.archivos = set(self.fuentes)
        self.scripts = {ruta[: -len(".json")] + ".js": ruta for ruta in self.fuentes
                        if ruta.endswith("search/search_index.json")}
        self.indices = set(self.scripts.values())
        self.rutas = sorted([*self.fuentes, *self.scripts])  # el orden del ZIP

    def tamano(self, ruta: str) -> int:
        return os.path.getsize(self.fuentes[self.scripts.get(ruta, ruta)])

    def contenido(self, ruta: str) -> bytes:
        if ruta in self.scripts:
            return _indice_como_script(Path(self.fuentes[self.scripts[ruta]]).read_bytes())[1]
        contenido = Path(self.fuentes[ruta]).read_bytes()
        if ruta.endswith(".html"):
            return ajustar_pagina(contenido.decode("utf-8"), ruta, self.archivos, self.idiomas, self.direccion).encode("utf-8")
        if ruta in self.indices:
            return _indice_como_script(contenido)[0]
        return contenido


def empaquetar(contenidos, destino: Path) -> Path:
    """Un ZIP determinista de ``contenidos`` (``(ruta, bytes)`` en orden; fechas y permisos fijos)."""
    destino.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(destino, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=NIVEL_ZIP) as zf:
        for ruta, contenido in contenidos:
            info = zipfile.ZipInfo(f"{CARPETA_ZIP}/{ruta}", FECHA_ZIP)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, contenido, compresslevel=NIVEL_ZIP)
    return destino


# --- Las páginas ajustadas en varios procesos; el ZIP, en este -----------------------------------
#
# Ajustar las páginas y comprimirlas es casi todo el tiempo de este paso (con 1.000 talleres, mitad y
# mitad). Los procesos del grupo leen y ajustan los archivos por lotes seguidos de la lista ordenada
# y devuelven sus bytes; este proceso los comprime y escribe en el ZIP, en orden, con la API pública
# de ``zipfile`` (``ZipFile.writestr``: mismo nivel de compresión, mismo ZIP que con un solo proceso).
# Se piden como mucho ``VENTANA`` lotes por proceso a la vez: lo ya ajustado y aún sin comprimir no
# se acumula en la memoria (con 10.000 talleres, el sitio sin comprimir pasa de 1 GB).

LOTE = 64  # archivos por lote
VENTANA = 2  # lotes pendientes por proceso

_copia_del_proceso: _Copia | None = None  # en cada proceso del grupo (su «initializer»), nunca en el principal


def _preparar_proceso(copia: _Copia) -> None:
    global _copia_del_proceso
    _copia_del_proceso = copia


def _contenidos(rutas: list[str]) -> list[bytes]:
    return [_copia_del_proceso.contenido(ruta) for ruta in rutas]


def _en_orden(grupo: ProcessPoolExecutor, lotes: list[list[str]], pendientes_max: int):
    """``(ruta, bytes)`` de cada archivo, en el orden de ``lotes``, con ``pendientes_max`` lotes pedidos
    a la vez como mucho."""
    pedidos: collections.deque = collections.deque()
    for lote in lotes:
        pedidos.append((lote, grupo.submit(_contenidos, lote)))
        if len(pedidos) >= pendientes_max:
            lote_listo, futuro = pedidos.popleft()
            yield from zip(lote_listo, futuro.result())
    for lote_listo, futuro in pedidos:
        yield from zip(lote_listo, futuro.result())


def _contexto_de_procesos():
    """``fork`` donde existe (los procesos heredan lo ya cargado); si no (Windows, y macOS por
    omisión), el método de arranque de la plataforma: la copia se pasa a cada proceso una vez."""
    metodos = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in metodos else None)


def empaquetar_en_paralelo(sitio: Path, destino: Path, procesos: int, idiomas: Idiomas) -> Path:
    """El ZIP de la copia de ``sitio`` en ``destino``; ``procesos`` procesos ajustan los archivos
    (1: todo en este proceso). El ZIP es el mismo con cualquier número de procesos."""
    copia = _Copia(sitio, idiomas)
    if procesos <= 1:
        return empaquetar(((ruta, copia.contenido(ruta)) for ruta in copia.rutas), destino)
    lotes = [copia.rutas[k: k + LOTE] for k in range(0, len(copia.rutas), LOTE)]
    with ProcessPoolExecutor(max_workers=procesos, mp_context=_contexto_de_procesos(),
                             initializer=_preparar_proceso, initargs=(copia,)) as grupo:
        return empaquetar(_en_orden(grupo, lotes, VENTANA * procesos), destino)


def tamano(bytes_: int, idioma: str) -> str:
    """«1,2 MB» / «1.2 MB» (megabytes decimales, un decimal)."""
    return format_unit(round(bytes_ / 1_000_000, 1), "digital-megabyte", length="short", locale=idioma)


def escribir_tamano(sitio: Path, bytes_: int, idiomas: Idiomas) -> None:
    for idioma in idiomas:
        pagina = descargas.carpeta_idioma(sitio, idioma, idiomas.original) / "index.html"
        if pagina.is_file():
            html = pagina.read_text(encoding="utf-8")
            texto = f"<span data-tamano-zip>, {t('descargas.tamano', idioma)}: {tamano(bytes_, idioma)}</span>"
            pagina.write_text(_TAMANO.sub(texto, html), encoding="utf-8")


def huella(sitio: Path, idiomas: Idiomas) -> str:
    """SHA-256 de todo lo que decide los bytes del ZIP: la ruta y el contenido de cada archivo del
    sitio (sin el propio ZIP), este módulo y sus textos (el código que ajusta las páginas), la copia de
    ``iframe-worker``, los idiomas y el nivel de compresión."""
    suma = hashlib.sha256(repr((list(idiomas), NIVEL_ZIP, CARPETA_ZIP, FECHA_ZIP)).encode())
    fijos = [Path(__file__), SHIM, *sorted(CARPETA_TEXTOS.glob("*.yml"))]
    for nombre, ruta in [*((str(p), str(p)) for p in fijos), *sorted(_archivos_del_sitio(sitio).items())]:
        suma.update(nombre.encode("utf-8", "surrogateescape") + b"\0")
        with open(ruta, "rb") as archivo:
            suma.update(hashlib.file_digest(archivo, "sha256").digest())
    return suma.hexdigest()


def copia_sin_conexion(sitio: Path, idiomas: Idiomas, cache: Path | None = None) -> None:
    """Paso final: arma la copia sin conexión en el ZIP (sin copiarla antes en el disco) y anota
    su tamaño en las páginas de descargas. Con ``cache``, reutiliza el ZIP de un sitio idéntico."""
    sitio = Path(sitio)
    destino = descargas.carpeta_idioma(sitio, idiomas.original, idiomas.original) / descargas.ZIP
    guardado = None
    if cache is not None:
        guardado = Path(cache) / f"{huella(sitio, idiomas)}.zip"
    if guardado is not None and guardado.is_file():
        destino.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(guardado, destino)
    else:
        empaquetar_en_paralelo(sitio, destino, PROCESOS, idiomas)
        if guardado is not None:
            _guardar(destino, guardado)
    escribir_tamano(sitio, destino.stat().st_size, idiomas)


def _guardar(zip_: Path, guardado: Path) -> None:
    """Deja ``zip_`` en la caché como ``guardado`` (el único ZIP de la carpeta: los anteriores ya no
    sirven). Una caché que no se puede escribir no detiene la compilación."""
    try:
        guardado.parent.mkdir(parents=True, exist_ok=True)
        temporal = guardado.with_name(f".{guardado.name}.{os.getpid()}")
        shutil.copyfile(zip_, temporal)
        os.replace(temporal, guardado)  # (otra compilación a la vez ve el ZIP entero o ninguno)
        for viejo in guardado.parent.glob("*.zip"):
            if viejo != guardado:
                viejo.unlink(missing_ok=True)
    except OSError:
        pass
