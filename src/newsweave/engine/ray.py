"""The Ray engine: the costly stages on a Ray cluster, the weave in this process.

Embedding dominates the cost (the bundled encoder does ~5 title+lead texts/s
on one core), so it scales out; the online weaver must see articles in
order, so it stays in the driver. Two ways in:

* :meth:`RayEngine.ingest` (``newsweave ingest PATH... --engine ray``): a Ray
  Data batch pipeline, read -> clean + language + words + names (tasks) ->
  embed (a pool of ``workers`` encoder actors, one thread each); the driver
  writes its output as Parquet shards next to the store
  (:mod:`newsweave.engine.shards`), then weaves the shards in publication
  order. A killed run started again skips every record in a finished shard.
* :meth:`RayEngine.prepare` (``Weaver(engine=RayEngine())``): online batches,
  their texts embedded round-robin on the actors and put back in order.

    newsweave ingest archive/ --engine ray                    # local Ray, one worker a core
    newsweave ingest archive/ --engine ray --address auto     # join a running cluster
    newsweave ingest archive/ --engine ray --address ray://head:10001 --workers 16

On a cluster, the inputs must be readable by the workers (a shared folder or
URLs); the shards are written by the driver, beside the store.
"""

from __future__ import annotations

import json
import logging
import os
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from newsweave.encode import LEAD_WORDS, Encoder
from newsweave.engine.shards import (
    STATUS_CACHED,
    ShardFolder,
    row_article,
    row_schema,
    row_to_prepared,
    shard_dir_for,
)
from newsweave.engine.stages import (
    EMBED_TEXT,
    EmbedBatch,
    EncoderFactory,
    clean_batch,
    default_encoder_factory,
    encoder_spec,
    expand_inputs,
    pin_threads,
    read_input,
)
from newsweave.model import Article, PreparedArticle, RecordError
from newsweave.prepare import VectorCache, prepare_batch

if TYPE_CHECKING:
    from newsweave.pipeline import IngestReport, Weaver

#: rows per Parquet shard: what a kill can cost at most, per shard in flight
SHARD_ROWS = 256
#: texts per call to an encoder actor: small enough to keep every actor busy to the end
EMBED_BATCH_ROWS = 16
#: most bytes in a block between stages (a few to a few dozen articles)
BLOCK_BYTES = 64 * 1024
#: read and clean tasks running at once
LIGHT_TASKS = 2


