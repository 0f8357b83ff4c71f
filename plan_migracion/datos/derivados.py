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
    # Historia de la ejecución (páginas por registro, cronología): listas de ids en orden de fecha.
    talleres_de_fuente: dict[str, list[str]]  # id de fuente → ids de talleres (todas las fuentes)
    talleres_de_componente: dict[str, list[str]]  # id de componente → ids de talleres (todos)
    convenios_de_componente: dict[str, list[str]]
    regiones_de_fuente: dict[str, tuple[str, ...]]  # regiones alcanzadas con cada fuente (orden de regiones.yml)
    fuentes_de_region: dict[str, tuple[str, ...]]  # fuentes de los talleres de cada región (orden de fuentes)
    talleres_por_anio: dict[int, list[str]]  # año → ids de talleres, en orden de fecha
    cronologia: dict[tuple[int, int], list[tuple[str, str]]]  # (año, mes) → [("taller"|"convenio", id)], en orden de fecha
    actividades_por_anio: dict[int, int]  # año → talleres + convenios


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
    de_fuente: dict[str, list[str]] = {f.id: [] for f in datos.fuentes}
    de_componente: dict[str, list[str]] = {c.id: [] for c in datos.componentes}
    por_anio: dict[int, list[str]] = {}
    for t in talleres:  # ya en orden de fecha
        de_fuente[t.fuente].append(t.id)
        de_componente[t.componente].append(t.id)
        por_anio.setdefault(t.fecha.year, []).append(t.id)
    convenios_componente: dict[str, list[str]] = {c.id: [] for c in datos.componentes}
    for c in datos.convenios:
        convenios_componente[c.componente].append(c.id)
    orden_region = {r.id: i for i, r in enumerate(datos.regiones)}
    orden_fuente = {f.id: i for i, f in enumerate(datos.fuentes)}
    regiones_fuente = {f: set() for f in de_fuente}
    fuentes_region: dict[str, set] = {r.id: set() for r in datos.regiones}
    for t in talleres:
        for r in t.regiones:
            regiones_fuente[t.fuente].add(r)
            fuentes_region[r].add(t.fuente)
    actividades = sorted([(t.fecha, "taller", t.id) for t in talleres]
                         + [(c.fecha_firma, "convenio", c.id) for c in datos.convenios])
    cronologia: dict[tuple[int, int], list[tuple[str, str]]] = {}
    for fecha, tipo_actividad, ident in actividades:
        cronologia.setdefault((fecha.year, fecha.month), []).append((tipo_actividad, ident))
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
        talleres_de_fuente=de_fuente,
        talleres_de_componente=de_componente,
        convenios_de_componente=convenios_componente,
        regiones_de_fuente={f: tuple(sorted(v, key=orden_region.get)) for f, v in regiones_fuente.items()},
        fuentes_de_region={r: tuple(sorted(v, key=orden_fuente.get)) for r, v in fuentes_region.items()},
        talleres_por_anio=por_anio,
        cronologia=cronologia,
        actividades_por_anio=dict(sorted(Counter(fecha.year for fecha, _, _ in actividades).items())),
    )
