"""Un tercer idioma es configuración, un archivo de textos y traducciones en ``datos/``.

La prueba copia el proyecto (los archivos que sigue git) a una carpeta temporal y le añade el
quechua (``qu``, uno de los idiomas oficiales del Perú) como lo haría quien mantiene el sitio
(``MANTENIMIENTO.md``, «Un idioma nuevo»), con textos de relleno que nunca se publican:

- ``mkdocs.yml``: el idioma en la lista de static-i18n (``i18n`` → ``languages``);
- ``plan_migracion/vistas/textos/qu.yml``: los textos de la interfaz (``[qu] `` delante del español);
- ``overrides/partials/languages/qu.html``: los textos propios de Material para ese idioma (la
  forma que documenta Material para un idioma que no trae);
- ``datos/``: ``qu:`` en los textos de todos los registros salvo uno, que queda sin traducir.

Ningún archivo de Python ni plantilla de las vistas cambia (se comprueba). Luego compila la copia
con ``mkdocs build`` (el paquete de la copia va primero en ``PYTHONPATH``) y mira las páginas
gemelas, el selector de idioma, el índice de búsqueda, el feed, el PDF, el aviso de la página
sin traducir y los avisos del validador.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import RAIZ, una_vez

pytestmark = pytest.mark.sitio

QU = "qu"
RELLENO = "[qu] "
SIN_TRADUCIR = "talleres/2011-03-11-callao.yml"  # el registro que queda sin traducir


def _relleno(valor):
    """El árbol de textos del español con ``[qu] `` delante de cada texto."""
    if isinstance(valor, dict):
        return {k: _relleno(v) for k, v in valor.items()}
    return RELLENO + valor if isinstance(valor, str) else valor


def _traducir(valor):
    """Cada texto de los datos (un bloque con ``es``) recibe su ``qu``."""
    if isinstance(valor, dict):
        nuevo = {k: _traducir(v) for k, v in valor.items()}
        if isinstance(valor.get("es"), str) and set(valor) <= {"es", "en"}:
            nuevo[QU] = RELLENO + valor["es"]
        return nuevo
    if isinstance(valor, list):
        return [_traducir(v) for v in valor]
    return valor


def _copiar_proyecto(destino: Path) -> None:
    archivos = subprocess.run(["git", "ls-files", "-z"], cwd=RAIZ, capture_output=True, check=True).stdout
    for nombre in filter(None, archivos.decode().split("\0")):
        origen = RAIZ / nombre
        if origen.is_file():
            (destino / nombre).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origen, destino / nombre)


def _anadir_quechua(proyecto: Path) -> None:
    # 1. La configuración: el idioma en la lista de static-i18n (y sin la copia ZIP, para ir rápido).
    config = (proyecto / "mkdocs.yml").read_text(encoding="utf-8")
    idioma = ("        - locale: qu\n          name: Runasimi\n          build: true\n"
              "          site_name: '[qu] Plan de Actuación'\n"
              "          nav_translations:\n            Inicio: '[qu] Inicio'\n")
    config = config.replace("  - macros:\n", idioma + "  - macros:\n", 1)
    config = config.replace("sin_conexion: true", "sin_conexion: false", 1)
    (proyecto / "mkdocs.yml").write_text(config, encoding="utf-8")
    # 2. Los textos de la interfaz.
    textos = proyecto / "plan_migracion" / "vistas" / "textos"
    qu = _relleno(yaml.safe_load((textos / "es.yml").read_text(encoding="utf-8")))
    qu["formato"] = yaml.safe_load((textos / "en.yml").read_text(encoding="utf-8"))["formato"]  # patrones de fecha
    (textos / "qu.yml").write_text(yaml.safe_dump(qu, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # 3. Los textos de Material (su manera documentada de añadir un idioma que no trae).
    import material

    en = (Path(material.__file__).parent / "templates" / "partials" / "languages" / "en.html").read_text(encoding="utf-8")
    parcial = proyecto / "overrides" / "partials" / "languages" / "qu.html"
    parcial.parent.mkdir(parents=True, exist_ok=True)
    parcial.write_text(en.replace('"language": "en"', '"language": "qu"'), encoding="utf-8")
    # 4. Las traducciones de los datos, salvo las de un taller.
    datos = proyecto / "datos"
    for ruta in sorted(datos.rglob("*.yml")):
        if ruta.relative_to(datos).as_posix() == SIN_TRADUCIR or ruta.parent.name == "esquemas":
            continue
        valor = yaml.safe_load(ruta.read_text(encoding="utf-8"))
        ruta.write_text(yaml.safe_dump(_traducir(valor), allow_unicode=True, sort_keys=False), encoding="utf-8")


def _entorno(proyecto: Path) -> dict:
    return {**os.environ, "PYTHONPATH": str(proyecto), "PLAN_DATOS": ""}


@pytest.fixture(scope="module")
def tercer_idioma(tmp_path_factory) -> tuple[Path, dict]:
    """La copia del proyecto con el quechua, y su ``mkdocs build`` (una vez por ejecución, también
    con pytest-xdist): (carpeta, resultado de la compilación)."""
    def hacer(carpeta: Path) -> dict:
        proyecto = carpeta / "proyecto"
        _copiar_proyecto(proyecto)
        _anadir_quechua(proyecto)
        resultado = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d",
                                    str(carpeta / "site")], cwd=proyecto, env=_entorno(proyecto),
                                   capture_output=True, text=True, timeout=600)
        return {"returncode": resultado.returncode, "salida": resultado.stdout + resultado.stderr}

    return una_vez(tmp_path_factory, "tercer-idioma", hacer)


@pytest.fixture(scope="module")
def proyecto(tercer_idioma) -> Path:
    return tercer_idioma[0] / "proyecto"


@pytest.fixture(scope="module")
def sitio(tercer_idioma) -> Path:
    carpeta, compilacion = tercer_idioma
    assert compilacion["returncode"] == 0, compilacion["salida"]
    return carpeta / "site"


def test_ni_python_ni_plantillas_cambian(proyecto):
    cambiados = []
    for ruta in sorted(proyecto.rglob("*")):
        relativa = ruta.relative_to(proyecto)
        if ruta.suffix in (".py", ".html") and ruta.is_file():
            original = RAIZ / relativa
            if relativa.as_posix() == "overrides/partials/languages/qu.html":
                continue  # los textos de Material para el idioma (un archivo de textos, no código)
            if not original.is_file() or original.read_bytes() != ruta.read_bytes():
                cambiados.append(relativa.as_posix())
    assert cambiados == []


def test_cada_pagina_tiene_su_gemela_en_quechua(sitio):
    paginas = [p.relative_to(sitio) for p in sitio.rglob("index.html")
               if p.relative_to(sitio).parts[0] not in ("en", QU, "assets", "search")]
    assert len(paginas) > 20
    faltan = [str(p) for p in paginas if not (sitio / QU / p).is_file() or not (sitio / "en" / p).is_file()]
    assert faltan == []
    portada = (sitio / QU / "index.html").read_text(encoding="utf-8")
    assert '<html lang="qu"' in portada
    assert "[qu] El plan en cifras" in portada


def test_el_selector_y_los_hreflang_llevan_los_tres_idiomas(sitio):
    for pagina in ("index.html", "plan/index.html", "talleres/2011-04-01-tumbes/index.html"):
        html = (sitio / QU / pagina).read_text(encoding="utf-8")
        hreflang = {lang: href for href, lang in re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', html)}
        assert set(hreflang) == {"es", "en", QU}, pagina
        assert "Runasimi" in html and "English" in html and "Español" in html
        # el selector de la página española también lleva al quechua
        es = (sitio / pagina).read_text(encoding="utf-8")
        assert 'hreflang="qu"' in es


def test_el_indice_de_busqueda_del_quechua(sitio):
    indice = json.loads((sitio / QU / "search" / "search_index.json").read_text(encoding="utf-8"))
    textos = " ".join(d["title"] + " " + d["text"] for d in indice["docs"])
    assert "[qu]" in textos
    assert not any(d["location"].startswith(("en/", "qu/")) for d in indice["docs"])
    # lunr no trae el quechua: el índice usa los idiomas de la configuración de la búsqueda
    assert indice["config"]["lang"] and QU not in indice["config"]["lang"]
    espanol = json.loads((sitio / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "[qu]" not in json.dumps(espanol, ensure_ascii=False)


def test_el_feed_del_quechua(sitio):
    feed = (sitio / QU / "descargas" / "actividades.xml").read_text(encoding="utf-8")
    assert "[qu] " in feed
    assert "talleres/2011-04-01-tumbes/" in feed


def test_el_pdf_del_quechua(sitio, tmp_path):
    pdf = sitio / QU / "descargas" / "plan.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    texto = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "[qu]" in texto
    # el PDF lleva un taller sin traducir: lo dice
    assert "[qu] Traducción pendiente" in texto


def test_un_registro_sin_traducir_lo_dice(sitio):
    sin = (sitio / QU / "talleres" / "2011-03-11-callao" / "index.html").read_text(encoding="utf-8")
    assert 'class="admonition note sin-traduccion"' in sin
    assert "[qu] Traducción pendiente" in sin
    # el texto original se muestra (no se inventa ni se deja vacío)
    assert "Callao" in sin
    traducido = (sitio / QU / "talleres" / "2011-04-01-tumbes" / "index.html").read_text(encoding="utf-8")
    assert "sin-traduccion" not in traducido
    for otro in ("talleres/2011-03-11-callao/index.html", "en/talleres/2011-03-11-callao/index.html"):
        assert "sin-traduccion" not in (sitio / otro).read_text(encoding="utf-8")


def test_la_pagina_de_markdown_sin_traducir_lo_dice(sitio):
    acerca = (sitio / QU / "acerca" / "index.html").read_text(encoding="utf-8")
    assert "sin-traduccion" in acerca and '<div lang="es">' in acerca
    assert "sin-traduccion" not in (sitio / "en" / "acerca" / "index.html").read_text(encoding="utf-8")


def test_el_validador_avisa_de_lo_que_falta_traducir(proyecto):
    programa = ("import sys\nfrom plan_migracion.datos import validar\n"
                "for p in validar(sys.argv[1]): print(p.texto())\n")
    resultado = subprocess.run([sys.executable, "-c", programa, str(proyecto / "datos")], cwd=proyecto,
                               env=_entorno(proyecto), capture_output=True, text=True, timeout=120)
    assert resultado.returncode == 0, resultado.stderr
    lineas = resultado.stdout.splitlines()
    avisos = [l for l in lineas if "falta la traducción al quechua (qu)" in l]
    assert avisos and all("talleres/2011-03-11-callao.yml:" in l and ": aviso: " in l for l in avisos)
    assert any(": nombre.qu: " in l for l in avisos) and any(": lugar.qu: " in l for l in avisos)
    assert not any("error" in l for l in lineas)


def test_un_idioma_sin_su_archivo_de_textos_se_dice(tmp_path):
    """Configurar un idioma sin su archivo de textos detiene la compilación con una frase que nombra
    el archivo que falta (no una traza)."""
    proyecto = tmp_path / "proyecto"
    _copiar_proyecto(proyecto)
    config = (proyecto / "mkdocs.yml").read_text(encoding="utf-8")
    (proyecto / "mkdocs.yml").write_text(config.replace(
        "  - macros:\n", "        - locale: qu\n          name: Runasimi\n  - macros:\n", 1), encoding="utf-8")
    resultado = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")],
                               cwd=proyecto, env=_entorno(proyecto), capture_output=True, text=True, timeout=600)
    assert resultado.returncode != 0
    assert "falta su archivo de textos de la interfaz" in resultado.stderr
    assert "plan_migracion/vistas/textos/qu.yml" in resultado.stderr and "Traceback" not in resultado.stderr
