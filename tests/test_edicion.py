"""«Editar esta página»: cada página lleva al archivo que hay que cambiar, sin llamar a GitHub."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from plan_migracion.vistas.edicion import enlace_edicion

from conftest import RAIZ, REPOSITORIO

REPO = REPOSITORIO
ENLACE = re.compile(r'<a href="([^"]*)" title="([^"]*)" class="md-content__button md-icon" rel="edit">')

# Página → archivo o carpeta que la produce (el texto de la página viene de ahí).
ESPERADO = {
    "": "edit/main/datos/plan.yml",
    "plan/": "edit/main/datos/plan.yml",
    "componentes/": "edit/main/datos/componentes.yml",
    "fuentes/": "tree/main/datos/fuentes",
    "talleres/": "tree/main/datos/talleres",
    "convenios/": "tree/main/datos/convenios",
}


@pytest.fixture(scope="session")
def sitio_con_repositorio(sitio_publicado) -> Path:
    """Con ``PLAN_REPOSITORIO``: el sitio como se publica (conftest.py; también con su dirección)."""
    return sitio_publicado


def _paginas(sitio: Path) -> list[Path]:
    return sorted(p for p in sitio.rglob("index.html")
                  if not {"assets", "search"} & set(p.relative_to(sitio).parts))


def test_cada_pagina_enlaza_su_archivo(sitio_con_repositorio):
    sitio = sitio_con_repositorio
    paginas = _paginas(sitio)
    assert len(paginas) >= 14
    for pagina in paginas:
        relativa = pagina.relative_to(sitio).parent.as_posix()
        ingles = relativa == "en" or relativa.startswith("en/")
        ruta = (relativa[3:] if relativa.startswith("en/") else "" if relativa in (".", "en") else relativa)
        ruta = ruta + "/" if ruta else ""
        enlaces = ENLACE.findall(pagina.read_text(encoding="utf-8"))
        assert len(enlaces) == 1, pagina
        href, titulo = enlaces[0]
        assert titulo == ("Edit this page" if ingles else "Editar esta página")
        assert href.startswith(REPO + "/")
        # el archivo o la carpeta existen en el repositorio
        modo, rama, archivo = href[len(REPO) + 1:].split("/", 2)
        assert (modo, rama) in {("edit", "main"), ("tree", "main")}
        assert (RAIZ / archivo).is_file() if modo == "edit" else (RAIZ / archivo).is_dir(), href
        if ruta in ESPERADO:
            assert href == f"{REPO}/{ESPERADO[ruta]}"
        elif ruta == "acerca/":
            assert href == f"{REPO}/edit/main/docs/{'acerca.en.md' if ingles else 'acerca.md'}"


def test_sin_repositorio_no_hay_enlace(sitio):
    """Por omisión (extra.repositorio vacío) no se muestra ningún enlace de edición ni del repositorio."""
    assert not os.environ.get("PLAN_REPOSITORIO"), "esta prueba compila sin PLAN_REPOSITORIO"
    for pagina in _paginas(sitio):
        html = pagina.read_text(encoding="utf-8")
        assert 'rel="edit"' not in html
        assert "md-source" not in html  # el widget de repo_url, que llama a la API de GitHub


def test_enlace_edicion():
    assert enlace_edicion("", "datos/plan.yml") is None
    assert enlace_edicion(REPO + "/", "/datos/talleres/2011-03-11-callao.yml") == \
        f"{REPO}/edit/main/datos/talleres/2011-03-11-callao.yml"
    assert enlace_edicion(REPO, "datos/talleres/", rama="desarrollo") == f"{REPO}/tree/desarrollo/datos/talleres"
    with pytest.raises(ValueError):
        enlace_edicion("javascript:alert(1)", "datos/plan.yml")
