"""The enrich stage: what is added to each placed article (entities, figures, ...).

An :class:`Enricher` is a pipeline component, swappable by name like a spaCy
component: it declares the tables it needs (``schema``) and, for every article
the weaver places, returns the SQL rows to write (``rows``). Those rows go into
the same transaction as the article, so a crash never leaves an article without
its enrichments or enrichments without their article.

A component that needs the encoder (e.g. ``sentences``, which caches sentence
vectors for telling) also has ``bind(encoder, store)``; the Weaver calls it once
with its own encoder and store, so the vectors match the store's cache keys.

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
REGISTRY: dict[str, str] = {
    "entities": "newsweave.enrich.entities:EntityEnricher",
    # opt-in: sentence vectors for telling, encoded at ingest (ingest ~2x slower)
    "sentences": "newsweave.enrich.sentcache:SentenceCacheEnricher",
}

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


def enrichers_with(names: list[str] | tuple[str, ...] = ()) -> list[Enricher]:
    """The default components plus the named opt-in ones (``ingest --with NAME``).

    Raises ``ValueError`` for an unknown name.
    """
    extra = [n for n in dict.fromkeys(names) if n not in DEFAULT]
    return default_enrichers() + [get_enricher(name) for name in extra]
