"""Las reglas entre registros: lo que un archivo solo no puede comprobar.

Ids (únicos, iguales al nombre del archivo, con la fecha delante, no reservados), referencias que
existen (fuente, componente, regiones), fechas posibles y dentro del período del plan, y talleres
repetidos. Trabaja sobre los valores leídos, no sobre los modelos, para informar también de los
registros que tienen otros errores: todos los problemas de una vez.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .idiomas import Idiomas
from .lectura import es_marcador
from .lector_yaml import Documento
from .modelos import PATRON_ID, sin_tildes, slug
from .problemas import Problema, como_datos, detalle

# Ids que no puede tener un registro con página propia: «index» sería la página índice de su
# carpeta (``fuentes/index.md``) y la taparía sin aviso.
IDS_RESERVADOS = {"index"}

# Años que puede tener una fecha de los datos. Fuera del período del plan solo hay un aviso (puede
# ser cierta), pero un año como 0211 o 9999 es una errata, y la compilación no podría escribirlo
# (la fecha de los datos va en la cabecera de sitemap.xml.gz, un entero de 32 bits desde 1970).
ANIOS_POSIBLES = (1970, 2099)


def _texto(valor) -> str | None:
    """``valor`` si es un texto; si no (un número, una lista, nada), ``None``."""
    return valor if isinstance(valor, str) else None


def validar_entre_registros(colecciones: dict, problemas: list[Problema], idiomas: Idiomas) -> None:
    """Todas las reglas entre registros, en este orden: ids (:func:`_validar_ids`), talleres
    repetidos (:func:`_validar_talleres_repetidos`), referencias (:func:`_validar_referencias`) y
    fechas (:func:`_validar_fechas`). ``colecciones``: lo que devuelve :func:`.lectura.leer_coleccion`
    para cada nombre de :data:`.inventario.COLECCIONES`."""
    def valores(nombre):
        return [(doc, doc.valor) for doc, _ in colecciones[nombre] if isinstance(doc.valor, dict)]

    vistos = _validar_ids(valores, problemas)
    _validar_talleres_repetidos(valores("talleres"), problemas, idiomas)
    _validar_referencias(colecciones, valores, vistos, problemas)
    plan = next((r for _, r in colecciones["plan"] if r is not None), None)
    _validar_fechas(valores, plan, problemas)


def _validar_ids(valores, problemas: list[Problema]) -> dict[tuple[str, str], str]:
    """Los ids de fuentes, talleres y convenios y los de las listas de regiones y componentes.

    - el id de un registro es igual al nombre de su archivo sin «.yml» (``id-no-coincide``);
    - el de un taller empieza con su ``fecha`` y el de un convenio con su ``fecha_firma``, y un
      guion (``id-sin-fecha``);
    - ningún id de un registro con página propia es un nombre reservado, :data:`IDS_RESERVADOS`
      (``id-reservado``);
    - ningún id se repite dentro de su colección, sin distinguir mayúsculas (``id-duplicado``,
      que nombra el archivo y la línea del primero).

    Devuelve los ids vistos: ``(colección, id en minúsculas)`` → ``ruta:línea`` del primero.
    """
    vistos: dict[tuple[str, str], str] = {}

    def registrar(coleccion: str, ident, doc: Documento, camino: tuple) -> None:
        if _texto(ident) is None:
            return
        if ident.lower() in IDS_RESERVADOS and coleccion != "regiones":
            problemas.append(doc.problema(camino, "id-reservado", valor=ident, carpeta=coleccion))
        clave = (coleccion, ident.lower())
        if clave in vistos:
            problemas.append(doc.problema(camino, "id-duplicado", valor=ident, otro=vistos[clave]))
        else:
            linea, _ = doc.ubicacion(camino)
            vistos[clave] = f"{doc.ruta}:{linea}"

    for nombre, campo_fecha in (("fuentes", None), ("talleres", "fecha"), ("convenios", "fecha_firma")):
        for doc, valor in valores(nombre):
            ident = _texto(valor.get("id"))
            fecha = _fecha(valor.get(campo_fecha)) if campo_fecha else None
            if ident is not None:
                _validar_id_y_archivo(doc, ident, campo_fecha, fecha, problemas)
            registrar(nombre, ident, doc, ("id",))
    for lista in ("regiones", "componentes"):
        for doc, valor in valores(lista):
            elementos = valor.get(lista)
            for i, elemento in enumerate(elementos if isinstance(elementos, list) else []):
                if isinstance(elemento, dict):
                    registrar(lista, elemento.get("id"), doc, (lista, i, "id"))
    return vistos


def _validar_id_y_archivo(doc: Documento, ident: str, campo_fecha: str | None, fecha: dt.date | None,
                          problemas: list[Problema]) -> None:
    """El id y el nombre del archivo de un registro: uno solo de estos mensajes, que dice qué
    cambiar, de modo que al seguirlo no aparece otro que pida deshacerlo:

    - el nombre del archivo no es un id válido (mayúsculas, espacios, tildes) o, en un taller o un
      convenio, no empieza con su fecha, y el id tampoco sirve: ``archivo-nombre-no-valido``, con el
      nombre exacto que debe tener (la fecha, un guion y el resto del nombre en minúsculas, sin
      tildes ni espacios) y, si el id es otro, el id que debe tener;
    - el id es válido y el nombre del archivo no: ``archivo-renombrar`` (cambie el nombre del archivo);
    - los dos son válidos y distintos: ``id-no-coincide`` (cambie el id);
    - son iguales y no empiezan con la fecha: ``id-sin-fecha``.

    Una fecha que no es una fecha (falta, lleva una hora, es imposible) ya tiene su mensaje: entonces
    no se compara con el id.
    """
    archivo = Path(doc.ruta).name
    tronco = Path(doc.ruta).stem

    def sirve(nombre: str) -> bool:
        return bool(re.fullmatch(PATRON_ID, nombre)) and (fecha is None or nombre.startswith(f"{fecha.isoformat()}-"))

    if ident == tronco:
        if not re.fullmatch(PATRON_ID, tronco):  # el id tiene ya su mensaje de formato; falta el del archivo
            problemas.append(_nombre_no_valido(doc, archivo, tronco, ident, campo_fecha, fecha))
        elif not sirve(tronco):
            problemas.append(doc.problema(("id",), "id-sin-fecha", valor=ident, campo_fecha=campo_fecha,
                                          fecha=fecha.isoformat()))
    elif sirve(tronco):
        problemas.append(doc.problema(("id",), "id-no-coincide", valor=ident, esperado=tronco))
    elif sirve(ident):
        problemas.append(doc.problema(("id",), "archivo-renombrar", valor=ident, archivo=archivo))
    elif not re.fullmatch(PATRON_ID, tronco):
        problemas.append(_nombre_no_valido(doc, archivo, tronco, ident, campo_fecha, fecha))
    else:  # dos nombres válidos, ninguno con la fecha: primero, que coincidan
        problemas.append(doc.problema(("id",), "id-no-coincide", valor=ident, esperado=tronco))


def _nombre_no_valido(doc: Documento, archivo: str, tronco: str, ident: str, campo_fecha: str | None,
                      fecha: dt.date | None) -> Problema:
    """``archivo-nombre-no-valido``, con el nombre que debe tener el archivo: la fecha del registro
    (si la tiene), un guion y el resto del nombre como identificador («Piura Norte» → «piura-norte»)."""
    resto = slug(re.sub(r"^\d{4}-\d{2}-\d{2}", "", tronco)) or slug(tronco)
    sugerido = f"{fecha.isoformat()}-{resto}" if fecha is not None else slug(tronco)
    if fecha is not None:
        motivo = detalle("archivo-nombre.con-fecha", campo_fecha=campo_fecha, fecha=fecha.isoformat())
    else:
        motivo = detalle("archivo-nombre.formato")
    y_el_id = detalle("archivo-nombre.y-el-id" if ident != sugerido else "archivo-nombre.nada", sugerido=sugerido)
    return doc.problema(("id",), "archivo-nombre-no-valido", archivo=archivo, sugerido=sugerido,
                        **como_datos("motivo", motivo), **como_datos("y_el_id", y_el_id))


def _fecha(valor) -> dt.date | None:
    """``valor`` si es una fecha sin hora (una fecha con hora ya tiene su mensaje); si no, ``None``."""
    return valor if isinstance(valor, dt.date) and not isinstance(valor, dt.datetime) else None


def _validar_referencias(colecciones: dict, valores, vistos: dict, problemas: list[Problema]) -> None:
    """Lo que citan talleres y convenios existe (``referencia-inexistente``, que dice dónde están los
    valores válidos): el ``componente`` de cada uno, la ``fuente`` y cada una de las ``regiones`` de un
    taller, la ``region`` de un convenio. Además, ninguna región se repite en un taller
    (``region-repetida``).

    No se comprueba una referencia a una colección cuyo archivo no se pudo leer (su error ya está
    anotado), ni un hueco de plantilla sin llenar (ya tiene su mensaje).
    """
    ids = {nombre: {k[1] for k in vistos if k[0] == nombre} for nombre in ("fuentes", "regiones", "componentes")}
    # Una fuente cuyo archivo no se pudo leer existe igual (su id es el nombre del archivo): el
    # error de ese archivo ya está anotado, y no se repite en cada taller que la cita.
    ids["fuentes"] |= {Path(doc.ruta).stem.lower() for doc, _ in colecciones["fuentes"]}
    # Si regiones.yml o componentes.yml no se pudo leer (o falta), su error ya está anotado y
    # detiene la compilación: no se informa además de cada referencia a ellos.
    comprobables = {"fuentes": True, **{lista: any(isinstance(doc.valor, dict) and isinstance(doc.valor.get(lista), list)
                                                   for doc, _ in colecciones[lista])
                                        for lista in ("regiones", "componentes")}}
    archivos = {"fuentes": "datos/fuentes/", "regiones": "datos/regiones.yml", "componentes": "datos/componentes.yml"}

    def comprobar(doc, camino, valor, coleccion):
        if (_texto(valor) is not None and not es_marcador(valor) and comprobables[coleccion]
                and valor.lower() not in ids[coleccion]):
            problemas.append(doc.problema(camino, "referencia-inexistente", valor=valor,
                                          **como_datos("coleccion", detalle(f"coleccion.{coleccion}")),
                                          archivo=archivos[coleccion]))

    for nombre in ("talleres", "convenios"):
        for doc, valor in valores(nombre):
            comprobar(doc, ("componente",), valor.get("componente", "convenios-cooperacion"), "componentes")
            if nombre == "talleres":
                comprobar(doc, ("fuente",), valor.get("fuente"), "fuentes")
                regiones = valor.get("regiones")
                regiones = regiones if isinstance(regiones, list) else []
                for i, region in enumerate(regiones):
                    comprobar(doc, ("regiones", i), region, "regiones")
                    if _texto(region) is not None and region in regiones[:i]:
                        problemas.append(doc.problema(("regiones", i), "region-repetida", valor=region))
            else:
                comprobar(doc, ("region",), valor.get("region"), "regiones")


def _validar_fechas(valores, plan, problemas: list[Problema]) -> None:
    """Las fechas de talleres (``fecha``) y convenios (``fecha_firma``, ``vigencia_hasta``):

    - la vigencia de un convenio no termina antes de su firma (``vigencia-anterior``);
    - el año de cada fecha está en :data:`ANIOS_POSIBLES` (``fecha-improbable``, un error);
    - la fecha de un taller y la firma de un convenio caen dentro del período del plan de
      ``plan.yml`` (``fecha-fuera-de-periodo``, solo un aviso; no se comprueba si ``plan.yml`` no
      es válido).
    """
    for nombre in ("talleres", "convenios"):
        for doc, valor in valores(nombre):
            if nombre == "talleres":
                fechas = [("fecha", _fecha(valor.get("fecha")))]
            else:
                firma, hasta = _fecha(valor.get("fecha_firma")), _fecha(valor.get("vigencia_hasta"))
                fechas = [("fecha_firma", firma)]
                if firma is not None and hasta is not None and hasta < firma:
                    problemas.append(doc.problema(("vigencia_hasta",), "vigencia-anterior",
                                                  valor=hasta.isoformat(), firma=firma.isoformat()))
            fuera_de_rango = set()
            for campo in ("fecha", "fecha_firma", "vigencia_hasta"):
                fecha = _fecha(valor.get(campo))
                if fecha is not None and not ANIOS_POSIBLES[0] <= fecha.year <= ANIOS_POSIBLES[1]:
                    fuera_de_rango.add(campo)
                    problemas.append(doc.problema((campo,), "fecha-improbable", valor=fecha.isoformat(),
                                                  desde=ANIOS_POSIBLES[0], hasta=ANIOS_POSIBLES[1]))
            if plan is not None:
                for campo, fecha in fechas:
                    if campo in fuera_de_rango:
                        continue
                    if fecha is not None and not plan.periodo.inicio <= fecha.year <= plan.periodo.fin:
                        problemas.append(doc.problema((campo,), "fecha-fuera-de-periodo", nivel="aviso",
                                                      valor=fecha.isoformat(), inicio=plan.periodo.inicio,
                                                      fin=plan.periodo.fin))


def _normalizar_lugar(texto: str) -> str:
    """«Club Regatas Unión de La Punta - Callao» → «club regatas union de la punta callao»."""
    return " ".join(re.sub(r"[\W_]+", " ", sin_tildes(texto).casefold()).split())


def _validar_talleres_repetidos(talleres: list[tuple[Documento, dict]], problemas: list[Problema],
                                idiomas: Idiomas) -> None:
    """Dos talleres con la misma fecha y el mismo lugar, o con la misma fila de la tabla de la
    fuente, son el mismo taller contado dos veces: se rechaza el segundo, nombrando el primero."""
    por_fecha_lugar: dict[tuple, str] = {}
    por_fila: dict[int, str] = {}
    for doc, valor in talleres:
        fecha, lugar = _fecha(valor.get("fecha")), valor.get("lugar")
        lugar_es = _texto(lugar.get(idiomas.original)) if isinstance(lugar, dict) else None
        if fecha is not None and lugar_es and _normalizar_lugar(lugar_es):
            clave = (fecha, _normalizar_lugar(lugar_es))
            if clave in por_fecha_lugar:
                problemas.append(doc.problema(("fecha",), "taller-repetido", fecha=fecha.isoformat(),
                                              lugar=lugar_es, otro=por_fecha_lugar[clave]))
            else:
                por_fecha_lugar[clave] = doc.ruta
        fila = valor.get("orden_en_fuente")
        if isinstance(fila, int) and not isinstance(fila, bool):
            if fila in por_fila:
                problemas.append(doc.problema(("orden_en_fuente",), "orden-repetido", valor=fila, otro=por_fila[fila]))
            else:
                por_fila[fila] = doc.ruta
