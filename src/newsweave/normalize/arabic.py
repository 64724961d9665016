"""Folding for *matching* (never for display).

:func:`fold_arabic` removes the spelling variation that Arabic news text shows
for the same word: short-vowel marks, tatweel, hamza seats on alef, final yeh
and teh marbuta, Persian/Urdu letter shapes and Eastern digits.  The output is
not correct Arabic; it is a key that equal names share.

:func:`fold_for_matching` is the script-independent key used to compare names
and short strings: NFKC, casefold, Arabic folding, Latin/Greek/Cyrillic
diacritics removed, typographic quotes and dashes unified, whitespace collapsed.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold_arabic", "fold_for_matching"]

# Harakat (fathatan .. sukun and the extended marks up to U+065F), superscript
# alef, Quranic annotation marks, the small high marks U+0610-061A, extended
# Arabic marks U+08D3-08FF, and tatweel (kashida, U+0640).
_ARABIC_MARKS = re.compile(
    "[\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u08d3-\u08ff]"
)

# Arabic presentation forms (ligatures such as U+FEFB "lam-alef", isolated and
# final glyph forms) are folded to the base letters with NFKC.
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]+")

_ARABIC_TABLE = str.maketrans(
    {
        # alef variants -> bare alef
        "\u0623": "\u0627",  # alef with hamza above
        "\u0625": "\u0627",  # alef with hamza below
        "\u0622": "\u0627",  # alef with madda
        "\u0671": "\u0627",  # alef wasla
        "\u0672": "\u0627",  # alef with wavy hamza above
        "\u0673": "\u0627",  # alef with wavy hamza below
        "\u0649": "\u064a",  # alef maksura -> yeh
        "\u0629": "\u0647",  # teh marbuta -> heh
        "\u0624": "\u0648",  # waw with hamza -> waw
        "\u0626": "\u064a",  # yeh with hamza -> yeh
        "\u06a9": "\u0643",  # Persian keheh -> kaf
        "\u06aa": "\u0643",  # swash kaf -> kaf
        "\u06cc": "\u064a",  # Persian/Urdu yeh -> yeh
        "\u06d0": "\u064a",  # yeh (Pashto/Uyghur e) -> yeh
        "\u06c0": "\u0647",  # heh with yeh above -> heh
        "\u06be": "\u0647",  # heh doachashmee -> heh
        "\u06c1": "\u0647",  # heh goal -> heh
        "\u06c2": "\u0647",  # heh goal with hamza -> heh
        # Arabic-Indic and Extended (Persian/Urdu) digits -> ASCII
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)


def fold_arabic(s: str) -> str:
    """Fold Arabic-script spelling variants so equal words compare equal.

    Removes harakat/diacritics and tatweel; أ إ آ ٱ -> ا; ى -> ي; ة -> ه;
    ؤ -> و; ئ -> ي; Persian/Urdu ک -> ك, ی -> ي (and a few other Urdu/Persian
    shapes); Arabic-Indic and Persian digits -> ASCII digits; presentation
    forms -> base letters.  Non-Arabic characters are left unchanged.
    For matching only: the output is not meant to be shown to readers.
    """
    if not s:
        return s
    s = _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), s)
    # Decomposed hamza (alef + U+0654) loses the mark here, which gives the
    # same result as folding the precomposed letter below.
    s = _ARABIC_MARKS.sub("", s)
    return s.translate(_ARABIC_TABLE)


# Letters that do not decompose under NFD but have an obvious base letter.
_LATIN_SPECIAL = str.maketrans(
    {
        "đ": "d",  # Vietnamese, Croatian, Serbian Latin
        "ð": "d",
        "ø": "o",
        "ł": "l",
        "ħ": "h",
        "ŧ": "t",
        "ı": "i",  # Turkish dotless i
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        # typographic quotes and apostrophes
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u02bb": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        # dashes and hyphens
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)

# Only the generic combining diacritics block: Latin, Greek and Cyrillic accents
# (é, ü, ơ, ư, ñ, й, ё, ά).  Marks of other scripts (Devanagari vowel signs,
# Hebrew points, Thai tone marks) carry meaning and are kept.
_COMBINING = re.compile("[\u0300-\u036f]")
_SPACES = re.compile(r"\s+")


def fold_for_matching(s: str) -> str:
    """Return a comparison key for names and short strings in any script.

    NFKC (full-width -> ASCII, ligatures split), casefold (ß -> ss),
    :func:`fold_arabic`, Latin/Greek/Cyrillic diacritics stripped
    (é -> e, Đ -> d, ư -> u, й -> и), curly quotes -> straight quotes, dashes ->
    ``-``, whitespace collapsed and stripped.  Chinese traditional and
    simplified characters are *not* unified.
    """
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", s).casefold()
    s = fold_arabic(s)
    s = s.translate(_LATIN_SPECIAL)
    s = unicodedata.normalize("NFD", s)
    s = _COMBINING.sub("", s)
    s = unicodedata.normalize("NFC", s)
    return _SPACES.sub(" ", s).strip()
