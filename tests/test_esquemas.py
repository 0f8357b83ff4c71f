"""Esquemas JSON para los editores: generados de los modelos, al día y citados por cada archivo."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys

import jsonschema
import pytest
import yaml

from plan_migracion.salidas.esquemas import PREFIJO, archivos_yaml, esquema_de, esquemas

from conftest import DATOS, RAIZ

SCRIPT = RAIZ / "scripts" / "esquemas.py"


def _comprobar(carpeta) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), str(carpeta), "--comprobar"],
                          capture_output=True, text=True, timeout=120)


def test_los_esquemas_guardados_estan_al_dia():
    resultado = _comprobar(DATOS)
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    guardados = sorted(p.name for p in (DATOS / "esquemas").glob("*.schema.json"))
    assert guardados == sorted(esquemas())


def test_un_esquema_desactualizado_se_detecta_y_se_regenera(tmp_path):
    copia = tmp_path / "datos"
    shutil.copytree(DATOS, copia)
    taller = copia / "esquemas" / "taller.schema.json"
    taller.write_text(taller.read_text(encoding="utf-8").replace("Participantes", "Asistentes"), encoding="utf-8")
    registro = copia / "talleres" / "2011-03-11-callao.yml"
    registro.write_text(registro.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    resultado = _comprobar(copia)
    assert resultado.returncode == 1
    # la línea del editor que falta no cuenta para --comprobar (el validador la avisa); la escribe la regeneración
    assert resultado.stdout.splitlines() == [f"desactualizado: {taller}"]
    subprocess.run([sys.executable, str(SCRIPT), str(copia)], check=True, capture_output=True, timeout=120)
    assert _comprobar(copia).returncode == 0
    assert registro.read_text(encoding="utf-8").startswith(PREFIJO + "../esquemas/taller.schema.json\n")


def test_cada_linea_del_editor_cita_su_esquema():
    """La línea del editor es una ayuda (sin ella, el validador avisa): la que hay, cita el esquema que es."""
    archivos = [r for r in archivos_yaml(DATOS) if r.read_text(encoding="utf-8").startswith(PREFIJO)]
    assert archivos
    for ruta in archivos:
        primera = ruta.read_text(encoding="utf-8").split("\n", 1)[0]
        citado = (ruta.parent / primera[len(PREFIJO):]).resolve()
        assert citado == (DATOS / "esquemas" / esquema_de(DATOS, ruta)).resolve(), ruta
        assert citado.is_file()


def _como_json(valor):
    """Lo que ve un editor: las fechas YAML son textos AAAA-MM-DD."""
    if isinstance(valor, dict):
        return {k: _como_json(v) for k, v in valor.items()}
    if isinstance(valor, list):
        return [_como_json(v) for v in valor]
    if isinstance(valor, dt.date):
        return valor.isoformat()
    return valor


def _validador(ruta):
    esquema = json.loads((DATOS / "esquemas" / esquema_de(DATOS, ruta)).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(esquema, format_checker=jsonschema.FormatChecker())


def test_los_esquemas_aceptan_los_datos_reales():
    for ruta in archivos_yaml(DATOS):
        errores = list(_validador(ruta).iter_errors(_como_json(yaml.safe_load(ruta.read_text(encoding="utf-8")))))
        assert errores == [], f"{ruta}: {errores[0].message}"


@pytest.mark.parametrize("cambio, palabra", [
    (lambda t: t | {"fehca": "2011-03-11"}, "fehca"),
    (lambda t: t | {"participantes": -1}, "-1"),
    (lambda t: t | {"participantes": "32"}, "'32'"),
    (lambda t: t | {"regiones": [7]}, "7"),
    (lambda t: t | {"lugar": {"en": "Callao"}}, "'es'"),  # sin el original (la traducción puede faltar)
    (lambda t: t | {"lugar": {"es": "Callao", "fr": "Callao"}}, "'fr'"),  # un idioma no configurado
    (lambda t: {k: v for k, v in t.items() if k != "fecha"}, "'fecha'"),
])
def test_los_esquemas_rechazan_lo_que_rechaza_el_validador(cambio, palabra):
    ruta = DATOS / "talleres" / "2011-03-11-callao.yml"
    taller = _como_json(yaml.safe_load(ruta.read_text(encoding="utf-8")))
    errores = list(_validador(ruta).iter_errors(cambio(taller)))
    assert errores and palabra in errores[0].message


def test_los_esquemas_hablan_espanol():
    taller = json.loads(esquemas()["taller.schema.json"])
    assert taller["title"] == "Taller (datos/talleres/<fecha>-<lugar>.yml)"
    assert taller["properties"]["participantes"]["title"] == "Participantes"
    assert "nunca 0" in taller["properties"]["participantes"]["description"]
    for nombre, texto in esquemas().items():
        for propiedad in json.loads(texto)["properties"].values():
            assert propiedad.get("description"), nombre


def test_el_diccionario_de_datos_describe_cada_campo():
    """datos/README.md: cada campo de cada tipo de archivo, con significado, obligatorio, tipo y ejemplo."""
    readme = (DATOS / "README.md").read_text(encoding="utf-8")
    for texto in esquemas().values():
        esquema = json.loads(texto)
        for bloque in [esquema, *esquema.get("$defs", {}).values()]:
            if bloque["title"] == "Texto en cada idioma":  # se explica con un ejemplo en el README
                continue
            for campo, propiedad in bloque.get("properties", {}).items():
                fila = next((l for l in readme.splitlines() if l.startswith(f"| `{campo}` | **")
                             and propiedad["description"] in l), None)
                assert fila, f"{bloque['title']}.{campo} no está en datos/README.md"
                celdas = [c.strip() for c in fila.strip("|").split(" | ")]
                assert len(celdas) == 5 and celdas[2].startswith(("sí", "no")) and celdas[3]
    assert "| `participantes` | **Participantes.** " in readme
    assert "uno de: `vigente`, `vencido`, `resuelto`" in readme
