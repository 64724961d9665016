"""JSONL, JSON and CSV readers: good records all come through, bad ones are named."""

from __future__ import annotations

import json
from pathlib import Path

from newsweave.ingest import read_csv, read_json, read_jsonl, read_paths
from newsweave.model import Article, RecordError

GOOD = [
    {
        "id": "en-1",
        "title": "Parliament passes budget",
        "text": "The vote was close.",
        "lang": "en",
    },
    {
        "id": "es-1",
        "title": "El Congreso aprueba el presupuesto",
        "text": "La votación fue ajustada.",
    },
    {"id": 3, "text": "Парламент принял бюджет после долгих дебатов.", "lang": "rus"},
]


def split(items: list) -> tuple[list[Article], list[RecordError]]:
    return (
        [i for i in items if isinstance(i, Article)],
        [i for i in items if isinstance(i, RecordError)],
    )


def test_jsonl_mixed(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps(GOOD[0], ensure_ascii=False),
        "",
        '{"id": "bad-json", "text": "missing comma" "title": "x"}',
        json.dumps({"text": "no id here"}),
        json.dumps(GOOD[1], ensure_ascii=False),
        json.dumps({"id": "t", "title": ["not", "a", "string"], "text": "x"}),
        json.dumps({"id": "e", "text": "", "title": ""}),
        "[1, 2, 3]",
        json.dumps({"id": "d", "text": "x", "published": "yesterday-ish"}),
        json.dumps(GOOD[2], ensure_ascii=False),
        "   ",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, errors = split(list(read_jsonl(path)))
    assert [a.id for a in articles] == ["en-1", "es-1", "3"]
    assert [a.origin for a in articles] == [f"{path}:1", f"{path}:5", f"{path}:10"]
    assert articles[2].lang == "ru"
    got = {e.origin: e.reason for e in errors}
    assert got == {
        f"{path}:3": "invalid JSON: Expecting ',' delimiter (col 44)",
        f"{path}:4": "missing required field 'id'",
        f"{path}:6": "field 'title' must be a string, got list",
        f"{path}:7": "both 'text' and 'title' are empty",
        f"{path}:8": "line is not a JSON object (got array)",
        f"{path}:9": got[f"{path}:9"],
    }
    assert got[f"{path}:9"].startswith("invalid 'published' date: 'yesterday-ish'")


def test_jsonl_undecodable_line(tmp_path: Path) -> None:
    path = tmp_path / "enc.ndjson"
    path.write_bytes(
        b'{"id": "a", "text": "ok"}\n'
        + '{"id": "b", "text": "caf\u00e9"}'.encode("latin-1")
        + b'\n{"id": "c", "text": "\xc3\xa9t\xc3\xa9"}\n'
    )
    articles, errors = split(list(read_paths([path])))
    assert [a.id for a in articles] == ["a", "c"]
    assert articles[1].text == "été"
    assert len(errors) == 1
    assert errors[0].origin == f"{path}:2"
    assert "not valid UTF-8 text (byte 0xe9" in errors[0].reason


def test_jsonl_bom_and_long_line(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(
        b'\xef\xbb\xbf{"id": "a", "text": "first"}\n'
        + b'{"id": "big", "text": "'
        + b"x" * 5000
        + b'"}\n'
        + b'{"id": "c", "text": "third"}'
    )
    articles, errors = split(list(read_jsonl(path, max_line_bytes=1000)))
    assert [a.id for a in articles] == ["a", "c"]
    assert errors == [RecordError(f"{path}:2", "line too long: 5 kB (limit 1 kB)")]


def test_json_array(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    data = [GOOD[0], {"id": "x", "text": 5}, "not an object", GOOD[1]]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    articles, errors = split(list(read_json(path)))
    assert [a.id for a in articles] == ["en-1", "es-1"]
    assert articles[1].origin == f"{path}:item 4"
    assert errors == [
        RecordError(f"{path}:item 2", "field 'text' must be a string, got int"),
        RecordError(f"{path}:item 3", "item is not a JSON object (got string)"),
    ]


def test_json_articles_object_and_single(tmp_path: Path) -> None:
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"articles": GOOD, "next": None}), encoding="utf-8")
    assert [a.id for a in read_json(wrapped)] == ["en-1", "es-1", "3"]  # type: ignore[union-attr]
    single = tmp_path / "single.json"
    single.write_text(json.dumps(GOOD[1]), encoding="utf-8")
    [article] = read_json(single)
    assert isinstance(article, Article) and article.origin == str(single)
    bad = tmp_path / "bad-shape.json"
    bad.write_text(json.dumps({"articles": {"id": 1}}), encoding="utf-8")
    assert list(read_json(bad)) == [
        RecordError(str(bad), "'articles' must be an array, got object")
    ]


def test_malformed_json_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"id": "a", "text": "ok"},\n  {"id": "b", "text": }\n]', encoding="utf-8")
    assert list(read_json(path)) == [
        RecordError(str(path), "invalid JSON: Expecting value (line 3, col 23)")
    ]


def test_json_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.json"
    path.write_bytes('[{"id": "a", "text": "ok"},\n{"id": "b", "text": "Señor"}]'.encode("latin-1"))
    [error] = read_json(path)
    assert isinstance(error, RecordError)
    assert error.origin == str(path)
    assert "not valid UTF-8 text (byte 0xf1 at line 2)" in error.reason


def test_csv(tmp_path: Path) -> None:
    path = tmp_path / "articles.csv"
    path.write_text(
        "id, title ,text,lang,published,extra\n"
        'de-1,Bahnstreik,"Der Streik, der gestern begann, dauert an.",de,2024-03-07,zzz\n'
        "de-2,Zu viele,Felder,de,2024-03-07,a,b\n"
        '"fr-1","Grève des cheminots","Texte sur\ndeux lignes.",fra,,\n'
        "\n"
        ",Sans identifiant,Texte,fr,,\n"
        "vi-1,Bão số 3,Cơn bão gây mưa lớn.,vi,2024-09-07T10:00:00+07:00,\n"
        "short,row\n",
        encoding="utf-8",
    )
    articles, errors = split(list(read_csv(path)))
    assert [a.id for a in articles] == ["de-1", "fr-1", "vi-1"]
    assert [a.origin for a in articles] == [f"{path}:row 2", f"{path}:row 4", f"{path}:row 7"]
    assert articles[0].text == "Der Streik, der gestern begann, dauert an."
    assert articles[1].text == "Texte sur\ndeux lignes." and articles[1].lang == "fr"
    assert articles[1].published is None
    assert articles[2].published.isoformat() == "2024-09-07T03:00:00+00:00"  # type: ignore[union-attr]
    assert errors == [
        RecordError(f"{path}:row 3", "row has 7 fields, the header has 6"),
        RecordError(f"{path}:row 6", "missing required field 'id'"),
        RecordError(f"{path}:row 8", "row has 2 fields, the header has 6"),
    ]


def test_csv_without_id_column_and_not_utf8(tmp_path: Path) -> None:
    no_id = tmp_path / "noid.csv"
    no_id.write_text("title,text\nA,b\n", encoding="utf-8")
    assert list(read_csv(no_id)) == [
        RecordError(f"{no_id}:row 1", "CSV header has no 'id' column (columns: title, text)")
    ]
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id,text\na,ok\nb,Señor\n".encode("cp1252"))
    [error] = read_csv(latin)
    assert isinstance(error, RecordError) and error.origin == str(latin)
    assert "not valid UTF-8 text (byte 0xf1 at line 3" in error.reason
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert list(read_csv(empty)) == [RecordError(str(empty), "empty CSV file (no header row)")]
