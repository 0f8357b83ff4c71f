"""``make serve`` (``plan.py servir``, ``mkdocs serve``) con datos inválidos: el navegador recibe en
seguida una página con los mensajes del validador, escapados, y el sitio de verdad vuelve al
corregir el archivo (véase ``plan_migracion/sitio_mkdocs/datos_con_errores.py``).

Antes, el servidor de MkDocs dejaba la petición esperando hasta que una compilación terminara bien.
La prueba sirve una copia temporal de ``datos/`` (``PLAN_DATOS``) con un taller inválido.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from markupsafe import escape

from conftest import RAIZ

pytestmark = pytest.mark.sitio

PLAN = RAIZ / "scripts" / "plan.py"
HOSTIL = "<script>alert(1)</script>"
TITULO = "Los datos tienen errores"


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pedir(url: str) -> tuple[int, str] | None:
    """(estado, cuerpo) de ``url``, o None si no responde en 5 s (o aún no escucha)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as respuesta:
            return respuesta.status, respuesta.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _esperar(url: str, condicion, segundos: float, proceso: subprocess.Popen) -> tuple[int, str]:
    """Pide ``url`` hasta que la respuesta cumpla ``condicion`` (a lo sumo ``segundos``)."""
    limite = time.monotonic() + segundos
    respuesta = None
    while time.monotonic() < limite and proceso.poll() is None:
        respuesta = _pedir(url)
        if respuesta is not None and condicion(*respuesta):
            return respuesta
        time.sleep(0.5)
    pytest.fail(f"{url}: sin la respuesta esperada en {segundos} s (última: "
                f"{None if respuesta is None else (respuesta[0], respuesta[1][:300])}; servidor: {proceso.poll()})")


def _con_mensajes(estado: int, cuerpo: str) -> bool:
    return TITULO in cuerpo and "datos-con-errores" in cuerpo


def _sitio_de_verdad(estado: int, cuerpo: str) -> bool:
    return estado == 200 and "datos-con-errores" not in cuerpo


def test_servir_con_datos_invalidos_muestra_los_mensajes_y_vuelve_al_corregir(tmp_path):
    datos = tmp_path / "datos"
    shutil.copytree(RAIZ / "datos", datos)
    taller = next(archivo for archivo in sorted((datos / "talleres").glob("*.yml"))
                  if re.search(r"^participantes: \d+$", archivo.read_text(encoding="utf-8"), re.M))
    correcto = taller.read_text(encoding="utf-8")
    invalido = re.sub(r"^participantes: \d+$", f'participantes: "{HOSTIL}"', correcto, count=1, flags=re.M)
    taller.write_text(invalido, encoding="utf-8")

    # Los mensajes del validador (plan.py validar), los mismos que debe mostrar la página.
    validar = subprocess.run([sys.executable, str(PLAN), "validar", str(datos)], capture_output=True, text=True)
    assert validar.returncode == 1
    mensajes = [linea for linea in validar.stdout.splitlines() if taller.name in linea]
    assert mensajes and any(HOSTIL in linea for linea in mensajes)
    assert any(f"talleres/{taller.name}:" in linea and "participantes:" in linea for linea in mensajes)

    puerto = _puerto_libre()
    base = f"http://127.0.0.1:{puerto}/"
    registro = f"talleres/{taller.stem}/"
    entorno = {**os.environ, "PLAN_DATOS": str(datos), "PLAN_CACHE": str(tmp_path / "cache"),
               "NO_MKDOCS_2_WARNING": "1"}
    entorno.pop("SOURCE_DATE_EPOCH", None)
    proceso = subprocess.Popen([sys.executable, str(PLAN), "servir", "--direccion", f"127.0.0.1:{puerto}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=entorno)
    try:
        # 1. Con datos inválidos desde el principio: la portada responde (no se queda esperando) con
        #    los mensajes, escapados; en inglés, los mismos mensajes con el título traducido.
        estado, portada = _esperar(base, lambda *r: True, 120, proceso)
        assert estado == 200 and _con_mensajes(estado, portada)
        for linea in mensajes:
            assert str(escape(linea)) in portada
        assert HOSTIL not in portada and "&lt;script&gt;alert(1)&lt;/script&gt;" in portada
        estado, ingles = _pedir(base + "en/")
        assert estado == 200 and "The data has errors" in ingles and str(escape(mensajes[0])) in ingles
        # Una página de registro (no generada: el servidor da la 404, que también los muestra).
        estado, pagina = _pedir(base + registro)
        assert estado == 404 and _con_mensajes(estado, pagina) and str(escape(mensajes[0])) in pagina
        assert HOSTIL not in pagina

        # 2. Al corregir el archivo vuelve el sitio de verdad, también la página del registro.
        taller.write_text(correcto, encoding="utf-8")
        _esperar(base, _sitio_de_verdad, 30, proceso)
        estado, pagina = _esperar(base + registro, _sitio_de_verdad, 30, proceso)
        assert taller.stem in pagina

        # 3. Se rompe con el sitio ya servido (el caso que dejaba la petición colgada): la página
        #    abierta del registro responde 200, con los mensajes (y la recarga en vivo).
        taller.write_text(invalido, encoding="utf-8")
        estado, pagina = _esperar(base + registro, _con_mensajes, 30, proceso)
        assert estado == 200 and str(escape(mensajes[0])) in pagina and HOSTIL not in pagina
        assert "livereload" in pagina
        estado, pagina = _pedir(base + "en/" + registro)
        assert estado == 200 and "The data has errors" in pagina

        # 4. Y vuelve otra vez al corregirlo.
        taller.write_text(correcto, encoding="utf-8")
        _esperar(base + registro, _sitio_de_verdad, 30, proceso)
    finally:
        if proceso.poll() is None:
            proceso.terminate()
            try:
                proceso.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proceso.kill()
                proceso.wait()


def test_construir_con_datos_invalidos_sigue_fallando(tmp_path):
    """``mkdocs build`` no cambia: datos inválidos, estado distinto de 0 y los mensajes."""
    datos = tmp_path / "datos"
    shutil.copytree(RAIZ / "datos", datos)
    taller = sorted((datos / "talleres").glob("*.yml"))[0]
    texto = taller.read_text(encoding="utf-8")
    taller.write_text(re.sub(r"^fecha: .*$", "fecha: 2012-13-45", texto, count=1, flags=re.M), encoding="utf-8")
    entorno = {**os.environ, "PLAN_DATOS": str(datos), "NO_MKDOCS_2_WARNING": "1"}
    compilacion = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--config-file", str(RAIZ / "mkdocs.yml"),
                                  "--site-dir", str(tmp_path / "site")], capture_output=True, text=True, env=entorno,
                                 cwd=RAIZ)
    assert compilacion.returncode != 0
    assert f"talleres/{taller.name}:" in compilacion.stderr and "fecha" in compilacion.stderr
    assert not (tmp_path / "site" / "index.html").exists()
