"""Sentence vectors encoded at ingest, so that the first query of a story is fast.

The ``sentences`` enrich-stage component (see :mod:`newsweave.enrich`).
Telling a story (:mod:`newsweave.enrich.tell`) compares sentences across
languages with the encoder; left to query time, the first query of a 50-article
story encodes ~1,000 sentences (minutes on a loaded laptop).  This component
encodes, for every placed article, exactly the texts telling will ask
:class:`~newsweave.enrich.sentvec.SentenceVectors` for — the provenance units
(title + first sentences; the summary and timeline read a prefix of them) and
the masked context clauses of its figures
(:func:`~newsweave.enrich.figure_series.context`) — in one encoder call, and writes
them to the store's ``embedding_cache`` in the article's own transaction, under
the same keys (:func:`~newsweave.enrich.sentvec.cache_keys`).

It is opt-in (not in :data:`newsweave.enrich.DEFAULT`): it makes ingest ~2.2x
slower per article (BENCHMARKS.md).  ``newsweave ingest --with sentences`` or
``Weaver(enrichers=[*default_enrichers(), get_enricher("sentences")])``.

An article whose texts cannot be encoded is still stored (the failure is
logged); its sentences are then encoded by the first query that needs them.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import numpy as np

from newsweave.encode import Encoder
from newsweave.enrich.figure_series import SERIES_KINDS, context
from newsweave.enrich.figures import extract_figures
from newsweave.enrich.provenance import ProvDoc
from newsweave.enrich.sentences import article_sentences
from newsweave.enrich.sentvec import cache_keys
from newsweave.model import Article, Placement, PreparedArticle

__all__ = ["SentenceCacheEnricher", "tell_texts", "INSERT"]

_log = logging.getLogger(__name__)

#: the row :meth:`newsweave.store.SQLiteStore.cache_vectors` writes, statement for statement
INSERT = "INSERT OR IGNORE INTO embedding_cache(key, vector) VALUES(?, ?)"

#: the table is part of the store's own schema; repeated so the component stands alone
SCHEMA = "CREATE TABLE IF NOT EXISTS embedding_cache (key TEXT PRIMARY KEY, vector BLOB NOT NULL);"


def tell_texts(article: Article) -> list[str]:
    """Every text telling may encode for ``article``, as :mod:`.tell` builds them.

    ``article`` is as the store gives it back (``lang`` = the detected
    language).  Provenance encodes the units (title + first 29 sentences) of
    articles with a counterpart in another language, the summary and timeline
    the first 9 of them, figure series the masked clause of each figure of a
    series kind; which of them a story needs is known only at query time, so
    all are encoded (a superset: never more than the units and the clauses).
    """
    title = article.clean_title or article.title
    text = article.clean_text or article.text
    sentences = [s.text for s in article_sentences(title, text)]
    units = ProvDoc(article.id, article.lang or "und", title, sentences, source="").units
    figures = extract_figures(text, article.lang, article.id, title=title)
    return units + [context(f) for f in figures if f.kind in SERIES_KINDS]


class SentenceCacheEnricher:
    """Enrich-stage component: caches the sentence vectors telling needs, at ingest.

    ``bind`` gives it the Weaver's encoder (the one the store is keyed on) and
    the store, read to skip texts already cached (copies share sentences).
    ``encoded`` counts texts sent to the encoder, ``failed`` articles whose
    encoding failed (kept, logged).

    >>> from newsweave.enrich import get_enricher
    >>> get_enricher("sentences").name
    'sentences'
    """

    name = "sentences"
    schema = SCHEMA

    def __init__(self, encoder: Encoder | None = None, cache: Any | None = None) -> None:
        self.encoder = encoder
        self.cache = cache  # anything with cached_vectors(keys) -> {key: vector}
        self.encoded = 0
        self.failed = 0

    def bind(self, encoder: Encoder, store: Any | None = None) -> None:
        """Called by :class:`~newsweave.pipeline.Weaver` with its encoder and store."""
        self.encoder = encoder
        self.cache = store

    def rows(self, prepared: PreparedArticle, placement: Placement) -> list[tuple[str, tuple]]:
        if self.encoder is None:
            raise RuntimeError("the 'sentences' enricher needs an encoder: call bind(encoder)")
        a = prepared.article
        try:
            stored = replace(a, lang=prepared.lang)  # as the store gives it back
            keyed = dict(cache_keys(self.encoder, tell_texts(stored)))
            if keyed and self.cache is not None:
                for key in self.cache.cached_vectors(list(keyed)):
                    del keyed[key]
            if not keyed:
                return []
            items = sorted(keyed.items())
            vectors = np.asarray(self.encoder.encode([t for _, t in items]), dtype=np.float32)
            if vectors.shape != (len(items), self.encoder.dim):
                raise ValueError(f"encoder returned shape {vectors.shape} for {len(items)} texts")
        except Exception:  # noqa: BLE001 - a cache warm-up must never cost the article
            self.failed += 1
            _log.exception("sentences: encoding failed for article %r (encoded at query)", a.id)
            return []
        self.encoded += len(items)
        return [(INSERT, (k, v.tobytes())) for (k, _), v in zip(items, vectors, strict=True)]
