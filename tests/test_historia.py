"""Historia de la ejecución: páginas por registro, enlaces cruzados, cronología, indicadores, mapa y fotos."""

from __future__ import annotations

import re
import shutil
import struct
import zlib
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from plan_migracion.datos import cargar, validar
from plan_migracion.vistas.rutas import LIMITE_LISTA, slug

import conjuntos
from conftest import DATOS, compilado_una_vez
from paginas import Html, cifra_participantes, cifras_de, contenido, destinos, enlaces_a_otro_idioma, html, leer
from servidor import Servidor, linkchecker

IDIOMAS = (("es", ""), ("en", "en/"))


@pytest.fixture(scope="module")
def datos():
    return cargar(DATOS)


def rutas_de_registros(datos) -> list[str]:
    return ([f"talleres/{t.id}" for t in datos.talleres] + [f"fuentes/{f.id}" for f in datos.fuentes]
            + [f"componentes/{c.id}" for c in datos.componentes] + [f"convenios/{c.id}" for c in datos.convenios]
            + [f"regiones/{slug(r.nombre.es)}" for r in datos.regiones])


# --- una página por registro -------------------------------------------------------------------


def test_cada_registro_tiene_su_pagina_en_los_dos_idiomas(sitio, datos):
    rutas = rutas_de_registros(datos)
    assert len([r for r in rutas if r.startswith("regiones/")]) == 26
    assert "talleres/2011-03-11-callao" in rutas and "regiones/callao" in rutas
    assert "regiones/lima-metropolitana" in rutas and "regiones/san-martin" in rutas
    for ruta in rutas:
        for idioma, prefijo in IDIOMAS:
            archivo = sitio / prefijo / ruta / "index.html"
            assert archivo.is_file(), f"falta {prefijo}{ruta}/"
            pagina = leer(archivo)
            assert pagina.lang == idioma
            # el selector de idioma lleva a la misma página en el otro idioma
            otro = "en" if idioma == "es" else "es"
            alterna = urljoin(f"https://x/{prefijo}{ruta}/", pagina.alternas[otro])
            assert alterna == f"https://x/{'en/' if otro == 'en' else ''}{ruta}/"


@pytest.mark.parametrize("idioma,prefijo", IDIOMAS)
def test_titulos_de_las_paginas(sitio, datos, idioma, prefijo):
    taller = datos.taller_por_id["2011-04-01-tumbes"]
    h1 = Html(html(sitio, f"{prefijo}talleres/{taller.id}")).h1
    assert taller.lugar.en_idioma(idioma) in h1
    assert ("1 de abril de 2011" if idioma == "es" else "1 April 2011") in h1
    assert Html(html(sitio, f"{prefijo}fuentes/oim")).h1 == datos.fuente_por_id["oim"].nombre.en_idioma(idioma)
    assert Html(html(sitio, f"{prefijo}regiones/lima-metropolitana")).h1 == datos.region_por_id["1501"].nombre.en_idioma(idioma)


def test_las_paginas_de_registro_estan_en_el_sitemap(sitio, datos):
    sitemap = (sitio / "sitemap.xml").read_text(encoding="utf-8")
    for ruta in rutas_de_registros(datos):
        assert re.search(rf'<loc>[^<]*(?<!en/){re.escape(ruta)}/</loc>', sitemap), ruta
        assert re.search(rf'<loc>[^<]*en/{re.escape(ruta)}/</loc>', sitemap), ruta
        assert re.search(rf'hreflang="en" href="[^"]*en/{re.escape(ruta)}/"', sitemap), ruta


def test_las_paginas_en_ingles_enlazan_a_paginas_en_ingles(sitio):
    """Desde una página en inglés, el contenido no enlaza a páginas en español (salvo el selector de
    idioma). Que cada enlace y cada ancla lleven a algo lo comprueba LinkChecker (test_publicacion.py)."""
    assert len(list(sitio.rglob("index.html"))) > 100
    assert enlaces_a_otro_idioma(sitio) == []


# --- enlaces cruzados ---------------------------------------------------------------------------


