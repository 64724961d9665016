"""The hand-checked figure samples (docs/telling.md, Figures): format and totals.

They hold ids, offsets and verdicts only, never article text; the totals asserted
here are the ones the documentation reports.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
FIELDS = {"n", "dataset", "article_id", "lang", "in_title", "start", "end", "kind", "value",
          "unit", "qualifier", "verdict", "error", "note"}  # fmt: skip


def rows(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.mark.parametrize(
    ("name", "right", "value_unit"),
    [
        ("figures_sample.jsonl", 86, 99),  # first sample, before the subject chunker
        ("figures_dev1.jsonl", 76, 100),  # development samples for the chunker
        ("figures_dev2.jsonl", 64, 100),
        ("figures_sample2.jsonl", 76, 98),  # fresh sample after it
    ],
)
def test_sample_totals(name, right, value_unit):
    rs = rows(name)
    assert len(rs) == 100
    assert all(set(r) == FIELDS for r in rs)  # ids, offsets, verdicts: no text
    assert all(r["verdict"] in ("ok", "wrong") for r in rs)
    assert sum(r["verdict"] == "ok" for r in rs) == right
    assert sum(r["error"] != "value" for r in rs) == value_unit
    assert len({r["lang"] for r in rs}) >= 3


def test_new_sample_has_no_sentence_of_an_earlier_sample():
    earlier = {(r["dataset"], r["article_id"], r["in_title"], r["start"])
               for name in ("figures_sample.jsonl", "figures_dev1.jsonl", "figures_dev2.jsonl")
               for r in rows(name)}  # fmt: skip
    assert not any(
        (r["dataset"], r["article_id"], r["in_title"], r["start"]) in earlier
        for r in rows("figures_sample2.jsonl")
    )


def test_sample_drawer_names_a_missing_path_and_writes_nothing(tmp_path, capsys):
    import pytest

    from newsweave.evaluate.figure_sample import main

    out = tmp_path / "sample.jsonl"
    missing = tmp_path / "earlier.jsonl"
    with pytest.raises(SystemExit) as exit_info:
        main(["--seed", "1", "--exclude", str(missing), "--out", str(out)])
    assert exit_info.value.code == 2
    assert f"--exclude {missing}: no such file or directory" in capsys.readouterr().err
    assert not out.exists()
