"""scripts/plan.py, la herramienta del proyecto: cada orden con su ayuda, ejecuciones reales de
``validar``, ``nuevo``, ``esquemas`` y ``servir`` en copias temporales, y los scripts de antes
(``scripts/validar.py``...) que siguen funcionando con los mismos argumentos y dan lo mismo."""

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

import pytest

from conftest import DATOS, RAIZ

PLAN = RAIZ / "scripts" / "plan.py"
# Las órdenes que pide la herramienta (issue 12): orden → (script de antes, una opción suya)
ORDENES = {
    "validar": ("validar.py", "--github"),
    "nuevo": ("nuevo.py", "--fecha"),
    "esquemas": ("esquemas.py", "--comprobar"),
    "desde-issue": ("desde_issue.py", "--datos"),
    "construir": ("construir.py", "--destino"),
    "servir": (None, "--direccion"),
    "benchmark": ("benchmark.py", "--tamanos"),
    "benchmark-paginas": ("benchmark_paginas.py", "--salida"),
}


def plan(*argumentos, **opciones) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(PLAN), *map(str, argumentos)], capture_output=True, text=True,
                          timeout=120, **opciones)


def script(nombre: str, *argumentos) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(RAIZ / "scripts" / nombre), *map(str, argumentos)],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def datos(tmp_path):
    destino = tmp_path / "datos"
    shutil.copytree(DATOS, destino)
    return destino


# --- La ayuda -------------------------------------------------------------------------------------

def test_la_ayuda_lista_cada_orden():
    resultado = plan("--help")
    assert resultado.returncode == 0, resultado.stderr
    assert "plan.py [-h] orden" in resultado.stdout.splitlines()[0]  # la línea de uso que escribe plan.py
    listadas = resultado.stdout.split("órdenes:\n", 1)[1].split("\n\n", 1)[0]
    assert [linea.split()[0] for linea in listadas.splitlines()] == list(ORDENES)


@pytest.mark.parametrize("orden", ORDENES)
def test_ayuda_de_cada_orden(orden):
    """La ayuda de cada orden es la de su script (las mismas opciones), con el nombre «plan.py orden»."""
    anterior, opcion = ORDENES[orden]
    resultado = plan(orden, "--help")
    assert resultado.returncode == 0, resultado.stderr
    assert f" plan.py {orden} " in resultado.stdout.splitlines()[0], resultado.stdout  # el nombre, en la línea de uso
    assert opcion in resultado.stdout
    if anterior:
        propia = script(anterior, "--help")
        assert propia.returncode == 0, propia.stderr
        # sin la línea de uso (su ancho depende del nombre del programa): descripción y opciones
        assert resultado.stdout.split("\n\n", 1)[1] == propia.stdout.split("\n\n", 1)[1]


# Lo que dice el error (las frases en inglés son de argparse y no se comprueban): el mensaje propio
# de plan.py, o el nombre del programa, la palabra que sobra o las opciones que faltan.
@pytest.mark.parametrize("argumentos, esperados", [
    ([], ["falta la orden: una de validar, nuevo, esquemas, desde-issue, construir, servir, benchmark, benchmark-paginas"]),
    (["validr"], ["plan.py: ", "'validr'", *(f"'{orden}'" for orden in ORDENES)]),
    (["nuevo", "taller"], ["plan.py nuevo: ", "--fecha", "--lugar"]),
])
def test_orden_que_falta_o_no_existe(argumentos, esperados):
    resultado = plan(*argumentos)
    assert resultado.returncode == 2
    ultima = resultado.stderr.strip().splitlines()[-1]  # la línea del error, tras la de uso
    assert [e for e in esperados if e not in ultima] == [], resultado.stderr
    assert "Traceback" not in resultado.stderr, resultado.stderr


# --- validar --------------------------------------------------------------------------------------

def test_validar_datos_validos(datos):
    resultado = plan("validar", datos)
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    # un registro válido puede dar avisos (p. ej. una fecha fuera de 2011-2014), nunca errores
    assert re.fullmatch(r"Datos válidos\.|0 error\(es\), \d+ aviso\(s\)", resultado.stderr.strip()), resultado.stderr


def test_validar_un_error_y_lo_mismo_que_el_script(datos):
    ruta = datos / "talleres" / "2011-04-01-tumbes.yml"
    ruta.write_text(ruta.read_text(encoding="utf-8").replace("participantes: 45", "participantes: -45"),
                    encoding="utf-8")
    linea = "datos/talleres/2011-04-01-tumbes.yml:13:1: participantes: no puede ser negativo (se encontró -45)"
    for argumentos, esperada in [
        ([], linea),
        (["--lang", "en"], "datos/talleres/2011-04-01-tumbes.yml:13:1: participantes: cannot be negative (found -45)"),
        (["--github"], "::error file=datos/talleres/2011-04-01-tumbes.yml,line=13,col=1,title=participantes::" + linea),
    ]:
        resultado = plan("validar", datos, *argumentos)
        assert resultado.returncode == 1, resultado.stdout + resultado.stderr
        assert esperada in resultado.stdout.splitlines(), resultado.stdout
        anterior = script("validar.py", datos, *argumentos)
        assert (anterior.returncode, anterior.stdout, anterior.stderr) == (
            resultado.returncode, resultado.stdout, resultado.stderr)


