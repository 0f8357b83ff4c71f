"""Carga y validación de ``datos/``: el único lugar donde se leen los archivos.

``cargar(carpeta)`` devuelve un :class:`Datos` válido o lanza
:class:`~plan_migracion.datos.problemas.DatosInvalidos` con *todos* los problemas.
``validar(carpeta)`` devuelve la lista de problemas (errores y avisos).
:class:`CacheDeDatos` es lo que usa el sitio: carga y valida una sola vez por
compilación (y otra vez solo si cambia algún archivo).
"""

from __future__ import annotations

import datetime as dt
import difflib
import logging
import os
import re
import stat
import typing
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import modelos as m
from .carga import Documento, leer_yaml, motivo_oserror, nombre_campo, por_que_no_se_lee
from .idiomas import Idiomas, del_proyecto
from .modelos import MARCADOR, sin_tildes
from .problemas import DatosInvalidos, Problema, como_datos, detalle, nombres_de_idioma

# Un tipo de archivo por entrada: (nombre en datos/, modelo, ¿una carpeta con un registro por archivo?)
COLECCIONES = {
    "plan": ("plan.yml", m.Plan, False),
    "componentes": ("componentes.yml", m.Componentes, False),
    "regiones": ("regiones.yml", m.Regiones, False),
    "fuentes": ("fuentes", m.Fuente, True),
    "talleres": ("talleres", m.Taller, True),
    "convenios": ("convenios", m.Convenio, True),
}

# Fotos de las galerías: extensión → formato que debe tener el contenido (según Pillow).
EXTENSIONES_FOTO = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
FOTO_TAMANO_MAXIMO = 5 * 1024 * 1024  # bytes por foto (5 MB); CONTRIBUTING.md lo dice a quien contribuye

# Qué puede haber en cada lugar de datos/ (además de «.gitkeep», que vale en cualquier carpeta).
# Todo lo demás se rechaza con su ruta y el motivo: nada se ignora en silencio.
_RAIZ_ARCHIVOS = {"plan.yml", "componentes.yml", "regiones.yml", "README.md"}
_RAIZ_CARPETAS = {"fuentes", "talleres", "convenios", "esquemas", "fotos"}
# (Lo que se dice que va en cada lugar: «detalles.que-va» de mensajes/<idioma>.yml.)

# Ids que no puede tener un registro con página propia: «index» sería la página índice de su
# carpeta (``fuentes/index.md``) y la taparía sin aviso.
IDS_RESERVADOS = {"index"}

# Años que puede tener una fecha de los datos. Fuera del período del plan solo hay un aviso (puede
# ser cierta), pero un año como 0211 o 9999 es una errata, y la compilación no podría escribirlo
# (la fecha de los datos va en la cabecera de sitemap.xml.gz, un entero de 32 bits desde 1970).
ANIOS_POSIBLES = (1970, 2099)

# Carpetas de registros que no pueden quedar vacías (qué falta y por qué: «detalles.coleccion-vacia»
# de mensajes/<idioma>.yml).
_NO_VACIAS = {"fuentes"}

# Una línea DEBUG por carga completa (carpeta leída y validada). Nadie la ve si no la pide: la
# piden las pruebas y el benchmark (scripts/contar_cargas.py) para comprobar que hay una sola
# carga por compilación.
_registro_de_cargas = logging.getLogger("plan_migracion.cargas")


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


def _relativa(ruta: Path, carpeta: Path) -> str:
    try:
        return str(Path(carpeta.name) / ruta.relative_to(carpeta))
    except ValueError:
        return str(ruta)


def _tipo_especial(modo: int) -> str:
    """La clave de «detalles.tipo-especial» (mensajes/<idioma>.yml) de lo que no es un archivo normal."""
    if stat.S_ISFIFO(modo):
        return "fifo"
    if stat.S_ISSOCK(modo):
        return "socket"
    return "dispositivo"


