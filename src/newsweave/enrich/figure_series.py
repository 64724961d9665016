"""Series: the figures of a story that measure the same thing, across languages.

:func:`figure_series` groups :class:`FigurePoint` objects: a
:class:`~newsweave.enrich.figures.Figure` with who reported it and when.  Two
figures can join when they have the same kind (one of :data:`SERIES_KINDS`),
the same currency (for counts in one language, the same counted noun), and
values within a factor of 20 (this does not apply to percentages).  They join
when their context clauses (:func:`context`: the clause around the figure,
numbers masked as ``N``) are close in the multilingual encoder's space: average
linkage, cosine at least :data:`SAME_MEASURE`, plus :data:`NAME_BONUS` when two
clauses share a name key (the same place or actor).  So ``80 %`` (fr), ``85%``
(en) and ``نحو 90 %`` (ar) of eastern Aleppo form one series, ordered by date.
A series needs figures from at least two articles.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

import numpy as np

from newsweave.enrich.figures import Figure
from newsweave.enrich.numbers import normalize_digits

__all__ = ["SERIES_KINDS", "FigurePoint", "FigureSeries", "context", "figure_series"]


@dataclass
class FigurePoint:
    """One figure of a series with who reported it and when."""

    figure: Figure
    source: str
    when: datetime | None
    date_how: str = "unknown"

    def as_dict(self) -> dict:
        d = self.figure.as_dict()
        d.update(
            {
                "source": self.source,
                "date": self.when.date().isoformat() if self.when else None,
                "date_how": self.date_how,
            }
        )
        return d


@dataclass
class FigureSeries:
    """Figures from one or more articles that measure the same thing, in time order."""

    kind: str
    unit: str
    subject: str
    points: list[FigurePoint] = field(default_factory=list)

    @property
    def values(self) -> list:
        return [p.figure.value for p in self.points]

    @property
    def changed(self) -> bool:
        return len({p.figure.value for p in self.points}) > 1

    @property
    def n_articles(self) -> int:
        return len({p.figure.article_id for p in self.points})

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "unit": self.unit,
            "subject": self.subject,
            "values": self.values,
            "changed": self.changed,
            "n_articles": self.n_articles,
            "points": [p.as_dict() for p in self.points],
        }


#: same-day points: a published date, then a full date in the text, then weaker estimates
_HOW_RANK = {"published": 0, "text:full": 1, "text:day-month": 2, "text:weekday": 3}
SERIES_KINDS = ("percent", "people", "area", "money", "count", "distance")
#: cosine between two figures' context clauses to count as the same measure
SAME_MEASURE = 0.85
#: added to the cosine when the two clauses share a name key (same place or actor)
NAME_BONUS = 0.03


@lru_cache(maxsize=8192)
def _context_keys(context: str, lang: str | None) -> frozenset[str]:
    from newsweave.names import article_name_keys

    keys = article_name_keys("", context, lang)
    return frozenset(k for k, w in keys.items() if w >= 0.3)


def context(f: Figure) -> str:
    """The clause around the figure, numbers masked, for the encoder."""
    s = f.sentence
    start, end = f.start - f.sentence_start, f.end - f.sentence_start
    a, b = max(0, start - 90), min(len(s), end + 90)
    if f.sentence_index == -1 or len(s) < 200:
        a, b = 0, len(s)
    clip = s[a:b]
    return re.sub(r"[\d٠-٩۰-۹]+(?:[.,٫]\d+)*", "N", normalize_digits(clip))


def _compatible(a: Figure, b: Figure) -> bool:
    if a.kind != b.kind or a.kind not in SERIES_KINDS:
        return False
    if a.kind in ("money", "count") and a.unit != b.unit and a.lang == b.lang:
        return False
    if a.kind == "money" and a.unit != b.unit:
        return False
    if isinstance(a.value, float) and isinstance(b.value, float) and a.kind != "percent":
        lo, hi = sorted((abs(a.value), abs(b.value)))
        if lo == 0 or hi / lo > 20:
            return False  # 12 and 8,000 civilians are different measures
    return True


def figure_series(
    points: Sequence[FigurePoint],
    vectors: Callable[[Sequence[str]], np.ndarray],
    threshold: float = SAME_MEASURE,
    min_articles: int = 2,
) -> list[FigureSeries]:
    """Group figure points that measure the same thing (see the module docstring).

    Average-linkage grouping over the cosine of the figures' masked context
    clauses, only between compatible figures (same kind, same currency, values
    within a factor 20 except for percentages).  Series reported by fewer than
    ``min_articles`` articles are dropped.  Points are sorted by date (undated
    last), series by how many articles report them.
    """
    cand = [p for p in points if p.figure.kind in SERIES_KINDS]
    # a kind that only one article reports cannot make a series across articles
    kind_articles: dict[str, set[str]] = {}
    for p in cand:
        kind_articles.setdefault(p.figure.kind, set()).add(p.figure.article_id)
    cand = [p for p in cand if len(kind_articles[p.figure.kind]) >= min_articles]
    n = len(cand)
    if n < 2:
        return []
    contexts = [context(p.figure) for p in cand]
    vecs = vectors(contexts)
    sims = (vecs @ vecs.T).astype(np.float64)
    keys = [_context_keys(c, p.figure.lang) for c, p in zip(contexts, cand, strict=True)]
    compat = np.zeros((n, n), dtype=bool)
    for i in range(n):
        for j in range(i + 1, n):
            if _compatible(cand[i].figure, cand[j].figure):
                compat[i, j] = compat[j, i] = True
                if keys[i] & keys[j]:
                    sims[i, j] += NAME_BONUS
                    sims[j, i] += NAME_BONUS
    # average linkage with Lance-Williams updates; a group stays compatible only
    # if all its members are compatible with the other group's members
    sizes = np.ones(n)
    active = np.ones(n, dtype=bool)
    members: list[list[int]] = [[i] for i in range(n)]
    np.fill_diagonal(compat, False)
    while True:
        mask = compat & active[:, None] & active[None, :]
        if not mask.any():
            break
        masked = np.where(mask, sims, -np.inf)
        idx = int(np.argmax(masked))
        i, j = divmod(idx, n)
        if masked[i, j] <= threshold:
            break
        merged = (sizes[i] * sims[i] + sizes[j] * sims[j]) / (sizes[i] + sizes[j])
        sims[i, :] = merged
        sims[:, i] = merged
        compat[i, :] &= compat[j, :]
        compat[:, i] = compat[i, :]
        compat[i, i] = False
        sizes[i] += sizes[j]
        active[j] = False
        members[i] += members[j]
    groups = [members[i] for i in range(n) if active[i]]
    out = []
    for g in groups:
        pts = [cand[i] for i in g]
        if len({p.figure.article_id for p in pts}) < min_articles:
            continue
        pts.sort(
            key=lambda p: (
                p.when is None,
                p.when or datetime.max,
                _HOW_RANK.get(p.date_how, 9),
                p.figure.article_id,
                p.figure.sentence_index,
            )
        )
        label = max(pts, key=lambda p: (p.figure.lang == "en", len(p.figure.subject))).figure
        out.append(FigureSeries(label.kind, label.unit, label.subject, pts))
    out.sort(key=lambda s: (-s.n_articles, -len(s.points)))
    return out
