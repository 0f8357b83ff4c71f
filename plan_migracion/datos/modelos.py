"""Modelos tipados de los datos del plan (pydantic, modo estricto).

Cada clase describe un tipo de archivo de ``datos/`` o una parte de él. Las
claves van en español, como en los archivos. Los modelos no saben de archivos
ni de líneas: eso lo añade :mod:`plan_migracion.datos` al validar.

Aquí se definen, una sola vez, los hechos que comparten los datos, las vistas y las
salidas: los formatos de los valores (:data:`PATRON_ID`, :data:`PATRON_REGION`...),
:func:`slug` y el lector de los textos de cada idioma (:func:`leer_textos`: una carpeta con un
archivo por idioma, ``vistas/textos/`` y ``datos/mensajes/``). Los idiomas no están aquí: son
configuración (:mod:`.idiomas`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from . import direcciones

try:  # el cargador en C es unas seis veces más rápido
    CargadorYaml = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depende de cómo se instaló PyYAML
    CargadorYaml = yaml.SafeLoader


def leer_textos(carpeta: Path) -> dict[str, dict[str, str | dict[str, str]]]:
    """Los textos de una carpeta con un archivo por idioma (``es.yml``, ``en.yml``...), aplanados:
    ``{"seccion.clave": {"es": ..., "en": ...}}``. Cada archivo tiene el mismo árbol de claves;
    una hoja es un texto o, si depende de una cantidad, sus formas de plural de CLDR (``one``,
    ``other``...). Un archivo al que le falta una clave de otro es un ``ValueError`` que la nombra."""
    planos: dict[str, dict[str, str | dict[str, str]]] = {}
    por_idioma: dict[str, set[str]] = {}
    for ruta in sorted(Path(carpeta).glob("*.yml")):
        idioma = ruta.stem
        claves = por_idioma.setdefault(idioma, set())

        def aplanar(prefijo: str, valor, ruta=ruta, idioma=idioma, claves=claves) -> None:
            if isinstance(valor, str) or (isinstance(valor, dict) and valor and "other" in valor
                                          and all(isinstance(v, str) for v in valor.values())):
                planos.setdefault(prefijo, {})[idioma] = valor
                claves.add(prefijo)
            elif isinstance(valor, dict):
                for clave, sub in valor.items():
                    aplanar(f"{prefijo}.{clave}" if prefijo else str(clave), sub)
            else:
                raise ValueError(f"{ruta}: «{prefijo}» debe ser un texto (o sus formas de plural)")

        aplanar("", yaml.load(ruta.read_text(encoding="utf-8"), Loader=CargadorYaml) or {})
    todas = set(planos)
    for idioma, claves in por_idioma.items():
        if faltan := sorted(todas - claves):
            raise ValueError(f"{Path(carpeta) / (idioma + '.yml')}: faltan textos: {', '.join(faltan[:10])}")
    return planos


# Texto con que empiezan los huecos de una plantilla (scripts/nuevo.py). El validador
# rechaza todo valor que empiece así: un registro a medio llenar no se publica.
MARCADOR = "POR LLENAR"

# Formatos de los valores: los usan la validación (estos tipos), los datos abiertos
# (plan_migracion.salidas.abiertos) y los esquemas JSON y el diccionario (plan_migracion.salidas.esquemas).
PATRON_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"  # identificador: minúsculas sin tildes, cifras y guiones
PATRON_REGION = r"^[0-9]{2}([0-9]{2})?$"  # código UBIGEO: departamento (2 cifras) o Lima (1501)
PATRON_URL = r"^https://[^\s<>\"'`]+$"
# Fotos de las galerías: extensión → formato que debe tener el contenido (según Pillow).
EXTENSIONES_FOTO = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
PATRON_FOTO = r"^[a-z0-9][a-z0-9._/-]*\.(" + "|".join(e.lstrip(".") for e in EXTENSIONES_FOTO) + ")$"


def sin_tildes(texto: str) -> str:
    """«San Martín» → «San Martin»: sin tildes ni otras marcas sobre las letras."""
    return "".join(c for c in unicodedata.normalize("NFKD", texto) if not unicodedata.combining(c))


def slug(texto: str) -> str:
    """«San Martín de Porres» → ``san-martin-de-porres``: un identificador de :data:`PATRON_ID`
    (o ``""`` si el texto no tiene letras ni cifras). Lo usan las direcciones de las regiones
    (:mod:`plan_migracion.vistas.rutas`) y los ids de ``scripts/nuevo.py`` y ``scripts/sintetico.py``."""
    return re.sub(r"[^a-z0-9]+", "-", sin_tildes(texto).lower()).strip("-")


TextoSimple = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=PATRON_ID, max_length=120)]
CodigoRegion = Annotated[str, StringConstraints(pattern=PATRON_REGION)]
# Una dirección que va a donde dice (sin «usuario@», sin invisibles, a un dominio): .direcciones
UrlHttps = Annotated[str, StringConstraints(pattern=PATRON_URL, max_length=2000), AfterValidator(direcciones.revisar)]
RutaImagen = Annotated[str, StringConstraints(pattern=PATRON_FOTO)]


class Modelo(BaseModel):
    """Base común: campos estrictos, ningún campo desconocido, inmutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def campo(titulo: str, descripcion: str, *por_omision, ejemplo=None, **extra):
    """Un campo con título, descripción y ejemplo en español (salen en los esquemas JSON de los
    editores y en el diccionario de datos). Los ejemplos son valores reales de ``datos/``."""
    if ejemplo is not None:
        extra["examples"] = [ejemplo]
    return Field(*por_omision, title=titulo, description=descripcion, **extra)


