"""Who an article credits as its origin, and a display name for its source.

Copied and translated news usually says where it came from, in a few fixed
places: a header or footer line (``Source: FarsNews``, ``Nguồn: TTXVN``,
``来源：新华社``), a dateline tag (``WASHINGTON (Reuters) -``,
``(AhlulBayt News Agency) -``), a closing credit (``Theo Hoàng Nguyễn /
Farsnews``, ``— AFP``, ``(Reuters)``).  :func:`find_credits` reads those
positions only — not every "according to X" in the body, which cites a source
rather than copies it.

Scraped pages sometimes glue the site's name onto the last line
(``FarsnewsAn ninh thủ đô``); a credit word with a lower-to-upper case break
inside is split, and the tail is kept as a *possible publisher*.

>>> [(c.name, c.role) for c in find_credits("Text.\\nTheo Hoàng Nguyễn / FarsnewsAn ninh thủ đô")]
[('Farsnews', 'origin'), ('An ninh thủ đô', 'publisher?')]
>>> [(c.name, c.role) for c in find_credits("WASHINGTON (Reuters) - The US said ...")]
[('Reuters', 'origin')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Credit", "find_credits", "credit_key", "source_label"]


@dataclass(frozen=True, slots=True)
class Credit:
    """A credited name: ``role`` is ``origin`` (the text came from it) or ``publisher?``."""

    name: str
    role: str
    evidence: str

    @property
    def key(self) -> str:
        return credit_key(self.name)

    def as_dict(self) -> dict:
        return {"name": self.name, "role": self.role, "evidence": self.evidence}


_AGENCIES = (
    "Reuters|AFP|AP|Associated Press|Agence France-Presse|Xinhua|Bernama|Antara|Kyodo|Yonhap|"
    "TASS|ТАСС|RIA Novosti|РИА Новости|Interfax|Интерфакс|dpa|DPA|EFE|ANSA|Anadolu|IRNA|"
    "FarsNews|Fars News|Fars|Tasnim|SANA|TTXVN|VNA|Bloomberg|CNA|ABNA|Sputnik|AA|Lusa|"
    "Europa Press|ANP|PTI|IANS|UPI|NHK|新华社|路透社|法新社|美联社|美聯社|中新社|共同社|"
    "وكالة الأنباء السورية|سانا|رويترز|فرانس برس|أ ف ب|الأناضول"
)
_AGENCY_RE = re.compile(r"^(?:" + _AGENCIES + r")$", re.IGNORECASE)
_LABEL = r"Source|Sources|Nguồn|Fuente|Fonte|Quelle|Источник|المصدر|来源|來源|Sumber|Crédit|Credit"
_LABEL_LINE = re.compile(r"^\s*(?:" + _LABEL + r")\s*[:：]\s*(.{2,80}?)\s*$", re.IGNORECASE | re.M)
_DATELINE = re.compile(
    r"^\s*(?:[A-ZÀ-Ý][\w .,'-]{0,40}\s)?[(（]([^()（）\n]{2,60})[)）]\s*[-–—:]{1,2}\s", re.M
)
_THEO = re.compile(r"(?:^|(?<=[.!?\"”]\s))Theo\s+([^\n.]{2,80})\s*$", re.M)
_TRAILING = re.compile(r"(?:^|\n)\s*[-–—(]*\s*([^\n]{2,40}?)\s*[)]?\s*$")
_GLUE = re.compile(r"^(.*?[a-zà-ỹ])([A-ZÀ-Ỹ].*)$")


def credit_key(name: str) -> str:
    """Comparison key: ``FarsNews`` = ``Fars News Agency`` = ``farsnews``."""
    k = re.sub(r"[\W_]+", "", name.casefold())
    for suffix in ("newsagency", "agency", "news"):
        if k.endswith(suffix) and len(k) > len(suffix) + 2:
            k = k[: -len(suffix)]
    return {
        "associatedpress": "ap",
        "agencefrancepresse": "afp",
        "xinhuanet": "xinhua",
        "新华社": "xinhua",
        "路透社": "reuters",
        "法新社": "afp",
        "美联社": "ap",
        "美聯社": "ap",
        "رويترز": "reuters",
        "سانا": "sana",
        "vna": "ttxvn",
        "ahlulbayt": "abna",
        "ria": "rianovosti",
    }.get(k, k)


def _unglue(name: str, evidence: str) -> list[Credit]:
    name = name.strip(" .,;:-–—()")
    m = _GLUE.match(name)
    if m and " " not in m.group(1).strip() and " " in m.group(2).strip():
        head, tail = m.group(1).strip(), m.group(2).strip()
        return [Credit(head, "origin", evidence), Credit(tail, "publisher?", evidence)]
    return [Credit(name, "origin", evidence)]


def find_credits(text: str, head_chars: int = 400, tail_chars: int = 300) -> list[Credit]:
    """Credited origins in the header and footer of ``text`` (see the module docstring)."""
    out: list[Credit] = []
    head, tail = text[:head_chars], text[-tail_chars:]
    for m in _LABEL_LINE.finditer(head + "\n" + tail):
        name = re.sub(r"[\[\]()#]+", "", m.group(1)).strip()
        if name:
            out += _unglue(name, m.group(0).strip())
    for m in _DATELINE.finditer(head):
        inner = m.group(1).strip()
        parts = [p.strip() for p in re.split(r"[/,]", inner) if p.strip()]
        if any(_AGENCY_RE.match(p) for p in parts) or re.search(
            r"news|agency|agence|agencia|press|times|post|新闻|通讯社|وكالة", inner, re.IGNORECASE
        ):
            out.append(Credit(inner, "origin", m.group(0).strip()))
    for m in _THEO.finditer(tail):
        body = m.group(1)
        name = body.split("/")[-1] if "/" in body else body
        out += _unglue(name, m.group(0).strip())
    last = tail.strip().splitlines()[-1] if tail.strip() else ""
    tm = re.fullmatch(r"[-–—(\s]*([^()\n]{2,30}?)[)\s]*", last)
    if tm and _AGENCY_RE.match(tm.group(1).strip()):
        out.append(Credit(tm.group(1).strip(), "origin", last.strip()))
    tm = re.search(r"[(（]([^()（）]{2,30})[)）]\s*$", last)
    if tm and _AGENCY_RE.match(tm.group(1).strip()):
        out.append(Credit(tm.group(1).strip(), "origin", tm.group(0)))
    seen: set[tuple[str, str]] = set()
    unique = []
    for c in out:
        if (c.key, c.role) not in seen and c.key:
            seen.add((c.key, c.role))
            unique.append(c)
    return unique


def source_label(source: str | None, credits: list[Credit], article_id: str) -> str:
    """What to call an article's source: its ``source`` field, else its credited origin.

    A possible publisher glued to a credit line is shown with the credit
    (``An ninh thủ đô (credits Farsnews)``).  An article with neither is shown by
    its id in brackets, so that it is never silently merged with another
    unknown source.
    """
    if source:
        return source
    origins = [c.name for c in credits if c.role == "origin"]
    publishers = [c.name for c in credits if c.role == "publisher?"]
    if origins and publishers:
        return f"{publishers[0]} (credits {origins[0]})"
    if origins:
        return origins[0]
    return f"[{article_id}]"
