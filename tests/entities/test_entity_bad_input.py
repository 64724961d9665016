"""Bad input: no crash and no garbage entity."""

from __future__ import annotations

import pytest

from newsweave import Article, Weaver
from newsweave.enrich.entities import extract_mentions, list_entities
from newsweave.enrich.entity_linking import link_key, same_entity

BAD = [
    "",
    "   \n\t ",
    "ქართული ენა თბილისში",  # Georgian: a script no rule knows
    "กรุงเทพมหานคร ประเทศไทย",  # Thai
    "A" + "b" * 5000,  # a 5,000-letter "name"
    "Muniandy打官司 Алеппоحلب Tokyo東京",  # mixed scripts in one token
    "\x00\x01\x02 \ufffd\ufffd",
    "12345 67890 !!! ???",
    "al - - - al ' ' ' al-",
    " ".join(["Xyz"] * 3000),
]


@pytest.mark.parametrize("text", BAD)
def test_no_crash_no_garbage(text):
    for lang in (None, "en", "ar", "vi", "zh", "und"):
        for m in extract_mentions(text[:200], text, lang):
            assert m.key and m.type in ("person", "org", "place")
            assert len(m.text) <= 80 and text[m.start : m.end] == m.text
            letters = [c for c in m.text if c.isalpha()]
            assert len(letters) >= 2


def test_mixed_script_token_is_cut():
    ms = extract_mentions("", "Mr Muniandy打官司 in Singapore.", "zh")
    assert [m.text for m in ms][:1] == ["Muniandy"]


def test_long_names_and_empty_links():
    assert link_key("") == "" and link_key("x" * 500) == ""
    assert not same_entity("", None, "", None)
    assert extract_mentions("", "Abdullah " + "Xyzzy " * 40 + "spoke.", "en") == [] or all(
        len(m.text.split()) <= 8 for m in extract_mentions("", "Abdullah " + "Xyzzy " * 40, "en")
    )


def test_store_with_bad_articles(tmp_path, hash_encoder):
    with Weaver(db=tmp_path / "b.db", encoder=hash_encoder) as w:
        w.add(Article(id="g", text="ქართული ენა თბილისში", lang="ka"))
        w.add(Article(id="t", title="12345", text="!!! ???"))
        w.add(Article(id="m", text="Tokyo東京Токио visited " + "Q" * 300 + " Zyx" * 200))
        for e in list_entities(w.store):
            assert e.type in ("person", "org", "place")
            assert all(len(t) <= 80 for t, _, _ in e.variants)
