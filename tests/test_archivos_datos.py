"""Archivos de ``datos/``: nada se salta en silencio, se cuenta dos veces ni sale del repositorio.

Cada caso rompe una copia de ``datos/`` (en una carpeta temporal) y espera las líneas
exactas del validador (archivo, línea, campo y motivo) y su estado de salida. Algunos
compilan además el sitio: la compilación se detiene con el mismo mensaje, sin traza.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from plan_migracion.datos import FOTO_TAMANO_MAXIMO, cargar, validar

from conftest import RAIZ, compilar, sin_avisos_de_linea_del_editor

ENLACE_ES = ("es un enlace simbólico{}: en datos/ solo valen archivos y carpetas reales (un enlace podría publicar "
             "archivos de fuera del repositorio); ponga en su lugar el archivo o la carpeta de verdad")
ENLACE_EN = ("it is a symbolic link{}: only real files and folders are allowed in datos/ (a link could publish files "
             "from outside the repository); put the real file or folder in its place")


def validar_cli(carpeta: Path, *extra: str, prefijo: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    return sin_avisos_de_linea_del_editor(subprocess.run(
        [*prefijo, sys.executable, str(RAIZ / "scripts" / "validar.py"), str(carpeta), *extra],
        capture_output=True, text=True, timeout=120))


def lineas(resultado: subprocess.CompletedProcess) -> list[str]:
    return resultado.stdout.splitlines()


def sin_traza(resultado: subprocess.CompletedProcess) -> None:
    salida = resultado.stdout + resultado.stderr
    assert "Traceback" not in salida and "Error:" not in salida.replace("BuildError", ""), salida[-3000:]


# --- archivos que no son registros ------------------------------------------------------------


def test_carpeta_donde_va_un_archivo(copia_datos):
    (copia_datos / "talleres" / "2012-06-01-x.yml").mkdir()
    (copia_datos / "borradores").mkdir()
    resultado = validar_cli(copia_datos)
    assert resultado.returncode == 1
    assert lineas(resultado) == [
        "datos/borradores/:1: -: aquí no puede haber una carpeta: en datos/ solo van plan.yml, componentes.yml, "
        "regiones.yml, README.md y las carpetas fuentes/, talleres/, convenios/, esquemas/ y fotos/",
        "datos/talleres/2012-06-01-x.yml/:1: -: aquí no puede haber una carpeta: en datos/talleres/ solo van "
        "archivos «.yml», uno por registro",
    ]
    assert validar_cli(copia_datos, "--lang", "en").stdout.splitlines()[1] == (
        "datos/talleres/2012-06-01-x.yml/:1: -: there cannot be a folder here: only “.yml” files, one per record "
        "belong in datos/talleres/")


def test_enlaces_simbolicos_a_un_yaml_y_rotos(copia_datos, tmp_path):
    fuera = tmp_path / "fuera.yml"
    shutil.copy(copia_datos / "talleres" / "2011-03-11-callao.yml", fuera)
    (copia_datos / "talleres" / "2012-06-01-enlace.yml").symlink_to(fuera)
    (copia_datos / "convenios" / "2012-06-01-roto.yml").symlink_to(tmp_path / "no-existe.yml")
    (copia_datos / "plan.yml").unlink()
    (copia_datos / "plan.yml").symlink_to(RAIZ / "datos" / "plan.yml")
    resultado = validar_cli(copia_datos)
    assert resultado.returncode == 1
    assert lineas(resultado) == [
        "datos/convenios/2012-06-01-roto.yml:1: -: " + ENLACE_ES.format(f" roto a «{tmp_path / 'no-existe.yml'}»"),
        "datos/plan.yml:1: -: " + ENLACE_ES.format(f" a «{RAIZ / 'datos' / 'plan.yml'}»"),
        "datos/talleres/2012-06-01-enlace.yml:1: -: " + ENLACE_ES.format(f" a «{fuera}»"),
    ]
    assert lineas(validar_cli(copia_datos, "--lang", "en"))[0] == (
        "datos/convenios/2012-06-01-roto.yml:1: -: " + ENLACE_EN.format(f" (broken) to “{tmp_path / 'no-existe.yml'}”"))


def test_fifo_en_lugar_de_un_registro(copia_datos):
    os.mkfifo(copia_datos / "talleres" / "2012-06-01-fifo.yml")
    resultado = validar_cli(copia_datos)  # con límite de tiempo: abrir una FIFO para leerla se colgaría
    assert resultado.returncode == 1
    assert lineas(resultado) == [
        "datos/talleres/2012-06-01-fifo.yml:1: -: no es un archivo normal (es una tubería FIFO): en datos/ solo "
        "valen archivos de texto, imágenes y carpetas"]


def _sin_permiso_de_lectura() -> tuple[str, ...]:
    """Cómo ejecutar un proceso que no pueda saltarse los permisos (como root sí puede)."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.fail("Las pruebas corren como root y falta setpriv (util-linux) para quitar CAP_DAC_OVERRIDE")
    return (setpriv, "--bounding-set=-dac_override,-dac_read_search")


