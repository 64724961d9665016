"""Dates written in text, and article dates estimated from them across a story."""

from __future__ import annotations

from datetime import UTC, datetime

from newsweave.enrich.dates import find_dates, resolve_article_dates


def test_find_full_dates_in_many_languages():
    cases = {
        ("ce mercredi 7 décembre 2016", "fr"): (7, 12, 2016),
        ("el 7 de diciembre de 2016", "es"): (7, 12, 2016),
        ("am 7. Dezember 2016", "de"): (7, 12, 2016),
        ("7 декабря 2016 года", "ru"): (7, 12, 2016),
        ("7 ديسمبر 2016", "ar"): (7, 12, 2016),
        ("2016年12月7日消息", "zh"): (7, 12, 2016),
        ("ngày 7/12/2016", "vi"): (7, 12, 2016),
        ("On December 7, 2016, the army", "en"): (7, 12, 2016),
    }
    for (text, lang), (d, m, y) in cases.items():
        found = [f for f in find_dates(text, lang) if f.kind == "full"]
        assert [(f.day, f.month, f.year) for f in found] == [(d, m, y)], text


def test_partial_dates_and_weekdays():
    assert [(f.kind, f.day, f.month) for f in find_dates("Vào sáng sớm ngày 12-12", "vi")] == [
        ("day-month", 12, 12)
    ]
    (wd,) = find_dates("قال المصدر اليوم الاثنين", "ar")
    assert (wd.kind, wd.weekday, wd.today) == ("weekday", 0, True)


def test_resolution_uses_the_story_anchors():
    items = [
        ("fr", None, find_dates("ce mercredi 7 décembre 2016", "fr")),
        ("vi", None, find_dates("Vào sáng sớm ngày 12-12", "vi")),
        ("en", None, find_dates("fierce clashes on Thursday", "en")),
        ("ar", None, find_dates("اليوم الاثنين", "ar")),
        ("pub", datetime(2016, 12, 9, 8, tzinfo=UTC), []),
        ("none", None, []),
    ]
    got = resolve_article_dates(items)
    assert got["fr"].when.date().isoformat() == "2016-12-07"
    assert got["fr"].how == "text:full"
    assert got["vi"].when.date().isoformat() == "2016-12-12"
    assert got["en"].when.date().isoformat() == "2016-12-08"
    assert got["ar"].when.date().isoformat() == "2016-12-12"
    assert got["pub"].how == "published"
    assert got["none"].when is None


def test_weekday_alone_gives_no_date():
    got = resolve_article_dates([("x", None, find_dates("on Thursday", "en"))])
    assert got["x"].when is None
