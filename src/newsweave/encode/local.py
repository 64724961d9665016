"""Optional encoder: a sentence-transformers model from a local directory.

For users who have a bigger multilingual model on disk (e.g. LaBSE or
multilingual-e5-base). Requires ``pip install sentence-transformers``; runs with
``HF_HUB_OFFLINE=1`` so that nothing is fetched: a path that is not a complete
local model fails instead of downloading.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np


class SentenceTransformerEncoder:
    def __init__(self, path: str, prefix: str = "") -> None:
        model_dir = Path(path).expanduser()
        if not model_dir.is_dir():
            raise ValueError(f"local model directory not found: {model_dir}")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - optional dependency
            raise ValueError(
                "this encoder needs the optional package: pip install sentence-transformers"
            ) from exc
        self._model = SentenceTransformer(str(model_dir), device="cpu")
        self.dim = int(self._model.get_sentence_embedding_dimension())
        self.prefix = prefix
        self.name = f"sentence-transformers:{model_dir.resolve()}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        vecs = self._model.encode(
            [self.prefix + t for t in texts], normalize_embeddings=True, convert_to_numpy=True
        )
        return np.asarray(vecs, dtype=np.float32).reshape(len(texts), self.dim)
