"""La forma del código, leída de sus importaciones con ``ast`` (rápida: no compila ni importa nada).

Capas del paquete, de abajo arriba: ``plan_migracion/datos`` → ``vistas`` → ``salidas`` →
``sitio_mkdocs``. Cada módulo importa solo de su capa o de las de debajo; entre los módulos del
paquete no hay ciclos; la capa de datos no importa MkDocs ni Jinja; fuera de ``sitio_mkdocs/``
(el complemento del sitio), ``macros.py`` y ``scripts/`` nadie importa MkDocs; ni el paquete ni ``scripts/``
importan ``tests/`` (las pruebas sí pueden importar ``scripts/``); ningún módulo de pruebas importa otro.

Cuentan todas las importaciones, también las que están dentro de una función: una importación
diferida sigue siendo una dependencia (así se escondía el ciclo ``vistas`` ↔ ``paginas``).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent
PAQUETE = "plan_migracion"
CAPAS = ("datos", "vistas", "salidas", "sitio_mkdocs")  # de abajo arriba
MKDOCS = {"mkdocs", "material", "mkdocs_static_i18n", "mkdocs_macros"}
FUERA_DE_DATOS = MKDOCS | {"jinja2", "markupsafe"}


@dataclass(frozen=True)
class Importacion:
    archivo: Path
    linea: int
    nombre: str  # módulo importado, con puntos («plan_migracion.vistas.render», «mkdocs.plugins»)

    def donde(self, raiz: Path) -> str:
        return f"{self.archivo.relative_to(raiz).as_posix()}:{self.linea}"


def modulos_del_paquete(raiz: Path, paquete: str = PAQUETE) -> dict[str, Path]:
    """Nombre con puntos → archivo, de cada ``.py`` del paquete (``__init__.py`` es el paquete)."""
    modulos = {}
    for archivo in sorted((raiz / paquete).rglob("*.py")):
        partes = archivo.relative_to(raiz).with_suffix("").parts
        if partes[-1] == "__init__":
            partes = partes[:-1]
        modulos[".".join(partes)] = archivo
    return modulos


def importaciones(archivo: Path, modulo: str | None, conocidos: set[str]) -> list[Importacion]:
    """Lo que importa ``archivo`` (``modulo``: su nombre si es del paquete, para las relativas).

    ``from a import b`` cuenta como ``a.b`` si ``a.b`` es un módulo conocido, si no como ``a``.
    """
    arbol = ast.parse(archivo.read_text(encoding="utf-8"), filename=str(archivo))
    es_paquete = archivo.name == "__init__.py"
    encontradas = []
    for nodo in ast.walk(arbol):
        if isinstance(nodo, ast.Import):
            encontradas += [Importacion(archivo, nodo.lineno, alias.name) for alias in nodo.names]
        elif isinstance(nodo, ast.ImportFrom):
            if nodo.level:
                if modulo is None:
                    raise AssertionError(f"{archivo}:{nodo.lineno}: importación relativa fuera del paquete")
                partes = modulo.split(".") if es_paquete else modulo.split(".")[:-1]
                partes = partes[: len(partes) - (nodo.level - 1)]
                base = ".".join(partes + ([nodo.module] if nodo.module else []))
            else:
                base = nodo.module
            for alias in nodo.names:
                completo = f"{base}.{alias.name}"
                encontradas.append(Importacion(archivo, nodo.lineno, completo if completo in conocidos else base))
    return encontradas


def _grafo(raiz: Path, paquete: str = PAQUETE) -> tuple[dict[str, Path], dict[str, list[Importacion]]]:
    modulos = modulos_del_paquete(raiz, paquete)
    conocidos = set(modulos)
    return modulos, {nombre: importaciones(archivo, nombre, conocidos) for nombre, archivo in modulos.items()}


def ciclos(raiz: Path, paquete: str = PAQUETE) -> list[list[Importacion]]:
    """Los ciclos de importaciones entre módulos del paquete: uno por cada grupo de módulos que se
    importan entre sí (componente fuertemente conexa, de Tarjan), como la lista de sus flechas."""
    modulos, imports = _grafo(raiz, paquete)
    flechas = {m: [i for i in imports[m] if i.nombre in modulos] for m in modulos}
    indice: dict[str, int] = {}
    bajo: dict[str, int] = {}
    pila: list[str] = []
    en_pila: set[str] = set()
    grupos: list[list[str]] = []

    def visitar(m: str) -> None:
        indice[m] = bajo[m] = len(indice)
        pila.append(m)
        en_pila.add(m)
        for i in flechas[m]:
            if i.nombre not in indice:
                visitar(i.nombre)
                bajo[m] = min(bajo[m], bajo[i.nombre])
            elif i.nombre in en_pila:
                bajo[m] = min(bajo[m], indice[i.nombre])
        if bajo[m] == indice[m]:
            grupo = []
            while True:
                otro = pila.pop()
                en_pila.discard(otro)
                grupo.append(otro)
                if otro == m:
                    break
            if len(grupo) > 1 or any(i.nombre == m for i in flechas[m]):
                grupos.append(sorted(grupo))

    for m in sorted(modulos):
        if m not in indice:
            visitar(m)

    encontrados = []
    for grupo in grupos:  # un camino del primero de cada grupo de vuelta a él, dentro del grupo
        inicio, camino, vistos = grupo[0], [], set()

        def buscar(m: str) -> bool:
            vistos.add(m)
            for i in flechas[m]:
                if i.nombre not in grupo:
                    continue
                camino.append(i)
                if i.nombre == inicio or (i.nombre not in vistos and buscar(i.nombre)):
                    return True
                camino.pop()
            return False

        buscar(inicio)
        encontrados.append(list(camino))
    return encontrados


def _describir(ciclo: list[Importacion], raiz: Path) -> str:
    primero = ciclo[0].archivo.relative_to(raiz).as_posix()
    return primero + "".join(f" → {i.nombre} ({i.donde(raiz)})" for i in ciclo)


def _capa(nombre: str) -> int | None:
    partes = nombre.split(".")
    if len(partes) > 1 and partes[0] == PAQUETE and partes[1] in CAPAS:
        return CAPAS.index(partes[1])
    return None


def _raiz_de(nombre: str) -> str:
    return nombre.split(".")[0]


def _fuera_del_paquete() -> list[Path]:
    return [RAIZ / "macros.py", *sorted((RAIZ / "scripts").glob("*.py"))]


def _todas() -> dict[Path, list[Importacion]]:
    modulos, imports = _grafo(RAIZ)
    conocidos = set(modulos)
    todas = {modulos[m]: lista for m, lista in imports.items()}
    for archivo in _fuera_del_paquete():
        todas[archivo] = importaciones(archivo, None, conocidos)
    return todas


# --- El paquete -----------------------------------------------------------------------------------

def test_el_paquete_esta_en_capas():
    """Cada módulo de plan_migracion está en una capa (o es el __init__ del paquete)."""
    sueltos = [m for m in modulos_del_paquete(RAIZ) if m != PAQUETE and _capa(m) is None]
    assert not sueltos, f"Módulos fuera de las capas {CAPAS}: {sueltos}"


def test_sin_ciclos_entre_los_modulos_del_paquete():
    encontrados = ciclos(RAIZ)
    assert not encontrados, "Ciclos de importaciones en el paquete:\n" + "\n".join(
        _describir(c, RAIZ) for c in encontrados)


def test_cada_capa_importa_solo_las_de_debajo():
    """datos no importa vistas, salidas ni sitio_mkdocs; vistas no importa salidas ni sitio_mkdocs;
    salidas no importa sitio_mkdocs. Y el paquete no importa macros.py ni scripts/."""
    modulos, imports = _grafo(RAIZ)
    scripts = {p.stem for p in (RAIZ / "scripts").glob("*.py")}
    fallos = []
    for modulo, lista in imports.items():
        propia = _capa(modulo)
        for i in lista:
            otra = _capa(i.nombre)
            if propia is not None and otra is not None and otra > propia:
                fallos.append(f"{i.donde(RAIZ)}: {CAPAS[propia]} importa {i.nombre} ({CAPAS[otra]}, capa de arriba)")
            if _raiz_de(i.nombre) in {"macros", *scripts}:
                fallos.append(f"{i.donde(RAIZ)}: el paquete importa {i.nombre}")
    assert not fallos, "\n".join(fallos)


def test_la_capa_de_datos_no_importa_mkdocs_ni_jinja():
    _, imports = _grafo(RAIZ)
    fallos = [f"{i.donde(RAIZ)}: importa {i.nombre}"
              for modulo, lista in imports.items() if _capa(modulo) == CAPAS.index("datos")
              for i in lista if _raiz_de(i.nombre) in FUERA_DE_DATOS]
    assert not fallos, "La capa de datos no debe importar MkDocs ni Jinja:\n" + "\n".join(fallos)


def test_solo_sitio_mkdocs_macros_y_scripts_importan_mkdocs():
    _, imports = _grafo(RAIZ)
    fallos = [f"{i.donde(RAIZ)}: importa {i.nombre}"
              for modulo, lista in imports.items() if _capa(modulo) != CAPAS.index("sitio_mkdocs")
              for i in lista if _raiz_de(i.nombre) in MKDOCS]
    assert not fallos, "Fuera de plan_migracion/sitio_mkdocs/ el paquete no importa MkDocs:\n" + "\n".join(fallos)


def test_fuera_del_paquete_solo_macros_y_scripts_importan_mkdocs():
    """Ningún otro archivo Python del proyecto (p. ej. una carpeta de ganchos de MkDocs) importa MkDocs:
    lo que MkDocs ejecuta está en el complemento (``plan_migracion/sitio_mkdocs/``) y en ``macros.py``."""
    permitidos = {RAIZ / "macros.py", *(RAIZ / "scripts").glob("*.py")}
    fuera = {".git", ".venv", "node_modules", "site", "tests", PAQUETE, ".cache"}
    fallos = []
    for archivo in sorted(RAIZ.rglob("*.py")):
        relativa = archivo.relative_to(RAIZ)
        if relativa.parts[0] in fuera or relativa.parts[0].startswith("site.") or archivo in permitidos:
            continue
        fallos += [f"{i.donde(RAIZ)}: importa {i.nombre}" for i in importaciones(archivo, None, set())
                   if _raiz_de(i.nombre) in MKDOCS]
    assert not fallos, "Solo plan_migracion/sitio_mkdocs/, macros.py y scripts/ importan MkDocs:\n" + "\n".join(fallos)


# --- Nadie fuera de tests/ importa tests/ ---------------------------------------------------------

def _nombra_tests(nodo: ast.AST) -> bool:
    return any(isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.strip("/") == "tests"
               for n in ast.walk(nodo))


def _toca_sys_path(nodo: ast.Call) -> bool:
    """``sys.path.insert(...)``, ``sys.path.append(...)``, ``sys.path.extend(...)``."""
    f = nodo.func
    return (isinstance(f, ast.Attribute) and f.attr in {"insert", "append", "extend"}
            and isinstance(f.value, ast.Attribute) and f.value.attr == "path"
            and isinstance(f.value.value, ast.Name) and f.value.value.id == "sys")


def test_ni_el_paquete_ni_scripts_importan_tests():
    """Ni ``import tests``, ni un módulo de tests/ (``servidor``, ``navegador``...), ni tests/ en
    ``sys.path``. (Un nombre que también es un script de scripts/ es ese script.)"""
    de_pruebas = {p.stem for p in (RAIZ / "tests").glob("*.py")} - {p.stem for p in (RAIZ / "scripts").glob("*.py")}
    fallos = []
    for archivo, lista in _todas().items():
        for i in lista:
            if _raiz_de(i.nombre) == "tests" or _raiz_de(i.nombre) in de_pruebas:
                fallos.append(f"{i.donde(RAIZ)}: importa {i.nombre} (de tests/)")
        arbol = ast.parse(archivo.read_text(encoding="utf-8"))
        for nodo in ast.walk(arbol):
            if isinstance(nodo, ast.Call) and _toca_sys_path(nodo) and _nombra_tests(nodo):
                fallos.append(f"{archivo.relative_to(RAIZ).as_posix()}:{nodo.lineno}: pone tests/ en sys.path")
    assert not fallos, "El paquete y scripts/ no dependen de las pruebas:\n" + "\n".join(fallos)


def test_ningun_modulo_de_pruebas_importa_otro():
    """Lo que comparten las pruebas va en ``tests/conftest.py`` o en un módulo de ayuda
    (``conjuntos``, ``paginas``, ``servidor``, ``navegador``), nunca en otro ``test_*.py``."""
    pruebas = {p.stem for p in (RAIZ / "tests").glob("test_*.py")}
    fallos = [f"{i.donde(RAIZ)}: importa {i.nombre}"
              for archivo in sorted((RAIZ / "tests").glob("*.py"))
              for i in importaciones(archivo, None, set()) if _raiz_de(i.nombre) in pruebas]
    assert fallos == []


# --- Nada interno de mkdocs-static-i18n -----------------------------------------------------------

# Lo que mkdocs-static-i18n 1.3.1 no documenta: atributos de su complemento, los que pone en cada
# File y la lista que da a su plantilla del sitemap. Se usa solo su configuración (languages:
# locale, default, build...) y theme.language.
INTERNOS_I18N = {"current_language", "building", "default_language", "build_languages", "all_languages",
                 "i18n_files_per_language", "alternates", "locale_alternate_of", "localization",
                 "norm_src_uri", "i18n_alternates"}
_COMENTARIO_JINJA = re.compile(r"\{#.*?#\}", re.S)


def usos_internos_i18n(archivo: Path) -> list[str]:
    """Dónde ``archivo`` (Python o plantilla) lee o escribe algo de :data:`INTERNOS_I18N`: un
    atributo (``x.building``, ``getattr(x, "building")``, en una plantilla ``f.alternates``) o una
    variable que static-i18n da a las plantillas (``i18n_alternates``). Los comentarios que los
    citan no cuentan (``#`` en Python, ``{# #}`` en las plantillas)."""
    texto = archivo.read_text(encoding="utf-8")
    if archivo.suffix != ".py":
        sin_comentarios = _COMENTARIO_JINJA.sub(lambda m: "\n" * m.group().count("\n"), texto)
        nombres = "|".join(sorted(INTERNOS_I18N))
        patron = re.compile(rf"\.({nombres})\b|\b(i18n_\w+)\b")  # un atributo, o una variable i18n_ de su contexto
        return [f"{archivo.name}:{n}: {m.group()}" for n, linea in enumerate(sin_comentarios.splitlines(), 1)
                for m in patron.finditer(linea) if (m.group(1) or m.group(2)) in INTERNOS_I18N]
    usos = []
    for nodo in ast.walk(ast.parse(texto, filename=str(archivo))):
        if isinstance(nodo, ast.Attribute) and nodo.attr in INTERNOS_I18N:
            usos.append(f"{archivo.name}:{nodo.lineno}: .{nodo.attr}")
        elif (isinstance(nodo, ast.Call) and isinstance(nodo.func, ast.Name)
              and nodo.func.id in {"getattr", "setattr", "hasattr", "delattr"} and len(nodo.args) >= 2
              and isinstance(nodo.args[1], ast.Constant) and nodo.args[1].value in INTERNOS_I18N):
            usos.append(f"{archivo.name}:{nodo.lineno}: {nodo.func.id}(…, {nodo.args[1].value!r})")
    return usos


def test_nada_interno_de_static_i18n():
    """Ni el paquete, ni ``macros.py``, ni ``scripts/``, ni las plantillas de ``overrides/`` leen o
    escriben atributos que static-i18n no documenta (una versión nueva los puede cambiar sin aviso)."""
    archivos = [*sorted((RAIZ / PAQUETE).rglob("*.py")), RAIZ / "macros.py", *sorted((RAIZ / "scripts").glob("*.py")),
                *sorted(p for p in (RAIZ / "overrides").rglob("*") if p.is_file())]
    fallos = [uso for archivo in archivos for uso in usos_internos_i18n(archivo)]
    assert not fallos, "Atributos internos de mkdocs-static-i18n:\n" + "\n".join(fallos)


def test_la_comprobacion_encuentra_lo_interno_de_static_i18n(tmp_path):
    codigo = tmp_path / "x.py"
    codigo.write_text("# i18n.building, en un comentario\ni18n.current_language = 'en'\n"
                      "if getattr(i18n, 'building', False):\n    pass\n", encoding="utf-8")
    assert usos_internos_i18n(codigo) == ["x.py:2: .current_language", "x.py:3: getattr(…, 'building')"]
    plantilla = tmp_path / "sitemap.xml"
    plantilla.write_text("{# i18n_alternates y file.alternates,\n en un comentario #}\n"
                         "{% for f in i18n_alternates %}{{ f.alternates }}{% endfor %}\n", encoding="utf-8")
    assert usos_internos_i18n(plantilla) == ["sitemap.xml:3: i18n_alternates", "sitemap.xml:3: .alternates"]


# --- La comprobación misma encuentra lo que busca -------------------------------------------------

def _paquete_de_prueba(raiz: Path, archivos: dict[str, str]) -> Path:
    for nombre, texto in {"__init__.py": "", **archivos}.items():
        destino = raiz / "paq" / nombre
        destino.parent.mkdir(parents=True, exist_ok=True)
        destino.write_text(texto, encoding="utf-8")
    return raiz


@pytest.mark.parametrize("archivos, esperado", [
    # a → b → a, con una importación diferida (dentro de una función), como el viejo vistas ↔ paginas
    ({"a.py": "from . import b\n", "b.py": "def f():\n    from .a import x\n"}, ["paq.b", "paq.a"]),
    # tres módulos en dos subpaquetes, con importaciones absolutas y relativas de dos niveles
    ({"x/__init__.py": "", "x/uno.py": "from ..y import dos\n", "y/__init__.py": "",
      "y/dos.py": "import paq.y.tres\n", "y/tres.py": "from paq.x.uno import algo\n"},
     ["paq.y.dos", "paq.y.tres", "paq.x.uno"]),
])
def test_la_comprobacion_encuentra_un_ciclo(tmp_path, archivos, esperado):
    raiz = _paquete_de_prueba(tmp_path, archivos)
    encontrados = ciclos(raiz, "paq")
    assert len(encontrados) == 1, encontrados
    assert [i.nombre for i in encontrados[0]] == esperado
    assert "→" in _describir(encontrados[0], raiz)


def test_la_comprobacion_no_ve_ciclos_donde_no_los_hay(tmp_path):
    """Un __init__ que reexporta de sus módulos, y módulos que importan a sus hermanos: sin ciclo."""
    raiz = _paquete_de_prueba(tmp_path, {
        "d/__init__.py": "from .v import cargar\n", "d/v.py": "from . import m\nfrom .m import X\n",
        "d/m.py": "import re\n", "w/r.py": "from ..d import cargar\nfrom ..d.m import X\n"})
    assert ciclos(raiz, "paq") == []
