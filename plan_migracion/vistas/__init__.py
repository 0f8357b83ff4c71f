"""Capa de las vistas: direcciones (:mod:`.rutas`), plantillas Jinja (``plantillas/``, las partes
comunes en ``plantillas/parciales/``), textos de la interfaz (:mod:`.textos`, ``textos/<idioma>.yml``) y
las páginas generadas de los datos (:mod:`.generadas`).

Usa la capa de datos; no importa las salidas ni MkDocs. ``vistas.render(...)`` es
:func:`.render.render`.
"""

from .render import SECCIONES_PLAN, cache_de_bytecode, en_el_idioma, enlace, precalentar, render, render_sin_datos

__all__ = ["SECCIONES_PLAN", "cache_de_bytecode", "en_el_idioma", "enlace", "precalentar", "render", "render_sin_datos"]
