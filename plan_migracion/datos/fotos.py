"""Las fotos de las galerías: cada una es un archivo real de ``<datos>/fotos/``, de una imagen
JPEG, PNG o WebP según su contenido (y su extensión), de no más de :data:`FOTO_TAMANO_MAXIMO`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errores_del_sistema import por_que_no_se_lee
from .inventario import relativa
from .lector_yaml import nombre_campo
from .modelos import EXTENSIONES_FOTO
from .problemas import Problema, como_datos, detalle

FOTO_TAMANO_MAXIMO = 5 * 1024 * 1024  # bytes por foto (5 MB); CONTRIBUTING.md lo dice a quien contribuye


def carpeta_fotos(carpeta: Path) -> Path:
    """Las fotos de las galerías viven junto a los datos, en ``<carpeta>/fotos/``."""
    return Path(carpeta) / "fotos"


def _revisar_foto(carpeta: Path, archivo: str) -> tuple[str, dict] | Path:
    """La foto validada (su ruta) o el problema: ``(código, datos)``.

    Vale solo un archivo real dentro de ``<carpeta>/fotos/``: sin partes «.» ni «..», sin pasar
    por ningún enlace simbólico (tampoco ``fotos/`` misma), de una imagen JPEG, PNG o WebP según
    su contenido (la extensión debe decir lo mismo) y de no más de ``FOTO_TAMANO_MAXIMO`` bytes.
    """
    base = carpeta_fotos(carpeta)
    nombre_base = relativa(base, carpeta) + "/"
    partes = archivo.split("/")
    if any(parte in ("", ".", "..") for parte in partes):
        return "foto-ruta-con-puntos", {"carpeta": nombre_base}
    ruta = base
    for parte in (None, *partes):
        ruta = ruta if parte is None else ruta / parte
        try:
            estado = os.lstat(ruta)
        except OSError:
            return "archivo-foto-falta", {"carpeta": nombre_base}
        if stat.S_ISLNK(estado.st_mode):
            return "foto-enlace", {"enlace": relativa(ruta, carpeta), "carpeta": nombre_base}
    if not stat.S_ISREG(estado.st_mode):
        return "archivo-foto-falta", {"carpeta": nombre_base}
    if estado.st_size > FOTO_TAMANO_MAXIMO:
        return "foto-demasiado-grande", {"tamano": estado.st_size, "maximo": FOTO_TAMANO_MAXIMO,
                                         "maximo_mb": FOTO_TAMANO_MAXIMO // (1024 * 1024)}
    from PIL import Image, UnidentifiedImageError  # solo si hay fotos que revisar

    formatos = sorted(set(EXTENSIONES_FOTO.values()))
    try:
        with Image.open(ruta, formats=formatos) as imagen:
            formato = imagen.format
            imagen.verify()
    except UnidentifiedImageError:
        return "foto-tipo-no-valido", {**como_datos("detalle", detalle("foto.ningun-formato"))}
    except PermissionError as exc:
        return "archivo-ilegible", {**como_datos("detalle", detalle("foto.ilegible", archivo=archivo,
                                                                    motivo=por_que_no_se_lee(exc)))}
    except Image.DecompressionBombError:
        return "foto-tipo-no-valido", {**como_datos("detalle", detalle("foto.demasiados-pixeles"))}
    except (OSError, SyntaxError, ValueError) as exc:
        return "foto-tipo-no-valido", {**como_datos("detalle", detalle("foto.danada", error=str(exc)))}
    if EXTENSIONES_FOTO.get(Path(archivo).suffix) != formato:
        extension = next(e for e, f in EXTENSIONES_FOTO.items() if f == formato).lstrip(".")
        return "foto-extension", {"formato": formato, "extension": extension}
    return ruta


def validar_fotos(carpeta: Path, colecciones: dict, problemas: list[Problema]) -> dict[str, Path]:
    """Revisa cada foto citada en la galería de un taller o un convenio (una vez cada archivo, con
    :func:`_revisar_foto`), salvo las que ya tienen un error de formato; devuelve las válidas:
    ``archivo`` → ruta."""
    revisadas: dict[str, tuple[str, dict] | Path] = {}
    ya = {(p.ruta, p.campo) for p in problemas}  # una ruta con formato no válido ya tiene su mensaje
    for nombre in ("talleres", "convenios"):
        for doc, _ in colecciones[nombre]:
            galeria = doc.valor.get("galeria") if isinstance(doc.valor, dict) else None
            for i, foto in enumerate(galeria if isinstance(galeria, list) else []):
                archivo = foto.get("archivo") if isinstance(foto, dict) else None
                archivo = archivo if isinstance(archivo, str) else None
                if archivo is None or (doc.ruta, nombre_campo(("galeria", i, "archivo"))) in ya:
                    continue
                if archivo not in revisadas:
                    revisadas[archivo] = _revisar_foto(carpeta, archivo)
                resultado = revisadas[archivo]
                if not isinstance(resultado, Path):
                    codigo, datos = resultado
                    problemas.append(doc.problema(("galeria", i, "archivo"), codigo, valor=archivo, **datos))
    return {archivo: ruta for archivo, ruta in revisadas.items() if isinstance(ruta, Path)}
