"""Every statement a placement runs is answered through an index.

A store grows without bound, so a statement that scans a whole table makes each
placement slower than the last. Found on the synthetic 1,000,000-article stream:
moving a merged story's events scanned the events table, and placement p95 crept
up as the store grew (docs/scale.md). This test records the statements that real
placements run, merges of events and stories included, and asks SQLite's planner
how it answers each of them.
"""

from __future__ import annotations

import numpy as np

from newsweave.model import Article, Placement, PreparedArticle
from newsweave.store import SQLiteStore

GROWING_TABLES = ("articles", "events", "stories", "merges")


def prepared(i: int) -> PreparedArticle:
    article = Article(id=f"a{i}", title=f"Ferry strike enters day {i} in Bergen", text="")
    return PreparedArticle(article, "en", float(i), np.ones(4, dtype=np.float32), {}, {})


def test_placements_and_merges_use_indexes(tmp_path):
    store = SQLiteStore(str(tmp_path / "news.db"))
    seen: list[str] = []
    store.db.set_trace_callback(seen.append)  # statements with their values filled in
    placements = [
        Placement("a1", "ev-1", "st-1", new_event=True, new_story=True),
        Placement("a2", "ev-2", "st-2", new_event=True, new_story=True),
        Placement("a3", "ev-3", "st-2", new_event=True, new_story=False),
        # a4 joins ev-1 and brings ev-2 (and with it st-2) along: both merges are recorded
        Placement("a4", "ev-1", "st-1", new_event=False, new_story=False, merged=["ev-2", "st-2"]),
    ]
    for i, placement in enumerate(placements, start=1):
        store.save_placement(prepared(i), {}, float(i), placement)
    store.db.set_trace_callback(None)

    merged = store.db.execute("SELECT story_id FROM events WHERE id='ev-3'").fetchone()[0]
    assert merged == "st-1"  # the absorbed story's other event moved too
    filtered = [s for s in seen if " WHERE " in s.upper()]
    assert any("UPDATE events SET story_id" in s for s in filtered)
    for statement in filtered:
        plan = [row[3] for row in store.db.execute("EXPLAIN QUERY PLAN " + statement)]
        # "SEARCH t USING INDEX ..." reads a few rows; "SCAN t" (even of an index) reads all
        scans = [
            step for step in plan if step.startswith(tuple(f"SCAN {t}" for t in GROWING_TABLES))
        ]
        assert not scans, f"{statement!r}: {plan}"
    store.close()
