"""The REST API through the real HTTP stack: reads, search, writes, validation, security."""

from __future__ import annotations

import json
import sqlite3
import threading
import time

import pytest

pytestmark = pytest.mark.usefixtures("serve_deps")


def _count(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]


def _story_of(http, article_id: str) -> str:
    r = http.get(f"/api/articles/{article_id}")
    assert r.status_code == 200, r.text
    return r.json()["story_id"]


# ------------------------------------------------------------------- reads
def test_health_and_openapi(http):
    health = http.get("/api/health").json()
    assert health["ok"] and health["articles"] >= 15
    spec = http.get("/openapi.json").json()
    paths = [
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/search",
        "/api/articles",
        "/api/articles/batch",
        "/api/stories/{story_id}/export",
        "/api/search/export",
    ]
    for path in paths:
        assert path in spec["paths"], path
    assert "HTTPBearer" in json.dumps(spec["components"]["securitySchemes"])


def test_docs_page_uses_only_local_assets(http):
    page = http.get("/docs")
    assert page.status_code == 200
    assert "cdn." not in page.text and "https://" not in page.text
    assert "/static-docs/swagger-ui-bundle.js" in page.text or "/static/docs.js" in page.text
    for asset in ("/static-docs/swagger-ui-bundle.js", "/static-docs/swagger-ui.css"):
        if asset in page.text:
            assert http.get(asset).status_code == 200


def test_story_list_paging_and_filters(http):
    everything = http.get("/api/stories", params={"limit": 100}).json()
    assert everything["total"] == len(everything["stories"]) >= 1
    first = everything["stories"][0]
    assert {"id", "headline", "size", "events", "languages", "sources"} <= set(first)
    sizes = [s["size"] for s in everything["stories"]]
    assert sizes == sorted(sizes, reverse=True)

    page = http.get("/api/stories", params={"limit": 1, "offset": 0}).json()
    assert page["total"] == everything["total"] and len(page["stories"]) == 1
    assert page["stories"][0]["id"] == first["id"]

    arabic = http.get("/api/stories", params={"lang": "ar"}).json()["stories"]
    assert arabic and all(any(x["lang"] == "ar" for x in s["languages"]) for s in arabic)
    assert http.get("/api/stories", params={"lang": "zu"}).json()["total"] == 0

    by_source = http.get("/api/stories", params={"source": "WIRE-A"}).json()["stories"]
    assert by_source and all(any(x["source"] == "wire-a" for x in s["sources"]) for s in by_source)

    dated = http.get("/api/stories", params={"since": "2024-03-07", "until": "2024-03-07"})
    assert dated.status_code == 200 and dated.json()["total"] >= 1
    none = http.get("/api/stories", params={"since": "2031-01-01"}).json()
    assert none["total"] == 0


def test_story_list_text_query_is_cross_lingual(http):
    found = http.get("/api/stories", params={"q": "Erdbeben in der Osttürkei"}).json()
    assert found["stories"], found
    top = found["stories"][0]
    assert top["id"] == _story_of(http, "quake-en-1")
    assert top["score"] > 0 and top["match"]["lang"] != "de"


def test_story_page_has_articles_timeline_and_breakdowns(http):
    story_id = _story_of(http, "quake-ar-1")
    story = http.get(f"/api/stories/{story_id}", params={"sections": "wait"}).json()
    assert story["id"] == story_id and story["size"] == len(story["articles"])
    arabic = next(a for a in story["articles"] if a["id"] == "quake-ar-1")
    assert arabic["dir"] == "rtl" and arabic["lang"] == "ar" and "زلزال" in arabic["text"]
    assert story["timeline"] and all("headline" in t for t in story["timeline"])
    assert sum(x["count"] for x in story["language_counts"]) == story["size"]
    assert {e["id"] for e in story["events"]} == {a["event_id"] for a in story["articles"]}
    assert isinstance(story["sections"], list) and isinstance(story["notes"], dict)
    without_text = http.get(f"/api/stories/{story_id}", params={"text": "false"}).json()
    assert all("text" not in a for a in without_text["articles"])
    bare = http.get(f"/api/stories/{story_id}", params={"sections": "none"}).json()
    assert "sections" not in bare and "notes" not in bare
    extra = http.get(f"/api/stories/{story_id}/sections", params={"wait": 60}).json()
    assert extra["ready"] and extra["id"] == story_id
    assert extra["sections"] == story["sections"]


def test_event_and_article(http):
    article = http.get("/api/articles/quake-en-1").json()
    assert article["placement"]["article_id"] == "quake-en-1"
    event = http.get(f"/api/events/{article['event_id']}").json()
    assert "quake-en-1" in [a["id"] for a in event["articles"]]


