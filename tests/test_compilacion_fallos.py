"""La compilación (``scripts/construir.py``, ``make build``) ante fallos: el sitio anterior intacto,
una frase, ningún resto que cambie la compilación siguiente.

Cada caso ejecuta el script de verdad y comprueba: estado distinto de 0, ningún «Traceback» (salvo
con ``-v``), una última línea en español que dice por qué no se compiló y que el sitio queda como
estaba, el sitio anterior sin un byte cambiado y ninguna carpeta ``site.nuevo-*`` junto a él (en
seguida o, tras un SIGKILL, después de la compilación siguiente, que da el mismo sitio que
``mkdocs build``).

El «sitio anterior» de casi todos los casos es una carpeta pequeña hecha aquí: la compilación no lo
lee, y basta con comprobar que no cambia.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import RAIZ, exigir_nivel_sitio

FINAL = re.compile(r"^No se compiló el sitio porque (?P<causa>.+); (?P<destino>.+) queda como estaba\.$")

def lanzar(destino: Path, *extra: str, raiz: Path = RAIZ, limite_archivo: int | None = None) -> subprocess.Popen:
    """``scripts/construir.py --destino destino`` en segundo plano (con un tamaño máximo de
    archivo, RLIMIT_FSIZE, si se indica: así se simula un disco lleno sin privilegios)."""
    exigir_nivel_sitio()
    entorno = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PLAN_DATOS")}
    entorno["NO_MKDOCS_2_WARNING"] = "1"

    def limitar():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limite_archivo, limite_archivo))

    return subprocess.Popen([sys.executable, str(raiz / "scripts" / "construir.py"), "--destino", str(destino), *extra],
                            cwd=raiz, env=entorno, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=limitar if limite_archivo is not None else None)


def terminar(proceso: subprocess.Popen) -> subprocess.CompletedProcess:
    salida, errores = proceso.communicate(timeout=600)
    return subprocess.CompletedProcess(proceso.args, proceso.returncode, salida, errores)


def construir(destino: Path, *extra: str, raiz: Path = RAIZ) -> subprocess.CompletedProcess:
    return terminar(lanzar(destino, *extra, raiz=raiz))


def huellas(carpeta: Path) -> dict[str, str]:
    """sha256 de cada archivo, por ruta relativa."""
    return {str(p.relative_to(carpeta)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(carpeta.rglob("*")) if p.is_file()}


def restos(carpeta: Path, espera: float = 0, salvo: tuple[str, ...] = ()) -> list[str]:
    """Las carpetas temporales junto al sitio (tras ``espera`` segundos como mucho, hasta que no
    quede ninguna salvo las de ``salvo``: después de publicar, el sitio anterior se borra en
    otro proceso)."""
    limite = time.monotonic() + espera
    while True:
        encontrados = sorted(p.name for p in carpeta.iterdir() if ".nuevo-" in p.name) if carpeta.is_dir() else []
        if set(encontrados) <= set(salvo) or time.monotonic() > limite:
            return encontrados
        time.sleep(0.1)


def sitio_anterior(destino: Path) -> dict[str, str]:
    """Un sitio «anterior» pequeño en ``destino``; sus huellas."""
    for ruta, texto in (("index.html", "<p>Sitio anterior</p>"), ("en/index.html", "<p>Previous site</p>"),
                        ("assets/sitio.css", "body{}")):
        (destino / ruta).parent.mkdir(parents=True, exist_ok=True)
        (destino / ruta).write_text(texto, encoding="utf-8")
    return huellas(destino)


def comprobar_fallo(resultado: subprocess.CompletedProcess, destino: Path) -> str:
    """Lo común a todo fallo; devuelve la causa que da la última línea."""
    salida = resultado.stdout + resultado.stderr
    assert resultado.returncode != 0, salida
    assert "Traceback" not in salida, salida
    lineas = salida.strip().splitlines()
    final = FINAL.match(lineas[-1])
    assert final, salida
    assert final["destino"] == str(destino)
    assert sum("No se compiló el sitio" in linea for linea in lineas) == 1, salida
    assert restos(destino.parent) == []  # la compilación fallida borró su carpeta temporal
    return final["causa"]


@pytest.fixture
def proyecto(tmp_path) -> Path:
    """Una copia del proyecto (sin .git, .venv ni site/) donde se puede romper cualquier cosa."""
    copia = tmp_path / "proyecto"
    ignorar = shutil.ignore_patterns(".git", ".venv", "site", "site.*", "node_modules", "__pycache__",
                                     ".pytest_cache", ".cache", "artefactos", "*.egg-info")
    shutil.copytree(RAIZ, copia, ignore=ignorar)
    if (RAIZ / "node_modules").is_dir():
        (copia / "node_modules").symlink_to(RAIZ / "node_modules")
    return copia


# --- Datos inválidos, un enlace roto, y después una compilación buena -----------------------------

@pytest.mark.sitio
def test_compilacion_fallida_deja_el_sitio_anterior_intacto(proyecto):
    destino = proyecto / "site"
    primera = construir(destino, raiz=proyecto)
    assert primera.returncode == 0, primera.stdout + primera.stderr
    antes = huellas(destino)
    assert "index.html" in antes and "en/index.html" in antes

    # 1) datos inválidos: se detiene antes de compilar, con el mensaje del validador
    taller = proyecto / "datos" / "talleres" / "2011-03-11-callao.yml"
    original = taller.read_text(encoding="utf-8")
    taller.write_text(original.replace("participantes: 32", "participantes: -32"), encoding="utf-8")
    fallida = construir(destino, raiz=proyecto)
    assert fallida.returncode == 1
    assert re.search(r"datos/talleres/2011-03-11-callao\.yml:\d+(:\d+)?: participantes: ", fallida.stderr), fallida.stderr
    assert fallida.stderr.strip().splitlines()[-1].endswith(f"no se compiló el sitio; {destino} queda como estaba.")
    assert huellas(destino) == antes
    assert restos(proyecto) == []
    taller.write_text(original, encoding="utf-8")

    # 2) datos válidos pero MkDocs se detiene a medias (un enlace roto en modo estricto)
    (proyecto / "docs" / "roto.md").write_text("# Roto\n\n[enlace](no-existe.md)\n", encoding="utf-8")
    fallida = construir(destino, raiz=proyecto)
    assert comprobar_fallo(fallida, destino) == "MkDocs la detuvo por los mensajes de arriba"
    assert "no-existe.md" in fallida.stderr
    assert huellas(destino) == antes

    # 3) y cuando vuelve a compilar bien, el sitio nuevo reemplaza al anterior
    (proyecto / "docs" / "roto.md").unlink()
    taller.write_text(original.replace("Club Regatas", "Club Regatas (editado)"), encoding="utf-8")
    buena = construir(destino, raiz=proyecto)
    assert buena.returncode == 0, buena.stdout + buena.stderr
    assert "Club Regatas (editado)" in (destino / "talleres" / "index.html").read_text(encoding="utf-8")
    assert restos(proyecto, espera=60) == []  # el sitio anterior, borrado (en otro proceso)


# --- Sin poder escribir el sitio ---------------------------------------------------------------

@contextlib.contextmanager
def sin_escritura(carpeta: Path):
    """Nadie puede crear ni renombrar nada en ``carpeta``: sin permiso de escritura o, para root
    (que no los necesita), inmutable (``chattr +i``)."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(carpeta)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(carpeta)], check=True)
    else:
        modo = carpeta.stat().st_mode
        carpeta.chmod(0o555)
        try:
            yield
        finally:
            carpeta.chmod(modo)


