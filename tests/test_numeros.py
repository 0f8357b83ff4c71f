"""Un número de los datos es lo que se escribió: solo cifras (YAML 1.1 leería otra cosa en silencio).

Cada forma que PyYAML convertiría en otro número (``030`` → 24, ``1:30`` → 90, ``0x1E`` → 30...)
es un error con archivo, línea, columna y campo, que muestra lo escrito y qué escribir, en los
dos idiomas. ``yes``/``no``/``on``/``off`` son textos y se muestran tal como se escribieron.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plan_migracion.datos import cargar, validar

from conjuntos import taller_yaml
from conftest import DATOS

ARCHIVO = "talleres/2012-06-01-numeros.yml"
TALLER = taller_yaml("2012-06-01-numeros", lugar="Piura números", participantes="{participantes}",
                     orden_en_fuente="null")

ES = "un número se escribe solo con cifras, sin {} (se encontró «{}»{}): escriba {}; si es un texto, escríbalo entre comillas"
EN = "a number is written with digits only, without {} (found “{}”{}): write {}; if it is a text, put it in quotes"


def _problemas(tmp_path: Path, texto: str, archivo: str = ARCHIVO) -> list:
    carpeta = tmp_path / "datos"
    shutil.copytree(DATOS, carpeta)
    (carpeta / archivo).write_text(texto, encoding="utf-8")
    return validar(carpeta)


CASOS = [
    # (escrito, forma es, forma en, lectura es, lectura en, sugerencia es, sugerencia en)
    ("030", "ceros delante", "leading zeros", ", que YAML leería como 24", ", which YAML would read as 24", "30", "30"),
    ("1:30", "«:»", "“:”", ", que YAML leería como 90", ", which YAML would read as 90",
     "el número con cifras solas", "the number in digits only"),
    ("0x1E", "el prefijo «0x»", "the prefix “0x”", "", "", "30", "30"),
    ("0o17", "el prefijo «0o»", "the prefix “0o”", "", "", "15", "15"),
    ("1_000", "«_»", "“_”", "", "", "1000", "1000"),
    ("30.0", "decimales", "decimals", "", "", "30", "30"),
    ("+5", "el signo «+»", "the “+” sign", "", "", "5", "5"),
    ("1e3", "exponente («e»)", "an exponent (“e”)", "", "", "1000", "1000"),
    (".inf", "palabras como «.inf» o «.nan»", "words such as “.inf” or “.nan”", "", "",
     "el número con cifras solas", "the number in digits only"),
]


@pytest.mark.parametrize("caso", CASOS, ids=lambda c: c[0])
def test_un_numero_que_no_es_solo_cifras_es_un_error_que_dice_que_escribir(caso, tmp_path):
    escrito, forma_es, forma_en, lectura_es, lectura_en, sugerencia_es, sugerencia_en = caso
    problemas = _problemas(tmp_path, TALLER.format(participantes=escrito))
    lugar = f"datos/{ARCHIVO}:13:1: participantes: "
    assert [p.texto("es") for p in problemas] == [lugar + ES.format(forma_es, escrito, lectura_es, sugerencia_es)]
    assert [p.texto("en") for p in problemas] == [lugar + EN.format(forma_en, escrito, lectura_en, sugerencia_en)]


def test_el_orden_en_la_fuente_tampoco_cambia_en_silencio(tmp_path):
    texto = TALLER.format(participantes="20").replace("orden_en_fuente: null", "orden_en_fuente: 010")
    problemas = _problemas(tmp_path, texto)
    assert [p.texto("es") for p in problemas] == [
        f"datos/{ARCHIVO}:3:1: orden_en_fuente: " + ES.format("ceros delante", "010", ", que YAML leería como 8", "10")]


def test_los_anios_del_plan_tampoco(tmp_path):
    carpeta = tmp_path / "datos"
    shutil.copytree(DATOS, carpeta)
    plan = carpeta / "plan.yml"
    texto = plan.read_text(encoding="utf-8")
    assert "  inicio: 2011\n" in texto
    plan.write_text(texto.replace("  inicio: 2011\n", "  inicio: 0x7DB\n"), encoding="utf-8")
    problemas = [p for p in validar(carpeta) if p.es_error]
    assert [(p.ruta, p.campo, p.codigo, p.datos["valor"]) for p in problemas] == [
        ("datos/plan.yml", "periodo.inicio", "numero-no-decimal", "0x7DB")]
    assert "escriba 2011" in problemas[0].texto("es")


@pytest.mark.parametrize("escrito", ["yes", "no", "on", "off", "Yes", "True"])
def test_yes_no_on_off_se_muestran_como_se_escribieron(escrito, tmp_path):
    problemas = _problemas(tmp_path, TALLER.format(participantes=escrito))
    lugar = f"datos/{ARCHIVO}:13:1: participantes: "
    assert [p.texto("es") for p in problemas] == [
        lugar + f"debe ser un número entero, sin decimales ni comillas (se encontró «{escrito}»)"]
    assert [p.texto("en") for p in problemas] == [
        lugar + f"must be a whole number, without decimals or quotes (found “{escrito}”)"]


def test_un_codigo_de_region_con_cero_es_el_texto_escrito(tmp_path):
    """``region: 08`` y ``regiones: [07]`` sin comillas son los códigos «08» y «07», tal como se escribieron
    (YAML 1.1 leería ``07`` como el número 7)."""
    texto = TALLER.format(participantes="20").replace('regiones: ["20"]', "regiones: [07, 08]")
    carpeta = tmp_path / "datos"
    shutil.copytree(DATOS, carpeta)
    (carpeta / ARCHIVO).write_text(texto, encoding="utf-8")
    assert cargar(carpeta).taller_por_id["2012-06-01-numeros"].regiones == ["07", "08"]


def test_un_texto_on_es_el_texto_on(tmp_path):
    """En YAML 1.1 «on» sin comillas es ``True`` (y el lugar sería un booleano); aquí es un texto."""
    texto = TALLER.format(participantes="20").replace("  en: Piura\n", "  en: on\n")
    carpeta = tmp_path / "datos"
    shutil.copytree(DATOS, carpeta)
    (carpeta / ARCHIVO).write_text(texto, encoding="utf-8")
    datos = cargar(carpeta)
    assert datos.taller_por_id["2012-06-01-numeros"].lugar.en_idioma("en") == "on"


def test_un_numero_bien_escrito_es_ese_numero(tmp_path):
    carpeta = tmp_path / "datos"
    shutil.copytree(DATOS, carpeta)
    (carpeta / ARCHIVO).write_text(TALLER.format(participantes="0"), encoding="utf-8")
    datos = cargar(carpeta)
    assert datos.taller_por_id["2012-06-01-numeros"].participantes == 0


def test_un_decimal_con_fraccion_sigue_siendo_el_mensaje_del_entero(tmp_path):
    problemas = _problemas(tmp_path, TALLER.format(participantes="12.5"))
    assert [p.texto("es") for p in problemas] == [
        f"datos/{ARCHIVO}:13:1: participantes: debe ser un número entero, sin decimales ni comillas (se encontró «12.5»)"]