def test_search_finds_other_languages(http):
    r = http.get("/api/search", params={"q": "séisme en Turquie", "limit": 6}).json()
    langs = [a["lang"] for a in r["articles"]]
    ids = [a["id"] for a in r["articles"]]
    assert any(i.startswith("quake-") for i in ids[:3])
    assert {"ar", "es", "en", "vi"} & set(langs), langs
    assert r["stories"] and r["stories"][0]["id"] == _story_of(http, "quake-en-1")

    only_ar = http.get("/api/search", params={"q": "séisme en Turquie", "lang": "ar"}).json()
    assert only_ar["articles"] and {a["lang"] for a in only_ar["articles"]} == {"ar"}
    assert only_ar["articles"][0]["id"] == "quake-ar-1"


def test_search_validation(http):
    assert http.get("/api/search").status_code == 422
    assert http.get("/api/search", params={"q": ""}).status_code == 422
    assert http.get("/api/search", params={"q": "x" * 1001}).status_code == 422
    r = http.get("/api/search", params={"q": "a", "limit": 1000})
    assert r.status_code == 422 and "limit" in r.json()["error"]
    r = http.get("/api/stories", params={"since": "yesterday-ish"})
    assert r.status_code == 422 and "since" in r.json()["error"]


# -------------------------------------------------------------- security
NASTY = [
    "st-1' OR '1'='1",
    "st-1; DROP TABLE articles; --",
    "../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "st-1%00",
    "st-99999999999999999999",
    "ev-1' UNION SELECT * FROM meta --",
]


@pytest.mark.parametrize("nasty", NASTY)
def test_nasty_ids_are_not_found(http, served, nasty):
    before = _count(served.db)
    for path in (f"/api/stories/{nasty}", f"/api/events/{nasty}", f"/api/articles/{nasty}",
                 f"/api/stories/{nasty}/export"):  # fmt: skip
        r = http.get(path)
        assert r.status_code == 404, (path, r.status_code, r.text[:200])
        assert "root:" not in r.text
    assert _count(served.db) == before


@pytest.mark.parametrize(
    "params",
    [
        {"lang": "en' OR '1'='1"},
        {"source": "x' OR '1'='1"},
        {"q": "'; DROP TABLE articles; --"},
        {"since": "2016-01-01' OR 1=1 --"},
        {"sort": "size; DROP TABLE articles"},
    ],
)
def test_sql_injection_in_query_parameters(http, served, params):
    before = _count(served.db)
    r = http.get("/api/stories", params=params)
    assert r.status_code in (200, 422)
    if r.status_code == 200:
        assert r.json()["total"] <= len(
            http.get("/api/stories", params={"limit": 100}).json()["stories"]
        )
        if "source" in params:
            assert r.json()["total"] == 0
    assert _count(served.db) == before


@pytest.mark.parametrize(
    "path",
    ["/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
     "/static/..%2f..%2f..%2fetc%2fpasswd", "/static-docs/../app.py"],
)  # fmt: skip
def test_no_path_traversal_in_static_files(http, path):
    r = http.get(path)
    assert r.status_code in (400, 404), (path, r.status_code)
    assert "root:" not in r.text


def test_page_is_served_with_a_strict_content_policy(http):
    r = http.get("/")
    assert r.status_code == 200 and "<main" in r.text
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    for asset in ("/static/app.js", "/static/style.css", "/static/world-110m.json"):
        assert http.get(asset).status_code == 200


def test_foreign_host_header_is_refused(http):
    r = http.get("/api/health", headers={"Host": "evil.example:8000"})
    assert r.status_code == 400
    assert http.get("/api/health", headers={"Host": "localhost:1234"}).status_code == 200


