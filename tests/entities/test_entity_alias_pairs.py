"""The labelled alias pairs (data/alias_pairs.tsv) scored with the linker's decision."""

from __future__ import annotations

import csv
from pathlib import Path

from newsweave.enrich.entity_linking import same_entity

DATA = Path(__file__).parent / "data"


def _pairs():
    with open(DATA / "alias_pairs.tsv", encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh, delimiter="\t") if r and not r[0].startswith("#")]
    return rows[1:]


def score():
    tp = fp = fn = tn = 0
    for a, la, b, lb, same, _ in _pairs():
        pred, gold = same_entity(a, la, b, lb), same == "1"
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
        tn += not pred and not gold
    return tp, fp, fn, tn


def test_alias_set_size_and_languages():
    rows = _pairs()
    true = sum(r[4] == "1" for r in rows)
    assert true >= 300 and len(rows) - true >= 1000
    langs = {r[1] for r in rows} | {r[3] for r in rows}
    assert len(langs) >= 5 and {"en", "ar", "ru", "zh", "vi"} <= langs


def test_alias_precision_and_recall():
    tp, fp, fn, tn = score()
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    # targets of the issue: precision >= 0.97, recall >= 0.85 (measured 0.998 /
    # 0.909, see docs/entities.md; what is still missed: translations, a first
    # name against a surname alone, truncated spellings)
    assert precision >= 0.97, precision
    assert recall >= 0.85, recall
