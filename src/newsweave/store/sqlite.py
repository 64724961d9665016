"""The default store: one embedded SQLite file.

Everything the weaver decides is written here, one transaction per article:
the article (original and clean text), what the weaver read (vector, words,
names), its event and story, and the evidence of its placement. A crash
(even ``kill -9``) leaves either the whole article or none of it; the
weaver's in-memory index is rebuilt from these rows when it reopens, so
nothing is lost and nothing is placed twice.

WAL journaling lets readers (the CLI, the web server) read while an ingest
writes.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from newsweave.model import Article, Evidence, Placement, PreparedArticle

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL, text TEXT NOT NULL,
    clean_title TEXT NOT NULL, clean_text TEXT NOT NULL,
    lang TEXT NOT NULL, published TEXT, source TEXT, url TEXT, origin TEXT,
    content_hash TEXT NOT NULL,
    weave_time REAL,
    event_id TEXT NOT NULL, story_id TEXT NOT NULL,
    vector BLOB NOT NULL, words TEXT NOT NULL, names TEXT NOT NULL, name_surfaces TEXT NOT NULL,
    placement TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);
CREATE INDEX IF NOT EXISTS articles_event ON articles(event_id);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY, story_id TEXT NOT NULL, created_seq INTEGER NOT NULL,
    merged_into TEXT, merged_at TEXT
);
-- a story merge moves every event of the absorbed story: without this index that is a
-- scan of all events, whose cost grows with the store (seen as a creeping placement p95)
CREATE INDEX IF NOT EXISTS events_story ON events(story_id);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY, created_seq INTEGER NOT NULL, merged_into TEXT, merged_at TEXT
);
CREATE TABLE IF NOT EXISTS merges (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL,
    survivor TEXT NOT NULL, absorbed TEXT NOT NULL, article_id TEXT NOT NULL, at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS merges_survivor ON merges(survivor);
CREATE INDEX IF NOT EXISTS merges_absorbed ON merges(absorbed);
CREATE TABLE IF NOT EXISTS embedding_cache (key TEXT PRIMARY KEY, vector BLOB NOT NULL);
"""


