"""El registro que sale de un issue hecho con un formulario de GitHub (``plan.py desde-issue``): un
taller o un convenio nuevo, o la corrección de un registro.

Los campos y sus etiquetas son los de :mod:`.formularios`. El texto de quien propone es un dato: se
lee de los encabezados ``### Etiqueta``, se convierte al tipo del campo y se escribe con el volcador
de YAML (nunca pegando texto), sin evaluar nada. Cada problema nombra la etiqueta del campo del
formulario, no una línea de YAML.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..datos import COLECCIONES, Datos, validar
from ..datos.idiomas import Idiomas, del_proyecto
from ..datos.modelos import CargadorYaml
from ..datos.problemas import escapar
from ..vistas.textos import t
from . import nuevos
from .formularios import CORREGIBLES, FORMULARIOS, NO_CORREGIBLES, OTRO, Campo, campos, etiqueta, opciones, propiedades

SIN_RESPUESTA = "_No response_"  # lo que GitHub escribe en un campo que quedó vacío


# --- Lectura de un issue ---------------------------------------------------------------------------


class Rechazo(Exception):
    """La propuesta no se puede escribir: cada problema con la etiqueta de su campo."""

    def __init__(self, problemas: list[tuple[str, str]]):
        self.problemas = problemas
        super().__init__("\n".join(f"{e}: {m}" for e, m in problemas))


@dataclass
class Resultado:
    """Lo que escribió ``desde-issue``: el archivo y los avisos del validador (con su etiqueta)."""

    ruta: Path
    avisos: list[tuple[str, str]] = field(default_factory=list)


_ENCABEZADO = re.compile(r"^###[ \t]+(.*?)[ \t]*$")


def secciones(cuerpo: str, etiquetas: set[str]) -> tuple[dict[str, str], list[str]]:
    """``{etiqueta: valor}`` de un cuerpo de issue de formulario (``### Etiqueta``, línea en blanco,
    valor) y las etiquetas repetidas. Solo cuentan como encabezados las etiquetas conocidas: un
    «### algo» escrito dentro de una respuesta sigue siendo parte de esa respuesta."""
    valores: dict[str, list[str]] = {}
    repetidas: list[str] = []
    actual: list[str] | None = None
    for linea in cuerpo.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        encontrado = _ENCABEZADO.match(linea)
        if encontrado and encontrado.group(1) in etiquetas:
            nombre = encontrado.group(1)
            if nombre in valores:
                repetidas.append(nombre)
            actual = valores.setdefault(nombre, [])
        elif actual is not None:
            actual.append(linea)
    return {nombre: "\n".join(lineas).strip() for nombre, lineas in valores.items()}, repetidas


def tipo_de_formulario(cuerpo: str, idiomas: Idiomas | None = None) -> str | None:
    """El formulario del que salió ``cuerpo``: aquel con más etiquetas presentes (``None`` si ninguna)."""
    idiomas = idiomas or del_proyecto()
    cuentas = {}
    for nombre in FORMULARIOS:
        etiquetas = {etiqueta(c, idiomas) for c in campos(nombre, idiomas)}
        cuentas[nombre] = len(secciones(cuerpo, etiquetas)[0])
    mejor = max(cuentas, key=cuentas.get)
    return mejor if cuentas[mejor] else None


_FECHA = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_ENTERO = re.compile(r"^(0|[1-9][0-9]*)$")  # cifras decimales, sin ceros a la izquierda (como en datos/)
_VALOR_DE_OPCION = re.compile(r"\(([^()]*)\)\s*$")


def _fecha(valor: str) -> dt.date:
    if not _FECHA.match(valor):
        raise ValueError
    return dt.date.fromisoformat(valor)


def _opcion_elegida(valor: str, lista: list[tuple[str, str]]) -> str:
    """El valor de una opción elegida: la de la lista, o el «(valor)» del final si la lista cambió."""
    for texto, dato in lista:
        if valor == texto:
            return dato
    encontrado = _VALOR_DE_OPCION.search(valor)
    if encontrado is None:
        raise ValueError
    return encontrado.group(1).strip()


