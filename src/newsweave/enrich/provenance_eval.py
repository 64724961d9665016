"""Score provenance detection on the labelled pairs in ``tests/telling/data``.

The labelled file holds only ids and labels (``translation``,
``republication``, ``independent``); the texts are read from the shared
datasets at run time (``articles.jsonl`` of each dataset folder), cleaned and
language-tagged like ingest does, then every labelled pair is compared with
:func:`newsweave.enrich.provenance.compare_pair`.

The positive class is "translation or republication"; a pair predicted
``shared-origin`` counts as negative for it (it is reported separately).

>>> # python -m newsweave.enrich.provenance_eval ../shared/datasets  # doctest: +SKIP
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from newsweave.encode import Encoder, get_encoder
from newsweave.enrich.credits import find_credits, source_label
from newsweave.enrich.provenance import ProvDoc, compare_pair
from newsweave.enrich.sentences import article_sentences
from newsweave.enrich.sentvec import SentenceVectors, VectorCache
from newsweave.model import Article
from newsweave.prepare import clean

__all__ = ["LABELS_PATH", "EvalResult", "evaluate_provenance", "load_labels"]

LABELS_PATH = (
    Path(__file__).resolve().parents[3] / "tests" / "telling" / "data" / ("provenance_pairs.jsonl")
)
POSITIVE = ("translation", "republication")


@dataclass
class EvalResult:
    """Counts and scores for the positive class, and per-dataset confusion."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    by_dataset: dict[str, Counter] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    pairs: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    def as_dict(self) -> dict:
        return {
            "pairs": self.pairs,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "seconds": round(self.seconds, 1),
            "by_dataset": {k: dict(v) for k, v in self.by_dataset.items()},
            "errors": self.errors,
        }


def load_labels(path: str | Path = LABELS_PATH) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _articles(datasets: Path, name: str, ids: set[str]) -> dict[str, Article]:
    out: dict[str, Article] = {}
    with open(datasets / name / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if str(r["id"]) in ids:
                a = Article(
                    id=str(r["id"]),
                    title=r.get("title") or "",
                    text=r.get("text") or "",
                    lang=r.get("lang"),
                    source=r.get("source"),
                )
                cleaned = clean(a)
                if isinstance(cleaned, Article):
                    out[a.id] = cleaned
    return out


def prov_doc(a: Article) -> ProvDoc:
    """A :class:`ProvDoc` from a cleaned article (no dates, no name spellings)."""
    credits = find_credits(a.clean_text)
    return ProvDoc(
        id=a.id,
        lang=a.lang or "und",
        title=a.clean_title,
        sentences=[s.text for s in article_sentences(a.clean_title, a.clean_text)],
        source=source_label(a.source, credits, a.id),
        credits=credits,
    )


def evaluate_provenance(
    datasets: str | Path,
    labels: list[dict] | None = None,
    encoder: Encoder | None = None,
    cache: VectorCache | None = None,
) -> EvalResult:
    """Compare every labelled pair and count hits for "translation or republication"."""
    t0 = time.perf_counter()
    datasets = Path(datasets)
    labels = labels if labels is not None else load_labels()
    vectors = SentenceVectors(encoder or get_encoder(), cache)
    result = EvalResult()
    by_ds: dict[str, list[dict]] = {}
    for r in labels:
        by_ds.setdefault(r["dataset"], []).append(r)
    for ds, rows in by_ds.items():
        ids = {r["a"] for r in rows} | {r["b"] for r in rows}
        arts = _articles(datasets, ds, ids)
        docs = {i: prov_doc(a) for i, a in arts.items()}
        # only articles in a cross-language pair need sentence vectors
        xl = {
            x
            for r in rows
            if r["a"] in docs and r["b"] in docs and docs[r["a"]].lang != docs[r["b"]].lang
            for x in (r["a"], r["b"])
        }
        units = sorted({u for i in xl for u in docs[i].units if not docs[i].title_only})
        table = dict(zip(units, vectors(units), strict=True)) if units else {}
        counts: Counter = Counter()
        for r in rows:
            if r["a"] not in docs or r["b"] not in docs:
                counts["missing"] += 1
                continue
            a, b = docs[r["a"]], docs[r["b"]]
            va = _stack(table, a.units) if a.id in xl else None
            vb = _stack(table, b.units) if b.id in xl else None
            link = compare_pair(a, b, va, vb)
            gold = r["label"] in POSITIVE
            pred = link.relation in POSITIVE
            result.pairs += 1
            counts[f"{r['label']}->{link.relation}"] += 1
            if gold and pred:
                result.tp += 1
            elif pred:
                result.fp += 1
            elif gold:
                result.fn += 1
            else:
                result.tn += 1
            if gold != pred:
                result.errors.append(
                    {
                        "dataset": ds,
                        "a": r["a"],
                        "b": r["b"],
                        "gold": r["label"],
                        "predicted": link.relation,
                        "coverage": round(link.coverage, 3),
                        "order": round(link.order, 3),
                        "containment": round(link.containment, 3),
                        "aligned": len(link.passages),
                    }
                )
        result.by_dataset[ds] = counts
    result.seconds = time.perf_counter() - t0
    return result


def _stack(table: dict, units: list[str]):
    import numpy as np

    if not units:
        return None
    return np.stack([table[u] for u in units])


if __name__ == "__main__":  # pragma: no cover
    from newsweave.store import SQLiteStore

    cache = SQLiteStore(sys.argv[2]) if len(sys.argv) > 2 else None
    res = evaluate_provenance(
        sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets", cache=cache
    )
    print(json.dumps(res.as_dict(), ensure_ascii=False, indent=1))
