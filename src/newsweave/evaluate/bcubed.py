"""BCubed precision, recall and F1 for a flat clustering.

BCubed (Bagga & Baldwin 1998; Amigó et al. 2009) scores every item: its
precision is the share of items in its predicted cluster that share its gold
cluster, its recall the share of its gold cluster that landed in its predicted
cluster. Scores are averaged over items, so large clusters weigh more, which
suits news, where big stories matter most.

>>> s = bcubed({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "x"})
>>> round(s.precision, 3), round(s.recall, 3), round(s.f1, 3)
(1.0, 0.556, 0.714)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class BCubed:
    precision: float
    recall: float
    f1: float
    n_items: int


def bcubed(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> BCubed:
    """Score ``predicted`` (item -> cluster) against ``gold`` (item -> cluster).

    Only items present in both mappings are scored; an item missing from
    ``predicted`` is an error because it would silently inflate the score.
    """
    missing = [item for item in gold if item not in predicted]
    if missing:
        raise ValueError(f"{len(missing)} gold items have no prediction, e.g. {missing[:3]}")
    items = list(gold)
    if not items:
        raise ValueError("no items to score")
    pair = Counter((predicted[i], gold[i]) for i in items)
    pred_size = Counter(predicted[i] for i in items)
    gold_size = Counter(gold[i] for i in items)
    precision = recall = 0.0
    for (p, g), n in pair.items():
        # every one of the n items in this cell sees n same-gold items in its cluster
        precision += n * n / pred_size[p]
        recall += n * n / gold_size[g]
    precision /= len(items)
    recall /= len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BCubed(precision, recall, f1, len(items))
