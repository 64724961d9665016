"""The command line through a real subprocess-free runner, on bad and good input."""

from __future__ import annotations

import json

from click.testing import CliRunner

from newsweave.cli import main


def _write_jsonl(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows))


def test_ingest_reports_bad_records_and_keeps_good_ones(tmp_path, examples_dir):
    data = tmp_path / "batch.jsonl"
    _write_jsonl(
        data,
        [
            {"id": "g1", "title": "Dockworkers in Rotterdam strike over automation", "lang": "en"},
            '{"id": "bad-json", "title": ',
            {"title": "No id here"},
            {"id": "empty", "title": "", "text": ""},
            {"id": "g2", "title": "Hafenarbeiter in Rotterdam streiken", "published": "2024-05-06"},
        ],
    )
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    db = tmp_path / "n.db"
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(data), str(tmp_path / "blob.txt"), "--db", str(db)])
    assert result.exit_code == 1, result.output
    err = result.stderr if hasattr(result, "stderr") else result.output
    assert f"{data}:2: invalid JSON" in err
    assert f"{data}:3: missing required field 'id'" in err
    assert f"{data}:4:" in err and "empty" in err
    assert "blob.txt: binary file" in err
    assert "2 added" in result.stdout

    listed = runner.invoke(main, ["stories", "--db", str(db), "--json"])
    assert listed.exit_code == 0
    stories = json.loads(listed.stdout)
    ids = {a["id"] for s in stories for e in s["events"] for a in e["articles"]}
    assert ids == {"g1", "g2"}
    for key in ("id", "headline", "size", "languages", "first_seen", "last_seen", "events"):
        assert key in stories[0]
    article = stories[0]["events"][0]["articles"][0]
    assert set(article) >= {"id", "title", "lang", "published", "source"}

    # running the same ingest again stores nothing twice
    again = runner.invoke(main, ["ingest", str(data), "--db", str(db)])
    assert "0 added, 2 already stored" in again.stdout


def test_show_explains_each_placement(tmp_path, examples_dir):
    db = tmp_path / "e.db"
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(examples_dir), "--db", str(db), "-q"]).exit_code == 0
    stories = json.loads(runner.invoke(main, ["stories", "--db", str(db), "--json"]).stdout)
    biggest = stories[0]
    shown = runner.invoke(main, ["show", biggest["id"], "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    assert "score" in shown.stdout and "signals:" in shown.stdout
    as_json = json.loads(
        runner.invoke(main, ["show", biggest["id"], "--db", str(db), "--json"]).stdout
    )
    placed = [a["placement"] for e in as_json["events"] for a in e["articles"]]
    assert all(p["story_id"] == biggest["id"] for p in placed)
    missing = runner.invoke(main, ["show", "st-999", "--db", str(db)])
    assert missing.exit_code != 0 and "no story" in missing.output


def test_reading_commands_refuse_a_missing_store(tmp_path):
    result = CliRunner().invoke(main, ["stories", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0 and "no store at" in result.output


def test_eval_prints_the_json_the_issue_names(tmp_path, examples_dir):
    rows, gold = [], []
    for f in sorted(examples_dir.glob("*.txt")):
        title, _, body = f.read_text(encoding="utf-8").partition("\n")
        rows.append({"id": f.stem, "title": title, "text": body})
        gold.append({"id": f.stem, "story": f.stem.split("-")[0]})
    _write_jsonl(tmp_path / "a.jsonl", rows)
    _write_jsonl(tmp_path / "g.jsonl", gold)
    out = tmp_path / "assign.jsonl"
    result = CliRunner().invoke(
        main,
        ["eval", str(tmp_path / "a.jsonl"), "--gold", str(tmp_path / "g.jsonl"), "--json",
         "--level", "story", "--assignments-out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    for key in ("bcubed_precision", "bcubed_recall", "bcubed_f1", "n_articles", "n_clusters",
                "seconds", "articles_per_second"):  # fmt: skip
        assert key in scores
    assert scores["n_articles"] == 13
    assert scores["bcubed_f1"] > 0.8
    assigned = [json.loads(line) for line in out.read_text().splitlines()]
    assert {a["id"] for a in assigned} == {r["id"] for r in rows}