def test_archivo_sin_permiso_de_lectura(copia_datos):
    ruta = copia_datos / "talleres" / "2012-06-01-ilegible.yml"
    shutil.copy(copia_datos / "talleres" / "2011-03-11-callao.yml", ruta)
    ruta.chmod(0)
    cerrada = copia_datos / "fotos" / "cerrada"
    cerrada.mkdir(parents=True)
    cerrada.chmod(0)
    prefijo = _sin_permiso_de_lectura()
    # la prueba no es vacía: ese proceso de verdad no puede leer el archivo ni la carpeta
    assert subprocess.run([*prefijo, "cat", str(ruta)], capture_output=True).returncode != 0
    assert subprocess.run([*prefijo, "ls", str(cerrada)], capture_output=True).returncode != 0
    resultado = validar_cli(copia_datos, prefijo=prefijo)
    assert resultado.returncode == 1
    assert lineas(resultado) == [
        "datos/fotos/cerrada/:1: -: no se puede leer el archivo (sin permiso de lectura): "
        "compruebe que es un archivo normal y tiene permiso de lectura",
        "datos/talleres/2012-06-01-ilegible.yml:1: -: no se puede leer el archivo (sin permiso de lectura): "
        "compruebe que es un archivo normal y tiene permiso de lectura"]
    cerrada.chmod(0o755)  # para que pytest pueda borrar la carpeta temporal
    assert lineas(validar_cli(copia_datos, "--lang", "en", prefijo=prefijo)) == [
        "datos/talleres/2012-06-01-ilegible.yml:1: -: the file cannot be read (no permission to read it): "
        "check that it is a regular file and can be read"]


@pytest.mark.sitio
def test_la_compilacion_sin_permiso_de_lectura(copia_datos, tmp_path):
    """``mkdocs build`` (y su caché, que recorre la carpeta) tampoco termina en una traza."""
    ruta = copia_datos / "talleres" / "2012-06-01-ilegible.yml"
    shutil.copy(copia_datos / "talleres" / "2011-03-11-callao.yml", ruta)
    ruta.chmod(0)
    (copia_datos / "fotos" / "cerrada").mkdir(parents=True)
    (copia_datos / "fotos" / "cerrada").chmod(0)
    resultado = compilar(tmp_path / "site", copia_datos, prefijo=_sin_permiso_de_lectura())
    (copia_datos / "fotos" / "cerrada").chmod(0o755)
    assert resultado.returncode != 0
    sin_traza(resultado)
    salida = resultado.stdout + resultado.stderr
    assert "datos/fotos/cerrada/:1: -: no se puede leer el archivo (sin permiso de lectura)" in salida
    assert "datos/talleres/2012-06-01-ilegible.yml:1: -: no se puede leer el archivo (sin permiso de lectura)" in salida


@pytest.mark.sitio
def test_la_compilacion_rechaza_los_mismos_archivos(copia_datos, tmp_path):
    (copia_datos / "talleres" / "2012-06-01-x.yml").mkdir()
    (copia_datos / "talleres" / "2012-06-01-piura.YML").write_text("id: x\n", encoding="utf-8")
    (copia_datos / "talleres" / "2012-06-01-roto.yml").symlink_to(tmp_path / "no-existe")
    os.mkfifo(copia_datos / "convenios" / "2012-06-01-fifo.yml")
    esperado = lineas(validar_cli(copia_datos))
    assert len(esperado) == 4
    resultado = compilar(tmp_path / "site", copia_datos)
    assert resultado.returncode != 0
    sin_traza(resultado)
    salida = resultado.stdout + resultado.stderr
    assert [l for l in esperado if l not in salida] == []
    assert "Los datos tienen 4 error(es)" in salida