@pytest.mark.parametrize("prefijo", ["", "en/"])
def test_enlaces_cruzados_en_los_dos_sentidos(sitio, datos, prefijo):
    for taller in datos.talleres:
        desde_taller = destinos(sitio, f"{prefijo}talleres/{taller.id}")
        fuente = f"{prefijo}fuentes/{taller.fuente}"
        componente = f"{prefijo}componentes/{taller.componente}"
        assert fuente in desde_taller and componente in desde_taller
        propia = f"{prefijo}talleres/{taller.id}"
        assert propia in destinos(sitio, fuente)
        assert propia in destinos(sitio, componente)
        for codigo in taller.regiones:
            region = f"{prefijo}regiones/{slug(datos.region_por_id[codigo].nombre.es)}"
            assert region in desde_taller
            desde_region = destinos(sitio, region)
            assert propia in desde_region
            assert fuente in desde_region  # región ↔ fuente
            assert region in destinos(sitio, fuente)
    # los índices enlazan a las páginas de cada registro
    for indice, tipo in (("fuentes", "fuentes"), ("componentes", "componentes"), ("talleres", "talleres"),
                         ("regiones", "regiones")):
        enlazadas = {d for d in destinos(sitio, prefijo + indice) if d.count("/") == prefijo.count("/") + 1}
        esperadas = {r for r in rutas_de_registros(datos) if r.startswith(tipo + "/")}
        assert {prefijo + r for r in esperadas} <= enlazadas, indice


def _regiones_sin_actividad(sitio: Path, datos, prefijo: str) -> tuple[list[str], list[str]]:
    """(las regiones cuya página dice que no hay actividad, las que no tienen ningún registro)."""
    aviso = "Todavía no hay ninguna actividad registrada" if not prefijo else "No activity is recorded"
    con_actividad = {r for t in datos.talleres for r in t.regiones} | {c.region for c in datos.convenios}
    dicen = [r.id for r in datos.regiones
             if aviso in leer(sitio / prefijo / "regiones" / slug(r.nombre.es) / "index.html").texto]
    return dicen, [r.id for r in datos.regiones if r.id not in con_actividad]


@pytest.mark.parametrize("idioma,prefijo", IDIOMAS)
def test_region_sin_actividad_lo_dice(sitio, datos, idioma, prefijo):
    dicen, sin = _regiones_sin_actividad(sitio, datos, prefijo)
    assert dicen == sin


@pytest.mark.parametrize("idioma,prefijo", IDIOMAS)
def test_region_sin_actividad_del_conjunto_pequeno(pequeno, idioma, prefijo):
    sitio, carpeta = pequeno
    dicen, _ = _regiones_sin_actividad(sitio, cargar(carpeta), prefijo)
    # talleres en Cusco, Piura y Lima Metropolitana; un convenio en Puno: las otras 22, sin actividad
    assert len(dicen) == 22 and not {"08", "20", "21", "1501"} & set(dicen)


# --- cronología ---------------------------------------------------------------------------------


@pytest.mark.parametrize("idioma,prefijo", IDIOMAS)
def test_cronologia_lista_los_talleres_en_orden_de_fecha(sitio, datos, idioma, prefijo):
    ruta = f"{prefijo}cronologia"
    enlazados = [d.split("/")[-1] for d in destinos(sitio, ruta) if d.startswith(f"{prefijo}talleres/")]
    esperado = [t.id for t in sorted(datos.talleres, key=lambda t: t.fecha)]
    assert enlazados == esperado
    # el documento no trae sus talleres en ese orden
    de_la_tabla = [t for t in datos.talleres if t.orden_en_fuente is not None]
    assert [t.id for t in sorted(de_la_tabla, key=lambda t: t.orden_en_fuente)] != [
        i for i in esperado if i in {t.id for t in de_la_tabla}]
    texto = leer(sitio / ruta / "index.html").texto
    meses = ["Marzo de 2011", "Abril de 2011", "Mayo de 2011"] if idioma == "es" else ["March 2011", "April 2011", "May 2011"]
    posiciones = [texto.index(m) for m in meses]
    assert posiciones == sorted(posiciones)


@pytest.mark.parametrize("idioma,prefijo", IDIOMAS)
def test_cronologia_del_conjunto_pequeno(pequeno, idioma, prefijo):
    sitio, _ = pequeno
    ruta = f"{prefijo}cronologia"
    registros = [d.removeprefix(prefijo) for d in destinos(sitio, ruta)
                 if d.startswith((f"{prefijo}talleres/", f"{prefijo}convenios/"))]
    assert registros == ["talleres/2012-03-10-sintetico-piura", "talleres/2012-03-20-sintetico-cusco",
                         "talleres/2013-07-05-sintetico-lima", "convenios/2013-09-01-sintetico-puno"]
    texto = leer(sitio / ruta / "index.html").texto
    for linea in (["2012 (2 actividades)", "Marzo de 2012", "2013 (2 actividades)", "Julio de 2013",
                   "Septiembre de 2013"] if idioma == "es" else
                  ["2012 (2 activities)", "March 2012", "2013 (2 activities)", "July 2013", "September 2013"]):
        assert linea in texto


# --- indicadores --------------------------------------------------------------------------------


