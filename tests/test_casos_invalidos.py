"""Catálogo de entradas rotas: cada tipo de error da archivo, línea, campo y un mensaje claro.

Cada caso escribe UN archivo nuevo (sintético, generado aquí: nunca en datos/) en
una copia de ``datos/`` y espera exactamente estas líneas del validador, en español y
en inglés. Los casos no se estorban entre sí, así que también se comprueban todos
juntos: el validador y la compilación informan de todos los problemas a la vez.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from plan_migracion.datos import validar

from conjuntos import convenio_yaml, taller_yaml
from conftest import DATOS, RAIZ, compilar, sin_avisos_de_linea_del_editor

# Un taller válido de 15 líneas; {id} es el nombre del archivo sin extensión (también en el
# lugar: dos talleres con la misma fecha y el mismo lugar serían el mismo taller repetido).
TALLER = taller_yaml("{id}", lugar="Piura {id}", editor=False)

CONVENIO = convenio_yaml("{id}", documento="https://example.org/convenio.pdf", nivel="regional",
                         parte=("Gobierno Regional de Prueba", "Test Regional Government"), editor=False)


@dataclass
class Caso:
    nombre: str
    archivo: str  # dentro de datos/, p. ej. "talleres/2012-06-01-sintaxis.yml"
    cambio: object  # función texto → texto (o bytes) aplicada a la plantilla
    # (línea, columna o None, campo, mensaje en español, mensaje en inglés)
    esperado: list[tuple]
    plantilla: str = TALLER
    extra: dict = field(default_factory=dict)  # otros archivos del caso: ruta → texto

    def escribir(self, carpeta: Path) -> None:
        ident = Path(self.archivo).stem
        contenido = self.cambio(self.plantilla.format(id=ident))
        ruta = carpeta / self.archivo
        ruta.write_bytes(contenido if isinstance(contenido, bytes) else contenido.encode("utf-8"))
        for otra, texto in self.extra.items():
            (carpeta / otra).write_text(texto.format(id=Path(otra).stem), encoding="utf-8")

    def lineas(self, idioma: str) -> list[str]:
        resultado = []
        for linea, columna, campo, es, en in self.esperado:
            lugar = f"datos/{self.archivo}:{linea}" + (f":{columna}" if columna else "")
            resultado.append(f"{lugar}: {campo}: {es if idioma == 'es' else en}")
        return resultado


def t(nombre: str) -> str:
    return f"talleres/2012-06-01-{nombre}.yml"


def cambiar_re(patron: str, nuevo: str):
    def cambio(texto: str) -> str:
        resultado, cuantos = re.subn(patron, nuevo, texto, count=1)
        assert cuantos == 1, patron
        return resultado
    return cambio


def cambiar(viejo: str, nuevo: str):
    def cambio(texto: str) -> str:
        assert viejo in texto, viejo
        return texto.replace(viejo, nuevo, 1)
    return cambio


def bomba_de_alias(niveles: int) -> str:
    """Una «billion laughs»: cada nivel repite nueve veces el anterior."""
    lineas = ['a0: &a0 ["ja", "ja", "ja", "ja", "ja", "ja", "ja", "ja", "ja"]']
    for n in range(1, niveles):
        lineas.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]")
    return "\n".join(lineas) + "\n"


SINTAXIS_ES = "error de sintaxis YAML: "
SINTAXIS_EN = "YAML syntax error: "
ENTERO_ES = "debe ser un número entero, sin decimales ni comillas (se encontró «{}»)"
ENTERO_EN = "must be a whole number, without decimals or quotes (found “{}”)"
CARACTER_ES = "contiene el carácter {} ({}), que no se permite en los textos: bórrelo (suele llegar al copiar y pegar)"
CARACTER_EN = "contains the character {} ({}), which is not allowed in texts: delete it (it usually arrives by copy and paste)"
PROFUNDO_ES = ("hay demasiados niveles anidados (más de 20 listas o bloques uno dentro de otro): ningún registro "
               "necesita tantos; revise los corchetes y la sangría")
PROFUNDO_EN = ("there are too many nested levels (more than 20 lists or blocks one inside another): no record needs "
               "that many; check the brackets and the indentation")

CASOS = [
    Caso("sintaxis-llave-sin-cerrar", t("llave"), cambiar_re(r"lugar:\n  es: (.*)\n  en: Piura\n", r"lugar: {es: \1, en: Piura\n"),
         [(8, 8, "-", SINTAXIS_ES + "esta llave «{» no se cierra con «}» (o falta una coma entre los valores)",
           SINTAXIS_EN + "this brace “{” is not closed with “}” (or a comma between values is missing)")]),
    Caso("sintaxis-dos-puntos", t("dos-puntos"), cambiar("fecha: 2012-06-01", "fecha: 2012-06-01: Piura"),
         [(7, 18, "-", SINTAXIS_ES + "hay un «:» donde no corresponde (¿falta un espacio después de «:», o un texto con «:» sin comillas?)",
           SINTAXIS_EN + "there is a “:” where it does not belong (a missing space after “:”, or a text containing “:” without quotes?)")]),
    Caso("sintaxis-falta-dos-puntos", t("sin-dos-puntos"), cambiar("fecha: 2012-06-01", "fecha 2012-06-01"),
         [(8, 1, "-", SINTAXIS_ES + "falta «:» después del nombre de un campo (escriba «campo: valor», con un espacio después de «:»)",
           SINTAXIS_EN + "a “:” is missing after a field name (write “field: value”, with a space after “:”)")]),
    Caso("sintaxis-comillas-sin-cerrar", t("comillas"), cambiar('regiones: ["20"]', 'regiones: ["20]'),
         [(15, 12, "-", SINTAXIS_ES + "estas comillas se abren y no se cierran",
           SINTAXIS_EN + "this quotation mark is opened and never closed")]),
    Caso("tabulador", t("tabulador"), cambiar("  es: Piura", "\tes: Piura"),
         [(9, 1, "-", "hay un tabulador; en YAML la sangría se hace solo con espacios",
           "there is a tab character; YAML indentation uses spaces only")]),
    Caso("sangria-incoherente", t("sangria"), cambiar("  en: Piura", " en: Piura"),
         [(10, 2, "-", SINTAXIS_ES + "la sangría no es coherente: un campo no está alineado con los demás de su bloque",
           SINTAXIS_EN + "the indentation is inconsistent: a field is not aligned with the others in its block")]),
    Caso("sangria-campo-dentro-de-otro", t("sangria-bloque"), cambiar("participantes: 20", "  participantes: 20"),
         [(1, 1, "participantes", "falta este campo obligatorio", "this required field is missing"),
          (11, 3, "lugar.participantes",
           "campo desconocido; «participantes» es un campo válido, pero no dentro de «lugar»: revise la sangría (los espacios al principio de la línea)",
           "unknown field; “participantes” is a valid field, but not inside “lugar”: check the indentation (the spaces at the start of the line)")]),
    Caso("falta-campo", t("falta-campo"), cambiar("fecha: 2012-06-01\n", ""),
         [(1, 1, "fecha", "falta este campo obligatorio", "this required field is missing")]),
    Caso("campo-desconocido", t("desconocido"), cambiar("fecha:", "fehca:"),
         [(1, 1, "fecha", "falta este campo obligatorio", "this required field is missing"),
          (7, 1, "fehca", "campo desconocido; ¿quiso decir «fecha»?", "unknown field; did you mean “fecha”?")]),
    Caso("tipo-numero-entre-comillas", t("tipo-numero"), cambiar("participantes: 20", 'participantes: "20"'),
         [(11, 1, "participantes", ENTERO_ES.format(20), ENTERO_EN.format(20))]),
    Caso("tipo-texto-sin-idiomas", t("tipo-bloque"), cambiar_re(r"lugar:\n  es: .*\n  en: Piura\n", "lugar: Piura\n"),
         [(8, 1, "lugar", "debe ser un bloque de campos «clave: valor»", "must be a block of “key: value” fields")]),
    Caso("tipo-lista", t("tipo-lista"), cambiar('regiones: ["20"]', 'regiones: "20"'),
         [(15, 1, "regiones", "debe ser una lista (cada elemento en una línea que empieza con «- »)",
           "must be a list (each item on a line starting with “- ”)")]),
    Caso("tipo-texto-vacio-null", t("nulo"), cambiar("  es: Taller de prueba", "  es: null"),
         [(5, 3, "nombre.es", "falta el valor (está vacío o es null): este campo no puede quedar vacío",
           "the value is missing (empty or null): this field cannot be left empty")]),
    Caso("fecha-imposible", t("fecha-imposible"), cambiar("fecha: 2012-06-01", "fecha: 2011-02-30"),
         [(7, 8, "fecha", "fecha imposible «2011-02-30»: ese mes no tiene ese día",
           "impossible date “2011-02-30”: that month has no such day")]),
    Caso("fecha-mes-imposible", t("mes-imposible"), cambiar("fecha: 2012-06-01", "fecha: 2012-13-01"),
         [(7, 8, "fecha", "fecha imposible «2012-13-01»: el mes debe estar entre 01 y 12",
           "impossible date “2012-13-01”: the month must be between 01 and 12")]),
    Caso("fecha-improbable", "talleres/9999-06-01-improbable.yml", cambiar("fecha: 2012-06-01", "fecha: 9999-06-01"),
         [(7, 1, "fecha", "la fecha 9999-06-01 no es posible: el año debe estar entre 1970 y 2099 (¿una errata?)",
           "the date 9999-06-01 is not possible: the year must be between 1970 and 2099 (a typo?)")]),
    Caso("fecha-con-otro-formato", t("fecha-formato"), cambiar("fecha: 2012-06-01", "fecha: 01/06/2012"),
         [(7, 1, "fecha", "debe ser una fecha real con el formato AAAA-MM-DD, sin comillas (se encontró «01/06/2012»)",
           "must be a real date in the form YYYY-MM-DD, without quotes (found “01/06/2012”)")]),
    Caso("fecha-fuera-del-periodo-es-aviso", "talleres/2016-06-01-fuera-de-periodo.yml",
         cambiar("fecha: 2012-06-01", "fecha: 2016-06-01"),
         [(7, 1, "fecha", "aviso: la fecha 2016-06-01 está fuera del período del plan (2011-2014); revise que sea correcta",
           "warning: the date 2016-06-01 is outside the plan's period (2011-2014); check that it is right")]),
    Caso("region-inexistente", t("region"), cambiar('regiones: ["20"]', 'regiones: ["20", "99"]'),
         [(15, 18, "regiones[2]", "«99» no existe en las regiones; los valores válidos están en datos/regiones.yml",
           "“99” does not exist in the regions; valid values are in datos/regiones.yml")]),
    Caso("region-repetida", t("region-repetida"), cambiar('regiones: ["20"]', 'regiones: ["20", "20"]'),
         [(15, 18, "regiones[2]", "la región «20» figura más de una vez", "the region “20” is listed more than once")]),
    Caso("fuente-inexistente", t("fuente"), cambiar("fuente: oim", "fuente: oimm"),
         [(2, 1, "fuente", "«oimm» no existe en las fuentes cooperantes; los valores válidos están en datos/fuentes/",
           "“oimm” does not exist in the cooperating sources; valid values are in datos/fuentes/")]),
    Caso("componente-inexistente", t("componente"), cambiar("componente: induccion-sensibilizacion", "componente: induccion"),
         [(3, 1, "componente", "«induccion» no existe en los componentes; los valores válidos están en datos/componentes.yml",
           "“induccion” does not exist in the components; valid values are in datos/componentes.yml")]),
    # Archivos que no se leerían: se rechazan con su ruta y el motivo (antes se saltaban en silencio)
    Caso("extension-yaml", "talleres/2012-06-01-extension.yaml", lambda texto: texto,
         [(1, None, "-", "la extensión debe ser «.yml», en minúsculas (el archivo termina en «.yaml» y no se leería): "
           "cambie el nombre a «2012-06-01-extension.yml»",
           "the extension must be “.yml”, in lowercase (the file ends in “.yaml” and would not be read): "
           "rename it to “2012-06-01-extension.yml”")]),
    Caso("extension-mayusculas", "talleres/2012-06-01-piura.YML", lambda texto: texto,
         [(1, None, "-", "la extensión debe ser «.yml», en minúsculas (el archivo termina en «.YML» y no se leería): "
           "cambie el nombre a «2012-06-01-piura.yml»",
           "the extension must be “.yml”, in lowercase (the file ends in “.YML” and would not be read): "
           "rename it to “2012-06-01-piura.yml”")]),
    Caso("extension-yml-txt", "talleres/2012-06-01-texto.yml.txt", lambda texto: texto,
         [(1, None, "-", "archivo inesperado: en datos/talleres/ solo van archivos «.yml», uno por registro; "
           "este termina en «.txt»",
           "unexpected file: only “.yml” files, one per record belong in datos/talleres/; this one ends in “.txt”")]),
    Caso("sin-extension", "convenios/2012-05-10-sin-extension", lambda texto: texto,
         [(1, None, "-", "archivo inesperado: en datos/convenios/ solo van archivos «.yml», uno por registro; "
           "este no tiene extensión",
           "unexpected file: only “.yml” files, one per record belong in datos/convenios/; this one has no extension")],
         plantilla=CONVENIO),
    Caso("archivo-desconocido-en-la-raiz", "notas.txt", lambda texto: texto,
         [(1, None, "-", "archivo inesperado: en datos/ solo van plan.yml, componentes.yml, regiones.yml, README.md y "
           "las carpetas fuentes/, talleres/, convenios/, esquemas/ y fotos/",
           "unexpected file: only plan.yml, componentes.yml, regiones.yml, README.md and the folders fuentes/, "
           "talleres/, convenios/, esquemas/ and fotos/ belong in datos/")]),
    Caso("plan-con-extension-yaml", "plan.yaml", lambda texto: texto,
         [(1, None, "-", "la extensión debe ser «.yml», en minúsculas (el archivo termina en «.yaml» y no se leería): "
           "cambie el nombre a «plan.yml»",
           "the extension must be “.yml”, in lowercase (the file ends in “.yaml” and would not be read): "
           "rename it to “plan.yml”")]),
    Caso("plan-con-mayuscula", "Plan.yml", lambda texto: texto,
         [(1, None, "-", "archivo inesperado: en datos/ solo van plan.yml, componentes.yml, regiones.yml, README.md y "
           "las carpetas fuentes/, talleres/, convenios/, esquemas/ y fotos/",
           "unexpected file: only plan.yml, componentes.yml, regiones.yml, README.md and the folders fuentes/, "
           "talleres/, convenios/, esquemas/ and fotos/ belong in datos/")]),
    Caso("archivo-desconocido-en-esquemas", "esquemas/otro.json", lambda texto: "{}",
         [(1, None, "-", "archivo inesperado: en datos/esquemas/ solo van los esquemas «.schema.json» que escribe "
           "scripts/esquemas.py; este termina en «.json»",
           "unexpected file: only the “.schema.json” schemas written by scripts/esquemas.py belong in "
           "datos/esquemas/; this one ends in “.json”")]),
    Caso("id-distinto-del-archivo", t("id-distinto"), cambiar("id: 2012-06-01-id-distinto", "id: 2012-06-01-piura"),
         [(1, 1, "id", "el id «2012-06-01-piura» debe coincidir con el nombre del archivo («2012-06-01-id-distinto»)",
           "the id “2012-06-01-piura” must match the file name (“2012-06-01-id-distinto”)")]),
    # El id (y el nombre del archivo) empieza con la fecha del propio registro
    Caso("fuente-con-id-reservado", "fuentes/index.yml", lambda texto: texto,
         [(1, 1, "id", "el id «index» no se puede usar: es el nombre de la página índice de fuentes/; elija otro",
           "the id “index” cannot be used: it is the name of the index page of fuentes/; choose another")],
         plantilla="id: {id}\norden: 9\nnombre: {{es: Fuente de prueba, en: Test source}}\n"
                   "nombre_en_fuente: Fuente de prueba\nsiglas: {{es: FP, en: TS}}\n"),
    Caso("id-con-otra-fecha", "talleres/2012-06-02-otra-fecha.yml", lambda texto: texto,
         [(1, 1, "id", "el id «2012-06-02-otra-fecha» debe empezar con la fecha de «fecha» y un guion "
           "(«2012-06-01-…»), igual que el nombre del archivo",
           "the id “2012-06-02-otra-fecha” must start with the date in “fecha” and a hyphen (“2012-06-01-…”), "
           "like the file name")]),
    Caso("id-sin-fecha", "talleres/piura.yml", lambda texto: texto,
         [(1, 1, "id", "el id «piura» debe empezar con la fecha de «fecha» y un guion («2012-06-01-…»), "
           "igual que el nombre del archivo",
           "the id “piura” must start with the date in “fecha” and a hyphen (“2012-06-01-…”), like the file name")]),
    Caso("convenio-id-con-otra-fecha", "convenios/2012-05-11-otra-fecha.yml", lambda texto: texto,
         [(1, 1, "id", "el id «2012-05-11-otra-fecha» debe empezar con la fecha de «fecha_firma» y un guion "
           "(«2012-05-10-…»), igual que el nombre del archivo",
           "the id “2012-05-11-otra-fecha” must start with the date in “fecha_firma” and a hyphen (“2012-05-10-…”), "
           "like the file name")], plantilla=CONVENIO),
    Caso("id-con-tildes", "talleres/2012-06-01-Piurá.yml", lambda texto: texto,
         [(1, 1, "id", "identificador no válido «2012-06-01-Piurá»: use solo minúsculas sin tildes, cifras y guiones (por ejemplo 2011-03-11-callao)",
           "invalid identifier “2012-06-01-Piurá”: use only lowercase letters without accents, digits and hyphens (for example 2011-03-11-callao)"),
          (1, 1, "id", "el nombre del archivo «2012-06-01-Piurá.yml» no es válido (un nombre válido lleva solo minúsculas sin "
           "tildes, cifras y guiones, y empieza con la fecha de «fecha», 2012-06-01): cámbielo a «2012-06-01-piura.yml», "
           "y el id a «2012-06-01-piura»",
           "the file name “2012-06-01-Piurá.yml” is not valid (a valid name has only lowercase letters without accents, "
           "digits and hyphens, and starts with the date in “fecha”, 2012-06-01): rename it to “2012-06-01-piura.yml”, "
           "and the id to “2012-06-01-piura”")]),
    Caso("participantes-negativo", t("negativo"), cambiar("participantes: 20", "participantes: -3"),
         [(11, 1, "participantes", "no puede ser negativo (se encontró -3)", "cannot be negative (found -3)")]),
    Caso("participantes-fraccionario", t("fraccion"), cambiar("participantes: 20", "participantes: 12.5"),
         [(11, 1, "participantes", ENTERO_ES.format(12.5), ENTERO_EN.format(12.5))]),
    Caso("falta-traduccion-es-aviso", t("traduccion"), cambiar("  en: 20 participants\n", ""),
         [(12, 1, "representacion.en",
           "aviso: falta la traducción al inglés (en): la página en ese idioma muestra el texto original y lo dice",
           "warning: the English (en) translation is missing: the page in that language shows the original text "
           "and says so")]),
    Caso("falta-original", t("original"), cambiar("  es: 20 participantes\n", ""),
         [(12, 1, "representacion.es", "falta el texto en español (es)", "the text in Spanish (es) is missing")]),
    Caso("traduccion-vacia", t("traduccion-vacia"), cambiar("  en: Test workshop", '  en: ""'),
         [(6, 3, "nombre.en", "no puede estar vacío", "cannot be empty")]),
    Caso("no-utf8", t("latin1"), lambda texto: texto.replace("Piura", "Piurá", 1).encode("latin-1"),
         [(9, 11, "-", "el archivo no está guardado en UTF-8 (carácter no válido, byte 0xE1; suele pasar con tildes o eñes "
           "guardadas como «Windows-1252» o «ISO-8859-1»): guárdelo con la codificación UTF-8",
           "the file is not saved as UTF-8 (invalid character, byte 0xE1; this usually happens with accented letters "
           "saved as “Windows-1252” or “ISO-8859-1”): save it with UTF-8 encoding")]),
    Caso("archivo-vacio", t("vacio"), lambda texto: "",
         [(1, None, "-", "el archivo está vacío", "the file is empty")]),
    Caso("archivo-solo-comentarios", t("comentarios"), lambda texto: "# un taller\n\n",
         [(1, None, "-", "el archivo está vacío", "the file is empty")]),
    Caso("varios-documentos", t("dos-documentos"), lambda texto: texto + "---\nid: otro\n",
         [(16, 1, "-", SINTAXIS_ES + "el archivo tiene más de un documento YAML (una línea «---» en medio): "
           "un archivo es un solo registro",
           SINTAXIS_EN + "the file holds more than one YAML document (a “---” line in the middle): one file is one record")]),
    Caso("archivo-solo-separador", t("separador"), lambda texto: "---\n",
         [(1, None, "-", "el archivo está vacío", "the file is empty")]),
    Caso("campo-con-nombre-numerico", t("clave-numero"), lambda texto: texto + "2012: taller\n",
         [(16, 1, "2012", "el nombre de un campo debe ser un texto (con letras), no un número, una fecha ni una lista",
           "a field name must be text (with letters), not a number, a date or a list")]),
    Caso("etiqueta-python", t("etiqueta"), cambiar("participantes: 20", 'participantes: !!python/object/apply:os.system ["echo hola"]'),
         [(11, 16, "participantes", "etiqueta YAML no permitida (!!python/object/apply:os.system): los datos solo pueden ser "
           "texto, números, fechas, listas y bloques",
           "YAML tag not allowed (!!python/object/apply:os.system): data can only be text, numbers, dates, lists and blocks")]),
    Caso("bomba-de-alias", t("bomba"), lambda texto: bomba_de_alias(9),
         [(2, 10, "-", "no se permiten anclas ni alias YAML (& y *; hay 72 alias en el archivo): escriba cada valor completo",
           "YAML anchors and aliases (& and *) are not allowed (72 aliases in the file): write each value in full")]),
    Caso("clave-repetida", t("clave-repetida"), lambda texto: texto + "fecha: 2012-06-02\n",
         [(16, 1, "fecha", "el campo «fecha» aparece dos veces en el mismo bloque",
           "the field “fecha” appears twice in the same block")]),
    Caso("marcador-sin-llenar", t("marcador"), cambiar("  en: Test workshop", '  en: "POR LLENAR: traducción al inglés"'),
         [(6, 3, "nombre.en", "falta llenar este campo; la plantilla dice: «POR LLENAR: traducción al inglés»",
           "this field has not been filled in; the template says: “POR LLENAR: traducción al inglés”")]),
    # Marca de orden de bytes (BOM) y finales de línea de Windows: se aceptan y las líneas siguen bien contadas.
    Caso("bom-con-error", t("bom"), lambda texto: ("\ufeff" + texto.replace("participantes: 20", "participantes: -1")),
         [(11, 1, "participantes", "no puede ser negativo (se encontró -1)", "cannot be negative (found -1)")]),
    Caso("crlf-con-error", t("crlf"), lambda texto: texto.replace("participantes: 20", "participantes: -2").replace("\n", "\r\n"),
         [(11, 1, "participantes", "no puede ser negativo (se encontró -2)", "cannot be negative (found -2)")]),
    Caso("bom-valido", t("bom-valido"), lambda texto: "\ufeff" + texto, []),
    Caso("crlf-valido", t("crlf-valido"), lambda texto: texto.replace("\n", "\r\n"), []),
    # Caracteres que no pueden ir en un texto (XML 1.0 no los admite, o invierten el texto en pantalla)
    Caso("control-de-direccion", t("bidi"), cambiar("  es: Taller de prueba", "  es: Taller \u202ede prueba"),
         [(5, 7, "nombre.es", CARACTER_ES.format("U+202E", "control de dirección del texto: RIGHT-TO-LEFT OVERRIDE"),
           CARACTER_EN.format("U+202E", "text direction control: RIGHT-TO-LEFT OVERRIDE"))]),
    Caso("aislamiento-de-direccion", t("aislamiento"), cambiar("  es: Piura", "  es: \u2066Piura"),
         [(9, 7, "lugar.es", CARACTER_ES.format("U+2066", "control de dirección del texto: LEFT-TO-RIGHT ISOLATE"),
           CARACTER_EN.format("U+2066", "text direction control: LEFT-TO-RIGHT ISOLATE"))]),
    Caso("escape-esc", t("esc"), cambiar("  en: Test workshop", '  en: "Test\\e workshop"'),
         [(6, 7, "nombre.en", CARACTER_ES.format("U+001B", "control invisible"),
           CARACTER_EN.format("U+001B", "invisible control character"))]),
    Caso("escape-nul", t("nul"), cambiar("  en: Test workshop", '  en: "Test\\0 workshop"'),
         [(6, 7, "nombre.en", CARACTER_ES.format("U+0000", "control invisible"),
           CARACTER_EN.format("U+0000", "invisible control character"))]),
    Caso("escape-retorno-de-carro", t("retorno"), cambiar("  en: 20 participants", '  en: "20\\rparticipants"'),
         [(14, 7, "representacion.en", CARACTER_ES.format("U+000D", "control invisible"),
           CARACTER_EN.format("U+000D", "invisible control character"))]),
    Caso("escape-no-caracter", t("no-caracter"), cambiar("  es: 20 participantes", '  es: "20 participantes\\uFFFF"'),
         [(13, 7, "representacion.es", CARACTER_ES.format("U+FFFF", "no es un carácter de texto"),
           CARACTER_EN.format("U+FFFF", "not a text character"))]),
    # sin comillas, el lector de YAML lo rechaza antes: se señala dónde está
    Caso("tabulador-vertical", t("tab-vertical"), cambiar("  en: Test workshop", "  en: Test\x0bworkshop"),
         [(6, 11, "-", CARACTER_ES.format("U+000B", "control invisible"),
           CARACTER_EN.format("U+000B", "invisible control character"))]),
    Caso("control-crudo-tras-tildes", t("esc-crudo"), cambiar("  es: Taller de prueba", "  es: Taller de búsqueda\x1b"),
         [(5, 25, "-", CARACTER_ES.format("U+001B", "control invisible"),
           CARACTER_EN.format("U+001B", "invisible control character"))]),
    Caso("control-en-un-campo", t("control-campo"), lambda texto: texto + '"nota\\e": x\n',
         [(16, 1, "nota\\u001b", CARACTER_ES.format("U+001B", "control invisible"),
           CARACTER_EN.format("U+001B", "invisible control character"))]),
    # Un valor con un salto de línea sale escapado en el mensaje: no puede fingir otra línea
    Caso("salto-de-linea-en-el-mensaje", t("salto"), cambiar("participantes: 20", 'participantes: "20\\nDatos válidos."'),
         [(11, 1, "participantes", ENTERO_ES.format("20\\nDatos válidos."), ENTERO_EN.format("20\\nDatos válidos."))]),
    # Cientos de niveles anidados: un mensaje, no un RecursionError (ni minutos de espera)
    Caso("anidamiento-de-listas", t("listas"), cambiar('regiones: ["20"]', "regiones: " + "[" * 500 + '"20"' + "]" * 500),
         [(15, 30, "-", PROFUNDO_ES, PROFUNDO_EN)]),
    Caso("anidamiento-de-bloques", t("bloques"),
         lambda texto: texto + "".join("  " * i + f"n{i}:\n" for i in range(40)) + "  " * 40 + "x\n",
         [(36, 41, "-", PROFUNDO_ES, PROFUNDO_EN)]),
    # Convenios
    Caso("convenio-documento-javascript", "convenios/2012-05-10-javascript.yml",
         cambiar("https://example.org/convenio.pdf", '"javascript:alert(1)"'),
         [(13, 1, "documento", "debe ser una dirección web completa que empiece con https:// (se encontró «javascript:alert(1)»)",
           "must be a full web address starting with https:// (found “javascript:alert(1)”)")], plantilla=CONVENIO),
    Caso("convenio-valor-no-permitido", "convenios/2012-05-10-estado.yml", cambiar("estado: vigente", "estado: activo"),
         [(12, 1, "estado", "valor no permitido «activo»; los permitidos son: «vigente», «vencido» o «resuelto»",
           "value not allowed “activo”; allowed values are: “vigente”, “vencido” or “resuelto”")], plantilla=CONVENIO),
    Caso("convenio-vigencia-anterior", "convenios/2012-05-10-vigencia.yml", cambiar("2014-12-31", "2010-01-01"),
         [(8, 1, "vigencia_hasta", "la vigencia (2010-01-01) termina antes de la fecha de firma (2012-05-10)",
           "the validity (2010-01-01) ends before the signing date (2012-05-10)")], plantilla=CONVENIO),
    Caso("convenio-vigencia-improbable", "convenios/2012-05-10-vigencia-improbable.yml", cambiar("2014-12-31", "2214-12-31"),
         [(8, 1, "vigencia_hasta", "la fecha 2214-12-31 no es posible: el año debe estar entre 1970 y 2099 (¿una errata?)",
           "the date 2214-12-31 is not possible: the year must be between 1970 and 2099 (a typo?)")], plantilla=CONVENIO),
    Caso("convenio-region-inexistente", "convenios/2012-05-10-region.yml", cambiar('region: "20"', 'region: "30"'),
         [(6, 1, "region", "«30» no existe en las regiones; los valores válidos están en datos/regiones.yml",
           "“30” does not exist in the regions; valid values are in datos/regiones.yml")], plantilla=CONVENIO),
]


def _copia(tmp_path: Path) -> Path:
    destino = tmp_path / "datos"
    shutil.copytree(DATOS, destino)
    return destino


def test_los_nombres_de_caso_son_unicos():
    assert len({c.nombre for c in CASOS}) == len(CASOS)
    assert len({c.archivo for c in CASOS}) == len(CASOS)


@pytest.mark.parametrize("caso", CASOS, ids=lambda c: c.nombre)
def test_caso(caso: Caso, tmp_path):
    carpeta = _copia(tmp_path)
    caso.escribir(carpeta)
    problemas = validar(carpeta)
    assert [p.texto("es") for p in problemas] == caso.lineas("es")
    assert [p.texto("en") for p in problemas] == caso.lineas("en")


@pytest.fixture(scope="module")
def todos_los_casos(tmp_path_factory) -> Path:
    carpeta = _copia(tmp_path_factory.mktemp("casos"))
    for caso in CASOS:
        caso.escribir(carpeta)
    return carpeta


def _validar_cli(carpeta: Path, *extra: str) -> subprocess.CompletedProcess:
    return sin_avisos_de_linea_del_editor(subprocess.run(
        [sys.executable, str(RAIZ / "scripts" / "validar.py"), str(carpeta), *extra],
        capture_output=True, text=True, timeout=120))


@pytest.mark.parametrize("idioma", ["es", "en"])
def test_el_validador_informa_de_todos_a_la_vez(todos_los_casos, idioma):
    resultado = _validar_cli(todos_los_casos, "--lang", idioma)
    assert resultado.returncode == 1
    esperado = sorted(linea for caso in CASOS for linea in caso.lineas(idioma))
    assert sorted(resultado.stdout.splitlines()) == esperado
    avisos = sum(1 for l in esperado if ": aviso: " in l or ": warning: " in l)
    errores = len(esperado) - avisos
    resumen = f"{errores} error(es), {avisos} aviso(s)" if idioma == "es" else f"{errores} error(s), {avisos} warning(s)"
    assert resultado.stderr.strip() == resumen


@pytest.mark.sitio
def test_la_compilacion_informa_de_todos_a_la_vez(todos_los_casos, tmp_path):
    resultado = compilar(tmp_path / "site", todos_los_casos)
    assert resultado.returncode != 0
    salida = resultado.stdout + resultado.stderr
    errores = [l for caso in CASOS for l in caso.lineas("es") if ": aviso: " not in l]
    faltan = [l for l in errores if l not in salida]
    assert faltan == []
    assert f"Los datos tienen {len(errores)} error(es)" in salida


def test_un_aviso_solo_no_impide_publicar(tmp_path):
    carpeta = _copia(tmp_path)
    caso = next(c for c in CASOS if c.nombre == "fecha-fuera-del-periodo-es-aviso")
    caso.escribir(carpeta)
    resultado = _validar_cli(carpeta)
    assert resultado.returncode == 0
    assert resultado.stdout.splitlines() == caso.lineas("es")


def test_la_bomba_de_alias_se_rechaza_enseguida(tmp_path):
    """30 niveles de 9 alias: expandirla pediría 9**30 valores. Debe volver, y con un error."""
    carpeta = _copia(tmp_path)
    (carpeta / "talleres" / "2012-06-01-bomba.yml").write_text(bomba_de_alias(30), encoding="utf-8")
    resultado = _validar_cli(carpeta)  # con un límite de tiempo generoso: no debe colgarse
    assert resultado.returncode == 1
    assert resultado.stdout.splitlines() == [
        "datos/talleres/2012-06-01-bomba.yml:2:10: -: no se permiten anclas ni alias YAML "
        "(& y *; hay 261 alias en el archivo): escriba cada valor completo"]


def test_falta_un_archivo_obligatorio(tmp_path):
    carpeta = _copia(tmp_path)
    (carpeta / "regiones.yml").unlink()
    resultado = _validar_cli(carpeta, "--lang", "en")
    assert resultado.returncode == 1
    assert "datos/regiones.yml:1: -: the required file “regiones.yml” is missing" in resultado.stdout.splitlines()
