"""Formularios de GitHub → registro → pull request: los formularios de .github/ISSUE_TEMPLATE/ (al
día con datos/), ``plan.py desde-issue`` con cuerpos de issue como los escribe GitHub, el flujo que
abre el pull request y el contenedor de desarrollo.

Los cuerpos de issue se arman aquí a partir de los formularios guardados, como los escribe GitHub
(``### Etiqueta``, una línea en blanco, la respuesta; ``_No response_`` si un campo opcional queda
vacío; ``- [X]`` en una casilla marcada). Los valores son sintéticos y solo se escriben en copias
temporales de datos/.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from plan_migracion.datos import cargar, validar
from plan_migracion.salidas.desde_issue import Rechazo, desde_issue
from plan_migracion.salidas.formularios import formularios

from conftest import DATOS, RAIZ

PLANTILLAS = RAIZ / ".github" / "ISSUE_TEMPLATE"
FLUJO = RAIZ / ".github" / "workflows" / "desde-issue.yml"
CI = RAIZ / ".github" / "workflows" / "ci.yml"


def _formulario(nombre: str) -> dict:
    return yaml.safe_load((PLANTILLAS / f"{nombre}.yml").read_text(encoding="utf-8"))


def _campos(nombre: str) -> dict[str, dict]:
    """id → elemento del formulario guardado (sin los textos markdown)."""
    return {e["id"]: e for e in _formulario(nombre)["body"] if e["type"] != "markdown"}


def _opcion(nombre: str, campo: str, valor: str) -> str:
    """El texto de la opción cuyo valor (entre paréntesis al final) es ``valor``."""
    opciones = _campos(nombre)[campo]["attributes"]["options"]
    elegidas = [o for o in opciones if o.endswith(f"({valor})")]
    assert len(elegidas) == 1, (campo, valor, opciones)
    return elegidas[0]


def cuerpo(nombre: str, respuestas: dict[str, str], sin: tuple[str, ...] = ()) -> str:
    """El cuerpo del issue que GitHub escribiría con ``respuestas`` (id → texto tal como se ve):
    un campo sin respuesta es ``_No response_``; ``sin``, encabezados que se quitan."""
    partes = []
    for ident, elemento in _campos(nombre).items():
        if ident in sin:
            continue
        atributos = elemento["attributes"]
        if elemento["type"] == "checkboxes":
            marca = "X" if respuestas.get(ident, "X") == "X" else " "
            valor = "\n".join(f"- [{marca}] {o['label']}" for o in atributos["options"])
        else:
            valor = respuestas.get(ident) or "_No response_"
        partes.append(f"### {atributos['label']}\n\n{valor}")
    return "\n\n".join(partes) + "\n"


def etiqueta(nombre: str, campo: str) -> str:
    return _campos(nombre)[campo]["attributes"]["label"]


@pytest.fixture
def datos(tmp_path):
    destino = tmp_path / "datos"
    shutil.copytree(DATOS, destino)
    return destino


def escribir(cuerpo_issue: str, carpeta, idioma="es"):
    return desde_issue(cuerpo_issue, carpeta, cargar(carpeta), idioma=idioma)


def rechazos(cuerpo_issue: str, carpeta) -> list[tuple[str, str]]:
    with pytest.raises(Rechazo) as error:
        escribir(cuerpo_issue, carpeta)
    return error.value.problemas


def taller(**cambios) -> dict[str, str]:
    respuestas = {
        "fecha": "2012-05-10", "lugar_archivo": "Piura",
        "nombre_es": "Taller de prueba en Piura", "nombre_en": "Test workshop in Piura",
        "lugar_es": "Auditorio de prueba", "lugar_en": "Test auditorium",
        "fuente": _opcion("taller", "fuente", "oim"),
        "componente": _opcion("taller", "componente", "induccion-sensibilizacion"),
        "participantes": "41",
        "representacion_es": "Funcionarios de prueba", "representacion_en": "Test officials",
        "regiones": ", ".join([_opcion("taller", "regiones", "20"), _opcion("taller", "regiones", "1501")]),
        "fuente_publica": "Nota de prueba",
    }
    respuestas.update(cambios)
    return respuestas


def convenio(**cambios) -> dict[str, str]:
    respuestas = {
        "fecha_firma": "2012-06-01", "lugar_archivo": "Tumbes",
        "parte_es": "Gobierno Regional de prueba", "parte_en": "Test Regional Government",
        "nivel": _opcion("convenio", "nivel", "regional"), "region": _opcion("convenio", "region", "24"),
        "objeto_es": "Objeto de prueba", "objeto_en": "Test purpose",
        "estado": _opcion("convenio", "estado", "vigente"),
        "documento": "https://www.trabajo.gob.pe/convenio-de-prueba.pdf",
        "fuente_informacion_es": "Documento de prueba", "fuente_informacion_en": "Test document",
    }
    respuestas.update(cambios)
    return respuestas


def _cargado(ruta) -> dict:
    return yaml.safe_load(ruta.read_text(encoding="utf-8"))


# --- Los formularios, al día con datos/ ------------------------------------------------------------


def test_los_formularios_guardados_estan_al_dia():
    esperados = formularios(cargar(DATOS))
    assert sorted(esperados) == ["config.yml", "convenio.yml", "correccion.yml", "taller.yml"]
    for nombre, texto in esperados.items():
        assert (PLANTILLAS / nombre).read_text(encoding="utf-8") == texto, \
            f"{nombre} desactualizado: ejecute .venv/bin/python scripts/plan.py esquemas"


def test_las_listas_de_los_formularios_son_las_de_datos():
    """Leídas de los YAML de datos/ sin pasar por el código que genera los formularios."""
    regiones = [r["id"] for r in yaml.safe_load((DATOS / "regiones.yml").read_text(encoding="utf-8"))["regiones"]]
    fuentes = sorted((yaml.safe_load(p.read_text(encoding="utf-8")) for p in (DATOS / "fuentes").glob("*.yml")),
                     key=lambda f: f["orden"])
    componentes = [c["id"] for c in yaml.safe_load((DATOS / "componentes.yml").read_text(encoding="utf-8"))["componentes"]]

    def valores(nombre, campo):
        return [re.search(r"\(([^()]*)\)$", o).group(1) for o in _campos(nombre)[campo]["attributes"]["options"]]

    assert valores("taller", "regiones") == regiones
    assert valores("convenio", "region") == regiones
    assert valores("taller", "fuente") == [f["id"] for f in fuentes]
    assert valores("taller", "componente") == componentes
    assert valores("convenio", "estado") == ["vigente", "vencido", "resuelto"]
    assert valores("convenio", "nivel") == ["regional", "local"]
    assert _campos("taller")["regiones"]["attributes"]["multiple"] is True
    assert _opcion("taller", "fuente", "oim").startswith(fuentes[1]["nombre"]["es"])


def test_un_formulario_desactualizado_hace_fallar_la_comprobacion(datos, tmp_path):
    plantillas = tmp_path / "ISSUE_TEMPLATE"
    shutil.copytree(PLANTILLAS, plantillas)

    def esquemas(*extra):
        return subprocess.run([sys.executable, str(RAIZ / "scripts" / "plan.py"), "esquemas", str(datos),
                               "--formularios", str(plantillas), *extra],
                              capture_output=True, text=True, timeout=120)

    assert esquemas("--comprobar").returncode == 0
    # Una fuente cooperante nueva (sintética) en la copia: el desplegable del taller queda atrás.
    fuente = (datos / "fuentes" / "unfpa.yml").read_text(encoding="utf-8")
    (datos / "fuentes" / "fuente-de-prueba.yml").write_text(
        fuente.replace("id: unfpa", "id: fuente-de-prueba").replace("orden: 3", "orden: 4")
        .replace("Fondo de Población de las Naciones Unidas - UNFPA", "Fuente de prueba"), encoding="utf-8")
    resultado = esquemas("--comprobar")
    assert resultado.returncode == 1
    assert f"desactualizado: {plantillas / 'taller.yml'}" in resultado.stdout
    assert "Fuente de prueba" not in (plantillas / "taller.yml").read_text(encoding="utf-8")  # solo comprueba
    assert esquemas().returncode == 0
    opciones = yaml.safe_load((plantillas / "taller.yml").read_text(encoding="utf-8"))["body"]
    fuentes = next(e for e in opciones if e.get("id") == "fuente")["attributes"]["options"]
    assert fuentes[-1].endswith("(fuente-de-prueba)") and fuentes[-1].startswith("Fuente de prueba")
    assert esquemas("--comprobar").returncode == 0


def test_los_formularios_dicen_como_anadir_fotos_y_son_bilingues():
    for nombre in ("taller", "convenio"):
        formulario = _formulario(nombre)
        texto = formulario["body"][0]["attributes"]["value"]
        assert "CONTRIBUTING.md#añadir-fotos" in texto and "Photos" in texto
        assert " / " in formulario["name"]
        for elemento in _campos(nombre).values():
            assert " / " in elemento["attributes"]["label"], elemento
    ids = [e["id"] for e in _formulario("correccion")["body"] if "id" in e]
    assert ids[:3] == ["registro", "campo", "valor"]


def test_los_formularios_siguen_la_sintaxis_de_github():
    """Lo que GitHub exige (docs «Syntax for issue forms»): ids únicos de letras, cifras, - y _;
    etiquetas únicas; opciones distintas y no vacías; las casillas sin «validations»."""
    for nombre in ("taller", "convenio", "correccion"):
        formulario = _formulario(nombre)
        assert formulario["name"] and formulario["description"]
        elementos = [e for e in formulario["body"] if e["type"] != "markdown"]
        ids = [e["id"] for e in elementos]
        etiquetas = [e["attributes"]["label"] for e in elementos]
        assert len(set(ids)) == len(ids) and all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)
        assert len(set(etiquetas)) == len(etiquetas)
        for elemento in elementos:
            assert set(elemento) <= {"type", "id", "attributes", "validations"}
            opciones = elemento["attributes"].get("options", [])
            textos = [o["label"] if isinstance(o, dict) else o for o in opciones]
            assert len(set(textos)) == len(textos) and all(textos)
            if elemento["type"] == "checkboxes":
                assert "validations" not in elemento
            if elemento["type"] == "dropdown":
                assert textos and "None" not in textos


# --- desde-issue -----------------------------------------------------------------------------------


def test_un_taller_valido(datos):
    resultado = escribir(cuerpo("taller", taller()), datos)
    assert resultado.ruta == datos / "talleres" / "2012-05-10-piura.yml"
    texto = resultado.ruta.read_text(encoding="utf-8")
    assert texto.startswith("# yaml-language-server: $schema=../esquemas/taller.schema.json\n")
    assert _cargado(resultado.ruta) == {
        "id": "2012-05-10-piura", "fuente": "oim", "componente": "induccion-sensibilizacion",
        "nombre": {"es": "Taller de prueba en Piura", "en": "Test workshop in Piura"},
        "fecha": dt.date(2012, 5, 10),
        "lugar": {"es": "Auditorio de prueba", "en": "Test auditorium"}, "participantes": 41,
        "representacion": {"es": "Funcionarios de prueba", "en": "Test officials"},
        "regiones": ["20", "1501"],
    }
    assert resultado.avisos == []
    assert not [p for p in validar(datos) if p.es_error]
    assert cargar(datos).taller_por_id["2012-05-10-piura"].participantes == 41


def test_un_convenio_valido(datos):
    resultado = escribir(cuerpo("convenio", convenio(vigencia_hasta="2014-12-31")), datos)
    assert resultado.ruta == datos / "convenios" / "2012-06-01-tumbes.yml"
    assert resultado.ruta.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../esquemas/convenio.schema.json\n")
    valor = _cargado(resultado.ruta)
    assert valor["region"] == "24" and valor["estado"] == "vigente" and valor["nivel"] == "regional"
    assert valor["vigencia_hasta"] == dt.date(2014, 12, 31)
    assert valor["documento"] == "https://www.trabajo.gob.pe/convenio-de-prueba.pdf"
    assert cargar(datos).convenio_por_id["2012-06-01-tumbes"].parte.en_idioma("en") == "Test Regional Government"


def test_sin_respuesta_es_no_registrado_y_la_traduccion_que_falta_un_aviso(datos):
    resultado = escribir(cuerpo("taller", taller(participantes="", nombre_en="", representacion_en="")), datos)
    valor = _cargado(resultado.ruta)
    assert valor["participantes"] is None  # «no registrado», nunca 0
    assert valor["nombre"] == {"es": "Taller de prueba en Piura"}
    assert "_No response_" not in resultado.ruta.read_text(encoding="utf-8")
    etiquetas = [e for e, _ in resultado.avisos]
    assert etiquetas == [etiqueta("taller", "nombre_en"), etiqueta("taller", "representacion_en")]
    convenio_ = escribir(cuerpo("convenio", convenio(documento="")), datos)
    assert _cargado(convenio_.ruta)["vigencia_hasta"] is None and _cargado(convenio_.ruta)["documento"] is None


def test_falta_un_campo_obligatorio(datos):
    problemas = rechazos(cuerpo("taller", taller(fecha="", nombre_es="")), datos)
    assert problemas == [(etiqueta("taller", "fecha"), "falta: este campo es obligatorio"),
                         (etiqueta("taller", "nombre_es"), "falta: este campo es obligatorio")]
    sin_encabezado = rechazos(cuerpo("convenio", convenio(), sin=("estado",)), datos)
    assert sin_encabezado == [(etiqueta("convenio", "estado"), "falta: este campo es obligatorio")]
    sin_confirmar = rechazos(cuerpo("taller", taller(confirmacion=" ")), datos)
    assert [e for e, _ in sin_confirmar] == [etiqueta("taller", "confirmacion")]
    assert not (datos / "talleres" / "2012-05-10-piura.yml").exists()


@pytest.mark.parametrize("campo, valor, palabra", [
    ("participantes", "030", "ceros a la izquierda"),
    ("participantes", "treinta", "solo cifras"),
    ("participantes", "1.000", "solo cifras"),
    ("fecha", "10/05/2012", "AAAA-MM-DD"),
    ("fecha", "2012-02-30", "AAAA-MM-DD"),
    ("fuente", "Otra fuente", "no es una de las opciones"),
])
def test_un_valor_mal_escrito_nombra_su_campo(datos, campo, valor, palabra):
    problemas = rechazos(cuerpo("taller", taller(**{campo: valor})), datos)
    assert len(problemas) == 1
    assert problemas[0][0] == etiqueta("taller", campo)
    assert palabra in problemas[0][1] and valor in problemas[0][1]
    assert list((datos / "talleres").glob("2012-*")) == []


def test_los_errores_del_validador_nombran_la_etiqueta_no_la_linea(datos):
    # Una fecha de vigencia anterior a la firma y una dirección que no es https://: errores del
    # validador del proyecto, dichos con la etiqueta del formulario.
    problemas = rechazos(cuerpo("convenio", convenio(vigencia_hasta="2011-01-01", documento="http://x.example/c.pdf")),
                         datos)
    assert {e for e, _ in problemas} == {etiqueta("convenio", "documento"), etiqueta("convenio", "vigencia_hasta")}
    for e, mensaje in problemas:
        assert not re.search(r"\.yml:\d+", e + mensaje), (e, mensaje)
    assert not (datos / "convenios" / "2012-06-01-tumbes.yml").exists()  # rechazado: no queda escrito


def test_una_fuente_que_no_existe_la_dice_el_validador_con_su_etiqueta(datos):
    problemas = rechazos(cuerpo("taller", taller(fuente="Fuente retirada (fuente-retirada)")), datos)
    assert [e for e, _ in problemas] == [etiqueta("taller", "fuente")]
    assert "fuente-retirada" in problemas[0][1]


def test_texto_hostil_es_solo_texto(datos):
    hostil = ("<script>alert(1)</script> {{ config.extra }} {% raw %} =HYPERLINK(\"http://x\") "
              "${{ github.token }} $(rm -rf /) `id` &amp; 'comillas' \"dobles\" #: - [x] yes")
    resultado = escribir(cuerpo("taller", taller(nombre_es=hostil, representacion_es="@todos\n- lista\nno")), datos)
    valor = _cargado(resultado.ruta)
    assert valor["nombre"]["es"] == hostil
    assert valor["representacion"]["es"] == "@todos - lista no"
    assert cargar(datos).taller_por_id["2012-05-10-piura"].nombre.en_idioma("es") == hostil


def test_un_encabezado_dentro_de_una_respuesta_no_cambia_otro_campo(datos):
    """Quien escribe «### Fecha…» dentro de un texto no puede reemplazar la fecha sin que se note."""
    falso = f"Texto\n\n### {etiqueta('taller', 'fecha')}\n\n1999-01-01"
    problemas = rechazos(cuerpo("taller", taller(observaciones_es=falso)), datos)
    assert problemas[0][0] == etiqueta("taller", "fecha") and "dos veces" in problemas[0][1]
    otro = escribir(cuerpo("taller", taller(observaciones_es="Texto\n\n### Un título propio\n\nmás")), datos)
    assert _cargado(otro.ruta)["observaciones"] == [{"es": "Texto ### Un título propio más"}]


