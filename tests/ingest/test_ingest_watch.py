"""watch_feeds (polling with memory of seen ids) and parse_interval."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from newsweave.ingest import parse_interval, watch_feeds
from newsweave.model import Article, RecordError


def rss(*items: tuple[str, str]) -> str:
    body = "".join(
        f"<item><guid>{guid}</guid><title>{title}</title><description>{title}.</description></item>"
        for guid, title in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{body}</channel></rss>'
    )


ROUND1 = [("n-1", "Erdbeben erschüttert die Region"), ("n-2", "Hilfe trifft ein")]
NEW = ("n-3", "Wiederaufbau beginnt")


def test_two_rounds_only_new_items(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(rss(*ROUND1), encoding="utf-8")
    delivered: list[str] = []
    errors: list[RecordError] = []

    def on_article(article: Article) -> None:
        delivered.append(article.id)
        if len(delivered) == 2:  # the end of round 1: the feed gains an item
            feed.write_text(rss(NEW, *ROUND1), encoding="utf-8")

    watch_feeds(
        [str(feed)],
        every_seconds=0.01,
        on_article=on_article,
        on_error=errors.append,
        max_rounds=2,
    )
    assert delivered == ["n-1", "n-2", "n-3"]
    assert errors == []


def test_errors_are_reported_and_stop_event(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(rss(*ROUND1), encoding="utf-8")
    stop = threading.Event()
    errors: list[RecordError] = []
    delivered: list[str] = []

    def on_article(article: Article) -> None:
        delivered.append(article.id)
        stop.set()

    watch_feeds(
        [str(tmp_path / "missing.xml"), "ftp://example.org/feed", str(feed)],
        every_seconds=60,
        on_article=on_article,
        on_error=errors.append,
        stop=stop,
    )
    assert delivered == ["n-1"]  # stopped right after the first article
    assert [e.origin for e in errors] == [str(tmp_path / "missing.xml"), "ftp://example.org/feed"]
    assert errors[0].reason == "no such file or directory"


def test_stop_from_another_thread(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(rss(*ROUND1), encoding="utf-8")
    stop = threading.Event()
    thread = threading.Thread(
        target=watch_feeds,
        args=([str(feed)],),
        kwargs={"every_seconds": 30, "on_article": lambda a: None, "on_error": print, "stop": stop},
    )
    thread.start()
    stop.set()
    thread.join(5)
    assert not thread.is_alive()


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90", 90), ("90s", 90), ("10m", 600), ("1.5h", 5400), ("2d", 172800), (" 10 M ", 600),
     ("0.5", 0.5), (45, 45), (2.5, 2.5)],
)  # fmt: skip
def test_parse_interval(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "10x", "m", "-5m", "0", "0s", "ten minutes", "1h30m", "inf"])
def test_parse_interval_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="invalid interval"):
        parse_interval(text)
