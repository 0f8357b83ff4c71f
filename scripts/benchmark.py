#!/usr/bin/env python3
"""Banco de pruebas de velocidad: ``make benchmark`` (``python scripts/benchmark.py``).

Para cada tamaño (los datos reales, 1.000 y 10.000 talleres, con N/5 convenios):

1. genera datos sintéticos en una carpeta temporal (nunca en ``datos/``) con
   ``scripts/sintetico.py``: los talleres copian los campos de los talleres reales y
   cambian fecha, regiones, fuente, textos y cifras; regiones, fuentes, componentes y
   plan son los reales;
2. compila el sitio completo con ``scripts/construir.py`` (lo que hace
   ``make build``; ``PLAN_DATOS`` apunta a la carpeta temporal) y mide el tiempo
   real, el tiempo de CPU, la memoria máxima (suma de la PSS de todos los
   procesos, muestreada) y las páginas escritas; cuenta las cargas de datos;
3. «suelo»: vuelca el Markdown de cada página ya procesado por las macros (en otra
   compilación, que no se mide: :func:`volcar_markdown`, con un complemento que solo existe aquí)
   y lo compila con MkDocs + Material sin complementos (solo la búsqueda), un idioma después del
   otro, y da la proporción proyecto / suelo;
4. con los datos reales, mide cuánto tarda ``mkdocs serve`` en servir una página
   con el cambio después de editar un archivo de datos (en una copia del proyecto).

Escribe una tabla Markdown; con ``--readme`` la guarda además en MANTENIMIENTO.md (entre
las marcas ``<!-- benchmark -->``). ``--tamanos 1000`` mide otros tamaños.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
DATOS_REALES = RAIZ / "datos"
PYTHON = sys.executable
MKDOCS = [PYTHON, "-m", "mkdocs"]
ENTORNO = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENTORNO.pop("PLAN_DATOS", None)

from plan_migracion.datos.idiomas import del_proyecto  # noqa: E402

_IDIOMAS = del_proyecto()  # los de mkdocs.yml (i18n → languages)
from sintetico import generar  # noqa: E402  (scripts/sintetico.py: el generador de datos sintéticos)


# --- Medición ---------------------------------------------------------------------------------

@dataclass
class Medida:
    real: float  # s
    cpu: float  # s (usuario + sistema, de todos los procesos)
    pss_mb: float  # máximo de la suma de PSS de los procesos (memoria que de verdad ocupan)
    rss_mb: float  # máximo RSS de un solo proceso
    codigo: int
    salida: str


def _descendientes(pid: int) -> list[int]:
    todos, pendientes = [], [pid]
    while pendientes:
        actual = pendientes.pop()
        todos.append(actual)
        try:
            for tarea in os.listdir(f"/proc/{actual}/task"):
                with open(f"/proc/{actual}/task/{tarea}/children") as f:
                    pendientes.extend(int(h) for h in f.read().split())
        except OSError:
            pass
    return todos


def _memoria(pid: int) -> tuple[float, float]:
    """(suma de PSS, mayor RSS) en MB del proceso y sus descendientes."""
    pss = rss = 0
    for proceso in _descendientes(pid):
        try:
            with open(f"/proc/{proceso}/smaps_rollup") as f:
                for linea in f:
                    if linea.startswith("Pss:"):
                        pss += int(linea.split()[1])
                    elif linea.startswith("Rss:"):
                        rss = max(rss, int(linea.split()[1]))
        except OSError:
            pass
    return pss / 1024, rss / 1024


def medir(orden: list[str], entorno: dict, cwd: Path = RAIZ) -> Medida:
    # Que el disco termine de escribir lo anterior (datos recién generados o copiados, el sitio de la
    # medida anterior): si no, esa escritura pendiente compite con la compilación que se mide.
    os.sync()
    antes = resource.getrusage(resource.RUSAGE_CHILDREN)
    inicio = time.perf_counter()
    proceso = subprocess.Popen(orden, cwd=cwd, env=entorno, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    pico = [0.0, 0.0]

    def muestrear():
        while proceso.poll() is None:
            pss, rss = _memoria(proceso.pid)
            pico[0], pico[1] = max(pico[0], pss), max(pico[1], rss)
            time.sleep(0.05)

    hilo = threading.Thread(target=muestrear, daemon=True)
    hilo.start()
    salida, _ = proceso.communicate()
    real = time.perf_counter() - inicio
    hilo.join()
    despues = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (despues.ru_utime - antes.ru_utime) + (despues.ru_stime - antes.ru_stime)
    return Medida(real, cpu, pico[0], pico[1], proceso.returncode, salida)


def esperar_borrados(carpeta: Path, limite: float = 300) -> None:
    """Espera a que termine de borrarse el sitio anterior (``scripts/construir.py`` lo borra en
    segundo plano, en ``site.nuevo-*``): así una medida no paga el disco de la anterior."""
    fin = time.monotonic() + limite
    while any(p.name.startswith("site.nuevo-") for p in carpeta.glob("site.*")) and time.monotonic() < fin:
        time.sleep(0.1)


def paginas(sitio: Path) -> int:
    """Páginas HTML escritas (sin la 404)."""
    return sum(1 for p in sitio.rglob("*.html") if p.name != "404.html")


# --- Suelo: MkDocs + Material sin complementos, sobre el Markdown ya procesado -------------------

def volcar_markdown(carpeta: Path, sitio: Path) -> None:
    """Compila el sitio en ``sitio`` (``mkdocs build``, datos de ``PLAN_DATOS``) guardando el Markdown
    de cada página ya procesado por las macros en ``carpeta/<idioma>/...``; en las páginas de cada
    registro, con su cuerpo (el HTML de las vistas) en el lugar de la marca: la entrada del suelo."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin, event_priority

    from plan_migracion.vistas.generadas import MARCA_CONTENIDO

    class Volcado(BasePlugin):
        @event_priority(-1000)
        def on_page_markdown(self, markdown, page, config, files):
            sitio_plan = config.plugins["plan_migracion"]
            idioma = sitio_plan.idioma(config)
            ruta = page.file.src_uri
            if ruta.endswith(f".{idioma}.md"):
                ruta = ruta[: -len(f".{idioma}.md")] + ".md"
            destino = carpeta / idioma / ruta
            destino.parent.mkdir(parents=True, exist_ok=True)
            contenido = sitio_plan.contenido_generado(page.file)  # (se dibuja una vez: lo reutiliza)
            destino.write_text(markdown if contenido is None else markdown.replace(MARCA_CONTENIDO, contenido, 1),
                               encoding="utf-8")
            return markdown

    config = load_config(str(RAIZ / "mkdocs.yml"), site_dir=str(sitio))
    config.plugins["volcado-markdown"] = Volcado()
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


