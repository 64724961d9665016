"""The article record schema: turn one mapping (a JSON object, a CSV row) into an Article.

Every structured reader (JSONL, JSON, CSV) goes through :func:`article_from_mapping`
so the rules are the same whatever the file format, and every reader that meets a
date string goes through :func:`parse_published`.

Schema (``None``/null counts as absent; unknown extra fields are ignored):

* ``id`` -- required, a non-empty string (surrounding spaces stripped); an integer
  is accepted and converted to its decimal string; anything else is an error.
* ``text``, ``title`` -- strings, kept exactly as given; either may be empty, not both.
* ``lang`` -- optional ISO 639-1 code (``"en"``); lower-cased; a 3-letter ISO
  639-3/639-2 code of a common language is mapped to 639-1 (``"por"`` -> ``"pt"``).
* ``published`` -- optional ISO 8601 date or datetime; becomes an aware UTC datetime.
* ``source``, ``url`` -- optional strings.

For the optional fields (``lang``, ``published``, ``source``, ``url``) an empty or
blank string also counts as absent, because a CSV cell cannot say "null".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from newsweave.model import Article, RecordError

try:  # python-dateutil comes with trafilatura (through htmldate); use it only if present.
    from dateutil.parser import isoparse as _isoparse
except ImportError:  # pragma: no cover - depends on the environment
    _isoparse = None

__all__ = [
    "LANG3_TO_LANG2",
    "article_from_mapping",
    "normalize_lang",
    "parse_published",
    "type_name",
]

#: 3-letter ISO 639-3 / 639-2 (T and B) codes of common languages -> ISO 639-1.
LANG3_TO_LANG2: dict[str, str] = {
    "afr": "af", "amh": "am", "ara": "ar", "arb": "ar", "aze": "az", "bel": "be",
    "ben": "bn", "bos": "bs", "bul": "bg", "cat": "ca", "ces": "cs", "cze": "cs",
    "chi": "zh", "cmn": "zh", "zho": "zh", "cym": "cy", "wel": "cy", "dan": "da",
    "deu": "de", "ger": "de", "ell": "el", "gre": "el", "eng": "en", "est": "et",
    "eus": "eu", "baq": "eu", "fas": "fa", "per": "fa", "pes": "fa", "fin": "fi",
    "fra": "fr", "fre": "fr", "gle": "ga", "glg": "gl", "guj": "gu", "hau": "ha",
    "heb": "he", "hin": "hi", "hrv": "hr", "hun": "hu", "hye": "hy", "arm": "hy",
    "ind": "id", "isl": "is", "ice": "is", "ita": "it", "jpn": "ja", "kat": "ka",
    "geo": "ka", "kaz": "kk", "khm": "km", "kan": "kn", "kor": "ko", "kur": "ku",
    "lao": "lo", "lav": "lv", "lit": "lt", "ltz": "lb", "mal": "ml", "mar": "mr",
    "mkd": "mk", "mac": "mk", "mlt": "mt", "mon": "mn", "msa": "ms", "may": "ms",
    "zsm": "ms", "mya": "my", "bur": "my", "nep": "ne", "nld": "nl", "dut": "nl",
    "nor": "no", "nob": "nb", "nno": "nn", "pan": "pa", "pol": "pl", "por": "pt",
    "pus": "ps", "ron": "ro", "rum": "ro", "rus": "ru", "sin": "si", "slk": "sk",
    "slo": "sk", "slv": "sl", "som": "so", "spa": "es", "sqi": "sq", "alb": "sq",
    "srp": "sr", "swa": "sw", "swe": "sv", "tam": "ta", "tel": "te", "tgl": "tl",
    "tha": "th", "tur": "tr", "ukr": "uk", "urd": "ur", "uzb": "uz", "vie": "vi",
    "xho": "xh", "yor": "yo", "zul": "zu",
}  # fmt: skip

# A full calendar date (or ISO week date) must open the string: no bare years or months.
_FULL_DATE = re.compile(r"\d{4}-?(\d{2}-?\d{2}|W\d{2}-?\d)(\D|$)")
_OPTIONAL_STRINGS = ("source", "url")


def type_name(value: object) -> str:
    """A short type name for error messages (``list``, ``dict``, ``int`` ...)."""
    return type(value).__name__


def parse_published(value: object) -> datetime | None:
    """Parse an ISO 8601 date or datetime into an aware UTC datetime.

    ``None`` and blank strings give ``None``. A naive datetime is taken as UTC; a bare
    date is midnight UTC; an offset is converted to UTC. Only ISO 8601 is accepted
    (``datetime.fromisoformat``, then dateutil's ``isoparse`` when installed, for the
    few ISO forms the stdlib misses); free-form dates such as ``"yesterday"`` or
    ``"7 Dec 2016"`` and reduced precision (``"2016"``, ``"2016-12"``) are refused.

    Raises:
        ValueError: with a message such as ``invalid 'published' date: 'yesterday-ish'``.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        parsed = _parse_iso(text)
        if parsed is None:
            raise ValueError(
                f"invalid 'published' date: {_short_repr(text)} (expected ISO 8601, "
                "e.g. '2016-12-07' or '2016-12-07T10:30:00Z')"
            )
    else:
        raise ValueError(f"field 'published' must be a string, got {type_name(value)}")
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _parse_iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    if _isoparse is None or not _FULL_DATE.match(text):
        return None
    try:
        return _isoparse(text)
    except (ValueError, OverflowError):
        return None


def normalize_lang(value: object) -> str | None:
    """Check and normalize a language code to lower-case ISO 639-1.

    Raises:
        ValueError: when the value is not a string or not a known 2/3-letter code.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"field 'lang' must be a string, got {type_name(value)}")
    code = value.strip().lower()
    if not code:
        return None
    if len(code) == 2 and code.isascii() and code.isalpha():
        return code
    if code in LANG3_TO_LANG2:
        return LANG3_TO_LANG2[code]
    raise ValueError(
        f"invalid 'lang' code: {_short_repr(value)} (expected an ISO 639-1 code such as "
        "'en', or a common 3-letter code such as 'eng')"
    )


def article_from_mapping(data: Mapping[str, Any], origin: str) -> Article:
    """Build an :class:`Article` from one record, following the module's schema.

    Raises:
        RecordError: ``RecordError(origin, reason)`` naming the first problem found.
    """
    if not isinstance(data, Mapping):
        raise RecordError(origin, f"record must be an object, got {type_name(data)}")
    try:
        article = Article(
            id=_article_id(data.get("id")),
            title=_text_field(data, "title"),
            text=_text_field(data, "text"),
            lang=normalize_lang(data.get("lang")),
            published=parse_published(data.get("published")),
            source=_optional_string(data, "source"),
            url=_optional_string(data, "url"),
            origin=origin,
        )
    except ValueError as exc:
        raise RecordError(origin, str(exc)) from None
    if not article.text.strip() and not article.title.strip():
        raise RecordError(origin, "both 'text' and 'title' are empty")
    return article


def _article_id(value: object) -> str:
    if value is None:
        raise ValueError("missing required field 'id'")
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(f"field 'id' must be a string, got {type_name(value)}")
    text = str(value).strip()
    if not text:
        raise ValueError("field 'id' is empty")
    return text


def _text_field(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"field '{name}' must be a string, got {type_name(value)}")
    return value


def _optional_string(data: Mapping[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"field '{name}' must be a string, got {type_name(value)}")
    return value.strip() or None


def _short_repr(value: str, limit: int = 60) -> str:
    return repr(value if len(value) <= limit else value[:limit] + "…")
