"""Entity linking: which name spans, in any script and spelling, are one entity.

Each mention gets a *link key* (:func:`link_key`):

* ``place:<geonameid>`` when the GeoNames gazetteer resolves the whole name,
  so exonyms meet through bundled data (``Aleppo`` = ``Alep`` = ``حلب`` =
  ``Алеппо`` = ``A-lép``); an all-caps acronym only when it names a country
  (``UAE``; ``SANA`` is not Sanaa);
* else ``sk:<skeleton>``, the whole-name consonant skeleton of
  :func:`newsweave.names.keys.name_key` (``Bustan al-Qasr`` = ``Bustan al-Kaser``
  = ``Boustan al-Qasr`` = ``بستان القصر`` = ``Bustan al - Qasr`` -> ``sk:bstnksr``);
* ``ac:<key>`` for other all-caps acronyms
  (:func:`newsweave.names.extract.acronym_key`), kept apart from skeletons so
  that ``ISIL`` does not meet ``al-Asila``.

Two keys are the same entity when they are equal, or when both skeletons have at
least :data:`FUZZY_MIN` classes and are one edit apart (``Qastal al-Harami`` =
``Qastal al-Hararmi``).  The edit-distance test is done with *blocks*, the key
and its one-deletion variants (symmetric deletion, as in SymSpell): two keys
within one edit share a block, so the store can find a neighbour with one
indexed lookup inside the article's transaction (see
:class:`newsweave.enrich.entities.EntityEnricher`).

Beyond equal keys, :func:`same_entity` links a surname or a first word alone
to the full personal name (:func:`surname_match`), a Chinese transcription to
its Latin spelling (:func:`transcription_match`, by
:func:`~newsweave.names.keys.han_skeleton`) and an acronym to its expansion
(:func:`acronym_expansion_match`).  The store applies the first only while the
word has one bearer, and the last two only between names mentioned in the same
story (co-occurrence backs a weaker signal; see
:class:`newsweave.enrich.entities.EntityEnricher`).

:func:`same_entity` is that decision for two name strings; the labelled alias
pairs in ``tests/entities/data/alias_pairs.tsv`` score it.

>>> link_key("Bustan al-Kaser", "en") == link_key("بستان القصر", "ar")
True
>>> same_entity("Sheikh Saeed", "en", "Sheikh Maqsoud", "en")
False
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsweave.names.extract import acronym_key
from newsweave.names.gazetteer import Place, is_main_name, lookup_place
from newsweave.names.keys import (
    han_skeleton,
    is_han_name,
    name_key,
    name_similarity,
    transcription_skeleton,
)

__all__ = [
    "link_key",
    "key_blocks",
    "keys_match",
    "same_entity",
    "strip_titles",
    "surname_key",
    "single_key",
    "surname_match",
    "given_key",
    "trusted_place",
    "han_key",
    "transcribed_keys",
    "transcription_match",
    "initials_key",
    "acronym_expansion_match",
    "FUZZY_MIN",
]

#: skeletons shorter than this link only when equal (short keys collide too often)
FUZZY_MIN = 7


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters) and " " not in text


#: an alternate GeoNames name of a place this large is trusted whatever its spelling
ALT_NAME_MIN_POP = 1_000_000


def _script(text: str) -> str:
    for ch in text:
        if ch.isalpha():
            o = ord(ch)
            if o < 0x250 or 0x1E00 <= o <= 0x1EFF:
                return "latin"
            if 0x3040 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF:
                return "cjk"
            return "other"
    return ""


@lru_cache(maxsize=100_000)
def trusted_place(text: str, lang: str | None = None) -> Place | None:
    """The gazetteer place of ``text`` when the hit can be trusted, else ``None``.

    GeoNames alternate names hold odd entries (``Google`` for Topeka, ``Lien``
    for Lianzhou), so a hit on an alternate name counts when the place is a
    country or has at least :data:`ALT_NAME_MIN_POP` people (``Damas``,
    ``Londres``), when the name is written in Arabic, Cyrillic or Greek script
    (transliterations), or, in Latin script, when it is a spelling of the main
    name (``Douma`` = ``Dūmā``, :func:`~newsweave.names.keys.name_similarity`
    >= 70).  CJK alternates need the population threshold.  An all-caps
    acronym resolves only to a country (``UAE``; ``SANA`` is not Sanaa).
    """
    if not text or len(text) > 200:
        return None
    try:
        place = lookup_place(text, lang)
    except Exception:  # noqa: BLE001 - odd input must not stop linking
        return None
    if place is None:
        return None
    if _is_acronym(text) and place.kind != "country":
        return None
    if place.kind == "country" or place.population >= ALT_NAME_MIN_POP:
        return place
    if is_main_name(text, place):
        return place
    script = _script(text)
    if script == "other":
        return place
    if (
        script == "latin"
        and name_similarity(text, place.name, lang, None) >= 70
        and not _is_given_name(text)
    ):
        return place
    return None


def _is_given_name(text: str) -> bool:
    """A frequent given name (the person cue list of
    :mod:`newsweave.enrich.entity_types`): ``Luka`` alone is a person far more
    often than Lucca, whose GeoNames alternate names it resembles."""
    from newsweave.enrich.entity_types import _FOLDED

    return " " not in text.strip() and _fold(text) in _FOLDED["given"]


_TITLE_EXTRA = frozenset(
    [
        "deputy",
        "prime",
        "foreign",
        "senior",
        "vice",
        "first",
        "timbalan",
        "perdana",
        "kanan",
        "luar",
    ]
)


@lru_cache(maxsize=100_000)
def strip_titles(text: str) -> str:
    """``Deputy Prime Minister Lawrence Wong`` -> ``Lawrence Wong``: leading
    titles and honorifics (the person-title cue words of
    :mod:`newsweave.enrich.entity_types`) are not part of a name."""
    from newsweave.enrich.entity_types import _FOLDED, _fold

    words = text.split()
    tail = _fold(words[-1]) if words else ""
    if tail in _FOLDED["org_last"] or tail in _FOLDED["place_last"]:
        return text
    k = 0
    # "Singapore Foreign Minister Vivian Balakrishnan", "India Nirmala Sitharaman":
    # a country before a title or a two-word name qualifies the person
    if len(words) >= 3 and words[1][:1].isupper():
        lead = trusted_place(words[0], None)
        if lead is not None and lead.kind == "country":
            k = 1
    while k < len(words) - 1:
        f = _fold(words[k].rstrip("."))
        if f in _FOLDED["person_before"] or f in _TITLE_EXTRA:
            k += 1
        else:
            break
    # Malay and English put the country between title and name:
    # "Perdana Menteri India Narendra Modi", "Prime Minister India Narendra Modi"
    if k > 0 and len(words) - k >= 3 and words[k + 1][:1].isupper():
        lead = trusted_place(words[k], None)
        if lead is not None and lead.kind == "country":
            k += 1
    if k == 0 or len(words) - k < 1:
        return text
    # a title word must be followed by a capitalised word to be a title
    return " ".join(words[k:]) if words[k][:1].isupper() else text


@lru_cache(maxsize=100_000)
def link_key(text: str, lang: str | None = None) -> str:
    """The link key of a name (see the module docstring); ``""`` when it has none."""
    if not text or not text.strip() or len(text) > 200:
        return ""
    text = strip_titles(text)
    acronym = _is_acronym(text)
    place = trusted_place(text, lang)
    if place is not None:
        return place.key
    if acronym:
        key = acronym_key(text)
        return f"ac:{key}" if key else ""
    key = name_key(text, lang)
    return f"sk:{key}" if key else ""


def key_blocks(key: str) -> list[str]:
    """The blocks of a key: itself and its one-deletion variants, for fuzzy lookup.

    Only ``sk:`` keys of at least :data:`FUZZY_MIN` classes have blocks; others
    link by equality alone.
    """
    if not key.startswith("sk:"):
        return []
    sk = key[3:]
    if len(sk) < FUZZY_MIN:
        return []
    out = {sk}
    out.update(sk[:i] + sk[i + 1 :] for i in range(len(sk)))
    return sorted(out)


def keys_match(a: str, b: str) -> bool:
    """Two link keys name one entity: equal, or sharing a block."""
    if not a or not b:
        return False
    if a == b:
        return True
    ba, bb = key_blocks(a), key_blocks(b)
    return bool(ba and bb and set(ba) & set(bb))


_NAME_PARTICLES = frozenset(
    [
        "al",
        "el",
        "de",
        "da",
        "di",
        "do",
        "dos",
        "du",
        "des",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "bin",
        "ibn",
        "bint",
        "ben",
        "la",
        "le",
        "y",
        "e",
        "of",
        "the",
    ]
)


def _fold(w: str) -> str:
    from newsweave.enrich.entity_types import _fold as fold

    return fold(w.strip("'’.,"))


@lru_cache(maxsize=100_000)
def surname_key(text: str, lang: str | None = None) -> str:
    """The key of the surname of a personal name (``Narendra Modi`` -> ``md``), else ``""``.

    A personal name here is 2-4 capitalised words after titles are stripped,
    not a place the gazetteer knows, with no particle inside, no place or
    organisation head or tail (``Bab``, ``Kafr``, ``... Street``, ``... Times``),
    and a last word with an Arabic article only after a given name
    (``Abdullah Muhammad al-Muhaysini``; not ``Fatah al-Sham``).
    """
    from newsweave.enrich.entity_types import _FOLDED

    text = strip_titles(text)
    words = text.split()
    if not 2 <= len(words) <= 4 or _script(text) == "cjk":
        return ""
    # "al-Muhaysini": the article of an Arabic surname is written lower case
    if not all(re.sub(r"^(?:al|el)-", "", w)[:1].isupper() for w in words if w[:1].isalpha()):
        return ""
    folded = [_fold(w) for w in words]
    if folded[0] in _FOLDED["place_first"] or folded[0] in _FOLDED["org_first"]:
        return ""
    if folded[-1] in _FOLDED["place_last"] or folded[-1] in _FOLDED["org_last"]:
        return ""
    if any(f in _NAME_PARTICLES for f in folded):
        return ""
    if folded[-1].startswith(("al-", "el-")) and folded[0] not in _FOLDED["given"]:
        return ""
    if trusted_place(text, lang) is not None:
        return ""
    return name_key(words[-1], lang)


@lru_cache(maxsize=100_000)
def single_key(text: str, lang: str | None = None) -> str:
    """The key of a one-word name that may be a surname (not a place, not an acronym)."""
    text = strip_titles(text)
    if len(text.split()) != 1 or _is_acronym(text) or _script(text) == "cjk":
        return ""
    if trusted_place(text, lang) is not None:
        return ""
    return name_key(text, lang)


@lru_cache(maxsize=100_000)
def given_key(text: str, lang: str | None = None) -> str:
    """The key of the first word of a personal name (``Luka Dončić`` -> ``lk``), else ``""``.

    The first word is the given name in most languages we read and the family
    name in Chinese, Vietnamese-style or Singaporean order (``Gan Kim Yong``):
    either way it is how a person is also called alone (``Luka``, ``Encik Gan``).
    Only for a name :func:`surname_key` accepts as personal.
    """
    if not surname_key(text, lang):
        return ""
    return name_key(strip_titles(text).split()[0], lang)


def _part_match(single: str, lang_s: str | None, full: str, lang_f: str | None, part: int) -> bool:
    """``single`` is word ``part`` (0: first, -1: last) of the personal name ``full``."""
    s = single_key(single, lang_s)
    k = surname_key(full, lang_f) if part == -1 else given_key(full, lang_f)
    if not s or s != k:
        return False
    # a short key must also be the same word ("Bush", "Gan"), not just the same skeleton
    return len(s) >= 3 or _fold(strip_titles(single)) == _fold(strip_titles(full).split()[part])


def surname_match(a: str, lang_a: str | None, b: str, lang_b: str | None) -> bool:
    """One name is the surname alone of the other (``Modi`` / ``Narendra Modi``),
    or its first word alone (``Luka`` / ``Luka Doncic``; ``Gan`` / ``Gan Kim Yong``).

    The word's key must have at least three classes, or the two words must
    be spelled alike (``Bush`` / ``George W. Bush``).  The store applies this
    only when the word has one bearer so far, a surname before a first word.
    """
    for x, lx, y, ly in ((a, lang_a, b, lang_b), (b, lang_b, a, lang_a)):
        if _part_match(x, lx, y, ly, -1) or _part_match(x, lx, y, ly, 0):
            return True
    return False


#: a Han transcription must have this many characters and skeleton classes to link
HAN_MIN_CHARS = 3
HAN_MIN_CLASSES = 3


@lru_cache(maxsize=100_000)
def han_key(text: str) -> str:
    """Transcription skeleton of a Han-script name (``帕特尔`` -> ``btl``), else ``""``.

    Two-character Han strings are mostly ordinary words, so a transcription
    needs :data:`HAN_MIN_CHARS` characters and :data:`HAN_MIN_CLASSES` classes.
    """
    if len(text) < HAN_MIN_CHARS or len(text) > 20 or not is_han_name(text):
        return ""
    sk = han_skeleton(text)
    return sk if len(sk) >= HAN_MIN_CLASSES else ""


@lru_cache(maxsize=100_000)
def transcribed_keys(text: str, lang: str | None = None) -> tuple[str, ...]:
    """Keys a Chinese transcription of this (non-Han) name would have: the whole
    name and, for a personal name, its surname (``Bhupendra Patel`` -> ``btl``)."""
    if not text or _script(text) == "cjk" or _is_acronym(text) or len(text) > 200:
        return ()
    text = strip_titles(text)
    out = []
    whole = transcription_skeleton(text, lang)
    if len(whole) >= HAN_MIN_CLASSES:
        out.append(whole)
    if surname_key(text, lang):
        last = transcription_skeleton(text.split()[-1], lang)
        if len(last) >= HAN_MIN_CLASSES and last not in out:
            out.append(last)
    return tuple(out)


def transcription_match(a: str, lang_a: str | None, b: str, lang_b: str | None) -> bool:
    """One name is a Chinese transcription of the other (``帕特尔`` / ``Patel``,
    ``西塔拉曼`` / ``Nirmala Sitharaman``): equal skeletons under
    :func:`~newsweave.names.keys.han_skeleton`."""
    for x, y, ly in ((a, b, lang_b), (b, a, lang_a)):
        hk = han_key(x)
        if hk and hk in transcribed_keys(y, ly):
            return True
    return False


_INITIAL_SKIP = _NAME_PARTICLES | frozenset(["and", "for", "on", "in", "und", "et", "dan", "bagi"])


@lru_cache(maxsize=100_000)
def initials_key(text: str) -> str:
    """Initials of a name of >= 3 capitalised words (``India-Singapore Ministerial
    Roundtable`` -> ``ismr``; small words like ``of``/``and`` skipped), else ``""``."""
    words = [w for w in re.split(r"[\s\-‐–]+", text) if w and w[0].isalpha()]
    words = [w for w in words if _fold(w) not in _INITIAL_SKIP]
    if len(words) < 3 or len(words) > 8 or _script(text) != "latin":
        return ""
    if not all(w[0].isupper() for w in words):
        return ""
    return "".join(_fold(w[0]) for w in words)


def acronym_expansion_match(a: str, b: str) -> bool:
    """One name is an acronym of the other (``ISMR`` / ``India-Singapore Ministerial
    Roundtable``): >= 3 letters, each the initial of one word in order."""
    for x, y in ((a, b), (b, a)):
        if _is_acronym(x) and len(x) >= 3:
            letters = "".join(_fold(c) for c in x if c.isalpha())
            if letters and letters == initials_key(y):
                return True
    return False


def same_entity(a: str, lang_a: str | None, b: str, lang_b: str | None) -> bool:
    """Do two name strings name the same entity?  (The linker's decision.)

    Equal or one-edit link keys; a surname or first word alone and the full
    personal name (:func:`surname_match`; the store applies it when the word
    has only one bearer so far); a Chinese transcription and its Latin
    spelling (:func:`transcription_match`); an acronym and its expansion
    (:func:`acronym_expansion_match`).  The store links the last two only
    when both are mentioned in one story: as a pairwise decision this assumes
    they were found together, as the labelled pairs (one story each) are.
    """
    if not a or not b:
        return False
    return (
        keys_match(link_key(a, lang_a), link_key(b, lang_b))
        or surname_match(a, lang_a, b, lang_b)
        or transcription_match(a, lang_a, b, lang_b)
        or acronym_expansion_match(a, b)
    )
