"""The langid stage: ISO 639-1 language of an article, offline, with py3langid.

Rules a caller must know:

* :func:`detect_language` returns a lowercase ISO 639-1 code (``"en"``,
  ``"zh"``), or ``None`` for empty text and text without letters (numbers,
  punctuation, symbols).  It reads at most the first ``max_chars``
  (2,000) characters, after turning segmentation underscores into spaces and
  dropping URLs and e-mail addresses.
* The py3langid model knows ~140 labels.  Labels without an ISO 639-1 code are
  mapped to their macro-language where one exists (Egyptian and Moroccan
  Arabic ``arz``/``ary`` -> ``ar``, Cantonese and Wu ``yue``/``wuu`` -> ``zh``,
  Southern Uzbek -> ``uz``, Southern Kurdish -> ``ku`` ...).  The others
  (Nigerian Pidgin, Extremaduran, Bikol, Ligurian ...) cannot be expressed in
  the output and are **not candidates**: their scores are ignored, so a short
  English headline is no longer called Nigerian Pidgin.  ``zxx`` (no
  linguistic content) is not a candidate either.
* A small log-prior penalty (:data:`LOW_PRIOR_PENALTY` nats) is applied to
  classical, constructed and small regional languages that are rarely the
  language of a news article (Latin, Esperanto, Aragonese, Occitan, Frisian,
  Luxembourgish ...).  Naive-Bayes scores grow with text length, so the prior
  only decides for very short texts (titles); on a paragraph the evidence wins.
* Chinese in traditional and simplified script are both ``zh``.  Malay and
  Indonesian are kept as the model says (``ms`` / ``id``): they are close
  standards of one language and short texts are often split between them;
  callers that cluster across languages should treat them as one language.
* No language restriction by default, since input can be any language;
  ``candidates=`` restricts one call (for example to the languages a feed is
  known to use) without changing the shared identifier.
* The identifier is loaded once, lazily, on first use (about 1 s), and shared
  (thread-safe).
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from typing import Any

from newsweave.model import Article

__all__ = [
    "detect_language",
    "detect_language_with_confidence",
    "detect_article_language",
    "get_identifier",
    "LOW_PRIOR_PENALTY",
]

DEFAULT_MAX_CHARS = 2000

# py3langid labels that are not ISO 639-1 codes but belong to one.
_TO_ISO1 = {
    "arz": "ar",  # Egyptian Arabic
    "ary": "ar",  # Moroccan Arabic
    "yue": "zh",  # Cantonese (written)
    "wuu": "zh",  # Wu Chinese
    "uzs": "uz",  # Southern Uzbek
    "sdh": "ku",  # Southern Kurdish
    "kik": "ki",  # Kikuyu
    "gug": "gn",  # Paraguayan Guarani
    "fuv": "ff",  # Nigerian Fulfulde
}

# Rarely the language of a news article; only matters for very short texts.
_LOW_PRIOR = frozenset(
    {"la", "eo", "vo", "an", "wa", "oc", "br", "fy", "lb", "fo", "se", "gd", "sa"}
)
LOW_PRIOR_PENALTY = 3.0  # nats, i.e. about 20x less likely a priori

_identifier: Any = None
_lock = threading.Lock()


def _load() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    if hasattr(LanguageIdentifier, "from_model_file"):  # py3langid >= 0.4
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=False)  # 0.3


def get_identifier() -> Any:
    """The shared py3langid identifier (raw log scores), created on first use."""
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                _identifier = _load()
    return _identifier


def _to_iso1(label: str) -> str | None:
    """ISO 639-1 code for a py3langid label, None when there is none."""
    if label in _TO_ISO1:
        return _TO_ISO1[label]
    if len(label) == 2 and label.isalpha():
        return label
    return None


_URL = re.compile(r"(?<!\S)(?:https?://|www\.)\S+|(?<!\S)[^\s@]+@\S+", re.IGNORECASE)
_SEGMENT_UNDERSCORE = re.compile(r"(?<=[^\W\d_])_(?=[^\W\d_])")
_SPACES = re.compile(r"\s+")


def _prepare(text: str, max_chars: int) -> str:
    # cut generously first so that the regexes never run over huge inputs
    text = text[: max_chars * 2]
    text = _URL.sub(" ", text)
    text = _SEGMENT_UNDERSCORE.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    if len(text) > max_chars:
        cut = text.rfind(" ", 0, max_chars)
        text = text[: cut if cut > max_chars // 2 else max_chars]
    return text


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


@lru_cache(maxsize=32)
def _scorer_for(candidates: frozenset[str] | None) -> dict[str, float]:
    """Label -> additive log prior; labels missing from the dict are excluded."""
    labels = dict.fromkeys(get_identifier().nb_classes)
    prior: dict[str, float] = {}
    for label in labels:
        iso = _to_iso1(label)
        if iso is None or (candidates is not None and iso not in candidates):
            continue
        prior[label] = -LOW_PRIOR_PENALTY if iso in _LOW_PRIOR else 0.0
    if not prior:
        raise ValueError(f"no known language among candidates {sorted(candidates or [])}")
    return prior


def _best(text: str, candidates: frozenset[str] | None) -> tuple[str, float, float]:
    """(iso code, best score, runner-up score) over the candidate labels."""
    prior = _scorer_for(candidates)
    best: dict[str, float] = {}
    for label, score in get_identifier().rank(text):
        if label not in prior:
            continue
        iso = _to_iso1(label)
        assert iso is not None
        value = float(score) + prior[label]
        if value > best.get(iso, float("-inf")):
            best[iso] = value
    ordered = sorted(best.items(), key=lambda kv: kv[1], reverse=True)
    top_lang, top = ordered[0]
    second = ordered[1][1] if len(ordered) > 1 else float("-inf")
    return top_lang, top, second


def _normalise_candidates(candidates: Iterable[str] | None) -> frozenset[str] | None:
    if candidates is None:
        return None
    return frozenset(c.lower() for c in candidates)


def detect_language(
    text: str,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    candidates: Iterable[str] | None = None,
) -> str | None:
    """ISO 639-1 code of ``text``, or None when it has no letters.

    ``candidates`` (ISO 639-1 codes) restricts this call only.
    """
    lang, _ = detect_language_with_confidence(text, max_chars=max_chars, candidates=candidates)
    return lang


def detect_language_with_confidence(
    text: str,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    candidates: Iterable[str] | None = None,
) -> tuple[str | None, float]:
    """Like :func:`detect_language`, plus a confidence in [0, 1].

    The confidence is the softmax share of the best language against the
    runner-up, with py3langid's length temperature (scores divided by the
    square root of the byte length), so it is comparable across lengths:
    about 0.5 means a coin toss between two languages, short titles are
    typically 0.6-0.9, paragraphs ~1.0.  ``(None, 0.0)`` for no letters.
    """
    if not text:
        return None, 0.0
    prepared = _prepare(text, max_chars)
    if not _has_letters(prepared):
        return None, 0.0
    lang, top, second = _best(prepared, _normalise_candidates(candidates))
    if second == float("-inf"):
        return lang, 1.0
    temperature = max(len(prepared.encode("utf-8")), 1) ** 0.5
    margin = (top - second) / temperature
    return lang, 1.0 / (1.0 + math.exp(-margin))


def detect_article_language(article: Article) -> Article:
    """Return the article with ``lang`` set.

    A ``lang`` already given by the source is kept (the article is returned
    unchanged).  Otherwise the language is detected from ``clean_title`` and
    ``clean_text`` (normalize first; the raw fields are a fallback) and a copy
    is returned with ``lang`` set, possibly to None for letterless content.
    """
    if article.lang:
        return article
    title = article.clean_title or article.title or ""
    body = article.clean_text or article.text or ""
    text = f"{title}\n{body}".strip()
    return replace(article, lang=detect_language(text))
