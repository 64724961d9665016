"""The Ray engine's stages and shards, without Ray: same preparation, safe shard files.

The stages are plain functions, so the claim "a batch ingest prepares articles
exactly as the in-process engine does" is checked here row by row, and the
shard folder's handling of a kill (half-written file, shard not yet in the
manifest) is checked on the files themselves.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

pa = pytest.importorskip("pyarrow")

from newsweave.encode import LEAD_WORDS  # noqa: E402
from newsweave.engine.shards import (  # noqa: E402
    STATUS_CACHED,
    STATUS_OK,
    ShardFolder,
    row_to_prepared,
    rows_to_table,
    shard_dir_for,
)
from newsweave.engine.stages import (  # noqa: E402
    EMBED_TEXT,
    EmbedBatch,
    clean_batch,
    expand_inputs,
    read_input,
)
from newsweave.ingest import read_paths  # noqa: E402
from newsweave.model import RecordError  # noqa: E402
from newsweave.prepare import prepare_batch  # noqa: E402


def _stage_rows(paths, encoder, done=None):
    inputs, errors = expand_inputs(paths)
    assert not errors
    rows = []
    for item in inputs:
        item = dict(item, done=json.dumps((done or {}).get(item["input"], {})))
        rows.extend(read_input(item))
    table = clean_batch(pa.Table.from_pylist(rows), LEAD_WORDS)
    return EmbedBatch(lambda: encoder)(table).to_pylist()


def test_stages_prepare_exactly_like_the_in_process_engine(tmp_path, examples_dir, encoder):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps({"id": "x1", "title": "Dockworkers strike in Rotterdam", "lang": "en"})
        + "\n{not json\n"
        + json.dumps({"id": "x2", "title": "   ", "text": "!!!"})
        + "\n"
    )
    paths = [str(examples_dir), str(bad)]
    rows = _stage_rows(paths, encoder)
    staged = [row_to_prepared(r) for r in rows]

    records = list(read_paths(paths))
    articles = [r for r in records if not isinstance(r, RecordError)]
    expected = prepare_batch(articles, encoder, None, LEAD_WORDS)

    assert [str(e) for e in staged if isinstance(e, RecordError)] == [
        str(r) for r in records if isinstance(r, RecordError)
    ] + [str(e) for e in expected if isinstance(e, RecordError)]
    got = [p for p in staged if not isinstance(p, RecordError)]
    want = [p for p in expected if not isinstance(p, RecordError)]
    assert [p.article for p in got] == [p.article for p in want]
    for g, w in zip(got, want, strict=True):
        assert (g.lang, g.time, g.words, g.names, g.name_surfaces) == (
            w.lang,
            w.time,
            w.words,
            w.names,
            w.name_surfaces,
        )
        np.testing.assert_array_equal(g.vector, w.vector)
        assert g.vector.dtype == np.float32


def test_records_in_finished_shards_are_not_prepared_again(tmp_path, examples_dir, encoder):
    data = tmp_path / "a.jsonl"
    data.write_text(
        "".join(
            json.dumps({"id": f"a{i}", "title": f"Flood number {i} hits"}) + "\n" for i in (1, 2)
        )
    )
    first = _stage_rows([data], encoder)
    key = str(data.resolve())
    done = {key: {first[0]["record"]: first[0]["record_hash"]}}
    again = _stage_rows([data], encoder, done)
    assert [r["status"] for r in again] == [STATUS_CACHED, STATUS_OK]
    assert again[0][EMBED_TEXT] is None and again[0]["vector"] is None
    # the input changed under the same record number: prepared again
    data.write_text(json.dumps({"id": "a1", "title": "Another text now"}) + "\n")
    changed = _stage_rows([data], encoder, done)
    assert [r["status"] for r in changed] == [STATUS_OK]


def _table(n, start=0, dim=4, source="in.jsonl"):
    rows = [
        {"input": source, "record": start + i, "record_hash": f"h{start + i}", "status": "ok",
         "id": f"a{start + i}", "vector": np.ones(dim, dtype=np.float32)}
        for i in range(n)
    ]  # fmt: skip
    return rows_to_table(rows, dim)


def test_shards_are_atomic_listed_and_adopted_after_a_kill(tmp_path):
    folder = shard_dir_for(tmp_path / "news.db")
    assert folder == tmp_path / "news.db.shards"
    shards = ShardFolder(folder, "enc", 120)
    shards.write(_table(3))
    assert shards.shards == ["shard-000000.parquet"]
    assert shards.finished() == {"in.jsonl": {0: "h0", 1: "h1", 2: "h2"}}

    # killed while writing the next shard: a temporary file is left; killed between
    # the rename and the manifest line: a complete shard the manifest does not list
    (folder / "shard-000001.parquet.tmp").write_bytes(b"PAR1 half a file")
    import pyarrow.parquet as pq

    pq.write_table(_table(2, start=3), folder / "shard-000002.parquet")
    with open(folder / "manifest.jsonl", "a") as fh:
        fh.write('{"shard": "shard-0000')  # a line cut by the kill

    reopened = ShardFolder(folder, "enc", 120)
    assert not list(folder.glob("*.tmp"))
    assert reopened.shards == ["shard-000000.parquet", "shard-000002.parquet"]
    assert sorted(reopened.finished()["in.jsonl"]) == [0, 1, 2, 3, 4]
    wanted = {("in.jsonl", r): f"h{r}" for r in (1, 4)}
    wanted[("in.jsonl", 2)] = "stale"  # another fingerprint: not this run's record
    assert sorted(r["id"] for r in reopened.read(wanted)) == ["a1", "a4"]
    assert reopened.write(_table(1, start=5)) == "shard-000003.parquet"


def test_shards_made_with_other_settings_are_refused(tmp_path):
    ShardFolder(tmp_path / "s", "enc-a", 120)
    with pytest.raises(ValueError, match="delete that folder"):
        ShardFolder(tmp_path / "s", "enc-b", 120)
    with pytest.raises(ValueError, match="on disk"):
        shard_dir_for(":memory:")