def _tabla(html_pagina: str, titulo: str) -> dict[str, str]:
    """Filas (encabezado → valor) de la tabla cuya leyenda es ``titulo``."""
    inicio = html_pagina.index(f">{titulo}</caption>")
    tabla = html_pagina[inicio:html_pagina.index("</table>", inicio)]
    filas = re.findall(r'<tr><th scope="row">(.*?)</th><td class="numero">(.*?)</td></tr>', tabla)
    return {re.sub(r"<[^>]+>", "", a): b for a, b in filas}


@pytest.mark.parametrize("idioma,prefijo", IDIOMAS)
def test_indicadores_salen_de_los_datos(sitio, datos, idioma, prefijo):
    pagina = html(sitio, f"{prefijo}indicadores")
    cuerpo = contenido(pagina)
    # cifras calculadas aquí, aparte, a partir de los talleres
    por_fuente = Counter(t.fuente for t in datos.talleres)
    fuentes = _tabla(cuerpo, "Talleres por fuente cooperante" if idioma == "es" else "Workshops by cooperating source")
    assert fuentes == {f.siglas.en_idioma(idioma): str(por_fuente.get(f.id, 0)) for f in datos.fuentes}
    meses = _tabla(cuerpo, "Talleres por mes" if idioma == "es" else "Workshops by month")
    por_mes = Counter((t.fecha.year, t.fecha.month) for t in datos.talleres)
    assert list(meses.values()) == [str(por_mes[m]) for m in sorted(por_mes)]
    total, con, n = cifras_de(datos)
    participantes = _tabla(cuerpo, "Participantes" if idioma == "es" else "Participants")
    assert sorted(participantes.values()) == sorted([str(con), str(n - con)])
    texto = leer(sitio / prefijo / "indicadores" / "index.html").texto
    assert cifra_participantes(texto, idioma) == (total, con, n)
    regiones = _tabla(cuerpo, "Regiones alcanzadas" if idioma == "es" else "Regions reached")
    alcanzadas = {r for t in datos.talleres for r in t.regiones} | {c.region for c in datos.convenios}
    gobiernos = sum(1 for r in datos.regiones if r.tipo == "gobierno-regional" and r.id in alcanzadas)
    assert sorted(regiones.values()) == sorted([str(gobiernos), str(25 - gobiernos)])
    # gráficos: SVG en la página, con título, sin JavaScript; cada barra, a escala de su cifra
    svgs = re.findall(r"<svg class=\"grafico-barras\".*?</svg>", cuerpo, re.S)
    assert len(svgs) == 4
    for svg in svgs:
        assert 'role="img"' in svg and "<title" in svg and "<a " not in svg
    anchos = [float(w) for w in re.findall(r'class="barra"[^>]*width="([\d.]+)"', svgs[0])]
    cifras = [por_fuente[f.id] for f in datos.fuentes if por_fuente[f.id]]  # una fuente sin talleres: sin barra
    assert len(anchos) == len(cifras)
    assert [round(a / max(anchos), 2) for a in anchos] == [round(c / max(cifras), 2) for c in cifras]
    assert "<script" not in cuerpo


@pytest.mark.parametrize("idioma,prefijo", IDIOMAS)
def test_indicadores_del_conjunto_pequeno(pequeno, idioma, prefijo):
    """Cifras conocidas de antemano: oim 2, unfpa 1; marzo de 2012: 2, julio de 2013: 1; 10 + null + 5;
    Cusco, Piura, Lima Metropolitana (talleres) y Puno (convenio)."""
    sitio, _ = pequeno
    cuerpo = contenido(html(sitio, f"{prefijo}indicadores"))
    es = idioma == "es"
    assert _tabla(cuerpo, "Talleres por fuente cooperante" if es else "Workshops by cooperating source") == (
        {"OIT (Organización Internacional del Trabajo)": "0", "OIM": "2", "UNFPA": "1"} if es
        else {"ILO (International Labour Organization)": "0", "IOM": "2", "UNFPA": "1"})
    assert _tabla(cuerpo, "Talleres por mes" if es else "Workshops by month") == (
        {"Marzo de 2012": "2", "Julio de 2013": "1"} if es else {"March 2012": "2", "July 2013": "1"})
    assert sorted(_tabla(cuerpo, "Participantes" if es else "Participants").values()) == ["1", "2"]
    assert sorted(_tabla(cuerpo, "Regiones alcanzadas" if es else "Regions reached").values()) == ["22", "3"]
    texto = leer(sitio / prefijo / "indicadores" / "index.html").texto
    assert ("15 participantes registrados en 2 de los 3 talleres. En 1 taller el documento no indica el número "
            "de participantes: no se cuenta como cero." if es else
            "15 participants recorded in 2 of the 3 workshops. For 1 workshop the document does not give the "
            "number of participants: it is not counted as zero.") in texto
    assert ("3 de los 25 gobiernos regionales alcanzados por al menos un taller o convenio" if es
            else "3 of the 25 regional governments reached by at least one workshop or agreement") in texto
    svg = re.search(r"<svg class=\"grafico-barras\".*?</svg>", cuerpo, re.S).group(0)
    anchos = [float(w) for w in re.findall(r'class="barra"[^>]*width="([\d.]+)"', svg)]
    assert len(anchos) == 2 and anchos[0] == pytest.approx(2 * anchos[1], abs=0.1)  # OIM 2, UNFPA 1, OIT sin barra


