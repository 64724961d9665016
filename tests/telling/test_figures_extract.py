"""Figures: value, unit, qualifier and subject, in several languages."""

from __future__ import annotations

import numpy as np
import pytest

from newsweave.enrich.figures import FigurePoint, extract_figures, figure_series


def one(text: str, lang: str):
    figs = [f for f in extract_figures(text, lang, kinds=None) if f.kind != "date"]
    assert len(figs) == 1, [(f.text, f.kind) for f in figs]
    return figs[0]


@pytest.mark.parametrize(
    ("text", "lang", "value", "unit", "qualifier", "subject"),
    [
        (
            "L'armée est parvenue à libérer plus de 80 % de l'est de la ville.",
            "fr",
            80,
            "%",
            "over",
            "l'est de la ville",
        ),
        ("The army freed over 85% of the region.", "en", 85, "%", "over", "the region"),
        (
            "فقدوا ما يقرب من 90 % من المنطقة التى كانت تسيطر عليها",
            "ar",
            90,
            "%",
            "about",
            "المنطقة التى كانت تسيطر عليها",
        ),
        ("فيما خرج أكثر من 8 آلاف مدنى من الأحياء الشرقية", "ar", 8000, "person", "over", "مدنى"),
        ("At least three civilians lost their lives.", "en", 3, "person", "at least", "civilians"),
        ("squeezed in an area 6sq/km in size", "en", 6, "km²", None, "squeezed area"),
        ("Il a payé 2,5 millions d'euros.", "fr", 2_500_000, "EUR", None, "Il payé"),
        ("The fund manages US$1.2 trillion in assets.", "en", 1.2e12, "USD", None, "assets"),
        ("Hơn 1.500 người đã sơ tán.", "vi", 1500, "person", "over", "người"),
        ("约3万人参加了抗议。", "zh", 30000, "person", "about", "参加了抗议"),
        ("Mehr als 2.000 Menschen wurden evakuiert.", "de", 2000, "person", "over", "Menschen"),
        ("Unos 300 migrantes llegaron a la isla.", "es", 300, "person", "about", "migrantes"),
        ("Cerca de 40% dos eleitores votaram.", "pt", 40, "%", "about", "eleitores votaram"),
        ("Более 1300 человек были задержаны.", "ru", 1300, "person", "over", "человек"),
        ("a 13-year-old boy was hurt", "en", 13, "year", None, "boy"),
        ("Sekitar 20 persen penduduk", "id", 20, "%", "about", "penduduk"),
    ],
)
def test_extract(text, lang, value, unit, qualifier, subject):
    f = one(text, lang)
    assert f.value == pytest.approx(value)
    assert f.unit == unit
    assert f.qualifier == qualifier
    assert f.subject.replace("’", "'") == subject
    assert f.sentence == text


def test_not_figures():
    assert extract_figures("COVID-19 hit in 2020 at 3:00 am.", "en") == []
    assert [f.kind for f in extract_figures("On 7 December 2016 the army moved.", "en")] == ["date"]


def test_arabic_indic_digits():
    f = one("سيطر الجيش على ٨٥٪ من المدينة", "ar")
    assert (f.value, f.unit) == (85, "%")


def test_series_groups_same_measure_across_languages():
    """Figures whose context vectors agree become one series, ordered by date."""
    from datetime import UTC, datetime

    fr = extract_figures("L'armée a libéré plus de 80 % de l'est d'Alep.", "fr", "fr")[0]
    en = extract_figures("The army freed over 85% of eastern Aleppo.", "en", "en")[0]
    other = extract_figures("Inflation rose 3% in May.", "en", "x")[0]
    points = [
        FigurePoint(en, "B", datetime(2016, 12, 8, tzinfo=UTC)),
        FigurePoint(fr, "A", datetime(2016, 12, 7, tzinfo=UTC)),
        FigurePoint(other, "C", None),
    ]

    def fake_vectors(texts):  # same vector for the Aleppo clauses, another for inflation
        return np.array([[1.0, 0.0] if "Inflation" not in t else [0.0, 1.0] for t in texts])

    (series,) = figure_series(points, fake_vectors)
    assert series.values == [80.0, 85.0]
    assert [p.source for p in series.points] == ["A", "B"]
    assert series.changed
