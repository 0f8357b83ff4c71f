"""Adaptador de mkdocs-macros: solo registra lo que ofrecen los datos y las vistas.

Los datos los carga y valida el complemento del sitio (``plan_migracion.sitio_mkdocs.plugin``, en
su ``on_config``, antes que mkdocs-macros); aquí se toman de él. La lógica vive en el paquete
``plan_migracion``.
"""

from __future__ import annotations

from plan_migracion import vistas
from plan_migracion.salidas import descargas
from plan_migracion.vistas import textos


def define_env(env):
    sitio = env.conf["plugins"]["plan_migracion"]
    datos = sitio.datos  # cargados una vez para esta compilación (define_env corre en cada idioma)
    env.variables["secciones_plan"] = vistas.SECCIONES_PLAN  # docs/plan.md: las secciones, en orden

    def idioma() -> str:
        # Se lee en cada llamada: static-i18n compila un idioma tras otro.
        return sitio.idioma(env.conf)

    @env.macro
    def t(clave: str, **valores) -> str:
        """Un texto de interfaz en el idioma de la página."""
        return textos.t(clave, idioma(), **valores)

    @env.macro
    def vista(nombre: str, **extra) -> str:
        """Dibuja la plantilla ``plan_migracion/vistas/plantillas/<nombre>.html`` (``extra``: sus datos)."""
        return vistas.render(nombre, datos=datos, idioma=idioma(), pagina=env.page.url if env.page else "", **extra)

    de_cada_idioma: dict[str, dict] = {}  # (de esta compilación: define_env corre en cada una)

    @env.macro
    def archivos_de_descarga() -> dict:
        """Los archivos de descarga y los conjuntos de datos abiertos, como datos simples, para las
        vistas que los enlazan: ``vista("enlace_pdf", descargas=archivos_de_descarga())`` (las vistas
        no importan las salidas). Se arman una vez por idioma (varias páginas los piden)."""
        if idioma() not in de_cada_idioma:
            de_cada_idioma[idioma()] = descargas.para_las_vistas(datos, idioma())
        return de_cada_idioma[idioma()]
