"""Figures an article reports: value, unit, kind, qualifier and subject.

A *figure* is a number with what it measures: ``over 60% of the harvest``,
``أكثر من 5 آلاف طالب`` (more than 5,000 students), ``a lake 12 sq/km in
size``, ``S$500``, ``三千五百人``, ``jeudi 3 mars 2022``.
:func:`extract_figures` finds them sentence by sentence (numbers in any
notation from :mod:`newsweave.enrich.numbers`, dates from
:mod:`newsweave.enrich.dates`), with:

* ``kind`` and ``unit``: ``percent`` (%), ``people`` (person), ``area`` (km²,
  hectares and square miles converted), ``distance`` (km), ``money`` (ISO
  currency code when known), ``duration`` (hour/day/week/month/year), ``age``
  (years), ``count`` (with the counted noun as its unit) and ``date``;
* ``qualifier``: ``about``, ``over``, ``under``, ``at least``, ``up to`` from
  the words before the number ("plus de", "نحو", "khoảng", "逾" ...);
* ``subject``: what is measured.  For counts and people it is the counted noun,
  found here with the kind.  For the other kinds it comes from
  :mod:`newsweave.enrich.figure_subjects`: an "of ..." phrase, the noun before
  "of", or the noun phrase of the clause.  A conversion (``450 USD tương đương
  11 triệu đồng``) takes its amount's subject.

Plain years, clock times, phone-like numbers, model names (``COVID-19``,
``F-16``), datelines (``本报北京10月10日电``) and publication stamps in titles
(``- 14/05/2022 - Esporte``) are not figures.

Grouping the figures of a story into series is done in
:mod:`newsweave.enrich.figure_series`.

>>> [(f.value, f.unit, f.qualifier, f.subject) for f in extract_figures(
...     "Les pompiers ont sauvé plus de 60 % de la forêt.", "fr")]
[(60.0, '%', 'over', 'la forêt')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsweave.enrich.dates import find_dates
from newsweave.enrich.figure_subjects import (
    GENERIC_PEOPLE,
    MONTH_WORDS,
    QUALIFIERS,
    STOP_WORDS,
    Subject,
    cjk_before,
    complete_bare_verb,
    content_words,
    date_subject,
    percent_subject,
    subject_of,
    trusted,
    who_they_are,
    word_set,
    words_after,
    words_before,
)
from newsweave.enrich.numbers import NumberMatch, find_numbers, normalize_digits
from newsweave.enrich.sentences import Sentence, split_sentences
from newsweave.normalize.boilerplate import strip_outlet

__all__ = ["DROPPED_KINDS", "REPORTED_KINDS", "Figure", "extract_figures"]


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
    #: how the subject was found (``"of"``, ``"np-verb"``, ``"counted"``, ``"words-before"`` ...)
    subject_rule: str = ""
    #: whether the subject was found by a rule that can be trusted (:func:`trusted`)
    sure: bool = True

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
            "subject_rule": self.subject_rule,
            "sure": self.sure,
        }


# ====================================================================== lexicon
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
    (r"pounds? sterling|livres? sterling", "GBP"),
    (r"pounds?", "pound"),  # money or weight: only "£" and "sterling" say GBP
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
#: a currency word followed by this names its hundredth: "99 euro cents", "50 US cents"
_CENTS = re.compile(r"^\s?(?:cents?|centimes?|céntimos?|centavos?|sen)\b", re.IGNORECASE)
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

_PEOPLE = word_set(
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
_VI_PEOPLE = word_set(
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

#: the qualifier a number's preceding words give it (QUALIFIERS: about, over, ...)
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
    for q, ws in QUALIFIERS
]

#: a word after a number that makes it a rank
_RANK_AFTER = word_set(
    "place|rank|position|spot|место|места|lugar|posição|puesto|rang|platz|hạng|tempat|kedudukan"
)
#: a word before a number that makes the number a label (floor 30, No. 5, 2nd)
_LABEL_BEFORE = word_set(
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


def _is_year(n: NumberMatch, text: str) -> bool:
    if n.spelled or not re.fullmatch(r"\d{4}", n.text):
        return False
    return 1900 <= n.value <= 2100


_RATIO_BEFORE = re.compile(
    r"\b(?:one|1|un|une|uno|una|um|uma|ein|eine|einer|một|satu)\s+"
    r"(?:in|out of|of|sur|de cada|em cada|von|trong|dari)\s+(?:every\s+|each\s+)?$",
    re.IGNORECASE,
)
_KIN_OF = re.compile(
    r"\b(?:mother|father|parent|parents|mom|mum|dad|grandmother|grandfather|mãe|pai|"
    r"madre|padre|mère|père)\s+of\s+$",
    re.IGNORECASE,
)


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
    if re.search(r"(?:^|\s)thứ\s$|[第首前头頭]\s?$", text[max(0, n.start - 5) : n.start]):
        return True  # ordinals and ranks: "người thứ 2", "第三", "首三名" (the top three)
    if re.match(
        r"^\s?(?:[ap]\.?m\.?|petang|pagi|malam|giờ sáng|h\d|uhr)\b", text[n.end : n.end + 10]
    ):
        return True  # clock times
    if re.match(r"^, \d{3}(?!\d)", text[n.end : n.end + 6]) and len(n.text) <= 3:
        return True  # "215, 000": a number split by a tokenizer; its value cannot be read
    if re.search(r"(?<!\d)\d{1,3}, $", text[max(0, n.start - 6) : n.start]) and len(n.text) == 3:
        return True  # its second half
    if re.match(r"^ - (?:million|billion|trillion)\b", text[n.end : n.end + 12]):
        return True  # "$5 - million": a compound split by a tokenizer
    if re.match(r"^\. \d{1,2}\s?(?:million|billion|trillion|m|bn)\b", text[n.end : n.end + 16]):
        return True  # "$2. 6 million": a decimal split by a tokenizer
    if re.search(r"\d\. $", text[max(0, n.start - 3) : n.start]) and re.match(
        r"^\s?(?:million|billion|trillion|m|bn)\b", text[n.end : n.end + 10]
    ):
        return True  # its second half
    if re.search(r"\bbetween\s+\S*\d[\d.,]*\s?(?:\w+\s)?(?:and|to)\s+\S{0,3}$",
                 text[max(0, n.start - 40) : n.start], re.IGNORECASE):  # fmt: skip
        return True  # "between $178 million and $184 million": the second half of a range
    if re.search(r"\d\s?[-–:]\s?$", text[max(0, n.start - 3) : n.start]):
        return True  # the second half of a score or range: "0-1", "19 hingga 26" is kept
    if re.search(r"(?:^|\s)[+*×x]$", before) or re.match(r"^\s?[*×x]\s?\d", after + "  "):
        return True  # "+100kg" weight classes, "3*3", "3x3"
    if _RATIO_BEFORE.search(text[max(0, n.start - 24) : n.start]):
        return True  # "one in every 500 users", "1 sur 3": a ratio, not a count
    if _KIN_OF.search(text[max(0, n.start - 16) : n.start]):
        return True  # "mother of 12 killed": her children, not the dead
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
    sure_only: bool | None = None,
) -> list[Figure]:
    """The figures of one text (title first when given, then the sentences of ``text``).

    ``start``/``end`` of a title figure index the title; others index ``text``.
    ``kinds`` limits the output to those kinds (``None``: every kind found:
    counts, distances, speeds, index points, ages as well).  ``sure_only`` keeps
    only figures whose subject a trusted rule found (``Figure.sure``); by default
    it does when ``kinds`` is given, i.e. the reported figures are the sure ones,
    while ``kinds=None`` returns everything found.
    """
    if sure_only is None:
        sure_only = kinds is not None
    out: list[Figure] = []
    sources: list[tuple[int, Sentence]] = []
    if title.strip():
        head = strip_outlet(title.strip())  # "… sources say | ExBulletin"
        sources.append((-1, Sentence(head, 0, len(head), -1, -1)))
    sources += [(s.index, s) for s in split_sentences(text)]
    for idx, sent in sources:
        for f in _sentence_figures(sent.text, lang):
            if kinds is not None and f.kind not in kinds:
                continue
            if sure_only and not f.sure:
                continue
            f.start += sent.start
            f.end += sent.start
            if idx != -1 and _split_number(text, f.start, f.end):
                continue
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
        if _is_dateline(sent, d.start, d.end, lang):
            continue  # when the report was filed, not when something happened
        if _in_date_range(sent, d, dates):
            continue  # "1 September-15 November 2022": a period, not when something happened
        ctx = date_subject(sent, d.start, d.end, lang)
        if not ctx:
            continue  # a bare date with nothing said about it
        figures.append(
            Figure(
                iso,
                "date",
                "date",
                str(ctx),
                d.text,
                sent,
                None,
                d.start,
                d.end,
                lang,
                subject_rule=ctx.rule,
            )  # fmt: skip
        )
    for n in find_numbers(sent, lang):
        if any(s <= n.start < e for s, e in date_spans) or _skip(n, norm):
            continue
        if n.spelled and _VAGUE.search(norm[max(0, n.start - 12) : n.start]):
            continue  # "hàng trăm", "des centaines": not a figure
        if _in_number_list(norm, n):
            continue  # "(10234.5, -56.78, -0.55%)": market data, not a reported figure
        fig = _classify(n, sent, norm, lang)
        if fig is not None and fig.kind not in DROPPED_KINDS and fig.subject:
            if fig.kind == "count" and isinstance(fig.value, float) and not fig.value.is_integer():
                continue  # 512.30 points, 6.35 on the Richter scale: not a count
            figures.append(fig)
    figures.sort(key=lambda f: f.start)
    money = [f for f in figures if f.kind == "money"]
    for a, b in zip(money, money[1:], strict=False):
        if _EQUIVALENT.fullmatch(sent[a.end : b.start]):
            b.subject, b.subject_rule = a.subject, a.subject_rule
    for f in figures:
        f.sure = trusted(f.subject, f.subject_rule, f.kind, lang)
    return figures


#: between an amount and its conversion: "450 USD tương đương 11 triệu đồng"
_EQUIVALENT = re.compile(
    r"[\s,(/]*(?:tương đương(?: với)?|equivalent to|or about|or around|or roughly|soit|"
    r"setara dengan|bersamaan|equivalente a|equivale a|or|and|atau|dan|và|hoặc|ou|o|e|"
    r"约|約|合)[\s:]*(?:khoảng|about|around)?\s*",
    re.IGNORECASE,
)


def _is_dateline(sent: str, start: int, end: int, lang: str | None) -> bool:
    """A dateline or stamp: ``- 14/05/2022 - Esporte``, ``本报北京10月10日电``,
    ``LONDON, Oct 10 (Reuters) -``."""
    before, after = sent[:start], sent[end:]
    if re.search(r"\s[-–—|]\s*$", before) and re.match(
        r"\s*(?:\d{1,2}[:h]\d{2}(?::\d{2})?\s*)?(?:[-–—|]|$)", after
    ):
        return True  # a publication stamp between separators at a title's end (with its time)
    if re.match(r"\s*[）)]?\s*(?:[早晚]?间?消息|电|電|讯|訊)", after):
        return True
    if _POSTED.search(before[-30:]):
        return True  # "Posted on Thu Jun 13, 2013 08:45 AM": when the page was written
    agency = re.match(r"\s*\([^()]{2,30}\)\s*[-–—]", after)
    return bool(agency and re.fullmatch(r"[A-Z][A-Z .,'-]*,?\s*", before))


_POSTED = re.compile(
    r"\b(?:posted|updated|published|last updated|publié|publicado|atualizado|"
    r"veröffentlicht|aktualisiert|đăng|cập nhật|diterbitkan|dikemaskini)"
    r"(?:\s+(?:on|at|le|el|em|am|lúc|ngày|pada))?(?:\s+[^\W\d_]{2,9}\.?,?)?\s*$",
    re.IGNORECASE,
)


def _split_number(text: str, start: int, end: int) -> bool:
    """A number a tokenizer split across a sentence break (``$2. 6 million``): the
    figure's value cannot be read."""
    return bool(
        re.match(r"\. \d", text[end : end + 3])
        or re.search(r"\d\. $", text[max(0, start - 3) : start])
    )


