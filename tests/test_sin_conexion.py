"""La copia sin conexión (ZIP), descomprimida y abierta desde file:// en Chromium (de Debian).

Si Chromium no está en /usr/bin/chromium, la prueba falla (no se salta): lo instala
``make test`` (paquetes-debian.txt). Nunca ``playwright install``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from plan_migracion.salidas import descargas



@pytest.fixture(scope="module")
def copia(sitio, tmp_path_factory) -> Path:
    destino = tmp_path_factory.mktemp("sin-conexion")
    with zipfile.ZipFile(sitio / "descargas" / descargas.ZIP) as zf:
        zf.extractall(destino)
    return destino / "plan-migracion-sin-conexion"


@pytest.fixture(scope="module")
def contexto(navegador):
    """Un contexto nuevo del Chromium de la sesión (conftest.navegador)."""
    ctx = navegador.new_context()
    yield ctx
    ctx.close()


def _buscar(pagina, texto: str) -> list[str]:
    pagina.keyboard.press("/")
    campo = pagina.locator("input.md-search__input")
    campo.wait_for(state="visible")
    campo.press_sequentially(texto, delay=20)
    pagina.locator(".md-search-result__item").first.wait_for(timeout=15000)
    return pagina.locator(".md-search-result__link").evaluate_all("ls => ls.map(l => l.href)")


def test_copia_sin_conexion_navega_cambia_de_idioma_y_busca(copia, contexto):
    peticiones: list[str] = []
    contexto.on("request", lambda r: peticiones.append(r.url))
    errores: list[str] = []
    pagina = contexto.new_page()
    pagina.on("pageerror", lambda e: errores.append(str(e)))

    pagina.goto((copia / "index.html").as_uri())
    assert pagina.locator("html").get_attribute("lang") == "es"
    # navegación: del inicio a Talleres por el menú
    pagina.locator(".md-nav--primary a.md-nav__link", has_text="Talleres").first.click()
    pagina.wait_for_load_state()
    assert pagina.url == (copia / "talleres" / "index.html").as_uri()
    # la fila del taller enlaza a su página propia
    assert pagina.locator("a[href*='2011-04-01-tumbes']").count() >= 1
    # búsqueda en español: resultados españoles
    enlaces = _buscar(pagina, "Tumbes")
    assert enlaces and all(e.startswith(copia.as_uri()) and "/en/" not in e for e in enlaces)
    assert any("/talleres/index.html" in e for e in enlaces)
    pagina.goto((copia / "talleres" / "index.html").as_uri())
    # cambio de idioma: la misma página en inglés
    pagina.locator(".md-select__link[hreflang='en']").first.dispatch_event("click")
    pagina.wait_for_url((copia / "en" / "talleres" / "index.html").as_uri())
    assert pagina.locator("html").get_attribute("lang") == "en"
    assert pagina.locator("h1").inner_text() == "Workshops"
    # búsqueda en inglés: solo páginas inglesas
    enlaces = _buscar(pagina, "Tumbes")
    assert enlaces and all(e.startswith((copia / "en").as_uri() + "/") for e in enlaces)
    # y de vuelta al español desde otra página
    pagina.goto((copia / "en" / "descargas" / "index.html").as_uri())
    assert "offline copy" in pagina.locator(".descarga-zip").inner_text()
    pagina.locator(".md-select__link[hreflang='es']").first.dispatch_event("click")
    pagina.wait_for_url((copia / "descargas" / "index.html").as_uri())
    # un enlace de una tabla a un archivo de la copia
    pagina.goto((copia / "talleres" / "index.html").as_uri())
    href = pagina.locator(".enlaces-descarga a[type='text/csv']").get_attribute("href")
    assert (copia / "talleres" / href).resolve() == (copia / "descargas" / "talleres.csv").resolve()
    assert (copia / "descargas" / "talleres.csv").is_file()

    # imprimir: sin cabecera, menús ni pie; la dirección de los enlaces externos a la vista
    pagina.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
        assert not pagina.locator(selector).first.is_visible(), selector
    assert pagina.locator("h1").is_visible() and pagina.locator(".tabla-desplazable table").is_visible()
    despues = pagina.evaluate("""() => {
        const a = document.createElement("a"); a.href = "https://www.gob.pe/mtpe"; a.textContent = "MTPE";
        document.querySelector(".md-content .md-typeset").append(a);
        return getComputedStyle(a, "::after").content; }""")
    assert "https://www.gob.pe/mtpe" in despues
    pagina.emulate_media(media="screen")
    assert pagina.locator(".md-header").is_visible()

    assert errores == []
    otras = [u for u in peticiones if not u.startswith("file://")]
    assert peticiones and otras == [], otras


def test_copia_sin_conexion_cambia_de_idioma_desde_las_portadas(copia, contexto):
    """Las portadas también: su selector lleva a ``en/index.html`` y a ``index.html`` (nunca a
    ``/`` ni a ``/en/``, que desde el disco no abren)."""
    pagina = contexto.new_page()
    pagina.goto((copia / "index.html").as_uri())
    pagina.locator(".md-select__link[hreflang='en']").first.dispatch_event("click")
    pagina.wait_for_url((copia / "en" / "index.html").as_uri())
    assert pagina.locator("html").get_attribute("lang") == "en"
    pagina.locator(".md-select__link[hreflang='es']").first.dispatch_event("click")
    pagina.wait_for_url((copia / "index.html").as_uri())
    assert pagina.locator("html").get_attribute("lang") == "es"
