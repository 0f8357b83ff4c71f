"""Mensajes que llevan a la causa (issue 18): comillas sin cerrar, nombres de archivo, ids, fechas con
hora y codificaciones. Cada entrada da exactamente estas líneas del validador, en los dos idiomas, y
seguir un mensaje nunca lleva a otro que pida deshacerlo.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plan_migracion.datos import cargar, validar

from conjuntos import convenio_yaml, taller_yaml
from conftest import DATOS, RAIZ

TALLER = taller_yaml("{id}", lugar='"Piura mensajes"', lugar_en='"Piura"')

CONVENIO = convenio_yaml("{id}")


@pytest.fixture
def carpeta(tmp_path) -> Path:
    destino = tmp_path / "datos"
    shutil.copytree(DATOS, destino)
    return destino


def _lineas(carpeta: Path, archivo: str, contenido: str | bytes) -> tuple[list[str], list[str]]:
    ruta = carpeta / archivo
    ruta.write_bytes(contenido if isinstance(contenido, bytes) else contenido.encode("utf-8"))
    problemas = validar(carpeta)
    return [p.texto("es") for p in problemas], [p.texto("en") for p in problemas]


# --- Comillas sin cerrar: la línea donde se abren -------------------------------------------

COMILLAS_ES = ("error de sintaxis YAML: estas comillas no se cierran en su línea: el texto sigue hasta las "
               "comillas de la línea {}; cierre las comillas al final del texto")
COMILLAS_EN = ("YAML syntax error: these quotes are not closed on their line: the text runs on to the quotes "
               "on line {}; close the quotes at the end of the text")


@pytest.mark.parametrize("viejo, nuevo, lugar, cierre", [
    ('  es: "Piura mensajes"', '  es: "Piura mensajes', "10:7", 11),  # falta la comilla de cierre
    ('  es: "Piura mensajes"', "  es: \"Piura mensajes'", "10:7", 11),  # se cierra con la otra comilla
    ('  es: "Piura mensajes"\n  en: "Piura"', '  es: "Piura mensajes\n  en: Piura', "10:7", 16),  # sigue hasta regiones
    ('  en: "Piura"', '  en: "Piura', "11:7", 16),
], ids=["sin-cierre", "otra-comilla", "hasta-regiones", "ultimo-texto"])
def test_unas_comillas_sin_cerrar_se_senalan_donde_se_abren(carpeta, viejo, nuevo, lugar, cierre):
    archivo = "talleres/2012-06-01-comillas.yml"
    es, en = _lineas(carpeta, archivo, TALLER.format(id="2012-06-01-comillas").replace(viejo, nuevo))
    assert es == [f"datos/{archivo}:{lugar}: -: " + COMILLAS_ES.format(cierre)]
    assert en == [f"datos/{archivo}:{lugar}: -: " + COMILLAS_EN.format(cierre)]


def test_unas_comillas_simples_que_llegan_al_final_del_archivo(carpeta):
    archivo = "talleres/2012-06-01-comillas.yml"
    es, en = _lineas(carpeta, archivo, TALLER.format(id="2012-06-01-comillas").replace(
        '  es: "Piura mensajes"', "  es: 'Piura mensajes"))
    assert es == [f"datos/{archivo}:10:7: -: error de sintaxis YAML: estas comillas se abren y no se cierran"]
    assert en == [f"datos/{archivo}:10:7: -: YAML syntax error: this quotation mark is opened and never closed"]


# --- Nombre del archivo e id: el nombre exacto, y nunca un ciclo ----------------------------

def test_un_nombre_de_archivo_no_valido_recibe_el_nombre_exacto(carpeta):
    archivo = "convenios/2012-05-10-Piura Norte.yml"
    es, en = _lineas(carpeta, archivo, CONVENIO.format(id="2012-05-10-Piura Norte"))
    lugar = f"datos/{archivo}:2:1: id: "
    assert es == [
        lugar + "identificador no válido «2012-05-10-Piura Norte»: use solo minúsculas sin tildes, cifras y guiones "
                "(por ejemplo 2011-03-11-callao)",
        lugar + "el nombre del archivo «2012-05-10-Piura Norte.yml» no es válido (un nombre válido lleva solo "
                "minúsculas sin tildes, cifras y guiones, y empieza con la fecha de «fecha_firma», 2012-05-10): "
                "cámbielo a «2012-05-10-piura-norte.yml», y el id a «2012-05-10-piura-norte»"]
    assert en[1] == (lugar + "the file name “2012-05-10-Piura Norte.yml” is not valid (a valid name has only "
                     "lowercase letters without accents, digits and hyphens, and starts with the date in "
                     "“fecha_firma”, 2012-05-10): rename it to “2012-05-10-piura-norte.yml”, and the id to "
                     "“2012-05-10-piura-norte”")


def test_corregido_el_id_el_mensaje_pide_cambiar_el_nombre_del_archivo(carpeta):
    archivo = "convenios/2012-05-10-Piura Norte.yml"
    es, en = _lineas(carpeta, archivo, CONVENIO.format(id="2012-05-10-piura-norte"))
    lugar = f"datos/{archivo}:2:1: id: "
    assert es == [lugar + "el nombre del archivo («2012-05-10-Piura Norte.yml») no coincide con el id "
                          "«2012-05-10-piura-norte», que sí es válido: cambie el nombre del archivo a "
                          "«2012-05-10-piura-norte.yml»"]
    assert en == [lugar + "the file name (“2012-05-10-Piura Norte.yml”) does not match the id "
                          "“2012-05-10-piura-norte”, which is valid: rename the file to “2012-05-10-piura-norte.yml”"]


@pytest.mark.parametrize("archivo, ident", [
    ("convenios/2012-05-10-Piura Norte.yml", "2012-05-10-Piura Norte"),
    ("convenios/Piura Norte.yml", "piura"),
    ("convenios/2012-05-11-piura-norte.yml", "2012-05-11-piura-norte"),
    ("convenios/piura-norte.yml", "2012-05-10-piura"),
    ("convenios/2012-05-10-piura-norte.yml", "2012-05-10-piura"),
])
def test_seguir_los_mensajes_lleva_a_un_registro_valido(carpeta, archivo, ident):
    """Quien edita hace lo que dice cada mensaje (cambiar el id o el nombre del archivo) hasta que no
    queda ninguno; nunca vuelve a un estado ya visto."""
    ruta = carpeta / archivo
    ruta.write_text(CONVENIO.format(id=ident), encoding="utf-8")
    vistos = set()
    for _ in range(5):
        estado = (ruta.name, ident)
        assert estado not in vistos
        vistos.add(estado)
        problemas = [p for p in validar(carpeta) if p.ruta.endswith(ruta.name)]
        if not problemas:
            break
        ultimo = problemas[-1]
        if ultimo.codigo in ("archivo-nombre-no-valido", "archivo-renombrar"):
            nuevo = ultimo.datos.get("sugerido") or ultimo.datos["valor"]
            ident = nuevo
            ruta = ruta.rename(ruta.with_name(f"{nuevo}.yml"))
        elif ultimo.codigo == "id-no-coincide":
            ident = ultimo.datos["esperado"]
        elif ultimo.codigo == "id-sin-fecha":
            ident = f"{ultimo.datos['fecha']}-{ident.split('-', 3)[-1] if ident[:4].isdigit() else ident}"
        else:
            pytest.fail(f"mensaje inesperado: {ultimo}")
        ruta.write_text(CONVENIO.format(id=ident), encoding="utf-8")
    else:
        pytest.fail("los mensajes no llevan a un registro válido")
    assert ruta.name.startswith("2012-05-10-")


# --- Una fecha con hora: un solo mensaje, sobre la fecha --------------------------------------

def test_una_fecha_con_hora_da_un_solo_mensaje(carpeta):
    archivo = "talleres/2012-03-04-hora.yml"
    texto = TALLER.format(id="2012-03-04-hora").replace("fecha: 2012-06-01", "fecha: 2012-03-04T10:00:00")
    es, en = _lineas(carpeta, archivo, texto)
    assert es == [f"datos/{archivo}:8:1: fecha: la fecha lleva una hora («2012-03-04T10:00:00»): escriba solo la "
                  "fecha, 2012-03-04, sin comillas"]
    assert en == [f"datos/{archivo}:8:1: fecha: the date has a time (“2012-03-04T10:00:00”): write the date only, "
                  "2012-03-04, without quotes"]


# --- La codificación: la que tiene el archivo ------------------------------------------------

@pytest.mark.parametrize("codificacion, nombre", [
    ("utf-16", "UTF-16 LE"), ("utf-16-be", "UTF-16 BE"), ("utf-16-le", "UTF-16 LE"), ("utf-32", "UTF-32 LE")])
def test_un_archivo_en_utf16_o_utf32_lo_dice(carpeta, codificacion, nombre):
    archivo = "talleres/2012-06-01-utf16.yml"
    es, en = _lineas(carpeta, archivo, TALLER.format(id="2012-06-01-utf16").encode(codificacion))
    assert es == [f"datos/{archivo}:1: -: el archivo está guardado en {nombre}, no en UTF-8: guárdelo con la "
                  "codificación UTF-8 (en el Bloc de notas: Archivo → Guardar como → Codificación: UTF-8)"]
    assert en == [f"datos/{archivo}:1: -: the file is saved as {nombre}, not UTF-8: save it with UTF-8 encoding "
                  "(in Notepad: File → Save as → Encoding: UTF-8)"]


def test_un_archivo_en_windows_1252_lo_dice(carpeta):
    archivo = "talleres/2012-06-01-ventanas.yml"
    texto = TALLER.format(id="2012-06-01-ventanas").replace("Piura mensajes", "Piura “Norte”")
    es, en = _lineas(carpeta, archivo, texto.encode("cp1252"))
    assert es == [f"datos/{archivo}:10:14: -: el archivo está guardado en Windows-1252, no en UTF-8 (el byte 0x93 es "
                  "«“» en Windows-1252): guárdelo con la codificación UTF-8"]
    assert en == [f"datos/{archivo}:10:14: -: the file is saved as Windows-1252, not UTF-8 (byte 0x93 is ““” in "
                  "Windows-1252): save it with UTF-8 encoding"]


# --- La línea del editor: una ayuda, con un aviso que dice qué añadir -----------------------

def _cli(*argumentos) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *map(str, argumentos)], capture_output=True, text=True, timeout=120)


def test_un_registro_sin_la_linea_del_editor_es_valido_con_un_aviso(carpeta):
    archivo = "convenios/2012-05-10-a-mano.yml"
    (carpeta / archivo).write_text(CONVENIO.format(id="2012-05-10-a-mano").split("\n", 1)[1], encoding="utf-8")
    for idioma, texto, resumen in (
            ("es", "aviso: falta la línea del editor: añada «# yaml-language-server: "
                   "$schema=../esquemas/convenio.schema.json» como primera línea del archivo (con ella el editor "
                   "completa y revisa los campos mientras se escribe; sin ella el registro vale igual)",
             "0 error(es), 1 aviso(s)"),
            ("en", "warning: the editor line is missing: add “# yaml-language-server: "
                   "$schema=../esquemas/convenio.schema.json” as the first line of the file (with it the editor "
                   "completes and checks the fields as you type; without it the record is still valid)",
             "0 error(s), 1 warning(s)")):
        resultado = _cli(RAIZ / "scripts" / "validar.py", carpeta, "--lang", idioma)
        assert resultado.returncode == 0
        # (los demás registros de datos/ pueden tener o no su línea: solo cuenta el de la prueba)
        assert [l for l in resultado.stdout.splitlines() if l.startswith(f"datos/{archivo}:")] == [
            f"datos/{archivo}:1: -: {texto}"]
        avisos = len(resultado.stdout.splitlines())
        assert resultado.stderr.strip() == resumen.replace("1", str(avisos))
    # el paso «esquemas al día» de la integración continua no falla por ella
    assert _cli(RAIZ / "scripts" / "esquemas.py", carpeta, "--comprobar").returncode == 0
    # y la compilación la publica: el registro es válido
    assert "2012-05-10-a-mano" in cargar(carpeta).convenio_por_id


def test_una_linea_del_editor_que_cita_otro_esquema_da_la_buena(carpeta):
    archivo = "convenios/2012-05-10-otro-esquema.yml"
    texto = CONVENIO.format(id="2012-05-10-otro-esquema").replace("convenio.schema.json", "taller.schema.json")
    (carpeta / archivo).write_text(texto, encoding="utf-8")
    problemas = [p for p in validar(carpeta, linea_editor=True) if p.ruta == f"datos/{archivo}"]
    assert [p.texto("es") for p in problemas] == [
        f"datos/{archivo}:1: -: aviso: la línea del editor cita otro esquema: póngala así, "
        "«# yaml-language-server: $schema=../esquemas/convenio.schema.json»"]


def test_un_archivo_con_errores_no_recibe_el_aviso_de_la_linea(carpeta):
    """Primero lo que impide publicar: el aviso de la línea llega cuando el archivo no tiene errores."""
    archivo = "convenios/2012-05-10-roto.yml"
    texto = CONVENIO.format(id="2012-05-10-roto").split("\n", 1)[1].replace("estado: vigente", "estado: firmado")
    (carpeta / archivo).write_text(texto, encoding="utf-8")
    assert [p.codigo for p in validar(carpeta, linea_editor=True) if p.ruta == f"datos/{archivo}"] == [
        "valor-no-permitido"]
