"""Running centroid sums stay exact through placements, merges, eviction and compaction.

The weave takes a cluster's language-centred centroid from running sums
instead of re-reading its members; these tests recompute it from the members
and compare, on a stream long enough to merge, evict and compact.
"""

from __future__ import annotations

import numpy as np

from helpers.weave_streams import DIM, small_params, stream
from newsweave.weave import OnlineWeaver
from newsweave.weave.index import WeaveIndex


def _centroid_from_members(idx: WeaveIndex, rows: list[int], means: np.ndarray) -> np.ndarray:
    r = np.asarray(rows, dtype=np.int64)
    return (idx.vectors.view[r].astype(np.float64) - means[idx.langs.view[r]]).sum(axis=0)


def _check_exact(idx: WeaveIndex) -> int:
    means = idx._lang_means()
    checked = 0
    for level, clusters in (("event", idx.events), ("story", idx.stories)):
        alive = np.nonzero(clusters.alive.view)[0]
        for c in alive:
            if level == "event":
                rows = idx.events.members[c]
            else:
                rows = [r for e in idx.stories.members[c] for r in idx.events.members[e]]
            assert clusters.lang_count.a[c].sum() == len(rows), (level, c)
            got = clusters.centroids(np.asarray([c]), means)[0]
            want = _centroid_from_members(idx, rows, means)
            np.testing.assert_allclose(got, want, atol=1e-8)
            checked += 1
    return checked


def _story_rows_fresh(idx: WeaveIndex, story: int) -> list[int]:
    from newsweave.weave.index import STORY_ROWS_SCANNED

    rows = [r for e in idx.stories.members[story] for r in idx.events.members[e]]
    return rows[-STORY_ROWS_SCANNED:]


def _churning_weaver() -> OnlineWeaver:
    """A weaver whose short windows and eager merges churn its clusters within 4,000 articles."""
    params = small_params(
        event_window_hours=24.0, story_window_hours=48.0, active_hours=24.0,
        evict_min_rows=0, ann_min_rows=0, ann_bucket_hours=12.0, merge_threshold=0.3,
    )  # fmt: skip
    return OnlineWeaver(DIM, params)


def test_running_sums_match_members_through_merges_eviction_and_compaction():
    """Also: a story's scanned rows, cached between placements, never go stale."""
    weaver = _churning_weaver()
    idx = weaver.index
    merges = 0
    for i, p in enumerate(stream(4000, per_day=300, seed=11)):
        merges += len(weaver.place(p).merged)
        if i % 500 == 499:
            assert _check_exact(idx) > 0
        if i % 97 == 0:
            for s in np.nonzero(idx.stories.alive.view)[0]:
                cached = idx._story_rows(int(s)).tolist()
                assert cached == _story_rows_fresh(idx, int(s)), (i, int(s))
    # the stream exercised what could break the sums
    assert merges > 0
    assert idx.compactions > 0
    assert bool(idx.events.evicted.view.any())
    assert _check_exact(idx) > 0


def test_member_similarity_is_the_centred_cosine():
    weaver = OnlineWeaver(DIM, small_params(ann_min_rows=0))
    idx = weaver.index
    for p in stream(400, per_day=300, seed=4):
        weaver.place(p)
    means = idx._lang_means()
    x = np.random.default_rng(0).standard_normal(DIM)
    x /= np.linalg.norm(x)
    rows = np.arange(idx.n_rows)
    centred = idx.vectors.view[rows].astype(np.float64) - means[idx.langs.view[rows]]
    want = centred @ x / np.linalg.norm(centred, axis=1)
    np.testing.assert_allclose(idx._centred_cosines(rows, x, means), want, atol=1e-5)


def test_common_words_are_judged_against_the_window_not_the_stream():
    """A word in most of the articles in memory is skipped, however rare it is in the stream.

    With the cut taken against the whole stream, fewer words counted as common
    the longer the stream ran, and a placement's cost grew with the stream.
    """
    from newsweave.weave.index import COMMON_WORD_SHARE

    params = small_params(
        event_window_hours=24.0, story_window_hours=48.0, active_hours=24.0,
        evict_min_rows=0, ann_min_rows=0, ann_bucket_hours=12.0,
    )  # fmt: skip
    weaver = OnlineWeaver(DIM, params)
    idx = weaver.index
    articles = stream(4000, per_day=300, seed=5)
    for i, p in enumerate(articles):
        if i >= 3750:  # one word in every article of the stream's last 250
            p.words["latecomer"] = 1.0
        weaver.place(p)
    assert idx.compactions > 0 and idx.n_rows < len(idx)
    held = idx.words.df("latecomer")
    assert held > idx._common_limit() == COMMON_WORD_SHARE * idx.n_rows
    # not common in the stream: a cut against the stream would have scanned it
    assert idx.word_df["latecomer"] < COMMON_WORD_SHARE * len(idx)
    rows = np.arange(idx.n_rows)
    assert not idx._postings_dot(rows, {"latecomer": 1.0}, idx.words, skip_common=True).any()
    assert idx._postings_dot(rows, {"latecomer": 1.0}, idx.words, skip_common=False).any()


def test_inner_products_read_in_place_equal_the_gathered_product():
    from newsweave.weave.ann import inner_products_by_row

    rng = np.random.default_rng(3)
    matrix = rng.standard_normal((500, DIM)).astype(np.float32)
    rows = rng.integers(0, 500, size=300)
    query = rng.standard_normal(DIM)
    np.testing.assert_allclose(
        inner_products_by_row(matrix, rows, query),
        matrix[rows] @ query.astype(np.float32),
        rtol=1e-5,
        atol=1e-4,
    )
    assert len(inner_products_by_row(matrix, rows[:0], query)) == 0
