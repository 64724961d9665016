"""Figures: value, unit, qualifier and subject, in several languages."""

from __future__ import annotations

import numpy as np
import pytest

from newsweave.enrich.figure_series import FigurePoint, figure_series
from newsweave.enrich.figures import extract_figures


@pytest.fixture(autouse=True)
def _dependency_free_vietnamese(monkeypatch):
    """These tests pin the dependency-free rules.  With the ``vi`` extra installed, the
    tagger's Vietnamese subjects are tested in test_figures_vi_tagged.py."""
    monkeypatch.setenv("NEWSWEAVE_VI_TAGGER", "0")


def one(text: str, lang: str):
    figs = [f for f in extract_figures(text, lang, kinds=None) if f.kind != "date"]
    assert len(figs) == 1, [(f.text, f.kind) for f in figs]
    return figs[0]


@pytest.mark.parametrize(
    ("text", "lang", "value", "unit", "qualifier", "subject"),
    [
        (
            "Les pompiers ont réussi à sauver plus de 60 % de l'ouest de la forêt.",
            "fr",
            60,
            "%",
            "over",
            "l'ouest de la forêt",
        ),
        ("The rangers cleared over 70% of the trail.", "en", 70, "%", "over", "the trail"),
        (
            "باع التجار ما يقرب من 70 % من البضائع التى وصلت أمس",
            "ar",
            70,
            "%",
            "about",
            "البضائع التى وصلت أمس",
        ),
        ("وصل أكثر من 5 آلاف مدنى إلى المدينة الجديدة", "ar", 5000, "person", "over", "مدنى"),
        (
            "At least four tourists were rescued on the ridge.",
            "en",
            4,
            "person",
            "at least",
            "tourists",
        ),
        ("crammed in an area 9sq/km in size", "en", 9, "km²", None, "crammed area"),
        ("Il a payé 2,5 millions d'euros.", "fr", 2_500_000, "EUR", None, "Il payé"),
        ("The fund manages US$1.2 trillion in assets.", "en", 1.2e12, "USD", None, "assets"),
        ("Hơn 1.500 người đã sơ tán.", "vi", 1500, "person", "over", "người sơ tán"),
        ("约3万人参加了抗议。", "zh", 30000, "person", "about", "参加了抗议"),
        (
            "Mehr als 2.000 Menschen wurden evakuiert.",
            "de",
            2000,
            "person",
            "over",
            "Menschen evakuiert",
        ),
        ("Unos 300 migrantes llegaron a la isla.", "es", 300, "person", "about", "migrantes"),
        ("Cerca de 40% dos eleitores votaram.", "pt", 40, "%", "about", "eleitores votaram"),
        ("Более 1300 человек были задержаны.", "ru", 1300, "person", "over", "человек задержаны"),
        ("a 13-year-old boy was hurt", "en", 13, "year", None, "boy"),
        ("Sekitar 20 persen penduduk", "id", 20, "%", "about", "penduduk"),
    ],
)
def test_extract(text, lang, value, unit, qualifier, subject):
    f = one(text, lang)
    assert f.value == pytest.approx(value)
    assert f.unit == unit
    assert f.qualifier == qualifier
    assert f.subject.replace("’", "'") == subject
    assert f.sentence == text


def test_not_figures():
    assert extract_figures("COVID-19 hit in 2020 at 3:00 am.", "en") == []
    assert [f.kind for f in extract_figures("On 7 December 2016 the army moved.", "en")] == ["date"]


def test_arabic_indic_digits():
    f = one("سيطر الجيش على ٨٥٪ من المدينة", "ar")
    assert (f.value, f.unit) == (85, "%")


def test_series_groups_same_measure_across_languages():
    """Figures whose context vectors agree become one series, ordered by date."""
    from datetime import UTC, datetime

    fr = extract_figures("Les pompiers ont sauvé plus de 60 % de la forêt.", "fr", "fr")[0]
    en = extract_figures("Firefighters saved over 65% of the forest.", "en", "en")[0]
    other = extract_figures("Inflation rose 3% in May.", "en", "x")[0]
    points = [
        FigurePoint(en, "B", datetime(2016, 12, 8, tzinfo=UTC)),
        FigurePoint(fr, "A", datetime(2016, 12, 7, tzinfo=UTC)),
        FigurePoint(other, "C", None),
    ]

    def fake_vectors(texts):  # same vector for the forest clauses, another for inflation
        return np.array([[1.0, 0.0] if "Inflation" not in t else [0.0, 1.0] for t in texts])

    (series,) = figure_series(points, fake_vectors)
    assert series.values == [60.0, 65.0]
    assert [p.source for p in series.points] == ["A", "B"]
    assert series.changed


