"""Script-independent keys for names: romanization and consonant skeletons.

The same place or person is written ``Bustan al-Qasr``, ``Boustan al-Qasr``,
``Bostan al-Qasr``, ``بستان القصر`` or ``Bustan al - Qasr``.  To let such
spellings meet, a name is

1. romanized (:func:`romanize`, built on ``anyascii`` with a few fixes for
   Arabic, Slavic and Greek letters so that e.g. ``Dončić`` and ``Дончич`` both
   become ``donchich``);
2. cut into tokens, with articles and particles dropped (``al-``, ``ash-``,
   ``ال``, ``the``, ``le``/``la``/``l'``, ``der``/``die``/``das``, ``de``/``da``/
   ``van``/``von``, ``bin``/``ibn``; Portuguese ``o``/``a``/``os``/``as`` only
   for ``lang="pt"``) and a few spelling families folded to one form (``Sheikh``,
   ``Cheikh``, ``Shaykh``, ``Шейх``, ``الشيخ``; ``Allah``, ``Abdel``/``Abdul``);
3. reduced to a *consonant skeleton*: consonants are mapped to classes and
   vowels are dropped, except that a word-initial vowel leaves one ``a``.

The classes (measured on the labelled pairs in ``tests/names/test_keys.py``)::

    b p            -> b      (Arabic has no p: "Pablo" is "بابلو")
    f v ph         -> f      (Arabic has no v: "Vladimir" is "فلاديمير")
    k q c(hard) ck -> k      ("Qasr" = "Kaser", "Tóquio" = "Tokyo")
    c(soft) s ç    -> s      (word-final z is also s: "Biles" = "Байлз")
    z              -> z      (kept apart from s: "Zaid" is not "Said")
    sh sch ш ch(fr)-> x
    ch tch ч č ć   -> c      (ch is h in German)
    j dj dzh zh ž  -> j      (j is a vowel-like y in German/Slavic, h in Spanish)
    kh h ḥ х       -> h      (Russian writes Arabic ح and خ both as х)
    gh g           -> g
    th t           -> t
    dh d           -> d
    w              -> w      only word-initially, else dropped like a vowel
    y              -> y      only word-initially before a vowel, else a vowel
    l m n r x      -> l m n r ks

Identical neighbouring classes collapse (``Aleppo`` -> ``alb``) but not across
a vowel (``Bab`` -> ``bb``).  A word-final ``h`` after a vowel is dropped (it is
the Arabic ``ة`` of ``al-Kelaseh``/``al-Kalasa``/``الكلاسة``).

Collisions that remain by design (a consonant skeleton cannot see vowels):
``Mohammed``/``Mahmoud`` (both ``mhmd``), ``Omar``/``Amer``, ``Saeed``/``Saad``,
``Alexander``/``Alexandra``.  Short keys are weak evidence; the caller weights
them down (see :func:`key_strength`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

__all__ = [
    "romanize",
    "skeleton",
    "name_key",
    "token_keys",
    "name_similarity",
    "is_garbage_key",
    "key_strength",
    "is_han_name",
    "han_skeleton",
    "transcription_skeleton",
    "MAX_KEY_LEN",
]

MAX_KEY_LEN = 40
_MAX_INPUT = 400  # characters of a name looked at; longer "names" are garbage anyway

# --------------------------------------------------------------------------- romanize

_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ALEF_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا"})
_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_ARABIC_ARTICLE_PREFIXES = ("وال", "فال", "بال", "كال")
_ALLAH_FORMS = {"الله", "لله", "والله", "بالله", "عبدالله"}

# Latin and Greek letters whose anyascii reading loses the information we need.
_DJ_LANGS = {"hr", "sr", "bs", "sl"}
_PRE_LATIN = str.maketrans(
    {
        "č": "ch",
        "Č": "Ch",
        "ć": "ch",
        "Ć": "Ch",
        "š": "sh",
        "Š": "Sh",
        "ş": "sh",
        "Ş": "Sh",
        "ș": "sh",
        "Ș": "Sh",
        "ž": "zh",
        "Ž": "Zh",
        "ź": "z",
        "ż": "zh",
        "đ": "d",
        "Đ": "D",
        "χ": "kh",
        "Χ": "Kh",
        "ı": "i",
        "İ": "I",
    }
)


def _arabic_word(word: str) -> str:
    """Pre-romanize one Arabic-script word: fold, strip the article, mark vowels."""
    w = _ARABIC_DIACRITICS.sub("", word)
    if w.translate(_ALEF_VARIANTS) in _ALLAH_FORMS:
        return ("abd " if w.startswith("عبد") else "") + "allah"
    # the article is a plain alef + lam; "ألكسندر" (Alexander) keeps its hamza
    if len(w) > 4 and w.startswith(_ARABIC_ARTICLE_PREFIXES):
        w = w[3:]
    elif len(w) > 3 and w.startswith(("لل", "ال")):
        w = w[2:]
    w = w.translate(_ALEF_VARIANTS)
    # alef, ta marbuta and alef maqsura are vowels (anyascii drops alef, which
    # would glue "باب" into "bb"); ayin/hamza become "`", also read as a vowel
    w = w.replace("ا", "a").replace("ة", "a").replace("ى", "a")
    return w.replace("ع", "`").replace("ء", "`").replace("ئ", "`").replace("ؤ", "`")


def romanize(s: str, lang: str | None = None) -> str:
    """ASCII reading of ``s`` in any script (``anyascii``), Arabic articles removed.

    Arabic words lose their article ``ال`` (also after ``و``/``ب``/``ف``/``ك``),
    so ``بستان القصر`` -> ``bstn qsr``; ``ة`` and ``ى`` read as ``a``; a
    word-initial alef reads ``a`` (``إسطنبول`` -> ``astnbwl``).  Slavic ``č``/
    ``š``/``ž`` read ``ch``/``sh``/``zh`` like their Cyrillic counterparts.
    ``đ`` reads ``d`` (Vietnamese) except for ``lang`` hr/sr/bs/sl (``dj``).
    Case is kept; NFKC is applied first.
    """
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", s)
    if lang in _DJ_LANGS:
        s = s.replace("đ", "dj").replace("Đ", "Dj")
    if _ARABIC_LETTER.search(s):
        s = re.sub(
            r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]+",
            lambda m: _arabic_word(m.group(0)),
            s,
        )
    return anyascii(s.translate(_PRE_LATIN))


# --------------------------------------------------------------------------- skeleton

_PARTICLES = {
    "al",
    "el",
    "ul",
    "il",
    "the",
    "le",
    "la",
    "les",
    "l",
    "der",
    "die",
    "das",
    "den",
    "de",
    "da",
    "do",
    "dos",
    "del",
    "della",
    "di",
    "du",
    "des",
    "van",
    "von",
    "ter",
    "bin",
    "ben",
    "ibn",
    "bint",
    "abn",
    "bn",
    "et",
    "and",
    "und",
    "y",
    "e",
    "i",
}
_PT_ARTICLES = {"o", "a", "os", "as"}
# hyphenated article forms, sun-letter assimilations included
_ARTICLE_PREFIX = re.compile(
    r"^(?:al|el|ul|il|ad|ed|as|es|ash|esh|at|et|ath|adh|ar|er|az|ez|an|en|ay)-(?=\w)"
)
_HYPHEN_ARTICLES = {
    "al",
    "el",
    "ul",
    "il",
    "ad",
    "ed",
    "as",
    "es",
    "ash",
    "esh",
    "at",
    "et",
    "ath",
    "adh",
    "ar",
    "er",
    "az",
    "ez",
    "an",
    "en",
    "ay",
    "al'",
    "el'",
}
_ELISION = re.compile(r"^(?:l|d|qu|dell|all|nell|sull|dall)'(?=\w)")
_SHEIKH = {
    "sheikh",
    "sheik",
    "shaikh",
    "shaykh",
    "sheykh",
    "shaik",
    "shayk",
    "shekh",
    "shiekh",
    "cheikh",
    "cheik",
    "cheick",
    "chaikh",
    "chaykh",
    "scheich",
    "scheikh",
    "sheyh",
    "shejk",
    "sejk",
    "shykh",
    "sheih",
    "shajch",
    "sheikha",
    "shaykha",
    "shykha",
    "sheyha",
    "shek",
}
_ABD = re.compile(r"^abd[aeiou]?l(?=[a-z]{3})")
_VOWELS = frozenset("aeiouy'")
_SOFT_C = frozenset("eiy")
_QU_VOWEL = frozenset("aeiouy")
_SLAVIC_CASES = {"sl", "hr", "sr", "bs", "cs", "sk", "pl", "ru", "uk", "be", "bg"}
_J_AS_Y = {"de", "sl", "hr", "sr", "bs", "pl", "cs", "sk", "nl", "sv", "no", "nb", "da", "fi", "hu"}


def _tokens(name: str, lang: str | None) -> list[str]:
    """Romanized, casefolded tokens of a name with particles removed."""
    name = name[:_MAX_INPUT]
    # "al - Qasr", "Da ' ada": spaced hyphens/apostrophes from pre-tokenized text
    name = re.sub(r"\s*([-'’`ʼʻ])\s*", r"\1", name)
    rom = romanize(name, lang).casefold().replace("’", "'")
    out: list[str] = []
    for raw in re.split(r"[\s_/,.;:()\[\]\"«»]+", rom):
        if not raw:
            continue
        tok = _ARTICLE_PREFIX.sub("", raw)
        tok = _ELISION.sub("", tok)
        pieces = tok.split("-")
        for k, part in enumerate(pieces):
            # "`" is Arabic ayin/hamza from romanize(): a vowel, kept even word-initially
            part = part.strip("'").replace("`", "'")
            if k < len(pieces) - 1 and part in _HYPHEN_ARTICLES:
                continue
            part = re.sub(r"[^a-z']", "", part)
            if not part or part in _PARTICLES:
                continue
            if lang == "pt" and part in _PT_ARTICLES:
                continue
            if part.rstrip("'") in _SHEIKH:
                part = "shykh"
            if lang in _SLAVIC_CASES and len(part) >= 6 and part.endswith(("em", "om", "ym")):
                part = part[:-2]  # instrumental case: Dončićem, Путиным, Лавровым
            if len(part) >= 5 and part.endswith("ic"):
                # Djokovic, Jokic, Doncic: a Slavic -ić surname written without its
                # accents; its other c's are č/ć too (Doncic = Dončić = Дончич)
                part = re.sub(r"c(?!h)", "tch", part)
            m = _ABD.match(part)
            if m:
                out.append("abd")
                part = part[m.end() :]
            out.append(part)
    return out


def _token_skeleton(tok: str, lang: str | None) -> str:
    """Consonant-class string of one romanized token (see module docstring)."""
    out: list[str] = []
    n = len(tok)
    i = 0
    # a word-final h after a vowel is the ta marbuta of -eh/-ah/-ih
    if n > 2 and tok[-1] == "h" and tok[-2] in "aei":
        tok = tok[:-1]
        n -= 1
    last_was_vowel = False
    while i < n:
        ch = tok[i]
        nxt = tok[i + 1] if i + 1 < n else ""
        nxt2 = tok[i + 2] if i + 2 < n else ""
        cls = ""
        step = 1
        if ch in _VOWELS:
            if i == 0 and ch == "y" and nxt and nxt in "aeiouw":
                cls = "y"
            elif i == 0:
                cls = "a"
            else:
                last_was_vowel = True
                i += 1
                continue
        elif ch == "s" and nxt == "c" and nxt2 == "h":
            cls, step = "x", 3
        elif ch == "t" and nxt == "s" and nxt2 == "c" and tok[i + 3 : i + 4] == "h":
            cls, step = "c", 4
        elif ch == "t" and ((nxt == "c" and nxt2 == "h") or (nxt == "s" and nxt2 == "h")):
            cls, step = "c", 3
        elif ch == "d" and nxt == "z" and nxt2 == "h":
            cls, step = "j", 3
        elif ch == "s" and nxt == "h":
            cls, step = "x", 2
        elif ch == "z" and nxt == "h":
            cls, step = "j", 2
        elif ch == "c" and nxt == "h":
            cls, step = ("x" if lang == "fr" else "h" if lang == "de" else "c"), 2
        elif ch == "k" and nxt == "h":
            cls, step = "h", 2
        elif ch == "g" and nxt == "h":
            cls, step = "g", 2
        elif ch == "t" and nxt == "h":
            cls, step = "t", 2
        elif ch == "d" and nxt == "h":
            cls, step = "d", 2
        elif ch == "p" and nxt == "h":
            cls, step = "f", 2
        elif ch == "d" and nxt == "j":
            cls, step = "j", 2
        elif (ch == "c" and nxt == "k") or (ch == "q" and nxt == "u" and nxt2 in _QU_VOWEL):
            cls, step = "k", 2
        elif ch == "g" and nxt == "u" and nxt2 and nxt2 in "ei":
            cls, step = "g", 2
        elif ch == "c":
            cls = "s" if nxt in _SOFT_C and nxt else "k"
        elif ch in "bp":
            cls = "b"
        elif ch in "fv":
            cls = "f"
        elif ch in "kq":
            cls = "k"
        elif ch == "x":
            out.extend(c for c in "ks" if not out or out[-1] != c or last_was_vowel)
            last_was_vowel = False
            i += 1
            continue
        elif ch == "z":
            cls = "s" if i == n - 1 and i > 0 else "z"
        elif ch == "j":
            if lang in _J_AS_Y:
                if i == 0 and nxt and nxt in "aeiou":
                    cls = "y"
                else:
                    last_was_vowel = True
                    i += 1
                    continue
            else:
                cls = "h" if lang == "es" else "j"
        elif ch == "w":
            if i == 0 or (lang == "de"):
                cls = "f" if lang == "de" else "w"
            else:
                last_was_vowel = True
                i += 1
                continue
        else:
            cls = ch
        if out and out[-1] == cls and not last_was_vowel:
            pass  # doubled consonant (or same class in a row): collapse
        else:
            out.append(cls)
        last_was_vowel = False
        i += step
    return "".join(out)


@lru_cache(maxsize=65536)
def _skel_tokens(name: str, lang: str | None) -> tuple[str, ...]:
    return tuple(s for s in (_token_skeleton(t, lang) for t in _tokens(name, lang)) if s)


def skeleton(name: str, lang: str | None = None) -> str:
    """Consonant skeleton of ``name``: one class string per token, space-separated.

    ``skeleton("Bustan al-Qasr") == skeleton("بستان القصر") == "bstn ksr"``.
    ``lang`` (ISO 639-1) only changes language-specific letters (``ch`` in
    French/German, ``j`` in Spanish/German/Slavic, ``w`` in German, Portuguese
    articles).  Returns ``""`` for input without letters.
    """
    if not name:
        return ""
    return " ".join(_skel_tokens(name, lang))


def _join(parts: tuple[str, ...] | list[str]) -> str:
    """Whole-name key: token skeletons joined; non-initial tokens lose their vowel mark.

    So ``Hezbollah`` (``hzbl``) equals ``حزب الله`` (``hzb`` + ``al``).
    """
    if not parts:
        return ""
    rest = [p[1:] if p.startswith("a") and len(p) > 1 else p for p in parts[1:]]
    rest = [p for p in rest if p != "a"]
    return parts[0] + "".join(rest)


def is_garbage_key(key: str) -> bool:
    """Keys that carry no evidence: < 2 consonants, only digits, or > 40 characters."""
    if not key or len(key) > MAX_KEY_LEN or key.isdigit():
        return True
    consonants = len(key) - (1 if key[0] == "a" else 0)
    return consonants < 2


@lru_cache(maxsize=100_000)
def name_key(name: str, lang: str | None = None) -> str:
    """The whole-name key (joined skeleton), or ``""`` when it would be garbage."""
    key = _join(_skel_tokens(name, lang)) if name else ""
    return "" if is_garbage_key(key) else key


def token_keys(name: str, lang: str | None = None) -> list[str]:
    """Per-token keys of a multi-word name (garbage dropped, order kept)."""
    out = []
    for part in _skel_tokens(name, lang) if name else ():
        if not is_garbage_key(part) and part not in out:
            out.append(part)
    return out


def key_strength(key: str) -> float:
    """How distinctive a key is, from its length: 2 consonants 0.5 ... >= 5 -> 1.0."""
    n = len(key) - (1 if key.startswith("a") else 0)
    return max(0.0, min(1.0, 0.5 + 0.125 * (n - 2)))


def _folded_roman(name: str, lang: str | None) -> str:
    return " ".join(_tokens(name, lang))


def name_similarity(a: str, b: str, lang_a: str | None = None, lang_b: str | None = None) -> float:
    """Similarity of two names in [0, 100], meant for a threshold like 85.

    The best of: the normalized Levenshtein similarity of the whole-name keys
    (one differing class needs a key of 7 classes to stay >= 85),
    ``token_sort_ratio`` of the spaced skeletons (word order), and the ratio of
    the folded romanized forms minus 10 (romanized spelling alone must be very
    close).
    """
    if not a or not b:
        return 0.0
    sa, sb = _skel_tokens(a, lang_a), _skel_tokens(b, lang_b)
    ka, kb = _join(sa), _join(sb)
    if is_garbage_key(ka) or is_garbage_key(kb):
        return 0.0
    ra, rb = _folded_roman(a, lang_a), _folded_roman(b, lang_b)
    rom = fuzz.ratio(ra, rb) if ra and rb else 0.0
    if ka == kb:
        score = 100.0
    else:
        score = 100.0 * Levenshtein.normalized_similarity(ka, kb)
        if len(sa) > 1 and len(sb) > 1:
            ta, tb = " ".join(sorted(sa)), " ".join(sorted(sb))
            score = max(score, 100.0 * Levenshtein.normalized_similarity(ta, tb))
        score = max(score, rom - 10.0)
    return float(max(0.0, min(100.0, score)))


# --------------------------------------------------------------------------- Han transcriptions

_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: pinyin initials -> skeleton classes, as the foreign sound they transcribe
#: (x and c are hissing s, q the ch of "Chile", zh/j the j of "Jakarta")
_PINYIN_INITIALS = (
    ("zh", "j"),
    ("ch", "c"),
    ("sh", "x"),
    ("b", "b"),
    ("p", "b"),
    ("m", "m"),
    ("f", "f"),
    ("d", "d"),
    ("t", "t"),
    ("n", "n"),
    ("l", "l"),
    ("g", "g"),
    ("k", "k"),
    ("h", "h"),
    ("j", "j"),
    ("q", "c"),
    ("x", "s"),
    ("r", "l"),
    ("z", "z"),
    ("c", "s"),
    ("s", "s"),
)


def is_han_name(text: str) -> bool:
    """``text`` is written in Han characters only (spaces and middle dots aside)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(_HAN.match(c) for c in letters)


