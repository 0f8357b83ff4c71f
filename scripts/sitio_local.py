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

from plan_migracion.datos.idiomas import del_proyecto  # noqa: E402

_IDIOMAS = del_proyecto()  # los de mkdocs.yml (i18n → languages)

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
    return next((i for i in _IDIOMAS.traducidos if ruta == f"{i}/" or ruta.startswith(f"{i}/")),
                _IDIOMAS.original)


def gemela(ruta: str, idioma: str | None = None) -> str:
    """La misma página en otro idioma (misma estructura: /x/ ↔ /en/x/)."""
    actual = idioma_de(ruta)
    if idioma is None:
        idioma = _IDIOMAS.traducidos[0] if actual == _IDIOMAS.original else _IDIOMAS.original
    base = ruta if actual == _IDIOMAS.original else ruta[len(actual) + 1:]
    return base if idioma == _IDIOMAS.original else f"{idioma}/{base}"


def es_principal(ruta: str) -> bool:
    """Portada y páginas de primer nivel de cada idioma (no las fichas de cada registro)."""
    return gemela(ruta, _IDIOMAS.original).count("/") <= 1
