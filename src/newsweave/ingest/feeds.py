"""RSS/Atom feeds (files or URLs) as articles, and a guarded URL fetcher.

Feeds are parsed with ``feedparser``, which copes with the many dialects and the
many broken feeds out there: when the XML is malformed but entries could still be
read they are kept; only when nothing could be read is the feed one RecordError.

:func:`fetch_url` is the only place that touches the network. Because the URLs may
come from untrusted lists, it fetches ``http``/``https`` only, and unless
``allow_local=True`` it refuses hosts that are (or resolve to) loopback, private,
link-local, multicast, reserved, unspecified or otherwise non-public addresses. The
check is made on every redirect hop and again on the address actually connected to
(so DNS tricks between check and connect do not help). Environment proxies are not
used, since a proxy would hide the address being reached. Downloads are capped in
size while streaming.
"""

from __future__ import annotations

import hashlib
import http.client
import io
import ipaddress
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.sax import SAXParseException

from newsweave.ingest.html import article_from_html, html_to_text
from newsweave.ingest.text import MAX_FILE_BYTES, format_size, read_file_bytes
from newsweave.model import Article, RecordError

__all__ = [
    "USER_AGENT",
    "FetchResult",
    "check_url",
    "fetch_url",
    "read_feed",
    "read_feed_bytes",
    "read_url",
]

USER_AGENT = "newsweave/0.1"
_MAX_REDIRECTS = 5
_CHUNK = 64 * 1024
_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")
_HTML_MARKERS = (b"<html", b"<!doctype html")


class _Refused(Exception):
    """A URL or address that policy forbids fetching."""


@dataclass
class FetchResult:
    """The body of a fetched URL, where it finally came from, and its content type."""

    url: str
    data: bytes
    content_type: str


# --------------------------------------------------------------------------- feeds


def read_feed(
    path: str | Path, *, max_bytes: int = MAX_FILE_BYTES
) -> Iterator[Article | RecordError]:
    """Read a local RSS/Atom file: one article per entry, origins ``file:item N``."""
    origin = str(path)
    try:
        data = read_file_bytes(path, origin, max_bytes)
    except RecordError as error:
        yield error
        return
    yield from read_feed_bytes(data, origin)


def read_feed_bytes(
    data: bytes, origin: str, *, url: str | None = None
) -> Iterator[Article | RecordError]:
    """Parse the bytes of an RSS/Atom feed; ``url`` (if fetched) resolves relative links.

    Entry -> Article: ``id`` is the entry id (guid), else its link, else a hash of
    title and link; ``text`` is the content (or summary) as plain text; ``published``
    is the entry's published (else updated) date in UTC; ``source`` is the feed title.
    """
    import feedparser

    if not data.strip():
        yield RecordError(origin, "empty file (no feed)" if not url else "empty response (no feed)")
        return
    headers = {"content-location": url} if url else {}
    try:  # bytes in a BytesIO: feedparser would try a bare string as a path or URL
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as exc:  # noqa: BLE001 - third-party parser on untrusted input
        yield RecordError(origin, f"cannot parse feed: {exc}")
        return
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            yield RecordError(
                origin, f"malformed feed: {_bozo_reason(parsed.get('bozo_exception'))}"
            )
        elif not parsed.get("version"):
            yield RecordError(origin, "not an RSS or Atom feed")
        return  # otherwise a valid feed that is simply empty
    feed = parsed.get("feed") or {}
    source = _plain(feed.get("title"), feed.get("title_detail")) or None
    for number, entry in enumerate(entries, start=1):
        yield _entry_article(entry, f"{origin}:item {number}", source)


def _bozo_reason(exc: object) -> str:
    if exc is None:
        return "unknown error"
    if isinstance(exc, SAXParseException):
        return f"{exc.getMessage()} (line {exc.getLineNumber()}, col {exc.getColumnNumber() + 1})"
    return str(exc) or type(exc).__name__


def _plain(value: object, detail: object = None) -> str:
    """Plain text of a feed text construct (HTML converted, plain text tidied)."""
    if not isinstance(value, str):
        return ""
    kind = detail.get("type", "") if isinstance(detail, Mapping) else ""
    if "html" in kind or "<" in value:
        return html_to_text(value)
    return value.strip()