# --------------------------------------------------------------- subjects (issue 4)
# Sentences written for these tests.  The subject must name what is measured: the
# clause's noun phrase (with its verb), not a time word, a place, a dateline or a
# neighbouring noun.
@pytest.mark.parametrize(
    ("text", "lang", "kind", "value", "unit", "subject"),
    [
        # the noun phrase before the verb that governs the number
        ("The city's jobless rate fell 0.4 per cent in March.", "en", "percent", 0.4, "%",
         "city's jobless rate fell"),
        ("The index has climbed nearly 30 per cent this year.", "en", "percent", 30, "%",
         "index climbed"),
        ("Spending on school repairs rose threefold to US$18 billion last year.", "en",
         "money", 18e9, "USD", "Spending on school repairs rose"),
        ("The bank raised its prime rate in Manila by 25 basis points to 6.5 per cent.", "en",
         "percent", 6.5, "%", "prime rate in Manila"),
        # a relative clause: the antecedent before the comma
        ("Exports to Japan, which rose 12 per cent last year, are expected to slow.", "en",
         "percent", 12, "%", "Exports to Japan rose"),
        # the noun the figure modifies
        ("The fund bought a 15 per cent stake in the airline.", "en", "percent", 15, "%",
         "stake in the airline"),
        # "a fine of X for Y": the noun before "of", and for whom
        ("The tribunal set a fine of S$12,000 for Tan and a fine of S$9,000 for Lee.", "en",
         "money", 9000, "SGD", "fine for Lee"),
        # Vietnamese, Malay: verbs and prepositions after the number are not the subject
        ("Cổ phiếu VNM tăng 2,5% lên 80.000 đồng.", "vi", "percent", 2.5, "%",
         "Cổ phiếu VNM tăng"),
        ("Gói thầu này có giá trị 2 tỷ USD.", "vi", "money", 2e9, "USD", "Gói thầu giá trị"),
        ("Công ty đã chi 300 tỷ đồng để mua lại nhà máy.", "vi", "money", 300e9, "VND",
         "Công ty chi"),
        ("Kadar faedah bersih (NIM) turun 20 bps menjadi 3,5 peratus.", "ms", "percent", 3.5,
         "%", "Kadar faedah bersih turun"),
        # a date's subject: what happened then, the words of its clause without the date
        # and the when-words that tie it in; a when-phrase alone joins the clause after it
        ("Markets fell after the bank's March 3 announcement.", "en", "date", "03-03", "date",
         "bank's announcement"),
        ("The minister flew to Paris late on Monday (Oct 3) for talks.", "en", "date", "10-03",
         "date", "The minister flew to Paris for talks"),
        ("Kebakaran itu berlaku di sebuah kilang di Jalan Ampang pada 3 Mac 2022.", "ms", "date",
         "2022-03-03", "date", "Kebakaran itu berlaku di sebuah kilang di Jalan Ampang"),
        ("On Jun 2 last year, the pair met the buyer at a car park.", "en", "date", "06-02",
         "date", "the pair met the buyer at a car park"),
        # people: a possessive after the count is not who is counted
        ("警方当场识破3人的计划。", "zh", "people", 3, "person", "人"),
    ],
)  # fmt: skip
def test_subject(text, lang, kind, value, unit, subject):
    (f,) = [f for f in extract_figures(text, lang, sure_only=False) if f.kind == kind and
            f.value == (value if isinstance(value, str) else pytest.approx(value))]  # fmt: skip
    assert f.unit == unit
    assert f.subject == subject
    # Vietnamese noun phrases from the chunker are found but not reported (below)
    assert f.sure == (lang != "vi" or f.subject_rule not in ("np", "np-verb", "noun-after"))


def test_vietnamese_date_skips_the_place():
    (f,) = extract_figures("Ngày 12/10 tại Đà Nẵng, Sở Du lịch tổ chức lễ hội pháo hoa.", "vi")
    assert "Đà Nẵng" not in f.subject and "tổ chức" in f.subject


