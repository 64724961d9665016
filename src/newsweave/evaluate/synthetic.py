"""A synthetic stream of any length, built at run time from a labelled dev set.

Why: the weave must stay fast and bounded at millions of articles, and no
labelled set is that large. The stream reuses a real set (OG2021 by default:
10,940 dated headlines in 9 languages) so that its events, languages, names
and time structure are real; only its size is synthetic. Nothing is copied
into the repository; the set is read from ``--from`` when the benchmark runs.

Recipe (``docs/scale.md``, "Weaving at scale"):

1. Every article of the set is prepared once (normalize, language, names,
   words; the embedding comes from the embedding cache or the encoder).
2. Copy ``k`` of the set starts ``k * len(set) / per_day`` days after copy 0
   and keeps the set's own timing, so copies overlap and the stream runs at
   ``per_day`` articles a day, with every copy's events living as long as the
   real ones did.
3. Each copy is a world of its own, so copies do not pile into one event:
   the language-centred part of every embedding goes through a signed
   permutation of the dimensions drawn for the copy (within-copy cosines are
   kept exactly, cross-copy ones fall to about 0), plus small Gaussian noise;
   words and names outside the ``common_words`` / ``common_names`` most
   frequent get a copy suffix (new people and places), the frequent ones stay
   shared (so IDF stays realistic); each such word or name is also dropped
   with probability ``drop`` (light perturbation). Times get +-30 min jitter.
4. The stream is the union of the copies in time order, cut at ``n``.
"""

from __future__ import annotations

import hashlib
import math
import pickle
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np

from newsweave.encode import Encoder
from newsweave.model import PreparedArticle, RecordError
from newsweave.prepare import prepare_batch


