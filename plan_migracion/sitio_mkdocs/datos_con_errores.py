"""«mkdocs serve» con datos inválidos: el sitio muestra los mensajes del validador.

Con ``mkdocs build`` (y ``make build``), unos datos inválidos detienen la compilación
(``PluginError``). Con ``mkdocs serve`` una compilación que falla deja al navegador esperando sin
respuesta (el servidor de MkDocs solo responde cuando una compilación termina bien). Por eso, solo
al servir, el complemento compila en su lugar un sitio que dice lo que pasa:

- cada página de Markdown cambia su texto (``on_page_markdown``, antes de mkdocs-macros: ninguna
  macro llega a pedir los datos) por el título y la marca del contenido, que ``on_page_content``
  reemplaza por la vista ``datos_con_errores`` (los mensajes, escapados);
- las páginas de los registros de la última compilación buena de este servidor (si hubo una) siguen
  en su dirección, con el mismo contenido: la página abierta en el navegador se recarga sola;
- la 404 de cada idioma es la misma vista como documento entero (la sirve el servidor para
  cualquier otra dirección; se vuelve a pedir cada pocos segundos).

Al corregir el archivo, la recarga en vivo vuelve a compilar el sitio de verdad.
"""

from __future__ import annotations

from mkdocs.structure.files import File, Files, InclusionLevel

from plan_migracion.datos import DatosInvalidos
from plan_migracion.vistas import render_sin_datos
from plan_migracion.vistas.generadas import MARCA_CONTENIDO
from plan_migracion.vistas.textos import t


def mensajes(error: DatosInvalidos) -> list[str]:
    """Las líneas del validador (``ruta:línea:columna: campo: mensaje``), las mismas de la terminal."""
    return [p.texto() for p in error.problemas if p.es_error]


def markdown(idioma: str) -> str:
    """El Markdown de cada página: el título y la marca del contenido (sin ninguna macro)."""
    return f"# {t('datos_con_errores.titulo', idioma)}\n\n{MARCA_CONTENIDO}\n"


def cuerpo(error: DatosInvalidos, idioma: str) -> str:
    """El cuerpo de una página: qué hacer y los mensajes."""
    return render_sin_datos("datos_con_errores", idioma=idioma, mensajes=mensajes(error), documento=False)


def documento(error: DatosInvalidos, idioma: str) -> str:
    """La 404 del idioma: la misma vista como documento entero."""
    return render_sin_datos("datos_con_errores", idioma=idioma, mensajes=mensajes(error), documento=True)


def paginas_anteriores(files: Files, config, anteriores: list[tuple[str, str]]) -> None:
    """Añade a ``files`` las páginas de los registros de la última compilación buena
    (``(src_uri, dest_uri)``) con el Markdown de :func:`markdown` (se pone en ``on_page_markdown``)."""
    for origen, destino in anteriores:
        propio = File.generated(config, origen, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        propio.dest_uri = destino
        files.append(propio)
