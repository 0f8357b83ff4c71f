"""Capa de datos: lee ``datos/`` (YAML), valida y calcula las cifras derivadas.

No importa MkDocs, Jinja ni las vistas. Flujo de :func:`.carga.cargar`: :mod:`.inventario` (qué
archivos hay) → :mod:`.lector_yaml` (YAML con números de línea) → :mod:`.lectura` (cada archivo
contra su modelo de :mod:`.modelos`; los errores de pydantic, en :mod:`.errores_de_modelo`) →
:mod:`.entre_registros` (ids, referencias, fechas, repetidos) → :mod:`.fotos` → :class:`.Datos`
(:mod:`.datos_del_plan`, con las cifras de :mod:`.derivados`). Los problemas y sus mensajes, en
:mod:`.problemas`; la caché de una compilación, en :mod:`.cache`.

Los nombres de uso común se importan desde aquí: ``from plan_migracion.datos import cargar``.
"""

from .cache import CacheDeDatos, carpeta_cache
from .carga import cargar, carpeta_datos, validar
from .datos_del_plan import Datos
from .entre_registros import ANIOS_POSIBLES, IDS_RESERVADOS
from .fotos import FOTO_TAMANO_MAXIMO, carpeta_fotos
from .inventario import COLECCIONES
from .lectura import es_marcador
from .modelos import EXTENSIONES_FOTO
from .problemas import DatosInvalidos, Problema

__all__ = [
    "ANIOS_POSIBLES", "COLECCIONES", "EXTENSIONES_FOTO", "FOTO_TAMANO_MAXIMO", "IDS_RESERVADOS",
    "CacheDeDatos", "Datos", "DatosInvalidos", "Problema", "cargar", "carpeta_cache",
    "carpeta_datos", "carpeta_fotos", "es_marcador", "validar",
]
