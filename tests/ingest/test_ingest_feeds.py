"""RSS/Atom feeds from files and from a loopback HTTP server, and the URL guard."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsweave.ingest import feeds, read_feed, read_paths, read_url
from newsweave.ingest.feeds import check_url, fetch_url
from newsweave.model import Article, RecordError

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Noticias de Prueba</title><link>https://noticias.example/</link>
<description>Feed de prueba</description>
<item>
  <title>Sube el precio del aceite de oliva</title>
  <link>https://noticias.example/aceite</link>
  <guid isPermaLink="false">noticias-1001</guid>
  <pubDate>Thu, 07 Mar 2024 10:30:00 +0100</pubDate>
  <description>&lt;p&gt;El precio del aceite subió un &lt;b&gt;20 %&lt;/b&gt; en marzo.&lt;/p&gt;
  &lt;p&gt;Los productores culpan a la sequía.&lt;/p&gt;</description>
</item>
<item>
  <title>Huelga de transporte en Madrid</title>
  <link>https://noticias.example/huelga</link>
  <description>Los autobuses no circularán el lunes.</description>
</item>
<item><title></title><description></description></item>
<item><title>Sólo un título sin enlace</title></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Вести Тест</title>
  <id>urn:uuid:feed-vesti-test</id>
  <updated>2024-03-07T12:00:00Z</updated>
  <entry>
    <title>В Москве открылась новая станция метро</title>
    <id>tag:vesti.example,2024:metro</id>
    <link href="https://vesti.example/metro"/>
    <published>2024-03-07T09:00:00+03:00</published>
    <updated>2024-03-07T11:00:00+03:00</updated>
    <content type="html">&lt;p&gt;Станция приняла первых пассажиров утром.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Погода на выходные</title>
    <id>tag:vesti.example,2024:weather</id>
    <updated>2024-03-08T06:00:00Z</updated>
    <summary>Ожидается снег.</summary>
  </entry>
</feed>
"""


def test_rss_file(tmp_path: Path) -> None:
    path = tmp_path / "noticias.rss"
    path.write_text(RSS, encoding="utf-8")
    items = list(read_feed(path))
    assert len(items) == 4
    first, second, empty, title_only = items
    assert isinstance(first, Article)
    assert first.id == "noticias-1001"
    assert first.title == "Sube el precio del aceite de oliva"
    assert (
        first.text
        == "El precio del aceite subió un 20 % en marzo.\nLos productores culpan a la sequía."
    )
    assert first.published == datetime(2024, 3, 7, 9, 30, tzinfo=UTC)
    assert first.source == "Noticias de Prueba"
    assert first.url == "https://noticias.example/aceite"
    assert first.origin == f"{path}:item 1"
    assert isinstance(second, Article)
    assert second.id == "https://noticias.example/huelga"  # no guid: the link
    assert second.published is None
    assert empty == RecordError(f"{path}:item 3", "entry has no title and no text")
    assert isinstance(title_only, Article)
    assert len(title_only.id) == 16 and title_only.url is None  # hash of title + link


def test_atom_file(tmp_path: Path) -> None:
    path = tmp_path / "vesti.atom"
    path.write_text(ATOM, encoding="utf-8")
    first, second = read_paths([path])
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == "tag:vesti.example,2024:metro"
    assert first.text == "Станция приняла первых пассажиров утром."
    assert first.published == datetime(2024, 3, 7, 6, 0, tzinfo=UTC)
    assert first.source == "Вести Тест"
    assert first.url == "https://vesti.example/metro"
    assert second.text == "Ожидается снег."
    assert second.published == datetime(2024, 3, 8, 6, 0, tzinfo=UTC)  # updated, no published


def test_malformed_feed(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<?xml version='1.0'?><rss><channel><title>x</title><item", encoding="utf-8")
    not_feed = tmp_path / "notes.xml"
    not_feed.write_text("<?xml version='1.0'?><notes><note>hi</note></notes>", encoding="utf-8")
    good = tmp_path / "ok.xml"
    good.write_text(RSS, encoding="utf-8")
    items = list(read_paths([tmp_path]))
    errors = [i for i in items if isinstance(i, RecordError)]
    assert [e.origin for e in errors] == [str(broken), str(notes := not_feed), f"{good}:item 3"]
    assert errors[0].reason.startswith("malformed feed: ")
    assert "line 1" in errors[0].reason
    assert errors[1].reason == "not an RSS or Atom feed" and notes
    assert len([i for i in items if isinstance(i, Article)]) == 3


def test_bozo_feed_with_entries_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "sloppy.rss"
    path.write_text(RSS.replace("<description>Feed de prueba</description>", "<b>&nbsp;</b>"),
                    encoding="utf-8")  # fmt: skip
    articles = [i for i in read_feed(path) if isinstance(i, Article)]
    assert len(articles) == 3


# ------------------------------------------------------------------ loopback server


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        # recorded before answering: the client may check it as soon as it has the body
        type(self).seen_agents.append(self.headers.get("User-Agent", ""))
        status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    seen_agents: list[str] = []

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.routes = {
        "/feed.xml": (200, {"Content-Type": "application/rss+xml"}, RSS.encode()),
        "/page.html": (
            200,
            {"Content-Type": "text/html; charset=utf-8"},
            b"<html><head><title>Page</title></head><body><article><p>"
            b"A short local page about the city council meeting held on Monday evening."
            b"</p></article></body></html>",
        ),
        "/big.xml": (200, {"Content-Type": "application/rss+xml"}, b"<rss>" + b" " * 5000),
        "/to-private": (302, {"Location": "http://10.1.2.3/feed.xml"}, b""),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/gone": (410, {}, b"gone"),
    }
    _Handler.seen_agents = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def test_fetch_feed_from_loopback(server: str) -> None:
    items = list(read_paths([f"{server}/feed.xml"], allow_local=True))
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.id for a in articles][:2] == ["noticias-1001", "https://noticias.example/huelga"]
    assert items[2] == RecordError(f"{server}/feed.xml:item 3", "entry has no title and no text")
    assert _Handler.seen_agents == ["newsweave/0.1"]


