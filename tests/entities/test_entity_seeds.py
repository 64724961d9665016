"""Entities on the five Aleppo seeds: the target groups, no mixed places, the API."""

from __future__ import annotations

import pytest

from newsweave import Article, Weaver
from newsweave.enrich.entities import (
    Entity,
    article_mentions,
    find_entity,
    list_entities,
    story_entities,
)

# issue #3: each group must be one entity, with variants from every seed naming it
TARGETS = {
    "Bustan al-Qasr": ["Bustan al-Qasr", "Bustan al-Kaser", "Boustan al-Qasr",
                       "Bostan al-Qasr", "بستان القصر", "Bustan al - Qasr"],
    "Sheikh Saeed": ["Sheikh Saeed", "Cheikh Saïd", "al-Sheikh Saeed", "الشيخ سعيد"],
    "al-Kelaseh": ["al-Kelaseh", "al-Kalasa", "الكلاسة"],
    "Bab al-Hadid": ["Bab al-Hadid", "باب الحديد"],
    "Karam al-Da'da": ["Karam al-Da'da", "Karm al-Deada", "كرم الدعدع"],
    "Jeish al-Fatah": ["Jeish al-Fatah"],
    "Hezbollah": ["Hezbollah"],
}  # fmt: skip


@pytest.fixture(scope="module")
def seeded(seeded_db, encoder):
    w = Weaver(db=seeded_db, encoder=encoder)
    yield w
    w.close()


def _seeds_with(w: Weaver, texts: list[str]) -> set[str]:
    marks = ",".join("?" * len(texts))
    rows = w.store.db.execute(
        f"SELECT DISTINCT article_id FROM entity_mentions WHERE text IN ({marks})", texts
    ).fetchall()
    return {r[0] for r in rows}


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_target_groups_are_one_entity(seeded, name):
    variants = TARGETS[name]
    ids = {find_entity(seeded.store, v).id for v in variants}
    assert len(ids) == 1, (name, ids)
    e = find_entity(seeded.store, variants[0])
    texts = {t for t, _, _ in e.variants}
    assert set(variants) <= texts, (name, texts)
    # every seed that writes one of the variants is counted in the entity
    seeds = _seeds_with(seeded, sorted(texts))
    assert e.articles == len(seeds)


def test_no_entity_mixes_two_places(seeded):
    saeed = find_entity(seeded.store, "Sheikh Saeed")
    assert find_entity(seeded.store, "Sheikh Lutfi").id != saeed.id
    hadid = find_entity(seeded.store, "Bab al-Hadid")
    for other in ("Bab al-Nasr", "Bab al-Maqam", "Bab an-Nayrab"):
        assert find_entity(seeded.store, other).id != hadid.id
    qasr = find_entity(seeded.store, "Bustan al-Qasr")
    assert find_entity(seeded.store, "al-Qassr").id != qasr.id
    assert find_entity(seeded.store, "ISIL").id != find_entity(seeded.store, "al-Asila").id
    # no entity holds two different target names
    for e in list_entities(seeded.store):
        hits = {n for n, vs in TARGETS.items() if any(t in vs for t, _, _ in e.variants)}
        assert len(hits) <= 1, (e.name, hits)


def test_types_and_places(seeded):
    assert find_entity(seeded.store, "Bustan al-Qasr").type == "place"
    assert find_entity(seeded.store, "Jeish al-Fatah").type == "org"
    assert find_entity(seeded.store, "Hezbollah").type == "org"
    assert find_entity(seeded.store, "Wael al-Muhssin").type == "person"
    aleppo = find_entity(seeded.store, "Алеппо")  # Cyrillic, not in the seeds: exonym
    assert aleppo.name == "Aleppo" and aleppo.geonameid == 170063
    assert abs(aleppo.lat - 36.2) < 0.1 and abs(aleppo.lon - 37.16) < 0.1
    assert {"en", "fr", "ar", "vi"} <= set(aleppo.languages)
    assert find_entity(seeded.store, "Sheikh Saeed").lat is None  # GeoNames has no district


def test_story_entities_and_listing(seeded):
    story = seeded.stories()[0]
    ents = story_entities(seeded.store, story.id)
    assert ents and all(isinstance(e, Entity) for e in ents)
    assert story.id in ents[0].stories
    names = [e.name for e in ents[:8]]
    assert "Aleppo" in names and "Bustan al-Qasr" in names
    places = list_entities(seeded.store, type="place")
    assert places and all(e.type == "place" for e in places)
    with pytest.raises(ValueError):
        list_entities(seeded.store, type="event")
    assert find_entity(seeded.store, ents[0].id).id == ents[0].id
    assert find_entity(seeded.store, "no such name at all") is None
    d = ents[0].as_dict()
    assert {"id", "name", "type", "variants", "stories", "lat", "lon"} <= set(d)


def test_offsets_point_into_the_original_fields(seeded):
    rows = seeded.store.db.execute("SELECT id, title, text FROM articles").fetchall()
    checked = 0
    for r in rows:
        for m, ent in article_mentions(seeded.store, r["id"]):
            source = r["title"] if m.field == "title" else r["text"]
            assert source[m.start : m.end] == m.text
            assert ent.startswith("ent-")
            checked += 1
    assert checked > 300


def test_hezbollah_across_scripts(tmp_path, hash_encoder):
    with Weaver(db=tmp_path / "h.db", encoder=hash_encoder) as w:
        w.add(Article(id="en", text="Hezbollah fighters entered the town of Qusayr.", lang="en"))
        w.add(Article(id="ar", text="أعلن حزب الله أن مقاتليه دخلوا البلدة.", lang="ar"))
        e = find_entity(w.store, "حزب الله")
        assert e is not None and {t for t, _, _ in e.variants} == {"Hezbollah", "حزب الله"}
        assert e.type == "org"
