"""Gancho de MkDocs: búsqueda por idioma y pasos finales sobre el sitio completo.

- Cada página en inglés le dice al buscador de Material que su raíz es ``en/``
  (así busca en ``en/search/search_index.json``, solo páginas en inglés).
- Al terminar la compilación de los dos idiomas, ejecuta
  :func:`plan_migracion.postproceso.finalizar`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority

from plan_migracion.postproceso import IDIOMAS_SECUNDARIOS, finalizar

_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def _idioma_actual(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme["language"]


def on_post_page(output: str, page, config) -> str:
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


@event_priority(-200)  # después de static-i18n, que escribe el índice común al final
def on_post_build(config) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # compilación interna de un idioma: el sitio aún no está completo
    finalizar(Path(config.site_dir))
