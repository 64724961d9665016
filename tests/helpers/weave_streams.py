"""Realistic prepared-article streams for the weave-at-scale tests (no encoder needed).

Happenings are clusters in embedding space (a topic direction, a per-happening
direction and per-article noise, plus a per-language offset that the index's
centring must remove); their articles share the happening's rare words and
names and some common ones, are spread over hours, and interleave with other
happenings. Deterministic for a seed.
"""

from __future__ import annotations

import numpy as np

from newsweave.model import Article, PreparedArticle

DIM = 64
LANGS = ("en", "fr", "de", "es")


def stream(
    n: int,
    per_day: float = 400.0,
    seed: int = 3,
    happening_size: int = 6,
    spread_hours: float = 36.0,
) -> list[PreparedArticle]:
    rng = np.random.default_rng(seed)
    topics = rng.standard_normal((12, DIM))
    lang_offset = {lang: rng.standard_normal(DIM) * 0.6 for lang in LANGS}
    common = [f"common{i}" for i in range(40)]
    out: list[PreparedArticle] = []
    hours_per_article = 24.0 / per_day
    happening = 0
    while len(out) < n * 2:
        start = happening * hours_per_article * happening_size
        topic = topics[happening % len(topics)]
        centre = topic + rng.standard_normal(DIM) * 0.9
        size = int(rng.integers(1, 2 * happening_size))
        rare = [f"w{happening}x{j}" for j in range(5)]
        names = [f"n{happening}x{j}" for j in range(2)]
        for j in range(size):
            lang = LANGS[int(rng.integers(len(LANGS)))]
            v = centre + rng.standard_normal(DIM) * 0.35 + lang_offset[lang]
            v = (v / np.linalg.norm(v)).astype(np.float32)
            words = {w: 1.0 for w in rng.choice(rare, size=3, replace=False)}
            words.update({w: 1.0 for w in rng.choice(common, size=4, replace=False)})
            shared_names = {k: 1.0 for k in names if rng.random() < 0.7}
            aid = f"h{happening}-{j}"
            out.append(
                PreparedArticle(
                    article=Article(id=aid, title=aid, clean_title=aid),
                    lang=lang,
                    time=start + float(rng.uniform(0, spread_hours)),
                    vector=v,
                    words=words,
                    names=shared_names,
                    name_surfaces={k: k.upper() for k in shared_names},
                )
            )
        happening += 1
    out.sort(key=lambda p: p.time)
    return out[:n]


def small_params(**changes):
    """The shipped parameters with ``changes``, without the 384-d language priors."""
    from newsweave.weave import WeaveParams

    p = WeaveParams.load()
    p.language_means, p.global_mean = {}, []
    for k, v in changes.items():
        setattr(p, k, v)
    return p