def _inventario(carpeta: Path, problemas: list[Problema]) -> set[Path]:
    """Recorre ``carpeta`` sin seguir enlaces y devuelve los YAML de registros que se pueden leer.

    Cada archivo es de un tipo conocido (los de ``COLECCIONES``, ``README.md``, los esquemas,
    las fotos, ``.gitkeep``) o se rechaza con su ruta y el motivo: una extensión en mayúsculas,
    ``.yaml`` o ``.yml.txt``, una carpeta donde va un archivo, un enlace simbólico (roto o no,
    también ``fotos/`` entera), una FIFO o un dispositivo.
    """
    registros = {archivo for archivo, _, es_carpeta in COLECCIONES.values() if es_carpeta}
    aceptados: set[Path] = set()

    def rechazar(ruta: Path, codigo: str, es_carpeta: bool = False, **datos) -> None:
        problemas.append(Problema(_relativa(ruta, carpeta) + ("/" if es_carpeta else ""), 1, "", codigo, datos))

    def recorrer(directorio: Path, lugar: tuple[str, ...]) -> None:
        try:
            entradas = sorted(os.scandir(directorio), key=lambda e: e.name)
        except OSError as exc:
            rechazar(directorio, "archivo-ilegible", es_carpeta=True, **motivo_oserror(exc))
            return
        tipo = "" if not lugar else ("registros" if lugar[0] in registros else lugar[0])
        solo_van = detalle("solo-van", donde=_relativa(directorio, carpeta) + "/",
                           que_va=detalle(f"que-va.{tipo or 'raiz'}"))
        motivo = como_datos("motivo", solo_van)
        for entrada in entradas:
            ruta = Path(entrada.path)
            modo = entrada.stat(follow_symlinks=False).st_mode
            if stat.S_ISLNK(modo):
                destino = os.readlink(ruta)
                roto = not ruta.exists()
                rechazar(ruta, "enlace-simbolico",
                         **como_datos("destino", detalle("enlace.roto" if roto else "enlace.a", destino=destino)))
            elif stat.S_ISDIR(modo):
                if (not lugar and entrada.name in _RAIZ_CARPETAS) or tipo == "fotos":
                    recorrer(ruta, (*lugar, entrada.name))
                else:
                    rechazar(ruta, "carpeta-inesperada", es_carpeta=True, **motivo)
            elif not stat.S_ISREG(modo):
                rechazar(ruta, "archivo-no-regular", **como_datos("tipo", detalle(f"tipo-especial.{_tipo_especial(modo)}")))
            elif entrada.name == ".gitkeep":
                continue
            elif tipo == "":
                if entrada.name in _RAIZ_ARCHIVOS:
                    aceptados.add(ruta)
                elif (ruta.suffix != ".yml" and ruta.suffix.lower() in (".yml", ".yaml")
                      and f"{ruta.stem.lower()}.yml" in _RAIZ_ARCHIVOS):
                    rechazar(ruta, "extension-yml", extension=ruta.suffix, esperado=f"{ruta.stem.lower()}.yml")
                else:
                    rechazar(ruta, "archivo-inesperado", **motivo)
            elif tipo == "registros":
                if ruta.suffix == ".yml":
                    aceptados.add(ruta)
                elif ruta.suffix.lower() in (".yml", ".yaml"):
                    rechazar(ruta, "extension-yml", extension=ruta.suffix, esperado=f"{ruta.stem}.yml")
                else:
                    rechazar(ruta, "archivo-inesperado", **_con_extension(solo_van, ruta))
            elif tipo == "esquemas":
                if not entrada.name.endswith(".schema.json"):
                    rechazar(ruta, "archivo-inesperado", **_con_extension(solo_van, ruta))
            elif ruta.suffix not in EXTENSIONES_FOTO:  # fotos
                rechazar(ruta, "archivo-inesperado", **_con_extension(solo_van, ruta))

    if carpeta.is_dir():
        recorrer(carpeta, ())
    return aceptados


def _con_extension(motivo: dict[str, str], ruta: Path) -> dict[str, str]:
    """El motivo (en cada idioma), más la extensión que tiene el archivo (o que no tiene ninguna),
    como datos del problema."""
    if ruta.suffix:
        return como_datos("motivo", detalle("extension.termina-en", motivo=motivo, extension=ruta.suffix))
    return como_datos("motivo", detalle("extension.ninguna", motivo=motivo))


