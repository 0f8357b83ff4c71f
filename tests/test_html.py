"""HTML válido (validador Nu) en el sitio compilado, y el control del comprobador de enlaces.

Se revisan TODOS los archivos HTML del sitio, incluido el HTML que escriben las macros (que
``mkdocs --strict`` no comprueba). Los enlaces, anclas y recursos de cada página los recorre
LinkChecker (test_publicacion.py, con ``servidor.linkchecker``); aquí se comprueba que ese
comprobador de verdad encuentra lo roto.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from conftest import RAIZ
from servidor import Servidor, linkchecker

VNU = RAIZ / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_linkchecker_encuentra_enlaces_anclas_y_recursos_rotos(tmp_path):
    """Control del comprobador de enlaces de las pruebas (LinkChecker, ``servidor.linkchecker``): un
    enlace a una página que no existe, un ancla que no existe y una imagen que falta se informan; los
    enlaces y anclas que existen (también a la misma página y a otro servidor), no."""
    sitio = tmp_path / "sitio"
    (sitio / "a").mkdir(parents=True)
    (sitio / "index.html").write_text(
        '<!doctype html><html lang="es"><title>x</title><a href="a/">bien</a><a href="a/#dos">bien</a>'
        '<a href="b/">roto</a><a href="a/#tres">ancla rota</a><a href="#uno" id="uno">propia</a>'
        '<a href="https://example.org/x">fuera</a></html>', encoding="utf-8")
    (sitio / "a" / "index.html").write_text(
        '<!doctype html><html lang="es"><title>a</title><h2 id="dos">Dos</h2><img src="../falta.png" alt=""></html>',
        encoding="utf-8")
    with Servidor(sitio) as servidor, pytest.raises(AssertionError) as fallo:
        linkchecker(servidor, [servidor.base], tmp_path)
    assert sorted(re.findall(r" → (\S+):", str(fallo.value))) == ["../falta.png", "a/#tres", "b/"]


def test_html_valido_segun_el_validador_nu(sitio):
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail(f"Faltan java ({java}) o {VNU}: «make test» los instala (paquetes-debian.txt y "
                    "npm ci con package-lock.json). Esta prueba no se omite.")
    resultado = subprocess.run(
        [java, "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json", str(sitio)],
        capture_output=True, text=True, timeout=300)
    mensajes = json.loads(resultado.stderr or resultado.stdout)["messages"]
    errores = [f"{m.get('url', '').split(str(sitio))[-1]}:{m.get('lastLine', '?')}: {m['message']}"
               for m in mensajes if m.get("type") in ("error", "non-document-error")]
    assert errores == [], "\n".join(errores[:50])
    assert resultado.returncode == 0
