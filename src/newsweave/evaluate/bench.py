"""``newsweave bench``: quality, throughput and memory on the dev sets, written down.

Each dev set runs in its own child process (``newsweave eval --json``), so the
peak memory reported is that run's own and the runs do not share caches in
memory. The results are printed as a Markdown table and, with ``--write``,
appended to BENCHMARKS.md with the machine and the date.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

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
