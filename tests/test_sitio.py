"""El sitio compilado: dos idiomas emparejados, los hechos del documento y nada externo."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from babel.dates import format_date

from plan_migracion.datos import cargar

from conftest import DATOS
from paginas import cifra_participantes, cifras_de, leer


def paginas_es(sitio: Path) -> list[Path]:
    return sorted(p for p in sitio.rglob("index.html") if p.relative_to(sitio).parts[0] != "en"
                  and p.relative_to(sitio).parts[0] != "assets")


@pytest.fixture(scope="module")
def datos():
    return cargar(DATOS)


def test_compila_en_modo_estricto_sin_avisos(compilacion):
    assert compilacion.returncode == 0, compilacion.stderr
    avisos = [l for l in (compilacion.stdout + compilacion.stderr).splitlines() if l.startswith(("WARNING", "ERROR"))]
    assert avisos == []


def test_rutas_de_cada_idioma(sitio):
    assert (sitio / "index.html").is_file()
    assert (sitio / "en" / "index.html").is_file()
    for nombre in ("plan", "componentes", "fuentes", "talleres", "convenios", "acerca"):
        assert (sitio / nombre / "index.html").is_file()
        assert (sitio / "en" / nombre / "index.html").is_file()


def test_cada_pagina_tiene_su_gemela_y_el_selector_las_une(sitio):
    paginas = paginas_es(sitio)
    assert len(paginas) >= 7
    for es in paginas:
        relativa = es.relative_to(sitio)
        en = sitio / "en" / relativa
        assert en.is_file(), f"falta la versión en inglés de {relativa}"
        pagina_es, pagina_en = leer(es), leer(en)
        assert pagina_es.lang == "es" and pagina_en.lang == "en"
        base_es = "https://x/" + relativa.parent.as_posix().strip(".") + "/"
        base_en = "https://x/en/" + relativa.parent.as_posix().strip(".") + "/"
        for pagina, base in ((pagina_es, base_es), (pagina_en, base_en)):
            destinos = {idioma: urljoin(base, href) for idioma, href in pagina.alternas.items()}
            assert destinos == {"es": base_es.replace("//x//", "//x/"), "en": base_en.replace("/en//", "/en/")}
            # el selector de idioma enlaza las mismas direcciones
            for href in pagina.alternas.values():
                assert href in pagina.enlaces


def _texto(sitio: Path, ruta: str) -> str:
    return leer(sitio / ruta / "index.html").texto


@pytest.mark.parametrize("idioma", ["es", "en"])
def test_hechos_de_la_tabla_de_talleres(sitio, datos, idioma):
    prefijo = "" if idioma == "es" else "en/"
    texto = _texto(sitio, prefijo + "talleres")
    patron = "d 'de' MMMM 'de' y" if idioma == "es" else "d MMMM y"
    for taller in datos.talleres:
        assert format_date(taller.fecha, patron, locale=idioma) in texto
        assert taller.lugar.en_idioma(idioma) in texto
        # el detalle (quiénes participaron) está en la página del taller
        assert taller.representacion.en_idioma(idioma) in _texto(sitio, f"{prefijo}talleres/{taller.id}")
    no_registrado = "no registrado" if idioma == "es" else "not recorded"
    html = (sitio / prefijo / "talleres" / "index.html").read_text(encoding="utf-8")
    for taller in datos.talleres:
        fila = re.search(rf'<tr>\s*<th scope="row"><a href="{taller.id}/">.*?</tr>', html, re.S).group(0)
        celda = re.search(r'<td class="numero">(.*?)</td>', fila, re.S).group(1)
        if taller.participantes is None:
            assert no_registrado in celda and not re.search(r"\d", celda)
        else:
            assert celda.strip() == str(taller.participantes)
    for numero in (32, 37, 25, 45):
        assert re.search(rf"\b{numero}\b", texto)
    assert ("11 de marzo de 2011" if idioma == "es" else "11 March 2011") in texto
    assert cifra_participantes(texto, idioma, "Total: ") == cifras_de(datos)


@pytest.mark.parametrize("idioma", ["es", "en"])
def test_cifras_del_conjunto_pequeno(pequeno, idioma):
    """Con el conjunto pequeño (tests/conjuntos.py) las cifras se saben: 10 + null + 5."""
    sitio, _ = pequeno
    prefijo = "" if idioma == "es" else "en/"
    talleres, inicio = _texto(sitio, prefijo + "talleres"), _texto(sitio, prefijo or ".")
    if idioma == "es":
        assert ("Total: 15 participantes registrados en 2 de los 3 talleres. En 1 taller el documento no "
                "indica el número de participantes (no registrado).") in talleres
        assert "3 talleres de inducción y sensibilización ejecutados" in inicio
        assert "15 participantes registrados en 2 de los 3 talleres" in inicio
        assert "1 convenio registrado" in inicio
    else:
        assert ("Total: 15 participants recorded in 2 of the 3 workshops. For 1 workshop the document does not "
                "give the number of participants (not recorded).") in talleres
        assert "3 induction and awareness-raising workshops held" in inicio
        assert "15 participants recorded in 2 of the 3 workshops" in inicio
        assert "1 agreement recorded" in inicio
    html = (sitio / prefijo / "talleres" / "index.html").read_text(encoding="utf-8")
    celdas = re.findall(r'<th scope="row"><a href="[^"]+/">.*?<td class="numero">(.*?)</td>', html, re.S)
    no_registrado = "no registrado" if idioma == "es" else "not recorded"
    assert [c.strip() for c in celdas[:1] + celdas[2:]] == ["10", "5"] and no_registrado in celdas[1]


def test_orden_cronologico_en_la_tabla(sitio):
    html = (sitio / "talleres" / "index.html").read_text(encoding="utf-8")
    tabla = html[html.index("<tbody>"):html.index("</tbody>")]
    ids = re.findall(r'<th scope="row"><a href="([0-9a-z-]+)/"', tabla)
    assert ids == sorted(ids)
    assert ids.index("2011-04-17-lima") < ids.index("2011-04-29-trujillo")


@pytest.mark.parametrize("idioma", ["es", "en"])
def test_cada_seccion_del_plan(sitio, datos, idioma):
    prefijo = "" if idioma == "es" else "en/"
    texto = _texto(sitio, prefijo + "plan")
    plan = datos.plan
    for parte in [*plan.presentacion, plan.finalidad, plan.objetivo, plan.duracion, plan.beneficiarios.directos,
                  plan.beneficiarios.indirectos, plan.ambito.texto, plan.ambito.nota, plan.base_legal,
                  *plan.unidades, plan.institucion]:
        assert " ".join(parte.en_idioma(idioma).split()) in texto
    for fuente in datos.fuentes:
        assert fuente.nombre.en_idioma(idioma) in texto
    componentes = _texto(sitio, prefijo + "componentes")
    for componente in datos.componentes:
        assert " ".join(componente.cita.en_idioma(idioma).split()) in componentes


@pytest.mark.parametrize("idioma", ["es", "en"])
def test_inicio_con_cifras(sitio, datos, idioma):
    """Las cifras del inicio son las de los registros, sean cuantos sean (las frases exactas, con
    cifras conocidas: test_cifras_del_conjunto_pequeno)."""
    texto = _texto(sitio, "" if idioma == "es" else "en")
    assert cifra_participantes(texto, idioma) == cifras_de(datos)
    alcanzados = {r for t in datos.talleres for r in t.regiones} | {c.region for c in datos.convenios}
    gobiernos = sum(1 for r in datos.regiones if r.tipo == "gobierno-regional" and r.id in alcanzados)
    assert (f"{gobiernos} de los 25 gobiernos regionales" if idioma == "es"
            else f"{gobiernos} of the 25 regional governments") in texto


@pytest.mark.parametrize("idioma", ["es", "en"])
def test_inicio_del_conjunto_pequeno_sin_convenios(pequeno_sin_convenios, idioma):
    sitio, _ = pequeno_sin_convenios
    texto = _texto(sitio, "" if idioma == "es" else "en")
    if idioma == "es":
        assert "15 participantes registrados en 2 de los 3 talleres" in texto
        assert "2 de los 25 gobiernos regionales alcanzados por al menos un taller o convenio, y además Lima Metropolitana" in texto
        assert "0 convenios registrados" in texto
    else:
        assert "15 participants recorded in 2 of the 3 workshops" in texto
        assert "2 of the 25 regional governments reached by at least one workshop or agreement, plus Metropolitan Lima" in texto
        assert "0 agreements recorded" in texto


@pytest.mark.parametrize("idioma", ["es", "en"])
def test_convenios_dice_que_no_hay(pequeno_sin_convenios, idioma):
    sitio, _ = pequeno_sin_convenios
    texto = _texto(sitio, "convenios" if idioma == "es" else "en/convenios")
    assert ("Todavía no hay convenios registrados" if idioma == "es" else "No agreements are recorded yet") in texto
    assert "<table" not in (sitio / ("convenios" if idioma == "es" else "en/convenios") / "index.html").read_text()


@pytest.mark.parametrize("idioma", ["es", "en"])
def test_convenios_con_uno_lo_muestra_en_la_tabla(pequeno, idioma):
    sitio, _ = pequeno
    ruta = sitio / ("convenios" if idioma == "es" else "en/convenios") / "index.html"
    texto = leer(ruta).texto
    assert ("Todavía no hay convenios" if idioma == "es" else "No agreements are recorded") not in texto
    html = ruta.read_text(encoding="utf-8")
    filas = re.findall(r"<tr id=\"([^\"]+)\">", html[html.index("<tbody>"):html.index("</tbody>")])
    assert filas == ["2013-09-01-sintetico-puno"]
    assert ("1 de septiembre de 2013" if idioma == "es" else "1 September 2013") in texto
    assert ("Gobierno Regional sintético de Puno" if idioma == "es"
            else "Synthetic Regional Government of Puno") in texto


def test_observaciones_de_la_fuente(sitio, datos):
    for idioma, prefijo in (("es", ""), ("en", "en/")):
        texto = _texto(sitio, prefijo + "acerca")
        for registro in [*datos.fuentes, *datos.talleres]:
            for observacion in registro.observaciones:
                assert " ".join(observacion.en_idioma(idioma).split()) in texto


def test_ningun_recurso_de_otro_servidor(sitio):
    for ruta in sitio.rglob("*.html"):
        pagina = leer(ruta)
        # (un «data:» va dentro de la página: no es una petición; p. ej. el icono vacío de la 404)
        externos = [r for r in pagina.recursos if (urlparse(r).scheme and urlparse(r).scheme != "data")
                    or r.startswith("//")]
        assert externos == [], f"{ruta.relative_to(sitio)} carga {externos}"
    for ruta in [*sitio.rglob("*.css")]:
        contenido = ruta.read_text(encoding="utf-8")
        assert not re.search(r"@import\s+url\(\s*['\"]?(https?:)?//", contenido), ruta
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", contenido), ruta
    html = (sitio / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_busqueda_separada_por_idioma(sitio):
    es = json.loads((sitio / "search" / "search_index.json").read_text(encoding="utf-8"))
    en = json.loads((sitio / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert es["config"]["lang"] == ["es"] and en["config"]["lang"] == ["en"]
    assert not any(d["location"].startswith("en/") for d in es["docs"])
    titulos_es = {d["title"] for d in es["docs"]}
    titulos_en = {d["title"] for d in en["docs"]}
    assert "Talleres" in titulos_es and "Talleres" not in titulos_en
    assert "Workshops" in titulos_en and "Workshops" not in titulos_es
    # las páginas en inglés buscan en el índice inglés
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                       (sitio / "en" / "talleres" / "index.html").read_text(encoding="utf-8"), re.S)
    assert json.loads(config.group(1))["base"] == "../../en/"
