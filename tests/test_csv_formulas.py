"""CSV sin fórmulas: una celda de texto que una hoja de cálculo ejecutaría (``=``, ``+``, ``-``,
``@``, tabulación, retorno de carro) lleva un apóstrofo delante en el CSV (OWASP); el JSON y las
páginas muestran el texto tal cual, escapado; la página de descargas y el paquete de datos lo dicen.

El sitio es el de los textos hostiles (fixture ``hostil`` de conftest.py, datos de
:func:`conjuntos.hostil`, el mismo que lee test_texto_hostil.py): un taller tiene nombre, lugar y
observaciones que empiezan como fórmulas. La tabulación y el retorno de carro se prueban en
:func:`plan_migracion.salidas.abiertos.neutralizar_formula` y :func:`~plan_migracion.salidas.abiertos.a_csv`
directamente (el validador puede rechazar caracteres de control en los datos).
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from plan_migracion.datos.idiomas import del_proyecto
from plan_migracion.salidas import abiertos
from plan_migracion.salidas.abiertos import Columna, Conjunto, a_csv, neutralizar_formula

from conjuntos import FORMULAS as HOSTILES
from conjuntos import HIPERVINCULO
from conjuntos import TALLER_FORMULAS as TALLER
from paginas import frictionless, leer


# --- La regla, directamente ----------------------------------------------------------------------

@pytest.mark.parametrize("inicio", ["=", "+", "-", "@", "\t", "\r"])
def test_inicio_de_formula_lleva_apostrofo(inicio):
    assert neutralizar_formula(f"{inicio}1+1") == f"'{inicio}1+1"


@pytest.mark.parametrize("texto", ["Callao", "1-2", " =1", "a=b", "'=ya tiene apóstrofo", "", "–guion largo", "＝ancho"])
def test_otro_texto_queda_igual(texto):
    assert neutralizar_formula(texto) == texto


def test_a_csv_neutraliza_textos_y_no_numeros():
    """Con tabulación y retorno de carro, por el escritor del CSV: comillas bien puestas y las
    columnas de números sin tocar."""
    registros = [("\t=1+1", -1), ("\r=2", 3), ("@3 | =4", None), ("normal", 0)]
    conjunto = Conjunto("prueba", lambda _d: registros, [
        Columna("texto", "string", lambda r, _d: r[0]),
        Columna("numero", "integer", lambda r, _d: r[1], requerida=False),
        Columna("lista", "string", lambda r, _d: [r[0], "=x"], lista=True),
    ])
    filas = list(csv.reader(io.StringIO(a_csv(conjunto, None), newline="")))
    assert filas == [
        ["texto", "numero", "lista"],
        ["'\t=1+1", "-1", "'\t=1+1 | =x"],
        ["'\r=2", "3", "'\r=2 | =x"],
        ["'@3 | =4", "", "'@3 | =4 | =x"],
        ["normal", "0", "normal | =x"],
    ]


# --- En el sitio compilado -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def sitio_hostil(hostil):
    return hostil[0]


def _fila(sitio) -> dict:
    with (sitio / "descargas" / "talleres.csv").open(encoding="utf-8", newline="") as f:
        return next(fila for fila in csv.DictReader(f) if fila["id"] == TALLER)


@pytest.mark.sitio
def test_csv_con_apostrofo_y_json_tal_cual(sitio_hostil):
    fila = _fila(sitio_hostil)
    objeto = next(o for o in json.loads((sitio_hostil / "descargas" / "talleres.json").read_text(encoding="utf-8"))
                  if o["id"] == TALLER)
    for campo in ("nombre", "lugar"):
        for idioma in ("es", "en"):
            crudo = HOSTILES[campo][idioma]
            assert fila[f"{campo}_{idioma}"] == "'" + crudo
            assert objeto[f"{campo}_{idioma}"] == crudo
    assert fila["observaciones_es"] == "'@obs | =2" and objeto["observaciones_es"] == ["@obs", "=2"]
    assert fila["observaciones_en"] == "'-obs | nada que neutralizar"
    assert objeto["observaciones_en"] == ["-obs", "nada que neutralizar"]
    # lo demás, sin tocar: número, fecha, códigos
    assert fila["participantes"] == "32" and objeto["participantes"] == 32
    assert fila["fecha"] == "2011-03-11" and fila["regiones"] == "07"


@pytest.mark.sitio
def test_csv_sigue_valido_con_frictionless(sitio_hostil):
    informe = frictionless(sitio_hostil / "descargas" / "datapackage.json")
    assert informe["valid"], json.dumps(informe, ensure_ascii=False)[:3000]


@pytest.mark.sitio
@pytest.mark.parametrize("pagina, crudos", [
    (f"talleres/{TALLER}/index.html", [HIPERVINCULO, "-1", "@obs", "=2"]),
    ("talleres/index.html", ["-1"]),  # (la lista muestra el lugar)
    (f"en/talleres/{TALLER}/index.html", ["+1", "@SUM(1)", "-obs"]),
    ("en/talleres/index.html", ["@SUM(1)"]),
])
def test_pagina_muestra_el_texto_escapado(sitio_hostil, pagina, crudos):
    html = (sitio_hostil / pagina).read_text(encoding="utf-8")
    leida = leer(sitio_hostil / pagina)
    for crudo in crudos:
        assert crudo in leida.texto  # el texto tal cual...
        assert "'" + crudo not in leida.texto  # ...sin el apóstrofo del CSV
    assert "http://x" not in leida.enlaces and 'href="http://x"' not in html
    assert HIPERVINCULO not in html  # (las comillas, escapadas)


@pytest.mark.sitio
@pytest.mark.parametrize("idioma", ["es", "en"])
def test_descargas_y_diccionario_explican_la_regla(sitio_hostil, idioma):
    carpeta = sitio_hostil / ("en/" if idioma == "en" else "") / "descargas"
    texto = leer(carpeta / "index.html").texto
    regla = abiertos.formulas(idioma)
    assert " ".join(regla.split()) in texto
    assert "OWASP" in regla and "'" in regla and "JSON" in regla
    for caracter in ("=", "+", "-", "@"):
        assert caracter in abiertos.inicios_de_formula(idioma)
    # una sola vez, donde se describe el CSV: no en la descripción de cada columna (issue 17, punto 7;
    # tests/test_descargas_formulas.py cuenta las veces)
    inicios = abiertos.inicios_de_formula(idioma)
    for columna in ("nombre_es", "lugar_en", "id", "fecha", "participantes", "regiones", "fuente"):
        assert inicios not in abiertos.descripcion_columna("talleres", columna, idioma, del_proyecto()), columna


@pytest.mark.sitio
def test_paquete_de_datos_explica_la_regla(sitio_hostil):
    paquete = json.loads((sitio_hostil / "descargas" / "datapackage.json").read_text(encoding="utf-8"))
    assert abiertos.formulas("es") in paquete["description"] and abiertos.formulas("en") in paquete["description"]
    # en la descripción del paquete, no en la de cada campo
    campos = {c["name"]: c for c in next(r for r in paquete["resources"] if r["name"] == "talleres")["schema"]["fields"]}
    assert all("apóstrofo" not in campos[c]["description"] for c in ("nombre_es", "lugar_en", "id", "fecha"))
