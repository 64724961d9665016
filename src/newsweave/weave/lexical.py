"""Word-level lexical signal: which words an article shares with an event.

Embeddings blur the details that tell two similar events apart (the score,
the date, the victim's name); shared rare words keep them. Words are
romanized (``anyascii``) and folded so that names written in Cyrillic or
Arabic script can meet their Latin spelling; Chinese/Japanese/Korean runs
become character bigrams, the usual unit for CJK retrieval. Weights are
sublinear term frequency; inverse document frequency is applied by the
index at arrival time, from the stream seen so far.

>>> sorted(word_counts("Nishiya wins gold; Нишия 13 лет"))
['13', 'gold', 'let', 'nishiia', 'nishiya', 'wins']
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

from anyascii import anyascii

_WORD = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")
_NON_ALNUM = re.compile(r"[^a-z0-9]")


def tokens(text: str) -> list[str]:
    """Romanized, lower-cased word tokens (CJK as character bigrams)."""
    text = unicodedata.normalize("NFKC", text)
    out: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group()
        if _CJK.search(word):
            for run in _CJK.findall(word):
                out.extend(run[i : i + 2] for i in range(max(1, len(run) - 1)))
            continue
        folded = _NON_ALNUM.sub("", anyascii(word).lower())
        if 2 <= len(folded) <= 40:
            out.append(folded)
    return out


def word_counts(text: str) -> dict[str, float]:
    """Sublinear term frequencies ``1 + log(tf)`` of :func:`tokens`."""
    return {t: 1.0 + math.log(n) for t, n in Counter(tokens(text)).items()}
