"""Feed Atom (RFC 4287) de las actividades del plan: talleres y convenios, en un idioma.

Una entrada por actividad, de la más reciente a la más antigua. Todas las fechas
vienen de los datos (nunca del reloj): ``updated`` de una entrada es la fecha del
taller o de la firma del convenio; la del feed, la más reciente de ellas.

Identificadores y enlaces:

- ``id``: un URN ``urn:uuid:`` derivado (UUID versión 5) del identificador del
  registro y del idioma. Es estable mientras no cambie el ``id`` del registro, y
  no depende de dónde se publique el sitio.
- ``link``: si se conoce la dirección del sitio (``url_sitio``: ``site_url`` de
  ``mkdocs.yml``, que da la variable ``PLAN_URL_SITIO``), es absoluta; si no, es
  relativa a la ubicación del feed, lo que RFC 4287 permite (una referencia IRI
  resuelta contra la dirección del documento).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import uuid
from xml.etree import ElementTree as ET

from ..vistas import rutas
from ..vistas.publicacion import absoluta
from ..vistas.textos import t

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Espacio de nombres propio para los UUID versión 5 (fijo: cambiarlo cambia todos los id).
_ESPACIO = uuid.uuid5(uuid.NAMESPACE_URL, "urn:plan-migracion-laboral-mtpe-2011-2014")
# Hora del Perú (UTC-5, sin horario de verano): las fechas de los datos son días locales.
_PERU = dt.timezone(dt.timedelta(hours=-5))


def pagina_taller(taller) -> str:
    """Ruta (desde la raíz del idioma) de la página del taller (``plan_migracion.vistas.rutas``)."""
    return rutas.ruta(None, "taller", taller.id)


def pagina_convenio(convenio) -> str:
    """Ruta (desde la raíz del idioma) de la página del convenio (``plan_migracion.vistas.rutas``)."""
    return rutas.ruta(None, "convenio", convenio.id)


def identificador(tipo: str, ident: str, idioma: str) -> str:
    return uuid.uuid5(_ESPACIO, f"{tipo}/{ident}/{idioma}").urn


def _momento(fecha: dt.date) -> str:
    return dt.datetime.combine(fecha, dt.time(0, 0), _PERU).isoformat()


def actividades(datos, idioma: str, formatear_fecha) -> list[dict]:
    """Talleres y convenios como entradas del feed, de la más reciente a la más antigua."""
    entradas = []
    for ta in datos.talleres:
        entradas.append({
            "id": identificador("taller", ta.id, idioma),
            "fecha": ta.fecha,
            "titulo": t("descargas.feed_taller", idioma, fecha=formatear_fecha(ta.fecha),
                        lugar=ta.lugar.en_idioma(idioma)),
            "resumen": f"{ta.nombre.en_idioma(idioma)} {ta.representacion.en_idioma(idioma)}",
            "ruta": pagina_taller(ta),
            "categoria": "taller",
        })
    for c in datos.convenios:
        entradas.append({
            "id": identificador("convenio", c.id, idioma),
            "fecha": c.fecha_firma,
            "titulo": t("descargas.feed_convenio", idioma, fecha=formatear_fecha(c.fecha_firma),
                        parte=c.parte.en_idioma(idioma)),
            "resumen": c.objeto.en_idioma(idioma),
            "ruta": pagina_convenio(c),
            "categoria": "convenio",
        })
    entradas.sort(key=lambda e: (e["fecha"], e["id"]), reverse=True)
    return entradas


def atom(datos, idioma: str, *, ruta_feed: str, formatear_fecha, fecha_sin_actividades: dt.date,
         url_sitio: str | None = None) -> bytes:
    """El documento Atom de ``idioma``.

    ``ruta_feed`` es la ruta del feed desde la raíz del idioma (``descargas/actividades.xml``);
    los enlaces relativos se calculan desde ella. ``fecha_sin_actividades`` da el
    ``updated`` del feed cuando no hay ninguna actividad.
    """

    def enlace(ruta: str) -> str:
        if url_sitio:
            return absoluta(url_sitio, ("" if idioma == datos.idiomas.original else f"{idioma}/") + ruta)
        pagina, _, ancla = ruta.partition("#")
        pagina = pagina or "./"
        relativa = posixpath.relpath(pagina or ".", posixpath.dirname(ruta_feed) or ".")
        if pagina.endswith("/") and not relativa.endswith("/"):
            relativa += "/"
        return relativa + (f"#{ancla}" if ancla else "")

    entradas = actividades(datos, idioma, formatear_fecha)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: idioma})

    def hijo(padre, etiqueta, texto=None, **atributos):
        elemento = ET.SubElement(padre, f"{{{ATOM}}}{etiqueta}", atributos)
        if texto is not None:
            elemento.text = texto
        return elemento

    hijo(feed, "id", identificador("feed", "actividades", idioma))
    hijo(feed, "title", t("descargas.feed_titulo", idioma, sitio=t("sitio.nombre", idioma)))
    hijo(feed, "subtitle", datos.plan.titulo.en_idioma(idioma))
    ultima = entradas[0]["fecha"] if entradas else fecha_sin_actividades
    hijo(feed, "updated", _momento(ultima))
    autor = hijo(feed, "author")
    hijo(autor, "name", datos.plan.institucion.en_idioma(idioma))
    hijo(feed, "link", rel="self", type="application/atom+xml", href=enlace(ruta_feed))
    hijo(feed, "link", rel="alternate", type="text/html", href=enlace(""))
    for e in entradas:
        entrada = hijo(feed, "entry")
        hijo(entrada, "id", e["id"])
        hijo(entrada, "title", e["titulo"])
        hijo(entrada, "updated", _momento(e["fecha"]))
        hijo(entrada, "published", _momento(e["fecha"]))
        hijo(entrada, "link", rel="alternate", type="text/html", href=enlace(e["ruta"]))
        hijo(entrada, "category", term=e["categoria"], label=t(f"descargas.categoria_{e['categoria']}", idioma))
        hijo(entrada, "summary", e["resumen"], type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