def _leer_coleccion(carpeta: Path, nombre: str, aceptados: set[Path], problemas: list[Problema],
                    idiomas: Idiomas) -> list[tuple[Documento, BaseModel | None]]:
    archivo, modelo, es_carpeta = COLECCIONES[nombre]
    base = carpeta / archivo
    if es_carpeta:
        rutas = sorted(p for p in aceptados if p.parent == base)
    elif base in aceptados:
        rutas = [base]
    else:
        if not os.path.lexists(base):  # si existe pero no vale (un enlace...), el inventario ya lo dijo
            problemas.append(Problema(_relativa(base, carpeta), 1, "", "archivo-falta", {"nombre": archivo}))
        return []
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
                _validar_modelo(doc, modelo, otros, idiomas)
                problemas.extend(p for p in otros if not any(
                    p.campo == c or p.campo.startswith((c + ".", c + "[")) for c in ya if c))
            resultado.append((doc, None))
            continue
        resultado.append((doc, _validar_modelo(doc, modelo, problemas, idiomas)))
    return resultado


def _validar_modelo(doc: Documento, modelo: type[BaseModel], problemas: list[Problema],
                    idiomas: Idiomas) -> BaseModel | None:
    if not isinstance(doc.valor, dict):
        problemas.append(doc.problema((), "tipo-bloque"))
        return None
    marcadores = dict(_marcadores(doc.valor, ()))
    for camino, valor in marcadores.items():
        problemas.append(doc.problema(camino, "marcador-sin-llenar", valor=" ".join(valor.split())[:200]))
    try:
        registro = modelo.model_validate(doc.valor, context={"idiomas": idiomas})
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            problema = _traducir_error(doc, modelo, error, idiomas)
            # un marcador sin llenar ya tiene su mensaje: no se repite como «formato no válido»
            if not any(problema.campo == nombre_campo(c) for c in marcadores):
                problemas.append(problema)
        return None
    if marcadores:
        return None
    for camino, idioma in sin_traduccion(registro, idiomas):
        problemas.append(doc.problema(camino, "sin-traduccion", nivel="aviso", idioma=idioma,
                                      **nombres_de_idioma("idioma_nombre", idioma)))
    return registro


def sin_traduccion(valor, idiomas: Idiomas, camino: tuple = ()):
    """Los textos de ``valor`` (un modelo ya validado) a los que les falta una traducción:
    ``(camino, idioma)``, p. ej. ``(("observaciones", 0, "qu"), "qu")``. Lo usan el validador
    (avisos) y las vistas (la página lo dice)."""
    if isinstance(valor, m.Texto):
        for idioma in idiomas.traducidos:
            if valor.en_idioma(idioma) is None:
                yield camino + (idioma,), idioma
    elif isinstance(valor, BaseModel):
        for nombre in type(valor).model_fields:
            yield from sin_traduccion(getattr(valor, nombre), idiomas, camino + (nombre,))
    elif isinstance(valor, list):
        for i, elemento in enumerate(valor):
            yield from sin_traduccion(elemento, idiomas, camino + (i,))


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


def _lista(valores) -> dict[str, str]:
    """``['a', 'b', 'c']`` → «a», «b» o «c» (“a”, “b” or “c”...), en cada idioma."""
    partes = [detalle("lista-o.valor", valor=v) for v in valores]
    if len(partes) == 1:
        return partes[0]
    anteriores = {idioma: ", ".join(parte[idioma] for parte in partes[:-1]) for idioma in partes[0]}
    return detalle("lista-o.ultimo", anteriores=anteriores, ultimo=partes[-1])


# Un ejemplo de identificador válido para cada campo que lo pide.
_EJEMPLOS_ID = {"fuente": "migrandina-oit", "componente": "induccion-sensibilizacion"}


