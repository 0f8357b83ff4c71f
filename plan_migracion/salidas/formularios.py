"""Formularios de GitHub para proponer un taller, un convenio o una corrección: sus campos y el
texto de ``.github/ISSUE_TEMPLATE/``.

Los campos de cada formulario se definen una sola vez, aquí (:data:`FORMULARIOS`): de ellos salen
los formularios de ``.github/ISSUE_TEMPLATE/`` (:func:`formularios`, que escribe
``scripts/esquemas.py``) y la lectura de lo que GitHub escribe en el issue (:mod:`.desde_issue`).
Las listas cerradas (regiones, fuentes cooperantes, componentes, niveles y estados de un convenio,
campos de un registro) salen de ``datos/`` y de los modelos, nunca de una lista escrita a mano; las
etiquetas, de ``vistas/textos/<idioma>.yml`` (bloque ``formularios``), en cada idioma del sitio.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from ..datos import COLECCIONES, Datos
from ..datos.idiomas import Idiomas, del_proyecto
from ..vistas.textos import nombre_idioma, t

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


def propiedades(modelo) -> dict:
    """Las propiedades del esquema JSON de ``modelo`` (``{campo: {title, type, ...}}``)."""
    return modelo.model_json_schema()["properties"]


def campos_corregibles(idiomas: Idiomas | None = None) -> list[tuple[str, str]]:
    """``[(ruta, título)]`` de los campos que el formulario de corrección ofrece: los de los modelos
    de :data:`CORREGIBLES`, con un campo por idioma en los textos (``nombre.es``)."""
    idiomas = _idiomas(idiomas)
    vistos: dict[str, str] = {}
    for coleccion in CORREGIBLES:
        for nombre, propiedad in propiedades(COLECCIONES[coleccion][1]).items():
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
