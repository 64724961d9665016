"""Parquet shards of prepared articles: the durable output of a batch ingest.

A batch run (:mod:`newsweave.engine.ray`) cleans and embeds outside the
weaving process; its output lands here before the weave reads it, so that a
run killed at any point can start again without embedding anything twice.

Layout, next to the store (``news.db`` -> ``news.db.shards/``)::

    run.json              encoder name and lead words the shards were made with
    shard-000000.parquet  one row per input record (schema: ROW_COLUMNS)
    shard-000001.parquet
    manifest.jsonl        one line per finished shard: its file, its row count and
                          the input records it covers ({input: [[record, hash], ...]})

An input record is named by the path or URL it was read from (``input``) and
its position among that input's records (``record``, from 1); ``record_hash``
fingerprints what was read, so a record whose input changed since its shard was
written is prepared again. A shard is written under a temporary name and
renamed when complete, then listed in the manifest; a shard renamed but not
yet listed (a kill between the two) is listed on the next start, and a
temporary file is deleted, so a half-written shard is never read.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from newsweave.model import Article, PreparedArticle, RecordError
from newsweave.prepare import UNKNOWN_LANGUAGE, hours_since_epoch

#: record statuses: prepared, failed (with ``error_origin``/``error_reason``), or
#: ``cached`` (already in a finished shard; only flows through the stages, never written)
STATUS_OK = "ok"
STATUS_ERROR = "error"
STATUS_CACHED = "cached"

#: string columns of a shard row, in order (``record`` is int64, ``vector`` float32 list)
STRING_COLUMNS = (
    "input",
    "record_hash",
    "status",
    "error_origin",
    "error_reason",
    "id",
    "title",
    "text",
    "lang",
    "published",
    "source",
    "url",
    "clean_title",
    "clean_text",
    "origin",
    "content_hash",
    "words",
    "names",
    "name_surfaces",
)
ROW_COLUMNS = ("input", "record", *STRING_COLUMNS[1:], "vector")

MANIFEST = "manifest.jsonl"
RUN_FILE = "run.json"


def shard_dir_for(db_path: str | Path) -> Path:
    """Where the shards of a store live: ``<db>.shards/`` beside the db file."""
    if str(db_path) == ":memory:":
        raise ValueError("a batch ingest needs a store on disk (not ':memory:') for its shards")
    return Path(str(db_path) + ".shards")


def row_schema(dim: int):
    """The Arrow schema of a shard (and of the batches between the Ray stages)."""
    import pyarrow as pa

    fields = [pa.field("input", pa.string()), pa.field("record", pa.int64())]
    fields += [pa.field(name, pa.string()) for name in STRING_COLUMNS[1:]]
    fields.append(pa.field("vector", pa.list_(pa.float32(), dim)))
    return pa.schema(fields)


def rows_to_table(rows: list[dict[str, Any]], dim: int):
    """Rows (dicts with ROW_COLUMNS; ``vector`` a numpy array or None) as an Arrow table."""
    import pyarrow as pa

    schema = row_schema(dim)
    columns: dict[str, list] = {name: [r.get(name) for r in rows] for name in schema.names}
    columns["vector"] = [
        None if v is None else np.asarray(v, dtype=np.float32) for v in columns["vector"]
    ]
    return pa.Table.from_pydict(columns, schema=schema)


# ------------------------------------------------------------ row <-> article
def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt is not None else None


def article_columns(article: Article) -> dict[str, Any]:
    """The article's own fields as shard columns."""
    return {
        "id": article.id,
        "title": article.title,
        "text": article.text,
        "lang": article.lang,
        "published": _iso(article.published),
        "source": article.source,
        "url": article.url,
        "clean_title": article.clean_title,
        "clean_text": article.clean_text,
        "origin": article.origin,
    }


def row_article(row: dict[str, Any]) -> Article:
    published = row.get("published")
    return Article(
        id=row["id"],
        title=row.get("title") or "",
        text=row.get("text") or "",
        lang=row.get("lang"),
        published=datetime.fromisoformat(published) if published else None,
        source=row.get("source"),
        url=row.get("url"),
        clean_title=row.get("clean_title") or "",
        clean_text=row.get("clean_text") or "",
        origin=row.get("origin") or "",
    )


