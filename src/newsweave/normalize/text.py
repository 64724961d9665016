"""Character- and spacing-level cleaning of titles and bodies.

:func:`clean_text` produces the display-ready text that every later stage
reads.  It never drops words; it only repairs encoding and spacing artefacts:

1. Leftover HTML entities are decoded (``&amp;`` -> ``&``, ``&#8217;`` -> ``’``;
   doubly escaped ``&amp;quot;`` too).  Bare ``&name`` without ``;`` is kept,
   so query strings in URLs survive.
2. Unicode NFC (Vietnamese typed with combining accents becomes precomposed).
3. Control characters are removed except newlines (tabs become spaces);
   other line separators (``\\r``, U+2028 ...) become ``\\n``.  Invisible
   format characters (zero-width space, BOM, soft hyphen, bidi marks) are
   removed; ZWJ/ZWNJ are kept only between two letters, where they are
   spelling (Persian, Indic scripts).
4. Whitespace: every kind of space becomes one ASCII space, runs collapse,
   lines are stripped, blank-line runs become one blank line (a paragraph
   break), leading and trailing blank lines go.
5. Word-segmented Vietnamese (``quân_đội``): underscores *between two letters*
   become spaces, but only when the text looks segmented
   (:func:`looks_segmented`), so one ``snake_case`` identifier in an English
   tech article stays.  URLs, e-mail addresses and @handles are never touched.
6. Arabic article particles split by a tokenizer: ``al - Qasr`` -> ``al-Qasr``
   (``al``/``el`` followed by a capital; any letter in pre-tokenized text).
   Other spaced hyphens are kept: in Vietnamese ``kinh tế - xã hội`` the
   spaced hyphen is a real dash.
7. Pre-tokenized spacing (only on pre-tokenized lines, see
   :func:`is_pretokenized`): ``word ,`` -> ``word,``, ``( 17/7 )`` -> ``(17/7)``,
   ``“ word ”`` and ``" word "`` -> quotes hugging the word,
   ``Da ' ada`` -> ``Da'ada``, ``d ’ Alep`` -> ``d’Alep``, ``. . .`` -> ``...``.
   Numbers: tokenizers keep ``12,5`` and ``1,500`` whole, so ``2013 , 2014``
   in pre-tokenized text is a list and stays a list (``2013, 2014``).  Only
   two unambiguous shapes are rejoined: a short decimal before a percent sign
   (``12 , 5 %`` -> ``12,5%``; not ``2013 , 25 %``) and a thousands group (``1 , 500`` -> ``1,500``:
   one to three digits, comma, exactly three digits).
   Outside pre-tokenized lines only spacing that is wrong in every
   orthography is repaired: a comma or full stop spaced off the preceding
   word (``Kyushu , Nhật Bản`` -> ``Kyushu, Nhật Bản``, ``Lào . Ảnh`` ->
   ``Lào. Ảnh``) and spaces inside parentheses (``( HPG )`` -> ``(HPG)``).
   Numbers are never joined there (``1 , 2 and 3`` -> ``1, 2 and 3``).

Curly apostrophes and French guillemets are kept as they are (``d’Alep``,
``« Alep »``), and so is French spacing before ``; : ! ?`` in normal text.
"""

from __future__ import annotations

import html
import re
import unicodedata

__all__ = ["clean_text", "clean_title", "is_pretokenized", "looks_segmented"]

# --------------------------------------------------------------------------- #
# 1. HTML entities
# --------------------------------------------------------------------------- #
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _unescape_entities(s: str) -> str:
    for _ in range(2):  # "&amp;quot;" needs two passes
        if "&" not in s or not _ENTITY.search(s):
            break
        s = _ENTITY.sub(lambda m: html.unescape(m.group(0)), s)
    return s


# --------------------------------------------------------------------------- #
# 3-4. invisible characters and whitespace
# --------------------------------------------------------------------------- #
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# C0/C1 controls except \t and \n, and the format (Cf) characters other than
# ZWNJ/ZWJ: soft hyphen, Arabic number signs and letter mark, Mongolian vowel
# separator, ZWSP, LRM/RLM, bidi embeddings/isolates, word joiner & invisible
# operators, BOM, interlinear annotation, tag characters.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b\u200e\u200f"
    "\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb"
    "\U000e0001\U000e0020-\U000e007f]"
)
_JOINERS = re.compile("[\u200c\u200d]")
_HSPACE = re.compile(r"[^\S\n]+")
_BLANK_RUNS = re.compile(r"\n{3,}")