def test_validar_sin_carpeta(tmp_path):
    resultado = plan("validar", tmp_path / "no-existe")
    assert resultado.returncode == 1
    assert resultado.stderr == f"{tmp_path / 'no-existe'}: no existe la carpeta\n"


# --- nuevo ----------------------------------------------------------------------------------------

def test_nuevo_crea_la_plantilla_y_no_sobrescribe(datos):
    resultado = plan("nuevo", "taller", "--fecha", "2012-05-10", "--lugar", "San Martín", "--datos", datos)
    assert resultado.returncode == 0, resultado.stderr
    ruta = datos / "talleres" / "2012-05-10-san-martin.yml"
    assert resultado.stdout.startswith(f"Creado {ruta}\n")
    texto = ruta.read_text(encoding="utf-8")
    assert "id: 2012-05-10-san-martin\n" in texto and "fecha: 2012-05-10\n" in texto and "POR LLENAR" in texto
    # el validador (también por la herramienta) rechaza la plantilla mientras quede un hueco
    validacion = plan("validar", datos)
    assert validacion.returncode == 1
    assert any(l.startswith("datos/talleres/2012-05-10-san-martin.yml:") for l in validacion.stdout.splitlines())
    otra_vez = plan("nuevo", "taller", "--fecha", "2012-05-10", "--lugar", "San Martín", "--datos", datos)
    assert otra_vez.returncode == 1 and "no se sobrescribe" in otra_vez.stderr
    assert ruta.read_text(encoding="utf-8") == texto


def test_nuevo_igual_que_el_script(tmp_path):
    """``plan.py nuevo`` y ``scripts/nuevo.py`` escriben el mismo archivo con los mismos argumentos."""
    escritos = []
    for nombre, ejecutar in [("plan", lambda *a: plan("nuevo", *a)), ("script", lambda *a: script("nuevo.py", *a))]:
        datos = tmp_path / nombre / "datos"
        shutil.copytree(DATOS, datos)
        resultado = ejecutar("convenio", "--fecha", "2013-02-01", "--lugar", "Piura", "--datos", datos)
        assert resultado.returncode == 0, resultado.stderr
        escritos.append((datos / "convenios" / "2013-02-01-piura.yml").read_text(encoding="utf-8"))
    assert escritos[0] == escritos[1]
    assert "fecha_firma: 2013-02-01\n" in escritos[0]


# --- esquemas -------------------------------------------------------------------------------------

def test_esquemas_comprobar_y_regenerar(datos):
    assert plan("esquemas", datos, "--comprobar").returncode == 0
    esquema = datos / "esquemas" / "taller.schema.json"
    original = esquema.read_text(encoding="utf-8")
    esquema.write_text(original.replace('"id"', '"ident"', 1), encoding="utf-8")
    comprobacion = plan("esquemas", datos, "--comprobar")
    assert comprobacion.returncode == 1
    assert f"desactualizado: {esquema}" in comprobacion.stdout.splitlines()
    assert script("esquemas.py", datos, "--comprobar").stdout == comprobacion.stdout
    regenerar = plan("esquemas", datos)
    assert regenerar.returncode == 0 and f"actualizado: {esquema}" in regenerar.stdout.splitlines()
    assert esquema.read_text(encoding="utf-8") == original


# --- servir ---------------------------------------------------------------------------------------

def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pedir(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as respuesta:
            return respuesta.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def test_servir_los_dos_idiomas_y_detenerse(tmp_path):
    """``plan.py servir`` (``make serve``) sirve las dos portadas; al detenerlo deja de servir (no
    queda un mkdocs huérfano escuchando)."""
    puerto = _puerto_libre()
    base = f"http://127.0.0.1:{puerto}/"
    entorno = {**os.environ, "PLAN_CACHE": str(tmp_path / "cache")}
    proceso = subprocess.Popen([sys.executable, str(PLAN), "servir", "--direccion", f"127.0.0.1:{puerto}"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=entorno)
    try:
        limite = time.monotonic() + 120
        portada = None
        while portada is None and time.monotonic() < limite and proceso.poll() is None:
            portada = _pedir(base)
            time.sleep(0.5)
        assert portada is not None, f"plan.py servir no respondió (estado {proceso.poll()})"
        assert '<html lang="es"' in portada
        ingles = _pedir(base + "en/")
        assert ingles is not None and '<html lang="en"' in ingles
        proceso.terminate()
        proceso.wait(timeout=30)
        assert _pedir(base) is None
    finally:
        if proceso.poll() is None:
            proceso.kill()
            proceso.wait()
        proceso.stdout.close()
