"""Carga de ``datos/``: el único lugar donde se leen los archivos.

``cargar(carpeta)`` devuelve un :class:`~.datos_del_plan.Datos` válido o lanza
:class:`~.problemas.DatosInvalidos` con *todos* los problemas; ``validar(carpeta)`` devuelve la
lista de problemas (errores y avisos). Los pasos, en orden: el inventario (:mod:`.inventario`),
cada archivo contra su modelo (:mod:`.lectura`), las reglas entre registros
(:mod:`.entre_registros`) y las fotos (:mod:`.fotos`).

También se ofrece aquí el catálogo de los errores del sistema (:func:`explicar_oserror`,
:func:`por_que_no_se_lee`, de :mod:`.errores_del_sistema`), para que los scripts digan con las
mismas palabras por qué no se pudo leer o escribir un archivo.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from . import glifos, linea_del_editor
from .datos_del_plan import Datos
from .entre_registros import validar_entre_registros
from .errores_del_sistema import explicar_oserror, por_que_no_se_lee
from .fotos import validar_fotos
from .idiomas import Idiomas, del_proyecto
from .inventario import COLECCIONES, inventario, relativa
from .lectura import leer_coleccion
from .problemas import DatosInvalidos, Problema, como_datos, detalle

__all__ = ["cargar", "validar", "carpeta_datos", "explicar_oserror", "por_que_no_se_lee"]

# Carpetas de registros que no pueden quedar vacías (qué falta y por qué: «detalles.coleccion-vacia»
# de mensajes/<idioma>.yml).
_NO_VACIAS = {"fuentes"}

# Una línea DEBUG por carga completa (carpeta leída y validada). Nadie la ve si no la pide: la
# piden las pruebas y el benchmark (scripts/contar_cargas.py) para comprobar que hay una sola
# carga por compilación.
_registro_de_cargas = logging.getLogger("plan_migracion.cargas")


def _leer_todo(carpeta: Path, idiomas: Idiomas, linea_editor: bool = False
               ) -> tuple[dict, dict[str, Path], list[Problema]]:
    """Lee y valida todo ``carpeta``: el inventario, cada archivo contra su modelo, que ninguna
    carpeta de :data:`_NO_VACIAS` quede vacía, las reglas entre registros, las fotos, los caracteres
    que el PDF no puede dibujar (un aviso) y, con ``linea_editor``, la línea del editor (un aviso). Devuelve las
    colecciones leídas, las fotos válidas y todos los problemas, ordenados por archivo y línea."""
    problemas: list[Problema] = []
    aceptados = inventario(carpeta, problemas)
    colecciones = {nombre: leer_coleccion(carpeta, nombre, aceptados, problemas, idiomas) for nombre in COLECCIONES}
    for nombre, (archivo, _, es_carpeta) in COLECCIONES.items():
        if es_carpeta and nombre in _NO_VACIAS and not colecciones[nombre]:
            donde = relativa(carpeta / archivo, carpeta) + "/"
            problemas.append(Problema(donde, 1, "", "coleccion-vacia", {
                **como_datos("cosa", detalle(f"coleccion-vacia.{nombre}.cosa")), "carpeta": donde,
                **como_datos("motivo", detalle(f"coleccion-vacia.{nombre}.motivo"))}))
    validar_entre_registros(colecciones, problemas, idiomas)
    fotos = validar_fotos(carpeta, colecciones, problemas)
    glifos.avisar(colecciones, problemas)
    if linea_editor:
        linea_del_editor.avisar(colecciones, problemas)
    problemas.sort(key=lambda p: (p.ruta, p.linea, p.columna or 0))
    return colecciones, fotos, problemas


def validar(carpeta: str | Path = "datos", idiomas: Idiomas | None = None, *,
            linea_editor: bool = False) -> list[Problema]:
    """Todos los problemas de ``carpeta`` (errores y avisos), ordenados por archivo y línea.
    ``idiomas``: los de la configuración (por omisión, los del ``mkdocs.yml`` del proyecto).
    ``linea_editor``: avisar también de la línea del editor que falta (:mod:`.linea_del_editor`);
    lo pide el validador (``scripts/validar.py``), que es quien habla con quien edita: la compilación
    no lo necesita, y un registro sin esa línea no cambia nada más."""
    return _leer_todo(Path(carpeta), idiomas or del_proyecto(), linea_editor)[2]


def cargar(carpeta: str | Path = "datos", idiomas: Idiomas | None = None) -> Datos:
    """Carga y valida ``carpeta``; lanza :class:`DatosInvalidos` si hay algún error.
    ``idiomas``: los de la configuración (por omisión, los del ``mkdocs.yml`` del proyecto)."""
    carpeta = Path(carpeta)
    idiomas = idiomas or del_proyecto()
    colecciones, fotos, problemas = _leer_todo(carpeta, idiomas)
    _registro_de_cargas.debug("%s", carpeta)
    if any(p.es_error for p in problemas):
        raise DatosInvalidos(problemas)

    def uno(nombre):
        return colecciones[nombre][0][1]

    def varios(nombre):
        return [registro for _, registro in colecciones[nombre]]

    archivos = {
        f"{nombre}/{registro.id}": doc.ruta
        for nombre in ("fuentes", "talleres", "convenios")
        for doc, registro in colecciones[nombre]
    }
    return Datos(
        carpeta=carpeta,
        idiomas=idiomas,
        plan=uno("plan"),
        componentes_info=uno("componentes"),
        regiones=list(uno("regiones").regiones),
        fuentes=sorted(varios("fuentes"), key=lambda f: (f.orden, f.id)),
        talleres=sorted(varios("talleres"), key=lambda t: (t.fecha, t.id)),
        convenios=sorted(varios("convenios"), key=lambda c: (c.fecha_firma, c.id)),
        archivos=archivos,
        fotos=fotos,
        avisos=[p for p in problemas if not p.es_error],
    )


def carpeta_datos(raiz_proyecto: str | Path, valor: str | None = None) -> Path:
    """La carpeta de datos de la compilación: ``valor`` (la opción ``datos`` del complemento) o, si no
    se da, ``PLAN_DATOS``; relativa a la raíz del proyecto; vacía: ``<raíz>/datos``. La única regla,
    para el complemento de MkDocs y para ``scripts/construir.py``."""
    if valor is None:
        valor = os.environ.get("PLAN_DATOS")
    return Path(raiz_proyecto) / (valor or "datos")
