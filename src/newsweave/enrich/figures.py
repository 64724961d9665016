"""Figures an article reports — value, unit, subject — and series across a story.

A *figure* is a number with what it measures: ``over 85% of Eastern Aleppo``,
``أكثر من 8 آلاف مدنى`` (more than 8,000 civilians), ``an area 6 sq/km in
size``, ``S$500``, ``三千五百人``, ``mercredi 7 décembre 2016``.
:func:`extract_figures` finds them sentence by sentence (numbers in any
notation from :mod:`newsweave.enrich.numbers`, dates from
:mod:`newsweave.enrich.dates`), with:

* ``kind`` and ``unit``: ``percent`` (%), ``people`` (person), ``area`` (km²,
  hectares and square miles converted), ``distance`` (km), ``money`` (ISO
  currency code when known), ``duration`` (hour/day/week/month/year), ``age``
  (years), ``count`` (with the counted noun as its unit) and ``date``;
* ``qualifier``: ``about``, ``over``, ``under``, ``at least``, ``up to`` from
  the words before the number ("plus de", "نحو", "khoảng", "逾" ...);
* ``subject``: what is measured — the counted noun for counts and people, the
  "of ..." phrase for a percentage (``de l'est de la ville``, ``of Eastern
  Aleppo``, ``من المنطقة``), otherwise the words just before the number.

Plain years, clock times, phone-like numbers and model names (``COVID-19``,
``F-16``) are not figures.

:func:`figure_series` groups the figures of a story that measure the same
thing, across languages: the same kind and unit, and context clauses close in
the multilingual encoder's space (plus shared names as anchors), so that
``80 %`` (fr), ``85%`` (en) and ``نحو 90 %`` (ar) of eastern Aleppo form one
series ordered by date.

>>> [(f.value, f.unit, f.qualifier, f.subject) for f in extract_figures(
...     "L'armée est parvenue à libérer plus de 80 % de l'est de la ville.", "fr")]
[(80.0, '%', 'over', "l'est de la ville")]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

import numpy as np

from newsweave.enrich.dates import find_dates
from newsweave.enrich.numbers import NumberMatch, find_numbers, normalize_digits
from newsweave.enrich.sentences import Sentence, split_sentences

__all__ = ["Figure", "FigurePoint", "FigureSeries", "extract_figures", "figure_series"]


@dataclass
class Figure:
    """One figure in one article.  ``start``/``end`` index the article's clean text."""

    value: float | str  # a number, or an ISO date for kind "date"
    unit: str
    kind: str
    subject: str
    text: str
    sentence: str
    qualifier: str | None = None
    start: int = 0
    end: int = 0
    lang: str | None = None
    article_id: str = ""
    sentence_index: int = 0
    sentence_start: int = 0  # offset of ``sentence`` in the article text

    def as_dict(self) -> dict:
        return {
            "value": self.value,
            "unit": self.unit,
            "kind": self.kind,
            "qualifier": self.qualifier,
            "subject": self.subject,
            "text": self.text,
            "sentence": self.sentence,
            "lang": self.lang,
            "article_id": self.article_id,
        }


# ====================================================================== lexicon
def _set(s: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in s.split("|"))


_PERCENT_AFTER = re.compile(
    r"^\s?(%|٪|percent\b|per cent\b|pct\b|pour cent\b|por ciento\b|por cento\b|prozent\b"
    r"|процент\w*|في المئة|في المائة|بالمئة|بالمائة|في المية|phần trăm\b|persen\b|peratus\b)",
    re.IGNORECASE,
)
_PERCENT_BEFORE = re.compile(r"百分之$")

