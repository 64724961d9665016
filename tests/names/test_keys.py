"""Keys across scripts: labelled positive groups, cross-group negatives, bad input."""

from __future__ import annotations

import itertools
import json

import pytest

from conftest import SHARED
from newsweave.names.keys import (
    is_garbage_key,
    key_strength,
    name_key,
    name_similarity,
    romanize,
    skeleton,
    token_keys,
)

THRESHOLD = 85.0

# Spellings of one name (seed groups come from /work/shared/seeds: the same
# Aleppo districts in en/fr/ar/vi).  An entry is "text" or ("text", lang).
SEED_GROUPS: list[list] = [
    [
        "Bustan al-Qasr",
        "Bustan al-Kaser",
        "Boustan al-Qasr",
        "Bostan al-Qasr",
        "بستان القصر",
        "Bustan al - Qasr",
    ],
    [
        "Sheikh Saeed",
        ("Cheikh Saïd", "fr"),
        "al-Sheikh Saeed",
        "الشيخ سعيد",
        ("Cheikh Saeed", "fr"),
    ],
    ["al-Kelaseh", "al-Kalasa", "الكلاسة"],
    ["Bab al-Hadid", "باب الحديد", "Bab Al-Hadid"],
    ["Karam al-Da'da", "Karm al-Deada", "كرم الدعدع", "Karama al - Da ' ada"],
    ["Hezbollah", "حزب الله", "Hizbullah", "Хезболла"],
    ["Aleppo", ("Alep", "fr"), "Алеппо", ("A-lép", "vi")],
]

# Our own groups: people and places in several scripts.
OWN_GROUPS: list[list] = [
    ["Simone Biles", "Симона Байлз", "سيمون بايلز"],
    ["Naomi Osaka", "Наоми Осака", "ناومي أوساكا"],
    ["Tokyo", ("Tokio", "es"), ("Tóquio", "pt"), "Токио", "طوكيو"],
    [("Dončić", "sl"), "Дончич"],
    [("Luka Dončić", "sl"), "Лука Дончич"],
    ["Djokovic", "Джокович", ("Đoković", "sr")],
    ["Katie Ledecky", "Кэти Ледеки"],
    ["Caeleb Dressel", "Калеб Дрессел"],
    ["Mutaz Barshim", "معتز برشم", "Мутаз Баршим"],
    ["Gianmarco Tamberi", "Джанмарко Тамбери", "جانماركو تامبيري"],
    ["Eliud Kipchoge", "Элиуд Кипчоге"],
    ["Karsten Warholm", "Карстен Вархольм"],
    ["Armand Duplantis", "Арман Дюплантис"],
    ["Vladimir Putin", "Владимир Путин", "فلاديمير بوتين"],
    ["Sergei Lavrov", "Сергей Лавров", "سيرغي لافروف"],
    ["Alexander Zverev", "Александр Зверев", "ألكسندر زفيريف"],
    ["Erdogan", "Эрдоган", "أردوغان", ("Erdoğan", "tr")],
    ["Bashar al-Assad", "بشار الأسد", "Башар Асад", "Bashar Assad"],
    ["Homs", "حمص", "Хомс"],
    ["Idlib", "إدلب", "Идлиб"],
    ["Raqqa", "الرقة", "Ракка", "ar-Raqqa"],
    ["Deir ez-Zor", "دير الزور", "Дейр-эз-Зор", "Deir al-Zour"],
    ["Mosul", "الموصل", "Мосул"],
    ["Baghdad", "بغداد", "Багдад"],
    ["Beirut", "بيروت", "Бейрут"],
    ["Gaza", "غزة", "Газа"],
    ["Mohammed bin Salman", "محمد بن سلمان", "Мухаммед бен Салман"],
    ["Abdullah", "عبد الله", "Abd Allah", "Abdallah"],
    ["Nasrallah", "نصر الله", "Насралла"],
    ["Jeish al-Fatah", "جيش الفتح", "Jaish al - Fatah"],
    ["Olympiad", "أولمبياد", "Олимпиада"],
    ["Youssef", "Yusuf", "يوسف", "Юсуф"],
    ["Khaled", "Khalid", "خالد", "Халед"],
    ["Hussein", "Husein", "حسين", "Хусейн"],
    ["Mustafa", "Moustafa", "مصطفى", "Мустафа"],
    ["Tariq", "Tarek", "طارق", "Тарик"],
    ["Karim", "Kareem", "كريم", "Карим"],
    ["Faisal", "Faysal", "فيصل"],
    ["Walid", "Waleed", "وليد"],
    ["Ziad", "Ziyad", "زياد", "Зияд"],
    ["Nizar", "نزار", "Низар"],
    ["Jamal", "جمال", "Джамаль"],
    ["Samir", "Sameer", "سمير", "Самир"],
    ["Rashid", ("Rachid", "fr"), "راشد", "Рашид"],
    ["Sultan", "سلطان", "Султан"],
    ["Salman", "سلمان", "Салман"],
    ["Bilal", "بلال", "Билал"],
    ["Ismail", "Ismael", "إسماعيل", "Исмаил"],
    ["Nabil", "Nabeel", "نبيل", "Набиль"],
    ["Istanbul", "إسطنبول", ("İstanbul", "tr")],
    ["Osaka", "Осака", "أوساكا"],
    ["Kazakhstan", "Казахстан"],
]

