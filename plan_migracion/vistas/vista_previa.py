"""La vista previa de cada página cuando se comparte un enlace (WhatsApp, Facebook, correo): los
metadatos Open Graph y de tarjeta de Twitter/X, y qué tarjeta (imagen) lleva. Sin MkDocs.

``overrides/partials/og.html`` escribe las etiquetas ``<meta>`` con el diccionario que da
:meth:`VistaPrevia.de_pagina` (el complemento del sitio lo pone en el contexto de cada página como
``vista_previa``). De cada página:

- ``og:title``: su título (la portada, el nombre del sitio); ``og:site_name``: el nombre del sitio
  en su idioma.
- ``og:description``: la ``description`` de su cabecera (páginas de Markdown); en la de un
  registro, su propio resumen (:func:`resumen`: el nombre del taller, el objeto del convenio...,
  en la cabecera de la página generada, clave :data:`CLAVE_RESUMEN`); si no, la descripción del
  sitio en el idioma de la página (``sitio.descripcion``).
- ``og:locale`` y ``og:locale:alternate``: el de su idioma y los de los demás idiomas de la
  configuración (``vista_previa.locale`` de ``textos/<idioma>.yml``: el formato de Open Graph,
  ``es_PE``, que el código de idioma solo no da).
- ``og:image``: la tarjeta de su sección en su idioma (``<idioma>/tarjetas/<sección>.png``; la
  portada, ``tarjetas/portada.png``), que dibuja :mod:`plan_migracion.salidas.tarjetas` al final de
  la compilación de cada idioma con el título de la sección (el de su página índice).
- Con dirección pública (``PLAN_URL_SITIO``): ``og:url`` (la dirección canónica de la página) y
  ``og:image`` absolutos, como pide Open Graph. Sin ella no hay ``og:url`` (Open Graph lo define
  como el identificador permanente de la página: una ruta relativa no lo es; quien comparte ya
  tiene la dirección) y ``og:image`` es relativa a la página: la imagen existe en el sitio y los
  lectores que resuelven direcciones relativas la muestran.

Todos los valores son texto llano: la plantilla los escapa (las de MkDocs no escapan solas).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from .publicacion import absoluta
from .render import en_el_idioma, enlace
from .textos import t

# Clave de la cabecera de una página generada con el resumen de su registro.
CLAVE_RESUMEN = "resumen"
# La tarjeta de la portada.
PORTADA = "portada"
# Carpeta de las tarjetas en la raíz de cada idioma.
CARPETA_TARJETAS = "tarjetas"
ANCHO, ALTO = 1200, 630  # el tamaño que recomiendan Facebook y X para summary_large_image
# Más largo, el texto se corta (las vistas previas muestran unas dos o tres líneas).
LARGO_DESCRIPCION = 300


def _texto(datos, texto, idioma: str) -> str:
    return texto.en_idioma(idioma) or texto.en_idioma(datos.idiomas.original)


def resumen(datos, vista: str, ident: str | None, idioma: str) -> str | None:
    """El resumen de un registro en ``idioma`` (su traducción o, si falta, el original), de sus
    propios datos: el nombre del taller, el objeto del convenio, el nombre de la fuente, la cita
    del componente, la nota de la región. ``None`` si la página no es de un registro con resumen."""
    if ident is None:
        return None
    if vista == "taller":
        return _texto(datos, datos.taller_por_id[ident].nombre, idioma)
    if vista == "convenio":
        return _texto(datos, datos.convenio_por_id[ident].objeto, idioma)
    if vista == "fuente":
        return _texto(datos, datos.fuente_por_id[ident].nombre, idioma)
    if vista == "componente":
        return _texto(datos, datos.componente_por_id[ident].cita, idioma)
    if vista == "region" and (nota := datos.region_por_id[ident].nota) is not None:
        return _texto(datos, nota, idioma)
    return None


def recortar(texto: str, largo: int = LARGO_DESCRIPCION) -> str:
    """``texto`` en una línea y, si pasa de ``largo`` caracteres, cortado en un espacio con «…»."""
    texto = " ".join(str(texto).split())
    if len(texto) <= largo:
        return texto
    corte = texto[:largo - 1]
    if " " in corte:
        corte = corte.rsplit(" ", 1)[0]
    return corte.rstrip(" ,;:.") + "…"


def seccion(ruta: str) -> str:
    """La sección de una página (``ruta`` desde la raíz de su idioma): su primera carpeta
    (``talleres/2011-03-11-callao/`` → ``talleres``); la portada, :data:`PORTADA`."""
    primera = ruta.strip("/").split("/", 1)[0]
    return primera if primera and primera != "." else PORTADA


def ruta_tarjeta(idioma: str, original: str, nombre: str) -> str:
    """La tarjeta ``nombre`` de ``idioma`` desde la raíz del sitio: ``tarjetas/talleres.png``,
    ``en/tarjetas/talleres.png``."""
    ruta = f"{CARPETA_TARJETAS}/{nombre}.png"
    return ruta if idioma == original else f"{idioma}/{ruta}"


@dataclass
class VistaPrevia:
    """Los metadatos de las páginas de una compilación y las tarjetas que piden, por idioma.

    Una instancia por compilación (``idiomas``: los de la configuración, el original primero).
    :meth:`de_pagina` anota la sección de cada página; la página índice de una sección le da su
    título. :meth:`tarjetas` dice qué tarjetas dibujar en un idioma, con qué texto."""

    idiomas: object
    _secciones: dict[str, dict[str, str | None]] = field(default_factory=dict)
    _sitio: dict[str, str] = field(default_factory=dict)

    def de_pagina(self, *, url: str, idioma: str, titulo: str | None, meta: dict | None, nombre_sitio: str,
                  url_sitio: str | None, url_canonica: str | None) -> dict:
        """Los metadatos de la página ``url`` (desde la raíz del sitio) para ``overrides/partials/og.html``.

        ``titulo``: el de MkDocs (``page.title``, HTML ya escapado: aquí se vuelve texto llano);
        ``meta``: su cabecera (``description`` o :data:`CLAVE_RESUMEN`)."""
        meta = meta or {}
        original = self.idiomas[0]
        ruta = en_el_idioma(url, idioma, original)
        es_portada = ruta.strip("/") in ("", ".")
        nombre = seccion(ruta)
        titulo = html.unescape(titulo or "").strip()
        secciones = self._secciones.setdefault(idioma, {})
        if es_portada or ruta.strip("/") == nombre:  # la página índice de su sección: da el título
            secciones[nombre] = None if es_portada else titulo
        else:
            secciones.setdefault(nombre, None)
        self._sitio[idioma] = nombre_sitio
        descripcion = meta.get("description") or meta.get(CLAVE_RESUMEN) or t("sitio.descripcion", idioma)
        imagen = ruta_tarjeta(idioma, original, nombre)
        return {
            "titulo": nombre_sitio if es_portada or not titulo else titulo,
            "descripcion": recortar(descripcion),
            "tipo": "website",
            "nombre_sitio": nombre_sitio,
            "locale": t("vista_previa.locale", idioma),
            "locales_alternos": [t("vista_previa.locale", otro) for otro in self.idiomas if otro != idioma],
            "url": url_canonica if url_sitio else None,
            "imagen": absoluta(url_sitio, imagen) if url_sitio else enlace(url, imagen),
            "imagen_alt": t("vista_previa.imagen_alt", idioma, sitio=nombre_sitio),
            "imagen_ancho": ANCHO,
            "imagen_alto": ALTO,
            "tarjeta_twitter": "summary_large_image",
        }

    def tarjetas(self, idioma: str) -> dict[str, tuple[str, str]]:
        """Las tarjetas que pidieron las páginas de ``idioma``: nombre → (título grande, nombre del
        sitio). La portada lleva la descripción del sitio; una sección cuya página índice no pasó,
        también."""
        sitio = self._sitio.get(idioma, t("sitio.nombre", idioma))
        return {nombre: (titulo or t("sitio.descripcion", idioma), sitio)
                for nombre, titulo in sorted(self._secciones.get(idioma, {}).items())}


def archivo_tarjeta(carpeta_idioma, nombre: str):
    """(Para quien escribe las tarjetas) el archivo de la tarjeta ``nombre`` en la carpeta de un idioma."""
    return carpeta_idioma / CARPETA_TARJETAS / f"{nombre}.png"

