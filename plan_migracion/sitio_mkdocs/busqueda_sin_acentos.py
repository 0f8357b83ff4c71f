"""Una búsqueda que perdona los acentos y las mayúsculas: «Junin», «junín» y «JUNÍN» encuentran las
mismas páginas, y también «apurimac», «canete» y «ancash» (frente a «Apurímac», «Cañete», «Áncash»).
Sin MkDocs: trabaja sobre el índice de búsqueda de Material ya escrito (``{"config", "docs"}``).

Qué hace la búsqueda de Material (lunr, en un *web worker*) y por qué fallaba:

- Las mayúsculas ya se perdonan: el separador de palabras de Material y el analizador de consultas
  de lunr pasan todo a minúsculas.
- Los acentos no. Material añade ``*`` a cada palabra de la consulta («junin» → ``junin*``, para
  encontrar palabras que empiezan así) y lunr no pasa por su *pipeline* las palabras con ``*``:
  la consulta se compara tal cual con las palabras del índice. Con ``pipeline: [stopWordFilter]``
  (lo que Material elige para ``es`` y ``en``) el índice guarda «junín», y ``junin*`` no la
  encuentra. El *stemmer* español sí quita los acentos («junín» → «junin»), pero solo al indexar:
  con él, «junín» (``junín*``) dejaría de encontrar nada, «cañete» queda «cañet» y el *stemmer*
  inglés no quita ninguno.

Lo que se descartó, y por qué:

- ``separator`` (opción de Material) solo corta palabras, no cambia letras.
- ``pipeline`` solo quita funciones de lunr (``stemmer``, ``stopWordFilter``, ``trimmer``); no
  añade una que quite acentos, y la consulta con ``*`` no pasa por ella.
- Un script propio (``extra_javascript``): Material 9.8 no ofrece ningún gancho para transformar
  la consulta (ni documentado ni en su JavaScript: ``document$`` y los demás avisan de cambios de
  página, no de consultas), y la consulta se analiza dentro del *worker*. Habría que reescribir lo que el visitante escribe en la casilla (vería desaparecer sus
  acentos) o envolver el *worker* de Material (depender de su protocolo interno de mensajes y de
  la ruta de sus archivos ``lunr.*.js``).

Lo que se hace: cada entrada del índice lleva, además de ``title`` y ``text`` (lo que Material
muestra, intactos: los resultados siguen con sus acentos), dos campos que Material indexa pero no
muestra, :data:`CAMPOS`: el *worker* de Material indexa los campos que declara ``config.fields`` del
índice (lo escribe ahí la opción ``fields`` de su complemento de búsqueda, que está en el esquema de
configuración de Material 9 aunque su documentación no la describe) y solo dibuja ``title``,
``text`` y ``tags``. Si una versión futura de Material dejara de hacerlo, lo dice
``tests/test_busqueda_acentos.py`` (en Chromium). En ellos van, de cada palabra del título o del
texto que se escribe de más de una forma, todas sus grafías: sin acentos («junin», «apurimac»,
«canete») y con los que tenga en cualquier parte del índice de ese idioma (una página que escribe
«JUNIN» sin tilde recibe «junín»), para que la consulta con o sin acentos encuentre lo mismo.
Sin JavaScript propio ni peticiones a otro servidor; los campos nuevos llevan el peso (``boost``)
de ``title`` y ``text``.

Lo que no hace: con una consulta sin acentos, Material no resalta (``<mark>``) la palabra en el texto
del resultado (la coincidencia está en el campo oculto), ni en la página de destino
(``search.highlight``).

Dónde se llama: a :func:`indice_sin_acentos` se le da el índice de UN idioma justo antes de
escribirlo (cada idioma con su vocabulario): hoy en
:func:`plan_migracion.sitio_mkdocs.postproceso.separar_busqueda`. Quien escriba otro índice de
búsqueda (por ejemplo, con entradas que salen de los datos) lo pasa por aquí antes de escribirlo.
"""

from __future__ import annotations

import re
import unicodedata

# Campo de Material → su campo sin acentos (el nombre no importa a Material; no se muestra).
CAMPOS = {"title": "title_sin_acentos", "text": "text_sin_acentos"}