# --- mapa ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("idioma,prefijo", IDIOMAS)
def test_mapa_de_regiones(sitio, datos, idioma, prefijo):
    pagina = html(sitio, f"{prefijo}regiones")
    mapa = re.search(r'<svg class="mapa-peru".*?</svg>\s*<text[^>]*>.*?</text>\s*</svg>', pagina, re.S).group(0)
    assert 'role="img"' not in mapa  # contiene enlaces (axe: nested-interactive)
    assert "<title" in mapa and "<desc>" in mapa
    analisis = Html(mapa)
    enlaces = [e for e in analisis.enlaces if e["en_svg"]]
    base = f"https://x/{prefijo}regiones/"
    por_region = {}
    for e in enlaces:
        por_region[urljoin(base, e["href"])] = e["aria-label"]
    esperadas = {f"https://x/{prefijo}regiones/{slug(r.nombre.es)}/": r for r in datos.regiones}
    assert set(por_region) == set(esperadas)  # las 26, cada una una vez; Callao y Lima Metropolitana incluidas
    for url, region in esperadas.items():
        assert por_region[url].startswith(region.nombre.en_idioma(idioma) + ":")
    # las regiones alcanzadas, y solo ellas, en el color de «con actividad»
    alcanzadas = set()
    for e in re.finditer(r'<a href="([^"]+)"[^>]*>(?:<title>[^<]*</title>)?<(?:path|circle) class="(?:dep|marca) ?(alcanzada)?', mapa):
        if e.group(2):
            alcanzadas.add(urljoin(base, e.group(1)))
    assert alcanzadas == {u for u, r in esperadas.items() if r.id in datos.indicadores.regiones_alcanzadas}
    # leyenda y lista de texto
    texto = leer(sitio / prefijo / "regiones" / "index.html").texto
    assert ("Con actividad registrada" if idioma == "es" else "With recorded activity") in texto
    gobiernos = sum(1 for r in datos.regiones if r.tipo == "gobierno-regional" and r.id in alcanzadas_ids(datos))
    assert (f"{gobiernos} de los 25 gobiernos regionales" if idioma == "es"
            else f"{gobiernos} of the 25 regional governments") in texto
    filas = re.findall(r'<tr><th scope="row"><a href="[^"]+">([^<]+)</a></th>', contenido(pagina))
    assert filas == [r.nombre.en_idioma(idioma) for r in datos.regiones]


def alcanzadas_ids(datos) -> set[str]:
    """Las regiones con algún taller o convenio, contadas aquí a partir de los registros."""
    return {r for t in datos.talleres for r in t.regiones} | {c.region for c in datos.convenios}


@pytest.mark.parametrize("idioma,prefijo", IDIOMAS)
def test_mapa_del_conjunto_pequeno(pequeno, idioma, prefijo):
    sitio, _ = pequeno
    texto = leer(sitio / prefijo / "regiones" / "index.html").texto
    assert ("3 de los 25 gobiernos regionales tienen al menos una actividad registrada, y también Lima Metropolitana"
            if idioma == "es" else
            "3 of the 25 regional governments have at least one recorded activity, and so does Metropolitan Lima"
            ) in texto
    mapa = re.search(r'<svg class="mapa-peru".*?</svg>\s*<text[^>]*>.*?</text>\s*</svg>',
                     html(sitio, f"{prefijo}regiones"), re.S).group(0)
    alcanzadas = re.findall(
        r'<a href="([^"]+)"[^>]*>(?:<title>[^<]*</title>)?<(?:path|circle) class="(?:dep|marca) alcanzada', mapa)
    assert sorted(urljoin(f"https://x/{prefijo}regiones/", h) for h in alcanzadas) == [
        f"https://x/{prefijo}regiones/{r}/" for r in ("cusco", "lima-metropolitana", "piura", "puno")]


# --- cifras derivadas ---------------------------------------------------------------------------


