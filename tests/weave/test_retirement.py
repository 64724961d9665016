"""Events retire from the active set, stay linkable as stories, and memory stays bounded."""

from __future__ import annotations

import numpy as np

from helpers.weave_streams import DIM, small_params, stream
from newsweave.model import Article, PreparedArticle
from newsweave.weave import OnlineWeaver


def _article(aid: str, time: float, vector: np.ndarray, words: dict) -> PreparedArticle:
    return PreparedArticle(
        Article(id=aid, title=aid, clean_title=aid), "en", time, vector, words, {"kyiv": 1.0}
    )


def test_quiet_event_retires_but_its_story_still_links():
    params = small_params(active_hours=48.0, ann_min_rows=0, evict_min_rows=0)
    weaver = OnlineWeaver(DIM, params)
    rng = np.random.default_rng(1)
    topic = rng.standard_normal(DIM)
    # background so that IDF and language means are not degenerate
    for p in stream(300, per_day=300, seed=9):
        weaver.place(p)
    start = weaver.index.clock + 1.0

    def vec() -> np.ndarray:
        v = topic + rng.standard_normal(DIM) * 0.2
        return (v / np.linalg.norm(v)).astype(np.float32)

    words = {"blackout": 1.0, "grid": 1.0, "kyiv": 1.0}
    first = [weaver.place(_article(f"a{i}", start + i, vec(), words)) for i in range(4)]
    assert len({p.event_id for p in first}) == 1
    # quiet for 60 h > active_hours: not an event candidate any more, still a story one
    late = weaver.place(_article("late", start + 64.0, vec(), words))
    assert late.new_event and late.event_id != first[0].event_id
    assert late.story_id == first[0].story_id
    # quiet for longer than the story window: a new story
    later = weaver.place(_article("later", start + 64.0 + 300.0, vec(), words))
    assert later.new_story


def test_memory_is_bounded_on_a_long_stream():
    params = small_params(
        event_window_hours=24.0, story_window_hours=48.0, active_hours=24.0,
        evict_min_rows=0, ann_min_rows=0, ann_bucket_hours=12.0,
    )  # fmt: skip
    weaver = OnlineWeaver(DIM, params)
    idx = weaver.index
    rows, ann_rows = [], []
    articles = stream(4000, per_day=300, seed=5)
    for i, p in enumerate(articles):
        weaver.place(p)
        if i % 250 == 249:
            rows.append(idx.n_rows)
            ann_rows.append(len(idx.ann))
    days = (articles[-1].time - articles[0].time) / 24
    assert days > 10  # the stream is many windows long
    window = 300 * (48 + 36 + 12) / 24  # articles per keep window, + happening spread, + bucket
    assert idx.compactions >= 2
    assert max(rows[4:]) < 2.5 * window < len(articles)
    assert max(ann_rows[4:]) < 1.5 * window
    assert len(idx) == len(articles)  # IDF still counts every article seen
    assert len(idx.events.ids) < len(articles) / 3
    # after compaction every remaining event is consistent
    for e, members in enumerate(idx.events.members):
        assert all(int(idx.event_of.a[r]) == e for r in members)