# --- talleres repetidos ------------------------------------------------------------------------


def _copiar_taller(carpeta: Path, origen: str, nuevo_id: str, *cambios: tuple[str, str]) -> Path:
    texto = (carpeta / "talleres" / f"{origen}.yml").read_text(encoding="utf-8")
    texto = texto.replace(f"id: {origen}", f"id: {nuevo_id}")
    for viejo, nuevo in cambios:
        assert viejo in texto
        texto = texto.replace(viejo, nuevo)
    ruta = carpeta / "talleres" / f"{nuevo_id}.yml"
    ruta.write_text(texto, encoding="utf-8")
    return ruta


def _linea(ruta: Path, clave: str) -> int:
    """El número de la línea de ``ruta`` que empieza por ``clave:`` (los mensajes la nombran; no se
    supone dónde está: un registro escrito a mano puede no llevar la línea del editor)."""
    lineas = ruta.read_text(encoding="utf-8").splitlines()
    return next(n for n, linea in enumerate(lineas, 1) if linea.startswith(f"{clave}:"))


def test_copia_de_un_taller_con_otro_id(copia_datos):
    """La copia del taller del Callao con otro id: antes la portada contaba un taller y 32 participantes de más."""
    copia = _copiar_taller(copia_datos, "2011-03-11-callao", "2011-03-11-la-punta")
    resultado = validar_cli(copia_datos)
    assert resultado.returncode == 1
    fila, fecha = _linea(copia, "orden_en_fuente"), _linea(copia, "fecha")
    esperado = [
        f"datos/talleres/2011-03-11-la-punta.yml:{fila}:1: orden_en_fuente: la fila 1 de la tabla de la fuente ya es la "
        "del taller de datos/talleres/2011-03-11-callao.yml: cada fila es un solo taller",
        f"datos/talleres/2011-03-11-la-punta.yml:{fecha}:1: fecha: este taller repite la fecha (2011-03-11) y el lugar "
        "(«Club Regatas Unión de La Punta - Callao») del de datos/talleres/2011-03-11-callao.yml: si es el mismo "
        "taller, deje un solo archivo",
    ]
    assert lineas(resultado) == esperado
    assert lineas(validar_cli(copia_datos, "--lang", "en"))[1] == (
        f"datos/talleres/2011-03-11-la-punta.yml:{fecha}:1: fecha: this workshop repeats the date (2011-03-11) and the "
        "place (“Club Regatas Unión de La Punta - Callao”) of the one in datos/talleres/2011-03-11-callao.yml: "
        "if it is the same workshop, keep a single file")


def test_mismo_lugar_escrito_de_otra_manera(copia_datos):
    """El lugar se compara sin mayúsculas, tildes ni signos; sin fila de la fuente (un taller añadido)."""
    _copiar_taller(copia_datos, "2011-03-11-callao", "2011-03-11-callao-2",
                   ("orden_en_fuente: 1", "orden_en_fuente: null"),
                   ('es: "Club Regatas Unión de La Punta - Callao"', 'es: "CLUB REGATAS UNION DE LA PUNTA, CALLAO"'))
    resultado = validar_cli(copia_datos)
    assert resultado.returncode == 1
    fecha = _linea(copia_datos / "talleres" / "2011-03-11-callao.yml", "fecha")
    assert lineas(resultado) == [
        f"datos/talleres/2011-03-11-callao.yml:{fecha}:1: fecha: este taller repite la fecha (2011-03-11) y el lugar "
        "(«Club Regatas Unión de La Punta - Callao») del de datos/talleres/2011-03-11-callao-2.yml: si es el "
        "mismo taller, deje un solo archivo"]


def test_misma_fila_de_la_fuente(copia_datos):
    copia = _copiar_taller(copia_datos, "2011-03-11-callao", "2011-03-12-ventanilla",
                           ("fecha: 2011-03-11", "fecha: 2011-03-12"),
                           ('es: "Club Regatas Unión de La Punta - Callao"', 'es: "Ventanilla"'))
    resultado = validar_cli(copia_datos)
    assert resultado.returncode == 1
    assert lineas(resultado) == [
        f"datos/talleres/2011-03-12-ventanilla.yml:{_linea(copia, 'orden_en_fuente')}:1: orden_en_fuente: la fila 1 de la tabla de la fuente ya es la "
        "del taller de datos/talleres/2011-03-11-callao.yml: cada fila es un solo taller"]


