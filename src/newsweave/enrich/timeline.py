"""A story's events in time order: date, headline, who reported it, who was first.

An event's date is its earliest article date.  Article dates come from
:mod:`newsweave.enrich.dates`: the ``published`` field when the article has
one, else a date estimated from its text (and marked so, with the phrase it
came from).  The *first reporter* is the article with the earliest date; when
two tie (same day, estimated), the one stored first is named and the tie is
said.  Undated events come last, in arrival order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from newsweave.enrich.dates import DateEstimate
from newsweave.enrich.summary import Line

__all__ = ["TimelineArticle", "TimelineEntry", "build_timeline"]


@dataclass
class TimelineArticle:
    """One article of an event, as the timeline shows it."""

    id: str
    source: str
    lang: str
    date: DateEstimate
    seq: int = 0

    def as_dict(self) -> dict:
        return {"id": self.id, "source": self.source, "lang": self.lang, **self.date.as_dict()}


@dataclass
class TimelineEntry:
    """One event on the timeline."""

    event_id: str
    date: datetime | None
    date_how: str
    headline: Line | None
    sources: list[str]
    languages: list[str]
    first: TimelineArticle | None
    first_note: str = ""
    articles: list[TimelineArticle] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "event_id": self.event_id,
            "date": self.date.date().isoformat() if self.date else None,
            "date_how": self.date_how,
            "headline": self.headline.as_dict() if self.headline else None,
            "sources": self.sources,
            "languages": self.languages,
            "first_reporter": self.first.as_dict() if self.first else None,
            "first_note": self.first_note,
            "articles": [a.as_dict() for a in self.articles],
        }


def _key(a: TimelineArticle) -> tuple:
    return (a.date.when is None, a.date.when or datetime.max, a.seq)


def build_timeline(
    events: list[tuple[str, list[TimelineArticle], Line | None]],
) -> list[TimelineEntry]:
    """Timeline entries from ``(event_id, articles, headline)``, sorted by date."""
    out = []
    for event_id, arts, headline in events:
        arts = sorted(arts, key=_key)
        first = arts[0] if arts else None
        note = ""
        if first is not None:
            if first.date.when is None:
                note = "no article of this event is dated; the first stored is shown"
            else:
                ties = [
                    a
                    for a in arts[1:]
                    if a.date.when is not None
                    and a.date.how != "published"
                    and abs((a.date.when - first.date.when).total_seconds()) < 86400
                ]
                if ties and first.date.how != "published":
                    note = "tied on the same estimated day with " + ", ".join(a.id for a in ties)
        sources: list[str] = []
        langs: list[str] = []
        for a in arts:
            if a.source not in sources:
                sources.append(a.source)
            if a.lang not in langs:
                langs.append(a.lang)
        out.append(
            TimelineEntry(
                event_id=event_id,
                date=first.date.when if first else None,
                date_how=first.date.how if first else "unknown",
                headline=headline,
                sources=sources,
                languages=langs,
                first=first,
                first_note=note,
                articles=arts,
            )
        )
    out.sort(key=lambda e: (e.date is None, e.date or datetime.max, e.event_id))
    return out
