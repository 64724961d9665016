"""Reopening a large store loads only the window and continues as if never closed."""

from __future__ import annotations

from helpers.weave_streams import DIM, small_params, stream
from newsweave.store import SQLiteStore
from newsweave.weave import OnlineWeaver


def _weave(weaver: OnlineWeaver, store: SQLiteStore | None, articles) -> list:
    out = []
    for p in articles:
        decision = weaver.decide(p)
        t = weaver.index.time_of(p)
        placement = weaver.commit(p, decision)
        if store is not None:
            store.save_placement(p, decision.word_vec, t, placement)
        out.append(placement)
    return out


def test_restore_loads_only_the_window(tmp_path):
    params = small_params(
        event_window_hours=24.0, story_window_hours=48.0, active_hours=24.0,
        evict_min_rows=500, ann_min_rows=0, ann_bucket_hours=12.0,
    )  # fmt: skip
    articles = stream(3000, per_day=300, seed=11)
    head, tail = articles[:2500], articles[2500:]
    store = SQLiteStore(tmp_path / "s.db")
    continuous = OnlineWeaver(DIM, params)
    _weave(continuous, store, head)

    restored = OnlineWeaver.from_store(store, DIM, params)
    idx, ref = restored.index, continuous.index
    assert len(idx) == len(head) == len(ref)  # every article counted
    assert idx.word_df == ref.word_df and idx.name_df == ref.name_df
    assert abs(idx.lang_sum - ref.lang_sum).max() < 1e-3
    # only the window is in memory: about 300 * (48 + 36) / 24 = 1,050 articles,
    # more when merged events stay open longer
    assert idx.n_rows < len(head) / 2
    # what is held: every article of the events still in the window
    cut = max(p.time for p in head) - idx.keep_hours
    for e, members in enumerate(idx.events.members):
        assert idx.events.last.a[e] >= cut and members
    assert restored.next_event == continuous.next_event
    assert restored.next_story == continuous.next_story

    # and it goes on weaving like the process that never stopped
    a = _weave(continuous, None, tail)
    b = _weave(restored, None, tail)
    pairs = list(zip(a, b, strict=True))
    assert all(x.event_id == y.event_id for x, y in pairs)
    # a long-lived story keeps in memory only its events of the window, so a new
    # event is chained by those: the odd story choice may differ (16 of 500 here)
    same_story = sum(x.story_id == y.story_id for x, y in pairs)
    assert same_story >= 0.95 * len(tail)
    store.close()


def test_small_store_restores_everything(tmp_path):
    params = small_params()
    articles = stream(300, per_day=30, seed=2)
    store = SQLiteStore(tmp_path / "s.db")
    continuous = OnlineWeaver(DIM, params)
    _weave(continuous, store, articles)
    restored = OnlineWeaver.from_store(store, DIM, params)
    assert restored.index.n_rows == len(articles)
    assert restored.index.article_ids == continuous.index.article_ids
    store.close()
