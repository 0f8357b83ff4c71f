"""Gancho de MkDocs: los archivos de la página «Descargas» y el feed en cada página.

- Al terminar cada idioma: su PDF (reutilizado de ``.cache/pdf/`` si su entrada no cambió) y
  su feed Atom (``descargas/`` o ``en/descargas/``);
  con el español, además, los datos abiertos (CSV, JSON, ``datapackage.json``).
- En cada página, ``<link rel="alternate" type="application/atom+xml">`` al feed de su idioma.
- Los enlaces del feed son absolutos si el sitio tiene dirección pública (``site_url`` de
  ``mkdocs.yml``, variable ``PLAN_URL_SITIO``); si no, relativos al feed.
- Con ``mkdocs serve`` no se arman la copia sin conexión ni el PDF (se arman con ``mkdocs build``):
  cada recarga tardaría segundos más.
- La copia sin conexión (ZIP) la arma :mod:`plan_migracion.salidas.sin_conexion` a partir del sitio
  ya compilado, como último paso de ``postproceso.PASOS``.

La lógica está en ``plan_migracion`` (sin MkDocs); aquí solo se conecta.
"""

from __future__ import annotations

import os
from pathlib import Path

from markupsafe import escape
from mkdocs.plugins import event_priority

from plan_migracion import vistas
from plan_migracion.datos import cargar_en_cache, carpeta_cache, carpeta_datos
from plan_migracion.datos.modelos import IDIOMA_ORIGINAL
from plan_migracion.salidas import descargas, sin_conexion
from plan_migracion.vistas.textos import t


def _idioma(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme["language"]


def _datos(config):
    carpeta = carpeta_datos(os.path.dirname(config.config_file_path))
    return cargar_en_cache(carpeta)


def on_startup(command: str, dirty: bool) -> None:
    # «mkdocs serve» recompila a cada cambio: ahí no se arma el ZIP (la página lo enlaza igual).
    sin_conexion.ACTIVA = command != "serve"


def on_post_page(output: str, page, config) -> str:
    idioma = _idioma(config)
    desde = vistas.en_el_idioma(page.url, idioma)
    href = vistas.enlace(desde, f"{descargas.CARPETA}/{descargas.FEED}")
    titulo = t("descargas.feed_titulo", idioma, sitio=t("sitio.nombre", idioma))
    enlace = f'<link rel="alternate" type="application/atom+xml" title="{escape(titulo)}" href="{escape(href)}">'
    return output.replace("</head>", f"{enlace}\n</head>", 1)


@event_priority(0)  # antes que static-i18n (-100): el idioma actual es el recién compilado
def on_post_build(config) -> None:
    sitio = Path(config.site_dir)
    idioma = _idioma(config)
    datos = _datos(config)
    if sin_conexion.ACTIVA:
        cache_pdf = carpeta_cache(os.path.dirname(config.config_file_path)) / "pdf"
        descargas.escribir_idioma(datos, idioma, sitio, url_sitio=config.site_url, cache_pdf=cache_pdf)
    else:  # «mkdocs serve»: sin PDF, como sin ZIP (WeasyPrint añadiría ~1 s por idioma a cada recarga)
        descargas.escribir_feed(datos, idioma, descargas.carpeta_idioma(sitio, idioma), config.site_url)
    if idioma == IDIOMA_ORIGINAL:
        descargas.escribir_datos_abiertos(datos, descargas.carpeta_idioma(sitio, idioma))
