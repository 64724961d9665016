"""Which articles of a story copy, translate or share an origin with which.

For every pair of articles in a story, :func:`compare_pair` says:

* ``republication`` — same language, mostly the same text (wire copy, syndication,
  light edit): at least half of the shorter article's sentences have a
  near-identical sentence in the other (word-set Jaccard >= 0.5, or the
  multilingual encoder's cosine >= 0.95 with Jaccard >= 0.3), or the shorter
  one's word trigrams are mostly contained in the other;
* ``translation`` — different languages, aligned sentence by sentence: sentences
  are embedded with the bundled multilingual encoder, a pair of sentences is
  *aligned* when each is the other's best match, the cosine is high and it
  stands out from the sentence's other candidates (margin over the mean of its
  top-3, the usual bitext-mining criterion); shared numbers and names add
  confidence.  A translation aligns at least half of the shorter article's
  sentences, mostly in the same order;
* ``shared-origin`` — not a full copy, but the two share passages that
  independent reporting would not produce: aligned sentences carrying the same
  distinctive details (rare spellings of names, glosses such as "Bustan
  al-Qasr (Bustan al-Kaser)"), or both credit the same origin (``Source:
  FarsNews``, ``(Reuters)``); the origin is named when a credit says it;
* ``independent`` — none of the above.

Each link carries the aligned passages as evidence and, when dates allow, a
direction (the earlier article is the origin; a credit that names the other
article's source decides first).  :func:`story_provenance` turns the links into
a graph whose connected components are the *independent sources*: ten copies
of one wire story count once.

>>> from newsweave.enrich.provenance import ProvDoc, lexical_sentence_sim
>>> round(lexical_sentence_sim("The army freed 85% of Aleppo.", "The army freed 85 % of Aleppo"), 2)
1.0
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

import numpy as np

from newsweave.enrich.credits import Credit, credit_key
from newsweave.enrich.numbers import find_numbers
from newsweave.normalize.boilerplate import strip_outlet
from newsweave.weave.lexical import tokens

__all__ = [
    "ProvDoc",
    "AlignedPassage",
    "PairLink",
    "StoryProvenance",
    "compare_pair",
    "story_provenance",
    "lexical_sentence_sim",
    "COPY_RELATIONS",
]

#: relations that make two articles one source
COPY_RELATIONS = ("republication", "translation", "shared-origin")
#: at most this many sentences of an article are aligned (the lead carries the story)
MAX_SENTENCES = 30

# thresholds: chosen on the labelled pairs of tests/telling/data (docs/telling.md says how;
# a broad plateau of settings gave the same result, these sit in its middle)
XL_COS = 0.88  # cosine for a cross-lingual sentence alignment
XL_MARGIN = 0.03  # ... and its margin over the mean of the top-3 candidates
XL_COVERAGE = 0.4  # share of the shorter article's sentences aligned, for a translation
XL_MIN_ALIGNED = 3  # ... and at least this many aligned sentences
SAME_JACCARD = 0.5  # word-set Jaccard for near-identical sentences
SAME_COS = 0.95  # or an encoder cosine this high with Jaccard >= 0.3
COPY_COVERAGE = 0.5  # share of the shorter article's sentences matched, for a republication
ORDER_MIN = 0.7  # share of aligned sentences in the same order, for a translation
CONTAINMENT = 0.5  # ... and word-trigram containment of the shorter in the longer
SHARED_MIN = 3  # aligned sentences, quotations aside, for a shared origin without a gloss
SHARED_COVERAGE = 0.3  # ... covering this share of the shorter article
TITLE_JACCARD = 0.8  # title-only articles: near-identical titles


@dataclass
class ProvDoc:
    """What provenance needs of an article (built by :mod:`newsweave.enrich.tell`)."""

    id: str
    lang: str
    title: str
    sentences: list[str]
    source: str
    when: datetime | None = None
    date_how: str = "unknown"
    credits: list[Credit] = field(default_factory=list)
    spellings: dict[str, set[str]] = field(default_factory=dict)  # name key -> surfaces
    glosses: set[str] = field(default_factory=set)  # "Bustan al-Qasr (Bustan al-Kaser)" glosses

    @cached_property
    def units(self) -> list[str]:
        """Title plus the first sentences: the units that get aligned."""
        body = self.sentences[: MAX_SENTENCES - 1]
        return ([self.title] if self.title.strip() else []) + body

    @property
    def title_only(self) -> bool:
        return not self.sentences

    # computed once per article, not once per pair
    @cached_property
    def token_sets(self) -> list[frozenset[str]]:
        return [_token_set(u) for u in self.units]

    @cached_property
    def trigrams(self) -> set[tuple[str, ...]]:
        return _trigrams(self.units)

    @cached_property
    def substantial(self) -> np.ndarray:
        return np.array([_substantial(u) for u in self.units], dtype=bool)


@dataclass
class AlignedPassage:
    """Two aligned sentences: index in each article's units, text, score, shared anchors."""

    a_index: int
    b_index: int
    a_text: str
    b_text: str
    score: float
    anchors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "a_index": self.a_index,
            "b_index": self.b_index,
            "a": self.a_text,
            "b": self.b_text,
            "score": round(self.score, 3),
            "anchors": self.anchors,
        }


