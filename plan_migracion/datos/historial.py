"""Cuándo cambió por última vez cada archivo de ``datos/``, según git (una entrada más, como los YAML).

:func:`leer_historial` hace **una** llamada a ``git log`` para toda la carpeta de datos (más una a
``git rev-parse`` para saber si hay historia completa) y devuelve un :class:`Historial`: la fecha
del último commit que cambió cada archivo. Sin MkDocs: el complemento del sitio lo lee una vez por
compilación y las vistas lo muestran en la página de cada taller, convenio y fuente.

Reglas (que la página nunca diga una fecha falsa):

- La fecha es la del commit (``%cs``: la fecha del *committer*, en su zona horaria), nunca la de
  hoy ni la de modificación del archivo en disco: el mismo commit da el mismo sitio, byte a byte.
- Se sigue solo la línea principal (``--first-parent``): un cambio que llega por una unión
  (*merge*) de una solicitud de cambios lleva la fecha de la unión, cuando el dato cambió en la
  rama publicada, no la del commit de la rama de trabajo.
- Sin git, fuera de un repositorio o en un clon superficial (``git clone --depth 1``, donde el
  único commit parecería haber cambiado todos los archivos): historial vacío, la página no dice
  nada.
- Un archivo con cambios sin commit (por ejemplo, mientras corre ``make serve``) muestra la fecha
  de su último commit: la del dato publicado. Un archivo nuevo que aún no tiene commit no muestra
  fecha.
- La carpeta de datos puede estar fuera del proyecto (``PLAN_DATOS``): las fechas son las del
  repositorio que la contiene; :attr:`Historial.ruta_en_repositorio` solo se da si ese
  repositorio es también el del proyecto (el del enlace al historial en GitHub).
"""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

log = logging.getLogger("plan_migracion.historial")

# Si git no responde en este tiempo (un repositorio en una unidad de red lenta), sin fechas.
ESPERA_MAXIMA = 60  # segundos

# Marca de la línea de cada commit en la salida de «git log» (ningún nombre de archivo válido de
# datos/ empieza con un carácter de control).
_MARCA = "\x01"


@dataclass(frozen=True)
class Historial:
    """Fechas del último commit de cada archivo, con la ruta del archivo relativa a la carpeta de
    datos (``talleres/2011-03-11-callao.yml``)."""

    fechas: dict[str, dt.date] = field(default_factory=dict)
    # La carpeta de datos dentro del repositorio del proyecto («datos/»); None si no está en él.
    prefijo: str | None = None

    def fecha(self, relativa: str) -> dt.date | None:
        return self.fechas.get(PurePosixPath(relativa).as_posix())

    def ruta_en_repositorio(self, relativa: str) -> str | None:
        """La ruta del archivo en el repositorio del proyecto (``datos/talleres/x.yml``), o ``None``."""
        if self.prefijo is None:
            return None
        return f"{self.prefijo}{PurePosixPath(relativa).as_posix()}"


def _git(carpeta: Path, *argumentos: str) -> str | None:
    """La salida de ``git argumentos`` en ``carpeta``; ``None`` si git falta o falla."""
    try:
        hecho = subprocess.run(["git", *argumentos], cwd=carpeta, capture_output=True, timeout=ESPERA_MAXIMA,
                               check=False)
    except (OSError, subprocess.SubprocessError) as error:
        log.debug("git %s: %s", argumentos[0], error)
        return None
    if hecho.returncode != 0:
        error = hecho.stderr.decode("utf-8", "replace").strip()
        # Fuera de un repositorio es lo normal (datos copiados, pruebas); otro fallo (p. ej. git no lee
        # una carpeta de otro usuario, «dubious ownership») se dice: las páginas saldrán sin fechas.
        nivel = logging.DEBUG if "not a git repository" in error else logging.INFO
        log.log(nivel, "plan_migracion: sin fechas de los registros (git %s: %s)", argumentos[0],
                error.splitlines()[0] if error else hecho.returncode)
        return None
    return hecho.stdout.decode("utf-8", "surrogateescape")


def leer_salida(salida: str) -> dict[str, dt.date]:
    """Lee la salida de ``git log -z --format=<_MARCA>%cs --name-only`` (los commits del más nuevo al
    más viejo): cada archivo con la fecha del primero que lo nombra."""
    fechas: dict[str, dt.date] = {}
    fecha: dt.date | None = None
    for parte in salida.split("\0"):
        parte = parte.lstrip("\n")  # (git separa la línea del commit de sus archivos con un salto)
        if parte.startswith(_MARCA):
            fecha = dt.date.fromisoformat(parte[len(_MARCA):].strip())
        elif parte and fecha is not None:
            fechas.setdefault(parte, fecha)
    return fechas


def leer_historial(carpeta: str | Path, raiz_proyecto: str | Path | None = None) -> Historial:
    """El :class:`Historial` de ``carpeta`` (la de los datos). ``raiz_proyecto``: la carpeta de
    ``mkdocs.yml``; si está en el mismo repositorio que los datos, se da la ruta de cada archivo en
    él (para enlazar su historial). Nunca falla: sin historia fiable, un historial vacío."""
    carpeta = Path(carpeta)
    if not carpeta.is_dir():
        return Historial()
    estado = _git(carpeta, "rev-parse", "--is-shallow-repository", "--show-toplevel", "--show-prefix")
    if estado is None:
        return Historial()
    superficial, raiz_repositorio, prefijo = (estado.split("\n") + ["", "", ""])[:3]
    if superficial.strip() != "false":  # clon superficial (o un git que no sabe decirlo): sin fechas
        log.info("plan_migracion: clon superficial de git; las páginas no dicen cuándo cambió cada registro")
        return Historial()
    # Una sola llamada para todos los archivos: del commit más nuevo al más viejo, cada uno con los
    # archivos que cambió (relativos a la carpeta de datos). --no-renames: un archivo renombrado
    # aparece con su nombre nuevo, sin depender de la configuración de quien compila.
    salida = _git(carpeta, "log", "--first-parent", "--no-renames", "--no-show-signature", "--relative", "-z",
                  "--name-only", f"--format={_MARCA}%cs", "--", ".")
    if salida is None:
        return Historial()
    en_el_proyecto = False
    if raiz_proyecto is not None:
        try:
            Path(raiz_proyecto).resolve().relative_to(Path(raiz_repositorio).resolve())
            en_el_proyecto = True
        except ValueError:
            pass
    return Historial(leer_salida(salida), prefijo.strip() if en_el_proyecto else None)
