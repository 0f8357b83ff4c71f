"""Gancho de MkDocs: las páginas de cada registro (``plan_migracion.vistas.generadas``), en cada idioma.

static-i18n rehace la lista de archivos en su ``on_files`` (prioridad -100) y no
conoce los archivos generados; por eso este gancho corre después (-200) y da a
cada archivo los atributos que static-i18n pone a los suyos (idioma, alternativas),
que usan el selector de idioma y el ``sitemap.xml``. Las páginas no van en la
navegación (``NOT_IN_NAV``): se llega a ellas desde los índices y los enlaces.

El Markdown de cada una es solo su título y una marca; el cuerpo (un bloque HTML de
las vistas, que Markdown dejaría igual) se dibuja y se pone en el lugar de la marca
en ``on_page_content``, sin pasar por Python-Markdown.

También copia al sitio las fotos que citan las galerías y que la validación aceptó
(``Datos.fotos``: archivos de ``<datos>/fotos/``), una sola vez, en ``fotos/``.
"""

from __future__ import annotations

import os
from functools import partial

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from plan_migracion.datos import DatosInvalidos, cargar_en_cache, carpeta_datos
from plan_migracion.vistas import generadas as paginas


def _carpeta_datos(config) -> str:
    return str(carpeta_datos(os.path.dirname(config.config_file_path)))


def _i18n_atributos(archivo: File, idioma: str, principal: str, alternativas: dict) -> File:
    archivo.locale = principal  # contenido neutro, como las páginas sin sufijo de idioma
    archivo.localization = None
    archivo.locale_alternate_of = idioma
    archivo.norm_src_uri = archivo.src_uri
    archivo.alternates = alternativas
    return archivo


@event_priority(-200)
def on_files(files, config):
    i18n = config.plugins.get("i18n")
    idioma = getattr(i18n, "current_language", None) or config.theme["language"]
    principal = getattr(i18n, "default_language", None) or idioma
    idiomas = list(getattr(i18n, "build_languages", None) or [idioma])
    try:
        datos = cargar_en_cache(_carpeta_datos(config))
    except DatosInvalidos as error:
        raise PluginError(str(error)) from None

    def archivo(pagina: paginas.PaginaGenerada, lengua: str, contenido: str) -> File:
        nuevo = File.generated(config, pagina.archivo, content=contenido, inclusion=InclusionLevel.NOT_IN_NAV)
        if lengua != principal:
            nuevo.dest_uri = f"{lengua}/{nuevo.dest_uri}"
        return nuevo

    generados = []
    for pagina in paginas.paginas(datos):
        propio = archivo(pagina, idioma, "")
        propio.content_string = pagina.markdown(datos, idioma, propio.url)
        propio.contenido_generado = partial(pagina.contenido, datos, idioma, propio.url)
        alternativas = {idioma: propio}
        for otro in idiomas:
            if otro != idioma:
                alternativas[otro] = _i18n_atributos(archivo(pagina, otro, ""), otro, principal, {})
        generados.append(_i18n_atributos(propio, idioma, principal, alternativas))

    for nuevo in generados:
        files.append(nuevo)
    if i18n is not None and idioma in getattr(i18n, "i18n_files_per_language", {}):
        i18n.i18n_files_per_language[idioma].extend(generados)  # para sitemap.xml

    if idioma == principal:  # las fotos, una sola vez para los dos idiomas
        # Solo los archivos que citan las galerías y que la validación aceptó (dentro de
        # <datos>/fotos/, sin enlaces simbólicos, imagen de verdad): nunca la carpeta entera.
        for archivo, origen in sorted(datos.fotos.items()):
            destino = f"fotos/{archivo}"
            if files.get_file_from_path(destino) is None:
                copia = File.generated(config, destino, abs_src_path=str(origen))
                files.append(_i18n_atributos(copia, idioma, principal, {}))
    return files


@event_priority(100)  # antes que cualquier otro complemento que lea el HTML de la página
def on_page_content(html, page, config, files):
    generar = getattr(page.file, "contenido_generado", None)
    if generar is None:
        return html
    # El volcado del banco de pruebas (scripts/construir.py --volcar-markdown) ya lo dibujó.
    contenido = vars(page.file).pop("contenido_html", None) or generar()
    if paginas.MARCA_CONTENIDO not in html:
        raise PluginError(f"{page.file.src_uri}: falta la marca del contenido de la página generada")
    return html.replace(paginas.MARCA_CONTENIDO, contenido, 1)
