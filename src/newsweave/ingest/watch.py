"""Poll feeds (files or URLs) again and again, passing on only entries not seen before.

This is what ``newsweave watch`` runs: every ``every_seconds`` each source is read
again; an entry whose article id was already delivered (in this process) is skipped,
so a feed that keeps its old items only yields its new ones. Errors (a feed that is
down, a bad entry) are passed to ``on_error`` on every round in which they occur.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Callable, Iterator

from newsweave.ingest.feeds import read_feed, read_url
from newsweave.model import Article, RecordError

__all__ = ["parse_interval", "watch_feeds"]

_UNITS = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_INTERVAL = re.compile(r"(\d+(?:\.\d*)?|\.\d+)\s*([smhd]?)")


def parse_interval(value: str | float) -> float:
    """Parse a polling interval into seconds: ``"90"``, ``"90s"``, ``"10m"``, ``"1.5h"``, ``"1d"``.

    Raises:
        ValueError: for anything else, or for an interval that is not above zero.
    """
    if isinstance(value, bool):
        raise ValueError(f"invalid interval {value!r}")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        match = _INTERVAL.fullmatch(str(value).strip().lower())
        if not match:
            raise ValueError(
                f"invalid interval {value!r}: use seconds or a number followed by "
                "s, m, h or d (e.g. '90', '90s', '10m', '1h', '1d')"
            )
        seconds = float(match.group(1)) * _UNITS[match.group(2)]
    if not math.isfinite(seconds) or seconds <= 0:
        raise ValueError(f"invalid interval {value!r}: must be more than 0 seconds")
    return seconds


def _read_source(source: str, allow_local: bool) -> Iterator[Article | RecordError]:
    if source.lower().startswith(("http://", "https://")):
        return read_url(source, allow_local=allow_local)
    if "://" in source:
        scheme = source.split("://", 1)[0]
        error = RecordError(source, f"unsupported URL scheme '{scheme}' (only http and https)")
        return iter([error])
    return read_feed(source)


def watch_feeds(
    sources: list[str],
    *,
    every_seconds: float,
    on_article: Callable[[Article], None],
    on_error: Callable[[RecordError], None],
    allow_local: bool = False,
    stop: threading.Event | None = None,
    max_rounds: int | None = None,
) -> None:
    """Poll ``sources`` every ``every_seconds`` until ``stop`` is set or ``max_rounds`` ran.

    The first round delivers every entry; later rounds only entries whose id was not
    delivered before. Seen ids are kept in memory for the life of the call. A round
    starts every ``every_seconds`` after the previous one ended; there is no wait
    after the last round. Exceptions raised by the callbacks propagate.
    """
    if every_seconds <= 0:
        raise ValueError("every_seconds must be more than 0")
    stop = stop or threading.Event()
    seen: set[str] = set()
    rounds = 0
    while not stop.is_set():
        for source in sources:
            for item in _read_source(source, allow_local):
                if stop.is_set():
                    return
                if isinstance(item, RecordError):
                    on_error(item)
                elif item.id not in seen:
                    seen.add(item.id)
                    on_article(item)
        rounds += 1
        if max_rounds is not None and rounds >= max_rounds:
            return
        stop.wait(every_seconds)
