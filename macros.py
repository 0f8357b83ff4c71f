"""Adaptador de mkdocs-macros: solo registra lo que ofrecen los datos y las vistas.

Toda la lógica vive en el paquete ``plan_migracion`` (sin dependencias de MkDocs).
"""

from __future__ import annotations

import logging
import os

from mkdocs.exceptions import PluginError

from plan_migracion import vistas
from plan_migracion.datos import DatosInvalidos, cargar_en_cache, carpeta_datos
from plan_migracion.salidas import abiertos, descargas
from plan_migracion.vistas import textos

log = logging.getLogger("mkdocs.plugins.plan_migracion")


def define_env(env):
    carpeta = carpeta_datos(os.path.dirname(env.conf["config_file_path"]))

    try:  # datos inválidos: la compilación se detiene con los mensajes del validador
        datos = cargar_en_cache(carpeta)
    except DatosInvalidos as error:
        raise PluginError(str(error)) from None
    for aviso in datos.avisos:
        log.info(aviso.texto())
    env.variables["secciones_plan"] = vistas.SECCIONES_PLAN  # docs/plan.md: las secciones, en orden

    def idioma() -> str:
        # Se lee en cada llamada: static-i18n compila un idioma tras otro y, con
        # «reconfigure_material: true», pone el de cada uno en theme.language (lo documenta).
        return env.conf["theme"]["language"]

    @env.macro
    def t(clave: str, **valores) -> str:
        """Un texto de interfaz en el idioma de la página."""
        return textos.t(clave, idioma(), **valores)

    @env.macro
    def vista(nombre: str, **extra) -> str:
        """Dibuja la plantilla ``plan_migracion/vistas/plantillas/<nombre>.html``."""
        # Los datos se cargaron una vez para esta compilación (define_env corre en cada una).
        # abiertos y descargas: los conjuntos y los archivos de la página de descargas (las vistas
        # no importan las salidas).
        return vistas.render(nombre, datos=datos, idioma=idioma(), pagina=env.page.url if env.page else "",
                             abiertos=abiertos, descargas=descargas, **extra)
