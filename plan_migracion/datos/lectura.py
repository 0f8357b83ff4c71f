"""Lee cada colección de ``datos/`` y valida cada archivo contra su modelo (:mod:`.modelos`).

Por archivo: el YAML (:mod:`.lector_yaml`), los huecos de plantilla sin llenar, el modelo
(los errores de pydantic, traducidos por :mod:`.errores_de_modelo`) y las traducciones que
faltan (un aviso).
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import modelos as m
from .errores_de_modelo import traducir_error
from .idiomas import Idiomas
from .inventario import COLECCIONES, relativa
from .lector_yaml import Documento, leer_yaml, nombre_campo
from .modelos import MARCADOR
from .problemas import Problema, nombres_de_idioma


def leer_coleccion(carpeta: Path, nombre: str, aceptados: set[Path], problemas: list[Problema],
                   idiomas: Idiomas) -> list[tuple[Documento, BaseModel | None]]:
    """Lee los archivos de la colección ``nombre`` (de :data:`.inventario.COLECCIONES`) que el
    inventario aceptó y valida cada uno con su modelo: ``(documento, registro)`` por archivo, con
    ``registro`` ``None`` si el archivo tiene algún error. Un archivo obligatorio que falta
    (``plan.yml``...) es ``archivo-falta``. Un archivo con un valor que no se pudo leer se valida igual
    en sus demás campos, sin repetir el mensaje del campo que ya lo tiene."""
    archivo, modelo, es_carpeta = COLECCIONES[nombre]
    base = carpeta / archivo
    if es_carpeta:
        rutas = sorted(p for p in aceptados if p.parent == base)
    elif base in aceptados:
        rutas = [base]
    else:
        if not os.path.lexists(base):  # si existe pero no vale (un enlace...), el inventario ya lo dijo
            problemas.append(Problema(relativa(base, carpeta), 1, "", "archivo-falta", {"nombre": archivo}))
        return []
    resultado = []
    for ruta in rutas:
        doc = leer_yaml(ruta, relativa(ruta, carpeta))
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
    """El registro de ``doc`` validado con ``modelo``, o ``None``. Comprueba, en este orden: que el
    archivo es un bloque de campos (``tipo-bloque``), que no queda ningún hueco de plantilla
    (``marcador-sin-llenar``), el modelo (cada error de pydantic, traducido por
    :func:`.errores_de_modelo.traducir_error`) y, si todo vale, las traducciones que faltan
    (``sin-traduccion``, un aviso)."""
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
            problema = traducir_error(doc, modelo, error, idiomas)
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