@dataclass
class PairLink:
    """The relation between two articles, with its evidence."""

    a: str
    b: str
    relation: str
    score: float
    coverage: float = 0.0
    order: float = 0.0
    containment: float = 0.0
    passages: list[AlignedPassage] = field(default_factory=list)
    shared_spellings: list[str] = field(default_factory=list)
    shared_glosses: list[str] = field(default_factory=list)
    shared_credits: list[str] = field(default_factory=list)
    origin: str | None = None
    direction: str | None = None  # "a->b", "b->a" or None
    direction_reason: str = ""
    note: str = ""

    def as_dict(self, passages: int = 5) -> dict:
        return {
            "a": self.a,
            "b": self.b,
            "relation": self.relation,
            "score": round(self.score, 3),
            "coverage": round(self.coverage, 3),
            "order": round(self.order, 3),
            "containment": round(self.containment, 3),
            "origin": self.origin,
            "direction": self.direction,
            "direction_reason": self.direction_reason,
            "shared_spellings": self.shared_spellings,
            "shared_glosses": self.shared_glosses,
            "shared_credits": self.shared_credits,
            "note": self.note,
            "passages": [p.as_dict() for p in self.passages[:passages]],
        }


# ------------------------------------------------------------------ helpers
def _token_set(text: str) -> frozenset[str]:
    return frozenset(tokens(text))


def lexical_sentence_sim(a: str, b: str) -> float:
    """Jaccard of the romanized word sets of two sentences (1.0 = same words)."""
    sa, sb = _token_set(a), _token_set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def _trigrams(units: Sequence[str]) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for u in units:
        t = tokens(u)
        out.update(zip(t, t[1:], t[2:], strict=False))
    return out


def _numbers(text: str, lang: str) -> set[float]:
    return {n.value for n in find_numbers(text, lang, words=False) if n.value >= 2}


def _substantial(text: str) -> bool:
    """Long enough to align: 5+ words, or 12+ characters of CJK."""
    if sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3040" <= ch <= "\u30ff") >= 12:
        return True
    return len(text.split()) >= 5


def _lis(seq: Sequence[int]) -> int:
    """Length of the longest increasing subsequence."""
    import bisect

    tails: list[int] = []
    for x in seq:
        i = bisect.bisect_left(tails, x)
        if i == len(tails):
            tails.append(x)
        else:
            tails[i] = x
    return len(tails)


def _margin_align(
    sims: np.ndarray, ok_a: np.ndarray, ok_b: np.ndarray
) -> list[tuple[int, int, float, float]]:
    """Mutual-best sentence pairs with cosine and margin: (i, j, cos, margin)."""
    s = sims.copy()
    s[~ok_a, :] = -1.0
    s[:, ~ok_b] = -1.0
    k_a = min(3, s.shape[1])
    k_b = min(3, s.shape[0])
    top_a = np.sort(s, axis=1)[:, -k_a:].mean(axis=1)
    top_b = np.sort(s, axis=0)[-k_b:, :].mean(axis=0)
    best_b = s.argmax(axis=1)
    best_a = s.argmax(axis=0)
    out = []
    for i in range(s.shape[0]):
        j = int(best_b[i])
        if not ok_a[i] or not ok_b[j] or int(best_a[j]) != i:
            continue
        margin = float(s[i, j] - (top_a[i] + top_b[j]) / 2) if min(s.shape) > 1 else 0.0
        out.append((i, j, float(s[i, j]), margin))
    return out


