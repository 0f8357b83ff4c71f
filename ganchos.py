"""Ganchos de MkDocs: un índice de búsqueda por idioma.

mkdocs-static-i18n escribe un solo índice con las páginas de los dos idiomas.
Aquí se separa en ``site/search/search_index.json`` (español) y
``site/en/search/search_index.json`` (inglés), y cada página en inglés le dice
al buscador de Material que su raíz es ``en/``: así una búsqueda hecha en una
página en inglés solo encuentra páginas en inglés, y viceversa.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority

IDIOMAS_SECUNDARIOS = ("en",)
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
        datos["base"] = f"{datos['base'].rstrip('/')}/{idioma}"
        return coincidencia.group(1) + json.dumps(datos, ensure_ascii=False) + coincidencia.group(3)

    return _CONFIG.sub(raiz_del_idioma, output, count=1)


@event_priority(-200)  # después de static-i18n, que escribe el índice común al final
def on_post_build(config) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # compilación interna de un idioma: el índice común aún no existe
    raiz = Path(config.site_dir)
    indice = raiz / "search" / "search_index.json"
    if not indice.is_file():
        return
    todo = json.loads(indice.read_text(encoding="utf-8"))
    por_idioma: dict[str, list] = {"es": []}
    for entrada in todo["docs"]:
        ubicacion = entrada["location"]
        idioma = next((i for i in IDIOMAS_SECUNDARIOS if ubicacion == i or ubicacion.startswith(f"{i}/")), "es")
        if idioma != "es":
            entrada = {**entrada, "location": ubicacion[len(idioma) + 1:]}
        por_idioma.setdefault(idioma, []).append(entrada)
    for idioma, entradas in por_idioma.items():
        destino = raiz / ("" if idioma == "es" else idioma) / "search" / "search_index.json"
        destino.parent.mkdir(parents=True, exist_ok=True)
        config_busqueda = {**todo["config"], "lang": [idioma]}
        destino.write_text(json.dumps({"config": config_busqueda, "docs": entradas}, ensure_ascii=False,
                                      separators=(",", ":")), encoding="utf-8")
