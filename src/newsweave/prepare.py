"""The stages before weaving, for one batch: normalize, detect language, embed.

``prepare_batch`` turns :class:`~newsweave.model.Article` objects into
:class:`~newsweave.model.PreparedArticle` objects. It is stateless apart from
the encoder and the embedding cache, so an engine may run it in parallel
(:mod:`newsweave.engine`); only the weaving after it is sequential.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import numpy as np

from newsweave.encode import LEAD_WORDS, Encoder, embedding_text
from newsweave.langid import detect_article_language
from newsweave.model import Article, PreparedArticle, RecordError
from newsweave.names import article_name_keys
from newsweave.normalize import normalize_article
from newsweave.weave.lexical import word_counts

#: undetectable language (only digits, symbols): still woven, compared by embedding
UNKNOWN_LANGUAGE = "und"

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

VectorCache = tuple[
    Callable[[list[str]], dict[str, np.ndarray]], Callable[[dict[str, np.ndarray]], None]
]


def hours_since_epoch(dt: datetime | None) -> float | None:
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return (dt - _EPOCH).total_seconds() / 3600.0


def cache_key(encoder: Encoder, text: str) -> str:
    return encoder.name + ":" + hashlib.sha1(text.encode("utf-8")).hexdigest()


def clean(article: Article) -> Article | RecordError:
    """Normalize and detect the language; an article left with no words is an error."""
    article = detect_article_language(normalize_article(article))
    if not (article.clean_title.strip() or article.clean_text.strip()):
        return RecordError(article.origin or article.id, "no text left after cleaning")
    return article


def prepare_batch(
    articles: Sequence[Article],
    encoder: Encoder,
    cache: VectorCache | None = None,
    lead_words: int = LEAD_WORDS,
) -> list[PreparedArticle | RecordError]:
    """Clean, embed (through the cache) and extract words and names for a batch.

    ``lead_words`` is how much of the body goes with the title into the
    embedding and the word signal (see :func:`newsweave.encode.embedding_text`).
    """
    cleaned = [clean(a) for a in articles]
    good = [a for a in cleaned if isinstance(a, Article)]
    texts = [embedding_text(a, lead_words) for a in good]
    keys = [cache_key(encoder, t) for t in texts]
    found = cache[0](keys) if cache else {}
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in found}.items())
    if missing:
        vectors = encoder.encode([t for _, t in missing])
        fresh = {k: v for (k, _), v in zip(missing, vectors, strict=True)}
        if cache:
            cache[1](fresh)
        found.update(fresh)
    out: list[PreparedArticle | RecordError] = []
    by_id = {}
    for a, text, key in zip(good, texts, keys, strict=True):
        surfaces: dict[str, str] = {}
        lang = a.lang or UNKNOWN_LANGUAGE
        names = article_name_keys(a.clean_title, a.clean_text, a.lang, surfaces=surfaces)
        by_id[id(a)] = PreparedArticle(
            article=a,
            lang=lang,
            time=hours_since_epoch(a.published),
            vector=found[key],
            words=word_counts(text),
            names=names,
            name_surfaces=surfaces,
        )
    for item in cleaned:
        out.append(by_id[id(item)] if isinstance(item, Article) else item)
    return out
