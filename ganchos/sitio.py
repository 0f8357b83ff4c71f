"""Gancho de MkDocs: búsqueda por idioma y pasos finales sobre el sitio completo.

- Cada página en inglés le dice al buscador de Material que su raíz es ``en/``
  (así busca en ``en/search/search_index.json``, solo páginas en inglés). La barra
  final hace falta: Material resuelve ``new URL("search/search_index.json", base)``.
- Corrige el HTML de cada página y de ``404.html`` (:func:`plan_migracion.sitio_mkdocs.pulido.corregir`) y
  deja el ``sitemap.xml`` vacío junto a cada página (:func:`plan_migracion.sitio_mkdocs.pulido.mapa_junto_a_la_pagina`).
- Da a cada página sus enlaces de idioma (:func:`plan_migracion.vistas.publicacion.enlaces_de_idioma`):
  ``alternativas`` para el selector (``overrides/partials/alternate.html``, siempre relativos, también
  en las portadas, donde static-i18n dejaba ``/`` y ``/en/``) y ``hreflang`` para la cabecera
  (``overrides/main.html``: absolutos y con ``x-default`` si el sitio tiene dirección, ``site_url``).
- La página 404 de cada idioma: la del idioma principal en ``404.html`` y la de los demás en
  ``<idioma>/404.html`` (MkDocs escribiría todas en ``404.html``, la última encima de la anterior),
  con su texto (``overrides/404.html``).
- En cada idioma, ``robots.txt`` y ``sitemap.xml`` salen de las plantillas de ``overrides/``; el
  sitemap recibe el idioma principal (para ``x-default``).
- Al terminar la compilación de los dos idiomas, ejecuta
  :func:`plan_migracion.sitio_mkdocs.postproceso.finalizar`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority

from plan_migracion.datos.modelos import IDIOMA_ORIGINAL, IDIOMAS_TRADUCIDOS
from plan_migracion.sitio_mkdocs import pulido
from plan_migracion.sitio_mkdocs.postproceso import finalizar
from plan_migracion.vistas import publicacion
from plan_migracion.vistas.textos import t

_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def _idioma_actual(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme["language"]


def on_page_context(context, page, config, nav):
    alternas = getattr(page.file, "alternates", None) or {_idioma_actual(config): page.file}
    nombres = {alt["lang"]: alt["name"] for alt in config.extra.get("alternate") or []}
    context["alternativas"], context["hreflang"] = publicacion.enlaces_de_idioma(
        {idioma: archivo.url for idioma, archivo in alternas.items()}, nombres, config.site_url)
    return context


def on_template_context(context, template_name: str, config):
    if template_name == "404.html":
        idioma = _idioma_actual(config)
        context["no_encontrada"] = {clave: t(f"no_encontrada.{clave}", idioma)
                                    for clave in ("titulo", "texto", "inicio")}
    elif template_name == "sitemap.xml":
        context["idioma_principal"] = IDIOMA_ORIGINAL
    return context


def _busqueda_del_idioma(output: str, idioma: str) -> str:
    """Las páginas de un idioma secundario buscan en ``<idioma>/search/search_index.json``."""
    if idioma not in IDIOMAS_TRADUCIDOS:
        return output

    def raiz_del_idioma(coincidencia: re.Match) -> str:
        datos = json.loads(coincidencia.group(2))
        # Con «/» final: Material resuelve search/search_index.json contra esta base, y sin
        # la barra «…/en» se resolvería a la raíz (el índice español).
        datos["base"] = f"{datos['base'].rstrip('/')}/{idioma}/"
        return coincidencia.group(1) + json.dumps(datos, ensure_ascii=False) + coincidencia.group(3)

    return _CONFIG.sub(raiz_del_idioma, output, count=1)


def on_post_page(output: str, page, config) -> str:
    carpeta = Path(page.file.abs_dest_path).parent
    if page.file.dest_uri.endswith("index.html") and carpeta != Path(config.site_dir):
        pulido.mapa_junto_a_la_pagina(carpeta)  # (en la raíz va el sitemap.xml de verdad)
    return _busqueda_del_idioma(pulido.corregir(output), _idioma_actual(config))


def on_post_template(output: str, template_name: str, config) -> str:
    if template_name != "404.html":
        return output
    idioma = _idioma_actual(config)
    output = _busqueda_del_idioma(pulido.corregir(output), idioma)
    if idioma == IDIOMA_ORIGINAL:
        return output
    # La 404 de otro idioma va en su carpeta; la salida vacía hace que MkDocs no la escriba
    # encima de la del idioma principal («Template skipped», un mensaje INFO).
    destino = Path(config.site_dir) / idioma / "404.html"
    destino.parent.mkdir(parents=True, exist_ok=True)
    destino.write_text(output, encoding="utf-8")
    return ""


@event_priority(-200)  # después de static-i18n, que escribe el índice común al final
def on_post_build(config) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # compilación interna de un idioma: el sitio aún no está completo
    finalizar(Path(config.site_dir))