def _traducir_error(doc: Documento, modelo: type[BaseModel], error: dict, idiomas: Idiomas) -> Problema:
    """Un error de pydantic → un :class:`Problema` en español, con su línea."""
    camino = tuple(p for p in error["loc"] if not (isinstance(p, str) and ("[" in p or p in ("int", "none", "function-after"))))
    tipo = error["type"]
    valor = error.get("input")
    texto_valor = _mostrar(valor)
    campo = next((p for p in reversed(camino) if isinstance(p, str)), "")
    if tipo == "falta_original":  # un texto sin su original (modelos.Texto)
        idioma = error["ctx"]["idioma"]
        return doc.problema(camino + (idioma,), "falta-traduccion", idioma=idioma,
                            **nombres_de_idioma("idioma_nombre", idioma))
    if tipo == "missing":
        return doc.problema(camino, "falta-campo", nombre=camino[-1] if camino else "")
    if tipo in ("extra_forbidden", "idioma_desconocido"):
        if tipo == "idioma_desconocido":  # en un texto, una clave que no es un idioma configurado
            camino = camino + (error["ctx"]["clave"],)
            conocidos = list(idiomas)
        else:
            conocidos = _campos_conocidos(modelo, camino[:-1])
        nombre = str(camino[-1])
        parecido = difflib.get_close_matches(nombre, conocidos, n=1, cutoff=0.6)
        # ¿Un campo válido un nivel más afuera? Casi siempre es la sangría.
        bloque = next((p for p in reversed(camino[:-1]) if isinstance(p, str)), None)
        de_afuera = [c for i in range(len(camino) - 1) for c in _campos_conocidos(modelo, camino[:i])]
        if nombre in de_afuera and bloque is not None:
            sugerencia = detalle("sugerencia.sangria", nombre=nombre, bloque=bloque)
        elif parecido:
            sugerencia = detalle("sugerencia.parecido", nombre=parecido[0])
        else:
            sugerencia = detalle("sugerencia.campos", campos=", ".join(conocidos))
        return doc.problema(camino, "campo-desconocido", nombre=nombre, **como_datos("sugerencia", sugerencia))
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
                            **como_datos("permitidos", _lista(permitidos)))
    if tipo == "string_pattern_mismatch":
        if campo in ("region", "regiones") or (campo == "id" and camino[:1] == ("regiones",)):
            return doc.problema(camino, "formato-region", valor=texto_valor)
        if campo == "documento":
            return doc.problema(camino, "formato-url", valor=texto_valor)
        if campo == "archivo":
            return doc.problema(camino, "formato-foto", valor=texto_valor)
        return doc.problema(camino, "formato-id", valor=texto_valor,
                            ejemplo=_EJEMPLOS_ID.get(campo, "2011-03-11-callao"))
    # el mensaje de pydantic (en inglés), tal cual
    return doc.problema(camino, "valor-invalido", **como_datos("detalle", detalle("tal-cual", texto=error.get("msg", tipo))))


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