_AREA = [
    (
        r"km²|km2|km\^2|sq\.?\s?/?\s?km|square kilomet(?:re|er)s?|kilomètres? carrés?|km carrés?"
        r"|kil[oó]metros? cuadrados?|quil[oô]metros? quadrados?|quadratkilometer|кв\.?\s?км|км²"
        r"|كيلومترا? مربعا?|كيلو متر مربع|كم مربع|km vuông|平方公里|平方千米|kilometer persegi",
        1.0,
    ),
    (r"square miles?|sq\.? mi(?:les?)?", 2.58999),
    (r"hectares?|héctareas?|hektar|гектар\w*|هكتار|héc-ta|hecta|ha\b|公顷", 0.01),
    (
        r"m²|square met(?:re|er)s?|mètres? carrés?|metros? cuadrados?|متر مربع|mét vuông|平方米",
        1e-6,
    ),
    (r"acres?", 0.00404686),
]
_AREA_RE = [(re.compile(r"^\s?(?:" + p + r")", re.IGNORECASE), f) for p, f in _AREA]
_DISTANCE_RE = re.compile(
    r"^\s?(km\b|kilomet(?:re|er)s?\b|kilomètres?\b|kil[oó]metros?\b|quil[oô]metros?\b|км\b"
    r"|километр\w*|كيلومترا?|كلم|كم\b|cây số\b|公里|千米|miles?\b"
    r"|met(?:re|er)s?\b|mètres?\b|metros?\b|метр\w*|مترا?\b|mét\b)",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = [
    (r"AU?S?\$|AUD\s?", "AUD"),
    (r"US\$|USD\s?", "USD"),
    (r"S\$|SGD\s?", "SGD"),
    (r"HK\$|HKD\s?", "HKD"),
    (r"C\$|CAD\s?", "CAD"),
    (r"NT\$", "TWD"),
    (r"R\$", "BRL"),
    (r"\$", "$"),
    (r"€|EUR\s?", "EUR"),
    (r"£|GBP\s?", "GBP"),
    (r"¥|JPY\s?", "JPY"),
    (r"RM\s?", "MYR"),
    (r"Rp\.?\s?", "IDR"),
    (r"₫", "VND"),
    (r"₹|Rs\.?\s?", "INR"),
    (r"₽", "RUB"),
    (r"CNY\s?|RMB\s?", "CNY"),
    (r"CHF\s?", "CHF"),
]
_CURRENCY_BEFORE_RE = [(re.compile("(?:" + p + r")$"), c) for p, c in _CURRENCY_BEFORE]
_CURRENCY_AFTER = [
    (r"US dollars?|dollars? américains?|dólares estadounidenses|美元|دولار أمريكي|đô la Mỹ", "USD"),
    (r"Singapore dollars?|新币|新元", "SGD"),
    (r"dollars?|dólares?|dólar|dollari|Dollar|доллар\w*|دولار|دولارا|USD|đô la|đô-la", "USD"),
    (r"euros?|Euro|евро|يورو|欧元|ơ-rô", "EUR"),
    (r"pounds? sterling|pounds?|livres? sterling", "GBP"),
    (r"yuan|元人民币|人民币|юаней|юаня", "CNY"),
    (r"ringgit|令吉", "MYR"),
    (r"rupiah", "IDR"),
    (r"yen|日元|日圆", "JPY"),
    (r"рубл\w*|rubles?|roubles?", "RUB"),
    (r"đồng|VND|VNĐ", "VND"),
    (r"ريال|riyals?", "SAR"),
    (r"ليرة|lira", "LIRA"),
    (r"cents?|centavos?|céntimos?|sen\b|копеек|копейки", "cent"),
    (r"SGD|S\$", "SGD"),
    (r"EUR|€", "EUR"),
    (r"元", "元"),
]
_CURRENCY_AFTER_RE = [
    (re.compile(r"^\s?(?:de\s+|d['’]|dos\s+|of\s+)?(?:" + p + r")", re.IGNORECASE), c)
    for p, c in _CURRENCY_AFTER
]

_DURATION = [
    ("second", r"seconds?|secs?\b|secondes?|segundos?|sekunden?|секунд\w*|ثانية|ثوان|giây|秒|saat"),
    ("minute", r"minutes?|mins?\b|minutos?|minuten?|минут\w*|دقيقة|دقائق|phút|分钟|minit"),
    ("hour", r"hours?|hrs?\b|heures?|horas?|stunden?|час\w*|ساعة|ساعات|giờ|tiếng|小时|jam"),
    ("day", r"days?|jours?|días?|dias?|tage?n?|дн\w*|день|يوما?|أيام|ngày|天|日|hari"),
    ("week", r"weeks?|semaines?|semanas?|wochen?|недел\w*|أسابيع|أسبوعا?|tuần|周|星期|minggu"),
    ("month", r"months?|mois|meses|mes|monate?n?|месяц\w*|أشهر|شهرا?|شهور|tháng|个月|bulan"),
    ("year", r"years?|ans|années|años|anos|jahren?|лет|года?|سنوات|سنة|عاما|أعوام|năm|年|tahun"),
]
_DURATION_RE = [
    (u, re.compile(r"^\s?(?:" + p + r")(?![A-Za-zÀ-ÿĀ-ỹ\u0400-\u04ff\u0600-\u06ff])", re.I))
    for u, p in _DURATION
]
_AGE_RE = re.compile(
    r"^-?\s?(?:year-old|years? old|-year-old|jährige\w*|tuổi|岁|歲|летн\w*|лет\w* от роду)",
    re.IGNORECASE,
)
#: "de 14 anos", "a los 24 años", "âgé de 30 ans", "Tem 12 anos": an age, not a duration
_AGE_YEARS = re.compile(
    r"^\s?(?:ans|años|anos|anni|عاما|عامًا|tahun|лет|года?|years?)\b", re.IGNORECASE
)
_AGE_BEFORE = re.compile(
    r"(?:\bde|\ba los|\baos|\bcon|\btem|\btiene|\bâgée?s? de|\bà|\bcom|\bdi|\bberusia|\bв"
    r"|\bumur|,"
    r"|\bالبالغ|\bعمره|\bيبلغ)\s*$",
    re.IGNORECASE,
)

_PEOPLE = _set(
    "people|persons|person|civilians|civilian|residents|inhabitants|citizens|soldiers|troops|"
    "militants|terrorists|fighters|rebels|insurgents|gunmen|children|kids|women|men|migrants|"
    "refugees|dead|killed|injured|wounded|victims|passengers|workers|employees|staff|students|"
    "patients|athletes|protesters|demonstrators|prisoners|hostages|families|individuals|deaths|"
    "casualties|voters|members|officers|police|policemen|doctors|nurses|tourists|visitors|"
    "customers|users|residents|teenagers|girls|boys|adults|babies|infants|detainees|suspects|"
    "personnes|civils|morts|blessés|habitants|soldats|terroristes|combattants|enfants|femmes|"
    "hommes|réfugiés|migrants|victimes|individus|manifestants|otages|élèves|étudiants|"
    "personas|civiles|muertos|heridos|soldados|niños|mujeres|hombres|migrantes|habitantes|"
    "víctimas|refugiados|fallecidos|detenidos|pessoas|civis|mortos|feridos|crianças|mulheres|"
    "homens|vítimas|moradores|habitantes|refugiados|atletas|"
    "menschen|personen|zivilisten|tote|toten|verletzte|verletzten|soldaten|kinder|frauen|"
    "männer|einwohner|flüchtlinge|opfer|migranten|"
    "человек|людей|жителей|мирных|погибших|раненых|военных|детей|женщин|беженцев|граждан|"
    "شخص|أشخاص|اشخاص|شخصا|مدني|مدنى|مدنيا|مدنيين|مدنيون|قتيل|قتلى|جريح|جرحى|مسلح|مسلحا|"
    "مسلحين|إرهابي|إرهابيا|إرهابيين|طفل|طفلا|أطفال|امرأة|نساء|جندي|جنديا|جنود|مواطن|مواطنا|"
    "مواطنين|لاجئ|لاجئا|لاجئين|مقاتل|مقاتلا|مقاتلين|عامل|عمال|طالب|طلاب|شهيد|شهداء|"
    "orang|penduduk|mangsa|pelajar|pesakit|pekerja|penumpang|kanak-kanak|wanita|askar|"
    "maut|cedera|terkorban|tewas|korban|individu"
)
_VI_PEOPLE = _set(
    "dân thường|người dân|binh sĩ|chiến binh|tay súng|phiến quân|trẻ em|nạn nhân|học sinh|"
    "sinh viên|bệnh nhân|công nhân|hành khách|du khách|cư dân|nghệ sĩ|khán giả|cầu thủ|"
    "vận động|giáo viên|bác sĩ|cán bộ|chiến sĩ|quân nhân|lao động|thí sinh|đại biểu|"
    "cử tri|nông dân|thanh niên|phụ nữ|trẻ nhỏ"
)
_ZH_PEOPLE = re.compile(r"^\s?(?:多)?(?:名|人|位|个人|個人)")
_ZH_COUNT = re.compile(
    r"^\s?(?:多)?(个|個|座|辆|輛|起|家|所|架|艘|枚|栋|棟|间|間|项|項|场|場|次|条|條|只|頭|头|户|戶|件|宗|例|块|塊"
    r"|毫米|厘米|公斤|千克|吨|噸|米|下|栋|张|張|份|种|種|轮|輪|届|屆|枚|辆)"
)
#: "8月" (August), "19日", "3时": calendar and clock words, not counts
_ZH_NOT_COUNT = re.compile(r"^\s?(?:月|日|号|號|时|時|点|點|分(?!钟)|街|楼|樓|号线)")
_QUALIFIERS: list[tuple[str, str]] = [
    (
        "about",
        "about|around|roughly|approximately|nearly|almost|some|an estimated|close to|"
        "environ|près de|presque|quelque|quelques|unos|unas|cerca de|casi|alrededor de|"
        "aproximadamente|quase|por volta de|etwa|rund|fast|knapp|ungefähr|около|почти|"
        "примерно|نحو|حوالي|حوالى|قرابة|ما يقرب من|زهاء|ما يناهز|khoảng|gần|chừng|"
        "约|大约|近|将近|接近|左右|kira-kira|hampir|sekitar|lebih kurang",
    ),
    (
        "over",
        "over|more than|above|in excess of|upwards of|exceeding|plus de|más de|mais de|"
        "über|mehr als|более|свыше|больше|أكثر من|ما يزيد على|ما يزيد عن|hơn|trên|"
        "超过|逾|多|lebih dari|lebih daripada|melebihi",
    ),
    (
        "at least",
        "at least|no fewer than|no less than|au moins|al menos|por lo menos|"
        "pelo menos|mindestens|не менее|по меньшей мере|ما لا يقل عن|على الأقل|"
        "ít nhất|至少|sekurang-kurangnya|setidaknya",
    ),
    (
        "under",
        "under|less than|fewer than|below|moins de|menos de|weniger als|unter|менее|"
        "меньше|أقل من|dưới|不到|不足|kurang dari|kurang daripada",
    ),
    (
        "up to",
        "up to|as many as|as much as|jusqu'à|hasta|até|bis zu|до|حتى|lên tới|lên đến|"
        "tới|多达|高达|sehingga|hingga",
    ),
]
_QUAL_RE = [
    (
        q,
        re.compile(
            r"(?:^|[\s(«\"'])(?:"
            + "|".join(map(re.escape, sorted(ws.split("|"), key=len, reverse=True)))
            + r")\s*$",
            re.IGNORECASE,
        ),
    )
    for q, ws in _QUALIFIERS
]

_OF = {
    "en": ("of",),
    "fr": ("de", "d'", "d’", "du", "des"),
    "es": ("de", "del"),
    "pt": ("de", "do", "da", "dos", "das"),
    "de": ("der", "des", "von"),
    "ru": ("от",),
    "ar": ("من",),
    "vi": ("của", "số"),
    "ms": ("daripada", "dari"),
    "id": ("dari", "daripada"),
    "it": ("di", "del", "della"),
}

_STOP_AFTER = _set(
    "the|a|an|and|or|of|in|on|at|to|for|from|by|with|as|that|which|who|is|are|was|were|"
    "has|have|had|will|would|it|its|this|these|those|than|per|le|la|les|et|ou|en|dans|"
    "sur|à|au|aux|pour|par|avec|que|qui|est|sont|el|los|las|y|o|con|por|para|que|es|"
    "um|uma|os|as|e|em|no|na|com|der|die|das|und|oder|im|mit|für|von|zu|ist|и|в|на|с|по|"
    "và|của|các|những|là|ở|trong|với|cho|này|đó|و|في|على|إلى|عن|أن|التي|الذي|dan|di|ke|"
    "yang|untuk|dengan|pada|ini|itu|also|more|other|new|up|down|out|about|over|under|"
    "after|before|since|until|during|more|less|times|fois|veces|vezes|mal|раз|lần|次|des|du|de|"
    "d'|d’|ces|ses|leurs|del|dos|das|do|da|den|dem|des|einer|eines|ceux|celles|autres|"
    "others|ones|them|they|their|those|both|all|each|hingga|sampai|đến|tới|bis|до|até|hasta|"
    "至|到|and|or|back|tarikh|date|fecha|datum|so|với|cent|percent|pct|bps|peratus|persen|prozent|morning|evening|night|afternoon|midnight|noon|matin|soir|mañana|"
    "tarde|noche|manhã|pagi|petang|malam|sáng|chiều|tối|đêm|trưa|lagi|contre|vs|versus|gegen|против|đấu|can|could|must|should|shall|might|may|did|does|do|per|pukul|lúc"
)
_MONTHS_WORDS = _set(
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    "am|pm|a.m|p.m|h|uhr|giờ|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|gmt|utc"
)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
#: a word after a number that makes it a rank
_RANK_AFTER = _set(
    "place|rank|position|spot|место|места|lugar|posição|puesto|rang|platz|hạng|tempat|kedudukan"
)
#: a word before a number that makes the number a label (floor 30, No. 5, 2nd)
_LABEL_BEFORE = _set(
    "tầng|thứ|số|phòng|quận|phường|khu|đường|trang|kỳ|khóa|lớp|điều|khoản|chương|no|nr|"
    "number|room|floor|page|chapter|article|route|bus|flight|platform|gate|lane|street|"
    "lot|unit|block|level|grade|class|tingkat|nombor|bilik|jalan|numéro|salle|étage|"
    "número|piso|página|sala|nummer|etage|seite|номер|этаж|رقم|الطابق|pukul|lúc|las|às|"
    "category|kategori|catégorie|categoría|kategorie|phase|stage|round|day|game|week|"
    "season|term|zone|sector|version|series|top|hạng|ngày|stage|tahap|giai"
)


# ====================================================================== extraction
def _qualifier(before: str) -> str | None:
    tail = before[-30:].casefold()
    for q, rx in _QUAL_RE:
        if rx.search(tail):
            return q
    return None


def _words_after(text: str, pos: int, n: int) -> list[tuple[str, int, int]]:
    out = []
    for m in _WORD.finditer(text, pos):
        gap = text[pos : m.start()] if not out else text[out[-1][2] : m.start()]
        if re.search(r"[.;:!?،؛()\[\]\"“”«»]|,\s", gap):
            break
        out.append((m.group(0), m.start(), m.end()))
        if len(out) >= n:
            break
    return out


def _words_before(text: str, pos: int, n: int, commas: int = 0) -> list[tuple[str, int, int]]:
    """Up to ``n`` words before ``pos`` in its clause (crossing up to ``commas`` commas)."""
    words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text, 0, pos)]
    out: list[tuple[str, int, int]] = []
    end = pos
    for w in reversed(words):
        gap = re.sub(r"\d[.,]\d", "", text[w[2] : end])
        if re.search(r"[.;:!?،؛()\[\]]", gap):
            break
        if re.search(r",\s|، ?|，", gap):
            if commas <= 0:
                break
            commas -= 1
        out.append(w)
        end = w[1]
        if len(out) >= n:
            break
    return list(reversed(out))


