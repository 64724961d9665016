"""Story list and story page latency of the web server over a large store.

Target (issue #5): p99 < 200 ms for the story list and a story page with
50,000 articles in the store, on 2 cores.

Embedding 50,000 articles with the bundled model takes about an hour here, and
what is measured is the server, not the encoder, so the store is woven with
:class:`HashEncoder`: a bag of hashed words (each word a fixed random unit
vector), which gives similar titles similar vectors. The weaver, the store and
the server are the real ones; the articles are synthetic multilingual reports
of invented happenings (templates x places x days), so stories have realistic
sizes (most a handful of articles, a few hundreds: places are drawn with
Zipf-like weights).

    python benchmarks/serve_latency.py --articles 50000 --store /tmp/nw50k.db
    # second run reuses the store: only the measurement

The server runs in a child process (uvicorn, as ``newsweave serve``); one
client thread measures sequential requests: story list pages (default order,
filtered by language and by date, later pages, a text query) and story pages
(largest stories and random ones).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import random
import socket
import statistics
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np

TEMPLATES = {
    "en": ["Flooding forces families from their homes in {c}", "{c} council approves new tram line",
           "Fire at {c} warehouse injures workers", "Strike halts port of {c}",
           "Election in {c}: mayor re-elected", "Heat wave grips {c}"],
    "fr": ["Des inondations chassent des familles de leurs maisons à {c}",
           "Le conseil de {c} approuve une nouvelle ligne de tramway",
           "Incendie dans un entrepôt de {c}", "Grève au port de {c}",
           "Élections à {c} : le maire réélu", "Canicule à {c}"],
    "es": ["Inundaciones obligan a familias a dejar sus casas en {c}",
           "El ayuntamiento de {c} aprueba una nueva línea de tranvía",
           "Incendio en un almacén de {c}", "Huelga en el puerto de {c}",
           "Elecciones en {c}: el alcalde reelegido", "Ola de calor en {c}"],
    "de": ["Überschwemmungen vertreiben Familien in {c}", "Stadtrat von {c} beschließt Straßenbahn",
           "Brand in Lagerhalle in {c}", "Streik legt Hafen von {c} lahm",
           "Wahl in {c}: Bürgermeister wiedergewählt", "Hitzewelle in {c}"],
}  # fmt: skip
CITIES = [f"{a}{b}" for a in ("Val", "Port", "San", "Nord", "Kir", "Bel", "Mar", "Ost", "Tal",
          "Ris", "Lun", "Dor") for b in ("ona", "ville", "burg", "ica", "stad", "ar", "enz",
          "ovo", "ia", "mund")]  # fmt: skip


CITY_WEIGHTS = [1 / (1 + i) for i in range(len(CITIES))]


class HashEncoder:
    """A bag of hashed words: each word a fixed random unit vector (no model needed)."""

    name = "bench-hash-384"
    dim = 384

    def __init__(self) -> None:
        self._cache: dict[str, np.ndarray] = {}

    def _word(self, word: str) -> np.ndarray:
        vec = self._cache.get(word)
        if vec is None:
            seed = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "big")
            vec = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
            self._cache[word] = vec
        return vec

    def encode(self, texts) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split()[:40]:
                out[i] += self._word(word.strip(".,:;!?"))
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-9)


def articles(n: int, seed: int = 5):
    from newsweave.ingest.records import parse_published
    from newsweave.model import Article

    rng = random.Random(seed)
    for i in range(n):
        lang = rng.choice(list(TEMPLATES))
        kind = rng.randrange(len(TEMPLATES[lang]))
        city = rng.choices(CITIES, weights=CITY_WEIGHTS)[0]  # a few places dominate the news
        day = (i * 90) // n
        title = TEMPLATES[lang][kind].format(c=city)
        yield Article(
            origin=f"gen|{kind}|{city}|{day}",
            id=f"bench-{i}",
            title=title,
            text=f"{title}. {rng.randint(2, 900)} people were affected, officials in {city} said.",
            lang=lang,
            published=parse_published(
                f"2024-{1 + day // 30:02d}-{1 + day % 28:02d}T{rng.randint(0, 23):02d}:00:00Z"
            ),  # fmt: skip
            source=rng.choice(["wire-a", "daily-b", "radio-c", "web-d", "tv-e"]),
        )


def build_direct(path: Path, n: int) -> None:
    """Write ``n`` articles straight into a store, placed by their generator.

    Weaving 50,000 articles on a shared 2-core machine takes hours; the server
    does not care how the placements were decided, so here every article is
    placed by construction: one event per (happening, place, 4-day window), one
    story per (happening, place, 3-week window). The rows are the store's own
    (``save_placement``), with HashEncoder vectors.
    """
    from newsweave.model import Placement, PreparedArticle
    from newsweave.normalize import normalize_article
    from newsweave.pipeline import Weaver
    from newsweave.prepare import hours_since_epoch
    from newsweave.store.sqlite import SQLiteStore

    encoder = HashEncoder()
    with Weaver(db=path, encoder=encoder):  # creates the store and records the encoder
        pass
    store = SQLiteStore(path)
    events: dict[tuple, str] = {}
    stories: dict[tuple, str] = {}
    t0 = time.time()
    batch: list = []

    def flush() -> None:
        vecs = encoder.encode([a.title for a, _, _ in batch])
        for (a, ev_key, st_key), vec in zip(batch, vecs, strict=True):
            new_story = st_key not in stories
            if new_story:
                stories[st_key] = f"st-{len(stories) + 1}"
            new_event = ev_key not in events
            if new_event:
                events[ev_key] = f"ev-{len(events) + 1}"
            clean = normalize_article(a)
            prepared = PreparedArticle(clean, a.lang, hours_since_epoch(a.published), vec, {}, {})
            placement = Placement(a.id, events[ev_key], stories[st_key], new_event, new_story)
            store.save_placement(prepared, {}, prepared.time, placement)
        batch.clear()

    for a in articles(n):
        _, kind, city, day = a.origin.split("|")
        day = int(day)
        batch.append((a, (kind, city, day // 4), (kind, city, day // 21)))
        if len(batch) == 1000:
            flush()
    flush()
    store.close()
    print(f"wrote {n:,} articles ({len(events):,} events, {len(stories):,} stories) into "
          f"{path} in {time.time() - t0:.0f} s")  # fmt: skip


def build(path: Path, n: int) -> None:
    from newsweave.pipeline import Weaver

    t0 = time.time()
    done = [0]

    def progress(k: int) -> None:
        done[0] += k
        if done[0] % 5000 < k:
            print(f"  {done[0]:,} articles, {done[0] / (time.time() - t0):.0f}/s", flush=True)

    with Weaver(db=path, encoder=HashEncoder()) as weaver:
        report = weaver.add_many(articles(n), batch_size=256, on_progress=progress)
    print(f"woven {report.added:,} articles into {path} in {time.time() - t0:.0f} s")


def _serve(path: str, port: int) -> None:
    import uvicorn

    from newsweave.serve.app import create_app

    app = create_app(path, token="bench", encoder=HashEncoder())
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def get(url: str) -> tuple[float, dict]:
    t0 = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as resp:
        body = resp.read()
    return time.perf_counter() - t0, json.loads(body)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def measure(path: Path, requests: int) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    child = multiprocessing.get_context("spawn").Process(target=_serve, args=(str(path), port))
    t0 = time.time()
    child.start()
    base = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                _, health = get(base + "/api/health")
                break
            except OSError:
                if time.time() - t0 > 600 or not child.is_alive():
                    raise SystemExit("the server did not start") from None
                time.sleep(0.5)
        print(f"server up in {time.time() - t0:.1f} s: {health['articles']:,} articles, "
              f"{health['stories']:,} stories")  # fmt: skip
        _, first = get(base + "/api/stories?limit=100")
        biggest = [s["id"] for s in first["stories"][:20]]
        _, tail = get(base + f"/api/stories?limit=100&offset={max(0, health['stories'] - 100)}")
        others = [s["id"] for s in tail["stories"]] + biggest
        rng = random.Random(3)
        lists = [
            "/api/stories",
            "/api/stories?lang=fr",
            "/api/stories?since=2024-02-01&until=2024-02-10",
            "/api/stories?offset=200",
            "/api/stories?source=wire-a&sort=recent",
            "/api/stories?sort=date&limit=50",
            "/api/stories?q=flooding%20families",
        ]
        for path_ in lists + [f"/api/stories/{biggest[0]}?sections=none"]:
            get(base + path_)  # warm
        results: dict[str, list[float]] = {"story list": [], "story page": [], "search": []}
        sizes = []
        for i in range(requests):
            secs, _ = get(base + lists[i % len(lists)])
            results["story list"].append(secs)
            sid = rng.choice(biggest[:5]) if i % 4 == 0 else rng.choice(others)
            secs, story = get(base + f"/api/stories/{sid}?sections=none")
            results["story page"].append(secs)
            sizes.append(story["size"])
            if i % 5 == 0:
                secs, _ = get(base + "/api/search?q=" + urllib.request.quote(
                    rng.choice(["flooding families", "grève port", "Hitzewelle"])))  # fmt: skip
                results["search"].append(secs)
        print(f"{'endpoint':<11} {'n':>5} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
        for name, lat in results.items():
            print(f"{name:<11} {len(lat):>5} {1000 * statistics.median(lat):>8.1f} "
                  f"{1000 * pct(lat, 0.99):>8.1f} {1000 * max(lat):>8.1f}")  # fmt: skip
        print(f"story pages read: sizes {min(sizes)}..{max(sizes)} articles "
              f"(median {statistics.median(sizes):.0f})")  # fmt: skip
    finally:
        child.terminate()
        child.join(30)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=50_000)
    ap.add_argument("--store", default="/tmp/newsweave-bench-50k.db")
    ap.add_argument("--requests", type=int, default=300, help="list + page requests each")
    ap.add_argument(
        "--weave",
        action="store_true",
        help="weave the articles (slow) instead of placing them by construction",
    )
    args = ap.parse_args()
    path = Path(args.store)
    if not path.exists():
        if args.weave:
            print(f"weaving {args.articles:,} synthetic articles (HashEncoder) ...", flush=True)
            build(path, args.articles)
        else:
            print(f"writing {args.articles:,} synthetic articles ...", flush=True)
            build_direct(path, args.articles)
    measure(path, args.requests)
    return 0


if __name__ == "__main__":
    sys.exit(main())
