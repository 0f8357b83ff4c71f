"""Lo del paquete que sirve a la compilación con MkDocs: el pulido de cada página y los pasos
sobre el sitio ya compilado. Fuera de esta carpeta, solo ``macros.py``, ``ganchos/`` y los
scripts que compilan usan MkDocs."""
