"""``newsweave bench``: quality, throughput and memory, written down.

Three modes: the dev sets (below); a stage report on any input
(:func:`stage_report`: articles/s per stage, placement latency, peak memory,
store size per article); and a synthetic stream of any length
(:func:`synthetic_curve`: latency and memory against store size).

Each dev set runs in its own child process (``newsweave eval --json``), so the
peak memory reported is that run's own and the runs do not share caches in
memory. The results are printed as a Markdown table and, with ``--write``,
appended to BENCHMARKS.md with the machine and the date.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

DEFAULT_SETS = ("og2021", "sg_news_ac", "vietnamese_mds_ktlab", "ecbplus_docs")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){mem}, Python {platform.python_version()}"


def run_eval(folder: Path, level: str, cold: bool) -> dict:
    cmd = [
        sys.executable, "-m", "newsweave.cli", "eval", str(folder / "articles.jsonl"),
        "--gold", str(folder / "gold.jsonl"), "--level", level, "--json",
    ]  # fmt: skip
    if cold:
        cmd.append("--no-cache")
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench(
    datasets_dir: str | Path,
    sets: tuple[str, ...] = DEFAULT_SETS,
    levels: tuple[str, ...] = ("event",),
    cold: bool = False,
    log: Callable[[str], None] = print,
) -> str:
    root = Path(datasets_dir)
    rows = []
    for name in sets:
        for level in levels:
            result = run_eval(root / name, level, cold)
            rows.append((name, level, result))
            log(f"{name} ({level}): F1 {result['bcubed_f1']:.4f} in {result['seconds']:.0f}s")
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    cache = "cold (every article embedded)" if cold else "warm embedding cache"
    lines = [
        f"### Weaving quality and speed — {when}",
        "",
        f"Machine: {machine()}. Embeddings: {cache}.",
        f"Command: `newsweave bench --datasets {datasets_dir}"
        + (" --cold" if cold else "")
        + (f" --levels {','.join(levels)}" if levels != ("event",) else "")
        + "` (one `newsweave eval --json` child process per row).",
        "",
        "| set | level | BCubed P | BCubed R | BCubed F1 | articles | clusters | seconds"
        " | articles/s | peak MB |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, level, r in rows:
        lines.append(
            f"| {name} | {level} | {r['bcubed_precision']:.4f} | {r['bcubed_recall']:.4f} | "
            f"**{r['bcubed_f1']:.4f}** | {r['n_articles']} | {r['n_clusters']} | "
            f"{r['seconds']:.1f} | {r['articles_per_second']:.1f} | {r['peak_memory_mb']:.0f} |"
        )
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- stage report
def rss_mb() -> float:
    """Resident memory now (MB), from /proc; 0 where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return 0.0


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def percentiles(values_s: list[float] | np.ndarray) -> dict[str, float]:
    """p50/p95/p99/max of latencies given in seconds, in milliseconds."""
    a = np.asarray(values_s, dtype=np.float64) * 1000.0
    if len(a) == 0:
        return {"p50": 0.0, "p95": 0.0, "p99": 0.0, "max": 0.0}
    p50, p95, p99 = np.percentile(a, [50, 95, 99])
    return {"p50": float(p50), "p95": float(p95), "p99": float(p99), "max": float(a.max())}


def _store_bytes(path: str) -> int:
    return sum(os.path.getsize(path + s) for s in ("", "-wal") if os.path.exists(path + s))


@dataclass
class StageReport:
    """What ``newsweave bench --input`` measured."""

    articles: int
    seconds: dict[str, float]  # stage -> wall seconds
    counts: dict[str, int]  # stage -> items through it
    latency_ms: dict[str, float]
    peak_rss_mb: float
    store_bytes_per_article: float
    errors: int
    embedded: int = 0  # articles actually run through the encoder (the rest were cached)

    def markdown(self, command: str) -> str:
        when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        lat = self.latency_ms
        lines = [
            f"### Stage report — {when}",
            "",
            f"Machine: {machine()}.",
            f"Command: `{command}`.",
            f"{self.articles} articles ({self.errors} unreadable records); placement latency"
            " = duplicate check + weave + enrich + store write of one article;"
            f" {self.embedded} articles embedded, {self.articles - self.embedded} from the"
            " embedding cache.",
            "",
            "| stage | items | seconds | articles/s |",
            "|---|---|---|---|",
        ]
        for stage, sec in self.seconds.items():
            n = self.counts.get(stage, self.articles)
            if "(once)" in stage:
                lines.append(f"| {stage} | — | {sec:.2f} | — |")
                continue
            rate = f"{n / sec:,.1f}" if sec > 0 else "—"
            lines.append(f"| {stage} | {n} | {sec:.2f} | {rate} |")
        lines += [
            "",
            f"Placement latency: p50 {lat['p50']:.2f} ms, p95 {lat['p95']:.2f} ms, "
            f"p99 {lat['p99']:.2f} ms, max {lat['max']:.2f} ms. "
            f"Peak memory (RSS) {self.peak_rss_mb:.0f} MB. "
            f"Store: {self.store_bytes_per_article:,.0f} bytes per article.",
        ]
        return "\n".join(lines) + "\n"


