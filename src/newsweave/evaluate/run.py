"""``newsweave eval``: stream labelled articles through the weaver and score it.

Articles go through exactly the code ``ingest`` uses (reader, normalize,
language ID, embed, weave, store), into a fresh temporary store, in
publication order; an undated article keeps its place in the file (it takes
the time of the dated article before it). Embeddings are cached in a separate
file (``~/.cache/newsweave/embeddings.db`` by default), so a second run of the
same data embeds nothing; pass ``embedding_cache=None`` to measure cold runs.
"""

from __future__ import annotations

import json
import os
import resource
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from newsweave.evaluate.bcubed import bcubed
from newsweave.ingest import read_path
from newsweave.model import Article, Placement, RecordError
from newsweave.pipeline import Weaver
from newsweave.weave import WeaveParams


def default_cache_path() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "newsweave", "embeddings.db")


@dataclass
class EvalResult:
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    n_articles: int
    n_clusters: int
    seconds: float
    articles_per_second: float
    peak_memory_mb: float
    level: str
    record_errors: int

    def as_dict(self) -> dict:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def publication_order(articles: list[Article]) -> list[Article]:
    """Sort by date; undated articles keep their file position (stable)."""
    keys = []
    last = None
    for a in articles:
        if a.published is not None:
            last = a.published
        keys.append(last)
    if all(k is None for k in keys):
        return list(articles)
    floor = min(k for k in keys if k is not None)
    order = sorted(range(len(articles)), key=lambda i: (keys[i] or floor, i))
    return [articles[i] for i in order]


def read_gold(path: str | Path) -> dict[str, str]:
    gold: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                gold[str(row["id"])] = str(row["story"])
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{n}: not a gold record {{id, story}}: {exc}") from exc
    return gold


def read_articles(path: str | Path) -> tuple[list[Article], list[RecordError]]:
    articles, errors = [], []
    for item in read_path(path):
        (errors if isinstance(item, RecordError) else articles).append(item)
    return articles, errors


def evaluate(
    articles_path: str | Path,
    gold_path: str | Path,
    level: str = "event",
    params: WeaveParams | None = None,
    encoder: str | None = None,
    embedding_cache: str | None = "default",
    assignments_out: str | Path | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> EvalResult:
    if level not in ("event", "story"):
        raise ValueError(f"level must be 'event' or 'story', got {level!r}")
    gold = read_gold(gold_path)
    articles, errors = read_articles(articles_path)
    articles = publication_order(articles)
    cache = default_cache_path() if embedding_cache == "default" else embedding_cache
    if cache:
        Path(cache).parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newsweave-eval-") as tmp:
        weaver = Weaver(
            db=os.path.join(tmp, "eval.db"),
            encoder=encoder,
            params=params,
            embedding_cache=cache,
            enrichers=[],  # eval scores and times the weave alone
        )
        placed: dict[str, tuple[str, str]] = {}

        def keep(p: Placement) -> None:
            placed[p.article_id] = (p.event_id, p.story_id)

        try:
            report = weaver.add_many(articles, on_progress=on_progress, on_placement=keep)
            # stored articles: their final clusters (after merges); copies of a stored
            # text (same normalized text, another id) share their original's clusters
            stored = weaver.store.assignments()
            assigned = {
                aid: stored.get(aid)
                or (weaver.store.resolve(pair[0]), weaver.store.resolve(pair[1]))
                for aid, pair in placed.items()
            }
        finally:
            weaver.close()
    seconds = time.perf_counter() - started
    column = 0 if level == "event" else 1
    predicted = {aid: pair[column] for aid, pair in assigned.items()}
    # an article the weaver could not use counts as a cluster of its own
    for aid in gold:
        predicted.setdefault(aid, f"unplaced:{aid}")
    score = bcubed(predicted, gold)
    if assignments_out:
        with open(assignments_out, "w", encoding="utf-8") as fh:
            for a in articles:
                if a.id in predicted:
                    fh.write(json.dumps({"id": a.id, "story": predicted[a.id]}) + "\n")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return EvalResult(
        bcubed_precision=score.precision,
        bcubed_recall=score.recall,
        bcubed_f1=score.f1,
        n_articles=len(articles),
        n_clusters=len({predicted[a] for a in gold}),
        seconds=seconds,
        articles_per_second=len(articles) / seconds if seconds else 0.0,
        peak_memory_mb=peak,
        level=level,
        record_errors=len(errors) + len(report.errors),
    )
