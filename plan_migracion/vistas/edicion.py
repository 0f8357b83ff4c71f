"""Enlaces «editar esta página / este registro» hacia el archivo que hay que cambiar, y la fecha
del último cambio de cada registro con el enlace a su historial.

Sin dependencias de MkDocs: el complemento del sitio (``sitio_mkdocs/plugin.py``) decide qué archivo
corresponde a cada página y llama a :func:`enlace_edicion`. Las páginas de un
registro (un taller, un convenio) deben decir su archivo en ``page.meta`` con la
clave :data:`CLAVE_META`, por ejemplo ``datos/talleres/2011-03-11-callao.yml``
(la ruta sale de ``Datos.archivos["talleres/<id>"]``).
"""

from __future__ import annotations

CLAVE_META = "archivo_fuente"


def enlace_edicion(repositorio: str, archivo: str, rama: str = "main") -> str | None:
    """URL para editar ``archivo`` (ruta desde la raíz del repositorio) en GitHub.

    Un archivo abre el editor web (``/edit/``); una carpeta (termina en ``/``) se
    muestra con sus archivos (``/tree/``), desde donde se elige o se añade uno.
    Sin ``repositorio`` no hay enlace.
    """
    repositorio = (repositorio or "").strip().rstrip("/")
    archivo = (archivo or "").strip().lstrip("/")
    if not repositorio or not archivo:
        return None
    if not repositorio.startswith("https://"):
        raise ValueError(f"el repositorio debe ser una dirección https:// ({repositorio!r})")
    modo = "tree" if archivo.endswith("/") else "edit"
    return f"{repositorio}/{modo}/{rama}/{archivo.rstrip('/')}"


def enlace_historial(repositorio: str, archivo: str | None, rama: str = "main") -> str | None:
    """URL del historial de ``archivo`` (ruta desde la raíz del repositorio) en GitHub:
    ``<repositorio>/commits/<rama>/<archivo>``. Sin ``repositorio`` o sin ``archivo``, ninguno."""
    repositorio = (repositorio or "").strip().rstrip("/")
    archivo = (archivo or "").strip().strip("/")
    if not repositorio or not archivo:
        return None
    if not repositorio.startswith("https://"):
        raise ValueError(f"el repositorio debe ser una dirección https:// ({repositorio!r})")
    return f"{repositorio}/commits/{rama}/{archivo}"


def ultimos_cambios(historial, carpeta: str, repositorio: str = "", rama: str = "main") -> dict[str, dict]:
    """Por archivo de datos, como lo nombran ``Datos.archivos`` y ``archivo_fuente``
    (``<carpeta>/talleres/x.yml``; ``carpeta``: el nombre de la carpeta de datos), la fecha de su
    último cambio (``fecha``) y el enlace a su historial en el repositorio (``enlace``, o ``None``).
    ``historial``: un :class:`plan_migracion.datos.historial.Historial` (vacío: ninguno)."""
    return {f"{carpeta}/{relativa}": {"fecha": fecha,
                                      "enlace": enlace_historial(repositorio, historial.ruta_en_repositorio(relativa),
                                                                 rama)}
            for relativa, fecha in historial.fechas.items()}
