"""La copia sin conexión: el sitio completo, en los dos idiomas, en un ZIP que funciona desde ``file://``.

:func:`copia_sin_conexion` es el último paso de :data:`plan_migracion.postproceso.PASOS`
(cuando los dos idiomas del sitio ya están compilados):

1. compila otra vez el sitio en una carpeta temporal con ``PLAN_SIN_CONEXION=true``,
   que activa el complemento ``offline`` de Material (sin URL de directorio,
   índice de búsqueda como script, ``iframe-worker`` para la búsqueda; el gancho
   ``ganchos/descargas.py`` pone la copia local de ``iframe-worker`` en lugar de
   la de unpkg.com);
2. deja un índice de búsqueda por idioma también en forma de script
   (``search/search_index.js`` y ``en/search/search_index.js``);
3. hace que los enlaces a carpetas apunten a su ``index.html`` (o a ``x.html``): desde
   el disco, el navegador no abre ``index.html`` solo;
4. copia los archivos de descarga ya escritos (PDF, CSV, JSON, feeds) y, en la
   página de descargas de la copia, cambia el enlace al ZIP por un aviso;
5. escribe el ZIP (orden y fechas fijos: mismos datos, mismo ZIP) en
   ``descargas/`` y su tamaño en las páginas de descargas de los dos idiomas.

Sin importar MkDocs: la compilación es una orden (:data:`ORDEN`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from babel.units import format_unit

from . import descargas
from .textos import t

VARIABLE = "PLAN_SIN_CONEXION"
# Falso para no armar el ZIP (el gancho lo pone en falso con «mkdocs serve»).
ACTIVA = True
# Archivo de configuración de la compilación (el gancho pone el de la compilación en curso).
CONFIG: str | None = None
ORDEN = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
CARPETA_ZIP = "plan-migracion-sin-conexion"  # carpeta raíz dentro del ZIP
FECHA_ZIP = (1980, 1, 1, 0, 0, 0)  # la más antigua que admite ZIP: no depende del reloj
IDIOMAS = ("es", "en")

_MARCA_ZIP = re.compile(r"<!--zip-->.*?<!--/zip-->", re.S)
_TAMANO = re.compile(r"<span data-tamano-zip>[^<]*</span>")
_HREF = re.compile(r'(\shref=")([^"]*)(")')
_ESQUEMA = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def en_copia() -> bool:
    """¿Es esta la compilación de la copia sin conexión?"""
    return os.environ.get(VARIABLE, "").lower() in ("1", "true", "yes")


def _idioma_de(sitio: Path, archivo: Path) -> str:
    primera = archivo.relative_to(sitio).parts[0]
    return primera if primera in IDIOMAS[1:] else IDIOMAS[0]


def enlace_a_archivo(href: str, carpeta: Path) -> str:
    """Un enlace a una carpeta → al archivo que la representa, visto desde ``carpeta``.

    ``../talleres/#x`` → ``../talleres/index.html#x``; ``../plan/`` → ``../plan.html``
    (sin URL de directorio, ``plan.md`` se escribe como ``plan.html``). Los demás
    enlaces no cambian.
    """
    if not href or href.startswith(("#", "/")) or _ESQUEMA.match(href):
        return href
    corte = min((i for i in (href.find("#"), href.find("?")) if i >= 0), default=len(href))
    ruta, resto = href[:corte], href[corte:]
    if ruta in (".", ".."):
        ruta += "/"
    if not ruta.endswith("/"):
        return href
    destino = carpeta / ruta
    if (destino / "index.html").is_file():
        return f"{ruta}index.html{resto}"
    if ruta not in ("./", "../") and Path(str(destino).rstrip("/") + ".html").is_file():
        return f"{ruta.rstrip('/')}.html{resto}"
    return href


def _indices_como_script(copia: Path) -> None:
    for indice in copia.rglob("search/search_index.json"):
        contenido = indice.read_text(encoding="utf-8")
        json.loads(contenido)  # que sea JSON válido antes de convertirlo en script
        indice.with_suffix(".js").write_text(f"var __index = {contenido}", encoding="utf-8")


def _ajustar_paginas(copia: Path) -> None:
    for pagina in copia.rglob("*.html"):
        html = pagina.read_text(encoding="utf-8")
        nuevo = _HREF.sub(lambda m: m.group(1) + enlace_a_archivo(m.group(2), pagina.parent) + m.group(3), html)
        if _MARCA_ZIP.search(nuevo):
            aviso = t("descargas.zip_en_copia", _idioma_de(copia, pagina))
            nuevo = _MARCA_ZIP.sub(f'<p class="descarga-zip">{aviso}</p>', nuevo)
        if nuevo != html:
            pagina.write_text(nuevo, encoding="utf-8")


def _copiar_descargas(sitio: Path, copia: Path) -> None:
    for idioma in IDIOMAS:
        origen, destino = descargas.carpeta_idioma(sitio, idioma), descargas.carpeta_idioma(copia, idioma)
        if not origen.is_dir():
            continue
        destino.mkdir(parents=True, exist_ok=True)
        for archivo in sorted(origen.iterdir()):
            if archivo.is_file() and archivo.name not in ("index.html", descargas.ZIP):
                shutil.copyfile(archivo, destino / archivo.name)


def empaquetar(copia: Path, destino: Path) -> Path:
    """Un ZIP determinista de ``copia`` (orden alfabético, fechas y permisos fijos)."""
    destino.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(destino, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for archivo in sorted(p for p in copia.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{CARPETA_ZIP}/{archivo.relative_to(copia).as_posix()}", FECHA_ZIP)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, archivo.read_bytes(), compresslevel=9)
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


# Otra forma de compilar la copia, si se asigna: ``scripts/construir.py`` la compila con sus
# dos idiomas en paralelo y los datos ya cargados (sin volver a leerlos en otro proceso).
COMPILAR = None  # Callable[[Path], None] | None


def compilar_copia(destino: Path) -> None:
    if COMPILAR is not None:
        COMPILAR(destino)
        return
    config = CONFIG or str(Path.cwd() / "mkdocs.yml")
    entorno = {**os.environ, VARIABLE: "true"}
    resultado = subprocess.run([*ORDEN, "--config-file", config, "--site-dir", str(destino)],
                               cwd=Path(config).parent, env=entorno, capture_output=True, text=True)
    if resultado.returncode != 0:
        raise RuntimeError("No se pudo compilar la copia sin conexión:\n" + resultado.stdout + resultado.stderr)


def copia_sin_conexion(sitio: Path) -> None:
    """Paso final: compila la copia sin conexión, la empaqueta y anota su tamaño."""
    if en_copia() or not ACTIVA:
        return  # dentro de la compilación de la copia, o desactivada (mkdocs serve)
    sitio = Path(sitio)
    with tempfile.TemporaryDirectory(prefix="plan-sin-conexion-") as temporal:
        copia = Path(temporal) / "sitio"
        compilar_copia(copia)
        _indices_como_script(copia)
        _ajustar_paginas(copia)
        _copiar_descargas(sitio, copia)
        zip_ = empaquetar(copia, descargas.carpeta_idioma(sitio, descargas.IDIOMA_PRINCIPAL) / descargas.ZIP)
    escribir_tamano(sitio, zip_.stat().st_size)
