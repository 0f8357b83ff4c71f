"""Esquemas JSON de los archivos de ``datos/``, generados a partir de los modelos.

Los modelos de :mod:`plan_migracion.datos.modelos` son la única fuente de verdad: de ellos
salen la validación y estos esquemas, que los editores (VS Code con la extensión
YAML, por ejemplo) usan para validar y autocompletar mientras se escribe. Cada
archivo YAML los cita en su primera línea::

    # yaml-language-server: $schema=../esquemas/taller.schema.json

``python scripts/esquemas.py`` los regenera y pone esa línea donde falte.
"""

from __future__ import annotations

import json
from pathlib import Path

from babel import Locale

from ..datos import COLECCIONES
from ..datos.idiomas import Idiomas, del_proyecto
from ..datos.linea_del_editor import CARPETA_ESQUEMAS, PREFIJO, linea, nombre_del_esquema
from ..datos.modelos import PATRON_FOTO, PATRON_ID, PATRON_REGION, PATRON_URL

# La carpeta de los esquemas, el nombre de cada uno y la línea que los cita: la capa de datos
# (el validador avisa de la línea que falta).
CARPETA, PREFIJO = CARPETA_ESQUEMAS, PREFIJO


def _esquema_texto(idiomas: Idiomas) -> dict:
    """El bloque «Texto» con los idiomas de la configuración: el original, obligatorio; cada
    traducción, opcional (si falta, el validador avisa y la página lo dice)."""
    original = idiomas.original

    def nombre(codigo: str) -> str:  # en el idioma original, como los demás textos de los esquemas
        return Locale.parse(codigo).get_display_name(original)

    propiedades = {original: {
        "description": f"El texto original, en {nombre(original)}, tal como figura en la fuente.",
        "minLength": 1, "title": nombre(original).capitalize(), "type": "string"}}
    for codigo in idiomas.traducidos:
        propiedades[codigo] = {
            "description": f"La traducción fiel al {nombre(codigo)} del texto en {nombre(original)}.",
            "minLength": 1, "title": nombre(codigo).capitalize(), "type": "string"}
    return {"additionalProperties": False,
            "description": "Un texto que ve el lector: el original y su traducción a cada idioma del sitio "
                           "(los de mkdocs.yml). Si falta una traducción, el validador avisa y la página lo dice.",
            "properties": propiedades, "required": [original], "title": "Texto en cada idioma", "type": "object"}


def esquemas(idiomas: Idiomas | None = None) -> dict[str, str]:
    """``{"taller.schema.json": "<texto JSON>", ...}`` generados de los modelos; los idiomas de los
    textos, los de la configuración (por omisión, los del ``mkdocs.yml`` del proyecto)."""
    texto = _esquema_texto(idiomas or del_proyecto())
    resultado = {}
    for coleccion, (_, modelo, _) in COLECCIONES.items():
        esquema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **modelo.model_json_schema()}
        if "Texto" in esquema.get("$defs", {}):
            esquema["$defs"]["Texto"] = texto
        resultado[nombre_del_esquema(coleccion)] = json.dumps(esquema, ensure_ascii=False, indent=2) + "\n"
    return resultado


def esquema_de(carpeta_datos: Path, ruta: Path) -> str | None:
    """El nombre del esquema que corresponde a ``ruta`` (un YAML dentro de ``carpeta_datos``)."""
    relativa = ruta.relative_to(carpeta_datos)
    for coleccion, (archivo, _, es_carpeta) in COLECCIONES.items():
        if (es_carpeta and len(relativa.parts) == 2 and relativa.parts[0] == archivo) or \
                (not es_carpeta and relativa.as_posix() == archivo):
            return nombre_del_esquema(coleccion)
    return None


def linea_esquema(carpeta_datos: Path, ruta: Path) -> str | None:
    """``# yaml-language-server: $schema=<ruta relativa>`` para ``ruta``."""
    relativa = ruta.relative_to(carpeta_datos)
    for coleccion, (archivo, _, es_carpeta) in COLECCIONES.items():
        if (es_carpeta and len(relativa.parts) == 2 and relativa.parts[0] == archivo) or \
                (not es_carpeta and relativa.as_posix() == archivo):
            return linea(coleccion, "" if relativa.parent == Path(".") else relativa.parent.as_posix())
    return None


def con_linea_esquema(texto: str, linea: str) -> str:
    """``texto`` con ``linea`` como primera línea (sustituye una referencia anterior)."""
    lineas = texto.split("\n")
    if lineas and lineas[0].lstrip("\ufeff").startswith(PREFIJO):
        lineas[0] = linea
    else:
        lineas.insert(0, linea)
    return "\n".join(lineas)


def archivos_yaml(carpeta_datos: Path) -> list[Path]:
    return sorted(p for p in carpeta_datos.rglob("*") if p.suffix in (".yml", ".yaml")
                  and esquema_de(carpeta_datos, p) is not None)


