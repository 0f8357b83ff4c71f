"""El complemento de MkDocs del sitio: une los datos, las vistas y las salidas con MkDocs.

Se registra como punto de entrada del paquete (``pyproject.toml``) y se nombra una vez en
``mkdocs.yml`` (``plugins: - plan_migracion:``), con sus opciones (:mod:`.config`). Lo que hace en
cada compilación, en el orden de MkDocs:

- ``on_config``: carga y valida los datos (una vez: :class:`plan_migracion.datos.CacheDeDatos`) y
  fija ``SOURCE_DATE_EPOCH`` a la fecha de los datos si nadie la fijó (compilaciones reproducibles:
  MkDocs pone esa fecha en el sitemap y en ``sitemap.xml.gz``).
- ``on_env``: la caché de bytecode de Jinja para las plantillas del tema (``.cache/jinja/``).
- ``on_files``: las páginas de cada registro y las fotos (:mod:`.registros`); en un idioma que la
  opción ``idiomas`` deja fuera, ninguna página ni archivo (el paso por ese idioma no escribe nada).
- ``on_page_content``: el cuerpo de cada página generada.
- ``on_page_context``: el título escapado, «Editar esta página» y los enlaces de idioma.
- ``on_template_context`` / ``on_post_template``: la 404 de cada idioma, el sitemap.
- ``on_post_page``: el pulido del HTML (:mod:`.pulido`), la búsqueda del idioma, el feed.
- ``on_post_build``: las descargas del idioma y, al final, :func:`.postproceso.finalizar`.

El estado de la compilación vive en la instancia: con ``on_startup``, MkDocs la conserva de una
recompilación de ``mkdocs serve`` a la siguiente (también ``cache_datos``, los datos ya cargados).

Quien compila desde Python con los datos ya cargados (``scripts/construir.py``: una carga antes de
repartir los idiomas en procesos) se los da al complemento antes de ``build(config)``::

    config.plugins["plan_migracion"].cache_datos.fijar(datos)

``on_config`` usa entonces esos datos (si son de la carpeta de la opción ``datos``) sin volver a
leer la carpeta. ``datos`` es el :class:`~plan_migracion.datos.Datos` de la compilación en curso
(mkdocs-macros lo toma de aquí).

De mkdocs-static-i18n solo se lee lo documentado: su configuración (``languages``: ``locale``,
``default``, ``build``; :func:`orden_de_los_idiomas`) y el idioma que compila en cada pasada, que
con ``reconfigure_material: true`` pone en ``theme.language``. Ni sus atributos internos (el
idioma en curso, si está compilando, sus listas de idiomas) ni los que añade a cada ``File`` (sus
gemelas): la gemela de una página en cada idioma sale de su dirección
(:func:`gemelas`), porque cada página existe en todos los idiomas (``docs_structure: suffix`` con
``fallback_to_default: true``), y el sitemap lo arma el complemento con sus propias listas.
"""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import InclusionLevel

from plan_migracion import vistas
from plan_migracion.datos import CacheDeDatos, DatosInvalidos, carpeta_cache, carpeta_datos
from plan_migracion.datos.idiomas import Idiomas
from plan_migracion.salidas import descargas
from plan_migracion.vistas import cache_de_bytecode, publicacion
from plan_migracion.vistas.edicion import CLAVE_META, enlace_edicion
from plan_migracion.vistas.formato import atributos_de_idioma
from plan_migracion.vistas.generadas import MARCA_CONTENIDO
from plan_migracion.vistas.textos import CARPETA as CARPETA_TEXTOS
from plan_migracion.vistas.textos import sin_archivo, t

from . import pulido, registros
from .config import PlanMigracionConfig
from .postproceso import finalizar

log = logging.getLogger("mkdocs.plugins.plan_migracion")


