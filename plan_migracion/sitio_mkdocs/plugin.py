"""El complemento de MkDocs del sitio: une los datos, las vistas y las salidas con MkDocs.

Se registra como punto de entrada del paquete (``pyproject.toml``) y se nombra una vez en
``mkdocs.yml`` (``plugins: - plan_migracion:``), con sus opciones (:mod:`.config`). Lo que hace en
cada compilación, en el orden de MkDocs:

- ``on_config``: carga y valida los datos (una vez: :class:`plan_migracion.datos.CacheDeDatos`) y
  fija ``SOURCE_DATE_EPOCH`` a la fecha de los datos si nadie la fijó (compilaciones reproducibles:
  MkDocs pone esa fecha en el sitemap y en ``sitemap.xml.gz``).
- ``on_env``: la caché de bytecode de Jinja para las plantillas del tema (``.cache/jinja/``).
- ``on_files``: las páginas de cada registro y las fotos (:mod:`.registros`) y la 404 del idioma
  (``<idioma>/404.html``, un documento de las vistas que no necesita ningún otro archivo: sirve
  bajo cualquier subruta). La 404 del tema se descarta (``on_post_template``).
- ``on_page_markdown``: solo con ``mkdocs serve`` y datos inválidos (con ``mkdocs build`` la compilación
  se detiene en ``on_config``): cada página muestra los mensajes del validador hasta que se corrija
  el archivo (:mod:`.datos_con_errores`).
- ``on_page_content``: el cuerpo de cada página generada; la página queda fuera de la búsqueda de
  Material (``search: exclude``, su metadato documentado: su HTML no se vuelve a analizar) y su
  texto va al índice del idioma con los pasos finales.
- ``on_page_context``: el título escapado, «Editar esta página», los enlaces de idioma, el feed del
  idioma (bloque ``extrahead`` de ``overrides/main.html``) y el índice de búsqueda del idioma
  (bloque ``config``).
- ``on_template_context``: el sitemap.
- ``on_post_page``: el pulido del HTML (:mod:`.pulido`).
- ``on_post_build``: las descargas del idioma y, al final, :func:`.postproceso.finalizar`.

El estado de la compilación vive en la instancia: con ``on_startup``, MkDocs la conserva de una
recompilación de ``mkdocs serve`` a la siguiente (también ``cache_datos``, los datos ya cargados).

Quien compila desde Python con los datos ya cargados (``scripts/construir.py``: los carga y valida
antes de compilar, para dar los mensajes del validador) se los da al complemento antes de ``build(config)``::

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

import logging
import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File

from plan_migracion import vistas
from plan_migracion.datos import CacheDeDatos, DatosInvalidos, carpeta_cache, carpeta_datos
from plan_migracion.datos.historial import leer_historial
from plan_migracion.datos.idiomas import Idiomas
from plan_migracion.salidas import descargas, tarjetas
from plan_migracion.vistas import cache_de_bytecode, publicacion
from plan_migracion.vistas.edicion import CLAVE_META, enlace_edicion, ultimos_cambios
from plan_migracion.vistas.formato import atributos_de_idioma
from plan_migracion.vistas.generadas import MARCA_CONTENIDO
from plan_migracion.vistas.textos import CARPETA as CARPETA_TEXTOS
from plan_migracion.vistas.textos import sin_archivo, t
from plan_migracion.vistas.vista_previa import VistaPrevia

from . import datos_con_errores, pulido, registros
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
    ``idiomas`` (el primero, el original), empezando por ``idioma``: ``plan/`` → ``{"es":
    "plan/", "en": "en/plan/"}``; ``en/`` → ``{"en": "en/", "es": "./"}``.

    Cada página existe en todos los idiomas (``fallback_to_default``: la del idioma original
    ocupa el lugar de la que falta) con la misma ruta dentro de la carpeta de su idioma, como
    las que escribe static-i18n. (static-i18n guarda las gemelas en un atributo de cada archivo,
    que no documenta y no pone en los archivos que añade otro complemento:
    https://github.com/ultrabug/mkdocs-static-i18n/issues/246.)"""
    original = idiomas[0]
    if idioma == original:
        ruta = "" if url == "./" else url
    elif url.startswith(f"{idioma}/"):
        ruta = url[len(idioma) + 1:]
    else:
        raise PluginError(f"la página {url} no está en la carpeta de su idioma ({idioma}/)")
    return {otro: (ruta or "./") if otro == original else f"{otro}/{ruta}"
            for otro in [idioma, *(i for i in idiomas if i != idioma)]}