_GLOSS = re.compile(r"\s?\(\s?([^()]{3,40}?)\s?\)")


def find_glosses(text: str, lang: str | None, spans=None) -> set[str]:
    """Alternative-spelling glosses ``X (Y)`` where X and Y are the same name.

    ``Bustan al-Qasr (Bustan al-Kaser)``: an editor's choice that copies and
    translations keep and independent reports do not.  Returned as
    ``"<name key> (<gloss, folded>)"`` (``bstnksr (bustan al-kaser)``) so that
    the same gloss after ``Bustan al-Qasr`` or ``Bostan al-Qasr``, in any
    language, compares equal.
    """
    from newsweave.names import name_spans
    from newsweave.names.keys import name_similarity

    out = set()
    for sp in name_spans(text, lang) if spans is None else spans:
        m = _GLOSS.match(text, sp.end)
        if not m:
            continue
        inner = m.group(1).strip()
        if inner.casefold() == sp.text.casefold() or not inner[:1].isupper():
            continue
        if name_similarity(sp.text, inner, lang, lang) >= 0.6:
            out.add(f"{sp.key} ({' '.join(inner.split()).casefold()})")
    return out


# ------------------------------------------------------------------ one pair
def compare_pair(
    a: ProvDoc,
    b: ProvDoc,
    va: np.ndarray | None,
    vb: np.ndarray | None,
    rare_spellings: set[str] | frozenset[str] = frozenset(),
) -> PairLink:
    """The relation between ``a`` and ``b`` (see the module docstring).

    ``va``/``vb`` are the unit vectors of ``a.units``/``b.units`` (``None`` to
    skip the encoder: then only lexical evidence counts).  ``rare_spellings``
    are the name spellings that only a minority of the story's articles use.
    """
    ua, ub = a.units, b.units
    link = PairLink(a.id, b.id, "independent", 0.0)
    shared_spell = sorted(
        s
        for k in set(a.spellings) & set(b.spellings)
        for s in a.spellings[k] & b.spellings[k]
        if s in rare_spellings
    )
    link.shared_spellings = shared_spell
    link.shared_glosses = sorted(a.glosses & b.glosses)
    ca = {c.key for c in a.credits if c.role == "origin"}
    cb = {c.key for c in b.credits if c.role == "origin"}
    link.shared_credits = sorted(c.name for c in a.credits if c.role == "origin" and c.key in cb)
    if a.title_only or b.title_only:
        return _title_only(a, b, link, va, vb)
    same_lang = a.lang == b.lang
    ok_a, ok_b = a.substantial, b.substantial
    n_short = max(1, min(int(ok_a.sum()), int(ok_b.sum())))
    aligned: list[AlignedPassage] = []
    if same_lang:
        ta, tb = a.trigrams, b.trigrams
        if ta and tb:
            link.containment = len(ta & tb) / min(len(ta), len(tb))
        sa, sb = a.token_sets, b.token_sets
        sims = va @ vb.T if va is not None and vb is not None else None
        used_b: set[int] = set()
        quick_no = link.containment < 0.05 and sims is None
        for i, x in enumerate(sa if not quick_no else []):
            if not ok_a[i] or not x:
                continue
            best, bj = 0.0, -1
            for j, y in enumerate(sb):
                if j in used_b or not ok_b[j] or not y:
                    continue
                jac = len(x & y) / len(x | y)
                if jac > best:
                    best, bj = jac, j
            if bj < 0:
                continue
            cos = float(sims[i, bj]) if sims is not None else 0.0
            if best >= SAME_JACCARD or (cos >= SAME_COS and best >= 0.3):
                used_b.add(bj)
                aligned.append(AlignedPassage(i, bj, ua[i], ub[bj], max(best, cos)))
    elif va is not None and vb is not None:
        sims = va @ vb.T
        for i, j, cos, margin in _margin_align(sims, ok_a, ok_b):
            if cos >= XL_COS and margin >= XL_MARGIN:
                anchors = _anchors(ua[i], ub[j], a.lang, b.lang)
                aligned.append(AlignedPassage(i, j, ua[i], ub[j], cos, anchors))
    aligned.sort(key=lambda p: p.a_index)
    link.passages = aligned
    link.coverage = len(aligned) / n_short
    link.order = _lis([p.b_index for p in aligned]) / len(aligned) if aligned else 0.0
    if same_lang and link.coverage >= COPY_COVERAGE and link.containment >= CONTAINMENT:
        link.relation = "republication"
        link.score = min(link.coverage, link.containment)
    elif (
        not same_lang
        and link.coverage >= XL_COVERAGE
        and link.order >= ORDER_MIN
        and len(aligned) >= XL_MIN_ALIGNED
    ):
        link.relation = "translation"
        link.score = link.coverage * link.order
    elif link.shared_glosses or (
        _own_passages(aligned, a, b) >= SHARED_MIN and link.coverage >= SHARED_COVERAGE
    ):
        link.relation = "shared-origin"
        link.score = max(link.coverage, 0.5 if link.shared_glosses else 0.0)
        link.passages = _gloss_passages(link.shared_glosses, ua, ub, va, vb) + link.passages
        parts = []
        if link.shared_glosses:
            parts.append("the same spelling gloss: " + "; ".join(link.shared_glosses[:3]))
        if aligned:
            parts.append(f"{len(aligned)} aligned sentence(s)")
        if shared_spell:
            parts.append("rare spellings in common: " + ", ".join(shared_spell[:4]))
        link.note = (
            "shares "
            + "; ".join(parts)
            + (
                f" — but only {len(aligned)} of {n_short} sentences align: not a full copy"
                if aligned
                else f" — but none of {n_short} sentences align: not a copy or translation"
            )
        )
    elif link.shared_credits and (ca & cb):
        link.relation = "shared-origin"
        link.score = 0.5
        link.origin = link.shared_credits[0]
        link.note = "both credit " + ", ".join(link.shared_credits)
    else:
        link.score = link.coverage
        if aligned:
            link.note = f"{len(aligned)} aligned sentence(s), too few for a copy"
    _direction(a, b, link)
    return link


