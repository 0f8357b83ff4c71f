"""Pasos finales que dejan el HTML válido y la consola del navegador limpia.

El complemento (:mod:`.plugin`, ``on_post_page``) los aplica a cada página al escribirla (en el proceso que la
compila: sin volver a leer el sitio al final). Sin MkDocs.

- :func:`mapa_junto_a_la_pagina`: el JavaScript de Material, por cada
  ``<link rel="alternate" hreflang>`` de la página, pide ``sitemap.xml`` en la carpeta de ese
  enlace. Material lo pensó para enlaces a la raíz de cada idioma; mkdocs-static-i18n enlaza
  la página gemela (lo correcto para ``hreflang``), así que el navegador pedía
  ``/talleres/sitemap.xml``, ``/en/talleres/sitemap.xml``... y recibía 404 (errores en la
  consola de cada página). Se deja en cada carpeta de página un ``sitemap.xml`` vacío que lo
  dice; el mapa del sitio de verdad sigue siendo ``/sitemap.xml``. Con un mapa vacío Material
  no sabría a qué página ir y enviaría al visitante a la raíz del enlace; por eso los
  enlaces del selector de idioma llevan ``target="_self"`` (``overrides/partials/alternate.html``),
  que Material respeta: el navegador sigue el enlace, que ya es la página gemela.
- :func:`corregir`, el HTML de cada página (y el de ``404.html``):

  - sin ``autocomplete`` en las casillas: Material escribe ``autocomplete="off"`` en sus dos
    casillas ocultas (menú y búsqueda); el HTML solo lo permite en campos de texto y similares
    (error del validador Nu).
  - nombre del diálogo de búsqueda: la capa de búsqueda de Material es un
    ``role="dialog"`` sin nombre accesible (regla ``aria-dialog-name`` de axe/Lighthouse); recibe
    el mismo nombre que su campo de búsqueda («Búsqueda» / «Search»), ya traducido por Material.
"""

from __future__ import annotations

import re
from pathlib import Path


MAPA_VACIO = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Vacío a propósito: el selector de idioma de Material lo pide junto a cada enlace hreflang.
     El mapa del sitio es /sitemap.xml. -->
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>
"""

_DIALOGO = re.compile(r'<div class="md-search" data-md-component="search" role="dialog">')
_CAMPO = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"]*)"')
_CASILLA = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')


def mapa_junto_a_la_pagina(carpeta: Path) -> None:
    """Escribe el ``sitemap.xml`` vacío en la carpeta de una página (no en la raíz del sitio, donde
    va el de verdad: quien llama no la pasa)."""
    carpeta.mkdir(parents=True, exist_ok=True)
    (carpeta / "sitemap.xml").write_text(MAPA_VACIO, encoding="utf-8")


def _sin_autocomplete(texto: str) -> str:
    return _CASILLA.sub(lambda m: m.group(0).replace(' autocomplete="off"', ""), texto)


def _nombre_del_dialogo(texto: str) -> str:
    campo = _CAMPO.search(texto)
    if campo is None:
        return texto
    return _DIALOGO.sub(lambda m: m.group(0)[:-1] + f' aria-label="{campo.group(1)}">', texto, count=1)


def corregir(html: str) -> str:
    """:func:`_sin_autocomplete` y :func:`_nombre_del_dialogo`."""
    return _nombre_del_dialogo(_sin_autocomplete(html))