def _content(words: Sequence[str]) -> list[str]:
    return [w for w in words if w.casefold() not in _STOP_AFTER]


def _of_phrase(text: str, pos: int, lang: str | None) -> str | None:
    """The 'of X' phrase right after ``pos`` (``de l'est de la ville``), without 'of'.

    A bracketed conversion or the second half of a range in between is skipped:
    ``£2.3 billion (US$2.6 billion) of military aid``, ``95 per cent to 97 per cent of``.
    """
    rest = text[pos:]
    m = re.match(r"\s*\([^()]{1,40}\)", rest) or re.match(
        r"\s*(?:to|and|or|-|–|à|a|bis|hingga|đến)\s+[^\s]*\d[\d.,]*\s?(?:%|per cent|percent|"
        r"pour cent|por ciento|por cento|prozent|peratus|persen|phần trăm|[a-zA-Z$€£]{0,3})",
        rest,
    )
    if m:
        pos += m.end()
    words = _words_after(text, pos, 7)
    if not words:
        return None
    first = words[0][0].casefold()
    preps = _OF.get(lang or "en", ("of",))
    elided = next((p for p in preps if p.endswith(("'", "’")) and first.startswith(p)), None)
    if first in preps or elided:
        phrase_words = words[1:] if not elided else [(first[len(elided) :], 0, 0)] + words[1:]
        cut = []
        for w, _, _ in phrase_words:
            if w.casefold() in ("that", "which", "who", "qui", "que", "que", "التي", "الذي", "mà"):
                break
            cut.append(w)
        if elided:
            cut[0] = words[0][0]  # keep "l'est" as written
        phrase = " ".join(cut[:5]).strip()
        return phrase or None
    return None