def stage_report(
    paths: list[str],
    encoder: str | None = None,
    use_cache: bool = False,
    batch: int = 32,
    log: Callable[[str], None] = print,
) -> StageReport:
    """Time each stage of ``ingest`` separately on the given input, in one process.

    The stages run one after the other over the whole input (not interleaved
    as ``ingest`` does) so each gets its own clock; the work is the same code.
    With ``use_cache`` vectors already in the shared evaluation cache are read
    from it (and the report says how many); the others are embedded.
    """
    import tempfile

    from newsweave.encode import embedding_text, get_encoder
    from newsweave.enrich import default_enrichers
    from newsweave.evaluate.run import default_cache_path, publication_order
    from newsweave.ingest import read_paths
    from newsweave.langid import detect_article_language
    from newsweave.model import Article, PreparedArticle
    from newsweave.names import article_name_keys
    from newsweave.normalize import normalize_article
    from newsweave.prepare import UNKNOWN_LANGUAGE, cache_key, hours_since_epoch
    from newsweave.store import SQLiteStore
    from newsweave.weave import OnlineWeaver, WeaveParams
    from newsweave.weave.lexical import word_counts

    seconds: dict[str, float] = {}
    counts: dict[str, int] = {}
    clock = time.perf_counter

    t = clock()
    records = list(read_paths(paths))
    articles = [r for r in records if isinstance(r, Article)]
    errors = len(records) - len(articles)
    seconds["read"] = clock() - t
    counts["read"] = len(records)
    articles = publication_order(articles)

    # one-time loading (language model, encoder, gazetteer) is timed on its own,
    # so the stage rates are steady-state ones
    params = WeaveParams.load()
    t = clock()
    enc = get_encoder(encoder)
    if articles:
        probe = detect_article_language(normalize_article(articles[0]))
        enc.encode([embedding_text(probe, params.lead_words)])
        article_name_keys(probe.clean_title, probe.clean_text, probe.lang, surfaces={})
    seconds["loading models (once)"] = clock() - t
    counts["loading models (once)"] = 1

    t = clock()
    articles = [normalize_article(a) for a in articles]
    seconds["normalize"] = clock() - t
    t = clock()
    articles = [detect_article_language(a) for a in articles]
    seconds["langid"] = clock() - t
    articles = [a for a in articles if a.clean_title.strip() or a.clean_text.strip()]

    texts = [embedding_text(a, params.lead_words) for a in articles]
    t = clock()
    vectors: list[np.ndarray] = []
    embedded = 0
    cache = SQLiteStore(default_cache_path()) if use_cache else None
    for start in range(0, len(texts), batch):
        chunk = texts[start : start + batch]
        found = cache.cached_vectors([cache_key(enc, x) for x in chunk]) if cache else {}
        missing = [x for x in chunk if cache_key(enc, x) not in found]
        embedded += len(missing)
        fresh = dict(zip(missing, enc.encode(missing), strict=True)) if missing else {}
        vectors.extend(
            found[cache_key(enc, x)] if cache_key(enc, x) in found else fresh[x] for x in chunk
        )
    if cache:
        cache.close()
    seconds["embed"] = clock() - t

    t = clock()
    prepared = []
    for a, text, vec in zip(articles, texts, vectors, strict=True):
        surfaces: dict[str, str] = {}
        names = article_name_keys(a.clean_title, a.clean_text, a.lang, surfaces=surfaces)
        prepared.append(
            PreparedArticle(
                a, a.lang or UNKNOWN_LANGUAGE, hours_since_epoch(a.published), vec,
                word_counts(text), names, surfaces,
            )
        )  # fmt: skip
    seconds["names+words"] = clock() - t

    weave_s = enrich_s = store_s = 0.0
    latencies: list[float] = []
    with tempfile.TemporaryDirectory(prefix="newsweave-bench-") as tmp:
        db = os.path.join(tmp, "bench.db")
        store = SQLiteStore(db)
        enrichers = default_enrichers()
        for e in enrichers:
            store.ensure_schema(e.schema)
        weaver = OnlineWeaver(enc.dim, params)
        placed = 0
        for p in prepared:
            t0 = clock()
            if store.find_duplicate(p.article) is not None:
                store_s += clock() - t0
                continue
            t1 = clock()
            decision = weaver.decide(p)
            weave_time = weaver.index.time_of(p)
            placement = weaver.commit(p, decision)
            t2 = clock()
            extra = [row for e in enrichers for row in e.rows(p, placement)]
            t3 = clock()
            store.save_placement(p, decision.word_vec, weave_time, placement, extra)
            t4 = clock()
            weave_s += t2 - t1
            enrich_s += t3 - t2
            store_s += (t1 - t0) + (t4 - t3)
            latencies.append(t4 - t0)
            placed += 1
        store.close()
        size = _store_bytes(db)
    seconds["weave"], seconds["enrich"], seconds["store"] = weave_s, enrich_s, store_s
    counts.update({"weave": placed, "enrich": placed, "store": len(prepared)})
    log(f"{len(prepared)} articles prepared, {placed} placed")
    return StageReport(
        articles=len(prepared),
        seconds=seconds,
        counts=counts,
        latency_ms=percentiles(latencies),
        peak_rss_mb=peak_rss_mb(),
        store_bytes_per_article=size / max(placed, 1),
        errors=errors,
        embedded=embedded,
    )