def test_cents_are_a_fraction_of_the_currency():
    (f,) = extract_figures("A cup of coffee costs 80 euro cents at the station.", "en")
    assert (f.value, f.unit, f.text) == (pytest.approx(0.8), "EUR", "80 euro cents")


def test_conversion_shares_the_subject():
    a, b = extract_figures("The bridge cost 350 million yuan or 45 million euros.", "en")
    assert (a.unit, b.unit) == ("CNY", "EUR")
    assert a.subject == b.subject == "bridge cost"


def test_datelines_and_stamps_are_not_figures():
    assert extract_figures("本报上海5月3日电 记者从市政府获悉，地铁新线将于年底开通。", "zh") == []
    assert extract_figures("", "pt", title="Seleção vence amistoso - 12/06/2021 - Esporte") == []
    assert extract_figures("LONDON, Oct 10 (Reuters) - Oil prices steadied.", "en") == []


# --------------------------------------------------------------- trust (issue 4, round 3)
# Sentences written for these tests.  A figure whose subject no trusted rule found is
# extracted (``kinds=None`` or ``sure_only=False``) but not reported.
def _all(text: str, lang: str, title: str = ""):
    return extract_figures(text, lang, title=title, kinds=None)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # only the words next to the amount: an adverb
        ("For just US$9 a week, readers get the paper at home.", "en"),
        # the verb's subject is elided ("… and kept the 100 %")
        ("O time venceu a Itália e manteve os 100% na fase de grupos.", "pt"),
        # the nearest noun phrase counts another number
        ("Sales reached 9 million units, up from the earlier high of 7 million units in May "
         "and 20 per cent more than a year ago.", "en"),
        # a verb after "to" is not a noun
        ("Shoppers will have to shell out 5 cents more for each bag.", "en"),
    ],
)  # fmt: skip
def test_guessed_subjects_are_not_reported(text, lang):
    found = [f for f in _all(text, lang) if f.kind in ("money", "percent")]
    assert found and not found[-1].sure
    assert found[-1] not in extract_figures(text, lang)
    assert any(f.value == found[-1].value for f in extract_figures(text, lang, sure_only=False))


@pytest.mark.parametrize(
    ("text", "lang", "value", "subject"),
    [
        # the head of a long noun phrase is its first noun group
        ("Brazilian arabica coffee of grade 2 on a delivery basis to Europe was assessed at "
         "about US$300 a bag in May.", "en", 300, "Brazilian arabica coffee assessed"),
        ("The central bank raised the rate charged through its lending window to 4.25 per "
         "cent.", "en", 4.25, "raised rate"),
        # a noun of change: what changed is the subject before the light verb
        ("Laba bersih perusahaan itu mengalami penurunan sebesar 3 persen menjadi Rp2 triliun.",
         "id", 3, "Laba bersih perusahaan penurunan"),
        # a compound after the amount, to its head
        ("Tokyo weighs the cost of staging a $3 billion post-war Expo Park", "en", 3e9,
         "post-war Expo Park"),
        # a time phrase with number words is skipped
        ("Households added 5 trillion yuan in deposits in the first six months, compared "
         "with 4 trillion yuan in the first six months of last year.", "en", 5e12, "deposits"),
        # a Chinese relative clause with a Latin name before 的
        ("张三和其他三名ABC Corp的员工被捕。", "zh", 3, "员工"),
    ],
)  # fmt: skip
def test_subject_round3(text, lang, value, subject):
    (f,) = [f for f in extract_figures(text, lang) if f.value == pytest.approx(value)]
    assert f.subject == subject and f.sure


def test_ranks_ordinals_stamps_and_ranges_are_not_figures():
    assert not [f for f in _all("今年只有两所大学排在首三名内。", "zh") if f.value == 3]
    assert not [f for f in _all("Ca sĩ Lan là người thứ 2 đồng hành cùng ban nhạc.", "vi")]
    stamp = "Swimmers win gold | Daily Times | 2021-08-08 19:15:00"
    assert not [f for f in _all("", "en", title=stamp) if f.kind == "date"]
    rng = "Kasus itu terjadi dalam periode 1 Maret-20 April 2022 menurut data resmi."
    assert not [f for f in _all(rng, "id") if f.kind == "date"]


