"""Por qué falló una operación con archivos (``OSError``), en palabras de quien edita.

El catálogo está en ``mensajes/<idioma>.yml``: ``detalles.no-se-puede-leer`` (un archivo de los
datos que no se puede leer) y ``detalles.sistema`` (cualquier otro error del sistema: disco lleno,
sin permiso...). Lo usan el validador y la compilación; :mod:`.carga` lo ofrece a los scripts.
"""

from __future__ import annotations

import errno
import os

from .problemas import como_datos, detalle


class NoEsArchivoNormal(OSError):
    """Una FIFO, un socket o un dispositivo donde se espera un archivo."""


def por_que_no_se_lee(exc: OSError) -> dict[str, str]:
    """Por qué no se pudo leer un archivo o una carpeta, en cada idioma."""
    for tipo, clave in ((PermissionError, "sin-permiso"), (IsADirectoryError, "es-carpeta"),
                        (FileNotFoundError, "no-existe"), (NoEsArchivoNormal, "no-es-archivo-normal")):
        if isinstance(exc, tipo):
            return detalle(f"no-se-puede-leer.{clave}")
    return detalle("tal-cual", texto=exc.strerror or type(exc).__name__)


def motivo_oserror(exc: OSError) -> dict[str, str]:
    """:func:`por_que_no_se_lee` como datos de un problema (``detalle``, ``detalle_en``)."""
    return como_datos("detalle", por_que_no_se_lee(exc))


# errno → clave de «detalles.sistema» de mensajes/<idioma>.yml
_SISTEMA = {
    errno.ENOSPC: "sin-espacio", errno.EDQUOT: "sin-cuota", errno.EFBIG: "demasiado-grande",
    errno.EROFS: "solo-lectura", errno.EACCES: "sin-permiso", errno.EPERM: "sin-permiso",
    errno.ENOTDIR: "no-es-carpeta", errno.EEXIST: "ya-existe", errno.EISDIR: "es-carpeta",
    errno.ENOENT: "falta", errno.EMFILE: "demasiados-abiertos", errno.ENFILE: "demasiados-abiertos",
    errno.EIO: "error-de-disco", errno.ENAMETOOLONG: "nombre-largo",
}


def explicar_oserror(exc: OSError) -> dict[str, str]:
    """Un error del sistema en cada idioma, con la ruta: «no queda espacio en el disco (ruta)».
    Sin mayúscula inicial ni punto final (va dentro de una frase)."""
    clave = _SISTEMA.get(exc.errno)
    motivo = (detalle(f"sistema.{clave}") if clave
              else detalle("sistema.otro", error=" ".join(str(exc.strerror or exc).split())))
    ruta = exc.filename2 if exc.filename2 is not None else exc.filename  # (copiar: el destino)
    if ruta is None:
        return motivo
    return detalle("sistema.con-ruta", motivo=motivo, ruta=os.fsdecode(ruta))
