"""Las direcciones de los datos (``documento:``) son lo que parecen (issue 18): una parte de usuario,
un carácter invisible o un servidor que no es un dominio corriente son un error ubicado."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plan_migracion.datos import cargar, validar

from conjuntos import convenio_yaml
from conftest import DATOS

ARCHIVO = "convenios/2012-05-10-direccion.yml"
CONVENIO = convenio_yaml("2012-05-10-direccion", documento="{documento}")
LUGAR = f"datos/{ARCHIVO}:14:1: documento: "


def _con(tmp_path: Path, documento: str) -> Path:
    carpeta = tmp_path / "datos"
    shutil.copytree(DATOS, carpeta)
    (carpeta / ARCHIVO).write_text(CONVENIO.format(documento=documento), encoding="utf-8")
    return carpeta


def _lineas(carpeta: Path) -> tuple[list[str], list[str]]:
    problemas = validar(carpeta)
    return [p.texto("es") for p in problemas], [p.texto("en") for p in problemas]


def test_una_direccion_con_parte_de_usuario_se_rechaza(tmp_path):
    es, en = _lineas(_con(tmp_path, "https://www.trabajo.gob.pe@evil.example/c.pdf"))
    assert es == [LUGAR + "la dirección «https://www.trabajo.gob.pe@evil.example/c.pdf» lleva una parte de usuario "
                          "(«www.trabajo.gob.pe@»): el navegador iría a evil.example, no a lo que se lee al principio; "
                          "escriba la dirección sin la parte que termina en «@»"]
    assert en == [LUGAR + "the address “https://www.trabajo.gob.pe@evil.example/c.pdf” has a user part "
                          "(“www.trabajo.gob.pe@”): the browser would go to evil.example, not to what is read at the "
                          "start; write the address without the part ending in “@”"]


@pytest.mark.parametrize("caracter, posicion, descripcion_es, descripcion_en", [
    ("\u200b", 31, "carácter invisible: ZERO WIDTH SPACE", "invisible character: ZERO WIDTH SPACE"),
    ("\u2060", 31, "carácter invisible: WORD JOINER", "invisible character: WORD JOINER"),
    ("\u00a0", 31, "espacio: NO-BREAK SPACE", "space: NO-BREAK SPACE"),
])
def test_una_direccion_con_un_caracter_invisible_se_rechaza(tmp_path, caracter, posicion, descripcion_es,
                                                             descripcion_en):
    es, en = _lineas(_con(tmp_path, f"https://www.trabajo.gob.pe/con{caracter}venio.pdf"))
    codigo = f"U+{ord(caracter):04X}"
    visible = f"https://www.trabajo.gob.pe/con\\u{ord(caracter):04x}venio.pdf"
    assert es == [LUGAR + f"la dirección «{visible}» contiene el carácter {codigo} ({descripcion_es}) en la posición "
                          f"{posicion}: la dirección no es la que se lee; bórrelo (suele llegar al copiar y pegar)"]
    assert en == [LUGAR + f"the address “{visible}” contains the character {codigo} ({descripcion_en}) at position "
                          f"{posicion}: the address is not what it reads; delete it (it usually arrives by copy and paste)"]


@pytest.mark.parametrize("documento, servidor", [
    ("https://192.168.1.1/c.pdf", "192.168.1.1"),
    ("https://[::1]/c.pdf", "[::1]"),
    ("https://www.tr\u0430bajo.gob.pe/c.pdf", "www.tr\u0430bajo.gob.pe"),  # «а» cirílica
    ("https://www.trabajo.gob.pe:8443/c.pdf", "www.trabajo.gob.pe:8443"),
    ("https://localhost/c.pdf", "localhost"),
    ("https://www.trabajo.gob.pe\\@evil.example/c.pdf", "www.trabajo.gob.pe\\@evil.example"),
])
def test_una_direccion_que_no_va_a_un_dominio_corriente_se_rechaza(tmp_path, documento, servidor):
    es, en = _lineas(_con(tmp_path, documento))
    assert es == [LUGAR + f"la dirección «{documento}» no va a un dominio corriente («{servidor}»): use el nombre del "
                          "sitio en letras sin tildes, cifras, guiones y puntos, sin puerto ni dirección IP, como "
                          "https://www.trabajo.gob.pe/…"]
    assert en == [LUGAR + f"the address “{documento}” does not go to a plain domain (“{servidor}”): use the site's name "
                          "in letters without accents, digits, hyphens and dots, with no port or IP address, like "
                          "https://www.trabajo.gob.pe/…"]


def test_una_direccion_corriente_vale(tmp_path):
    documento = "https://WWW.Trabajo.gob.pe/convenios/2012/Convenio-Piura.pdf?version=2#pagina=3"
    datos = cargar(_con(tmp_path, documento))
    assert datos.convenio_por_id["2012-05-10-direccion"].documento == documento