@pytest.mark.sitio
@pytest.mark.parametrize("caso", ["site es un archivo", "su carpeta es un archivo", "lugar de solo lectura"])
def test_destino_imposible(tmp_path, caso):
    archivo = tmp_path / "site"
    if caso == "site es un archivo":
        archivo.write_text("no es un sitio\n", encoding="utf-8")
        destino = archivo
    elif caso == "su carpeta es un archivo":
        archivo.write_text("no es una carpeta\n", encoding="utf-8")
        destino = archivo / "site"
    else:
        destino = Path("/sys/plan-migracion-prueba/site")  # (sysfs: nadie puede crear carpetas)
    causa = comprobar_fallo(construir(destino), destino)
    esperado = {"site es un archivo": f"{destino} existe y no es una carpeta",
                "su carpeta es un archivo": f"no se puede escribir en la carpeta {destino.parent}: ",
                "lugar de solo lectura": "no hay permiso"}[caso]
    assert esperado in causa
    if caso != "lugar de solo lectura":
        assert archivo.read_text(encoding="utf-8").startswith("no es")
    else:
        assert not destino.parent.exists()


@pytest.mark.sitio
def test_carpeta_sin_permiso_de_escritura(tmp_path):
    destino = tmp_path / "publicado" / "site"
    antes = sitio_anterior(destino)
    with sin_escritura(destino.parent):
        resultado = construir(destino)
    causa = comprobar_fallo(resultado, destino)
    assert causa == f"no se puede escribir en la carpeta {destino.parent}: no hay permiso"
    assert huellas(destino) == antes


