"""Enlaces «editar esta página / este registro» hacia el archivo que hay que cambiar.

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