def test_tildes_y_enes(datos):
    resultado = escribir(cuerpo("taller", taller(lugar_archivo="Cañete (Ñaña)", lugar_es="Coliseo «Perú» de Cañete",
                                                 regiones=_opcion("taller", "regiones", "15"))), datos)
    assert resultado.ruta.name == "2012-05-10-canete-nana.yml"
    texto = resultado.ruta.read_text(encoding="utf-8")
    assert "Coliseo «Perú» de Cañete" in texto  # escrito tal cual (UTF-8), no como \xf1
    assert _cargado(resultado.ruta)["regiones"] == ["15"]


def test_no_sobrescribe_un_registro(datos):
    problemas = rechazos(cuerpo("taller", taller(fecha="2011-03-11", lugar_archivo="Callao")), datos)
    assert [e for e, _ in problemas] == [etiqueta("taller", "lugar_archivo")]
    assert "2011-03-11-callao.yml" in problemas[0][1]


def test_un_texto_que_no_es_de_un_formulario(datos):
    assert rechazos("Hola, quiero proponer un taller en Piura.", datos)[0][1].startswith("no es el texto de un formulario")


# --- Correcciones ------------------------------------------------------------------------------------


def correccion(registro, campo, valor) -> str:
    return cuerpo("correccion", {"registro": registro, "campo": _opcion("correccion", "campo", campo),
                                 "valor": valor, "motivo": "Dato de prueba", "fuente_publica": "Fuente de prueba"})