def test_otro_taller_el_mismo_dia_en_otro_lugar_es_valido(copia_datos):
    _copiar_taller(copia_datos, "2011-03-11-callao", "2011-03-11-ventanilla", ("orden_en_fuente: 1", "orden_en_fuente: null"),
                   ('es: "Club Regatas Unión de La Punta - Callao"', 'es: "Ventanilla"'))
    resultado = validar_cli(copia_datos)
    assert (resultado.returncode, resultado.stdout) == (0, "")


# --- referencias que deben existir -------------------------------------------------------------


def _lineas_fuente_inexistente(carpeta: Path) -> list[str]:
    esperado = []
    for ruta in sorted((carpeta / "talleres").glob("*.yml")):
        fuente = re.search(r"^fuente: (\S+)$", ruta.read_text(encoding="utf-8"), re.M)
        numero = ruta.read_text(encoding="utf-8")[: fuente.start()].count("\n") + 1
        esperado.append(f"datos/talleres/{ruta.name}:{numero}:1: fuente: «{fuente.group(1)}» no existe en las fuentes "
                        "cooperantes; los valores válidos están en datos/fuentes/")
    return esperado


VACIA_ES = ("datos/fuentes/:1: -: no hay ninguna fuente cooperante en datos/fuentes/: cada taller cita la suya; "
            "añada un archivo datos/fuentes/<id>.yml por cada fuente del documento")


@pytest.mark.parametrize("como", ["vacia", "sin-carpeta"])
def test_sin_fuentes(copia_datos, como):
    for ruta in (copia_datos / "fuentes").iterdir():
        ruta.unlink()
    if como == "sin-carpeta":
        (copia_datos / "fuentes").rmdir()
    resultado = validar_cli(copia_datos)
    assert resultado.returncode == 1
    assert lineas(resultado) == [VACIA_ES, *_lineas_fuente_inexistente(copia_datos)]
    assert lineas(validar_cli(copia_datos, "--lang", "en"))[0] == (
        "datos/fuentes/:1: -: there is no cooperating source in datos/fuentes/: each workshop cites its own; "
        "add a file datos/fuentes/<id>.yml for each source in the document")


def test_sin_fuentes_la_carga_se_detiene_con_el_mismo_mensaje(copia_datos):
    """Antes: «Datos válidos» y la compilación terminaba en KeyError. La compilación carga los datos
    con cargar(), que se detiene con los errores del validador (DatosInvalidos), nunca con un
    KeyError; que la compilación los escribe lo prueba test_la_compilacion_rechaza_los_mismos_archivos."""
    for ruta in (copia_datos / "fuentes").iterdir():
        ruta.unlink()
    with pytest.raises(Exception) as error:
        cargar(copia_datos)
    assert [p.texto("es") for p in error.value.problemas if p.es_error] == [
        VACIA_ES, *_lineas_fuente_inexistente(copia_datos)]


def test_una_fuente_citada_que_falta(copia_datos):
    citada = re.search(r"^fuente: (\S+)$", (copia_datos / "talleres" / "2011-03-11-callao.yml").read_text(), re.M)[1]
    (copia_datos / "fuentes" / f"{citada}.yml").unlink()
    resultado = validar_cli(copia_datos)
    assert resultado.returncode == 1
    assert lineas(resultado) == [l for l in _lineas_fuente_inexistente(copia_datos) if f"«{citada}»" in l]
    assert any("2011-03-11-callao.yml" in l for l in lineas(resultado))


def test_una_fuente_rota_no_se_repite_en_cada_taller(copia_datos):
    ruta = copia_datos / "fuentes" / "oim.yml"
    ruta.write_text(ruta.read_text(encoding="utf-8").replace("orden: 2", "orden: [2"), encoding="utf-8")
    resultado = validar_cli(copia_datos)
    assert resultado.returncode == 1
    assert len(lineas(resultado)) == 1 and lineas(resultado)[0].startswith("datos/fuentes/oim.yml:")


def test_sin_regiones_un_solo_error(copia_datos):
    (copia_datos / "regiones.yml").unlink()
    resultado = validar_cli(copia_datos)
    assert resultado.returncode == 1
    assert lineas(resultado) == ["datos/regiones.yml:1: -: falta el archivo obligatorio «regiones.yml»"]