def prepare_base(
    folder: str | Path,
    encoder: Encoder,
    cache_path: str | None,
    lead_words: int,
    batch: int = 256,
) -> list[PreparedArticle]:
    """The set's articles prepared once, in publication order (no gold is read).

    Preparing OG2021 (names, words, language) takes minutes, so the result is
    kept next to the embedding cache, keyed by the input file, its size and
    time, the encoder and ``lead_words``; a changed input is prepared again.
    """
    path = Path(folder)
    source = path / "articles.jsonl" if path.is_dir() else path
    stat = source.stat()
    key = hashlib.sha1(
        f"{source.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{encoder.name}|{lead_words}".encode()
    ).hexdigest()[:16]
    pickled = Path(cache_path).parent / f"synthetic-base-{key}.pkl" if cache_path else None
    if pickled is not None and pickled.exists():
        with open(pickled, "rb") as fh:
            return pickle.load(fh)
    out = _prepare(source, encoder, cache_path, lead_words, batch)
    if pickled is not None:
        tmp = pickled.with_suffix(".tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(out, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(pickled)
    return out


def _prepare(
    path: Path, encoder: Encoder, cache_path: str | None, lead_words: int, batch: int
) -> list[PreparedArticle]:
    from newsweave.evaluate.run import publication_order, read_articles
    from newsweave.store import SQLiteStore

    articles, _ = read_articles(path)
    articles = publication_order(articles)
    cache_store = SQLiteStore(cache_path) if cache_path else None
    cache = (cache_store.cached_vectors, cache_store.cache_vectors) if cache_store else None
    out: list[PreparedArticle] = []
    try:
        for start in range(0, len(articles), batch):
            for item in prepare_batch(articles[start : start + batch], encoder, cache, lead_words):
                if not isinstance(item, RecordError) and item.time is not None:
                    out.append(item)
    finally:
        if cache_store:
            cache_store.close()
    if not out:
        raise ValueError(f"{path}: no dated articles to build a stream from")
    return out


class SyntheticStream:
    """``n`` prepared articles from copies of ``base`` (see the module docstring)."""

    def __init__(
        self,
        base: list[PreparedArticle],
        n: int,
        per_day: float = 10_000.0,
        seed: int = 7,
        noise: float = 0.05,
        drop: float = 0.05,
        common_words: int = 2000,
        common_names: int = 200,
    ) -> None:
        self.base = base
        self.n = n
        self.per_day = per_day
        self.seed = seed
        self.noise = noise
        self.drop = drop
        self.dim = len(base[0].vector)
        t0 = min(p.time for p in base)
        self.rel = np.asarray([p.time - t0 for p in base], dtype=np.float64)
        self.t0 = t0
        self.span = float(self.rel.max()) + 1.0
        self.offset = len(base) / per_day * 24.0  # hours between copy starts
        word_df = Counter(t for p in base for t in p.words)
        name_df = Counter(k for p in base for k in p.names)
        self.shared_words = {t for t, _ in word_df.most_common(common_words)}
        self.shared_names = {k for k, _ in name_df.most_common(common_names)}
        langs: dict[str, list[np.ndarray]] = {}
        for p in base:
            langs.setdefault(p.lang, []).append(p.vector)
        self.lang_mean = {k: np.mean(v, axis=0) for k, v in langs.items()}

    def __len__(self) -> int:
        return self.n

    def order(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(copy, base index, time) of the first ``n`` articles of the stream."""
        copies = math.ceil(self.n / len(self.base)) + math.ceil(self.span / self.offset) + 1
        rng = np.random.default_rng(self.seed)
        copy = np.repeat(np.arange(copies), len(self.base))
        index = np.tile(np.arange(len(self.base)), copies)
        times = (
            self.t0
            + copy * self.offset
            + self.rel[index]
            + rng.uniform(-0.5, 0.5, size=len(copy)) * (copy > 0)
        )
        first = np.argsort(times, kind="stable")[: self.n]
        return copy[first], index[first], times[first]

    def __iter__(self) -> Iterator[PreparedArticle]:
        copy, index, times = self.order()
        perms: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        rng = random.Random(self.seed)
        nrng = np.random.default_rng(self.seed + 1)
        for k, i, t in zip(copy.tolist(), index.tolist(), times.tolist(), strict=True):
            if k not in perms:
                g = np.random.default_rng(self.seed * 1_000_003 + k)
                perms[k] = (g.permutation(self.dim), g.choice([-1.0, 1.0], size=self.dim))
            yield self._copy(self.base[i], k, t, perms[k], rng, nrng)

    def _copy(
        self,
        p: PreparedArticle,
        k: int,
        time: float,
        perm: tuple[np.ndarray, np.ndarray],
        rng: random.Random,
        nrng: np.random.Generator,
    ) -> PreparedArticle:
        mean = self.lang_mean[p.lang]
        centred = p.vector - mean
        if k > 0:
            centred = centred[perm[0]] * perm[1]
        scale = self.noise * float(np.linalg.norm(centred)) / math.sqrt(self.dim)
        v = mean + centred + nrng.standard_normal(self.dim) * scale
        v = (v / np.linalg.norm(v)).astype(np.float32)
        words = self._terms(p.words, self.shared_words, k, rng)
        names = self._terms(p.names, self.shared_names, k, rng)
        surfaces = {key: p.name_surfaces.get(key.split("~")[0], key) for key in names}
        a = p.article
        article = replace(
            a,
            id=f"{k}-{a.id}",
            text=a.text,
            clean_text=(a.clean_text + f" [{k}]") if k else a.clean_text,
        )
        return PreparedArticle(article, p.lang, time, v, words, names, surfaces)

    def _terms(
        self, terms: dict[str, float], shared: set[str], k: int, rng: random.Random
    ) -> dict[str, float]:
        out: dict[str, float] = {}
        for t, w in terms.items():
            if t in shared:
                out[t] = w
            elif rng.random() >= self.drop:
                out[t if k == 0 else f"{t}~{k}"] = w
        return out


def describe(stream: SyntheticStream, source: str) -> str:
    """One line saying how the stream was built, for the benchmark report."""
    return (
        f"{stream.n:,} articles from {len(stream.base):,} prepared articles of {source}: "
        f"copies every {stream.offset:.1f} h ({stream.per_day:,.0f} articles/day), "
        f"signed-permutation of the centred embedding per copy + {stream.noise} noise, "
        f"words outside the {len(stream.shared_words):,} and names outside the "
        f"{len(stream.shared_names):,} most frequent suffixed per copy and dropped with "
        f"p={stream.drop}, seed {stream.seed}"
    )
