"""La búsqueda perdona los acentos y las mayúsculas (plan_migracion/sitio_mkdocs/busqueda_sin_acentos.py).

Nivel rápido: :func:`plegar` y :func:`indice_sin_acentos` sobre índices pequeños hechos aquí.
Nivel navegador: en Chromium, el buscador de Material de cada idioma encuentra con «Junin»,
«apurimac», «canete» y «ancash» las mismas páginas que con «Junín», «Apurímac», «Cañete» y «Áncash»
(el documento del plan nombra esas regiones), y los resultados siguen mostrando los acentos.
"""

from __future__ import annotations

import copy
import re
from urllib.parse import urlsplit

import pytest

from plan_migracion.sitio_mkdocs.busqueda_sin_acentos import CAMPOS, indice_sin_acentos, plegar

from servidor import Servidor, idioma_de

# --- Nivel rápido ------------------------------------------------------------------------------


@pytest.mark.parametrize("texto, esperado", [
    ("JUNÍN", "junin"), ("Junín", "junin"), ("junin", "junin"), ("Cañete", "canete"),
    ("Apurímac", "apurimac"), ("Áncash", "ancash"), ("Huánuco", "huanuco"), ("pingüino", "pinguino"),
    ("Juni\u0301n", "junin"),  # la tilde como carácter aparte (Unicode NFD)
    ("हिंदी", "हिंदी"),  # las marcas de otras escrituras no son acentos: se quedan
])
def test_plegar_quita_acentos_y_mayusculas(texto, esperado):
    assert plegar(texto) == esperado