def test_region_repetida_en_regiones_yml(copia_datos):
    ruta = copia_datos / "regiones.yml"
    texto = ruta.read_text(encoding="utf-8")
    primera = re.search(r'^  - id: "(\d+)"$', texto, re.M)
    bloque = texto[primera.start(): texto.index("\n  - id:", primera.end()) + 1]
    ruta.write_text(texto + bloque, encoding="utf-8")
    linea_original = texto[: primera.start()].count("\n") + 1
    linea_copia = texto.count("\n") + 1
    resultado = validar_cli(copia_datos)
    assert resultado.returncode == 1
    assert lineas(resultado) == [
        f"datos/regiones.yml:{linea_copia}:5: regiones[{texto.count(chr(10) + '  - id:') + 1}].id: el id "
        f"«{primera.group(1)}» ya se usa en datos/regiones.yml:{linea_original}"]


@pytest.mark.sitio
def test_lo_que_el_validador_acepta_se_compila(copia_datos, tmp_path):
    """Fechas en los extremos permitidos, una región nueva (sin forma en el mapa), cifras enormes,
    un taller sin regiones y un convenio con foto: avisos, pero el sitio se compila (fuera de git,
    la fecha de los datos sale de la fecha más reciente)."""
    (copia_datos / "regiones.yml").write_text((copia_datos / "regiones.yml").read_text(encoding="utf-8") + (
        '  - id: "26"\n    nombre: {es: Región de prueba, en: Test region}\n    tipo: gobierno-regional\n'),
        encoding="utf-8")
    for fecha, regiones in (("2099-12-31", '["26", "1501"]'), ("1970-01-01", "[]")):
        (copia_datos / "talleres" / f"{fecha}-extremo.yml").write_text(
            f"id: {fecha}-extremo\nfuente: oim\ncomponente: induccion-sensibilizacion\n"
            "nombre: {es: Taller de prueba, en: Test workshop}\n"
            f"fecha: {fecha}\nlugar: {{es: Lugar de prueba, en: Test place}}\nparticipantes: 999999999999\n"
            f"representacion: {{es: Prueba, en: Test}}\nregiones: {regiones}\n", encoding="utf-8")
    (copia_datos / "fotos").mkdir(exist_ok=True)  # puede haber fotos de verdad en datos/fotos/
    (copia_datos / "fotos" / "a.webp").write_bytes(imagen("WEBP"))
    (copia_datos / "convenios" / "2012-05-10-prueba.yml").write_text(
        "id: 2012-05-10-prueba\nparte: {es: Parte de prueba, en: Test party}\nnivel: local\nregion: \"26\"\n"
        "fecha_firma: 2012-05-10\nvigencia_hasta: 2099-12-31\nobjeto: {es: Objeto, en: Purpose}\nestado: resuelto\n"
        "documento: null\nfuente_informacion: {es: Fuente, en: Source}\n"
        "galeria:\n  - {archivo: a.webp, pie: {es: Pie, en: Caption}, alt: {es: Alt, en: Alt}}\n", encoding="utf-8")
    resultado = validar_cli(copia_datos)
    assert resultado.returncode == 0, resultado.stdout
    # dos avisos de estos registros (los de otros registros de datos/ no cuentan aquí)
    assert [l.split(": ", 2)[1] for l in lineas(resultado) if "-extremo.yml:" in l] == ["fecha", "fecha"]
    compilacion = compilar(tmp_path / "site", copia_datos)
    assert compilacion.returncode == 0, compilacion.stdout + compilacion.stderr
    assert (tmp_path / "site" / "talleres" / "2099-12-31-extremo" / "index.html").is_file()
    assert (tmp_path / "site" / "fotos" / "a.webp").read_bytes() == imagen("WEBP")


# --- fotos ---------------------------------------------------------------------------------------

TALLER_CON_FOTO = """\
id: 2012-06-15-prueba
fuente: unfpa
componente: fortalecimiento-capacidades
nombre:
  es: Taller de prueba con foto
  en: Test workshop with a photo
fecha: 2012-06-15
lugar:
  es: Lugar de prueba
  en: Test place
participantes: null
representacion:
  es: Registro de prueba
  en: Test record
regiones: ["08"]
galeria:
  - archivo: {archivo}
    pie:
      es: Pie de prueba
      en: Test caption
    alt:
      es: Texto alternativo de prueba
      en: Test alternative text
"""
LINEA_ARCHIVO = 17  # la línea de «- archivo:» en TALLER_CON_FOTO