def test_una_correccion_cambia_solo_ese_valor(datos):
    ruta = datos / "talleres" / "2011-03-11-callao.yml"
    antes = ruta.read_text(encoding="utf-8").split("\n")
    resultado = escribir(correccion("https://ejemplo.gob.pe/plan/en/talleres/2011-03-11-callao/", "participantes", "33"),
                         datos)
    assert resultado.ruta == ruta
    despues = ruta.read_text(encoding="utf-8").split("\n")
    cambiadas = [(a, d) for a, d in zip(antes, despues) if a != d]
    assert cambiadas == [("participantes: 32", "participantes: 33")] and len(antes) == len(despues)

    texto = 'Primer "taller": #1 {{ x }}\n<b>'
    escribir(correccion("datos/talleres/2011-03-11-callao.yml", "nombre.en", texto), datos)
    assert _cargado(ruta)["nombre"]["en"] == 'Primer "taller": #1 {{ x }} <b>'
    assert len(ruta.read_text(encoding="utf-8").split("\n")) == len(antes)


def test_una_correccion_invalida_deja_el_archivo_como_estaba(datos):
    ruta = datos / "talleres" / "2011-03-11-callao.yml"
    antes = ruta.read_text(encoding="utf-8")
    problemas = rechazos(correccion("2011-03-11-callao", "regiones", "99"), datos)
    assert [e for e, _ in problemas] == [etiqueta("correccion", "valor")]
    assert ruta.read_text(encoding="utf-8") == antes
    assert [e for e, _ in rechazos(correccion("talleres/no-existe", "participantes", "3"), datos)] == [
        etiqueta("correccion", "registro")]
    assert [e for e, _ in rechazos(correccion("2011-03-11-callao", "estado", "vigente"), datos)] == [
        etiqueta("correccion", "campo")]
    assert [e for e, _ in rechazos(correccion("2011-03-11-callao", "otro", "algo"), datos)] == [
        etiqueta("correccion", "campo")]
    assert "ceros" in rechazos(correccion("2011-03-11-callao", "participantes", "033"), datos)[0][1]
    assert ruta.read_text(encoding="utf-8") == antes


