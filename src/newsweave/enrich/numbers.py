"""Find numbers in text, in any of the common notations, with their value.

A news figure can be written ``1,500`` (English), ``1.500`` or ``1 500``
(German, Vietnamese, French), ``3,5`` (decimal comma), ``٣٫٥`` (Arabic-Indic
digits and the Arabic decimal separator), ``8 آلاف`` (8 thousand), ``2,3
millions``, ``5 triệu``, ``3万``, ``1.5亿``, ``twenty``, ``vingt-cinq``,
``ثلاثة`` or ``九十``.  :func:`find_numbers` returns every such number as a
:class:`NumberMatch` with its span in the *original* string, so callers can
show what the article said.

The separator rule: languages that write a decimal comma (fr, de, es, pt, it,
ru, vi, id, tr, nl, pl ...) read ``1.500`` as 1500 and ``3,5`` as 3.5;
the others (en, zh, ja, ar, ms ...) read ``1,500`` as 1500 and ``3.5`` as 3.5.
When both separators appear, the last one is the decimal mark whatever the
language.  Spelled-out numbers are only taken when a unit or a counted noun
follows (the caller checks), because ``one`` and ``năm`` are also ordinary
words.

>>> [(m.value, m.text) for m in find_numbers("plus de 2,5 millions de personnes", "fr")]
[(2500000.0, '2,5 millions')]
>>> [(m.value, m.text) for m in find_numbers("خرج أكثر من 8 آلاف مدني", "ar")]
[(8000.0, '8 آلاف')]
>>> [m.value for m in find_numbers("١٢٫٥ %", "ar")]
[12.5]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["NumberMatch", "find_numbers", "normalize_digits", "DECIMAL_COMMA"]

#: languages whose decimal mark is a comma
DECIMAL_COMMA = frozenset(
    [
        "fr",
        "de",
        "es",
        "pt",
        "it",
        "ru",
        "uk",
        "vi",
        "id",
        "tr",
        "nl",
        "pl",
        "cs",
        "sk",
        "sl",
        "hr",
        "sr",
        "bg",
        "ro",
        "hu",
        "da",
        "sv",
        "no",
        "nb",
        "fi",
        "el",
        "lt",
        "lv",
        "et",
    ]
)

_DIGITS = str.maketrans(
    {
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian
        **{chr(0xFF10 + i): str(i) for i in range(10)},  # full-width
        **{chr(0x0966 + i): str(i) for i in range(10)},  # Devanagari
        "\u066b": ".",  # Arabic decimal separator
        "\u066c": ",",  # Arabic thousands separator
        "\u066a": "%",  # Arabic percent sign
        "\uff05": "%",
    }
)


def normalize_digits(text: str) -> str:
    """Map Arabic-Indic, Persian, Devanagari and full-width digits to ASCII, one char for one.

    The result has the same length as ``text``, so offsets found in it are offsets in ``text``.
    """
    return text.translate(_DIGITS)


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A number in a string: ``value``, its span, and how it was written."""

    value: float
    start: int
    end: int
    text: str
    spelled: bool = False  # written in words ("eight", "ثمانية", "八")


# ---------------------------------------------------------------- scale words
_SCALES: dict[str, float] = {}


def _scale(value: float, *words: str) -> None:
    for w in words:
        _SCALES[w] = value


_scale(
    1e3,
    "thousand",
    "thousands",
    "k",
    "mille",
    "mil",
    "tausend",
    "tsd",
    "tsd.",
    "тыс",
    "тыс.",
    "тысяч",
    "тысячи",
    "тысяча",
    "ألف",
    "آلاف",
    "الف",
    "ألفا",
    "ألفًا",
    "nghìn",
    "ngàn",
    "ribu",
    "bin",
)
_scale(
    1e6,
    "million",
    "millions",
    "mn",
    "m",
    "mln",
    "millón",
    "millones",
    "milhão",
    "milhões",
    "mio",
    "mio.",
    "millionen",
    "млн",
    "млн.",
    "миллион",
    "миллиона",
    "миллионов",
    "مليون",
    "ملايين",
    "triệu",
    "juta",
    "milyon",
)
_scale(
    1e9,
    "billion",
    "billions",
    "bn",
    "b",
    "milliard",
    "milliards",
    "mrd",
    "mrd.",
    "milliarde",
    "milliarden",
    "млрд",
    "млрд.",
    "миллиард",
    "миллиарда",
    "миллиардов",
    "مليار",
    "مليارات",
    "tỷ",
    "tỉ",
    "bilhão",
    "bilhões",
    "bilion",
    "miliar",
    "milyar",
)
_scale(
    1e12,
    "trillion",
    "trillions",
    "billón",
    "billones",
    "trilhão",
    "trilhões",
    "триллион",
    "триллиона",
    "nghìn tỷ",
)
# "mil millones" (es) / "mil milhões" (pt) = 1e9 is handled by multiplying scales.

