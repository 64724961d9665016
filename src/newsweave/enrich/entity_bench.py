"""What the ``entities`` component adds to the core's ingest time.

The issue's budget: extraction + linking add at most 20 % to the core's ingest
time.  :func:`bench_entities` weaves a dev set into a fresh store twice per
run, with ``Weaver(enrichers=[])`` (the core) and with
``Weaver(enrichers=[EntityEnricher()])``, in two cache states:

* ``cold`` - no embedding cache: every article is embedded, as in a real
  ``newsweave ingest`` of new articles (slow, so on the first ``cold_limit``
  articles of the set);
* ``warm`` - every embedding read from the evaluation cache
  (``~/.cache/newsweave/embeddings.db``, filled by an untimed warm-up run), as
  when ``newsweave eval`` re-weaves a set: what remains is the core's own
  work, the worst case for the component's share.

Every timed run is a fresh child process (``python -m
newsweave.enrich.entity_bench ...``), so no in-memory cache (name keys,
gazetteer, memoized cue tests) carries over from one run to the next: each run
pays the first-use costs a real ingest pays.  Only ``Weaver.add_many`` is timed
(wall clock and CPU seconds), not the interpreter start, the imports or the
encoder load, which are the same with and without the component.  The two
configurations alternate (core first on even runs, entities first on odd ones)
so drifting load on a shared machine hits both alike; medians are reported.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

__all__ = ["bench_entities", "markdown", "DEFAULT_SETS"]

DEFAULT_SETS = ("sg_news_ac", "vietnamese_mds_ktlab", "ecbplus_docs")


def _articles(path: Path, limit: int | None) -> list:
    from newsweave.evaluate.run import publication_order, read_articles

    articles, _ = read_articles(path)
    articles = publication_order(articles)
    return articles[:limit] if limit else articles


def one_run(path: str, limit: int | None, entities: bool, cache: str | None) -> dict[str, Any]:
    """Weave the set into a fresh store once (in this process); the timings."""
    from newsweave import Weaver
    from newsweave.encode import get_encoder
    from newsweave.enrich.entities import EntityEnricher

    articles = _articles(Path(path), limit)
    encoder = get_encoder(None)
    enrichers = [EntityEnricher()] if entities else []
    with tempfile.TemporaryDirectory(prefix="nw-entbench-") as tmp:
        weaver = Weaver(
            db=Path(tmp) / "bench.db", encoder=encoder, embedding_cache=cache, enrichers=enrichers
        )
        try:
            wall0, cpu0 = time.perf_counter(), time.process_time()
            report = weaver.add_many(articles)
            wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        finally:
            weaver.close()
    return {"seconds": wall, "cpu_seconds": cpu, "articles": report.added}


def _child(path: Path, limit: int | None, entities: bool, cache: str | None) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "newsweave.enrich.entity_bench", str(path)]
    cmd += ["--limit", str(limit or 0), "--cache", cache or ""]
    cmd += ["--entities"] if entities else []
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_entities(
    datasets: str | Path,
    sets: tuple[str, ...] = DEFAULT_SETS,
    runs: int = 3,
    cold_limit: int = 40,
    warm_limit: int | None = None,
    modes: tuple[str, ...] = ("cold", "warm"),
    cache: str | None = None,
    log: Callable[[str], None] = lambda m: None,
) -> dict[str, Any]:
    """Median ingest times with and without the component, per set and cache state."""
    from newsweave.evaluate.run import default_cache_path

    warm_cache = cache or default_cache_path()
    results: dict[str, Any] = {"runs": runs, "cold_limit": cold_limit, "warm_limit": warm_limit}
    loads: list[float] = []  # 1-minute load average at each run: how shared the machine was
    rows = []
    for name in sets:
        path = Path(datasets) / name / "articles.jsonl"
        for mode in modes:
            limit = cold_limit if mode == "cold" else warm_limit
            mode_cache = None if mode == "cold" else warm_cache
            if mode == "warm":
                _child(path, limit, False, mode_cache)  # untimed: fills the embedding cache
            times: dict[bool, list[dict[str, Any]]] = {False: [], True: []}
            for i in range(runs):
                for entities in (False, True) if i % 2 == 0 else (True, False):
                    r = _child(path, limit, entities, mode_cache)
                    times[entities].append(r)
                    loads.append(os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0)
                    log(
                        f"{name} {mode} run {i + 1} {'entities' if entities else 'core'}:"
                        f" {r['seconds']:.2f} s wall, {r['cpu_seconds']:.2f} s CPU"
                    )
            row = {"set": name, "mode": mode, "articles": times[False][0]["articles"]}
            for entities, label in ((False, "core"), (True, "with")):
                row[f"{label}_s"] = statistics.median(r["seconds"] for r in times[entities])
                row[f"{label}_cpu_s"] = statistics.median(r["cpu_seconds"] for r in times[entities])
            row["added_pct"] = 100.0 * (row["with_s"] / row["core_s"] - 1.0)
            row["added_cpu_pct"] = 100.0 * (row["with_cpu_s"] / row["core_cpu_s"] - 1.0)
            rows.append(row)
            log(
                f"{name} {mode}: core {row['core_s']:.2f} s, with entities {row['with_s']:.2f} s"
                f" ({row['added_pct']:+.0f} % wall, {row['added_cpu_pct']:+.0f} % CPU)"
            )
    results["rows"] = rows
    results["load_average"] = [min(loads), statistics.median(loads), max(loads)] if loads else []
    return results


def markdown(results: dict[str, Any], command: str) -> str:
    """A BENCHMARKS.md section: machine, date, command and the median numbers."""
    from newsweave.evaluate.bench import machine

    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"### Entities: ingest overhead - {when}",
        "",
        f"Machine: {machine()}"
        + (
            ", 1-minute load average during the runs {:.1f} / {:.1f} / {:.1f} (min / median /"
            " max; other jobs shared the cores, so wall times carry their noise and CPU"
            " seconds are the steadier figure).".format(*results["load_average"])
            if results.get("load_average")
            else "."
        ),
        f"Command: `{command}`.",
        f"Medians of {results['runs']} alternating runs per configuration, each a fresh"
        " process timing `Weaver.add_many` on a fresh store: core = `Weaver(enrichers=[])`,"
        " with = `Weaver(enrichers=[EntityEnricher()])`. cold: no embedding cache (every"
        f" article embedded, as in a real ingest; first {results['cold_limit']} articles);"
        " warm: every embedding from the cache (a re-weave, the worst case for the share).",
        "",
        "| set | cache | articles | core s | with entities s | added (wall) | core CPU s"
        " | with CPU s | added (CPU) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results["rows"]:
        lines.append(
            f"| {r['set']} | {r['mode']} | {r['articles']} | {r['core_s']:.2f} | {r['with_s']:.2f}"
            f" | **{r['added_pct']:+.1f} %** | {r['core_cpu_s']:.2f} | {r['with_cpu_s']:.2f}"
            f" | {r['added_cpu_pct']:+.1f} % |"
        )
    return "\n".join(lines) + "\n"


def _main(argv: list[str]) -> None:
    """Child-process entry point: one timed run, its result as one JSON line."""
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--cache", default="")
    ap.add_argument("--entities", action="store_true")
    a = ap.parse_args(argv)
    result = one_run(a.path, a.limit or None, a.entities, a.cache or None)
    print(json.dumps(result))


if __name__ == "__main__":  # pragma: no cover - run as a child by bench_entities
    _main(sys.argv[1:])