# --- La orden ----------------------------------------------------------------------------------------


def _orden(*argumentos):
    return subprocess.run([sys.executable, str(RAIZ / "scripts" / "plan.py"), "desde-issue", *map(str, argumentos)],
                          capture_output=True, text=True, timeout=120)


def test_la_orden_imprime_la_ruta_o_los_problemas(datos, tmp_path):
    issue = tmp_path / "issue.md"
    issue.write_text(cuerpo("taller", taller(nombre_en="")), encoding="utf-8")
    resultado = _orden(issue, "--datos", datos)
    assert resultado.returncode == 0, resultado.stderr
    assert resultado.stdout == f"{datos / 'talleres' / '2012-05-10-piura.yml'}\n"
    assert resultado.stderr == f"{etiqueta('taller', 'nombre_en')}: aviso: " \
        f"{next(p for p in validar(datos) if p.campo == 'nombre.en' and '2012-05-10' in p.ruta).mensaje()}\n"

    issue.write_text(cuerpo("taller", taller(fecha="2012-05-11", participantes="-3")), encoding="utf-8")
    resultado = _orden(issue, "--datos", datos, "--lang", "en")
    assert resultado.returncode == 1 and resultado.stdout == ""
    assert resultado.stderr.startswith(f"{etiqueta('taller', 'participantes')}: write digits only")
    assert "Traceback" not in resultado.stderr