class Texto(Modelo):
    """Un texto que ve el lector: el original (``es``) y su traducción a cada idioma del sitio
    (``en``...), con el código del idioma como clave. Los idiomas son los de la configuración
    (:mod:`.idiomas`): la validación los recibe en el contexto de pydantic (``{"idiomas": ...}``);
    falta el original o sobra un idioma que no está en la configuración → error. Una traducción
    que falta no es un error: el validador lo avisa y la página lo dice."""

    model_config = ConfigDict(title="Texto en cada idioma", extra="allow")
    __pydantic_extra__: dict[str, TextoSimple]

    @model_validator(mode="before")
    @classmethod
    def _idiomas_configurados(cls, valor, info: ValidationInfo):
        # Antes que los tipos: «participantes: 20» mal sangrado dentro de un texto es un campo
        # desconocido (no «debe ser un texto»).
        idiomas = (info.context or {}).get("idiomas")
        if idiomas is not None and isinstance(valor, dict):
            for clave in valor:
                if clave not in idiomas:
                    raise PydanticCustomError("idioma_desconocido", "idioma no configurado: {clave}", {"clave": clave})
            if idiomas.original not in valor:
                raise PydanticCustomError("falta_original", "falta el original ({idioma})", {"idioma": idiomas.original})
        return valor

    def en_idioma(self, idioma: str) -> str | None:
        """El texto en ``idioma``, o ``None`` si no está traducido."""
        return self.model_extra.get(idioma)


class Periodo(Modelo):
    """Los años del plan."""

    inicio: int = campo("Año de inicio", "Primer año del plan, por ejemplo 2011.")
    fin: int = campo("Año de fin", "Último año del plan, por ejemplo 2014.")
    anios: int = campo("Años", "Duración en años, tal como la dice el documento.")


class Beneficiarios(Modelo):
    """A quiénes beneficia el plan."""

    directos: Texto = campo("Beneficiarios directos", "Texto del documento sobre los beneficiarios directos.")
    indirectos: Texto = campo("Beneficiarios indirectos", "Texto del documento sobre los beneficiarios indirectos.")


class Ambito(Modelo):
    """Dónde se aplica el plan."""

    texto: Texto = campo("Ámbito", "Texto del documento sobre el ámbito de intervención.")
    grupos: int = campo("Grupos", "Número de grupos de intervención que anuncia el documento.")
    nota: Texto = campo("Nota", "Aclaración del sitio sobre lo que el documento no dice.")


