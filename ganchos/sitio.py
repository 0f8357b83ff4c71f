"""Gancho de MkDocs: búsqueda por idioma y pasos finales sobre el sitio completo.

- Cada página en inglés le dice al buscador de Material que su raíz es ``en/``
  (así busca en ``en/search/search_index.json``, solo páginas en inglés). La barra
  final hace falta: Material resuelve ``new URL("search/search_index.json", base)``.
- Corrige el HTML de cada página y de ``404.html`` (:func:`plan_migracion.pulido.corregir`) y
  deja el ``sitemap.xml`` vacío junto a cada página (:func:`plan_migracion.pulido.mapa_junto_a_la_pagina`).
- Al terminar la compilación de los dos idiomas, ejecuta
  :func:`plan_migracion.postproceso.finalizar`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority

from plan_migracion import pulido
from plan_migracion.postproceso import IDIOMAS_SECUNDARIOS, finalizar

_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def _idioma_actual(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme["language"]


def on_post_page(output: str, page, config) -> str:
    carpeta = Path(page.file.abs_dest_path).parent
    if page.file.dest_uri.endswith("index.html") and carpeta != Path(config.site_dir):
        pulido.mapa_junto_a_la_pagina(carpeta)  # (en la raíz va el sitemap.xml de verdad)
    output = pulido.corregir(output)
    idioma = _idioma_actual(config)
    if idioma not in IDIOMAS_SECUNDARIOS:
        return output

    def raiz_del_idioma(coincidencia: re.Match) -> str:
        datos = json.loads(coincidencia.group(2))
        # Con «/» final: Material resuelve search/search_index.json contra esta base, y sin
        # la barra «…/en» se resolvería a la raíz (el índice español).
        datos["base"] = f"{datos['base'].rstrip('/')}/{idioma}/"
        return coincidencia.group(1) + json.dumps(datos, ensure_ascii=False) + coincidencia.group(3)

    return _CONFIG.sub(raiz_del_idioma, output, count=1)


def on_post_template(output: str, template_name: str, config) -> str:
    return pulido.corregir(output) if template_name == "404.html" else output


@event_priority(-200)  # después de static-i18n, que escribe el índice común al final
def on_post_build(config) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # compilación interna de un idioma: el sitio aún no está completo
    finalizar(Path(config.site_dir))
