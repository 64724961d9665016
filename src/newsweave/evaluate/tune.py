"""``newsweave tune``: learn the weaving parameters from labelled dev data.

1. Prepare every dev set (the same cleaning and embedding as ``ingest``).
2. Language prior means: the mean embedding of each language with at least
   100 dev articles, and their average as the global prior.
3. Teacher forcing: stream each set through the real :class:`OnlineWeaver`,
   but place every article where the gold says. For each article, every open
   candidate event gives one example: its signals, labelled 1 if it is the
   article's gold event.
4. Fit a logistic regression (L2, Newton's method), each dev set weighing the
   same whatever its size, so no single set decides.
5. Choose the event threshold, then the merge threshold, that maximize the
   mean BCubed F1 of real online runs over the dev sets.

The result is written to ``weave/params.json`` with the command, the date and
the per-set scores, so anyone can reproduce it. Only ``articles.jsonl`` and
``gold.jsonl`` are read; no label-leaking field reaches the weaver.
"""

from __future__ import annotations

import shlex
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from newsweave.encode import LEAD_WORDS, get_encoder
from newsweave.engine import LocalEngine
from newsweave.evaluate.bcubed import bcubed
from newsweave.evaluate.run import default_cache_path, publication_order, read_articles, read_gold
from newsweave.model import PreparedArticle
from newsweave.store import SQLiteStore, content_hash
from newsweave.weave import SIGNALS, Decision, OnlineWeaver, WeaveParams

DEV_SETS = ("og2021", "sg_news_ac", "vietnamese_mds_ktlab", "ecbplus_docs")
MIN_ARTICLES_FOR_PRIOR = 100


@dataclass
class DevSet:
    name: str
    prepared: list[PreparedArticle]
    gold: dict[str, str]
    copies: dict[str, str]  # article id -> id of the earlier article with the same text


def load_dev_set(
    folder: Path,
    encoder_name: str | None,
    cache_path: str | None,
    log: Callable[[str], None],
    lead_words: int = LEAD_WORDS,
) -> DevSet:
    articles, errors = read_articles(folder / "articles.jsonl")
    if errors:
        log(f"{folder.name}: {len(errors)} unreadable records skipped")
    gold = read_gold(folder / "gold.jsonl")
    articles = [a for a in publication_order(articles) if a.id in gold]
    encoder = get_encoder(encoder_name)
    cache = SQLiteStore(cache_path) if cache_path else None
    engine = LocalEngine()
    prepared: list[PreparedArticle] = []
    started = time.perf_counter()
    for start in range(0, len(articles), 256):
        batch = articles[start : start + 256]
        out = engine.prepare(
            batch,
            encoder,
            (cache.cached_vectors, cache.cache_vectors) if cache else None,
            lead_words,
        )
        prepared.extend(p for p in out if isinstance(p, PreparedArticle))
    # as in ingest, a copy of a text already seen is not woven again: it shares its
    # original's cluster (kept in `copies` for scoring)
    seen: dict[str, str] = {}
    unique: list[PreparedArticle] = []
    copies: dict[str, str] = {}
    for p in prepared:
        h = content_hash(p.article)
        if h in seen:
            copies[p.article.id] = seen[h]
        else:
            seen[h] = p.article.id
            unique.append(p)
    prepared = unique
    log(f"{folder.name}: {len(prepared)} articles prepared in {time.perf_counter() - started:.0f}s")
    if cache:
        cache.close()
    return DevSet(folder.name, prepared, gold, copies)


def prior_means(sets: list[DevSet]) -> tuple[dict[str, list[float]], list[float]]:
    sums: dict[str, np.ndarray] = {}
    counts: dict[str, int] = {}
    for s in sets:
        for p in s.prepared:
            sums[p.lang] = sums.get(p.lang, 0) + p.vector.astype(np.float64)
            counts[p.lang] = counts.get(p.lang, 0) + 1
    means = {
        lang: sums[lang] / counts[lang]
        for lang in sorted(sums)
        if counts[lang] >= MIN_ARTICLES_FOR_PRIOR
    }
    if not means:  # no language has enough articles: no priors, centring starts cold
        return {}, []
    overall = np.mean(list(means.values()), axis=0)
    rounded = {k: [round(float(x), 5) for x in v] for k, v in means.items()}
    return rounded, [round(float(x), 5) for x in overall]


def teacher_forced_examples(s: DevSet, params: WeaveParams) -> tuple[np.ndarray, np.ndarray]:
    """Signals of every (article, open candidate event) pair, labelled by the gold."""
    weaver = OnlineWeaver(len(s.prepared[0].vector), params)
    internal: dict[str, int] = {}  # gold cluster -> internal event index
    feats, labels = [], []
    for p in s.prepared:
        word_vec = weaver.index._word_vector(p.words)
        cands = weaver.index.signals(p, "event", word_vec)
        target = internal.get(s.gold[p.article.id])
        choice = None
        if cands is not None:
            hit = cands.clusters == (target if target is not None else -1)
            feats.append(cands.features)
            labels.append(hit.astype(np.float64))
            if hit.any():
                choice = int(np.nonzero(hit)[0][0])
        placement = weaver.commit(p, Decision(choice, [], None, cands, word_vec))
        internal[s.gold[p.article.id]] = weaver.index.events.by_id[placement.event_id]
    return np.concatenate(feats), np.concatenate(labels)