def test_writes_need_the_token(http, served):
    before = _count(served.db)
    article = {"id": "tok-1", "title": "Token test"}
    r = http.post("/api/articles", json=article)
    assert r.status_code == 401 and "WWW-Authenticate" in r.headers
    r = http.post("/api/articles", json=article, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 403
    r = http.post("/api/articles/batch", json=[article], headers={"X-Newsweave-Token": "nope"})
    assert r.status_code == 403
    assert _count(served.db) == before


def test_server_binds_to_loopback_by_default():
    import inspect

    from newsweave.commands.serve import serve

    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"
    from newsweave.serve.app import is_loopback, run_in_thread

    assert inspect.signature(run_in_thread).parameters["host"].default == "127.0.0.1"
    assert is_loopback("127.0.0.1") and is_loopback("::1") and not is_loopback("0.0.0.0")


# ------------------------------------------------------------------ writes
def test_post_one_article_is_woven_at_once(http, served):
    article = {
        "id": "post-1",
        "title": "Earthquake in eastern Turkey: aftershocks keep Van residents outdoors",
        "text": "Thousands of residents of Van spent a second night outdoors as aftershocks "
        "shook the province after the magnitude 6.1 earthquake.",
        "lang": "en",
        "published": "2024-03-07T20:00:00Z",
        "source": "wire-a",
        "url": "https://example.org/aftershocks",
    }
    r = http.post("/api/articles", json=article, headers=served.auth)
    assert r.status_code == 201, r.text
    placement = r.json()["placement"]
    assert placement["article_id"] == "post-1" and placement["story_id"].startswith("st-")
    story = http.get(f"/api/stories/{placement['story_id']}").json()
    assert "post-1" in [a["id"] for a in story["articles"]]
    hits = http.get("/api/search", params={"q": "réplique sismique à Van", "limit": 20}).json()
    assert "post-1" in [a["id"] for a in hits["articles"]]

    again = http.post("/api/articles", json=article, headers=served.auth)
    assert again.status_code == 200 and again.json()["duplicate_of"] == "post-1"


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"title": "no id"}, "missing required field 'id'"),
        ({"id": ["a"], "title": "x"}, "field 'id' must be a string, got list"),
        ({"id": "t1", "title": 5}, "field 'title' must be a string, got int"),
        ({"id": "t2", "title": "", "text": "  "}, "both 'text' and 'title' are empty"),
        ({"id": "t3", "title": "x", "lang": "english!"}, "invalid 'lang' code"),
        ({"id": "t4", "title": "x", "published": "yesterday-ish"}, "invalid 'published' date"),
        ({"id": "t5", "title": "x", "url": {"href": "y"}}, "field 'url' must be a string"),
        ({"id": "t6", "title": "\u200b\u200b"}, "no text left after cleaning"),
    ],
)
def test_invalid_records_are_refused_with_their_reason(http, served, record, reason):
    before = _count(served.db)
    r = http.post("/api/articles", json=record, headers=served.auth)
    assert r.status_code == 422, r.text
    assert reason in r.json()["error"]
    assert _count(served.db) == before


@pytest.mark.parametrize(
    ("body", "ctype", "status", "message"),
    [
        (b'{"id": "m1", "title": "x"', "application/json", 400, "malformed JSON"),
        (b"{'id': 'm1'}", "application/json", 400, "malformed JSON"),
        (b'{"id": "m1", "title": NaN}', "application/json", 400, "malformed JSON"),
        (b"\xff\xfe\x00garbage", "application/json", 400, "not UTF-8"),
        (b"", "application/json", 400, "empty request body"),
        (b"[" * 100000 + b"]" * 100000, "application/json", 400, "malformed JSON"),
        (b'{"id": "m1", "title": "x"}', "text/plain", 415, "application/json"),
        (b'[{"id": "m1", "title": "x"}]', "application/json", 422, "batch"),
        (b'"just a string"', "application/json", 422, "record must be an object"),
    ],
)
def test_malformed_bodies(http, served, body, ctype, status, message):
    before = _count(served.db)
    r = http.post("/api/articles", content=body, headers={**served.auth, "Content-Type": ctype})
    assert r.status_code == status, r.text[:300]
    assert message in r.json()["error"]
    assert _count(served.db) == before


def test_oversize_body_is_refused(http, served):
    before = _count(served.db)
    big = {"id": "big-1", "title": "big", "text": "word " * 200_000}  # ~1 MB > 256 KiB limit
    r = http.post("/api/articles", json=big, headers=served.auth)
    assert r.status_code == 413 and "too large" in r.json()["error"]
    # same without a Content-Length header (chunked upload)
    body = json.dumps(big).encode()
    r = http.post(
        "/api/articles",
        content=iter([body[i : i + 65536] for i in range(0, len(body), 65536)]),
        headers={**served.auth, "Content-Type": "application/json"},
    )
    assert r.status_code == 413
    assert _count(served.db) == before


def test_batch_is_all_or_nothing_by_default(http, served):
    before = _count(served.db)
    batch = [
        {"id": "b-ok-1", "title": "Port of Rotterdam: cranes idle as dockers strike again"},
        {"id": "b-bad", "title": 42},
        {"id": "b-ok-2", "title": "Grève au port de Rotterdam : les grues à l'arrêt"},
        {"title": "no id"},
    ]
    r = http.post("/api/articles/batch", json=batch, headers=served.auth)
    assert r.status_code == 422
    body = r.json()
    assert body["added"] == 0 and [e["index"] for e in body["errors"]] == [1, 3]
    assert body["errors"][0]["id"] == "b-bad" and "must be a string" in body["errors"][0]["reason"]
    assert _count(served.db) == before

    r = http.post("/api/articles/batch?partial=true", json={"articles": batch}, headers=served.auth)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["added"] == 2 and body["failed"] == 2
    assert [p["article_id"] for p in body["placements"]] == ["b-ok-1", "b-ok-2"]
    assert _count(served.db) == before + 2