def test_fetch_html_page_from_loopback(server: str) -> None:
    [article] = read_url(f"{server}/page.html", allow_local=True)
    assert isinstance(article, Article)
    assert article.id == f"{server}/page.html"
    assert "city council meeting" in article.text


def test_loopback_refused_by_default(server: str) -> None:
    [error] = read_paths([f"{server}/feed.xml"])
    assert isinstance(error, RecordError)
    assert error.origin == f"{server}/feed.xml"
    assert "refused: '127.0.0.1' is a loopback address (127.0.0.1)" in error.reason
    assert _Handler.seen_agents == []  # nothing was requested


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "unsupported URL scheme 'file' (only http and https)"),
        ("ftp://ftp.example/feed.xml", "unsupported URL scheme 'ftp' (only http and https)"),
        ("http://localhost/feed", "refused: 'localhost' resolves to a loopback address"),
        ("http://[::1]:8080/feed", "refused: '::1' is a loopback address"),
        ("http://10.0.0.7/feed", "refused: '10.0.0.7' is a private address"),
        ("http://192.168.1.1/", "refused: '192.168.1.1' is a private address"),
        ("http://169.254.169.254/latest/", "refused: '169.254.169.254' is a link-local address"),
        ("http://0.0.0.0/", "refused: '0.0.0.0' is a unspecified address"),
        ("http://224.0.0.1/", "refused: '224.0.0.1' is a multicast address"),
        ("http://[::ffff:127.0.0.1]/", "refused: '::ffff:127.0.0.1' is a loopback address"),
        ("http:///nohost", "URL has no host"),
    ],
)
def test_refused_urls(url: str, reason: str) -> None:
    with pytest.raises(RecordError) as info:
        fetch_url(url)
    assert info.value.origin == url
    assert reason in info.value.reason
    with pytest.raises(ValueError, match="refused|unsupported|no host"):
        check_url(url)


def test_other_schemes_refused_even_when_local_allowed() -> None:
    for url in ("file:///etc/passwd", "ftp://127.0.0.1/x"):
        [error] = read_paths([url], allow_local=True)
        assert isinstance(error, RecordError) and "unsupported URL scheme" in error.reason


def test_redirects_are_checked_on_every_hop(server: str, monkeypatch) -> None:
    real = feeds._address_problem
    # Pretend the test server is a public host; everything else is judged as usual.
    monkeypatch.setattr(feeds, "_address_problem", lambda a: None if a == "127.0.0.1" else real(a))
    [article] = read_url(f"{server}/page.html")
    assert isinstance(article, Article)
    [error] = read_url(f"{server}/to-private")
    assert error == RecordError(
        f"{server}/to-private",
        "redirected to http://10.1.2.3/feed.xml: refused: '10.1.2.3' is a private address "
        "(10.1.2.3); local and private addresses "
        "are only fetched when allow_local is set",
    )
    [error] = read_url(f"{server}/to-file")
    assert isinstance(error, RecordError)
    assert error.reason == (
        "redirected to file:///etc/passwd: unsupported URL scheme 'file' (only http and https)"
    )


def test_http_errors_and_size_cap(server: str) -> None:
    [error] = read_url(f"{server}/gone", allow_local=True)
    assert error == RecordError(f"{server}/gone", "HTTP error 410 Gone")
    [error] = read_url(f"{server}/big.xml", allow_local=True, max_bytes=1000)
    assert error == RecordError(f"{server}/big.xml", "response too large: 5 kB (limit 1 kB)")


def test_connection_refused_is_a_record_error() -> None:
    import socket

    with socket.socket() as sock:  # find a free port, then close it: nobody listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    [error] = read_url(f"http://127.0.0.1:{port}/feed", allow_local=True, timeout=5)
    assert isinstance(error, RecordError)
    assert error.reason.startswith("network error")


def test_connected_address_is_checked_too(server: str, monkeypatch) -> None:
    # Simulate a name that resolved to a public address at check time but connects to
    # loopback (DNS rebinding): the address actually connected to is refused.
    real = feeds._check_url
    monkeypatch.setattr(feeds, "_check_url", lambda url, allow_local: real(url, True))
    [error] = read_url(f"{server}/feed.xml")
    assert isinstance(error, RecordError)
    assert "refused: '127.0.0.1' is a loopback address" in error.reason
    assert _Handler.seen_agents == []
