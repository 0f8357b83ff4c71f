"""El agregado :class:`Datos`: todos los datos del plan, ya validados, con sus índices por id.

Lo devuelve :func:`.carga.cargar`; lo leen las vistas, las salidas y el sitio. Las cifras
derivadas se calculan la primera vez que se piden (:mod:`.derivados`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import modelos as m
from .idiomas import Idiomas
from .problemas import Problema

@dataclass
class Datos:
    """Todos los datos del plan, validados. Las cifras derivadas, en ``indicadores``."""

    carpeta: Path
    idiomas: Idiomas  # los de la configuración con que se validaron (el original y las traducciones)
    plan: m.Plan
    componentes_info: m.Componentes
    regiones: list[m.Region]
    fuentes: list[m.Fuente]
    talleres: list[m.Taller]
    convenios: list[m.Convenio]
    archivos: dict[str, str] = field(default_factory=dict)  # id de registro → ruta relativa
    fotos: dict[str, Path] = field(default_factory=dict)  # «archivo» de galería → archivo validado
    avisos: list[Problema] = field(default_factory=list)

    @property
    def componentes(self) -> list[m.Componente]:
        return list(self.componentes_info.componentes)

    @cached_property
    def region_por_id(self) -> dict[str, m.Region]:
        return {r.id: r for r in self.regiones}

    @cached_property
    def fuente_por_id(self) -> dict[str, m.Fuente]:
        return {f.id: f for f in self.fuentes}

    @cached_property
    def componente_por_id(self) -> dict[str, m.Componente]:
        return {c.id: c for c in self.componentes}

    @cached_property
    def taller_por_id(self) -> dict[str, m.Taller]:
        return {t.id: t for t in self.talleres}

    @cached_property
    def convenio_por_id(self) -> dict[str, m.Convenio]:
        return {c.id: c for c in self.convenios}

    @cached_property
    def indicadores(self):
        from .derivados import calcular_indicadores

        return calcular_indicadores(self)
