"""The alias signals added for recall: country initialisms, a country with its
capital, first names and family-first names, Chinese transcriptions, acronyms
and their expansions; pairwise (``same_entity``) and in the store."""

from __future__ import annotations

import pytest

from newsweave import Article, Weaver
from newsweave.enrich.entities import EntityEnricher, find_entity
from newsweave.enrich.entity_linking import same_entity
from newsweave.names.gazetteer import lookup_place


@pytest.mark.parametrize("name", ["USA", "US", "EEUU", "EE. UU.", "EUA", "ZDA", "США"])
def test_country_initialisms_resolve_from_bundled_names(name):
    place = lookup_place(name)
    assert place is not None and place.country_code == "US" and place.kind == "country"


def test_initialisms_are_case_sensitive_and_unambiguous():
    assert lookup_place("UAE").country_code == lookup_place("ОАЭ").country_code == "AE"
    assert lookup_place("UK").country_code == "GB"
    assert lookup_place("SA") is None  # Saudi Arabia or South Africa: not said
    assert lookup_place("EU") is None  # the Spanish initials of Estados Unidos are not taken
    usa = lookup_place("usa")  # the word, not the initialism
    assert usa is None or usa.country_code != "US"


def test_country_written_with_its_capital():
    assert lookup_place("Guiné-Conacri").country_code == "GN"
    assert lookup_place("Congo-Brazzaville").country_code == "CG"
    assert lookup_place("Congo-Kinshasa").country_code == "CD"
    assert lookup_place("Guinea-Bissau").country_code == "GW"  # a country of its own


@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        ("Luka", "en", "Luka Doncic", "es"),
        ("Encik Gan", "ms", "Gan Kim Yong", "ms"),
        ("Encik Modi", "ms", "Perdana Menteri India Narendra Modi", "ms"),
        ("帕特尔", "zh", "Bhupendra Patel", "en"),
        ("西塔拉曼", "zh", "Nirmala Sitharaman", "ms"),
        ("古吉拉特", "zh", "Gujarat", "en"),
        ("ISMR", "en", "India-Singapore Ministerial Roundtable", "en"),
        ("al-Muhaysini", "en", "Abdullah Muhammad al-Muhaysini", "en"),
    ],
)
def test_linked(a, la, b, lb):
    assert same_entity(a, la, b, lb)
    assert same_entity(b, lb, a, la)


@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        ("帕特尔", "zh", "Putin", "en"),
        ("西塔拉曼", "zh", "Singapore", "en"),
        ("普京", "zh", "Bhupendra Patel", "en"),
        ("ISMR", "en", "India-Singapore Maritime Exercise", "en"),
        ("Luka", "en", "Goran Dragic", "en"),
        ("Patel", "en", "Piyush Goyal", "en"),
    ],
)
def test_not_linked(a, la, b, lb):
    assert not same_entity(a, la, b, lb)


def _store(hash_encoder, texts):
    w = Weaver(db=":memory:", encoder=hash_encoder, enrichers=[EntityEnricher()])
    for i, (text, lang) in enumerate(texts):
        w.add(Article(id=f"a{i}", title="", text=text, lang=lang))
    return w


def test_store_links_first_name_only_with_one_bearer(hash_encoder):
    w = _store(
        hash_encoder,
        [
            ("Slovenian guard Luka Doncic scored 48 points in Saitama.", "en"),
            ("Coach Sergio Scariolo said Luka was the best player of the night.", "en"),
        ],
    )
    luka = find_entity(w.store, "Luka Doncic")
    assert luka is not None and "Luka" in {v[0] for v in luka.variants}
    w.close()
    w = _store(
        hash_encoder,
        [
            ("Slovenian guard Luka Doncic scored 48 points in Saitama.", "en"),
            ("Croatian captain Luka Modric played ninety minutes in Split.", "en"),
            ("Coach Sergio Scariolo said Luka was the best player of the night.", "en"),
        ],
    )
    for full in ("Luka Doncic", "Luka Modric"):
        e = find_entity(w.store, full)
        assert e is not None and "Luka" not in {v[0] for v in e.variants}
    w.close()


_SHARED = (
    " Singapore and India signed trade and investment agreements in New Delhi on Monday"
    " after two days of talks on energy, food security, fintech and green hydrogen."
)


def test_store_links_transcription_and_acronym_within_a_story(hash_encoder):
    w = _store(
        hash_encoder,
        [
            ("Chief Minister Bhupendra Patel said Singapore firms were welcome." + _SHARED, "en"),
            ("首席部长帕特尔表示，该邦将欢迎新加坡投资。" + _SHARED, "zh"),
            ("Ministers met at the India-Singapore Ministerial Roundtable." + _SHARED, "en"),
            ("Ministers at the ISMR agreed to deepen trade." + _SHARED, "en"),
        ],
    )
    assert len({w.placement(f"a{i}").story_id for i in range(4)}) == 1  # one story
    patel = find_entity(w.store, "帕特尔")
    assert patel is not None and "Bhupendra Patel" in {v[0] for v in patel.variants}
    ismr = find_entity(w.store, "ISMR")
    assert ismr is not None
    assert "India-Singapore Ministerial Roundtable" in {v[0] for v in ismr.variants}
    w.close()


def test_store_needs_the_same_story_for_a_transcription(hash_encoder):
    from datetime import UTC, datetime

    w = Weaver(db=":memory:", encoder=hash_encoder, enrichers=[EntityEnricher()])
    en = "Chief Minister Bhupendra Patel said Singapore firms were welcome." + _SHARED
    zh = "首席部长帕特尔表示，该邦将欢迎外国投资。"
    # two months apart: no story spans them
    w.add(Article(id="a0", text=en, lang="en", published=datetime(2022, 1, 3, tzinfo=UTC)))
    w.add(Article(id="a1", text=zh, lang="zh", published=datetime(2022, 3, 3, tzinfo=UTC)))
    assert w.placement("a0").story_id != w.placement("a1").story_id
    patel = find_entity(w.store, "帕特尔")
    assert patel is not None and "Bhupendra Patel" not in {v[0] for v in patel.variants}
    w.close()
