"""La caché de los datos cargados: :class:`CacheDeDatos` carga una sola vez por compilación (y otra
vez solo si cambia algún archivo); :func:`carpeta_cache`, dónde guardan las compilaciones lo que
se puede reutilizar.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .carga import cargar
from .datos_del_plan import Datos
from .idiomas import Idiomas, del_proyecto

def _firma(carpeta: Path) -> tuple:
    """Nombre, tipo, tamaño y fecha de cada entrada (archivo, carpeta, enlace...): cambia si se
    edita, añade o borra una. No sigue enlaces; una carpeta que no se puede leer cuenta como tal.

    Con ``os.scandir`` (una llamada ``stat`` por archivo): con 12.000 archivos tarda unas
    diez veces menos que ``Path.rglob`` + ``Path.stat``.
    """
    entradas = []
    pendientes = [str(carpeta)]
    while pendientes:
        directorio = pendientes.pop()
        try:
            with os.scandir(directorio) as contenido:
                for entrada in contenido:
                    estado = entrada.stat(follow_symlinks=False)
                    entradas.append((entrada.path, estado.st_mode, estado.st_size, estado.st_mtime_ns))
                    if stat.S_ISDIR(estado.st_mode):
                        pendientes.append(entrada.path)
        except OSError as exc:
            entradas.append((directorio, -1, exc.errno or 0, 0))
    return tuple(sorted(entradas))


def carpeta_cache(raiz_proyecto: str | Path) -> Path:
    """La carpeta de las cachés de compilación (plantillas del tema, PDF): ``PLAN_CACHE`` si está
    definida, si no ``<raíz>/.cache`` (ignorada por git). Borrarla solo hace la compilación más lenta."""
    return Path(os.environ.get("PLAN_CACHE") or Path(raiz_proyecto) / ".cache")


class CacheDeDatos:
    """Los datos ya cargados de cada carpeta, reutilizados mientras ningún archivo cambie.

    La tiene quien compila, no el módulo: el complemento del sitio guarda una en su instancia, que
    MkDocs conserva de una recompilación de ``mkdocs serve`` a la siguiente (se vuelve a cargar
    solo si cambia algún archivo); en una compilación la comparten los idiomas y las macros.
    """

    def __init__(self) -> None:
        # carpeta (resuelta) → (firma de sus archivos, datos); firma None: datos fijados
        self.guardados: dict[Path, tuple[tuple | None, Datos]] = {}

    def cargar(self, carpeta: str | Path = "datos", idiomas: Idiomas | None = None) -> Datos:
        """Como :func:`cargar`, pero reutiliza el resultado mientras ningún archivo cambie (o, si
        se fijaron con :meth:`fijar`, siempre) y los idiomas sean los mismos."""
        carpeta = Path(carpeta).resolve()
        idiomas = idiomas or del_proyecto()
        guardado = self.guardados.get(carpeta)
        if guardado and guardado[0] is None and guardado[1].idiomas == idiomas:
            return guardado[1]
        firma = _firma(carpeta)
        if guardado and guardado[0] == firma and guardado[1].idiomas == idiomas:
            return guardado[1]
        datos = cargar(carpeta, idiomas)
        self.guardados[carpeta] = (firma, datos)
        return datos

    def fijar(self, datos: Datos) -> None:
        """Desde ahora, :meth:`cargar` de ``datos.carpeta`` devuelve ``datos`` sin mirar los archivos.

        Para una compilación de una sola vez que ya cargó los datos (``scripts/construir.py``):
        todas las páginas y los idiomas ven la misma versión, aunque alguien edite un archivo a
        mitad de la compilación, y la carpeta no se recorre otra vez. No lo use ``mkdocs serve``,
        que debe ver cada edición.
        """
        self.guardados[Path(datos.carpeta).resolve()] = (None, datos)
