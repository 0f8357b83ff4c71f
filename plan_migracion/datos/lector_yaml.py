"""Lectura segura de YAML conservando la línea de cada valor.

Solo se aceptan los tipos básicos de YAML (texto, número, fecha, booleano,
nulo, lista, bloque). Las etiquetas que construyen objetos (``!!python/...``)
y los alias (``*ancla``, base de las «bombas» de expansión) se rechazan sin
expandir nada. Cada valor queda asociado a su línea y columna, para que los
mensajes de error digan dónde está el problema.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import caracteres, linea_del_editor, numeros
from .errores_del_sistema import NoEsArchivoNormal, motivo_oserror
from .numeros import CargadorDatos
from .problemas import Problema, como_datos, detalle, mensajes

TAMANO_MAXIMO = 1_000_000  # bytes por archivo: un registro ocupa pocos KB
# Listas y bloques uno dentro de otro: un registro usa cuatro (taller → galeria → foto → pie);
# el límite evita que cientos de niveles agoten la pila al construir el valor.
PROFUNDIDAD_MAXIMA = 20

_ETIQUETAS_BASICAS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}

Ubicacion = tuple[int, int]  # (línea, columna), ambas desde 1
Camino = tuple  # claves y posiciones desde la raíz: ("regiones", 3, "nombre", "en")


@dataclass
class Documento:
    """Un archivo YAML leído: su valor y la ubicación de cada parte."""

    ruta: str
    valor: object = None
    ubicaciones: dict[Camino, Ubicacion] = field(default_factory=dict)
    # Cómo se escribió cada valor que no es un texto (``True``, ``2012-03-04T10:00:00``): así lo
    # muestran los mensajes.
    escritos: dict[Camino, str] = field(default_factory=dict)
    # La línea del editor («# yaml-language-server: $schema=...») y su número, si la tiene.
    linea_del_editor: tuple[int, str] | None = None
    problemas: list[Problema] = field(default_factory=list)

    def ubicacion(self, camino: Camino) -> Ubicacion:
        """La ubicación del camino o, si no existe (campo que falta), la de su padre."""
        camino = tuple(camino)
        while camino not in self.ubicaciones and camino:
            camino = camino[:-1]
        return self.ubicaciones.get(camino, (1, 1))

    def problema(self, camino: Camino, codigo: str, nivel: str = "error", **datos) -> Problema:
        linea, columna = self.ubicacion(camino)
        return Problema(self.ruta, linea, nombre_campo(camino), codigo, datos, columna, nivel)


def nombre_campo(camino: Camino) -> str:
    """``("regiones", 3, "nombre", "en")`` → ``regiones[4].nombre.en`` (posiciones desde 1)."""
    partes: list[str] = []
    for paso in camino:
        if isinstance(paso, int):
            partes.append(f"[{paso + 1}]")
        else:
            partes.append(("." if partes else "") + str(paso))
    return "".join(partes)


def leer_yaml(ruta: Path, nombre: str | None = None) -> Documento:
    """Lee un archivo YAML. Nunca lanza excepciones por datos malos: las anota en ``problemas``."""
    doc = Documento(nombre or str(ruta))
    try:
        crudo, tamano = _leer_bytes(ruta)
    except OSError as exc:
        doc.problemas.append(Problema(doc.ruta, 1, "", "archivo-ilegible", motivo_oserror(exc)))
        return doc
    if tamano > TAMANO_MAXIMO:
        doc.problemas.append(Problema(doc.ruta, 1, "", "archivo-demasiado-grande",
                                      {"tamano": tamano, "maximo": TAMANO_MAXIMO}))
        return doc
    if (codificacion := _otra_codificacion(crudo)) is not None:
        doc.problemas.append(Problema(doc.ruta, 1, "", "archivo-otra-codificacion", {"codificacion": codificacion}))
        return doc
    try:
        texto = crudo.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        linea = crudo[: exc.start].count(b"\n") + 1
        inicio_linea = crudo.rfind(b"\n", 0, exc.start) + 1
        columna = len(crudo[inicio_linea: exc.start].decode("utf-8", "replace")) + 1
        byte = crudo[exc.start]
        if 0x80 <= byte <= 0x9F and _es_windows_1252(crudo):
            # en ISO-8859-1 esos bytes son controles invisibles; en Windows-1252, comillas, rayas, «€»...
            doc.problemas.append(Problema(doc.ruta, linea, "", "archivo-windows-1252",
                                          {"byte": f"0x{byte:02X}", "caracter": bytes([byte]).decode("cp1252")},
                                          columna))
        else:
            doc.problemas.append(Problema(doc.ruta, linea, "", "archivo-no-utf8", {"byte": f"0x{byte:02X}"}, columna))
        return doc
    doc.linea_del_editor = linea_del_editor.buscar(texto)
    if not texto.strip() or all(
        not l.strip() or l.lstrip().startswith("#") for l in texto.splitlines()
    ):
        doc.problemas.append(Problema(doc.ruta, 1, "", "archivo-vacio"))
        return doc
    for numero, linea in enumerate(texto.splitlines(), start=1):
        sangria = linea[: len(linea) - len(linea.lstrip(" \t"))]
        if "\t" in sangria:
            doc.problemas.append(Problema(doc.ruta, numero, "", "yaml-tabulador", {},
                                          sangria.index("\t") + 1))
            return doc
    cargador = CargadorDatos(texto)
    try:
        if _revisar_eventos(texto, doc):
            return doc
        nodo = cargador.get_single_node()
    except yaml.MarkedYAMLError as exc:
        if (comillas := _comillas_que_siguen(texto, exc)) is not None:
            doc.problemas.append(Problema(
                doc.ruta, comillas[0], "", "yaml-sintaxis",
                como_datos("detalle", detalle("comillas-hasta", linea=comillas[2])), comillas[1]))
            return doc
        detalle_error, en_la_apertura = _traducir_error_yaml(exc)
        # unas comillas o una llave sin cerrar: se señala dónde se abren, no dónde acaba el archivo
        marca = (exc.context_mark if en_la_apertura else None) or exc.problem_mark or exc.context_mark
        doc.problemas.append(Problema(doc.ruta, marca.line + 1 if marca else 1, "", "yaml-sintaxis",
                                      detalle_error, marca.column + 1 if marca else None))
        return doc
    except yaml.reader.ReaderError as exc:  # un carácter que YAML no admite en el archivo
        doc.problemas.append(_problema_caracter(doc, texto, exc))
        return doc
    except yaml.YAMLError as exc:
        doc.problemas.append(Problema(doc.ruta, 1, "", "yaml-sintaxis",
                                      como_datos("detalle", detalle("tal-cual", texto=str(exc)))))
        return doc
    finally:
        cargador.dispose()
    if nodo is None:
        doc.problemas.append(Problema(doc.ruta, 1, "", "archivo-vacio"))
        return doc
    doc.valor = _construir(nodo, (), doc, set(), cargador)
    if doc.valor is None and not doc.problemas:  # solo «---» o «~»
        doc.problemas.append(Problema(doc.ruta, 1, "", "archivo-vacio"))
    return doc


# Marcas de orden de bytes (BOM) de las codificaciones que no son UTF-8; las de UTF-32 primero
# (la de UTF-32 LE empieza como la de UTF-16 LE).
_BOM = ((b"\xff\xfe\x00\x00", "UTF-32 LE"), (b"\x00\x00\xfe\xff", "UTF-32 BE"),
        (b"\xff\xfe", "UTF-16 LE"), (b"\xfe\xff", "UTF-16 BE"))


def _otra_codificacion(crudo: bytes) -> str | None:
    """El nombre de la codificación del archivo si se reconoce una que no es UTF-8: UTF-16 o UTF-32
    por su marca de orden de bytes, o UTF-16 sin marca (un byte nulo en cada par, lo que un texto en
    UTF-8 no tiene). ``None`` si no es ninguna de ellas."""
    for marca, nombre in _BOM:
        if crudo.startswith(marca):
            return nombre
    inicio = crudo[:200]
    if len(inicio) >= 4 and b"\x00" not in inicio[0::2] and inicio[1::2].count(0) == len(inicio[1::2]):
        return "UTF-16 LE"
    if len(inicio) >= 4 and b"\x00" not in inicio[1::2] and inicio[0::2].count(0) == len(inicio[0::2]):
        return "UTF-16 BE"
    return None


def _es_windows_1252(crudo: bytes) -> bool:
    """¿Se lee ``crudo`` entero como Windows-1252?"""
    try:
        crudo.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _comillas_que_siguen(texto: str, exc: yaml.MarkedYAMLError) -> tuple[int, int, int] | None:
    """¿El error viene de unas comillas que no se cerraron en su línea? ``(línea, columna, línea del
    cierre)`` de esas comillas, o ``None``.

    Un texto entre comillas puede seguir en las líneas siguientes (YAML lo permite): si falta la
    comilla de cierre, el texto se traga los campos de abajo hasta la próxima comilla, y el error
    aparece donde termina, como «la sangría no es coherente». Se señala la apertura si el error
    está en la línea donde terminan esas comillas o en la siguiente.
    """
    marca = exc.problem_mark or exc.context_mark
    if marca is None:
        return None
    encontradas = None
    try:
        for ficha in yaml.scan(texto, Loader=CargadorDatos):
            if ficha.start_mark.line > marca.line:
                break
            if (isinstance(ficha, yaml.ScalarToken) and ficha.style in ('"', "'")
                    and ficha.end_mark.line > ficha.start_mark.line):
                encontradas = ficha
    except yaml.YAMLError:
        pass
    if encontradas is None or not 0 <= marca.line - encontradas.end_mark.line <= 1:
        return None
    return encontradas.start_mark.line + 1, encontradas.start_mark.column + 1, encontradas.end_mark.line + 1


def _leer_bytes(ruta: Path) -> tuple[bytes, int]:
    """El contenido de un archivo normal y su tamaño, sin leer más de lo permitido.

    Una FIFO o un dispositivo no se leen (se abren sin esperar y se rechazan): ``OSError``.
    """
    with open(ruta, "rb", opener=lambda camino, banderas: os.open(camino, banderas | os.O_NONBLOCK)) as f:
        estado = os.fstat(f.fileno())
        if not stat.S_ISREG(estado.st_mode):
            raise NoEsArchivoNormal(str(ruta))
        return f.read(TAMANO_MAXIMO + 1), estado.st_size


def _revisar_eventos(texto: str, doc: Documento) -> bool:
    """Anota el primer alias (``*ancla``) y el primer exceso de anidamiento, sin construir nada.
    ¿Había alguno?

    Solo se recorren los eventos del analizador (sin recursión y, con la profundidad acotada,
    lineal en el tamaño del archivo): una «bomba» de alias se rechaza sin expandirla, y cientos
    de listas anidadas, sin agotar la pila. El recorrido se detiene en el primer nivel de más:
    el analizador de libyaml tarda un tiempo cuadrático en la profundidad de las listas
    ``[[[...]]]`` (varios minutos con 400.000 niveles, que caben en el tamaño permitido).
    """
    primero, cuantos, profundidad = None, 0, 0
    for evento in yaml.parse(texto, Loader=CargadorDatos):
        if isinstance(evento, yaml.AliasEvent):
            cuantos += 1
            primero = primero or evento.start_mark
        elif isinstance(evento, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            profundidad += 1
            if profundidad > PROFUNDIDAD_MAXIMA:
                marca = evento.start_mark
                doc.problemas.append(Problema(doc.ruta, marca.line + 1, "", "yaml-demasiado-profundo",
                                              {"maximo": PROFUNDIDAD_MAXIMA}, marca.column + 1))
                return True
        elif isinstance(evento, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            profundidad -= 1
    if primero is not None:
        doc.problemas.append(Problema(doc.ruta, primero.line + 1, "", "yaml-alias", {"cuantos": cuantos},
                                      primero.column + 1))
    return primero is not None


def describir_caracter(caracter: str) -> dict[str, str]:
    """``{"caracter": "U+202E", "descripcion": ..., "descripcion_en": ...}`` para un mensaje."""
    nombre = unicodedata.name(caracter, "")
    descripcion = detalle(f"caracter.{caracteres.clase(caracter)}")
    if nombre:
        descripcion = detalle("caracter.con-nombre", descripcion=descripcion, nombre=nombre)
    return {"caracter": f"U+{ord(caracter):04X}", **como_datos("descripcion", descripcion)}


def _problema_caracter(doc: Documento, texto: str, exc) -> Problema:
    """Un carácter que el lector de YAML rechazó, con su línea y columna.

    El lector se detiene en el primer carácter no admitido: su primera aparición en el texto es
    el lugar (la ``position`` del error cuenta bytes en el cargador en C y caracteres en el de Python).
    """
    caracter = exc.character if isinstance(exc.character, str) else chr(exc.character)
    posicion = texto.find(caracter)
    if posicion < 0:  # no debería ocurrir; se señala el principio del archivo
        posicion = 0
    anteriores = texto[:posicion]
    linea = anteriores.count("\n") + 1
    columna = posicion - (anteriores.rfind("\n") + 1) + 1
    return Problema(doc.ruta, linea, "", "caracter-no-permitido", describir_caracter(caracter), columna)


def _revisar_texto(valor: str, camino: Camino, doc: Documento) -> bool:
    """¿``valor`` está libre de caracteres prohibidos? Si no, anota el primero."""
    encontrado = caracteres.PROHIBIDOS.search(valor)
    if encontrado is None:
        return True
    doc.problemas.append(doc.problema(camino, "caracter-no-permitido", **describir_caracter(encontrado.group())))
    return False


# Errores del analizador YAML (en inglés) → explicación para quien edita: la sección «errores_yaml»
# de mensajes/<idioma>.yml. Por el contexto, no por el comienzo del error: las comillas sin cerrar.
_COMILLAS_SIN_CERRAR = "while scanning a quoted scalar"


def _traducir_error_yaml(exc: yaml.MarkedYAMLError) -> tuple[dict[str, str], bool]:
    """El detalle del error en los dos idiomas, y si hay que señalar dónde empieza lo que no se cerró."""
    problema = (exc.problem or exc.context or "").strip()
    contexto = (exc.context or "").strip()
    explicaciones = mensajes("errores_yaml")
    if contexto.startswith(_COMILLAS_SIN_CERRAR):
        return como_datos("detalle", explicaciones[_COMILLAS_SIN_CERRAR]), True
    for ingles, explicacion in explicaciones.items():
        if ingles != _COMILLAS_SIN_CERRAR and problema.startswith(ingles):
            return como_datos("detalle", explicacion), problema.startswith("did not find expected ','")
    return como_datos("detalle", detalle("error-yaml-sin-explicar", mensaje=problema or str(exc))), False


def _construir(nodo, camino: Camino, doc: Documento, vistos: set, cargador):
    """Convierte un nodo en valor Python anotando su ubicación; sin expandir alias."""
    if id(nodo) in vistos:  # un alias: el mismo nodo aparece otra vez
        doc.problemas.append(doc.problema(camino, "yaml-alias"))
        return None
    vistos.add(id(nodo))
    doc.ubicaciones[camino] = (nodo.start_mark.line + 1, nodo.start_mark.column + 1)
    if isinstance(nodo, yaml.ScalarNode) and numeros.es_numero_a_revisar(nodo):
        # Tal como se escribió: un texto («08» es un código de región), salvo un decimal con fracción.
        # Si el campo pide un número, el modelo lo rechaza y errores_de_modelo explica qué escribir.
        doc.escritos[camino] = nodo.value
        decimal = numeros.decimal(nodo.value)
        if decimal is None and not _revisar_texto(nodo.value, camino, doc):
            return None
        return nodo.value if decimal is None else decimal
    if nodo.tag not in _ETIQUETAS_BASICAS:
        etiqueta = nodo.tag.replace("tag:yaml.org,2002:", "!!")
        doc.problemas.append(doc.problema(camino, "yaml-etiqueta", etiqueta=etiqueta))
        return None
    if isinstance(nodo, yaml.MappingNode):
        resultado: dict = {}
        for clave_nodo, valor_nodo in nodo.value:
            if not isinstance(clave_nodo, yaml.ScalarNode) or clave_nodo.tag != "tag:yaml.org,2002:str":
                clave = str(getattr(clave_nodo, "value", "?"))[:40] if isinstance(clave_nodo, yaml.ScalarNode) else "?"
                doc.ubicaciones[camino + (clave,)] = (clave_nodo.start_mark.line + 1, clave_nodo.start_mark.column + 1)
                doc.problemas.append(doc.problema(camino + (clave,), "yaml-clave-no-texto"))
                continue
            clave = clave_nodo.value
            if caracteres.PROHIBIDOS.search(clave):
                doc.ubicaciones[camino + (clave,)] = (clave_nodo.start_mark.line + 1, clave_nodo.start_mark.column + 1)
                _revisar_texto(clave, camino + (clave,), doc)
                continue
            if clave in resultado:
                doc.ubicaciones[camino + (clave,)] = (clave_nodo.start_mark.line + 1, clave_nodo.start_mark.column + 1)
                doc.problemas.append(doc.problema(camino + (clave,), "yaml-clave-repetida", clave=clave))
                continue
            resultado[clave] = _construir(valor_nodo, camino + (clave,), doc, vistos, cargador)
            # el campo se ubica en la línea de su nombre
            doc.ubicaciones[camino + (clave,)] = (clave_nodo.start_mark.line + 1, clave_nodo.start_mark.column + 1)
        return resultado
    if isinstance(nodo, yaml.SequenceNode):
        return [_construir(v, camino + (i,), doc, vistos, cargador) for i, v in enumerate(nodo.value)]
    if nodo.tag != "tag:yaml.org,2002:str":
        doc.escritos[camino] = nodo.value
    try:
        valor = cargador.construct_object(nodo, deep=True)
    except (ValueError, yaml.constructor.ConstructorError) as exc:
        if nodo.tag == "tag:yaml.org,2002:timestamp":
            doc.problemas.append(doc.problema(camino, "fecha-imposible", valor=nodo.value,
                                              **como_datos("detalle", _traducir_fecha(str(exc)))))
        else:
            doc.problemas.append(doc.problema(camino, "valor-invalido",
                                              **como_datos("detalle", detalle("tal-cual", texto=str(exc)))))
        return None
    if isinstance(valor, str) and not _revisar_texto(valor, camino, doc):
        return None
    return valor


def _traducir_fecha(mensaje: str) -> dict[str, str]:
    """Por qué una fecha es imposible, en cada idioma, según el error (en inglés) de Python."""
    for ingles, clave in (("day is out of range", "dia"), ("month must be", "mes"), ("year", "anio")):
        if ingles in mensaje:
            return detalle(f"fecha-imposible.{clave}")
    return detalle("tal-cual", texto=mensaje)