def connect(address: str | None = None) -> None:
    """Start a local Ray (``address=None``) or join a cluster (``auto``, ``ray://host:port``)."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # nothing leaves the machine
    try:
        import ray
    except ImportError as exc:  # pragma: no cover - optional dependency
        raise ValueError("the Ray engine needs: pip install 'newsweave[ray]'") from exc
    if ray.is_initialized():
        return
    options: dict = {"log_to_driver": False, "logging_level": logging.WARNING}
    if address is None:
        options["include_dashboard"] = False
    ray.init(address=address, **options)


@contextmanager
def _data_context(show_progress: bool) -> Iterator[None]:
    """Ray Data settings for our pipelines: small blocks, quiet unless asked.

    Blocks are cut at BLOCK_BYTES (Ray's default is 128 MiB): a stage hands
    whole blocks to the next, so one big input file would otherwise reach a
    single encoder actor. (``repartition`` would cut them too, but its tasks
    need a CPU that the encoder actors hold: the pipeline would wait forever.)
    """
    import ray.data

    context = ray.data.DataContext.get_current()
    settings = {
        "enable_progress_bars": show_progress,
        "print_on_execution_start": False,
        "target_max_block_size": BLOCK_BYTES,
    }
    before = {name: getattr(context, name) for name in settings}
    for name, value in settings.items():
        setattr(context, name, value)
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    logging.getLogger("ray.data._internal.progress").setLevel(logging.ERROR)  # "bars disabled"
    # small inputs give fewer blocks than actors: fine, and not worth a warning
    for few_inputs in ("The minimum number of concurrent", "The maximum number of concurrent"):
        warnings.filterwarnings("ignore", few_inputs, UserWarning)
    try:
        yield
    finally:
        for name, value in before.items():
            setattr(context, name, value)


class _DistributedEncoder:
    """An :class:`Encoder` whose ``encode`` runs on the Ray actors."""

    def __init__(self, engine: RayEngine, local: Encoder) -> None:
        self.engine = engine
        self.name = local.name
        self.dim = local.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self.engine.encode_remote(list(texts), self.dim)


class RayEngine:
    """Prepare articles on Ray: batch ingest with shards, or online batches (see module doc).

    ``workers`` is the number of encoder actors (default: one per CPU of the
    cluster); each runs its encoder on one thread. ``encoder_factory`` builds
    the actors' encoder (default: the weaver's encoder, by name).
    """

    def __init__(
        self,
        address: str | None = None,
        workers: int | None = None,
        chunk: int = EMBED_BATCH_ROWS,
        shard_rows: int = SHARD_ROWS,
        encoder_factory: EncoderFactory | None = None,
        show_progress: bool = False,
    ) -> None:
        connect(address)
        import ray

        self._ray = ray
        self.workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        self.chunk = chunk
        self.shard_rows = shard_rows
        self.encoder_factory = encoder_factory
        self.show_progress = show_progress
        self._actors: list = []
        self._spec: str | None = None

    # ------------------------------------------------------------ batch ingest
    def ingest(
        self,
        paths: Iterable[str | Path],
        weaver: Weaver,
        *,
        allow_local: bool = False,
        on_progress: Callable[[int], None] | None = None,
        stop_after_shards: int | None = None,
    ) -> IngestReport:
        """Read, clean and embed ``paths`` on Ray into shards, then weave them in order.

        ``stop_after_shards`` ends the run after writing that many new shards,
        before weaving (what a kill does; for tests of resuming).
        """
        shards = ShardFolder(
            shard_dir_for(weaver.store.path), weaver.encoder.name, weaver.params.lead_words
        )
        inputs, listing_errors = expand_inputs(paths)
        seen = self._prepare_shards(
            inputs, shards, weaver, allow_local=allow_local, stop_after=stop_after_shards
        )
        if seen is None:
            from newsweave.pipeline import IngestReport

            return IngestReport(errors=list(listing_errors))
        order = {item["input"]: index for index, item in enumerate(inputs)}
        rows = sorted(shards.read(seen), key=lambda r: (order[r["input"]], r["record"]))
        report = weaver.add_prepared(in_publication_order(rows), on_progress=on_progress)
        report.errors[:0] = listing_errors
        return report

    def _prepare_shards(
        self,
        inputs: list[dict[str, str]],
        shards: ShardFolder,
        weaver: Weaver,
        *,
        allow_local: bool,
        stop_after: int | None,
    ) -> dict[tuple[str, int], str] | None:
        """Run the Ray stages over the records not yet in a finished shard.

        Returns every record of this run, ``{(input, record): record_hash}``,
        or ``None`` when stopped early.
        """
        import ray.data

        seen: dict[tuple[str, int], str] = {}
        if not inputs:
            return seen
        finished = shards.finished()
        items = [
            {"input": item["input"], "path": item["path"], "done": _json(finished, item["input"])}
            for item in inputs
        ]
        factory = self.encoder_factory or default_encoder_factory(weaver.encoder)
        # the encoder actors hold a CPU each; the light stages ask for none, so that
        # they are never starved by them, and run a few tasks at a time
        light = {"num_cpus": 0, "compute": ray.data.TaskPoolStrategy(size=LIGHT_TASKS)}
        schema = row_schema(weaver.encoder.dim)
        written = 0
        with _data_context(self.show_progress):
            dataset = (
                ray.data.from_items(items, override_num_blocks=len(items))
                .flat_map(read_input, fn_kwargs={"allow_local": allow_local}, **light)
                .map_batches(
                    clean_batch,
                    fn_kwargs={"lead_words": weaver.params.lead_words},
                    batch_format="pyarrow",
                    batch_size=None,  # a block at a time: one task per small file
                    **light,
                )
                .map_batches(
                    EmbedBatch,
                    fn_constructor_kwargs={"encoder_factory": factory, "threads": 1},
                    batch_format="pyarrow",
                    batch_size=self.chunk,
                    compute=ray.data.ActorPoolStrategy(size=self.workers),
                    num_cpus=1,
                )
            )
            for batch in dataset.iter_batches(batch_size=self.shard_rows, batch_format="pyarrow"):
                for source, record, digest in zip(
                    batch.column("input").to_pylist(),
                    batch.column("record").to_pylist(),
                    batch.column("record_hash").to_pylist(),
                    strict=True,
                ):
                    seen[(source, record)] = digest
                status = batch.column("status").to_pylist()
                fresh = [i for i, s in enumerate(status) if s != STATUS_CACHED]
                if fresh:
                    shards.write(batch.take(fresh).select(schema.names).cast(schema))
                    written += 1
                    if stop_after is not None and written >= stop_after:
                        return None
        return seen

    # ------------------------------------------------------------ online batches
    def _pool(self, encoder: Encoder) -> list:
        spec = encoder_spec(encoder)
        if self._actors and self._spec == spec:
            return self._actors
        ray = self._ray

        @ray.remote(num_cpus=1)
        class EncoderActor:
            def __init__(self, encoder_spec: str) -> None:
                pin_threads(1)
                from newsweave.encode import get_encoder

                self.encoder = get_encoder(encoder_spec)

            def encode(self, texts: list[str]) -> np.ndarray:
                return self.encoder.encode(texts)

        self._actors = [EncoderActor.remote(spec) for _ in range(self.workers)]
        self._spec = spec
        return self._actors

    def encode_remote(self, texts: list[str], dim: int) -> np.ndarray:
        if not texts:
            return np.zeros((0, dim), dtype=np.float32)
        chunks = [texts[i : i + self.chunk] for i in range(0, len(texts), self.chunk)]
        futures = [
            self._actors[i % len(self._actors)].encode.remote(c) for i, c in enumerate(chunks)
        ]
        return np.concatenate(self._ray.get(futures)).astype(np.float32)

    def prepare(
        self,
        articles: Sequence[Article],
        encoder: Encoder,
        cache: VectorCache | None,
        lead_words: int = LEAD_WORDS,
    ) -> list[PreparedArticle | RecordError]:
        if not articles:
            return []
        self._pool(encoder)
        return prepare_batch(articles, _DistributedEncoder(self, encoder), cache, lead_words)

    def close(self) -> None:
        for actor in self._actors:
            self._ray.kill(actor)
        self._actors = []


def _json(finished: dict[str, dict[int, str]], source: str) -> str:
    return json.dumps(finished.get(source, {}))


def in_publication_order(rows: list[dict]) -> list[PreparedArticle | RecordError]:
    """Shard rows (in input order) as the weaver takes them, in publication order.

    The order is :func:`newsweave.evaluate.run.publication_order` over every
    record that has an article (also those that failed cleaning, as in
    ``newsweave eval``); reader errors, which have none, come first.
    """
    from newsweave.evaluate.run import publication_order

    unread = [row_to_prepared(r) for r in rows if r["id"] is None]
    with_article = [r for r in rows if r["id"] is not None]
    articles = [row_article(r) for r in with_article]
    row_of = {id(a): r for a, r in zip(articles, with_article, strict=True)}
    ordered = [row_to_prepared(row_of[id(a)]) for a in publication_order(articles)]
    return unread + ordered


# ------------------------------------------------------------ measuring
@dataclass
class EmbeddingRun:
    """One timed pass of the embedding stage over a list of texts.

    ``seconds`` runs from the first batch's start on any actor to the last
    batch's end (so actor start-up and model loading are left out, Ray's
    dispatching between batches is in); ``wall_seconds`` is the whole run.
    """

    workers: int
    texts: int
    seconds: float
    wall_seconds: float
    threads_per_worker: int
    cpu_seconds: float  # spent by the actors in their batches
    load_average: float  # of the machine, over the last minute, at the end

    @property
    def per_second(self) -> float:
        return self.texts / self.seconds if self.seconds else 0.0

    @property
    def per_cpu_second(self) -> float:
        """Articles per CPU second of an actor: what one free core would do."""
        return self.texts / self.cpu_seconds if self.cpu_seconds else 0.0

    @property
    def busy_cores(self) -> float:
        """CPU seconds per second: how many cores the actors really got."""
        return self.cpu_seconds / self.seconds if self.seconds else 0.0


def time_embedding(
    texts: list[str],
    workers: int,
    encoder_factory: EncoderFactory,
    batch_rows: int = EMBED_BATCH_ROWS,
) -> EmbeddingRun:
    """Embed ``texts`` in the Ray Data embed stage on ``workers`` actors, one thread each."""
    import ray.data

    rows = [{EMBED_TEXT: t} for t in texts]
    count, threads, first, last, cpu = 0, 0, float("inf"), 0.0, 0.0
    with _data_context(show_progress=False):
        dataset = ray.data.from_items(rows, override_num_blocks=max(1, len(rows) // batch_rows))
        embedded = dataset.map_batches(
            EmbedBatch,
            fn_constructor_kwargs={
                "encoder_factory": encoder_factory,
                "threads": 1,
                "report": True,
            },
            batch_format="pyarrow",
            batch_size=batch_rows,
            compute=ray.data.ActorPoolStrategy(size=workers),
            num_cpus=1,
        )
        wall = time.perf_counter()
        for batch in embedded.iter_batches(batch_size=None, batch_format="pyarrow"):
            count += batch.num_rows
            threads = max(threads, *batch.column("encoder_threads").to_pylist())
            first = min(first, *batch.column("batch_started").to_pylist())
            last = max(last, *batch.column("batch_finished").to_pylist())
            cpu += sum(batch.column("batch_cpu").to_pylist())
        wall = time.perf_counter() - wall
    if count != len(texts):
        raise RuntimeError(f"embedded {count} of {len(texts)} texts")
    return EmbeddingRun(workers, len(texts), last - first, wall, threads, cpu, os.getloadavg()[0])


__all__ = [
    "EmbeddingRun",
    "RayEngine",
    "connect",
    "in_publication_order",
    "time_embedding",
]