ALL_GROUPS = SEED_GROUPS + OWN_GROUPS

# Distinct names that a consonant skeleton cannot tell apart: the same consonant
# classes, only vowels (or emphatic consonants: ص/س) differ.  Measured on the
# negatives below and reported, not hidden.  Each entry names the first
# spelling of two NEGATIVE_GROUPS.
KNOWN_COLLISIONS = [
    ("Mohammed", "Mahmoud"),
    ("Omar", "Amer"),
    ("Saeed", "Saad"),
    ("Hamid", "Hamad"),
    ("Saeed", "Sidon"),  # Sidon is Saida, صيدا
    ("Saad", "Sidon"),
    ("Fadi", "Fouad"),
    ("Ayman", "Amman"),
    ("Homs", "Hamas"),
]

# Distinct names, each with its spellings: every cross-group pair is a negative.
NEGATIVE_GROUPS: list[list] = [
    ["Ahmed", "Ahmad", "أحمد", "Ахмед"],
    ["Mohammed", "Muhammad", "محمد"],
    ["Mahmoud", "محمود"],
    ["Omar", "عمر"],
    ["Amer", "عامر"],
    ["Saad", "سعد"],
    ["Hamid", "حامد"],
    ["Hamad", "حمد"],
    ["Hassan", "Hasan", "حسن", "Хасан"],
    ["Hamza", "حمزة", "Хамза"],
    ["Saeed", "سعيد"],
    ["Zaid", "Zayed", "زيد"],
    ["Fahd", "فهد"],
    ["Wahid", "وحيد"],
    ["Fadi", "فادي"],
    ["Rami", "رامي"],
    ["Sami", "سامي"],
    ["Hadi", "هادي"],
    ["Majid", "ماجد"],
    ["Salim", "سليم"],
    ["Kamal", "كمال"],
    ["Adel", "عادل"],
    ["Aziz", "عزيز"],
    ["Mahdi", "مهدي"],
    ["Imad", "عماد"],
    ["Riad", "رياض"],
    ["Fouad", "فؤاد"],
    ["Anas", "أنس"],
    ["Tamim", "تميم"],
    ["Bashar", "بشار"],
    ["Nasser", "ناصر"],
    ["Ibrahim", "إبراهيم"],
    ["Yasser", "ياسر"],
    ["Ayman", "أيمن"],
    ["Osama", "أسامة"],
    ["Biles", "Байлз"],
    ["Ledecky", "Ледеки"],
    ["Dressel", "Дрессел"],
    ["Phelps", "Фелпс"],
    ["Bolt", "Болт"],
    ["Jacobs", "Джейкобс"],
    ["Warholm", "Вархольм"],
    ["Duplantis", "Дюплантис"],
    ["Barshim", "برشم"],
    ["Tamberi", "Тамбери"],
    ["Kipchoge", "Кипчоге"],
    ["Ingebrigtsen", "Ингебригтсен"],
    ["McLaughlin", "Маклафлин"],
    ["Felix", "Феликс"],
    ["Coleman", "Коулман"],
    ["Kerley", "Керли"],
    ["Gatlin", "Гэтлин"],
    ["Murray", "Маррей"],
    ["Medvedev", "Медведев"],
    ["Zverev", "Зверев"],
    ["Osaka", "Осака"],
    ["Djokovic", "Джокович"],
    ["Sheikh Maqsoud", "الشيخ مقصود"],
    ["Sheikh Saeed", "الشيخ سعيد"],
    ["Bab al-Hadid", "باب الحديد"],
    ["Bab al-Nasr", "باب النصر"],
    ["Bustan al-Qasr", "بستان القصر"],
    ["Bustan al-Basha", "بستان الباشا"],
    ["Aleppo", "Алеппо"],
    ["Damascus", "Дамаск"],
    ["Homs", "حمص"],
    ["Hama", "حماة"],
    ["Idlib", "إدلب"],
    ["Latakia", "Латакия"],
    ["Tartus", "طرطوس"],
    ["Daraa", "درعا"],
    ["Mosul", "الموصل"],
    ["Basra", "البصرة"],
    ["Karbala", "كربلاء"],
    ["Najaf", "النجف"],
    ["Tikrit", "تكريت"],
    ["Fallujah", "الفلوجة"],
    ["Ramadi", "الرمادي"],
    ["Beirut", "بيروت"],
    ["Tripoli", "طرابلس"],
    ["Sidon", "صيدا"],
    ["Tyre", "صور"],
    ["Amman", "عمان"],
    ["Zarqa", "الزرقاء"],
    ["Irbid", "إربد"],
    ["Cairo", "Каир"],
    ["Giza", "الجيزة"],
    ["Luxor", "الأقصر"],
    ["Tokyo", "Токио"],
    ["Kyoto", "Киото"],
    ["Sapporo", "Саппоро"],
    ["Kazakhstan", "Казахстан"],
    ["Uzbekistan", "Узбекистан"],
    ["Slovenia", "Slovenija"],
    ["Slovakia", "Slovaška"],
    ["Austria", "Австрия"],
    ["Australia", "Австралия"],
    ["Hezbollah", "حزب الله"],
    ["Hamas", "حماس"],
]