_ETIQUETA = re.compile(r"<[^>]*>")
_SEPARADOR_POR_OMISION = r"[\s\-]+"
_SIGNOS = re.compile(r"^\W+|\W+$")  # signos al principio o al final de una palabra
# Las marcas diacríticas combinables (tilde, acento, diéresis...: U+0300-U+036F), las del alfabeto
# latino. No se tocan las de otras escrituras (las vocales del devanagari, por ejemplo, son marcas).
_DIACRITICO = re.compile("[\u0300-\u036f]")


def plegar(texto: str) -> str:
    """``texto`` en minúsculas y sin acentos ni otras marcas: «JUNÍN» → «junin», «Cañete» → «canete»,
    «Áncash» → «ancash»."""
    return unicodedata.normalize("NFC", _DIACRITICO.sub("", unicodedata.normalize("NFD", texto.lower())))


def _separador(config: dict) -> re.Pattern:
    """El separador de palabras del índice (``config.separator`` de Material), si Python lo entiende."""
    try:
        return re.compile(config.get("separator") or _SEPARADOR_POR_OMISION)
    except re.error:
        return re.compile(_SEPARADOR_POR_OMISION)


def _palabras(valor, separador: re.Pattern) -> dict[str, bool]:
    """Las palabras de un campo como las separa Material (fuera las etiquetas HTML, cortadas con el
    separador del índice, en minúsculas), sin los signos de sus extremos («(Junín),» → «junín»), y si
    alguna vez va sin signo delante (entonces Material la encuentra: «junín,» empieza por «junín»)."""
    palabras: dict[str, bool] = {}
    if not isinstance(valor, str):
        return palabras
    for trozo in separador.split(unicodedata.normalize("NFC", _ETIQUETA.sub(" ", valor).lower())):
        if trozo[:1].isalnum() and trozo[-1:].isalnum():  # (lo común, y más rápido)
            palabras[trozo] = True
        elif palabra := _SIGNOS.sub("", trozo):
            palabras[palabra] = palabras.get(palabra, False) or trozo.startswith(palabra)
    return palabras


def indice_sin_acentos(indice: dict) -> dict:
    """Una copia de ``indice`` (``{"config": ..., "docs": [...]}`` de un idioma) en la que cada entrada
    lleva los campos de :data:`CAMPOS` que le hagan falta, y ``config.fields`` los declara con el peso
    de su campo original. ``title`` y ``text`` no cambian."""
    config = dict(indice.get("config") or {})
    separador = _separador(config)
    palabras = [{o: _palabras(entrada.get(o), separador) for o in CAMPOS} for entrada in indice["docs"]]

    # Cada palabra sin acentos → las grafías con que aparece en este índice (y ella misma).
    plegadas: dict[str, str] = {}
    grafias: dict[str, set[str]] = {}
    for de_la_entrada in palabras:
        for propias in de_la_entrada.values():
            for palabra in propias:
                if palabra not in plegadas:
                    plegadas[palabra] = sin_acentos = plegar(palabra)
                    grafias.setdefault(sin_acentos, {sin_acentos}).add(palabra)

    docs = []
    for entrada, de_la_entrada in zip(indice["docs"], palabras):
        nueva = dict(entrada)
        for original, campo in CAMPOS.items():
            # Las grafías de cada palabra que tiene más de una, salvo las que el campo ya tiene al
            # principio de una palabra (una pegada a un signo, «(Junín)», Material no la encontraría).
            propias = de_la_entrada[original]
            variantes = set()
            for palabra in propias:
                if len(todas := grafias[plegadas[palabra]]) > 1:
                    variantes |= todas
            variantes -= {palabra for palabra, a_la_vista in propias.items() if a_la_vista}
            if variantes:
                nueva[campo] = " ".join(sorted(variantes))
        docs.append(nueva)

    fields = dict(config.get("fields") or {})
    for original, campo in CAMPOS.items():
        fields[campo] = dict(fields.get(original) or {"boost": 1.0})
    config["fields"] = fields
    return {**indice, "config": config, "docs": docs}
