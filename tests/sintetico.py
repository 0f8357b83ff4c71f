"""Datos sintéticos para probar la compilación con muchos talleres (solo en carpetas temporales).

Nada de esto es un dato real: los talleres se llaman «Taller sintético N» y se
escriben en una copia temporal de ``datos/``, nunca en ``datos/``.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

from conftest import DATOS


def crear(destino: Path, cantidad: int, semilla: int = 3, en_todos: str | None = None) -> Path:
    """Copia ``datos/`` en ``destino`` y añade ``cantidad`` talleres sintéticos (2011-2014).

    ``en_todos``: un código de región que figura en todos (para tener una región con muchos).
    """
    shutil.copytree(DATOS, destino)
    azar = random.Random(semilla)
    regiones = [f"{n:02d}" for n in range(1, 26)] + ["1501"]
    fuentes = ["migrandina-oit", "oim", "unfpa"]
    inicio, dias = dt.date(2011, 1, 1), (dt.date(2014, 12, 31) - dt.date(2011, 1, 1)).days
    for n in range(cantidad):
        fecha = inicio + dt.timedelta(days=azar.randrange(dias + 1))
        ident = f"{fecha.isoformat()}-sintetico-{n:05d}"
        elegidas = azar.sample(regiones, azar.randint(1, 3))
        if en_todos and en_todos not in elegidas:
            elegidas.append(en_todos)
        participantes = "null" if azar.random() < 0.3 else str(azar.randint(5, 80))
        (destino / "talleres" / f"{ident}.yml").write_text(
            f"id: {ident}\n"
            f"fuente: {azar.choice(fuentes)}\n"
            "componente: induccion-sensibilizacion\n"
            f"nombre:\n  es: Taller sintético {n}\n  en: Synthetic workshop {n}\n"
            f"fecha: {fecha.isoformat()}\n"
            f"lugar:\n  es: Lugar sintético {n}\n  en: Synthetic place {n}\n"
            f"participantes: {participantes}\n"
            "representacion:\n  es: Dato sintético de prueba\n  en: Synthetic test record\n"
            f"regiones: [{', '.join(repr(r) for r in elegidas)}]\n",
            encoding="utf-8",
        )
    return destino
