"""Las tarjetas de vista previa (``og:image``): una imagen PNG por sección y por idioma.

Cada tarjeta dice lo que ya dice el sitio, sin nada inventado: el título de la sección (el de su
página índice; en la portada, la descripción del sitio), el nombre del sitio y la institución
(``copyright`` de ``mkdocs.yml`` en ese idioma). Las pide :class:`plan_migracion.vistas.vista_previa.VistaPrevia`
y el complemento del sitio las escribe al final de cada idioma, en ``<idioma>/tarjetas/``.

Se dibujan con Pillow (ya instalado: lo usa WeasyPrint para el PDF y la validación de las fotos)
con la letra DejaVu Sans, la misma del PDF; sin ella, con la de Pillow y el texto sin tildes (esa
letra no las tiene: nunca una caja vacía). Cada tarjeta de 1200 × 630 en 16 tonos pesa unos 9 KB
y cuesta unos 15 ms (unas 22 por compilación, con 10 o con 10.000 talleres); las ya dibujadas se
copian de la caché (:func:`escribir`). El mismo texto da los mismos bytes (Pillow no escribe
fechas en el PNG).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import shutil
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont

from ..vistas.vista_previa import ALTO, ANCHO, archivo_tarjeta

log = logging.getLogger("plan_migracion.tarjetas")

# Los colores del sitio: --md-primary-fg-color y --md-primary-bg-color de docs/estilos/sitio.css
# (una prueba comprueba que coinciden).
FONDO = "#b71c1c"
TINTA = "#ffffff"
MARGEN = 80
LETRA = "DejaVuSans.ttf"  # Pillow la busca en las carpetas de letras del sistema
LETRA_NEGRITA = "DejaVuSans-Bold.ttf"


def _color(hexadecimal: str) -> tuple[int, int, int]:
    return tuple(int(hexadecimal[i:i + 2], 16) for i in (1, 3, 5))


# Tonos entre el fondo y la tinta (los bordes suavizados de las letras): con 16, la tarjeta pesa
# la mitad que con 256 y las letras se ven igual.
TONOS = 16


def _paleta() -> list[int]:
    """De fondo a tinta en :data:`TONOS` pasos: el índice 0 es el fondo; el último, la tinta."""
    fondo, tinta = _color(FONDO), _color(TINTA)
    return [round(f + (t - f) * i / (TONOS - 1)) for i in range(TONOS) for f, t in zip(fondo, tinta)]


@lru_cache(maxsize=16)
def _letra(tamano: int, negrita: bool) -> tuple[ImageFont.FreeTypeFont, bool]:
    """(letra, ¿tiene tildes?)"""
    try:
        return ImageFont.truetype(LETRA_NEGRITA if negrita else LETRA, tamano), True
    except OSError:
        log.warning("plan_migracion: falta la letra %s; las tarjetas de vista previa se dibujan sin tildes", LETRA)
        return ImageFont.load_default(size=tamano), False


def _sin_tildes(texto: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", texto) if not unicodedata.combining(c))


def _lineas(texto: str, letra, ancho: int) -> list[str]:
    """``texto`` repartido en líneas que caben en ``ancho`` píxeles (una palabra más larga, sola)."""
    lineas: list[str] = []
    for palabra in texto.split():
        if lineas and letra.getlength(f"{lineas[-1]} {palabra}") <= ancho:
            lineas[-1] += f" {palabra}"
        else:
            lineas.append(palabra)
    return lineas


def _bloque(texto: str, tamanos: tuple[int, ...], negrita: bool, max_lineas: int):
    """La letra más grande de ``tamanos`` con la que ``texto`` cabe en ``max_lineas``; si ni la más
    pequeña alcanza, las líneas que caben y «…»."""
    for tamano in tamanos:
        letra, con_tildes = _letra(tamano, negrita)
        lineas = _lineas(texto if con_tildes else _sin_tildes(texto), letra, ANCHO - 2 * MARGEN)
        if len(lineas) <= max_lineas:
            return letra, tamano, lineas
    return letra, tamano, lineas[:max_lineas - 1] + [lineas[max_lineas - 1] + " …"]


def dibujar(titulo: str, sitio: str, institucion: str = "") -> bytes:
    """La tarjeta PNG: ``sitio`` arriba, ``titulo`` grande y ``institucion`` abajo, en los colores del sitio."""
    imagen = Image.new("L", (ANCHO, ALTO), 0)
    lapiz = ImageDraw.Draw(imagen)
    letra, tamano, lineas = _bloque(sitio, (40, 34), True, 2)
    y = MARGEN
    for linea in lineas:
        lapiz.text((MARGEN, y), linea, font=letra, fill=230)
        y += round(tamano * 1.25)
    lapiz.rectangle((MARGEN, y + 20, MARGEN + 160, y + 28), fill=255)
    letra, tamano, lineas = _bloque(titulo, (72, 60, 50, 42), True, 4)
    y += 70
    for linea in lineas:
        lapiz.text((MARGEN, y), linea, font=letra, fill=255)
        y += round(tamano * 1.2)
    if institucion:
        letra, tamano, lineas = _bloque(institucion, (30, 26), False, 1)
        lapiz.text((MARGEN, ALTO - 50 - tamano), lineas[0], font=letra, fill=230)
    imagen = imagen.point([round(gris * (TONOS - 1) / 255) for gris in range(256)])  # gris → tono
    imagen.putpalette(_paleta())  # (de «L» a «P»: cada tono es el índice de su color)
    salida = io.BytesIO()
    imagen.save(salida, "PNG", compress_level=6)
    return salida.getvalue()


def _huella(*textos: str) -> str:
    """Lo que decide los bytes de una tarjeta: sus textos, este archivo y la versión de Pillow."""
    partes = [*textos, Path(__file__).read_text(encoding="utf-8"), PIL.__version__]
    return hashlib.sha256("\0".join(partes).encode("utf-8")).hexdigest()


def escribir(carpeta_idioma: Path, tarjetas: dict[str, tuple[str, str]], institucion: str = "",
             cache: Path | None = None) -> list[Path]:
    """Escribe en ``carpeta_idioma`` (la raíz de un idioma en el sitio) cada tarjeta de ``tarjetas``
    (nombre → (título, nombre del sitio), :meth:`VistaPrevia.tarjetas`); devuelve los archivos.

    ``cache``: carpeta donde se guarda cada tarjeta dibujada con la huella de lo que la decide
    (:func:`_huella`); una tarjeta igual se copia de ahí (dibujar las ~20 cuesta ~0,3 s)."""
    escritos = []
    for nombre, (titulo, sitio) in tarjetas.items():
        destino = archivo_tarjeta(Path(carpeta_idioma), nombre)
        destino.parent.mkdir(parents=True, exist_ok=True)
        guardada = Path(cache) / f"{_huella(titulo, sitio, institucion)}.png" if cache is not None else None
        if guardada is not None and guardada.is_file():
            shutil.copyfile(guardada, destino)
            escritos.append(destino)
            continue
        destino.write_bytes(png := dibujar(titulo, sitio, institucion))
        if guardada is not None:
            with contextlib.suppress(OSError):  # (sin caché, solo más lento)
                guardada.parent.mkdir(parents=True, exist_ok=True)
                # Entera o nada (otro proceso puede estar leyéndola): un temporal y os.replace.
                with tempfile.NamedTemporaryFile(dir=guardada.parent, suffix=".tmp", delete=False) as temporal:
                    temporal.write(png)
                os.replace(temporal.name, guardada)
        escritos.append(destino)
    return escritos