def fit_logistic(
    xs: list[np.ndarray], ys: list[np.ndarray], l2: float = 1.0, iterations: int = 50
) -> tuple[np.ndarray, float]:
    """Weighted logistic regression by Newton's method; each set weighs the same."""
    x = np.concatenate(xs)
    y = np.concatenate(ys)
    w = np.concatenate([np.full(len(v), len(y) / (len(xs) * len(v))) for v in ys])
    xb = np.hstack([x, np.ones((len(x), 1))])
    beta = np.zeros(xb.shape[1])
    reg = np.full(xb.shape[1], l2)
    reg[-1] = 0.0  # no penalty on the bias
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ beta, -40, 40)))
        grad = xb.T @ (w * (p - y)) + reg * beta
        hess = (xb * (w * p * (1 - p))[:, None]).T @ xb + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta[:-1], float(beta[-1])


def online_f1(s: DevSet, params: WeaveParams) -> tuple[float, float, float]:
    weaver = OnlineWeaver(len(s.prepared[0].vector), params)
    predicted = {p.article.id: weaver.place(p).event_id for p in s.prepared}
    # merges rename events after the fact: read the final membership from the index
    final = {
        aid: weaver.index.events.ids[int(weaver.index.event_of.view[row])]
        for aid, row in weaver.index.row_of.items()
    }
    predicted.update(final)
    for copy, original in s.copies.items():
        predicted[copy] = predicted[original]
    gold = {aid: s.gold[aid] for aid in predicted}
    score = bcubed(predicted, gold)
    return score.precision, score.recall, score.f1


def tune(
    datasets_dir: str | Path,
    out: str | Path | None,
    encoder: str | None = None,
    thresholds: tuple[float, ...] = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4),
    merge_thresholds: tuple[float, ...] = (0.3, 0.4, 0.5, 0.7, 0.95),
    sets: tuple[str, ...] = DEV_SETS,
    log: Callable[[str], None] = print,
) -> WeaveParams:
    root = Path(datasets_dir)
    cache = default_cache_path()
    Path(cache).parent.mkdir(parents=True, exist_ok=True)
    dev = [load_dev_set(root / name, encoder, cache, log) for name in sets]
    params = WeaveParams.load()
    params.language_means, params.global_mean = prior_means(dev)
    log(f"prior means for languages: {', '.join(params.language_means)}")

    xs, ys = [], []
    for s in dev:
        started = time.perf_counter()
        x, y = teacher_forced_examples(s, params)
        xs.append(x)
        ys.append(y)
        log(
            f"{s.name}: {len(y)} candidate pairs, {int(y.sum())} positive "
            f"({time.perf_counter() - started:.0f}s)"
        )
    weights, bias = fit_logistic(xs, ys)
    params.weights = [round(float(v), 4) for v in weights]
    params.bias = round(bias, 4)
    log("weights: " + ", ".join(f"{n}={w:+.2f}" for n, w in zip(SIGNALS, weights, strict=True)))

    def sweep(setting: str, values: tuple[float, ...]) -> dict[str, tuple[float, float, float]]:
        """Set ``params.<setting>`` to the value with the best mean online F1."""
        best: tuple[float, float, dict] | None = None
        for value in values:
            setattr(params, setting, value)
            scores = {s.name: online_f1(s, params) for s in dev}
            mean_f1 = float(np.mean([f for _, _, f in scores.values()]))
            log(
                f"{setting} {value:.2f}: mean F1 {mean_f1:.4f}  "
                + "  ".join(f"{k} {v[2]:.3f}" for k, v in scores.items())
            )
            if best is None or mean_f1 > best[0]:
                best = (mean_f1, value, scores)
        assert best is not None
        setattr(params, setting, best[1])
        return best[2]

    # one coordinate at a time: the event threshold decides most, then how
    # readily an article that fits two events merges them
    sweep("event_threshold", thresholds)
    merges = tuple(m for m in merge_thresholds if m > params.event_threshold)
    chosen = sweep("merge_threshold", merges)
    params.provenance = (
        f"{datetime.now(UTC).date().isoformat()}: newsweave tune "
        f"{shlex.join(sys.argv[2:]) if len(sys.argv) > 2 else ''}".strip()
        + f" | sets: {', '.join(s.name for s in dev)} | event F1 at event_threshold "
        + f"{params.event_threshold}, merge_threshold {params.merge_threshold}: "
        + ", ".join(f"{k} {v[2]:.3f} (P {v[0]:.3f} R {v[1]:.3f})" for k, v in chosen.items())
    )
    if out:
        params.save(out)
        log(f"wrote {out}")
    return params
