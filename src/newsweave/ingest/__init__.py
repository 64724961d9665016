"""Ingest: turn files, folders, feeds and URLs into :class:`~newsweave.model.Article` objects.

Every reader yields articles and, for each record it cannot read, a
:class:`~newsweave.model.RecordError` naming the record (``data/x.jsonl:17``,
``data/x.csv:row 5``, ``feeds/a.xml:item 3``, ``notes/a.txt``) and the reason. Readers
never raise for bad input, so one bad record never keeps the good ones out.

:func:`read_paths` is the entry point; it picks a reader from each path:

==========================  ==========================================
``http://``, ``https://``   fetched; a feed, or one article for an HTML page
directory                   walked recursively in sorted order; hidden files and
                            folders skipped, unknown suffixes skipped silently
``.txt``, ``.text``, none   one plain-text article (:mod:`.text`)
``.jsonl``, ``.ndjson``     one article per line (:mod:`.tabular`)
``.json``                   array / ``{"articles": [...]}`` / one object
``.csv``                    one article per row, header names the fields
``.html``, ``.htm``         one saved web page (:mod:`.html`)
``.xml``, ``.rss``, ``.atom``  an RSS or Atom feed (:mod:`.feeds`)
==========================  ==========================================

Suffixes are matched case-insensitively. A path given explicitly with an unknown
suffix, or one that does not exist, is a RecordError.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsweave.ingest.feeds import (
    FetchResult,
    check_url,
    fetch_url,
    read_feed,
    read_feed_bytes,
    read_url,
)
from newsweave.ingest.html import article_from_html, html_to_text, read_html_file
from newsweave.ingest.records import article_from_mapping, normalize_lang, parse_published
from newsweave.ingest.tabular import read_csv, read_json, read_jsonl
from newsweave.ingest.text import MAX_FILE_BYTES, decode_text, read_text_file, split_title
from newsweave.ingest.watch import parse_interval, watch_feeds
from newsweave.model import Article, RecordError

__all__ = [
    "MAX_FILE_BYTES",
    "READERS",
    "FetchResult",
    "article_from_html",
    "article_from_mapping",
    "check_url",
    "decode_text",
    "fetch_url",
    "html_to_text",
    "normalize_lang",
    "parse_interval",
    "parse_published",
    "read_csv",
    "read_feed",
    "read_feed_bytes",
    "read_html_file",
    "read_json",
    "read_jsonl",
    "read_path",
    "read_paths",
    "read_text_file",
    "read_url",
    "split_title",
    "watch_feeds",
]

log = logging.getLogger(__name__)

Reader = Callable[[Path], Iterator[Article | RecordError]]

#: File suffix (lower case, ``""`` for none) -> reader.
READERS: dict[str, Reader] = {
    "": read_text_file,
    ".txt": read_text_file,
    ".text": read_text_file,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".csv": read_csv,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
}


def _url_scheme(text: str) -> str | None:
    head, sep, _ = text.partition("://")
    if sep and head and head.isascii() and head.replace("+", "").replace("-", "").isalnum():
        return head.lower()
    return None


def _walk(folder: Path) -> Iterator[Path | RecordError]:
    """Files under ``folder`` in sorted order, skipping hidden names and symlinked folders.

    A folder that cannot be listed is yielded as a RecordError and the walk goes on.
    """
    try:
        children = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield RecordError(str(folder), f"cannot list folder: {exc.strerror or exc}")
        return
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_dir():
            if not child.is_symlink():
                yield from _walk(child)
        elif child.suffix.lower() in READERS:
            yield child


def _guarded(reader: Reader, path: Path) -> Iterator[Article | RecordError]:
    """Run one reader; a bug in it becomes a RecordError rather than an exception."""
    try:
        yield from reader(path)
    except Exception as exc:  # noqa: BLE001 - the promise is: never raise for input
        log.exception("reader failed on %s", path)
        yield RecordError(str(path), f"internal error while reading: {type(exc).__name__}: {exc}")


def read_path(path: str | Path, *, allow_local: bool = False) -> Iterator[Article | RecordError]:
    """Read one path or URL (see the module docstring for the dispatch rules)."""
    text = str(path)
    scheme = _url_scheme(text) if isinstance(path, str) else None
    if scheme in ("http", "https"):
        yield from read_url(text, allow_local=allow_local)
        return
    if scheme is not None:
        yield RecordError(text, f"unsupported URL scheme '{scheme}' (only http and https)")
        return
    target = Path(path)
    if target.is_dir():
        for file in _walk(target):
            if isinstance(file, RecordError):
                yield file
            else:
                yield from _guarded(READERS[file.suffix.lower()], file)
        return
    if not target.exists():
        yield RecordError(text, "no such file or directory")
        return
    reader = READERS.get(target.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(s for s in READERS if s))
        yield RecordError(text, f"unsupported file type '{target.suffix}' (known: {known})")
        return
    yield from _guarded(reader, target)


def read_paths(
    paths: Iterable[str | Path], *, allow_local: bool = False
) -> Iterator[Article | RecordError]:
    """Read every path, folder and URL in ``paths``, in order.

    Yields :class:`Article` objects and a :class:`RecordError` for each bad record, a
    missing path, or a failed fetch; never raises for bad input. ``allow_local``
    allows URLs on loopback/private addresses (see :func:`fetch_url`).
    """
    for path in paths:
        yield from read_path(path, allow_local=allow_local)
