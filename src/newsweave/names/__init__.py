"""Names keyed across scripts: evidence that two articles report the same event.

>>> keys = article_name_keys("Army frees Sheikh Saeed in Aleppo", "", "en")
>>> sorted(keys)  # doctest: +SKIP
['place:170063', 'sk:sd', 'sk:xhsd']

:func:`article_name_keys` maps *canonical keys* to a salience weight in (0, 1]:

* ``place:<geonameid>`` when the gazetteer resolves the name (``Aleppo``,
  ``Alep``, ``حلب``, ``Алеппо`` all give ``place:170063``);
* else ``sk:<skeleton>``, the consonant skeleton of the whole name
  (``Bustan al-Qasr`` = ``بستان القصر`` -> ``sk:bstnksr``); for a multi-word
  name also the skeletons of its distinctive words (surnames, the ``Y`` of
  ``Bab al-Y``) at lower weight, and a place for its first word when that is a
  large place (``Tokyo Olympics``);
* an English demonym (``Syrian``) adds its country at lower weight.

Weights: every mention adds its position weight (title 1.0, lead 0.6, later
0.3) times the key's factor (whole name 1.0, last distinctive word 0.5, other
words 0.3); the sum ``s`` becomes ``1 - exp(-1.2 s)`` (saturating), and ``sk``
keys are scaled by :func:`newsweave.names.keys.key_strength` (short skeletons
are weak evidence).
"""

from __future__ import annotations

import math
from functools import lru_cache

from newsweave.names.extract import (
    NameSpan,
    demonym_country,
    distinctive_parts,
    name_spans,
    name_spans_in_context,
)
from newsweave.names.gazetteer import Place, lookup_place
from newsweave.names.keys import key_strength, name_key, name_similarity, romanize, skeleton

__all__ = [
    "article_name_keys",
    "span_keys",
    "NameSpan",
    "Place",
    "name_spans",
    "lookup_place",
    "name_key",
    "name_similarity",
    "romanize",
    "skeleton",
]

TITLE_WEIGHT = 1.0
LEAD_WEIGHT = 0.6
LATER_WEIGHT = 0.3
LEAD_CHARS = 400
PART_LAST = 0.5
PART_OTHER = 0.3
_SATURATION = 1.2


@lru_cache(maxsize=50_000)
def span_keys(text: str, key: str, lang: str | None) -> tuple[tuple[str, float], ...]:
    """Canonical keys of one name span, each with its factor (1.0 = the whole name)."""
    place = lookup_place(text, lang)
    if place is not None:
        return ((place.key, 1.0),)
    out: dict[str, float] = {f"sk:{key}": 1.0}
    parts = distinctive_parts(text, lang)
    words = text.split()
    if len(words) > 1 or "-" in text:
        first = words[0]
        if parts and parts[0] == first:
            p = lookup_place(first, lang, min_population=100_000)
            if p is not None:
                out.setdefault(p.key, PART_LAST)
                parts = parts[1:]
        for k, part in enumerate(parts):
            pk = name_key(part, lang)
            if pk and pk != key:
                f = PART_LAST if k == len(parts) - 1 else PART_OTHER
                out[f"sk:{pk}"] = max(out.get(f"sk:{pk}", 0.0), f)
    elif lang in (None, "en"):
        p = demonym_country(text)
        if p is not None:  # "Syrian": evidence for Syria, not a name of its own
            return ((p.key, PART_LAST),)
    return tuple(out.items())


def _cut(text: str, max_chars: int) -> str:
    if len(text) <= max_chars:
        return text
    cut = text.rfind(" ", max(0, max_chars - 40), max_chars)
    return text[: cut if cut > 0 else max_chars]


def article_name_keys(
    title: str,
    text: str,
    lang: str | None,
    max_chars: int = 1500,
    surfaces: dict[str, str] | None = None,
) -> dict[str, float]:
    """Canonical name keys of an article with their salience weight in (0, 1].

    Uses the title and the first ``max_chars`` characters of ``text``.  See the
    module docstring for the keys and the weighting.  When ``surfaces`` is given,
    it receives the first surface form seen for each key (for explanations).
    """
    title = title or ""
    body = _cut(text or "", max_chars)
    raw: dict[str, float] = {}

    def add(spans: list[NameSpan], pos_weight) -> None:
        for sp in spans:
            w = pos_weight(sp)
            for k, f in span_keys(sp.text, sp.key, lang):
                raw[k] = raw.get(k, 0.0) + w * f
                if surfaces is not None:
                    surfaces.setdefault(k, sp.text)

    if title.strip():
        add(name_spans_in_context(title, lang, body), lambda sp: TITLE_WEIGHT)
    if body.strip():
        add(
            name_spans(body, lang),
            lambda sp: LEAD_WEIGHT if sp.start < LEAD_CHARS else LATER_WEIGHT,
        )
    out: dict[str, float] = {}
    for k, s in raw.items():
        w = 1.0 - math.exp(-_SATURATION * s)
        if k.startswith("sk:"):
            w *= key_strength(k[3:])
        if w > 0:
            out[k] = round(w, 4)
    return out
