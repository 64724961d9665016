"""Structured article files: JSON Lines, JSON and CSV.

Each record goes through :func:`newsweave.ingest.records.article_from_mapping`, so
the schema is the same in every format. A bad record becomes a
:class:`~newsweave.model.RecordError` and the reader goes on with the next one.

Origins:

* JSONL/NDJSON -- ``file:LINE``, physical line numbers counted from 1 (blank lines
  are skipped but still counted).
* JSON -- ``file:item N``, array items counted from 1.
* CSV -- ``file:row N``, rows numbered as a spreadsheet shows them: the header is
  row 1 and the first record is row 2. A quoted cell spanning several lines still
  makes one row, so after such a row the row number is lower than the line number.

All three must be UTF-8 (a BOM is accepted). A JSON or CSV file that is not valid
UTF-8 gives one error for the whole file; a JSONL file gives one per bad line.
JSONL and CSV are streamed; a JSON file is loaded whole and so has a size limit.
"""

from __future__ import annotations

import codecs
import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from newsweave.ingest.records import article_from_mapping
from newsweave.ingest.text import format_size, read_file_bytes
from newsweave.model import Article, RecordError

__all__ = ["MAX_JSON_BYTES", "MAX_LINE_BYTES", "read_csv", "read_json", "read_jsonl"]

#: Default size limit for a whole ``.json`` file, which must be loaded at once.
MAX_JSON_BYTES = 200_000_000
#: Default size limit for one JSONL line (one article).
MAX_LINE_BYTES = 20_000_000

_CSV_FIELD_LIMIT = 64 * 1024 * 1024
_MISSING = object()


def _json_type(value: object) -> str:
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "boolean"
    if value is None:
        return "null"
    return "number"


def _one(data: Any, origin: str) -> Article | RecordError:
    try:
        return article_from_mapping(data, origin)
    except RecordError as error:
        return error


def read_jsonl(
    path: str | Path, *, max_line_bytes: int = MAX_LINE_BYTES
) -> Iterator[Article | RecordError]:
    """Read a JSON Lines file: one JSON object (one article) per line."""
    origin = str(path)
    try:
        with open(path, "rb") as handle:
            yield from _jsonl_records(handle, origin, max_line_bytes)
    except OSError as exc:
        yield RecordError(origin, _os_reason(exc))


def _jsonl_records(
    handle: BinaryIO, origin: str, max_line_bytes: int
) -> Iterator[Article | RecordError]:
    lineno = 0
    while raw := handle.readline(max_line_bytes + 1):
        lineno += 1
        where = f"{origin}:{lineno}"
        if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
            size = len(raw)
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                raw = handle.readline(1 << 20)
                size += len(raw)
            limit = format_size(max_line_bytes)
            yield RecordError(where, f"line too long: {format_size(size)} (limit {limit})")
            continue
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = exc.object[exc.start]
            yield RecordError(where, _utf8_reason(bad, f"byte {exc.start + 1} of the line"))
            continue
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RecordError(where, f"invalid JSON: {exc.msg} (col {exc.colno})")
            continue
        if not isinstance(data, dict):
            yield RecordError(where, f"line is not a JSON object (got {_json_type(data)})")
            continue
        yield _one(data, where)


def read_json(
    path: str | Path, *, max_bytes: int = MAX_JSON_BYTES
) -> Iterator[Article | RecordError]:
    """Read a JSON file.

    Accepted shapes: an array of article objects; an object with an ``articles``
    array; or one single article object.
    """
    origin = str(path)
    try:
        raw = read_file_bytes(path, origin, max_bytes)
    except RecordError as error:
        yield error
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        yield RecordError(origin, _utf8_reason(exc.object[exc.start], f"line {line}"))
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield RecordError(origin, f"invalid JSON: {exc.msg} (line {exc.lineno}, col {exc.colno})")
        return
    if isinstance(data, dict) and "articles" in data:
        items = data["articles"]
        if not isinstance(items, list):
            yield RecordError(origin, f"'articles' must be an array, got {_json_type(items)}")
            return
    elif isinstance(data, dict):
        yield _one(data, origin)
        return
    elif isinstance(data, list):
        items = data
    else:
        yield RecordError(
            origin,
            f"expected an array of articles, an object with 'articles', or one article "
            f"object; got {_json_type(data)}",
        )
        return
    for number, item in enumerate(items, start=1):
        where = f"{origin}:item {number}"
        if not isinstance(item, dict):
            yield RecordError(where, f"item is not a JSON object (got {_json_type(item)})")
        else:
            yield _one(item, where)


def read_csv(path: str | Path) -> Iterator[Article | RecordError]:
    """Read a CSV file whose header row names the schema's columns (``id``, ``text`` ...).

    Column names are matched after stripping spaces; unknown columns are ignored; empty
    cells count as absent. Rows with more or fewer cells than the header are errors.
    """
    origin = str(path)
    problem = _check_utf8_file(path)
    if problem:
        yield RecordError(origin, problem)
        return
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:  # article texts can be long cells
        csv.field_size_limit(min(_CSV_FIELD_LIMIT, sys.maxsize))
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            yield from _csv_records(handle, origin)
    except OSError as exc:
        yield RecordError(origin, _os_reason(exc))


def _csv_records(handle: TextIO, origin: str) -> Iterator[Article | RecordError]:
    reader = csv.reader(handle)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        yield RecordError(f"{origin}:row 1", f"malformed CSV header: {exc}")
        return
    if header is None:
        yield RecordError(origin, "empty CSV file (no header row)")
        return
    columns = [name.strip() for name in header]
    if "id" not in columns:
        shown = ", ".join(columns)[:200]
        yield RecordError(f"{origin}:row 1", f"CSV header has no 'id' column (columns: {shown})")
        return
    row_number = 1
    while True:
        row_number += 1
        where = f"{origin}:row {row_number}"
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield RecordError(where, f"malformed CSV row: {exc}")
            continue
        if not cells:  # a blank line
            continue
        if len(cells) != len(columns):
            yield RecordError(where, f"row has {len(cells)} fields, the header has {len(columns)}")
            continue
        record = {
            name: (cell if cell != "" else None) for name, cell in zip(columns, cells, strict=True)
        }
        yield _one(record, where)


def _check_utf8_file(path: str | Path) -> str | None:
    """Stream through a file; return a reason if it is not UTF-8 (or unreadable)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0  # bytes of the file before this chunk
    newlines = 0  # newlines in the file before this chunk
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                pending = decoder.getstate()[0]
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    in_chunk = max(exc.start - len(pending), 0)
                    line = newlines + chunk.count(b"\n", 0, in_chunk) + 1
                    where = f"line {line}, byte {offset + in_chunk + 1}"
                    return _utf8_reason(exc.object[exc.start], where)
                offset += len(chunk)
                newlines += chunk.count(b"\n")
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "not valid UTF-8 text (the file ends inside a character); save it as UTF-8"
    except OSError as exc:
        return _os_reason(exc)
    return None


def _utf8_reason(byte: int, where: str) -> str:
    return f"not valid UTF-8 text (byte 0x{byte:02x} at {where}); save the file as UTF-8"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, IsADirectoryError):
        return "is a directory, not a file"
    return f"cannot read file: {exc.strerror or exc}"
