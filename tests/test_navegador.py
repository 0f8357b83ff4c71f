"""El sitio como lo ve un visitante, en Chromium: accesibilidad, idiomas, búsqueda, privacidad y
disposición en teléfono y escritorio.

El sitio se compila una vez (fixture ``sitio``), se sirve por HTTP en 127.0.0.1 y un solo
Chromium recorre TODAS las páginas de los dos idiomas, descubiertas en el sitio compilado: una vez a
1280×800 (``visitas``: axe, consola, peticiones, el selector de idioma de cada página y la
disposición con la ventana a 360×640 y a 1280×800).
Las capturas de las páginas principales quedan en ``artefactos/capturas/``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from conftest import RAIZ
from servidor import Servidor, es_principal, gemela, idioma_de, rutas_de_paginas

ETIQUETAS_WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TAMANOS = {"escritorio": (1280, 800), "telefono": (360, 640)}  # (el primero, el de las visitas)
CAPTURAS = RAIZ / "artefactos" / "capturas"


@pytest.fixture(scope="session")
def servidor(sitio):
    with Servidor(sitio) as srv:
        yield srv


@pytest.fixture(scope="session")
def paginas(sitio) -> list[str]:
    rutas = rutas_de_paginas(sitio)
    assert "" in rutas and "en/" in rutas, rutas
    return rutas


@dataclass
class Visita:
    ruta: str
    estado: int | None = None
    lang: str | None = None
    consola: list[str] = field(default_factory=list)
    peticiones: list[str] = field(default_factory=list)
    violaciones: list[dict] = field(default_factory=list)
    medidas: dict = field(default_factory=dict)  # tamaño → la disposición (_MEDIR)
    selector: list[str] = field(default_factory=list)  # cambios de idioma que no llevaron a la gemela


def _abrir(contexto, registro: dict):
    """Una pestaña que apunta errores de consola y peticiones en ``registro['actual']``."""
    pagina = contexto.new_page()
    pagina.on("console", lambda m: m.type == "error" and registro["actual"].consola.append(
        f"{m.text} ({m.location.get('url', '')})"))
    pagina.on("pageerror", lambda e: registro["actual"].consola.append(f"excepción: {e}"))
    contexto.on("request", lambda r: registro["actual"].peticiones.append(r.url))
    return pagina


@pytest.fixture(scope="session")
def visitas(navegador, servidor, paginas) -> dict[str, Visita]:
    """Cada página visitada una vez a 1280×800: estado, idioma, consola, peticiones, axe (WCAG 2.1
    A/AA) y, con la ventana a 360×640 y a 1280×800, la disposición (_MEDIR) y, si es principal, su
    captura.

    Como un visitante: a cada página en inglés se llega desde su gemela en español con el selector
    de idioma, que luego lleva de vuelta; cada cambio que no lleva a la gemela queda en
    ``Visita.selector`` de la página en español (y la página en inglés se abre entonces por su
    dirección). Así cada página se carga una vez y el selector se prueba en todas. Se espera al
    evento «load»: lo que la página pida o escriba en la consola después (mientras corre axe, o
    al volver con el selector) sigue contando, en la visita en curso."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    CAPTURAS.mkdir(parents=True, exist_ok=True)
    for vieja in CAPTURAS.glob("*.png"):
        vieja.unlink()
    contexto = navegador.new_context(viewport=dict(zip(("width", "height"), TAMANOS["escritorio"])))
    registro = {"actual": Visita("")}
    pagina = _abrir(contexto, registro)
    resultado: dict[str, Visita] = {}

    def abrir(ruta: str) -> Visita:
        registro["actual"] = visita = Visita(ruta)
        respuesta = pagina.goto(servidor.base + ruta, wait_until="load")
        visita.estado = respuesta.status if respuesta else None
        return visita

    def revisar(visita: Visita) -> None:
        visita.lang = pagina.get_attribute("html", "lang")
        res = axe.run(pagina, options={"runOnly": {"type": "tag", "values": ETIQUETAS_WCAG},
                                       "resultTypes": ["violations"]})
        visita.violaciones = res.response["violations"]
        # la disposición en cada tamaño: primero con el de la carga; luego, la misma página con la
        # ventana de teléfono (las reglas @media de la hoja de estilos se aplican al cambiarla, como
        # al girar un teléfono); al final, otra vez el de la carga, para seguir la visita
        for nombre, (ancho, alto) in TAMANOS.items():
            pagina.set_viewport_size({"width": ancho, "height": alto})
            visita.medidas[nombre] = pagina.evaluate(_MEDIR)
            _capturar(pagina, visita.ruta, ancho, alto)
        pagina.set_viewport_size(dict(zip(("width", "height"), TAMANOS["escritorio"])))
        resultado[visita.ruta] = visita

    for ruta in paginas:
        if idioma_de(ruta) != "es":
            continue
        visita = abrir(ruta)
        revisar(visita)
        otra = gemela(ruta)
        registro["actual"] = visita_en = Visita(otra)
        if _cambiar_idioma(pagina, "en", servidor.base + otra, visita_en, visita.selector):
            revisar(visita_en)
        else:
            revisar(abrir(otra))
        registro["actual"] = visita
        _cambiar_idioma(pagina, "es", servidor.base + ruta, Visita(ruta), visita.selector)
    for ruta in [*(r for r in paginas if r not in resultado), "404.html"]:  # (una página sin gemela)
        revisar(abrir(ruta))
    contexto.close()
    return resultado