def content_hash(article: Article) -> str:
    """Hash of the normalized title and text: two copies of one text are one article."""
    folded = " ".join((article.clean_title + "\n" + article.clean_text).split()).casefold()
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt is not None else None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class SQLiteStore:
    """Articles, events, stories, placements and the embedding cache in one file."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30.0, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.executescript(_SCHEMA)
        version = self.get_meta("schema_version")
        if version is None:
            self.set_meta("schema_version", SCHEMA_VERSION)
            self.db.commit()
        elif version != SCHEMA_VERSION:
            raise ValueError(
                f"{self.path}: store schema version {version}, "
                f"this newsweave reads {SCHEMA_VERSION}"
            )

    def close(self) -> None:
        self.db.close()

    # ------------------------------------------------------------------ meta
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO meta(key, value) VALUES(?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (key, value),
        )

    # ---------------------------------------------------------- embeddings
    def cached_vectors(self, keys: list[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(
                f"SELECT key, vector FROM embedding_cache WHERE key IN ({marks})", chunk
            ):
                out[row[0]] = np.frombuffer(row[1], dtype=np.float32).copy()
        return out

    def cache_vectors(self, items: dict[str, np.ndarray]) -> None:
        self.db.executemany(
            "INSERT OR IGNORE INTO embedding_cache(key, vector) VALUES(?, ?)",
            [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()],
        )
        self.db.commit()

    # ------------------------------------------------------------- writing
    def find_duplicate(self, article: Article) -> str | None:
        """The stored article with the same id or the same normalized text, if any."""
        row = self.db.execute("SELECT id FROM articles WHERE id=?", (article.id,)).fetchone()
        if row:
            return row[0]
        row = self.db.execute(
            "SELECT id FROM articles WHERE content_hash=? LIMIT 1", (content_hash(article),)
        ).fetchone()
        return row[0] if row else None

    def ensure_schema(self, statements: str) -> None:
        """Create the tables an enricher needs (idempotent ``CREATE ... IF NOT EXISTS``)."""
        self.db.executescript(statements)

    def save_placement(
        self,
        prepared: PreparedArticle,
        word_vec: dict[str, float],
        weave_time: float,
        placement: Placement,
        extra: list[tuple[str, tuple]] = (),
    ) -> None:
        """Write one placed article and every change it caused, atomically.

        ``extra`` are further ``(sql, params)`` statements (from enrichers) that
        belong to the same article and must land in the same transaction.
        """
        a = prepared.article
        db = self.db
        try:
            db.execute("BEGIN IMMEDIATE")
            cur = db.execute(
                "INSERT INTO articles(id, title, text, clean_title, clean_text, lang, published,"
                " source, url, origin, content_hash, weave_time, event_id, story_id, vector,"
                " words, names, name_surfaces, placement, added_at)"
                " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    a.id, a.title, a.text, a.clean_title, a.clean_text, prepared.lang,
                    _iso(a.published), a.source, a.url, a.origin, content_hash(a), weave_time,
                    placement.event_id, placement.story_id,
                    np.asarray(prepared.vector, dtype=np.float32).tobytes(),
                    json.dumps(word_vec, ensure_ascii=False),
                    json.dumps(prepared.names, ensure_ascii=False),
                    json.dumps(prepared.name_surfaces, ensure_ascii=False),
                    json.dumps(placement.as_dict(), ensure_ascii=False), _now(),
                ),
            )  # fmt: skip
            seq = cur.lastrowid
            if placement.new_story:
                db.execute(
                    "INSERT INTO stories(id, created_seq) VALUES(?, ?)", (placement.story_id, seq)
                )
            if placement.new_event:
                db.execute(
                    "INSERT INTO events(id, story_id, created_seq) VALUES(?, ?, ?)",
                    (placement.event_id, placement.story_id, seq),
                )
            for absorbed in placement.merged:
                self._record_merge(absorbed, placement, a.id)
            for sql, params in extra:
                db.execute(sql, params)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _record_merge(self, absorbed: str, placement: Placement, article_id: str) -> None:
        db, now = self.db, _now()
        if absorbed.startswith("ev-"):
            kind, survivor = "event", placement.event_id
            db.execute(
                "UPDATE events SET merged_into=?, merged_at=? WHERE id=?", (survivor, now, absorbed)
            )
            db.execute("UPDATE articles SET event_id=? WHERE event_id=?", (survivor, absorbed))
            db.execute(
                "UPDATE articles SET story_id=? WHERE event_id=?", (placement.story_id, survivor)
            )
        else:
            kind, survivor = "story", placement.story_id
            db.execute(
                "UPDATE stories SET merged_into=?, merged_at=? WHERE id=?",
                (survivor, now, absorbed),
            )
            db.execute("UPDATE events SET story_id=? WHERE story_id=?", (survivor, absorbed))
            db.execute("UPDATE articles SET story_id=? WHERE story_id=?", (survivor, absorbed))
        db.execute(
            "INSERT INTO merges(kind, survivor, absorbed, article_id, at) VALUES(?,?,?,?,?)",
            (kind, survivor, absorbed, article_id, now),
        )

    # ------------------------------------------------------------- reading
    def count_articles(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def replay(self) -> Iterator[tuple[PreparedArticle, dict[str, float], float, str, str]]:
        """Every stored article in arrival order, as the weaver needs it to rebuild."""
        cur = self.db.execute(
            "SELECT id, lang, weave_time, vector, words, names, name_surfaces, event_id, story_id"
            " FROM articles ORDER BY seq"
        )
        for row in cur:
            prepared = PreparedArticle(
                article=Article(id=row["id"]),
                lang=row["lang"],
                time=row["weave_time"],
                vector=np.frombuffer(row["vector"], dtype=np.float32).copy(),
                words={},
                names=json.loads(row["names"]),
                name_surfaces=json.loads(row["name_surfaces"]),
            )
            yield (
                prepared,
                json.loads(row["words"]),
                row["weave_time"],
                row["event_id"],
                row["story_id"],
            )

    def window_cut(self, keep_hours: float, min_articles: int) -> float | None:
        """Weave time before which quiet events need not be loaded; None: load everything."""
        count, latest = self.db.execute("SELECT COUNT(*), MAX(weave_time) FROM articles").fetchone()
        if count < min_articles or latest is None:
            return None
        return float(latest) - keep_hours

    def latest_time(self) -> float | None:
        return self.db.execute("SELECT MAX(weave_time) FROM articles").fetchone()[0]

    def max_cluster_number(self, table: str) -> int:
        """Highest N of the ``ev-N`` (``events``) or ``st-N`` (``stories``) ids stored."""
        if table not in ("events", "stories"):
            raise ValueError(table)
        row = self.db.execute(f"SELECT MAX(CAST(SUBSTR(id, 4) AS INTEGER)) FROM {table}")
        return int(row.fetchone()[0] or 0)

    def replay_window(self, cut: float | None) -> Iterator[tuple[bool, tuple]]:
        """Every stored article in arrival order, split by whether the weaver keeps it.

        ``(True, replay tuple)`` for the articles of events whose latest article
        is at or after ``cut`` (all of them when ``cut`` is None), as
        :meth:`replay` gives them; ``(False, (lang, vector, word keys, name
        keys))`` for the others, which the weaver only counts. Only the kept
        articles are ever held in memory.
        """
        kept: set[str] | None = None
        if cut is not None:
            kept = {
                r[0]
                for r in self.db.execute(
                    "SELECT DISTINCT event_id FROM articles WHERE weave_time >= ?", (cut,)
                )
            }
        cur = self.db.execute(
            "SELECT id, lang, weave_time, vector, words, names, name_surfaces, event_id, story_id"
            " FROM articles ORDER BY seq"
        )
        for row in cur:
            vector = np.frombuffer(row["vector"], dtype=np.float32)
            if kept is not None and row["event_id"] not in kept:
                words = list(json.loads(row["words"]))
                names = list(json.loads(row["names"]))
                yield False, (row["lang"], vector, words, names)
                continue
            prepared = PreparedArticle(
                article=Article(id=row["id"]),
                lang=row["lang"],
                time=row["weave_time"],
                vector=vector.copy(),
                words={},
                names=json.loads(row["names"]),
                name_surfaces=json.loads(row["name_surfaces"]),
            )
            item = (
                prepared,
                json.loads(row["words"]),
                row["weave_time"],
                row["event_id"],
                row["story_id"],
            )
            yield True, item

    def resolve(self, cluster_id: str) -> str:
        """Follow merges: the id that now holds what ``cluster_id`` held."""
        table = "events" if cluster_id.startswith("ev-") else "stories"
        seen = set()
        while cluster_id not in seen:
            seen.add(cluster_id)
            row = self.db.execute(
                f"SELECT merged_into FROM {table} WHERE id=?", (cluster_id,)
            ).fetchone()
            if row is None or row[0] is None:
                break
            cluster_id = row[0]
        return cluster_id

    def article_rows(
        self, where: str = "1", params: tuple = (), with_vectors: bool = False
    ) -> list[sqlite3.Row]:
        cols = (
            "seq, id, title, text, clean_title, clean_text, lang, published, source, url,"
            " event_id, story_id, placement, weave_time"
        )
        if with_vectors:
            cols += ", vector"
        return self.db.execute(
            f"SELECT {cols} FROM articles WHERE {where} ORDER BY seq", params
        ).fetchall()

    def assignments(self) -> dict[str, tuple[str, str]]:
        """article id -> (event id, story id), for evaluation."""
        return {
            r[0]: (r[1], r[2])
            for r in self.db.execute("SELECT id, event_id, story_id FROM articles")
        }

    def merges(self, cluster_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT kind, survivor, absorbed, article_id, at FROM merges"
        params: tuple = ()
        if cluster_id:
            sql += " WHERE survivor=? OR absorbed=?"
            params = (cluster_id, cluster_id)
        return [dict(r) for r in self.db.execute(sql + " ORDER BY seq", params)]

    def placement_of(self, article_id: str) -> Placement | None:
        row = self.db.execute("SELECT placement FROM articles WHERE id=?", (article_id,)).fetchone()
        if row is None:
            return None
        data = json.loads(row[0])
        return Placement(
            article_id=data["article_id"],
            event_id=data["event_id"],
            story_id=data["story_id"],
            new_event=data["new_event"],
            new_story=data["new_story"],
            event_evidence=Evidence.from_dict(data["event_evidence"])
            if data.get("event_evidence")
            else None,
            story_evidence=Evidence.from_dict(data["story_evidence"])
            if data.get("story_evidence")
            else None,
            merged=data.get("merged", []),
        )


def row_to_article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        title=row["title"],
        text=row["text"],
        lang=row["lang"],
        published=_dt(row["published"]),
        source=row["source"],
        url=row["url"],
        clean_title=row["clean_title"],
        clean_text=row["clean_text"],
    )
