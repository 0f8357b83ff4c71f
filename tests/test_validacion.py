"""Datos rotos: el validador y la compilación los rechazan con archivo, línea y campo."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import RAIZ, compilar, sin_avisos_de_linea_del_editor


def validar_cli(carpeta, *extra) -> subprocess.CompletedProcess:
    return sin_avisos_de_linea_del_editor(subprocess.run(
        [sys.executable, str(RAIZ / "scripts" / "validar.py"), str(carpeta), *extra],
        capture_output=True, text=True, timeout=120))


def romper_taller(copia, texto_viejo: str, texto_nuevo: str, archivo="2011-04-01-tumbes.yml"):
    ruta = copia / "talleres" / archivo
    contenido = ruta.read_text(encoding="utf-8")
    assert texto_viejo in contenido
    ruta.write_text(contenido.replace(texto_viejo, texto_nuevo), encoding="utf-8")
    return ruta


def numero_de_linea(ruta, comienzo: str) -> int:
    return next(i for i, l in enumerate(ruta.read_text(encoding="utf-8").splitlines(), 1) if l.startswith(comienzo))


def test_datos_reales_validos():
    resultado = validar_cli(RAIZ / "datos")
    assert resultado.returncode == 0, resultado.stdout
    assert resultado.stdout == ""


def test_fecha_imposible_nombra_archivo_linea_y_campo(copia_datos):
    ruta = romper_taller(copia_datos, "fecha: 2011-04-01", "fecha: 2011-02-30")
    resultado = validar_cli(copia_datos)
    assert resultado.returncode == 1
    linea = numero_de_linea(ruta, "fecha:")
    assert f"datos/talleres/2011-04-01-tumbes.yml:{linea}:" in resultado.stdout
    assert ": fecha: fecha imposible «2011-02-30»" in resultado.stdout


def test_todos_los_errores_a_la_vez(copia_datos):
    romper_taller(copia_datos, "fuente: oim", "fuente: oimm")
    romper_taller(copia_datos, "participantes: 32", "participantes: -1", "2011-05-13-chiclayo.yml")
    resultado = validar_cli(copia_datos)
    assert resultado.returncode == 1
    lineas = resultado.stdout.strip().splitlines()
    assert len(lineas) == 2
    assert "2011-04-01-tumbes.yml:4:1: fuente: «oimm» no existe" in lineas[1 if "chiclayo" in lineas[0] else 0]
    assert any("2011-05-13-chiclayo.yml" in l and ": participantes: no puede ser negativo" in l for l in lineas)


def test_campo_desconocido_sugiere_el_correcto(copia_datos):
    romper_taller(copia_datos, "lugar:", "lugra:")
    resultado = validar_cli(copia_datos)
    assert "lugra: campo desconocido; ¿quiso decir «lugar»?" in resultado.stdout
    assert ": lugar: falta este campo obligatorio" in resultado.stdout


@pytest.mark.parametrize("antes, despues, linea_de, estado, esperado", [
    # un idioma que no está en mkdocs.yml: error en su línea
    ('  en: "45 participants', '  fr: "45 participants', '  fr: "45 participants', 1,
     ":3: representacion.fr: campo desconocido; los campos válidos aquí son: es, en"),
    # falta la traducción: un aviso (la compilación sigue)
    ('  en: "45 participants', '  # sin traducción: "45 participants', "representacion:", 0,
     ":1: representacion.en: aviso: falta la traducción al inglés (en): la página en ese idioma muestra el "
     "texto original y lo dice"),
    # falta el original: error
    ('  es: "45 participantes', '  # sin original: "45 participantes', "representacion:", 1,
     ":1: representacion.es: falta el texto en español (es)"),
])
def test_los_idiomas_de_un_texto(copia_datos, antes, despues, linea_de, estado, esperado):
    ruta = romper_taller(copia_datos, antes, despues)
    resultado = validar_cli(copia_datos)
    assert resultado.returncode == estado, resultado.stdout
    assert f"2011-04-01-tumbes.yml:{numero_de_linea(ruta, linea_de)}{esperado}" in resultado.stdout


def test_mensajes_en_ingles(copia_datos):
    romper_taller(copia_datos, "fuente: oim", "fuente: oimm")
    resultado = validar_cli(copia_datos, "--lang", "en")
    assert "fuente: “oimm” does not exist in the cooperating sources" in resultado.stdout


@pytest.mark.sitio
def test_la_compilacion_rechaza_datos_invalidos(copia_datos, tmp_path):
    romper_taller(copia_datos, "participantes: 45", "participantes: cuarenta")
    resultado = compilar(tmp_path / "site", copia_datos)
    assert resultado.returncode != 0
    salida = resultado.stdout + resultado.stderr
    assert "datos/talleres/2011-04-01-tumbes.yml:" in salida
    assert "participantes: debe ser un número entero" in salida
    assert not (tmp_path / "site" / "talleres" / "index.html").exists()


def test_fecha_imposible_no_oculta_los_otros_errores_del_archivo(copia_datos):
    ruta = romper_taller(copia_datos, "fecha: 2011-04-01", "fecha: 2011-02-30")
    romper_taller(copia_datos, "participantes: 45", "participantes: -4")
    resultado = validar_cli(copia_datos)
    lineas = resultado.stdout.strip().splitlines()
    assert resultado.returncode == 1 and len(lineas) == 2, resultado.stdout
    assert f"2011-04-01-tumbes.yml:{numero_de_linea(ruta, 'fecha:')}:8: fecha: fecha imposible" in lineas[0]
    assert f"2011-04-01-tumbes.yml:{numero_de_linea(ruta, 'participantes:')}:1: participantes: no puede ser negativo" in lineas[1]


# --- Los mensajes (plan_migracion/datos/mensajes/<idioma>.yml) -------------------------------------------------

def _codigos_usados() -> set[str]:
    """Los códigos de problema que escribe el código del paquete: el de ``Problema(ruta, línea,
    campo, código, ...)``, el de ``doc.problema(camino, código, ...)`` y ``rechazar(ruta, código, ...)``,
    y el de ``return "código", {...}`` (las fotos)."""
    import ast

    def texto(nodo) -> str | None:
        return nodo.value if isinstance(nodo, ast.Constant) and isinstance(nodo.value, str) else None

    codigos = set()
    for ruta in (RAIZ / "plan_migracion").rglob("*.py"):
        for nodo in ast.walk(ast.parse(ruta.read_text(encoding="utf-8"))):
            if isinstance(nodo, ast.Call):
                nombre = nodo.func.attr if isinstance(nodo.func, ast.Attribute) else getattr(nodo.func, "id", "")
                posicion = {"Problema": 3, "problema": 1, "rechazar": 1}.get(nombre)
                if posicion is not None and len(nodo.args) > posicion and texto(nodo.args[posicion]):
                    codigos.add(texto(nodo.args[posicion]))
            elif isinstance(nodo, ast.Return) and isinstance(nodo.value, ast.Tuple) and len(nodo.value.elts) == 2 \
                    and texto(nodo.value.elts[0]) and isinstance(nodo.value.elts[1], ast.Dict):
                codigos.add(texto(nodo.value.elts[0]))
    return codigos


def test_cada_codigo_usado_tiene_su_mensaje_en_cada_idioma():
    from plan_migracion.datos.problemas import idiomas_de_mensajes, mensajes

    catalogo = mensajes("problemas")
    usados = _codigos_usados()
    assert len(usados) > 40  # la búsqueda encuentra los códigos (hoy, más de 50)
    assert sorted(usados - set(catalogo)) == []  # ninguno sin mensaje
    assert sorted(set(catalogo) - usados) == []  # ningún mensaje que ya nadie usa
    for codigo, textos in catalogo.items():
        assert set(textos) == set(idiomas_de_mensajes()) and all(isinstance(v, str) and v.strip() for v in textos.values()), codigo


def test_los_dos_idiomas_de_cada_mensaje_llevan_los_mismos_datos():
    """Cada ``{dato}`` del español está en el inglés (tal cual o en su versión inglesa, ``{dato_en}``;
    ``{x_es}`` ↔ ``{x_en}``), y al revés: ningún mensaje pierde ni inventa un dato al traducirse."""
    import string

    from plan_migracion.datos.problemas import mensajes

    def datos(texto: str) -> set[str]:
        return {campo for _, campo, _, _ in string.Formatter().parse(texto) if campo}

    def base(nombre: str) -> str:
        return nombre.removesuffix("_es").removesuffix("_en")

    # (solo los de los problemas llevan datos: las explicaciones de errores_yaml son un dato más, el «detalle»)
    for clave, textos in mensajes("problemas").items():
        es, en = datos(textos["es"]), datos(textos["en"])
        assert {base(d) for d in es} == {base(d) for d in en}, clave
        assert not any(d.endswith("_en") for d in es) and not any(d.endswith("_es") for d in en), clave
    assert datos(mensajes("problemas")["valor-no-permitido"]["en"]) == {"valor", "permitidos_en"}  # la prueba mira algo


def _claves_de_detalles() -> tuple[set[str], set[str]]:
    """Las claves de «detalles» (mensajes/<idioma>.yml) que nombra el código en ``detalle(clave, ...)``: las
    escritas enteras y los comienzos de las que se arman con una f-string (``f"que-va.{tipo}"``)."""
    import ast

    enteras, comienzos = set(), set()

    def anotar(nodo) -> None:
        if isinstance(nodo, ast.Constant) and isinstance(nodo.value, str):
            enteras.add(nodo.value)
        elif isinstance(nodo, ast.IfExp):
            anotar(nodo.body)
            anotar(nodo.orelse)
        elif isinstance(nodo, ast.JoinedStr) and isinstance(nodo.values[0], ast.Constant):
            comienzos.add(nodo.values[0].value)
        else:
            raise AssertionError(f"detalle() con una clave que la prueba no sabe leer: {ast.dump(nodo)}")

    for ruta in (RAIZ / "plan_migracion").rglob("*.py"):
        for nodo in ast.walk(ast.parse(ruta.read_text(encoding="utf-8"))):
            if isinstance(nodo, ast.Call) and getattr(nodo.func, "id", None) == "detalle" and nodo.args:
                anotar(nodo.args[0])
    return enteras, comienzos


def test_cada_detalle_usado_existe_ninguno_sobra_y_cada_idioma_lleva_los_mismos_datos():
    """Las partes de mensajes que arma el código (``detalles`` de mensajes/<idioma>.yml: por qué no se lee un
    archivo, qué va en cada carpeta, la sugerencia tras «campo desconocido»...): cada una que el
    código nombra existe, ninguna sobra, y los dos idiomas llevan los mismos ``{datos}``."""
    import string

    from plan_migracion.datos.problemas import idiomas_de_mensajes
    from plan_migracion.datos.problemas import mensajes

    catalogo = mensajes("detalles")
    enteras, comienzos = _claves_de_detalles()
    assert len(enteras) > 10 and len(comienzos) > 3  # la búsqueda las encuentra
    assert sorted(enteras - set(catalogo)) == []
    assert [c for c in comienzos if not any(clave.startswith(c) for clave in catalogo)] == []
    assert [clave for clave in catalogo if clave not in enteras and not clave.startswith(tuple(comienzos))] == []
    for clave, textos in catalogo.items():
        datos = [{campo for _, campo, _, _ in string.Formatter().parse(textos[i]) if campo} for i in idiomas_de_mensajes()]
        assert all(d == datos[0] for d in datos), clave
