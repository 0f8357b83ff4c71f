"""Mapa de departamentos del Perú (trazos SVG ya proyectados).

Lee ``plan_migracion/recursos/mapa-peru.json``, generado por ``scripts/convertir_mapa.py`` a
partir de ``fuentes/mapa/Peru.js``, copia del archivo de ``echarts-countries-pypkg``
0.1.6 (MIT) que guarda el repositorio (véase ``fuentes/mapa/README.md``). Solo
datos: sin MkDocs ni HTML. Las coordenadas están en el sistema del ``viewbox``
(norte arriba).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

RUTA_MAPA = Path(__file__).resolve().parents[1] / "recursos" / "mapa-peru.json"


@dataclass(frozen=True)
class Departamento:
    codigo: str  # UBIGEO del departamento, «01» … «25»
    nombre_fuente: str  # tal como aparece en la fuente (p. ej. «Ancash», sin tilde)
    d: str  # datos de trazo SVG (M/L/Z, absolutos)
    centro: tuple[float, float]  # punto interior para la etiqueta


@dataclass(frozen=True)
class Mapa:
    viewbox: str
    departamentos: dict[str, Departamento]  # compartido por la caché: no modificar
    origen: dict

    @property
    def ancho(self) -> float:
        return float(self.viewbox.split()[2])

    @property
    def alto(self) -> float:
        return float(self.viewbox.split()[3])


def leer_mapa(ruta: Path = RUTA_MAPA) -> Mapa:
    """Lee un JSON de mapa (sin caché)."""
    datos = json.loads(Path(ruta).read_text(encoding="utf-8"))
    departamentos = {
        codigo: Departamento(
            codigo=codigo,
            nombre_fuente=dep["nombre_fuente"],
            d=dep["d"],
            centro=(float(dep["centro"][0]), float(dep["centro"][1])),
        )
        for codigo, dep in sorted(datos["departamentos"].items())
    }
    return Mapa(viewbox=datos["viewBox"], departamentos=departamentos, origen=datos["origen"])


@lru_cache(maxsize=1)
def cargar_mapa() -> Mapa:
    """El mapa del paquete, leído una sola vez."""
    return leer_mapa(RUTA_MAPA)


# Lima Metropolitana no está separada del departamento de Lima en la fuente: se
# marca con un punto en la Plaza Mayor de Lima (12,0464° S, 77,0428° O).
LIMA_METROPOLITANA = (-77.0428, -12.0464)


def proyectar(mapa: Mapa, lon: float, lat: float) -> tuple[float, float]:
    """lon/lat → x/y del viewBox, con la misma proyección que usó el conversor."""
    p = mapa.origen["conversion"]["proyeccion"]
    x = p["margen"] + (lon - p["lon_min"]) * p["cos_lat_media"] * p["unidades_por_grado"]
    y = p["margen"] + (p["lat_max"] - lat) * p["unidades_por_grado"]
    return round(x, 1), round(y, 1)


def caja(departamento: Departamento) -> tuple[float, float, float, float]:
    """Rectángulo que contiene el trazo: (x mínima, y mínima, x máxima, y máxima)."""
    numeros = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", departamento.d)]
    xs, ys = numeros[0::2], numeros[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def departamentos_en(mapa: Mapa, x: float, y: float, ancho: float, alto: float) -> list[str]:
    """Códigos de los departamentos cuyo rectángulo toca la zona dada (para dibujar un recuadro)."""
    resultado = []
    for codigo, dep in mapa.departamentos.items():
        x0, y0, x1, y1 = caja(dep)
        if x0 <= x + ancho and x1 >= x and y0 <= y + alto and y1 >= y:
            resultado.append(codigo)
    return resultado
