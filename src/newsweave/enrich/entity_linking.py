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

:func:`same_entity` is that decision for two name strings; the labelled alias
pairs in ``tests/entities/data/alias_pairs.tsv`` score it.

>>> link_key("Bustan al-Kaser", "en") == link_key("بستان القصر", "ar")
True
>>> same_entity("Sheikh Saeed", "en", "Sheikh Maqsoud", "en")
False
"""

from __future__ import annotations

from functools import lru_cache

from newsweave.names.extract import acronym_key
from newsweave.names.gazetteer import Place, is_main_name, lookup_place
from newsweave.names.keys import name_key, name_similarity

__all__ = [
    "link_key",
    "key_blocks",
    "keys_match",
    "same_entity",
    "strip_titles",
    "surname_key",
    "single_key",
    "surname_match",
    "trusted_place",
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
    if script == "latin" and name_similarity(text, place.name, lang, None) >= 70:
        return place
    return None


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
    if not all(w[:1].isupper() for w in words if w[:1].isalpha()):
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


def surname_match(a: str, lang_a: str | None, b: str, lang_b: str | None) -> bool:
    """One name is the surname alone of the other (``Modi`` / ``Narendra Modi``).

    The surname's key must have at least three classes, or the two words must
    be spelled alike (``Bush`` / ``George W. Bush``).
    """
    for x, lx, y, ly in ((a, lang_a, b, lang_b), (b, lang_b, a, lang_a)):
        s, k = single_key(x, lx), surname_key(y, ly)
        if s and s == k and (len(s) >= 3 or _fold(x) == _fold(strip_titles(y).split()[-1])):
            return True
    return False


def same_entity(a: str, lang_a: str | None, b: str, lang_b: str | None) -> bool:
    """Do two name strings name the same entity?  (The linker's decision.)

    Equal or one-edit link keys, or a surname alone and the full personal name
    (:func:`surname_match`; the store applies it when the surname has only one
    bearer so far).
    """
    if not a or not b:
        return False
    return keys_match(link_key(a, lang_a), link_key(b, lang_b)) or surname_match(
        a, lang_a, b, lang_b
    )
