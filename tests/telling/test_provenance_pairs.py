"""Provenance between two articles: republication, translation, shared origin, independent."""

from __future__ import annotations

import numpy as np

from newsweave.enrich.credits import find_credits
from newsweave.enrich.provenance import ProvDoc, compare_pair, find_glosses, story_provenance

WIRE = [
    "Hurricane Fiona strengthened to a powerful Category 4 storm on Wednesday, "
    "heading towards Bermuda.",
    "The storm knocked out power to most of Puerto Rico and killed at least eight people.",
    "After making landfall in Puerto Rico on Sunday, Fiona caused devastating flooding "
    "and landslides.",
    "The US National Hurricane Center said Fiona was packing winds of up to 130 miles per hour.",
]
OTHER = [
    "Residents of San Juan spent a third night without electricity as crews restored lines.",
    "Officials said it could take days before the grid is fully repaired across the island.",
    "Many families queued for water at distribution points set up by the National Guard.",
    "Tourism operators cancelled bookings for the coming week.",
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
    a = doc("a", "en", WIRE, "Fiona heads to Bermuda")
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

    fr = [
        "L'ouragan Fiona s'est renforcé mercredi en une puissante tempête de catégorie 4, "
        "en route vers les Bermudes.",
        "La tempête a privé d'électricité la majeure partie de Porto Rico et a tué au moins "
        "huit personnes.",
        "Après avoir touché terre à Porto Rico dimanche, Fiona a provoqué des inondations "
        "et des glissements de terrain dévastateurs.",
        "Le Centre national des ouragans des États-Unis a indiqué que Fiona soufflait des "
        "vents allant jusqu'à 130 miles par heure.",
    ]
    docs = [
        doc("en", "en", WIRE),
        doc("fr", "fr", fr),
        doc(
            "other",
            "de",
            [
                "Die Bewohner von San Juan verbrachten eine dritte Nacht ohne Strom.",
                "Behörden sagten, die Reparatur des Netzes könne Tage dauern.",
                "Viele Familien standen an Ausgabestellen der Nationalgarde für Wasser an.",
                "Reiseveranstalter sagten Buchungen für die kommende Woche ab.",
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
    vi = "Quân đội giành lại hai quận Bustan al-Qasr (Bustan al-Kaser) và al-Kelaseh."
    en = "Terrorists retreat towards al-Kalasa, Bostan al-Qasr (Bustan al-Kaser), al-Ansari."
    assert find_glosses(vi, "vi") == find_glosses(en, "en") == {"bstnksr (bustan al-kaser)"}
    assert find_glosses("Bab Al-Hadid Square (the Iron Gate) opened.", "en") == set()
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