def _convertir(campo: Campo, valor: str, listas: dict):
    """El valor de la respuesta con el tipo del campo; ``ValueError`` con la clave del mensaje."""
    if campo.conversion == "fecha":
        try:
            return _fecha(valor)
        except ValueError:
            raise ValueError("error_fecha") from None
    if campo.conversion == "entero":
        if not _ENTERO.match(valor):
            raise ValueError("error_entero")
        return int(valor)
    if campo.conversion in ("opcion", "opciones"):
        partes = re.split(r"(?<=\)),\s*", valor) if campo.conversion == "opciones" else [valor]
        try:
            elegidas = [_opcion_elegida(p.strip(), listas[campo.opciones]) for p in partes if p.strip()]
        except ValueError:
            raise ValueError("error_opcion") from None
        return elegidas if campo.conversion == "opciones" else elegidas[0]
    if campo.conversion == "confirmacion":
        if not re.search(r"^\s*-\s*\[[xX]\]", valor, re.MULTILINE):
            raise ValueError("error_sin_confirmar")
        return True
    if campo.conversion == "url":
        return valor.strip()
    return " ".join(valor.split())  # texto: los espacios y saltos de línea de más no son contenido


def _mensaje(clave: str, idioma: str, **valores) -> str:
    return t(f"formularios.{clave}", idioma, **{k: escapar(str(v)) for k, v in valores.items()})


def _respuestas(cuerpo: str, formulario: str, datos: Datos, idiomas: Idiomas, idioma: str):
    """``{id del campo: valor convertido}`` (sin los vacíos) y las etiquetas; :class:`Rechazo` si algo falta."""
    lista = campos(formulario, idiomas)
    etiquetas = {c.id: etiqueta(c, idiomas) for c in lista}
    textos, repetidas = secciones(cuerpo, set(etiquetas.values()))
    listas = opciones(datos, idiomas)
    problemas = [(e, _mensaje("error_repetido", idioma, campo=e)) for e in dict.fromkeys(repetidas)]
    respuestas = {}
    for campo in lista:
        valor = textos.get(etiquetas[campo.id], "")
        if valor in ("", SIN_RESPUESTA):
            if campo.obligatorio:
                problemas.append((etiquetas[campo.id], _mensaje("error_falta", idioma)))
            continue
        try:
            respuestas[campo.id] = _convertir(campo, valor, listas)
        except ValueError as error:
            problemas.append((etiquetas[campo.id], _mensaje(str(error), idioma, valor=valor)))
    if problemas:
        raise Rechazo(problemas)
    return respuestas, etiquetas, lista


def _registro(lista: list[Campo], respuestas: dict, modelo) -> dict:
    """El registro con los campos en el orden del modelo (el de los demás archivos)."""
    registro: dict = {}
    for campo in lista:
        if not campo.clave:
            continue
        if campo.id not in respuestas:
            if not campo.idioma:  # un dato que la fuente no dice: null («no registrado»), nunca 0
                registro[campo.clave[0]] = None
            continue
        valor = respuestas[campo.id]
        if campo.idioma:  # un texto: {es: ..., en: ...}; observaciones: una lista con uno
            nombre = campo.clave[0]
            destino = registro.setdefault(nombre, [{}] if nombre == "observaciones" else {})
            (destino[0] if isinstance(destino, list) else destino)[campo.idioma] = valor
        else:
            registro[campo.clave[0]] = valor
    orden = list(modelo.model_fields)
    return dict(sorted(registro.items(), key=lambda par: orden.index(par[0]) if par[0] in orden else len(orden)))


def _problemas_del_archivo(datos: Path, ruta: Path, etiqueta_de, idioma: str):
    """Errores y avisos del validador: los de ``ruta`` con la etiqueta de su campo; los de otros
    archivos, aparte (no son de la propuesta, pero impiden publicarla)."""
    errores, avisos = [], []
    for problema in validar(datos):
        propio = Path(problema.ruta).parts[-2:] == ruta.parts[-2:]
        if propio:
            par = (etiqueta_de(problema.campo), problema.mensaje(idioma))
            (errores if problema.es_error else avisos).append(par)
        elif problema.es_error:
            errores.append((problema.ruta_visible, _mensaje("error_otro_archivo", idioma,
                                                            mensaje=problema.texto(idioma))))
    return errores, avisos


def _etiqueta_de_campo(lista: list[Campo], etiquetas: dict[str, str]):
    """De un campo del validador (``nombre.en``, ``regiones[2]``, ``id``) a la etiqueta del formulario."""
    por_clave = {".".join(c.clave): etiquetas[c.id] for c in lista if c.clave}
    por_clave["id"] = " + ".join(etiquetas[c.id] for c in lista if c.conversion == "fecha" and c.obligatorio
                                 or c.id == "lugar_archivo")

    def buscar(nombre: str) -> str:
        partes = re.sub(r"\[[0-9]+\]", "", nombre).split(".")
        for n in range(len(partes), 0, -1):
            if ".".join(partes[:n]) in por_clave:
                return por_clave[".".join(partes[:n])]
        return nombre
    return buscar


