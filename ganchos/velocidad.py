"""Gancho de MkDocs: las plantillas del tema se compilan una vez, no en cada compilación.

Jinja convierte cada plantilla de Material en código Python cada vez que arranca
un proceso (unos 0,3 s por idioma: más de la mitad de una compilación con los
datos reales). Con una caché de bytecode en ``.cache/jinja/`` (ignorada por git)
las compilaciones siguientes la reutilizan. Jinja comprueba la fecha de cada
plantilla: si cambia el tema, se vuelve a compilar. No cambia ni un byte del sitio.
"""

from __future__ import annotations

from pathlib import Path

from plan_migracion.vistas import cache_de_bytecode


def on_env(env, config, files):
    env.bytecode_cache = cache_de_bytecode(Path(config.config_file_path).resolve().parent, "jinja")
    return env


# --- Archivos del tema: el mismo resultado que MkDocs 1.6, sin 14.000 × 25 llamadas a fnmatch --------
#
# ``Files.add_files_from_theme`` recorre los ~14.500 archivos de Material (sobre todo iconos) y prueba
# cada uno contra unos 25 patrones con ``fnmatch``: 0,3-0,4 s por idioma y por compilación (también
# en cada recarga de ``mkdocs serve``). Aquí los patrones se reúnen en una sola expresión regular
# (``fnmatch.translate``, la misma traducción que usa ``fnmatch``). Las pruebas comparan el sitio,
# byte a byte, con el de ``mkdocs build`` sin este gancho.

import fnmatch  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402

from mkdocs import utils  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

_original = Files.add_files_from_theme


def _add_files_from_theme(self, env, config) -> None:
    patrones = ['.*', '*/.*', '*.py', '*.pyc', '*.html', '*readme*', 'mkdocs_theme.yml', "locales/*"]
    patrones.extend(f'*{x}' for x in utils.markdown_extensions)
    patrones.extend(config.theme.static_templates)
    excluir = re.compile("|".join(fnmatch.translate(p) for p in patrones))

    for path in env.list_templates(filter_func=lambda nombre: not excluir.match(nombre.lower())):
        if self.get_file_from_path(path) is None:
            for dir in config.theme.dirs:
                if os.path.isfile(os.path.join(dir, path)):
                    self.append(File(path, dir, config.site_dir, config.use_directory_urls))
                    break


if getattr(_original, "__name__", "") == "add_files_from_theme":
    Files.add_files_from_theme = _add_files_from_theme


# --- mkdocs-macros pregunta a git 12 veces por compilación -----------------------------------------
#
# Para su variable ``git`` (que este sitio no usa), ``mkdocs_macros.context.get_git_info`` ejecuta
# 12 órdenes de git cada vez que se prepara (una vez por idioma y en cada recarga de
# ``mkdocs serve``): ~0,1 s por idioma. Aquí se ejecutan una vez por proceso y se reutiliza el
# resultado (una copia: nadie puede cambiar el guardado). ``scripts/construir.py`` lo llama antes
# de repartir los idiomas: los dos procesos lo heredan.

import copy as _copy  # noqa: E402
import functools as _functools  # noqa: E402

from mkdocs_macros import context as _contexto_macros  # noqa: E402

if not hasattr(_contexto_macros.get_git_info, "cache_info"):
    _git_una_vez = _functools.lru_cache(maxsize=1)(_contexto_macros.get_git_info)
    _contexto_macros.get_git_info = _functools.wraps(_git_una_vez)(lambda: _copy.deepcopy(_git_una_vez()))
    _contexto_macros.get_git_info.cache_info = _git_una_vez.cache_info