def _validar_referencias(colecciones: dict, problemas: list[Problema], idiomas: Idiomas) -> None:
    """Ids únicos, ids iguales al nombre de archivo y referencias que existen.

    Trabaja sobre los valores leídos (no sobre los modelos) para informar también
    de los registros que tienen otros errores: todos los problemas de una vez.
    """
    vistos: dict[tuple[str, str], str] = {}

    def registrar(coleccion: str, ident, doc: Documento, camino: tuple) -> None:
        if _texto(ident) is None:
            return
        if ident.lower() in IDS_RESERVADOS and coleccion != "regiones":
            problemas.append(doc.problema(camino, "id-reservado", valor=ident, carpeta=coleccion))
        clave = (coleccion, ident.lower())
        if clave in vistos:
            problemas.append(doc.problema(camino, "id-duplicado", valor=ident, otro=vistos[clave]))
        else:
            linea, _ = doc.ubicacion(camino)
            vistos[clave] = f"{doc.ruta}:{linea}"

    def valores(nombre):
        return [(doc, doc.valor) for doc, _ in colecciones[nombre] if isinstance(doc.valor, dict)]

    for nombre, campo_fecha in (("fuentes", None), ("talleres", "fecha"), ("convenios", "fecha_firma")):
        for doc, valor in valores(nombre):
            ident = _texto(valor.get("id"))
            esperado = Path(doc.ruta).stem
            if ident is not None and ident != esperado:
                problemas.append(doc.problema(("id",), "id-no-coincide", valor=ident, esperado=esperado))
            fecha = valor.get(campo_fecha) if campo_fecha else None
            if ident is not None and isinstance(fecha, dt.date) and not ident.startswith(f"{fecha.isoformat()}-"):
                problemas.append(doc.problema(("id",), "id-sin-fecha", valor=ident, campo_fecha=campo_fecha,
                                              fecha=fecha.isoformat()))
            registrar(nombre, ident, doc, ("id",))
    _validar_talleres_repetidos(valores("talleres"), problemas, idiomas)
    for lista in ("regiones", "componentes"):
        for doc, valor in valores(lista):
            elementos = valor.get(lista)
            for i, elemento in enumerate(elementos if isinstance(elementos, list) else []):
                if isinstance(elemento, dict):
                    registrar(lista, elemento.get("id"), doc, (lista, i, "id"))

    ids = {nombre: {k[1] for k in vistos if k[0] == nombre} for nombre in ("fuentes", "regiones", "componentes")}
    # Una fuente cuyo archivo no se pudo leer existe igual (su id es el nombre del archivo): el
    # error de ese archivo ya está anotado, y no se repite en cada taller que la cita.
    ids["fuentes"] |= {Path(doc.ruta).stem.lower() for doc, _ in colecciones["fuentes"]}
    # Si regiones.yml o componentes.yml no se pudo leer (o falta), su error ya está anotado y
    # detiene la compilación: no se informa además de cada referencia a ellos.
    comprobables = {"fuentes": True, **{lista: any(isinstance(doc.valor, dict) and isinstance(doc.valor.get(lista), list)
                                                   for doc, _ in colecciones[lista])
                                        for lista in ("regiones", "componentes")}}
    archivos = {"fuentes": "datos/fuentes/", "regiones": "datos/regiones.yml", "componentes": "datos/componentes.yml"}
    def comprobar(doc, camino, valor, coleccion):
        if (_texto(valor) is not None and not es_marcador(valor) and comprobables[coleccion]
                and valor.lower() not in ids[coleccion]):
            problemas.append(doc.problema(camino, "referencia-inexistente", valor=valor,
                                          **como_datos("coleccion", detalle(f"coleccion.{coleccion}")),
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
            fuera_de_rango = set()
            for campo in ("fecha", "fecha_firma", "vigencia_hasta"):
                fecha = valor.get(campo)
                if isinstance(fecha, dt.date) and not ANIOS_POSIBLES[0] <= fecha.year <= ANIOS_POSIBLES[1]:
                    fuera_de_rango.add(campo)
                    problemas.append(doc.problema((campo,), "fecha-improbable", valor=fecha.isoformat(),
                                                  desde=ANIOS_POSIBLES[0], hasta=ANIOS_POSIBLES[1]))
            if plan is not None:
                for campo, fecha in fechas:
                    if campo in fuera_de_rango:
                        continue
                    if isinstance(fecha, dt.date) and not plan.periodo.inicio <= fecha.year <= plan.periodo.fin:
                        problemas.append(doc.problema((campo,), "fecha-fuera-de-periodo", nivel="aviso",
                                                      valor=fecha.isoformat(), inicio=plan.periodo.inicio,
                                                      fin=plan.periodo.fin))


def _normalizar_lugar(texto: str) -> str:
    """«Club Regatas Unión de La Punta - Callao» → «club regatas union de la punta callao»."""
    return " ".join(re.sub(r"[\W_]+", " ", sin_tildes(texto).casefold()).split())


def _validar_talleres_repetidos(talleres: list[tuple[Documento, dict]], problemas: list[Problema],
                                idiomas: Idiomas) -> None:
    """Dos talleres con la misma fecha y el mismo lugar, o con la misma fila de la tabla de la
    fuente, son el mismo taller contado dos veces: se rechaza el segundo, nombrando el primero."""
    por_fecha_lugar: dict[tuple, str] = {}
    por_fila: dict[int, str] = {}
    for doc, valor in talleres:
        fecha, lugar = valor.get("fecha"), valor.get("lugar")
        lugar_es = _texto(lugar.get(idiomas.original)) if isinstance(lugar, dict) else None
        if isinstance(fecha, dt.date) and lugar_es and _normalizar_lugar(lugar_es):
            clave = (fecha, _normalizar_lugar(lugar_es))
            if clave in por_fecha_lugar:
                problemas.append(doc.problema(("fecha",), "taller-repetido", fecha=fecha.isoformat(),
                                              lugar=lugar_es, otro=por_fecha_lugar[clave]))
            else:
                por_fecha_lugar[clave] = doc.ruta
        fila = valor.get("orden_en_fuente")
        if isinstance(fila, int) and not isinstance(fila, bool):
            if fila in por_fila:
                problemas.append(doc.problema(("orden_en_fuente",), "orden-repetido", valor=fila, otro=por_fila[fila]))
            else:
                por_fila[fila] = doc.ruta


def carpeta_fotos(carpeta: Path) -> Path:
    """Las fotos de las galerías viven junto a los datos, en ``<carpeta>/fotos/``."""
    return Path(carpeta) / "fotos"


def _revisar_foto(carpeta: Path, archivo: str) -> tuple[str, dict] | Path:
    """La foto validada (su ruta) o el problema: ``(código, datos)``.

    Vale solo un archivo real dentro de ``<carpeta>/fotos/``: sin partes «.» ni «..», sin pasar
    por ningún enlace simbólico (tampoco ``fotos/`` misma), de una imagen JPEG, PNG o WebP según
    su contenido (la extensión debe decir lo mismo) y de no más de ``FOTO_TAMANO_MAXIMO`` bytes.
    """
    base = carpeta_fotos(carpeta)
    nombre_base = _relativa(base, carpeta) + "/"
    partes = archivo.split("/")
    if any(parte in ("", ".", "..") for parte in partes):
        return "foto-ruta-con-puntos", {"carpeta": nombre_base}
    ruta = base
    for parte in (None, *partes):
        ruta = ruta if parte is None else ruta / parte
        try:
            estado = os.lstat(ruta)
        except OSError:
            return "archivo-foto-falta", {"carpeta": nombre_base}
        if stat.S_ISLNK(estado.st_mode):
            return "foto-enlace", {"enlace": _relativa(ruta, carpeta), "carpeta": nombre_base}
    if not stat.S_ISREG(estado.st_mode):
        return "archivo-foto-falta", {"carpeta": nombre_base}
    if estado.st_size > FOTO_TAMANO_MAXIMO:
        return "foto-demasiado-grande", {"tamano": estado.st_size, "maximo": FOTO_TAMANO_MAXIMO,
                                         "maximo_mb": FOTO_TAMANO_MAXIMO // (1024 * 1024)}
    from PIL import Image, UnidentifiedImageError  # solo si hay fotos que revisar

    formatos = sorted(set(EXTENSIONES_FOTO.values()))
    try:
        with Image.open(ruta, formats=formatos) as imagen:
            formato = imagen.format
            imagen.verify()
    except UnidentifiedImageError:
        return "foto-tipo-no-valido", {**como_datos("detalle", detalle("foto.ningun-formato"))}
    except PermissionError as exc:
        return "archivo-ilegible", {**como_datos("detalle", detalle("foto.ilegible", archivo=archivo,
                                                                    motivo=por_que_no_se_lee(exc)))}
    except Image.DecompressionBombError:
        return "foto-tipo-no-valido", {**como_datos("detalle", detalle("foto.demasiados-pixeles"))}
    except (OSError, SyntaxError, ValueError) as exc:
        return "foto-tipo-no-valido", {**como_datos("detalle", detalle("foto.danada", error=str(exc)))}
    if EXTENSIONES_FOTO.get(Path(archivo).suffix) != formato:
        extension = next(e for e, f in EXTENSIONES_FOTO.items() if f == formato).lstrip(".")
        return "foto-extension", {"formato": formato, "extension": extension}
    return ruta


def _validar_fotos(carpeta: Path, colecciones: dict, problemas: list[Problema]) -> dict[str, Path]:
    """Revisa cada foto citada en una galería; devuelve las válidas: ``archivo`` → ruta."""
    revisadas: dict[str, tuple[str, dict] | Path] = {}
    ya = {(p.ruta, p.campo) for p in problemas}  # una ruta con formato no válido ya tiene su mensaje
    for nombre in ("talleres", "convenios"):
        for doc, _ in colecciones[nombre]:
            galeria = doc.valor.get("galeria") if isinstance(doc.valor, dict) else None
            for i, foto in enumerate(galeria if isinstance(galeria, list) else []):
                archivo = _texto(foto.get("archivo")) if isinstance(foto, dict) else None
                if archivo is None or (doc.ruta, nombre_campo(("galeria", i, "archivo"))) in ya:
                    continue
                if archivo not in revisadas:
                    revisadas[archivo] = _revisar_foto(carpeta, archivo)
                resultado = revisadas[archivo]
                if not isinstance(resultado, Path):
                    codigo, datos = resultado
                    problemas.append(doc.problema(("galeria", i, "archivo"), codigo, valor=archivo, **datos))
    return {archivo: ruta for archivo, ruta in revisadas.items() if isinstance(ruta, Path)}


def _leer_todo(carpeta: Path, idiomas: Idiomas) -> tuple[dict, dict[str, Path], list[Problema]]:
    problemas: list[Problema] = []
    aceptados = _inventario(carpeta, problemas)
    colecciones = {nombre: _leer_coleccion(carpeta, nombre, aceptados, problemas, idiomas) for nombre in COLECCIONES}
    for nombre, (archivo, _, es_carpeta) in COLECCIONES.items():
        if es_carpeta and nombre in _NO_VACIAS and not colecciones[nombre]:
            donde = _relativa(carpeta / archivo, carpeta) + "/"
            problemas.append(Problema(donde, 1, "", "coleccion-vacia", {
                **como_datos("cosa", detalle(f"coleccion-vacia.{nombre}.cosa")), "carpeta": donde,
                **como_datos("motivo", detalle(f"coleccion-vacia.{nombre}.motivo"))}))
    _validar_referencias(colecciones, problemas, idiomas)
    fotos = _validar_fotos(carpeta, colecciones, problemas)
    problemas.sort(key=lambda p: (p.ruta, p.linea, p.columna or 0))
    return colecciones, fotos, problemas



def validar(carpeta: str | Path = "datos", idiomas: Idiomas | None = None) -> list[Problema]:
    """Todos los problemas de ``carpeta`` (errores y avisos), ordenados por archivo y línea.
    ``idiomas``: los de la configuración (por omisión, los del ``mkdocs.yml`` del proyecto)."""
    return _leer_todo(Path(carpeta), idiomas or del_proyecto())[2]


def cargar(carpeta: str | Path = "datos", idiomas: Idiomas | None = None) -> Datos:
    """Carga y valida ``carpeta``; lanza :class:`DatosInvalidos` si hay algún error.
    ``idiomas``: los de la configuración (por omisión, los del ``mkdocs.yml`` del proyecto)."""
    carpeta = Path(carpeta)
    idiomas = idiomas or del_proyecto()
    colecciones, fotos, problemas = _leer_todo(carpeta, idiomas)
    _registro_de_cargas.debug("%s", carpeta)
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
        idiomas=idiomas,
        plan=uno("plan"),
        componentes_info=uno("componentes"),
        regiones=list(uno("regiones").regiones),
        fuentes=sorted(varios("fuentes"), key=lambda f: (f.orden, f.id)),
        talleres=sorted(varios("talleres"), key=lambda t: (t.fecha, t.id)),
        convenios=sorted(varios("convenios"), key=lambda c: (c.fecha_firma, c.id)),
        archivos=archivos,
        fotos=fotos,
        avisos=[p for p in problemas if not p.es_error],
    )


def _firma(carpeta: Path) -> tuple:
    """Nombre, tipo, tamaño y fecha de cada entrada (archivo, carpeta, enlace...): cambia si se
    edita, añade o borra una. No sigue enlaces; una carpeta que no se puede leer cuenta como tal.

    Con ``os.scandir`` (una llamada ``stat`` por archivo): con 12.000 archivos tarda unas
    diez veces menos que ``Path.rglob`` + ``Path.stat``.
    """
    entradas = []
    pendientes = [str(carpeta)]
    while pendientes:
        directorio = pendientes.pop()
        try:
            with os.scandir(directorio) as contenido:
                for entrada in contenido:
                    estado = entrada.stat(follow_symlinks=False)
                    entradas.append((entrada.path, estado.st_mode, estado.st_size, estado.st_mtime_ns))
                    if stat.S_ISDIR(estado.st_mode):
                        pendientes.append(entrada.path)
        except OSError as exc:
            entradas.append((directorio, -1, exc.errno or 0, 0))
    return tuple(sorted(entradas))


def carpeta_datos(raiz_proyecto: str | Path, valor: str | None = None) -> Path:
    """La carpeta de datos de la compilación: ``valor`` (la opción ``datos`` del complemento) o, si no
    se da, ``PLAN_DATOS``; relativa a la raíz del proyecto; vacía: ``<raíz>/datos``. La única regla,
    para el complemento de MkDocs y para ``scripts/construir.py``."""
    if valor is None:
        valor = os.environ.get("PLAN_DATOS")
    return Path(raiz_proyecto) / (valor or "datos")


def carpeta_cache(raiz_proyecto: str | Path) -> Path:
    """La carpeta de las cachés de compilación (plantillas del tema, PDF): ``PLAN_CACHE`` si está
    definida, si no ``<raíz>/.cache`` (ignorada por git). Borrarla solo hace la compilación más lenta."""
    return Path(os.environ.get("PLAN_CACHE") or Path(raiz_proyecto) / ".cache")


class CacheDeDatos:
    """Los datos ya cargados de cada carpeta, reutilizados mientras ningún archivo cambie.

    La tiene quien compila, no el módulo: el complemento del sitio guarda una en su instancia, que
    MkDocs conserva de una recompilación de ``mkdocs serve`` a la siguiente (se vuelve a cargar
    solo si cambia algún archivo); en una compilación la comparten los idiomas y las macros.
    """

    def __init__(self) -> None:
        # carpeta (resuelta) → (firma de sus archivos, datos); firma None: datos fijados
        self.guardados: dict[Path, tuple[tuple | None, Datos]] = {}

    def cargar(self, carpeta: str | Path = "datos", idiomas: Idiomas | None = None) -> Datos:
        """Como :func:`cargar`, pero reutiliza el resultado mientras ningún archivo cambie (o, si
        se fijaron con :meth:`fijar`, siempre) y los idiomas sean los mismos."""
        carpeta = Path(carpeta).resolve()
        idiomas = idiomas or del_proyecto()
        guardado = self.guardados.get(carpeta)
        if guardado and guardado[0] is None and guardado[1].idiomas == idiomas:
            return guardado[1]
        firma = _firma(carpeta)
        if guardado and guardado[0] == firma and guardado[1].idiomas == idiomas:
            return guardado[1]
        datos = cargar(carpeta, idiomas)
        self.guardados[carpeta] = (firma, datos)
        return datos

    def fijar(self, datos: Datos) -> None:
        """Desde ahora, :meth:`cargar` de ``datos.carpeta`` devuelve ``datos`` sin mirar los archivos.

        Para una compilación de una sola vez que ya cargó los datos (``scripts/construir.py``):
        todas las páginas y los idiomas ven la misma versión, aunque alguien edite un archivo a
        mitad de la compilación, y la carpeta no se recorre otra vez. No lo use ``mkdocs serve``,
        que debe ver cada edición.
        """
        self.guardados[Path(datos.carpeta).resolve()] = (None, datos)
