"""Exports of a story, an event or a search result: JSONL, CSV, Parquet, GeoJSON.

One row per article, the same columns in every tabular format
(:data:`COLUMNS`), so a story exported as CSV and as Parquet hold the same
table. Places go to GeoJSON: a point for every entity with coordinates when an
entities module is installed (see :mod:`newsweave.serve.sections`), otherwise
an empty ``FeatureCollection`` whose ``note`` says why.

Used by ``newsweave export`` and by the web server's ``/export`` endpoints, so
both give byte-for-byte the same files. Parquet needs ``pyarrow`` (the
``serve`` extra); the other formats need nothing beyond the core.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from newsweave.model import Event, Story

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet", "geojson")

#: the columns of every tabular export, in order
COLUMNS: tuple[str, ...] = (
    "story_id",
    "story_headline",
    "event_id",
    "event_headline",
    "id",
    "lang",
    "published",
    "source",
    "url",
    "title",
    "text",
    "rank",
    "score",
)

MEDIA_TYPES = {
    "jsonl": "application/x-ndjson; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
    "geojson": "application/geo+json",
}


class ExportError(ValueError):
    """An export that cannot be made (unknown format, missing optional package)."""


def check_format(fmt: str) -> str:
    fmt = fmt.lower().strip()
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    return fmt


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


# ----------------------------------------------------------------------- rows
def story_rows(story: Story) -> list[dict[str, Any]]:
    """One row per article of the story, in time order (undated last)."""
    rows = []
    for event in story.events:
        rows.extend(event_rows(event, story.headline))
    rows.sort(key=lambda r: (r["published"] is None, r["published"] or ""))
    return rows


def event_rows(event: Event, story_headline: str | None = None) -> list[dict[str, Any]]:
    return [
        {
            "story_id": event.story_id,
            "story_headline": story_headline,
            "event_id": event.id,
            "event_headline": event.headline,
            "id": a.id,
            "lang": a.lang,
            "published": _iso(a.published),
            "source": a.source,
            "url": a.url,
            "title": a.title,
            "text": a.text,
            "rank": None,
            "score": None,
        }
        for a in event.articles
    ]


def hit_rows(store: Any, hits: Sequence[Any]) -> list[dict[str, Any]]:
    """Rows for search hits (:class:`~newsweave.serve.corpus.Hit`), best first."""
    if not hits:
        return []
    marks = ",".join("?" * len(hits))
    found = {
        r["seq"]: r
        for r in store.db.execute(
            f"SELECT seq, title, text, url FROM articles WHERE seq IN ({marks})",
            [h.seq for h in hits],
        )
    }
    rows = []
    for rank, h in enumerate(hits, 1):
        r = found.get(h.seq)
        rows.append(
            {
                "story_id": h.story_id,
                "story_headline": None,
                "event_id": h.event_id,
                "event_headline": None,
                "id": h.id,
                "lang": h.lang,
                "published": h.published,
                "source": h.source,
                "url": r["url"] if r else None,
                "title": r["title"] if r else h.title,
                "text": r["text"] if r else "",
                "rank": rank,
                "score": round(h.score, 6),
            }
        )
    return rows


# -------------------------------------------------------------------- writers
def to_jsonl(rows: Sequence[dict[str, Any]]) -> bytes:
    return "".join(
        json.dumps({c: r.get(c) for c in COLUMNS}, ensure_ascii=False) + "\n" for r in rows
    ).encode("utf-8")


def to_csv(rows: Sequence[dict[str, Any]]) -> bytes:
    """RFC 4180 CSV (UTF-8, a header row, newlines inside quoted cells kept)."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow(["" if r.get(c) is None else r.get(c) for c in COLUMNS])
    return buf.getvalue().encode("utf-8")


