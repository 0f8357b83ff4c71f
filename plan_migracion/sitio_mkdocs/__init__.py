"""Lo del paquete que depende de MkDocs: el complemento del sitio (:mod:`.plugin`, con sus opciones
en :mod:`.config` y las páginas de cada registro en :mod:`.registros`), el pulido de cada página y
los pasos sobre el sitio ya compilado. Fuera de esta carpeta, solo ``macros.py`` y los scripts que
compilan usan MkDocs."""