def row_to_prepared(row: dict[str, Any]) -> PreparedArticle | RecordError:
    """A shard row as the weaver reads it (or the record's error)."""
    if row["status"] == STATUS_ERROR:
        return RecordError(row["error_origin"], row["error_reason"])
    article = row_article(row)
    return PreparedArticle(
        article=article,
        lang=article.lang or UNKNOWN_LANGUAGE,
        time=hours_since_epoch(article.published),
        vector=np.asarray(row["vector"], dtype=np.float32),
        words=json.loads(row["words"]),
        names=json.loads(row["names"]),
        name_surfaces=json.loads(row["name_surfaces"]),
    )


# ------------------------------------------------------------------ folder
class ShardFolder:
    """The shards of one store: what is finished, writing new ones, reading them back."""

    def __init__(self, path: str | Path, encoder_name: str, lead_words: int) -> None:
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self._check_run({"encoder": encoder_name, "lead_words": lead_words})
        for stale in self.path.glob("*.tmp"):
            stale.unlink()
        self._entries = self._load_manifest()
        self._adopt_unlisted()
        self._next = 1 + max((int(e["shard"][6:12]) for e in self._entries), default=-1)

    def _check_run(self, settings: dict[str, Any]) -> None:
        run_file = self.path / RUN_FILE
        if run_file.exists():
            made_with = json.loads(run_file.read_text(encoding="utf-8"))
            if made_with != settings:
                raise ValueError(
                    f"{self.path} holds shards made with {made_with}, not {settings}; "
                    "delete that folder (or use another --db) to prepare everything again"
                )
        else:
            _write_atomically(run_file, json.dumps(settings).encode("utf-8"))

    def _load_manifest(self) -> list[dict[str, Any]]:
        manifest = self.path / MANIFEST
        if not manifest.exists():
            return []
        entries = []
        for line in manifest.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:  # a line cut by a kill: its shard is adopted below
                continue
            if (self.path / entry["shard"]).exists():
                entries.append(entry)
        return entries

    def _adopt_unlisted(self) -> None:
        import pyarrow.parquet as pq

        listed = {e["shard"] for e in self._entries}
        for shard in sorted(self.path.glob("shard-*.parquet")):
            if shard.name not in listed:
                table = pq.read_table(shard, columns=["input", "record", "record_hash"])
                self._append_entry(shard.name, table.to_pylist())

    def _append_entry(self, name: str, rows: list[dict[str, Any]]) -> None:
        records: dict[str, list[list]] = {}
        for r in rows:
            records.setdefault(r["input"], []).append([r["record"], r["record_hash"]])
        entry = {"shard": name, "rows": len(rows), "records": records}
        with open(self.path / MANIFEST, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        self._entries.append(entry)

    @property
    def shards(self) -> list[str]:
        return [e["shard"] for e in self._entries]

    def finished(self) -> dict[str, dict[int, str]]:
        """``{input: {record: record_hash}}`` for every record in a finished shard."""
        out: dict[str, dict[int, str]] = {}
        for entry in self._entries:
            for source, pairs in entry["records"].items():
                out.setdefault(source, {}).update((int(r), h) for r, h in pairs)
        return out

    def write(self, table) -> str:
        """Write one shard (an Arrow table of ROW_COLUMNS) atomically and list it."""
        import pyarrow.parquet as pq

        name = f"shard-{self._next:06d}.parquet"
        self._next += 1
        target = self.path / name
        temp = target.with_name(name + ".tmp")
        pq.write_table(table, temp)
        with open(temp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(temp, target)
        self._append_entry(name, table.select(["input", "record", "record_hash"]).to_pylist())
        return name

    def read(self, wanted: dict[tuple[str, int], str]) -> Iterator[dict[str, Any]]:
        """The rows for ``wanted`` ``{(input, record): record_hash}``, once each (latest shard)."""
        import pyarrow.parquet as pq

        latest: dict[tuple[str, int], tuple[int, str]] = {}
        for index, entry in enumerate(self._entries):
            for source, pairs in entry["records"].items():
                for record, digest in pairs:
                    key = (source, int(record))
                    if wanted.get(key) == digest:
                        latest[key] = (index, entry["shard"])
        by_shard: dict[str, set[tuple[str, int]]] = {}
        for key, (_, shard) in latest.items():
            by_shard.setdefault(shard, set()).add(key)
        for shard in self.shards:
            keys = by_shard.get(shard)
            if not keys:
                continue
            for row in pq.read_table(self.path / shard).to_pylist():
                if (row["input"], row["record"]) in keys:
                    yield row


def _write_atomically(path: Path, data: bytes) -> None:
    temp = path.with_name(path.name + ".tmp")
    with open(temp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(temp, path)
