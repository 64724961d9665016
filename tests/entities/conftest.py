"""Fixtures of the entity tests: the seeds woven once per session."""

from __future__ import annotations

import pytest

from newsweave import Weaver
from newsweave.ingest import read_paths


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory, seeds_dir, encoder):
    """Path of a store holding the five seeds (with their entities)."""
    db = tmp_path_factory.mktemp("entities") / "seeds.db"
    with Weaver(db=db, encoder=encoder) as w:
        w.add_many(read_paths([str(seeds_dir)]))
    return db


class HashEncoder:
    """A tiny deterministic encoder for tests that need a store, not semantics."""

    name = "test/hash-384"
    dim = 384  # the weaving parameters carry 384-d language priors

    def encode(self, texts):
        import hashlib

        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in t.lower().split():
                h = int(hashlib.md5(w.encode("utf-8")).hexdigest()[:8], 16)
                out[i, h % self.dim] += 1.0
            out[i, 0] += 1e-3
        return out / np.linalg.norm(out, axis=1, keepdims=True)


@pytest.fixture(scope="session")
def hash_encoder() -> HashEncoder:
    return HashEncoder()
