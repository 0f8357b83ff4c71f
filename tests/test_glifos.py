"""Un carácter que la fuente del PDF no puede dibujar es un aviso del validador (issue 17): archivo,
línea, campo y carácter, en vez de un recuadro vacío en el PDF."""

from __future__ import annotations

import re
import shutil

from plan_migracion.datos import cargar, validar
from plan_migracion.datos.glifos import FUENTE_PDF, caracteres_de_la_fuente

from conjuntos import taller_yaml
from conftest import DATOS, RAIZ

ARCHIVO = "talleres/2012-06-01-glifos.yml"
TALLER = taller_yaml("2012-06-01-glifos", lugar="{lugar}")


def _carpeta(tmp_path, lugar: str):
    carpeta = tmp_path / "datos"
    shutil.copytree(DATOS, carpeta)
    (carpeta / ARCHIVO).write_text(TALLER.format(lugar=lugar), encoding="utf-8")
    return carpeta


def test_un_caracter_sin_glifo_es_un_aviso_con_archivo_linea_campo_y_caracter(tmp_path):
    carpeta = _carpeta(tmp_path, "Piura 東 ✅ y 東 otra vez")
    problemas = [p for p in validar(carpeta) if p.ruta == f"datos/{ARCHIVO}"]
    assert [p.texto("es") for p in problemas] == [
        f"datos/{ARCHIVO}:10:3: lugar.es: aviso: la fuente del PDF (DejaVu Sans) no tiene 東 (U+6771), ✅ (U+2705): "
        "el PDF imprimiría un recuadro vacío en su lugar; escríbalo de otra manera (por ejemplo, con palabras) o quítelo"]
    assert [p.texto("en") for p in problemas] == [
        f"datos/{ARCHIVO}:10:3: lugar.es: warning: the PDF's font (DejaVu Sans) lacks 東 (U+6771), ✅ (U+2705): "
        "the PDF would print an empty box instead; write it another way (for example, in words) or remove it"]
    # es un aviso: el registro se publica igual
    assert "2012-06-01-glifos" in cargar(carpeta).taller_por_id


def test_las_letras_y_signos_del_espanol_no_dan_aviso(tmp_path):
    carpeta = _carpeta(tmp_path, "«Ñandú» “Cañete” — Apurímac… ¿Junín? ¡Sí! 25 € · 3 → 4")
    assert [p for p in validar(carpeta) if p.ruta == f"datos/{ARCHIVO}"] == []


def test_la_fuente_comprobada_es_la_del_pdf():
    """Un solo nombre: el de la hoja de estilo del PDF, que la lee WeasyPrint."""
    css = (RAIZ / "plan_migracion" / "vistas" / "plantillas" / "pdf.css").read_text(encoding="utf-8")
    familias = re.search(r"html\s*\{[^}]*font-family:\s*([^;]+);", css).group(1)
    assert familias.split(",")[0].strip().strip('"') == FUENTE_PDF
    cubiertos = caracteres_de_la_fuente()
    assert cubiertos is not None, "no se encontró la fuente del PDF en el sistema (fc-match o fontTools)"
    assert ord("ñ") in cubiertos and ord("東") not in cubiertos
