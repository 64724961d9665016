"""``newsweave bench --input`` reports every stage on the example articles."""

from __future__ import annotations

from click.testing import CliRunner

from newsweave.cli import main
from newsweave.evaluate.bench import stage_report


def test_stage_report_on_examples(examples_dir):
    report = stage_report([str(examples_dir)], log=lambda m: None)
    assert report.articles >= 13 and report.errors == 0
    for stage in ("read", "normalize", "langid", "embed", "weave", "enrich", "store"):
        assert stage in report.seconds and report.seconds[stage] >= 0
    assert report.counts["weave"] == report.articles
    lat = report.latency_ms
    assert 0 < lat["p50"] <= lat["p95"] <= lat["p99"] <= lat["max"]
    assert report.peak_rss_mb > 0 and report.store_bytes_per_article > 0
    text = report.markdown("newsweave bench --input examples/articles")
    assert "| embed |" in text and "p95" in text and "Machine:" in text


def test_bench_cli_writes_the_stage_report(examples_dir, tmp_path):
    out = tmp_path / "BENCH.md"
    result = CliRunner().invoke(main, ["bench", "--input", str(examples_dir), "--write", str(out)])
    assert result.exit_code == 0, result.output
    assert "### Stage report" in out.read_text()


def test_synthetic_curve_reports_wall_and_cpu_latency(examples_dir, tmp_path, monkeypatch):
    """The synthetic stream of the scale benchmark, on the shipped dated examples.

    The work folder does not exist yet: it is made before the slow preparation.
    """
    from newsweave.evaluate.bench import curve_markdown, synthetic_curve

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    points, recipe = synthetic_curve(
        examples_dir / "evora-wildfire.jsonl",
        n=240,
        checkpoints=(120,),
        per_day=200,
        workdir=tmp_path / "not" / "yet",
        window=100,
        log=lambda m: None,
    )
    assert [pt.size for pt in points] == [120, 240]
    for pt in points:
        for lat in (pt.latency_ms, pt.cpu_ms):
            assert 0 < lat["p50"] <= lat["p95"] <= lat["p99"] <= lat["max"]
        # a placement's CPU time cannot exceed its wall time by more than clock noise
        assert pt.cpu_ms["p50"] <= pt.latency_ms["p50"] * 1.5 + 0.5
        assert pt.index["seen"] == pt.size
        assert pt.probe_ms > 0  # the host's speed at the checkpoint
    text = curve_markdown(points, recipe, "newsweave bench --synthetic 240")
    assert "CPU p95 ms" in text and "| 240 |" in text and "host probe ms" in text