def _is_year(n: NumberMatch, text: str) -> bool:
    if n.spelled or not re.fullmatch(r"\d{4}", n.text):
        return False
    return 1900 <= n.value <= 2100


def _skip(n: NumberMatch, text: str) -> bool:
    before = text[max(0, n.start - 2) : n.start]
    after = text[n.end : n.end + 2]
    if (
        re.search(r"[^\W\d_][-/]$|[^\W\d_]$", before)
        and not re.search(r"[$€£¥₫]$", before)
        and not re.search(r"[\u0600-\u06ff\u4e00-\u9fff]$", before)
    ):
        return True  # COVID-19, F-16, G7, A4
    if re.match(r"^[:h]\d", after) or re.match(r"^[/-]\d", after):
        return True  # 3:00, 12h30, 12/12, 2-1 scores
    if re.match(r"^-?(?:го|й|я|е|ой|ый|th|st|nd|rd|er|ème|e|º|ª)\b", text[n.end : n.end + 6]):
        return True  # ordinals: 12-го, 3rd, 2e
    if re.match(
        r"^\s?(?:[ap]\.?m\.?|petang|pagi|malam|giờ sáng|h\d|uhr)\b", text[n.end : n.end + 10]
    ):
        return True  # clock times
    if re.search(r"\d\s?[-–:]\s?$", text[max(0, n.start - 3) : n.start]):
        return True  # the second half of a score or range: "0-1", "19 hingga 26" is kept
    if re.search(r"(?:^|\s)[+*×x]$", before) or re.match(r"^\s?[*×x]\s?\d", after + "  "):
        return True  # "+100kg" weight classes, "3*3", "3x3"
    return before.endswith(("/", ":")) and not n.spelled


#: the kinds a story reports by default (the issue's list); the others are extracted
#: with ``kinds=None`` but were too often wrong about what they measure (docs/telling.md)
REPORTED_KINDS = frozenset({"percent", "people", "money", "area", "date"})


def extract_figures(
    text: str,
    lang: str | None,
    article_id: str = "",
    title: str = "",
    kinds: frozenset[str] | None = REPORTED_KINDS,
) -> list[Figure]:
    """The figures of one text (title first when given, then the sentences of ``text``).

    ``start``/``end`` of a title figure index the title; others index ``text``.
    ``kinds`` limits the output to those kinds (``None``: every kind found:
    counts, distances, speeds, index points, ages as well).
    """
    out: list[Figure] = []
    sources: list[tuple[int, Sentence]] = []
    if title.strip():
        sources.append((-1, Sentence(title.strip(), 0, len(title.strip()), -1, -1)))
    sources += [(s.index, s) for s in split_sentences(text)]
    for idx, sent in sources:
        for f in _sentence_figures(sent.text, lang):
            if kinds is not None and f.kind not in kinds:
                continue
            f.start += sent.start
            f.end += sent.start
            f.sentence_start = sent.start
            f.article_id = article_id
            f.sentence_index = idx
            out.append(f)
    return out


