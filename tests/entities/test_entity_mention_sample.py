"""Re-score the hand-checked mention sample (data/mention_sample.tsv)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from newsweave.enrich.entities import extract_mentions
from newsweave.ingest import read_paths
from newsweave.model import Article
from newsweave.prepare import clean

DATA = Path(__file__).parent / "data"


def _sample(name: str = "mention_sample.tsv"):
    with open(DATA / name, encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh, delimiter="\t") if r and not r[0].startswith("#")]
    head = rows[0]
    return [dict(zip(head, r, strict=True)) for r in rows[1:]]


def _precision(rows) -> tuple[float, float]:
    ok = [r for r in rows if r["span_ok"] == "1"]
    return len(ok) / len(rows), sum(r["type_ok"] == "1" for r in ok) / len(ok)


def test_recorded_precision():
    """Sample A (judged while the rules were being written): 0.80 span, 0.87 type.
    Sample B (drawn blind once they were final): 0.85 span, 0.89 type."""
    a, b = _sample(), _sample("mention_sample_b.tsv")
    for rows in (a, b):
        assert len(rows) == 200 and len({r["lang"] for r in rows}) >= 4
    span_a, type_a = _precision(a)
    assert span_a >= 0.80 and type_a >= 0.86
    span_b, type_b = _precision(b)
    assert span_b >= 0.85 and type_b >= 0.89


def _articles(seeds_dir: Path, datasets_dir: Path, wanted: set) -> dict[tuple[str, str], Article]:
    out = {}
    for a in read_paths([str(seeds_dir)]):
        if isinstance(a, Article) and ("seeds", a.id) in wanted:
            out[("seeds", a.id)] = a
    for ds in ("og2021", "sg_news_ac", "vietnamese_mds_ktlab", "ecbplus_docs"):
        ids = {i for d, i in wanted if d == ds}
        lines = (datasets_dir / ds / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        for line in lines:
            r = json.loads(line)
            if str(r["id"]) in ids:
                out[(ds, str(r["id"]))] = Article(
                    id=str(r["id"]), title=r.get("title") or "", text=r.get("text") or "",
                    lang=r.get("lang"),
                )  # fmt: skip
    return out


@pytest.fixture(scope="module")
def extracted(seeds_dir, datasets_dir) -> dict[tuple[str, str], set]:
    """(dataset, article id) -> the (field, start, end) the extractor gives now."""
    wanted = {
        (r["dataset"], r["article_id"])
        for name in ("mention_sample.tsv", "mention_sample_b.tsv")
        for r in _sample(name)
    }
    got: dict[tuple[str, str], set] = {}
    for key, a in _articles(seeds_dir, datasets_dir, wanted).items():
        c = clean(a)
        if isinstance(c, Article):
            ms = extract_mentions(a.title, a.text, c.lang)
            got[key] = {(m.field, m.start, m.end) for m in ms}
    return got


@pytest.mark.parametrize("name", ["mention_sample.tsv", "mention_sample_b.tsv"])
def test_sample_still_extracted(extracted, name):
    """Which judged mentions the current extractor still gives; precision on those."""
    rows = _sample(name)

    def still(r) -> bool:
        spans = extracted.get((r["dataset"], r["article_id"]), set())
        return (r["field"], int(r["start"]), int(r["end"])) in spans

    kept = [r for r in rows if still(r)]
    good_kept = sum(r["span_ok"] == "1" for r in kept)
    good_all = sum(r["span_ok"] == "1" for r in rows)
    assert good_kept >= 0.95 * good_all  # later rules drop few right mentions
    # precision on the judged mentions still given (A: 0.849, B: 0.85 when recorded)
    assert good_kept / len(kept) >= 0.84
    if len(kept) < len(rows) * 0.8:
        pytest.fail("the extractor changed a lot: judge a new sample")