def _indice(*docs: tuple[str, str, str]) -> dict:
    return {"config": {"lang": ["es"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"],
                       "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1e6}}},
            "docs": [{"location": lugar, "title": titulo, "text": texto} for lugar, titulo, texto in docs]}


def _palabras(entrada: dict) -> set[str]:
    """Las palabras de una entrada en todos sus campos de texto, como las separa Material."""
    texto = " ".join(str(v) for k, v in entrada.items() if k != "location")
    return {p for p in re.split(r"[\s\-]+", re.sub(r"<[^>]*>", " ", texto).lower()) if p}


def test_indice_sin_acentos_anade_campos_y_no_toca_lo_que_se_muestra():
    indice = _indice(
        ("talleres/huancayo/", "Taller en Huancayo (Junín)", "<p>Región <strong>Junín</strong>, Cañete-Lima.</p>"),
        ("talleres/otro/", "TALLER JUNIN", "<p>Escrito sin tildes: JUNIN, region.</p>"),
        ("talleres/lima/", "Lima", "<p>Nada que plegar.</p>"),
    )
    original = copy.deepcopy(indice)
    nuevo = indice_sin_acentos(indice)
    assert indice == original  # no cambia el índice que recibe
    # lo que Material muestra (title, text) queda igual, con sus acentos
    for antes, despues in zip(original["docs"], nuevo["docs"]):
        assert {k: despues[k] for k in antes} == antes
    # los campos nuevos se indexan con el peso de su campo original; los demás no cambian
    fields = nuevo["config"]["fields"]
    assert fields["title_sin_acentos"] == fields["title"] == {"boost": 1000.0}
    assert fields["text_sin_acentos"] == fields["text"] == {"boost": 1.0}
    assert fields["tags"] == {"boost": 1e6}
    assert {k: v for k, v in nuevo["config"].items() if k != "fields"} == \
        {k: v for k, v in original["config"].items() if k != "fields"}
    huancayo, otro, lima = nuevo["docs"]
    # sin acentos; la grafía del texto no se repite si Material ya la encuentra («junín,»)...
    assert set(huancayo["text_sin_acentos"].split()) == {"junin", "canete", "region"}
    # ... y se repite si va pegada a un signo por delante: «(junín)» no empieza por «junín»
    assert set(huancayo["title_sin_acentos"].split()) == {"junin", "junín"}
    # lo escrito sin tilde recibe la grafía con tilde que el índice tiene en otra entrada
    assert "junín" in otro["title_sin_acentos"].split()
    assert {"junín", "región"} <= set(otro["text_sin_acentos"].split())
    assert not set(CAMPOS.values()) & set(lima)  # nada que plegar: ningún campo nuevo
    assert indice_sin_acentos(nuevo) == nuevo  # llamarla otra vez no cambia nada


@pytest.mark.parametrize("con, sin", [("Junín", "Junin"), ("Junín", "JUNIN"), ("JUNÍN", "junin"),
                                      ("Cañete", "canete"), ("Apurímac", "APURIMAC"), ("región", "region")])
def test_la_consulta_con_o_sin_acentos_encuentra_las_mismas_entradas(con, sin):
    """Como busca Material: cada palabra de la consulta, en minúsculas, es el comienzo de una palabra
    de algún campo indexado (Material añade ``*``; lunr no la pliega)."""
    indice = indice_sin_acentos(_indice(
        ("a/", "Junín", "<p>Región Junín, provincia de Huancayo.</p>"),
        ("b/", "Cañete", "<p>En la provincia de Cañete (Lima).</p>"),
        ("c/", "Sin tildes", "<p>APURIMAC, JUNIN y la region.</p>"),
        ("d/", "Apurímac", "<table><tr><td>Apurímac</td><td>Abancay</td></tr></table>"),
        ("e/", "Otra", "<p>Nada de eso.</p>"),
    ))

    def encuentra(consulta: str) -> set[str]:
        termino = consulta.lower()
        return {d["location"] for d in indice["docs"] if any(p.startswith(termino) for p in _palabras(d))}

    assert encuentra(con) and encuentra(con) == encuentra(sin)


# --- Nivel navegador ---------------------------------------------------------------------------

# (consulta con acentos, consultas sin ellos o en mayúsculas): regiones que nombra el documento del plan
CONSULTAS = [("Junín", ["Junin", "JUNÍN", "JUNIN"]), ("Apurímac", ["apurimac"]),
             ("Cañete", ["canete"]), ("Áncash", ["ancash"])]


@pytest.fixture(scope="module")
def servidor_busqueda(sitio):
    with Servidor(sitio) as srv:
        yield srv


def _buscar(pagina, consulta: str) -> tuple[list[str], str]:
    """Escribe ``consulta`` en el buscador de Material y devuelve los enlaces de TODOS los resultados
    (sin la parte ``?h=`` del resaltado) y su texto. Espera la respuesta a la consulta completa:
    Material pone en cada enlace ``?h=`` con las palabras de la consulta que encontró (con
    ``search.highlight``, que activa mkdocs.yml)."""
    from playwright.sync_api import TimeoutError as SinRespuesta

    casilla = pagina.locator(".md-search__input")
    casilla.click()
    casilla.fill("")
    casilla.press_sequentially(consulta, delay=20)
    terminos = consulta.lower()
    try:
        pagina.wait_for_function("""t => [...document.querySelectorAll('a.md-search-result__link')]
            .some(a => new URL(a.href).searchParams.get('h') === t)""", arg=terminos, timeout=10_000)
    except SinRespuesta:  # ningún resultado para la consulta completa
        return [], pagina.text_content(".md-search-result__meta") or ""
    # Material muestra 10 resultados y los demás al desplazar la lista: se desplaza hasta el final
    pagina.wait_for_function("""() => {
        const meta = document.querySelector('.md-search-result__meta').textContent;
        const total = parseInt(meta.replace(/\\D/g, ''), 10);
        const items = document.querySelectorAll('.md-search-result__item').length;
        const lista = document.querySelector('.md-search__scrollwrap');
        lista.scrollTop = lista.scrollHeight;
        return !Number.isNaN(total) ? items === total : items === 1;
    }""", polling=200, timeout=10_000)
    enlaces = pagina.eval_on_selector_all("a.md-search-result__link", "as => as.map(a => a.href)")
    texto = pagina.text_content(".md-search-result__list") or ""
    return [urlsplit(e)._replace(query="").geturl() for e in enlaces], texto


@pytest.mark.parametrize("inicio", ["plan/", "en/plan/"])
def test_buscar_sin_acentos_encuentra_las_mismas_paginas(navegador, servidor_busqueda, inicio):
    contexto = navegador.new_context(viewport={"width": 1280, "height": 800})
    pagina = contexto.new_page()
    fuera = []
    contexto.on("request", lambda r: None if servidor_busqueda.es_local(r.url) else fuera.append(r.url))
    pagina.goto(servidor_busqueda.base + inicio, wait_until="networkidle")
    idioma = idioma_de(inicio)
    fallos = []
    for con_acentos, variantes in CONSULTAS:
        esperados, _ = _buscar(pagina, con_acentos)
        assert esperados, f"«{con_acentos}» no encuentra nada en /{inicio}"
        ajenos = [e for e in esperados if idioma_de(e[len(servidor_busqueda.base):]) != idioma]
        assert not ajenos, f"«{con_acentos}» en /{inicio} da páginas de otro idioma: {ajenos}"
        for variante in variantes:
            enlaces, texto = _buscar(pagina, variante)
            if sorted(set(enlaces)) != sorted(set(esperados)):
                fallos.append(f"«{variante}» ({len(set(enlaces))} enlaces; {texto[:80]!r}) ≠ «{con_acentos}» "
                              f"({len(set(esperados))}): {sorted(set(esperados) ^ set(enlaces))[:6]}")
            elif con_acentos not in texto:  # el resultado se muestra como está escrito, con sus acentos
                fallos.append(f"«{variante}»: los resultados no muestran «{con_acentos}»: {texto[:200]!r}")
    contexto.close()
    assert not fallos, f"/{inicio}:\n" + "\n".join(fallos)
    assert fuera == []  # la búsqueda no pide nada a otro servidor
