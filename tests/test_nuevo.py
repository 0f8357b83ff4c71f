"""scripts/nuevo.py: una plantilla sin datos inventados, que no se publica hasta llenarla."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
import yaml

from plan_migracion.datos import validar

from conftest import DATOS, RAIZ

# Lo que escribiría quien llena la plantilla (valores sintéticos de prueba, solo en tmp).
RELLENO = {
    "taller": {
        "fuente": "oim", "componente": "induccion-sensibilizacion", "participantes": "null",
        "regiones[1]": '"20"',
    },
    "convenio": {
        "nivel": "regional", "region": '"20"', "vigencia_hasta": "null", "estado": "vigente", "documento": "null",
    },
}


def nuevo(*argumentos) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(RAIZ / "scripts" / "nuevo.py"), *argumentos],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def datos(tmp_path):
    destino = tmp_path / "datos"
    shutil.copytree(DATOS, destino)
    return destino


def llenar(ruta, tipo):
    """Cambia cada «POR LLENAR» por un valor de prueba, línea a línea."""
    lineas = ruta.read_text(encoding="utf-8").split("\n")
    for i, linea in enumerate(lineas):
        if "POR LLENAR" not in linea or linea.startswith("#"):
            continue
        clave = linea.split(":", 1)[0].strip()
        if clave in ("es", "en"):
            lineas[i] = f"{linea.split(':', 1)[0]}: Texto de prueba ({clave})"
        elif clave.startswith("- "):
            lineas[i] = f"  - {RELLENO[tipo]['regiones[1]']}"
        else:
            lineas[i] = f"{clave}: {RELLENO[tipo][clave]}"
    ruta.write_text("\n".join(lineas), encoding="utf-8")


@pytest.mark.parametrize("tipo, carpeta", [("taller", "talleres"), ("convenio", "convenios")])
def test_plantilla_rechazada_hasta_llenarla(datos, tipo, carpeta):
    resultado = nuevo(tipo, "--fecha", "2012-05-10", "--lugar", "San Martín de Porres", "--datos", str(datos))
    assert resultado.returncode == 0, resultado.stderr
    ruta = datos / carpeta / "2012-05-10-san-martin-de-porres.yml"
    assert resultado.stdout.startswith(f"Creado {ruta}\nCambie cada «POR LLENAR» por el dato de la fuente")
    assert "nunca lo invente" in resultado.stdout
    texto = ruta.read_text(encoding="utf-8")
    assert texto.startswith(f"# yaml-language-server: $schema=../esquemas/{tipo}.schema.json\n")

    # Ningún dato inventado: fuera de los huecos, solo el id, la fecha y nulos.
    valor = yaml.safe_load(texto)
    hojas = []

    def recorrer(v):
        if isinstance(v, dict):
            for h in v.values():
                recorrer(h)
        elif isinstance(v, list):
            for h in v:
                recorrer(h)
        else:
            hojas.append(v)
    recorrer(valor)
    inventados = [h for h in hojas if not (isinstance(h, str) and h.startswith("POR LLENAR"))
                  and h not in ("2012-05-10-san-martin-de-porres", None) and str(h) != "2012-05-10"]
    assert inventados == []

    # Mientras quede un hueco, el validador lo rechaza, y solo por los huecos.
    propios = [p for p in validar(datos) if p.ruta.endswith(ruta.name)]
    assert propios and all(p.es_error and p.codigo == "marcador-sin-llenar" for p in propios)
    huecos = re.findall(r"^\s+línea (\d+): (\S+)$", resultado.stdout, re.M)
    assert [(str(p.linea), p.campo) for p in propios] == huecos

    llenar(ruta, tipo)
    assert [p.texto() for p in validar(datos) if p.ruta.endswith(ruta.name)] == []


def test_no_sobrescribe(datos):
    assert nuevo("taller", "--fecha", "2012-07-01", "--lugar", "Ica", "--datos", str(datos)).returncode == 0
    ruta = datos / "talleres" / "2012-07-01-ica.yml"
    ruta.write_text(ruta.read_text(encoding="utf-8") + "# editado\n", encoding="utf-8")
    antes = ruta.read_bytes()
    resultado = nuevo("taller", "--fecha", "2012-07-01", "--lugar", "ICA", "--datos", str(datos))
    assert resultado.returncode == 1 and ruta.read_bytes() == antes
    assert "no se sobrescribe" in resultado.stderr


def test_el_registro_real_no_se_toca(datos):
    ruta = datos / "talleres" / "2011-04-01-tumbes.yml"
    antes = ruta.read_bytes()
    resultado = nuevo("taller", "--fecha", "2011-04-01", "--lugar", "Tumbes", "--datos", str(datos))
    assert resultado.returncode == 1 and ruta.read_bytes() == antes


@pytest.mark.parametrize("fecha, lugar, mensaje", [
    ("2012-02-30", "Piura", "La fecha «2012-02-30» no es válida"),
    ("10/05/2012", "Piura", "La fecha «10/05/2012» no es válida"),
    ("2012-05-10", "¿?", "no tiene letras ni cifras"),
])
def test_argumentos_no_validos(datos, fecha, lugar, mensaje):
    resultado = nuevo("taller", "--fecha", fecha, "--lugar", lugar, "--datos", str(datos))
    assert resultado.returncode == 1 and mensaje in resultado.stderr
    assert sorted(p.name for p in (datos / "talleres").iterdir()) == sorted(p.name for p in (DATOS / "talleres").iterdir())
