"""Sentence (and short passage) vectors through the store's embedding cache.

Provenance alignment and figure grouping compare sentences across languages
with the bundled multilingual encoder.  Encoding is the expensive step, so
every vector is looked up in, and written to, the store's ``embedding_cache``
table under :func:`newsweave.prepare.cache_key` — a story told twice, or a
sentence shared by two stories, is encoded once.

>>> from newsweave.store import SQLiteStore
>>> from newsweave.encode import get_encoder
>>> emb = SentenceVectors(get_encoder(), SQLiteStore(":memory:"))  # doctest: +SKIP
>>> emb(["Army frees Sheikh Saeed", "L'armée libère Cheikh Saïd"]).shape  # doctest: +SKIP
(2, 384)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from newsweave.encode import Encoder
from newsweave.prepare import cache_key

__all__ = ["SentenceVectors", "VectorCache", "MAX_WORDS", "cache_keys"]

#: longer sentences are cut to this many words before encoding (cost grows with length)
MAX_WORDS = 48


class VectorCache(Protocol):
    def cached_vectors(self, keys: list[str]) -> dict[str, np.ndarray]: ...

    def cache_vectors(self, items: dict[str, np.ndarray]) -> None: ...


def _cut(text: str) -> str:
    words = text.split()
    return " ".join(words[:MAX_WORDS]) if len(words) > MAX_WORDS else " ".join(words)


def cache_keys(encoder: Encoder, texts: Sequence[str]) -> list[tuple[str, str]]:
    """``(cache key, text as encoded)`` for each text.

    The one place sentence keys are made, so that vectors cached at ingest
    (:mod:`newsweave.enrich.sentcache`) are found at query time.
    """
    cut = [_cut(t) for t in texts]
    return [(cache_key(encoder, t), t) for t in cut]


class SentenceVectors:
    """Callable: texts -> unit vectors ``(n, dim)``, cached in ``cache`` when given.

    ``encoded`` counts the texts that actually went through the encoder (for
    benchmarks: zero on a warm cache).
    """

    def __init__(self, encoder: Encoder, cache: VectorCache | None = None) -> None:
        self.encoder = encoder
        self.cache = cache
        self.encoded = 0
        self._memo: dict[str, np.ndarray] = {}

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.encoder.dim), dtype=np.float32)
        keyed = cache_keys(self.encoder, texts)
        keys = [k for k, _ in keyed]
        need = [k for k in dict.fromkeys(keys) if k not in self._memo]
        if need and self.cache is not None:
            found = self.cache.cached_vectors(need)
            # another component could cache something else under the same key: check the size
            self._memo.update({k: v for k, v in found.items() if v.shape == (self.encoder.dim,)})
        missing = {k: t for k, t in keyed if k not in self._memo}
        if missing:
            items = sorted(missing.items())
            vecs = self.encoder.encode([t for _, t in items])
            self.encoded += len(items)
            fresh = {
                k: np.asarray(v, dtype=np.float32) for (k, _), v in zip(items, vecs, strict=True)
            }
            self._memo.update(fresh)
            if self.cache is not None:
                self.cache.cache_vectors(fresh)
        return np.stack([self._memo[k] for k in keys]).astype(np.float32)
