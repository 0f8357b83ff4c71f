"""Problemas encontrados en los datos: archivo, línea, campo y motivo.

Cada problema lleva un código; su texto, en español o en inglés, sale del
catálogo ``MENSAJES``. Así el validador, la compilación y las pruebas dicen lo
mismo con las mismas palabras.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MENSAJES: dict[str, dict[str, str]] = {
    "yaml-sintaxis": {
        "es": "error de sintaxis YAML: {detalle}",
        "en": "YAML syntax error: {detalle_en}",
    },
    "yaml-tabulador": {
        "es": "hay un tabulador; en YAML la sangría se hace solo con espacios",
        "en": "there is a tab character; YAML indentation uses spaces only",
    },
    "yaml-etiqueta": {
        "es": "etiqueta YAML no permitida ({etiqueta}): los datos solo pueden ser texto, números, fechas, listas y bloques",
        "en": "YAML tag not allowed ({etiqueta}): data can only be text, numbers, dates, lists and blocks",
    },
    "yaml-alias": {
        "es": "no se permiten anclas ni alias YAML (& y *; hay {cuantos} alias en el archivo): escriba cada valor completo",
        "en": "YAML anchors and aliases (& and *) are not allowed ({cuantos} aliases in the file): write each value in full",
    },
    "yaml-clave-repetida": {
        "es": "el campo «{clave}» aparece dos veces en el mismo bloque",
        "en": "the field “{clave}” appears twice in the same block",
    },
    "yaml-clave-no-texto": {
        "es": "el nombre de un campo debe ser un texto (con letras), no un número, una fecha ni una lista",
        "en": "a field name must be text (with letters), not a number, a date or a list",
    },
    "archivo-vacio": {
        "es": "el archivo está vacío",
        "en": "the file is empty",
    },
    "archivo-no-utf8": {
        "es": "el archivo no está guardado en UTF-8 (carácter no válido, byte {byte}; suele pasar con tildes o eñes guardadas como «Windows-1252» o «ISO-8859-1»): guárdelo con la codificación UTF-8",
        "en": "the file is not saved as UTF-8 (invalid character, byte {byte}; this usually happens with accented letters saved as “Windows-1252” or “ISO-8859-1”): save it with UTF-8 encoding",
    },
    "archivo-demasiado-grande": {
        "es": "el archivo es demasiado grande ({tamano} bytes; máximo {maximo})",
        "en": "the file is too large ({tamano} bytes; maximum {maximo})",
    },
    "archivo-falta": {
        "es": "falta el archivo obligatorio «{nombre}»",
        "en": "the required file “{nombre}” is missing",
    },
    "archivo-ilegible": {
        "es": "no se puede leer el archivo ({detalle}): compruebe que es un archivo normal y tiene permiso de lectura",
        "en": "the file cannot be read ({detalle_en}): check that it is a regular file and can be read",
    },
    "archivo-inesperado": {
        "es": "archivo inesperado: {motivo}",
        "en": "unexpected file: {motivo_en}",
    },
    "extension-yml": {
        "es": "la extensión debe ser «.yml», en minúsculas (el archivo termina en «{extension}» y no se leería): cambie el nombre a «{esperado}»",
        "en": "the extension must be “.yml”, in lowercase (the file ends in “{extension}” and would not be read): rename it to “{esperado}”",
    },
    "carpeta-inesperada": {
        "es": "aquí no puede haber una carpeta: {motivo}",
        "en": "there cannot be a folder here: {motivo_en}",
    },
    "enlace-simbolico": {
        "es": "es un enlace simbólico{destino}: en datos/ solo valen archivos y carpetas reales (un enlace podría publicar archivos de fuera del repositorio); ponga en su lugar el archivo o la carpeta de verdad",
        "en": "it is a symbolic link{destino_en}: only real files and folders are allowed in datos/ (a link could publish files from outside the repository); put the real file or folder in its place",
    },
    "archivo-no-regular": {
        "es": "no es un archivo normal (es {tipo}): en datos/ solo valen archivos de texto, imágenes y carpetas",
        "en": "it is not a regular file (it is {tipo_en}): only text files, images and folders are allowed in datos/",
    },
    "coleccion-vacia": {
        "es": "no hay ninguna {cosa} en {carpeta}: {motivo}",
        "en": "there is no {cosa_en} in {carpeta}: {motivo_en}",
    },
    "yaml-demasiado-profundo": {
        "es": "hay demasiados niveles anidados (más de {maximo} listas o bloques uno dentro de otro): ningún registro necesita tantos; revise los corchetes y la sangría",
        "en": "there are too many nested levels (more than {maximo} lists or blocks one inside another): no record needs that many; check the brackets and the indentation",
    },
    "caracter-no-permitido": {
        "es": "contiene el carácter {caracter} ({descripcion}), que no se permite en los textos: bórrelo (suele llegar al copiar y pegar)",
        "en": "contains the character {caracter} ({descripcion_en}), which is not allowed in texts: delete it (it usually arrives by copy and paste)",
    },
    "fecha-imposible": {
        "es": "fecha imposible «{valor}»: {detalle}",
        "en": "impossible date “{valor}”: {detalle_en}",
    },
    "falta-campo": {
        "es": "falta este campo obligatorio",
        "en": "this required field is missing",
    },
    "falta-traduccion": {
        "es": "falta el texto en {idioma_nombre} ({idioma})",
        "en": "the text in {idioma_nombre_en} ({idioma}) is missing",
    },
    "campo-desconocido": {
        "es": "campo desconocido{sugerencia_es}",
        "en": "unknown field{sugerencia_en}",
    },
    "tipo-entero": {
        "es": "debe ser un número entero, sin decimales ni comillas (se encontró «{valor}»)",
        "en": "must be a whole number, without decimals or quotes (found “{valor}”)",
    },
    "no-negativo": {
        "es": "no puede ser negativo (se encontró {valor})",
        "en": "cannot be negative (found {valor})",
    },
    "tipo-texto": {
        "es": "debe ser un texto (se encontró «{valor}»)",
        "en": "must be text (found “{valor}”)",
    },
    "falta-valor": {
        "es": "falta el valor (está vacío o es null): este campo no puede quedar vacío",
        "en": "the value is missing (empty or null): this field cannot be left empty",
    },
    "marcador-sin-llenar": {
        "es": "falta llenar este campo; la plantilla dice: «{valor}»",
        "en": "this field has not been filled in; the template says: “{valor}”",
    },
    "texto-vacio": {
        "es": "no puede estar vacío",
        "en": "cannot be empty",
    },
    "tipo-fecha": {
        "es": "debe ser una fecha real con el formato AAAA-MM-DD, sin comillas (se encontró «{valor}»)",
        "en": "must be a real date in the form YYYY-MM-DD, without quotes (found “{valor}”)",
    },
    "tipo-lista": {
        "es": "debe ser una lista (cada elemento en una línea que empieza con «- »)",
        "en": "must be a list (each item on a line starting with “- ”)",
    },
    "tipo-bloque": {
        "es": "debe ser un bloque de campos «clave: valor»",
        "en": "must be a block of “key: value” fields",
    },
    "valor-no-permitido": {
        "es": "valor no permitido «{valor}»; los permitidos son: {permitidos}",
        "en": "value not allowed “{valor}”; allowed values are: {permitidos_en}",
    },
    "formato-id": {
        "es": "identificador no válido «{valor}»: use solo minúsculas sin tildes, cifras y guiones (por ejemplo {ejemplo})",
        "en": "invalid identifier “{valor}”: use only lowercase letters without accents, digits and hyphens (for example {ejemplo})",
    },
    "formato-region": {
        "es": "código de región no válido «{valor}»: use el código UBIGEO entre comillas, por ejemplo \"07\" o \"1501\"",
        "en": "invalid region code “{valor}”: use the UBIGEO code in quotes, for example \"07\" or \"1501\"",
    },
    "formato-foto": {
        "es": "ruta de imagen no válida «{valor}»: use minúsculas sin tildes, cifras, guiones y «/» entre carpetas, terminada en .jpg, .jpeg, .png o .webp (por ejemplo callao/taller-1.jpg)",
        "en": "invalid image path “{valor}”: use lowercase letters without accents, digits, hyphens and “/” between folders, ending in .jpg, .jpeg, .png or .webp (for example callao/taller-1.jpg)",
    },
    "formato-url": {
        "es": "debe ser una dirección web completa que empiece con https:// (se encontró «{valor}»)",
        "en": "must be a full web address starting with https:// (found “{valor}”)",
    },
    "valor-invalido": {
        "es": "valor no válido: {detalle}",
        "en": "invalid value: {detalle_en}",
    },
    "id-no-coincide": {
        "es": "el id «{valor}» debe coincidir con el nombre del archivo («{esperado}»)",
        "en": "the id “{valor}” must match the file name (“{esperado}”)",
    },
    "id-reservado": {
        "es": "el id «{valor}» no se puede usar: es el nombre de la página índice de {carpeta}/; elija otro",
        "en": "the id “{valor}” cannot be used: it is the name of the index page of {carpeta}/; choose another",
    },
    "id-duplicado": {
        "es": "el id «{valor}» ya se usa en {otro}",
        "en": "the id “{valor}” is already used in {otro}",
    },
    "id-sin-fecha": {
        "es": "el id «{valor}» debe empezar con la fecha de «{campo_fecha}» y un guion («{fecha}-…»), igual que el nombre del archivo",
        "en": "the id “{valor}” must start with the date in “{campo_fecha}” and a hyphen (“{fecha}-…”), like the file name",
    },
    "taller-repetido": {
        "es": "este taller repite la fecha ({fecha}) y el lugar («{lugar}») del de {otro}: si es el mismo taller, deje un solo archivo",
        "en": "this workshop repeats the date ({fecha}) and the place (“{lugar}”) of the one in {otro}: if it is the same workshop, keep a single file",
    },
    "orden-repetido": {
        "es": "la fila {valor} de la tabla de la fuente ya es la del taller de {otro}: cada fila es un solo taller",
        "en": "row {valor} of the source's table is already the workshop in {otro}: each row is a single workshop",
    },
    "referencia-inexistente": {
        "es": "«{valor}» no existe en {coleccion}; los valores válidos están en {archivo}",
        "en": "“{valor}” does not exist in {coleccion_en}; valid values are in {archivo}",
    },
    "region-repetida": {
        "es": "la región «{valor}» figura más de una vez",
        "en": "the region “{valor}” is listed more than once",
    },
    "fecha-fuera-de-periodo": {
        "es": "la fecha {valor} está fuera del período del plan ({inicio}-{fin}); revise que sea correcta",
        "en": "the date {valor} is outside the plan's period ({inicio}-{fin}); check that it is right",
    },
    "fecha-improbable": {
        "es": "la fecha {valor} no es posible: el año debe estar entre {desde} y {hasta} (¿una errata?)",
        "en": "the date {valor} is not possible: the year must be between {desde} and {hasta} (a typo?)",
    },
    "vigencia-anterior": {
        "es": "la vigencia ({valor}) termina antes de la fecha de firma ({firma})",
        "en": "the validity ({valor}) ends before the signing date ({firma})",
    },
    "archivo-foto-falta": {
        "es": "no existe el archivo de imagen «{valor}» (se busca en {carpeta})",
        "en": "the image file “{valor}” does not exist (looked for in {carpeta})",
    },
    "foto-ruta-con-puntos": {
        "es": "la ruta «{valor}» tiene una parte vacía, «.» o «..»: escriba la ruta directa dentro de {carpeta}, por ejemplo callao/taller-1.jpg",
        "en": "the path “{valor}” has an empty, “.” or “..” part: write the direct path inside {carpeta}, for example callao/taller-1.jpg",
    },
    "foto-enlace": {
        "es": "la foto «{valor}» pasa por un enlace simbólico ({enlace}): solo se publican archivos reales que están dentro de {carpeta}",
        "en": "the photo “{valor}” goes through a symbolic link ({enlace}): only real files inside {carpeta} are published",
    },
    "foto-demasiado-grande": {
        "es": "la foto «{valor}» pesa {tamano} bytes; el máximo es {maximo} bytes ({maximo_mb} MB): redúzcala antes de añadirla",
        "en": "the photo “{valor}” is {tamano} bytes; the maximum is {maximo} bytes ({maximo_mb} MB): make it smaller before adding it",
    },
    "foto-tipo-no-valido": {
        "es": "«{valor}» no es una imagen JPEG, PNG o WebP válida ({detalle}): guárdela en uno de esos formatos",
        "en": "“{valor}” is not a valid JPEG, PNG or WebP image ({detalle_en}): save it in one of those formats",
    },
    "foto-extension": {
        "es": "la foto «{valor}» es {formato} por su contenido, pero su extensión dice otra cosa: llámela «….{extension}»",
        "en": "the photo “{valor}” is {formato} by its content, but its extension says otherwise: name it “….{extension}”",
    },
}

NOMBRES_IDIOMA = {"es": ("español", "Spanish"), "en": ("inglés", "English")}

# Lo que un valor de los datos (o un nombre de archivo) no puede llevar tal cual a un mensaje:
# saltos de línea y demás controles, separadores de línea, controles de dirección del texto,
# no-caracteres y sustitutos sueltos. Así un valor no puede partir la línea del mensaje ni
# imprimir una línea falsa («Datos válidos.») en la salida del validador o de la compilación.
_NO_IMPRIMIBLES = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                             "\ufffe\uffff\ud800-\udfff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escapar(texto: str) -> str:
    """``texto`` en una sola línea visible: ``\\n``, ``\\t``, ``\\u202e``... en vez del carácter."""
    return _NO_IMPRIMIBLES.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), texto)


@dataclass(frozen=True)
class Problema:
    """Un problema de los datos, con su ubicación."""

    ruta: str
    linea: int
    campo: str
    codigo: str
    datos: dict = field(default_factory=dict, compare=False, hash=False)
    columna: int | None = None
    nivel: str = "error"  # "error" detiene la compilación; "aviso" solo se informa

    def mensaje(self, idioma: str = "es") -> str:
        # el único lugar donde los valores entran en un mensaje: se escapan aquí
        datos = {k: escapar(v) if isinstance(v, str) else v for k, v in self.datos.items()}
        return MENSAJES[self.codigo][idioma].format(**datos)

    @property
    def ruta_visible(self) -> str:
        """La ruta, escapada como los valores (un nombre de archivo puede llevar un salto de línea)."""
        return escapar(self.ruta)

    @property
    def campo_visible(self) -> str:
        """El campo, escapado (un nombre de campo viene de los datos); «-» si no hay."""
        return escapar(self.campo) or "-"

    def texto(self, idioma: str = "es") -> str:
        """``ruta:línea: campo: mensaje``, la línea que muestran validador y compilación."""
        lugar = f"{self.ruta_visible}:{self.linea}"
        if self.columna:
            lugar += f":{self.columna}"
        prefijo = "" if self.nivel == "error" else ("aviso: " if idioma == "es" else "warning: ")
        return f"{lugar}: {self.campo_visible}: {prefijo}{self.mensaje(idioma)}"

    def __str__(self) -> str:
        return self.texto("es")

    @property
    def es_error(self) -> bool:
        return self.nivel == "error"


class DatosInvalidos(Exception):
    """Los datos tienen errores: la compilación se detiene y los enumera todos."""

    def __init__(self, problemas: list[Problema]):
        self.problemas = problemas
        errores = [p for p in problemas if p.es_error]
        lineas = "\n".join(p.texto("es") for p in errores)
        super().__init__(f"Los datos tienen {len(errores)} error(es):\n{lineas}")
