"""The online weaver: place each arriving article into an event and a story.

>>> import numpy as np
>>> from newsweave.model import Article, PreparedArticle
>>> from newsweave.weave import OnlineWeaver, WeaveParams
>>> w = OnlineWeaver(dim=3, params=WeaveParams.load())
>>> def prep(i, vec, words):
...     return PreparedArticle(Article(id=i, title=i), "en", 0.0,
...                            np.array(vec, dtype=np.float32), words, {})
>>> a = w.place(prep("a", [1, 0, 0], {"quake": 1.0, "ankara": 1.0}))
>>> a.new_event, a.event_id
(True, 'ev-1')
>>> w.place(prep("b", [0.99, 0.1, 0], {"quake": 1.0, "ankara": 1.0})).event_id
'ev-1'

Each article is compared with the open events (time window, most recent
first) through the signals of :mod:`newsweave.weave.index`; the placement
model (:mod:`newsweave.weave.scorer`) turns them into a probability. The
article joins the most probable event when it reaches the event threshold;
otherwise it starts a new event, which is chained into the most probable open
story when that reaches the (lower) story threshold, or starts a new story.
When an article fits a second event almost as surely as the chosen one, the
two events are merged (the older id survives; the merge is recorded).

References: Miranda et al., "Multilingual clustering of streaming news",
EMNLP 2018 (online clustering with learned similarity and a new-cluster
threshold); Allan et al., "Topic Detection and Tracking pilot study", 1998.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

import numpy as np

from newsweave.model import Evidence, Placement, PreparedArticle
from newsweave.weave.index import Candidates, WeaveIndex
from newsweave.weave.scorer import SIGNALS, WeaveParams

_controller = None


def one_blas_thread() -> AbstractContextManager:
    """Run the enclosed numpy code on one BLAS thread.

    A placement is many small matrix-vector products (a few thousand rows at
    most); OpenBLAS spreading each over the cores costs 10-15x more than it
    saves (measured: 1,500 x 384 float32 times a vector, 1.5 ms on 2 threads
    of a busy machine, 0.1 ms on one). The encoder, batched, keeps its threads.
    """
    global _controller
    if _controller is None:
        try:
            from threadpoolctl import ThreadpoolController

            _controller = ThreadpoolController()
        except ImportError:  # pragma: no cover - threadpoolctl is a core dependency
            _controller = False
    if not _controller:
        return nullcontext()
    return _controller.limit(limits=1, user_api="blas")


@dataclass
class Decision:
    """What the weaver decided for one article, before it is committed."""

    event: int | None  # internal index of the chosen event, None for a new one
    merge: list[int]  # further events to merge into the chosen one
    probability: np.ndarray | None
    candidates: Candidates | None
    word_vec: dict[str, float]


class OnlineWeaver:
    """Events and stories formed online from prepared articles.

    Ids are stable: ``ev-N`` and ``st-N`` are never renamed; a merge keeps the
    older id and reports the absorbed ones in :attr:`Placement.merged`.
    """

    def __init__(self, dim: int, params: WeaveParams | None = None) -> None:
        self.params = params or WeaveParams.load()
        self.index = WeaveIndex(dim, self.params)
        self.next_event = 1
        self.next_story = 1

    # ------------------------------------------------------------ deciding
    def decide(self, prepared: PreparedArticle) -> Decision:
        with one_blas_thread():
            return self._decide(prepared)

    def _decide(self, prepared: PreparedArticle) -> Decision:
        word_vec = self.index._word_vector(prepared.words)
        cands = self.index.signals(prepared, "event", word_vec)
        if cands is None:
            return Decision(None, [], None, None, word_vec)
        prob = self.params.probability(cands.features)
        best = int(np.argmax(prob))
        if prob[best] < self.params.event_threshold:
            return Decision(None, [], prob, cands, word_vec)
        merge = [
            int(j) for j in np.nonzero(prob >= self.params.merge_threshold)[0] if int(j) != best
        ]
        return Decision(best, merge, prob, cands, word_vec)

    def place(self, prepared: PreparedArticle) -> Placement:
        """Decide where the article goes and record it; returns the placement."""
        return self.commit(prepared, self.decide(prepared))

    # ------------------------------------------------------------ committing
    def commit(self, prepared: PreparedArticle, decision: Decision) -> Placement:
        with one_blas_thread():
            return self._commit(prepared, decision)

    def _commit(self, prepared: PreparedArticle, decision: Decision) -> Placement:
        idx = self.index
        cands, prob = decision.candidates, decision.probability
        merged: list[str] = []
        story_evidence = None
        if decision.event is not None:
            assert cands is not None
            chosen = [decision.event, *decision.merge]
            clusters = [int(cands.clusters[j]) for j in chosen]
            keep = min(clusters)  # the oldest event survives
            for c in sorted(clusters):
                if c != keep:
                    story_before = idx.story_of_event[c]
                    merged.append(idx.events.ids[c])
                    idx.merge_events(keep, c)
                    if not idx.stories.alive.a[story_before]:
                        merged.append(idx.stories.ids[story_before])
            event = keep
            word_sum = float(sum(cands.word_sum[j] for j in chosen))
            event_evidence = (
                self._evidence(cands, prob, decision.event, self.params.event_threshold)
                if prob is not None  # None when the choice was forced (tuning)
                else None
            )
            new_event = new_story = False
        else:
            time = idx.time_of(prepared)
            story, story_evidence = self._choose_story(prepared, decision.word_vec)
            new_story = story is None
            if story is None:
                story = idx.new_story(f"st-{self.next_story}", time)
                self.next_story += 1
            event = idx.new_event(f"ev-{self.next_event}", story, time)
            self.next_event += 1
            word_sum = 0.0
            event_evidence = (
                self._evidence(cands, prob, None, self.params.event_threshold)
                if cands is not None and prob is not None
                else None
            )
            new_event = True
        idx.add_article(prepared, event, decision.word_vec, word_sum)
        placement = Placement(
            article_id=prepared.article.id,
            event_id=idx.events.ids[event],
            story_id=idx.stories.ids[idx.story_of_event[event]],
            new_event=new_event,
            new_story=new_story,
            event_evidence=event_evidence,
            story_evidence=story_evidence,
            merged=merged,
        )
        idx.maintain()  # may renumber internal indices: only after they were used
        return placement

    def _choose_story(
        self, prepared: PreparedArticle, word_vec: dict[str, float]
    ) -> tuple[int | None, Evidence | None]:
        cands = self.index.signals(prepared, "story", word_vec)
        if cands is None:
            return None, None
        prob = self.params.probability(cands.features)
        best = int(np.argmax(prob))
        chosen = best if prob[best] >= self.params.story_threshold else None
        evidence = self._evidence(cands, prob, chosen, self.params.story_threshold, level="story")
        if chosen is None:
            return None, evidence
        return int(cands.clusters[best]), evidence

    def _evidence(
        self,
        cands: Candidates,
        prob: np.ndarray,
        chosen: int | None,
        threshold: float,
        level: str = "event",
    ) -> Evidence:
        """Explain a decision: the chosen (or, for a new cluster, the best) candidate."""
        idx = self.index
        ids = idx.events.ids if level == "event" else idx.stories.ids
        order = np.argsort(-prob)
        top = chosen if chosen is not None else int(order[0])
        feats = cands.features[top]
        names = [f"{idx.name_surface.get(key, key)} [{key}]" for key in cands.shared_names[top][:8]]
        alternatives = [
            (ids[int(cands.clusters[j])], float(prob[j])) for j in order[:4] if int(j) != chosen
        ][:3]
        return Evidence(
            score=float(prob[top]),
            threshold=threshold,
            signals={name: float(v) for name, v in zip(SIGNALS, feats, strict=True)},
            contributions=self.params.contributions(feats),
            matched_names=names,
            nearest_article=idx.article_ids[int(cands.nearest_row[top])],
            alternatives=alternatives,
        )

    # ------------------------------------------------------------ restoring
    def restore(
        self, prepared: PreparedArticle, word_vec: dict[str, float], event_id: str, story_id: str
    ) -> None:
        """Re-add a stored article to the index with its recorded event and story.

        Used when a weaver opens an existing store: nothing is re-decided, so
        reopening never moves an article.
        """
        idx = self.index
        time = idx.time_of(prepared)
        story = idx.stories.by_id.get(story_id)
        if story is None:
            story = idx.new_story(story_id, time)
            self.next_story = max(self.next_story, _number(story_id) + 1)
        event = idx.events.by_id.get(event_id)
        if event is None:
            event = idx.new_event(event_id, story, time)
            self.next_event = max(self.next_event, _number(event_id) + 1)
        rows = idx.events.members[event]
        word_sum = 0.0
        for r in rows:
            other = idx.word_vecs[r]
            small, large = (word_vec, other) if len(word_vec) <= len(other) else (other, word_vec)
            word_sum += sum(w * large.get(t, 0.0) for t, w in small.items())
        idx.add_article(prepared, event, word_vec, word_sum)
        idx.maintain()

    @classmethod
    def from_store(cls, store, dim: int, params: WeaveParams | None = None) -> OnlineWeaver:
        """Rebuild the weaver of a store, loading only the events still in the window.

        Small stores (fewer than ``evict_min_rows`` articles) are loaded whole,
        exactly as before. In larger ones, the articles of events quiet for
        longer than the story window are only counted into the running totals
        (IDF, language means) in one streaming pass and never held in memory;
        the event and story counters continue from the store's highest ids.
        """
        weaver = cls(dim, params)
        idx = weaver.index
        cut = store.window_cut(idx.keep_hours, weaver.params.evict_min_rows)
        with one_blas_thread():
            for kept, item in store.replay_window(cut):
                if kept:
                    prepared, word_vec, _time, event_id, story_id = item
                    weaver.restore(prepared, word_vec, event_id, story_id)
                else:
                    idx.count_only(*item)
        weaver.next_event = max(weaver.next_event, store.max_cluster_number("events") + 1)
        weaver.next_story = max(weaver.next_story, store.max_cluster_number("stories") + 1)
        if cut is not None:
            idx.clock = max(idx.clock, store.latest_time() or 0.0)
        return weaver


def _number(ext_id: str) -> int:
    try:
        return int(ext_id.rsplit("-", 1)[1])
    except (IndexError, ValueError):
        return 0
