"""Lo que comparten las pruebas en el navegador: dónde está Chromium y con qué banderas.

El navegador es el Chromium de Debian (``/usr/bin/chromium``, paquete ``chromium`` de
``paquetes-debian.txt``), manejado por Playwright con ``executable_path``. Nunca se ejecuta
``playwright install``. Si el navegador no está, las pruebas FALLAN con un mensaje claro.
"""

from __future__ import annotations

import os
from pathlib import Path

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
