"""Gancho de MkDocs: compilaciones reproducibles.

MkDocs pone la fecha del reloj en el sitemap (``<lastmod>``) y en la cabecera
de ``sitemap.xml.gz``, salvo que exista la variable ``SOURCE_DATE_EPOCH``
(https://reproducible-builds.org/specs/source-date-epoch/). Este gancho la fija,
si nadie la fijó antes, a la fecha de la versión de los datos, la misma que lleva
la portada del PDF (:func:`plan_migracion.salidas.descargas.fecha_de_los_datos`: el último
commit que tocó la carpeta de datos o, fuera de git, la fecha más reciente de los
datos): dos compilaciones del mismo commit dan los mismos bytes.

Además, el resultado no depende del orden en que se compilan los idiomas: la
compilación de cada idioma empieza sin el selector de idioma que dejó la última
página del idioma anterior (véase ``on_pre_build``), así que compilar los dos
idiomas a la vez (``scripts/construir.py``) o uno tras otro da los mismos bytes.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import event_priority


@event_priority(100)  # antes que cualquier otro complemento
def on_config(config):
    from plan_migracion.datos import DatosInvalidos, cargar_en_cache, carpeta_datos
    from plan_migracion.salidas.descargas import fijar_epoca_de_los_datos

    if "SOURCE_DATE_EPOCH" in os.environ:
        return config
    try:  # la misma carga que usan las páginas (en caché): no se lee nada dos veces
        fijar_epoca_de_los_datos(cargar_en_cache(carpeta_datos(Path(config.config_file_path).resolve().parent)))
    except DatosInvalidos:
        pass  # la compilación se detendrá con los mensajes del validador
    return config


def on_pre_build(config):
    # static-i18n adapta el selector de idioma de cada página con ``config.extra.alternate = ...``:
    # eso crea un atributo que tapa la clave ``extra["alternate"]`` y sobrevive a la compilación
    # del idioma. La página 404 del idioma siguiente (se dibuja antes que las páginas) mostraba
    # entonces los enlaces de la última página del idioma anterior. Se quita el atributo: cada
    # compilación parte del selector general (``/`` y ``/en/``).
    vars(config.extra).pop("alternate", None)