def _entry_article(
    entry: Mapping[str, Any], origin: str, source: str | None
) -> Article | RecordError:
    title = _plain(entry.get("title"), entry.get("title_detail"))
    candidates = [
        _plain(c.get("value"), c) for c in entry.get("content") or [] if isinstance(c, Mapping)
    ]
    text = max(candidates, key=len, default="")
    if not text:
        text = _plain(entry.get("summary"), entry.get("summary_detail"))
    link = entry.get("link") if isinstance(entry.get("link"), str) else ""
    if not title.strip() and not text.strip():
        return RecordError(origin, "entry has no title and no text")
    entry_id = entry.get("id") if isinstance(entry.get("id"), str) else ""
    entry_id = entry_id.strip() or link.strip()
    if not entry_id:
        entry_id = hashlib.sha256(f"{title}\n{link}".encode()).hexdigest()[:16]
    published = None
    for key in ("published_parsed", "updated_parsed"):
        stamp = entry.get(key)
        if stamp:
            try:
                published = datetime(*stamp[:6], tzinfo=UTC)
                break
            except (TypeError, ValueError):
                continue
    return Article(
        id=entry_id,
        title=title,
        text=text,
        published=published,
        source=source,
        url=link.strip() or None,
        origin=origin,
    )


# --------------------------------------------------------------------------- URLs


