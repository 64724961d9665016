"""The :class:`Encoder` contract and what text of an article gets embedded."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from newsweave.model import Article

LEAD_WORDS = 120


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into L2-normalized ``float32`` vectors of a fixed size.

    ``name`` identifies the model and its settings; the store keys its
    embedding cache on it, so two encoders never share cached vectors.
    """

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return an array of shape ``(len(texts), dim)``, rows of unit length."""
        ...


#: words of the body that stand in for a missing title
TITLE_SIZED_LEAD = 30


def embedding_text(article: Article, lead_words: int = LEAD_WORDS) -> str:
    """Title plus the first ``lead_words`` words of the clean text.

    Measured on the dev sets (BENCHMARKS.md): title + ~120-word lead beats the
    title alone and a 300-word lead (news puts the event in the lead; later
    paragraphs drift to background), and costs about a fifth of full text.
    """
    title = article.clean_title or article.title
    words = (article.clean_text or article.text).split()
    # an untitled article embeds a lead even when asked for titles only, or every
    # untitled article would get the vector of the empty string
    take = lead_words if title else max(lead_words, TITLE_SIZED_LEAD)
    lead = " ".join(words[:take])
    return f"{title}\n{lead}".strip()
