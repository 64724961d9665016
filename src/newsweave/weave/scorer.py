"""The placement model: how signals combine into one probability.

A logistic regression over a few interpretable signals (see
:data:`SIGNALS`), learned by :mod:`newsweave.evaluate.tune` on the dev sets in
``../shared/datasets`` and stored in ``weave/params.json`` together with the
command that produced it. Logistic regression was chosen over gradient-boosted
trees after leave-one-dataset-out checks: trees fit each dev set better but
transferred worse to the set left out (BENCHMARKS.md), and a linear model
lets ``show`` explain a placement as a sum of signal contributions.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np

#: The signals computed for one (article, candidate event) pair, in order.
SIGNALS: tuple[str, ...] = (
    "emb_centroid",  # cosine to the event centroid, language-centred embeddings
    "emb_nearest",  # cosine to the most similar member
    "words_centroid",  # TF-IDF cosine to the event's word centroid
    "words_nearest",  # TF-IDF cosine to the most similar member
    "names_share",  # IDF-weighted share of the article's names found in the event
    "names_rarest",  # IDF x salience of the rarest shared name
    "log_hours_gap",  # log(1 + hours since the event's latest article)
    "same_language",  # share of the event's articles in the article's language
    "log_size",  # log of the event's size
    "emb_centroid_crosslingual",  # emb_centroid when no member shares the language
)


@dataclass
class WeaveParams:
    """Everything the weaver needs to decide, with the defaults learned on dev data."""

    weights: list[float] = field(default_factory=lambda: [0.0] * len(SIGNALS))
    bias: float = 0.0
    #: join the best event when its probability reaches this
    event_threshold: float = 0.3
    #: chain a new event into the best story when its probability reaches this
    story_threshold: float = 0.1
    #: merge a second event into the chosen one when the article also fits it this well
    merge_threshold: float = 0.9
    #: an event stays open this many hours after its latest article
    event_window_hours: float = 96.0
    #: a story stays open this many hours after its latest article
    story_window_hours: float = 24.0 * 10
    #: at most this many recent events are candidates (streams without dates)
    max_candidate_events: int = 4000
    #: an event quiet this many hours retires from the active set (no longer an event
    #: candidate); its articles stay in memory, and in the ANN buckets, for story linking
    #: until it has been quiet for the story window too
    active_hours: float = 96.0
    #: below this many articles in the recent window, candidates are every open event
    #: (exact and fast enough); above it, they are retrieved: approximate nearest
    #: neighbours (faiss HNSW per time bucket) plus rare shared words and names
    ann_min_rows: int = 2_000
    #: nearest articles fetched from each time bucket of the ANN index
    ann_k: int = 32
    #: articles fetched by shared words, and again by shared names, per placement
    lexical_k: int = 32
    #: hours of stream per ANN bucket (a bucket is dropped whole when it leaves the window)
    ann_bucket_hours: float = 24.0
    #: below this many articles in memory nothing is evicted; above it, events quiet
    #: for longer than the story window leave memory (the store keeps them)
    evict_min_rows: int = 50_000
    #: word and name document frequencies are exact; above this many distinct terms,
    #: terms seen once whose article has left memory are forgotten
    max_vocabulary: int = 2_000_000
    #: shrink a language's running mean towards the global mean with this many pseudo-articles
    language_prior: float = 10.0
    #: words of the body embedded with the title (and read by the word signal)
    lead_words: int = 120
    #: how the parameters were produced
    provenance: str = ""
    #: prior mean embedding per language (and overall), so centring works from the
    #: first article of a language; learned on the dev sets by ``newsweave tune``
    language_means: dict[str, list[float]] = field(default_factory=dict)
    global_mean: list[float] = field(default_factory=list)

    def prior_mean(self, lang: str, dim: int) -> np.ndarray:
        if lang in self.language_means:
            return np.asarray(self.language_means[lang], dtype=np.float64)
        if len(self.global_mean) == dim:
            return np.asarray(self.global_mean, dtype=np.float64)
        return np.zeros(dim)

    def probability(self, features: np.ndarray) -> np.ndarray:
        z = features @ np.asarray(self.weights, dtype=np.float64) + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))

    def contributions(self, features: np.ndarray) -> dict[str, float]:
        """Each signal's value times its weight: the terms of the decision."""
        return {
            name: float(w * v) for name, w, v in zip(SIGNALS, self.weights, features, strict=True)
        }

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path | None = None) -> WeaveParams:
        """Load ``path``, or the tuned parameters shipped with the package."""
        if path is None:
            text = resources.files("newsweave.weave").joinpath("params.json").read_text("utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        data = json.loads(text)
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        params = cls(**known)
        if len(params.weights) != len(SIGNALS):
            raise ValueError(
                f"{path or 'params.json'}: {len(params.weights)} weights for {len(SIGNALS)} signals"
            )
        return params