# --- Diccionario de datos (datos/README.md) -------------------------------------------------
# Las tablas del diccionario salen de los mismos esquemas: significado, obligatorio, tipo,
# valores permitidos y ejemplo de cada campo. ``scripts/esquemas.py`` las escribe entre estas
# dos marcas del README; el texto de alrededor se escribe a mano.

INICIO_TABLAS = "<!-- diccionario: inicio (generado por scripts/esquemas.py; no editar a mano) -->"
FIN_TABLAS = "<!-- diccionario: fin -->"

_PATRONES = {
    PATRON_ID: "identificador: minúsculas sin tildes, cifras y guiones",
    PATRON_REGION: "código UBIGEO entre comillas (2 o 4 cifras)",
    PATRON_URL: "dirección que empieza con `https://`",
    PATRON_FOTO: "ruta de imagen (jpg, png o webp) en minúsculas",
}


def _tipo(esquema: dict) -> str:
    if "$ref" in esquema:
        nombre = esquema["$ref"].rsplit("/", 1)[-1]
        return "texto en cada idioma (`es`, `en`...)" if nombre == "Texto" else f"bloque «{nombre}» (tabla abajo)"
    if "anyOf" in esquema:
        opciones = [o for o in esquema["anyOf"] if o.get("type") != "null"]
        nulo = len(opciones) < len(esquema["anyOf"])
        return " o ".join(_tipo(o) for o in opciones) + (", o `null` si no se conoce" if nulo else "")
    tipo = esquema.get("type")
    if tipo == "array":
        minimo = esquema.get("minItems")
        return f"lista de {_tipo(esquema.get('items', {}))}" + (f" (al menos {minimo})" if minimo else "")
    if tipo == "integer":
        return "número entero" + (" ≥ 0" if esquema.get("minimum") == 0 else "")
    if tipo == "string":
        if "enum" in esquema:
            return "uno de: " + ", ".join(f"`{v}`" for v in esquema["enum"])
        if esquema.get("format") == "date":
            return "fecha AAAA-MM-DD, sin comillas"
        return _PATRONES.get(esquema.get("pattern", ""), "texto")
    return str(tipo)


def _ejemplo(esquema: dict) -> str:
    import json as _json

    ejemplos = esquema.get("examples")
    if not ejemplos:
        return ""
    valor = ejemplos[0]
    if isinstance(valor, str) and esquema.get("pattern") == PATRON_REGION:
        return f'`"{valor}"`'
    if isinstance(valor, list):
        return "`[" + ", ".join(f'"{v}"' for v in valor) + "]`"
    return f"`{_json.dumps(valor, ensure_ascii=False).strip(chr(34))}`"


def _tabla(esquema: dict) -> list[str]:
    obligatorios = set(esquema.get("required", []))
    filas = ["| Campo | Significado | ¿Obligatorio? | Tipo y valores permitidos | Ejemplo |",
             "| --- | --- | --- | --- | --- |"]
    for nombre, propiedad in esquema.get("properties", {}).items():
        titulo = propiedad.get("title") or nombre.replace("_", " ").capitalize()
        significado = f"**{titulo}.** {propiedad.get('description', '')}".strip()
        obligatorio = "sí" if nombre in obligatorios else "no"
        if nombre not in obligatorios and "default" in propiedad and propiedad["default"] not in (None, []):
            obligatorio += f" (por omisión `{propiedad['default']}`)"
        filas.append(f"| `{nombre}` | {significado} | {obligatorio} | {_tipo(propiedad)} | {_ejemplo(propiedad)} |")
    return filas


def diccionario() -> str:
    """Las tablas del diccionario de datos, en Markdown."""
    import json as _json

    partes = [INICIO_TABLAS]
    bloques: dict[str, dict] = {}
    for coleccion, (archivo, _, es_carpeta) in COLECCIONES.items():
        esquema = _json.loads(esquemas()[nombre_del_esquema(coleccion)])
        partes += ["", f"### {esquema['title']}", "",
                   f"Esquema: `datos/{CARPETA}/{nombre_del_esquema(coleccion)}`.", ""]
        partes += _tabla(esquema)
        for nombre, definicion in esquema.get("$defs", {}).items():
            if nombre != "Texto":
                bloques.setdefault(nombre, definicion)
    for nombre, definicion in bloques.items():
        partes += ["", f"### Bloque «{nombre}»", "", definicion.get("description", "").replace("``", "`"), ""]
        partes += _tabla(definicion)
    partes += ["", FIN_TABLAS]
    return "\n".join(partes)


def con_diccionario(readme: str) -> str:
    """``readme`` con las tablas entre las marcas sustituidas por las actuales."""
    if INICIO_TABLAS not in readme or FIN_TABLAS not in readme:
        raise ValueError("faltan las marcas del diccionario en datos/README.md")
    antes = readme[: readme.index(INICIO_TABLAS)]
    despues = readme[readme.index(FIN_TABLAS) + len(FIN_TABLAS):]
    return antes + diccionario() + despues
