"""Las direcciones de las páginas del sitio, que usan las vistas y las salidas (feed, PDF).

Las páginas generadas de los datos (una por registro) están en
:mod:`plan_migracion.vistas.generadas`.

Direcciones (iguales en los dos idiomas; en inglés con el prefijo ``en/``):

- ``talleres/<id>/``        un taller (``id`` = nombre del archivo, p. ej. ``2011-03-11-callao``)
- ``talleres/<año>/``       los talleres de un año, por mes
- ``fuentes/<id>/``         una fuente cooperante
- ``componentes/<id>/``     un componente
- ``convenios/<id>/``       un convenio
- ``regiones/<nombre>/``    una región: su nombre en español, en minúsculas, sin tildes y con
  guiones (``callao``, ``san-martin``, ``lima-metropolitana``); las 26, también sin actividad
  (véase :func:`direcciones_regiones` para nombres vacíos o repetidos)
- ``<dirección del registro><año>/``  los talleres de una región, fuente o componente en un año,
  solo cuando el registro tiene más de :data:`LIMITE_LISTA` talleres (la página del registro
  muestra entonces cuántos hay por año, con un enlace a cada año)
"""

from __future__ import annotations

from ..datos.modelos import slug

# Más de estos elementos en una lista: se resume por año y mes y se reparte en páginas.
LIMITE_LISTA = 100

CARPETA = {"taller": "talleres", "fuente": "fuentes", "componente": "componentes",
           "convenio": "convenios", "region": "regiones"}



def ruta(datos, tipo: str, ident: str) -> str:
    """Dirección (sin idioma) de la página de un registro, p. ej. ``regiones/callao/``."""
    if tipo == "region":
        return f"regiones/{direcciones_regiones(datos)[ident]}/"
    return f"{CARPETA[tipo]}/{ident}/"


def direcciones_regiones(datos) -> dict[str, str]:
    """id de región → parte de su dirección: el nombre en español hecho ``slug`` (hasta 60
    caracteres); si queda vacío, el código; si otra región ya lo usa, ``<slug>-<código>``.
    Se calcula una vez por carga de datos."""
    guardado = datos.__dict__.get("_direcciones_regiones")
    if guardado is None:
        guardado = {}
        for region in datos.regiones:
            base = slug(region.nombre.es)[:60].strip("-") or region.id
            guardado[region.id] = base if base not in guardado.values() else f"{base}-{region.id}"
        datos.__dict__["_direcciones_regiones"] = guardado
    return guardado


def talleres_de(datos, tipo: str, ident: str) -> list[str]:
    """Los ids de los talleres de una región, fuente o componente, en orden de fecha."""
    ind = datos.indicadores
    return {"region": ind.talleres_por_region, "fuente": ind.talleres_de_fuente,
            "componente": ind.talleres_de_componente}[tipo][ident]


def por_anio(datos, ids: list[str]) -> dict[int, list[str]]:
    """Agrupa ids de talleres (en orden de fecha) por año."""
    grupos: dict[int, list[str]] = {}
    for ident in ids:
        grupos.setdefault(datos.taller_por_id[ident].fecha.year, []).append(ident)
    return grupos
