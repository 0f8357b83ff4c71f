"""Las páginas que se generan a partir de los datos: una por registro, sin Markdown escrito a mano.

Sin dependencias de MkDocs: el complemento del sitio (``sitio_mkdocs/registros.py``) convierte cada
:class:`PaginaGenerada` en un archivo del sitio, en cada idioma. Sus direcciones
están en :mod:`plan_migracion.vistas.rutas`.

Cada página es un título y una llamada a una vista: el contenido lo dibujan las
plantillas con los datos ya cargados (una sola carga por compilación).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from .render import render
from .rutas import CARPETA, LIMITE_LISTA, por_anio, ruta, talleres_de
from .vista_previa import CLAVE_RESUMEN, resumen

# Lugar del contenido en el Markdown de una página generada: un comentario HTML en su propio
# bloque, que Markdown deja tal cual en el HTML.
MARCA_CONTENIDO = "<!-- plan-migracion:contenido -->"


@dataclass(frozen=True)
class PaginaGenerada:
    direccion: str  # «talleres/2011-03-11-callao/»
    vista: str  # plantilla que dibuja el contenido
    # Solo ids validados, números y, en talleres, convenios y fuentes, ``cambio``: la fecha de su
    # último cambio y el enlace a su historial (:func:`.edicion.ultimos_cambios`), o None.
    argumentos: dict = field(default_factory=dict)
    archivo_fuente: str = ""  # el archivo de datos/ que produce la página («Editar esta página»)

    @property
    def archivo(self) -> str:
        """Nombre de archivo Markdown equivalente (``talleres/2011-03-11-callao.md``)."""
        return self.direccion.rstrip("/") + ".md"

    def _vista(self, datos, idioma: str, url: str, nombre: str, **extra) -> str:
        return render(nombre, datos=datos, idioma=idioma, pagina=url, **extra)

    def markdown(self, datos, idioma: str, url: str) -> str:
        """El Markdown de la página en ``idioma`` (``url``: su dirección en el sitio, p. ej.
        ``en/talleres/x/``): la cabecera, el título ya dibujado y :data:`MARCA_CONTENIDO`, que el
        complemento del sitio cambia por :meth:`contenido` en el HTML ya convertido.

        El título es lo que daría mkdocs-macros con ``# {{ vista("titulo_registro", ...) }}``,
        sin compilar una plantilla Jinja por página (``render_macros: false``). El contenido es un
        solo bloque HTML que Markdown dejaría tal cual: no se le pasa (leerlo con el analizador
        HTML de Python-Markdown era la cuarta parte del tiempo de estas páginas).
        """
        cabecera = "---\nrender_macros: false\n"
        if self.archivo_fuente:
            cabecera += f"archivo_fuente: {json.dumps(self.archivo_fuente)}\n"
        if texto := resumen(datos, self.vista, self.argumentos.get("id"), idioma):
            # (JSON es YAML válido: el texto del contribuidor sigue siendo un texto)
            cabecera += f"{CLAVE_RESUMEN}: {json.dumps(texto)}\n"
        titulo = self._vista(datos, idioma, url, "titulo_registro", pagina_de=self.vista, **self.argumentos)
        return f"{cabecera}---\n# {titulo}\n\n{MARCA_CONTENIDO}"

    def contenido(self, datos, idioma: str, url: str) -> str:
        """El cuerpo de la página: el bloque HTML de su vista."""
        return self._vista(datos, idioma, url, self.vista, **self.argumentos)


def paginas(datos, cambios: dict[str, dict] | None = None) -> list[PaginaGenerada]:
    """Todas las páginas generadas para ``datos``. ``cambios``: por archivo de datos, la fecha de su
    último cambio y el enlace a su historial (:func:`.edicion.ultimos_cambios`); las páginas de los
    talleres, convenios y fuentes lo muestran."""
    cambios = cambios or {}
    lista: list[PaginaGenerada] = []
    carpeta = datos.carpeta.name

    def archivo(tipo: str, ident: str) -> str:
        if tipo == "region":
            return f"{carpeta}/regiones.yml"
        if tipo == "componente":
            return f"{carpeta}/componentes.yml"
        return datos.archivos[f"{CARPETA[tipo]}/{ident}"]

    for t in datos.talleres:
        origen = archivo("taller", t.id)
        lista.append(PaginaGenerada(ruta(datos, "taller", t.id), "taller", {"id": t.id, "cambio": cambios.get(origen)},
                                    origen))
    for anio in datos.indicadores.talleres_por_anio:
        lista.append(PaginaGenerada(f"talleres/{anio}/", "talleres_anio", {"anio": anio}, f"{carpeta}/talleres/"))
    for c in datos.convenios:
        origen = archivo("convenio", c.id)
        lista.append(PaginaGenerada(ruta(datos, "convenio", c.id), "convenio",
                                    {"id": c.id, "cambio": cambios.get(origen)}, origen))
    for tipo, registros in (("fuente", datos.fuentes), ("componente", datos.componentes),
                            ("region", datos.regiones)):
        for registro in registros:
            direccion = ruta(datos, tipo, registro.id)
            argumentos = {"id": registro.id}
            if tipo == "fuente":  # (regiones y componentes: un archivo para todos, sin fecha propia)
                argumentos["cambio"] = cambios.get(archivo(tipo, registro.id))
            lista.append(PaginaGenerada(direccion, tipo, argumentos, archivo(tipo, registro.id)))
            ids = talleres_de(datos, tipo, registro.id)
            if len(ids) > LIMITE_LISTA:
                for anio in por_anio(datos, ids):
                    lista.append(PaginaGenerada(f"{direccion}{anio}/", "talleres_de_anio",
                                                {"tipo": tipo, "id": registro.id, "anio": anio},
                                                archivo(tipo, registro.id)))
    return lista