class Plan(Modelo):
    """``datos/plan.yml``: las secciones del documento del plan."""

    model_config = ConfigDict(title="Plan (datos/plan.yml)")

    titulo: Texto = campo("Título", "Título completo del plan.")
    institucion: Texto = campo("Institución", "Institución que formula el plan.")
    unidades: list[Texto] = campo("Unidades", "Unidades del ministerio a cargo del plan.", min_length=1)
    base_legal: Texto = campo("Base legal", "Norma en que se basa el plan.")
    periodo: Periodo = campo("Período", "Años de vigencia del plan.")
    numero_componentes: int = campo("Número de componentes", "Cuántos componentes dice tener el plan.")
    presentacion: list[Texto] = campo("Presentación", "Párrafos de la presentación del documento.", min_length=1)
    finalidad: Texto = campo("Finalidad", "Finalidad del plan, citada del documento.")
    objetivo: Texto = campo("Objetivo", "Objetivo del plan, citado del documento.")
    duracion: Texto = campo("Duración", "Duración del plan, citada del documento.")
    beneficiarios: Beneficiarios = campo("Beneficiarios", "Beneficiarios directos e indirectos.")
    ambito: Ambito = campo("Ámbito", "Ámbito de intervención.")


class Componente(Modelo):
    """Una línea de trabajo tal como la describe el documento (citada)."""

    id: Id = campo("Identificador", "Minúsculas sin tildes, cifras y guiones; los talleres y convenios lo citan.",
                   ejemplo="induccion-sensibilizacion")
    titulo: Texto = campo("Título", "Nombre corto de la línea de trabajo.")
    cita: Texto = campo("Cita", "Las palabras del documento que describen esta línea de trabajo.")


class Componentes(Modelo):
    """``datos/componentes.yml``."""

    model_config = ConfigDict(title="Componentes (datos/componentes.yml)")

    nota: Texto = campo("Nota", "Aclaración sobre cómo se obtuvieron los componentes.")
    componentes: list[Componente] = campo("Componentes", "Las líneas de trabajo del plan.", min_length=1)


class Fuente(Modelo):
    """``datos/fuentes/<id>.yml``: una fuente cooperante."""

    model_config = ConfigDict(title="Fuente cooperante (datos/fuentes/<id>.yml)")

    id: Id = campo("Identificador", "Igual al nombre del archivo sin «.yml»; minúsculas sin tildes, cifras y guiones.",
                   ejemplo="oim")
    orden: int = campo("Orden", "Posición en que el documento enumera la fuente (1, 2, 3...).", ejemplo=2)
    nombre: Texto = campo("Nombre", "Nombre del organismo cooperante.")
    nombre_en_fuente: TextoSimple = campo("Nombre en la fuente", "El nombre exactamente como lo escribe el documento.")
    siglas: Texto = campo("Siglas", "Siglas del organismo en cada idioma.")
    observaciones: list[Texto] = campo("Observaciones", "Aclaraciones sobre la fuente o sobre el documento.", [])


class Region(Modelo):
    """Un gobierno regional (código UBIGEO del departamento) o Lima Metropolitana (1501)."""

    id: CodigoRegion = campo("Código UBIGEO", "Código del INEI entre comillas: \"07\" (departamento) o \"1501\" (Lima).",
                              ejemplo="07")
    nombre: Texto = campo("Nombre", "Nombre de la región.")
    tipo: Literal["gobierno-regional", "regimen-especial"] = campo(
        "Tipo", "«gobierno-regional» o «regimen-especial» (Lima Metropolitana).")
    nota: Texto | None = campo("Nota", "Aclaración opcional.", None)


class Regiones(Modelo):
    """``datos/regiones.yml``."""

    model_config = ConfigDict(title="Regiones (datos/regiones.yml)")

    regiones: list[Region] = campo("Regiones", "Los 25 gobiernos regionales y Lima Metropolitana.", min_length=1)


