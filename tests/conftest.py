"""Shared fixtures: the example articles, the shared seeds and datasets when present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DATASETS = SHARED / "datasets"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not here")
    return SEEDS


@pytest.fixture(scope="session")
def datasets_dir() -> Path:
    if not DATASETS.is_dir():
        pytest.skip("../shared/datasets is not here")
    return DATASETS


@pytest.fixture(scope="session")
def encoder():
    from newsweave.encode import get_encoder

    return get_encoder()
