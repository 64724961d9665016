"""Benchmark: how long telling a 50-article story takes after ingest.

Builds a store from the first ``n_articles`` full-text articles of
``sg_news_ac`` (English, Chinese, Malay: the cross-lingual, full-text set),
then tells all of them as one story (their events as the weaver made them)
``runs`` times and reports medians:

* ``cold_*`` — the first run in a fresh process: sentence vectors are not cached
  yet and are encoded (this is the only run that encodes), names gazetteer
  and encoder loaded;
* ``warm_*`` — later runs: vectors read from the store's embedding cache.

``core`` is timeline + figures + provenance (the issue's target: < 5 s on two
cores); ``all`` adds summary and coverage.

With ``tell_ready`` the store is built with the opt-in ``sentences`` component
(:mod:`newsweave.enrich.sentcache`), which encodes the sentences at ingest: the
cold run then encodes nothing, and ingest is slower.  Articles are ingested one
``Weaver.add`` at a time so that the per-article ingest time (median) is known.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["bench_telling"]


def _load(datasets: Path, n: int):
    from newsweave.model import Article

    out = []
    with open(datasets / "sg_news_ac" / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if len((r.get("text") or "").split()) < 40 and len(r.get("text") or "") < 300:
                continue
            out.append(
                Article(
                    id=str(r["id"]),
                    title=r.get("title") or "",
                    text=r["text"],
                    lang=r.get("lang"),
                    source=r.get("source"),
                )
            )
            if len(out) >= n:
                break
    return out


def bench_telling(
    datasets: str | Path,
    n_articles: int = 50,
    runs: int = 5,
    db: str | None = None,
    log: Callable[[str], None] = lambda m: None,
    tell_ready: bool = False,
) -> dict:
    """Build the store, tell the N articles ``runs`` times, return the timings (seconds)."""
    from newsweave.enrich import enrichers_with
    from newsweave.enrich.sentvec import SentenceVectors
    from newsweave.enrich.tell import store_encoder, tell_articles
    from newsweave.pipeline import Weaver
    from newsweave.stories import StoryReader

    datasets = Path(datasets)
    tmp = None
    if db is None:
        tmp = tempfile.TemporaryDirectory()
        db = os.path.join(tmp.name, "bench.db")
    arts = _load(datasets, n_articles)
    enrichers = enrichers_with(("sentences",) if tell_ready else ())
    per_article: list[float] = []
    t, cpu = time.perf_counter(), time.process_time()
    with Weaver(db=db, enrichers=enrichers) as w:
        for a in arts:
            ta = time.perf_counter()
            w.add(a)
            per_article.append(time.perf_counter() - ta)
        ingest_s, ingest_cpu_s = time.perf_counter() - t, time.process_time() - cpu
        at_ingest = sum(getattr(e, "encoded", 0) for e in enrichers if e.name == "sentences")
        store = w.store
        reader = StoryReader(store)
        rows = store.article_rows()
        events: dict[str, list] = {}
        for r in rows:
            events.setdefault(r["event_id"], [])
        evs = [(eid, reader.event(eid).articles) for eid in events]
        n = sum(len(a) for _, a in evs)
        log(
            f"ingested {n} articles in {ingest_s:.1f}s ({len(evs)} events, "
            f"{at_ingest} sentences encoded at ingest)"
        )
        encoder = store_encoder(store)
        core = ("timeline", "figures", "provenance")
        timings: dict[str, list[float]] = {"core": [], "all": []}
        phases: dict[str, list[float]] = {}
        cold: dict[str, float] = {}
        for k in range(runs + 1):
            for label, parts in (("core", core), ("all", core + ("summary", "coverage"))):
                vectors = SentenceVectors(encoder, store)
                t, cpu = time.perf_counter(), time.process_time()
                rep = tell_articles(evs, "bench", "story", vectors, "en", parts)
                dt = time.perf_counter() - t
                if k == 0:
                    cold[label] = dt
                    cold[label + "_cpu"] = time.process_time() - cpu
                    cold[label + "_encoded_sentences"] = vectors.encoded
                    log(f"cold {label}: {dt:.2f}s ({vectors.encoded} sentences encoded)")
                    continue
                timings[label].append(dt)
                if label == "all":
                    for ph, v in rep.timings.items():
                        phases.setdefault(ph, []).append(v)
            if k:
                log(f"run {k}: core {timings['core'][-1]:.2f}s, all {timings['all'][-1]:.2f}s")
    if tmp is not None:
        tmp.cleanup()
    return {
        "articles": n,
        "events": len(evs),
        "tell_ready": tell_ready,
        "ingest_s": round(ingest_s, 2),
        "ingest_cpu_s": round(ingest_cpu_s, 2),
        "ingest_article_median_s": round(statistics.median(per_article), 3),
        "ingest_article_mean_s": round(ingest_s / max(1, len(per_article)), 3),
        "sentences_encoded_at_ingest": at_ingest,
        "cold_core_s": round(cold["core"], 2),
        "cold_core_cpu_s": round(cold["core_cpu"], 2),
        "cold_sentences_encoded": cold["core_encoded_sentences"],
        "cold_all_s": round(cold["all"], 2),
        "warm_core_median_s": round(statistics.median(timings["core"]), 3),
        "warm_all_median_s": round(statistics.median(timings["all"]), 3),
        "warm_runs": runs,
        "warm_phase_median_s": {k: round(statistics.median(v), 3) for k, v in phases.items()},
        "cpu_count": os.cpu_count(),
    }
