"""Optional story sections: found when a provider exists, absent otherwise, never fatal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import pytest

from newsweave.model import Article, Event, Story
from newsweave.serve import sections


@pytest.fixture
def story() -> Story:
    a = Article(id="a1", title="Army retakes Sheikh Saeed", lang="en",
                published=datetime(2016, 12, 7, tzinfo=UTC))  # fmt: skip
    event = Event("ev-1", "st-1", a.title, [a], ["en"], [], a.published, a.published)
    return Story("st-1", a.title, [event], ["en"], [], a.published, a.published)


@pytest.fixture
def no_modules(monkeypatch):
    monkeypatch.setattr(sections, "_module", lambda name: None)
    yield
    for name in sections.SECTIONS:
        sections.unregister(name)


def test_no_provider_no_section(story, no_modules):
    found, notes = sections.story_sections(story, store=None)
    assert found == {} and notes == {}
    assert sections.available() == {}


def test_registered_providers_and_argument_injection(story, no_modules):
    seen = {}

    def figures(story_id, articles, lang=None):
        seen["args"] = (story_id, [a.id for a in articles], lang)
        return [{"value": np.float32(80.0), "unit": "%", "when": datetime(2016, 12, 7)}]

    def summary(story):
        return ""  # empty: the section is left out

    sections.register("figures", figures)
    sections.register("summary", summary)
    found, notes = sections.story_sections(story, store=None, lang="fr")
    assert seen["args"] == ("st-1", ["a1"], "fr")
    assert found == {"figures": [{"value": 80.0, "unit": "%", "when": "2016-12-07T00:00:00"}]}
    assert notes == {}


def test_a_failing_provider_is_a_note_not_an_error(story, no_modules):
    def provenance(story):
        raise RuntimeError("boom")

    sections.register("provenance", provenance)
    sections.register("coverage", lambda story: {"languages": ["en"]})
    found, notes = sections.story_sections(story, store=None)
    assert found == {"coverage": {"languages": ["en"]}}
    assert notes == {"provenance": "RuntimeError: boom"}


def test_tell_story_facade_fills_several_sections(story, monkeypatch):
    @dataclass
    class Told:
        summary: str
        figures: list
        provenance: dict
        timeline: list

    class Module:
        @staticmethod
        def tell_story(story, lang=None):
            return Told("The army took the district.", [{"value": 85}], {"independent": 1}, [])

    monkeypatch.setattr(
        sections, "_module", lambda name: Module if name == "newsweave.enrich.tell" else None
    )
    found, _ = sections.story_sections(story, store=None)
    assert found == {
        "summary": "The army took the district.",
        "figures": [{"value": 85}],
        "provenance": {"independent": 1},
    }  # an empty timeline is left out


def test_providers_needing_unknown_arguments_are_skipped(story, monkeypatch):
    class Module:
        @staticmethod
        def tell_story(docs, vectors):  # not a story-level provider
            raise AssertionError("must not be called")

        @staticmethod
        def story_entities(story, model):
            raise AssertionError("must not be called")

    monkeypatch.setattr(sections, "_module", lambda name: Module)
    found, notes = sections.story_sections(story, store=None)
    assert found == {} and notes == {}


def test_results_are_cached_per_story_state(story, no_modules):
    calls = []
    sections.register("coverage", lambda story_id: calls.append(story_id) or {"n": len(calls)})
    first = sections.story_sections(story, None, key=(1, 10))
    again = sections.story_sections(story, None, key=(1, 10))
    changed = sections.story_sections(story, None, key=(2, 11))
    assert first == again and len(calls) == 2 and changed[0]["coverage"] == {"n": 2}


@pytest.mark.parametrize(
    ("entity", "point"),
    [
        ({"name": "Aleppo", "lat": 36.2, "lon": 37.16}, [37.16, 36.2]),
        ({"name": "Aleppo", "latitude": "36.2", "longitude": "37.16"}, [37.16, 36.2]),
        ({"canonical": "Aleppo", "coordinates": [37.16, 36.2]}, [37.16, 36.2]),
        ({"label": "Aleppo", "geo": {"type": "Point", "coordinates": [37.16, 36.2]}},
         [37.16, 36.2]),
        ({"name": "Aleppo", "location": {"lat": 36.2, "lng": 37.16}}, [37.16, 36.2]),
        ({"name": "Aleppo", "coords": [36.2, 37.16]}, [37.16, 36.2]),
        ({"name": "Nowhere", "lat": None, "lon": None}, None),
        ({"name": "Bad", "lat": 123.0, "lon": 10.0}, None),
        ({"name": "NaN", "lat": float("nan"), "lon": 10.0}, None),
        ({"lat": 1.0, "lon": 2.0}, None),  # no name
    ],
)  # fmt: skip
def test_places_from_any_entity_shape(entity, point):
    found = sections.places({"places": [entity]})
    if point is None:
        assert found == []
    else:
        assert found[0]["geometry"] == {"type": "Point", "coordinates": point}
        assert found[0]["type"] == "Feature"


def test_feature_collection_notes():
    empty = sections.feature_collection([], have_entities=False)
    assert empty["features"] == [] and "not installed" in empty["note"]
    assert "no place" in sections.feature_collection([], have_entities=True)["note"]


def test_read_only_store_cannot_write(tmp_path, encoder):
    import sqlite3

    from newsweave.pipeline import Weaver
    from newsweave.serve.readstore import ReaderPool, ReadOnlyStore

    db = tmp_path / "ro.db"
    with Weaver(db=db, encoder=encoder) as w:
        w.add(Article(id="1", title="Earthquake of magnitude 6 hits eastern Turkey", lang="en"))
    pool = ReaderPool(db, size=2)
    with pool.reader() as store:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.db.execute("DELETE FROM articles")
        with store.snapshot():
            assert store.count_articles() == 1
    pool.close()
    with pytest.raises(FileNotFoundError):
        ReadOnlyStore(tmp_path / "missing.db")


@pytest.mark.slow
def test_real_providers_through_the_server(http):
    """With the real entities and told-story modules (slow: they embed every sentence)."""
    import json

    story_id = http.get("/api/articles/quake-ar-1").json()["story_id"]
    r = http.get(f"/api/stories/{story_id}/sections", params={"wait": 120})
    assert r.status_code == 200
    body = r.json()
    assert body["ready"] and set(body["sections"]) <= set(sections.SECTIONS)
    json.dumps(body)
    page = http.get(f"/api/stories/{story_id}").json()
    assert page.get("sections") == body["sections"]