@pytest.mark.parametrize(
    ("text", "lang", "subject"),
    [
        # the date's clause, the date and its brackets blanked out ("on Monday (Oct 10)")
        ("He was convicted last month and sentenced on Tuesday (Sep 20) to two months' jail.",
         "en", "He was convicted last month and sentenced to two months' jail"),
        # a relative clause takes its antecedent, without the when-words
        ("The police said they learnt of the break-in on Monday, which took place at a shop "
         "under the Tan Trading Group on Sep 15.", "en",
         "break-in took place at a shop under the Tan Trading Group"),
        ("He admitted causing hurt on board flight XY12 from Tokyo to Singapore on Sep 28.",
         "en", "He admitted causing hurt on board flight XY12 from Tokyo to Singapore"),
        ("A lawyer was on Monday (Oct 10) handed a two-year suspension for misconduct.", "en",
         "A lawyer handed a two-year suspension for misconduct"),
        # a clause that only says where ("tại Huế,") is skipped
        ("Sáng 21-10, tại Huế, Liên hiệp các tổ chức thanh niên đã phối hợp tổ chức lễ hội.",
         "vi", "Liên hiệp các tổ chức thanh niên đã phối hợp tổ chức lễ hội"),
    ],
)  # fmt: skip
def test_date_event(text, lang, subject):
    (f,) = [f for f in extract_figures(text, lang) if f.kind == "date"]
    assert f.subject.replace("’", "'") == subject


def test_headline_run_into_the_lead_is_not_the_date_subject():
    text = (
        "Anh Nam đang chờ chuyển viện Khoảng 9 giờ ngày 3.11, anh Nam điều khiển xe máy "
        "trên đường thì bị ngã."
    )
    (f,) = [f for f in _all(text, "vi") if f.kind == "date"]
    assert "chuyển viện" not in f.subject


def test_vietnamese_chunker_subjects_are_not_reported():
    """Vietnamese syllables: a verb cannot be told from a noun ("12 % đề ra" is "the 12 %
    set"), so the chunker's and the next words' subjects are not reported; a counted
    noun, a value word and a dated event with a marked verb are."""
    text = "Mục tiêu tăng trưởng tín dụng 12% đề ra năm nay. Hơn 40 người đã sơ tán."
    reported = extract_figures(text, "vi")
    assert [(f.kind, f.value) for f in reported] == [("people", 40)]
    (pct,) = [f for f in extract_figures(text, "vi", sure_only=False) if f.kind == "percent"]
    assert not pct.sure
    (d,) = extract_figures("Vào ngày 13-10, Israel đã phát hiện một đường hầm mới.", "vi")
    assert d.subject == "Israel đã phát hiện một đường hầm mới"
    # a date's clause with no tense or voice marker is not sure to say what happened
    (u,) = extract_figures("Ngày 13-10, thủ đô Hà Nội trời nắng đẹp.", "vi", sure_only=False)
    assert u.kind == "date" and not u.sure


@pytest.mark.parametrize(
    "text",
    [
        "The repairs cost the council about $215, 000 last year.",  # a split thousands group
        "Robbers in $3. 4 million jewel raid",  # a split decimal
        "The bid rose to somewhere between $170 million and $180 million.",  # range end
    ],
)
def test_split_numbers_and_range_ends_are_not_reported(text):
    values = {f.value for f in extract_figures(text, "en") if f.kind == "money"}
    assert values <= {170e6}


def test_intensifier_percent_and_event_noun_dates():
    assert not extract_figures("Our coach was 100 percent honest with us.", "en")
    (f,) = extract_figures("He stays in custody until his next bail hearing on April 19.", "en")
    assert f.kind == "date" and f.subject == "next bail hearing"
    (g,) = extract_figures("They account for 80% of the calls and we're adding more.", "en")
    assert g.subject == "the calls"


def test_round4_fixes():
    # English "pounds" is a weight as often as money: only "£" and "sterling" say GBP
    assert not [f for f in _all("The parcel weighed 40 pounds.", "en") if f.kind == "money"]
    (f,) = extract_figures("The club paid 900 pounds sterling for the kit.", "en")
    assert f.unit == "GBP"
    # a compound a tokenizer split ("$5 - million") has no value we can read
    assert not extract_figures("Farms could tap a $7 - million fund for repairs.", "en")
    # an -ing verb is not the noun of an amount
    text = "Two men fled, making off with a €3 million (R50 million) haul, police said."
    assert [f.kind for f in extract_figures(text, "en")] == ["people"]
    # a Vietnamese date clause: the actor and the marked verb, without "sắp tới" (upcoming)
    (d,) = extract_figures("Sách mới sẽ chính thức lên kệ vào ngày 25/9 sắp tới.", "vi")
    assert d.subject == "Sách mới sẽ chính thức lên kệ"


