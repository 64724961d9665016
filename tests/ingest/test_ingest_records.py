"""The article schema: article_from_mapping, parse_published and language codes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from newsweave.ingest.records import article_from_mapping, normalize_lang, parse_published
from newsweave.model import Article, RecordError


def test_full_record() -> None:
    article = article_from_mapping(
        {
            "id": "es-001",
            "title": "Lluvias torrenciales en Valencia",
            "text": "Las lluvias caídas durante la noche provocaron inundaciones.",
            "lang": "ES",
            "published": "2024-10-30T08:15:00+01:00",
            "source": "Diario de Prueba",
            "url": "https://diario.example/lluvias",
            "extra": [1, 2, 3],
        },
        "data/a.jsonl:3",
    )
    assert article == Article(
        id="es-001",
        title="Lluvias torrenciales en Valencia",
        text="Las lluvias caídas durante la noche provocaron inundaciones.",
        lang="es",
        published=datetime(2024, 10, 30, 7, 15, tzinfo=UTC),
        source="Diario de Prueba",
        url="https://diario.example/lluvias",
        origin="data/a.jsonl:3",
    )


def test_int_id_is_converted_and_nulls_are_absent() -> None:
    article = article_from_mapping(
        {"id": 42, "text": "Текст статьи.", "title": None, "lang": None, "url": None}, "x:1"
    )
    assert (article.id, article.title, article.lang, article.url) == ("42", "", None, None)


def test_title_only_is_enough() -> None:
    assert article_from_mapping({"id": "t", "title": "标题"}, "x:1").text == ""


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"text": "hello"}, "missing required field 'id'"),
        ({"id": None, "text": "hello"}, "missing required field 'id'"),
        ({"id": "  ", "text": "hello"}, "field 'id' is empty"),
        ({"id": ["a"], "text": "hello"}, "field 'id' must be a string, got list"),
        ({"id": True, "text": "hello"}, "field 'id' must be a string, got bool"),
        ({"id": 1.5, "text": "hello"}, "field 'id' must be a string, got float"),
        ({"id": "a", "title": ["x"], "text": "t"}, "field 'title' must be a string, got list"),
        ({"id": "a", "text": {"body": "t"}}, "field 'text' must be a string, got dict"),
        ({"id": "a", "text": "t", "source": 3}, "field 'source' must be a string, got int"),
        ({"id": "a", "text": "t", "url": 3}, "field 'url' must be a string, got int"),
        ({"id": "a", "text": "", "title": ""}, "both 'text' and 'title' are empty"),
        ({"id": "a", "text": " \n", "title": None}, "both 'text' and 'title' are empty"),
        ({"id": "a", "text": "t", "lang": "english"}, "invalid 'lang' code: 'english'"),
        ({"id": "a", "text": "t", "lang": "xyz"}, "invalid 'lang' code: 'xyz'"),
        ({"id": "a", "text": "t", "lang": 7}, "field 'lang' must be a string, got int"),
        ({"id": "a", "text": "t", "published": "yesterday-ish"}, "invalid 'published' date"),
        ({"id": "a", "text": "t", "published": 1700000000}, "'published' must be a string"),
    ],
)
def test_bad_records(record: dict, reason: str) -> None:
    with pytest.raises(RecordError) as info:
        article_from_mapping(record, "data/x.jsonl:17")
    assert info.value.origin == "data/x.jsonl:17"
    assert reason in info.value.reason


def test_not_a_mapping() -> None:
    with pytest.raises(RecordError, match="must be an object, got list"):
        article_from_mapping(["id", "text"], "x:1")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-12-07", datetime(2016, 12, 7, tzinfo=UTC)),
        ("2016-12-07T10:30:00Z", datetime(2016, 12, 7, 10, 30, tzinfo=UTC)),
        ("2016-12-07T10:30:00+03:00", datetime(2016, 12, 7, 7, 30, tzinfo=UTC)),
        ("2016-12-07T01:30:00-05:00", datetime(2016, 12, 7, 6, 30, tzinfo=UTC)),
        ("2016-12-07T10:30:00", datetime(2016, 12, 7, 10, 30, tzinfo=UTC)),  # naive = UTC
        ("2016-12-07 10:30", datetime(2016, 12, 7, 10, 30, tzinfo=UTC)),
        ("20161207T103000Z", datetime(2016, 12, 7, 10, 30, tzinfo=UTC)),
        ("  2016-12-07  ", datetime(2016, 12, 7, tzinfo=UTC)),
        (date(2016, 12, 7), datetime(2016, 12, 7, tzinfo=UTC)),
        (datetime(2016, 12, 7, 10), datetime(2016, 12, 7, 10, tzinfo=UTC)),
        (None, None),
        ("", None),
    ],
)
def test_parse_published(value: object, expected: datetime | None) -> None:
    parsed = parse_published(value)
    assert parsed == expected
    if parsed is not None:
        assert parsed.utcoffset() is not None and parsed.utcoffset().total_seconds() == 0


@pytest.mark.parametrize(
    "value",
    ["yesterday", "yesterday-ish", "7 Dec 2016", "12/07/2016", "2016", "2016-12", "2016-13-45"],
)
def test_parse_published_refuses_non_iso(value: str) -> None:
    with pytest.raises(ValueError, match=r"invalid 'published' date: '"):
        parse_published(value)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "en"), ("EN", "en"), (" pt ", "pt"), ("eng", "en"), ("por", "pt"),
        ("spa", "es"), ("fra", "fr"), ("fre", "fr"), ("rus", "ru"), ("deu", "de"),
        ("slv", "sl"), ("ara", "ar"), ("zho", "zh"), ("vie", "vi"), ("msa", "ms"),
        ("ind", "id"), ("ENG", "en"), ("", None), (None, None),
    ],
)  # fmt: skip
def test_normalize_lang(code: str | None, expected: str | None) -> None:
    assert normalize_lang(code) == expected


@pytest.mark.parametrize("code", ["e", "en-US", "english", "qqq", "1a"])
def test_normalize_lang_refuses(code: str) -> None:
    with pytest.raises(ValueError, match="invalid 'lang' code"):
        normalize_lang(code)
