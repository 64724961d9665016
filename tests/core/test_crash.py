"""kill -9 in the middle of an ingest, then run it again: nothing lost, nothing twice."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

from helpers.synthetic import write_articles


def _count(db) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as con:
            return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_kill_9_during_ingest_loses_and_duplicates_nothing(tmp_path):
    data = tmp_path / "stream.jsonl"
    rows = write_articles(data, 300)
    db = tmp_path / "crash.db"
    cmd = [sys.executable, "-m", "newsweave.cli", "ingest", str(data), "--db", str(db), "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 240
    while _count(db) < 30 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
    assert proc.poll() is None, "ingest finished before it could be killed; use more data"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _count(db)
    assert 0 < partial < len(rows)

    again = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert f"{partial} already stored" in again.stdout

    with sqlite3.connect(db) as con:
        ids = [r[0] for r in con.execute("SELECT id FROM articles")]
        assert sorted(ids) == sorted(r["id"] for r in rows)
        # every article's event and story exist, and every event belongs to a live story
        orphans = con.execute(
            "SELECT COUNT(*) FROM articles a LEFT JOIN events e ON a.event_id = e.id"
            " LEFT JOIN stories s ON a.story_id = s.id WHERE e.id IS NULL OR s.id IS NULL"
        ).fetchone()[0]
        assert orphans == 0
        mismatched = con.execute(
            "SELECT COUNT(*) FROM articles a JOIN events e ON a.event_id = e.id"
            " WHERE e.merged_into IS NULL AND e.story_id != a.story_id"
        ).fetchone()[0]
        assert mismatched == 0
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