def _nuevo(cuerpo: str, formulario: str, carpeta: Path, datos: Datos, idiomas: Idiomas, idioma: str) -> Resultado:
    tipo = FORMULARIOS[formulario][0]
    respuestas, etiquetas, lista = _respuestas(cuerpo, formulario, datos, idiomas, idioma)
    fecha = next(respuestas[c.id] for c in lista if c.conversion == "fecha" and c.obligatorio)
    identificador = nuevos.ident(fecha, respuestas["lugar_archivo"])
    if not identificador:
        raise Rechazo([(etiquetas["lugar_archivo"], _mensaje("error_lugar", idioma))])
    ruta = nuevos.ruta_nueva(carpeta, tipo, identificador)
    if (ocupada := nuevos.existente(ruta)) is not None:
        raise Rechazo([(etiquetas["lugar_archivo"], _mensaje("error_existe", idioma, ruta=ocupada))])
    modelo = COLECCIONES[nuevos.CARPETAS[tipo]][1]
    registro = {"id": identificador, **_registro(lista, respuestas, modelo)}
    texto = nuevos.con_linea_del_editor(carpeta, ruta, _volcar_registro(registro))
    ruta.parent.mkdir(parents=True, exist_ok=True)
    ruta.write_text(texto, encoding="utf-8")
    errores, avisos = _problemas_del_archivo(carpeta, ruta, _etiqueta_de_campo(lista, etiquetas), idioma)
    if errores:
        ruta.unlink()
        raise Rechazo(errores)
    return Resultado(ruta, avisos)


def _volcar_registro(registro: dict) -> str:
    return yaml.safe_dump(registro, sort_keys=False, allow_unicode=True, width=1_000_000)


# --- Correcciones ---------------------------------------------------------------------------------

_REGISTRO = re.compile(r"(?<![a-z0-9-])(" + "|".join(CORREGIBLES) + r")/([a-z0-9]+(?:-[a-z0-9]+)*)(?![a-z0-9-])")


def _buscar_registro(carpeta: Path, valor: str) -> Path | None:
    """El archivo del registro nombrado por su página, su archivo o su id (solo dentro de datos/)."""
    candidatos = [(c, i) for c, i in _REGISTRO.findall(valor.lower())]
    if not candidatos and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", valor.strip().lower()):
        candidatos = [(c, valor.strip().lower()) for c in CORREGIBLES]
    for coleccion, ident in candidatos:
        ruta = nuevos.existente(carpeta / coleccion / f"{ident}.yml")
        if ruta is not None and ruta.is_file() and not ruta.is_symlink():
            return ruta
    return None


def _en_linea(valor) -> str:
    """Un valor como YAML de una línea, escrito por el volcador: los textos entre comillas dobles."""
    estilo = '"' if isinstance(valor, (str, list)) else None
    texto = yaml.safe_dump(valor, default_flow_style=True, default_style=estilo, allow_unicode=True,
                           width=1_000_000)
    return texto.removesuffix("\n...\n").rstrip("\n")


def _fin(texto: str, nodo) -> int:
    """Dónde termina el valor de ``nodo`` (sin los saltos de línea que le siguen)."""
    fin = nodo.end_mark.index
    while fin > nodo.start_mark.index and texto[fin - 1] in " \t\n":
        fin -= 1
    return fin


def _cambiar(texto: str, camino: tuple, valor) -> str | None:
    """``texto`` (un YAML) con el valor de ``camino`` cambiado por ``valor``, sin tocar nada más (el
    resto del archivo queda igual: la diferencia del pull request es solo ese valor). Si falta la
    última clave de un bloque, se añade al final del bloque. ``None`` si el archivo no tiene la forma
    habitual (un bloque en una línea, un alias...)."""
    nuevo = _en_linea(valor)
    nodo = yaml.compose(texto, Loader=CargadorYaml)
    for posicion, clave in enumerate(camino):
        if not isinstance(nodo, yaml.MappingNode) or nodo.flow_style:
            return None
        par = next((v for k, v in nodo.value if isinstance(k, yaml.ScalarNode) and k.value == clave), None)
        if par is None:
            if posicion != len(camino) - 1 or not nodo.value:
                return None
            ultima_clave, ultimo_valor = nodo.value[-1]
            fin = _fin(texto, ultimo_valor)
            # la clave es del modelo (no de quien propone); el valor, del volcador
            return texto[:fin] + "\n" + " " * ultima_clave.start_mark.column + f"{clave}: {nuevo}" + texto[fin:]
        nodo = par
    return texto[:nodo.start_mark.index] + nuevo + texto[_fin(texto, nodo):]