def test_cifras_de_la_historia(datos):
    """Con los datos reales: los talleres de la tabla del documento, en sus fuentes y regiones
    (otros registros pueden añadirse), y cada lista en orden de fecha."""
    ind = datos.indicadores
    de_la_tabla = {t.id for t in datos.talleres if t.orden_en_fuente is not None}

    def de_tabla(ids):
        return [i for i in ids if i in de_la_tabla]
    assert de_tabla(ind.talleres_de_fuente["migrandina-oit"]) == [
        "2011-03-11-callao", "2011-03-22-huacho", "2011-03-25-canete", "2011-04-17-lima"]
    assert de_tabla(ind.talleres_de_fuente["oim"]) == [
        "2011-04-01-tumbes", "2011-04-29-trujillo", "2011-05-06-tacna", "2011-05-13-chiclayo"]
    assert de_tabla(ind.talleres_de_fuente["unfpa"]) == []
    assert {"07", "15", "1501"} <= set(ind.regiones_de_fuente["migrandina-oit"])
    assert {"24", "20", "13", "22", "23", "18", "14", "06", "01"} <= set(ind.regiones_de_fuente["oim"])
    assert de_tabla(ind.talleres_por_region["15"]) == ["2011-03-22-huacho", "2011-03-25-canete"]
    assert de_tabla(ind.talleres_por_region["22"]) == ["2011-04-29-trujillo", "2011-05-13-chiclayo"]
    orden = [t.id for t in datos.talleres]  # en orden de fecha
    for ids in [*ind.talleres_de_fuente.values(), *ind.talleres_por_region.values(), *ind.talleres_por_anio.values()]:
        assert ids == [i for i in orden if i in ids]
    assert [i for mes in ind.cronologia.values() for tipo, i in mes if tipo == "taller"] == orden
    assert sum(ind.actividades_por_anio.values()) == len(datos.talleres) + len(datos.convenios)


def test_cifras_de_la_historia_del_conjunto_pequeno(tmp_path):
    datos = cargar(conjuntos.pequeno(tmp_path / "datos"))
    ind = datos.indicadores
    piura, cusco, lima = "2012-03-10-sintetico-piura", "2012-03-20-sintetico-cusco", "2013-07-05-sintetico-lima"
    puno = "2013-09-01-sintetico-puno"
    assert ind.talleres_de_fuente == {"migrandina-oit": [], "oim": [piura, cusco], "unfpa": [lima]}
    assert ind.regiones_de_fuente == {"migrandina-oit": (), "oim": ("08", "20"), "unfpa": ("1501",)}
    assert ind.fuentes_de_region["20"] == ("oim",) and ind.fuentes_de_region["21"] == ()  # Puno: solo un convenio
    assert {r: ids for r, ids in ind.talleres_por_region.items() if ids} == {
        "08": [cusco], "20": [piura], "1501": [lima]}
    assert {r: ids for r, ids in ind.convenios_por_region.items() if ids} == {"21": [puno]}
    assert {c: ids for c, ids in ind.talleres_de_componente.items() if ids} == {
        "induccion-sensibilizacion": [piura, lima], "fortalecimiento-capacidades": [cusco]}
    assert {c: ids for c, ids in ind.convenios_de_componente.items() if ids} == {"convenios-cooperacion": [puno]}
    assert ind.talleres_por_anio == {2012: [piura, cusco], 2013: [lima]}
    assert ind.actividades_por_anio == {2012: 2, 2013: 2}
    assert ind.cronologia == {(2012, 3): [("taller", piura), ("taller", cusco)], (2013, 7): [("taller", lima)],
                              (2013, 9): [("convenio", puno)]}


# --- un registro nuevo, fotos y textos de los datos ---------------------------------------------


def _png(ancho: int = 4, alto: int = 3) -> bytes:
    """Un PNG válido y mínimo, hecho aquí (ninguna foto real)."""
    def bloque(tipo: bytes, datos: bytes) -> bytes:
        return struct.pack(">I", len(datos)) + tipo + datos + struct.pack(">I", zlib.crc32(tipo + datos))
    filas = b"".join(b"\x00" + b"\x80\x80\x80" * ancho for _ in range(alto))
    return (b"\x89PNG\r\n\x1a\n" + bloque(b"IHDR", struct.pack(">IIBBBBB", ancho, alto, 8, 2, 0, 0, 0))
            + bloque(b"IDAT", zlib.compress(filas)) + bloque(b"IEND", b""))