def to_parquet(rows: Sequence[dict[str, Any]]) -> bytes:
    """A Parquet file with a fixed schema (``published`` as a UTC timestamp)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ExportError(
            "Parquet export needs pyarrow: pip install 'newsweave[serve]' (or pyarrow)"
        ) from exc
    schema = pa.schema(
        [
            ("story_id", pa.string()),
            ("story_headline", pa.string()),
            ("event_id", pa.string()),
            ("event_headline", pa.string()),
            ("id", pa.string()),
            ("lang", pa.string()),
            ("published", pa.timestamp("us", tz="UTC")),
            ("source", pa.string()),
            ("url", pa.string()),
            ("title", pa.string()),
            ("text", pa.string()),
            ("rank", pa.int32()),
            ("score", pa.float64()),
        ]
    )
    columns: dict[str, list[Any]] = {c: [] for c in COLUMNS}
    for r in rows:
        for c in COLUMNS:
            value = r.get(c)
            if c == "published" and value is not None:
                value = datetime.fromisoformat(value)
            columns[c].append(value)
    table = pa.Table.from_pydict(columns, schema=schema)
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def to_geojson(collection: dict[str, Any]) -> bytes:
    return (json.dumps(collection, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def render(rows: Sequence[dict[str, Any]], fmt: str) -> bytes:
    """The rows in a tabular format (``jsonl``, ``csv`` or ``parquet``)."""
    fmt = check_format(fmt)
    if fmt == "jsonl":
        return to_jsonl(rows)
    if fmt == "csv":
        return to_csv(rows)
    if fmt == "parquet":
        return to_parquet(rows)
    raise ExportError("GeoJSON exports places, not rows: use story_places/query_places")


# --------------------------------------------------------------- high level
def _story_of(store: Any, cluster_id: str) -> Story:
    """The story ``st-N``, or a one-event story for ``ev-N`` (KeyError when unknown)."""
    from newsweave.stories import StoryReader

    reader = StoryReader(store)
    if cluster_id.startswith("ev-"):
        event = reader.event(cluster_id)
        return Story(
            id=event.story_id,
            headline=event.headline,
            events=[event],
            languages=event.languages,
            sources=event.sources,
            first_seen=event.first_seen,
            last_seen=event.last_seen,
        )
    if cluster_id.startswith("st-"):
        return reader.story(cluster_id)
    raise KeyError(f"no story or event {cluster_id!r} (ids look like st-N or ev-N)")


def story_places(store: Any, stories: Sequence[Story], label: str = "") -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the places of these stories' entities."""
    from newsweave.serve.sections import feature_collection, places, story_sections

    features: list[dict[str, Any]] = []
    have_entities = False
    for story in stories:
        sections, _notes = story_sections(story, store, only=("entities",))
        if "entities" in sections:
            have_entities = True
            for f in places(sections["entities"]):
                f["properties"].setdefault("story_id", story.id)
                features.append(f)
    return feature_collection(features, have_entities, label)


def export_cluster(store: Any, cluster_id: str, fmt: str) -> bytes:
    """A story (``st-N``) or an event (``ev-N``) in format ``fmt``; KeyError when unknown."""
    fmt = check_format(fmt)
    story = _story_of(store, cluster_id)
    if fmt == "geojson":
        return to_geojson(story_places(store, [story], label=cluster_id))
    if cluster_id.startswith("ev-"):
        return render(event_rows(story.events[0]), fmt)
    return render(story_rows(story), fmt)


def export_hits(store: Any, hits: Sequence[Any], fmt: str, label: str = "") -> bytes:
    """Search hits in format ``fmt`` (GeoJSON: the places of the stories they belong to)."""
    fmt = check_format(fmt)
    if fmt == "geojson":
        from newsweave.stories import StoryReader

        reader = StoryReader(store)
        ids = list(dict.fromkeys(h.story_id for h in hits))
        stories = []
        for sid in ids:
            try:
                stories.append(reader.story(sid))
            except KeyError:
                continue
        return to_geojson(story_places(store, stories, label=label))
    return render(hit_rows(store, hits), fmt)
