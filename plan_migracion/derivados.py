"""Cifras derivadas de los datos, calculadas una sola vez y en un solo lugar.

Las páginas, las descargas y el PDF leen estas cifras: ninguna se escribe a mano.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Indicadores:
    total_talleres: int
    talleres_con_participantes: int
    talleres_sin_participantes: int
    total_participantes: int  # suma de los números conocidos
    talleres_por_fuente: dict[str, int]  # id de fuente → talleres (todas las fuentes, también con 0)
    talleres_por_mes: dict[tuple[int, int], int]  # (año, mes) → talleres, en orden
    talleres_por_region: dict[str, list[str]]  # id de región → ids de talleres (todas las regiones)
    convenios_por_region: dict[str, list[str]]
    regiones_alcanzadas: tuple[str, ...]  # en el orden de datos/regiones.yml
    gobiernos_regionales: int  # cuántos hay (25)
    gobiernos_regionales_alcanzados: int
    regimen_especial_alcanzado: tuple[str, ...]  # Lima Metropolitana, si la alcanzó algún taller
    total_convenios: int
    anios: tuple[int, ...]  # años con alguna actividad


def calcular_indicadores(datos) -> Indicadores:
    talleres = datos.talleres
    con = [t for t in talleres if t.participantes is not None]
    por_fuente = {f.id: 0 for f in datos.fuentes}
    por_fuente.update(Counter(t.fuente for t in talleres))
    por_mes = Counter((t.fecha.year, t.fecha.month) for t in talleres)
    por_region: dict[str, list[str]] = {r.id: [] for r in datos.regiones}
    for t in talleres:
        for r in t.regiones:
            por_region[r].append(t.id)
    convenios_region: dict[str, list[str]] = {r.id: [] for r in datos.regiones}
    for c in datos.convenios:
        convenios_region[c.region].append(c.id)
    alcanzadas = tuple(r.id for r in datos.regiones if por_region[r.id] or convenios_region[r.id])
    tipo = {r.id: r.tipo for r in datos.regiones}
    anios = sorted({t.fecha.year for t in talleres} | {c.fecha_firma.year for c in datos.convenios})
    return Indicadores(
        total_talleres=len(talleres),
        talleres_con_participantes=len(con),
        talleres_sin_participantes=len(talleres) - len(con),
        total_participantes=sum(t.participantes for t in con),
        talleres_por_fuente=por_fuente,
        talleres_por_mes=dict(sorted(por_mes.items())),
        talleres_por_region=por_region,
        convenios_por_region=convenios_region,
        regiones_alcanzadas=alcanzadas,
        gobiernos_regionales=sum(1 for r in datos.regiones if r.tipo == "gobierno-regional"),
        gobiernos_regionales_alcanzados=sum(1 for r in alcanzadas if tipo[r] == "gobierno-regional"),
        regimen_especial_alcanzado=tuple(r for r in alcanzadas if tipo[r] == "regimen-especial"),
        total_convenios=len(datos.convenios),
        anios=tuple(anios),
    )
