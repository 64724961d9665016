"""Provenance between two articles: republication, translation, shared origin, independent."""

from __future__ import annotations

import numpy as np

from newsweave.enrich.credits import find_credits
from newsweave.enrich.provenance import ProvDoc, compare_pair, find_glosses, story_provenance

WIRE = [
    "A wildfire in the hills above Valdoria grew to more than 4,000 hectares on Tuesday, "
    "pushed east by strong winds.",
    "The fire destroyed about 60 homes and forced the evacuation of three villages.",
    "Since it started near a quarry on Saturday, the blaze has burned through pine forest "
    "and farmland.",
    "The regional fire service said 300 firefighters and six water-bombing planes were at work.",
]
OTHER = [
    "Residents of Valdoria spent a second night in a sports hall as smoke covered the town.",
    "Farmers said they had lost olive groves that their families tended for generations.",
    "Volunteers handed out blankets and bottled water at the school on the main square.",
    "Hotel owners cancelled reservations for the rest of the month.",
]


def doc(i, lang, sents, title="", source=None, credits=None, glosses=None):
    return ProvDoc(
        i,
        lang,
        title,
        list(sents),
        source or f"[{i}]",
        credits=credits or [],
        glosses=glosses or set(),
    )


def test_republication_is_found_from_words_alone():
    a = doc("a", "en", WIRE, "Valdoria fire spreads east")
    b = doc("b", "en", WIRE[:3] + ["An extra closing line written by the second outlet today."])
    link = compare_pair(a, b, None, None)
    assert link.relation == "republication"
    assert link.coverage >= 0.75
    assert len(link.passages) == 3


def test_independent_same_event_reports():
    link = compare_pair(doc("a", "en", WIRE), doc("c", "en", OTHER), None, None)
    assert link.relation == "independent"


def test_translation_needs_aligned_sentences_in_order():
    a = doc("en", "en", WIRE)
    b = doc("fr", "fr", [f"[fr] {s}" for s in WIRE])
    eye = np.eye(len(WIRE), 8, dtype=np.float32)
    link = compare_pair(a, b, eye, eye)
    assert link.relation == "translation"
    assert [(p.a_index, p.b_index) for p in link.passages] == [(i, i) for i in range(len(WIRE))]
    # the same vectors shuffled: aligned but out of order -> not a translation
    shuffled = eye[[3, 0, 2, 1]]
    link = compare_pair(a, b, eye, shuffled)
    assert link.relation != "translation"


def test_translation_with_the_real_encoder(encoder):
    from newsweave.enrich.sentvec import SentenceVectors

    # a translation of WIRE, written for this test
    fr = [
        "Un incendie dans les collines au-dessus de Valdoria s'est étendu mardi à plus de "
        "4 000 hectares, poussé vers l'est par des vents violents.",
        "Le feu a détruit une soixantaine de maisons et a forcé l'évacuation de trois villages.",
        "Depuis son départ près d'une carrière samedi, l'incendie a ravagé des forêts de pins "
        "et des terres agricoles.",
        "Les pompiers de la région ont indiqué que 300 pompiers et six avions bombardiers "
        "d'eau étaient à l'œuvre.",
    ]
    docs = [
        doc("en", "en", WIRE),
        doc("fr", "fr", fr),
        doc(
            "other",
            "de",
            [
                "Die Bewohner von Valdoria verbrachten eine zweite Nacht in einer Sporthalle.",
                "Landwirte sagten, sie hätten ihre alten Olivenhaine verloren.",
                "Freiwillige verteilten Decken und Wasser an der Schule am Hauptplatz.",
                "Hoteliers sagten Reservierungen für den Rest des Monats ab.",
            ],
        ),
    ]
    prov = story_provenance(docs, SentenceVectors(encoder))
    rel = {(lk.a, lk.b): lk.relation for lk in prov.links}
    assert rel[("en", "fr")] == "translation"
    assert rel[("en", "other")] == "independent"
    assert rel[("fr", "other")] == "independent"
    assert prov.independent_sources == 2


def test_glosses_and_credits_give_a_shared_origin():
    # the same gloss after two spellings of one (made-up) name, in two languages
    vi = "Người dân trở về hai khu phố Tell al-Qamar (Tal al-Kamar) và Harat al-Tin."
    en = "Families returned to Harat al-Tin, Tal al-Qamar (Tal al-Kamar) and Jisr al-Abyad."
    assert find_glosses(vi, "vi") == find_glosses(en, "en") == {"tlkmr (tal al-kamar)"}
    assert find_glosses("Bab Al-Sharqi Square (the East Gate) reopened.", "en") == set()
    a = doc(
        "vi",
        "vi",
        [vi],
        credits=find_credits("x\nTheo A / Farsnews"),
        glosses=find_glosses(vi, "vi"),
    )
    b = doc("en", "en", [en], source="FarsNews", glosses=find_glosses(en, "en"))
    link = compare_pair(a, b, None, None)
    assert link.relation == "shared-origin"
    assert link.direction == "b->a" and "credits" in link.direction_reason


def test_graph_json_and_dot():
    docs = [
        doc("a", "en", WIRE, credits=find_credits("WASHINGTON (Reuters) - x")),
        doc("b", "en", WIRE, credits=find_credits("WASHINGTON (Reuters) - x")),
        doc("c", "en", OTHER),
    ]
    prov = story_provenance(docs, None)
    assert prov.independent_sources == 2
    assert prov.origins[0] == "Reuters"
    g = prov.graph()
    assert {"from": "a", "to": "b"}.items() <= g["edges"][0].items()
    assert prov.dot().startswith("digraph provenance {")
    assert '"origin:Reuters"' in prov.dot()
