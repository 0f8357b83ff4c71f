"""Un error de pydantic (en inglés, con su ``loc``) → un :class:`~.problemas.Problema` en cada idioma,
con la línea y la columna del campo: qué falta, qué sobra (con el campo parecido o la sangría que
falla), qué tipo se esperaba y qué se encontró, qué valores se permiten y qué formato tiene cada
identificador.
"""

from __future__ import annotations

import datetime as dt
import difflib
import typing

from pydantic import BaseModel

from .idiomas import Idiomas
from . import caracteres, numeros
from .lector_yaml import Documento, describir_caracter
from .problemas import Problema, como_datos, detalle, nombres_de_idioma

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
    """El modelo de pydantic dentro de una anotación (``list[Foto]``, ``Texto | None``), o ``None``."""
    if isinstance(anotacion, type) and issubclass(anotacion, BaseModel):
        return anotacion
    for argumento in getattr(anotacion, "__args__", ()) or ():
        encontrado = _modelo_de(argumento)
        if encontrado is not None:
            return encontrado
    return None


def _mostrar(valor) -> str:
    """Un valor tal como se escribe en YAML (``null``, ``true``), recortado: para los que no están en
    :attr:`.Documento.escritos` (un texto, una lista)."""
    if valor is None:
        return "null"
    if isinstance(valor, bool):
        return "true" if valor else "false"
    return str(valor)[:80]


def _visible(texto: str) -> str:
    """``texto`` con cada carácter que no se ve (o que se confunde) escrito como ``\\u200b``."""
    return caracteres.NO_VALEN_EN_DIRECCION.sub(lambda m: f"\\u{ord(m.group()):04x}", texto)[:200]


def _lista(valores) -> dict[str, str]:
    """``['a', 'b', 'c']`` → «a», «b» o «c» (“a”, “b” or “c”...), en cada idioma."""
    partes = [detalle("lista-o.valor", valor=v) for v in valores]
    if len(partes) == 1:
        return partes[0]
    anteriores = {idioma: ", ".join(parte[idioma] for parte in partes[:-1]) for idioma in partes[0]}
    return detalle("lista-o.ultimo", anteriores=anteriores, ultimo=partes[-1])


# Un ejemplo de identificador válido para cada campo que lo pide.
_EJEMPLOS_ID = {"fuente": "migrandina-oit", "componente": "induccion-sensibilizacion"}


def traducir_error(doc: Documento, modelo: type[BaseModel], error: dict, idiomas: Idiomas) -> Problema:
    """Un error de pydantic → un :class:`Problema` en cada idioma, con su línea: el original de un texto
    que falta, un campo que falta o sobra (con el parecido o la sangría que falla), un valor vacío, un
    número que no es solo cifras (:mod:`.numeros`), el tipo esperado (entero, texto, fecha, fecha con
    hora, lista, bloque), un valor que no está entre los permitidos, una dirección que no es lo que
    parece (:mod:`.direcciones`) y el formato de ids, regiones, fotos y direcciones. Lo demás, con el
    mensaje de pydantic tal cual."""
    camino = tuple(p for p in error["loc"] if not (isinstance(p, str) and ("[" in p or p in ("int", "none", "function-after"))))
    tipo = error["type"]
    valor = error.get("input")
    texto_valor = doc.escritos.get(camino) or _mostrar(valor)  # tal como se escribió: «yes», «True»
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
    if tipo in ("int_type", "int_parsing") and numeros.parece_numero(valor):  # 030, 1:30, 0x1E, 1_000...
        return doc.problema(camino, "numero-no-decimal", **numeros.revisar(valor))
    if tipo in ("int_type", "int_from_float", "int_parsing"):
        return doc.problema(camino, "tipo-entero", valor=texto_valor)
    if tipo == "greater_than_equal":
        return doc.problema(camino, "no-negativo", valor=texto_valor)
    if tipo == "string_type":
        return doc.problema(camino, "tipo-texto", valor=texto_valor)
    if tipo == "string_too_short":
        return doc.problema(camino, "texto-vacio")
    if isinstance(valor, dt.datetime) and tipo.startswith("date"):  # 2012-03-04T10:00:00
        return doc.problema(camino, "fecha-con-hora", valor=texto_valor, fecha=valor.date().isoformat())
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
    if tipo == "direccion_caracter":
        caracter = error["ctx"]["caracter"]
        return doc.problema(camino, "direccion-caracter", valor=_visible(valor), posicion=error["ctx"]["posicion"],
                            **describir_caracter(caracter))
    if tipo == "direccion_usuario":
        return doc.problema(camino, "direccion-usuario", valor=texto_valor, usuario=error["ctx"]["usuario"],
                            servidor=error["ctx"]["servidor"])
    if tipo == "direccion_servidor":
        return doc.problema(camino, "direccion-servidor", valor=_visible(valor), servidor=_visible(error["ctx"]["servidor"]))
    if tipo == "string_pattern_mismatch":
        if campo in ("region", "regiones") or (campo == "id" and camino[:1] == ("regiones",)):
            return doc.problema(camino, "formato-region", valor=texto_valor)
        if campo == "documento":
            if isinstance(valor, str) and (raro := caracteres.NO_VALEN_EN_DIRECCION.search(valor)):
                return doc.problema(camino, "direccion-caracter", valor=_visible(valor), posicion=raro.start() + 1,
                                    **describir_caracter(raro.group()))
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
