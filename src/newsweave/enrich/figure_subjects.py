"""The subject of a figure: what a number measures, from the words around it.

:mod:`newsweave.enrich.figures` finds a figure's value, unit, kind and qualifier,
and the counted noun of people and counts.  This module finds the subject of the
other kinds, without a parser (dependency-free, with word lists per language):

* a percentage (:func:`percent_subject`): the "of ..." phrase after it
  (``60 % de la forêt``, ``of the harvest``, ``من المحصول``); in English the
  noun the figure modifies (``a 4 to 7 per cent drop in ferry bookings``,
  ``a 30 per cent share in X``); else the clause's noun phrase;
* an amount, area, distance or duration (:func:`subject_of`): the "of ..."
  phrase after it (``three weeks of repairs``); the noun before "of"
  (``a fine of S$4,500 for Lim`` gives ``fine for Lim``, ``a cost of $80
  million`` gives ``cost``); the noun it qualifies (``a US$75 million loan``);
  else the clause's noun phrase;
* the clause's noun phrase comes from a small per-language chunker
  (:func:`_np_subject`).  It walks back from the figure past qualifiers,
  prepositions, verbs (a lexicon in en/fr/es/pt/de/vi/ms plus English ``-ed``,
  French ``-é``, Malay ``meN-/di-/ber-``), time words, the unit of an earlier
  number and a relative pronoun with its comma (``imports from Chile, which
  dropped … 22 per cent``).  It takes the noun phrase, keeping a preposition
  inside it and a long name (``deposit rate in Taipei``, ``Dow Jones Industrial
  Average``), and keeps the clause's verb after it (``Wheat slumped``,
  ``HPX tăng``, ``harga minyak sawit turun``).  A value word (``giá trị``,
  ``tổng cộng``, ``value``) takes the noun phrase whose value it is
  (``gói thầu … giá trị``).  A subject that is only a verb of change gets
  the noun before that verb (:func:`complete_bare_verb`);
* a date (:func:`date_subject`): after an English possessive date, or right
  after an event noun, the event (``Norway's Feb. 15 election``, ``his next
  court hearing April 19``); else the words of the date's clause around it
  (:func:`date_span`), without the date and the when-words that tie it in:
  ``A lawyer was on Monday (Oct 10) handed a suspension`` gives ``A lawyer
  handed a suspension``.  A clause that says nothing by itself (``On Jun 2,``,
  ``tại Huế,``, an actor and its apposition) joins the clause after it.

Chinese and Japanese take the run of characters before or after the figure.
The word lists that extraction needs as well (stop words, month words, the
qualifier words) live here, and :mod:`newsweave.enrich.figures` imports them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

__all__ = [
    "MONTH_WORDS",
    "QUALIFIERS",
    "STOP_WORDS",
    "Subject",
    "cjk_before",
    "complete_bare_verb",
    "content_words",
    "date_subject",
    "GENERIC_PEOPLE",
    "percent_subject",
    "subject_of",
    "word_set",
    "words_after",
    "words_before",
    "who_they_are",
]


class Subject(str):
    """A subject phrase and the ``rule`` that found it (``"of"``, ``"np"``,
    ``"words-before"``, ``"date-span"`` ...); :func:`newsweave.enrich.figures.trusted`
    reads the rule to decide whether the subject can be reported."""

    rule: str

    def __new__(cls, text: str = "", rule: str = "none") -> Subject:
        obj = super().__new__(cls, text)
        obj.rule = rule
        return obj


# ====================================================================== lexicon
def word_set(s: str) -> frozenset[str]:
    """The casefolded words of ``"a|b|c"``."""
    return frozenset(w.casefold() for w in s.split("|"))


#: qualifier words before a number.  figures.py reads a figure's qualifier from
#: them, and the chunker walks past them.
QUALIFIERS: list[tuple[str, str]] = [
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

#: "of" per language, for the "of ..." phrase after a figure
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

#: function words and the like: never a subject's head, and a counted noun is never one of them
STOP_WORDS = word_set(
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
#: month names and clock words: what follows a number that is a date or a time
MONTH_WORDS = word_set(
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    "am|pm|a.m|p.m|h|uhr|giờ|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|gmt|utc"
)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


# ====================================================================== words around a figure
def words_after(text: str, pos: int, n: int) -> list[tuple[str, int, int]]:
    """Up to ``n`` words after ``pos`` in its clause, as ``(word, start, end)``."""
    out = []
    for m in _WORD.finditer(text, pos):
        gap = text[pos : m.start()] if not out else text[out[-1][2] : m.start()]
        if re.search(r"[.;:!?،؛()\[\]\"“”«»]|,\s", gap):
            break
        out.append((m.group(0), m.start(), m.end()))
        if len(out) >= n:
            break
    return out


def words_before(text: str, pos: int, n: int, commas: int = 0) -> list[tuple[str, int, int]]:
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


def content_words(words: Sequence[str]) -> list[str]:
    """``words`` without the stop words."""
    return [w for w in words if w.casefold() not in STOP_WORDS]


def cjk_before(sent: str, pos: int) -> str:
    """The run of up to six CJK characters just before ``pos``."""
    m = re.search(r"([\u4e00-\u9fff]{1,6})[^\u4e00-\u9fff\d]{0,2}$", sent[:pos])
    return m.group(1) if m else ""


@lru_cache(maxsize=1)
def _qual_words() -> frozenset[str]:
    return frozenset(w.casefold() for _, ws in QUALIFIERS for p in ws.split("|") for w in p.split())


# ====================================================================== subject chunker
# A small, dependency-free noun-phrase chunker for the subject of a figure.  In
# "Norway's output fell 2.1 per cent", "HPX tăng 1,2%", "Inflasi turun 15 bps
# menjadi 3,10 persen" the measured thing is the grammatical subject of the clause:
# the noun phrase before the verb that governs the number.  Walking back from the
# figure we skip what lies between (qualifiers, prepositions, verbs, adverbs, time
# words, units of an earlier number, a relative pronoun and its comma), then take
# the noun phrase; a content verb met on the way is kept after it ("Wheat slumped").

#: "to be": a figure after it and before an adjective is an intensifier ("was 100 % sure")
_BE = word_set("is|was|are|were|be|been|being|am|est|était|es|era|fue|é|foi|ist|war")
#: verbs of measuring and reporting; copulas and light verbs say nothing and are not kept
_COPULAS = word_set(
    "is|was|are|were|be|been|being|has|have|had|stood|stands|stand|hovers|hovered|hover|"
    "remains|remained|remain|reached|reaches|reach|totalled|totaled|totals|amounted|amounts|"
    "came|comes|worth|at|to|by|from|up|down|now|still|also|already|just|only|currently|"
    "có|là|đạt|ở|mức|còn|lên|xuống|đến|tới|vẫn|đã|sẽ|đang|cũng|được|bị|chỉ|khoảng|"
    "adalah|ialah|merupakan|sebanyak|menjadi|mencapai|kepada|ke|telah|akan|sudah|masih|juga|"
    "berjumlah|sebesar|sebanyak|senilai|hanya|est|était|sont|a|ont|atteint|s'élève|es|fue|era|son|alcanzó|alcanza|"
    "é|foi|era|são|atingiu|atinge|ist|war|sind|liegt|lag|beträgt|betrug|erreichte"
)
_VERBS = _COPULAS | word_set(
    "rose|rise|rises|risen|fell|fall|falls|fallen|grew|grow|grows|grown|slid|slide|slides|"
    "hit|hits|cost|costs|paid|pays|pay|earned|earns|raised|raises|cut|cuts|lost|loses|lose|"
    "gained|gains|gain|jumped|jumps|climbed|climbs|dropped|drops|soared|surged|plunged|"
    "slumped|declined|increased|decreased|shed|added|adds|accounted|accounts|account|"
    "represent|represents|represented|make|makes|made|said|says|say|told|valued|valuing|"
    "kept|keeps|held|holds|left|put|brought|sold|sells|bought|buys|spent|spends|won|wins|"
    "took|takes|gave|gives|got|gets|became|become|sent|went|owns|owes|sets|flew|met|ran|"
    "came|began|fled|fought|struck|shot|found|led|wrote|spoke|chose|broke|drove|hit|"
    "tăng|giảm|trả|thu|chi|góp|chiếm|bán|mua|nộp|vay|kiểm|soát|lỗ|lãi|"
    "naik|turun|meningkat|menurun|melonjak|merosot|didenda|membayar|dibayar|bernilai|"
    "menyumbang|mewakili|augmenté|baissé|chuté|progressé|reculé|représente|subió|cayó|"
    "aumentó|bajó|representa|subiu|caiu|aumentou|caíram|stieg|sank|fiel|wuchs"
)
#: words for *when* something happened: not what a figure measures
_TIME_WORDS = word_set(
    "today|yesterday|tomorrow|tonight|year|years|month|months|week|weeks|day|days|quarter|"
    "morning|afternoon|evening|night|midnight|dawn|late|early|earlier|later|last|next|this|"
    "ago|previously|recently|few|past|coming|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    "january|february|march|april|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    "hôm|nay|qua|ngày|sáng|chiều|tối|trưa|đêm|rạng|khuya|vào|lúc|từ|năm|tháng|tuần|quý|ngoái|"
    "trước|sau|thứ|"
    "pada|pagi|petang|malam|sejak|mulai|hari|semalam|kelmarin|isnin|selasa|rabu|khamis|"
    "jumaat|sabtu|ahad|minggu|senin|kamis|jumat|bulan|tahun|lalu|"
    "heures|heure|premières|hier|aujourd'hui|matin|soir|nuit|lundi|mardi|mercredi|jeudi|"
    "vendredi|samedi|dimanche|ce|cette|depuis|ayer|hoy|lunes|martes|miércoles|jueves|"
    "viernes|sábado|domingo|ontem|hoje|segunda-feira|terça-feira|quarta-feira|"
    "quinta-feira|sexta-feira|gestern|heute|montag|dienstag|mittwoch|donnerstag|freitag|"
    "samstag|sonntag|respectively|year-on-year|annually|weekly|daily|yoy|qoq|mom|ytd|y-o-y"
)
#: units of a number met while walking back ("by 25 basis points to 4.75 per cent")
_UNIT_WORDS = word_set(
    "per|cent|percent|pct|bps|basis|points|point|peratus|persen|phần|trăm|mata|"
    "million|billion|trillion|thousand|hundred|juta|bilion|ribu|triệu|tỷ|tỉ|nghìn|ngàn|"
    "millions|milliards|millones|milhões|bilhões|millionen|milliarden|tonnes|tons|"
    "dollars|dollar|euros|euro|pounds|pound|yen|yuan|đồng|usd|ringgit|sen|cents|kg|gdp"
)
#: conjunctions open a clause: the noun phrase does not reach past them
_CONJ = word_set(
    "but|however|while|whereas|meanwhile|although|though|and|or|tetapi|namun|sedangkan|"
    "manakala|walaupun|nhưng|song|mà|còn|và|hoặc|mais|tandis|pero|mientras|mas|enquanto|"
    "aber|während|sondern|e|et|y|und|dan|serta"
)
#: how many times: "rose threefold to US$18 billion"
_MULTIPLIERS = word_set("twofold|threefold|fourfold|fivefold|tenfold|double|doubled|triple|tripled")
_RELATIVE = word_set("which|that|who|whose|yang|mà|qui|que|lequel|laquelle|cual|welche|welcher")
#: a preposition inside a noun phrase ("deposit rate in Taipei", "imports from Chile")
_NP_PREPS = word_set(
    "of|in|at|for|from|on|to|with|between|de|du|des|d'|của|ở|tại|với|di|dari|daripada|dengan|"
    "von|der|des|do|da"
)
#: determiners and quantifiers inside a noun phrase ("fees for many clubs")
_DETS = word_set("the|a|an|its|their|his|her|our|many|some|all|several|most|these|those|each")
#: vague place words: a range's "somewhere between"
_VAGUE_WORDS = word_set("somewhere|anywhere|between")
#: a locative phrase at the end of a date's clause is where, not what ("tại Hà Nội")
_PLACE_PREPS = word_set(
    "at|in|near|outside|inside|tại|ở|gần|trong|di|dekat|à|dans|près|en|em|no|na|bei|im"
)


def _is_verb(word: str, lang: str | None) -> bool:
    """A verb from the lexicon, or a past participle by its ending (en "crashed",
    fr "payé"); capitalised words are names."""
    low = word.casefold()
    if low in _VERBS:
        return True
    if not word.islower() or len(low) <= 3:
        return False
    if lang in (None, "en"):
        return low.endswith("ed") and low not in _NOT_VERBS_ED
    if lang == "fr":
        return low.endswith(("é", "és", "ée", "ées")) and "'" not in low and "’" not in low
    if lang in ("ms", "id"):  # meN-, di-, ber- verbs: "merompak", "didenda", "berjaya"
        return (
            len(low) > 5
            and (low.startswith(("me", "di")) or (len(low) > 6 and low.startswith(("ber", "ter"))))
            and low not in _MS_NOT_VERBS
        )
    return False


_MS_NOT_VERBS = word_set(
    "menteri|mesyuarat|mereka|media|dimensi|dinasti|digital|diploma|direktor|disiplin|"
    "diskaun|dividen|diesel|dialog|diri|dirinya|berita|terminal|teruk|terutama|tertentu|"
    "melayu|merdeka|meja|mesin|metrik|medan|mesej|meter|meteran|metro|mewah"
)


#: English words in -ed that are not verbs
_NOT_VERBS_ED = word_set("hundred|bed|red|seed|speed|need|shed|indeed|breed|greed|feed|creed|steed")


def _np_subject(sent: str, pos: int, lang: str | None, max_words: int = 4) -> str:
    """The noun phrase that a figure at ``pos`` measures, by walking back in its clause.

    Returns "" when no noun phrase is found (the caller falls back to other cues).
    """
    if lang in ("zh", "ja"):
        return ""
    # brackets are asides ("(consumer price index/CPI)"); blank them keeping offsets
    text = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", lambda m: " " * len(m.group(0)), sent[:pos])
    words = words_before(text, pos, 18, commas=0)
    crossed = False
    verb: str | None = None
    verb_at = -1
    i = len(words) - 1
    article = False  # the word just skipped (to the right) was an article
    while i >= 0:  # phase 1: skip to the noun phrase
        low = words[i][0].casefold()
        if low in _RELATIVE and not crossed and i == 0:
            # "..., which dropped 22 per cent": the antecedent is before the comma
            more = words_before(text, words[0][1], 8, commas=1)
            if not more:
                return ""
            words, i, crossed = more, len(more) - 1, True
            continue
        if verb is not None and verb_at == i + 1 and low in _CONJ and low not in ("or", "hoặc"):
            return ""  # "… and kept the 100 %": the verb's subject is elided
        is_verb = _is_verb(words[i][0], lang) or (
            # "committing £2.3 billion": an English -ing form governing the figure
            lang in (None, "en")
            and low.endswith("ing")
            and len(low) > 5
            and words[i][0].islower()
            and low not in _ING_NOUNS
        )
        if (
            article
            and verb is None
            and low not in STOP_WORDS
            and low not in _TIME_WORDS
            and low not in _qual_words()
            and words[i][0][:1].islower()
        ):
            is_verb = True  # "mantêm os 100 %": a word before an article is a verb
        article = low in _ARTICLES
        if is_verb:
            if low not in _COPULAS:
                if verb is None:
                    verb, verb_at = words[i][0], i
                elif verb_at == i + 1:  # "kiểm soát", "bổ sung": a verb of two syllables
                    verb, verb_at = words[i][0] + " " + verb, i
            i -= 1
            continue
        if (
            low in STOP_WORDS
            or low in _TIME_WORDS
            or (low in _NUM_WORDS and i + 1 < len(words) and _timeish(words[i + 1][0]))
            or low in _MULTIPLIERS
            or (
                low in _UNIT_WORDS
                and re.search(r"\d", text[max(0, words[i][1] - 20) : words[i][1]])
            )
            or low in _qual_words()
            or low in _RELATIVE
            or low in _VAGUE_WORDS
        ):
            i -= 1
            continue
        break
    if i < 0 and not crossed:
        # nothing but verbs and particles in this clause ("..., or 0.3 per cent"):
        # the subject is in the clause before the comma
        more = words_before(text, words[0][1] if words else pos, 8, commas=1)
        if more and more[-1][2] <= (words[0][1] if words else pos):
            crossed = True
            words, i = more, len(more) - 1
            while i >= 0:
                low = words[i][0].casefold()
                if low in _VERBS and low not in _COPULAS and verb is None:
                    verb = words[i][0]
                if not (
                    low in _VERBS
                    or low in STOP_WORDS
                    or low in _TIME_WORDS
                    or low in _UNIT_WORDS
                    or low in _qual_words()
                    or (low in _NUM_WORDS and i + 1 < len(words) and _timeish(words[i + 1][0]))
                ):
                    break
                i -= 1
    if i < 0:
        return ""
    np_words: list[str] = []
    prep_used = False
    j = i
    obj_verb: str | None = None
    while j >= 0:  # phase 2: the noun phrase
        w = words[j][0]
        low = w.casefold()
        if np_words and re.search(r"\d", text[words[j][2] : words[j + 1][1]]):
            return ""  # "of 7 million units": the noun phrase counts another number
        # a name of several words ("Dow Jones Industrial Average") counts as one word
        size = sum(
            1
            for k, x in enumerate(np_words)
            if not (k and x[:1].isupper() and np_words[k - 1][:1].isupper())
        )
        if size >= max_words and not (w[:1].isupper() and np_words[-1][:1].isupper()):
            break
        if low in _DETS and np_words and j > 0 and words[j - 1][0].casefold() in _NP_PREPS:
            j -= 1  # "fees for many clubs": look past the determiner to the preposition
            continue
        if (
            low in _NP_PREPS
            and low not in _NOT_STOP.get(lang or "", ())
            and not prep_used
            and j > 0
        ):
            prev = words[j - 1][0].casefold()
            if prev not in STOP_WORDS and prev not in _VERBS and prev not in _TIME_WORDS:
                np_words.append(w)
                prep_used = True
                j -= 1
                continue
        if (
            (low in STOP_WORDS and low not in _NOT_STOP.get(lang or "", ()))
            or low in _VERBS
            or low in _TIME_WORDS
            or low in _RELATIVE
            or low in _CONJ
            or low in _qual_words()
            or _is_verb(w, lang)
        ):
            if verb is None and np_words and _is_verb(w, lang) and low not in _COPULAS:
                obj_verb = w  # "bought Orion in June for AUS$90 million"
            break
        np_words.append(w)
        j -= 1
    if lang in (None, "en") and np_words and j >= 0 and not crossed:
        lead, k = _head_first(words, j, lang)
        if lead and len(lead) <= max_words:
            np_words, j = list(reversed(lead)), k
            d = k - 1 if k > 0 and words[k][0].casefold() in _DETS else k
            if (
                verb is None
                and d >= 0
                and _is_verb(words[d][0], lang)
                and words[d][0].casefold() not in _COPULAS
            ):
                obj_verb = words[d][0]  # "raised the base rate charged through …"
    if re.match(
        r"\s+(?:of|de|dari|daripada|của)\s+(?:[^\W\d_]+\s+)?[$€£¥]?\d", text[words[i][2] :]
    ):
        return ""  # "the previous peak of 7.42 million tonnes": the noun heads another number
    first = words[j + 1][1] if j + 1 < len(words) else pos
    lead = re.split(r"[,.;:!?，]", text[(words[j][2] if j >= 0 else max(0, first - 20)) : first])
    if re.search(r"\d", lead[-1]):
        return ""  # "of 7 million units … 20 per cent more": the noun counts another number
    np_words.reverse()
    while (
        np_words
        and np_words[0].casefold() in _NP_PREPS
        and np_words[0].casefold() not in _NOT_STOP.get(lang or "", ())
    ):
        np_words.pop(0)
    if not np_words or all(w.casefold() in _NUM_WORDS for w in np_words):
        return ""  # "in the first eight months": a time phrase
    if (
        lang in (None, "en")
        and j >= 0
        and words[j][0].casefold() in _INFINITIVE
        and all(w.islower() for w in np_words)
        and len(np_words) == 1
    ):
        return ""  # "have to fork out 20 cents": a verb after "to" or a modal
    if any(w.casefold() in _CHANGE_NOUNS for w in np_words) and not any(
        w.casefold() in _NP_PREPS for w in np_words
    ):
        # "pendapatan … mengalami penurunan tipis sebesar 1 persen": a noun of change;
        # what changed is the subject before it (past a light verb)
        owner = _np_subject(sent, words[j][1] if j >= 0 else words[0][1], lang, max_words=4)
        if owner and not any(w.casefold() in _CHANGE_NOUNS for w in owner.split()):
            return Subject(owner + " " + " ".join(np_words), "np-change")
        return ""
    if all(w.casefold() in _VALUE_WORDS for w in np_words) and not crossed:
        # "gói thầu này có giá trị 4,2 tỷ đồng", "…, tổng cộng được 90 tỷ đồng": a value
        # word; whose value it is is said before (maybe before the comma)
        owner = _np_subject(sent, words[j][2] if j >= 0 else words[0][1], lang, max_words=3)
        if owner:
            return Subject(owner + " " + " ".join(np_words + ([verb] if verb else [])), "np-value")
    rule = "np-verb" if verb else ("np-object" if obj_verb else "np")
    return Subject(
        " ".join(([obj_verb] if obj_verb else []) + np_words + ([verb] if verb else [])), rule
    )


#: words before an English verb: "to", modals, pronouns
_INFINITIVE = word_set(
    "to|will|would|can|could|must|should|may|might|shall|not|he|she|they|we|i|you|it"
)
#: English nouns in -ing (a figure's subject, not a verb governing it)
_ING_NOUNS = word_set(
    "building|buildings|meeting|funding|spending|housing|training|hearing|ruling|shooting|"
    "bombing|warning|offering|listing|rating|ceiling|morning|evening|thing|king|ring|wing|"
    "spring|string|sibling|wedding|clothing|parking|shipping|trading|lending|borrowing|"
    "financing|pricing|earnings|savings|holdings|findings|proceedings|dealing|booking|"
    "bookings|billing|filling|landing|opening|ending|beginning|feeling|painting|setting|"
    "spending|feeding|screening|testing|polling|voting|marketing|advertising|engineering|"
    "manufacturing|mining|banking|accounting|processing|recycling|outstanding|nothing|"
    "something|anything|everything|during|including|according|following|concerning|"
    "regarding|pending|remaining|existing|leading|rising|falling|growing|ongoing|upcoming"
)
#: articles: a word right before one that precedes a figure is a verb ("mantêm os 100 %")
_ARTICLES = word_set("the|a|an|le|la|les|el|los|las|o|os|um|uma|uns|umas|un|une|der|die|das")
#: number words and ordinals: part of a time phrase ("the first eight months"), not a noun
_NUM_WORDS = word_set(
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|first|second|third|"
    "fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|next|past|several|few|many|dozen"
)
#: nouns of change: what changed is named elsewhere ("mengalami penurunan 1 persen")
_CHANGE_NOUNS = word_set(
    "increase|decrease|rise|fall|drop|decline|growth|gain|jump|surge|hike|cut|reduction|"
    "penurunan|kenaikan|peningkatan|pertumbuhan|lonjakan|hausse|baisse|augmentation|"
    "diminution|croissance|aumento|subida|caída|queda|alta|crecimiento|crescimento|anstieg|"
    "rückgang|wachstum|mức|tăng|giảm|trưởng"
)
#: prepositions that chain the parts of a long English noun phrase
_CHAIN_PREPS = word_set("of|in|at|on|to|for|from|with|through|under|by|over|between|across")


def _timeish(word: str) -> bool:
    low = word.casefold()
    return low in _TIME_WORDS or low in _NUM_WORDS


def _head_first(
    words: list[tuple[str, int, int]], j: int, lang: str | None
) -> tuple[list[str], int]:
    """English: the head of a long noun phrase is its first noun group ("Russian thermal
    coal at 5,500 kcal on delivery basis to China", "the base rate charged through its
    overnight discount").  From ``words[j]``, the word where the nearest noun group
    stopped, walk back through prepositions (with their determiners, and a participle
    before one: "rate charged through") and the noun groups between them; return the
    leftmost group and the index of the word before it, or ``([], j)``."""
    k = j
    found: list[list[str]] = []
    cur: list[str] = []
    while k >= 0:
        w = words[k][0]
        low = w.casefold()
        if low in _CHAIN_PREPS:
            if cur:
                found.append(cur)
                cur = []
            prev = words[k - 1][0] if k > 0 else ""
            if k > 0 and _noun_like(prev, lang):
                k -= 1
                continue
            if (
                k > 1
                and prev.endswith("ed")
                and prev.islower()
                and prev.casefold() not in _COPULAS
                and _noun_like(words[k - 2][0], lang)
            ):
                k -= 2
                continue
            break
        if low in _DETS and not cur and k > 0 and words[k - 1][0].casefold() in _CHAIN_PREPS:
            k -= 1
            continue
        if (
            _noun_like(w, lang)
            and (cur or found or k < j)
            and not (  # "Tokyo coffee": a name before a common noun is another phrase …
                w[:1].isupper()
                and cur
                and not cur[-1][:1].isupper()
                and k > 0  # … unless it opens the clause ("Brazilian arabica coffee")
                and words[k - 1][0].casefold() not in STOP_WORDS
            )
        ):
            cur.append(w)
            k -= 1
            continue
        break
    if cur:
        found.append(cur)
    if not found:
        return [], j
    return list(reversed(found[-1])), k


#: stop words of other languages that are syllables of words here ("di chứng", "do dự")
_NOT_STOP = {"vi": frozenset({"di", "do", "da", "no", "na", "la", "a", "e", "o", "y", "dan", "ke"})}

#: words for a value or amount: they say *that* a number is an amount, not of what
_VALUE_WORDS = word_set(
    "giá|trị|mức|tổng|cộng|số|tiền|value|total|sum|amount|worth|price|level|jumlah|nilai|harga|"
    "montant|valeur|prix|total|valor|monto|importe|preço|wert|betrag"
)


def _of_phrase(text: str, pos: int, lang: str | None) -> str | None:
    """The 'of X' phrase right after ``pos`` (``de l'ouest du pays``), without 'of'.

    A bracketed conversion or the second half of a range in between is skipped:
    ``£400 million (US$500 million) of flood relief``, ``60 per cent to 65 per cent of``.
    """
    rest = text[pos:]
    m = re.match(r"\s*\([^()]{1,40}\)", rest) or re.match(
        r"\s*(?:to|and|or|-|–|à|a|bis|hingga|đến)\s+[^\s]*\d[\d.,]*\s?(?:%|per cent|percent|"
        r"pour cent|por ciento|por cento|prozent|peratus|persen|phần trăm|[a-zA-Z$€£]{0,3})",
        rest,
    )
    if m:
        pos += m.end()
    words = words_after(text, pos, 7)
    if not words:
        return None
    first = words[0][0].casefold()
    preps = _OF.get(lang or "en", ("of",))
    elided = next((p for p in preps if p.endswith(("'", "’")) and first.startswith(p)), None)
    if first in preps or elided:
        phrase_words = words[1:] if not elided else [(first[len(elided) :], 0, 0)] + words[1:]
        cut = []
        for k, (w, _, _) in enumerate(phrase_words):
            if w.casefold() in ("that", "which", "who", "qui", "que", "que", "التي", "الذي", "mà"):
                break
            nxt = phrase_words[k + 1][0].casefold() if k + 1 < len(phrase_words) else ""
            if w.casefold() in _CONJ and (nxt in _PRONOUNS or "'" in nxt or "’" in nxt):
                break  # "90 % of the traffic and we're going to …": a new clause
            cut.append(w)
        if elided:
            cut[0] = words[0][0]  # keep "l'ouest" as written
        phrase = " ".join(cut[:5]).strip()
        return phrase or None
    return None


# ====================================================================== dates
_ZH_TIME_TAIL = re.compile(
    r"(?:星期[一二三四五六日天]|礼拜[一二三四五六日天]|周[一二三四五六日]|今天|昨天|明天|今日|昨日|"
    r"上午|下午|晚上|晚间|凌晨|早上|中午|当天|当日|日前|于|於|在|是|的)+$"
)
#: a date's clause ends in when-words: "late on", "vào hôm", "rạng sáng", "bắt đầu từ"
_DATE_TAIL = word_set("bắt|đầu|tối|đa|kể|hạn|chót|mulai|bermula|hingga|sehingga|jusqu'au|jusqu'à")
_SAY = word_set(
    "said|says|told|announced|reported|stated|added|confirmed|cho|biết|nói|kata|berkata|"
    "memberitahu|dit|déclaré|annoncé|dijo|afirmó|disse|afirmou|sagte|erklärte"
)


def date_subject(sent: str, start: int, end: int, lang: str | None) -> Subject:
    """What happened on a date: the clause's words before it, without when- and
    where-words ("flew to Oslo late on", "di Jalan Kebun Teh pada");
    the event noun after an English possessive date ("Norway's Feb. 15 election");
    else the clause after it."""
    if lang in ("zh", "ja"):
        m = re.search(r"([\u4e00-\u9fff]{1,14})[^\u4e00-\u9fff\d，。]{0,2}$", sent[:start])
        run = _ZH_TIME_TAIL.sub("", m.group(1)) if m else ""
        stripped = m is not None and run != m.group(1)
        run = re.sub(r"^(?:但|而|并|並|且|和|与|與|据|據)", "", run)[-6:]
        skip = len(sent[end:]) - len(sent[end:].lstrip(" ,)）"))
        if len(run) > 2 and stripped:
            # "市政府星期五（3月4日）宣布…": who, then what they did
            act = re.match(r"[\u4e00-\u9fff]{2,8}", sent[end + skip :])
            if act:
                return Subject(run + " " + act.group(0), "date-zh-actor-act")
            return Subject(run, "date-zh-actor")
        if len(run) > 2:
            return Subject(run, "date-zh-before")
        after_run = re.match(r"[\u4e00-\u9fff]{2,10}", sent[end + skip :])
        return Subject(after_run.group(0), "date-zh-after") if after_run else Subject()
    nxt = words_after(sent, end, 1)
    owner = re.search(
        r"(?:([^\W\d_]+['’]s)|\b(?:the|its|their|his|her|this|last))\s*$", sent[:start]
    )
    if (
        lang in (None, "en")
        and owner
        and nxt
        and sent[end : nxt[0][1]].strip() == ""
        and nxt[0][0].islower()
        and nxt[0][0].casefold() not in STOP_WORDS
        and nxt[0][0].casefold() not in _VERBS
        and nxt[0][0].casefold() not in _TIME_WORDS
    ):
        return Subject(" ".join(filter(None, [owner.group(1), nxt[0][0]])), "date-possessive")
    noun = re.search(
        r"((?:[^\W\d_]+\s+){0,2}([^\W\d_]+))\s+(?:on|of|pada|vào|le|du|el|del|am|em|no|на)?\s*$",
        sent[:start],
    )
    if noun and noun.group(2).casefold() in _EVENT_NOUNS:
        # "his next court hearing April 19", "the election on Nov 19": the event named
        kept = [w for w in noun.group(1).split() if _noun_like(w, lang) or w.casefold() == "next"]
        return Subject(" ".join(kept), "date-event-noun")
    return date_span(sent, start, end, lang)


#: auxiliaries, negation and adverbs between an actor and its verb
_AUX = word_set(
    "was|were|is|are|be|been|being|has|have|had|will|would|shall|should|can|could|may|"
    "might|must|did|does|do|not|also|then|later|reportedly|allegedly|jointly|officially|"
    "formally|finally|first|already|just|still|yet|only|again|subsequently|eventually|"
    "telah|akan|sudah|sedang|baru|juga|pun|a|ont|est|été|sera|ha|han|fue|será|foi|tem|"
    "hat|wurde|wird|ist|ne|pas|no|não|nicht|tidak|tak"
)
#: pronouns: an actor that names nothing
_PRONOUNS = word_set(
    "he|she|it|they|we|i|you|him|her|them|us|il|elle|ils|elles|él|ella|ellos|ele|ela|"
    "eles|er|sie|es|dia|beliau|mereka|kami|kita|ia|this|that|these|those"
)
#: nouns that name an event: a date's subject without a verb can still say what happened
_EVENT_NOUNS = word_set(
    "election|elections|invasion|attack|attacks|summit|meeting|funeral|ceremony|match|"
    "final|launch|earthquake|quake|storm|typhoon|crash|fire|explosion|blast|vote|referendum|"
    "hearing|trial|verdict|visit|talks|conference|festival|opening|strike|protest|rally|"
    "concert|race|game|games|shooting|bombing|arrest|murder|killing|flood|floods|wedding|"
    "élection|élections|attaque|attentat|sommet|réunion|cérémonie|finale|séisme|incendie|"
    "visite|procès|grève|manifestation|elección|elecciones|ataque|cumbre|reunión|"
    "ceremonia|terremoto|incendio|visita|juicio|huelga|eleição|eleições|cúpula|reunião|"
    "cerimônia|jogo|julgamento|greve|wahl|angriff|anschlag|gipfel|treffen|prozess|"
    "pilihan|pertemuan|mesyuarat|perlawanan|gempa|kebakaran|letupan|serangan|lawatan|"
    "perbicaraan|perhimpunan|upacara|sidang|выборы|нападение|саммит|встреча|матч|финал|"
    "землетрясение|пожар|взрыв|визит|суд|забастовка"
)


def _event_verb(word: str, lang: str | None) -> bool:
    low = word.casefold()
    if low in _SAY:
        return True
    if low in _COPULAS or low in _AUX:
        return False
    if _is_verb(word, lang):
        return True
    return (
        lang in (None, "en")
        and low.endswith("ing")
        and len(low) > 5
        and word.islower()
        and low not in _ING_NOUNS
    )


#: Vietnamese tense and aspect markers come right before the verb (the first ones are
#: preferred: "tổ chức" is also "organisation" in a name)
_VI_MARKERS = re.compile(r"\b(?:đã|sẽ|đang|vừa|mới|cho biết|tổ chức|diễn ra|khai mạc|ký)\b")
_VI_TENSE_OR_VOICE = re.compile(r"\b(?:đã|sẽ|đang|vừa|mới|được|bị)\b")


#: a capitalised when-word after a lower-case word with no stop between them starts a
#: sentence run into the previous one (a headline without its full stop)
_RUN_IN = word_set(
    "sáng|chiều|tối|trưa|đêm|ngày|hôm|khoảng|vào|lúc|rạng|on|in|at|about|around|pada|"
    "sekitar|le|dans|el|en|no|na|am"
)


# ====================================================================== date spans
#: where a date's clause ends: punctuation, brackets, quotes and a spaced dash; not the
#: colon of a clock time ("1: 30") or the full stop of an initial ("a. m.")
_SPAN_BOUNDARY = re.compile(
    r"[;!?()\[\]\"“”«»「」（）]|:(?!\s?\d)|,|\s[-–—]\s|(?<!\s[^\W\d_])\.(?=\s|$)"
)
_SPAN_WORD = re.compile(r"[^\W_][\w'’.&/-]*")
#: words that tie a date to its clause ("on", "since", "vào", "hôm", "late") and numbers
#: of a clock time next to it ("lúc 10 giờ sáng ngày 30/10"): not part of what happened
_SPAN_GLUE = (
    word_set(
        "on|in|at|since|by|from|until|till|this|last|next|early|late|around|about|"
        "before|after|as|giờ|h|am|pm|a.m|p.m|vào|ngày|hôm|sáng|chiều|tối|trưa|đêm|rạng|lúc|"
        "khoảng|từ|đến|tới|sắp|trong|hồi|vừa|qua|le|la|du|au|dès|depuis|en|el|del|desde|hasta|"
        "em|no|na|do|da|até|am|im|seit|bis|pada|sejak|hingga|sehingga|mulai|pukul|sekitar"
    )
    | _TIME_WORDS
)
#: words that cannot end what happened ("and", "the", "to")
_SPAN_EDGE = STOP_WORDS | _CONJ | _RELATIVE | _PLACE_PREPS
#: at most this many words: enough for who did what, short enough for a table
SPAN_WORDS = 12
_RUN_IN_START = re.compile(
    r"[^\W\d_]\s+((?:" + "|".join(w.capitalize() for w in sorted(_RUN_IN)) + r")\b)"
)


def _span_words(sent: str, a: int, b: int) -> list[tuple[str, int, int]]:
    """Words with their offsets; a full stop ends a word unless a letter follows it
    (``U.S.``, ``St.Petersburg`` stay whole)."""
    out = []
    for m in _SPAN_WORD.finditer(sent[a:b]):
        w = m.group()
        bare = w.rstrip(".") if w.count(".") == 1 or not w[:1].isupper() else w
        out.append((bare or w, a + m.start(), a + m.start() + len(bare or w)))
    return out


_CAPTION_WORDS = word_set("ảnh|photo|photos|foto|fotos|image|video|nguồn|source|credit")


def _is_tag(sent: str, a: int, b: int) -> bool:
    """A source tag or dateline segment at the start of a sentence ("(HNMO)",
    "SAN DIEGO", "KARACHI, Pakistan"): upper-case or bracketed, at most three words."""
    words = _span_words(sent, a, b)
    if words and words[0][0].casefold() in _CAPTION_WORDS:
        return True  # "- Ảnh: Reuters", "Photo: AFP": a picture credit
    return len(words) <= 3 and (
        all(w.isupper() or not w[:1].isalpha() for w, _, _ in words)
        or sent[max(0, a - 1) : a] == "("
    )


def _within_sentence(words: list[tuple[str, int, int]], start: int) -> list[tuple[str, int, int]]:
    """The words of the sentence that holds the date, when two ran together without a
    full stop ("… trả lời phóng viên chiều 1/11 Nhưng toàn bộ vụ việc …"): a capitalised
    function word after a lower-case one opens the next sentence."""
    for k in range(1, len(words)):
        w, prev = words[k][0], words[k - 1][0]
        if (
            w[:1].isupper()
            and w.casefold() in STOP_WORDS | _CONJ
            and prev[:1].islower()
            and words[k][1] > start
        ):
            return words[:k]
    return words


def _antecedent(words: list[tuple[str, int, int]], lang: str | None) -> list[tuple[str, int, int]]:
    """The noun phrase that ends a clause, past its when-words ("the break-in on Monday,
    which …" gives "break-in"): at most three words, back to a function word or a verb."""
    k = len(words) - 1
    while k >= 0 and words[k][0].casefold() in _SPAN_GLUE | STOP_WORDS:
        k -= 1
    out: list[tuple[str, int, int]] = []
    while k >= 0 and len(out) < 3:
        w = words[k][0]
        if w.casefold() in STOP_WORDS or _has_event_verb([w], lang, copulas=False):
            break
        out.append(words[k])
        k -= 1
    return out[::-1]


def date_span(sent: str, start: int, end: int, lang: str | None) -> Subject:
    """What happened on a date, as the words of its clause around it.

    The date (with its brackets: ``Monday (Oct 10)``) is blanked out; its clause
    is the part of the sentence between two boundaries (commas, brackets, quotes,
    a spaced dash) that held it, without the words that tie the date in (``on``,
    ``since``, ``vào ngày``, a weekday, a clock time).  A clause with no verb (a
    when-phrase, an actor with an apposition: ``Chiều 22/10, Ủy viên Bộ Chính
    trị, …``) is joined to the ones after it, a clause that only says where
    (``tại Hà Nội,``) is skipped, and one that opens with a relative pronoun
    takes its antecedent (``the queen, who died on Sep 8``); a source tag or a
    dateline never joins.  A long clause keeps the actor before its verb and the
    verb with what follows: at most :data:`SPAN_WORDS` words.  ``Bush injured his
    left knee on Oct. 19 and had surgery`` gives ``Bush injured his left knee and
    had surgery``.
    """
    close = sent.find(")", end)
    if sent[start:end].count("(") > sent[start:end].count(")") and 0 <= close <= end + 2:
        end = close + 1
    lead = sent[:start].rstrip()
    if lead.endswith("(") and sent[end:].lstrip().startswith(")"):
        start, end = len(lead) - 1, end + sent[end:].index(")") + 1  # "(22 Sep)"
    work = sent[:start] + " " * (end - start) + sent[end:]
    cuts = {0, len(work), *(m.end() for m in _SPAN_BOUNDARY.finditer(work))}
    # a headline or caption run into the sentence ("… thời xưa Sáng 24/10, Bảo tàng …")
    cuts |= {m.start(1) for m in _RUN_IN_START.finditer(sent) if m.start(1) <= start}
    cuts = sorted(cuts)
    segments = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]
    here = next((k for k, (a, b) in enumerate(segments) if a <= start < b), len(segments) - 1)
    asides = [(m.start(), m.end()) for m in re.finditer(r"[(（\[][^()（）\[\]]*[)）\]]", work)]

    def words_of(a: int, b: int) -> list[tuple[str, int, int]]:
        if any(x < a and b <= y + 1 for x, y in asides):
            return []  # an aside in brackets says nothing of what happened
        return _span_words(work, a, b)

    def has_verb(words: list[tuple[str, int, int]]) -> bool:
        return _has_event_verb([w for w, _, _ in words], lang, copulas=False)

    def semicolon(k: int) -> bool:  # a clause after ";" is another clause, never joined
        return work[segments[k][0] - 1 : segments[k][0]] == ";"

    def only_where(words: list[tuple[str, int, int]]) -> bool:
        return bool(words) and words[0][0].casefold() in _PLACE_PREPS and not has_verb(words)

    a, b = segments[here]
    words = words_of(a, b)
    before = [w for w in words if w[2] <= start]
    after = [w for w in words if w[1] >= end]
    glue = _SPAN_GLUE | _SPAN_EDGE
    while before and (before[-1][0].casefold() in glue or before[-1][0].isdigit()):
        before.pop()  # "Khoảng 3 giờ 30 ngày 1/11": the clock time goes with the date
    while after and (after[0][0].casefold() in _SPAN_GLUE or after[0][0].isdigit()):
        after.pop(0)
    words = [] if only_where(before + after) else before + after
    if words and words[0][0].casefold() in _RELATIVE and here > 0:
        words = _antecedent(words_of(*segments[here - 1]), lang) + words[1:]  # "the queen, who"
    nxt, prev = here + 1, here - 1
    for _ in range(5):  # join a clause with no verb to the ones after it
        if has_verb(words) or lang in ("zh", "ja") and len(words) >= 2:
            break
        if nxt < len(segments) and not _is_tag(work, *segments[nxt]) and not semicolon(nxt):
            more = words_of(*segments[nxt])
            words = words + ([] if only_where(more) else more)
            nxt += 1
        elif prev >= 0 and not words and not _is_tag(work, *segments[prev]):
            words = words_of(*segments[prev])
            prev -= 1
        else:
            break
    words = _within_sentence(words, start)
    content = [w for w, _, _ in words if w.casefold() not in STOP_WORDS | _SPAN_GLUE]
    # Vietnamese verbs carry no mark: three content syllables stand for a clause there
    unmarked = lang in ("zh", "ja") or (lang == "vi" and len(content) >= 3)
    if len(content) < 2 or not (has_verb(words) or unmarked):
        return Subject()
    if len(words) > SPAN_WORDS:  # the actor before the verb nearest the date, and the verb on
        verbs = [k for k, (w, _, _) in enumerate(words) if _has_event_verb([w], lang)]
        v = min(verbs, key=lambda k: abs(words[k][1] - start)) if verbs else 0
        actor = max(0, v - (9 if lang == "vi" else 4))  # syllables in Vietnamese
        words = words[actor : actor + SPAN_WORDS + (3 if lang == "vi" else 0)]
    while words and words[-1][0].casefold() in _SPAN_EDGE:
        words.pop()
    while words and words[0][0].casefold() in _CONJ | _RELATIVE:
        words.pop(0)
    text = " ".join(w for w, _, _ in words).rstrip(".")
    return Subject(text, "date-span") if text else Subject()


# ====================================================================== who is counted
#: person nouns that say nothing of who is counted: "60 people", "500 người"
GENERIC_PEOPLE = word_set(
    "people|persons|person|individuals|personnes|individus|personas|pessoas|menschen|"
    "personen|orang|человек|людей|человека|أشخاص|شخص|شخصا|người"
)
#: between a person noun and what says who they are ("were at the party", "đã sơ tán")
_WHO_AUX = word_set(
    "were|was|are|is|have|has|had|been|being|who|that|still|all|reportedly|believed|"
    "thought|said|sont|ont|été|étaient|fueron|han|sido|estaban|foram|estavam|wurden|sind|"
    "waren|были|был|была|было|будут|đã|vừa|đang|telah|sudah|yang"
)
#: a participle or adjective that says who people are ("killed", "missing", "on board")
_WHO_WORDS = word_set(
    "killed|dead|injured|wounded|hurt|missing|arrested|detained|evacuated|rescued|infected|"
    "affected|displaced|stranded|trapped|suspected|charged|accused|kidnapped|abducted|held|"
    "hospitalised|hospitalized|employed|aboard|inside|homeless|tués|morts|blessés|disparus|"
    "évacués|arrêtés|muertos|heridos|desaparecidos|evacuados|detenidos|mortos|feridos|"
    "desaparecidos|presos|getötet|verletzt|vermisst|festgenommen|tewas|cedera|hilang|"
    "ditahan|chết|thương|tử|vong|mất|tích|nhiễm|sơ|tán|khuyết|tật|dân|nghèo|già|lao|động|"
    "thiệt|mạng|thiệt mạng|bị|được|mắc|nhập|cư|tham|gia|dự|chăm|sóc|trực|tiếp|bản|địa"
)
#: Vietnamese voice markers: what follows them says what was done to the people counted
_VI_VOICE = word_set("được|bị")
#: words that open another clause: a place phrase ends before them
_WHO_CLAUSE = word_set("when|while|as|after|before|because|where|since|until|if|quand|cuando")
#: prepositions whose phrase says where people are and so who they are ("at the party")
_WHO_PREPS = word_set("at|in|on|aboard|inside|from|dans|à|en|em|no|na|bei|im|di|tại|ở")


def _participle(low: str, lang: str | None) -> bool:
    """A past participle by its ending ("evacuated", "évacués", "evacuados", "evakuiert",
    "задержаны"): what was done to the people counted."""
    if len(low) <= 4:
        return False
    if lang in (None, "en"):
        return low.endswith("ed") and low not in _NOT_VERBS_ED
    endings = {
        "fr": ("és", "ées", "is", "ies"),
        "es": ("ados", "idos", "adas", "idas"),
        "pt": ("ados", "idos", "adas", "idas"),
        "de": ("iert", "ert", "et"),
        "ru": ("ны", "ены", "аны", "ты"),
    }.get(lang or "", ())
    if lang == "de" and not (low.startswith("ge") or low.endswith("iert")):
        return False
    return low.endswith(endings)


def who_they_are(sent: str, number_start: int, noun_start: int, noun_end: int, lang) -> Subject:
    """A generic person noun ("people", "người") with what says who they are: the
    participle or place phrase after it ("12 people were killed", "people at the party",
    "người khuyết tật"), or the verb they are the object of ("killed at least six
    people").  Without one it is the noun alone, a subject that is not reported.
    """
    noun = sent[noun_start:noun_end]
    after = words_after(sent, noun_end, 6)
    k = 0
    while k < len(after) and after[k][0].casefold() in _WHO_AUX:
        k += 1
    if k < len(after) and not re.search(r"[,;:.!?()]", sent[noun_end : after[k][1]]):
        w = after[k][0]
        low = w.casefold()
        if low in _WHO_WORDS or (w.islower() and _participle(low, lang)):
            tail = [w]
            if lang == "vi" and k + 1 < len(after) and after[k + 1][0].casefold() in _WHO_WORDS:
                tail.append(after[k + 1][0])  # "bị thương", "khuyết tật", "sơ tán"
            elif lang == "vi" and low in _VI_VOICE:
                tail += [x for x, _, _ in after[k + 1 : k + 3]]  # "được chọn": what was done
                while len(tail) > 1 and tail[-1].casefold() in STOP_WORDS | _TIME_WORDS:
                    tail.pop()
                if len(tail) == 1:
                    return Subject(noun, "counted-generic")
            return Subject(f"{noun} {' '.join(tail)}", "counted-who")
        if low in _WHO_PREPS and lang != "vi":
            # "5 people in the Gulf were injured": what happened says more than where
            more = words_after(sent, noun_end, 10)
            clause = [x for x, a, _ in more if not re.search(r"[,;:.!?()]", sent[noun_end:a])]
            for j in range(1, len(clause) - 1):
                done = clause[j + 1]
                if clause[j].casefold() in _BE and done.islower() and _participle(done, lang):
                    return Subject(f"{noun} {done}", "counted-who")
            phrase = [x for x, _, _ in after[k : k + 4]]
            ends = _WHO_AUX | _CONJ | _RELATIVE | _WHO_CLAUSE
            stop = next((i for i, x in enumerate(phrase[1:], 1) if x.casefold() in ends), 4)
            phrase = phrase[:stop]
            if len(phrase) >= 2 and phrase[-1].casefold() not in STOP_WORDS:
                return Subject(f"{noun} {' '.join(phrase)}", "counted-who")
    before = words_before(sent, number_start, 4)
    while before and (
        before[-1][0].casefold() in _qual_words() or before[-1][0].casefold() in STOP_WORDS
    ):
        before.pop()
    if before and lang in (None, "en"):
        w = before[-1][0]
        if w.islower() and (w.casefold() in _WHO_WORDS or _participle(w.casefold(), lang)):
            return Subject(f"{noun} {w}", "counted-who")  # "killed at least six people"
    return Subject(noun, "counted-generic")


# ====================================================================== subjects by kind
def percent_subject(
    sent: str,
    number_start: int,
    start: int,
    end: int,
    lang: str | None,
    qual: str | None,
    word_before: bool = False,
) -> Subject:
    """What a percentage measures.  ``number_start`` is where its number begins and
    ``start``/``end`` span the figure with its percent word.  ``word_before`` is true
    when that word comes before the number (``百分之九十``).

    In order: the "of X" phrase after it; in vi/ms/id the words right after it; in
    English the noun it modifies; in Chinese the noun after 的, else the characters
    before it; the clause's noun phrase; else the content words before it, or after.
    """
    of = _of_phrase(sent, end, lang)
    if of is not None:
        return Subject(of, "of")
    if lang in ("vi", "ms", "id"):
        nxt = words_after(sent, end, 3)
        if (
            nxt
            and sent[end : nxt[0][1]].strip() == ""
            and _noun_like(nxt[0][0], lang)  # not "tăng 1,2% lên 45.500 đồng", "1 persen yoy"
        ):
            two = nxt[:2] if len(nxt) > 1 and _noun_like(nxt[1][0], lang) else nxt[:1]
            return Subject(" ".join(w for w, _, _ in two), "noun-after")
    if lang in (None, "en"):
        after = _noun_after(sent, end)  # "a 4 to 7 per cent drop in bookings"
        prev = words_before(sent, number_start, 1)
        if after is not None and prev and prev[0][0].casefold() in _BE:
            return Subject(after, "predicate")  # "was 100 percent professional"
        if after is not None:
            return Subject(after, "noun-after")
    de = re.match(r"的([\u4e00-\u9fff]{1,4})", sent[end : end + 6]) if lang == "zh" else None
    if de:
        return Subject(de.group(1), "cjk-de")  # "70%的居民"
    if lang in ("zh", "ja"):
        return Subject(cjk_before(sent, number_start - (3 if word_before else 0)), "cjk-before")
    np_ = _np_subject(sent, start, lang)
    if np_:
        return np_
    prev = content_words([w for w, _, _ in words_before(sent, number_start, 6)])
    if not [w for w in prev if w.casefold() not in _qual_words()]:
        prev = content_words([w for w, _, _ in words_before(sent, number_start, 6, commas=1)])
    if qual:
        prev = [w for w in prev if w.casefold() not in _qual_words()]
    nxt = content_words([w for w, _, _ in words_after(sent, end, 3)])
    if not prev and nxt:
        return Subject(" ".join(nxt[:3]), "words-after")
    return Subject(" ".join(prev[-4:]), "words-before")


def subject_of(
    sent: str, start: int, end: int, lang: str | None, cross_comma: bool = True
) -> Subject:
    """Subject for money/area/distance/duration: the "of X" phrase after the figure
    ("three weeks of repairs"), the noun it qualifies ("a US$75 million loan"),
    else the content words just before it ("fined $20k"), else after."""
    if lang in ("zh", "ja"):
        nxt = re.match(r"[\u4e00-\u9fff]{2,4}", sent[end:])
        prev_run = cjk_before(sent, start)
        if len(prev_run) <= 1:  # "，为120亿元": the subject is in the clause before
            m = re.search(r"([\u4e00-\u9fff]{2,6})[^\u4e00-\u9fff\d]{1,3}[\u4e00-\u9fff]?$",
                          sent[:start])  # fmt: skip
            prev_run = m.group(1) if m else prev_run
        use_next = nxt and (
            len(prev_run) <= 2
            or prev_run[-1] in "以为達达至约約逾近共计計合"
            or prev_run.endswith(("提供", "给予", "給予", "支付", "获得", "獲得"))
        )
        if use_next:
            return Subject(nxt.group(0), "cjk-after")
        if prev_run:
            return Subject(prev_run, "cjk-before")
        return Subject(nxt.group(0), "cjk-after") if nxt else Subject()
    of = _of_phrase(sent, end, lang)
    if of:
        return Subject(" ".join(of.split()[:4]), "of")
    head = _of_head(sent, start, end, lang)
    if head:
        return head if isinstance(head, Subject) else Subject(head, "of-head")
    in_phrase = re.match(r"\s(?:in|en|em|dalam)\s+([^\W\d_]+(?:\s+[^\W\d_]+)?)", sent[end:])
    first_in = in_phrase.group(1).split()[0].casefold() if in_phrase else ""
    if (
        in_phrase
        and in_phrase.group(1)[:1].islower()
        and first_in not in STOP_WORDS
        and first_in not in _NOT_IN_SUBJECT
    ):
        kept = [w for w in in_phrase.group(1).split() if w.casefold() not in STOP_WORDS]
        return Subject(
            " ".join(
                kept[:1] if len(kept) < 2 or kept[1] != in_phrase.group(1).split()[1] else kept
            ),
            "in-noun",
        )  # "US$80,000 in donations"
    nxt_words = words_after(sent, end, 2)
    if (
        lang == "en"
        and nxt_words
        and nxt_words[0][0].islower()
        and nxt_words[0][0].casefold() not in STOP_WORDS
        and nxt_words[0][0].casefold() not in _qual_words()
        and not _not_a_noun_ending(nxt_words[0][0].casefold())
        and nxt_words[0][0].casefold() not in _CONJ | _WHO_CLAUSE
        and nxt_words[0][0].casefold() not in _NOT_NOUN_AFTER
        and nxt_words[0][0].casefold() not in _TIME_WORDS
        and nxt_words[0][0].casefold() not in _PLACE_PREPS
        and sent[end : nxt_words[0][1]].strip() == ""
    ):
        # "a US$75 million loan", "a $15 billion mid-pandemic Olympic Games"
        more = words_after(sent, nxt_words[0][2], 3)
        compound = [nxt_words[0][0]]
        gap_end = nxt_words[0][2]
        for w, a, e in more:
            if sent[gap_end:a].strip() or not _noun_like(w, lang) or w.casefold() in _PLACE_PREPS:
                break
            compound.append(w)
            gap_end = e
        return Subject(" ".join(compound), "noun-after")
    np_ = _np_subject(sent, start, lang)
    if np_:
        return np_
    prev = content_words([w for w, _, _ in words_before(sent, start, 5)])
    prev = [w for w in prev if w.casefold() not in _qual_words()]
    if not prev and cross_comma:
        prev = content_words([w for w, _, _ in words_before(sent, start, 5, commas=1)])
        prev = [w for w in prev if w.casefold() not in _qual_words()]
    nxt = content_words([w for w, _, _ in words_after(sent, end, 4)])
    if prev:
        return Subject(" ".join(prev[-3:]), "words-before")
    return Subject(" ".join(nxt[:3]), "words-after")


#: words that follow a figure without being what it measures
_NOT_NOUN_AFTER = word_set(
    "more|less|fewer|each|apiece|higher|lower|above|below|effective|respectively|overall|"
    "annual|outside|inside|near|per|via|including|plus|minus|before|after|off|ahead|behind|"
    "instead|alone|altogether|combined|apart|away|back|further|still|yet|then|there|here"
)


#: English words in -er after an amount that are not the noun it qualifies
_COMPARATIVES = word_set(
    "higher|lower|greater|bigger|smaller|larger|fewer|better|worse|longer|shorter|cheaper|"
    "dearer|faster|slower|stronger|weaker|earlier|later|older|younger|richer|poorer|wider|"
    "deeper|closer|further|farther|over|under|after|other|either|neither|rather|ever|never|"
    "however|together|altogether|whether|per"
)


def _not_a_noun_ending(low: str) -> bool:
    """An adverb in -ly, a participle in -ed or a comparative: not the noun after an
    amount ("$5 billion higher", "$2 million raised"); "an offer", "a transfer" are."""
    return low.endswith(("ly", "ed")) or (low.endswith("er") and low in _COMPARATIVES)


def _noun_after(sent: str, end: int) -> str | None:
    """English: the noun a figure modifies ("a 30 per cent share in X", "a 40 per cent
    chance"), with its "in/of" complement."""
    nxt = words_after(sent, end, 5)
    if not nxt or sent[end : nxt[0][1]].strip() not in ("", "-"):
        return None
    w = nxt[0][0]
    low = w.casefold()
    if (
        not w.islower()
        or low in STOP_WORDS
        or low in _VERBS
        or low in _TIME_WORDS
        or low in _UNIT_WORDS
        or low in _qual_words()
        or low in _NOT_NOUN_AFTER
        or low in _CONJ
        or low in _WHO_CLAUSE
        or _not_a_noun_ending(low)
    ):
        return None
    words = [w]
    if len(nxt) > 2 and nxt[1][0].casefold() in ("in", "of", "on", "for"):
        words += [x for x, _, _ in nxt[1:4]]
        while words and words[-1].casefold() in STOP_WORDS:
            words.pop()
    return " ".join(words)


#: "a fine of S$4,500 for Lim", "a cost of $80 million": the noun before "of"
_OF_BEFORE = re.compile(
    r"([^\W\d_]+(?:'s)?)\s+(?:of|de|d'|d’|sebanyak|senilai|bernilai|berjumlah|trị giá)\s*$",
    re.IGNORECASE,
)


def _of_head(sent: str, start: int, end: int, lang: str | None) -> str | None:
    m = _OF_BEFORE.search(sent[max(0, start - 40) : start])
    if not m:
        return None
    head = m.group(1)
    low = head.casefold()
    if low in STOP_WORDS or low in _UNIT_WORDS or low in _TIME_WORDS or low in _qual_words():
        return None
    if lang == "vi":  # words of several syllables: the noun phrase, not one syllable
        return _np_subject(sent, start, lang) or None
    if low in _NOT_IN_SUBJECT:  # "a total of $5m": what the total is of is said before
        return _np_subject(sent, start - (len(m.group(0)) - m.start(1)), lang) or None
    words = [head]
    fr = re.match(r"\s+(?:for|pour|para|untuk|kepada|cho)\s+((?:[A-Z][^\W\d_]*\s?){1,3})",
                  sent[end:])  # fmt: skip
    if fr:
        words += [fr.group(0).split()[0], fr.group(1).strip()]
    return " ".join(words)


_NOT_IN_SUBJECT = word_set(
    "size|total|length|width|height|area|value|terms|excess|addition|all|cash"
)
#: verbs of change that say nothing of what changed when they are the whole subject
_BARE_VERBS = word_set(
    "tăng|giảm|đạt|rose|fell|hit|up|down|gained|lost|dropped|climbed|naik|turun|meningkat|"
    "menurun|augmenté|baissé|subió|cayó|subiu|caiu|stieg|fiel|вырос|упал"
)


def complete_bare_verb(subject: str, sent: str, start: int) -> str:
    """A subject that is only a verb of change gets the noun before that verb, maybe
    past a comma ("Lợi nhuận đạt 210 tỷ đồng, tăng 8,5%").  Any other subject is
    returned as it is.  ``start`` is where the figure begins in ``sent``."""
    words = subject.split()
    if len(words) != 1 or words[0].casefold() not in _BARE_VERBS:
        return subject
    verb_at = sent.rfind(words[0], 0, start)
    more = content_words([w for w, _, _ in words_before(sent, max(verb_at, 0), 4, commas=1)])
    more = [w for w in more if w.casefold() not in _BARE_VERBS]
    return " ".join(more[-3:] + words) if more else subject


# ====================================================================== trust
#: rules that only collect the words next to a figure: they say nothing of what it measures
_GUESSES = frozenset({"none", "words-before", "words-after", "predicate"})
#: Vietnamese words are syllables and its verbs carry no mark: a noun phrase the chunker
#: or the words after a figure give cannot be told from a verb phrase ("12 % đề ra",
#: "20 % mỗi năm", "vẫn ngốn tới 37,7 tỷ đồng"); only "của" phrases, value words
#: ("trị giá"), counted nouns and dated events with a marked verb are trusted
_VI_UNTRUSTED = frozenset({"np", "np-verb", "np-object", "np-change", "noun-after", "bare-verb"})
#: Vietnamese tense, aspect and voice markers: a verb follows
_VI_VERB_MARKERS = word_set("đã|sẽ|đang|vừa|mới|được|bị|cho biết")


def _noun_like(word: str, lang: str | None) -> bool:
    """A word that can head a subject: not a function word, verb, time word, qualifier,
    unit or (English) adverb."""
    low = word.casefold()
    return not (
        low in STOP_WORDS
        or low in _VERBS
        or low in _TIME_WORDS
        or low in _qual_words()
        or low in _UNIT_WORDS
        or low in _NOT_NOUN_AFTER
        or low in _DATE_TAIL
        or _is_verb(word, lang)
        or (lang in (None, "en") and low.endswith("ly") and len(low) > 4)
        or (lang in (None, "en") and low.endswith("ing") and low not in _ING_NOUNS)
    )


def _has_event_verb(words: Sequence[str], lang: str | None, copulas: bool = True) -> bool:
    """Whether words say that something happened: an event noun, a verb, in Vietnamese a
    tense or voice marker.  With ``copulas=False`` a copula does not count (``ở``, ``là``
    say nothing happened)."""
    lows = [w.casefold() for w in words]
    if any(w in _EVENT_NOUNS for w in lows):
        return True
    if lang == "vi":
        return (
            any(w in _VI_VERB_MARKERS for w in lows)
            or any(w in _VERBS and (copulas or w not in _COPULAS) for w in lows)
            or bool(_VI_MARKERS.search(" ".join(lows)))
        )
    return any(_event_verb(w, lang) for w in words)


def trusted(subject: str, rule: str, kind: str, lang: str | None) -> bool:
    """Whether a figure's subject was found by a rule that can be trusted to name what
    it measures (for a date: what happened then).  Guesses from the neighbouring
    words, a subject with no word that can name a thing (only verbs, adverbs, time
    words), and a date whose clause gives no event (no verb, or a verb alone) are not."""
    if not subject.strip() or rule in _GUESSES:
        return False
    if lang in ("zh", "ja"):
        return rule != "date-zh-actor"  # an actor alone says nothing of what happened
    if lang == "vi" and rule in _VI_UNTRUSTED:
        return False
    words = _WORD.findall(subject)
    if rule == "counted-generic":
        return False  # "60 people", "500 người": nothing says who they are
    if rule in ("of", "of-head", "in-noun", "counted", "counted-who"):
        # the phrase after "of", the noun before it, the counted noun: a noun by position
        # ("cost of $15 billion"), unless it is only a time or function word
        return any(
            w.casefold() not in STOP_WORDS
            and w.casefold() not in _TIME_WORDS
            and w.casefold() not in _qual_words()
            for w in words
        )
    nouns = [w for w in words if _noun_like(w, lang)]
    if kind != "date" and rule.startswith("np") and words and lang not in ("de", "zh", "ja"):
        if words[0].casefold() in _PRONOUNS:
            return False  # "She spent $7,000": who paid, not what was bought
        if all(w[:1].isupper() for w in words) and not any(_is_verb(w, lang) for w in words):
            return False  # "India 39 %", "Nichols $5 million": a name alone is not a measure
    if kind != "date":
        return bool(nouns)
    if rule in ("date-possessive", "date-event-noun"):
        return True
    if rule == "date-span":
        # the span was only kept with a verb in it; Vietnamese verbs carry no mark, so
        # there a tense or voice marker must say that something happened
        low = subject.casefold()
        if lang == "vi":  # "diễn ra" alone says nothing of what took place
            marked = _VI_TENSE_OR_VOICE.search(low) or _VI_MARKERS.search(low)
            return bool(marked) and not low.endswith("cho biết") and len(low.split()) >= 4
        return len([w for w in words if w.casefold() not in STOP_WORDS]) >= 2
    return bool(nouns) and _has_event_verb(words, lang)