@pytest.mark.sitio
def test_disco_lleno(tmp_path):
    """Un archivo del sitio no cabe (RLIMIT_FSIZE: la escritura falla como con el disco lleno)."""
    destino = tmp_path / "site"
    antes = sitio_anterior(destino)
    resultado = terminar(lanzar(destino, limite_archivo=50_000))
    causa = comprobar_fallo(resultado, destino)
    assert causa.startswith("un archivo superó el tamaño máximo permitido ("), causa
    assert huellas(destino) == antes


def test_errores_del_sistema_en_espanol():
    sys.path.insert(0, str(RAIZ / "scripts"))
    from construir import causa

    for numero, texto in ((errno.ENOSPC, "no queda espacio en el disco"), (errno.EROFS, "el sistema de archivos es de solo lectura"),
                          (errno.EDQUOT, "se agotó la cuota de disco"), (errno.EACCES, "no hay permiso")):
        assert causa(OSError(numero, os.strerror(numero), "/srv/site/index.html")) == f"{texto} (/srv/site/index.html)"
    # al copiar, el archivo que importa es el destino
    copia = OSError(errno.ENOSPC, "No space left on device", "/origen.js", None, "/srv/site/destino.js")
    assert causa(copia) == "no queda espacio en el disco (/srv/site/destino.js)"
    assert causa(OSError(errno.ENOSPC, "x")) == "no queda espacio en el disco"


# --- MkDocs o un complemento fallan a media compilación ----------------------------------------

GANCHOS = {
    "excepcion": "def on_pre_build(config):\n    raise RuntimeError('fallo de prueba en un gancho')\n",
    "plugin": ("from mkdocs.exceptions import PluginError\n\n"
               "def on_pre_build(config):\n    raise PluginError('el complemento de prueba se negó')\n"),
    "aviso": ("import logging\n\n"
              "def on_pre_build(config):\n"
              "    logging.getLogger('mkdocs.plugins.prueba').warning('aviso de prueba en modo estricto')\n"),
}


