"""Lo que el complemento del sitio (``plan_migracion/sitio_mkdocs/plugin.py``) saca de la
configuración de static-i18n y de la dirección de cada página, sin compilar nada (nivel rápido).

La compilación entera lo comprueba además en el sitio: el selector de idioma y los ``hreflang``
de cada página (test_sitio.py, test_publicacion.py) y el sitemap (test_construccion.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from plan_migracion.sitio_mkdocs.plugin import gemelas, orden_de_los_idiomas


@pytest.mark.parametrize("url, idioma, esperado", [
    ("./", "es", {"es": "./", "en": "en/"}),
    ("en/", "en", {"en": "en/", "es": "./"}),
    ("plan/", "es", {"es": "plan/", "en": "en/plan/"}),
    ("en/talleres/2011-03-11-callao/", "en", {"en": "en/talleres/2011-03-11-callao/",
                                              "es": "talleres/2011-03-11-callao/"}),
    # sin direcciones de carpeta (use_directory_urls: false), como la copia sin conexión
    ("index.html", "es", {"es": "index.html", "en": "en/index.html"}),
    ("en/plan.html", "en", {"en": "en/plan.html", "es": "plan.html"}),
])
def test_gemelas_de_una_pagina(url, idioma, esperado):
    resultado = gemelas(url, idioma, ["es", "en"])
    assert resultado == esperado
    assert list(resultado) == [idioma, *(i for i in ["es", "en"] if i != idioma)]  # la propia, primero


def test_gemelas_con_un_tercer_idioma():
    """Cualquier número de idiomas: cada uno en su carpeta, el principal en la raíz."""
    assert gemelas("qu/regiones/", "qu", ["es", "en", "qu"]) == {
        "qu": "qu/regiones/", "es": "regiones/", "en": "en/regiones/"}
    assert gemelas("en/", "en", ["es", "en", "qu"]) == {"en": "en/", "es": "./", "qu": "qu/"}


def test_gemelas_de_una_pagina_fuera_de_la_carpeta_de_su_idioma():
    with pytest.raises(PluginError, match="en/"):
        gemelas("plan/", "en", ["es", "en"])


def _config(tmp_path: Path, idiomas: str):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: prueba\ntheme:\n  name: material\n  language: es\n"
        "plugins:\n  - i18n:\n      languages:\n" + idiomas, encoding="utf-8")
    return load_config(str(tmp_path / "mkdocs.yml"))


def test_orden_de_los_idiomas_de_la_configuracion_de_i18n(tmp_path):
    """El principal (default: true) primero, aunque no vaya primero en la lista; después los demás
    con build: true, en el orden de la lista; los de build: false, no."""
    config = _config(tmp_path, "        - locale: en\n          name: English\n"
                               "        - locale: qu\n          name: Runasimi\n          build: false\n"
                               "        - locale: es\n          name: Español\n          default: true\n"
                               "        - locale: fr\n          name: Français\n")
    assert list(orden_de_los_idiomas(config)) == ["es", "en", "fr"]