def imagen(formato: str) -> bytes:
    salida = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(salida, format=formato)
    return salida.getvalue()


def con_foto(carpeta: Path, archivo: str) -> None:
    (carpeta / "talleres" / "2012-06-15-prueba.yml").write_text(TALLER_CON_FOTO.format(archivo=archivo),
                                                               encoding="utf-8")


def error_de_foto(mensaje: str) -> str:
    return f"datos/talleres/2012-06-15-prueba.yml:{LINEA_ARCHIVO}:5: galeria[1].archivo: {mensaje}"


@pytest.fixture
def fotos(copia_datos) -> Path:
    carpeta = copia_datos / "fotos" / "prueba"
    carpeta.mkdir(parents=True, exist_ok=True)
    return carpeta


def test_ruta_con_puntos(copia_datos, fotos):
    (copia_datos / "fotos" / "callao.png").write_bytes(imagen("PNG"))  # existe: igual se rechaza
    con_foto(copia_datos, "nada/../callao.png")
    resultado = validar_cli(copia_datos)
    assert resultado.returncode == 1
    assert lineas(resultado) == [error_de_foto(
        "la ruta «nada/../callao.png» tiene una parte vacía, «.» o «..»: escriba la ruta directa dentro de datos/fotos/, "
        "por ejemplo callao/taller-1.jpg")]


def test_foto_enlace_a_un_archivo_de_fuera(copia_datos, fotos, tmp_path):
    secreto = tmp_path / "secreto.png"
    secreto.write_bytes(imagen("PNG"))
    (fotos / "foto.png").symlink_to(secreto)
    con_foto(copia_datos, "prueba/foto.png")
    resultado = validar_cli(copia_datos)
    assert resultado.returncode == 1
    assert lineas(resultado) == [
        "datos/fotos/prueba/foto.png:1: -: " + ENLACE_ES.format(f" a «{secreto}»"),
        error_de_foto("la foto «prueba/foto.png» pasa por un enlace simbólico (datos/fotos/prueba/foto.png): solo se "
                      "publican archivos reales que están dentro de datos/fotos/"),
    ]


@pytest.mark.sitio
def test_carpeta_de_fotos_enlazada_fuera_del_repositorio(copia_datos, tmp_path):
    fuera = tmp_path / "fuera"
    (fuera / "prueba").mkdir(parents=True)
    (fuera / "prueba" / "foto.png").write_bytes(imagen("PNG"))
    (fuera / "privado.png").write_bytes(imagen("PNG"))
    shutil.rmtree(copia_datos / "fotos", ignore_errors=True)  # las fotos de verdad, si las hay
    (copia_datos / "fotos").symlink_to(fuera)
    con_foto(copia_datos, "prueba/foto.png")
    esperado = [
        "datos/fotos:1: -: " + ENLACE_ES.format(f" a «{fuera}»"),
        error_de_foto("la foto «prueba/foto.png» pasa por un enlace simbólico (datos/fotos): solo se publican "
                      "archivos reales que están dentro de datos/fotos/"),
    ]
    resultado = validar_cli(copia_datos)
    assert resultado.returncode == 1
    # las fotos que citen los datos de verdad, si hay alguna, dan el mismo error que la de prueba
    assert lineas(resultado)[0] == esperado[0] and esperado[1] in lineas(resultado)
    assert all("pasa por un enlace simbólico (datos/fotos)" in l for l in lineas(resultado)[1:])
    compilacion = compilar(tmp_path / "site", copia_datos)
    assert compilacion.returncode != 0
    sin_traza(compilacion)
    assert all(l in compilacion.stdout + compilacion.stderr for l in esperado)
    assert not (tmp_path / "site" / "fotos").exists()


