"""Formularios de GitHub para proponer un taller, un convenio o una corrección, y el registro que
sale de cada propuesta (``plan.py desde-issue``).

Los campos de cada formulario se definen una sola vez, aquí (:data:`FORMULARIOS`): de ellos salen
los formularios de ``.github/ISSUE_TEMPLATE/`` (:func:`formularios`, que escribe
``scripts/esquemas.py``) y la lectura de lo que GitHub escribe en el issue (:func:`desde_issue`).
Las listas cerradas (regiones, fuentes cooperantes, componentes, niveles y estados de un convenio,
campos de un registro) salen de ``datos/`` y de los modelos, nunca de una lista escrita a mano; las
etiquetas, de ``vistas/textos/<idioma>.yml`` (bloque ``formularios``), en cada idioma del sitio.

El texto de quien propone es un dato: se lee de los encabezados ``### Etiqueta``, se convierte al
tipo del campo y se escribe con el volcador de YAML (nunca pegando texto), sin evaluar nada. Cada
problema nombra la etiqueta del campo del formulario, no una línea de YAML.
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
from ..vistas.textos import nombre_idioma, t
from . import nuevos

# --- Campos de los formularios ---------------------------------------------------------------


@dataclass(frozen=True)
class Campo:
    """Un campo de un formulario: cómo se pregunta y dónde va su respuesta en el registro."""

    id: str  # id del campo en el formulario (y, con un idioma, ``<id>_<idioma>``)
    tipo: str  # input, textarea, dropdown o checkboxes (los tipos de los formularios de GitHub)
    texto: str  # clave de la etiqueta en el bloque «formularios» de vistas/textos
    clave: tuple = ()  # dónde va en el registro; () si no va en él (solo para quien revisa)
    obligatorio: bool = False
    conversion: str = "texto"  # texto, fecha, entero, opcion, opciones, url, confirmacion
    opciones: str | None = None  # qué lista cerrada ofrece (clave de :func:`opciones`)
    ayuda: str | None = None  # clave del texto de ayuda
    ejemplo: str | None = None
    idioma: str | None = None  # para un texto del registro: en qué idioma se escribe
    bilingue: bool = False  # un texto del registro: un campo por idioma del sitio


def _c(*args, **kwargs) -> Campo:
    return Campo(*args, **kwargs)


CONFIRMACION = _c("confirmacion", "checkboxes", "confirmacion", obligatorio=True, conversion="confirmacion")
FUENTE_PUBLICA = _c("fuente_publica", "textarea", "fuente_publica", obligatorio=True, ayuda="fuente_publica_ayuda")

# Formulario → (tipo de registro que crea, sus campos en orden). Un texto del registro (bilingue=True)
# se pregunta una vez por idioma: el original es obligatorio si el campo lo es; las traducciones, no
# (si falta una, el validador avisa y la página lo dice).
FORMULARIOS: dict[str, tuple[str | None, tuple[Campo, ...]]] = {
    "taller": ("taller", (
        _c("fecha", "input", "fecha", ("fecha",), True, "fecha", ejemplo="2012-05-10"),
        _c("lugar_archivo", "input", "lugar_archivo", (), True, ayuda="lugar_archivo_ayuda", ejemplo="Piura"),
        _c("nombre", "input", "nombre", ("nombre",), True, bilingue=True),
        _c("lugar", "input", "lugar", ("lugar",), True, bilingue=True),
        _c("fuente", "dropdown", "fuente", ("fuente",), True, "opcion", "fuentes"),
        _c("componente", "dropdown", "componente", ("componente",), True, "opcion", "componentes"),
        _c("participantes", "input", "participantes", ("participantes",), False, "entero",
           ayuda="participantes_ayuda"),
        _c("representacion", "textarea", "representacion", ("representacion",), True, bilingue=True),
        _c("regiones", "dropdown", "regiones", ("regiones",), True, "opciones", "regiones"),
        _c("observaciones", "textarea", "observaciones", ("observaciones",), False, bilingue=True),
        FUENTE_PUBLICA, CONFIRMACION)),
    "convenio": ("convenio", (
        _c("fecha_firma", "input", "fecha_firma", ("fecha_firma",), True, "fecha", ejemplo="2012-05-10"),
        _c("lugar_archivo", "input", "lugar_archivo", (), True, ayuda="lugar_archivo_ayuda", ejemplo="Piura"),
        _c("parte", "input", "parte", ("parte",), True, bilingue=True),
        _c("nivel", "dropdown", "nivel", ("nivel",), True, "opcion", "nivel"),
        _c("region", "dropdown", "region", ("region",), True, "opcion", "regiones"),
        _c("vigencia_hasta", "input", "vigencia_hasta", ("vigencia_hasta",), False, "fecha"),
        _c("objeto", "textarea", "objeto", ("objeto",), True, bilingue=True),
        _c("estado", "dropdown", "estado", ("estado",), True, "opcion", "estado"),
        _c("documento", "input", "documento", ("documento",), False, "url", ejemplo="https://"),
        _c("fuente_informacion", "textarea", "fuente_informacion", ("fuente_informacion",), True, bilingue=True),
        _c("observaciones", "textarea", "observaciones", ("observaciones",), False, bilingue=True),
        CONFIRMACION)),
    "correccion": (None, (
        _c("registro", "input", "registro", (), True, ayuda="registro_ayuda"),
        _c("campo", "dropdown", "campo", (), True, "opcion", "campos"),
        _c("valor", "textarea", "valor", (), True, ayuda="valor_ayuda"),
        _c("motivo", "textarea", "motivo", (), True),
        FUENTE_PUBLICA, CONFIRMACION)),
}

# Registros que se pueden corregir con el formulario, y campos que no se ofrecen (el id cambia el
# nombre del archivo; listas de bloques como la galería se corrigen a mano).
CORREGIBLES = ("talleres", "convenios", "fuentes")
NO_CORREGIBLES = {"id", "observaciones", "galeria"}
OTRO = "otro"
SIN_RESPUESTA = "_No response_"


def _idiomas(idiomas: Idiomas | None) -> Idiomas:
    return idiomas or del_proyecto()


def campos(formulario: str, idiomas: Idiomas | None = None) -> list[Campo]:
    """Los campos de ``formulario``, con un campo por idioma para cada texto del registro."""
    idiomas = _idiomas(idiomas)
    resultado = []
    for campo in FORMULARIOS[formulario][1]:
        if not campo.bilingue:
            resultado.append(campo)
            continue
        for codigo in idiomas:
            resultado.append(Campo(
                f"{campo.id}_{codigo}", campo.tipo, campo.texto, (*campo.clave, codigo),
                campo.obligatorio and codigo == idiomas.original, campo.conversion, idioma=codigo))
    return resultado


def etiqueta(campo: Campo, idiomas: Idiomas | None = None) -> str:
    """«Fecha del taller (AAAA-MM-DD) / Workshop date (YYYY-MM-DD)»: la de cada idioma del sitio."""
    idiomas = _idiomas(idiomas)
    partes = []
    for i in idiomas:
        texto = t(f"formularios.{campo.texto}", i)
        if campo.idioma:
            texto = t("formularios.en_idioma", i, campo=texto, lengua=nombre_idioma(campo.idioma, i))
        partes.append(texto)
    return " / ".join(partes)


def _en_cada_idioma(clave: str, idiomas: Idiomas, separador: str = " / ") -> str:
    return separador.join(t(f"formularios.{clave}", i) for i in idiomas)


# --- Listas cerradas, de datos/ y de los modelos --------------------------------------------------


def _opcion(textos: list[str], valor: str) -> str:
    """«Piura (20)», «Organización Internacional para las Migraciones - OIM / International
    Organization for Migration - IOM (oim)»: el texto en cada idioma (sin repetir) y el valor."""
    distintos = list(dict.fromkeys(x for x in textos if x))
    return f"{' / '.join(distintos)} ({valor})"


def _literales(modelo, nombre: str) -> list[str]:
    return list(modelo.model_json_schema()["properties"][nombre]["enum"])


def _propiedades(modelo) -> dict:
    return modelo.model_json_schema()["properties"]


def campos_corregibles(idiomas: Idiomas | None = None) -> list[tuple[str, str]]:
    """``[(ruta, título)]`` de los campos que el formulario de corrección ofrece: los de los modelos
    de :data:`CORREGIBLES`, con un campo por idioma en los textos (``nombre.es``)."""
    idiomas = _idiomas(idiomas)
    vistos: dict[str, str] = {}
    for coleccion in CORREGIBLES:
        for nombre, propiedad in _propiedades(COLECCIONES[coleccion][1]).items():
            if nombre in NO_CORREGIBLES:
                continue
            titulo = propiedad.get("title", nombre)
            if propiedad.get("$ref", "").endswith("/Texto"):
                for codigo in idiomas:
                    vistos.setdefault(f"{nombre}.{codigo}", f"{titulo} — {nombre_idioma(codigo, idiomas.original)}")
            else:
                vistos.setdefault(nombre, titulo)
    return list(vistos.items())


def opciones(datos: Datos, idiomas: Idiomas | None = None) -> dict[str, list[tuple[str, str]]]:
    """Cada lista cerrada como ``[(texto de la opción, valor)]``, de ``datos`` y de los modelos."""
    idiomas = _idiomas(idiomas)
    convenio = COLECCIONES["convenios"][1]

    def textos(texto) -> list[str]:
        return [texto.en_idioma(i) for i in idiomas]

    def de_vistas(seccion: str, valor: str) -> list[str]:
        return [t(f"{seccion}_{valor}", i) for i in idiomas]

    resultado = {
        "regiones": [(_opcion(textos(r.nombre), r.id), r.id) for r in datos.regiones],
        "fuentes": [(_opcion(textos(f.nombre), f.id), f.id) for f in sorted(datos.fuentes, key=lambda f: f.orden)],
        "componentes": [(_opcion(textos(c.titulo), c.id), c.id) for c in datos.componentes],
        "nivel": [(_opcion(de_vistas("convenios.nivel", v), v), v) for v in _literales(convenio, "nivel")],
        "estado": [(_opcion(de_vistas("convenios.estado", v), v), v) for v in _literales(convenio, "estado")],
        "campos": [(f"{titulo} ({ruta})", ruta) for ruta, titulo in campos_corregibles(idiomas)]
                  + [(_opcion([t("formularios.otro", i) for i in idiomas], OTRO), OTRO)],
    }
    for nombre, lista in resultado.items():
        for texto, _ in lista:
            # GitHub separa con «, » las opciones elegidas de una lista múltiple.
            if ", " in texto:
                raise ValueError(f"la opción «{texto}» de la lista «{nombre}» lleva «, »: no se podría leer")
    return resultado


# --- Los formularios (.github/ISSUE_TEMPLATE/) ---------------------------------------------------

CABECERA = ("# Generado por scripts/esquemas.py a partir de datos/ y de plan_migracion/salidas/formularios.py:\n"
            "# no lo edite a mano (una prueba falla si queda desactualizado).\n")
ETIQUETA_ISSUE = "formulario"  # etiqueta que GitHub pone a los issues de estos formularios (si existe)


def _elemento(campo: Campo, listas: dict, idiomas: Idiomas) -> dict:
    atributos: dict = {"label": etiqueta(campo, idiomas)}
    if campo.ayuda:
        atributos["description"] = _en_cada_idioma(campo.ayuda, idiomas)
    if campo.tipo == "dropdown":
        atributos["options"] = [texto for texto, _ in listas[campo.opciones]]
        if campo.conversion == "opciones":
            atributos["multiple"] = True
    elif campo.tipo == "checkboxes":
        atributos["options"] = [{"label": _en_cada_idioma("confirmo", idiomas), "required": True}]
    elif campo.ejemplo:
        atributos["placeholder"] = campo.ejemplo
    elemento = {"type": campo.tipo, "id": campo.id, "attributes": atributos}
    if campo.tipo != "checkboxes":
        elemento["validations"] = {"required": campo.obligatorio}
    return elemento


def formulario(nombre: str, datos: Datos, idiomas: Idiomas | None = None) -> dict:
    """El formulario ``nombre`` como lo lee GitHub (``name``, ``description``, ``body``...)."""
    idiomas = _idiomas(idiomas)
    listas = opciones(datos, idiomas)
    introduccion = _en_cada_idioma("introduccion", idiomas, "\n\n")
    if FORMULARIOS[nombre][0] is not None:
        introduccion += "\n\n" + _en_cada_idioma("fotos", idiomas, "\n\n")
    return {
        "name": _en_cada_idioma(f"{nombre}_nombre", idiomas),
        "description": _en_cada_idioma(f"{nombre}_descripcion", idiomas),
        "title": f"[{t(f'formularios.{nombre}_nombre', idiomas.original)}] ",
        "labels": [ETIQUETA_ISSUE],
        "body": [{"type": "markdown", "attributes": {"value": introduccion}}]
                + [_elemento(c, listas, idiomas) for c in campos(nombre, idiomas)],
    }


def formularios(datos: Datos, idiomas: Idiomas | None = None) -> dict[str, str]:
    """``{"taller.yml": <texto YAML>, ..., "config.yml": ...}``: el contenido de ``.github/ISSUE_TEMPLATE/``."""
    resultado = {f"{nombre}.yml": CABECERA + _volcar(formulario(nombre, datos, idiomas)) for nombre in FORMULARIOS}
    resultado["config.yml"] = CABECERA + _volcar({"blank_issues_enabled": True})
    return resultado


def _volcar(valor) -> str:
    return yaml.safe_dump(valor, sort_keys=False, allow_unicode=True, width=100)


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
    idiomas = _idiomas(idiomas)
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
    propiedad = _propiedades(COLECCIONES[coleccion][1]).get(camino[0])
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
    idiomas = _idiomas(idiomas)
    idioma = idioma or idiomas.original
    formulario = tipo_de_formulario(cuerpo, idiomas)
    if formulario is None:
        raise Rechazo([("-", _mensaje("error_no_es_formulario", idioma))])
    if formulario == "correccion":
        return _correccion(cuerpo, Path(carpeta), datos, idiomas, idioma)
    return _nuevo(cuerpo, formulario, Path(carpeta), datos, idiomas, idioma)
