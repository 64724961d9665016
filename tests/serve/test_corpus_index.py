"""The in-memory corpus behind listing and search: incremental refresh, merges, centring."""

from __future__ import annotations

import numpy as np
import pytest

from newsweave.model import Article, Placement, PreparedArticle
from newsweave.serve.corpus import Corpus
from newsweave.serve.readstore import ReadOnlyStore
from newsweave.store.sqlite import SQLiteStore
from newsweave.stories import StoryReader
from newsweave.weave.scorer import WeaveParams

DIM = 8


def _vec(seed: int, base: np.ndarray | None = None) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal(DIM).astype(np.float32)
    if base is not None:
        v = base + 0.2 * v
    return v / np.linalg.norm(v)


class Writer:
    """Writes placed articles straight into a store, as the weaver would."""

    def __init__(self, path) -> None:
        self.store = SQLiteStore(path)

    def add(self, aid, lang, vec, event, story, new_event, new_story, merged=(), title=None):
        article = Article(id=aid, title=title or f"title {aid}", lang=lang)
        article.clean_title = article.title
        prepared = PreparedArticle(article, lang, None, vec, {}, {})
        placement = Placement(aid, event, story, new_event, new_story, merged=list(merged))
        self.store.save_placement(prepared, {}, 0.0, placement)


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "c.db"
    writer = Writer(path)
    reader = ReadOnlyStore(path)
    yield writer, reader
    reader.close()
    writer.store.close()


def test_refresh_appends_and_follows_merges(store):
    writer, reader = store
    topic = _vec(1)
    writer.add("a1", "en", _vec(2, topic), "ev-1", "st-1", True, True)
    writer.add("a2", "fr", _vec(3), "ev-2", "st-2", True, True)
    corpus = Corpus(WeaveParams())
    assert corpus.refresh(reader) and not corpus.refresh(reader)  # nothing new the 2nd time
    assert {s.id: s.size for s in corpus.story_list(reader)} == {"st-1": 1, "st-2": 1}

    # a3 joins ev-1 and the weaver merges st-2 into st-1 (rows of st-2 are rewritten)
    writer.add("a3", "ar", _vec(4, topic), "ev-1", "st-1", False, False, merged=["st-2"])
    stories = {s.id: s for s in corpus.story_list(reader)}
    assert set(stories) == {"st-1"} and stories["st-1"].size == 3
    assert dict(stories["st-1"].langs) == {"en": 1, "fr": 1, "ar": 1}
    assert corpus.story_ids == ["st-1", "st-1", "st-1"]
    scores = corpus.story_scores(reader, topic, "en")
    assert set(scores) == {"st-1"}


def test_headline_matches_the_story_reader(store):
    writer, reader = store
    topic = _vec(10)
    for i in range(6):
        writer.add(f"b{i}", "en", _vec(20 + i, topic), "ev-1", "st-1", i == 0, i == 0,
                   title=f"Headline number {i}")  # fmt: skip
    writer.add("c0", "de", _vec(40, topic), "ev-2", "st-1", True, False, title="Kleiner")
    corpus = Corpus(WeaveParams())
    stats = {s.id: s for s in corpus.story_list(reader)}["st-1"]
    assert corpus.headline(stats) == StoryReader(reader).story("st-1").headline


def test_incremental_centring_keeps_scores_comparable(store):
    writer, reader = store
    topics = [_vec(100 + t) for t in range(3)]
    n = 0
    for t, topic in enumerate(topics):
        for lang in ("en", "fr", "ar"):
            first = lang == "en"
            writer.add(f"x{n}", lang, _vec(200 + n, topic), f"ev-{t}", f"st-{t}", first, first)
            n += 1
    corpus = Corpus(WeaveParams())
    first = corpus.search(reader, topics[1], "en", limit=3)
    assert {h.story_id for h in first} == {"st-1"}
    assert {h.lang for h in first} == {"en", "fr", "ar"}  # every language, not just the query's

    writer.add("late", "fr", _vec(999, topics[2]), "ev-2", "st-2", False, False)
    hits = corpus.search(reader, topics[2], "en", limit=4)
    assert "late" in [h.id for h in hits] and {h.story_id for h in hits} == {"st-2"}
    fresh = Corpus(WeaveParams())
    again = {h.id: h.score for h in fresh.search(reader, topics[2], "en", limit=4)}
    for h in hits:  # appended rows use the frozen means: close to a full rebuild
        assert abs(h.score - again[h.id]) < 0.1

    only_ar = corpus.search(reader, topics[0], "en", lang="ar", limit=5)
    assert [h.lang for h in only_ar] == ["ar", "ar", "ar"] and only_ar[0].story_id == "st-0"
