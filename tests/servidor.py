"""El sitio ya compilado (``site/``) servido en 127.0.0.1, para las pruebas en el navegador.

Qué páginas tiene el sitio y cuál es la gemela de cada una lo dice ``scripts/sitio_local.py``
(lo usa también ``scripts/benchmark_paginas.py``); aquí se reexporta. Sin MkDocs.
"""

from __future__ import annotations

import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from sitio_local import (  # noqa: E402,F401  (las pruebas los importan de aquí)
    archivos_de_paginas,
    es_principal,
    gemela,
    idioma_de,
    rutas_de_paginas,
)


class _Manejador(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # silencioso
        pass


class Servidor:
    """``http.server`` en 127.0.0.1, puerto libre, en un hilo."""

    def __init__(self, sitio: Path):
        self._http = ThreadingHTTPServer(("127.0.0.1", 0),
                                         functools.partial(_Manejador, directory=str(sitio)))
        self.base = f"http://127.0.0.1:{self._http.server_address[1]}/"
        self._hilo = threading.Thread(target=self._http.serve_forever, daemon=True)

    def __enter__(self) -> "Servidor":
        self._hilo.start()
        return self

    def __exit__(self, *exc) -> None:
        self._http.shutdown()
        self._http.server_close()

    def es_local(self, url: str) -> bool:
        """¿Va la petición a este servidor? (``data:``, ``blob:`` y ``about:`` no salen)."""
        partes, base = urlparse(url), urlparse(self.base)
        return partes.scheme in ("data", "blob", "about") or (partes.scheme, partes.netloc) == (base.scheme, base.netloc)
