"""Dates written in article text, and an article's date estimated from them.

Many articles arrive without a ``published`` date (the seeds have none), but
their text often says when: ``mercredi 7 décembre 2016``, ``ngày 12-12``,
``2016年12月7日``, ``اليوم الاثنين`` ("today, Monday"), ``on Wednesday``.
:func:`find_dates` finds such mentions in en/fr/es/pt/de/ru/ar/vi/zh/ms/id;
:func:`resolve_article_dates` turns them into one estimated date per article,
using the other articles of the same story to fill in what a mention leaves
out:

1. an article's own ``published`` date always wins;
2. else its latest *full* date (day, month, year) — news reports the latest
   development, older full dates are background;
3. else its latest *day-month* date, with the year of the story's anchors
   (published dates and full dates of the other articles);
4. else a *weekday* ("on Thursday", "الاثنين"): the day with that weekday
   inside the story's anchor window (nearest the window's middle), or the
   nearest one outside it by at most a week.

Every estimate keeps the phrase it came from and its kind, so the timeline can
say "7 Dec 2016 (from the text: 'mercredi 7 décembre 2016')" rather than
pretend the date was given.  A weekday alone, with no anchor in the story,
gives no date.

>>> [(m.kind, m.day, m.month, m.year) for m in find_dates("ce mercredi 7 décembre 2016", "fr")]
[('full', 7, 12, 2016)]
>>> [(m.kind, m.weekday) for m in find_dates("قال اليوم الاثنين", "ar")]
[('weekday', 0)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from newsweave.enrich.numbers import normalize_digits

__all__ = ["DateMention", "DateEstimate", "find_dates", "resolve_article_dates"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date written in text.  ``kind``: ``full``, ``day-month`` or ``weekday``.

    ``weekday`` is 0 (Monday) .. 6 (Sunday) when the text names one;
    ``today`` is set when the text ties it to the time of writing
    ("today, Monday", "ce mercredi").
    """

    kind: str
    start: int
    end: int
    text: str
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None
    today: bool = False


@dataclass(frozen=True, slots=True)
class DateEstimate:
    """An article's date: ``how`` is ``published``, ``text:full``, ``text:day-month``,
    ``text:weekday`` or ``unknown``; ``evidence`` the phrase it came from."""

    when: datetime | None
    how: str
    evidence: str = ""

    def as_dict(self) -> dict:
        return {
            "date": self.when.date().isoformat() if self.when else None,
            "how": self.how,
            "evidence": self.evidence,
        }


# ------------------------------------------------------------------ lexicon
_MONTHS: dict[str, int] = {}


def _months(*names: str) -> None:
    for i, group in enumerate(names, start=1):
        for n in group.split("|"):
            _MONTHS[n] = i


_months(
    "january|jan|janvier|janv|enero|ene|janeiro|januar|jän|января|январь|"
    "يناير|كانون الثاني|januari",
    "february|feb|février|fevrier|févr|febrero|fevereiro|fev|februar|"
    "февраля|февраль|فبراير|شباط|februari",
    "march|mar|mars|marzo|março|marco|märz|marz|марта|март|مارس|آذار|mac|maret",
    "april|apr|avril|avr|abril|abr|апреля|апрель|أبريل|ابريل|نيسان",
    "may|mai|mayo|maio|мая|май|مايو|أيار|mei",
    "june|jun|juin|junio|junho|juni|июня|июнь|يونيو|يونيه|حزيران",
    "july|jul|juillet|juil|julio|julho|juli|июля|июль|يوليو|يوليه|تموز|julai",
    "august|aug|août|aout|agosto|ago|августа|август|أغسطس|اغسطس|آب|ogos|agustus",
    "september|sep|sept|septembre|septiembre|setembro|set|сентября|сентябрь|سبتمبر|أيلول",
    "october|oct|octobre|octubre|outubro|oktober|okt|октября|октябрь|أكتوبر|اكتوبر|تشرين الأول",
    "november|nov|novembre|noviembre|novembro|ноября|ноябрь|نوفمبر|تشرين الثاني",
    "december|dec|décembre|decembre|déc|diciembre|dic|dezembro|dez|"
    "dezember|декабря|декабрь|ديسمبر|كانون الأول|disember|desember",
)

_WEEKDAYS: dict[str, int] = {}


def _weekdays(*names: str) -> None:
    for i, group in enumerate(names):
        for n in group.split("|"):
            _WEEKDAYS[n] = i