_QUOTES = "\"“”«»„‘’'「」『』"


def _quote(text: str) -> bool:
    """Mostly a quotation: two outlets quoting one statement are not copies of each other."""
    t = text.strip()
    if t[:1] in _QUOTES:
        return True
    inside, depth = 0, False
    for ch in t:
        if ch in _QUOTES:
            depth = not depth
        elif depth:
            inside += 1
    return inside >= 0.5 * len(t)


def _gloss_passages(
    glosses: list[str], ua: list[str], ub: list[str], va: np.ndarray | None, vb: np.ndarray | None
) -> list[AlignedPassage]:
    """The sentences of each article that carry a shared gloss: the evidence to show."""
    out = []
    for g in glosses:
        inner = g[g.find("(") + 1 : g.rfind(")")]
        ia = next((i for i, u in enumerate(ua) if inner in " ".join(u.split()).casefold()), None)
        ib = next((j for j, u in enumerate(ub) if inner in " ".join(u.split()).casefold()), None)
        if ia is None or ib is None:
            continue
        score = float(va[ia] @ vb[ib]) if va is not None and vb is not None else 0.0
        out.append(AlignedPassage(ia, ib, ua[ia], ub[ib], score, anchors=[f"gloss: {inner}"]))
    return out


def _own_passages(aligned: list[AlignedPassage], a: ProvDoc, b: ProvDoc) -> int:
    """Aligned sentences that are neither titles nor quotations."""
    ta, tb = bool(a.title.strip()), bool(b.title.strip())
    return sum(
        1
        for p in aligned
        if not (ta and p.a_index == 0)
        and not (tb and p.b_index == 0)
        and not (_quote(p.a_text) or _quote(p.b_text))
    )


def _anchors(x: str, y: str, lx: str, ly: str) -> list[str]:
    nums = _numbers(x, lx) & _numbers(y, ly)
    return [f"{v:g}" for v in sorted(nums)]


