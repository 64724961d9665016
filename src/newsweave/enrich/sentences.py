"""Split clean article text into sentences, in any script.

Every "telling" module (figures, summaries, provenance) works on sentences, so
the splitter must hold for the scripts newsweave meets:

* Latin, Cyrillic, Greek: ``.``, ``!``, ``?``, ``…`` followed by a space and an
  upper-case letter, a digit, a quote or an opening bracket; not after an
  abbreviation (``Mr.``, ``Dr.``, ``U.S.``, ``Sept.``, ``TP.``, ``ThS.``, French
  ``M.``, German ``z. B.``, Russian ``г.``), a single initial (``J. Smith``) or
  inside a number (``3.5``).  Vietnamese is Latin script with its own
  abbreviations (``TP.``, ``PGS.``, ``TS.``); word-segmented input has been
  joined back by :mod:`newsweave.normalize` before it gets here.
* Arabic/Persian/Urdu: ``.``, ``؟``, ``!``, ``۔`` (the Arabic comma ``،`` and
  semicolon ``؛`` are not sentence ends), with or without a following space.
* CJK: ``。``, ``！``, ``？``, ``；`` end a sentence without any space after
  them; a closing quote or bracket right after stays with the sentence.
* Devanagari and others: ``।`` and ``॥``.
* A line break always ends a sentence (paragraphs, headlines, credit lines).

>>> [s.text for s in split_sentences("Army frees Sheikh Saeed. Mr. Smith said 3.5 km.")]
['Army frees Sheikh Saeed.', 'Mr. Smith said 3.5 km.']
>>> [s.text for s in split_sentences("军队解放了东区。平民撤离！")]
['军队解放了东区。', '平民撤离！']
>>> [s.text for s in split_sentences("أعلنت البلدية الخطة. وزار الحديقة نحو 3 آلاف شخص")]
['أعلنت البلدية الخطة.', 'وزار الحديقة نحو 3 آلاف شخص']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Sentence", "split_sentences", "article_sentences"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``text == source[start:end]``, ``index`` its position in the article.

    ``paragraph`` counts the blank-line-separated blocks before it (0 = lead),
    which summaries use as a position prior.
    """

    text: str
    start: int
    end: int
    index: int
    paragraph: int


# Abbreviations after which a period does not end a sentence (folded to lower case).
_ABBREV = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "ft",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "gov",
        "sen",
        "rep",
        "rev",
        "hon",
        "pres",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "nos",
        "vol",
        "fig",
        "janv",
        "févr",
        "fév",
        "avr",
        "juil",
        "déc",
        "ene",
        "abr",
        "ago",
        "dic",
        "fev",
        "dez",
        "jän",
        "mär",
        "okt",
        "янв",
        "фев",
        "мар",
        "апр",
        "авг",
        "сент",
        "окт",
        "нояб",
        "дек",
        "approx",
        "est",
        "dept",
        "univ",
        "ave",
        "blvd",
        "rd",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "u.s",
        "u.k",
        "u.n",
        "u.s.a",
        "e.u",
        "m",
        "mme",
        "mlle",
        "mm",
        "me",
        "dr",
        "pr",
        "st",
        "ste",
        "cf",
        "av",
        "env",
        "art",
        "p",
        "pp",
        "n°",
        "sr",
        "sra",
        "srta",
        "dña",
        "d",
        "dra",
        "lic",
        "ing",
        "núm",
        "pág",
        "sr",
        "sra",
        "dra",
        "exmo",
        "exma",
        "z.b",
        "bzw",
        "ca",
        "evtl",
        "ggf",
        "hr",
        "fr",
        "nr",
        "str",
        "usw",
        "vgl",
        "dt",
        "г",
        "гг",
        "т",
        "тыс",
        "млн",
        "млрд",
        "руб",
        "им",
        "ул",
        "д",
        "пр",
        "см",
        "др",
        "напр",
        "tp",
        "ts",
        "ths",
        "pgs",
        "gs",
        "bs",
        "ks",
        "q",
        "p",
        "tt",
        "ubnd",
        "hđnd",
        "ct",
        "gđ",
    ]
)