@pytest.mark.parametrize("nombre,contenido,mensaje", [
    ("texto.png", b"no soy una imagen\n",
     "«prueba/texto.png» no es una imagen JPEG, PNG o WebP válida (su contenido no es de ninguno de esos formatos): "
     "guárdela en uno de esos formatos"),
    ("dibujo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     "«prueba/dibujo.png» no es una imagen JPEG, PNG o WebP válida (su contenido no es de ninguno de esos formatos): "
     "guárdela en uno de esos formatos"),
    ("gif.webp", None,
     "«prueba/gif.webp» no es una imagen JPEG, PNG o WebP válida (su contenido no es de ninguno de esos formatos): "
     "guárdela en uno de esos formatos"),
    ("png.jpg", "PNG",
     "la foto «prueba/png.jpg» es PNG por su contenido, pero su extensión dice otra cosa: llámela «….png»"),
    ("jpeg.webp", "JPEG",
     "la foto «prueba/jpeg.webp» es JPEG por su contenido, pero su extensión dice otra cosa: llámela «….jpg»"),
])
def test_tipo_de_foto_por_su_contenido(copia_datos, fotos, nombre, contenido, mensaje):
    if contenido is None:
        contenido = imagen("GIF")
    elif isinstance(contenido, str):
        contenido = imagen(contenido)
    (fotos / nombre).write_bytes(contenido)
    con_foto(copia_datos, f"prueba/{nombre}")
    resultado = validar_cli(copia_datos)
    assert resultado.returncode == 1
    assert lineas(resultado) == [error_de_foto(mensaje)]


def test_foto_danada(copia_datos, fotos):
    png = bytearray(imagen("PNG"))
    png[png.index(b"IDAT") + 6] ^= 0xFF  # un byte cambiado: la suma de control del bloque ya no coincide
    (fotos / "cortada.png").write_bytes(bytes(png))
    con_foto(copia_datos, "prueba/cortada.png")
    resultado = validar_cli(copia_datos)
    assert resultado.returncode == 1
    assert len(lineas(resultado)) == 1
    assert lineas(resultado)[0].startswith(error_de_foto(
        "«prueba/cortada.png» no es una imagen JPEG, PNG o WebP válida (archivo dañado: "))