def _entries(group):
    return [(e, None) if isinstance(e, str) else e for e in group]


def _positive_pairs():
    for group in ALL_GROUPS:
        for (a, la), (b, lb) in itertools.combinations(_entries(group), 2):
            yield a, la, b, lb


def _negative_pairs():
    groups = [_entries(g) for g in NEGATIVE_GROUPS]
    for ga, gb in itertools.combinations(groups, 2):
        for (a, la), (b, lb) in itertools.product(ga, gb):
            yield a, la, b, lb


def _group_of(name: str) -> int:
    for k, g in enumerate(NEGATIVE_GROUPS):
        if name in [e if isinstance(e, str) else e[0] for e in g]:
            return k
    raise KeyError(name)


_COLLIDING_GROUPS = {frozenset((_group_of(x), _group_of(y))) for x, y in KNOWN_COLLISIONS}


def _is_known_collision(a: str, b: str) -> bool:
    return frozenset((_group_of(a), _group_of(b))) in _COLLIDING_GROUPS


def test_seed_groups_share_one_key():
    for group in SEED_GROUPS:
        keys = {name_key(a, la) for a, la in _entries(group)}
        assert len(keys) == 1, (group, keys)
        assert "" not in keys


def test_positive_pairs_similar():
    misses = [
        (a, b, name_similarity(a, b, la, lb))
        for a, la, b, lb in _positive_pairs()
        if name_similarity(a, b, la, lb) < THRESHOLD
    ]
    total = sum(1 for _ in _positive_pairs())
    # recall on our own groups is measured; seeds must be perfect
    seed_misses = [
        m
        for m in misses
        if any(
            m[0] in map(str, g) or m[0] in [x if isinstance(x, str) else x[0] for x in g]
            for g in SEED_GROUPS
        )
    ]
    assert not seed_misses, seed_misses
    assert len(misses) <= 0.1 * total, misses


