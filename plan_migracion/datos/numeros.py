"""Los números de los datos son lo que se escribió: solo cifras.

PyYAML sigue YAML 1.1: ``030`` se lee 24 (octal), ``1:30`` 90 (base 60), ``0x1E`` 30, ``1_000``
1000 y ``yes``/``on`` son ``True``. Ningún registro necesita esas formas, y con ellas un número
cambia en silencio en la página, el CSV y los totales. :class:`CargadorDatos` (el cargador de
YAML de los datos, en C si está disponible) resuelve los valores sin comillas con sus propias
reglas, mediante ``add_implicit_resolver``, la interfaz documentada de PyYAML:

- un entero es ``-?`` y cifras sin ceros delante (``0``, ``32``, ``-3``);
- ``true``/``false`` (también ``True``, ``TRUE``...) son booleanos, como en YAML 1.2; ``yes``,
  ``no``, ``on``, ``off`` son textos (un mensaje los muestra tal como se escribieron);
- cualquier otra forma de número (``030``, ``1:30``, ``0x1E``, ``0o17``, ``0b101``, ``1_000``,
  ``30.0``, ``+5``, ``1e3``, ``.inf``, ``.nan``) lleva la etiqueta :data:`NUMERO_NO_DECIMAL` y se
  lee como el texto que es (``region: 08`` es el código «08»). Si el campo pide un número, el
  modelo lo rechaza y :func:`revisar` da los datos del mensaje: qué se leía antes y qué escribir.
  Solo un decimal escrito con cifras y con parte fraccionaria (``12.5``) se lee como número, para
  que el modelo diga que se esperaba un entero.
"""

from __future__ import annotations

import re

import yaml

from .modelos import CargadorYaml
from .problemas import como_datos, detalle

ENTERO = "tag:yaml.org,2002:int"
DECIMAL = "tag:yaml.org,2002:float"
BOOLEANO = "tag:yaml.org,2002:bool"
# Etiqueta propia (no es de YAML): un valor sin comillas con forma de número que no es solo cifras.
NUMERO_NO_DECIMAL = "tag:plan-migracion,2026:numero-no-decimal"

_ENTERO = re.compile(r"^-?(?:0|[1-9][0-9]*)$")
_DECIMAL_CON_FRACCION = re.compile(r"^-?(?:0|[1-9][0-9]*)\.[0-9]+$")
_BOOLEANO = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
# Las formas de número de YAML 1.1 y de YAML 1.2 (enteros y decimales), con o sin signo.
_PARECE_NUMERO = re.compile(r"""^(?:[-+]?(?:
      0b[0-1_]+ | 0o[0-7_]+ | 0x[0-9a-fA-F_]+
    | [0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?
    | [0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?
    | \.[0-9_]+(?:[eE][-+]?[0-9]+)?
    | \.(?:inf|Inf|INF))
  | \.(?:nan|NaN|NAN))$""", re.X)


class CargadorDatos(CargadorYaml):
    """El cargador seguro de PyYAML (en C si está disponible) con las reglas de números de arriba."""


CargadorDatos.yaml_implicit_resolvers = {
    inicial: [(etiqueta, patron) for etiqueta, patron in reglas if etiqueta not in (ENTERO, DECIMAL, BOOLEANO)]
    for inicial, reglas in CargadorYaml.yaml_implicit_resolvers.items()
}
CargadorDatos.add_implicit_resolver(BOOLEANO, _BOOLEANO, list("tTfF"))
CargadorDatos.add_implicit_resolver(ENTERO, _ENTERO, list("-0123456789"))
CargadorDatos.add_implicit_resolver(NUMERO_NO_DECIMAL, _PARECE_NUMERO, list("-+0123456789."))


def es_numero_a_revisar(nodo) -> bool:
    """¿Un valor sin comillas con forma de número que no es solo cifras? Los de
    :data:`NUMERO_NO_DECIMAL` y los marcados a mano ``!!int`` que no son solo cifras: se leen como
    el texto escrito (o, con :func:`decimal`, como el decimal que son)."""
    return nodo.tag == NUMERO_NO_DECIMAL or (nodo.tag == ENTERO and not _ENTERO.fullmatch(nodo.value))


def decimal(escrito: str) -> float | None:
    """El número de ``escrito`` si es un decimal con cifras y parte fraccionaria (``12.5``); si no, ``None``."""
    if _DECIMAL_CON_FRACCION.fullmatch(escrito) and not float(escrito).is_integer():
        return float(escrito)
    return None


def parece_numero(valor) -> bool:
    """¿``valor`` es un texto con forma de número que no es solo cifras (``030``, ``0x1E``...)?"""
    return isinstance(valor, str) and _PARECE_NUMERO.fullmatch(valor) is not None and not _ENTERO.fullmatch(valor)


def revisar(escrito: str) -> dict:
    """Los datos del problema ``numero-no-decimal`` de ``escrito`` (un texto de :func:`parece_numero`
    en un campo que pide un número): qué se escribió, qué tiene de más, cómo lo leería YAML 1.1 y
    qué escribir."""
    texto = escrito.lstrip("+-").replace("_", "")
    minusculas = texto.lower()
    if ":" in texto:
        forma, numero = "base-60", None
    elif minusculas[:2] in ("0x", "0o", "0b"):
        forma, numero = "prefijo", int(minusculas, 0)
    elif minusculas in (".inf", ".nan"):
        forma, numero = "especial", None
    elif "_" in escrito:
        forma, numero = "guion-bajo", _entero(texto)
    elif "e" in minusculas:
        forma, numero = "exponente", _entero(texto)
    elif "." in texto:
        forma, numero = "decimales", _entero(texto)
    elif escrito.startswith("+"):
        forma, numero = "signo", _entero(texto)
    else:  # 030: ceros delante
        forma, numero = "cero-delante", _entero(texto)
    if numero is not None and escrito.startswith("-"):
        numero = -numero
    datos = {"valor": escrito, **como_datos("forma", detalle(f"numero.forma.{forma}", prefijo=texto[:2]))}
    leido = _leido_en_yaml_1_1(escrito)
    if leido is not None and leido != numero:
        datos.update(como_datos("lectura", detalle("numero.lectura", leido=leido)))
    else:
        datos.update(como_datos("lectura", detalle("tal-cual", texto="")))
    if numero is not None:
        datos.update(como_datos("sugerencia", detalle("numero.sugerencia", numero=numero)))
    else:
        datos.update(como_datos("sugerencia", detalle("numero.sin-sugerencia")))
    return datos


def _entero(texto: str) -> int | None:
    """El entero que dice ``texto`` (sin signo) si es un número entero; si no, ``None``."""
    try:
        numero = float(texto)
    except ValueError:
        return None
    return int(numero) if numero.is_integer() else None


def _leido_en_yaml_1_1(escrito: str):
    """Lo que PyYAML (YAML 1.1) haría de ``escrito``: lo que se publicaba sin esta regla."""
    try:
        valor = yaml.load(escrito, Loader=CargadorYaml)
    except yaml.YAMLError:
        return None
    if isinstance(valor, float) and not valor.is_integer():  # .inf, .nan, 12.5
        return None
    if isinstance(valor, float):
        return int(valor)
    return valor if isinstance(valor, (int, float)) and not isinstance(valor, bool) else None
