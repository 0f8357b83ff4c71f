"""Las direcciones web de los datos (``documento:``) son lo que parecen.

Además del formato (``https://`` y sin espacios: :data:`.modelos.PATRON_URL`), una dirección se
rechaza si lleva

- una parte de usuario (``https://www.trabajo.gob.pe@evil.example/c.pdf`` va a evil.example, no
  al ministerio);
- un carácter invisible, de control o de anchura cero (:data:`.caracteres.NO_VALEN_EN_DIRECCION`):
  la dirección no es la que se lee;
- un servidor que no es un dominio corriente: una dirección IP, letras que no son ASCII (``а``
  cirílica en vez de ``a``), un puerto, un nombre sin punto o con caracteres que no van en un
  dominio (``\\``, ``%``).

Cada regla es un error de pydantic con su tipo (``direccion_usuario``, ``direccion_caracter``,
``direccion_servidor``); :mod:`.errores_de_modelo` los convierte en mensajes.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from pydantic_core import PydanticCustomError

from . import caracteres

# Un dominio corriente: etiquetas de letras ASCII, cifras y guiones, separadas por puntos, la
# última solo de letras.
_DOMINIO = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", re.IGNORECASE)


def revisar(valor: str) -> str:
    """``valor`` si es una dirección que va a donde dice; si no, ``PydanticCustomError``."""
    if (encontrado := caracteres.NO_VALEN_EN_DIRECCION.search(valor)) is not None:
        raise PydanticCustomError("direccion_caracter", "carácter invisible o de control en la dirección",
                                  {"caracter": encontrado.group(), "posicion": encontrado.start() + 1})
    resto = valor.split("://", 1)[-1]
    servidor = re.split(r"[/?#]", resto, maxsplit=1)[0]
    if "\\" in servidor:  # un navegador la toma por «/»: el servidor no es el que se lee
        raise PydanticCustomError("direccion_servidor", "el servidor no es un dominio", {"servidor": servidor})
    if "@" in servidor:
        usuario, _, destino = servidor.rpartition("@")
        raise PydanticCustomError("direccion_usuario", "la dirección lleva una parte de usuario",
                                  {"usuario": usuario, "servidor": destino})
    try:
        nombre = urlsplit(valor).hostname or ""
    except ValueError:
        nombre = ""
    if not _DOMINIO.fullmatch(servidor) or servidor.lower() != nombre:
        raise PydanticCustomError("direccion_servidor", "el servidor no es un dominio", {"servidor": servidor})
    return valor
