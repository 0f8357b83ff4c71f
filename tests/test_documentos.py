"""Los documentos de quien mantiene el sitio: cortos, y lo primero que leen son las órdenes de cada
día (issue 16); ningún archivo del repositorio guarda marcas de un conflicto de git sin resolver."""

from __future__ import annotations

import re
import subprocess

from conftest import RAIZ

MANTENIMIENTO = RAIZ / "MANTENIMIENTO.md"


def test_mantenimiento_corto_y_empieza_por_las_ordenes():
    texto = MANTENIMIENTO.read_text(encoding="utf-8")
    assert len(texto) <= 20_000, f"MANTENIMIENTO.md tiene {len(texto)} caracteres (máximo 20.000)"
    principio = "\n".join(texto.splitlines()[:60])
    faltan = [o for o in ("make serve", "make test", "make test-rapido", "make build")
              if not re.search(re.escape(o) + r"(?![\w-])", principio)]
    assert faltan == [], f"las primeras 60 líneas de MANTENIMIENTO.md no nombran {faltan}"


def test_ningun_archivo_con_marcas_de_conflicto():
    archivos = subprocess.run(["git", "ls-files", "-z"], cwd=RAIZ, capture_output=True, check=True).stdout
    marcas = re.compile(rb"^(<<<<<<< |>>>>>>> |=======$)", re.M)
    con_marcas = []
    for nombre in filter(None, archivos.split(b"\0")):
        ruta = RAIZ / nombre.decode()
        if ruta.is_file() and not ruta.is_symlink() and marcas.search(ruta.read_bytes()):
            con_marcas.append(nombre.decode())
    assert con_marcas == []
