"""The plain data passed between pipeline stages.

One article travels: ``ingest`` makes an :class:`Article` (or a
:class:`RecordError` for a bad record), ``normalize`` fills its clean fields,
``langid`` its language, ``encode`` gives it a vector, ``weave`` returns a
:class:`Placement`, and ``store`` keeps all of it for the CLI, API and web page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class Article:
    """One news article.

    ``title`` and ``text`` are the original strings as read. ``clean_title`` and
    ``clean_text`` are set by :mod:`newsweave.normalize` and are what every later
    stage reads. ``published`` is timezone-aware (UTC) when known.
    ``origin`` says where the record came from (``file:line``) for error messages.
    """

    id: str
    title: str = ""
    text: str = ""
    lang: str | None = None
    published: datetime | None = None
    source: str | None = None
    url: str | None = None
    clean_title: str = ""
    clean_text: str = ""
    origin: str = ""

    @property
    def display_title(self) -> str:
        """The clean title, or the first words of the text when there is none."""
        if self.clean_title or self.title:
            return self.clean_title or self.title
        words = (self.clean_text or self.text).split()
        return " ".join(words[:14]) + (" …" if len(words) > 14 else "")


@dataclass
class RecordError(Exception):
    """A record that could not be read: where it is and why.

    Readers yield these instead of raising so that one bad record never stops
    the good ones; the CLI prints them and sets a failing exit code.
    """

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass
class PreparedArticle:
    """An article after normalize, language ID and embed: what the weaver reads.

    ``time`` is hours since the Unix epoch (``None`` when the article has no
    date), ``vector`` the encoder's unit vector, ``words`` sublinear term
    frequencies, ``names`` cross-script name keys with their salience, and
    ``name_surfaces`` a surface form for each key (for explanations).
    """

    article: Article
    lang: str
    time: float | None
    vector: Any  # numpy.ndarray of shape (dim,)
    words: dict[str, float]
    names: dict[str, float]
    name_surfaces: dict[str, str] = field(default_factory=dict)


@dataclass
class Evidence:
    """Why an article was placed where it was: the signals and their scores.

    ``score`` is the placement model's probability that the article reports the
    chosen event (or belongs to the chosen story); ``signals`` are the raw
    signal values and ``contributions`` their weighted terms in the decision;
    ``alternatives`` are the runner-up candidates with their scores.
    """

    score: float
    threshold: float
    signals: dict[str, float] = field(default_factory=dict)
    contributions: dict[str, float] = field(default_factory=dict)
    matched_names: list[str] = field(default_factory=list)
    nearest_article: str | None = None
    alternatives: list[tuple[str, float]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "score": round(self.score, 4),
            "threshold": round(self.threshold, 4),
            "signals": {k: round(v, 4) for k, v in self.signals.items()},
            "contributions": {k: round(v, 4) for k, v in self.contributions.items()},
            "matched_names": self.matched_names,
            "nearest_article": self.nearest_article,
            "alternatives": [[i, round(s, 4)] for i, s in self.alternatives],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        return cls(
            score=data["score"],
            threshold=data["threshold"],
            signals=data.get("signals", {}),
            contributions=data.get("contributions", {}),
            matched_names=data.get("matched_names", []),
            nearest_article=data.get("nearest_article"),
            alternatives=[tuple(a) for a in data.get("alternatives", [])],
        )


@dataclass
class Placement:
    """Where the weaver put one article.

    ``new_event``/``new_story`` say whether the article started them.
    ``event_evidence`` explains the event choice (``None`` for a new event with
    no candidate at all); ``story_evidence`` explains how a new event was chained
    into an existing story. ``duplicate_of`` is set when the article was already
    stored (same id or same normalized text) and nothing was changed.
    """

    article_id: str
    event_id: str
    story_id: str
    new_event: bool
    new_story: bool
    event_evidence: Evidence | None = None
    story_evidence: Evidence | None = None
    duplicate_of: str | None = None
    merged: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "event_id": self.event_id,
            "story_id": self.story_id,
            "new_event": self.new_event,
            "new_story": self.new_story,
            "event_evidence": self.event_evidence.as_dict() if self.event_evidence else None,
            "story_evidence": self.story_evidence.as_dict() if self.story_evidence else None,
            "duplicate_of": self.duplicate_of,
            "merged": self.merged,
        }


@dataclass
class Event:
    """Articles that report the same happening, in time order."""

    id: str
    story_id: str
    headline: str
    articles: list[Article]
    languages: list[str]
    sources: list[str]
    first_seen: datetime | None
    last_seen: datetime | None
    merged_from: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.articles)


@dataclass
class Story:
    """A developing situation: events chained over days."""

    id: str
    headline: str
    events: list[Event]
    languages: list[str]
    sources: list[str]
    first_seen: datetime | None
    last_seen: datetime | None
    merged_from: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(e.size for e in self.events)

    @property
    def articles(self) -> list[Article]:
        return sorted(
            (a for e in self.events for a in e.articles),
            key=lambda a: (a.published is None, a.published or datetime.min),
        )