# ----------------------------------------------------------- synthetic stream
@dataclass
class CurvePoint:
    """Latency and memory when the store reached ``size`` articles."""

    size: int
    latency_ms: dict[str, float]  # placement (weave + store) over the last `window` articles
    weave_ms: dict[str, float]
    store_ms: dict[str, float]
    #: the placement's CPU time (this thread): what it costs when the core is its own
    cpu_ms: dict[str, float]
    rss_mb: float
    peak_rss_mb: float
    store_bytes_per_article: float
    index: dict[str, int]
    elapsed_s: float
    #: :func:`host_probe_ms` at the checkpoint: how fast the host was then
    probe_ms: float = 0.0


def host_probe_ms(repeats: int = 3) -> float:
    """The median time of a fixed small workload (a Python loop and small float32
    matrix-vector products, the two kinds of work a placement does), in ms.

    Shared and virtual machines change speed from hour to hour: on the 2-core
    development machine this probe varied 1.7x within one benchmark run, and two
    runs of the same code on the same stream differed 35-40 % in weave time. Logged
    with each checkpoint, it tells how much of a difference between runs is the host.
    """
    rng = np.random.default_rng(0)
    matrix = rng.standard_normal((2000, 384)).astype(np.float32)
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        total = 0
        for k in range(200_000):
            total += k * k
        for k in range(200):
            (matrix @ matrix[k]).argmax()
        times.append((time.perf_counter() - t) * 1000)
    return float(np.median(times))