def _address_problem(address: str) -> str | None:
    """Why an IP address may not be fetched (``"loopback"`` ...), or ``None``."""
    try:
        ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(
            address.split("%", 1)[0]
        )
    except ValueError:
        return "unparseable"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for kind in ("unspecified", "loopback", "link_local", "multicast", "private", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    if not ip.is_global:
        return "non-public"
    return None


def _refuse(host: str, address: str, kind: str) -> _Refused:
    shown = f"'{host}' is" if host == address else f"'{host}' resolves to"
    return _Refused(
        f"refused: {shown} a {kind} address ({address}); local and private addresses "
        "are only fetched when allow_local is set"
    )


def check_url(url: str, *, allow_local: bool = False) -> None:
    """Check that ``url`` may be fetched (scheme, and unless ``allow_local`` its host).

    Raises:
        ValueError: with the reason (unsupported scheme, no host, forbidden address,
            host that does not resolve).
    """
    try:
        _check_url(url, allow_local)
    except _Refused as exc:
        raise ValueError(str(exc)) from None


def _check_url(url: str, allow_local: bool) -> None:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise _Refused(f"invalid URL: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"'{scheme}'" if scheme else "none"
        raise _Refused(f"unsupported URL scheme {shown} (only http and https)")
    host = parts.hostname
    if not host:
        raise _Refused("URL has no host")
    if allow_local:
        return
    port = port or (443 if scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise _Refused(
            f"cannot resolve host '{host}': {getattr(exc, 'strerror', None) or exc}"
        ) from None
    for info in infos:
        address = str(info[4][0])
        kind = _address_problem(address)
        if kind:
            raise _refuse(host, address, kind)


def _check_peer(sock: socket.socket | None, host: str) -> None:
    if sock is None:
        return
    address = str(sock.getpeername()[0])
    kind = _address_problem(address)
    if kind:
        sock.close()
        raise _refuse(host, address, kind)


class _CheckedHTTPConnection(http.client.HTTPConnection):
    def connect(self) -> None:
        super().connect()
        _check_peer(self.sock, self.host)


class _CheckedHTTPSConnection(http.client.HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        _check_peer(self.sock, self.host)


class _CheckedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_CheckedHTTPConnection, req)


class _CheckedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_CheckedHTTPSConnection, req, context=self._context)  # type: ignore[attr-defined]


class _CheckedRedirectHandler(urllib.request.HTTPRedirectHandler):
    """Checks every redirect target (scheme and, unless allowed, address) before following."""

    max_redirections = _MAX_REDIRECTS

    def __init__(self, allow_local: bool) -> None:
        self.allow_local = allow_local

    def _check_hop(self, req: urllib.request.Request, headers: Mapping[str, str]) -> None:
        location = headers.get("location") or headers.get("uri")
        if location:
            target = urljoin(req.full_url, location)
            try:
                _check_url(target, self.allow_local)
            except _Refused as exc:
                raise _Refused(f"redirected to {target}: {exc}") from None

    def http_error_302(self, req, fp, code, msg, headers):  # type: ignore[no-untyped-def]
        self._check_hop(req, headers)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        _check_url(newurl, self.allow_local)  # (already checked above; belt and braces)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(allow_local: bool) -> urllib.request.OpenerDirector:
    opener = urllib.request.OpenerDirector()
    handlers: list[urllib.request.BaseHandler] = [
        urllib.request.HTTPHandler() if allow_local else _CheckedHTTPHandler(),
        urllib.request.HTTPSHandler() if allow_local else _CheckedHTTPSHandler(),
        _CheckedRedirectHandler(allow_local),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
        urllib.request.UnknownHandler(),
    ]
    for handler in handlers:  # no proxies, no file:, ftp: or data: handlers
        opener.add_handler(handler)
    return opener


def fetch_url(
    url: str, *, allow_local: bool = False, timeout: float = 20, max_bytes: int = MAX_FILE_BYTES
) -> FetchResult:
    """Download ``url`` (http/https only), at most ``max_bytes``, checking every hop.

    Raises:
        RecordError: ``RecordError(url, reason)`` for any failure: refused scheme or
            address, HTTP error status, timeout, network error, too large a body.
    """
    try:
        _check_url(url, allow_local)
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        with _opener(allow_local).open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise _Refused(_too_large(int(length), max_bytes))
            chunks: list[bytes] = []
            total = 0
            while chunk := response.read(_CHUNK):
                total += len(chunk)
                if total > max_bytes:
                    raise _Refused(_too_large(total, max_bytes, at_least=True))
                chunks.append(chunk)
            return FetchResult(
                url=response.geturl(),
                data=b"".join(chunks),
                content_type=response.headers.get("Content-Type", ""),
            )
    except _Refused as exc:
        raise RecordError(url, str(exc)) from None
    except urllib.error.HTTPError as exc:
        exc.close()
        raise RecordError(url, f"HTTP error {exc.code} {exc.reason}".rstrip()) from None
    except urllib.error.URLError as exc:
        raise RecordError(url, _network_reason(exc.reason, timeout)) from None
    except (TimeoutError, OSError, http.client.HTTPException, ValueError) as exc:
        raise RecordError(url, _network_reason(exc, timeout)) from None


def _too_large(size: int, max_bytes: int, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return f"response too large: {more}{format_size(size)} (limit {format_size(max_bytes)})"


def _network_reason(reason: object, timeout: float) -> str:
    if isinstance(reason, _Refused):
        return str(reason)
    if isinstance(reason, TimeoutError | socket.timeout):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return f"cannot resolve host: {reason.strerror or reason}"
    if isinstance(reason, OSError) and reason.strerror:
        return f"network error: {reason.strerror}"
    if isinstance(reason, http.client.HTTPException):
        return f"bad HTTP response: {type(reason).__name__} {reason}".rstrip()
    return f"network error: {reason}"


def _is_html(data: bytes, content_type: str) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if any(marker in head for marker in _FEED_MARKERS):
        return False
    return "html" in content_type.lower() or any(marker in head for marker in _HTML_MARKERS)


def read_url(
    url: str,
    *,
    allow_local: bool = False,
    timeout: float = 20,
    max_bytes: int = MAX_FILE_BYTES,
) -> Iterator[Article | RecordError]:
    """Fetch ``url`` and read it as a feed, or as one article when it returns an HTML page.

    Never raises: a failed fetch is one :class:`RecordError` naming the URL.
    """
    try:
        result = fetch_url(url, allow_local=allow_local, timeout=timeout, max_bytes=max_bytes)
    except RecordError as error:
        yield error
        return
    if _is_html(result.data, result.content_type):
        yield article_from_html(result.data, url, fallback_id=result.url, url=result.url)
    else:
        yield from read_feed_bytes(result.data, url, url=result.url)