def _cambiar_idioma(pagina, idioma: str, esperada: str, visita: Visita, fallos: list[str]) -> bool:
    """Elige ``idioma`` en el selector; ¿llegó a ``esperada``, en ese idioma? (si no, lo anota en
    ``fallos``). El estado de la respuesta queda en ``visita``."""
    desde = pagina.url
    try:
        respuesta = _elegir_idioma(pagina, idioma)
    except Exception as error:  # (el selector no está, o no lleva a ninguna parte)
        fallos.append(f"{desde} → «{idioma}»: {error}")
        return False
    visita.estado = respuesta.status if respuesta else None
    if pagina.url != esperada or pagina.get_attribute("html", "lang") != idioma:
        fallos.append(f"{desde} → {pagina.url} (esperada {esperada})")
        return False
    return True


def _capturar(pagina, ruta: str, ancho: int, alto: int) -> None:
    """La captura de una página principal en artefactos/capturas/."""
    if ruta == "404.html" or not es_principal(ruta):
        return
    idioma = idioma_de(ruta)
    en_espanol = ruta if idioma == "es" else gemela(ruta)
    archivo = f"{idioma}-{en_espanol.strip('/').replace('/', '-') or 'inicio'}"
    pagina.screenshot(path=str(CAPTURAS / f"{archivo}-{ancho}x{alto}.png"), full_page=True)


def _resumen_axe(violaciones: list[dict]) -> list[str]:
    lineas = []
    for v in violaciones:
        for nodo in v["nodes"][:3]:
            lineas.append(f"  {v['id']} ({v['impact']}): {nodo['target']} — {nodo['failureSummary'][:200]}")
    return lineas


def test_cada_pagina_se_sirve_en_su_idioma(visitas, paginas):
    assert len(visitas) == len(paginas) + 1
    for ruta, visita in visitas.items():
        assert visita.estado == 200, ruta
        if ruta != "404.html":
            assert visita.lang == idioma_de(ruta), ruta


def test_axe_wcag21_a_y_aa_sin_violaciones_en_cada_pagina(visitas):
    fallos = {ruta: _resumen_axe(v.violaciones) for ruta, v in visitas.items() if v.violaciones}
    assert not fallos, "Violaciones de axe:\n" + "\n".join(
        f"/{ruta}\n" + "\n".join(lineas) for ruta, lineas in fallos.items())


def test_ningun_error_en_la_consola(visitas):
    fallos = {f"/{ruta}": v.consola for ruta, v in visitas.items() if v.consola}
    assert not fallos, json.dumps(fallos, indent=1, ensure_ascii=False)


def test_ninguna_peticion_a_otro_servidor(visitas, servidor):
    todas = [url for v in visitas.values() for url in v.peticiones]
    assert any(url.endswith(".css") for url in todas)  # el registro de peticiones funciona
    ajenas = sorted({url for url in todas if not servidor.es_local(url)})
    assert ajenas == []


def _elegir_idioma(pagina, idioma: str):
    """Como un visitante: abre el selector de idioma del encabezado y elige ``idioma``; la respuesta."""
    pagina.hover(".md-header__option .md-select")
    with pagina.expect_navigation(wait_until="load") as navegacion:
        pagina.click(f".md-header__option .md-select__link[hreflang={idioma}]")
    return navegacion.value


def test_el_selector_de_idioma_lleva_a_la_gemela_y_vuelve(visitas, paginas):
    """Desde cada página en español el selector lleva a su gemela en inglés, y desde esta de vuelta
    (en el recorrido de ``visitas``)."""
    assert len([r for r in paginas if idioma_de(r) == "es"]) == len([r for r in paginas if idioma_de(r) == "en"])
    fallos = [f for v in visitas.values() for f in v.selector]
    assert fallos == []


def _buscar(pagina, texto: str) -> list[dict]:
    """Escribe ``texto`` en el buscador de Material y devuelve los resultados (enlace y texto)."""
    pagina.click(".md-search__input")
    pagina.locator(".md-search__input").press_sequentially(texto, delay=20)
    pagina.wait_for_selector(".md-search-result__item")
    return pagina.eval_on_selector_all(".md-search-result__item", """items => items.map(li => ({
        url: li.querySelector('a.md-search-result__link').href.split('?')[0],
        texto: li.textContent}))""")