def synthetic_curve(
    source: str | Path,
    n: int,
    checkpoints: tuple[int, ...] = (100_000, 300_000, 1_000_000),
    per_day: float = 10_000.0,
    workdir: str | Path | None = None,
    window: int = 20_000,
    seed: int = 7,
    params: Any = None,
    log: Callable[[str], None] = print,
) -> tuple[list[CurvePoint], str]:
    """Weave a synthetic ``n``-article stream into a real store and sample the curve.

    Each placement is the product path of one article: duplicate check, decide,
    commit and the store transaction (``Weaver._weave`` without enrichers, like
    ``eval``). Latency percentiles at a checkpoint are over the ``window``
    articles placed just before it; memory is this process's RSS then.
    """
    import tempfile

    from newsweave.encode import get_encoder
    from newsweave.evaluate.run import default_cache_path
    from newsweave.evaluate.synthetic import SyntheticStream, describe, prepare_base
    from newsweave.store import SQLiteStore
    from newsweave.weave import OnlineWeaver, WeaveParams

    if workdir is not None:  # before the slow preparation, not after it
        Path(workdir).mkdir(parents=True, exist_ok=True)
    params = params or WeaveParams.load()
    enc = get_encoder(None)
    t = time.perf_counter()
    base = prepare_base(source, enc, default_cache_path(), params.lead_words)
    log(f"prepared {len(base)} base articles in {time.perf_counter() - t:.0f}s")
    stream = SyntheticStream(base, n, per_day=per_day, seed=seed)
    recipe = describe(stream, str(source))
    marks = sorted({c for c in checkpoints if c <= n} | {n})
    points: list[CurvePoint] = []
    tmp = tempfile.TemporaryDirectory(prefix="newsweave-synth-", dir=workdir)
    try:
        db = os.path.join(tmp.name, "synthetic.db")
        store = SQLiteStore(db)
        weaver = OnlineWeaver(enc.dim, params)
        lat = np.zeros(n)
        weave_lat = np.zeros(n)
        store_lat = np.zeros(n)
        cpu_lat = np.zeros(n)
        clock, cpu_clock = time.perf_counter, time.thread_time
        started = clock()
        for i0, p in enumerate(stream):
            c0, t0 = cpu_clock(), clock()
            dup = store.find_duplicate(p.article)
            t1 = clock()
            if dup is None:
                decision = weaver.decide(p)
                weave_time = weaver.index.time_of(p)
                placement = weaver.commit(p, decision)
                t2 = clock()
                store.save_placement(p, decision.word_vec, weave_time, placement)
            else:
                t2 = t1
            t3 = clock()
            cpu_lat[i0] = cpu_clock() - c0
            lat[i0], weave_lat[i0], store_lat[i0] = t3 - t0, t2 - t1, (t1 - t0) + (t3 - t2)
            i = i0 + 1
            if i % 10_000 == 0:
                recent = percentiles(lat[i - 10_000 : i])
                recent_cpu = percentiles(cpu_lat[i - 10_000 : i])
                log(
                    f"{i:,} placed, last 10k p50 {recent['p50']:.2f} p95 {recent['p95']:.2f} "
                    f"p99 {recent['p99']:.2f} ms (CPU p95 {recent_cpu['p95']:.2f}), "
                    f"RSS {rss_mb():.0f} MB, "
                    f"{i / (clock() - started):.0f} articles/s, {weaver.index.memory_report()}"
                )
            if i in marks:
                lo = max(0, i - window)
                points.append(
                    CurvePoint(
                        size=i,
                        latency_ms=percentiles(lat[lo:i]),
                        weave_ms=percentiles(weave_lat[lo:i]),
                        store_ms=percentiles(store_lat[lo:i]),
                        cpu_ms=percentiles(cpu_lat[lo:i]),
                        rss_mb=rss_mb(),
                        peak_rss_mb=peak_rss_mb(),
                        store_bytes_per_article=_store_bytes(db) / i,
                        index=weaver.index.memory_report(),
                        elapsed_s=clock() - started,
                        probe_ms=host_probe_ms(),
                    )
                )
                log(f"checkpoint {i:,}: {points[-1]}")
        store.close()
    finally:
        tmp.cleanup()
    return points, recipe


def curve_markdown(points: list[CurvePoint], recipe: str, command: str) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"### Weave on a synthetic stream — {when}",
        "",
        f"Machine: {machine()}.",
        f"Command: `{command}`.",
        f"Stream: {recipe}.",
        "Placement = duplicate check + decide + commit + SQLite transaction of one article;"
        " percentiles over the 20,000 placements before each size. CPU p95: the same"
        " placements' CPU time (this thread only), less inflated by other jobs than wall"
        " time but not by a slower host. Host probe: `host_probe_ms`, a fixed workload"
        " timed at each checkpoint (lower is a faster host; compare runs by it).",
        "",
        "| store size | p50 ms | p95 ms | p99 ms | max ms | weave p95 ms | store p95 ms"
        " | CPU p95 ms | RSS MB | peak RSS MB | articles in memory | ANN rows"
        " | store bytes/article | elapsed s | host probe ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for pt in points:
        lat = pt.latency_ms
        lines.append(
            f"| {pt.size:,} | {lat['p50']:.2f} | **{lat['p95']:.2f}** | {lat['p99']:.2f} | "
            f"{lat['max']:.0f} | {pt.weave_ms['p95']:.2f} | {pt.store_ms['p95']:.2f} | "
            f"{pt.cpu_ms['p95']:.2f} | {pt.rss_mb:.0f} | **{pt.peak_rss_mb:.0f}** | "
            f"{pt.index['rows']:,} | {pt.index['ann_rows']:,} | "
            f"{pt.store_bytes_per_article:,.0f} | {pt.elapsed_s:.0f} | {pt.probe_ms:.0f} |"
        )
    return "\n".join(lines) + "\n"
