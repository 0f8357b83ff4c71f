"""La dirección pública del sitio y los enlaces que dependen de ella. Sin MkDocs.

La dirección está en un solo lugar: ``site_url`` de ``mkdocs.yml``, que toma la variable
``PLAN_URL_SITIO`` al compilar (la integración continua la saca de GitHub Pages con
``actions/configure-pages``). Sin ella el sitio es todo relativo.

- :func:`enlaces_de_idioma`: los del selector de idioma (siempre relativos: el sitio funciona
  desde la raíz, bajo una subruta y desde ``file://``) y los ``<link rel="alternate" hreflang>``
  de la cabecera (con dirección, absolutos y con ``x-default``, el original en español).
- :func:`direccion_publicada`: la dirección con la que se compiló un sitio ya compilado (la del
  ``<link rel="canonical">`` de su portada), para los pasos que leen el sitio compilado (la copia
  sin conexión, el banco de pruebas de las páginas).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from ..datos.idiomas import Idiomas

X_DEFAULT = "x-default"  # hreflang de la versión para quien no habla ninguno de los idiomas
_CANONICA = re.compile(r'<link rel="canonical" href="([^"]+)">')


def absoluta(url_sitio: str, ruta: str) -> str:
    """``ruta`` (desde la raíz del sitio: ``./``, ``en/plan/``) como dirección completa."""
    return urljoin(url_sitio if url_sitio.endswith("/") else url_sitio + "/", ruta)


def enlaces_de_idioma(gemelas: dict[str, str], idiomas: Idiomas,
                      url_sitio: str | None) -> tuple[list[dict], list[dict]]:
    """El selector de idioma y los ``hreflang`` de una página.

    ``gemelas``: idioma → ruta de la página en ese idioma, desde la raíz del sitio (``./``,
    ``en/``, ``en/talleres/``); ``idiomas``: su orden y el nombre que muestra el selector.
    Cada enlace lleva ``link`` (ruta desde la raíz, que la plantilla hace relativa a la página)
    y, con dirección, ``href`` (absoluta). Los idiomas van en el orden de la configuración; el
    original es además el ``x-default``.
    """
    orden = [i for i in idiomas if i in gemelas]
    selector = [{"lang": i, "name": idiomas.nombre(i), "link": gemelas[i]} for i in orden]
    if not url_sitio:
        return selector, [{"lang": i, "link": gemelas[i], "href": None} for i in orden]
    hreflang = [{"lang": i, "link": gemelas[i], "href": absoluta(url_sitio, gemelas[i])} for i in orden]
    if idiomas.original in gemelas:
        hreflang.append({"lang": X_DEFAULT, "link": gemelas[idiomas.original],
                         "href": absoluta(url_sitio, gemelas[idiomas.original])})
    return selector, hreflang


def direccion_publicada(sitio: Path) -> str | None:
    """La dirección pública con la que se compiló ``sitio`` (``None`` si se compiló sin ella)."""
    portada = Path(sitio) / "index.html"
    if not portada.is_file():
        return None
    canonica = _CANONICA.search(portada.read_text(encoding="utf-8"))
    return canonica.group(1) if canonica else None
