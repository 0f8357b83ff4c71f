"""Pasos finales que dejan el HTML válido y la consola del navegador limpia.

Los llama :mod:`plan_migracion.postproceso` (``PASOS``) sobre el sitio completo. Sin MkDocs.

- :func:`mapas_junto_a_cada_pagina`: el JavaScript de Material, por cada
  ``<link rel="alternate" hreflang>`` de la página, pide ``sitemap.xml`` en la carpeta de ese
  enlace. Material lo pensó para enlaces a la raíz de cada idioma; mkdocs-static-i18n enlaza
  la página gemela (lo correcto para ``hreflang``), así que el navegador pedía
  ``/talleres/sitemap.xml``, ``/en/talleres/sitemap.xml``... y recibía 404 (errores en la
  consola de cada página). Se deja en cada carpeta de página un ``sitemap.xml`` vacío que lo
  dice; el mapa del sitio de verdad sigue siendo ``/sitemap.xml``. Con un mapa vacío Material
  no sabría a qué página ir y enviaría al visitante a la raíz del enlace; por eso los
  enlaces del selector de idioma llevan ``target="_self"`` (``overrides/partials/alternate.html``),
  que Material respeta: el navegador sigue el enlace, que ya es la página gemela.
- :func:`sin_autocomplete_en_casillas`: Material escribe ``autocomplete="off"`` en sus dos
  casillas ocultas (menú y búsqueda); el HTML solo lo permite en campos de texto y similares
  (error del validador Nu).
"""

from __future__ import annotations

import re
from pathlib import Path

MAPA_VACIO = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Vacío a propósito: el selector de idioma de Material lo pide junto a cada enlace hreflang.
     El mapa del sitio es /sitemap.xml. -->
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>
"""

_CASILLA = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')


def _paginas(sitio: Path):
    for indice in sitio.rglob("index.html"):
        if indice.relative_to(sitio).parts[0] != "assets":
            yield indice


def mapas_junto_a_cada_pagina(sitio: Path) -> None:
    for indice in _paginas(sitio):
        mapa = indice.parent / "sitemap.xml"
        if not mapa.exists():
            mapa.write_text(MAPA_VACIO, encoding="utf-8")


def sin_autocomplete_en_casillas(sitio: Path) -> None:
    for html in [*_paginas(sitio), sitio / "404.html"]:
        if not html.is_file():
            continue
        texto = html.read_text(encoding="utf-8")
        nuevo = _CASILLA.sub(lambda m: m.group(0).replace(' autocomplete="off"', ""), texto)
        if nuevo != texto:
            html.write_text(nuevo, encoding="utf-8")