_ETIQUETA = re.compile(r"<[^>]*>")  # (el HTML de las vistas: sin comentarios ni CDATA con «>»)


def texto_de_busqueda(html: str) -> str:
    """El texto del cuerpo de una página generada para el índice de búsqueda: el HTML de las vistas
    (todo texto de los datos ya escapado) sin etiquetas y en una línea. Sigue escapado: Material
    muestra el texto de cada resultado como HTML."""
    return " ".join(_ETIQUETA.sub(" ", html).split())


class PlanMigracionPlugin(BasePlugin[PlanMigracionConfig]):
    def __init__(self) -> None:
        self.servir = False  # «mkdocs serve»: sin PDF ni copia sin conexión (cada recarga, segundos)
        self.raiz: Path | None = None
        self.datos = None
        # «mkdocs serve» con datos inválidos: el error, y el sitio solo muestra sus mensajes
        # (:mod:`.datos_con_errores`); None con datos válidos (con «mkdocs build» nunca se llega aquí).
        self.errores: DatosInvalidos | None = None
        self._anteriores: dict[str, list[tuple[str, str]]] = {}  # idioma → (origen, destino) de cada registro
        self.cache_datos = CacheDeDatos()  # dura lo que la instancia: con «serve», varias recompilaciones
        self.idiomas: Idiomas | None = None  # en el orden de compilación; el primero, el original
        # Por idioma (static-i18n compila un idioma tras otro con la misma instancia): las páginas
        # generadas y las páginas del sitemap, que lista las de los idiomas ya compilados y las
        # del actual, como el de static-i18n.
        self.generadas: dict[str, registros.Generadas] = {}
        self.paginas: dict[str, list] = {}
        # Las entradas del índice de búsqueda de las páginas generadas (fuera de la búsqueda de
        # Material): idioma → [{location, title, text}], que los pasos finales añaden a su índice.
        self.busqueda: dict[str, list[dict]] = {}
        self._dibujado: dict[str, str] = {}  # cuerpo ya dibujado (volcado del banco de pruebas)
        self.cambios: dict[str, dict] = {}  # archivo de datos → su último cambio (vistas.edicion.ultimos_cambios)
        self.vista_previa: VistaPrevia | None = None  # metadatos Open Graph y tarjetas de esta compilación
        # Pasadas de idioma empezadas (on_pre_build) y aún sin terminar (on_post_build): static-i18n
        # compila los demás idiomas dentro del on_post_build del original. Cuando no queda ninguna
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
        if faltan := sin_archivo(self.idiomas):  # un idioma nuevo sin sus textos: se dice cuál y dónde
            raise PluginError(f"mkdocs.yml (i18n → languages) tiene {', '.join(faltan)}, pero falta su archivo de "
                              f"textos de la interfaz: {', '.join(str(CARPETA_TEXTOS / (i + '.yml')) for i in faltan)} "
                              "(véase MANTENIMIENTO.md, «Un idioma nuevo»)")
        try:  # datos inválidos: la compilación se detiene con los mensajes del validador
            self.datos, self.errores = self.cache_datos.cargar(self.carpeta_datos(), self.idiomas), None
        except DatosInvalidos as error:
            if not self.servir:
                raise PluginError(str(error)) from None
            # «mkdocs serve»: el sitio muestra los mensajes hasta que se corrija el archivo. En la
            # terminal, las mismas líneas (como información: con «strict», un error de registro
            # detendría la compilación y el navegador se quedaría esperando).
            log.info(str(error))
            self.datos, self.errores = None, error
            return config
        for aviso in self.datos.avisos:
            log.info(aviso.texto())
        if "SOURCE_DATE_EPOCH" not in os.environ:
            descargas.fijar_epoca_de_los_datos(self.datos)
        return config

    def on_pre_build(self, *, config) -> None:
        idioma = self.idioma(config)
        if idioma == self.idiomas[0]:  # una compilación nueva («mkdocs build» o cada recarga de «serve»)
            self.generadas, self.paginas, self.busqueda, self._abiertas, self._pasados = {}, {}, {}, 0, set()
            # Cuándo cambió cada archivo de datos (una llamada a git) y la vista previa de las páginas.
            self.cambios = {} if self.errores else ultimos_cambios(
                leer_historial(self.datos.carpeta, self.raiz), self.datos.carpeta.name,
                self.config.repositorio, self.config.rama or "main")
            self.vista_previa = VistaPrevia(self.idiomas)
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
        if self.errores is not None:  # «serve» con datos inválidos: las páginas de antes y la 404, con los mensajes
            datos_con_errores.paginas_anteriores(files, config, self._anteriores.get(idioma, []))
            self.generadas[idioma] = registros.Generadas()
            no_encontrada = datos_con_errores.documento(self.errores, idioma)
        else:
            hecho = registros.archivos_generados(files, config, self.datos, idioma, self.idiomas[0], self.cambios)
            self.generadas[idioma] = hecho
            self._anteriores[idioma] = [(f.src_uri, f.dest_uri) for f in files if f.dest_uri in hecho.contenido]
            no_encontrada = self._no_encontrada(idioma, config.site_url)
        self.paginas[idioma] = files.documentation_pages()
        files.append(File.generated(config, self._en_su_carpeta("404.html", idioma), content=no_encontrada))
        return files

    @event_priority(100)  # antes que mkdocs-macros: con datos inválidos, ninguna macro pide los datos
    def on_page_markdown(self, markdown, *, page, config, files):
        if self.errores is None:
            return markdown
        page.meta["title"] = t("datos_con_errores.titulo", self.idioma(config))
        return datos_con_errores.markdown(self.idioma(config))

    @event_priority(100)  # antes que cualquier otro complemento que lea el HTML de la página
    def on_page_content(self, html, *, page, config, files):
        if self.errores is not None:  # (el Markdown de on_page_markdown: el título y la marca)
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
            return html.replace(MARCA_CONTENIDO, datos_con_errores.cuerpo(self.errores, self.idioma(config)), 1)
        contenido = self.contenido_generado(page.file)
        if contenido is None:
            return self._sin_traducir(html, page, config)
        self._dibujado.pop(page.file.dest_uri, None)
        if MARCA_CONTENIDO not in html:
            raise PluginError(f"{page.file.src_uri}: falta la marca del contenido de la página generada")
        # Fuera de la búsqueda de Material (metadato documentado «search: exclude»: no vuelve a leer el
        # HTML de la página); su texto, el de la vista, va al índice del idioma (postproceso).
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        self.busqueda.setdefault(self.idioma(config), []).append(
            {"location": page.url, "title": page.title or "", "text": texto_de_busqueda(contenido)})
        return html.replace(MARCA_CONTENIDO, contenido, 1)

    def on_page_context(self, context, *, page, config, nav):
        self._titulo_escapado(page)
        self._edicion(page)
        idioma = self.idioma(config)
        context["alternativas"], context["hreflang"] = publicacion.enlaces_de_idioma(
            gemelas(page.file.url, idioma, self.idiomas), self.idiomas, config.site_url)
        # overrides/main.html: el feed Atom del idioma (bloque extrahead) y, en un idioma traducido,
        # su propio índice de búsqueda (bloque config: Material lo busca en <base>/search/).
        context["feed"] = {"href": vistas.enlace(vistas.en_el_idioma(page.url, idioma, self.idiomas.original),
                                                 f"{descargas.CARPETA}/{descargas.FEED}"),
                           "titulo": t("descargas.feed_titulo", idioma, sitio=t("sitio.nombre", idioma))}
        if idioma in self.idiomas.traducidos:
            context["base_busqueda"] = f"{context['base_url'].rstrip('/')}/{idioma}/"
        context["vista_previa"] = self.vista_previa.de_pagina(  # overrides/partials/og.html
            url=page.url, idioma=idioma, titulo=page.title, meta=page.meta, nombre_sitio=config.site_name,
            url_sitio=config.site_url, url_canonica=page.canonical_url)
        return context

    def on_template_context(self, context, *, template_name, config):
        if template_name == "sitemap.xml":
            # overrides/sitemap.xml: las páginas de cada idioma ya compilado (con las generadas) y
            # sus gemelas.
            context["idioma_original"] = self.idiomas.original
            context["paginas_del_sitemap"] = self.paginas
            context["gemelas"] = lambda url, idioma: gemelas(url, idioma, self.idiomas)
        return context

    def on_post_template(self, output, *, template_name, config):
        # La 404 del tema no se escribe (una salida vacía: MkDocs dice «Template skipped»): static-i18n
        # la escribiría en la raíz en cada idioma. La de cada idioma es un archivo generado (on_files).
        return "" if template_name == "404.html" else output

    def on_post_page(self, output, *, page, config):
        carpeta = Path(page.file.abs_dest_path).parent
        if page.file.dest_uri.endswith("index.html") and carpeta != Path(config.site_dir):
            pulido.mapa_junto_a_la_pagina(carpeta)  # (en la raíz va el sitemap.xml de verdad)
        return pulido.corregir(output)

    # static-i18n compila los demás idiomas dentro de su on_post_build (-100): las descargas de un
    # idioma van antes (el idioma actual es el recién compilado) y los pasos finales después, cuando
    # ya escribió el índice de búsqueda común.
    @event_priority(0)
    def _descargas_del_idioma(self, config) -> None:
        if self.errores is not None:
            return  # («serve» con datos inválidos: sin descargas)
        sitio = Path(config.site_dir)
        idioma = self.idioma(config)
        original = self.idiomas.original
        if self.config.pdf and not self.servir:
            cache_pdf = carpeta_cache(self.raiz) / "pdf"
            descargas.escribir_idioma(self.datos, idioma, sitio, url_sitio=config.site_url, cache_pdf=cache_pdf)
        else:
            descargas.escribir_feed(self.datos, idioma, descargas.carpeta_idioma(sitio, idioma, original),
                                    config.site_url)
        if idioma == original:
            descargas.escribir_datos_abiertos(self.datos, descargas.carpeta_idioma(sitio, idioma, original))
        tarjetas.escribir(sitio if idioma == original else sitio / idioma, self.vista_previa.tarjetas(idioma),
                          config.copyright or "", cache=carpeta_cache(self.raiz) / "tarjetas")

    @event_priority(-200)
    def _pasos_finales(self, config) -> None:
        self._abiertas -= 1
        if self._abiertas > 0 or self._pasados != set(self.idiomas):
            return  # falta algún idioma: el sitio aún no está completo
        finalizar(Path(config.site_dir), self.idiomas, sin_conexion=self.config.sin_conexion and not self.servir,
                  cache=carpeta_cache(self.raiz), busqueda=self.busqueda)

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

    # --- La 404 de cada idioma ---------------------------------------------------------------------

    def _en_su_carpeta(self, ruta: str, idioma: str) -> str:
        """``ruta`` desde la raíz del sitio en la carpeta de ``idioma`` (``en/404.html``)."""
        return ruta if idioma == self.idiomas.original else f"{idioma}/{ruta}"

    def _no_encontrada(self, idioma: str, site_url: str | None) -> str:
        """La 404 de ``idioma`` (plantilla ``no_encontrada`` de las vistas). Sus enlaces a la portada de
        cada idioma: con dirección pública, absolutos; sin ella, relativos a la carpeta de esta 404."""
        inicio = {}
        for otro in self.idiomas:
            portada = self._en_su_carpeta("", otro)
            inicio[otro] = ((site_url.rstrip("/") + "/" + portada) if site_url
                            else vistas.enlace(self._en_su_carpeta("", idioma), portada or "./"))
        return vistas.render("no_encontrada", datos=self.datos, idioma=idioma, inicio=inicio)
