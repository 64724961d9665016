"""``newsweave entities`` / ``newsweave entity`` on the seeds."""

from __future__ import annotations

import json

from click.testing import CliRunner

from newsweave import Weaver
from newsweave.cli import main


def test_cli(tmp_path, seeded_db, encoder):
    db = seeded_db
    with Weaver(db=db, encoder=encoder) as w:
        story = w.stories()[0].id
    runner = CliRunner()
    out = runner.invoke(main, ["entities", "--db", str(db), "--limit", "5"])
    assert out.exit_code == 0, out.output
    assert "Aleppo" in out.output
    out = runner.invoke(main, ["entities", "--db", str(db), "--story", story, "--type", "place",
                               "--json"])  # fmt: skip
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data and all(e["type"] == "place" for e in data)
    out = runner.invoke(main, ["entity", "بستان القصر", "--db", str(db), "--json"])
    assert out.exit_code == 0, out.output
    e = json.loads(out.output)
    assert e["name"] == "Bustan al-Qasr" and story in e["stories"]
    assert {"vi", "en", "fr", "ar"} <= set(e["languages"])
    out = runner.invoke(main, ["entity", "Cheikh Saïd", "--db", str(db)])
    assert out.exit_code == 0 and "Sheikh Saeed" in out.output
    out = runner.invoke(main, ["entity", "nothing like this", "--db", str(db)])
    assert out.exit_code != 0
    out = runner.invoke(main, ["entities", "--db", str(tmp_path / "missing.db")])
    assert out.exit_code != 0
