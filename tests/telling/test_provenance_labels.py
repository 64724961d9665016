"""The committed labelled provenance pairs: shape, and (slow) the scores on them."""

from __future__ import annotations

from collections import Counter

import pytest

from newsweave.enrich.provenance_eval import LABELS_PATH, load_labels


def test_labelled_pairs_file():
    rows = load_labels(LABELS_PATH)
    labels = Counter(r["label"] for r in rows)
    assert labels["translation"] + labels["republication"] >= 60
    assert labels["independent"] >= 300
    assert set(labels) == {"translation", "republication", "independent"}
    assert all(set(r) == {"dataset", "a", "b", "label", "note"} for r in rows)  # ids only


@pytest.mark.slow
def test_scores_on_labelled_pairs(datasets_dir, encoder):
    from newsweave.enrich.provenance_eval import evaluate_provenance

    res = evaluate_provenance(datasets_dir, encoder=encoder)
    assert res.precision >= 0.9
    assert res.recall >= 0.8
