"""Carga y validación de ``datos/``: el único lugar donde se leen los archivos.

``cargar(carpeta)`` devuelve un :class:`Datos` válido o lanza
:class:`~plan_migracion.problemas.DatosInvalidos` con *todos* los problemas.
``validar(carpeta)`` devuelve la lista de problemas (errores y avisos).
``cargar_en_cache(carpeta)`` es lo que usa el sitio: carga y valida una sola
vez por compilación (y otra vez solo si cambia algún archivo).
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import threading
import typing
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import modelos as m
from .carga import Documento, leer_yaml, nombre_campo
from .modelos import MARCADOR
from .problemas import NOMBRES_IDIOMA, DatosInvalidos, Problema

# Un tipo de archivo por entrada: (nombre en datos/, modelo, ¿una carpeta con un registro por archivo?)
COLECCIONES = {
    "plan": ("plan.yml", m.Plan, False),
    "componentes": ("componentes.yml", m.Componentes, False),
    "regiones": ("regiones.yml", m.Regiones, False),
    "fuentes": ("fuentes", m.Fuente, True),
    "talleres": ("talleres", m.Taller, True),
    "convenios": ("convenios", m.Convenio, True),
}

# Contador de cargas completas: las pruebas comprueban que hay una por compilación. Si la
# variable PLAN_REGISTRO_CARGAS nombra un archivo, cada carga añade además una línea en él
# (así se cuentan también las cargas de otros procesos: mkdocs build, scripts/construir.py).
CARGAS = {"total": 0}


@dataclass
class Datos:
    """Todos los datos del plan, validados. Las cifras derivadas, en ``indicadores``."""

    carpeta: Path
    plan: m.Plan
    componentes_info: m.Componentes
    regiones: list[m.Region]
    fuentes: list[m.Fuente]
    talleres: list[m.Taller]
    convenios: list[m.Convenio]
    archivos: dict[str, str] = field(default_factory=dict)  # id de registro → ruta relativa
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


def _relativa(ruta: Path, carpeta: Path) -> str:
    try:
        return str(Path(carpeta.name) / ruta.relative_to(carpeta))
    except ValueError:
        return str(ruta)


def _leer_coleccion(carpeta: Path, nombre: str, problemas: list[Problema]) -> list[tuple[Documento, BaseModel | None]]:
    archivo, modelo, es_carpeta = COLECCIONES[nombre]
    base = carpeta / archivo
    if es_carpeta:
        rutas = sorted(p for p in base.glob("*") if p.suffix in (".yml", ".yaml")) if base.is_dir() else []
    else:
        if not base.is_file():
            problemas.append(Problema(_relativa(base, carpeta), 1, "", "archivo-falta", {"nombre": archivo}))
            return []
        rutas = [base]
    resultado = []
    for ruta in rutas:
        doc = leer_yaml(ruta, _relativa(ruta, carpeta))
        problemas.extend(doc.problemas)
        if doc.problemas:
            # El archivo se leyó pero algún valor no (una fecha imposible, una etiqueta...): se
            # validan igualmente los demás campos, para informar de todo a la vez, sin repetir
            # el campo que ya tiene su mensaje.
            if isinstance(doc.valor, dict):
                ya = {p.campo for p in doc.problemas}
                otros: list[Problema] = []
                _validar_modelo(doc, modelo, otros)
                problemas.extend(p for p in otros if not any(
                    p.campo == c or p.campo.startswith((c + ".", c + "[")) for c in ya if c))
            resultado.append((doc, None))
            continue
        resultado.append((doc, _validar_modelo(doc, modelo, problemas)))
    return resultado


def _validar_modelo(doc: Documento, modelo: type[BaseModel], problemas: list[Problema]) -> BaseModel | None:
    if not isinstance(doc.valor, dict):
        problemas.append(doc.problema((), "tipo-bloque"))
        return None
    marcadores = dict(_marcadores(doc.valor, ()))
    for camino, valor in marcadores.items():
        problemas.append(doc.problema(camino, "marcador-sin-llenar", valor=" ".join(valor.split())[:200]))
    try:
        registro = modelo.model_validate(doc.valor)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            problema = _traducir_error(doc, modelo, error)
            # un marcador sin llenar ya tiene su mensaje: no se repite como «formato no válido»
            if not any(problema.campo == nombre_campo(c) for c in marcadores):
                problemas.append(problema)
        return None
    return None if marcadores else registro


def _marcadores(valor, camino: tuple):
    """Los textos de plantilla sin llenar (``POR LLENAR…``), con su camino."""
    if isinstance(valor, str) and valor.lstrip().upper().startswith(MARCADOR):
        yield camino, valor
    elif isinstance(valor, dict):
        for clave, hijo in valor.items():
            yield from _marcadores(hijo, camino + (clave,))
    elif isinstance(valor, list):
        for i, hijo in enumerate(valor):
            yield from _marcadores(hijo, camino + (i,))


def es_marcador(valor) -> bool:
    return isinstance(valor, str) and valor.lstrip().upper().startswith(MARCADOR)


def _campos_conocidos(modelo: type[BaseModel], camino: tuple) -> list[str]:
    """Los nombres de campo válidos en el bloque donde está ``camino``."""
    actual: object = modelo
    for paso in camino:
        if isinstance(paso, int):
            continue
        info = getattr(actual, "model_fields", {}).get(paso)
        if info is None:
            return []
        actual = _modelo_de(info.annotation)
    return list(getattr(actual, "model_fields", {}))


def _modelo_de(anotacion) -> object:
    if isinstance(anotacion, type) and issubclass(anotacion, BaseModel):
        return anotacion
    for argumento in getattr(anotacion, "__args__", ()) or ():
        encontrado = _modelo_de(argumento)
        if encontrado is not None:
            return encontrado
    return None


def _mostrar(valor) -> str:
    """Un valor tal como se escribe en YAML (``null``, ``true``), recortado."""
    if valor is None:
        return "null"
    if isinstance(valor, bool):
        return "true" if valor else "false"
    return str(valor)[:80]


def _lista(valores, y: str) -> str:
    """``['a', 'b', 'c']`` → «a», «b» y «c» (o “a”, “b” or “c”)."""
    abre, cierra = ("«", "»") if y == "o" else ("“", "”")
    partes = [f"{abre}{v}{cierra}" for v in valores]
    return partes[0] if len(partes) == 1 else f"{', '.join(partes[:-1])} {y} {partes[-1]}"


# Un ejemplo de identificador válido para cada campo que lo pide.
_EJEMPLOS_ID = {"fuente": "migrandina-oit", "componente": "induccion-sensibilizacion"}


def _traducir_error(doc: Documento, modelo: type[BaseModel], error: dict) -> Problema:
    """Un error de pydantic → un :class:`Problema` en español, con su línea."""
    camino = tuple(p for p in error["loc"] if not (isinstance(p, str) and ("[" in p or p in ("int", "none", "function-after"))))
    tipo = error["type"]
    valor = error.get("input")
    texto_valor = _mostrar(valor)
    campo = next((p for p in reversed(camino) if isinstance(p, str)), "")
    if tipo == "missing":
        if camino and camino[-1] in m.IDIOMAS:
            nombre_es, nombre_en = NOMBRES_IDIOMA[camino[-1]]
            return doc.problema(camino, "falta-traduccion", idioma=camino[-1],
                                idioma_nombre=nombre_es, idioma_nombre_en=nombre_en)
        return doc.problema(camino, "falta-campo", nombre=camino[-1] if camino else "")
    if tipo == "extra_forbidden":
        nombre = str(camino[-1])
        conocidos = _campos_conocidos(modelo, camino[:-1])
        parecido = difflib.get_close_matches(nombre, conocidos, n=1, cutoff=0.6)
        # ¿Un campo válido un nivel más afuera? Casi siempre es la sangría.
        bloque = next((p for p in reversed(camino[:-1]) if isinstance(p, str)), None)
        de_afuera = [c for i in range(len(camino) - 1) for c in _campos_conocidos(modelo, camino[:i])]
        if nombre in de_afuera and bloque is not None:
            sugerencia_es = (f"; «{nombre}» es un campo válido, pero no dentro de «{bloque}»: revise la sangría "
                             "(los espacios al principio de la línea)")
            sugerencia_en = (f"; “{nombre}” is a valid field, but not inside “{bloque}”: check the indentation "
                             "(the spaces at the start of the line)")
        elif parecido:
            sugerencia_es, sugerencia_en = f"; ¿quiso decir «{parecido[0]}»?", f"; did you mean “{parecido[0]}”?"
        else:
            sugerencia_es = f"; los campos válidos aquí son: {', '.join(conocidos)}"
            sugerencia_en = f"; the valid fields here are: {', '.join(conocidos)}"
        return doc.problema(camino, "campo-desconocido", nombre=nombre,
                            sugerencia_es=sugerencia_es, sugerencia_en=sugerencia_en)
    if valor is None and tipo.endswith("_type"):
        return doc.problema(camino, "falta-valor")
    if tipo in ("int_type", "int_from_float", "int_parsing"):
        return doc.problema(camino, "tipo-entero", valor=texto_valor)
    if tipo == "greater_than_equal":
        return doc.problema(camino, "no-negativo", valor=texto_valor)
    if tipo == "string_type":
        return doc.problema(camino, "tipo-texto", valor=texto_valor)
    if tipo == "string_too_short":
        return doc.problema(camino, "texto-vacio")
    if tipo in ("date_type", "date_parsing", "date_from_datetime_inexact", "date_from_datetime_parsing"):
        return doc.problema(camino, "tipo-fecha", valor=texto_valor)
    if tipo in ("list_type", "too_short") and not isinstance(valor, list):
        return doc.problema(camino, "tipo-lista")
    if tipo in ("model_type", "model_attributes_type", "dict_type"):
        return doc.problema(camino, "tipo-bloque")
    if tipo == "literal_error":
        permitidos = _permitidos(modelo, camino)
        return doc.problema(camino, "valor-no-permitido", valor=texto_valor,
                            permitidos=_lista(permitidos, "o"), permitidos_en=_lista(permitidos, "or"))
    if tipo == "string_pattern_mismatch":
        if campo in ("region", "regiones") or (campo == "id" and camino[:1] == ("regiones",)):
            return doc.problema(camino, "formato-region", valor=texto_valor)
        if campo == "documento":
            return doc.problema(camino, "formato-url", valor=texto_valor)
        return doc.problema(camino, "formato-id", valor=texto_valor,
                            ejemplo=_EJEMPLOS_ID.get(campo, "2011-03-11-callao"))
    return doc.problema(camino, "valor-invalido", detalle=error.get("msg", tipo), detalle_en=error.get("msg", tipo))


def _permitidos(modelo: type[BaseModel], camino: tuple) -> list[str]:
    """Los valores de un campo ``Literal[...]`` en el orden del modelo."""
    bloque = camino[:-1]
    actual: object = modelo
    for paso in bloque:
        if isinstance(paso, int):
            continue
        actual = _modelo_de(actual.model_fields[paso].annotation)
    anotacion = actual.model_fields[camino[-1]].annotation
    return [str(v) for v in typing.get_args(anotacion)]


def _texto(valor) -> str | None:
    return valor if isinstance(valor, str) else None


def _validar_referencias(colecciones: dict, problemas: list[Problema]) -> None:
    """Ids únicos, ids iguales al nombre de archivo y referencias que existen.

    Trabaja sobre los valores leídos (no sobre los modelos) para informar también
    de los registros que tienen otros errores: todos los problemas de una vez.
    """
    vistos: dict[tuple[str, str], str] = {}

    def registrar(coleccion: str, ident, doc: Documento, camino: tuple) -> None:
        if _texto(ident) is None:
            return
        clave = (coleccion, ident.lower())
        if clave in vistos:
            problemas.append(doc.problema(camino, "id-duplicado", valor=ident, otro=vistos[clave]))
        else:
            linea, _ = doc.ubicacion(camino)
            vistos[clave] = f"{doc.ruta}:{linea}"

    def valores(nombre):
        return [(doc, doc.valor) for doc, _ in colecciones[nombre] if isinstance(doc.valor, dict)]

    for nombre in ("fuentes", "talleres", "convenios"):
        for doc, valor in valores(nombre):
            ident = _texto(valor.get("id"))
            esperado = Path(doc.ruta).stem
            if ident is not None and ident != esperado:
                problemas.append(doc.problema(("id",), "id-no-coincide", valor=ident, esperado=esperado))
            registrar(nombre, ident, doc, ("id",))
    for lista in ("regiones", "componentes"):
        for doc, valor in valores(lista):
            elementos = valor.get(lista)
            for i, elemento in enumerate(elementos if isinstance(elementos, list) else []):
                if isinstance(elemento, dict):
                    registrar(lista, elemento.get("id"), doc, (lista, i, "id"))

    ids = {nombre: {k[1] for k in vistos if k[0] == nombre} for nombre in ("fuentes", "regiones", "componentes")}
    archivos = {"fuentes": "datos/fuentes/", "regiones": "datos/regiones.yml", "componentes": "datos/componentes.yml"}
    nombres = {"fuentes": ("las fuentes cooperantes", "the cooperating sources"),
               "regiones": ("las regiones", "the regions"), "componentes": ("los componentes", "the components")}

    def comprobar(doc, camino, valor, coleccion):
        if _texto(valor) is not None and not es_marcador(valor) and ids[coleccion] and valor.lower() not in ids[coleccion]:
            problemas.append(doc.problema(camino, "referencia-inexistente", valor=valor,
                                          coleccion=nombres[coleccion][0], coleccion_en=nombres[coleccion][1],
                                          archivo=archivos[coleccion]))

    plan = next((r for _, r in colecciones["plan"] if r is not None), None)
    for nombre in ("talleres", "convenios"):
        for doc, valor in valores(nombre):
            comprobar(doc, ("componente",), valor.get("componente", "convenios-cooperacion"), "componentes")
            if nombre == "talleres":
                comprobar(doc, ("fuente",), valor.get("fuente"), "fuentes")
                regiones = valor.get("regiones")
                regiones = regiones if isinstance(regiones, list) else []
                for i, region in enumerate(regiones):
                    comprobar(doc, ("regiones", i), region, "regiones")
                    if _texto(region) is not None and region in regiones[:i]:
                        problemas.append(doc.problema(("regiones", i), "region-repetida", valor=region))
                fechas = [("fecha", valor.get("fecha"))]
            else:
                comprobar(doc, ("region",), valor.get("region"), "regiones")
                firma, hasta = valor.get("fecha_firma"), valor.get("vigencia_hasta")
                fechas = [("fecha_firma", firma)]
                if isinstance(firma, dt.date) and isinstance(hasta, dt.date) and hasta < firma:
                    problemas.append(doc.problema(("vigencia_hasta",), "vigencia-anterior",
                                                  valor=hasta.isoformat(), firma=firma.isoformat()))
            if plan is not None:
                for campo, fecha in fechas:
                    if isinstance(fecha, dt.date) and not plan.periodo.inicio <= fecha.year <= plan.periodo.fin:
                        problemas.append(doc.problema((campo,), "fecha-fuera-de-periodo", nivel="aviso",
                                                      valor=fecha.isoformat(), inicio=plan.periodo.inicio,
                                                      fin=plan.periodo.fin))


def carpeta_fotos(carpeta: Path) -> Path:
    """Las fotos de las galerías viven junto a los datos, en ``<carpeta>/fotos/``."""
    return Path(carpeta) / "fotos"


def _validar_fotos(carpeta: Path, colecciones: dict, problemas: list[Problema]) -> None:
    """Cada foto de una galería debe existir dentro de la carpeta de fotos."""
    fotos = carpeta_fotos(carpeta).resolve()
    for nombre in ("talleres", "convenios"):
        for doc, valor in colecciones[nombre]:
            galeria = doc.valor.get("galeria") if isinstance(doc.valor, dict) else None
            for i, foto in enumerate(galeria if isinstance(galeria, list) else []):
                archivo = _texto(foto.get("archivo")) if isinstance(foto, dict) else None
                if archivo is None:
                    continue
                ruta = (fotos / archivo).resolve()
                if not (ruta.is_relative_to(fotos) and ruta.is_file()):
                    problemas.append(doc.problema(("galeria", i, "archivo"), "archivo-foto-falta", valor=archivo,
                                                  carpeta=_relativa(fotos, carpeta.resolve()) + "/"))


def _leer_todo(carpeta: Path) -> tuple[dict, list[Problema]]:
    problemas: list[Problema] = []
    colecciones = {nombre: _leer_coleccion(carpeta, nombre, problemas) for nombre in COLECCIONES}
    _validar_referencias(colecciones, problemas)
    _validar_fotos(carpeta, colecciones, problemas)
    problemas.sort(key=lambda p: (p.ruta, p.linea, p.columna or 0))
    return colecciones, problemas


def validar(carpeta: str | Path = "datos") -> list[Problema]:
    """Todos los problemas de ``carpeta`` (errores y avisos), ordenados por archivo y línea."""
    return _leer_todo(Path(carpeta))[1]


def cargar(carpeta: str | Path = "datos") -> Datos:
    """Carga y valida ``carpeta``; lanza :class:`DatosInvalidos` si hay algún error."""
    carpeta = Path(carpeta)
    colecciones, problemas = _leer_todo(carpeta)
    CARGAS["total"] += 1
    if registro := os.environ.get("PLAN_REGISTRO_CARGAS"):
        with open(registro, "a", encoding="utf-8") as f:
            f.write(f"{os.getpid()} {carpeta}\n")
    if any(p.es_error for p in problemas):
        raise DatosInvalidos(problemas)

    def uno(nombre):
        return colecciones[nombre][0][1]

    def varios(nombre):
        return [registro for _, registro in colecciones[nombre]]

    archivos = {
        f"{nombre}/{registro.id}": doc.ruta
        for nombre in ("fuentes", "talleres", "convenios")
        for doc, registro in colecciones[nombre]
    }
    return Datos(
        carpeta=carpeta,
        plan=uno("plan"),
        componentes_info=uno("componentes"),
        regiones=list(uno("regiones").regiones),
        fuentes=sorted(varios("fuentes"), key=lambda f: (f.orden, f.id)),
        talleres=sorted(varios("talleres"), key=lambda t: (t.fecha, t.id)),
        convenios=sorted(varios("convenios"), key=lambda c: (c.fecha_firma, c.id)),
        archivos=archivos,
        avisos=[p for p in problemas if not p.es_error],
    )


_cache: dict[Path, tuple[tuple, Datos]] = {}
_candado = threading.Lock()


def _firma(carpeta: Path) -> tuple:
    """Nombre, tamaño y fecha de cada archivo: cambia si se edita, añade o borra uno.

    Con ``os.scandir`` (una llamada ``stat`` por archivo): con 12.000 archivos tarda unas
    diez veces menos que ``Path.rglob`` + ``Path.stat``.
    """
    entradas = []
    pendientes = [str(carpeta)]
    while pendientes:
        try:
            with os.scandir(pendientes.pop()) as contenido:
                for entrada in contenido:
                    if entrada.is_dir(follow_symlinks=False):
                        pendientes.append(entrada.path)
                    elif entrada.is_file():
                        estado = entrada.stat()
                        entradas.append((entrada.path, estado.st_size, estado.st_mtime_ns))
        except FileNotFoundError:
            continue
    return tuple(sorted(entradas))


def carpeta_datos(raiz_proyecto: str | Path) -> Path:
    """La carpeta de datos de la compilación: ``PLAN_DATOS`` si está definida, si no ``<raíz>/datos``."""
    return Path(os.environ.get("PLAN_DATOS") or Path(raiz_proyecto) / "datos")


def carpeta_cache(raiz_proyecto: str | Path) -> Path:
    """La carpeta de las cachés de compilación (plantillas del tema, PDF): ``PLAN_CACHE`` si está
    definida, si no ``<raíz>/.cache`` (ignorada por git). Borrarla solo hace la compilación más lenta."""
    return Path(os.environ.get("PLAN_CACHE") or Path(raiz_proyecto) / ".cache")


def cargar_en_cache(carpeta: str | Path = "datos") -> Datos:
    """Como :func:`cargar`, pero reutiliza el resultado mientras ningún archivo cambie."""
    carpeta = Path(carpeta).resolve()
    with _candado:
        if carpeta in _fijadas and carpeta in _cache:
            return _cache[carpeta][1]
        firma = _firma(carpeta)
        guardado = _cache.get(carpeta)
        if guardado and guardado[0] == firma:
            return guardado[1]
        datos = cargar(carpeta)
        _cache[carpeta] = (firma, datos)
        return datos


_fijadas: set[Path] = set()


def fijar_en_cache(carpeta: str | Path = "datos") -> Datos:
    """Carga ``carpeta`` (si hace falta) y la fija en la caché para el resto del proceso.

    Para una compilación de una sola vez (``scripts/construir.py``): todas las páginas
    y los dos idiomas ven la misma versión de los datos, aunque alguien edite un archivo
    a mitad de la compilación, y :func:`cargar_en_cache` ya no recorre la carpeta en cada
    llamada. Los procesos hijos (``os.fork``) heredan los datos fijados. No lo use
    ``mkdocs serve``, que debe ver cada edición.
    """
    datos = cargar_en_cache(carpeta)
    _fijadas.add(Path(carpeta).resolve())
    return datos
