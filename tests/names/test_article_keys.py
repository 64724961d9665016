"""article_name_keys: canonical keys, salience weights, speed, bad input."""

from __future__ import annotations

import json
import time

import pytest

from conftest import SHARED
from newsweave.names import article_name_keys, span_keys
from newsweave.names.gazetteer import index_stats
from newsweave.names.keys import is_garbage_key, name_key

SEEDS = SHARED / "seeds"
OG = SHARED / "datasets/og2021/articles.jsonl"
ALEPPO = "place:170063"


def _valid(keys: dict[str, float]) -> None:
    for k, w in keys.items():
        assert 0.0 < w <= 1.0, (k, w)
        kind, _, val = k.partition(":")
        assert kind in ("place", "sk"), k
        if kind == "sk":
            assert not is_garbage_key(val) or val.isalpha(), k
            assert len(val) <= 40


def test_place_and_skeleton_keys():
    keys = article_name_keys("Army frees Sheikh Saeed in Aleppo", "", "en")
    _valid(keys)
    assert ALEPPO in keys
    assert f"sk:{name_key('Sheikh Saeed')}" in keys
    # the distinctive word of a multi-word name, at lower weight
    assert keys[f"sk:{name_key('Saeed')}"] < keys[f"sk:{name_key('Sheikh Saeed')}"]


def test_same_keys_across_scripts():
    en = article_name_keys("Army enters Bustan al-Qasr in Aleppo", "", "en")
    ar = article_name_keys("الجيش يدخل حي بستان القصر في حلب", "", "ar")
    fr = article_name_keys("L'armée entre à Boustan al-Qasr, à Alep", "", "fr")
    common = set(en) & set(ar) & set(fr)
    assert ALEPPO in common and f"sk:{name_key('Bustan al-Qasr')}" in common


def test_salience_title_over_lead_over_later():
    body = "Filler words here. " * 40 + "Later the army reached Homs."
    keys = article_name_keys("Clashes in Aleppo", "Troops entered Damascus today. " + body, "en")
    a, d = keys[ALEPPO], keys["place:170654"]
    homs = next(k for k in keys if k.startswith("place:") and k not in (ALEPPO, "place:170654"))
    assert a > d > keys[homs]


def test_weights_saturate():
    one = article_name_keys("", "Aleppo is here.", "en")[ALEPPO]
    many = article_name_keys("Aleppo", " ".join(["In Aleppo they met."] * 30), "en")[ALEPPO]
    assert one < many <= 1.0


def test_max_chars():
    text = "Nothing here. " * 200 + "Then Aleppo."
    assert ALEPPO not in article_name_keys("", text, "en")
    assert ALEPPO in article_name_keys("", text, "en", max_chars=10_000)


def test_demonym_gives_country():
    keys = article_name_keys("Syrian army advances", "", "en")
    syria = "place:163843"
    assert syria in keys and keys[syria] < 1.0


@pytest.mark.parametrize(
    ("title", "text", "lang"),
    [
        ("", "", None),
        ("", "", "en"),
        ("ქართული ენა", "თბილისი არის საქართველოს დედაქალაქი.", "ka"),
        ("ภาษาไทย", "กรุงเทพมหานคร", "th"),
        ("A" + "b" * 10_000, "C" + "d" * 10_000, "en"),
        ("AleppoحلبАлеппо", "東京Tokyoطوكيو", None),
        ("2020 2021", "1 2 3 4 5", "en"),
    ],
)
def test_bad_input(title, text, lang):
    keys = article_name_keys(title, text, lang)
    _valid(keys)


def test_speed():
    index_stats()  # build once outside the timing
    headline = "Simone Biles says she is ready for the vault final at Tokyo Olympics"
    body = (
        "Government troops took back Sheikh Saeed in Aleppo after a week of fighting. "
        "Shelling went on near Bab al-Hadid and Bustan al-Qasr, the SANA agency reported. "
    ) * 40
    assert len(body) > 5000
    span_keys.cache_clear()
    t = time.perf_counter()
    for i in range(50):
        article_name_keys(headline + str(i), "", "en")
    per_headline = (time.perf_counter() - t) / 50
    t = time.perf_counter()
    for _ in range(10):
        article_name_keys("Aleppo", body, "en")
    per_article = (time.perf_counter() - t) / 10
    assert per_headline < 0.005, per_headline
    assert per_article < 0.030, per_article


@pytest.mark.skipif(not SEEDS.exists(), reason="seeds not available")
def test_seeds_share_keys():
    langs = {"000": "vi", "001": "en", "002": "ar", "003": "fr", "004": "en"}
    per = {}
    for path in sorted(SEEDS.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").strip().split("\n")
        keys = article_name_keys(
            lines[0], "\n".join(lines[1:]), langs.get(path.name[:3]), max_chars=5000
        )
        _valid(keys)
        per[path.name[:3]] = keys
    assert all(ALEPPO in k for k in per.values())
    bustan = f"sk:{name_key('Bustan al-Qasr')}"
    assert sum(bustan in k for k in per.values()) >= 4


@pytest.mark.skipif(not OG.exists(), reason="og2021 not available")
def test_og2021_titles_tokyo_across_languages():
    tokyo = "place:1850147"
    langs_with_tokyo = set()
    with OG.open(encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n % 7:
                continue
            rec = json.loads(line)
            keys = article_name_keys(rec["title"], rec.get("text") or "", rec["lang"])
            _valid(keys)
            if tokyo in keys:
                langs_with_tokyo.add(rec["lang"])
    assert {"en", "pt", "es", "fr", "ru", "de", "sl", "ar"} <= langs_with_tokyo
