"""End to end on the shared seeds: figures series, provenance, timeline, summary, CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsweave.cli import main
from newsweave.enrich.tell import tell_story
from newsweave.ingest import read_paths
from newsweave.pipeline import Weaver

ABNA, VI, AR, FR, FARS = (
    "001_c712fa69b5b231da",
    "000_b56e916fd7be6cda",
    "002_bd2704263292804c",
    "003_6a174317e6810814",
    "004_d3557ba70f148180",
)


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory, seeds_dir, encoder):
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with Weaver(db=path, encoder=encoder, enrichers=[]) as w:
        w.add_many(read_paths([str(seeds_dir)]))
    return path


@pytest.fixture(scope="module")
def report(seeds_db, encoder):
    from newsweave.store import SQLiteStore

    store = SQLiteStore(seeds_db)
    sid = store.db.execute("SELECT story_id FROM articles LIMIT 1").fetchone()[0]
    rep = tell_story(store, sid, lang="en", encoder=encoder)
    store.close()
    return rep


def test_aleppo_share_is_one_series(report):
    series = [
        s for s in report.figures if s.kind == "percent" and {80.0, 85.0, 90.0} <= set(s.values)
    ]
    assert len(series) == 1
    pts = series[0].points
    by_value = {p.figure.value: p for p in pts}
    assert by_value[80.0].figure.article_id == FR
    assert by_value[80.0].when.date().isoformat() == "2016-12-07"
    assert by_value[85.0].source == "FarsNews"
    assert by_value[90.0].figure.article_id == AR and by_value[90.0].figure.qualifier == "about"
    assert [p.figure.value for p in pts][0] == 80.0 and pts[-1].figure.value == 90.0
    assert 10.0 not in series[0].values  # "less than 10 percent" left is another measure


def test_abna_and_vietnamese_share_a_farsnews_origin(report):
    prov = report.provenance
    link = next(lk for lk in prov.links if {lk.a, lk.b} == {ABNA, VI})
    assert link.relation == "shared-origin"
    assert link.origin and link.origin.lower().startswith("fars")
    assert link.shared_glosses
    assert not any(lk.relation == "translation" for lk in prov.links)
    assert prov.independent_sources == 3 and prov.total_articles == 5


def test_timeline_and_first_reporter(report):
    # one event or several is the weaver's call; the timeline starts on 7 Dec
    # with the first report and covers every language of the seeds
    entries = report.timeline
    first = entries[0]
    assert first.date.date().isoformat() == "2016-12-07"
    assert first.first.id in (FR, FARS)
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    assert set().union(*(e.languages for e in entries)) == {"en", "fr", "ar", "vi"}
    assert report.dates[AR].when.date().isoformat() == "2016-12-12"


def test_summary_in_reader_language(report):
    assert report.headline.lang == "en" and report.headline.in_reader_lang
    assert report.summary and all(line.lang == "en" for line in report.summary)


def test_coverage_names_what_each_source_alone_reports(report):
    cov = report.coverage
    assert {x["lang"] for x in cov.languages} == {"en", "fr", "ar", "vi"}
    fr = next(x for x in cov.sources if x["first_article"] == FR)
    assert any(f["value"] == 80.0 for f in fr["exclusive_figures"])


def test_cli_commands(seeds_db, report):
    runner = CliRunner()
    out = runner.invoke(main, ["figures", report.id, "--db", str(seeds_db), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert any({80.0, 85.0, 90.0} <= set(s["values"]) for s in data["series"])
    out = runner.invoke(main, ["summary", report.id, "--db", str(seeds_db), "--lang", "fr"])
    assert out.exit_code == 0 and "(" in out.output
    out = runner.invoke(main, ["provenance", report.id, "--db", str(seeds_db), "--dot"])
    assert out.exit_code == 0 and out.output.startswith("digraph")
    out = runner.invoke(main, ["timeline", "ev-1", "--db", str(seeds_db)])
    assert out.exit_code == 0 and "2016-12-07" in out.output
    out = runner.invoke(main, ["coverage", "xx-1", "--db", str(seeds_db)])
    assert out.exit_code != 0
