"""Los datos: válidos, fieles al documento fuente y con las cifras que dicen.

La fidelidad se comprueba contra el documento (``fuentes/plan-de-actuacion.txt``), fila por fila;
nunca contra cuántos registros hay hoy: otros talleres y convenios pueden añadirse. Las cifras se
comprueban con el conjunto pequeño de ``tests/conjuntos.py``, cuyas cifras se saben de antemano.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter

import pytest
from babel.dates import get_month_names

from plan_migracion.datos import cargar, validar

import conjuntos
from conftest import DATOS, FUENTE_PLAN

TITULO_TABLA = "EJECUCIÓN DE LOS TALLERES DE INDUCCIÓN Y SENSIBILIZACIÓN"
CABECERA = ["FUENTE COOPERANTE", "NOMBRE DEL TALLER", "FECHA Y LUGAR DE EJECUCIÓN", "NÚMERO DE PARTICIPANTES"]
MESES = {nombre: numero for numero, nombre in get_month_names("wide", locale="es").items()}


@pytest.fixture(scope="module")
def datos():
    return cargar(DATOS)


@pytest.fixture(scope="module")
def fuente() -> str:
    assert FUENTE_PLAN.is_file(), f"falta el documento fuente en {FUENTE_PLAN}"
    return FUENTE_PLAN.read_text(encoding="utf-8")


def _filas_tabla(fuente: str) -> list[list[str]]:
    """Las filas de la tabla «Ejecución de los talleres...» del documento, en su orden: cuatro
    celdas (fuente cooperante, nombre, fecha y lugar, participantes) sin etiquetas HTML."""
    lineas = fuente.splitlines()
    titulo = next(i for i, linea in enumerate(lineas) if linea.startswith(TITULO_TABLA))
    cabecera = next(i for i in range(titulo, len(lineas)) if lineas[i].split("\t") == CABECERA)
    filas = []
    for linea in lineas[cabecera + 1:]:
        if not linea.strip():  # la tabla tiene una línea en blanco entre dos filas
            continue
        celdas = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in linea.split("\t")]
        if len(celdas) != len(CABECERA):  # fin de la tabla
            break
        filas.append(celdas)
    return filas


def _fecha_y_lugar(celda: str) -> tuple[dt.date, str]:
    """«Fecha: 01 de abril de 2011. Lugar: Hotel Costa del Sol – Tumbes» → (fecha, lugar)."""
    partes = re.fullmatch(r"Fecha: (\d{1,2}) de (\w+) de (\d{4})\. Lugar: (.+)", celda)
    assert partes, f"celda de fecha y lugar inesperada: {celda!r}"
    dia, mes, anio, lugar = partes.groups()
    return dt.date(int(anio), MESES[mes.lower()], int(dia)), lugar


def _participantes(celda: str) -> int | None:
    """El número con que empieza la celda («32 participantes, ...»), o None si no da ninguno."""
    numero = re.match(r"(\d+) participantes\b", celda)
    return int(numero.group(1)) if numero else None


@pytest.fixture(scope="module")
def filas(fuente) -> list[list[str]]:
    return _filas_tabla(fuente)


def test_todos_los_registros_son_validos():
    assert [p.texto() for p in validar(DATOS) if p.es_error] == []


def test_la_tabla_del_documento(filas):
    """Lo que fuentes/notas.md dice de la tabla (comprueba también cómo se la lee aquí)."""
    assert len(filas) == 8
    fechas = [_fecha_y_lugar(f[2])[0] for f in filas]
    assert fechas != sorted(fechas)  # no está en orden de fecha: el IV taller de MIGRANDINA va último
    assert fechas[-1] == dt.date(2011, 4, 17)
    numeros = [_participantes(f[3]) for f in filas]
    assert sum(n for n in numeros if n is not None) == 171
    assert [_fecha_y_lugar(f[2])[1] for f, n in zip(filas, numeros) if n is None] == [
        "Trujillo", "Tacna", "Organización Internacional para las Migraciones - OIT"]


@pytest.mark.parametrize("numero", range(1, 9), ids=lambda n: f"fila-{n}")
def test_cada_fila_del_documento_esta_en_los_datos(datos, filas, numero):
    """El taller cuyo ``orden_en_fuente`` es la fila tiene, campo por campo, los valores de la fila
    tal como están escritos (erratas incluidas, como «de de Huaura»)."""
    fuente_cooperante, nombre, fecha_lugar, participantes = filas[numero - 1]
    talleres = [t for t in datos.talleres if t.orden_en_fuente == numero]
    assert len(talleres) == 1, f"fila {numero} del documento: talleres {[t.id for t in talleres]}"
    taller = talleres[0]
    fecha, lugar = _fecha_y_lugar(fecha_lugar)
    assert taller.fecha == fecha
    assert taller.lugar.es == lugar
    assert taller.nombre.es == nombre
    assert taller.representacion.es == participantes
    numero_fuente = _participantes(participantes)
    if numero_fuente is None:  # la fuente no lo dice: desconocido, nunca 0
        assert taller.participantes is None
    else:
        assert taller.participantes == numero_fuente
    # la fuente cooperante tal como la escribe la fila: su nombre completo o sin la sigla final
    nombre_fuente = datos.fuente_por_id[taller.fuente].nombre.es
    assert fuente_cooperante.upper() in (nombre_fuente.upper(), nombre_fuente.rsplit(" - ", 1)[0].upper())
    assert taller.componente == "induccion-sensibilizacion"


def test_orden_en_fuente_es_una_fila_del_documento(datos, filas):
    """Un taller que dice venir de la tabla cita una fila que existe, y ninguna fila dos veces;
    los talleres que no vienen de la tabla (``orden_en_fuente: null``) pueden ser cuantos sean."""
    citadas = Counter(t.orden_en_fuente for t in datos.talleres if t.orden_en_fuente is not None)
    assert set(citadas) <= set(range(1, len(filas) + 1))
    assert [n for n, veces in citadas.items() if veces > 1] == []


def test_cifras_derivadas_del_conjunto_pequeno(tmp_path):
    """Las cifras que se saben de antemano (véase conjuntos.TALLERES_PEQUENO)."""
    datos = cargar(conjuntos.pequeno(tmp_path / "datos"))
    ind = datos.indicadores
    assert ind.total_talleres == 3
    assert ind.total_participantes == 15  # 10 + 5; el taller sin número no cuenta como 0
    assert (ind.talleres_con_participantes, ind.talleres_sin_participantes) == (2, 1)
    assert ind.talleres_por_fuente == {"migrandina-oit": 0, "oim": 2, "unfpa": 1}
    assert ind.talleres_por_mes == {(2012, 3): 2, (2013, 7): 1}
    assert ind.gobiernos_regionales == 25
    assert ind.regiones_alcanzadas == ("08", "20", "21", "1501")  # el convenio alcanza Puno (21)
    assert ind.gobiernos_regionales_alcanzados == 3
    assert ind.regimen_especial_alcanzado == ("1501",)
    assert ind.total_convenios == 1
    assert ind.anios == (2012, 2013)
    assert ind.actividades_por_anio == {2012: 2, 2013: 2}
    assert [t.participantes for t in datos.talleres] == [10, None, 5]  # en orden de fecha


def test_cifras_sin_convenios(tmp_path):
    datos = cargar(conjuntos.pequeno(tmp_path / "datos", convenios=False))
    ind = datos.indicadores
    assert datos.convenios == [] and ind.total_convenios == 0
    assert ind.regiones_alcanzadas == ("08", "20", "1501")
    assert ind.gobiernos_regionales_alcanzados == 2
    assert ind.actividades_por_anio == {2012: 2, 2013: 1}


def test_cifras_de_los_datos_reales_salen_de_sus_registros(datos):
    """Con los datos reales, sean cuantos sean: cada cifra es la que dan sus registros."""
    ind = datos.indicadores
    conocidos = [t.participantes for t in datos.talleres if t.participantes is not None]
    assert ind.total_talleres == len(datos.talleres)
    assert ind.total_participantes == sum(conocidos)
    assert (ind.talleres_con_participantes, ind.talleres_sin_participantes) == (
        len(conocidos), len(datos.talleres) - len(conocidos))
    assert ind.talleres_por_fuente == {f.id: sum(t.fuente == f.id for t in datos.talleres) for f in datos.fuentes}
    assert ind.total_convenios == len(datos.convenios)
    con_actividad = {r for t in datos.talleres for r in t.regiones} | {c.region for c in datos.convenios}
    assert set(ind.regiones_alcanzadas) == con_actividad
    assert ind.gobiernos_regionales == 25


def test_talleres_en_orden_cronologico(datos):
    fechas = [t.fecha for t in datos.talleres]
    assert fechas == sorted(fechas)
    # el documento no los trae en ese orden
    orden = [t.orden_en_fuente for t in datos.talleres if t.orden_en_fuente is not None]
    assert orden != sorted(orden)


def test_regiones_ubigeo(datos):
    assert len(datos.regiones) == 26
    assert [r.id for r in datos.regiones if r.tipo == "gobierno-regional"] == [f"{n:02d}" for n in range(1, 26)]
    assert datos.region_por_id["1501"].nombre.es == "Lima Metropolitana"
    assert datos.region_por_id["07"].nombre.es == "Callao"


def test_secciones_del_plan_vienen_del_documento(datos, fuente):
    plano = " ".join(fuente.split())
    for texto in [*datos.plan.presentacion, datos.plan.finalidad, datos.plan.objetivo, datos.plan.duracion,
                  datos.plan.beneficiarios.directos, datos.plan.beneficiarios.indirectos]:
        assert " ".join(texto.es.split()) in plano
    for componente in datos.componentes:
        assert " ".join(componente.cita.es.split()) in plano
    for fuente_coop in datos.fuentes:
        assert fuente_coop.nombre_en_fuente in plano


def test_textos_con_plural_eligen_la_forma_de_cada_idioma():
    """Un texto con formas de plural da la forma de CLDR según la cuenta (babel), nunca «1 convenios»."""
    from plan_migracion.vistas import textos

    assert textos.t("inicio.cifra_convenios", "es", cuenta=1) == "convenio registrado"
    assert textos.t("inicio.cifra_convenios", "es", cuenta=0) == "convenios registrados"
    assert textos.t("inicio.cifra_convenios", "en", cuenta=1) == "agreement recorded"
    assert textos.t("inicio.cifra_convenios", "en", cuenta=2) == "agreements recorded"
    assert textos.t("descargas.pdf_sin_participantes", "es", n="1", cuenta=1).startswith("en 1 taller el")
    with pytest.raises(KeyError, match="cuenta"):
        textos.t("inicio.cifra_convenios", "es")
