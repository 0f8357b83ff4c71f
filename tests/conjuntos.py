"""Conjuntos de datos sintéticos para las pruebas (solo en carpetas temporales, nunca en ``datos/``).

Nada de esto es un dato real: los talleres se llaman «Taller sintético ...» y se
escriben en una copia temporal de ``datos/``.

- :func:`generar` (de ``scripts/sintetico.py``, el mismo generador que usa el benchmark): con
  ``con_los_reales=True``, los datos reales más muchos talleres sintéticos (para probar a escala).
- :func:`pequeno`: un conjunto pequeño, sin los talleres reales, cuyas cifras se saben de
  antemano (véase :data:`TALLERES_PEQUENO`): las pruebas de totales y frases usan este, para no
  depender de cuántos registros tengan hoy los datos reales.
- :func:`contribuir`: lo que haría quien contribuye según CONTRIBUTING.md: un taller y un convenio
  creados con ``scripts/nuevo.py`` y llenados, y una foto (hecha aquí con Pillow) en su galería.
- :func:`hostil`: los datos reales con textos hostiles (HTML, JavaScript, Markdown, Jinja, inicios de
  fórmula de hoja de cálculo) en cada campo de texto.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import DATOS, RAIZ

sys.path.insert(0, str(RAIZ / "scripts"))
from sintetico import generar  # noqa: E402,F401  (scripts/sintetico.py; las pruebas lo usan desde aquí)


def texto_taller(ident: str, fecha: dt.date, *, nombre: tuple[str, str], lugar: tuple[str, str],
                 participantes: int | None, regiones: list[str], fuente: str = "oim",
                 componente: str = "induccion-sensibilizacion") -> str:
    """El YAML de un taller sintético (``nombre`` y ``lugar``: español e inglés)."""
    return (
        f"id: {ident}\n"
        f"fuente: {fuente}\n"
        f"componente: {componente}\n"
        f"nombre:\n  es: {nombre[0]}\n  en: {nombre[1]}\n"
        f"fecha: {fecha.isoformat()}\n"
        f"lugar:\n  es: {lugar[0]}\n  en: {lugar[1]}\n"
        f"participantes: {'null' if participantes is None else participantes}\n"
        "representacion:\n  es: Dato sintético de prueba\n  en: Synthetic test record\n"
        f"regiones: [{', '.join(repr(r) for r in regiones)}]\n"
    )


def texto_convenio(ident: str, fecha_firma: dt.date, *, parte: tuple[str, str], region: str,
                   nivel: str = "regional") -> str:
    """El YAML de un convenio sintético (``parte``: español e inglés)."""
    return (
        f"id: {ident}\n"
        f"parte:\n  es: {parte[0]}\n  en: {parte[1]}\n"
        f"nivel: {nivel}\n"
        f"region: {region!r}\n"
        f"fecha_firma: {fecha_firma.isoformat()}\n"
        "vigencia_hasta: null\n"
        "objeto:\n  es: Objeto sintético de prueba\n  en: Synthetic test subject\n"
        "estado: vigente\n"
        "documento: null\n"
        "fuente_informacion:\n  es: Dato sintético de las pruebas, no es un convenio real\n"
        "  en: Synthetic test data, not a real agreement\n"
    )


# El conjunto pequeño: (id, fecha, lugar, participantes, regiones, fuente, componente).
# Cifras que se saben de antemano: 3 talleres; 10 + 5 = 15 participantes registrados en 2 de
# los 3 (en 1 no se sabe: null, no 0); oim 2, unfpa 1, migrandina-oit 0; marzo de 2012: 2,
# julio de 2013: 1; regiones 20 (Piura), 08 (Cusco) y 1501 (Lima Metropolitana).
TALLERES_PEQUENO = [
    ("2012-03-10-sintetico-piura", dt.date(2012, 3, 10), "Piura", 10, ["20"], "oim", "induccion-sensibilizacion"),
    ("2012-03-20-sintetico-cusco", dt.date(2012, 3, 20), "Cusco", None, ["08"], "oim",
     "fortalecimiento-capacidades"),
    ("2013-07-05-sintetico-lima", dt.date(2013, 7, 5), "Lima", 5, ["1501"], "unfpa", "induccion-sensibilizacion"),
]
# Con convenios=True, además un convenio (Puno, 21), firmado después del último taller: 1
# convenio; 3 de los 25 gobiernos regionales alcanzados (08, 20, 21) más Lima Metropolitana.
CONVENIO_PEQUENO = ("2013-09-01-sintetico-puno", dt.date(2013, 9, 1), "Puno", "21")


def pequeno(destino: Path, convenios: bool = True) -> Path:
    """Copia de ``datos/`` sin sus talleres, convenios ni fotos, con el conjunto pequeño."""
    shutil.copytree(DATOS, destino, ignore=shutil.ignore_patterns("talleres", "convenios", "fotos"))
    (destino / "talleres").mkdir()
    (destino / "convenios").mkdir()
    for ident, fecha, lugar, participantes, regiones, fuente, componente in TALLERES_PEQUENO:
        (destino / "talleres" / f"{ident}.yml").write_text(
            texto_taller(ident, fecha, nombre=(f"Taller sintético de {lugar}", f"Synthetic workshop of {lugar}"),
                         lugar=(f"Lugar sintético de {lugar}", f"Synthetic place of {lugar}"),
                         participantes=participantes, regiones=regiones, fuente=fuente, componente=componente),
            encoding="utf-8")
    if convenios:
        ident, fecha, lugar, region = CONVENIO_PEQUENO
        (destino / "convenios" / f"{ident}.yml").write_text(
            texto_convenio(ident, fecha, parte=(f"Gobierno Regional sintético de {lugar}",
                                                f"Synthetic Regional Government of {lugar}"), region=region),
            encoding="utf-8")
    return destino


# Lo que escribe quien contribuye en cada «POR LLENAR» (valores sintéticos, solo para las pruebas).
# Claves: el campo, o (campo, idioma) para los textos bilingües.
TALLER_CONTRIBUIDO = {
    # fecha y lugar distintos del ejemplo de CONTRIBUTING.md (2012-05-10, Piura), que alguien puede
    # haber añadido de verdad a datos/: nuevo.py no sobrescribe un archivo que ya existe
    "fecha": "2013-11-22", "lugar": "Moyobamba", "id": "2013-11-22-moyobamba",
    "valores": {
        "fuente": "oim", "componente": "induccion-sensibilizacion", "participantes": 23, "regiones": "22",
        ("nombre", "es"): "Taller sintético de prueba sobre gestión de la migración laboral",
        ("nombre", "en"): "Synthetic test workshop on labour migration management",
        ("lugar", "es"): "Hotel sintético de prueba – Moyobamba",
        ("lugar", "en"): "Synthetic test hotel – Moyobamba",
        ("representacion", "es"): "23 participantes de municipalidades distritales de San Martín (dato sintético).",
        ("representacion", "en"): "23 participants from district municipalities of San Martín (synthetic data).",
    },
    "foto": "2013-11-22-moyobamba/foto-1.jpg",
    "pie": ("Foto sintética de prueba del taller de Moyobamba", "Synthetic test photo of the Moyobamba workshop"),
    "alt": ("Rectángulo de colores generado para las pruebas", "Coloured rectangle generated for the tests"),
}
CONVENIO_CONTRIBUIDO = {
    "fecha": "2014-02-07", "lugar": "Gobierno Regional de San Martín",
    "id": "2014-02-07-gobierno-regional-de-san-martin",
    "valores": {
        "nivel": "regional", "region": "22", "vigencia_hasta": dt.date(2014, 12, 31), "estado": "vigente",
        "documento": None,
        ("parte", "es"): "Gobierno Regional sintético de San Martín",
        ("parte", "en"): "Synthetic Regional Government of San Martín",
        ("objeto", "es"): "Objeto sintético de prueba: cooperación en gestión de la migración laboral",
        ("objeto", "en"): "Synthetic test subject: cooperation on labour migration management",
        ("fuente_informacion", "es"): "Registro sintético de las pruebas, no es un convenio real",
        ("fuente_informacion", "en"): "Synthetic test record, not a real agreement",
    },
}


def _yaml(valor) -> str:
    """Un valor escalar como lo escribiría una persona en YAML (los textos, entre comillas)."""
    if valor is None:
        return "null"
    if isinstance(valor, (int, dt.date)):
        return str(valor)
    return json.dumps(valor, ensure_ascii=False)  # una cadena JSON es una cadena YAML entre comillas


def llenar(ruta: Path, valores: dict) -> None:
    """Cambia cada línea con «POR LLENAR» de una plantilla de ``scripts/nuevo.py`` por su valor."""
    lineas = ruta.read_text(encoding="utf-8").split("\n")
    campo = None
    for i, linea in enumerate(lineas):
        if linea and not linea.startswith((" ", "#")):
            campo = linea.split(":", 1)[0]
        if "POR LLENAR" not in linea or linea.startswith("#"):
            continue
        sangria = linea[:len(linea) - len(linea.lstrip())]
        clave = linea.strip().split(":", 1)[0]
        if linea.strip().startswith("- "):  # un elemento de lista (regiones)
            lineas[i] = f"{sangria}- {_yaml(valores[campo])}"
        elif sangria:  # es: / en: de un texto bilingüe
            lineas[i] = f"{sangria}{clave}: {_yaml(valores[(campo, clave)])}"
        else:
            lineas[i] = f"{clave}: {_yaml(valores[clave])}"
    assert not [linea for linea in lineas if "POR LLENAR" in linea and not linea.startswith("#")], ruta
    ruta.write_text("\n".join(lineas), encoding="utf-8")


def foto(ruta: Path, ancho: int = 96, alto: int = 64) -> bytes:
    """Una foto JPEG de verdad, pequeña, hecha aquí con Pillow (un degradado: ninguna foto real)."""
    from PIL import Image

    imagen = Image.new("RGB", (ancho, alto))
    imagen.putdata([(x * 255 // ancho, y * 255 // alto, 128) for y in range(alto) for x in range(ancho)])
    ruta.parent.mkdir(parents=True, exist_ok=True)
    imagen.save(ruta, "JPEG", quality=85)
    return ruta.read_bytes()


def contribuir(datos: Path) -> dict[str, Path]:
    """En ``datos``: un taller y un convenio creados con ``scripts/nuevo.py`` y llenados, y una foto
    en ``fotos/`` citada en la galería del taller con pie y texto alternativo en los dos idiomas.
    Devuelve las rutas escritas (para poder borrarlas)."""
    escritas = {}
    for tipo, registro in (("taller", TALLER_CONTRIBUIDO), ("convenio", CONVENIO_CONTRIBUIDO)):
        subprocess.run([sys.executable, str(RAIZ / "scripts" / "nuevo.py"), tipo, "--fecha", registro["fecha"],
                        "--lugar", registro["lugar"], "--datos", str(datos)],
                       check=True, capture_output=True, text=True, timeout=120)
        ruta = datos / ("talleres" if tipo == "taller" else "convenios") / f"{registro['id']}.yml"
        llenar(ruta, registro["valores"])
        escritas[tipo] = ruta
    t = TALLER_CONTRIBUIDO
    escritas["foto"] = datos / "fotos" / t["foto"]
    foto(escritas["foto"])
    with escritas["taller"].open("a", encoding="utf-8") as f:
        f.write(f"galeria:\n  - archivo: {t['foto']}\n"
                f"    pie:\n      es: {_yaml(t['pie'][0])}\n      en: {_yaml(t['pie'][1])}\n"
                f"    alt:\n      es: {_yaml(t['alt'][0])}\n      en: {_yaml(t['alt'][1])}\n")
    return escritas


# --- Textos hostiles (tests/test_texto_hostil.py y tests/test_csv_formulas.py leen el mismo sitio) ---
#
# CADA texto de los datos (talleres, fuentes, convenios, regiones, componentes y plan) lleva al final
# una carga con HTML, <script>, enlaces javascript:, Markdown y Jinja, marcada con un número propio;
# se añade un convenio sintético; y el taller TALLER_FORMULAS tiene nombre, lugar y observaciones que
# una hoja de cálculo tomaría por fórmulas (FORMULAS, sin la carga).

CARGA_HOSTIL = ('<script>alert("xss{n}x")</script> <b>negrita</b> [enlace](javascript:alert(1)) '
                '![img](javascript:alert(2)) <a href="javascript:alert(3)">a</a> <img src=x onerror=alert(4)> '
                'javascript:alert(5) *cursiva* _sub_ `codigo` <https://ejemplo.invalid/> '
                '{{{{ 7*7 }}}} {{{{ config }}}} {{% if true %}}si{{% endif %}} {{{{ t("sitio.nombre") }}}} '
                '</title><script>alert(6)</script> &amp; &lt;i&gt; "comillas" \'simples\'')

CONVENIO_HOSTIL = {
    "id": "2012-05-10-prueba",
    "parte": {"es": "Gobierno Regional de Prueba", "en": "Test Regional Government"},
    "nivel": "regional",
    "region": "20",
    "fecha_firma": "2012-05-10",
    "vigencia_hasta": None,
    "objeto": {"es": "Objeto", "en": "Purpose"},
    "estado": "vigente",
    # una URL https válida con caracteres que hay que escapar en un atributo
    "documento": "https://ejemplo.invalid/convenio.pdf?a=1&b=javascript:alert(7)#x",
    "fuente_informacion": {"es": "Fuente", "en": "Source"},
    "observaciones": [{"es": "Observación", "en": "Remark"}],
}

TALLER_FORMULAS = "2011-03-11-callao"
HIPERVINCULO = '=HYPERLINK("http://x","y")'
FORMULAS = {
    "nombre": {"es": HIPERVINCULO, "en": "+1"},
    "lugar": {"es": "-1", "en": "@SUM(1)"},
    "observaciones": [{"es": "@obs", "en": "-obs"}, {"es": "=2", "en": "nada que neutralizar"}],
}


def _con_carga(valor, numeros: dict, archivo: str):
    """Añade la carga a cada texto; ``numeros`` guarda número → archivo y campo."""
    if isinstance(valor, dict):
        if set(valor) == {"es", "en"} and all(isinstance(v, str) for v in valor.values()):
            n = len(numeros) + 1
            numeros[n] = archivo
            return {k: f"{v} {CARGA_HOSTIL.format(n=n)}" for k, v in valor.items()}
        resultado = {}
        for clave, hijo in valor.items():
            if clave == "nombre_en_fuente":  # texto de un solo idioma
                n = len(numeros) + 1
                numeros[n] = archivo
                resultado[clave] = f"{hijo} {CARGA_HOSTIL.format(n=n)}"
            else:
                resultado[clave] = _con_carga(hijo, numeros, archivo)
        return resultado
    if isinstance(valor, list):
        return [_con_carga(v, numeros, archivo) for v in valor]
    return valor


def hostil(destino: Path) -> dict[int, str]:
    """Copia ``datos/`` en ``destino`` con los textos hostiles; devuelve número de carga → tipo de
    archivo (``talleres``, ``plan.yml``...)."""
    import yaml

    shutil.copytree(DATOS, destino)
    (destino / "convenios" / "2012-05-10-prueba.yml").write_text(
        yaml.safe_dump(CONVENIO_HOSTIL, allow_unicode=True, sort_keys=False).replace("'2012-05-10'", "2012-05-10"),
        encoding="utf-8")
    numeros: dict[int, str] = {}
    for ruta in sorted(destino.rglob("*.yml")):
        if "esquemas" in ruta.parts:
            continue
        valor = _con_carga(yaml.safe_load(ruta.read_text(encoding="utf-8")), numeros,
                           ruta.relative_to(destino).parts[0])
        if ruta.stem == TALLER_FORMULAS:
            valor.update(FORMULAS)  # estos textos, sin la carga
        texto = yaml.safe_dump(valor, allow_unicode=True, sort_keys=False, width=10_000)
        ruta.write_text(texto, encoding="utf-8")
    return numeros


# --- Un registro válido, como texto YAML ------------------------------------------------------------
# Las pruebas de mensajes (test_casos_invalidos, test_mensajes, test_numeros, test_direcciones,
# test_glifos) parten de un taller o un convenio válido y cambian una línea; los números de línea de
# sus mensajes dependen de este texto. Un valor entre llaves («{id}») queda para ``str.format``.
LINEA_EDITOR = "# yaml-language-server: $schema=../esquemas/{}.schema.json\n"


def taller_yaml(ident: str, *, lugar: str, lugar_en: str = "Piura", participantes: str = "20",
                orden_en_fuente: str | None = None, editor: bool = True) -> str:
    """Un taller válido (sintético) con ``id: ident``; ``editor``: con la línea del editor al principio."""
    return ((LINEA_EDITOR.format("taller") if editor else "") + f"id: {ident}\n"
            + (f"orden_en_fuente: {orden_en_fuente}\n" if orden_en_fuente is not None else "")
            + f"""fuente: oim
componente: induccion-sensibilizacion
nombre:
  es: Taller de prueba
  en: Test workshop
fecha: 2012-06-01
lugar:
  es: {lugar}
  en: {lugar_en}
participantes: {participantes}
representacion:
  es: 20 participantes
  en: 20 participants
regiones: ["20"]
""")


def convenio_yaml(ident: str, *, documento: str = "https://www.trabajo.gob.pe/convenio.pdf", nivel: str = "local",
                  parte: tuple[str, str] = ("Municipalidad de Prueba", "Test Municipality"), editor: bool = True) -> str:
    """Un convenio válido (sintético) con ``id: ident``; ``parte``: (es, en)."""
    return (LINEA_EDITOR.format("convenio") if editor else "") + f"""id: {ident}
parte:
  es: {parte[0]}
  en: {parte[1]}
nivel: {nivel}
region: "20"
fecha_firma: 2012-05-10
vigencia_hasta: 2014-12-31
objeto:
  es: Objeto de prueba
  en: Test purpose
estado: vigente
documento: {documento}
fuente_informacion:
  es: Fuente de prueba
  en: Test source
"""
