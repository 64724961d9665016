"""Approximate nearest neighbours over the articles of the recent window.

Why per time bucket: an online weaver only compares an article with events
and stories that are still open (96 hours for events, 10 days for stories),
so the vectors it searches form a sliding window over the stream. Graph
indexes (HNSW) cannot delete cheaply, and IVF needs training on a
distribution that drifts; cutting the stream into buckets of
``bucket_hours`` each with its own small faiss HNSW index gives a sliding
window for free: a whole bucket is dropped when it leaves the window, and
what the index holds depends on the window, never on the archive.

Vectors are the language-centred, unit-length embeddings at the time the
article arrived (the running language means drift a little afterwards); the
exact signals are recomputed on the candidates, so the index only has to
*find* them.
"""

from __future__ import annotations

import math

import numpy as np

try:  # faiss is a core dependency; the fallback keeps imports working without it
    import faiss
except ImportError:  # pragma: no cover - exercised only on broken installs
    faiss = None

#: a bucket is searched by brute force below this many vectors (faster than a graph)
FLAT_BELOW = 2048


def inner_products_by_row(matrix: np.ndarray, rows: np.ndarray, query: np.ndarray) -> np.ndarray:
    """``matrix[rows] @ query`` without copying the rows out (float32 in, float32 out).

    The rows a placement scans are scattered over the window; gathering them
    into a new array cost more than the products themselves. faiss reads them
    in place; without faiss this falls back to the gather.
    """
    query = np.ascontiguousarray(query, dtype=np.float32)
    if faiss is None or len(rows) == 0:
        return matrix[rows] @ query
    assert matrix.dtype == np.float32 and matrix.flags["C_CONTIGUOUS"]
    ids = np.ascontiguousarray(rows, dtype=np.int64)
    out = np.empty(len(ids), dtype=np.float32)
    faiss.fvec_inner_products_by_idx(
        faiss.swig_ptr(out),
        faiss.swig_ptr(query),
        faiss.swig_ptr(matrix),
        faiss.swig_ptr(ids),
        matrix.shape[1],
        1,
        len(ids),
    )
    return out


class _Bucket:
    """One time slice: its rows and, once large, an HNSW graph over their vectors."""

    def __init__(self, dim: int, hnsw_m: int, ef_construction: int, flat_below: int) -> None:
        self.dim = dim
        self.flat_below = flat_below
        self.rows = np.zeros(256, dtype=np.int64)
        self.vecs = np.zeros((256, dim), dtype=np.float32)
        self.n = 0
        self.graph = None
        self.hnsw_m = hnsw_m
        self.ef_construction = ef_construction

    def add(self, row: int, vec: np.ndarray) -> None:
        if self.n == len(self.vecs):
            bigger = np.zeros((2 * len(self.vecs), self.dim), dtype=np.float32)
            bigger[: self.n] = self.vecs[: self.n]
            self.vecs = bigger
            self.rows = np.concatenate([self.rows, np.zeros_like(self.rows)])
        self.vecs[self.n] = vec
        self.rows[self.n] = row
        self.n += 1
        if self.graph is not None:
            self.graph.add(vec[None, :])
        elif self.n >= self.flat_below and faiss is not None:
            self._build_graph()

    def _build_graph(self) -> None:
        graph = faiss.IndexHNSWFlat(self.dim, self.hnsw_m, faiss.METRIC_INNER_PRODUCT)
        graph.hnsw.efConstruction = self.ef_construction
        graph.add(self.vecs[: self.n])
        self.graph = graph

    def search(self, x: np.ndarray, k: int, ef: int) -> tuple[np.ndarray, np.ndarray]:
        """Up to ``k`` (row, similarity) pairs, most similar first."""
        if self.n == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        if self.graph is None:
            sims = self.vecs[: self.n] @ x
            top = np.argpartition(-sims, k)[:k] if self.n > k else np.arange(self.n)
            local, sim = top, sims[top]
        else:
            self.graph.hnsw.efSearch = max(ef, k)
            sim2, loc2 = self.graph.search(x[None, :], min(k, self.n))
            keep = loc2[0] >= 0
            local, sim = loc2[0][keep], sim2[0][keep]
        return self.rows[local], sim

    def remap(self, new_row: np.ndarray) -> None:
        """Renumber rows after the index compacted; evicted rows become -1."""
        rows = self.rows[: self.n]
        self.rows[: self.n] = np.where(rows >= 0, new_row[np.maximum(rows, 0)], -1)

    @property
    def nbytes(self) -> int:
        graph = self.n * (self.dim * 4 + self.hnsw_m * 2 * 4 + 16) if self.graph else 0
        return self.vecs.nbytes + self.rows.nbytes + graph


class BucketANN:
    """Nearest rows among the recent articles, one faiss HNSW index per time bucket."""

    def __init__(
        self,
        dim: int,
        bucket_hours: float = 24.0,
        hnsw_m: int = 16,
        ef_construction: int = 40,
        ef_search: int = 64,
        flat_below: int = FLAT_BELOW,
    ) -> None:
        self.dim = dim
        self.flat_below = flat_below
        self.bucket_hours = bucket_hours
        self.hnsw_m = hnsw_m
        self.ef_construction = ef_construction
        self.ef_search = ef_search
        self.buckets: dict[int, _Bucket] = {}
        if faiss is not None:
            faiss.omp_set_num_threads(1)  # one query at a time: threads only add overhead

    def _key(self, time: float) -> int:
        return math.floor(time / self.bucket_hours)

    def add(self, row: int, time: float, vec: np.ndarray) -> None:
        key = self._key(time)
        bucket = self.buckets.get(key)
        if bucket is None:
            bucket = _Bucket(self.dim, self.hnsw_m, self.ef_construction, self.flat_below)
            self.buckets[key] = bucket
        bucket.add(row, vec.astype(np.float32, copy=False))

    def search(
        self,
        x: np.ndarray,
        k: int,
        since: float,
        memo: dict[int, tuple[np.ndarray, np.ndarray]] | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` most similar rows in each bucket that overlaps ``[since, now]``.

        Rows may repeat across calls' buckets but not within one; callers map
        rows to events and filter what has retired. ``memo`` (bucket -> hits)
        lets repeated searches for the same ``x`` and ``k`` (an article's event
        and story candidates) search each bucket once.
        """
        x = np.ascontiguousarray(x, dtype=np.float32)
        first = self._key(since)
        rows, sims = [], []
        for key, bucket in self.buckets.items():
            if key >= first:
                hit = memo.get(key) if memo is not None else None
                if hit is None:
                    hit = bucket.search(x, k, self.ef_search)
                    if memo is not None:
                        memo[key] = hit
                rows.append(hit[0])
                sims.append(hit[1])
        if not rows:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        return np.concatenate(rows), np.concatenate(sims)

    def drop_before(self, time: float) -> int:
        """Forget every bucket that ended before ``time``; returns how many rows went."""
        first = self._key(time)
        gone = [key for key in self.buckets if key < first]
        dropped = sum(self.buckets[key].n for key in gone)
        for key in gone:
            del self.buckets[key]
        return dropped

    def remap(self, new_row: np.ndarray) -> None:
        for bucket in self.buckets.values():
            bucket.remap(new_row)

    def __len__(self) -> int:
        return sum(b.n for b in self.buckets.values())

    @property
    def nbytes(self) -> int:
        """Approximate memory held by the vectors and graphs."""
        return sum(b.nbytes for b in self.buckets.values())
