"""Las clases de caracteres que los datos no pueden llevar, definidas una sola vez.

Las usan el lector de YAML (:mod:`.lector_yaml`: un texto con uno de ellos es un error), los
mensajes (:mod:`.problemas`: un valor se muestra con el carácter escapado, nunca tal cual) y las
direcciones web (:mod:`.direcciones`). No importa nada del paquete.
"""

from __future__ import annotations

import re

# Controles de dirección del texto (U+202A-U+202E, U+2066-U+2069): invierten en pantalla el texto
# que los sigue.
DIRECCION = "\u202a-\u202e\u2066-\u2069"
# Lo que no es texto: no-caracteres U+FFFE y U+FFFF y sustitutos sueltos.
NO_ES_TEXTO = "\ufffe\uffff\ud800-\udfff"
# Separadores de línea y de párrafo de Unicode: parten una línea como un salto de línea.
SEPARADORES = "\u2028\u2029"
# Invisibles de anchura cero y el relleno de Hangul: no se ven, pero cambian el texto (una
# dirección con uno dentro no es la que parece).
INVISIBLES = "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2060-\u2064\u3164\ufeff\uffa0"

# Caracteres que ningún texto de los datos puede llevar: los que XML 1.0 no admite (controles
# C0 salvo tabulador y salto de línea, NUL, U+FFFE, U+FFFF, sustitutos sueltos), el retorno de
# carro, DEL y los controles C1 (invisibles; XML los desaconseja) y los controles de dirección.
PROHIBIDOS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{DIRECCION}{NO_ES_TEXTO}]")
# Lo que un valor de los datos (o un nombre de archivo) no puede llevar tal cual a un mensaje: lo
# prohibido, más el tabulador, el salto de línea y los separadores de línea. Así un valor no puede
# partir la línea del mensaje ni imprimir una línea falsa («Datos válidos.»).
NO_IMPRIMIBLES = re.compile(f"[\x00-\x1f\x7f-\x9f{SEPARADORES}{DIRECCION}{NO_ES_TEXTO}]")
# Lo que una dirección web no puede llevar: lo no imprimible, los invisibles y los espacios.
NO_VALEN_EN_DIRECCION = re.compile(f"[\x00-\x20\x7f-\xa0{SEPARADORES}{DIRECCION}{NO_ES_TEXTO}{INVISIBLES}"
                                   "\u1680\u2000-\u200a\u202f\u205f\u3000]")
_DIRECCION = re.compile(f"[{DIRECCION}]")
_INVISIBLE = re.compile(f"[{INVISIBLES}]")


def clase(caracter: str) -> str:
    """«direccion», «no-es-texto», «invisible», «espacio» o «control»: la clave de
    ``detalles.caracter.<clase>`` de ``mensajes/`` con que se describe ``caracter``."""
    if _DIRECCION.fullmatch(caracter):
        return "direccion"
    if 0xD800 <= ord(caracter) <= 0xDFFF or caracter in "\ufffe\uffff":
        return "no-es-texto"
    if _INVISIBLE.fullmatch(caracter):
        return "invisible"
    if caracter.isspace() and caracter not in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85":
        return "espacio"
    return "control"