def _sentence_figures(sent: str, lang: str | None) -> list[Figure]:
    norm = normalize_digits(sent)
    figures: list[Figure] = []
    dates = find_dates(sent, lang)
    date_spans = [(d.start, d.end) for d in dates if d.kind != "weekday"]
    for d in dates:
        if d.kind == "weekday":
            continue
        iso = (f"{d.year:04d}-" if d.year else "") + f"{d.month:02d}-{d.day:02d}"
        ctx = _content([w for w, _, _ in _words_before(sent, d.start, 5)])[-4:]
        ctx = [w for w in ctx if not (w.isupper() and len(w) > 3)]  # "SINGAPORE —" datelines
        if lang in ("zh", "ja"):
            run = _cjk_before(sent, d.start)
            ctx = [] if len(run) <= 2 or run.endswith(("于", "於", "在")) else [run]
        if not ctx:
            skip = len(sent[d.end :]) - len(sent[d.end :].lstrip(" ,)）"))
            if lang in ("zh", "ja"):
                after_run = re.match(r"[\u4e00-\u9fff]{2,10}", sent[d.end + skip :])
                ctx = [after_run.group(0)] if after_run else []
            else:
                ctx = _content([w for w, _, _ in _words_after(sent, d.end + skip, 6)])[:4]
        if not ctx:
            continue  # a bare date with nothing said about it
        figures.append(
            Figure(iso, "date", "date", " ".join(ctx), d.text, sent, None, d.start, d.end, lang)
        )
    for n in find_numbers(sent, lang):
        if any(s <= n.start < e for s, e in date_spans) or _skip(n, norm):
            continue
        if n.spelled and _VAGUE.search(norm[max(0, n.start - 12) : n.start]):
            continue  # "hàng trăm", "des centaines": not a figure
        if _in_number_list(norm, n):
            continue  # "(16085.1131, -188.26, -1.16%)": market data, not a reported figure
        fig = _classify(n, sent, norm, lang)
        if fig is not None and fig.kind not in DROPPED_KINDS and fig.subject:
            if fig.kind == "count" and isinstance(fig.value, float) and not fig.value.is_integer():
                continue  # 313.45 points, 7.7 on the Richter scale: not a count
            figures.append(fig)
    figures.sort(key=lambda f: f.start)
    return figures


_VAGUE = re.compile(r"(?:hàng|vài|mấy|des|quelques|unos|alguns|beberapa|ratusan|einige)\s*$", re.I)

#: extracted but not reported: durations rarely say what they measure ("two years later")
DROPPED_KINDS = frozenset({"duration"})


def _in_number_list(norm: str, n: NumberMatch) -> bool:
    """Inside brackets holding several numbers (stock quotes, score lines)."""
    open_ = norm.rfind("(", 0, n.start)
    close = norm.find(")", n.end)
    if open_ < 0 or close < 0 or norm.find(")", open_, n.start) >= 0:
        return False
    inside = norm[open_ + 1 : close]
    return len(re.findall(r"\d+(?:[.,]\d+)?", inside)) >= 3 and not re.search(
        r"[^\W\d_]{4,}", inside
    )


