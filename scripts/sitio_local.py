"""El sitio ya compilado (``site/``) visto desde 127.0.0.1: qué páginas tiene y con qué Chromium se abre.

Lo comparten ``scripts/benchmark_paginas.py`` y las pruebas en el navegador (``tests/servidor.py`` y
``tests/navegador.py`` lo reexportan), para que todos vean las mismas páginas con el mismo navegador.
Las pruebas pueden importar ``scripts/``; ni el paquete ni ``scripts/`` importan ``tests/``.
Sin MkDocs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plan_migracion.datos.modelos import IDIOMA_ORIGINAL, IDIOMAS_TRADUCIDOS  # noqa: E402

# El navegador es el Chromium de Debian (``/usr/bin/chromium``, paquete ``chromium`` de
# ``paquetes-debian.txt``), manejado por Playwright con ``executable_path`` (pruebas) o por
# Lighthouse con ``CHROME_PATH`` (benchmark). Nunca se ejecuta ``playwright install``.
CHROMIUM = Path(os.environ.get("PLAN_CHROMIUM", "/usr/bin/chromium"))

# Banderas de Chromium que funcionan aquí como root y sin red (ver las notas técnicas).
# Playwright añade --headless y, con chromium_sandbox=False, --no-sandbox; cada launch()
# usa un directorio de perfil nuevo y temporal. scripts/benchmark_paginas.py usa las mismas.
BANDERAS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


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
    return next((i for i in IDIOMAS_TRADUCIDOS if ruta == f"{i}/" or ruta.startswith(f"{i}/")),
                IDIOMA_ORIGINAL)


def gemela(ruta: str, idioma: str | None = None) -> str:
    """La misma página en otro idioma (misma estructura: /x/ ↔ /en/x/)."""
    actual = idioma_de(ruta)
    if idioma is None:
        idioma = IDIOMAS_TRADUCIDOS[0] if actual == IDIOMA_ORIGINAL else IDIOMA_ORIGINAL
    base = ruta if actual == IDIOMA_ORIGINAL else ruta[len(actual) + 1:]
    return base if idioma == IDIOMA_ORIGINAL else f"{idioma}/{base}"


def es_principal(ruta: str) -> bool:
    """Portada y páginas de primer nivel de cada idioma (no las fichas de cada registro)."""
    return gemela(ruta, IDIOMA_ORIGINAL).count("/") <= 1
