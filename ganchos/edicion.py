"""Gancho de MkDocs: el botón «Editar esta página» de Material lleva al archivo correcto.

El repositorio no se pone en ``repo_url`` (Material llamaría a la API de GitHub desde
la página); sale de ``extra.repositorio`` en ``mkdocs.yml`` (vacío por omisión: sin
enlace; la integración continua lo toma de GitHub con la variable PLAN_REPOSITORIO).

Qué archivo edita cada página:
- ``archivo_fuente`` en los metadatos de la página (cabecera YAML de un ``.md`` o
  ``page.meta`` de una página generada), p. ej. ``datos/talleres/2011-03-11-callao.yml``
  o una carpeta ``datos/talleres/``;
- si no lo dice, su propio archivo Markdown (``docs/acerca.en.md``).
"""

from __future__ import annotations

from pathlib import Path

from plan_migracion.vistas.edicion import CLAVE_META, enlace_edicion


def on_page_context(context, page, config, nav):
    repositorio = (config.extra or {}).get("repositorio") or ""
    if not repositorio:
        page.edit_url = None
        return context
    raiz = Path(config.config_file_path).resolve().parent
    archivo = (page.meta or {}).get(CLAVE_META)
    if not archivo and page.file.abs_src_path:
        try:
            archivo = Path(page.file.abs_src_path).resolve().relative_to(raiz).as_posix()
        except ValueError:
            archivo = None
    page.edit_url = enlace_edicion(repositorio, archivo, (config.extra or {}).get("rama") or "main")
    return context
