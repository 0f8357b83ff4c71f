"""Los idiomas del sitio: una configuración, no código.

La lista está en un solo lugar, ``mkdocs.yml``: la opción ``languages`` del complemento
``i18n`` (mkdocs-static-i18n), con ``locale``, ``name`` y ``default``. El idioma con
``default: true`` es el **original** (el del documento del plan y de los textos de
``datos/``; sus páginas van en la raíz del sitio); los demás son **traducciones** (sus
páginas van en ``/<idioma>/``), en el orden de la lista.

El complemento de MkDocs arma :class:`Idiomas` con la configuración ya cargada
(:meth:`Idiomas.de_lista`); lo que corre sin MkDocs (el validador, los scripts, las pruebas
rápidas) la lee del mismo archivo con :func:`del_proyecto`. Esta capa no importa MkDocs:
lee ``mkdocs.yml`` como YAML (las etiquetas de MkDocs, como ``!ENV``, no le importan).

Añadir un idioma: véase ``MANTENIMIENTO.md`` («Un idioma nuevo»).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .modelos import CargadorYaml

# mkdocs.yml del proyecto (el paquete vive en <raíz>/plan_migracion/datos/).
MKDOCS_YML = Path(__file__).resolve().parents[2] / "mkdocs.yml"


@dataclass(frozen=True)
class Idiomas:
    """Los idiomas de una compilación: ``codigos[0]`` es el original; ``nombres``, el de cada uno
    en su propio idioma (el del selector de idioma)."""

    codigos: tuple[str, ...]
    nombres: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.codigos or len(set(self.codigos)) != len(self.codigos):
            raise ValueError(f"lista de idiomas no válida: {self.codigos}")

    @property
    def original(self) -> str:
        return self.codigos[0]

    @property
    def traducidos(self) -> tuple[str, ...]:
        return self.codigos[1:]

    def nombre(self, codigo: str) -> str:
        return self.nombres[self.codigos.index(codigo)]

    def __iter__(self):
        return iter(self.codigos)

    def __getitem__(self, posicion):
        return self.codigos[posicion]

    def __contains__(self, codigo: object) -> bool:
        return codigo in self.codigos

    @classmethod
    def de_lista(cls, idiomas) -> Idiomas:
        """De la lista ``languages`` de static-i18n (diccionarios u objetos con ``locale``, ``name``,
        ``default`` y ``build``): el de ``default: true`` primero, los demás en su orden; un idioma con
        ``build: false`` no es del sitio (static-i18n no lo compila)."""
        def leer(idioma, clave):
            return idioma.get(clave) if isinstance(idioma, dict) else getattr(idioma, clave, None)

        lista = [(str(leer(i, "locale")), str(leer(i, "name") or leer(i, "locale")), bool(leer(i, "default")))
                 for i in idiomas if leer(i, "build") is not False]
        originales = [i for i in lista if i[2]]
        if len(originales) != 1:
            raise ValueError("mkdocs.yml: un idioma, y solo uno, de i18n → languages debe tener «default: true» "
                             "(el idioma original de los datos)")
        ordenados = originales + [i for i in lista if not i[2]]
        return cls(tuple(i[0] for i in ordenados), tuple(i[1] for i in ordenados))


class _CargadorConfig(CargadorYaml):
    """Lee ``mkdocs.yml`` sin ejecutar nada: toda etiqueta (``!ENV``, ``!relative``...) vale ``None``."""


_CargadorConfig.add_multi_constructor("!", lambda _cargador, _sufijo, _nodo: None)


def de_mkdocs_yml(ruta: Path) -> Idiomas:
    """Los idiomas de la opción ``languages`` del complemento ``i18n`` de ``ruta`` (un ``mkdocs.yml``)."""
    config = yaml.load(Path(ruta).read_text(encoding="utf-8"), Loader=_CargadorConfig) or {}
    for complemento in config.get("plugins") or []:
        if isinstance(complemento, dict) and "i18n" in complemento:
            return Idiomas.de_lista((complemento["i18n"] or {}).get("languages") or [])
    raise ValueError(f"{ruta}: no tiene el complemento i18n con su lista de idiomas (languages)")


@lru_cache(maxsize=1)
def del_proyecto() -> Idiomas:
    """Los idiomas del ``mkdocs.yml`` del proyecto (los que usan el validador y los scripts)."""
    return de_mkdocs_yml(MKDOCS_YML)
