"""Lo que comparten las pruebas en el navegador: dónde está Chromium y con qué banderas.

El navegador es el Chromium de Debian (``/usr/bin/chromium``, paquete ``chromium`` de
``paquetes-debian.txt``), manejado por Playwright con ``executable_path``. Nunca se ejecuta
``playwright install``. Si el navegador no está, las pruebas FALLAN con un mensaje claro.
Los dos valores están en ``scripts/sitio_local.py`` (``scripts/benchmark_paginas.py`` usa los mismos).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from sitio_local import BANDERAS, CHROMIUM  # noqa: E402,F401  (las pruebas los importan de aquí)
