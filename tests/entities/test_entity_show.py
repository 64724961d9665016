"""The story view lists its entities: ``newsweave show st-N`` (text and JSON) and
the web page's ``entities`` section, on the woven seeds."""

from __future__ import annotations

import json

from click.testing import CliRunner

from newsweave import Weaver
from newsweave.cli import main


def _seed_story(db, encoder) -> str:
    with Weaver(db=db, encoder=encoder) as w:
        return w.stories()[0].id


def test_show_story_lists_entities_json(seeded_db, encoder):
    story = _seed_story(seeded_db, encoder)
    out = CliRunner().invoke(main, ["show", story, "--db", str(seeded_db), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    by_name = {e["name"]: e for e in data["entities"]}
    bustan = by_name["Bustan al-Qasr"]
    assert bustan["type"] == "place" and bustan["variants"] >= 4
    assert {"vi", "en", "fr", "ar"} <= set(bustan["languages"])
    assert by_name["Aleppo"]["articles"] >= 3
    assert all({"id", "name", "type", "variants", "languages", "articles"} <= set(e) for e in
               data["entities"])  # fmt: skip


def test_show_story_lists_entities_text(seeded_db, encoder):
    story = _seed_story(seeded_db, encoder)
    out = CliRunner().invoke(main, ["show", story, "--db", str(seeded_db)])
    assert out.exit_code == 0, out.output
    head = out.output.split("\n  ev-")[0]  # the story header, before its events
    assert "entities (" in head and "Bustan al-Qasr" in head and "variants;" in head


def test_show_event_has_no_entity_list(seeded_db, encoder):
    with Weaver(db=seeded_db, encoder=encoder) as w:
        event = w.stories()[0].events[0].id
    out = CliRunner().invoke(main, ["show", event, "--db", str(seeded_db), "--json"])
    assert out.exit_code == 0, out.output
    assert "entities" not in json.loads(out.output)


def test_web_page_entities_section_uses_story_entities(seeded_db, encoder):
    from newsweave.serve import sections

    provider = sections._section_function("entities")
    assert provider is not None and provider.__name__ == "story_entities"
    with Weaver(db=seeded_db, encoder=encoder) as w:
        story = w.stories()[0]
        found, notes = sections.story_sections(story, w.store, only=("entities",))
    assert not notes, notes
    names = {e["name"] for e in found["entities"]}
    assert {"Bustan al-Qasr", "Aleppo", "Sheikh Saeed"} <= names