def _valor_corregido(propiedad: dict, texto: str):
    """La respuesta «Valor correcto» con el tipo del campo del modelo; ``ValueError`` con la clave del mensaje."""
    opciones_ = propiedad.get("anyOf", [propiedad])
    nulo = any(o.get("type") == "null" for o in opciones_)
    principal = next((o for o in opciones_ if o.get("type") != "null"), {})
    if nulo and texto.strip().lower() == "null":
        return None
    if principal.get("type") == "integer":
        if not _ENTERO.match(texto.strip()):
            raise ValueError("error_entero")
        return int(texto.strip())
    if principal.get("format") == "date":
        try:
            return _fecha(texto.strip())
        except ValueError:
            raise ValueError("error_fecha") from None
    if principal.get("type") == "array":  # regiones: «20, 24» o las opciones del formulario
        partes = [p.strip() for p in re.split(r"(?<=\)),\s*|,", texto) if p.strip()]
        return [_VALOR_DE_OPCION.search(p).group(1) if _VALOR_DE_OPCION.search(p) else p for p in partes]
    return " ".join(texto.split())


def _correccion(cuerpo: str, carpeta: Path, datos: Datos, idiomas: Idiomas, idioma: str) -> Resultado:
    respuestas, etiquetas, lista = _respuestas(cuerpo, "correccion", datos, idiomas, idioma)
    ruta = _buscar_registro(carpeta, respuestas["registro"])
    if ruta is None:
        raise Rechazo([(etiquetas["registro"], _mensaje("error_registro", idioma, valor=respuestas["registro"]))])
    if respuestas["campo"] == OTRO:
        raise Rechazo([(etiquetas["campo"], _mensaje("error_otro", idioma))])
    coleccion = ruta.parent.name
    camino = tuple(respuestas["campo"].split("."))
    propiedad = propiedades(COLECCIONES[coleccion][1]).get(camino[0])
    if propiedad is None or camino[0] in NO_CORREGIBLES or (len(camino) > 1) != propiedad.get("$ref", "").endswith("/Texto"):
        raise Rechazo([(etiquetas["campo"], _mensaje("error_campo_ajeno", idioma, carpeta=f"datos/{coleccion}/"))])
    try:
        valor = _valor_corregido(propiedad, respuestas["valor"])
    except ValueError as error:
        raise Rechazo([(etiquetas["valor"], _mensaje(str(error), idioma, valor=respuestas["valor"]))]) from None
    original = ruta.read_text(encoding="utf-8")
    anterior = yaml.load(original, Loader=CargadorYaml)
    actual = anterior
    for clave in camino:
        actual = actual.get(clave) if isinstance(actual, dict) else None
    if actual == valor:
        raise Rechazo([(etiquetas["valor"], _mensaje("error_sin_cambio", idioma))])
    texto = _cambiar(original, camino, valor)
    comprobado = yaml.load(texto, Loader=CargadorYaml) if texto is not None else None
    leido = comprobado
    for clave in camino:
        leido = leido.get(clave) if isinstance(leido, dict) else None
    if texto is None or leido != valor:  # la salvaguarda: el archivo dice exactamente el valor pedido
        raise Rechazo([(etiquetas["campo"], _mensaje("error_forma", idioma))])
    ruta.write_text(texto, encoding="utf-8")
    errores, avisos = _problemas_del_archivo(carpeta, ruta, lambda _: etiquetas["valor"], idioma)
    if errores:
        ruta.write_text(original, encoding="utf-8")
        raise Rechazo(errores)
    return Resultado(ruta, avisos)


# --- La orden ---------------------------------------------------------------------------------------


def desde_issue(cuerpo: str, carpeta: Path, datos: Datos, idiomas: Idiomas | None = None,
                idioma: str | None = None) -> Resultado:
    """Escribe (o corrige) el registro que propone el cuerpo de un issue de formulario, lo valida
    con el validador del proyecto y devuelve su ruta; :class:`Rechazo` con cada problema nombrado
    por la etiqueta del formulario. Un registro rechazado no queda escrito (una corrección
    rechazada deja el archivo como estaba). ``datos``: los datos ya cargados de ``carpeta``."""
    idiomas = idiomas or del_proyecto()
    idioma = idioma or idiomas.original
    formulario = tipo_de_formulario(cuerpo, idiomas)
    if formulario is None:
        raise Rechazo([("-", _mensaje("error_no_es_formulario", idioma))])
    if formulario == "correccion":
        return _correccion(cuerpo, Path(carpeta), datos, idiomas, idioma)
    return _nuevo(cuerpo, formulario, Path(carpeta), datos, idiomas, idioma)
