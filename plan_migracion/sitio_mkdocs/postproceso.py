"""Pasos que se hacen sobre el sitio ya compilado en los dos idiomas.

``finalizar(sitio)`` separa el índice de búsqueda por idioma y escribe la copia sin
conexión. Lo llama el complemento de MkDocs al terminar la compilación completa
(:mod:`.plugin`), cuando ya pasaron todos los idiomas. Sin dependencias de MkDocs.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..datos.idiomas import Idiomas
from .busqueda_sin_acentos import indice_sin_acentos


def _idioma_de_lunr(sitio: Path, idioma: str, por_omision: list[str]) -> list[str]:
    """``[idioma]`` si la búsqueda de Material (lunr) lo conoce (trae su archivo ``lunr.<idioma>``;
    el inglés es el de lunr mismo); si no (p. ej. el quechua), los idiomas de la configuración."""
    archivo = sitio / "assets" / "javascripts" / "lunr" / "min" / f"lunr.{idioma}.min.js"
    return [idioma] if idioma == "en" or archivo.is_file() else list(por_omision)


def separar_busqueda(sitio: Path, idiomas: Idiomas, busqueda: dict[str, list[dict]] | None = None) -> None:
    """Un índice de búsqueda por idioma.

    mkdocs-static-i18n escribe un solo índice con las páginas de los dos idiomas.
    Aquí se separa en ``search/search_index.json`` (español) y
    ``en/search/search_index.json`` (inglés, con ubicaciones relativas a ``en/``), cada uno con
    los campos que hacen que la búsqueda perdone los acentos (:mod:`.busqueda_sin_acentos`).
    ``busqueda``: por idioma, las entradas de las páginas que la búsqueda de Material no lee (las de
    cada registro, con su texto ya sacado de las vistas), con su ubicación desde la raíz del sitio.
    """
    indice = sitio / "search" / "search_index.json"
    if not indice.is_file():
        return
    todo = json.loads(indice.read_text(encoding="utf-8"))
    por_idioma: dict[str, list] = {idiomas.original: []}
    for entrada in [*todo["docs"], *(e for i in idiomas for e in (busqueda or {}).get(i, ()))]:
        ubicacion = entrada["location"]
        idioma = next((i for i in idiomas.traducidos if ubicacion == i or ubicacion.startswith(f"{i}/")),
                      idiomas.original)
        if idioma != idiomas.original:
            entrada = {**entrada, "location": ubicacion[len(idioma) + 1:]}
        por_idioma.setdefault(idioma, []).append(entrada)
    for idioma, entradas in por_idioma.items():
        carpeta = sitio if idioma == idiomas.original else sitio / idioma
        destino = carpeta / "search" / "search_index.json"
        destino.parent.mkdir(parents=True, exist_ok=True)
        config = {**todo["config"], "lang": _idioma_de_lunr(sitio, idioma, todo["config"].get("lang") or [])}
        destino.write_text(json.dumps(indice_sin_acentos({"config": config, "docs": entradas}), ensure_ascii=False,
                                      separators=(",", ":")), encoding="utf-8")


def _copia_sin_conexion(sitio: Path, idiomas: Idiomas, cache: Path | None) -> None:
    from ..salidas.sin_conexion import copia_sin_conexion  # (importación diferida: usa babel y las vistas)

    copia_sin_conexion(sitio, idiomas, cache)


def finalizar(sitio: Path, idiomas: Idiomas, sin_conexion: bool = True, cache: Path | None = None,
              busqueda: dict[str, list[dict]] | None = None) -> None:
    """Los pasos finales (``idiomas``: los de la compilación); con ``sin_conexion=False`` (opción
    ``sin_conexion`` del complemento, o «mkdocs serve»), sin la copia sin conexión. ``cache``: la
    carpeta de las cachés de compilación (:func:`plan_migracion.datos.carpeta_cache`), donde la copia
    guarda su último ZIP (``zip/``); ``busqueda``: las entradas de :func:`separar_busqueda`."""
    separar_busqueda(Path(sitio), idiomas, busqueda)
    if sin_conexion:  # la copia necesita el sitio completo en todos los idiomas: siempre la última
        _copia_sin_conexion(Path(sitio), idiomas, None if cache is None else Path(cache) / "zip")
