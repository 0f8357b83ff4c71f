"""El sitio ya compilado (``site/``): qué páginas tiene y cómo servirlo en 127.0.0.1.

Lo usan las pruebas en el navegador y
``scripts/benchmark_paginas.py``, para que todos vean las mismas páginas. Sin MkDocs.
"""

from __future__ import annotations

import functools
import gzip
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

from plan_migracion.modelos import IDIOMAS

IDIOMA_PRINCIPAL, *_otros = IDIOMAS  # el español en la raíz; los demás en /<idioma>/
IDIOMAS_SECUNDARIOS = tuple(_otros)

_NO_SON_PAGINAS = ("assets", "search")


def archivos_de_paginas(sitio: Path) -> list[Path]:
    """Cada ``index.html`` de página, en los dos idiomas (no los de ``assets/``)."""
    return sorted(p for p in Path(sitio).rglob("index.html")
                  if p.relative_to(sitio).parts[0] not in _NO_SON_PAGINAS)


def rutas_de_paginas(sitio: Path) -> list[str]:
    """Cada página como ruta desde la raíz del sitio: ``""``, ``"plan/"``, ``"en/plan/"``..."""
    return ["".join(f"{p}/" for p in indice.relative_to(sitio).parts[:-1])
            for indice in archivos_de_paginas(sitio)]


def idioma_de(ruta: str) -> str:
    return next((i for i in IDIOMAS_SECUNDARIOS if ruta == f"{i}/" or ruta.startswith(f"{i}/")),
                IDIOMA_PRINCIPAL)


def gemela(ruta: str, idioma: str | None = None) -> str:
    """La misma página en otro idioma (misma estructura: /x/ ↔ /en/x/)."""
    actual = idioma_de(ruta)
    if idioma is None:
        idioma = IDIOMAS_SECUNDARIOS[0] if actual == IDIOMA_PRINCIPAL else IDIOMA_PRINCIPAL
    base = ruta if actual == IDIOMA_PRINCIPAL else ruta[len(actual) + 1:]
    return base if idioma == IDIOMA_PRINCIPAL else f"{idioma}/{base}"


def es_principal(ruta: str) -> bool:
    """Portada y páginas de primer nivel de cada idioma (no las fichas de cada registro)."""
    return gemela(ruta, IDIOMA_PRINCIPAL).count("/") <= 1


_COMPRIMIBLES = ("text/html", "text/css", "text/javascript", "application/javascript",
                 "application/json", "image/svg+xml", "application/xml", "text/xml")


class _Manejador(SimpleHTTPRequestHandler):
    comprimir = False

    def log_message(self, *args):  # silencioso
        pass

    def do_GET(self):
        if not (self.comprimir and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        ruta = Path(self.translate_path(self.path))
        if ruta.is_dir() and urlparse(self.path).path.endswith("/"):
            ruta = ruta / "index.html"
        tipo = self.guess_type(str(ruta))
        if not ruta.is_file() or not tipo.startswith(_COMPRIMIBLES):
            return super().do_GET()
        cuerpo = gzip.compress(ruta.read_bytes(), compresslevel=9)
        self.send_response(200)
        self.send_header("Content-Type", tipo)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(cuerpo)))
        self.end_headers()
        self.wfile.write(cuerpo)


class Servidor:
    """``http.server`` en 127.0.0.1, puerto libre, en un hilo; ``comprimir`` sirve gzip como
    lo haría un alojamiento real (para medir los bytes transferidos)."""

    def __init__(self, sitio: Path, comprimir: bool = False):
        manejador = type("Manejador", (_Manejador,), {"comprimir": comprimir})
        self._http = ThreadingHTTPServer(("127.0.0.1", 0),
                                         functools.partial(manejador, directory=str(sitio)))
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
