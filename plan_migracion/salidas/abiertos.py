"""Datos abiertos: cada conjunto de datos en CSV y JSON, y su ``datapackage.json``.

Una sola descripción de columnas (:func:`conjuntos`) sirve para escribir el CSV,
el JSON, el paquete Frictionless y la documentación de la página de descargas.
Todo se lee de :class:`~plan_migracion.datos.Datos`, como las páginas.

Convenciones:

- Nombres de columna en español; un texto de los datos da una columna por idioma de la
  configuración (``nombre_es``, ``nombre_en``...). Una traducción que falta es una celda vacía.
- Un valor desconocido (por ejemplo, participantes no registrados) es una celda
  vacía en el CSV y ``null`` en el JSON; nunca 0.
- Varias regiones o varias observaciones en una celda se separan con
  :data:`SEPARADOR` (en el JSON son listas).
- Una celda de texto del CSV que una hoja de cálculo ejecutaría como fórmula
  (empieza con uno de :data:`INICIOS_DE_FORMULA`) lleva delante un apóstrofo
  (:func:`neutralizar_formula`, como recomienda OWASP contra la inyección en CSV).
  El JSON conserva el texto tal cual: es un dato, no una hoja de cálculo. Las
  columnas de números y de fechas no cambian.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

from babel.lists import format_list

from ..datos.idiomas import Idiomas
from ..datos.modelos import PATRON_ID, PATRON_REGION
from ..vistas.textos import lista, nombre_idioma, t

SEPARADOR = " | "

# Inyección en CSV (OWASP, «CSV Injection»): una celda que empieza con uno de estos caracteres es
# una fórmula para Excel, LibreOffice o Google Sheets. En el CSV se le pone APOSTROFO delante.
INICIOS_DE_FORMULA = ("=", "+", "-", "@", "\t", "\r")
APOSTROFO = "'"


def neutralizar_formula(texto: str) -> str:
    """``texto`` tal cual, salvo que empiece como una fórmula: entonces, con :data:`APOSTROFO` delante."""
    return APOSTROFO + texto if texto.startswith(INICIOS_DE_FORMULA) else texto


def inicios_de_formula(idioma: str) -> str:
    """Los caracteres de :data:`INICIOS_DE_FORMULA` en palabras: «=», «+», … o un retorno de carro."""
    nombres = {"\t": t("descargas.formula_tabulacion", idioma), "\r": t("descargas.formula_retorno", idioma)}
    return format_list([nombres.get(c) or t("descargas.formula_caracter", idioma, c=c) for c in INICIOS_DE_FORMULA],
                       style="or", locale=idioma)


@dataclass(frozen=True)
class Columna:
    nombre: str
    tipo: str  # tipo de Frictionless: string, integer, date
    valor: Callable[[Any, Any], Any]  # (registro, datos) → valor (None si no se conoce)
    lista: bool = False  # varios valores: lista en JSON, unidos con SEPARADOR en CSV
    requerida: bool = True
    patron: str | None = None
    valores: tuple[str, ...] | None = None  # valores permitidos
    idioma: str | None = None  # la columna de un texto en un idioma: «nombre_en» → «en»
    campo: str | None = None  # y su campo: «nombre»


def _texto(campo: str, idiomas: Idiomas, requerida: bool = True) -> list[Columna]:
    """Un texto del registro → una columna ``<campo>_<idioma>`` por idioma (``nombre_es``, ``nombre_en``)."""

    def leer(idioma):
        def valor(registro, _datos):
            texto = getattr(registro, campo)
            return None if texto is None else texto.en_idioma(idioma)
        return valor

    return [Columna(f"{campo}_{i}", "string", leer(i), requerida=requerida and i == idiomas.original,
                    idioma=i, campo=campo) for i in idiomas]


def _observaciones(idiomas: Idiomas) -> list[Columna]:
    def leer(idioma):
        # una observación sin traducir: vacía en su lugar (las listas de cada idioma se corresponden)
        return lambda r, _d: [o.en_idioma(idioma) or "" for o in r.observaciones]
    return [Columna(f"observaciones_{i}", "string", leer(i), lista=True, requerida=False, idioma=i,
                    campo="observaciones") for i in idiomas]


def _campo(nombre: str, tipo: str = "string", **opciones) -> Columna:
    return Columna(nombre, tipo, lambda r, _d: getattr(r, nombre), **opciones)


@dataclass(frozen=True)
class Conjunto:
    nombre: str  # nombre del archivo sin extensión y del recurso del paquete
    registros: Callable[[Any], list]
    columnas: list[Columna]
    claves_foraneas: tuple[tuple[str, str], ...] = ()  # (columna, conjunto referido por su id)


@lru_cache(maxsize=4)
def conjuntos(idiomas: Idiomas) -> tuple[Conjunto, ...]:
    """Los conjuntos de datos, con una columna de texto por idioma de ``idiomas``."""
    return (
        Conjunto("talleres", lambda d: d.talleres, [
            _campo("id", patron=PATRON_ID),
            _campo("fecha", "date"),
            _campo("orden_en_fuente", "integer", requerida=False),
            *_texto("nombre", idiomas),
            *_texto("lugar", idiomas),
            _campo("fuente", patron=PATRON_ID),
            _campo("componente", patron=PATRON_ID),
            _campo("participantes", "integer", requerida=False),
            *_texto("representacion", idiomas),
            Columna("regiones", "string", lambda r, _d: list(r.regiones), lista=True, requerida=False, patron=PATRON_REGION),
            *_observaciones(idiomas),
        ], (("fuente", "fuentes"), ("componente", "componentes"))),
        Conjunto("convenios", lambda d: d.convenios, [
            _campo("id", patron=PATRON_ID),
            *_texto("parte", idiomas),
            _campo("nivel", valores=("regional", "local")),
            _campo("region", patron=PATRON_REGION),
            _campo("fecha_firma", "date"),
            _campo("vigencia_hasta", "date", requerida=False),
            *_texto("objeto", idiomas),
            _campo("estado", valores=("vigente", "vencido", "resuelto")),
            _campo("documento", requerida=False),
            *_texto("fuente_informacion", idiomas),
            _campo("componente", patron=PATRON_ID),
            *_observaciones(idiomas),
        ], (("region", "regiones"), ("componente", "componentes"))),
        Conjunto("regiones", lambda d: d.regiones, [
            _campo("id", patron=PATRON_REGION),
            *_texto("nombre", idiomas),
            _campo("tipo", valores=("gobierno-regional", "regimen-especial")),
            *_texto("nota", idiomas, requerida=False),
        ]),
        Conjunto("fuentes", lambda d: d.fuentes, [
            _campo("id", patron=PATRON_ID),
            _campo("orden", "integer"),
            *_texto("nombre", idiomas),
            _campo("nombre_en_fuente"),
            *_texto("siglas", idiomas),
            *_observaciones(idiomas),
        ]),
        Conjunto("componentes", lambda d: d.componentes, [
            _campo("id", patron=PATRON_ID),
            Columna("orden", "integer", lambda r, d: d.componentes.index(r) + 1),
            *_texto("titulo", idiomas),
            *_texto("cita", idiomas),
        ]),
    )


def conjunto(nombre: str, idiomas: Idiomas) -> Conjunto:
    return next(c for c in conjuntos(idiomas) if c.nombre == nombre)



def filas(conjunto: Conjunto, datos) -> list[dict[str, Any]]:
    """Los registros de ``conjunto`` como diccionarios (valores de Python, listas y ``None``)."""
    return [{col.nombre: col.valor(r, datos) for col in conjunto.columnas} for r in conjunto.registros(datos)]


def _celda(columna: Columna, valor) -> str:
    if valor is None:
        return ""
    if columna.lista:
        texto = SEPARADOR.join(valor)
    else:
        texto = valor.isoformat() if hasattr(valor, "isoformat") else str(valor)
    return neutralizar_formula(texto) if columna.tipo == "string" else texto


def a_csv(conjunto: Conjunto, datos) -> str:
    """CSV con cabecera (también cuando no hay registros), separado por comas, UTF-8; las celdas
    de texto, con :func:`neutralizar_formula`."""
    salida = io.StringIO()
    escritor = csv.writer(salida, lineterminator="\r\n")
    escritor.writerow([c.nombre for c in conjunto.columnas])
    for fila in filas(conjunto, datos):
        escritor.writerow([_celda(c, fila[c.nombre]) for c in conjunto.columnas])
    return salida.getvalue()


def a_json(conjunto: Conjunto, datos) -> str:
    """Una lista de objetos (``[]`` si no hay registros), con las mismas columnas que el CSV y
    los textos tal cual (sin :func:`neutralizar_formula`: es un dato, no una hoja de cálculo)."""
    contenido = [
        {clave: (v.isoformat() if hasattr(v, "isoformat") else v) for clave, v in fila.items()}
        for fila in filas(conjunto, datos)
    ]
    return json.dumps(contenido, ensure_ascii=False, indent=2) + "\n"


def descripcion_columna(nombre_conjunto: str, columna: str, idioma: str, idiomas: Idiomas) -> str:
    """Qué contiene la columna (de los textos de la interfaz, sección ``descargas.columnas``) y en
    qué idioma está si es un texto. La regla de los textos que parecen fórmulas vale para todo el
    CSV: se explica una vez (:func:`formulas`), no en cada columna."""
    col = next(c for c in conjunto(nombre_conjunto, idiomas).columnas if c.nombre == columna)
    texto = t(f"descargas.columnas.{nombre_conjunto}.{col.campo or col.nombre}", idioma)
    if col.idioma:
        papel = "idioma_original" if col.idioma == idiomas.original else "idioma_traducido"
        texto += " " + t(f"descargas.columnas.{papel}", idioma, lengua=nombre_idioma(col.idioma, idioma))
    return texto


def formulas(idioma: str) -> str:
    """La regla de las fórmulas en el CSV, para la página de descargas y el paquete de datos."""
    return t("descargas.formulas", idioma, apostrofo=APOSTROFO, inicios=inicios_de_formula(idioma))


def columnas_de_idioma(idioma: str, idiomas: Idiomas) -> str:
    """«_es» (español, original) y «_en» (inglés, traducción): las columnas de los textos, en ``idioma``."""
    return lista([t("descargas.columna_idioma", idioma, codigo=c, nombre=nombre_idioma(c, idioma),
                    papel=t("descargas.papel_original" if c == idiomas.original else "descargas.papel_traduccion", idioma))
                  for c in idiomas], idioma)


def paquete(datos, fuentes_datos: list[dict[str, str]]) -> dict[str, Any]:
    """El descriptor Frictionless (Data Package v1) de los CSV.

    La licencia de los datos no figura en las fuentes: no se declara ninguna
    (campo ``licenses`` ausente) y la descripción lo dice.
    """
    idiomas = datos.idiomas
    original = idiomas.original
    recursos = []
    for conjunto in conjuntos(idiomas):
        campos = []
        for col in conjunto.columnas:
            campo: dict[str, Any] = {
                "name": col.nombre,
                "type": col.tipo,
                "description": descripcion_columna(conjunto.nombre, col.nombre, original, idiomas),
            }
            restricciones: dict[str, Any] = {}
            if col.requerida:
                restricciones["required"] = True
            if col.patron and not col.lista:
                restricciones["pattern"] = col.patron
            if col.valores:
                restricciones["enum"] = list(col.valores)
            if col.tipo == "integer":
                restricciones["minimum"] = 0
            if restricciones:
                campo["constraints"] = restricciones
            campos.append(campo)
        esquema: dict[str, Any] = {"fields": campos, "primaryKey": ["id"], "missingValues": [""]}
        if conjunto.claves_foraneas:
            esquema["foreignKeys"] = [
                {"fields": [columna], "reference": {"resource": destino, "fields": ["id"]}}
                for columna, destino in conjunto.claves_foraneas
            ]
        recursos.append({
            "name": conjunto.nombre,
            "path": f"{conjunto.nombre}.csv",
            "profile": "tabular-data-resource",
            "title": t(f"descargas.conjuntos.{conjunto.nombre}", original),
            "description": t(f"descargas.conjuntos.{conjunto.nombre}_desc", original),
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "header": True},
            "schema": esquema,
        })
    return {
        "profile": "tabular-data-package",
        "name": "plan-migracion-laboral",
        "title": datos.plan.titulo.en_idioma(original),
        "description": "\n\n".join(t("descargas.paquete_desc", i, separador=SEPARADOR.strip(),
                                       columnas=columnas_de_idioma(i, idiomas)) + " " + formulas(i)
                                     for i in idiomas),
        "sources": fuentes_datos,
        "resources": recursos,
    }