NUEVO = """\
id: 2012-06-15-prueba
fuente: unfpa
componente: fortalecimiento-capacidades
nombre:
  es: "Taller de prueba [x](javascript:alert(1)) <script>alert(1)</script>"
  en: "Test workshop [x](javascript:alert(1)) <script>alert(1)</script>"
fecha: 2012-06-15
lugar:
  es: "Lugar de *prueba* [clic](javascript:alert(2)) {{ 7 * 7 }} </title><script>alert(3)</script>"
  en: "Test *place* [click](javascript:alert(2)) {{ 7 * 7 }} </title><script>alert(3)</script>"
participantes: null
representacion:
  es: Registro de prueba
  en: Test record
regiones: ["08"]
galeria:
  - archivo: prueba/foto-1.png
    pie:
      es: Pie de la foto de prueba
      en: Caption of the test photo
    alt:
      es: Texto alternativo de prueba
      en: Test alternative text
"""


CONVENIO = """\
id: 2013-02-01-prueba
parte:
  es: Parte de prueba
  en: Test party
nivel: regional
region: "21"
fecha_firma: 2013-02-01
vigencia_hasta: null
objeto:
  es: Objeto de prueba
  en: Test subject
estado: vigente
documento: null
fuente_informacion:
  es: Registro de prueba, no es un convenio real
  en: Test record, not a real agreement
"""


def _con_registro_nuevo(carpeta: Path) -> Path:
    """Los datos reales más :data:`NUEVO` (con su foto) y :data:`CONVENIO`."""
    copia = carpeta / "datos"
    shutil.copytree(DATOS, copia)
    (copia / "talleres" / "2012-06-15-prueba.yml").write_text(NUEVO, encoding="utf-8")
    (copia / "convenios" / "2013-02-01-prueba.yml").write_text(CONVENIO, encoding="utf-8")
    (copia / "fotos" / "prueba").mkdir(parents=True)
    (copia / "fotos" / "prueba" / "foto-1.png").write_bytes(_png())
    return copia


@pytest.fixture(scope="module")
def sitio_con_registro_nuevo(tmp_path_factory):
    resultado = compilado_una_vez(tmp_path_factory, "registro-nuevo", _con_registro_nuevo)
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    return resultado.destino


@pytest.mark.sitio
@pytest.mark.parametrize("idioma,prefijo", IDIOMAS)
def test_un_registro_nuevo_tiene_su_pagina_sin_mas_cambios(sitio_con_registro_nuevo, idioma, prefijo):
    sitio = sitio_con_registro_nuevo
    ruta = f"{prefijo}talleres/2012-06-15-prueba"
    assert (sitio / ruta / "index.html").is_file()
    # aparece en la cronología, en su región (Cusco, antes sin actividad), fuente, componente y año
    for origen in ("cronologia", "regiones/cusco", "fuentes/unfpa", "componentes/fortalecimiento-capacidades",
                   "talleres/2012", "talleres"):
        assert ruta in destinos(sitio, prefijo + origen), origen
    assert (sitio / prefijo / "talleres" / "2012" / "index.html").is_file()
    texto = leer(sitio / prefijo / "regiones" / "cusco" / "index.html").texto
    assert "Todavía no hay" not in texto and "No activity is recorded" not in texto


@pytest.mark.sitio
@pytest.mark.parametrize("idioma,prefijo", IDIOMAS)
def test_un_convenio_nuevo_tiene_su_pagina(sitio_con_registro_nuevo, idioma, prefijo):
    sitio = sitio_con_registro_nuevo
    ruta = f"{prefijo}convenios/2013-02-01-prueba"
    assert (sitio / ruta / "index.html").is_file()
    assert Html(html(sitio, ruta)).h1 == ("Parte de prueba" if idioma == "es" else "Test party")
    assert f"{prefijo}regiones/puno" in destinos(sitio, ruta)
    assert f"{prefijo}componentes/convenios-cooperacion" in destinos(sitio, ruta)
    for origen in ("cronologia", "regiones/puno", "componentes/convenios-cooperacion", "convenios"):
        assert ruta in destinos(sitio, prefijo + origen), origen
    # en la cronología va después de los talleres de 2011 y de 2012
    cronologia = destinos(sitio, prefijo + "cronologia")
    assert cronologia.index(ruta) > cronologia.index(f"{prefijo}talleres/2012-06-15-prueba")
    assert "puno" in [d.split("/")[-1] for d in destinos(sitio, prefijo + "regiones") if "regiones/" in d]


@pytest.mark.sitio
def test_enlaces_del_sitio_con_registros_nuevos(sitio_con_registro_nuevo, tmp_path):
    """LinkChecker desde las páginas de los registros nuevos y las que los enlazan: cada enlace, ancla
    y foto resuelve; en inglés, nada lleva al español."""
    sitio = sitio_con_registro_nuevo
    with Servidor(sitio) as servidor:
        inicios = [servidor.base + prefijo + ruta for prefijo in ("", "en/") for ruta in (
            "talleres/2012-06-15-prueba/", "convenios/2013-02-01-prueba/", "cronologia/", "regiones/cusco/",
            "regiones/puno/", "talleres/2012/")]
        linkchecker(servidor, inicios, tmp_path, niveles=1)
    assert enlaces_a_otro_idioma(sitio) == []


