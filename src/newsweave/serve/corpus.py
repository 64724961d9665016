"""An in-memory view of a store for listing stories and cross-lingual search.

The store is the source of truth; :class:`Corpus` mirrors the few columns that
listing and search need (ids, language, source, date, title, story and event,
and the embedding) so that a story list or a search over 50,000 articles is a
few numpy operations instead of a scan of the table. It is refreshed
incrementally on every use: new articles (``seq`` above the last one seen)
are appended; when the weaver has recorded a merge since the last refresh, the
event and story of every article are re-read (merges rewrite them).

Search embeds the query with the store's encoder and ranks stored vectors by
cosine on **language-centred** embeddings, as the weaver does
(:mod:`newsweave.weave.index`): each language's mean vector (shrunk towards the
tuned prior while a language has few articles) is removed from the article and
from the query, which takes away the language offset that multilingual
encoders add and lets a French query rank an Arabic report as high as an
English one.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newsweave.encode import Encoder
from newsweave.weave.scorer import WeaveParams

#: the cosine (on centred vectors) below which a story does not match a text query
DEFAULT_MIN_SCORE = 0.12
#: ... nor when it is below this share of the best story's score
RELATIVE_MIN_SCORE = 0.4


class _Grow:
    """A numpy array that grows by doubling (rows appended at the end)."""

    def __init__(self, dtype: Any, width: int | None = None, capacity: int = 256) -> None:
        shape = (capacity,) if width is None else (capacity, width)
        self.a = np.zeros(shape, dtype=dtype)
        self.n = 0

    def extend(self, values: np.ndarray) -> None:
        need = self.n + len(values)
        if need > len(self.a):
            size = max(need, 2 * len(self.a))
            bigger = np.zeros((size,) + self.a.shape[1:], dtype=self.a.dtype)
            bigger[: self.n] = self.a[: self.n]
            self.a = bigger
        self.a[self.n : need] = values
        self.n = need

    @property
    def view(self) -> np.ndarray:
        return self.a[: self.n]


@dataclass
class StoryStats:
    """What the story list shows about one story, kept up to date incrementally."""

    id: str
    rows: list[int] = field(default_factory=list)
    langs: Counter = field(default_factory=Counter)
    sources: Counter = field(default_factory=Counter)
    events: Counter = field(default_factory=Counter)
    first: str | None = None
    last: str | None = None
    latest_seq: int = 0
    headline: str | None = None  # computed lazily, reset when the story changes

    @property
    def size(self) -> int:
        return len(self.rows)

    def add(self, row: int, lang: str, source: str | None, published: str | None,
            event_id: str, seq: int) -> None:  # fmt: skip
        self.rows.append(row)
        self.langs[lang] += 1
        if source:
            self.sources[source] += 1
        self.events[event_id] += 1
        if published:
            if self.first is None or published < self.first:
                self.first = published
            if self.last is None or published > self.last:
                self.last = published
        self.latest_seq = max(self.latest_seq, seq)
        self.headline = None


@dataclass
class Hit:
    """One article found by a search, with its score (cosine on centred vectors)."""

    row: int
    seq: int
    id: str
    score: float
    lang: str
    title: str
    source: str | None
    published: str | None
    event_id: str
    story_id: str


class Corpus:
    """Articles of one store in memory: story statistics and a vector index.

    Thread-safe: every public method takes the corpus lock, refreshes from the
    given store (a connection that only this thread uses) and answers.
    """

    def __init__(self, params: WeaveParams | None = None) -> None:
        self.params = params or WeaveParams.load()
        self._lock = threading.RLock()
        self.dim: int | None = None
        self.vectors: _Grow | None = None
        self.seqs: list[int] = []
        self.ids: list[str] = []
        self.langs: list[str] = []
        self.lang_idx = _Grow(np.int32)
        self.sources: list[str | None] = []
        self.published: list[str | None] = []
        self.titles: list[str] = []
        self.event_ids: list[str] = []
        self.story_ids: list[str] = []
        self.lang_codes: dict[str, int] = {}
        self.lang_sum = np.zeros((0, 0))
        self.lang_count = np.zeros(0)
        self.stories: dict[str, StoryStats] = {}
        self.last_seq = 0
        self.merge_seq = 0
        self._centred: tuple[int, np.ndarray, _Grow] | None = None
        self._codes: tuple[tuple[int, int], np.ndarray, list[str]] | None = None

    # ------------------------------------------------------------- refreshing
    @property
    def version(self) -> tuple[int, int]:
        """(latest article seq, latest merge seq) seen: changes whenever the store does."""
        return self.last_seq, self.merge_seq

    def refresh(self, store: Any) -> bool:
        """Bring the mirror up to date with ``store``; True when anything changed."""
        with self._lock:
            db = store.db
            own_tx = not db.in_transaction
            if own_tx:
                db.execute("BEGIN")
            try:
                return self._refresh(db)
            finally:
                if own_tx:
                    db.execute("COMMIT")

    def _refresh(self, db: Any) -> bool:
        last = db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
        merged = db.execute("SELECT COALESCE(MAX(seq), 0) FROM merges").fetchone()[0]
        if (last, merged) == self.version:
            return False
        if merged != self.merge_seq and self.ids:
            ids = db.execute(
                "SELECT seq, event_id, story_id FROM articles WHERE seq <= ? ORDER BY seq",
                (self.last_seq,),
            ).fetchall()
            row_of = {s: i for i, s in enumerate(self.seqs)}
            for seq, event_id, story_id in ids:
                i = row_of[seq]
                self.event_ids[i] = event_id
                self.story_ids[i] = story_id
            self._rebuild_stories()
        if last > self.last_seq:
            rows = db.execute(
                "SELECT seq, id, lang, source, published, title, clean_title, event_id, story_id,"
                " vector, CASE WHEN clean_title = '' AND title = '' THEN"
                " substr(CASE WHEN clean_text != '' THEN clean_text ELSE text END, 1, 1000)"
                " ELSE '' END AS lead FROM articles WHERE seq > ? ORDER BY seq",
                (self.last_seq,),
            ).fetchall()
            self._append(rows)
        self.last_seq, self.merge_seq = last, merged
        return True

    def _append(self, rows: list[Any]) -> None:
        if not rows:
            return
        vecs = np.stack([np.frombuffer(r["vector"], dtype=np.float32) for r in rows])
        if self.vectors is None:
            self.dim = vecs.shape[1]
            self.vectors = _Grow(np.float32, width=self.dim)
            self.lang_sum = np.zeros((0, self.dim))
        start = len(self.ids)
        self.vectors.extend(vecs)
        codes = np.zeros(len(rows), dtype=np.int32)
        for k, r in enumerate(rows):
            row = start + k
            lang = r["lang"]
            code = self._lang(lang)
            codes[k] = code
            self.lang_sum[code] += vecs[k]
            self.lang_count[code] += 1
            self.seqs.append(r["seq"])
            self.ids.append(r["id"])
            self.langs.append(lang)
            self.sources.append(r["source"])
            self.published.append(r["published"])
            self.titles.append(_title(r))
            self.event_ids.append(r["event_id"])
            self.story_ids.append(r["story_id"])
            self._story(r["story_id"]).add(
                row, lang, r["source"], r["published"], r["event_id"], r["seq"]
            )
        self.lang_idx.extend(codes)

    def _lang(self, code: str) -> int:
        if code not in self.lang_codes:
            self.lang_codes[code] = len(self.lang_codes)
            self.lang_sum = np.vstack([self.lang_sum, np.zeros((1, self.dim))])
            self.lang_count = np.append(self.lang_count, 0.0)
        return self.lang_codes[code]

    def _story(self, story_id: str) -> StoryStats:
        stats = self.stories.get(story_id)
        if stats is None:
            stats = self.stories[story_id] = StoryStats(story_id)
        return stats

    def _rebuild_stories(self) -> None:
        self.stories = {}
        for row, story_id in enumerate(self.story_ids):
            self._story(story_id).add(
                row, self.langs[row], self.sources[row], self.published[row],
                self.event_ids[row], self.seqs[row],
            )  # fmt: skip

    # ---------------------------------------------------------------- reading
    def story_list(self, store: Any) -> list[StoryStats]:
        """Every story, refreshed; callers filter and sort (the list is a copy)."""
        with self._lock:
            self.refresh(store)
            return list(self.stories.values())

    def headline(self, stats: StoryStats) -> str:
        """The story's headline as :class:`~newsweave.stories.StoryReader` gives it.

        The title of the medoid of the story's largest event: the member whose
        vector is closest to the sum of the others (``(c - v)·v = c·v - 1`` for
        unit vectors, so an O(n) argmax replaces the reader's n×n matrix).
        """
        with self._lock:
            if stats.headline is not None:
                return stats.headline
            event = max(stats.events.items(), key=lambda kv: (kv[1], -_order(kv[0])))[0]
            rows = [r for r in stats.rows if self.event_ids[r] == event]
            if len(rows) > 2:
                assert self.vectors is not None
                vecs = self.vectors.view[rows]
                centroid = vecs.sum(0)
                scores = vecs @ centroid - np.einsum("ij,ij->i", vecs, vecs)
                medoid = rows[int(np.argmax(scores))]
            else:
                medoid = min(rows, key=lambda r: self.seqs[r])
            stats.headline = self.titles[medoid]
            return stats.headline

    def languages(self) -> Counter:
        with self._lock:
            return Counter(self.langs)

    def source_counts(self) -> Counter:
        with self._lock:
            return Counter(s for s in self.sources if s)

    # ----------------------------------------------------------------- search
    def _lang_means(self) -> np.ndarray:
        """Each language's running mean, shrunk towards the tuned prior (as the weaver)."""
        assert self.dim is not None
        k = self.params.language_prior
        prior = (
            np.stack([self._prior(code) for code in self.lang_codes])
            if self.lang_codes
            else (np.zeros((0, self.dim)))
        )
        return (self.lang_sum + k * prior) / (self.lang_count[:, None] + k)

    def _prior(self, lang: str) -> np.ndarray:
        """The mean a language is shrunk towards: the tuned one for this language, else
        the tuned global mean, else the mean of every stored article.

        The last fallback differs from the weaver (which uses zero): without it a
        store woven with untuned parameters would keep the encoder's common
        direction, and every article would look alike to a query.
        """
        assert self.dim is not None
        known = self.params.language_means.get(lang)
        if known is not None and len(known) == self.dim:
            return np.asarray(known, dtype=np.float64)
        if len(self.params.global_mean) == self.dim:
            return np.asarray(self.params.global_mean, dtype=np.float64)
        total = self.lang_count.sum()
        return self.lang_sum.sum(0) / total if total else np.zeros(self.dim)

    def _centred_index(self) -> tuple[np.ndarray, np.ndarray]:
        """(language means, centred unit vectors of every article).

        The means move a little with every article; recomputing 50,000 centred
        vectors after each write would cost every search after it. So the
        means are frozen when the matrix is built; new articles are appended,
        centred with those means (the query is centred with them too, so all
        scores stay comparable); the whole matrix is rebuilt with fresh means
        once the corpus has grown by 2 % (or gained a language).
        """
        assert self.vectors is not None
        n = len(self.ids)
        cache = self._centred
        if cache is not None:
            built_n, means, matrix = cache
            fresh = means.shape[0] == len(self.lang_codes) and n <= max(
                built_n * 1.02, built_n + 20
            )
            if fresh and n == matrix.n:
                return means, matrix.view
            if fresh and n > matrix.n:
                matrix.extend(self._centre(matrix.n, n, means))
                return means, matrix.view
        means = self._lang_means()
        matrix = _Grow(np.float32, width=self.dim, capacity=max(256, int(n * 1.1)))
        matrix.extend(self._centre(0, n, means))
        self._centred = (n, means, matrix)
        return means, matrix.view

    def _centre(self, start: int, stop: int, means: np.ndarray) -> np.ndarray:
        """Rows ``start:stop`` minus their language's mean, scaled to unit length."""
        assert self.vectors is not None
        out = self.vectors.view[start:stop].copy()
        codes = self.lang_idx.view[start:stop]
        for code in np.unique(codes):
            out[codes == code] -= means[code].astype(np.float32)
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
        return out

    def query_vector(self, encoder: Encoder, text: str) -> np.ndarray:
        """Embed a query with the store's encoder (the same text form as articles)."""
        return np.asarray(encoder.encode([text.strip()])[0], dtype=np.float32)

    def scores(
        self, store: Any, vector: np.ndarray, query_lang: str | None, centred: bool = True
    ) -> np.ndarray:
        """Cosine of every stored article to the query vector (centred by language)."""
        with self._lock:
            self.refresh(store)
            if not self.ids:
                return np.zeros(0, dtype=np.float32)
            if not centred:
                return self.vectors.view @ vector
            means, matrix = self._centred_index()
            code = self.lang_codes.get(query_lang or "")
            own = means[code] if code is not None else self._prior(query_lang or "")
            x = vector.astype(np.float64) - own
            x /= max(float(np.linalg.norm(x)), 1e-9)
            return matrix @ x.astype(np.float32)

    def search(
        self,
        store: Any,
        vector: np.ndarray,
        query_lang: str | None = None,
        lang: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 20,
        centred: bool = True,
    ) -> list[Hit]:
        """The ``limit`` best articles for the query, optionally in one language/date range."""
        with self._lock:
            scores = self.scores(store, vector, query_lang, centred)
            if len(scores) == 0:
                return []
            mask = np.ones(len(scores), dtype=bool)
            if lang:
                code = self.lang_codes.get(lang)
                mask &= self.lang_idx.view == (code if code is not None else -1)
            if since or until:
                dates = self.published
                keep = [
                    d is not None and (not since or d >= since) and (not until or d < until)
                    for d in dates
                ]
                mask &= np.asarray(keep, dtype=bool)
            idx = np.nonzero(mask)[0]
            if len(idx) == 0:
                return []
            top = idx[np.argsort(-scores[idx], kind="stable")[:limit]]
            return [self._hit(int(r), float(scores[r])) for r in top]

    def story_scores(
        self, store: Any, vector: np.ndarray, query_lang: str | None, centred: bool = True
    ) -> dict[str, tuple[float, int]]:
        """story id -> (best article score, that article's row)."""
        with self._lock:
            scores = self.scores(store, vector, query_lang, centred)
            if len(scores) == 0:
                return {}
            codes, names = self._story_codes()
            order = np.argsort(-scores, kind="stable")
            _, first = np.unique(codes[order], return_index=True)  # best row of each story
            rows = order[first]
            return {
                names[c]: (float(scores[r]), int(r)) for c, r in zip(codes[rows], rows, strict=True)
            }

    def _story_codes(self) -> tuple[np.ndarray, list[str]]:
        """Each article's story as an integer code, and the story id of each code."""
        if self._codes is None or self._codes[0] != self.version:
            names = list(self.stories)
            index = {sid: i for i, sid in enumerate(names)}
            codes = np.fromiter((index[s] for s in self.story_ids), np.int64, len(self.story_ids))
            self._codes = (self.version, codes, names)
        return self._codes[1], self._codes[2]

    def _hit(self, row: int, score: float) -> Hit:
        return Hit(
            row=row,
            seq=self.seqs[row],
            id=self.ids[row],
            score=score,
            lang=self.langs[row],
            title=self.titles[row],
            source=self.sources[row],
            published=self.published[row],
            event_id=self.event_ids[row],
            story_id=self.story_ids[row],
        )

    def hit(self, row: int, score: float) -> Hit:
        with self._lock:
            return self._hit(row, score)


def _title(row: Any) -> str:
    """The display title of a stored row (the same rule as ``Article.display_title``)."""
    if row["clean_title"] or row["title"]:
        return row["clean_title"] or row["title"]
    words = row["lead"].split()
    return " ".join(words[:14]) + (" …" if len(words) > 14 else "")


def _order(cluster_id: str) -> int:
    try:
        return int(cluster_id.rsplit("-", 1)[1])
    except (IndexError, ValueError):
        return 0