def _in_date_range(sent: str, d, dates: list) -> bool:
    """One end of a range of dates: ``1 September-15 November 2022``, ``from 3 to 7
    March``, ``10/3 đến 15/3``."""
    link = r"\s*(?:[-–—]|to|until|till|au|hasta|até|bis|hingga|sehingga|sampai|đến|tới|至|到)\s*"
    for o in dates:
        if o is d or o.kind == "weekday":
            continue
        if o.end <= d.start and re.fullmatch(link, sent[o.end : d.start], re.IGNORECASE):
            return True
        if d.end <= o.start and re.fullmatch(link, sent[d.end : o.start], re.IGNORECASE):
            return True
    return False


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
    word_before = _PERCENT_BEFORE.search(before) is not None
    if m or word_before:
        end = n.end + (m.end() if m else 0)
        start = n.start - (3 if not m and word_before else 0)
        subject = percent_subject(sent, n.start, start, end, lang, qual, word_before)
        return _fig(n.value, "%", "percent", subject, sent, start, end, qual, lang)
    # --- money, symbol before
    for rx, code in _CURRENCY_BEFORE_RE:
        mm = rx.search(before)
        if mm and re.search(r"[\d$€£¥]\)?\s?\($", before[: len(before) - len(mm.group(0))]):
            return None  # "C$200 (S$205)": a conversion of the figure just given
        if mm:
            subject = subject_of(sent, n.start - len(mm.group(0)), n.end, lang, cross_comma=False)
            return _fig(
                n.value, code, "money", subject, sent, n.start - len(mm.group(0)), n.end, qual, lang
            )
    for rx, code in _CURRENCY_AFTER_RE:
        mm = rx.match(after)
        if mm and re.search(
            r"(?:元|币|幣|[$€£¥]|\d)\s?[（(]\s?(?:约|約|大约|about|around)?\s?$", before
        ):
            return None  # "20万美元（约27万新元）": a conversion of the amount just given
        if mm and code == "pound" and lang in (None, "en"):
            return None  # "weighing 180 pounds": English pounds are a weight as often
        if mm and code == "pound":
            code = "GBP"
        if mm:
            value, stop = n.value, n.end + mm.end()
            cents = _CENTS.match(after[mm.end() :]) if code != "cent" else None
            if cents:  # "99 euro cents" is 0.99 euros
                value, stop = value / 100, stop + cents.end()
            subject = subject_of(sent, n.start, stop, lang, cross_comma=False)
            return _fig(value, code, "money", subject, sent, n.start, stop, qual, lang)
    # --- area
    for rx, factor in _AREA_RE:
        mm = rx.match(after)
        if mm:
            subject = subject_of(sent, n.start, n.end + mm.end(), lang)
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
        subject = subject_of(sent, n.start, n.end + mm.end(), lang)
        return _fig(n.value, mm.group(1).lower(), "speed", subject, sent, n.start,
                    n.end + mm.end(), qual, lang)  # fmt: skip
    mm = re.match(r"^\s?(points?\b|pts\b|điểm\b|mata\b|пункт\w*|点(?!钟))", after, re.I)
    if mm and lang not in ("zh", "ja"):
        subject = " ".join(content_words([w for w, _, _ in words_before(sent, n.start, 6)])[-4:])
        return _fig(n.value, "point", "points", subject, sent, n.start, n.end + mm.end(),
                    qual, lang)  # fmt: skip
    # --- age
    mm = _AGE_RE.match(after) or (_AGE_YEARS.match(after) if _AGE_BEFORE.search(before) else None)
    if mm and n.value < 130:
        cue = _AGE_BEFORE.search(before) if not _AGE_RE.match(after) else None
        if cue:  # "Seorang lelaki berusia 42 tahun", "Marc, 17 ans": the person is before the cue
            cut = n.start - (len(before) - cue.start())
            who = content_words([w for w, _, _ in words_before(sent, cut, 4)])[-3:]
            subject = " ".join(who)
        else:
            nxt = content_words([w for w, _, _ in words_after(sent, n.end + mm.end(), 2)])
            subject = " ".join(nxt[:2])
        subject = subject or subject_of(sent, n.start, n.end, lang)
        return _fig(n.value, "year", "age", subject, sent, n.start, n.end + mm.end(), qual, lang)
    # --- distance
    mm = _DISTANCE_RE.match(after)
    if mm:
        unit_word = mm.group(1).casefold()
        factor = 1.609344 if unit_word.startswith("mile") else 1.0
        if unit_word.startswith(("met", "mèt", "метр", "متر", "mét")):
            factor = 0.001
        value = n.value * factor
        subject = subject_of(sent, n.start, n.end + mm.end(), lang)
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
            prev = cjk_before(sent, n.start)
            nxt = re.match(r"[\u4e00-\u9fff]{0,6}", sent[n.end + mm.end() :])
            if prev.endswith("的") and len(prev) >= 3:  # "受台风影响的120万人"
                subject = Subject(prev, "cjk-relative")
            elif (
                rel := re.match(
                    r"[^，。、；！？的]{6,24}的([\u4e00-\u9fff]{2,4})", sent[n.end + mm.end() :]
                )
            ) and not nxt.group(0).startswith("的"):
                # the noun after the relative clause: "抗议民众", "X Labs的员工"
                subject = Subject(_cjk_noun(rel.group(1)), "cjk-relative")
            elif nxt and re.match(r"[的在于於从從到和与與及]", nxt.group(0)):
                # "2人的计划" (the two's plan), "500人在…过夜": what follows is not about
                # who is counted; the counted noun is the measure word's person
                subject = Subject("人", "counted")
            elif nxt and nxt.group(0):
                subject = Subject(nxt.group(0), "counted")
            else:
                subject = Subject(prev or "人", "cjk-before" if prev else "counted")
            return _fig(
                n.value, "person", "people", subject, sent, n.start, n.end + mm.end(), qual, lang
            )
        if re.match(r"^\s?个月", after):
            return None  # "26个月": a duration
        mm = _ZH_COUNT.match(after)
        if mm:
            nxt = re.match(r"[\u4e00-\u9fff]{1,4}", sent[n.end + mm.end() :])
            subject = nxt.group(0) if nxt else cjk_before(sent, n.start) or mm.group(1)
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
            subject = subject_of(sent, n.start, n.end + mm.end(), lang)
            return _fig(
                n.value, unit, "duration", subject, sent, n.start, n.end + mm.end(), qual, lang
            )
    if _is_year(n, norm):
        return None
    words = words_after(sent, n.end, 4)
    if not words:
        return None
    if lang == "vi" and n.spelled and n.value == 1:
        return None  # "một" is also "a"
    prev_word = words_before(sent, n.start, 1)
    if prev_word and prev_word[0][0].casefold() in _LABEL_BEFORE:
        return None  # "tầng 30" (floor 30), "stage four", "No. 5": a label, not a quantity
    if n.spelled and n.value == 1 and lang not in ("zh", "ja"):
        return None  # "one people", "un homme": rhetoric or an article
    if lang == "vi":
        pair = " ".join(w for w, _, _ in words[:2]).casefold()
        if words[0][0].casefold() == "người" or pair in _VI_PEOPLE:
            e = words[1][2] if pair in _VI_PEOPLE else words[0][2]  # "người dân", "trẻ em"
            if "/" in sent[n.end : words[0][1]]:
                return None  # "750 nghìn/ người/ tháng": an amount per person, not people
            subject = sent[words[0][1] : e]
            if pair not in _VI_PEOPLE:  # "người" alone: who they are comes after it
                subject = who_they_are(sent, n.start, words[0][1], e, lang)
            return _fig(n.value, "person", "people", subject, sent, n.start, e, qual, lang)
    # skip adjectives between the number and the noun ("5,000 local students")
    for k, (w, _, e) in enumerate(words[:3] if lang != "vi" else []):
        low = w.casefold()
        if k > 0 and w[:1].isupper() and lang not in ("de", "ar", "zh", "ja", "vi"):
            break  # "World 100 Best Chefs": a title, not a count
        if low in _PEOPLE or (lang == "ar" and _ar_strip(low) in _PEOPLE):
            after_noun = words[k + 1][0] if k + 1 < len(words) else ""
            if (
                lang == "en"
                and after_noun.islower()
                and after_noun.endswith("s")
                and after_noun.casefold() not in STOP_WORDS
                and after_noun.casefold() not in _PEOPLE
                and sent[e : words[k + 1][1]].strip() == ""
            ):
                return None  # "two police vans": the person noun modifies another noun
            subject = sent[words[0][1] : e]
            if k == 0 and low in GENERIC_PEOPLE:  # "60 people": who they are is said around
                subject = who_they_are(sent, n.start, words[0][1], e, lang)
            return _fig(n.value, "person", "people", subject, sent, n.start, e, qual, lang)
        if low in STOP_WORDS or low in MONTH_WORDS:
            break
    if n.spelled and (lang == "vi" or n.value == 1):
        return None  # "một", "satu kenyataan", "ein Knast": an article, not a count
    prev = words_before(sent, n.start, 1)
    if prev and prev[0][0].casefold() in _LABEL_BEFORE:
        return None  # "tầng 30" (floor 30), "thứ 2", "No. 5": a label, not a quantity
    w0, s0, e0 = words[0]
    low = w0.casefold()
    if low in _RANK_AFTER:
        return None  # "44 место", "3rd place": a rank
    if low in STOP_WORDS or low in MONTH_WORDS or len(w0) < 2:
        return None
    if lang in ("en", "fr", "es", "pt") and n.spelled and not low.endswith(("s", "x")):
        return None
    if lang == "de" and n.spelled and not w0[0].isupper():
        return None
    if w0[0].isupper() and lang not in ("de", "ar", "zh", "ja", "vi"):
        return None  # "Sept. 12 Apple", "in 2021 Tokyo": a number before a name
    # generic count: the counted noun (and an adjective or noun right after it)
    end = e0
    if len(words) > 1 and words[1][0].casefold() not in STOP_WORDS:
        w1 = words[1][0]
        if lang in ("vi", "ar", "fr", "es", "pt", "ms", "id"):
            end = words[1][2]
        elif lang == "en" and not low.endswith("s") and w1.endswith("s") and w1.islower():
            end = words[1][2]  # "300 artillery rounds"
    subject = sent[s0:end]
    return _fig(n.value, _unit_noun(w0, lang), "count", subject, sent, n.start, e0, qual, lang)


#: characters that end a Chinese noun run: aspect, prepositions, conjunctions, the copula
_CJK_FUNCTION = "已在被将將于於和与與都也是有向对對从從把为為的了及并並"


def _cjk_noun(run: str) -> str:
    """A run of CJK characters cut at its first function character (kept >= 2)."""
    for k, ch in enumerate(run):
        if k >= 2 and ch in _CJK_FUNCTION:
            return run[:k]
    return run


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


def _fig(value, unit, kind, subject, sent, start, end, qual, lang) -> Figure:
    rule = getattr(subject, "rule", "counted")  # plain strings: the counted noun
    subject = (subject or "").strip(" ,.;:-–—\"'")
    if kind in ("percent", "money"):
        completed = complete_bare_verb(subject, sent, start)
        if completed != subject:
            subject, rule = completed, "bare-verb"
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
        subject_rule=rule,
    )