def _classify(n: NumberMatch, sent: str, norm: str, lang: str | None) -> Figure | None:
    after = norm[n.end : n.end + 40]
    before = norm[max(0, n.start - 40) : n.start]
    qual = _qualifier(before)
    # --- percent
    m = _PERCENT_AFTER.match(after)
    if m or _PERCENT_BEFORE.search(before):
        end = n.end + (m.end() if m else 0)
        subject = _of_phrase(sent, end, lang)
        if subject is None and lang in ("vi", "ms", "id"):
            nxt = _words_after(sent, end, 3)
            if (
                nxt
                and sent[end : nxt[0][1]].strip() == ""
                and nxt[0][0].casefold() not in _STOP_AFTER
            ):
                subject = " ".join(w for w, _, _ in nxt[:2])
        de = re.match(r"的([\u4e00-\u9fff]{1,4})", sent[end : end + 6]) if lang == "zh" else None
        if subject is None and de:
            subject = de.group(1)  # "93%的人口"
        if subject is None and lang in ("zh", "ja"):
            subject = _cjk_before(sent, n.start - (3 if _PERCENT_BEFORE.search(before) else 0))
        if subject is None:
            prev = _content([w for w, _, _ in _words_before(sent, n.start, 6)])
            if not [w for w in prev if w.casefold() not in _qual_words()]:
                prev = _content([w for w, _, _ in _words_before(sent, n.start, 6, commas=1)])
            if qual:
                prev = [w for w in prev if w.casefold() not in _qual_words()]
            subject = " ".join(prev[-4:])
            nxt = _content([w for w, _, _ in _words_after(sent, end, 3)])
            if not subject and nxt:
                subject = " ".join(nxt[:3])
        start = n.start - (3 if not m and _PERCENT_BEFORE.search(before) else 0)
        return _fig(n.value, "%", "percent", subject, sent, start, end, qual, lang)
    # --- money, symbol before
    for rx, code in _CURRENCY_BEFORE_RE:
        mm = rx.search(before)
        if mm and re.search(r"[\d$€£¥]\)?\s?\($", before[: len(before) - len(mm.group(0))]):
            return None  # "C$300 (S$316)": a conversion of the figure just given
        if mm:
            subject = _around(sent, n.start - len(mm.group(0)), n.end, lang, cross_comma=False)
            return _fig(
                n.value, code, "money", subject, sent, n.start - len(mm.group(0)), n.end, qual, lang
            )
    for rx, code in _CURRENCY_AFTER_RE:
        mm = rx.match(after)
        if mm and re.search(
            r"(?:元|币|幣|[$€£¥]|\d)\s?[（(]\s?(?:约|約|大约|about|around)?\s?$", before
        ):
            return None  # "50万美元（约70万新元）": a conversion of the amount just given
        if mm:
            subject = _around(sent, n.start, n.end + mm.end(), lang, cross_comma=False)
            return _fig(
                n.value, code, "money", subject, sent, n.start, n.end + mm.end(), qual, lang
            )
    # --- area
    for rx, factor in _AREA_RE:
        mm = rx.match(after)
        if mm:
            subject = _around(sent, n.start, n.end + mm.end(), lang)
            return _fig(
                round(n.value * factor, 6),
                "km²",
                "area",
                subject,
                sent,
                n.start,
                n.end + mm.end(),
                qual,
                lang,
            )
    # --- speed and index points: what is measured is named before the number
    mm = re.match(r"^\s?(km/?h\b|kmh\b|kph\b|mph\b|knots?\b|km/giờ|公里/小时|км/ч)", after, re.I)
    if mm:
        subject = _around(sent, n.start, n.end + mm.end(), lang)
        return _fig(n.value, mm.group(1).lower(), "speed", subject, sent, n.start,
                    n.end + mm.end(), qual, lang)  # fmt: skip
    mm = re.match(r"^\s?(points?\b|pts\b|điểm\b|mata\b|пункт\w*|点(?!钟))", after, re.I)
    if mm and lang not in ("zh", "ja"):
        subject = " ".join(_content([w for w, _, _ in _words_before(sent, n.start, 6)])[-4:])
        return _fig(n.value, "point", "points", subject, sent, n.start, n.end + mm.end(),
                    qual, lang)  # fmt: skip
    # --- age
    mm = _AGE_RE.match(after) or (_AGE_YEARS.match(after) if _AGE_BEFORE.search(before) else None)
    if mm and n.value < 130:
        cue = _AGE_BEFORE.search(before) if not _AGE_RE.match(after) else None
        if cue:  # "Seorang wanita berusia 35 tahun", "Lana, 15 ans": the person is before the cue
            cut = n.start - (len(before) - cue.start())
            who = _content([w for w, _, _ in _words_before(sent, cut, 4)])[-3:]
            subject = " ".join(who)
        else:
            nxt = _content([w for w, _, _ in _words_after(sent, n.end + mm.end(), 2)])
            subject = " ".join(nxt[:2])
        subject = subject or _around(sent, n.start, n.end, lang)
        return _fig(n.value, "year", "age", subject, sent, n.start, n.end + mm.end(), qual, lang)
    # --- distance
    mm = _DISTANCE_RE.match(after)
    if mm:
        unit_word = mm.group(1).casefold()
        factor = 1.609344 if unit_word.startswith("mile") else 1.0
        if unit_word.startswith(("met", "mèt", "метр", "متر", "mét")):
            factor = 0.001
        value = n.value * factor
        subject = _around(sent, n.start, n.end + mm.end(), lang)
        return _fig(
            round(value, 3), "km", "distance", subject, sent, n.start, n.end + mm.end(), qual, lang
        )
    # --- people (zh measure words, or a person noun after the number)
    cjk_next = re.match(r"^\s?[\u4e00-\u9fff]", after) is not None
    if lang in ("zh", "ja") or cjk_next:
        if re.search(r"第\s?$", before):
            return None  # 第三 = third: a rank
        if _ZH_NOT_COUNT.match(after) or (re.match(r"^\s?年", after) and n.value >= 1000):
            return None
        if n.spelled and n.value == 1 and not n.text.startswith(("一百", "一千", "一万")):
            return None  # "一家", "一切": an article, not a count
        mm = _ZH_PEOPLE.match(after)
        if mm:
            prev = _cjk_before(sent, n.start)
            nxt = re.match(r"[\u4e00-\u9fff]{0,6}", sent[n.end + mm.end() :])
            if prev.endswith("的") and len(prev) >= 3:  # "受洪水影响的3300万人"
                subject = prev
            else:
                subject = (nxt.group(0) if nxt and nxt.group(0) else prev) or "人"
            return _fig(
                n.value, "person", "people", subject, sent, n.start, n.end + mm.end(), qual, lang
            )
        if re.match(r"^\s?个月", after):
            return None  # "26个月": a duration
        mm = _ZH_COUNT.match(after)
        if mm:
            nxt = re.match(r"[\u4e00-\u9fff]{1,4}", sent[n.end + mm.end() :])
            subject = nxt.group(0) if nxt else _cjk_before(sent, n.start) or mm.group(1)
            return _fig(
                n.value, mm.group(1), "count", subject, sent, n.start, n.end + mm.end(), qual, lang
            )
        if n.spelled and re.search(r"(?:周|週|星期|礼拜|禮拜)$", before):
            return None  # 周二 = Tuesday
        if lang in ("zh", "ja") and not any(rx.match(after) for _, rx in _DURATION_RE):
            return None  # no measure word: nothing to say what is counted
    # --- duration
    for unit, rx in _DURATION_RE:
        mm = rx.match(after)
        if mm and mm.group(0).strip()[:1].isupper() and lang not in ("de", "zh", "ja", "ar"):
            return None  # "24 Horas", "Seven Days": a name
        if mm:
            if unit == "year" and lang == "vi" and n.value > 1900:
                return None  # "năm 2016" is a year, caught above anyway
            subject = _around(sent, n.start, n.end + mm.end(), lang)
            return _fig(
                n.value, unit, "duration", subject, sent, n.start, n.end + mm.end(), qual, lang
            )
    if _is_year(n, norm):
        return None
    words = _words_after(sent, n.end, 4)
    if not words:
        return None
    if lang == "vi" and n.spelled and n.value == 1:
        return None  # "một" is also "a"
    prev_word = _words_before(sent, n.start, 1)
    if prev_word and prev_word[0][0].casefold() in _LABEL_BEFORE:
        return None  # "tầng 30" (floor 30), "stage four", "No. 5": a label, not a quantity
    if n.spelled and n.value == 1 and lang not in ("zh", "ja"):
        return None  # "one people", "un homme": rhetoric or an article
    if lang == "vi":
        pair = " ".join(w for w, _, _ in words[:2]).casefold()
        if words[0][0].casefold() == "người" or pair in _VI_PEOPLE:
            e = words[0][2] if words[0][0].casefold() == "người" else words[1][2]
            return _fig(n.value, "person", "people", sent[words[0][1] : e], sent, n.start, e,
                        qual, lang)  # fmt: skip
    # skip adjectives between the number and the noun ("8,000 Syrian civilians")
    for k, (w, _, e) in enumerate(words[:3] if lang != "vi" else []):
        low = w.casefold()
        if k > 0 and w[:1].isupper() and lang not in ("de", "ar", "zh", "ja", "vi"):
            break  # "World 100 Most Powerful Women": a title, not a count
        if low in _PEOPLE or (lang == "ar" and _ar_strip(low) in _PEOPLE):
            after_noun = words[k + 1][0] if k + 1 < len(words) else ""
            if (
                lang == "en"
                and after_noun.islower()
                and after_noun.endswith("s")
                and after_noun.casefold() not in _STOP_AFTER
                and after_noun.casefold() not in _PEOPLE
                and sent[e : words[k + 1][1]].strip() == ""
            ):
                return None  # "two police cars": the person noun modifies another noun
            subject = sent[words[0][1] : e]
            return _fig(n.value, "person", "people", subject, sent, n.start, e, qual, lang)
        if low in _STOP_AFTER or low in _MONTHS_WORDS:
            break
    if n.spelled and (lang == "vi" or n.value == 1):
        return None  # "một", "satu kenyataan", "ein Knast": an article, not a count
    prev = _words_before(sent, n.start, 1)
    if prev and prev[0][0].casefold() in _LABEL_BEFORE:
        return None  # "tầng 30" (floor 30), "thứ 2", "No. 5": a label, not a quantity
    w0, s0, e0 = words[0]
    low = w0.casefold()
    if low in _RANK_AFTER:
        return None  # "44 место", "3rd place": a rank
    if low in _STOP_AFTER or low in _MONTHS_WORDS or len(w0) < 2:
        return None
    if lang in ("en", "fr", "es", "pt") and n.spelled and not low.endswith(("s", "x")):
        return None
    if lang == "de" and n.spelled and not w0[0].isupper():
        return None
    if w0[0].isupper() and lang not in ("de", "ar", "zh", "ja", "vi"):
        return None  # "Sept. 12 Apple", "in 2021 Tokyo": a number before a name
    # generic count: the counted noun (and an adjective or noun right after it)
    end = e0
    if len(words) > 1 and words[1][0].casefold() not in _STOP_AFTER:
        w1 = words[1][0]
        if lang in ("vi", "ar", "fr", "es", "pt", "ms", "id"):
            end = words[1][2]
        elif lang == "en" and not low.endswith("s") and w1.endswith("s") and w1.islower():
            end = words[1][2]  # "600 mortar shells"
    subject = sent[s0:end]
    return _fig(n.value, _unit_noun(w0, lang), "count", subject, sent, n.start, e0, qual, lang)


