"""Vistas: cada plantilla Jinja de ``plantillas/`` dibuja una parte de una página.

Todo texto que viene de los datos se escapa (``autoescape``): lo que escribe un
contribuidor se muestra como texto, nunca como HTML, JavaScript ni Jinja. La
salida es un único bloque HTML sin líneas en blanco, para que Markdown no la
vuelva a interpretar.
"""

from __future__ import annotations

import contextlib
import posixpath
import re
from functools import lru_cache, partial
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from . import formato, mapa, rutas
from .textos import nombre_idioma, t

# Una plantilla por página o tipo de registro; las partes que incluyen varias, en ``parciales/``.
PLANTILLAS = Path(__file__).with_name("plantillas")

# Las secciones del plan, en el orden del documento. La página del plan (docs/plan.md) y el PDF
# (plan_migracion.salidas.pdf) las dibujan en este orden; el título de cada una es el texto de interfaz
# «plan.<sección>» y su contenido, el de plantillas/plan_seccion.html (en el PDF, pdf.html).
SECCIONES_PLAN = ("presentacion", "finalidad", "objetivo", "duracion", "fuentes", "beneficiarios", "ambito",
                  "componentes", "ejecucion")


def _relativa(destino: str, origen: str) -> str:
    """``posixpath.relpath(destino or ".", origen or ".")`` para rutas del sitio (sin ``..``), sin
    pasar por ``os.getcwd()``: se llama unas 15 veces por página (con 10.000 talleres, 180.000)."""
    if ".." in destino or ".." in origen or destino.startswith("/") or origen.startswith("/"):
        return posixpath.relpath(destino or ".", origen or ".")
    d = [parte for parte in destino.split("/") if parte and parte != "."]
    o = [parte for parte in origen.split("/") if parte and parte != "."]
    comun = 0
    while comun < len(d) and comun < len(o) and d[comun] == o[comun]:
        comun += 1
    return "/".join([".."] * (len(o) - comun) + d[comun:]) or "."


def enlace(desde: str, destino: str) -> str:
    """URL relativa de la página ``desde`` a ``destino`` (rutas del sitio como ``talleres/``).

    Las dos lenguas tienen la misma estructura (``/x/`` y ``/en/x/``), así que el
    mismo enlace relativo sirve en ambas.
    """
    if desde.endswith(".html"):  # sin URL de directorio (copia sin conexión): talleres/index.html
        origen = posixpath.dirname(desde)
    else:
        origen = posixpath.dirname(desde.rstrip("/") + "/x") if desde else ""
    if "#" in destino:
        destino, ancla = destino.split("#", 1)
        ancla = "#" + ancla
    else:
        ancla = ""
    if not destino:
        return ancla
    relativo = _relativa(destino, origen)
    if destino.endswith("/") and not relativo.endswith("/"):
        relativo += "/"
    return ("./" if relativo == "./" else relativo) + ancla


# Caracteres con significado en Markdown: en un texto que Markdown vuelve a leer (un título
# «# ...» de una página) se escriben como referencias numéricas, para que sigan siendo texto.
_MARKDOWN = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()#!|~^="}


_ETIQUETA_O_ENTIDAD = re.compile(r"(<[^>]*>|&#?\w+;)")


def sin_markdown(texto) -> Markup:
    """Escapa ``texto`` para HTML y además para Markdown: ``[x](javascript:...)`` no es un enlace.

    Un texto que ya es HTML (``Markup``, o un :class:`~.formato.EnOtroIdioma` con su ``<span lang>``)
    conserva sus etiquetas y entidades; se escapan para Markdown solo los caracteres de su texto."""
    if hasattr(texto, "__html__"):
        partes = _ETIQUETA_O_ENTIDAD.split(texto.__html__())
        return Markup("".join(parte if i % 2 else "".join(_MARKDOWN.get(c, c) for c in parte)
                              for i, parte in enumerate(partes)))
    return Markup("".join(_MARKDOWN.get(c) or str(escape(c)) for c in str(texto)))


class _CacheDeBytecode(FileSystemBytecodeCache):
    """La caché de plantillas de Jinja, que solo ahorra tiempo: si no se puede guardar una
    plantilla en ella (disco lleno, sin permiso), la compilación sigue sin guardarla, y un
    problema del disco se informa al escribir el sitio, con la ruta del archivo (Jinja lo
    escribe en un temporal sin nombre en el error). ``dump_bytecode`` es el método que la
    documentación de Jinja pide redefinir a las cachés."""

    def dump_bytecode(self, bucket) -> None:
        with contextlib.suppress(OSError):  # (Jinja ya borró el temporal a medias)
            super().dump_bytecode(bucket)


