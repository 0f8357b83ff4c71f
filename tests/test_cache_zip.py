"""La caché del ZIP sin conexión (``.cache/zip/``): el mismo sitio da el mismo ZIP sin volver a
comprimirlo; un sitio distinto, un ZIP nuevo. Sobre un sitio pequeño escrito a mano (sin MkDocs)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from plan_migracion.datos.idiomas import del_proyecto
from plan_migracion.salidas import descargas, sin_conexion


def _sitio(carpeta: Path, texto: str) -> Path:
    paginas = {
        "index.html": '<html><head></head><body><a href="plan/">plan</a></body></html>',
        "plan/index.html": f"<html><head></head><body><p>{texto}</p></body></html>",
        "search/search_index.json": '{"config": {"lang": ["es"]}, "docs": []}',
    }
    for ruta, contenido in paginas.items():
        (carpeta / ruta).parent.mkdir(parents=True, exist_ok=True)
        (carpeta / ruta).write_text(contenido, encoding="utf-8")
    return carpeta


def _zip(sitio: Path) -> Path:
    idiomas = del_proyecto()
    return descargas.carpeta_idioma(sitio, idiomas.original, idiomas.original) / descargas.ZIP


def test_el_mismo_sitio_reutiliza_el_zip_y_otro_lo_rehace(tmp_path, monkeypatch):
    idiomas, cache = del_proyecto(), tmp_path / "cache"
    sin_cache = _sitio(tmp_path / "a", "uno")
    sin_conexion.copia_sin_conexion(sin_cache, idiomas)
    original = _zip(sin_cache).read_bytes()

    primero = _sitio(tmp_path / "b", "uno")
    sin_conexion.copia_sin_conexion(primero, idiomas, cache)
    assert _zip(primero).read_bytes() == original  # con o sin caché, el mismo ZIP
    assert len(list(cache.glob("*.zip"))) == 1

    # Un sitio idéntico (otra carpeta, otra compilación): el ZIP sale de la caché, sin comprimir nada.
    def no_comprimir(*_args):
        raise AssertionError("se volvió a comprimir un sitio idéntico")

    segundo = _sitio(tmp_path / "c", "uno")
    with monkeypatch.context() as m:
        m.setattr(sin_conexion, "empaquetar_en_paralelo", no_comprimir)
        sin_conexion.copia_sin_conexion(segundo, idiomas, cache)
    assert _zip(segundo).read_bytes() == original

    # Un texto distinto: otro ZIP, con el texto nuevo, y la caché guarda solo el último.
    tercero = _sitio(tmp_path / "d", "dos")
    sin_conexion.copia_sin_conexion(tercero, idiomas, cache)
    with zipfile.ZipFile(_zip(tercero)) as zf:
        pagina = zf.read(f"{sin_conexion.CARPETA_ZIP}/plan/index.html").decode("utf-8")
    assert "dos" in pagina and _zip(tercero).read_bytes() != original
    assert len(list(cache.glob("*.zip"))) == 1


@pytest.mark.parametrize("cambio", ["contenido", "nombre"])
def test_la_huella_cambia_con_cada_archivo(tmp_path, cambio):
    idiomas = del_proyecto()
    sitio = _sitio(tmp_path / "s", "uno")
    antes = sin_conexion.huella(sitio, idiomas)
    assert sin_conexion.huella(sitio, idiomas) == antes
    if cambio == "contenido":
        (sitio / "plan" / "index.html").write_text("<p>uno.</p>", encoding="utf-8")
    else:
        (sitio / "plan" / "index.html").rename(sitio / "plan" / "otra.html")
    assert sin_conexion.huella(sitio, idiomas) != antes
