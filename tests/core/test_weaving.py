"""Weaving on real and realistic articles through the Python API."""

from __future__ import annotations

from collections import defaultdict

import pytest

from newsweave import Article, Weaver
from newsweave.ingest import read_paths


@pytest.fixture()
def weaver(tmp_path, encoder):
    w = Weaver(db=tmp_path / "t.db", encoder=encoder)
    yield w
    w.close()


def _story_of_files(w: Weaver) -> dict[str, set[str]]:
    groups = defaultdict(set)
    for s in w.stories():
        for a in s.articles:
            groups[s.id].add(a.id.split("-")[0])
    return groups


def test_examples_form_four_multilingual_stories(weaver, examples_dir):
    report = weaver.add_many(read_paths([examples_dir]))
    assert report.ok and report.added == 21
    stories = weaver.stories()
    by_topic = defaultdict(set)
    for s in stories:
        for a in s.articles:
            by_topic[a.id.split("-")[0]].add(s.id)
    # every topic lands in exactly one story, and no story mixes topics
    assert all(len(ids) == 1 for ids in by_topic.values()), by_topic
    assert len(stories) == 4
    quake = next(s for s in stories if any(a.id.startswith("quake") for a in s.articles))
    assert set(quake.languages) >= {"en", "fr", "es", "ar", "vi"}
    # the dated wildfire reports of three days, in five languages, form one story
    fire = next(s for s in stories if any(a.id.startswith("fire") for a in s.articles))
    assert fire.size == 8 and set(fire.languages) == {"en", "pt", "es", "fr", "de"}
    assert (fire.last_seen - fire.first_seen).days == 2


def test_seeds_are_one_story_with_evidence(weaver, seeds_dir):
    report = weaver.add_many(read_paths([seeds_dir]))
    assert report.ok and report.added == 5
    stories = weaver.stories()
    assert len(stories) == 1
    story = stories[0]
    assert story.size == 5
    assert set(story.languages) == {"vi", "en", "ar", "fr"}
    # every article but the first was placed by evidence that names its signals
    explained = 0
    for a in story.articles:
        p = weaver.placement(a.id)
        ev = p.event_evidence if not p.new_event else p.story_evidence
        if ev is not None:
            explained += 1
            assert ev.score >= ev.threshold
            assert set(ev.signals) >= {"emb_centroid", "names_share", "log_hours_gap"}
    assert explained == 4


def test_ids_are_stable_when_more_articles_arrive(weaver, examples_dir):
    files = sorted(examples_dir.glob("*.txt"))
    weaver.add_many(read_paths(files[:6]))
    before = {a: weaver.placement(a).event_id for a in (f.stem for f in files[:6])}
    weaver.add_many(read_paths(files[6:]))
    for article_id, event_id in before.items():
        now = weaver.placement(article_id)
        # a placement is never rewritten; a merged event resolves to its survivor
        assert now.event_id == event_id
        assert weaver.event(event_id).id in {event_id} | {
            m["survivor"] for m in weaver.store.merges(event_id)
        }


def test_reopening_a_store_continues_where_it_stopped(tmp_path, encoder, examples_dir):
    files = sorted(examples_dir.glob("quake-*.txt"))
    with Weaver(db=tmp_path / "r.db", encoder=encoder) as w:
        w.add_many(read_paths(files[:3]))
        first = w.placement(files[0].stem).story_id
    with Weaver(db=tmp_path / "r.db", encoder=encoder) as w:
        report = w.add_many(read_paths(files[3:]))
        assert report.added == len(files) - 3
        assert {w.placement(f.stem).story_id for f in files} == {first}


def test_same_article_twice_is_stored_once(weaver):
    a = Article(id="x1", title="Flood closes the A7 motorway near Lyon", text="Heavy rain ...")
    first = weaver.add(a)
    again = weaver.add(a)
    assert again.duplicate_of == "x1" and again.event_id == first.event_id
    copy = Article(id="x2", title=a.title, text="Heavy  rain ...")
    assert weaver.add(copy).duplicate_of == "x1"
    assert weaver.store.count_articles() == 1


def test_unusable_article_raises_a_record_error(weaver):
    from newsweave import RecordError

    with pytest.raises(RecordError, match="no text left"):
        weaver.add(Article(id="e", title="   ", text="\u200b", origin="feed.xml:item 2"))
    assert weaver.store.count_articles() == 0
