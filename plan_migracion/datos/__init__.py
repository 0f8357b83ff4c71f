"""Capa de datos: lee ``datos/`` (YAML), valida y calcula las cifras derivadas.

No importa MkDocs, Jinja ni las vistas. Flujo: :mod:`.carga` (YAML con números de línea) →
:mod:`.modelos` (modelos tipados) → :mod:`.validacion` (validación y cifras de
:mod:`.derivados`, una vez por compilación); los problemas, en :mod:`.problemas`.

``from plan_migracion.datos import cargar`` y los demás nombres de :mod:`.validacion` siguen
valiendo desde aquí.
"""

from .problemas import DatosInvalidos, Problema
from .validacion import (
    ANIOS_POSIBLES,
    COLECCIONES,
    EXTENSIONES_FOTO,
    FOTO_TAMANO_MAXIMO,
    IDS_RESERVADOS,
    CacheDeDatos,
    Datos,
    cargar,
    carpeta_cache,
    carpeta_datos,
    carpeta_fotos,
    es_marcador,
    validar,
)

__all__ = [
    "ANIOS_POSIBLES", "COLECCIONES", "EXTENSIONES_FOTO", "FOTO_TAMANO_MAXIMO", "IDS_RESERVADOS",
    "CacheDeDatos", "Datos", "DatosInvalidos", "Problema", "cargar", "carpeta_cache",
    "carpeta_datos", "carpeta_fotos", "es_marcador", "validar",
]
