"""Capa de datos y vistas del sitio del Plan de Actuación (MTPE, 2011-2014).

Flujo: ``datos/`` (YAML) → :mod:`plan_migracion.carga` (YAML con números de
línea) → :mod:`plan_migracion.modelos` (modelos tipados) →
:mod:`plan_migracion.datos` (validación y cifras derivadas, una vez por
compilación) → :mod:`plan_migracion.vistas` (plantillas Jinja).

Este paquete no importa MkDocs: ``macros.py`` solo registra lo que ofrece.
"""