_weekdays(
    "monday|lundi|lunes|segunda-feira|montag|понедельник|الاثنين|الإثنين|"
    "thứ hai|星期一|周一|週一|isnin|senin",
    "tuesday|mardi|martes|terça-feira|terca-feira|dienstag|вторник|"
    "الثلاثاء|thứ ba|星期二|周二|週二|selasa",
    "wednesday|mercredi|miércoles|miercoles|quarta-feira|mittwoch|среду|"
    "среда|الأربعاء|الاربعاء|thứ tư|星期三|周三|週三|rabu",
    "thursday|jeudi|jueves|quinta-feira|donnerstag|четверг|الخميس|thứ năm|"
    "星期四|周四|週四|khamis|kamis",
    "friday|vendredi|viernes|sexta-feira|freitag|пятницу|пятница|الجمعة|"
    "thứ sáu|星期五|周五|週五|jumaat|jumat",
    "saturday|samedi|sábado|sabado|samstag|субботу|суббота|السبت|thứ bảy|星期六|周六|週六|sabtu",
    "sunday|dimanche|domingo|sonntag|воскресенье|الأحد|الاحد|chủ nhật|星期日|"
    "星期天|周日|週日|ahad|minggu",
)

_TODAY = (
    "today",
    "aujourd'hui",
    "ce ",
    "cette",
    "hoy",
    "este",
    "esta",
    "hoje",
    "nesta",
    "neste",
    "heute",
    "diesen",
    "сегодня",
    "в эту",
    "اليوم",
    "hôm nay",
    "今天",
    "hari ini",
)

_MONTH_RE = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
_WEEKDAY_RE = "|".join(sorted(map(re.escape, _WEEKDAYS), key=len, reverse=True))
_B = r"(?<![^\W\d_])"  # no letter before
_E = r"(?![^\W\d_])"  # no letter after