class Foto(Modelo):
    """Una foto de una galería: archivo bajo ``datos/fotos/``, con pie y texto alternativo."""

    archivo: RutaImagen = campo("Archivo", "Ruta de la imagen dentro de datos/fotos/ (jpg, png o webp), en minúsculas.")
    pie: Texto = campo("Pie de foto", "Texto que se muestra bajo la foto.")
    alt: Texto = campo("Texto alternativo", "Descripción de la imagen para quien no la ve.")


class Taller(Modelo):
    """``datos/talleres/<id>.yml``: un taller ejecutado."""

    model_config = ConfigDict(title="Taller (datos/talleres/<fecha>-<lugar>.yml)")

    id: Id = campo("Identificador", "Igual al nombre del archivo sin «.yml»: fecha y lugar, p. ej. 2011-03-11-callao.",
                   ejemplo="2011-03-11-callao")
    orden_en_fuente: int | None = campo("Fila en la fuente", "Número de fila en la tabla de talleres del documento; "
                                        "null si el taller no viene de esa tabla.", None, ejemplo=1)
    fuente: Id = campo("Fuente cooperante", "Identificador de una fuente de datos/fuentes/ (p. ej. oim).",
                         ejemplo="migrandina-oit")
    componente: Id = campo("Componente", "Identificador de un componente de datos/componentes.yml.",
                           ejemplo="induccion-sensibilizacion")
    nombre: Texto = campo("Nombre", "Nombre del taller tal como figura en la fuente.")
    fecha: dt.date = campo("Fecha", "Fecha del taller, AAAA-MM-DD sin comillas. Fuera de 2011-2014 da un aviso.",
                          ejemplo="2011-03-11")
    lugar: Texto = campo("Lugar", "Lugar del taller tal como figura en la fuente.")
    participantes: Annotated[int, Field(ge=0)] | None = campo(
        "Participantes", "Número entero de participantes; null si la fuente no lo dice (nunca 0 por desconocido).",
        ejemplo=32)
    representacion: Texto = campo("Representación", "Quiénes participaron, tal como lo dice la fuente.")
    regiones: list[CodigoRegion] = campo("Regiones", "Códigos UBIGEO (entre comillas) de datos/regiones.yml.",
                                         ejemplo=["07"])
    observaciones: list[Texto] = campo("Observaciones", "Aclaraciones sobre el taller o la fuente.", [])
    galeria: list[Foto] = campo("Galería", "Fotos del taller, solo si existen y son públicas.", [])


class Convenio(Modelo):
    """``datos/convenios/<id>.yml``: un convenio de cooperación firmado."""

    model_config = ConfigDict(title="Convenio (datos/convenios/<fecha>-<parte>.yml)")

    id: Id = campo("Identificador", "Igual al nombre del archivo sin «.yml»: fecha de firma y parte, "
                   "p. ej. 2012-05-10-piura.")
    parte: Texto = campo("Parte", "El gobierno regional o local que firma con el ministerio.")
    nivel: Literal["regional", "local"] = campo("Nivel", "«regional» o «local».")
    region: CodigoRegion = campo("Región", "Código UBIGEO (entre comillas) de la región de la parte.", ejemplo="20")
    fecha_firma: dt.date = campo("Fecha de firma", "AAAA-MM-DD sin comillas. Fuera de 2011-2014 da un aviso.")
    vigencia_hasta: dt.date | None = campo("Vigente hasta", "AAAA-MM-DD; null si no se conoce.")
    objeto: Texto = campo("Objeto", "Para qué se firma el convenio, según el documento.")
    estado: Literal["vigente", "vencido", "resuelto"] = campo("Estado", "«vigente», «vencido» o «resuelto».")
    documento: UrlHttps | None = campo("Documento", "Dirección https:// del texto público del convenio; null si no hay.")
    fuente_informacion: Texto = campo("Fuente de la información", "Dónde consta el convenio (documento público).")
    componente: Id = campo("Componente", "Identificador de un componente de datos/componentes.yml.",
                           "convenios-cooperacion")
    observaciones: list[Texto] = campo("Observaciones", "Aclaraciones sobre el convenio.", [])
    galeria: list[Foto] = campo("Galería", "Fotos, solo si existen y son públicas.", [])
