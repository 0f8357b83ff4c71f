"""Modelos tipados de los datos del plan (pydantic, modo estricto).

Cada clase describe un tipo de archivo de ``datos/`` o una parte de él. Las
claves van en español, como en los archivos. Los modelos no saben de archivos
ni de líneas: eso lo añade :mod:`plan_migracion.datos` al validar.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

IDIOMAS = ("es", "en")

TextoSimple = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=120)]
CodigoRegion = Annotated[str, StringConstraints(pattern=r"^[0-9]{2}([0-9]{2})?$")]
UrlHttps = Annotated[str, StringConstraints(pattern=r"^https://[^\s<>\"'`]+$", max_length=2000)]
RutaImagen = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._/-]*\.(jpg|jpeg|png|webp)$")]


class Modelo(BaseModel):
    """Base común: campos estrictos, ningún campo desconocido, inmutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Texto(Modelo):
    """Un texto que ve el lector, en español (original) y en inglés (traducción)."""

    es: TextoSimple
    en: TextoSimple

    def en_idioma(self, idioma: str) -> str:
        return getattr(self, idioma)


class Periodo(Modelo):
    inicio: int
    fin: int
    anios: int


class Beneficiarios(Modelo):
    directos: Texto
    indirectos: Texto


class Ambito(Modelo):
    texto: Texto
    grupos: int
    nota: Texto


class Plan(Modelo):
    """``datos/plan.yml``: las secciones del documento del plan."""

    titulo: Texto
    institucion: Texto
    unidades: list[Texto] = Field(min_length=1)
    base_legal: Texto
    periodo: Periodo
    numero_componentes: int
    presentacion: list[Texto] = Field(min_length=1)
    finalidad: Texto
    objetivo: Texto
    duracion: Texto
    beneficiarios: Beneficiarios
    ambito: Ambito


class Componente(Modelo):
    """Una línea de trabajo tal como la describe el documento (citada)."""

    id: Id
    titulo: Texto
    cita: Texto


class Componentes(Modelo):
    """``datos/componentes.yml``."""

    nota: Texto
    componentes: list[Componente] = Field(min_length=1)


class Fuente(Modelo):
    """``datos/fuentes/<id>.yml``: una fuente cooperante."""

    id: Id
    orden: int
    nombre: Texto
    nombre_en_fuente: TextoSimple
    siglas: Texto
    observaciones: list[Texto] = []


class Region(Modelo):
    """Un gobierno regional (código UBIGEO del departamento) o Lima Metropolitana (1501)."""

    id: CodigoRegion
    nombre: Texto
    tipo: Literal["gobierno-regional", "regimen-especial"]
    nota: Texto | None = None


class Regiones(Modelo):
    """``datos/regiones.yml``."""

    regiones: list[Region] = Field(min_length=1)


class Foto(Modelo):
    """Una foto de una galería: archivo bajo ``datos/fotos/``, con pie y texto alternativo."""

    archivo: RutaImagen
    pie: Texto
    alt: Texto


class Taller(Modelo):
    """``datos/talleres/<id>.yml``: un taller ejecutado."""

    id: Id
    orden_en_fuente: int | None = None
    fuente: Id
    componente: Id
    nombre: Texto
    fecha: dt.date
    lugar: Texto
    participantes: Annotated[int, Field(ge=0)] | None
    representacion: Texto
    regiones: list[CodigoRegion]
    observaciones: list[Texto] = []
    galeria: list[Foto] = []


class Convenio(Modelo):
    """``datos/convenios/<id>.yml``: un convenio de cooperación firmado."""

    id: Id
    parte: Texto
    nivel: Literal["regional", "local"]
    region: CodigoRegion
    fecha_firma: dt.date
    vigencia_hasta: dt.date | None
    objeto: Texto
    estado: Literal["vigente", "vencido", "resuelto"]
    documento: UrlHttps | None
    fuente_informacion: Texto
    componente: Id = "convenios-cooperacion"
    observaciones: list[Texto] = []
    galeria: list[Foto] = []
