"""Extractive headlines and summaries, in the reader's language when possible.

Nothing is generated: every line is a sentence (or a title) that an article
of the story wrote, shown with its article, source and language.

* **Centrality**: a sentence scores by its cosine (multilingual encoder) to the
  story's centre, the mean of its *independent sources* — each group of
  copies and translations found by provenance counts once, so ten copies of
  one wire story do not outvote three independent reports — plus a small
  bonus for the lead (news puts the news first).
* **Reader's language**: when the reader asks for ``lang`` and the story has
  sentences in it, the summary is chosen among those; otherwise the best
  sentences of any language are chosen and each is marked with its language.
* **No repeats**: sentences are picked by maximal marginal relevance, so a
  second sentence saying what the first said (in any language) is skipped.

>>> # see newsweave.enrich.tell.tell_story for the end-to-end call
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["Line", "SummaryInput", "pick_headline", "pick_summary"]

LEAD_BONUS = 0.02
REDUNDANT = 0.90  # cosine above which a candidate repeats an already chosen line


@dataclass
class Line:
    """One extracted line: its text and where it comes from."""

    text: str
    lang: str
    article_id: str
    source: str
    in_reader_lang: bool = True

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "lang": self.lang,
            "article_id": self.article_id,
            "source": self.source,
            "in_reader_lang": self.in_reader_lang,
        }

    def render(self) -> str:
        mark = "" if self.in_reader_lang else f"[{self.lang}] "
        return f"{mark}{self.text}  ({self.source})"


@dataclass
class SummaryInput:
    """One article's candidate lines with their vectors (title first when ``has_title``)."""

    article_id: str
    lang: str
    source: str
    units: list[str]
    vectors: np.ndarray
    has_title: bool
    group: int = 0  # provenance group: copies share one vote


_SKIP = re.compile(
    r"^(source|sources|nguồn|fuente|fonte|quelle|источник|المصدر|来源|sumber)\s*[:：]", re.I
)


def _usable(text: str) -> bool:
    words = len(text.split())
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    if _SKIP.match(text) or text.rstrip().endswith(":"):
        return False
    return words >= 6 or cjk >= 12


def _centre(items: Sequence[SummaryInput]) -> np.ndarray:
    groups: dict[int, list[np.ndarray]] = {}
    for it in items:
        if len(it.vectors):
            groups.setdefault(it.group, []).append(it.vectors.mean(axis=0))
    if not groups:
        return np.zeros(0, dtype=np.float32)
    c = np.mean([np.mean(v, axis=0) for v in groups.values()], axis=0)
    return c / max(float(np.linalg.norm(c)), 1e-9)


def _one_line(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 60 else limit].rstrip(",;: ") + " …"


def pick_headline(items: Sequence[SummaryInput], lang: str | None = None) -> Line | None:
    """The most central title in the reader's language, else the most central title;
    articles without a title offer their first sentence instead."""
    centre = _centre(items)
    cands: list[tuple[float, SummaryInput, str]] = []
    for it in items:
        if not it.units or not len(it.vectors):
            continue
        text, vec = it.units[0], it.vectors[0]
        score = float(vec @ centre) if centre.size else 0.0
        if not it.has_title:
            score -= 0.01  # a real title beats a lead sentence
        cands.append((score, it, text))
    if not cands:
        return None
    pool = [c for c in cands if lang and c[1].lang == lang] or cands
    score, it, text = max(pool, key=lambda c: c[0])
    return Line(_one_line(text), it.lang, it.article_id, it.source, lang is None or it.lang == lang)


def pick_summary(items: Sequence[SummaryInput], lang: str | None = None, n: int = 3) -> list[Line]:
    """Up to ``n`` central, non-redundant body sentences (see the module docstring)."""
    centre = _centre(items)
    if not centre.size:
        return []
    cands: list[tuple[float, np.ndarray, SummaryInput, str]] = []
    for it in items:
        start = 1 if it.has_title else 0
        for k, (text, vec) in enumerate(zip(it.units[start:], it.vectors[start:], strict=False)):
            if not _usable(text):
                continue
            score = float(vec @ centre) + LEAD_BONUS / (1 + k)
            cands.append((score, vec, it, text))
    pool = [c for c in cands if lang and c[2].lang == lang] or cands
    pool.sort(key=lambda c: -c[0])
    chosen: list[tuple[float, np.ndarray, SummaryInput, str]] = []
    for c in pool:
        if any(float(c[1] @ o[1]) >= REDUNDANT for o in chosen):
            continue
        chosen.append(c)
        if len(chosen) >= n:
            break
    return [
        Line(_one_line(t, 400), it.lang, it.article_id, it.source, lang is None or it.lang == lang)
        for _, _, it, t in chosen
    ]
