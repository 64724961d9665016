"""Engines run the heavy, stateless stages (clean, embed) for the weaver.

The in-process :class:`LocalEngine` is the default. :class:`RayEngine`
(``pip install 'newsweave[ray]'``) spreads batches over a Ray cluster's
workers, each with its own encoder; weaving stays in one process because an
online clusterer must see articles in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from newsweave.encode import LEAD_WORDS, Encoder
from newsweave.model import Article, PreparedArticle, RecordError
from newsweave.prepare import VectorCache, prepare_batch

__all__ = ["Engine", "LocalEngine", "get_engine"]


class Engine(Protocol):
    def prepare(
        self,
        articles: Sequence[Article],
        encoder: Encoder,
        cache: VectorCache | None,
        lead_words: int = LEAD_WORDS,
    ) -> list[PreparedArticle | RecordError]: ...

    def close(self) -> None: ...


class LocalEngine:
    """Everything in this process (the encoder uses the machine's cores itself)."""

    def prepare(
        self,
        articles: Sequence[Article],
        encoder: Encoder,
        cache: VectorCache | None,
        lead_words: int = LEAD_WORDS,
    ) -> list[PreparedArticle | RecordError]:
        return prepare_batch(articles, encoder, cache, lead_words) if articles else []

    def close(self) -> None:
        pass


def get_engine(name: str | None) -> Engine:
    if name in (None, "local"):
        return LocalEngine()
    if name == "ray" or (name and name.startswith("ray:")):
        from newsweave.engine.ray import RayEngine

        address = name.split(":", 1)[1] if ":" in name else None
        return RayEngine(address=address)
    raise ValueError(f"unknown engine {name!r}: use 'local' or 'ray' (or 'ray:ADDRESS')")
