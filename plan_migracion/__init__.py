"""El sitio del Plan de Actuación (MTPE, 2011-2014), en capas.

Flujo: ``datos/`` (YAML) → :mod:`plan_migracion.datos` (carga con números de línea, modelos,
validación y cifras derivadas, una vez por compilación) → :mod:`plan_migracion.vistas`
(direcciones, plantillas Jinja y textos) → :mod:`plan_migracion.salidas` (datos abiertos, feed,
PDF, copia sin conexión, esquemas). :mod:`plan_migracion.sitio_mkdocs` tiene lo propio de la
compilación con MkDocs; ``recursos/``, los archivos estáticos (mapa, iframe-worker).

Cada capa importa solo las de debajo (``tests/test_arquitectura.py`` lo comprueba). Solo
``sitio_mkdocs/`` (el complemento de MkDocs del sitio), ``macros.py`` y ``scripts/`` importan MkDocs.
"""
