"""``newsweave entities-bench``: one timed run and the Markdown it appends (the
real measurements are heavy and live in BENCHMARKS.md, not in the test suite)."""

from __future__ import annotations

import json

from newsweave.enrich.entity_bench import markdown, one_run


def test_one_run_times_a_small_set(tmp_path):
    path = tmp_path / "articles.jsonl"
    rows = [
        {"id": "a", "title": "Syrian army enters Aleppo", "text": "Troops took Bustan al-Qasr.",
         "lang": "en"},
        {"id": "b", "title": "L'armée syrienne à Alep",
         "text": "Les soldats ont pris Boustan al-Qasr.", "lang": "fr"},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    for entities in (False, True):
        r = one_run(str(path), None, entities, None)
        assert r["articles"] == 2 and r["seconds"] > 0 and r["cpu_seconds"] > 0


def test_markdown_section_names_machine_command_and_numbers():
    results = {
        "runs": 3,
        "cold_limit": 30,
        "warm_limit": None,
        "load_average": [1.0, 2.0, 3.0],
        "rows": [
            {"set": "sg_news_ac", "mode": "warm", "articles": 209, "core_s": 4.0, "with_s": 5.0,
             "added_pct": 25.0, "core_cpu_s": 3.5, "with_cpu_s": 4.2, "added_cpu_pct": 20.0},
        ],
    }  # fmt: skip
    text = markdown(results, "newsweave entities-bench --write BENCHMARKS.md")
    assert text.startswith("### Entities: ingest overhead")
    assert "Machine: " in text and "load average" in text
    assert "`newsweave entities-bench --write BENCHMARKS.md`" in text
    assert "| sg_news_ac | warm | 209 |" in text and "+20.0 %" in text
