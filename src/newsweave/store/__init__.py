"""The store stage: where placed articles, events and stories live.

:class:`Store` is the interface the rest of newsweave uses; the default
implementation is :class:`SQLiteStore` (one embedded file). A different
backend implements the same methods.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from newsweave.model import Article, Placement, PreparedArticle
from newsweave.store.sqlite import SQLiteStore, content_hash, row_to_article

__all__ = [
    "Store",
    "SQLiteStore",
    "content_hash",
    "default_db_path",
    "open_store",
    "row_to_article",
]

DEFAULT_DB = "newsweave.db"


class Store(Protocol):
    """What the weaver and the readers need from a store."""

    def find_duplicate(self, article: Article) -> str | None: ...

    def save_placement(
        self,
        prepared: PreparedArticle,
        word_vec: dict[str, float],
        weave_time: float,
        placement: Placement,
    ) -> None: ...

    def replay(self) -> Iterator[tuple[PreparedArticle, dict[str, float], float, str, str]]: ...

    def cached_vectors(self, keys: list[str]) -> dict[str, np.ndarray]: ...

    def cache_vectors(self, items: dict[str, np.ndarray]) -> None: ...

    def resolve(self, cluster_id: str) -> str: ...

    def assignments(self) -> dict[str, tuple[str, str]]: ...

    def merges(self, cluster_id: str | None = None) -> list[dict[str, Any]]: ...

    def placement_of(self, article_id: str) -> Placement | None: ...

    def close(self) -> None: ...


def default_db_path() -> str:
    """``$NEWSWEAVE_DB`` if set, else ``./newsweave.db``."""
    return os.environ.get("NEWSWEAVE_DB") or DEFAULT_DB


def open_store(path: str | Path | None = None) -> SQLiteStore:
    return SQLiteStore(path if path is not None else default_db_path())