# --- El flujo y el contenedor ---------------------------------------------------------------------


def test_el_flujo_no_interpola_el_issue_y_pide_lo_minimo():
    flujo = yaml.safe_load(FLUJO.read_text(encoding="utf-8"))
    assert flujo[True] == {"issues": {"types": ["labeled"]}}  # «on:» (YAML 1.1 lo lee como True)
    assert flujo["permissions"] == {}
    (trabajo,) = flujo["jobs"].values()
    assert trabajo["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    assert "aprobado" in trabajo["if"]
    assert trabajo["container"] == yaml.safe_load(CI.read_text(encoding="utf-8"))["jobs"]["comprobar"]["container"]
    pasos = trabajo["steps"]
    for paso in pasos:  # ningún texto de quien escribe el issue entra en un script
        for clave in ("run", "script"):
            codigo = paso.get(clave, paso.get("with", {}).get(clave, ""))
            assert "github.event.issue" not in codigo and "github.event.comment" not in codigo, paso["name"]
    runs = [p.get("run", "") for p in pasos]
    orden = [next(i for i, r in enumerate(runs) if palabra in r)
             for palabra in ("desde-issue", "validar datos", "esquemas --comprobar", "test-rapido", "git push")]
    assert orden == sorted(orden)
    assert any(p.get("env", {}).get("CUERPO") == "${{ github.event.issue.body }}" for p in pasos)
    abrir = next(p for p in pasos if "pulls.create" in p.get("with", {}).get("script", ""))
    assert "Closes #${numero}" in abrir["with"]["script"]
    comentar = next(p for p in pasos if "createComment" in p.get("with", {}).get("script", ""))
    assert comentar["if"] == "failure()"


def test_el_contenedor_de_desarrollo_usa_la_imagen_de_la_integracion_continua():
    config = json.loads((RAIZ / ".devcontainer" / "devcontainer.json").read_text(encoding="utf-8"))
    assert config["image"] == yaml.safe_load(CI.read_text(encoding="utf-8"))["jobs"]["comprobar"]["container"]
    assert 8000 in config["forwardPorts"]
    ayuda = subprocess.run([sys.executable, str(RAIZ / "scripts" / "plan.py"), "servir", "--help"],
                           capture_output=True, text=True, timeout=60).stdout
    assert "127.0.0.1:8000" in ayuda  # el puerto que usa make serve
    assert config["postCreateCommand"].startswith("make ")
