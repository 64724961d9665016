"""Plain-text articles: one ``.txt`` file is one article.

Text files come from anywhere, so decoding is defensive: UTF-8 (with or without a
BOM), UTF-16/32 with a BOM, and otherwise whatever ``charset-normalizer`` finds with
good confidence (legacy encodings such as cp1252 or cp1251). A file with NUL bytes
is taken as binary. Files above a size limit are refused from their size alone,
before anything is read.

The article ``id`` is the file stem (so two files with the same name in different
folders share an id). When the first non-empty line looks like a headline it becomes
the title and the rest is the text; otherwise the title is empty and the whole file is
the text. A "Source: …" line near the top names the outlet (``source``) and stays in the
text. Nothing else is changed: cleaning is the job of :mod:`newsweave.normalize`.

The file helpers here (:func:`read_file_bytes`, :func:`format_size`) are shared by the
other file readers.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from pathlib import Path

from newsweave.model import Article, RecordError

__all__ = [
    "MAX_FILE_BYTES",
    "decode_text",
    "format_size",
    "looks_like_title",
    "read_file_bytes",
    "read_text_file",
    "split_title",
]

#: Default size limit for one text, HTML or feed file (decimal megabytes: 20 MB).
MAX_FILE_BYTES = 20_000_000

#: A title line is at most this long, in characters and in words.
TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 30

# A line ending with one of these reads as a sentence (or a lead-in), not a headline.
# "?" and "!" are allowed: headlines do end with them.
_SENTENCE_END = set(".,;:…。．，、；：،؛۔।॥።")
_CLOSERS = "\"'”’»›)]}」』）"
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Above this share of control characters a decoded "text" is really binary data.
_MAX_CONTROL_SHARE = 0.01
# C0/C1 control characters other than tab, newlines, form feeds and escape.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
# On a tie between candidate legacy encodings, prefer the most widespread one.
_PREFERRED_LEGACY = ("cp1252", "cp1251", "cp1250", "cp1256")


def format_size(n_bytes: int) -> str:
    """A size in decimal units for messages: ``52.4 MB``, ``20 MB``, ``1.5 kB``, ``12 bytes``."""
    if n_bytes < 1_000:
        return f"{n_bytes} bytes"
    value, unit = (n_bytes / 1_000, "kB") if n_bytes < 1_000_000 else (n_bytes / 1e6, "MB")
    text = f"{value:.1f}" if value < 100 else f"{value:.0f}"
    return (text[:-2] if text.endswith(".0") else text) + " " + unit


def read_file_bytes(path: str | Path, origin: str, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """Read a whole file, refusing it from its size alone when it is over ``max_bytes``.

    Raises:
        RecordError: ``file too large: 52.4 MB (limit 20 MB)``, or ``cannot read file: ...``.
    """
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise RecordError(origin, _too_large(size, max_bytes))
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise RecordError(origin, "no such file or directory") from None
    except IsADirectoryError:
        raise RecordError(origin, "is a directory, not a file") from None
    except OSError as exc:
        raise RecordError(origin, f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # the file grew while we looked at it
        raise RecordError(origin, _too_large(len(data), max_bytes))
    return data


def _too_large(size: int, max_bytes: int) -> str:
    return f"file too large: {format_size(size)} (limit {format_size(max_bytes)})"


def decode_text(data: bytes) -> str:
    """Decode the bytes of a text file.

    Order: a BOM (UTF-8, UTF-16, UTF-32); NUL bytes mean binary; strict UTF-8;
    then ``charset-normalizer``'s best guess, if it has one.

    Raises:
        ValueError: ``binary file (not text)`` or ``cannot decode bytes as text``.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise ValueError(f"cannot decode bytes as text (bad {encoding} data)") from None
            return _check_not_binary(text.lstrip("\ufeff"))
    if b"\x00" in data:
        raise ValueError("binary file (not text)")
    try:
        return _check_not_binary(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    return _check_not_binary(_detect(data))


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise ValueError("cannot decode bytes as text")
    best = matches[0]
    # Short texts often fit several code pages equally well (cp1250 vs cp1252 for
    # Spanish); among the equally good ones prefer the most common encoding.
    ties = [m for m in matches if m.chaos <= best.chaos and m.coherence >= best.coherence]
    for encoding in _PREFERRED_LEGACY:
        for match in ties:
            if encoding in match.could_be_from_charset:
                try:
                    return data.decode(encoding)
                except UnicodeDecodeError:
                    break
    return str(best)


def _check_not_binary(text: str) -> str:
    controls = len(text) - len(_CONTROL_CHARS.sub("", text))
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise ValueError("binary file (not text)")
    return text


def looks_like_title(line: str) -> bool:
    """Whether one (stripped) line reads like a headline.

    Short (<= 200 characters and <= 30 words), has letters, and does not end with
    sentence punctuation other than ``?`` or ``!`` (closing quotes are looked through).
    """
    line = line.strip()
    if not line or len(line) > TITLE_MAX_CHARS or len(line.split()) > TITLE_MAX_WORDS:
        return False
    if not any(ch.isalpha() for ch in line):
        return False
    core = line.rstrip(_CLOSERS).rstrip()
    return bool(core) and core[-1] not in _SENTENCE_END


def split_title(text: str) -> tuple[str, str]:
    """Split ``text`` into ``(title, body)``.

    The first non-empty line is the title when :func:`looks_like_title` and more text
    follows it; the body is then what follows, without the blank lines in between.
    Otherwise the title is ``""`` and the body is ``text`` unchanged.
    """
    lines = text.splitlines(keepends=True)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return "", text
    rest = lines[first + 1 :]
    while rest and not rest[0].strip():
        rest.pop(0)
    candidate = lines[first].strip()
    if rest and looks_like_title(candidate):
        return candidate, "".join(rest)
    return "", text


def read_text_file(
    path: str | Path, *, max_bytes: int = MAX_FILE_BYTES, origin: str | None = None
) -> Iterator[Article | RecordError]:
    """Read one plain-text file as one article (or one :class:`RecordError`).

    ``origin`` defaults to the path as given. ``source`` comes from a "Source: …" line
    near the top of the text (:func:`source_line`); ``published`` and ``lang`` are left
    unset.
    """
    origin = origin or str(path)
    try:
        data = read_file_bytes(path, origin, max_bytes)
    except RecordError as error:
        yield error
        return
    try:
        text = decode_text(data)
    except ValueError as exc:
        yield RecordError(origin, str(exc))
        return
    if not text.strip():
        yield RecordError(origin, "empty file (no text)")
        return
    title, body = split_title(text)
    yield Article(
        id=Path(path).stem, title=title, text=body, origin=origin, source=source_line(body)
    )


#: a line near the top of a saved article that names its outlet: "Source: FarsNews",
#: "Nguồn: VnExpress", "Quelle: dpa", a Markdown link "Source: [FarsNews](#)" included
_SOURCE_LINE = re.compile(
    r"^\s*(?:source|sources|nguồn|fuente|fonte|quelle|источник|المصدر|sumber)\s*[:：]\s*"
    r"\[?([^\[\]()\n]{2,60}?)\]?(?:\([^)\n]*\))?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
#: how many lines of the body are looked at for such a line
SOURCE_LINES = 5


def source_line(body: str) -> str | None:
    """The outlet a "Source: …" line near the top of the body names, if any.

    >>> source_line("Source: [FarsNews](#)\n\nThe army advanced.")
    'FarsNews'
    >>> source_line("The army advanced.\nSource: none of your business, he said.") is None
    True
    """
    head = "\n".join([line for line in body.splitlines() if line.strip()][:SOURCE_LINES])
    m = _SOURCE_LINE.search(head)
    if not m or len(m.group(1).split()) > 6:
        return None
    return m.group(1).strip() or None
