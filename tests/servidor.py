"""Un sitio ya compilado servido en 127.0.0.1, y LinkChecker sobre él.

- :class:`Servidor`: ``http.server`` en un hilo, en un puerto libre, que sirve la carpeta del sitio
  bajo una ruta (``/`` o una subruta como ``/plan/``); lo que no existe, y todo lo que queda fuera
  de esa ruta, responde 404 con la ``404.html`` del sitio (como GitHub Pages). Lo usan las pruebas
  en el navegador y las de enlaces.
- :func:`linkchecker`: el único comprobador de enlaces de las pruebas. LinkChecker
  (``requirements-dev.txt``) recorre el sitio servido y comprueba cada enlace, cada recurso (CSS,
  JavaScript, imágenes, descargas) y cada ancla ``#id`` (su complemento ``AnchorCheck``) de las
  direcciones de 127.0.0.1; toda otra dirección se ignora (no sale a internet).

Qué páginas tiene el sitio y cuál es la gemela de cada una lo dice ``scripts/sitio_local.py``
(lo usa también ``scripts/benchmark_paginas.py``); aquí se reexporta. Sin MkDocs.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
import subprocess
import sys
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse, urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from sitio_local import (  # noqa: E402,F401  (las pruebas los importan de aquí)
    archivos_de_paginas,
    es_principal,
    gemela,
    idioma_de,
    rutas_de_paginas,
)

LINKCHECKER = Path(sys.executable).with_name("linkchecker")


class _Manejador(SimpleHTTPRequestHandler):
    """Sirve la carpeta del sitio bajo ``prefijo``; lo demás, y lo que no existe, es 404 con
    ``404.html``. Sin listados de carpetas."""

    prefijo = "/"

    def log_message(self, *args):  # silencioso
        pass

    def translate_path(self, path):
        ruta = urlsplit(path).path
        if not ruta.startswith(self.prefijo):
            return os.path.join(self.directory, ".fuera-de-la-subruta")  # no existe: 404
        return super().translate_path("/" + path[len(self.prefijo):])

    def list_directory(self, path):
        self.send_error(HTTPStatus.NOT_FOUND)
        return None

    def end_headers(self):
        # Con esta cabecera LinkChecker acepta más de 10 peticiones por segundo a este servidor
        # (``maxrequestspersecond`` en su configuración, como documenta); sin ella espera entre
        # 0,1 y 0,6 s antes de cada petición.
        self.send_header("LinkChecker", "pruebas")
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        pagina = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not pagina.is_file():
            return super().send_error(code, message, explain)
        cuerpo = pagina.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(cuerpo)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(cuerpo)


class Servidor:
    """``http.server`` en 127.0.0.1, puerto libre, en un hilo; el sitio bajo ``prefijo``."""

    def __init__(self, sitio: Path, prefijo: str = "/"):
        manejador = type("Manejador", (_Manejador,), {"prefijo": prefijo})
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(manejador, directory=str(sitio)))
        self.origen = f"http://127.0.0.1:{self._http.server_address[1]}"
        self.base = self.origen + prefijo
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


def linkchecker(servidor: Servidor, inicios: list[str], carpeta: Path, niveles: int = -1) -> list[dict]:
    """LinkChecker recorre el sitio desde ``inicios`` (``niveles``: -1, sin límite): comprueba cada
    enlace, recurso y ancla de 127.0.0.1 (también fuera de la subruta, sin seguir recorriendo desde
    allí) e ignora cualquier otra dirección (solo su sintaxis). Falla con la lista de lo roto (un
    error o un aviso de LinkChecker, como un ancla que no existe); si no, una fila por URL comprobada.
    ``carpeta``: donde escribe su configuración (una carpeta temporal)."""
    if not LINKCHECKER.is_file():
        pytest.fail(f"No está {LINKCHECKER}: instale requirements-dev.txt (make test lo hace). "
                    "Esta prueba no se omite.")
    config = carpeta / "linkcheckerrc"
    # [AnchorCheck]: el complemento que comprueba que el ancla #id de cada enlace existe en su página
    config.write_text("[checking]\nthreads=4\ntimeout=30\nmaxrequestspersecond=1000\n\n[AnchorCheck]\n",
                      encoding="utf-8")
    local = re.escape(servidor.origen + "/")
    resultado = subprocess.run(
        [str(LINKCHECKER), "--config", str(config), "--no-status", "--verbose", "--output", "csv",
         "--check-extern", "--ignore-url", f"^(?!{local})", "--recursion-level", str(niveles), *inicios],
        capture_output=True, text=True, timeout=900, cwd=carpeta,
        env={**os.environ, "HOME": str(carpeta), "no_proxy": "127.0.0.1", "NO_PROXY": "127.0.0.1"})
    lineas = [l for l in resultado.stdout.splitlines() if l and not l.startswith("#")]
    filas = list(csv.DictReader(io.StringIO("\n".join(lineas)), delimiter=";"))
    assert filas, resultado.stdout + resultado.stderr
    rotas = [f"{f['parentname']} → {f['urlname']}: {f['result']} {f['warningstring']}".strip()
             for f in filas if f["valid"] != "True" or f["warningstring"]]
    assert rotas == [], "\n".join(rotas[:50])
    assert resultado.returncode == 0, resultado.stdout[-2000:] + resultado.stderr[-2000:]
    return filas


def comprobadas(filas: list[dict], servidor: Servidor) -> set[str]:
    """Las direcciones de este servidor que LinkChecker comprobó (con su ancla, si la tenían)."""
    return {f["url"] for f in filas if f["url"].startswith(servidor.origen)}
