"""Exports (JSONL, CSV, Parquet, GeoJSON) through the API and ``newsweave export``."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

import pytest

from newsweave import export as exporting
from newsweave.serve import sections

pytestmark = pytest.mark.usefixtures("serve_deps")


def _story(http, article_id: str = "quake-ar-1") -> dict:
    story_id = http.get(f"/api/articles/{article_id}").json()["story_id"]
    return http.get(f"/api/stories/{story_id}", params={"sections": "none"}).json()


def _export(http, story_id: str, fmt: str):
    r = http.get(f"/api/stories/{story_id}/export", params={"format": fmt})
    assert r.status_code == 200, r.text[:300]
    assert f'filename="{story_id}.' in r.headers["content-disposition"]
    return r


def test_jsonl_has_one_row_per_article(http):
    story = _story(http)
    r = _export(http, story["id"], "jsonl")
    assert r.headers["content-type"].startswith("application/x-ndjson")
    rows = [json.loads(line) for line in r.text.splitlines()]
    assert len(rows) == story["size"]
    assert {row["id"] for row in rows} == {a["id"] for a in story["articles"]}
    assert all(list(row) == list(exporting.COLUMNS) for row in rows)
    arabic = next(row for row in rows if row["id"] == "quake-ar-1")
    assert arabic["lang"] == "ar" and "زلزال" in arabic["text"]
    assert arabic["story_id"] == story["id"] and arabic["event_id"].startswith("ev-")


def test_csv_round_trips_text(http):
    story = _story(http)
    r = _export(http, story["id"], "csv")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8"), newline="")))
    assert len(rows) == story["size"]
    assert list(rows[0]) == list(exporting.COLUMNS)
    jsonl = {
        json.loads(x)["id"]: json.loads(x)
        for x in _export(http, story["id"], "jsonl").text.splitlines()
    }
    for row in rows:
        assert row["text"] == jsonl[row["id"]]["text"]  # newlines and Arabic survive
        assert row["title"] == jsonl[row["id"]]["title"]


def test_parquet_holds_the_same_table(http):
    pq = pytest.importorskip("pyarrow.parquet", reason="Parquet export needs pyarrow")
    import pyarrow as pa

    story = _story(http, "dated-en-1")
    table = pq.read_table(io.BytesIO(_export(http, story["id"], "parquet").content))
    assert table.num_rows == story["size"]
    assert table.column_names == list(exporting.COLUMNS)
    assert table.schema.field("published").type == pa.timestamp("us", tz="UTC")
    rows = {r["id"]: r for r in table.to_pylist()}
    dated = rows["dated-en-1"]
    assert dated["published"].isoformat() == "2024-03-06T08:00:00+00:00"
    assert dated["source"] == "wire-a" and dated["url"] == "https://example.org/van-rescue"
    jsonl = [json.loads(x) for x in _export(http, story["id"], "jsonl").text.splitlines()]
    assert {r["id"]: r["text"] for r in jsonl} == {i: r["text"] for i, r in rows.items()}


def test_event_export(http):
    article = http.get("/api/articles/quake-en-1").json()
    r = _export(http, article["event_id"], "jsonl")
    rows = [json.loads(line) for line in r.text.splitlines()]
    event = http.get(f"/api/events/{article['event_id']}").json()
    assert len(rows) == event["size"] and {r["event_id"] for r in rows} == {event["id"]}


def test_unknown_format_and_story(http):
    story = _story(http)
    r = http.get(f"/api/stories/{story['id']}/export", params={"format": "xlsx"})
    assert r.status_code == 422
    assert http.get("/api/stories/st-999999/export").status_code == 404


def test_query_export_is_ranked(http):
    r = http.get("/api/search/export", params={"q": "séisme en Turquie", "format": "jsonl",
                                                 "limit": 5})  # fmt: skip
    rows = [json.loads(line) for line in r.text.splitlines()]
    assert [row["rank"] for row in rows] == [1, 2, 3, 4, 5]
    scores = [row["score"] for row in rows]
    assert scores == sorted(scores, reverse=True)
    assert any(row["lang"] != "fr" for row in rows)
    only = http.get("/api/search/export", params={"q": "séisme", "format": "csv", "lang": "es"})
    langs = {row["lang"] for row in csv.DictReader(io.StringIO(only.text))}
    assert langs == {"es"}


# ---------------------------------------------------------------- GeoJSON
@dataclass
class FakePlace:
    name: str
    type: str
    lat: float | None
    lon: float | None
    articles: int = 1


@pytest.fixture
def fake_entities():
    def provider(store, story_id):
        return [
            FakePlace("Van", "place", 38.49, 43.38, 5),
            FakePlace("Erciş", "place", 39.03, 43.36),
            FakePlace("AFAD", "org", None, None),
            FakePlace("Turkey", "place", None, None),  # a country: no point
        ]

    sections.register("entities", provider)
    yield provider
    sections.unregister("entities")


def test_geojson_from_entity_coordinates(http, fake_entities):
    story = _story(http)
    r = _export(http, story["id"], "geojson")
    assert r.headers["content-type"].startswith("application/geo+json")
    geo = r.json()
    assert geo["type"] == "FeatureCollection" and "note" not in geo
    names = {f["properties"]["name"]: f for f in geo["features"]}
    assert set(names) == {"Van", "Erciş"}
    assert names["Van"]["geometry"] == {"type": "Point", "coordinates": [43.38, 38.49]}
    assert names["Van"]["properties"]["story_id"] == story["id"]
    page = http.get(f"/api/stories/{story['id']}", params={"sections": "wait"}).json()
    assert {p["properties"]["name"] for p in page["places"]} == {"Van", "Erciş"}
    assert "entities" in page["sections"]


def test_geojson_without_entities_module_is_empty_with_a_note(http, monkeypatch):
    monkeypatch.setattr(sections, "_module", lambda name: None)
    sections.unregister("entities")  # also clears the cache
    story = _story(http)
    geo = _export(http, story["id"], "geojson").json()
    assert geo == {
        "type": "FeatureCollection",
        "features": [],
        "name": story["id"],
        "note": geo["note"],
    }
    assert "entities module" in geo["note"]
    page = http.get(f"/api/stories/{story['id']}", params={"sections": "wait"}).json()
    assert "entities" not in page and "places" not in page and page["sections"] == []


# -------------------------------------------------------------------- CLI
def test_cli_export_matches_the_api(http, served, tmp_path):
    from click.testing import CliRunner

    from newsweave.cli import main

    story = _story(http)
    runner = CliRunner()
    for fmt in ("jsonl", "csv", "parquet"):
        if fmt == "parquet":
            pytest.importorskip("pyarrow")
        out = tmp_path / f"story.{fmt}"
        result = runner.invoke(
            main,
            ["export", story["id"], "--db", str(served.db), "--format", fmt, "--out", str(out)],
        )
        assert result.exit_code == 0, result.output
        api = _export(http, story["id"], fmt).content
        if fmt == "parquet":
            import pyarrow.parquet as pq

            assert pq.read_table(out).to_pylist() == pq.read_table(io.BytesIO(api)).to_pylist()
        else:
            assert out.read_bytes() == api

    stdout = runner.invoke(main, ["export", story["id"], "--db", str(served.db)])
    assert stdout.exit_code == 0 and len(stdout.output.splitlines()) == story["size"]

    geo = runner.invoke(
        main, ["export", story["id"], "--db", str(served.db), "--format", "geojson"]
    )
    assert geo.exit_code == 0 and json.loads(geo.output)["type"] == "FeatureCollection"


def test_cli_query_export_and_errors(served, encoder, monkeypatch):
    from click.testing import CliRunner

    import newsweave.encode as encode
    from newsweave.cli import main

    monkeypatch.setattr(encode, "get_encoder", lambda spec=None: encoder)  # reuse the loaded model
    runner = CliRunner()
    result = runner.invoke(
        main, ["export", "--query", "Erdbeben Türkei", "--db", str(served.db), "--limit", "3"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["rank"] for r in rows] == [1, 2, 3]
    assert any(r["id"].startswith("quake-") for r in rows)

    bad = runner.invoke(main, ["export", "st-1' OR '1'='1", "--db", str(served.db)])
    assert bad.exit_code != 0 and "no story" in bad.output
    both = runner.invoke(main, ["export", "st-1", "--query", "x", "--db", str(served.db)])
    assert both.exit_code == 2
    missing = runner.invoke(main, ["export", "st-1", "--db", str(served.db) + ".nope"])
    assert missing.exit_code != 0 and "no store" in missing.output