def orden_de_los_idiomas(config) -> Idiomas:
    """Los idiomas del sitio en el orden en que static-i18n los compila, de su configuración
    documentada (``languages`` en ``mkdocs.yml``, :meth:`Idiomas.de_lista`): primero el original
    (``default: true``, que siempre se compila, en la raíz del sitio) y después los demás con
    ``build: true``, en el orden de la lista. Sin static-i18n, solo el idioma del tema."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return Idiomas((config.theme["language"],), (config.theme["language"],))
    return Idiomas.de_lista(i18n.config.languages)


def gemelas(url: str, idioma: str, idiomas) -> dict[str, str]:
    """La dirección de la página ``url`` (de ``idioma``, desde la raíz del sitio) en cada idioma de
    ``idiomas`` (el primero, el principal), empezando por ``idioma``: ``plan/`` → ``{"es":
    "plan/", "en": "en/plan/"}``; ``en/`` → ``{"en": "en/", "es": "./"}``.

    Cada página existe en todos los idiomas (``fallback_to_default``: la del idioma principal
    ocupa el lugar de la que falta) con la misma ruta dentro de la carpeta de su idioma, como
    las que escribe static-i18n. (static-i18n guarda las gemelas en un atributo de cada archivo,
    que no documenta y no pone en los archivos que añade otro complemento:
    https://github.com/ultrabug/mkdocs-static-i18n/issues/246.)"""
    principal = idiomas[0]
    if idioma == principal:
        ruta = "" if url == "./" else url
    elif url.startswith(f"{idioma}/"):
        ruta = url[len(idioma) + 1:]
    else:
        raise PluginError(f"la página {url} no está en la carpeta de su idioma ({idioma}/)")
    return {otro: (ruta or "./") if otro == principal else f"{otro}/{ruta}"
            for otro in [idioma, *(i for i in idiomas if i != idioma)]}


_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


class PlanMigracionPlugin(BasePlugin[PlanMigracionConfig]):
    def __init__(self) -> None:
        self.servir = False  # «mkdocs serve»: sin PDF ni copia sin conexión (cada recarga, segundos)
        self.raiz: Path | None = None
        self.datos = None
        self.cache_datos = CacheDeDatos()  # dura lo que la instancia: con «serve», varias recompilaciones
        self.idiomas: Idiomas | None = None  # en el orden de compilación; el primero, el original
        # Por idioma (static-i18n compila un idioma tras otro con la misma instancia): las páginas
        # generadas y las páginas del sitemap, que lista las de los idiomas ya compilados y las
        # del actual, como el de static-i18n.
        self.generadas: dict[str, registros.Generadas] = {}
        self.paginas: dict[str, list] = {}
        self._dibujado: dict[str, str] = {}  # cuerpo ya dibujado (volcado del banco de pruebas)
        # Pasadas de idioma empezadas (on_pre_build) y aún sin terminar (on_post_build): static-i18n
        # compila los demás idiomas dentro del on_post_build del principal. Cuando no queda ninguna
        # y ya pasaron todos los idiomas, el sitio está completo.
        self._abiertas = 0
        self._pasados: set[str] = set()

    # --- Utilidades ------------------------------------------------------------------------------

    @staticmethod
    def idioma(config) -> str:
        """El idioma que se está compilando. static-i18n compila uno tras otro y, con
        ``reconfigure_material: true``, pone el de cada uno en ``theme.language`` (lo documenta en
        «Setting up mkdocs-material»); su atributo con el idioma en curso no está documentado."""
        return config.theme["language"]

    def escribe(self, idioma: str) -> bool:
        """¿Escribe esta compilación las páginas y descargas de ``idioma``? (opción ``idiomas``)"""
        return not self.config.idiomas or idioma in self.config.idiomas

    def carpeta_datos(self) -> Path:
        """La opción ``datos`` (variable ``PLAN_DATOS``), relativa a ``mkdocs.yml``; vacía: ``datos``."""
        return carpeta_datos(self.raiz, self.config.datos)

    def contenido_generado(self, file) -> str | None:
        """El cuerpo HTML de una página generada (``None`` si ``file`` no lo es); se dibuja una vez."""
        generar = self._generadas_de(file)
        if generar is None:
            return None
        if file.dest_uri not in self._dibujado:
            self._dibujado[file.dest_uri] = generar()
        return self._dibujado[file.dest_uri]

    def _generadas_de(self, file):
        for hecho in self.generadas.values():
            if file.dest_uri in hecho.contenido:
                return hecho.contenido[file.dest_uri]
        return None

    # --- Eventos ---------------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.servir = command == "serve"

    def on_serve(self, server, *, config, builder):
        # «mkdocs serve» recompila al editar los datos, también si están fuera del proyecto
        # (opción datos / PLAN_DATOS; «watch: - datos» de mkdocs.yml solo vigila la carpeta de siempre).
        server.watch(str(self.carpeta_datos()))
        return server

    @event_priority(100)  # antes que los demás complementos: mkdocs-macros (define_env) usa self.datos
    def on_config(self, config):
        self.raiz = Path(config.config_file_path).resolve().parent
        self._dibujado = {}
        self.idiomas = orden_de_los_idiomas(config)
        if desconocidos := [i for i in self.config.idiomas if i not in self.idiomas]:
            raise PluginError(f"plan_migracion: la opción idiomas nombra {', '.join(desconocidos)}, que no "
                              f"está entre los idiomas que se compilan ({', '.join(self.idiomas)})")
        if faltan := sin_archivo(self.idiomas):  # un idioma nuevo sin sus textos: se dice cuál y dónde
            raise PluginError(f"mkdocs.yml (i18n → languages) tiene {', '.join(faltan)}, pero falta su archivo de "
                              f"textos de la interfaz: {', '.join(str(CARPETA_TEXTOS / (i + '.yml')) for i in faltan)} "
                              "(véase MANTENIMIENTO.md, «Un idioma nuevo»)")
        try:  # datos inválidos: la compilación se detiene con los mensajes del validador
            self.datos = self.cache_datos.cargar(self.carpeta_datos(), self.idiomas)
        except DatosInvalidos as error:
            raise PluginError(str(error)) from None
        for aviso in self.datos.avisos:
            log.info(aviso.texto())
        if "SOURCE_DATE_EPOCH" not in os.environ:
            descargas.fijar_epoca_de_los_datos(self.datos)
        return config

    def on_pre_build(self, *, config) -> None:
        idioma = self.idioma(config)
        if idioma == self.idiomas[0]:  # una compilación nueva («mkdocs build» o cada recarga de «serve»)
            self.generadas, self.paginas, self._abiertas, self._pasados = {}, {}, 0, set()
        self._abiertas += 1
        self._pasados.add(idioma)

    def on_env(self, env, *, config, files):
        # Jinja convierte cada plantilla de Material en código Python en cada proceso (~0,3 s por
        # idioma): con la caché de bytecode (atributo documentado de Jinja) se reutiliza. Jinja
        # comprueba la fecha de cada plantilla; no cambia ni un byte del sitio.
        env.bytecode_cache = cache_de_bytecode(self.raiz, "jinja")
        return env

    @event_priority(-200)  # después de static-i18n (-100), que rehace la lista de archivos
    def on_files(self, files, *, config):
        idioma = self.idioma(config)
        if not self.escribe(idioma):
            # Un idioma que esta compilación no escribe: solo sus páginas, excluidas (la navegación
            # las encuentra, sin avisos, y MkDocs no lee ni escribe ninguna), y ningún otro archivo
            # (tema, estilos), que MkDocs copiaría.
            for archivo in list(files):
                if archivo.is_documentation_page():
                    archivo.inclusion = InclusionLevel.EXCLUDED
                else:
                    files.remove(archivo)
            return files
        self.generadas[idioma] = registros.archivos_generados(files, config, self.datos, idioma, self.idiomas[0])
        self.paginas[idioma] = files.documentation_pages()
        return files

    @event_priority(100)  # antes que cualquier otro complemento que lea el HTML de la página
    def on_page_content(self, html, *, page, config, files):
        contenido = self.contenido_generado(page.file)
        if contenido is None:
            return self._sin_traducir(html, page, config)
        self._dibujado.pop(page.file.dest_uri, None)
        if MARCA_CONTENIDO not in html:
            raise PluginError(f"{page.file.src_uri}: falta la marca del contenido de la página generada")
        return html.replace(MARCA_CONTENIDO, contenido, 1)

    def on_page_context(self, context, *, page, config, nav):
        self._titulo_escapado(page)
        self._edicion(page)
        context["alternativas"], context["hreflang"] = publicacion.enlaces_de_idioma(
            gemelas(page.file.url, self.idioma(config), self.idiomas), self.idiomas, config.site_url)
        return context

    def on_template_context(self, context, *, template_name, config):
        if template_name == "404.html":
            idioma = self.idioma(config)
            context["no_encontrada"] = {clave: t(f"no_encontrada.{clave}", idioma)
                                        for clave in ("titulo", "texto", "inicio")}
        elif template_name == "sitemap.xml":
            # overrides/sitemap.xml: las páginas de cada idioma ya compilado (con las generadas) y
            # sus gemelas; en un idioma que no se escribe, ninguna (on_post_template lo descarta).
            context["idioma_principal"] = self.idiomas.original
            context["paginas_del_sitemap"] = self.paginas if self.escribe(self.idioma(config)) else {}
            context["gemelas"] = lambda url, idioma: gemelas(url, idioma, self.idiomas)
        return context

    def on_post_template(self, output, *, template_name, config):
        idioma = self.idioma(config)
        if not self.escribe(idioma):
            return ""  # (404, sitemap, robots.txt) de un idioma que no se escribe: MkDocs no los escribe
        if template_name != "404.html":
            return output
        output = self._busqueda_del_idioma(pulido.corregir(output), idioma)
        if idioma == self.idiomas.original:
            return output
        # La 404 de otro idioma va en su carpeta; la salida vacía hace que MkDocs no la escriba
        # encima de la del idioma principal («Template skipped», un mensaje INFO).
        destino = Path(config.site_dir) / idioma / "404.html"
        destino.parent.mkdir(parents=True, exist_ok=True)
        destino.write_text(output, encoding="utf-8")
        return ""

    def on_post_page(self, output, *, page, config):
        idioma = self.idioma(config)
        carpeta = Path(page.file.abs_dest_path).parent
        if page.file.dest_uri.endswith("index.html") and carpeta != Path(config.site_dir):
            pulido.mapa_junto_a_la_pagina(carpeta)  # (en la raíz va el sitemap.xml de verdad)
        output = self._busqueda_del_idioma(pulido.corregir(output), idioma)
        # <link rel="alternate" type="application/atom+xml"> al feed del idioma.
        href = vistas.enlace(vistas.en_el_idioma(page.url, idioma, self.idiomas.original),
                             f"{descargas.CARPETA}/{descargas.FEED}")
        titulo = t("descargas.feed_titulo", idioma, sitio=t("sitio.nombre", idioma))
        enlace = f'<link rel="alternate" type="application/atom+xml" title="{escape(titulo)}" href="{escape(href)}">'
        return output.replace("</head>", f"{enlace}\n</head>", 1)

    # static-i18n compila los demás idiomas dentro de su on_post_build (-100): las descargas de un
    # idioma van antes (el idioma actual es el recién compilado) y los pasos finales después, cuando
    # ya escribió el índice de búsqueda común.
    @event_priority(0)
    def _descargas_del_idioma(self, config) -> None:
        sitio = Path(config.site_dir)
        idioma = self.idioma(config)
        if not self.escribe(idioma):
            return
        original = self.idiomas.original
        if self.config.pdf and not self.servir:
            cache_pdf = carpeta_cache(self.raiz) / "pdf"
            descargas.escribir_idioma(self.datos, idioma, sitio, url_sitio=config.site_url, cache_pdf=cache_pdf)
        else:
            descargas.escribir_feed(self.datos, idioma, descargas.carpeta_idioma(sitio, idioma, original),
                                    config.site_url)
        if idioma == original:
            descargas.escribir_datos_abiertos(self.datos, descargas.carpeta_idioma(sitio, idioma, original))

    @event_priority(-200)
    def _pasos_finales(self, config) -> None:
        self._abiertas -= 1
        if self._abiertas > 0 or self._pasados != set(self.idiomas):
            return  # falta algún idioma: el sitio aún no está completo
        if self.config.finalizar:
            finalizar(Path(config.site_dir), self.idiomas, sin_conexion=self.config.sin_conexion and not self.servir,
                      cache=carpeta_cache(self.raiz))

    on_post_build = CombinedEvent(_descargas_del_idioma, _pasos_finales)

    def _sin_traducir(self, html: str, page, config) -> str:
        """Una página de Markdown que tiene traducciones (``acerca.en.md``) pero no en este idioma:
        static-i18n publica el original (``fallback_to_default``); la página lo dice (el mismo aviso
        que las de los registros) y el texto lleva el ``lang`` del original (y ``dir`` si cambia la dirección)."""
        idioma, idiomas = self.idioma(config), self.datos.idiomas
        if idioma == idiomas.original or not page.file.abs_src_path:
            return html
        fuente = Path(page.file.abs_src_path)
        base = fuente.name.removesuffix(".md")
        if not fuente.name.endswith(".md") or any(base.endswith(f".{i}") for i in idiomas):
            return html  # (su propia traducción, o no es Markdown)
        if not any((fuente.parent / f"{base}.{otro}.md").is_file() for otro in idiomas.traducidos):
            return html  # una página sin traducciones: sus textos salen de los textos de la interfaz
        aviso = vistas.render("parciales/_sin_traduccion", datos=self.datos, idioma=idioma, pagina=page.url)
        return f'{aviso}\n<div{atributos_de_idioma(idiomas.original, idioma)}>\n{html}\n</div>'

    # --- Ayudantes de on_page_context --------------------------------------------------------------

    @staticmethod
    def _titulo_escapado(page) -> None:
        """Material escribe ``{{ page.title | striptags }}`` en ``<title>``; ``striptags`` *deshace*
        el escapado, así que un título de los datos podría cerrar ``<title>``. El título que MkDocs
        extrae del ``# ...`` ya está escapado: en ``page.meta["title"]`` Material lo escribe tal cual."""
        if page.title and not page.is_homepage and not (page.meta or {}).get("title"):
            page.meta["title"] = page.title

    def _edicion(self, page) -> None:
        """«Editar esta página» lleva al archivo que la produce: ``archivo_fuente`` de sus metadatos
        (un archivo o carpeta de ``datos/``) o, si no lo dice, su propio Markdown."""
        if not self.config.repositorio:
            page.edit_url = None
            return
        archivo = (page.meta or {}).get(CLAVE_META)
        if not archivo and page.file.abs_src_path:
            try:
                archivo = Path(page.file.abs_src_path).resolve().relative_to(self.raiz).as_posix()
            except ValueError:
                archivo = None
        page.edit_url = enlace_edicion(self.config.repositorio, archivo, self.config.rama or "main")

    def _busqueda_del_idioma(self, output: str, idioma: str) -> str:
        """Las páginas de un idioma secundario buscan en ``<idioma>/search/search_index.json``."""
        if idioma not in self.idiomas.traducidos:
            return output

        def raiz_del_idioma(coincidencia: re.Match) -> str:
            datos = json.loads(coincidencia.group(2))
            # Con «/» final: Material resuelve search/search_index.json contra esta base, y sin
            # la barra «…/en» se resolvería a la raíz (el índice español).
            datos["base"] = f"{datos['base'].rstrip('/')}/{idioma}/"
            return coincidencia.group(1) + json.dumps(datos, ensure_ascii=False) + coincidencia.group(3)

        return _CONFIG.sub(raiz_del_idioma, output, count=1)