@pytest.mark.parametrize(
    ("text", "lang", "subject"),
    [
        # a generic person noun takes what says who the people are
        ("At least 12 people were killed in the blast.", "en", "people killed"),
        ("The storm killed at least six people overnight.", "en", "people killed"),
        ("Some 30 people were at the meeting when the roof fell.", "en", "people at the meeting"),
        ("Vụ tai nạn làm 2 người bị thương.", "vi", "người bị thương"),
        ("Plus de 300 personnes ont été évacuées.", "fr", "personnes évacuées"),
        # a specific person noun says it by itself
        ("Hơn 200 trẻ em đã được sơ tán.", "vi", "trẻ em"),
    ],
)  # fmt: skip
def test_who_is_counted(text, lang, subject):
    (f,) = [f for f in extract_figures(text, lang) if f.kind == "people"]
    assert f.subject == subject


def test_figures_that_say_nothing_or_are_not_counts():
    # "60 people" with nothing about who they are is found but not reported
    (f,) = extract_figures("About 60 people spent the evening in the hall.", "en", sure_only=False)
    assert f.subject == "people" and not f.sure
    assert not extract_figures("About 60 people spent the evening in the hall.", "en")
    # a ratio, a mother's children and an amount per person are not counts of people
    assert not extract_figures("One in every 500 users saw the page.", "en", sure_only=False)
    assert not extract_figures("A mother of 12 killed in the crossfire", "en", sure_only=False)
    text = "Thu nhập bình quân 750 nghìn/ người/ tháng."
    assert not [f for f in extract_figures(text, "vi", sure_only=False) if f.kind == "people"]
    # a page's posting stamp is not the date of an event
    assert not extract_figures("Posted on Thu Jun 13, 2013 08:45 AM", "en", sure_only=False)
    # an amount written "$15B" is billions; the outlet after a headline is not its subject
    (m,) = extract_figures("", "en", title="City faces $15B bill for the games | Daily Wire")
    assert (m.value, m.subject) == (15e9, "bill")


def test_date_span_stops_at_captions_and_semicolons():
    text = "Hai bên gặp nhau tại Hà Nội ngày 31-10 - Ảnh: TTXVN “Chúng tôi sẽ hợp tác”, ông nói."
    (d,) = extract_figures(text, "vi", sure_only=False)
    assert "Ảnh" not in d.subject and "hợp tác" not in d.subject
    text = "Sáng 18-11, Quốc hội thảo luận; sáng 28-11 sẽ biểu quyết thông qua dự thảo này."
    first, second = extract_figures(text, "vi", sure_only=False)
    assert "biểu quyết" not in first.subject
    assert second.subject == "sẽ biểu quyết thông qua dự thảo"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The games cost $15.4-billion in the end.", 15.4e9),  # a hyphen before the scale
        ("He is seeking more than $21MM per year.", 21e6),  # "MM": millions
        ("The club paid $2M for the striker.", 2e6),
    ],
)
def test_amount_scales_written_together(text, value):
    (f,) = extract_figures(text, "en", sure_only=False)
    assert f.kind == "money" and f.value == pytest.approx(value)


def test_amount_subjects_that_name_no_measure_are_not_reported():
    # who paid is not what was bought; a name alone is not what a share measures
    (f,) = extract_figures("She spent $7,000 on concert tickets.", "en", sure_only=False)
    assert not f.sure
    text = "Exports from Chile fell 39 per cent while Peru saw 20 per cent."
    first, second = extract_figures(text, "en", sure_only=False)
    assert first.subject == "Exports from Chile fell" and first.sure  # not "while"
    (g,) = extract_figures("Analysts put Nichols at $5 million.", "en", sure_only=False)
    assert not (g.subject == "Nichols" and g.sure)


def test_who_is_counted_past_a_place_and_after_a_voice_marker():
    (f,) = extract_figures("Five people in the Gulf were injured in the attack.", "en")
    assert f.subject == "people injured"
    (g,) = extract_figures("Có 20 người được chọn vào đội tuyển.", "vi")
    assert g.subject == "người được chọn"
    assert not extract_figures("Có 20 người được.", "vi")  # "được" alone says nothing