_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("ymd", re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")),
    ("zh_ymd", re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]")),
    ("zh_md", re.compile(r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]")),
    ("dmy_num", re.compile(r"(?<![\d/.-])(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?![\d/])")),
    (
        "d_month_y",
        re.compile(
            _B
            + r"(\d{1,2})(?:er|º|ª)?\.?\s+(?:de\s+)?("
            + _MONTH_RE
            + r")\.?"
            + _E
            + r"(?:,?\s+(?:de\s+|del\s+)?(\d{4}))?",
            re.IGNORECASE,
        ),
    ),
    (
        "month_d_y",
        re.compile(
            _B
            + r"("
            + _MONTH_RE
            + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?"
            + r"(?!\d)(?:,?\s+(\d{4}))?",
            re.IGNORECASE,
        ),
    ),
    (
        "vi_dm",
        re.compile(
            r"(?:ngày|sáng|chiều|tối|đêm|trưa|hôm)\s+(?:ngày\s+)?(\d{1,2})[-/.](\d{1,2})"
            r"(?:[-/.](\d{4}))?(?![\d/])",
            re.IGNORECASE,
        ),
    ),
    (
        "vi_thang",
        re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?", re.IGNORECASE),
    ),
]
_WEEKDAY_PAT = re.compile(_B + r"(" + _WEEKDAY_RE + r")" + _E, re.IGNORECASE)


def _valid(day: int, month: int, year: int | None) -> bool:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    if year is not None and not (1900 <= year <= 2100):
        return False
    try:
        date(year or 2000, month, day)
    except ValueError:
        return False
    return True


def find_dates(text: str, lang: str | None = None) -> list[DateMention]:
    """Dates and weekdays written in ``text`` (see the module docstring), in text order."""
    norm = normalize_digits(text)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(kind, m, day, month, year, weekday=None, today=False) -> None:
        s, e = m.start(), m.end()
        if any(s < te and ts < e for ts, te in taken):
            return
        taken.append((s, e))
        found.append(DateMention(kind, s, e, text[s:e], day, month, year, weekday, today))

    for name, pat in _PATTERNS:
        for m in pat.finditer(norm):
            g = m.groups()
            if name in ("ymd", "zh_ymd"):
                y, mo, d = int(g[0]), int(g[1]), int(g[2])
            elif name == "zh_md":
                y, mo, d = None, int(g[0]), int(g[1])
            elif name == "dmy_num":
                d, mo, y = int(g[0]), int(g[1]), int(g[2])
                if mo > 12 and d <= 12:  # 12/25/2016, US order
                    d, mo = mo, d
            elif name == "d_month_y":
                d, mo, y = int(g[0]), _MONTHS[g[1].casefold()], int(g[2]) if g[2] else None
                if g[1].casefold() in ("mar", "may", "set", "dez", "mai") and y is None:
                    continue  # ordinary words ("5 may", "3 set") unless a year follows
            elif name == "month_d_y":
                mo, d, y = _MONTHS[g[0].casefold()], int(g[1]), int(g[2]) if g[2] else None
                if g[0].casefold() in ("mar", "may", "set", "dez", "mai", "jan") and y is None:
                    continue
                if lang not in (None, "en", "zh", "ja") and y is None:
                    continue
            else:  # vi
                d, mo, y = int(g[0]), int(g[1]), int(g[2]) if g[2] else None
            if not _valid(d, mo, y):
                continue
            add("full" if y else "day-month", m, d, mo, y)
    for m in _WEEKDAY_PAT.finditer(norm):
        word = m.group(1).casefold()
        if word in ("ahad", "minggu", "set") and lang not in ("ms", "id"):
            continue
        before = norm[max(0, m.start() - 14) : m.start()].casefold()
        after = norm[m.end() : m.end() + 10].casefold()
        today = any(before.endswith(t) or before.rstrip(" ،,").endswith(t.strip()) for t in _TODAY)
        today = today or after.lstrip(" ،,").startswith(("اليوم", "today"))
        # "mercredi 7 décembre 2016": the weekday belongs to the date after it
        near = [f for f in found if 0 <= f.start - m.end() <= 3]
        if near:
            f = near[0]
            found[found.index(f)] = DateMention(
                f.kind,
                m.start(),
                f.end,
                text[m.start() : f.end],
                f.day,
                f.month,
                f.year,
                _WEEKDAYS[word],
                today or f.today,
            )
            continue
        add("weekday", m, None, None, None, _WEEKDAYS[word], today)
    found.sort(key=lambda f: f.start)
    return found


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _at_noon(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, 12, tzinfo=UTC)


def resolve_article_dates(
    items: Sequence[tuple[str, datetime | None, Iterable[DateMention]]],
) -> dict[str, DateEstimate]:
    """One :class:`DateEstimate` per article id from ``(id, published, mentions)`` triples.

    See the module docstring for the order of evidence.  Estimated dates are at
    12:00 UTC of the day (the hour is not known).
    """
    mentions = {aid: list(ms) for aid, _, ms in items}
    anchors: list[date] = [_aware(p).date() for _, p, _ in items if p is not None]
    for ms in mentions.values():
        anchors += [date(m.year, m.month, m.day) for m in ms if m.kind == "full"]
    # sanity: a story spans weeks, not decades; keep anchors near their median
    if anchors:
        anchors.sort()
        mid = anchors[len(anchors) // 2]
        anchors = [a for a in anchors if abs((a - mid).days) <= 60]
    out: dict[str, DateEstimate] = {}
    partial: dict[str, tuple[date, str]] = {}
    for aid, published, _ in items:
        if published is not None:
            out[aid] = DateEstimate(_aware(published), "published")
            continue
        full = [m for m in mentions[aid] if m.kind == "full"]
        full = [
            m for m in full if not anchors or abs((date(m.year, m.month, m.day) - mid).days) <= 60
        ]
        if full:
            best = max(full, key=lambda m: (m.today, date(m.year, m.month, m.day)))
            out[aid] = DateEstimate(
                _at_noon(date(best.year, best.month, best.day)), "text:full", best.text
            )
            continue
        dm = [m for m in mentions[aid] if m.kind == "day-month"]
        if dm and anchors:
            cands = []
            for m in dm:
                options = []
                for y in {a.year for a in anchors} | {a.year + 1 for a in anchors}:
                    if _valid(m.day, m.month, y):
                        d = date(y, m.month, m.day)
                        options.append((min(abs((d - a).days) for a in anchors), d))
                if options:
                    cands.append((min(options)[1], m.text))
            if cands:
                d, ev = max(cands)
                partial[aid] = (d, ev)
                out[aid] = DateEstimate(_at_noon(d), "text:day-month", ev)
    window = sorted(anchors + [d for d, _ in partial.values()])
    for aid, _published, _ in items:
        if aid in out:
            continue
        wd = [m for m in mentions[aid] if m.kind == "weekday"]
        if not wd or not window:
            out[aid] = DateEstimate(None, "unknown")
            continue
        lo, hi = window[0], window[-1]
        middle = lo + (hi - lo) / 2
        best: tuple[int, date, DateMention] | None = None
        for m in wd:
            cands = [lo - timedelta(days=7) + timedelta(days=k) for k in range((hi - lo).days + 15)]
            cands = [c for c in cands if c.weekday() == m.weekday]
            inside = [c for c in cands if lo <= c <= hi]
            if inside:
                c = min(inside, key=lambda c: abs((c - middle).days))
                rank = 0
            else:
                c = min(cands, key=lambda c: min(abs((c - lo).days), abs((c - hi).days)))
                rank = 1
            key = (rank, -int(m.today), -c.toordinal())
            if best is None or key < (best[0], -int(best[2].today), -best[1].toordinal()):
                best = (rank, c, m)
        assert best is not None
        out[aid] = DateEstimate(_at_noon(best[1]), "text:weekday", best[2].text)
    return out
