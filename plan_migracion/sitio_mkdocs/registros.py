"""Las páginas de cada registro (:mod:`plan_migracion.vistas.generadas`) como archivos de MkDocs.

static-i18n rehace la lista de archivos en su ``on_files`` (prioridad -100) y no conoce los
archivos generados: el complemento llama a :func:`archivos_generados` después (-200). Las páginas
no van en la navegación (``NOT_IN_NAV``): se llega a ellas desde los índices y los enlaces. Sus
gemelas en los demás idiomas salen de su dirección, como las de las demás páginas
(:func:`plan_migracion.sitio_mkdocs.plugin.gemelas`).

El Markdown de cada una es solo su título y una marca; el cuerpo (un bloque HTML de las vistas, que
Markdown dejaría igual) lo dibuja el complemento y lo pone en el lugar de la marca en
``on_page_content``, sin pasar por Python-Markdown.

También copia al sitio las fotos que citan las galerías y que la validación aceptó
(``Datos.fotos``: archivos de ``<datos>/fotos/``), una sola vez, en ``fotos/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Callable

from mkdocs.structure.files import File, Files, InclusionLevel

from plan_migracion.vistas import generadas


@dataclass
class Generadas:
    """Lo que se generó para un idioma: cómo se dibuja el cuerpo de cada página (por ``dest_uri``)."""

    contenido: dict[str, Callable[[], str]] = field(default_factory=dict)


def archivos_generados(files: Files, config, datos, idioma: str, original: str,
                       cambios: dict[str, dict] | None = None) -> Generadas:
    """Añade a ``files`` las páginas de cada registro en ``idioma`` (y, con el idioma original,
    las fotos); devuelve lo generado. Las páginas de un idioma que no es el original van en
    su carpeta (``en/talleres/...``), como las demás páginas de ese idioma. ``cambios``: el último
    cambio de cada archivo de datos (:func:`plan_migracion.vistas.edicion.ultimos_cambios`)."""
    hecho = Generadas()
    for pagina in generadas.paginas(datos, cambios):
        propio = File.generated(config, pagina.archivo, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        if idioma != original:
            propio.dest_uri = f"{idioma}/{propio.dest_uri}"
        propio.content_string = pagina.markdown(datos, idioma, propio.url)
        hecho.contenido[propio.dest_uri] = partial(pagina.contenido, datos, idioma, propio.url)
        files.append(propio)

    if idioma == original:  # las fotos, una sola vez para los dos idiomas
        # Solo los archivos que citan las galerías y que la validación aceptó (dentro de
        # <datos>/fotos/, sin enlaces simbólicos, imagen de verdad): nunca la carpeta entera.
        for nombre, origen in sorted(datos.fotos.items()):
            destino = f"fotos/{nombre}"
            if files.get_file_from_path(destino) is None:
                files.append(File.generated(config, destino, abs_src_path=str(origen)))
    return hecho