_LATIN_END = re.compile(r"([.!?…]+)([\"'”’»)\]]*)(\s+)(?=[\"'“‘«(\[]?[\w\u0600-\u06ff])")
_ARABIC_END = re.compile(r"([.!?؟۔]+)([\"'”’»)\]]*)\s*(?=[\"'“«(]?[\u0600-\u06ff\w])")
_CJK_END = re.compile(r"([。！？!?；]+)([”’」』）)\]\"']*)")
_INDIC_END = re.compile(r"([।॥]+)\s*")
_PARA = re.compile(r"\n\s*\n")
_BROKEN_LINE = re.compile(r"([^\s.!?。！？؟:\"”»])(\s*\n\s*)(?=[a-zà-ÿа-я])")

_ARABIC_CHAR = re.compile(r"[\u0600-\u06ff]")
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _latin_boundary(text: str, dot: int) -> bool:
    """Does the punctuation ending at ``dot`` (index of its first char) end a sentence?"""
    if text[dot] != ".":
        return True
    # the word before the period
    i = dot
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    word = text[i:dot].strip("\"'“‘«([")
    low = word.casefold()
    if not word:
        return True
    if low in _ABBREV or low.rstrip(".") in _ABBREV:
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial: "J. Smith", "George W. Bush"
    # U.S. / e.g (the last dot is this one)
    return not re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word)


def _split_block(block: str) -> list[tuple[int, int]]:
    """Sentence spans inside one line of text (no line breaks)."""
    cuts: list[int] = []
    if _CJK_CHAR.search(block):
        for m in _CJK_END.finditer(block):
            cuts.append(m.end())
    if _ARABIC_CHAR.search(block):
        for m in _ARABIC_END.finditer(block):
            if m.group(1) == "." and not _latin_boundary(block, m.start(1)):
                continue
            # a period between two digits is a decimal point
            if m.group(1) == "." and m.start() > 0 and block[m.start() - 1].isdigit():
                nxt = block[m.end() : m.end() + 1]
                if nxt.isdigit():
                    continue
            cuts.append(m.end(2))
    for m in _LATIN_END.finditer(block):
        if not _latin_boundary(block, m.start(1)):
            continue
        nxt = block[m.end() : m.end() + 2]
        first = nxt.lstrip("\"'“‘«([")[:1]
        if first and first.isalpha() and first.islower() and not _ARABIC_CHAR.match(first):
            continue  # "etc. and", "ca. 5" -> a lower-case continuation
        cuts.append(m.end(2))
    for m in _INDIC_END.finditer(block):
        cuts.append(m.end(1))
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in sorted(set(cuts)):
        if cut <= start:
            continue
        spans.append((start, cut))
        start = cut
    spans.append((start, len(block)))
    out = []
    for s, e in spans:
        while s < e and block[s].isspace():
            s += 1
        while e > s and block[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def split_sentences(text: str, max_sentences: int | None = None) -> list[Sentence]:
    """Split ``text`` into :class:`Sentence` objects (see the module docstring for the rules).

    Fragments without a single letter (a stray ``*``, a page number) are dropped;
    ``max_sentences`` stops early for long texts.
    """
    # a line broken inside a sentence (no end punctuation, next line in lower
    # case) is one sentence: replace the break by spaces, keeping offsets
    text = _BROKEN_LINE.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)
    out: list[Sentence] = []
    paragraph = 0
    offset = 0
    for para in _PARA.split(text):
        pstart = text.find(para, offset) if para else offset
        offset = pstart + len(para)
        line_offset = 0
        had = False
        for line in para.split("\n"):
            lstart = pstart + para.find(line, line_offset) if line else pstart + line_offset
            line_offset = lstart - pstart + len(line)
            for s, e in _split_block(line):
                piece = line[s:e]
                if not any(ch.isalpha() for ch in piece):
                    continue
                out.append(Sentence(piece, lstart + s, lstart + e, len(out), paragraph))
                had = True
                if max_sentences is not None and len(out) >= max_sentences:
                    return out
        if had:
            paragraph += 1
    return out


@lru_cache(maxsize=4096)
def _cached(text: str, max_sentences: int | None) -> tuple[Sentence, ...]:
    return tuple(split_sentences(text, max_sentences))


def article_sentences(
    title: str, text: str, max_sentences: int | None = None
) -> tuple[Sentence, ...]:
    """Sentences of an article's clean text (the title is not one of them), memoized.

    ``title`` is accepted so that a sentence repeating the title verbatim can be
    skipped: it adds nothing to a summary or an alignment.
    """
    sents = _cached(text, max_sentences)
    t = " ".join(title.split()).casefold()
    if not t:
        return sents
    return tuple(s for s in sents if " ".join(s.text.split()).casefold() != t)