def _letter_or_mark(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LM"


def _drop_stray_joiners(s: str) -> str:
    if "\u200c" not in s and "\u200d" not in s:
        return s

    def keep(m: re.Match[str]) -> str:
        i = m.start()
        before = s[i - 1] if i > 0 else " "
        after = s[i + 1] if i + 1 < len(s) else " "
        return m.group(0) if _letter_or_mark(before) and _letter_or_mark(after) else ""

    return _JOINERS.sub(keep, s)


def _tidy_whitespace(s: str) -> str:
    s = _HSPACE.sub(" ", s)
    s = "\n".join(line.strip() for line in s.split("\n"))
    return _BLANK_RUNS.sub("\n\n", s).strip("\n")


# --------------------------------------------------------------------------- #
# 5. word-segmented Vietnamese
# --------------------------------------------------------------------------- #
_L = r"[^\W\d_]"  # one letter, any script
_SEGMENTED_TOKEN = re.compile(rf"(?<!\S)\S*{_L}_{_L}\S*")
_INNER_UNDERSCORE = re.compile(rf"(?<={_L})_(?={_L})")
_URLISH = re.compile(r"://|^www\.|@|\.(?:com|org|net|html?|php)\b", re.IGNORECASE)


def _segmented_tokens(s: str) -> list[str]:
    if "_" not in s:
        return []
    return [t for t in _SEGMENTED_TOKEN.findall(s) if not _URLISH.search(t)]


def looks_segmented(s: str) -> bool:
    """True when underscores join syllables as in word-segmented Vietnamese.

    Either several such tokens (at least 3, and at least 5 % of the words), or
    every such token has a non-ASCII letter (``bắt_đầu``): programming
    identifiers are ASCII, so even one ``quân_đội`` in a title is enough.
    """
    tokens = _segmented_tokens(s)
    if not tokens:
        return False
    if len(tokens) >= 3 and len(tokens) >= 0.05 * len(s.split()):
        return True
    return all(any(ord(c) > 127 and c.isalpha() for c in t) for t in tokens)


def _desegment(s: str) -> str:
    def fix(m: re.Match[str]) -> str:
        tok = m.group(0)
        return tok if _URLISH.search(tok) else _INNER_UNDERSCORE.sub(" ", tok)

    return _SEGMENTED_TOKEN.sub(fix, s)


# --------------------------------------------------------------------------- #
# 6. Arabic particles
# --------------------------------------------------------------------------- #
_AL_PARTICLE = re.compile(rf"(?<![\w'’-])([Aa][Ll]|[Ee][Ll]) - (?={_L})")


def _join_al(s: str, *, any_case: bool) -> str:
    def fix(m: re.Match[str]) -> str:
        nxt = s[m.end()]
        if any_case or nxt.isupper() or not nxt.islower():  # capital or caseless
            return m.group(1) + "-"
        return m.group(0)

    return _AL_PARTICLE.sub(fix, s)


# --------------------------------------------------------------------------- #
# 7. pre-tokenized spacing
# --------------------------------------------------------------------------- #
# A space before , . ) at a token boundary, or "( " -- never legitimate in
# edited prose in any language we see (French spaces go before ; : ! ? only).
_SPACED_MARK = re.compile(r"(?<=\S) [,.)](?=\s|$)|(?:^|(?<=\s))\( (?=\S)")
_ATTACHED_MARK = re.compile(r"(?<=\w)[,.)](?=\s|$)|(?:^|(?<=\s))\((?=\w)")
_SPACED_TERMINAL = re.compile(r"(?<=\w) [.!?]$")


def _marks(s: str) -> tuple[int, int]:
    return len(_SPACED_MARK.findall(s)), len(_ATTACHED_MARK.findall(s))


def is_pretokenized(s: str) -> bool:
    """True when the text has the look of tokenizer output (``word , word .``).

    Counts punctuation separated from its word (`` ,`` `` .`` `` )`` ``( ``)
    against punctuation attached to it; the text is pre-tokenized when there
    are at least 3 separated marks and they are at least as many as the
    attached ones.  One stray ``1 , 2`` in prose does not qualify.
    """
    spaced, attached = _marks(s)
    return spaced >= 3 and spaced >= attached


def _line_is_pretokenized(line: str) -> bool:
    spaced, attached = _marks(line)
    if spaced >= 2 and spaced >= attached:
        return True
    return spaced == 1 and attached == 0 and bool(_SPACED_TERMINAL.search(line))


# Stray tokenizer spacing inside normal text ("Kyushu , Nhật Bản",
# "Việt - Lào . Ảnh", "( HPG )"): wrong in every orthography, so repaired
# even when the text as a whole is not pre-tokenized.
_STRAY_OPEN = re.compile(r"(?:^|(?<=\s))\( +(?=\w)")
_STRAY_CLOSE = re.compile(r"(?<=\w) +\)")
_STRAY_COMMA_PERIOD = re.compile(r"(?<=[\w)\]”»%]) +([,.])(?=\s|$)")


def _repair_stray_spacing(line: str) -> str:
    line = _STRAY_OPEN.sub("(", line)
    line = _STRAY_CLOSE.sub(")", line)
    return _STRAY_COMMA_PERIOD.sub(r"\1", line)


_THOUSANDS = re.compile(r"(?<![\w/.,:-])(\d{1,3}) , (\d{3})(?![\w/.,])")
_DECIMAL_PERCENT = re.compile(r"(?<![\w/.,:-])(\d{1,3}) ([,.]) (\d{1,2}) ?%")
_STRAIGHT_QUOTE = re.compile(r'(?:^|(?<=\s))"(?=\s|$)')
_OPEN_SPACE = re.compile(r"([(\[{“‘„]) +")
_CLOSE_SPACE = re.compile(r" +([)\]}”])")
_PUNCT_SPACE = re.compile(r"(?<=\S) +([,.;:!?%…]+)(?=\s|$|[\"”’)\]])")
_ELLIPSIS = re.compile(r"\. \. \.")
_INNER_APOSTROPHE = re.compile(rf"(?<={_L}) (['’]) (?={_L})")
_CLITIC = re.compile(r"(?<=\w) ((?:n)?['’](?:s|t|re|ve|ll|d|m))\b", re.IGNORECASE)


def _pair_straight_quotes(line: str) -> str:
    """``say " hello world " ,`` -> ``say "hello world" ,`` (pairs only)."""
    quotes = [m.start() for m in _STRAIGHT_QUOTE.finditer(line)]
    if len(quotes) < 2 or len(quotes) % 2 or line.count('"') != len(quotes):
        return line
    chars = list(line)
    for n, pos in enumerate(quotes):
        if n % 2 == 0 and pos + 1 < len(chars):  # opening: drop the space after
            chars[pos + 1] = ""
        elif n % 2 == 1 and pos > 0:  # closing: drop the space before
            chars[pos - 1] = ""
    return "".join(chars)


def _detokenize_line(line: str) -> str:
    line = _THOUSANDS.sub(r"\1,\2", line)
    line = _DECIMAL_PERCENT.sub(r"\1\2\3%", line)
    line = _ELLIPSIS.sub("...", line)
    line = _pair_straight_quotes(line)
    line = _OPEN_SPACE.sub(r"\1", line)
    line = _CLOSE_SPACE.sub(r"\1", line)
    line = _PUNCT_SPACE.sub(r"\1", line)
    line = _INNER_APOSTROPHE.sub(r"\1", line)
    line = _CLITIC.sub(r"\1", line)
    return _join_al(line, any_case=True)


# --------------------------------------------------------------------------- #
# public API
# --------------------------------------------------------------------------- #
def clean_text(s: str, *, segmented: bool | None = None, pretokenized: bool | None = None) -> str:
    """Return ``s`` cleaned for display and matching (see the module docstring).

    ``segmented`` / ``pretokenized`` override the detection made on ``s``
    itself; :func:`newsweave.normalize.normalize_article` decides them on the
    body and passes them for the title, which is too short to judge.
    Pre-tokenized repair is applied to every line when the whole text is
    pre-tokenized (or ``pretokenized=True``), otherwise to the lines that look
    pre-tokenized on their own (a tokenized lead paragraph above normal text).
    """
    if not s:
        return ""
    s = _unescape_entities(s)
    s = unicodedata.normalize("NFC", s)
    s = _LINE_BREAKS.sub("\n", s)
    s = _INVISIBLE.sub("", s).replace("\t", " ")
    s = _drop_stray_joiners(s)
    s = _tidy_whitespace(s)
    if not s:
        return ""

    if segmented is None:
        segmented = looks_segmented(s)
    if segmented:
        s = _desegment(s)

    s = _join_al(s, any_case=False)

    whole = is_pretokenized(s) if pretokenized is None else pretokenized
    lines = s.split("\n")
    if pretokenized is not False:
        lines = [
            _detokenize_line(line) if whole or _line_is_pretokenized(line) else line
            for line in lines
        ]
    s = "\n".join(_repair_stray_spacing(line) for line in lines)
    return _tidy_whitespace(s)


def clean_title(s: str, *, segmented: bool | None = None, pretokenized: bool | None = None) -> str:
    """:func:`clean_text` on one line: newlines inside a title become spaces."""
    s = clean_text(s, segmented=segmented, pretokenized=pretokenized)
    return " ".join(s.split())