def test_batch_as_ndjson_and_limits(http, served):
    lines = [
        json.dumps({"id": "nd-1", "title": "Banco Central do Brasil mantém a Selic", "lang": "pt"}),
        "",
        json.dumps({"id": "nd-2", "title": "Brazil central bank holds Selic rate", "lang": "en"}),
    ]
    r = http.post(
        "/api/articles/batch",
        content="\n".join(lines).encode(),
        headers={**served.auth, "Content-Type": "application/x-ndjson"},
    )
    assert r.status_code == 201 and r.json()["added"] == 2
    bad = http.post(
        "/api/articles/batch",
        content=b'{"id": "nd-3", "title": "x"}\n{oops\n',
        headers={**served.auth, "Content-Type": "application/x-ndjson"},
    )
    assert bad.status_code == 400 and "line 2" in bad.json()["error"]
    assert http.post("/api/articles/batch", json=[], headers=served.auth).status_code == 422
    assert http.post("/api/articles/batch", json={"x": 1}, headers=served.auth).status_code == 422
    too_many = [{"id": f"many-{i}", "title": "t"} for i in range(1001)]
    r = http.post("/api/articles/batch", json=too_many, headers=served.auth)
    assert r.status_code == 413 and "too many" in r.json()["error"]


# ------------------------------------------------------- live and concurrency
def test_live_updates_announce_new_articles(http, served):
    seen: list[dict] = []
    ready = threading.Event()

    def listen() -> None:
        with served.client() as client, client.stream("GET", "/api/updates") as stream:
            event = None
            for line in stream.iter_lines():
                if line.startswith("event:"):
                    event = line.split(":", 1)[1].strip()
                elif line.startswith("data:") and event == "version":
                    seen.append(json.loads(line[5:]))
                    ready.set()
                    if len(seen) >= 2:
                        return

    thread = threading.Thread(target=listen, daemon=True)
    thread.start()
    assert ready.wait(30)
    r = http.post(
        "/api/articles",
        json={"id": "live-1", "title": "Van earthquake: schools stay closed for a week"},
        headers=served.auth,
    )
    assert r.status_code == 201
    thread.join(30)
    assert len(seen) == 2 and seen[1]["articles"] > seen[0]["articles"]


def test_reads_keep_answering_while_articles_are_woven(http, served):
    story_id = _story_of(http, "quake-en-1")
    batch = [
        {"id": f"conc-{i}", "lang": "en",
         "title": f"Report {i}: aid convoys reach Van after the earthquake in eastern Turkey",
         "text": f"Convoy {i} carried tents, blankets and food to villages around Van."}
        for i in range(6)
    ]  # fmt: skip
    done = threading.Event()
    result: dict = {}

    def write() -> None:
        with served.client() as client:
            result["r"] = client.post("/api/articles/batch", json=batch, headers=served.auth)
        done.set()

    writer = threading.Thread(target=write)
    writer.start()
    latencies, statuses = [], []
    while not done.is_set() or len(latencies) < 3:
        t0 = time.perf_counter()
        r = http.get(f"/api/stories/{story_id}", params={"text": "false", "sections": "none"})
        latencies.append(time.perf_counter() - t0)
        statuses.append(r.status_code)
        if len(latencies) > 2000:
            break
    writer.join()
    assert result["r"].status_code == 201 and result["r"].json()["added"] == 6
    assert set(statuses) == {200}
    assert len(latencies) >= 3
    # reads are not queued behind the writer: each answers well before the batch ends
    assert sorted(latencies)[len(latencies) // 2] < 2.0, latencies


# ------------------------------------------------------------ other servers
def test_protected_reads_and_an_empty_store(tmp_path, encoder):
    import httpx

    from newsweave.serve.app import create_app, run_in_thread

    app = create_app(tmp_path / "new.db", token="t0k", encoder=encoder, protect_reads=True)
    server, port = run_in_thread(app)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as c:
            assert c.get("/api/stories").status_code == 401
            assert c.get("/api/stories", headers={"Authorization": "Bearer no"}).status_code == 403
            ok = c.get("/api/stories", headers={"Authorization": "Bearer t0k"})
            assert ok.status_code == 200 and ok.json()["total"] == 0
            c.cookies.set("newsweave_token", "t0k")
            assert c.get("/api/search", params={"q": "anything"}).json()["articles"] == []
            assert c.get("/").status_code == 200  # the page itself holds no data
    finally:
        server.should_exit = True
        server.thread.join(30)
    with pytest.raises(ValueError, match="store file"):
        create_app(":memory:", encoder=encoder)
