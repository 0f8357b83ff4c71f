"""El flujo de contribución: integración continua, pre-commit, plantillas y guía."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import DATOS, RAIZ

FLUJO = RAIZ / ".github" / "workflows" / "ci.yml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def _actionlint(*rutas) -> subprocess.CompletedProcess:
    assert ACTIONLINT.is_file(), "falta actionlint (requirements-dev.txt)"
    return subprocess.run([str(ACTIONLINT), "-no-color", *map(str, rutas)], capture_output=True, text=True,
                          timeout=120, cwd=RAIZ)


def test_actionlint_acepta_los_flujos():
    flujos = sorted((RAIZ / ".github" / "workflows").glob("*.yml"))
    assert FLUJO in flujos
    resultado = _actionlint(*flujos)
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr


def test_actionlint_detecta_un_flujo_roto(tmp_path):
    """Control: actionlint de verdad revisa (una expresión mal escrita y un trabajo inexistente)."""
    roto = tmp_path / "roto.yml"
    roto.write_text(FLUJO.read_text(encoding="utf-8").replace("needs: comprobar", "needs: compilar")
                    .replace("${{ github.repository }}", "${{ github.repositorio }}"), encoding="utf-8")
    resultado = _actionlint(roto)
    assert resultado.returncode == 1
    assert "compilar" in resultado.stdout and "repositorio" in resultado.stdout


@pytest.fixture(scope="module")
def flujo() -> dict:
    return yaml.safe_load(FLUJO.read_text(encoding="utf-8"))


def test_cada_pull_request_se_valida_prueba_y_compila(flujo):
    eventos = flujo[True]  # «on» es True en YAML 1.1
    assert "pull_request" in eventos and eventos["push"]["branches"] == ["main"]
    pasos = [p.get("run", "") for p in flujo["jobs"]["comprobar"]["steps"]]
    assert ".venv/bin/python scripts/validar.py datos --github" in pasos
    assert ".venv/bin/python scripts/esquemas.py --comprobar" in pasos
    assert "make test" in pasos
    assert "make build" in pasos  # scripts/construir.py
    assert flujo["permissions"] == {"contents": "read"}
    compilar = next(p for p in flujo["jobs"]["comprobar"]["steps"] if p.get("run") == "make build")
    assert compilar["env"]["PLAN_REPOSITORIO"] == "${{ github.server_url }}/${{ github.repository }}"
    assert "PLAN_REPOSITORIO" not in flujo["jobs"]["comprobar"].get("env", {})  # make test lo prueba sin él


def test_main_se_publica_en_github_pages(flujo):
    publicar = flujo["jobs"]["publicar"]
    assert publicar["needs"] == "comprobar"
    assert "refs/heads/main" in publicar["if"] and "push" in publicar["if"]
    assert publicar["permissions"] == {"pages": "write", "id-token": "write"}
    usos = [p.get("uses", "").split("@")[0] for p in publicar["steps"]]
    assert "actions/deploy-pages" in usos
    subida = [p for p in flujo["jobs"]["comprobar"]["steps"] if p.get("uses", "").startswith("actions/upload-pages-artifact")]
    assert len(subida) == 1 and subida[0]["with"]["path"] == "site" and "refs/heads/main" in subida[0]["if"]


def test_anotaciones_de_github(tmp_path):
    copia = tmp_path / "datos"
    shutil.copytree(DATOS, copia)
    ruta = copia / "talleres" / "2011-04-01-tumbes.yml"
    ruta.write_text(ruta.read_text(encoding="utf-8").replace("participantes: 45", "participantes: -45"), encoding="utf-8")
    resultado = subprocess.run([sys.executable, str(RAIZ / "scripts" / "validar.py"), str(copia), "--github"],
                               capture_output=True, text=True, timeout=120)
    assert resultado.returncode == 1
    assert resultado.stdout.splitlines() == [
        "::error file=datos/talleres/2011-04-01-tumbes.yml,line=13,col=1,title=participantes::"
        "datos/talleres/2011-04-01-tumbes.yml:13:1: participantes: no puede ser negativo (se encontró -45)"]


def test_pre_commit_solo_local_y_ejecuta_el_validador():
    config = yaml.safe_load((RAIZ / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [r["repo"] for r in config["repos"]] == ["local"]  # ningún gancho que se descargue
    ganchos = {g["id"]: g for g in config["repos"][0]["hooks"]}
    assert ganchos["validar-datos"]["entry"] == "make --no-print-directory validar"
    assert all(g["language"] == "system" and g["pass_filenames"] is False for g in ganchos.values())
    makefile = (RAIZ / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^validar:.*\n\t.*scripts/validar.py datos", makefile, re.M)
    for gancho in ganchos.values():
        assert re.match(gancho["files"], "datos/talleres/2011-03-11-callao.yml")
    esquemas = ganchos["esquemas-al-dia"]["entry"].split()
    resultado = subprocess.run([sys.executable, *esquemas[1:]], cwd=RAIZ, capture_output=True, text=True, timeout=120)
    assert resultado.returncode == 0, resultado.stdout


def test_plantilla_de_pull_request_bilingue():
    texto = (RAIZ / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    casillas = re.findall(r"^- \[ \] (.+?)(?=^- \[ \]|\Z)", texto, re.M | re.S)
    assert len(casillas) >= 6
    for casilla in casillas:
        espanol, ingles = re.split(r" /\s+", casilla, maxsplit=1)
        assert espanol.strip() and ingles.strip()
    for palabra in ("fuente", "null", "POR LLENAR", "validar.py", "2011-2014"):
        assert palabra in texto


def _bloques_yaml(texto: str) -> list[str]:
    return re.findall(r"^```yaml\n(.*?)^```", texto, re.M | re.S)


@pytest.mark.parametrize("tipo", ["taller", "convenio"])
def test_la_guia_muestra_la_plantilla_de_nuevo_py(tmp_path, tipo):
    """Las plantillas de CONTRIBUTING.md son las que escribe scripts/nuevo.py (salvo las listas de ids)."""
    copia = tmp_path / "datos"
    shutil.copytree(DATOS, copia)
    subprocess.run([sys.executable, str(RAIZ / "scripts" / "nuevo.py"), tipo, "--fecha", "2012-05-10",
                    "--lugar", "Piura", "--datos", str(copia)], check=True, capture_output=True, timeout=120)
    carpeta = "talleres" if tipo == "taller" else "convenios"
    generada = (copia / carpeta / "2012-05-10-piura.yml").read_text(encoding="utf-8")
    guia = (RAIZ / "CONTRIBUTING.md").read_text(encoding="utf-8")
    bloque = next(b for b in _bloques_yaml(guia) if f"$schema=../esquemas/{tipo}.schema.json" in b)

    def sin_listas(texto):
        return [l for l in texto.splitlines() if not l.startswith(("fuente:", "componente:", "#"))]
    assert sin_listas(bloque) == sin_listas(generada)


def test_guia_en_espanol_y_en_ingles():
    guia = (RAIZ / "CONTRIBUTING.md").read_text(encoding="utf-8")
    espanol, ingles = guia.split("\n## English\n")
    for texto in ("Create new file", "Propose changes", "datos/talleres/", "datos/convenios/", "scripts/nuevo.py",
                  "validar.py", "datos/README.md"):
        assert texto in espanol and texto in ingles, texto
    assert "Añadir un taller desde el navegador" in espanol and "Añadir un convenio" in espanol
    assert "Add a workshop from the browser" in ingles and "An agreement" in ingles