@pytest.mark.sitio
@pytest.mark.parametrize("fallo, modo", [("excepcion", ()), ("excepcion", ("-v",)), ("plugin", ()), ("aviso", ())])
def test_fallo_dentro_de_la_compilacion(proyecto, fallo, modo):
    """Un gancho de MkDocs añadido a una copia del proyecto (el proyecto no usa ganchos: es un
    complemento ajeno que falla) falla dentro de la compilación."""
    (proyecto / "prueba_fallo.py").write_text(GANCHOS[fallo], encoding="utf-8")
    configuracion = proyecto / "mkdocs.yml"
    texto = configuracion.read_text(encoding="utf-8")
    assert "\nhooks:" not in texto
    configuracion.write_text(texto + "\nhooks:\n  - prueba_fallo.py\n", encoding="utf-8")
    destino = proyecto / "site"
    antes = sitio_anterior(destino)

    resultado = construir(destino, *modo, raiz=proyecto)
    if modo == ("-v",):  # con -v, el detalle para quien lo pide; la última línea, la misma frase
        assert "Traceback" in resultado.stderr and "RuntimeError: fallo de prueba en un gancho" in resultado.stderr
        resultado.stderr = resultado.stderr.replace("Traceback", "(detalle)")
    causa = comprobar_fallo(resultado, destino)
    assert huellas(destino) == antes
    if fallo == "excepcion":
        assert causa == "ocurrió un error inesperado (RuntimeError: fallo de prueba en un gancho; con -v se ve el detalle)"
    else:
        assert causa == "MkDocs la detuvo por los mensajes de arriba"
        mensaje = "el complemento de prueba se negó" if fallo == "plugin" else "aviso de prueba en modo estricto"
        assert mensaje in resultado.stderr  # lo que escribió MkDocs, arriba de la frase final


# --- Ctrl+C, SIGTERM y SIGKILL a media compilación ----------------------------------------------

def esperar_temporal(carpeta: Path, proceso: subprocess.Popen) -> Path:
    """Espera a que la compilación esté a media tarea: su carpeta temporal ya tiene páginas."""
    limite = time.monotonic() + 120
    while time.monotonic() < limite:
        assert proceso.poll() is None, terminar(proceso)  # si terminó, no hubo nada que interrumpir
        escritas = list(carpeta.glob(f"site.nuevo-{proceso.pid}-*/*/index.html"))  # (site.nuevo-<pid>-<azar>)
        if escritas:
            return escritas[0].parent.parent
        time.sleep(0.02)
    pytest.fail("la compilación no empezó a escribir en dos minutos")


@pytest.mark.sitio
@pytest.mark.parametrize("senal", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_interrumpida_a_media_compilacion(tmp_path, senal):
    destino = tmp_path / "site"
    antes = sitio_anterior(destino)
    proceso = lanzar(destino)
    esperar_temporal(tmp_path, proceso)
    proceso.send_signal(senal)
    resultado = terminar(proceso)
    assert resultado.returncode == 130
    assert comprobar_fallo(resultado, destino) == "se interrumpió (Ctrl+C o SIGTERM)"
    assert huellas(destino) == antes


@pytest.mark.sitio
def test_sigkill_a_media_compilacion_y_la_siguiente_da_el_mismo_sitio(tmp_path, compilacion):
    """Un SIGKILL no deja tocar nada: el sitio anterior sigue igual y la carpeta temporal queda. La
    compilación siguiente la borra (su proceso ya no existe), no la de una compilación en marcha (su
    proceso vive), y da el mismo sitio que ``mkdocs build``."""
    destino = tmp_path / "site"
    antes = sitio_anterior(destino)
    proceso = lanzar(destino)
    temporal = esperar_temporal(tmp_path, proceso)
    proceso.kill()
    assert terminar(proceso).returncode == -signal.SIGKILL
    assert huellas(destino) == antes
    assert temporal.is_dir()  # el resto que deja

    en_marcha = tmp_path / f"site.nuevo-{os.getpid()}-en-marcha"  # (el pid de esta prueba: vivo)
    (en_marcha / "talleres").mkdir(parents=True)
    siguiente = construir(destino)
    assert siguiente.returncode == 0, siguiente.stdout + siguiente.stderr
    assert "Traceback" not in siguiente.stderr
    assert restos(tmp_path, espera=60, salvo=(en_marcha.name,)) == [en_marcha.name]  # el del SIGKILL, borrado
    assert compilacion.returncode == 0, compilacion.stderr
    assert huellas(destino) == huellas(compilacion.destino)
