"""La copia sin conexión: el sitio completo, en los dos idiomas, en un ZIP que funciona desde ``file://``.

:func:`copia_sin_conexion` es el último paso de :data:`plan_migracion.postproceso.PASOS`
(cuando los dos idiomas del sitio ya están compilados):

1. copia el sitio ya compilado en una carpeta temporal (no lo vuelve a compilar: lo
   que haría el complemento ``offline`` de Material se hace aquí sobre la copia) y
   añade a cada página la copia local de ``iframe-worker`` 1.0.4 (desde ``file://``
   el navegador no abre el *web worker* de la búsqueda; nunca la de unpkg.com);
2. deja un índice de búsqueda por idioma también en forma de script
   (``search/search_index.js`` y ``en/search/search_index.js``), que Material lee
   cuando la página se abre desde ``file://``;
3. hace que los enlaces a carpetas apunten a su ``index.html`` (o a ``x.html``): desde
   el disco, el navegador no abre ``index.html`` solo;
4. conserva los archivos de descarga ya escritos (PDF, CSV, JSON, feeds) y, en la
   página de descargas de la copia, cambia el enlace al ZIP por un aviso;
5. escribe el ZIP (orden y fechas fijos: mismos datos, mismo ZIP) en
   ``descargas/`` y su tamaño en las páginas de descargas de los dos idiomas.

Sin importar MkDocs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

from babel.units import format_unit

from . import descargas
from .textos import t

# Falso para no armar el ZIP (el gancho lo pone en falso con «mkdocs serve»).
ACTIVA = True
# iframe-worker 1.0.4 (npm, licencia MIT), copiado en recursos/: sustituye al web worker.
SHIM = Path(__file__).with_name("recursos") / "iframe-worker-1.0.4-shim.js"
RUTA_SHIM = "assets/externos/iframe-worker-1.0.4-shim.js"
CARPETA_ZIP = "plan-migracion-sin-conexion"  # carpeta raíz dentro del ZIP
FECHA_ZIP = (1980, 1, 1, 0, 0, 0)  # la más antigua que admite ZIP: no depende del reloj
# Nivel de compresión (el de zlib por omisión): con 1.000 talleres, la mitad de tiempo que el 9 por
# un ZIP un 0,7 % mayor. Mismo nivel y mismos archivos: el mismo ZIP, byte a byte.
NIVEL_ZIP = 6
IDIOMAS = ("es", "en")

_MARCA_ZIP = re.compile(r"<!--zip-->.*?<!--/zip-->", re.S)
_TAMANO = re.compile(r"<span data-tamano-zip>[^<]*</span>")
_HREF = re.compile(r'(\shref=")([^"]*)(")')
_ESQUEMA = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _idioma_de(sitio: Path, archivo: Path) -> str:
    primera = archivo.relative_to(sitio).parts[0]
    return primera if primera in IDIOMAS[1:] else IDIOMAS[0]


def enlace_a_archivo(href: str, carpeta: Path, archivos: set[str] | None = None) -> str:
    """Un enlace a una carpeta → al archivo que la representa, visto desde ``carpeta``.

    ``../talleres/#x`` → ``../talleres/index.html#x``; ``../plan/`` → ``../plan.html``
    (sin URL de directorio, ``plan.md`` se escribe como ``plan.html``). Los demás
    enlaces no cambian. ``archivos``: las rutas (normalizadas) de todos los archivos del
    sitio, si ya se conocen; si no, se pregunta al disco por cada enlace.
    """
    def existe(ruta_archivo: str) -> bool:
        if archivos is None:
            return Path(ruta_archivo).is_file()
        return os.path.normpath(ruta_archivo) in archivos

    if not href or href.startswith(("#", "/")) or _ESQUEMA.match(href):
        return href
    corte = min((i for i in (href.find("#"), href.find("?")) if i >= 0), default=len(href))
    ruta, resto = href[:corte], href[corte:]
    if ruta in (".", ".."):
        ruta += "/"
    if not ruta.endswith("/"):
        return href
    destino = os.path.join(carpeta, ruta)
    if existe(os.path.join(destino, "index.html")):
        return f"{ruta}index.html{resto}"
    if ruta not in ("./", "../") and existe(destino.rstrip("/") + ".html"):
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


def _indices_como_script(copia: Path) -> None:
    for indice in copia.rglob("search/search_index.json"):
        contenido = json.loads(indice.read_text(encoding="utf-8"))
        for entrada in contenido["docs"]:
            entrada["location"] = ubicacion_a_archivo(entrada["location"])
        texto = json.dumps(contenido, ensure_ascii=False, separators=(",", ":"))
        indice.write_text(texto, encoding="utf-8")
        indice.with_suffix(".js").write_text(f"var __index = {texto}", encoding="utf-8")


def _ajustar_paginas(copia: Path) -> None:
    """Una sola lectura y escritura de cada página de la copia: ``iframe-worker`` en ``<head>``,
    enlaces a archivos y, en la página de descargas, el aviso en lugar del enlace al ZIP."""
    shim = copia / RUTA_SHIM
    archivos = {os.path.normpath(os.path.join(carpeta, nombre))
                for carpeta, _, nombres in os.walk(copia) for nombre in nombres}
    for pagina in copia.rglob("*.html"):
        html = pagina.read_text(encoding="utf-8")
        nuevo = html
        if "</head>" in nuevo:
            src = os.path.relpath(shim, pagina.parent).replace(os.sep, "/")
            nuevo = nuevo.replace("</head>", f'<script src="{src}"></script>\n</head>', 1)
        carpeta = str(pagina.parent)
        nuevo = _HREF.sub(lambda m: m.group(1) + enlace_a_archivo(m.group(2), carpeta, archivos) + m.group(3),
                          nuevo)
        if _MARCA_ZIP.search(nuevo):
            aviso = t("descargas.zip_en_copia", _idioma_de(copia, pagina))
            nuevo = _MARCA_ZIP.sub(f'<p class="descarga-zip">{aviso}</p>', nuevo)
        if nuevo != html:
            pagina.write_text(nuevo, encoding="utf-8")


def empaquetar(copia: Path, destino: Path) -> Path:
    """Un ZIP determinista de ``copia`` (orden alfabético, fechas y permisos fijos)."""
    destino.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(destino, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=NIVEL_ZIP) as zf:
        for archivo in sorted((p for p in copia.rglob("*") if p.is_file()),
                              key=lambda p: p.relative_to(copia).as_posix()):
            info = zipfile.ZipInfo(f"{CARPETA_ZIP}/{archivo.relative_to(copia).as_posix()}", FECHA_ZIP)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, archivo.read_bytes(), compresslevel=NIVEL_ZIP)
    return destino


def tamano(bytes_: int, idioma: str) -> str:
    """«1,2 MB» / «1.2 MB» (megabytes decimales, un decimal)."""
    return format_unit(round(bytes_ / 1_000_000, 1), "digital-megabyte", length="short", locale=idioma)


def escribir_tamano(sitio: Path, bytes_: int) -> None:
    for idioma in IDIOMAS:
        pagina = descargas.carpeta_idioma(sitio, idioma) / "index.html"
        if pagina.is_file():
            html = pagina.read_text(encoding="utf-8")
            texto = f"<span data-tamano-zip>, {t('descargas.tamano', idioma)}: {tamano(bytes_, idioma)}</span>"
            pagina.write_text(_TAMANO.sub(texto, html), encoding="utf-8")


def derivar_copia(sitio: Path, destino: Path) -> None:
    """La copia a partir del sitio ya compilado, sin el ZIP y con la copia local de ``iframe-worker``
    (:func:`_ajustar_paginas` la enlaza desde cada página)."""
    shutil.copytree(sitio, destino, ignore=lambda carpeta, nombres: [n for n in nombres if n == descargas.ZIP])
    shim = destino / RUTA_SHIM
    shim.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHIM, shim)


def copia_sin_conexion(sitio: Path) -> None:
    """Paso final: compila la copia sin conexión, la empaqueta y anota su tamaño."""
    if not ACTIVA:
        return  # desactivada (mkdocs serve)
    sitio = Path(sitio)
    with tempfile.TemporaryDirectory(prefix="plan-sin-conexion-") as temporal:
        copia = Path(temporal) / "sitio"
        derivar_copia(sitio, copia)
        _indices_como_script(copia)
        _ajustar_paginas(copia)
        zip_ = empaquetar(copia, descargas.carpeta_idioma(sitio, descargas.IDIOMA_PRINCIPAL) / descargas.ZIP)
    escribir_tamano(sitio, zip_.stat().st_size)
