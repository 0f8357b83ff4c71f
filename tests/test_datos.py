"""Los datos reales: válidos, fieles al documento fuente y con las cifras que dicen."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from babel.dates import format_date

from plan_migracion.datos import cargar, validar

from conftest import DATOS, FUENTE_PLAN


@pytest.fixture(scope="module")
def datos():
    return cargar(DATOS)


@pytest.fixture(scope="module")
def fuente() -> str:
    assert FUENTE_PLAN.is_file(), f"falta el documento fuente en {FUENTE_PLAN}"
    return FUENTE_PLAN.read_text(encoding="utf-8")


def _filas_tabla(fuente: str) -> list[list[str]]:
    """Las filas de la tabla de talleres del documento: celdas sin etiquetas HTML."""
    filas = []
    for linea in fuente.splitlines():
        celdas = [re.sub(r"<[^>]+>", "", c).strip() for c in linea.split("\t")]
        if len(celdas) == 4 and celdas[2].startswith("Fecha:"):
            filas.append(celdas)
    return filas


def test_todos_los_registros_son_validos():
    assert [p.texto() for p in validar(DATOS) if p.es_error] == []


def test_cada_taller_coincide_con_su_fila_del_documento(datos, fuente):
    filas = _filas_tabla(fuente)
    assert len(filas) == len(datos.talleres) == 8
    por_orden = {t.orden_en_fuente: t for t in datos.talleres}
    assert sorted(por_orden) == list(range(1, 9))
    for numero, (fuente_txt, nombre, fecha_lugar, participantes) in enumerate(filas, start=1):
        taller = por_orden[numero]
        assert taller.nombre.es == nombre
        fecha_es = format_date(taller.fecha, "dd 'de' MMMM 'de' y", locale="es")
        assert f"Fecha: {fecha_es}." in fecha_lugar
        assert fecha_lugar.endswith(f"Lugar: {taller.lugar.es}")
        assert taller.representacion.es == participantes
        numero_fuente = re.match(r"(\d+) participantes", participantes)
        assert taller.participantes == (int(numero_fuente.group(1)) if numero_fuente else None)
        assert datos.fuente_por_id[taller.fuente].nombre.es.split(" - ")[0].upper() in fuente_txt.upper()


def test_cifras_derivadas(datos):
    ind = datos.indicadores
    assert ind.total_talleres == 8
    assert ind.total_participantes == 171
    assert (ind.talleres_con_participantes, ind.talleres_sin_participantes) == (5, 3)
    assert ind.talleres_por_fuente == {"migrandina-oit": 4, "oim": 4, "unfpa": 0}
    assert ind.talleres_por_mes == {(2011, 3): 3, (2011, 4): 3, (2011, 5): 2}
    assert ind.gobiernos_regionales == 25
    assert set(ind.regiones_alcanzadas) == {"01", "06", "07", "13", "14", "15", "18", "20", "22", "23", "24", "1501"}
    assert ind.gobiernos_regionales_alcanzados == 11
    assert ind.regimen_especial_alcanzado == ("1501",)
    assert ind.total_convenios == 0


def test_sin_participantes_es_desconocido_no_cero(datos):
    sin = sorted(t.id for t in datos.talleres if t.participantes is None)
    assert sin == ["2011-04-17-lima", "2011-04-29-trujillo", "2011-05-06-tacna"]


def test_talleres_en_orden_cronologico(datos):
    fechas = [t.fecha for t in datos.talleres]
    assert fechas == sorted(fechas)
    assert fechas[0] == dt.date(2011, 3, 11) and fechas[-1] == dt.date(2011, 5, 13)


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


def test_no_hay_convenios_inventados(datos):
    assert datos.convenios == []