@pytest.mark.sitio
@pytest.mark.parametrize("idioma,prefijo", IDIOMAS)
def test_galeria_de_fotos(sitio_con_registro_nuevo, sitio, datos, idioma, prefijo):
    destino = sitio_con_registro_nuevo
    pagina = html(destino, f"{prefijo}talleres/2012-06-15-prueba")
    imagenes = [a for t, a in Html(contenido(pagina)).etiquetas if t == "img"]
    assert len(imagenes) == 1
    assert imagenes[0]["alt"] == ("Texto alternativo de prueba" if idioma == "es" else "Test alternative text")
    archivo = urlparse(urljoin(f"https://x/{prefijo}talleres/2012-06-15-prueba/", imagenes[0]["src"])).path
    assert archivo == "/fotos/prueba/foto-1.png"  # una sola copia para los dos idiomas
    assert (destino / archivo.lstrip("/")).read_bytes() == _png()
    assert ("Pie de la foto de prueba" if idioma == "es" else "Caption of the test photo") in leer(
        destino / prefijo / "talleres" / "2012-06-15-prueba" / "index.html").texto
    # en el sitio real, galería solo en las páginas de los registros con fotos: ninguna galería vacía
    con_fotos = {f"talleres/{r.id}" for r in datos.talleres if r.galeria} | {
        f"convenios/{r.id}" for r in datos.convenios if r.galeria}
    for ruta in sitio.rglob("*.html"):
        pagina = ruta.parent.relative_to(sitio).as_posix().removeprefix("en/")
        assert ('class="galeria' in ruta.read_text(encoding="utf-8")) == (pagina in con_fotos), ruta


@pytest.mark.sitio
def test_lo_escrito_en_los_datos_se_muestra_como_texto(sitio_con_registro_nuevo):
    for ruta in sitio_con_registro_nuevo.rglob("*.html"):
        contenido_html = ruta.read_text(encoding="utf-8")
        assert 'href="javascript:' not in contenido_html.lower(), ruta
        assert "<script>alert" not in contenido_html, ruta
    for prefijo in ("", "en/"):
        pagina = Html(html(sitio_con_registro_nuevo, f"{prefijo}talleres/2012-06-15-prueba"))
        assert "*" in pagina.h1 and "](javascript:alert(2))" in pagina.h1 and "{{ 7 * 7 }}" in pagina.h1
        assert "</title><script>alert(3)</script>" in pagina.h1  # como texto, también en <title>
        assert not any(e["href"].startswith("javascript") for e in pagina.enlaces)


def test_foto_que_no_existe(copia_datos):
    texto = NUEVO.replace("prueba/foto-1.png", "prueba/no-esta.png")
    (copia_datos / "talleres" / "2012-06-15-prueba.yml").write_text(texto, encoding="utf-8")
    # una ruta que sale de la carpeta de fotos tampoco vale, aunque el archivo exista
    fuera = copia_datos / "talleres" / "fuera.png"
    fuera.write_bytes(_png())
    otra = NUEVO.replace("2012-06-15", "2012-06-16").replace("prueba/foto-1.png", "a/../../talleres/fuera.png")
    (copia_datos / "talleres" / "2012-06-16-prueba.yml").write_text(otra, encoding="utf-8")
    problemas = [p for p in validar(copia_datos) if p.es_error and p.campo == "galeria[1].archivo"]
    assert {p.ruta for p in problemas} == {"datos/talleres/2012-06-15-prueba.yml", "datos/talleres/2012-06-16-prueba.yml"}
    fuera_de_la_carpeta = next(p for p in problemas if p.ruta.endswith("2012-06-16-prueba.yml"))
    assert fuera_de_la_carpeta.codigo == "foto-ruta-con-puntos"
    falta = next(p for p in problemas if p.ruta.endswith("2012-06-15-prueba.yml"))
    assert falta.codigo == "archivo-foto-falta"
    assert falta.linea == next(i for i, l in enumerate(texto.splitlines(), 1) if "archivo:" in l)
    assert "prueba/no-esta.png" in falta.texto("es") and "datos/fotos/" in falta.texto("es")


# --- a escala -----------------------------------------------------------------------------------


def _cientos(carpeta: Path) -> Path:
    # Bastan unos cientos para pasar el límite de las listas (una región en todos los talleres);
    # el benchmark (make benchmark) mide con 1.000 y 10.000.
    conjuntos.generar(carpeta / "datos", 450, semilla=3, con_los_reales=True, en_todos="07")
    return carpeta / "datos"


