"""Calidad de las páginas principales: Lighthouse 12 y bytes transferidos (comprimidos).

Uso: ``make benchmark-paginas`` (compila el sitio, instala lighthouse con npm ci y ejecuta
``python scripts/benchmark_paginas.py site``). No es una prueba: mide y escribe una tabla.

- Páginas: la portada y las de primer nivel, en los dos idiomas, descubiertas en el sitio
  compilado (las mismas que usan las pruebas en el navegador).
- El sitio se sirve en 127.0.0.1 con gzip (como lo haría un alojamiento real), así que los
  bytes que cuenta Lighthouse (``total-byte-weight``) son los transferidos, comprimidos.
- Lighthouse corre con su perfil por omisión (teléfono, red y CPU limitadas simuladas) sobre el
  Chromium de Debian (``CHROME_PATH``), con las mismas banderas que las pruebas.
- Objetivos: 100 en rendimiento, accesibilidad, buenas prácticas y SEO en cada página
  principal; la portada por debajo de 150 KB transferidos. El SEO pide ``hreflang`` absolutos:
  compile con la dirección pública (``PLAN_URL_SITIO=https://… make benchmark-paginas``).
- Con dirección pública, las páginas se sirven aquí en la raíz de 127.0.0.1 pero sus ``hreflang``
  y su canónico apuntan a esa dirección, y el JavaScript de Material pide ``sitemap.xml`` junto a
  cada ``hreflang``: en el sitio publicado, a su propio servidor; aquí, a otro. Esas peticiones se
  bloquean (``--blocked-url-patterns`` de Lighthouse, que las anota como bloqueadas por el cliente y
  no como errores): no se mide ni se pide nada fuera de 127.0.0.1.

Escribe los informes JSON en ``artefactos/lighthouse/`` y la tabla (Markdown) en la salida.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse, urlsplit

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

from plan_migracion.vistas.publicacion import direccion_publicada  # noqa: E402
from sitio_local import BANDERAS, CHROMIUM, es_principal, rutas_de_paginas  # noqa: E402  (scripts/)

LIGHTHOUSE = RAIZ / "node_modules" / ".bin" / "lighthouse"
CATEGORIAS = ("performance", "accessibility", "best-practices", "seo")
NOMBRES = {"performance": "Rendimiento", "accessibility": "Accesibilidad",
           "best-practices": "Buenas prácticas", "seo": "SEO"}
OBJETIVO_PORTADA_KB = 150


_COMPRIMIBLES = ("text/html", "text/css", "text/javascript", "application/javascript",
                 "application/json", "image/svg+xml", "application/xml", "text/xml")


class _ConGzip(SimpleHTTPRequestHandler):
    """Sirve gzip como lo haría un alojamiento real (para medir los bytes transferidos)."""

    def log_message(self, *args):  # silencioso
        pass

    def do_GET(self):
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
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


@contextlib.contextmanager
def servir(sitio: Path):
    """``sitio`` en 127.0.0.1 (puerto libre, en un hilo), con gzip; da su dirección base."""
    http = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_ConGzip, directory=str(sitio)))
    hilo = threading.Thread(target=http.serve_forever, daemon=True)
    hilo.start()
    try:
        yield f"http://127.0.0.1:{http.server_address[1]}/"
    finally:
        http.shutdown()
        http.server_close()


def medir(url: str, destino: Path, bloquear: list[str] = ()) -> dict:
    with tempfile.TemporaryDirectory(prefix="lh-perfil-") as perfil:
        banderas = " ".join(["--headless", "--no-sandbox", *BANDERAS, f"--user-data-dir={perfil}"])
        subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={destino}",
             f"--only-categories={','.join(CATEGORIAS)}", f"--chrome-flags={banderas}",
             *(f"--blocked-url-patterns={patron}" for patron in bloquear)],
            check=True, env={**os.environ, "CHROME_PATH": str(CHROMIUM)}, timeout=180)
    informe = json.loads(destino.read_text(encoding="utf-8"))
    puntos = {c: round(informe["categories"][c]["score"] * 100) for c in CATEGORIAS}
    fallidas = sorted({a for c in CATEGORIAS for ref in informe["categories"][c]["auditRefs"]
                       if ref["weight"] > 0 and (a := ref["id"])
                       and informe["audits"][a]["score"] is not None and informe["audits"][a]["score"] < 1})
    return {"puntos": puntos, "bytes": informe["audits"]["total-byte-weight"]["numericValue"],
            "fallidas": fallidas}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sitio", type=Path, nargs="?", default=RAIZ / "site")
    parser.add_argument("--salida", type=Path, default=RAIZ / "artefactos" / "lighthouse")
    args = parser.parse_args(argv)
    if not (args.sitio / "index.html").is_file():
        parser.error(f"{args.sitio} no tiene index.html: compile antes (make build)")
    if not LIGHTHOUSE.is_file():
        parser.error(f"falta {LIGHTHOUSE}: npm ci (make benchmark-paginas lo hace)")
    args.salida.mkdir(parents=True, exist_ok=True)  # Lighthouse no la crea
    paginas = [r for r in rutas_de_paginas(args.sitio) if es_principal(r)]
    direccion = direccion_publicada(args.sitio)
    print(f"Dirección pública del sitio: {direccion or 'ninguna (hreflang relativos: SEO < 100)'}", file=sys.stderr)
    filas = []
    with servir(args.sitio) as base:
        origen = "{0.scheme}://{0.netloc}".format(urlsplit(direccion)) if direccion else None
        bloquear = [f"{origen}/*"] if origen and urlsplit(origen)[:2] != urlsplit(base)[:2] else []
        for ruta in paginas:
            nombre = ruta.strip("/").replace("/", "-") or "inicio"
            resultado = medir(base + ruta, args.salida / f"{nombre}.json", bloquear)
            filas.append((ruta, resultado))
            print(f"/{ruta}: {resultado['puntos']} {resultado['bytes'] / 1024:.1f} KB", file=sys.stderr)

    print("| Página | " + " | ".join(NOMBRES[c] for c in CATEGORIAS) + " | KB transferidos (gzip) |")
    print("| --- | " + " | ".join("---:" for _ in CATEGORIAS) + " | ---: |")
    for ruta, r in filas:
        print(f"| `/{ruta}` | " + " | ".join(str(r["puntos"][c]) for c in CATEGORIAS)
              + f" | {r['bytes'] / 1024:.1f} |")
    todas_100 = all(v == 100 for _, r in filas for v in r["puntos"].values())
    portada = next(r for ruta, r in filas if ruta == "")["bytes"] / 1024
    print()
    print(f"- 100 en las cuatro categorías en todas las páginas: {'sí' if todas_100 else 'no'}")
    print(f"- Portada {portada:.1f} KB (objetivo < {OBJETIVO_PORTADA_KB} KB): "
          f"{'sí' if portada < OBJETIVO_PORTADA_KB else 'no'}")
    fallidas = sorted({a for _, r in filas for a in r["fallidas"]})
    if fallidas:
        print(f"- Auditorías con peso que no llegan a 1 en alguna página: {', '.join(fallidas)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
