"""Descargas: datos abiertos (CSV, JSON, datapackage), PDF del plan y feed Atom."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlparse
from xml.etree import ElementTree as ET

import feedparser
import pytest

from plan_migracion.salidas import descargas
from plan_migracion.vistas import formato
from plan_migracion.datos import cargar
from plan_migracion.datos.modelos import Texto
from plan_migracion.salidas.feed import atom
from plan_migracion.salidas.pdf import LIMITE_TALLERES_PDF, SECCIONES
from plan_migracion.vistas.textos import t

import conjuntos
from conftest import DATOS
from paginas import frictionless, leer

CONJUNTOS = ("talleres", "convenios", "regiones", "fuentes", "componentes")
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def datos():
    return cargar(DATOS)


def _registros(datos, nombre):
    return {"talleres": datos.talleres, "convenios": datos.convenios, "regiones": datos.regiones,
            "fuentes": datos.fuentes, "componentes": datos.componentes}[nombre]


def _leer_csv(ruta: Path) -> tuple[list[str], list[dict]]:
    with ruta.open(encoding="utf-8", newline="") as f:
        lector = csv.DictReader(f)
        return list(lector.fieldnames or []), list(lector)


# --- Datos abiertos -------------------------------------------------------------------------


@pytest.mark.parametrize("nombre", CONJUNTOS)
def test_csv_y_json_tienen_cada_registro_y_cada_texto(sitio, datos, nombre):
    _comprobar_conjunto(sitio, datos, nombre)


@pytest.mark.parametrize("nombre", CONJUNTOS)
def test_csv_y_json_del_conjunto_pequeno(pequeno, nombre):
    """El mismo contenido con otros datos (que sí tienen un convenio)."""
    sitio, carpeta = pequeno
    datos = cargar(carpeta)
    assert (len(datos.talleres), len(datos.convenios)) == (3, 1)
    _comprobar_conjunto(sitio, datos, nombre)


def _comprobar_conjunto(sitio: Path, datos, nombre: str) -> None:
    carpeta = sitio / "descargas"
    columnas, filas = _leer_csv(carpeta / f"{nombre}.csv")
    objetos = json.loads((carpeta / f"{nombre}.json").read_text(encoding="utf-8"))
    registros = _registros(datos, nombre)
    assert "id" == columnas[0]
    assert [f["id"] for f in filas] == [r.id for r in registros] == [o["id"] for o in objetos]
    assert all(list(o) == columnas for o in objetos)
    for registro, fila, objeto in zip(registros, filas, objetos):
        for columna in columnas:
            base, _, idioma = columna.rpartition("_")
            valor = getattr(registro, base, None) if idioma in ("es", "en") else None
            if isinstance(valor, Texto):  # texto bilingüe: dos columnas, tal cual en cada idioma
                assert fila[columna] == objeto[columna] == getattr(valor, idioma), (registro.id, columna)
            elif columna.startswith("observaciones_"):
                esperado = [getattr(o, idioma) for o in registro.observaciones]
                assert objeto[columna] == esperado
                assert fila[columna] == " | ".join(esperado)


def test_talleres_datos_sin_inventar(sitio, datos):
    _, filas = _leer_csv(sitio / "descargas" / "talleres.csv")
    objetos = json.loads((sitio / "descargas" / "talleres.json").read_text(encoding="utf-8"))
    for taller, fila, objeto in zip(datos.talleres, filas, objetos):
        assert fila["fecha"] == objeto["fecha"] == taller.fecha.isoformat()
        assert fila["fuente"] == taller.fuente and fila["componente"] == taller.componente
        assert fila["regiones"].split(" | ") == objeto["regiones"] == taller.regiones
        if taller.participantes is None:  # no registrado: celda vacía y null, nunca 0
            assert fila["participantes"] == "" and objeto["participantes"] is None
        else:
            assert int(fila["participantes"]) == objeto["participantes"] == taller.participantes
    assert len(filas) == len(objetos) == len(datos.talleres)
    ind = datos.indicadores
    assert sum(int(f["participantes"]) for f in filas if f["participantes"]) == ind.total_participantes
    assert sum(1 for f in filas if f["participantes"] == "") == ind.talleres_sin_participantes


def test_talleres_del_conjunto_pequeno(pequeno):
    """Cifras conocidas de antemano: participantes 10, null y 5 (en orden de fecha)."""
    sitio, _ = pequeno
    _, filas = _leer_csv(sitio / "descargas" / "talleres.csv")
    objetos = json.loads((sitio / "descargas" / "talleres.json").read_text(encoding="utf-8"))
    assert [f["id"] for f in filas] == ["2012-03-10-sintetico-piura", "2012-03-20-sintetico-cusco",
                                        "2013-07-05-sintetico-lima"]
    assert [f["participantes"] for f in filas] == ["10", "", "5"]  # desconocido: celda vacía, nunca 0
    assert [o["participantes"] for o in objetos] == [10, None, 5]
    assert [f["fuente"] for f in filas] == ["oim", "oim", "unfpa"]
    assert [f["regiones"] for f in filas] == ["20", "08", "1501"]


def test_regiones_con_codigo_ubigeo_como_texto(sitio, datos):
    _, filas = _leer_csv(sitio / "descargas" / "regiones.csv")
    assert {f["id"]: f["nombre_es"] for f in filas}["07"] == "Callao"
    assert len(filas) == len(datos.regiones)
    objetos = json.loads((sitio / "descargas" / "regiones.json").read_text(encoding="utf-8"))
    assert all(isinstance(o["id"], str) for o in objetos)


def test_sin_convenios_csv_solo_cabecera_y_json_vacio(pequeno_sin_convenios):
    sitio, _ = pequeno_sin_convenios
    texto = (sitio / "descargas" / "convenios.csv").read_text(encoding="utf-8")
    assert texto.splitlines()[0].startswith("id,parte_es,parte_en,") and len(texto.splitlines()) == 1
    assert json.loads((sitio / "descargas" / "convenios.json").read_text(encoding="utf-8")) == []
    assert frictionless(sitio / "descargas" / "datapackage.json")["valid"]


def test_con_un_convenio_una_fila(pequeno):
    sitio, _ = pequeno
    columnas, filas = _leer_csv(sitio / "descargas" / "convenios.csv")
    assert columnas[:3] == ["id", "parte_es", "parte_en"]
    assert [f["id"] for f in filas] == ["2013-09-01-sintetico-puno"]
    assert filas[0]["region"] == "21" and filas[0]["fecha_firma"] == "2013-09-01" and filas[0]["vigencia_hasta"] == ""
    assert filas[0]["parte_en"] == "Synthetic Regional Government of Puno"
    objetos = json.loads((sitio / "descargas" / "convenios.json").read_text(encoding="utf-8"))
    assert [o["id"] for o in objetos] == ["2013-09-01-sintetico-puno"] and objetos[0]["vigencia_hasta"] is None


def test_datapackage_valido_confrictionless(sitio):
    paquete = json.loads((sitio / "descargas" / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in paquete["resources"]] == list(CONJUNTOS)
    assert "licenses" not in paquete  # las fuentes no dicen la licencia: no se inventa una
    assert "licencia" in paquete["description"].lower() and "licence" in paquete["description"].lower()
    assert {"Ley 27867" in s["title"] for s in paquete["sources"]} == {True, False}
    talleres = next(r for r in paquete["resources"] if r["name"] == "talleres")["schema"]
    assert talleres["primaryKey"] == ["id"]
    assert {fk["fields"][0]: fk["reference"]["resource"] for fk in talleres["foreignKeys"]} == \
        {"fuente": "fuentes", "componente": "componentes"}
    informe = frictionless(sitio / "descargas" / "datapackage.json")
    assert informe["valid"], json.dumps(informe, ensure_ascii=False)[:3000]


@pytest.mark.parametrize("cambio", ["participantes", "fuente"])
def test_frictionless_detecta_datos_rotos(sitio, tmp_path, cambio):
    copia = tmp_path / "descargas"
    shutil.copytree(sitio / "descargas", copia, ignore=shutil.ignore_patterns("*.zip", "*.pdf"))
    ruta = copia / "talleres.csv"
    texto = ruta.read_text(encoding="utf-8")
    if cambio == "participantes":
        texto = texto.replace(",induccion-sensibilizacion,45,", ",induccion-sensibilizacion,cuarenta,", 1)
    else:
        texto = texto.replace(",oim,", ",no-existe,", 1)
    ruta.write_text(texto, encoding="utf-8")
    assert not frictionless(copia / "datapackage.json")["valid"]


@pytest.mark.parametrize("pagina, conjunto", [("talleres", "talleres"), ("fuentes", "fuentes"),
                                              ("convenios", "convenios"), ("componentes", "componentes")])
@pytest.mark.parametrize("idioma", ["es", "en"])
def test_cada_tabla_enlaza_sus_descargas(sitio, pagina, conjunto, idioma):
    ruta = sitio / ("en" if idioma == "en" else "") / pagina / "index.html"
    base = "https://x/" + ruta.relative_to(sitio).parent.as_posix() + "/"
    destinos = {urlparse(urljoin(base, href)).path for href in leer(ruta).enlaces}
    for extension in ("csv", "json"):
        assert f"/descargas/{conjunto}.{extension}" in destinos
        assert (sitio / "descargas" / f"{conjunto}.{extension}").is_file()


@pytest.mark.parametrize("idioma", ["es", "en"])
def test_pagina_de_descargas_enlaza_todo(sitio, idioma):
    raiz = sitio / ("en" if idioma == "en" else "")
    ruta = raiz / "descargas" / "index.html"
    pagina = leer(ruta)
    base = "https://x/" + ruta.relative_to(sitio).parent.as_posix() + "/"
    destinos = {urlparse(urljoin(base, href)).path.lstrip("/") for href in pagina.enlaces}
    prefijo = "en/" if idioma == "en" else ""
    esperados = {f"descargas/{n}.{e}" for n in CONJUNTOS for e in ("csv", "json")} | {
        "descargas/datapackage.json", f"{prefijo}descargas/plan.pdf", f"{prefijo}descargas/actividades.xml",
        f"descargas/{descargas.ZIP}"}
    assert esperados <= destinos
    assert all((sitio / d).is_file() for d in esperados)
    assert t("descargas.licencia", idioma) in pagina.texto
    # el tamaño del ZIP, tal como es, en el formato del idioma
    tamano = (sitio / "descargas" / descargas.ZIP).stat().st_size
    mb = formato.numero(round(tamano / 1_000_000, 1), idioma)
    assert re.search(rf"\(ZIP\s?, {t('descargas.tamano', idioma)}: {re.escape(mb)}\s?MB\s?\)", pagina.texto)


@pytest.mark.parametrize("idioma", ["es", "en"])
def test_el_plan_y_el_inicio_enlazan_el_pdf(sitio, idioma):
    raiz = sitio / ("en" if idioma == "en" else "")
    for ruta in (raiz / "plan" / "index.html", raiz / "index.html"):
        base = "https://x/" + ruta.relative_to(sitio).parent.as_posix() + "/"
        destinos = {urlparse(urljoin(base, h)).path for h in leer(ruta).enlaces}
        assert ("/en" if idioma == "en" else "") + "/descargas/plan.pdf" in destinos


# --- PDF --------------------------------------------------------------------------------------


def _texto_pdf(ruta: Path) -> str:
    salida = subprocess.run(["pdftotext", "-enc", "UTF-8", str(ruta), "-"], capture_output=True, text=True,
                            timeout=60, check=True)
    # sin los números de página del pie («3 / 9»), que cortan los párrafos que siguen en otra hoja
    lineas = [l for l in salida.stdout.splitlines() if not re.fullmatch(r"\f?\s*\d+\s*/\s*\d+\s*", l)]
    return " ".join(" ".join(lineas).split())


@pytest.mark.parametrize("idioma", ["es", "en"])
def test_pdf_con_cada_seccion_y_cada_taller(sitio, datos, idioma):
    ruta = sitio / ("en" if idioma == "en" else "") / "descargas" / "plan.pdf"
    assert ruta.read_bytes().startswith(b"%PDF-")
    texto = _texto_pdf(ruta)
    assert " ".join(datos.plan.titulo.en_idioma(idioma).split()) in texto
    for clave, _ in SECCIONES:
        assert t(clave, idioma) in texto, clave
    for bloque in (datos.plan.finalidad, datos.plan.objetivo, datos.plan.duracion, datos.plan.ambito.texto,
                   datos.plan.beneficiarios.directos, *datos.plan.presentacion):
        assert " ".join(bloque.en_idioma(idioma).split()) in texto
    for c in datos.componentes:
        assert c.titulo.en_idioma(idioma) in texto
    if len(datos.talleres) <= LIMITE_TALLERES_PDF:  # uno por uno; si no, un resumen por año
        for ta in datos.talleres:
            assert f"{formato.fecha(ta.fecha, idioma)}: {' '.join(ta.lugar.en_idioma(idioma).split())}" in texto
    else:
        assert t("descargas.pdf_resumen_talleres", idioma, n=formato.numero(len(datos.talleres), idioma),
                 limite=formato.numero(LIMITE_TALLERES_PDF, idioma)) in texto
    ind = datos.indicadores
    assert t("inicio.cifra_participantes", idioma, con=ind.talleres_con_participantes, total=ind.total_talleres) in texto
    assert t("sitio.no_registrado", idioma) in texto
    otro = "en" if idioma == "es" else "es"
    assert t("plan.presentacion", otro) not in texto  # solo su idioma
    assert t("descargas.pdf_fecha", idioma, fecha=formato.fecha(descargas.fecha_de_los_datos(datos), idioma)) in texto


@pytest.mark.parametrize("idioma", ["es", "en"])
def test_pdf_del_conjunto_pequeno(pequeno, idioma):
    """Portada con la fecha de los datos (el convenio, lo más reciente) y cifras conocidas de antemano."""
    sitio, _ = pequeno
    texto = _texto_pdf(sitio / ("en" if idioma == "en" else "") / "descargas" / "plan.pdf")
    es = idioma == "es"
    assert ("Versión de los datos: 1 de septiembre de 2013" if es else "Data version: 1 September 2013") in texto
    assert ("15 participantes registrados en 2 de los 3 talleres; en 1 taller el número de participantes no está "
            "registrado" if es else "15 participants recorded in 2 of the 3 workshops; for 1 workshop the number of "
            "participants is not recorded") in texto
    assert ("3 talleres de inducción y sensibilización ejecutados" if es
            else "3 induction and awareness-raising workshops held") in texto
    assert ("1 convenio registrado" if es else "1 agreement recorded") in texto
    for fecha, lugar in ((dt.date(2012, 3, 10), "Piura"), (dt.date(2012, 3, 20), "Cusco"),
                         (dt.date(2013, 7, 5), "Lima")):
        assert f"{formato.fecha(fecha, idioma)}: " + (f"Lugar sintético de {lugar}" if es
                                                      else f"Synthetic place of {lugar}") in texto


def test_fecha_de_los_datos_sin_reloj(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    # carpetas fuera de git: la fecha más reciente de los datos, taller o convenio
    datos = cargar(conjuntos.pequeno(tmp_path / "con"))
    assert descargas.fecha_de_los_datos(datos) == dt.date(2013, 9, 1)  # la firma del convenio
    sin_convenios = cargar(conjuntos.pequeno(tmp_path / "sin", convenios=False))
    assert descargas.fecha_de_los_datos(sin_convenios) == dt.date(2013, 7, 5)  # el último taller
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1300000000")
    assert descargas.fecha_de_los_datos(datos) == dt.date(2011, 3, 13)


# --- Feed Atom --------------------------------------------------------------------------------


def _comprobar_atom(contenido: bytes, n: int, idioma: str) -> list:
    raiz = ET.fromstring(contenido)
    assert raiz.tag == f"{ATOM}feed"
    assert raiz.get("{http://www.w3.org/XML/1998/namespace}lang") == idioma
    for hijo in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert raiz.find(ATOM + hijo) is not None and raiz.find(ATOM + hijo).text, hijo
    entradas = raiz.findall(f"{ATOM}entry")
    assert len(entradas) == n
    for entrada in entradas:
        for hijo in ("id", "title", "updated", "summary"):
            assert entrada.find(ATOM + hijo).text, hijo
        assert entrada.find(f"{ATOM}link[@rel='alternate']").get("href")
    feed = feedparser.parse(contenido)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and len(feed.entries) == n
    fechas = [e.updated_parsed for e in feed.entries]
    assert fechas == sorted(fechas, reverse=True)  # la más reciente primero
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == n and all(i.startswith("urn:uuid:") for i in ids)
    assert feed.feed.updated_parsed == (fechas[0] if fechas else feed.feed.updated_parsed)
    return feed.entries


@pytest.mark.parametrize("idioma", ["es", "en"])
def test_feed_atom_una_entrada_por_taller(sitio, datos, idioma):
    raiz = sitio / ("en" if idioma == "en" else "")
    ruta = raiz / "descargas" / "actividades.xml"
    entradas = _comprobar_atom(ruta.read_bytes(), len(datos.talleres) + len(datos.convenios), idioma)
    registros = {t.id for t in datos.talleres} | {c.id for c in datos.convenios}
    fechas = sorted([t.fecha for t in datos.talleres] + [c.fecha_firma for c in datos.convenios])
    assert entradas[0].updated.startswith(fechas[-1].isoformat())  # la actividad más reciente, primero
    assert entradas[-1].updated.startswith(fechas[0].isoformat())
    for entrada in entradas:  # cada enlace lleva a una página que existe, con el registro
        destino = urlparse(urljoin(ruta.as_uri(), entrada.link))
        pagina = Path(destino.path) / "index.html"
        assert pagina.is_file() and pagina.is_relative_to(raiz)
        assert (pagina.relative_to(sitio).parts[0] == "en") == (idioma == "en")  # página de su idioma
        # la página propia del registro (plan_migracion.vistas.rutas): talleres/<id>/ o convenios/<id>/
        assert not destino.fragment and pagina.parent.name in registros
    # cada página anuncia el feed de su idioma
    for pagina in (raiz / "index.html", raiz / "talleres" / "index.html"):
        html = pagina.read_text(encoding="utf-8")
        enlace = re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', html)
        assert Path(urlparse(urljoin(pagina.as_uri(), enlace.group(1))).path) == ruta


def test_feed_con_un_convenio(tmp_path):
    datos = cargar(conjuntos.pequeno(tmp_path / "datos"))  # 3 talleres y un convenio, firmado después
    contenido = atom(datos, "en", ruta_feed="descargas/actividades.xml",
                     formatear_fecha=lambda f: formato.fecha(f, "en"), fecha_sin_actividades=dt.date(2011, 1, 1),
                     url_sitio="https://ejemplo.org/plan/")
    entradas = _comprobar_atom(contenido, 4, "en")
    assert entradas[0].title == "Agreement, 1 September 2013: Synthetic Regional Government of Puno"
    assert entradas[0].link == "https://ejemplo.org/plan/en/convenios/2013-09-01-sintetico-puno/"
    assert [e.link.rsplit("/", 2)[-2] for e in entradas[1:]] == [
        "2013-07-05-sintetico-lima", "2012-03-20-sintetico-cusco", "2012-03-10-sintetico-piura"]


@pytest.mark.parametrize("idioma", ["es", "en"])
def test_feed_del_conjunto_pequeno_compilado(pequeno, idioma):
    sitio, _ = pequeno
    ruta = sitio / ("en" if idioma == "en" else "") / "descargas" / "actividades.xml"
    entradas = _comprobar_atom(ruta.read_bytes(), 4, idioma)
    assert [e.updated[:10] for e in entradas] == ["2013-09-01", "2013-07-05", "2012-03-20", "2012-03-10"]


def test_zip_determinista_y_completo(sitio):
    with zipfile.ZipFile(sitio / "descargas" / descargas.ZIP) as zf:
        nombres = zf.namelist()
        assert nombres == sorted(nombres)
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert zf.testzip() is None  # el CRC de cada entrada corresponde a sus datos
    raiz = "plan-migracion-sin-conexion/"
    for ruta in ("index.html", "en/index.html", "talleres/index.html", "en/talleres/index.html",
                 "search/search_index.js", "en/search/search_index.js", "descargas/plan.pdf",
                 "en/descargas/plan.pdf", "descargas/talleres.csv", "descargas/datapackage.json"):
        assert raiz + ruta in nombres
    assert not any(n.endswith(".zip") for n in nombres)


def test_pdf_con_muchos_talleres_resume_por_anio(tmp_path):
    """Más talleres que LIMITE_TALLERES_PDF: el PDF resume por año y remite a los datos abiertos."""
    from plan_migracion.salidas import pdf

    n = pdf.LIMITE_TALLERES_PDF + 50
    conjuntos.generar(tmp_path / "datos", n, con_los_reales=True)
    muchos = cargar(tmp_path / "datos")
    assert len(muchos.talleres) > n  # los sintéticos y los reales
    html = pdf.html(muchos, "es", dt.date(2011, 1, 1), [])
    assert f"Hay {len(muchos.talleres)} talleres registrados" in html and "talleres.csv" in html
    reales = {ta.id for ta in cargar(DATOS).talleres}
    sinteticos = [ta for ta in muchos.talleres if ta.id not in reales]
    assert len(sinteticos) == n and not any(ta.lugar.es in html or ta.nombre.es in html for ta in sinteticos)
    for anio, ids in muchos.indicadores.talleres_por_anio.items():
        assert f'<th scope="row">{anio}</th><td class="numero">{len(ids)}</td>' in html
    # con pocos talleres, la tabla completa
    pocos = pdf.html(cargar(conjuntos.pequeno(tmp_path / "pocos")), "en", dt.date(2011, 1, 1), [])
    assert "workshops recorded, more than" not in pocos
    assert all(f"Synthetic place of {lugar}" in pocos for lugar in ("Piura", "Cusco", "Lima"))


def test_zip_con_el_contenido_de_la_copia(sitio):
    """El ZIP lleva cada archivo del sitio (salvo él mismo y las tarjetas de vista previa), la copia local de iframe-worker y el
    índice de búsqueda de cada idioma también como script; cada entrada íntegra (CRC). Las páginas
    cargan iframe-worker y sus enlaces a carpetas van a su index.html; lo demás va tal cual."""
    from plan_migracion.salidas import sin_conexion
    from plan_migracion.vistas.vista_previa import CARPETA_TARJETAS

    raiz = sin_conexion.CARPETA_ZIP + "/"
    archivos = {p.relative_to(sitio).as_posix(): p for p in sitio.rglob("*") if p.is_file()}
    del archivos[f"{descargas.CARPETA}/{descargas.ZIP}"]
    # las tarjetas de vista previa (<idioma>/tarjetas/) solo sirven en línea: no van en la copia
    tarjetas = [r for r in archivos if CARPETA_TARJETAS in r.split("/")[:2]]
    assert tarjetas
    for ruta in tarjetas:
        del archivos[ruta]
    indices = [r for r in archivos if r.endswith("search/search_index.json")]
    assert sorted(indices) == ["en/search/search_index.json", "search/search_index.json"]
    with zipfile.ZipFile(sitio / descargas.CARPETA / descargas.ZIP) as zf:
        assert zf.testzip() is None  # el CRC de cada entrada corresponde a sus datos
        assert all(n.startswith(raiz) for n in zf.namelist())
        assert len(zf.namelist()) == len(set(zf.namelist()))
        nombres = {n[len(raiz):] for n in zf.namelist()}
        assert nombres == {*archivos, sin_conexion.RUTA_SHIM, *(r[: -len(".json")] + ".js" for r in indices)}
        assert zf.read(raiz + sin_conexion.RUTA_SHIM) == sin_conexion.SHIM.read_bytes()
        for ruta, origen in archivos.items():
            contenido = zf.read(raiz + ruta)
            if ruta.endswith(".html"):
                html = contenido.decode("utf-8")
                if "</head>" in html:
                    assert "iframe-worker-1.0.4-shim.js\"></script>" in html, ruta
                assert 'href="https://unpkg.com' not in html
            elif ruta in indices:
                indice = json.loads(contenido)
                assert indice["docs"] and all(d["location"].partition("#")[0].endswith(".html")
                                              for d in indice["docs"]), ruta
                script = zf.read(raiz + ruta[: -len(".json")] + ".js")
                assert script.startswith(b"var __index = ")
                assert json.loads(script[len(b"var __index = "):]) == indice
            else:
                assert contenido == origen.read_bytes(), ruta
        talleres = zf.read(raiz + "en/talleres/index.html").decode("utf-8")
        assert '<html lang="en"' in talleres and 'href="../index.html"' in talleres


def test_pdf_de_la_cache_igual_al_recien_hecho(tmp_path, monkeypatch):
    """Con la caché (.cache/pdf/), un PDF se reutiliza solo si su entrada es la misma, y es el mismo
    que WeasyPrint escribiría; si los datos cambian, la clave cambia y se vuelve a escribir."""
    import weasyprint

    from plan_migracion.salidas import pdf

    datos = cargar(DATOS)
    argumentos = (datos, "es")
    fecha, fuentes = dt.date(2014, 12, 31), descargas.fuentes_datos("es")
    sin_cache = pdf.escribir(*argumentos, tmp_path / "a" / "plan.pdf", fecha, fuentes)
    cache = tmp_path / "cache"
    primero = pdf.escribir(*argumentos, tmp_path / "b" / "plan.pdf", fecha, fuentes, cache)
    assert [p.name for p in cache.iterdir()] == [f"{pdf.clave(pdf.html(datos, 'es', fecha, fuentes))}.pdf"]

    def prohibido(*args, **kwargs):
        raise AssertionError("WeasyPrint no debía volver a escribir el PDF")

    monkeypatch.setattr(weasyprint, "HTML", prohibido)
    segundo = pdf.escribir(*argumentos, tmp_path / "c" / "plan.pdf", fecha, fuentes, cache)
    assert sin_cache.read_bytes() == primero.read_bytes() == segundo.read_bytes()
    # otra fecha de los datos (la de la portada): otra entrada, otra clave, y WeasyPrint otra vez
    with pytest.raises(AssertionError, match="no debía"):
        pdf.escribir(*argumentos, tmp_path / "d" / "plan.pdf", dt.date(2015, 1, 1), fuentes, cache)
    assert pdf.clave("<p>a</p>") != pdf.clave("<p>b</p>")
