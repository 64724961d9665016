"""Engines run the heavy, stateless stages (read, clean, embed) for the weaver.

One interface, two engines. :class:`LocalEngine` (the default) does
everything in this process. :class:`~newsweave.engine.ray.RayEngine`
(``pip install 'newsweave[ray]'``) runs the stages on a Ray cluster: a batch
ingest as Ray Data stages writing Parquet shards, or online batches on encoder
actors. Weaving always stays in one process, because an online clusterer must
see articles in order.

An engine does two things: :meth:`Engine.prepare` turns one batch of articles
into prepared ones (what ``Weaver.add``/``add_many`` call), and
:meth:`Engine.ingest` reads paths and weaves all they hold (what ``newsweave
ingest`` calls).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from newsweave.encode import LEAD_WORDS, Encoder
from newsweave.model import Article, PreparedArticle, RecordError
from newsweave.prepare import VectorCache, prepare_batch

if TYPE_CHECKING:
    from newsweave.pipeline import IngestReport, Weaver

__all__ = ["Engine", "LocalEngine", "get_engine"]


class Engine(Protocol):
    def prepare(
        self,
        articles: Sequence[Article],
        encoder: Encoder,
        cache: VectorCache | None,
        lead_words: int = LEAD_WORDS,
    ) -> list[PreparedArticle | RecordError]:
        """Clean, detect the language and embed one batch, in order."""
        ...

    def ingest(
        self,
        paths: Iterable[str | Path],
        weaver: Weaver,
        *,
        allow_local: bool = False,
        on_progress: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Read every path (files, folders, URLs) and weave what they hold into ``weaver``."""
        ...

    def close(self) -> None: ...


class LocalEngine:
    """Everything in this process (the encoder uses the machine's cores itself).

    ``ingest`` weaves records in the order they are read.
    """

    def prepare(
        self,
        articles: Sequence[Article],
        encoder: Encoder,
        cache: VectorCache | None,
        lead_words: int = LEAD_WORDS,
    ) -> list[PreparedArticle | RecordError]:
        return prepare_batch(articles, encoder, cache, lead_words) if articles else []

    def ingest(
        self,
        paths: Iterable[str | Path],
        weaver: Weaver,
        *,
        allow_local: bool = False,
        on_progress: Callable[[int], None] | None = None,
    ) -> IngestReport:
        from newsweave.ingest import read_paths

        return weaver.add_many(read_paths(paths, allow_local=allow_local), on_progress=on_progress)

    def close(self) -> None:
        pass


def get_engine(
    name: str | None,
    address: str | None = None,
    workers: int | None = None,
    show_progress: bool = False,
) -> Engine:
    """``"local"`` (or ``None``) or ``"ray"``; ``"ray:ADDRESS"`` is ``"ray"`` with ``address``.

    ``address`` (``auto``, ``ray://host:port``; local Ray when ``None``) and
    ``workers`` (encoder actors) only apply to Ray.
    """
    if name in (None, "local"):
        if address is not None or workers is not None:
            raise ValueError("--address and --workers need --engine ray")
        return LocalEngine()
    if name == "ray" or (name and name.startswith("ray:")):
        from newsweave.engine.ray import RayEngine

        if name.startswith("ray:"):
            address = address or name.split(":", 1)[1]
        return RayEngine(address=address, workers=workers, show_progress=show_progress)
    raise ValueError(f"unknown engine {name!r}: use 'local' or 'ray' (or 'ray:ADDRESS')")
