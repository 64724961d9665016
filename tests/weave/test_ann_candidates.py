"""The retrieved candidates (ANN + shared words and names) contain what exact search would pick."""

from __future__ import annotations

import numpy as np

from helpers.weave_streams import DIM, small_params, stream
from newsweave.evaluate.bcubed import bcubed
from newsweave.weave import OnlineWeaver
from newsweave.weave.ann import FLAT_BELOW, BucketANN


def test_bucket_ann_finds_the_true_neighbours():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((3 * FLAT_BELOW, DIM)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    ann = BucketANN(DIM, bucket_hours=1e6)  # one bucket: it switches to HNSW
    for row, v in enumerate(x):
        ann.add(row, 0.0, v)
    assert ann.buckets[0].graph is not None
    recall = []
    for q in x[:200] + rng.standard_normal((200, DIM)).astype(np.float32) * 0.05:
        q /= np.linalg.norm(q)
        rows, _ = ann.search(q, 10, since=0.0)
        exact = np.argsort(-(x @ q))[:10]
        recall.append(len(set(rows) & set(exact)) / 10)
    assert np.mean(recall) > 0.95


def test_retrieved_candidates_hold_the_exact_choices():
    """Weave exactly; at every step the retrieved set should hold the exact decision.

    The chosen event, the events merged into it, and (for a new event) the
    chosen story should be among the retrieved candidates, so the retrieval
    path decides what exact search decides. ANN may miss a few: at most 1 %.
    """
    params = small_params(ann_bucket_hours=6.0)
    weaver = OnlineWeaver(DIM, params)
    idx = weaver.index
    idx.ann.flat_below = 64  # buckets become HNSW graphs early
    checked_events = checked_stories = missed = 0
    articles = stream(2600, per_day=600)
    for p in articles:
        word_vec = idx._word_vector(p.words)
        decision = weaver.decide(p)
        if decision.candidates is not None and len(idx.ann) > 200:
            params.ann_min_rows = 0
            cands = idx.signals(p, "event", word_vec)
            retrieved = set(cands.clusters.tolist()) if cands is not None else set()
            params.ann_min_rows = 10**9
            chosen = [decision.event, *decision.merge] if decision.event is not None else []
            missed += any(int(decision.candidates.clusters[j]) not in retrieved for j in chosen)
            checked_events += bool(chosen)
            if decision.event is None:
                exact_story, _ = weaver._choose_story(p, word_vec)
                params.ann_min_rows = 0
                ann_story, _ = weaver._choose_story(p, word_vec)
                params.ann_min_rows = 10**9
                missed += ann_story != exact_story
                checked_stories += exact_story is not None
        weaver.commit(p, decision)
    assert any(b.graph is not None for b in idx.ann.buckets.values())  # HNSW was exercised
    assert checked_events > 500 and checked_stories > 20
    assert missed <= 0.01 * (checked_events + checked_stories), missed


def test_woven_clusters_are_the_same_with_retrieval():
    articles = stream(1500, per_day=500)
    exact = OnlineWeaver(DIM, small_params(ann_min_rows=10**9))
    ann = OnlineWeaver(DIM, small_params(ann_min_rows=0))
    exact.index.ann.flat_below = ann.index.ann.flat_below = 64
    a = {p.article.id: exact.place(p).event_id for p in articles}
    b = {p.article.id: ann.place(p).event_id for p in articles}
    # ids shift after the first different decision: compare the partitions
    assert bcubed(b, a).f1 > 0.98


def test_lexical_retrieval_looks_up_only_the_rare_words():
    """A word held by over RETRIEVAL_SHARE of the articles in memory retrieves nothing.

    Scanning such a word's postings cost more than anything else in a
    placement at 300,000 articles, and it cannot single out candidates; it
    still counts in the word signal of the candidates found otherwise.
    """
    from newsweave.weave.index import RETRIEVAL_SHARE

    weaver = OnlineWeaver(DIM, small_params(ann_min_rows=0))
    idx = weaver.index
    articles = stream(1200, per_day=500, seed=8)
    for i, p in enumerate(articles):
        if i % 20 == 0:  # 5 % of the articles
            p.words["frequent"] = 1.0
        if i == 600:
            p.words["scarce"] = 1.0
        weaver.place(p)
    assert idx.words.df("frequent") > RETRIEVAL_SHARE * idx.n_rows >= idx.words.df("scarce")
    far = np.zeros(DIM)
    far[0] = 1.0

    def retrieve(words: dict[str, float]) -> set[int]:
        idx._memo.start(("query", tuple(words)), idx.n_rows)  # a fresh placement's memo
        return set(idx.retrieve(far, words, {}, since=-1e9).tolist())

    by_vector, frequent, scarce = (
        retrieve({}),
        retrieve({"frequent": 1.0}),
        retrieve({"scarce": 1.0}),
    )
    assert frequent == by_vector
    assert scarce - by_vector == {idx.row_of[articles[600].article.id]}
