"""Las páginas que se generan a partir de los datos: una por registro, sin Markdown escrito a mano.

Sin dependencias de MkDocs: el gancho ``ganchos/paginas.py`` convierte cada
:class:`PaginaGenerada` en un archivo del sitio, en cada idioma.

Direcciones (iguales en los dos idiomas; en inglés con el prefijo ``en/``):

- ``talleres/<id>/``        un taller (``id`` = nombre del archivo, p. ej. ``2011-03-11-callao``)
- ``talleres/<año>/``       los talleres de un año, por mes
- ``fuentes/<id>/``         una fuente cooperante
- ``componentes/<id>/``     un componente
- ``convenios/<id>/``       un convenio
- ``regiones/<nombre>/``    una región: su nombre en español, en minúsculas, sin tildes y con
  guiones (``callao``, ``san-martin``, ``lima-metropolitana``); las 26, también sin actividad
  (véase :func:`direcciones_regiones` para nombres vacíos o repetidos)
- ``<dirección del registro><año>/``  los talleres de una región, fuente o componente en un año,
  solo cuando el registro tiene más de :data:`LIMITE_LISTA` talleres (la página del registro
  muestra entonces cuántos hay por año, con un enlace a cada año)

Cada página es un título y una llamada a una vista: el contenido lo dibujan las
plantillas con los datos ya cargados (una sola carga por compilación).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

# Más de estos elementos en una lista: se resume por año y mes y se reparte en páginas.
LIMITE_LISTA = 100

CARPETA = {"taller": "talleres", "fuente": "fuentes", "componente": "componentes",
           "convenio": "convenios", "region": "regiones"}


def slug(texto: str) -> str:
    """«San Martín» → ``san-martin``."""
    sin_tildes = "".join(c for c in unicodedata.normalize("NFKD", texto) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", sin_tildes.lower()).strip("-")


def ruta(datos, tipo: str, ident: str) -> str:
    """Dirección (sin idioma) de la página de un registro, p. ej. ``regiones/callao/``."""
    if tipo == "region":
        return f"regiones/{direcciones_regiones(datos)[ident]}/"
    return f"{CARPETA[tipo]}/{ident}/"


def direcciones_regiones(datos) -> dict[str, str]:
    """id de región → parte de su dirección: el nombre en español hecho ``slug`` (hasta 60
    caracteres); si queda vacío, el código; si otra región ya lo usa, ``<slug>-<código>``.
    Se calcula una vez por carga de datos."""
    guardado = datos.__dict__.get("_direcciones_regiones")
    if guardado is None:
        guardado = {}
        for region in datos.regiones:
            base = slug(region.nombre.es)[:60].strip("-") or region.id
            guardado[region.id] = base if base not in guardado.values() else f"{base}-{region.id}"
        datos.__dict__["_direcciones_regiones"] = guardado
    return guardado


def talleres_de(datos, tipo: str, ident: str) -> list[str]:
    """Los ids de los talleres de una región, fuente o componente, en orden de fecha."""
    ind = datos.indicadores
    return {"region": ind.talleres_por_region, "fuente": ind.talleres_de_fuente,
            "componente": ind.talleres_de_componente}[tipo][ident]


def por_anio(datos, ids: list[str]) -> dict[int, list[str]]:
    """Agrupa ids de talleres (en orden de fecha) por año."""
    grupos: dict[int, list[str]] = {}
    for ident in ids:
        grupos.setdefault(datos.taller_por_id[ident].fecha.year, []).append(ident)
    return grupos


# Lugar del contenido en el Markdown de una página generada: un comentario HTML en su propio
# bloque, que Markdown deja tal cual en el HTML.
MARCA_CONTENIDO = "<!-- plan-migracion:contenido -->"


@dataclass(frozen=True)
class PaginaGenerada:
    direccion: str  # «talleres/2011-03-11-callao/»
    vista: str  # plantilla que dibuja el contenido
    argumentos: dict = field(default_factory=dict)  # solo ids validados y números: seguros en Jinja
    archivo_fuente: str = ""  # el archivo de datos/ que produce la página («Editar esta página»)

    @property
    def archivo(self) -> str:
        """Nombre de archivo Markdown equivalente (``talleres/2011-03-11-callao.md``)."""
        return self.direccion.rstrip("/") + ".md"

    def _vista(self, datos, idioma: str, url: str, nombre: str, **extra) -> str:
        from .vistas import render  # (importación diferida: vistas importa este módulo)

        return render(nombre, datos=datos, idioma=idioma, pagina=url, **extra)

    def markdown(self, datos, idioma: str, url: str) -> str:
        """El Markdown de la página en ``idioma`` (``url``: su dirección en el sitio, p. ej.
        ``en/talleres/x/``): la cabecera, el título ya dibujado y :data:`MARCA_CONTENIDO`, que el
        gancho de las páginas cambia por :meth:`contenido` en el HTML ya convertido.

        El título es lo que daría mkdocs-macros con ``# {{ vista("titulo_registro", ...) }}``,
        sin compilar una plantilla Jinja por página (``render_macros: false``). El contenido es un
        solo bloque HTML que Markdown dejaría tal cual: no se le pasa (leerlo con el analizador
        HTML de Python-Markdown era la cuarta parte del tiempo de estas páginas).
        """
        cabecera = "---\nrender_macros: false\n"
        if self.archivo_fuente:
            cabecera += f"archivo_fuente: {json.dumps(self.archivo_fuente)}\n"
        titulo = self._vista(datos, idioma, url, "titulo_registro", pagina_de=self.vista, **self.argumentos)
        return f"{cabecera}---\n# {titulo}\n\n{MARCA_CONTENIDO}"

    def contenido(self, datos, idioma: str, url: str) -> str:
        """El cuerpo de la página: el bloque HTML de su vista."""
        return self._vista(datos, idioma, url, self.vista, **self.argumentos)


def paginas(datos) -> list[PaginaGenerada]:
    """Todas las páginas generadas para ``datos``."""
    lista: list[PaginaGenerada] = []
    carpeta = datos.carpeta.name

    def archivo(tipo: str, ident: str) -> str:
        if tipo == "region":
            return f"{carpeta}/regiones.yml"
        if tipo == "componente":
            return f"{carpeta}/componentes.yml"
        return datos.archivos[f"{CARPETA[tipo]}/{ident}"]

    for t in datos.talleres:
        lista.append(PaginaGenerada(ruta(datos, "taller", t.id), "taller", {"id": t.id}, archivo("taller", t.id)))
    for anio in datos.indicadores.talleres_por_anio:
        lista.append(PaginaGenerada(f"talleres/{anio}/", "talleres_anio", {"anio": anio}, f"{carpeta}/talleres/"))
    for c in datos.convenios:
        lista.append(PaginaGenerada(ruta(datos, "convenio", c.id), "convenio", {"id": c.id}, archivo("convenio", c.id)))
    for tipo, registros in (("fuente", datos.fuentes), ("componente", datos.componentes),
                            ("region", datos.regiones)):
        for registro in registros:
            direccion = ruta(datos, tipo, registro.id)
            lista.append(PaginaGenerada(direccion, tipo, {"id": registro.id}, archivo(tipo, registro.id)))
            ids = talleres_de(datos, tipo, registro.id)
            if len(ids) > LIMITE_LISTA:
                for anio in por_anio(datos, ids):
                    lista.append(PaginaGenerada(f"{direccion}{anio}/", "talleres_de_anio",
                                                {"tipo": tipo, "id": registro.id, "anio": anio},
                                                archivo(tipo, registro.id)))
    return lista
