"""Who covered a story, in which languages, when each first did, and what each alone says.

* **Languages** and **sources**: article counts, the first date (published or
  estimated, see :mod:`newsweave.enrich.dates`) and the first article.
* **Exclusive names**: name keys (cross-script, :mod:`newsweave.names`) that
  only one source's articles mention — ``Bustan al-Qasr`` and ``بستان القصر``
  are one key, so a name written in another script elsewhere is not exclusive.
* **Exclusive figures**: figures (:mod:`newsweave.enrich.figures`) whose kind,
  unit and value no other source reports (values within 1 % are the same).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from newsweave.enrich.dates import DateEstimate
from newsweave.enrich.figures import Figure

__all__ = ["CoverageArticle", "Coverage", "build_coverage"]

MIN_NAME_WEIGHT = 0.3
MAX_EXCLUSIVE = 8


@dataclass
class CoverageArticle:
    """What coverage needs of one article."""

    id: str
    source: str
    lang: str
    date: DateEstimate
    names: dict[str, float]  # name key -> salience
    surfaces: dict[str, str]  # name key -> a surface form
    figures: list[Figure]
    seq: int = 0


@dataclass
class Coverage:
    languages: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"languages": self.languages, "sources": self.sources}


def _first(arts: Sequence[CoverageArticle]) -> CoverageArticle:
    return min(arts, key=lambda a: (a.date.when is None, a.date.when or datetime.max, a.seq))


def _same_value(a: Figure, b: Figure) -> bool:
    if a.kind != b.kind or a.unit != b.unit:
        return False
    if isinstance(a.value, str) or isinstance(b.value, str):
        return a.value == b.value
    hi = max(abs(a.value), abs(b.value))
    return hi == 0 or abs(a.value - b.value) / hi <= 0.01


def build_coverage(arts: Sequence[CoverageArticle]) -> Coverage:
    """Per-language and per-source coverage with each source's exclusive names and figures."""
    cov = Coverage()
    by_lang: dict[str, list[CoverageArticle]] = defaultdict(list)
    by_src: dict[str, list[CoverageArticle]] = defaultdict(list)
    for a in arts:
        by_lang[a.lang].append(a)
        by_src[a.source].append(a)
    for lang, group in sorted(by_lang.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        f = _first(group)
        cov.languages.append(
            {
                "lang": lang,
                "articles": len(group),
                "first_article": f.id,
                "first_source": f.source,
                **{"first_" + k: v for k, v in f.date.as_dict().items()},
            }
        )
    key_sources: dict[str, set[str]] = defaultdict(set)
    for a in arts:
        for k, w in a.names.items():
            if w >= 0.1:
                key_sources[k].add(a.source)
    for src, group in sorted(
        by_src.items(),
        key=lambda kv: (
            _first(kv[1]).date.when is None,
            _first(kv[1]).date.when or datetime.max,
            _first(kv[1]).seq,
        ),
    ):
        f = _first(group)
        names: dict[str, tuple[float, str]] = {}
        for a in group:
            for k, w in a.names.items():
                exclusive_key = w >= MIN_NAME_WEIGHT and key_sources[k] == {src}
                if exclusive_key and (k not in names or names[k][0] < w):
                    names[k] = (w, a.surfaces.get(k, k))
        others = [fig for a in arts if a.source != src for fig in a.figures]
        exclusive: list[Figure] = []
        for a in group:
            for fig in a.figures:
                if fig.kind in ("duration", "date") or any(_same_value(fig, o) for o in others):
                    continue
                if any(_same_value(fig, e) for e in exclusive):
                    continue
                exclusive.append(fig)
        cov.sources.append(
            {
                "source": src,
                "articles": len(group),
                "languages": sorted({a.lang for a in group}),
                "first_article": f.id,
                **{"first_" + k: v for k, v in f.date.as_dict().items()},
                "exclusive_names": [s for _, s in sorted(names.values(), key=lambda t: -t[0])][
                    :MAX_EXCLUSIVE
                ],
                "exclusive_figures": [
                    {
                        "text": x.text,
                        "value": x.value,
                        "unit": x.unit,
                        "subject": x.subject,
                        "article_id": x.article_id,
                    }
                    for x in exclusive[:MAX_EXCLUSIVE]
                ],
            }
        )
    return cov
