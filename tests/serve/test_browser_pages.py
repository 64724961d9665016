"""The web page in headless Chromium (Debian's package), driven by Playwright.

Skipped, with the reason, when ``/usr/bin/chromium`` or the ``playwright``
package is missing; CI installs both (``.ci/browser-deps.sh`` and the test
extras). Playwright never downloads a browser here: it drives the system one
through ``executable_path``.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = os.environ.get("NEWSWEAVE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
ARABIC_SEED = "002_bd2704263292804c"

pytestmark = pytest.mark.usefixtures("serve_deps")


def _missing(reason: str) -> None:
    """Skip without the browser stack, except in CI, which must run these tests."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}: CI must install it (.ci/browser-deps.sh, the test extras)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).is_file():
        _missing(f"no Chromium at {CHROMIUM} (apt-get install chromium; .ci/browser-deps.sh)")
    try:
        from playwright import sync_api
    except ImportError:
        _missing("playwright is not installed (pip install playwright)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, served):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.requests = []  # every URL the page asked for
    pg.errors = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.failed = []
    pg.on("requestfailed", lambda r: pg.failed.append(f"{r.url} {r.failure}"))
    pg.on(
        "response",
        lambda r: pg.failed.append(f"{r.url} {r.status}") if r.status >= 400 else None,
    )
    yield pg
    context.close()


def _wait(page, selector: str, timeout: float = 30_000) -> None:
    """Wait for ``selector``; on a time-out say what the page showed and what failed."""
    try:
        page.wait_for_selector(selector, timeout=timeout)
    except Exception as exc:
        shown = page.locator("#view").inner_text()[:600]
        raise AssertionError(
            f"{selector} did not appear: {exc}\npage errors: {page.errors}\n"
            f"failed requests: {page.failed}\nthe page shows: {shown}"
        ) from None


def _story_of(http, article_id: str) -> str:
    return http.get(f"/api/articles/{article_id}").json()["story_id"]


def test_list_page_loads_with_local_assets_only(page, served):
    page.goto(served.url + "/")
    _wait(page, "#story-list .story-card")
    cards = page.locator("#story-list .story-card")
    assert cards.count() >= 1
    assert page.locator("#f-lang option").count() > 3  # facets loaded
    _wait(page, "#live-status.ok")  # live updates connected
    hosts = {urlparse(u).netloc for u in page.requests if u.startswith("http")}
    assert hosts == {urlparse(served.url).netloc}, hosts
    assert page.errors == []


def test_search_in_one_language_finds_another(page, served):
    page.goto(served.url + "/")
    query = (
        "L'armée syrienne reprend des quartiers d'Alep"
        if SEEDS.is_dir()
        else ("séisme dans l'est de la Turquie")
    )
    page.fill("#q", query)
    page.press("#q", "Enter")
    _wait(page, "#search-results .hit")
    langs = page.locator("#search-results .hit").evaluate_all(
        "hits => hits.map(h => h.dataset.lang)"
    )
    assert langs and set(langs) - {"fr"}, langs
    assert page.locator("#story-list .story-card").count() >= 1
    assert "q=" in page.url
    # an Arabic hit is laid out right-to-left
    arabic = page.locator('#search-results .hit[data-lang="ar"] .hit-title')
    if arabic.count():
        assert arabic.first.evaluate("e => getComputedStyle(e).direction") == "rtl"


def test_story_page_timeline_and_arabic_right_to_left(page, served, http):
    article = ARABIC_SEED if SEEDS.is_dir() else "quake-ar-1"
    story_id = _story_of(http, article)
    page.goto(f"{served.url}/#/story/{story_id}")
    _wait(page, "#timeline .tl-event")
    assert page.locator("#timeline svg.chart rect.bar").count() >= 1
    assert page.locator("#timeline .tl-event").count() >= 1
    assert page.locator("#sec-languages .bars li").count() >= 2
    card = page.locator(f'.article[data-id="{article}"]')
    assert card.get_attribute("lang") == "ar"
    text = card.locator(".article-text")
    assert text.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert card.locator(".article-title").evaluate("e => getComputedStyle(e).direction") == "rtl"
    english = page.locator('.article[data-lang="en"] .article-text').first
    assert english.evaluate("e => getComputedStyle(e).direction") == "ltr"
    exports = page.locator("#sec-export a").evaluate_all("as => as.map(a => a.href)")
    assert any("format=parquet" in href for href in exports)
    assert page.errors == []


def test_story_page_shows_articles_woven_while_open(page, served, http):
    # a dated article, and a near copy of it a few hours later: the weaver (time-aware)
    # puts the copy into the same story
    story_id = _story_of(http, "dated-en-1")
    page.goto(f"{served.url}/#/story/{story_id}")
    _wait(page, '.article[data-id="dated-en-1"]')
    _wait(page, "#live-status.ok")
    source = http.get("/api/articles/dated-en-1").json()
    r = http.post(
        "/api/articles",
        json={
            "id": "browser-live-1",
            "title": source["title"],
            "text": source["text"] + " Aftershocks were felt again overnight in Van.",
            "lang": "en",
            "published": "2024-03-06T11:00:00Z",
            "source": "wire-c",
        },
        headers=served.auth,
    )
    assert r.status_code == 201, r.text
    assert r.json()["placement"]["story_id"] == story_id
    _wait(page, '.article.fresh[data-id="browser-live-1"]', timeout=30_000)
    assert page.locator("#toast").is_visible()


def test_story_page_map_when_places_have_coordinates(page, served, http):
    from newsweave.serve import sections

    sections.register(
        "entities",
        lambda story_id: [
            {"name": "Van", "type": "place", "lat": 38.49, "lon": 43.38, "articles": 3},
            {"name": "AFAD", "type": "org"},
        ],
    )
    try:
        story_id = _story_of(http, "quake-en-1")
        page.goto(f"{served.url}/#/story/{story_id}")
        _wait(page, '#map .place[data-name="Van"]')
        _wait(page, "#map path.land[d^='M']")  # the bundled world outline
        assert page.locator("#sec-entities .entity").count() == 2
    finally:
        sections.unregister("entities")