def _title_only(
    a: ProvDoc, b: ProvDoc, link: PairLink, va: np.ndarray | None, vb: np.ndarray | None
) -> PairLink:
    """Articles with no body: only near-identical titles in one language count as copies."""
    link.note = "titles only"
    if not a.title.strip() or not b.title.strip():
        return link
    jac = lexical_sentence_sim(strip_outlet(a.title), strip_outlet(b.title))
    cos = float(va[0] @ vb[0]) if va is not None and vb is not None and len(va) and len(vb) else 0.0
    link.coverage = jac
    if (
        a.lang == b.lang
        and len(tokens(strip_outlet(a.title))) >= 4
        and (jac >= TITLE_JACCARD or (jac >= 0.6 and cos >= SAME_COS))
    ):
        link.relation = "republication"
        link.score = jac
        link.passages = [AlignedPassage(0, 0, a.title, b.title, max(jac, cos))]
    _direction(a, b, link)
    return link


def _direction(a: ProvDoc, b: ProvDoc, link: PairLink) -> None:
    if link.relation == "independent":
        return
    credit_only = link.relation == "shared-origin"  # a common origin: neither copied the other
    src_a, src_b = credit_key(a.source), credit_key(b.source)
    ca = {c.key for c in a.credits if c.role == "origin"}
    cb = {c.key for c in b.credits if c.role == "origin"}
    if src_b and src_b in ca and src_a != src_b:
        link.direction, link.direction_reason = "b->a", f"{a.id} credits {b.source}"
        return
    if src_a and src_a in cb and src_a != src_b:
        link.direction, link.direction_reason = "a->b", f"{b.id} credits {a.source}"
        return
    if credit_only:
        link.direction_reason = "common origin: no direction between the two"
        return
    if a.when is None or b.when is None:
        link.direction_reason = "undated"
        return
    estimated = a.date_how != "published" or b.date_how != "published"
    gap = (b.when - a.when).total_seconds() / 3600.0
    need = 24.0 if estimated else 0.5
    if abs(gap) < need:
        link.direction_reason = "same day" if estimated else "published within 30 minutes"
        return
    link.direction = "a->b" if gap > 0 else "b->a"
    link.direction_reason = "earlier " + ("estimated date" if estimated else "publication")


# ------------------------------------------------------------------ the story
@dataclass
class StoryProvenance:
    """Every pair's link, the independent sources, and the provenance graph."""

    links: list[PairLink]
    groups: list[list[str]]  # articles that are one source, largest first
    origins: dict[int, str | None]  # group index -> credited origin, if any
    total_articles: int

    @property
    def independent_sources(self) -> int:
        return len(self.groups)

    def copies(self) -> list[PairLink]:
        return [lk for lk in self.links if lk.relation in COPY_RELATIONS]

    def as_dict(self, all_pairs: bool = False) -> dict:
        links = self.links if all_pairs else self.copies()
        return {
            "total_articles": self.total_articles,
            "independent_sources": self.independent_sources,
            "groups": [
                {"articles": g, "origin": self.origins.get(i)} for i, g in enumerate(self.groups)
            ],
            "links": [lk.as_dict() for lk in links],
            "graph": self.graph(),
        }

    def graph(self) -> dict:
        """Nodes (articles, credited origins) and edges (copy relations, credits) as JSON."""
        nodes = [{"id": a, "kind": "article"} for g in self.groups for a in g]
        edges = []
        for lk in self.copies():
            src, dst = (lk.b, lk.a) if lk.direction == "b->a" else (lk.a, lk.b)
            edges.append(
                {
                    "from": src,
                    "to": dst,
                    "relation": lk.relation,
                    "directed": lk.direction is not None,
                    "score": round(lk.score, 3),
                }
            )
        names = {o for o in self.origins.values() if o}
        for name in sorted(names):
            nodes.append({"id": f"origin:{name}", "kind": "credited-origin"})
        for i, g in enumerate(self.groups):
            if self.origins.get(i):
                for a in g:
                    edges.append(
                        {
                            "from": f"origin:{self.origins[i]}",
                            "to": a,
                            "relation": "credited",
                            "directed": True,
                            "score": 1.0,
                        }
                    )
        return {"nodes": nodes, "edges": edges}

    def dot(self) -> str:
        """The graph in Graphviz DOT."""
        g = self.graph()
        lines = ["digraph provenance {", "  rankdir=LR;", "  node [shape=box, fontsize=10];"]
        for n in g["nodes"]:
            shape = "ellipse" if n["kind"] != "article" else "box"
            lines.append(f'  "{_esc(n["id"])}" [shape={shape}];')
        for e in g["edges"]:
            style = "solid" if e["relation"] != "shared-origin" else "dashed"
            arrow = "normal" if e["directed"] else "none"
            lines.append(
                f'  "{_esc(e["from"])}" -> "{_esc(e["to"])}" '
                f'[label="{e["relation"]}", style={style}, arrowhead={arrow}];'
            )
        lines.append("}")
        return "\n".join(lines)