def test_seed_negatives():
    for a, b in [
        ("Sheikh Saeed", "Sheikh Maqsoud"),
        ("Bab al-Hadid", "Bab al-Nasr"),
        ("Bustan al-Qasr", "Bustan al-Basha"),
        ("Aleppo", "Damascus"),
        ("الشيخ سعيد", "Sheikh Maqsoud"),
        ("باب الحديد", "Bab al-Nasr"),
    ]:
        assert name_similarity(a, b) < THRESHOLD, (a, b, name_similarity(a, b))
        assert name_key(a) != name_key(b)


def test_negative_pairs_false_match_rate():
    pairs = list(_negative_pairs())
    assert len(pairs) >= 150
    false = [
        (a, b, name_similarity(a, b, la, lb))
        for a, la, b, lb in pairs
        if name_similarity(a, b, la, lb) >= THRESHOLD
    ]
    unexpected = [f for f in false if not _is_known_collision(f[0], f[1])]
    assert not unexpected, unexpected
    # measured: 34 of 20,795 pairs (0.16 %), all in the 9 KNOWN_COLLISIONS group pairs
    assert len(false) / len(pairs) < 0.002


def test_known_collisions_are_real():
    # documents the limit of a consonant skeleton: these do collide
    for a, b in KNOWN_COLLISIONS:
        ga, gb = (_entries(NEGATIVE_GROUPS[_group_of(x)]) for x in (a, b))
        assert any(
            name_key(x, lx) == name_key(y, ly) for (x, lx), (y, ly) in itertools.product(ga, gb)
        ), (a, b)


def test_romanize_examples():
    assert romanize("بستان القصر") == "bstan qsr"
    assert romanize("Алеппо") == "Aleppo"
    assert romanize("") == ""
    assert romanize("Dončić") == "Donchich"
    assert romanize("đ", "hr") == "dj"


def test_skeleton_tokens_and_particles():
    assert skeleton("Bustan al-Qasr") == "bstn ksr"
    assert skeleton("Bab Al Hadid") == skeleton("Bab al-Hadid")
    assert skeleton("o Rio", "pt") == skeleton("Rio")
    assert skeleton("le Caire") == skeleton("Caire")
    assert skeleton("d'Alep", "fr") == skeleton("Alep")
    assert skeleton("") == ""
    assert token_keys("Simone Biles") == ["smn", "bls"]


def test_key_strength():
    assert key_strength("tk") == 0.5
    assert key_strength("bstnksr") == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "1234",
        "2020",
        "ქართული ენა",
        "ภาษาไทย",
        "x" * 10_000,
        "AleppoحلبАлеппо東京",
        "al-",
        "al - ",
        "'''",
        "\u200b\u200f",
        "ـــ",
        "a",
        "Ali",
    ],
)
def test_bad_input_no_crash_no_garbage(text):
    key = name_key(text)
    assert key == "" or not is_garbage_key(key)
    for k in token_keys(text):
        assert not is_garbage_key(k)
    s = name_similarity(text, "Aleppo")
    assert 0.0 <= s <= 100.0


def test_garbage_definition():
    assert is_garbage_key("")
    assert is_garbage_key("a")
    assert is_garbage_key("ab")  # leading vowel mark + 1 consonant
    assert is_garbage_key("k")
    assert is_garbage_key("1234")
    assert is_garbage_key("b" * 41)
    assert not is_garbage_key("tk")
    assert name_key("x" * 10_000) == ""


OG = SHARED / "datasets/og2021/articles.jsonl"


@pytest.mark.skipif(not OG.exists(), reason="og2021 not available")
def test_og2021_titles_share_keys_across_scripts():
    """Names that the labelled data writes in several scripts meet in og2021 titles."""
    want = {"Tokyo": name_key("Tokyo"), "Doncic": name_key("Dončić", "sl")}
    found: dict[str, set[str]] = {k: set() for k in want}
    with OG.open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            for word in rec["title"].replace(":", " ").split():
                for name, key in want.items():
                    if name_key(word.strip("\"'«».,!?"), rec["lang"]) == key:
                        found[name].add(rec["lang"])
    assert {"en", "ru", "ar"} <= found["Tokyo"]
    assert {"sl", "ru"} <= found["Doncic"]