def cache_de_bytecode(raiz_proyecto: str | Path, nombre: str) -> FileSystemBytecodeCache | None:
    """Plantillas Jinja ya convertidas en código Python, en ``<caché>/<nombre>/``
    (:func:`plan_migracion.datos.carpeta_cache`): las de las vistas (``jinja-vistas``: convertir
    las 32 cuesta ~0,15 s en cada proceso) y las del tema (``jinja``, ``on_env`` de ``sitio_mkdocs/plugin.py``).
    Jinja comprueba la fecha de cada plantilla: si una cambia, se vuelve a convertir. Sin
    permiso de escritura, sin caché (``None``); si falla al guardar una, sigue sin guardarla."""
    from ..datos import carpeta_cache

    carpeta = carpeta_cache(raiz_proyecto) / nombre
    try:
        carpeta.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _CacheDeBytecode(str(carpeta))


@lru_cache(maxsize=1)
def _entorno() -> Environment:
    entorno = Environment(
        loader=FileSystemLoader(str(PLANTILLAS)),
        bytecode_cache=cache_de_bytecode(PLANTILLAS.parents[2], "jinja-vistas"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    entorno.filters["sin_markdown"] = sin_markdown
    entorno.filters["texto"] = formato.texto  # el texto simple de tx(...), para atributos y SVG
    return entorno


def render_sin_datos(nombre: str, *, idioma: str, **extra) -> str:
    """Dibuja ``plantillas/<nombre>.html`` sin los datos (cuando no se pudieron cargar: la página de
    los datos con errores de «mkdocs serve»): solo ``idioma``, ``t`` y ``extra``, escapados."""
    contexto = {"idioma": idioma, "t": lambda clave, cuenta=None, **valores: t(clave, idioma, cuenta, **valores),
                **extra}
    return Markup(_entorno().get_template(f"{nombre}.html").render(contexto))


def precalentar() -> None:
    """Compila de una vez todas las plantillas (y carga el mapa). La compilación del sitio lo hace
    antes de repartir los idiomas entre procesos: los dos heredan las plantillas ya compiladas."""
    for plantilla in sorted(PLANTILLAS.rglob("*.html")):
        _entorno().get_template(plantilla.relative_to(PLANTILLAS).as_posix())
    mapa.cargar_mapa()


def _nombre_registro(datos, tipo: str, ident: str):
    if tipo == "region":
        return datos.region_por_id[ident].nombre
    if tipo == "fuente":
        return datos.fuente_por_id[ident].nombre
    return datos.componente_por_id[ident].titulo


def ultimas_actividades(indicadores, n: int) -> list[tuple[str, str]]:
    """Las ``n`` actividades más recientes (``("taller"|"convenio", id)``), la última primero: el
    final de la cronología de los datos (:mod:`plan_migracion.datos.derivados`), que está en orden
    de fecha. Para la portada."""
    ultimas: list[tuple[str, str]] = []
    for mes in reversed(indicadores.cronologia):
        for actividad in reversed(indicadores.cronologia[mes]):
            if len(ultimas) == n:
                return ultimas
            ultimas.append(actividad)
    return ultimas


_LINEA_VACIA = re.compile(r"\n\s*\n+")


def en_el_idioma(pagina: str, idioma: str, original: str) -> str:
    """La ruta de ``pagina`` desde la raíz de su idioma (``en/talleres/`` → ``talleres/``);
    ``original``: el idioma original, cuyas páginas están en la raíz del sitio."""
    prefijo = f"{idioma}/"
    if idioma != original and pagina.startswith(prefijo):
        return pagina[len(prefijo):]
    return pagina


# Las vistas que son un documento entero (no una parte de una página): el aviso de textos sin
# traducción lo pone la propia plantilla (variable ``sin_traduccion``), no se antepone.
_DOCUMENTOS = {"pdf"}
# Las vistas que dibujan el título de una página (van dentro de «# ...»): nunca llevan el aviso, que
# cortaría el título (y daría su texto al <title> de la página); el texto sin traducir del título
# lleva su propio lang, y el aviso lo pone el contenido de la página.
_TITULOS = {"titulo_registro", "titulo_plan"}


def render(nombre: str, *, datos, idioma: str, pagina: str = "", **extra) -> str:
    """Dibuja ``plantillas/<nombre>.html`` para ``idioma`` en la página ``pagina``.

    ``url(ruta)`` enlaza con una página del mismo idioma (``ruta`` desde la raíz
    del idioma); ``url_comun(ruta)``, con un archivo común a los dos idiomas
    (desde la raíz del sitio, por ejemplo ``descargas/talleres.csv``).

    Las vistas de las descargas (``descargas``, ``enlaces_descarga``, ``enlace_pdf``) usan además
    ``descargas``: los archivos y los conjuntos de datos abiertos como datos simples
    (:func:`plan_migracion.salidas.descargas.para_las_vistas`), que les da en ``extra`` la página
    que las dibuja (``vista("enlace_pdf", descargas=archivos_de_descarga())``, macro de
    ``macros.py``): las vistas no importan las salidas (las salidas usan las vistas: el PDF).

    ``tx(texto)`` da el texto de los datos en ``idioma``; si no está traducido, el original, y la
    vista lo dice: antepone el aviso ``parciales/_sin_traduccion.html`` (o, en un documento entero,
    vuelve a dibujarlo con ``sin_traduccion`` verdadero). Ese original es un
    :class:`~.formato.EnOtroIdioma`: en el HTML va dentro de ``<span lang="…">``; en un atributo o en
    un SVG, donde no cabe un elemento, la plantilla usa ``tx(...)|texto`` y, si el elemento solo
    contiene ese texto, le pone ``lang_de(tx(...))`` (`` lang="…"``).
    """
    idiomas = datos.idiomas
    faltan: list = []

    def tx(texto) -> str:
        valor = texto.en_idioma(idioma)
        if valor is None:
            faltan.append(texto)
            return formato.EnOtroIdioma(texto.en_idioma(idiomas.original), idiomas.original, idioma)
        return valor

    def t_vista(clave: str, cuenta: int | None = None, **valores):
        """``t`` de las plantillas: si algún valor es HTML (un ``tx(...)`` en otro idioma, con su
        ``<span lang>``), el texto de interfaz se escapa y se le insertan los valores como HTML."""
        if any(hasattr(valor, "__html__") for valor in valores.values()):
            return Markup(escape(t(clave, idioma, cuenta))).format(**valores)
        return t(clave, idioma, cuenta, **valores)

    desde = en_el_idioma(pagina, idioma, idiomas.original)
    contexto = {
        "datos": datos,
        "ind": datos.indicadores,
        "idioma": idioma,
        "t": t_vista,
        "url": partial(enlace, desde),
        "url_comun": partial(enlace, pagina),
        "tx": tx,
        "lang_de": lambda valor: formato.lang_de(valor, idioma),
        "idiomas": idiomas,
        "nombre_idioma": lambda codigo: nombre_idioma(codigo, idioma),
        "sin_traduccion": False,
        "fecha": lambda valor: formato.fecha(valor, idioma),
        "mes": lambda anio, numero_mes: formato.mes(anio, numero_mes, idioma),
        "numero": lambda valor: formato.numero(valor, idioma),
        # enlace a la página de un registro, en el mismo idioma: a("taller", id) / a("region", "07")
        "a": lambda tipo, ident: enlace(desde, rutas.ruta(datos, tipo, ident)),
        "LIMITE_LISTA": rutas.LIMITE_LISTA,
        "ruta": partial(rutas.ruta, datos),
        "talleres_de": partial(rutas.talleres_de, datos),
        "por_anio": partial(rutas.por_anio, datos),
        "nombre_registro": lambda tipo, ident: tx(_nombre_registro(datos, tipo, ident)),
        "convenio_por_id": datos.convenio_por_id.__getitem__,
        "ultimas_actividades": partial(ultimas_actividades, datos.indicadores),
        "mapa": mapa.cargar_mapa(),
        "departamentos_en": mapa.departamentos_en,
        "punto_lima_metropolitana": mapa.proyectar(mapa.cargar_mapa(), *mapa.LIMA_METROPOLITANA),
        **extra,
    }
    plantilla = _entorno().get_template(f"{nombre}.html")
    html = plantilla.render(contexto)
    if faltan and nombre in _DOCUMENTOS:
        html = plantilla.render({**contexto, "sin_traduccion": True})
    elif faltan and nombre not in _TITULOS:
        html = _entorno().get_template("parciales/_sin_traduccion.html").render(contexto) + "\n" + html
    # Un solo bloque HTML: sin líneas vacías (que cortarían el bloque) ni sangría.
    html = "\n".join(linea.strip() for linea in html.splitlines() if linea.strip())
    return Markup(html)
