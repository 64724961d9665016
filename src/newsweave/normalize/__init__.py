"""The normalize stage: fill ``clean_title`` and ``clean_text`` of an article.

``clean_title``/``clean_text`` are for display *and* for every later stage;
:func:`fold_for_matching` / :func:`fold_arabic` give comparison keys and must
never be shown.  See :mod:`newsweave.normalize.text` and
:mod:`newsweave.normalize.boilerplate` for the exact rules.
"""

from __future__ import annotations

from dataclasses import replace

from newsweave.model import Article
from newsweave.normalize.arabic import fold_arabic, fold_for_matching
from newsweave.normalize.boilerplate import is_boilerplate_line, strip_boilerplate
from newsweave.normalize.text import clean_text, clean_title, is_pretokenized, looks_segmented

__all__ = [
    "normalize_article",
    "clean_text",
    "clean_title",
    "is_pretokenized",
    "looks_segmented",
    "strip_boilerplate",
    "is_boilerplate_line",
    "fold_arabic",
    "fold_for_matching",
]


def normalize_article(article: Article) -> Article:
    """Return a copy of ``article`` with ``clean_title`` and ``clean_text`` set.

    The original ``title``/``text`` are untouched.  Word segmentation and
    pre-tokenization are judged on title and body together (a short title
    cannot be judged alone), the body is cleaned with :func:`clean_text`, then
    :func:`strip_boilerplate` removes title repeats and page furniture.
    Idempotent: normalizing a normalized article gives the same clean fields.
    """
    title = article.title or ""
    text = article.text or ""
    segmented = looks_segmented(title + "\n" + text)
    pretokenized = True if is_pretokenized(text) else None
    new_title = clean_title(title, segmented=segmented, pretokenized=pretokenized)
    body = clean_text(text, segmented=segmented, pretokenized=pretokenized)
    body = strip_boilerplate(body, title=new_title)
    return replace(article, clean_title=new_title, clean_text=body)
