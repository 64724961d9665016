"""Read events and stories back from the store as :class:`Event`/:class:`Story`.

A cluster's headline is the title of its *medoid*: the article whose vector is
closest to the centroid of the others, the most typical report, rather than
the first or the longest.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

import numpy as np

from newsweave.model import Article, Event, Story
from newsweave.store.sqlite import SQLiteStore, row_to_article


def _when(a: Article) -> datetime:
    return a.published or datetime.max.replace(tzinfo=UTC)


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


class StoryReader:
    def __init__(self, store: SQLiteStore) -> None:
        self.store = store

    def _build_event(self, event_id: str, story_id: str, rows: list) -> Event:
        articles = sorted((row_to_article(r) for r in rows), key=_when)
        vectors = np.stack([np.frombuffer(r["vector"], dtype=np.float32) for r in rows])
        if len(rows) > 2:
            # similarity of each member to the sum of the others: (sum - v) . v,
            # which for unit vectors ranks like sum . v
            medoid = rows[int(np.argmax(vectors @ vectors.sum(0)))]
        else:
            medoid = min(rows, key=lambda r: r["seq"])
        headline = medoid["clean_title"] or row_to_article(medoid).display_title
        dates = [a.published for a in articles if a.published]
        merged = [m["absorbed"] for m in self.store.merges(event_id) if m["survivor"] == event_id]
        return Event(
            id=event_id,
            story_id=story_id,
            headline=headline,
            articles=articles,
            languages=_ranked(a.lang for a in articles),
            sources=_ranked(a.source for a in articles if a.source),
            first_seen=min(dates) if dates else None,
            last_seen=max(dates) if dates else None,
            merged_from=merged,
        )

    def _build_story(self, story_id: str, rows: list) -> Story:
        by_event: dict[str, list] = defaultdict(list)
        for r in rows:
            by_event[r["event_id"]].append(r)
        events = [self._build_event(eid, story_id, ers) for eid, ers in by_event.items()]
        events.sort(key=lambda e: (e.first_seen is None, e.first_seen or datetime.max, e.id))
        biggest = max(events, key=lambda e: (e.size, -_order(e.id)))
        dates = [d for e in events for d in (e.first_seen, e.last_seen) if d]
        articles = [a for e in events for a in e.articles]
        merged = [m["absorbed"] for m in self.store.merges(story_id) if m["survivor"] == story_id]
        return Story(
            id=story_id,
            headline=biggest.headline,
            events=events,
            languages=_ranked(a.lang for a in articles),
            sources=_ranked(a.source for a in articles if a.source),
            first_seen=min(dates) if dates else None,
            last_seen=max(dates) if dates else None,
            merged_from=merged,
        )

    def stories(
        self, lang: str | None = None, since: datetime | None = None, limit: int | None = None
    ) -> list[Story]:
        """Stories, largest first, then latest; filtered by language and last date."""
        summary = self.store.db.execute(
            "SELECT story_id, COUNT(*) AS n, MAX(published) AS last,"
            " MAX(seq) AS latest, SUM(lang = ?) AS in_lang FROM articles GROUP BY story_id",
            (lang or "",),
        ).fetchall()
        chosen = []
        for r in summary:
            if lang and not r["in_lang"]:
                continue
            if since is not None and (
                r["last"] is None or _aware(datetime.fromisoformat(r["last"])) < _aware(since)
            ):
                continue
            chosen.append(r)
        chosen.sort(key=lambda r: (-r["n"], -(r["latest"] or 0)))
        if limit is not None:
            chosen = chosen[:limit]
        return [self.story(r["story_id"]) for r in chosen]

    def story(self, story_id: str) -> Story:
        story_id = self.store.resolve(story_id)
        rows = self.store.article_rows("story_id=?", (story_id,), with_vectors=True)
        if not rows:
            raise KeyError(f"no story {story_id!r}")
        return self._build_story(story_id, rows)

    def event(self, event_id: str) -> Event:
        event_id = self.store.resolve(event_id)
        rows = self.store.article_rows("event_id=?", (event_id,), with_vectors=True)
        if not rows:
            raise KeyError(f"no event {event_id!r}")
        return self._build_event(event_id, rows[0]["story_id"], rows)


def _ranked(values) -> list[str]:
    counts: dict[str, int] = defaultdict(int)
    for v in values:
        counts[v] += 1
    return [v for v, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _order(cluster_id: str) -> int:
    try:
        return int(cluster_id.rsplit("-", 1)[1])
    except (IndexError, ValueError):
        return 0
