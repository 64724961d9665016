"""The enrich stage: what is added to each placed article (entities, figures, ...).

An :class:`Enricher` is a pipeline component, swappable by name like a spaCy
component: it declares the tables it needs (``schema``) and, for every article
the weaver places, returns the SQL rows to write (``rows``). Those rows go into
the same transaction as the article, so a crash never leaves an article without
its enrichments or enrichments without their article.

Components register themselves in :data:`REGISTRY` (name -> factory);
:func:`default_enrichers` builds the ones listed in :data:`DEFAULT`.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Protocol

from newsweave.model import Placement, PreparedArticle


class Enricher(Protocol):
    name: str
    schema: str  # CREATE TABLE/INDEX IF NOT EXISTS statements

    def rows(self, prepared: PreparedArticle, placement: Placement) -> list[tuple[str, tuple]]:
        """``(sql, params)`` statements that record this article's enrichment."""
        ...


#: name -> module path:factory, imported lazily so an unused component costs nothing
REGISTRY: dict[str, str] = {"entities": "newsweave.enrich.entities:EntityEnricher"}

#: the components a Weaver runs unless told otherwise
DEFAULT: list[str] = ["entities"]


def get_enricher(name: str) -> Enricher:
    if name not in REGISTRY:
        raise ValueError(f"unknown enricher {name!r}; known: {', '.join(sorted(REGISTRY))}")
    module, _, factory = REGISTRY[name].partition(":")
    make: Callable[[], Enricher] = getattr(import_module(module), factory)
    return make()


def default_enrichers() -> list[Enricher]:
    return [get_enricher(name) for name in DEFAULT]
