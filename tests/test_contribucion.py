"""El flujo de contribución: integración continua, pre-commit, plantillas y guía."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin, urlparse

import pytest
import yaml

import conjuntos
from conftest import DATOS, RAIZ, compilar, una_vez
from paginas import Html, cifra_participantes, cifras_de, contenido, destinos, enlaces_a_otro_idioma, leer
from servidor import Servidor, linkchecker

FLUJO = RAIZ / ".github" / "workflows" / "ci.yml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def _actionlint(*rutas) -> subprocess.CompletedProcess:
    assert ACTIONLINT.is_file(), "falta actionlint (requirements-dev.txt)"
    return subprocess.run([str(ACTIONLINT), "-no-color", *map(str, rutas)], capture_output=True, text=True,
                          timeout=120, cwd=RAIZ)


def test_actionlint_acepta_los_flujos():
    flujos = sorted((RAIZ / ".github" / "workflows").glob("*.yml"))
    assert FLUJO in flujos
    resultado = _actionlint(*flujos)
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr


def test_actionlint_detecta_un_flujo_roto(tmp_path):
    """Control: actionlint de verdad revisa (una expresión mal escrita y un trabajo inexistente)."""
    roto = tmp_path / "roto.yml"
    roto.write_text(FLUJO.read_text(encoding="utf-8").replace("needs: comprobar", "needs: compilar")
                    .replace("${{ github.repository }}", "${{ github.repositorio }}"), encoding="utf-8")
    resultado = _actionlint(roto)
    assert resultado.returncode == 1
    assert "compilar" in resultado.stdout and "repositorio" in resultado.stdout


def test_anotaciones_de_github(tmp_path):
    copia = tmp_path / "datos"
    shutil.copytree(DATOS, copia)
    ruta = copia / "talleres" / "2011-04-01-tumbes.yml"
    ruta.write_text(ruta.read_text(encoding="utf-8").replace("participantes: 45", "participantes: -45"), encoding="utf-8")
    resultado = subprocess.run([sys.executable, str(RAIZ / "scripts" / "validar.py"), str(copia), "--github"],
                               capture_output=True, text=True, timeout=120)
    assert resultado.returncode == 1
    # solo los errores: un registro válido con un aviso (p. ej. una fecha fuera de 2011-2014) no cambia esto
    assert [l for l in resultado.stdout.splitlines() if l.startswith("::error")] == [
        "::error file=datos/talleres/2011-04-01-tumbes.yml,line=13,col=1,title=participantes::"
        "datos/talleres/2011-04-01-tumbes.yml:13:1: participantes: no puede ser negativo (se encontró -45)"]


def test_plantilla_de_pull_request_bilingue():
    texto = (RAIZ / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    casillas = re.findall(r"^- \[ \] (.+?)(?=^- \[ \]|\Z)", texto, re.M | re.S)
    assert len(casillas) >= 6
    for casilla in casillas:
        espanol, ingles = re.split(r" /\s+", casilla, maxsplit=1)
        assert espanol.strip() and ingles.strip()
    for palabra in ("fuente", "null", "POR LLENAR", "validar.py", "2011-2014"):
        assert palabra in texto


def _bloques_yaml(texto: str) -> list[str]:
    return re.findall(r"^```yaml\n(.*?)^```", texto, re.M | re.S)


@pytest.mark.parametrize("tipo", ["taller", "convenio"])
def test_la_guia_muestra_la_plantilla_de_nuevo_py(tmp_path, tipo):
    """Las plantillas de CONTRIBUTING.md son las que escribe scripts/nuevo.py (salvo las listas de ids)."""
    copia = tmp_path / "datos"
    # sin talleres ni convenios: alguien puede haber añadido de verdad el ejemplo de la guía a datos/
    shutil.copytree(DATOS, copia, ignore=shutil.ignore_patterns("talleres", "convenios"))
    subprocess.run([sys.executable, str(RAIZ / "scripts" / "nuevo.py"), tipo, "--fecha", "2012-05-10",
                    "--lugar", "Piura", "--datos", str(copia)], check=True, capture_output=True, timeout=120)
    carpeta = "talleres" if tipo == "taller" else "convenios"
    generada = (copia / carpeta / "2012-05-10-piura.yml").read_text(encoding="utf-8")
    guia = (RAIZ / "CONTRIBUTING.md").read_text(encoding="utf-8")
    bloque = next(b for b in _bloques_yaml(guia) if f"$schema=../esquemas/{tipo}.schema.json" in b)

    def sin_listas(texto):
        return [l for l in texto.splitlines() if not l.startswith(("fuente:", "componente:", "#"))]
    assert sin_listas(bloque) == sin_listas(generada)


def test_guia_en_espanol_y_en_ingles():
    guia = (RAIZ / "CONTRIBUTING.md").read_text(encoding="utf-8")
    espanol, ingles = guia.split("\n## English\n")
    for texto in ("Create new file", "Propose changes", "datos/talleres/", "datos/convenios/", "scripts/nuevo.py",
                  "validar.py", "datos/README.md"):
        assert texto in espanol and texto in ingles, texto
    assert "Añadir un taller desde el navegador" in espanol and "Añadir un convenio" in espanol
    assert "Add a workshop from the browser" in ingles and "An agreement" in ingles


# --- una contribución como la describe CONTRIBUTING.md ------------------------------------------
#
# Los datos reales más un taller y un convenio creados con scripts/nuevo.py y llenados, y una foto
# (JPEG hecho con Pillow) en la galería del taller: el validador dice que son válidos, el sitio se
# compila y cada página y descarga muestra los registros nuevos (valores sintéticos, solo en tmp).


@pytest.fixture(scope="module")
def contribucion(tmp_path_factory):
    """La contribución validada y compilada (una vez por ejecución, también con pytest-xdist)."""
    def hacer(carpeta: Path) -> dict:
        datos = carpeta / "datos"
        shutil.copytree(DATOS, datos)
        escritas = conjuntos.contribuir(datos)
        validacion = subprocess.run([sys.executable, str(RAIZ / "scripts" / "validar.py"), str(datos)],
                                    capture_output=True, text=True, timeout=120)
        compilacion = compilar(carpeta / "site", datos)
        return {"escritas": {tipo: str(ruta) for tipo, ruta in escritas.items()},
                **{nombre: {"returncode": r.returncode, "stdout": r.stdout, "stderr": r.stderr}
                   for nombre, r in (("validacion", validacion), ("compilacion", compilacion))}}

    carpeta, valor = una_vez(tmp_path_factory, "contribucion", hacer)
    return {"datos": carpeta / "datos", "escritas": {tipo: Path(r) for tipo, r in valor["escritas"].items()},
            "validacion": SimpleNamespace(**valor["validacion"]), "compilacion": SimpleNamespace(**valor["compilacion"]),
            "sitio": carpeta / "site"}


@pytest.fixture(scope="module")
def sitio_contribuido(contribucion) -> Path:
    resultado = contribucion["compilacion"]
    assert resultado.returncode == 0, resultado.stdout[-3000:] + resultado.stderr[-3000:]
    return contribucion["sitio"]


@pytest.mark.sitio
def test_contribucion_valida_y_compila(contribucion):
    validacion = contribucion["validacion"]
    assert validacion.returncode == 0, validacion.stdout + validacion.stderr
    # válidos (estado 0) y ningún mensaje sobre lo que escribió el contribuidor (otro registro de datos/ puede llevar un
    # aviso, p. ej. sin la línea del editor: eso no cambia esta contribución)
    propios = [f"/{ruta.parent.name}/{ruta.name}:" for ruta in contribucion["escritas"].values()]
    assert [l for l in validacion.stdout.splitlines() if any(p in l for p in propios)] == []
    assert [l for l in validacion.stdout.splitlines() if ": aviso: " not in l] == []
    compilacion = contribucion["compilacion"]
    assert compilacion.returncode == 0, compilacion.stdout[-3000:] + compilacion.stderr[-3000:]
    avisos = [l for l in (compilacion.stdout + compilacion.stderr).splitlines() if l.startswith(("WARNING", "ERROR"))]
    assert avisos == []
    # lo que nuevo.py escribió, llenado: sin «POR LLENAR», con el id del nombre del archivo
    for ruta in (contribucion["escritas"]["taller"], contribucion["escritas"]["convenio"]):
        valor = yaml.safe_load(ruta.read_text(encoding="utf-8"))
        assert valor["id"] == ruta.stem and "POR LLENAR" not in json.dumps(valor, ensure_ascii=False, default=str)


@pytest.mark.sitio
@pytest.mark.parametrize("idioma", ["es", "en"])
def test_contribucion_pagina_del_taller_con_su_foto(contribucion, sitio_contribuido, idioma):
    from PIL import Image

    t, i = conjuntos.TALLER_CONTRIBUIDO, 0 if idioma == "es" else 1
    prefijo = "" if idioma == "es" else "en/"
    ruta = sitio_contribuido / prefijo / "talleres" / t["id"] / "index.html"
    pagina = ruta.read_text(encoding="utf-8")
    texto = leer(ruta).texto
    for campo in ("nombre", "lugar", "representacion"):
        assert t["valores"][(campo, idioma)] in texto, campo
    assert t["valores"][("lugar", idioma)] in Html(pagina).h1
    assert ("22 de noviembre de 2013" if idioma == "es" else "22 November 2013") in Html(pagina).h1
    assert re.search(r"\b23\b", texto)
    imagenes = [a for etiqueta, a in Html(contenido(pagina)).etiquetas if etiqueta == "img"]
    assert [a["alt"] for a in imagenes] == [t["alt"][i]]
    assert t["pie"][i] in texto
    destino = urlparse(urljoin(f"https://x/{prefijo}talleres/{t['id']}/", imagenes[0]["src"])).path
    assert destino == f"/fotos/{t['foto']}"
    publicada = sitio_contribuido / destino.lstrip("/")
    assert publicada.read_bytes() == contribucion["escritas"]["foto"].read_bytes()
    with Image.open(publicada) as imagen:
        assert imagen.format == "JPEG" and imagen.size == (96, 64)


@pytest.mark.sitio
@pytest.mark.parametrize("idioma", ["es", "en"])
def test_contribucion_pagina_del_convenio(sitio_contribuido, idioma):
    c = conjuntos.CONVENIO_CONTRIBUIDO
    prefijo = "" if idioma == "es" else "en/"
    ruta = f"{prefijo}convenios/{c['id']}"
    pagina = (sitio_contribuido / ruta / "index.html").read_text(encoding="utf-8")
    assert Html(pagina).h1 == c["valores"][("parte", idioma)]
    texto = leer(sitio_contribuido / ruta / "index.html").texto
    assert c["valores"][("objeto", idioma)] in texto and c["valores"][("fuente_informacion", idioma)] in texto
    assert ("7 de febrero de 2014" if idioma == "es" else "7 February 2014") in texto
    assert f"{prefijo}regiones/san-martin" in destinos(sitio_contribuido, ruta)
    for origen in ("convenios", "cronologia", "regiones/san-martin"):
        assert ruta in destinos(sitio_contribuido, prefijo + origen), origen
    assert "Todavía no hay convenios" not in leer(sitio_contribuido / prefijo / "convenios" / "index.html").texto


@pytest.mark.sitio
@pytest.mark.parametrize("idioma", ["es", "en"])
def test_contribucion_cuenta_en_las_cifras(contribucion, sitio_contribuido, idioma):
    """Las cifras del inicio suman los registros nuevos a los reales (sean cuantos sean)."""
    from plan_migracion.datos import cargar

    total, con, n = cifras_de(cargar(DATOS))
    texto = leer(sitio_contribuido / ("" if idioma == "es" else "en") / "index.html").texto
    assert cifra_participantes(texto, idioma) == (total + 23, con + 1, n + 1)
    convenios = len(cargar(DATOS).convenios) + 1
    frase = {("es", True): "convenio registrado", ("es", False): "convenios registrados",
             ("en", True): "agreement recorded", ("en", False): "agreements recorded"}[(idioma, convenios == 1)]
    assert re.search(rf"\b{convenios} {frase}\b", texto)  # con uno solo, en singular


@pytest.mark.sitio
def test_contribucion_en_las_descargas(contribucion, sitio_contribuido):
    t, c = conjuntos.TALLER_CONTRIBUIDO, conjuntos.CONVENIO_CONTRIBUIDO
    descargas = sitio_contribuido / "descargas"
    with (descargas / "talleres.csv").open(encoding="utf-8", newline="") as f:
        talleres = {fila["id"]: fila for fila in csv.DictReader(f)}
    fila = talleres[t["id"]]
    assert (fila["fecha"], fila["participantes"], fila["fuente"], fila["regiones"]) == ("2013-11-22", "23", "oim", "22")
    assert fila["nombre_es"] == t["valores"][("nombre", "es")] and fila["lugar_en"] == t["valores"][("lugar", "en")]
    assert set(talleres) >= {p.stem for p in (DATOS / "talleres").glob("*.yml")}  # los reales siguen
    with (descargas / "convenios.csv").open(encoding="utf-8", newline="") as f:
        convenios = {fila["id"]: fila for fila in csv.DictReader(f)}
    fila = convenios[c["id"]]
    assert (fila["fecha_firma"], fila["vigencia_hasta"], fila["region"], fila["nivel"], fila["documento"]) == (
        "2014-02-07", "2014-12-31", "22", "regional", "")
    assert fila["parte_es"] == c["valores"][("parte", "es")]
    assert [o["participantes"] for o in json.loads((descargas / "talleres.json").read_text(encoding="utf-8"))
            if o["id"] == t["id"]] == [23]
    for idioma in ("", "en/"):
        feed = (sitio_contribuido / idioma / "descargas" / "actividades.xml").read_text(encoding="utf-8")
        assert f"talleres/{t['id']}/" in feed and f"convenios/{c['id']}/" in feed


@pytest.mark.sitio
def test_contribucion_sin_enlaces_rotos(sitio_contribuido, tmp_path):
    """LinkChecker desde las páginas de la contribución y las que la enlazan: cada enlace, ancla y la
    foto resuelven; en inglés, nada lleva al español."""
    t, c = conjuntos.TALLER_CONTRIBUIDO, conjuntos.CONVENIO_CONTRIBUIDO
    with Servidor(sitio_contribuido) as servidor:
        inicios = [servidor.base + prefijo + ruta for prefijo in ("", "en/") for ruta in (
            f"talleres/{t['id']}/", f"convenios/{c['id']}/", "cronologia/", "regiones/san-martin/", "convenios/")]
        linkchecker(servidor, inicios, tmp_path, niveles=1)
    assert enlaces_a_otro_idioma(sitio_contribuido) == []
