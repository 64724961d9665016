"""Numbers in any notation: separators by language, Arabic-Indic digits, scale and number words."""

from __future__ import annotations

import pytest

from newsweave.enrich.numbers import find_numbers, normalize_digits


def values(text: str, lang: str | None) -> list[float]:
    return [m.value for m in find_numbers(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("1,500 people and 3.5 km", "en", [1500, 3.5]),
        ("1.500 người, 2,5 triệu đồng", "vi", [1500, 2_500_000]),
        ("plus de 2,5 millions de personnes", "fr", [2_500_000]),
        ("20 000 habitants", "fr", [20000]),
        ("4,5 Mio. Euro", "de", [4_500_000]),
        ("2 млн человек", "ru", [2_000_000]),
        ("3 mil pessoas", "pt", [3000]),
        ("mil millones", "es", []),
        ("خرج أكثر من 8 آلاف مدني", "ar", [8000]),
        ("١٢٫٥ %", "ar", [12.5]),
        ("约3万人，百分之九十，215名战俘", "zh", [30000, 90, 215]),
        ("US$1.2 trillion", "en", [1.2e12]),
        ("three civilians and twenty-five soldiers", "en", [3, 25]),
        ("1,234.5 and 1.234,5", "en", [1234.5, 1234.5]),
    ],
)
def test_values(text, lang, expected):
    assert values(text, lang) == pytest.approx(expected)


def test_spans_point_into_original_text():
    text = "خرج ٨ آلاف مدني"
    (m,) = find_numbers(text, "ar")
    assert text[m.start : m.end] == m.text == "٨ آلاف"
    assert len(normalize_digits(text)) == len(text)