def test_buscar_tumbes_en_espanol_encuentra_el_taller(navegador, servidor, sitio):
    contexto = navegador.new_context(viewport={"width": 1280, "height": 800})
    pagina = contexto.new_page()
    pagina.goto(servidor.base + "plan/")
    resultados = _buscar(pagina, "Tumbes")
    contexto.close()
    en_espanol = [r for r in resultados if r["url"].startswith(servidor.base)
                  and idioma_de(r["url"][len(servidor.base):]) == "es"]
    assert len(en_espanol) == len(resultados), resultados  # solo páginas en español
    # La ficha del taller si el sitio tiene fichas por registro; si no, la página de talleres.
    fichas = sorted(p.parent.name for p in (sitio / "talleres").glob("*tumbes*/index.html"))
    esperadas = [f"talleres/{f}/" for f in fichas] or ["talleres/"]
    aciertos = [r for r in en_espanol if "tumbes" in r["texto"].lower()
                and r["url"][len(servidor.base):].split("#")[0] in esperadas]
    assert aciertos, (esperadas, resultados)


def test_buscar_en_ingles_solo_da_paginas_en_ingles(navegador, servidor):
    contexto = navegador.new_context(viewport={"width": 1280, "height": 800})
    pagina = contexto.new_page()
    pagina.goto(servidor.base + "en/plan/")
    resultados = _buscar(pagina, "participants")
    contexto.close()
    assert resultados
    fuera = [r["url"] for r in resultados if not r["url"].startswith(servidor.base + "en/")]
    assert fuera == []


# Lo que mide la disposición en cada página: desborde horizontal del cuerpo y de cada tabla.
_MEDIR = """() => {
  const raiz = document.documentElement;
  const tablas = [...document.querySelectorAll('.md-typeset table')].map(t => {
    let caja = t.parentElement;  // la caja que se desplaza: el antepasado más cercano con overflow-x
    while (caja && caja !== document.body && !['auto', 'scroll'].includes(getComputedStyle(caja).overflowX))
      caja = caja.parentElement;
    const conCaja = caja && caja !== document.body;
    return {ancho: t.getBoundingClientRect().width,
            anchoDisponible: conCaja ? caja.clientWidth : raiz.clientWidth,
            caja: conCaja ? caja.className : null,
            derechaCaja: conCaja ? caja.getBoundingClientRect().right : null,
            desplazaCaja: conCaja ? caja.scrollWidth > caja.clientWidth : false};
  });
  return {scrollWidth: raiz.scrollWidth, clientWidth: raiz.clientWidth, tablas};
}"""


@pytest.fixture(scope="session")
def disposicion(visitas, paginas) -> dict[tuple[str, str], dict]:
    """(tamaño, página) → la disposición medida en ``visitas`` (360×640 y 1280×800)."""
    return {(nombre, ruta): visitas[ruta].medidas[nombre] for ruta in paginas for nombre in TAMANOS}


def test_el_cuerpo_nunca_se_desplaza_de_lado(disposicion):
    fallos = {f"{tam} /{ruta}": (m["scrollWidth"], m["clientWidth"]) for (tam, ruta), m in disposicion.items()
              if m["scrollWidth"] > m["clientWidth"]}
    assert fallos == {}


def test_las_tablas_anchas_se_desplazan_en_su_propia_caja(disposicion, paginas):
    anchas = 0
    fallos = []
    for (tam, ruta), m in disposicion.items():
        for tabla in m["tablas"]:
            if tabla["ancho"] <= tabla["anchoDisponible"]:
                continue
            anchas += 1
            if not tabla["caja"] or not tabla["desplazaCaja"] or tabla["derechaCaja"] > m["clientWidth"]:
                fallos.append(f"{tam} /{ruta}: {tabla}")
    assert fallos == []
    # En el teléfono la tabla de talleres no cabe: debe haberse comprobado al menos una caja.
    assert anchas > 0
    assert any(t["caja"] == "tabla-desplazable" and t["desplazaCaja"]
               for (tam, ruta), m in disposicion.items() if tam == "telefono" and ruta == "talleres/"
               for t in m["tablas"])


def test_capturas_de_las_paginas_principales(disposicion, paginas):
    principales = [r for r in paginas if es_principal(r)]
    capturas = sorted(CAPTURAS.glob("*.png"))
    assert len(capturas) == len(principales) * len(TAMANOS)
    assert all(c.stat().st_size > 5000 for c in capturas)
    assert {c.name[:3] for c in capturas} == {"es-", "en-"}