def test_svg_no_es_una_foto(copia_datos, fotos):
    (fotos / "dibujo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    con_foto(copia_datos, "prueba/dibujo.svg")
    resultado = validar_cli(copia_datos)
    assert resultado.returncode == 1
    assert lineas(resultado) == [
        "datos/fotos/prueba/dibujo.svg:1: -: archivo inesperado: en datos/fotos/prueba/ solo van imágenes «.jpg», "
        "«.jpeg», «.png» o «.webp» (extensión en minúsculas) y carpetas; este termina en «.svg»",
        error_de_foto("ruta de imagen no válida «prueba/dibujo.svg»: use minúsculas sin tildes, cifras, guiones y «/» "
                      "entre carpetas, terminada en .jpg, .jpeg, .png o .webp (por ejemplo callao/taller-1.jpg)"),
    ]


def test_foto_demasiado_grande(copia_datos, fotos):
    ruta = fotos / "grande.png"
    ruta.write_bytes(imagen("PNG"))
    with open(ruta, "r+b") as f:  # un archivo disperso: no ocupa disco
        f.truncate(FOTO_TAMANO_MAXIMO + 1)
    con_foto(copia_datos, "prueba/grande.png")
    resultado = validar_cli(copia_datos)
    assert resultado.returncode == 1
    assert lineas(resultado) == [error_de_foto(
        f"la foto «prueba/grande.png» pesa {FOTO_TAMANO_MAXIMO + 1} bytes; el máximo es {FOTO_TAMANO_MAXIMO} bytes "
        f"({FOTO_TAMANO_MAXIMO // 2**20} MB): redúzcala antes de añadirla")]


def test_el_limite_de_las_fotos_esta_en_contributing():
    texto = (RAIZ / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert FOTO_TAMANO_MAXIMO % 2**20 == 0
    megas = FOTO_TAMANO_MAXIMO // 2**20
    assert f"{megas} MB" in texto.split("## Añadir fotos", 1)[1].split("\n## ", 1)[0]
    assert f"{megas} MB" in texto.split("**Adding photos.**", 1)[1].split("\n\n", 1)[0]


@pytest.mark.sitio
def test_fotos_validas_y_solo_las_citadas_se_publican(copia_datos, fotos, tmp_path):
    for formato, extension in (("PNG", "png"), ("JPEG", "jpg"), ("JPEG", "jpeg"), ("WEBP", "webp")):
        (fotos / f"foto.{extension}").write_bytes(imagen(formato))
    (fotos / "sin-citar.png").write_bytes(imagen("PNG"))
    con_foto(copia_datos, "prueba/foto.png")
    otro = TALLER_CON_FOTO.format(archivo="prueba/foto.jpg").replace("2012-06-15", "2012-06-16")
    otro += "".join(f"  - archivo: prueba/foto.{e}\n    pie: {{es: Pie, en: Caption}}\n    alt: {{es: Alt, en: Alt}}\n"
                    for e in ("jpeg", "webp", "png"))
    (copia_datos / "talleres" / "2012-06-16-prueba.yml").write_text(otro, encoding="utf-8")
    resultado = validar_cli(copia_datos)
    assert (resultado.returncode, resultado.stdout) == (0, "")
    reales = set(cargar(RAIZ / "datos").fotos)  # las que ya citan los datos de verdad, si hay alguna
    citadas = reales | {"prueba/foto.jpeg", "prueba/foto.jpg", "prueba/foto.png", "prueba/foto.webp"}
    datos = cargar(copia_datos)
    assert sorted(datos.fotos) == sorted(citadas)
    compilacion = compilar(tmp_path / "site", copia_datos)
    assert compilacion.returncode == 0, compilacion.stdout + compilacion.stderr
    publicadas = sorted(p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site" / "fotos").rglob("*")
                        if p.is_file())
    assert publicadas == sorted(f"fotos/{foto}" for foto in citadas)  # no «sin-citar.png»


# --- la salida del validador no se puede falsear --------------------------------------------------


def test_un_valor_no_imprime_una_linea_falsa(copia_datos):
    ruta = copia_datos / "talleres" / "2011-04-01-tumbes.yml"
    texto = ruta.read_text(encoding="utf-8")
    valor = 'participantes: "1\\nDatos válidos.\\t\\u2028x"'
    ruta.write_text(re.sub(r"^participantes: .*$", lambda _: valor, texto, flags=re.M), encoding="utf-8")
    for extra in ((), ("--github",)):
        resultado = validar_cli(copia_datos, *extra)
        assert resultado.returncode == 1
        assert len(lineas(resultado)) == 1, resultado.stdout
        assert "Datos válidos." not in resultado.stdout.replace("\\nDatos válidos.", "")
    assert lineas(validar_cli(copia_datos))[0].endswith(
        "participantes: debe ser un número entero, sin decimales ni comillas "
        "(se encontró «1\\nDatos válidos.\\t\\u2028x»)")


def test_un_nombre_de_archivo_no_imprime_una_linea_falsa(copia_datos):
    (copia_datos / "talleres" / "x\nDatos válidos.\n").write_text("x", encoding="utf-8")
    resultado = validar_cli(copia_datos)
    assert resultado.returncode == 1
    assert lineas(resultado) == [
        "datos/talleres/x\\nDatos válidos.\\n:1: -: archivo inesperado: en datos/talleres/ solo van archivos «.yml», "
        "uno por registro; este termina en «.\\n»"]
    assert [p.codigo for p in validar(copia_datos)] == ["archivo-inesperado"]
    anotacion = validar_cli(copia_datos, "--github")
    assert lineas(anotacion) == [
        "::error file=datos/talleres/x\\nDatos válidos.\\n,line=1,title=-::datos/talleres/x\\nDatos válidos.\\n:1: -: "
        "archivo inesperado: en datos/talleres/ solo van archivos «.yml», uno por registro; este termina en «.\\n»"]


def test_un_campo_con_control_no_sale_crudo(copia_datos):
    ruta = copia_datos / "talleres" / "2011-04-01-tumbes.yml"
    ruta.write_text(ruta.read_text(encoding="utf-8") + '"nota\\nDatos válidos.": x\n', encoding="utf-8")
    numero = ruta.read_text(encoding="utf-8").count("\n")
    for extra in ((), ("--github",)):
        resultado = validar_cli(copia_datos, *extra)
        assert resultado.returncode == 1 and len(lineas(resultado)) == 1, resultado.stdout
        assert "nota\\nDatos válidos." in resultado.stdout
    assert lineas(validar_cli(copia_datos, "--github"))[0].startswith(
        f"::error file=datos/talleres/2011-04-01-tumbes.yml,line={numero},col=1,title=nota\\nDatos válidos.::")