@pytest.fixture(scope="module")
def sitio_grande(tmp_path_factory):
    resultado = compilado_una_vez(tmp_path_factory, "grande", _cientos)
    assert resultado.returncode == 0, resultado.stdout[-3000:] + resultado.stderr[-3000:]
    return resultado.destino, cargar(resultado.carpeta / "datos")


@pytest.mark.sitio
def test_con_cientos_de_talleres_las_listas_se_reparten(sitio_grande, tmp_path):
    sitio, datos = sitio_grande
    assert len(datos.talleres) == 450 + len(cargar(DATOS).talleres)  # los sintéticos y los reales
    por_anio = Counter(t.fecha.year for t in datos.talleres)
    # cada taller tiene su página
    for taller in datos.talleres[::97]:
        assert (sitio / "talleres" / taller.id / "index.html").is_file()
        assert (sitio / "en" / "talleres" / taller.id / "index.html").is_file()
    # el índice de talleres no los lista: enlaza a una página por año
    indice = destinos(sitio, "talleres")
    assert len([d for d in indice if d.startswith("talleres/20") and d.count("/") == 1 and len(d) > 14]) == 0
    anios = sorted(d for d in indice if re.fullmatch(r"talleres/\d{4}", d))
    assert {"talleres/2011", "talleres/2012", "talleres/2013", "talleres/2014"} <= set(anios)
    assert anios == [f"talleres/{anio}" for anio in sorted(por_anio)]
    for anio, n in por_anio.items():
        enlazados = [d for d in destinos(sitio, f"talleres/{anio}") if re.fullmatch(r"talleres/\d{4}-\d\d-\d\d-.*", d)]
        assert len(enlazados) == n
    # una región con muchos talleres: cuántos por año, y una página por año con la lista
    ind = datos.indicadores
    codigo = max(ind.talleres_por_region, key=lambda r: len(ind.talleres_por_region[r]))
    region = f"regiones/{slug(datos.region_por_id[codigo].nombre.es)}"
    assert len(ind.talleres_por_region[codigo]) > LIMITE_LISTA
    desde_region = destinos(sitio, region)
    assert not any(d.startswith("talleres/20") for d in desde_region)
    for anio in sorted({int(i[:4]) for i in ind.talleres_por_region[codigo]}):
        lista = [d for d in destinos(sitio, f"{region}/{anio}") if d.startswith("talleres/")]
        assert lista == [f"talleres/{i}" for i in ind.talleres_por_region[codigo] if i[:4] == str(anio)]
        assert f"{region}/{anio}" in desde_region
    # la cronología resume por mes y enlaza a las páginas de cada año
    cronologia = destinos(sitio, "cronologia")
    assert len(cronologia) < 100 and not any(re.fullmatch(r"talleres/\d{4}-\d\d-\d\d-.*", d) for d in cronologia)
    # los enlaces de las páginas resumidas y de las páginas por año resuelven
    muestra = [sitio / prefijo / r / "index.html" for prefijo in ("", "en/")
               for r in ("talleres", "cronologia", "indicadores", "regiones", region, f"{region}/2012",
                         "talleres/2013", "fuentes/oim", "fuentes/oim/2014", "componentes/induccion-sensibilizacion")]
    with Servidor(sitio) as servidor:
        linkchecker(servidor, [servidor.base + p.parent.relative_to(sitio).as_posix() + "/" for p in muestra],
                    tmp_path, niveles=1)
    assert enlaces_a_otro_idioma(sitio, [p for p in muestra if p.relative_to(sitio).parts[0] == "en"]) == []
    # ninguna página es enorme
    assert max(p.stat().st_size for p in sitio.rglob("index.html")) < 1_000_000


def test_direcciones_de_regiones_con_nombres_raros():
    from types import SimpleNamespace

    from plan_migracion.vistas.rutas import direcciones_regiones

    def region(ident, nombre):
        return SimpleNamespace(id=ident, nombre=SimpleNamespace(es=nombre))

    datos = SimpleNamespace(regiones=[region("07", "Callao"), region("21", "<script>" + "x" * 200),
                                      region("22", "San Martín"), region("23", "San  Martin!"),
                                      region("24", "¿¿??")])
    direcciones = direcciones_regiones(datos)
    assert direcciones["07"] == "callao" and direcciones["22"] == "san-martin"
    assert direcciones["23"] == "san-martin-23"  # repetida: se distingue con el código
    assert direcciones["24"] == "24"  # vacía: el código
    assert len(direcciones["21"]) <= 60 and re.fullmatch(r"[a-z0-9-]+", direcciones["21"])
    assert len(set(direcciones.values())) == 5