_CJK_SCALE = {"十": 10, "百": 100, "千": 1e3, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
_CJK_DIGIT = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

# ---------------------------------------------------------------- number words
_WORDS: dict[str, dict[str, float]] = {
    "en": {
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
        "dozen": 12,
    },
    "fr": {
        "un": 1,
        "une": 1,
        "deux": 2,
        "trois": 3,
        "quatre": 4,
        "cinq": 5,
        "six": 6,
        "sept": 7,
        "huit": 8,
        "neuf": 9,
        "dix": 10,
        "onze": 11,
        "douze": 12,
        "treize": 13,
        "quatorze": 14,
        "quinze": 15,
        "seize": 16,
        "vingt": 20,
        "trente": 30,
        "quarante": 40,
        "cinquante": 50,
        "soixante": 60,
        "cent": 100,
        "cents": 100,
        "douzaine": 12,
    },
    "es": {
        "uno": 1,
        "una": 1,
        "dos": 2,
        "tres": 3,
        "cuatro": 4,
        "cinco": 5,
        "seis": 6,
        "siete": 7,
        "ocho": 8,
        "nueve": 9,
        "diez": 10,
        "once": 11,
        "doce": 12,
        "quince": 15,
        "veinte": 20,
        "treinta": 30,
        "cuarenta": 40,
        "cincuenta": 50,
        "cien": 100,
        "ciento": 100,
        "centenar": 100,
        "docena": 12,
    },
    "pt": {
        "um": 1,
        "uma": 1,
        "dois": 2,
        "duas": 2,
        "três": 3,
        "quatro": 4,
        "cinco": 5,
        "seis": 6,
        "sete": 7,
        "oito": 8,
        "nove": 9,
        "dez": 10,
        "onze": 11,
        "doze": 12,
        "quinze": 15,
        "vinte": 20,
        "trinta": 30,
        "quarenta": 40,
        "cinquenta": 50,
        "cem": 100,
        "cento": 100,
        "dúzia": 12,
    },
    "de": {
        "ein": 1,
        "eine": 1,
        "einen": 1,
        "zwei": 2,
        "drei": 3,
        "vier": 4,
        "fünf": 5,
        "sechs": 6,
        "sieben": 7,
        "acht": 8,
        "neun": 9,
        "zehn": 10,
        "elf": 11,
        "zwölf": 12,
        "zwanzig": 20,
        "dreißig": 30,
        "vierzig": 40,
        "fünfzig": 50,
        "hundert": 100,
        "dutzend": 12,
    },
    "ru": {
        "один": 1,
        "одна": 1,
        "два": 2,
        "две": 2,
        "три": 3,
        "четыре": 4,
        "пять": 5,
        "шесть": 6,
        "семь": 7,
        "восемь": 8,
        "девять": 9,
        "десять": 10,
        "двадцать": 20,
        "тридцать": 30,
        "сорок": 40,
        "пятьдесят": 50,
        "сто": 100,
        "двух": 2,
        "трех": 3,
        "трёх": 3,
        "четырех": 4,
        "пяти": 5,
    },
    "ar": {
        "واحد": 1,
        "اثنان": 2,
        "اثنين": 2,
        "ثلاثة": 3,
        "ثلاث": 3,
        "أربعة": 4,
        "أربع": 4,
        "خمسة": 5,
        "خمس": 5,
        "ستة": 6,
        "ست": 6,
        "سبعة": 7,
        "سبع": 7,
        "ثمانية": 8,
        "ثماني": 8,
        "تسعة": 9,
        "تسع": 9,
        "عشرة": 10,
        "عشر": 10,
        "عشرين": 20,
        "عشرون": 20,
        "ثلاثين": 30,
        "أربعين": 40,
        "خمسين": 50,
        "مئة": 100,
        "مائة": 100,
        "مئات": 100,
    },
    "vi": {
        "một": 1,
        "hai": 2,
        "ba": 3,
        "bốn": 4,
        "năm": 5,
        "sáu": 6,
        "bảy": 7,
        "tám": 8,
        "chín": 9,
        "mười": 10,
        "trăm": 100,
    },
    "ms": {
        "satu": 1,
        "dua": 2,
        "tiga": 3,
        "empat": 4,
        "lima": 5,
        "enam": 6,
        "tujuh": 7,
        "lapan": 8,
        "delapan": 8,
        "sembilan": 9,
        "sepuluh": 10,
        "seratus": 100,
    },
}
_WORDS["id"] = _WORDS["ms"]
_ALL_WORDS = {w: v for table in _WORDS.values() for w, v in table.items()}

_NUM = re.compile(
    r"(?<![0-9A-Za-z\u00c0-\u024f\u0400-\u04ff.,])"
    r"(\d{1,3}(?:([.,\u00a0\u202f ])\d{3})(?:\2\d{3})*(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?![\d])"
)
_CJK_NUM = re.compile(r"[〇零一二两兩三四五六七八九十百千万萬亿億]+")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


def _parse_digits(s: str, lang: str | None) -> float | None:
    """Value of a digit string with separators, by the language's convention."""
    s = s.replace("\u00a0", " ").replace("\u202f", " ")
    if " " in s:
        return float(s.replace(" ", "").replace(",", "."))
    dots, commas = s.count("."), s.count(",")
    try:
        if dots and commas:
            dec = "." if s.rfind(".") > s.rfind(",") else ","
            other = "," if dec == "." else "."
            return float(s.replace(other, "").replace(dec, "."))
        sep = "." if dots else "," if commas else ""
        if not sep:
            return float(s)
        parts = s.split(sep)
        grouped = all(len(p) == 3 for p in parts[1:])
        if len(parts) > 2:
            return float(s.replace(sep, "")) if grouped else None
        decimal_mark = "," if (lang or "") in DECIMAL_COMMA else "."
        if sep == decimal_mark:
            return float(s.replace(sep, "."))
        # the other separator: a thousands mark when followed by 3 digits
        return float(s.replace(sep, "")) if grouped else float(s.replace(sep, "."))
    except ValueError:
        return None


def _cjk_value(s: str) -> float | None:
    """Value of a Chinese numeral (``九十`` = 90, ``三千五百`` = 3500, ``两万`` = 20000)."""
    total, section, digit = 0.0, 0.0, None
    for ch in s:
        if ch in _CJK_DIGIT:
            # "一二" style digit strings continue the digit
            digit = _CJK_DIGIT[ch] if digit is None else digit * 10 + _CJK_DIGIT[ch]
        elif ch in _CJK_SCALE:
            scale = _CJK_SCALE[ch]
            if scale >= 1e4:
                section += digit or 0
                total += (section or 1) * scale
                section, digit = 0.0, None
            else:
                section += (digit if digit is not None else 1) * scale
                digit = None
        else:
            return None
    return total + section + (digit or 0)


def _scale_after(text: str, pos: int, lang: str | None, money: bool = False) -> tuple[float, int]:
    """A scale word right after ``pos`` ("8 آلاف", "2,5 millions"): factor and new end."""
    if pos < len(text) and text[pos] in _CJK_SCALE and _CJK_SCALE[text[pos]] >= 1e3:
        factor, end = _CJK_SCALE[text[pos]], pos + 1
        if end < len(text) and text[end] in "亿億" and text[pos] in "万萬":
            factor, end = 1e12, end + 1
        return factor, end
    m = re.match(r"(?:[ \u00a0]|-(?=[^\W\d_]{3}))?([^\W\d_]+\.?)", text[pos : pos + 16])
    if not m:
        return 1.0, pos
    if money and m.group(1) == "MM" and m.start(1) == 0:
        return 1e6, pos + 2  # "$21MM": millions in sports and finance shorthand
    word = m.group(1).casefold()
    bare = word.rstrip(".")
    if bare in ("m", "b", "k") and (not money or word.endswith(".")):
        return 1.0, pos  # "$5m" is millions, "5.9m long" is metres; "m." ends a sentence
    attached = not m.group(0)[0].isspace()
    if bare in ("m", "b", "k") and m.group(1)[0].isupper() and bare != "k" and not attached:
        return 1.0, pos  # "$15B" is billions, "$15 B" is not sure to be
    factor = _SCALES.get(word) or _SCALES.get(bare)
    if factor is None:
        return 1.0, pos
    if bare == "mil" and lang not in ("es", "pt"):
        return 1.0, pos
    end = pos + m.end()
    if word.endswith(".") and bare not in ("mio", "mrd", "тыс", "млн", "млрд", "tsd"):
        end -= 1
    # "mil millones" / "mil milhões" / "nghìn tỷ"
    nxt = re.match(r"[ \u00a0]([^\W\d_]+)", text[end : end + 16])
    if nxt and nxt.group(1).casefold() in _SCALES and _SCALES[nxt.group(1).casefold()] >= 1e6:
        factor *= _SCALES[nxt.group(1).casefold()]
        end += nxt.end()
    return factor, end


def find_numbers(text: str, lang: str | None = None, words: bool = True) -> list[NumberMatch]:
    """Every number in ``text`` with its value (see the module docstring).

    ``words=False`` skips spelled-out numbers.  Years and other plain integers
    are returned too: deciding what they measure is the caller's job.
    """
    norm = normalize_digits(text)
    out: list[NumberMatch] = []
    taken: list[tuple[int, int]] = []
    for m in _NUM.finditer(norm):
        if any(s <= m.start(1) < e for s, e in taken):
            continue  # already part of "3万4000"
        raw = m.group(1)
        # "1 500" grouping with spaces only where the language writes it so
        if re.search(r"[ \u00a0\u202f]", raw) and (lang or "") not in DECIMAL_COMMA | {"fr"}:
            head = re.match(r"\d+", raw)
            assert head is not None
            raw = head.group(0)
        value = _parse_digits(raw.strip(), lang)
        if value is None:
            continue
        start, end = m.start(1), m.start(1) + len(raw)
        money = bool(
            re.search(r"[$€£¥₹]\s?$|(?:USD|EUR|GBP|SGD|RM)\s?$", norm[max(0, start - 4) : start])
        )
        factor, end = _scale_after(norm, end, lang, money)
        value *= factor
        if factor in (1e4, 1e8):  # "3万4000", "1亿2000万"
            rest = re.match(r"(\d{1,4})(?![\d.,万萬亿億])", norm[end:])
            if rest:
                value += float(rest.group(1))
                end += rest.end()
        out.append(NumberMatch(value, start, end, text[start:end]))
        taken.append((start, end))
    if lang in ("zh", "ja", None) or re.search(r"[\u4e00-\u9fff]", text):
        for m in _CJK_NUM.finditer(norm):
            if any(s <= m.start() < e for s, e in taken):
                continue
            s = m.group(0)
            if len(s) == 1 and s in "十百千万萬亿億":
                continue
            value = _cjk_value(s)
            if value is not None:
                out.append(NumberMatch(value, m.start(), m.end(), text[m.start() : m.end()], True))
    if words:
        table = _WORDS.get(lang or "", _ALL_WORDS if lang is None else {})
        if table:
            out.extend(_word_numbers(text, norm, lang, table, taken))
    out.sort(key=lambda n: n.start)
    return out


def _word_numbers(
    text: str, norm: str, lang: str | None, table: dict[str, float], taken: list[tuple[int, int]]
) -> list[NumberMatch]:
    out: list[NumberMatch] = []
    for m in _WORD.finditer(norm):
        if any(s <= m.start() < e for s, e in taken) or any(
            n.start <= m.start() < n.end for n in out
        ):
            continue
        word = m.group(0).casefold()
        parts = word.split("-")
        if any(p in table for p in parts) and all(p in table or p == "et" for p in parts):
            value = sum(table.get(p, 0) for p in parts if p != "hundred")
            if "hundred" in parts:
                value = max(value, 1) * 100
        elif lang == "ar" and word.startswith("و") and word[1:] in table:
            continue  # "و + number" is part of a compound; skip rather than misread
        else:
            continue
        end = m.end()
        nxt = re.match(r"[ \u00a0]([^\W\d_]+)", norm[end : end + 16])
        if nxt and nxt.group(1).casefold() in table and table[nxt.group(1).casefold()] == 100:
            value *= 100  # "two hundred", "trois cents", "dos cientos"
            end += nxt.end()
        if word in ("dozen", "douzaine", "docena", "dúzia", "dutzend"):
            before = norm[max(0, m.start() - 3) : m.start()].casefold()
            if not before.endswith(("a ", "une ", "una ", "uma ", "ein ")):
                continue
        factor, end = _scale_after(norm, end, lang)
        if nxt and end == m.end() and value < 100 and table.get(word) == 100:
            continue  # "hundred" alone after a number word was consumed above
        out.append(NumberMatch(value * factor, m.start(), end, text[m.start() : end], True))
    return out
