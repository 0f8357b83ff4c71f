"""Lo que comparten las pruebas en el navegador: el sitio servido por HTTP y Chromium de Debian.

El navegador es el Chromium de Debian (``/usr/bin/chromium``, paquete ``chromium`` de
``paquetes-debian.txt``), manejado por Playwright con ``executable_path``. Nunca se ejecuta
``playwright install``. Si el navegador no está, las pruebas FALLAN con un mensaje claro.
"""

from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = Path(os.environ.get("PLAN_CHROMIUM", "/usr/bin/chromium"))

# Banderas de Chromium que funcionan aquí como root y sin red (ver notas técnicas).
# Playwright añade --headless y, con chromium_sandbox=False, --no-sandbox; cada
# launch() usa un directorio de perfil nuevo y temporal.
BANDERAS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

IDIOMAS = ("es", "en")
SECUNDARIO = "en"


class _Manejador(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # silencioso: las pruebas registran las peticiones ellas mismas
        pass


class Servidor:
    """``http.server`` sobre 127.0.0.1 en un puerto libre, en un hilo."""

    def __init__(self, carpeta: Path):
        manejador = functools.partial(_Manejador, directory=str(carpeta))
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), manejador)
        self.base = f"http://127.0.0.1:{self._http.server_address[1]}/"
        self._hilo = threading.Thread(target=self._http.serve_forever, daemon=True)

    def __enter__(self) -> "Servidor":
        self._hilo.start()
        return self

    def __exit__(self, *exc) -> None:
        self._http.shutdown()
        self._http.server_close()

    def es_local(self, url: str) -> bool:
        """¿Va la petición a este servidor? (``data:`` y ``blob:`` no salen del navegador)."""
        partes = urlparse(url)
        if partes.scheme in ("data", "blob", "about"):
            return True
        base = urlparse(self.base)
        return (partes.scheme, partes.netloc) == (base.scheme, base.netloc)


def rutas_de_paginas(sitio: Path) -> list[str]:
    """Cada página del sitio compilado, como ruta relativa a la raíz ("", "plan/", "en/plan/"...).

    Se descubren recorriendo ``site/`` (no hay lista a mano): toda carpeta con ``index.html``
    fuera de ``assets/``.
    """
    rutas = []
    for indice in sorted(sitio.rglob("index.html")):
        partes = indice.relative_to(sitio).parts[:-1]
        if partes and partes[0] in ("assets", "search"):
            continue
        rutas.append("".join(f"{p}/" for p in partes))
    return rutas


def idioma_de(ruta: str) -> str:
    return SECUNDARIO if ruta == f"{SECUNDARIO}/" or ruta.startswith(f"{SECUNDARIO}/") else "es"


def gemela(ruta: str) -> str:
    """La misma página en el otro idioma: /x/ ↔ /en/x/ (misma estructura en los dos)."""
    if idioma_de(ruta) == SECUNDARIO:
        return ruta[len(SECUNDARIO) + 1:]
    return f"{SECUNDARIO}/{ruta}"


def es_principal(ruta: str) -> bool:
    """Portada y páginas de primer nivel de cada idioma (no las fichas de cada registro)."""
    if idioma_de(ruta) == SECUNDARIO:
        ruta = gemela(ruta)
    return ruta.count("/") <= 1
