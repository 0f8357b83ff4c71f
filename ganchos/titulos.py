"""Gancho de MkDocs: el título de cada página llega al ``<title>`` escapado, como texto.

Material escribe ``{{ page.title | striptags }}`` en ``<title>``; ``striptags``
*deshace* el escapado (``&lt;/title&gt;`` vuelve a ser ``</title>``), así que un
título que viene de los datos podría cerrar ``<title>`` y abrir un ``<script>``.
El título que MkDocs extrae del ``# ...`` de la página ya está escapado; copiándolo
a ``page.meta["title"]``, Material lo escribe tal cual, sin ``striptags``.
"""

from __future__ import annotations


def on_page_context(context, page, config, nav):
    if page.title and not page.is_homepage and not (page.meta or {}).get("title"):
        page.meta["title"] = page.title
    return context
