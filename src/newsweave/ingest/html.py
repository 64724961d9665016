"""Saved HTML pages (and pages fetched from URLs) as articles, and HTML to plain text.

A web page carries navigation, ads and comments around the article; ``trafilatura``
finds the main text and the page metadata (title, date, site name, canonical URL).
The article ``id`` is the canonical URL when the page declares one (so the same page
saved twice is the same article), else the URL it was fetched from, else the file stem.

:func:`html_to_text` is a small, forgiving stdlib converter for HTML fragments such
as feed summaries, where main-text extraction would be overkill (and often discards
short fragments). It is also the fallback page extractor if trafilatura cannot be
imported.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsweave.ingest.records import parse_published
from newsweave.ingest.text import MAX_FILE_BYTES, read_file_bytes
from newsweave.model import Article, RecordError

__all__ = ["article_from_html", "html_to_text", "read_html_file"]

log = logging.getLogger(__name__)

_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
_PAGE_SKIP_TAGS = _SKIP_TAGS | {"nav", "header", "footer", "aside", "form", "button"}
_BLOCK_TAGS = {
    "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre",
    "section", "table", "td", "th", "tr", "ul",
}  # fmt: skip
_VOID_TAGS = {"br", "hr", "img", "input", "link", "meta", "source", "wbr", "area", "col"}
_SPACES = re.compile(r"[^\S\n]+")

# trafilatura's date search: keep the time of day and prefer the original publication
# date; no "extensive" guessing from arbitrary dates in the text (a wrong date is worse
# than none for placing an article in time).
_DATE_PARAMS = {
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
    "original_date": True,
    "extensive_search": False,
}


class _TextParser(HTMLParser):
    """Collects text, one line per block element, skipping non-content elements."""

    def __init__(self, skip: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = skip
        self.depth = 0  # inside how many skipped elements
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.in_title = False
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "title":
            self.in_title = True
        elif tag == "meta":
            key = (attributes.get("property") or attributes.get("name") or "").lower()
            if key and "content" in attributes:
                self.meta.setdefault(key, attributes["content"])
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower().split():
            self.meta.setdefault("canonical", attributes.get("href", ""))
        if tag in self.skip and tag not in _VOID_TAGS:
            self.depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in self.skip and tag not in _VOID_TAGS:
            self.depth = max(self.depth - 1, 0)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.depth:
            self.parts.append(data)

    def text(self) -> str:
        lines = (_SPACES.sub(" ", line).strip() for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


def _parse(markup: str, skip: set[str]) -> _TextParser:
    parser = _TextParser(skip)
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; keep what was parsed
        log.debug("html.parser gave up part way", exc_info=True)
    return parser


def html_to_text(markup: str) -> str:
    """Turn an HTML fragment into plain text: one line per block, entities decoded.

    Scripts and styles are dropped; runs of spaces are collapsed; blank lines removed.
    Text without any tag is returned with its spaces tidied the same way.
    """
    if not markup:
        return ""
    return _parse(markup, _SKIP_TAGS).text()


def _decode_page(data: bytes) -> str:
    head = data[:4096].decode("ascii", "ignore")
    match = re.search(r"""charset=["']?([\w-]+)""", head, re.IGNORECASE)
    for encoding in ([match.group(1)] if match else []) + ["utf-8"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", "replace")


def _extract(data: bytes, url: str | None) -> dict[str, Any] | None:
    """Main text and metadata of a page: trafilatura, or the stdlib fallback."""
    try:
        import trafilatura
    except ImportError as exc:  # a broken install (e.g. lxml without html-clean)
        log.warning("trafilatura unavailable (%s); using the basic HTML extractor", exc)
    else:
        try:
            document = trafilatura.bare_extraction(
                data,
                url=url,
                with_metadata=True,
                include_comments=False,
                date_extraction_params=_DATE_PARAMS,
            )
        except Exception:  # noqa: BLE001 - a third-party parser on untrusted input
            log.warning("trafilatura failed; using the basic HTML extractor", exc_info=True)
        else:
            if document is None:
                return None
            if not isinstance(document, dict):
                document = document.as_dict()
            return document
    parser = _parse(_decode_page(data), _PAGE_SKIP_TAGS)
    return {
        "text": parser.text(),
        "title": _SPACES.sub(" ", "".join(parser.title_parts)).strip(),
        "url": parser.meta.get("canonical") or parser.meta.get("og:url"),
        "sitename": parser.meta.get("og:site_name"),
        "date": parser.meta.get("article:published_time"),
    }


def article_from_html(
    data: bytes, origin: str, *, fallback_id: str, url: str | None = None
) -> Article | RecordError:
    """Extract one article from the bytes of an HTML page.

    ``url`` is where the page was fetched from (if it was); ``fallback_id`` is the id
    when the page declares no canonical URL. A page without extractable text, or one
    that cannot be parsed, gives a :class:`RecordError`.
    """
    try:
        document = _extract(data, url)
    except Exception as exc:  # noqa: BLE001 - never let one page stop the others
        return RecordError(origin, f"cannot parse HTML: {exc}")
    text = ((document or {}).get("text") or "").strip()
    if not document or not text:
        return RecordError(origin, "no extractable text in HTML page")
    canonical = _clean_url(document.get("url")) or url
    try:
        published = parse_published(document.get("date"))
    except ValueError:
        published = None  # a page date we cannot read is not worth losing the page
    source = document.get("sitename") or document.get("hostname")
    if not source and canonical:
        source = urlsplit(canonical).hostname
    return Article(
        id=canonical or fallback_id,
        title=(document.get("title") or "").strip(),
        text=text,
        published=published,
        source=source or None,
        url=canonical,
        origin=origin,
    )


def _clean_url(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if value.lower().startswith(("http://", "https://")) else None


def read_html_file(
    path: str | Path, *, max_bytes: int = MAX_FILE_BYTES
) -> Iterator[Article | RecordError]:
    """Read one saved HTML page as one article (or one :class:`RecordError`)."""
    origin = str(path)
    try:
        data = read_file_bytes(path, origin, max_bytes)
    except RecordError as error:
        yield error
        return
    yield article_from_html(data, origin, fallback_id=Path(path).stem)