_AR_PREFIX = ("وال", "بال", "لل", "ال", "و", "ب", "ل")


def _ar_strip(w: str) -> str:
    for p in _AR_PREFIX:
        if w.startswith(p) and len(w) - len(p) >= 3:
            return w[len(p) :]
    return w


def _unit_noun(word: str, lang: str | None) -> str:
    """A crude singular of the counted noun, used to match counts of the same thing."""
    w = word.casefold()
    if lang in ("en", "fr", "es", "pt") and len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
        if lang == "en" and w.endswith("ie"):
            w = w[:-2] + "y"
    return w


def _cjk_before(sent: str, pos: int) -> str:
    m = re.search(r"([\u4e00-\u9fff]{1,6})[^\u4e00-\u9fff\d]{0,2}$", sent[:pos])
    return m.group(1) if m else ""


def _qual_words() -> frozenset[str]:
    return frozenset(
        w.casefold() for _, ws in _QUALIFIERS for p in ws.split("|") for w in p.split()
    )


def _around(sent: str, start: int, end: int, lang: str | None, cross_comma: bool = True) -> str:
    """Subject for money/area/distance/duration: the "of X" phrase after the figure
    ("seven days of self-monitoring"), the noun it qualifies ("a US$320 million stake"),
    else the content words just before it ("fined $100k"), else after."""
    if lang in ("zh", "ja"):
        nxt = re.match(r"[\u4e00-\u9fff]{2,4}", sent[end:])
        prev_run = _cjk_before(sent, start)
        if len(prev_run) <= 1:  # "，为3500亿元": the subject is in the clause before
            m = re.search(r"([\u4e00-\u9fff]{2,6})[^\u4e00-\u9fff\d]{1,3}[\u4e00-\u9fff]?$",
                          sent[:start])  # fmt: skip
            prev_run = m.group(1) if m else prev_run
        use_next = nxt and (
            len(prev_run) <= 2
            or prev_run[-1] in "以为達达至约約逾近共计計合"
            or prev_run.endswith(("提供", "给予", "給予", "支付", "获得", "獲得"))
        )
        return (nxt.group(0) if use_next else prev_run) or (nxt.group(0) if nxt else "")
    of = _of_phrase(sent, end, lang)
    if of:
        return " ".join(of.split()[:4])
    in_phrase = re.match(r"\s(?:in|en|em|dalam)\s+([^\W\d_]+(?:\s+[^\W\d_]+)?)", sent[end:])
    first_in = in_phrase.group(1).split()[0].casefold() if in_phrase else ""
    if in_phrase and first_in not in _STOP_AFTER and first_in not in _NOT_IN_SUBJECT:
        kept = [w for w in in_phrase.group(1).split() if w.casefold() not in _STOP_AFTER]
        return " ".join(
            kept[:1] if len(kept) < 2 or kept[1] != in_phrase.group(1).split()[1] else kept
        )  # "US$500,000 in bribes"
    nxt_words = _words_after(sent, end, 2)
    if (
        lang == "en"
        and nxt_words
        and nxt_words[0][0].islower()
        and nxt_words[0][0].casefold() not in _STOP_AFTER
        and nxt_words[0][0].casefold() not in _qual_words()
        and not nxt_words[0][0].endswith(("er", "ly", "ed"))
        and nxt_words[0][0].casefold() not in ("more", "less", "fewer", "each", "apiece")
        and sent[end : nxt_words[0][1]].strip() == ""
    ):
        return nxt_words[0][0]  # "a US$320 million stake"
    prev = _content([w for w, _, _ in _words_before(sent, start, 5)])
    prev = [w for w in prev if w.casefold() not in _qual_words()]
    if not prev and cross_comma:
        prev = _content([w for w, _, _ in _words_before(sent, start, 5, commas=1)])
        prev = [w for w in prev if w.casefold() not in _qual_words()]
    nxt = _content([w for w, _, _ in _words_after(sent, end, 4)])
    words = prev[-3:] if prev else nxt[:3]
    return " ".join(words)


_NOT_IN_SUBJECT = _set("size|total|length|width|height|area|value|terms|excess|addition|all|cash")
_BARE_VERBS = _set(
    "tăng|giảm|đạt|rose|fell|hit|up|down|gained|lost|dropped|climbed|naik|turun|meningkat|"
    "menurun|augmenté|baissé|subió|cayó|subiu|caiu|stieg|fiel|вырос|упал"
)


def _fig(value, unit, kind, subject, sent, start, end, qual, lang) -> Figure:
    subject = (subject or "").strip(" ,.;:-–—\"'")
    words = subject.split()
    if words and kind in ("percent", "money") and words[-1].casefold() in _BARE_VERBS:
        # "Lãi gộp đạt 657 tỷ đồng, tăng 21,6%": the noun is before the verb, maybe past a comma
        verb_at = sent.rfind(words[-1], 0, start)
        more = _content([w for w, _, _ in _words_before(sent, max(verb_at, 0), 4, commas=1)])
        more = [w for w in more if w.casefold() not in _BARE_VERBS]
        if more:
            subject = " ".join(more[-3:] + [words[-1]])
    return Figure(
        value=float(value),
        unit=unit,
        kind=kind,
        subject=subject,
        text=sent[start:end].strip(),
        sentence=sent,
        qualifier=qual,
        start=start,
        end=end,
        lang=lang,
    )