class _CargadorTolerante(yaml.SafeLoader):
    """Lee mkdocs.yml aunque tenga etiquetas de Python (que aquí no hacen falta)."""


_CargadorTolerante.add_multi_constructor("", lambda cargador, sufijo, nodo: None)


def _config_suelo(config: dict, idioma: str, docs: Path, sitio: Path) -> dict:
    tema = {k: v for k, v in (config.get("theme") or {}).items() if k != "custom_dir"}
    tema["language"] = idioma
    nombre = config.get("site_name")
    for complemento in config.get("plugins") or []:
        if isinstance(complemento, dict) and "i18n" in complemento:
            for lengua in complemento["i18n"].get("languages", []):
                if lengua.get("locale") == idioma and lengua.get("site_name"):
                    nombre = lengua["site_name"]
    suelo = {
        "site_name": nombre,
        "docs_dir": str(docs),
        "site_dir": str(sitio),
        "use_directory_urls": config.get("use_directory_urls", True),
        "theme": tema,
        "plugins": [{"search": {"lang": [idioma]}}],
    }
    for clave in ("extra_css", "extra_javascript", "markdown_extensions", "nav", "copyright"):
        if config.get(clave) is not None:
            suelo[clave] = config[clave]
    return suelo


def preparar_suelo(volcado: Path, carpeta: Path) -> list[Path]:
    """Una carpeta docs y un mkdocs.yml por idioma con el Markdown volcado; devuelve los yml."""
    config = yaml.load((RAIZ / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_CargadorTolerante)
    ymls = []
    for idioma in _IDIOMAS.codigos:
        docs = carpeta / f"docs-{idioma}"
        shutil.copytree(RAIZ / "docs", docs, ignore=shutil.ignore_patterns("*.md"))
        if (volcado / idioma).is_dir():
            shutil.copytree(volcado / idioma, docs, dirs_exist_ok=True)
        sitio = carpeta / "site" if idioma == _IDIOMAS.original else carpeta / "site" / idioma
        yml = carpeta / f"mkdocs-{idioma}.yml"
        yml.write_text(yaml.safe_dump(_config_suelo(config, idioma, docs, sitio), allow_unicode=True), encoding="utf-8")
        ymls.append(yml)
    return ymls


def medir_suelo(ymls: list[Path], cwd: Path) -> Medida:
    """Un idioma después del otro (español primero: su limpieza borraría en/)."""
    medidas = [medir([*MKDOCS, "build", "-q", "-f", str(yml)], ENTORNO, cwd) for yml in ymls]
    return Medida(sum(m.real for m in medidas), sum(m.cpu for m in medidas), max(m.pss_mb for m in medidas),
                  max(m.rss_mb for m in medidas), max(m.codigo for m in medidas), "".join(m.salida for m in medidas))


# --- mkdocs serve: de la edición de un dato a la página servida ---------------------------------

def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _leer(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


def latencia_serve(trabajo: Path, repeticiones: int = 5) -> list[float]:
    """Copia el proyecto, lo sirve como ``make serve`` y edita un taller; segundos hasta ver el cambio."""
    copia = trabajo / "proyecto"
    shutil.copytree(RAIZ, copia, ignore=shutil.ignore_patterns(
        ".git", ".venv", "site", "site.*", "node_modules", "__pycache__", ".pytest_cache", "artefactos", "*.egg-info"))
    if (RAIZ / "node_modules").is_dir():
        (copia / "node_modules").symlink_to(RAIZ / "node_modules")
    puerto = _puerto_libre()
    servidor = subprocess.Popen([*MKDOCS, "serve", "-f", str(copia / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{puerto}",
                                 "--livereload"], cwd=copia, env=ENTORNO, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{puerto}/talleres/"
    tiempos = []
    try:
        limite = time.monotonic() + 120
        while _leer(url) is None:
            if time.monotonic() > limite or servidor.poll() is not None:
                raise RuntimeError("mkdocs serve no respondió")
            time.sleep(0.1)
        taller = sorted((copia / "datos" / "talleres").glob("*.yml"))[0]
        original = taller.read_text(encoding="utf-8")
        campo = re.search(r"^lugar:\n  es: \"?([^\"\n]+)", original, re.M)
        for k in range(repeticiones):
            time.sleep(1.0)  # que el vigilante de archivos esté en reposo
            marca = f"EDICION-{k}-{os.getpid()}"
            inicio = time.monotonic()
            taller.write_text(original.replace(campo.group(1), f"{campo.group(1)} {marca}", 1), encoding="utf-8")
            while marca not in (_leer(url) or ""):
                if time.monotonic() - inicio > 60:
                    raise RuntimeError("el cambio no apareció en 60 s")
                time.sleep(0.02)
            tiempos.append(time.monotonic() - inicio)
    finally:
        servidor.terminate()
        try:
            servidor.wait(timeout=10)
        except subprocess.TimeoutExpired:
            servidor.kill()
    return tiempos


# --- Carga y validación, medidas aparte ----------------------------------------------------------

def tiempo_carga(carpeta: Path) -> float:
    codigo = ("import sys,time; from plan_migracion.datos import cargar; t=time.perf_counter(); "
              "cargar(sys.argv[1]); print(time.perf_counter()-t)")
    salida = subprocess.run([PYTHON, "-c", codigo, str(carpeta)], cwd=RAIZ, env=ENTORNO, capture_output=True,
                            text=True, check=True)
    return float(salida.stdout.strip())


# --- Orden principal --------------------------------------------------------------------------

def maquina() -> str:
    modelo = "?"
    for linea in Path("/proc/cpuinfo").read_text().splitlines():
        if linea.startswith("model name"):
            modelo = linea.split(":", 1)[1].strip()
            break
    memoria = next((int(l.split()[1]) for l in Path("/proc/meminfo").read_text().splitlines()
                    if l.startswith("MemTotal:")), 0)
    import mkdocs
    from importlib.metadata import version
    nucleos = len(os.sched_getaffinity(0))
    return (f"{nucleos} núcleos ({modelo}), {memoria / 1024 / 1024:.1f} GB de RAM, "
            f"Python {platform.python_version()}, MkDocs {mkdocs.__version__}, "
            f"Material {version('mkdocs-material')}; {dt.date.today().isoformat()}")


def _mejor(medidas: list[Medida]) -> Medida:
    """La medida más rápida (la menos perturbada por otros procesos); la memoria, la mayor."""
    mejor = min(medidas, key=lambda m: m.real)
    return Medida(mejor.real, mejor.cpu, max(m.pss_mb for m in medidas), max(m.rss_mb for m in medidas),
                  max(m.codigo for m in medidas), mejor.salida)


def editar_un_taller(carpeta: Path, indice: int = 0) -> Path:
    """Cambia el lugar de un taller (lo que haría quien mantiene el sitio); devuelve el archivo."""
    taller = sorted((carpeta / "talleres").glob("*.yml"))[indice]
    texto = taller.read_text(encoding="utf-8")
    nuevo = re.sub(r"^(lugar:\n  es: )(\"?)", r"\1\2(editado) ", texto, count=1, flags=re.M)
    if nuevo == texto:
        raise RuntimeError(f"no se encontró el lugar de {taller}")
    taller.write_text(nuevo, encoding="utf-8")
    return taller


# Compilaciones «en frío» y «tras editar» por tamaño (la mejor de ellas, como las demás medidas).
VECES_FRIO = VECES_EDICION = 2


def medir_tamano(etiqueta: str, carpeta: Path, trabajo: Path, repeticiones: int) -> dict:
    registro = trabajo / "cargas.log"  # una línea por carga completa de los datos (scripts/contar_cargas.py)
    entorno = {**ENTORNO, "PLAN_DATOS": str(carpeta)}
    construir = [PYTHON, str(RAIZ / "scripts" / "contar_cargas.py"), str(registro), str(RAIZ / "scripts" / "construir.py")]
    volcado = trabajo / "markdown"

    def compilar(**variables: str) -> Medida:
        """``make build`` (más -v, que solo añade las medidas de cada fase) en trabajo/proyecto/site."""
        esperar_borrados(trabajo / "proyecto")
        registro.unlink(missing_ok=True)
        medida = medir([*construir, "-v", "--destino", str(trabajo / "proyecto" / "site")], {**entorno, **variables})
        if medida.codigo != 0:
            raise RuntimeError(f"la compilación falló ({etiqueta}):\n{medida.salida[-4000:]}")
        return medida

    # En frío: cada una con una caché de compilación nueva (plantillas del tema y de las vistas, PDF),
    # como la primera compilación de un clon recién hecho.
    frias = [compilar(PLAN_CACHE=str(trabajo / f"cache-{k}")) for k in range(VECES_FRIO)]
    cache = str(trabajo / f"cache-{VECES_FRIO - 1}")
    # Sin medirla, una compilación que vuelca el Markdown de cada página ya procesado: la entrada del suelo.
    volcado_ok = subprocess.run([PYTHON, str(Path(__file__).resolve()), "--volcar-markdown", str(volcado),
                                 str(trabajo / "volcado" / "site")], cwd=RAIZ, env={**entorno, "PLAN_CACHE": cache},
                                capture_output=True, text=True)
    if volcado_ok.returncode != 0:
        raise RuntimeError(f"el volcado falló ({etiqueta}):\n{volcado_ok.stderr[-4000:]}")
    esperar_borrados(trabajo / "volcado")
    ymls = preparar_suelo(volcado, trabajo / "suelo")
    # Con la caché: cada compilación después de la primera. Cada una seguida del suelo: los dos ven la
    # máquina en el mismo estado (en una máquina virtual la velocidad cambia de un minuto a otro).
    calientes, suelos = [], []
    for _ in range(repeticiones):
        calientes.append(compilar(PLAN_CACHE=cache))
        esperar_borrados(trabajo / "proyecto")  # el sitio anterior, borrado: no le quita disco al suelo
        suelos.append(medir_suelo(ymls, trabajo / "suelo"))
        if suelos[-1].codigo != 0:
            raise RuntimeError(f"el suelo falló ({etiqueta}):\n{suelos[-1].salida[-4000:]}")
    proyecto, suelo = _mejor(calientes), _mejor(suelos)
    cargas = len(registro.read_text().splitlines())
    # Tras editar un taller (otro cada vez), con esa caché: lo que espera quien corrige un dato y
    # vuelve a compilar. Con los datos reales el PDF cambia y WeasyPrint lo vuelve a escribir.
    copia = trabajo / "datos-editados"
    shutil.copytree(carpeta, copia)
    editadas = []
    for k in range(VECES_EDICION):
        editar_un_taller(copia, k)
        editadas.append(compilar(PLAN_CACHE=cache, PLAN_DATOS=str(copia)))
    esperar_borrados(trabajo / "proyecto")
    frio, editada = _mejor(frias), _mejor(editadas)
    n_paginas = paginas(trabajo / "proyecto" / "site")
    # (construir.py -v) «Datos cargados y validados en X s», «Sitio compilado a los Y s»
    fases = {clave: float(valor) for clave, valor in
             re.findall(r"^(Datos cargados y validados en|Sitio compilado a los) ([\d.]+) s$", proyecto.salida, re.M)}
    return {
        "etiqueta": etiqueta,
        "talleres": len(list((carpeta / "talleres").glob("*.yml"))),
        "convenios": len(list((carpeta / "convenios").glob("*.yml"))) if (carpeta / "convenios").is_dir() else 0,
        "paginas": n_paginas,
        "paginas_suelo": paginas(trabajo / "suelo" / "site"),
        "proyecto": proyecto,
        "frio": frio,
        "editada": editada,
        "suelo": suelo,
        "cargas": cargas,
        "carga": tiempo_carga(carpeta),
        "repeticiones": repeticiones,
        "compilado": fases.get("Sitio compilado a los", float("nan")) - fases.get("Datos cargados y validados en", 0.0),
    }


def tabla(filas: list[dict], serve: list[float] | None, descripcion: str, carga: tuple) -> str:
    lineas = [
        "| Datos | Talleres | Convenios | Páginas | Proyecto (s) | CPU (s) | Memoria máx. (MB) | ms/página "
        "| Suelo (s) | CPU suelo (s) | Proyecto / suelo | En frío (s) | En frío / suelo | Tras editar un taller (s) "
        "| Tras editar / suelo | MkDocs (s) | Cargas de datos "
        "| Carga + validación (s) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | ---: | ---: |",
    ]
    for f in filas:
        p, s, frio = f["proyecto"], f["suelo"], f["frio"]
        lineas.append(
            f"| {f['etiqueta']} | {f['talleres']:,} | {f['convenios']:,} | {f['paginas']:,} | {p.real:.2f} | {p.cpu:.2f} "
            f"| {p.pss_mb:.0f} | {1000 * p.real / max(f['paginas'], 1):.1f} | {s.real:.2f} | {s.cpu:.2f} | {p.real / s.real:.2f} "
            f"| {frio.real:.2f} | {frio.real / s.real:.2f} | {f['editada'].real:.2f} | {f['editada'].real / s.real:.2f} "
            f"| {f['compilado']:.2f} "
            f"| {f['cargas']} | {f['carga']:.2f} |".replace(",", ".")
        )
    repeticiones = sorted({f["repeticiones"] for f in filas})
    texto = "\n".join(lineas) + "\n\n" + (
        f"Máquina: {descripcion}. Carga media del sistema (1 min) al empezar y al terminar: {carga[0]:.1f} y "
        f"{carga[1]:.1f}. *Proyecto*: la mejor de {' o '.join(map(str, repeticiones))} compilaciones con la "
        "caché de compilación (`.cache/`: plantillas del tema y de las vistas, PDF, ZIP) que dejó una compilación "
        f"anterior; *En frío*: la mejor de {VECES_FRIO}, cada una con la caché vacía (como en un clon recién "
        f"hecho); *Tras editar un taller*: la mejor de {VECES_EDICION}, con la caché, cada una después de "
        "cambiar el lugar de otro taller (en una copia de los datos). Suelo: la mejor de "
        + " o ".join(map(str, repeticiones)) + ". Memoria: la mayor suma de PSS de "
        "los procesos de la compilación.\n")
    if any(f["paginas"] != f["paginas_suelo"] for f in filas):
        texto += "\nPáginas del suelo: " + ", ".join(f"{f['etiqueta']}: {f['paginas_suelo']}" for f in filas) + ".\n"
    if serve:
        texto += (f"\n`make serve`, datos reales: de guardar un archivo de `datos/` a la página servida con el cambio, "
                  f"mediana {statistics.median(serve):.2f} s, máximo {max(serve):.2f} s ({len(serve)} ediciones).\n")
    return texto


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--volcar-markdown":  # (uso interno: la compilación que vuelca, en su proceso)
        volcar_markdown(Path(argv[1]), Path(argv[2]))
        return 0
    parser = argparse.ArgumentParser(description="Mide la compilación con datos reales y sintéticos.")
    parser.add_argument("--tamanos", type=int, nargs="*", default=[1000, 10000],
                        help="números de talleres sintéticos (por omisión: 1000 10000)")
    parser.add_argument("--sin-reales", action="store_true", help="no medir los datos reales")
    parser.add_argument("--sin-serve", action="store_true", help="no medir mkdocs serve")
    parser.add_argument("--readme", action="store_true", help="guardar la tabla en MANTENIMIENTO.md")
    parser.add_argument("--repeticiones", type=int, default=None,
                        help="compilaciones con caché por medida (por omisión: 3; 2 desde 5.000 talleres)")
    args = parser.parse_args(argv)

    filas, serve = [], None
    carga_inicial = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="plan-benchmark-") as temporal:
        temporal = Path(temporal)
        # una compilación de calentamiento (importaciones, .pyc) que no se mide
        subprocess.run([PYTHON, str(RAIZ / "scripts" / "construir.py"), "--destino", str(temporal / "calentar" / "site")],
                       cwd=RAIZ, env=ENTORNO, capture_output=True, check=True)
        casos = [] if args.sin_reales else [("reales", DATOS_REALES)]
        for n in args.tamanos:
            carpeta = temporal / f"datos-{n}"
            inicio = time.perf_counter()
            generar(carpeta, n, n // 5, semilla=2011 + n)
            print(f"… {n} talleres sintéticos generados en {time.perf_counter() - inicio:.1f} s", file=sys.stderr)
            casos.append((f"sintéticos {n:,}".replace(",", "."), carpeta))
        for etiqueta, carpeta in casos:
            trabajo = temporal / f"trabajo-{len(filas)}"
            trabajo.mkdir()
            n = len(list((carpeta / "talleres").glob("*.yml")))
            repeticiones = args.repeticiones or (3 if n < 5000 else 2)
            filas.append(medir_tamano(etiqueta, carpeta, trabajo, repeticiones))
            f = filas[-1]
            print(f"… {etiqueta}: {f['paginas']} páginas, proyecto {f['proyecto'].real:.2f} s, "
                  f"suelo {f['suelo'].real:.2f} s", file=sys.stderr)
            shutil.rmtree(trabajo)
        if not args.sin_serve:
            serve = latencia_serve(temporal)
    texto = tabla(filas, serve, maquina(), (carga_inicial, os.getloadavg()[0]))
    print(texto)
    if args.readme:
        readme = RAIZ / "MANTENIMIENTO.md"
        contenido = readme.read_text(encoding="utf-8")
        nuevo = re.sub(r"(<!-- benchmark -->\n).*?(<!-- /benchmark -->)", lambda m: m.group(1) + "\n" + texto + "\n" + m.group(2),
                       contenido, flags=re.S)
        if nuevo == contenido and "<!-- benchmark -->" not in contenido:
            print("MANTENIMIENTO.md no tiene las marcas <!-- benchmark --> … <!-- /benchmark -->", file=sys.stderr)
            return 1
        readme.write_text(nuevo, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
