"""Opciones del complemento de MkDocs del sitio (``plugins: - plan_migracion:`` en ``mkdocs.yml``)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PlanMigracionConfig(Config):
    # El PDF del plan en cada idioma (con «mkdocs serve» nunca: WeasyPrint añadiría ~1 s por idioma
    # a cada recarga).
    pdf = c.Type(bool, default=True)
    # La copia sin conexión (ZIP del sitio entero), último paso de la compilación (nunca con «serve»).
    sin_conexion = c.Type(bool, default=True)
    # Repositorio del sitio para «Editar esta página» (https://github.com/<dueño>/<nombre>); vacío:
    # sin enlace. No se usa repo_url: Material llamaría a la API de GitHub desde cada página.
    repositorio = c.Type(str, default="")
    # Rama a la que lleva «Editar esta página».
    rama = c.Type(str, default="main")
    # Carpeta de los datos, relativa a mkdocs.yml (o absoluta).
    datos = c.Type(str, default="datos")