# ====================================================================== series
@dataclass
class FigurePoint:
    """One figure of a series with who reported it and when."""

    figure: Figure
    source: str
    when: datetime | None
    date_how: str = "unknown"

    def as_dict(self) -> dict:
        d = self.figure.as_dict()
        d.update(
            {
                "source": self.source,
                "date": self.when.date().isoformat() if self.when else None,
                "date_how": self.date_how,
            }
        )
        return d


@dataclass
class FigureSeries:
    """Figures from one or more articles that measure the same thing, in time order."""

    kind: str
    unit: str
    subject: str
    points: list[FigurePoint] = field(default_factory=list)

    @property
    def values(self) -> list:
        return [p.figure.value for p in self.points]

    @property
    def changed(self) -> bool:
        return len({p.figure.value for p in self.points}) > 1

    @property
    def n_articles(self) -> int:
        return len({p.figure.article_id for p in self.points})

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "unit": self.unit,
            "subject": self.subject,
            "values": self.values,
            "changed": self.changed,
            "n_articles": self.n_articles,
            "points": [p.as_dict() for p in self.points],
        }


#: same-day points: a published date, then a full date in the text, then weaker estimates
_HOW_RANK = {"published": 0, "text:full": 1, "text:day-month": 2, "text:weekday": 3}
SERIES_KINDS = ("percent", "people", "area", "money", "count", "distance")
#: cosine between two figures' context clauses to count as the same measure
SAME_MEASURE = 0.85
#: added to the cosine when the two clauses share a name key (same place or actor)
NAME_BONUS = 0.03


@lru_cache(maxsize=8192)
def _context_keys(context: str, lang: str | None) -> frozenset[str]:
    from newsweave.names import article_name_keys

    keys = article_name_keys("", context, lang)
    return frozenset(k for k, w in keys.items() if w >= 0.3)


def _context(f: Figure) -> str:
    """The clause around the figure, numbers masked, for the encoder."""
    s = f.sentence
    start, end = f.start - f.sentence_start, f.end - f.sentence_start
    a, b = max(0, start - 90), min(len(s), end + 90)
    if f.sentence_index == -1 or len(s) < 200:
        a, b = 0, len(s)
    clip = s[a:b]
    return re.sub(r"[\d٠-٩۰-۹]+(?:[.,٫]\d+)*", "N", normalize_digits(clip))


def _compatible(a: Figure, b: Figure) -> bool:
    if a.kind != b.kind or a.kind not in SERIES_KINDS:
        return False
    if a.kind in ("money", "count") and a.unit != b.unit and a.lang == b.lang:
        return False
    if a.kind == "money" and a.unit != b.unit:
        return False
    if isinstance(a.value, float) and isinstance(b.value, float) and a.kind != "percent":
        lo, hi = sorted((abs(a.value), abs(b.value)))
        if lo == 0 or hi / lo > 20:
            return False  # 12 and 8,000 civilians are different measures
    return True


def figure_series(
    points: Sequence[FigurePoint],
    vectors: Callable[[Sequence[str]], np.ndarray],
    threshold: float = SAME_MEASURE,
    min_articles: int = 2,
) -> list[FigureSeries]:
    """Group figure points that measure the same thing (see the module docstring).

    Average-linkage grouping over the cosine of the figures' masked context
    clauses, only between compatible figures (same kind, same currency, values
    within a factor 20 except for percentages).  Series reported by fewer than
    ``min_articles`` articles are dropped.  Points are sorted by date (undated
    last), series by how many articles report them.
    """
    cand = [p for p in points if p.figure.kind in SERIES_KINDS]
    # a kind that only one article reports cannot make a series across articles
    kind_articles: dict[str, set[str]] = {}
    for p in cand:
        kind_articles.setdefault(p.figure.kind, set()).add(p.figure.article_id)
    cand = [p for p in cand if len(kind_articles[p.figure.kind]) >= min_articles]
    n = len(cand)
    if n < 2:
        return []
    contexts = [_context(p.figure) for p in cand]
    vecs = vectors(contexts)
    sims = (vecs @ vecs.T).astype(np.float64)
    keys = [_context_keys(c, p.figure.lang) for c, p in zip(contexts, cand, strict=True)]
    compat = np.zeros((n, n), dtype=bool)
    for i in range(n):
        for j in range(i + 1, n):
            if _compatible(cand[i].figure, cand[j].figure):
                compat[i, j] = compat[j, i] = True
                if keys[i] & keys[j]:
                    sims[i, j] += NAME_BONUS
                    sims[j, i] += NAME_BONUS
    # average linkage with Lance-Williams updates; a group stays compatible only
    # if all its members are compatible with the other group's members
    sizes = np.ones(n)
    active = np.ones(n, dtype=bool)
    members: list[list[int]] = [[i] for i in range(n)]
    np.fill_diagonal(compat, False)
    while True:
        mask = compat & active[:, None] & active[None, :]
        if not mask.any():
            break
        masked = np.where(mask, sims, -np.inf)
        idx = int(np.argmax(masked))
        i, j = divmod(idx, n)
        if masked[i, j] <= threshold:
            break
        merged = (sizes[i] * sims[i] + sizes[j] * sims[j]) / (sizes[i] + sizes[j])
        sims[i, :] = merged
        sims[:, i] = merged
        compat[i, :] &= compat[j, :]
        compat[:, i] = compat[i, :]
        compat[i, i] = False
        sizes[i] += sizes[j]
        active[j] = False
        members[i] += members[j]
    groups = [members[i] for i in range(n) if active[i]]
    out = []
    for g in groups:
        pts = [cand[i] for i in g]
        if len({p.figure.article_id for p in pts}) < min_articles:
            continue
        pts.sort(
            key=lambda p: (
                p.when is None,
                p.when or datetime.max,
                _HOW_RANK.get(p.date_how, 9),
                p.figure.article_id,
                p.figure.sentence_index,
            )
        )
        label = max(pts, key=lambda p: (p.figure.lang == "en", len(p.figure.subject))).figure
        out.append(FigureSeries(label.kind, label.unit, label.subject, pts))
    out.sort(key=lambda s: (-s.n_articles, -len(s.points)))
    return out