@lru_cache(maxsize=65536)
def han_skeleton(text: str) -> str:
    """Consonant skeleton of a Chinese transcription of a foreign name, comparable
    with :func:`transcription_skeleton` of its Latin spelling.

    Each Han character is read as its Mandarin syllable (``anyascii``, i.e. the
    Unihan readings bundled with it: no dictionary download) and contributes the
    class of its initial as the sound it transcribes (``西`` xi -> s, ``吉`` ji
    -> j), plus ``n`` for a nasal final (``曼`` man); ``尔`` er, the usual
    transcription of a final r or l, gives ``l``.  Since Mandarin has no
    syllable-final r and writes foreign r as l (``拉`` la for "ra"), l and r are
    one class on both sides: ``帕特尔`` -> ``btl`` = Patel, ``西塔拉曼`` -> ``stlmn``
    = Sitharaman, ``古吉拉特`` -> ``gjlt`` = Gujarat.
    """
    out: list[str] = []
    for ch in text:
        if not _HAN.match(ch):
            continue
        syl = anyascii(ch).casefold()
        if not syl.isalpha():
            continue
        if syl == "er":
            out.append("l")
            continue
        for ini, cls in _PINYIN_INITIALS:
            if syl.startswith(ini):
                out.append(cls)
                syl = syl[len(ini) :]
                break
        if syl.endswith(("n", "ng")):
            out.append("n")
    collapsed = [c for i, c in enumerate(out) if i == 0 or c != out[i - 1]]
    return "".join(collapsed)


def transcription_skeleton(name: str, lang: str | None = None) -> str:
    """The whole-name key of ``name`` with r written as l, to meet :func:`han_skeleton`
    (vowel marks of word-initial vowels dropped, as Han transcriptions have none)."""
    parts = [p[1:] if p.startswith("a") else p for p in _skel_tokens(name, lang)] if name else []
    key = "".join(parts).replace("r", "l")
    return re.sub(r"(.)\1+", r"\1", key)