def _esc(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"')


def _rare_spellings(docs: Sequence[ProvDoc]) -> set[str]:
    """Spellings of a name that only a minority of the articles using the name use.

    ``Bustan al-Kaser`` next to ``Bustan al-Qasr``/``Boustan al-Qasr``/``بستان
    القصر``: two articles sharing it (in any language) likely share a text.
    """
    users: dict[str, set[str]] = defaultdict(set)
    spell_users: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        for k, surfaces in d.spellings.items():
            users[k].add(d.id)
            for s in surfaces:
                spell_users[s].add(d.id)
    rare = set()
    for d in docs:
        for k, surfaces in d.spellings.items():
            n_key = len(users[k])
            if n_key < 3:
                continue
            variants = {s for dd in docs for s in dd.spellings.get(k, ())}
            if len(variants) < 2:
                continue
            for s in surfaces:
                if 2 <= len(spell_users[s]) <= n_key // 2 + (n_key % 2 == 1) and len(s) >= 6:
                    rare.add(s)
    return rare


def needs_vectors(docs: Sequence[ProvDoc]) -> list[bool]:
    """Which articles take part in a cross-language pair (only those need the encoder)."""
    langs = Counter(d.lang for d in docs if not d.title_only)
    return [
        not d.title_only and len(langs) > 1 and langs[d.lang] < sum(langs.values()) for d in docs
    ]


def story_provenance(
    docs: Sequence[ProvDoc], vectors: Callable[[Sequence[str]], np.ndarray] | None
) -> StoryProvenance:
    """Compare every pair of ``docs`` and group them into independent sources.

    ``vectors`` embeds sentences (a :class:`~newsweave.enrich.sentvec.SentenceVectors`);
    only articles that have a counterpart in another language are embedded
    (same-language pairs are compared by their words), in one call.
    """
    need = needs_vectors(docs) if vectors is not None else [False] * len(docs)
    flat = [u for d, n in zip(docs, need, strict=True) if n for u in d.units]
    vecs = vectors(flat) if flat and vectors is not None else None
    per_doc: list[np.ndarray | None] = []
    pos = 0
    for d, n in zip(docs, need, strict=True):
        if n and vecs is not None:
            per_doc.append(vecs[pos : pos + len(d.units)])
            pos += len(d.units)
        else:
            per_doc.append(None)
    rare = _rare_spellings(docs)
    links = []
    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            links.append(compare_pair(docs[i], docs[j], per_doc[i], per_doc[j], rare))
    # union-find over copy relations and same credited origin
    parent = {d.id: d.id for d in docs}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for lk in links:
        if lk.relation in COPY_RELATIONS:
            parent[find(lk.a)] = find(lk.b)
    comps: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        comps[find(d.id)].append(d.id)
    groups = sorted(comps.values(), key=lambda g: (-len(g), g[0]))
    by_id = {d.id: d for d in docs}
    origins: dict[int, str | None] = {}
    for gi, g in enumerate(groups):
        counts: Counter[str] = Counter()
        names: dict[str, str] = {}
        for aid in g:
            for c in by_id[aid].credits:
                if c.role == "origin":
                    counts[c.key] += 1
                    names.setdefault(c.key, c.name)
        common = [k for k, n in counts.most_common() if n >= 2 or len(g) == 1]
        origins[gi] = names[common[0]] if common and len(g) > 1 else None
    # name the shared origin on links inside a group that has one
    group_of = {aid: gi for gi, g in enumerate(groups) for aid in g}
    for lk in links:
        if lk.relation in COPY_RELATIONS and lk.origin is None:
            lk.origin = origins.get(group_of[lk.a])
    return StoryProvenance(links, groups, origins, len(docs))
