"""CLI: ``newsweave bench-engine``, the embedding stage on Ray with 1 worker vs 2 workers.

The Ray engine is worth its overhead only if adding workers adds throughput:
the target is 2 workers >= 1.7x one worker, each worker pinned to one thread,
so that N machines give close to N times. Both are measured side by side in
one run, on the same texts (title + lead of a dev set, as ``ingest`` embeds
them), without the embedding cache, repeats interleaved so that a slow moment
of the machine hits both alike::

    newsweave bench-engine                                   # ecbplus_docs, 400 articles, 3 repeats
    newsweave bench-engine --articles 800 --repeats 5 --write BENCHMARKS.md
"""

from __future__ import annotations

import os
import platform
import shlex
import statistics
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

DEFAULT_INPUT = "../shared/datasets/ecbplus_docs/articles.jsonl"


def machine_summary() -> str:
    """Cores, memory and CPU model of this machine, for a benchmark's record."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
        memory = f"{ram:.0f} GiB RAM"
    except (ValueError, OSError, AttributeError):
        memory = "RAM unknown"
    return f"{os.cpu_count()} cores, {memory}, {model}, Python {platform.python_version()}"


def embedding_texts(path: str, count: int, lead_words: int | None = None) -> list[str]:
    """What ``ingest`` embeds (clean title + lead) for the first ``count`` articles of ``path``."""
    from newsweave.encode import embedding_text
    from newsweave.ingest import read_path
    from newsweave.model import Article
    from newsweave.prepare import clean
    from newsweave.weave import WeaveParams

    words = lead_words if lead_words is not None else WeaveParams.load().lead_words
    texts: list[str] = []
    for record in read_path(path):
        cleaned = clean(record) if isinstance(record, Article) else record
        if isinstance(cleaned, Article):
            texts.append(embedding_text(cleaned, words))
            if len(texts) == count:
                break
    return texts


@click.command(name="bench-engine")
@click.option(
    "--input",
    "input_path",
    default=DEFAULT_INPUT,
    show_default=True,
    type=click.Path(exists=True, dir_okay=True),
    help="Articles whose title + lead are embedded.",
)
@click.option("--articles", type=click.IntRange(min=16), default=400, show_default=True)
@click.option("--repeats", type=click.IntRange(min=1), default=3, show_default=True)
@click.option(
    "--workers",
    "worker_counts",
    default="1,2",
    show_default=True,
    help="Worker counts to compare, the first is the baseline.",
)
@click.option("--address", default=None, help="Ray cluster to run on (default: a local Ray).")
@click.option("--write", "write_to", default=None, help="Append a Markdown section to this file.")
def bench_engine(input_path, articles, repeats, worker_counts, address, write_to) -> None:
    """Embedding throughput on Ray for 1 vs 2 workers (one thread each), side by side."""
    from newsweave.encode import get_encoder
    from newsweave.engine.ray import EMBED_BATCH_ROWS, connect, time_embedding
    from newsweave.engine.stages import default_encoder_factory

    counts = [int(n) for n in worker_counts.split(",")]
    texts = embedding_texts(input_path, articles)
    if len(texts) < articles:
        click.echo(f"note: {input_path} has only {len(texts)} usable articles", err=True)
    connect(address)
    factory = default_encoder_factory(get_encoder())
    runs: dict[int, list] = {n: [] for n in counts}
    for repeat in range(1, repeats + 1):
        for n in counts:
            run = time_embedding(texts, n, factory)
            runs[n].append(run)
            click.echo(
                f"repeat {repeat}: {n} worker(s): {run.per_second:6.2f} articles/s "
                f"({run.texts} in {run.seconds:.1f}s, {run.wall_seconds:.1f}s with start-up; "
                f"{run.threads_per_worker} thread(s) per worker; {run.busy_cores:.2f} cores busy, "
                f"{run.per_cpu_second:.2f} articles per CPU-second; "
                f"load average {run.load_average:.1f})",
                err=True,
            )
    base = counts[0]
    median = {n: statistics.median(r.per_second for r in runs[n]) for n in counts}
    lines = [
        "| workers | threads/worker | articles/s (median) | runs (articles/s) | vs "
        f"{base} worker{'s' if base > 1 else ''} | cores busy | articles/CPU-s | load avg |",
        "|---:|---:|---:|---|---:|---:|---:|---:|",
    ]
    for n in counts:
        each = ", ".join(f"{r.per_second:.2f}" for r in runs[n])
        threads = max(r.threads_per_worker for r in runs[n])
        busy = statistics.median(r.busy_cores for r in runs[n])
        per_cpu = statistics.median(r.per_cpu_second for r in runs[n])
        load = statistics.median(r.load_average for r in runs[n])
        lines.append(
            f"| {n} | {threads} | {median[n]:.2f} | {each} | {median[n] / median[base]:.2f}x "
            f"| {busy:.2f} | {per_cpu:.2f} | {load:.1f} |"
        )
    table = "\n".join(lines)
    click.echo(table)
    for n in counts[1:]:
        click.echo(f"{n} workers / {base}: {median[n] / median[base]:.2f}x")
    if write_to:
        command = "newsweave " + " ".join(shlex.quote(a) for a in sys.argv[1:])
        section = (
            f"\n## Embedding stage on Ray: {' vs '.join(map(str, counts))} workers\n\n"
            f"- date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}\n"
            f"- machine: {machine_summary()}\n"
            f"- command: `{command}`\n"
            f"- input: title + lead of the first {len(texts)} articles of `{input_path}`, "
            f"embedding cache off, batches of {EMBED_BATCH_ROWS} texts, median of "
            f"{repeats} repeats (worker counts interleaved); time from the first batch's "
            "start to the last batch's end (actor start-up left out); cores busy = the "
            "actors' CPU seconds per second of that time; load avg = the machine's "
            "1-minute load average at the end of a run (other work on the machine "
            "included)\n\n"
            f"{table}\n"
        )
        with open(write_to, "a", encoding="utf-8") as fh:
            fh.write(section)


COMMANDS = [bench_engine]
