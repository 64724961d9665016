"""Load check of ``newsweave serve`` on loopback: do reads keep answering while articles are woven?

Starts ``newsweave serve`` as a separate process on 127.0.0.1 (a free port),
over a copy of a store (``--db``) or a store woven here from the repository's
examples and ``../shared/seeds``. Then, with a bounded number of requests:

1. **reads only**: ``--readers`` threads read the story list, story pages and
   (a few) searches;
2. **reads while writing**: the same readers, while one client posts
   ``--posts`` new articles (in batches of ``--batch``), each woven at once.

It prints requests/s, p50/p99/max latency per endpoint and phase, the posting
rate, and the number of request errors (any non-2xx answer or connection
error), and exits 1 if there was any error. Only loopback is ever contacted.

    python benchmarks/load_check.py                      # ~1 minute on 2 cores
    python benchmarks/load_check.py --db news.db --reads 4000 --posts 200
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "load-check-token"

CITIES = ["Lyon", "Porto", "Gdansk", "Mombasa", "Cebu", "Izmir", "Quito", "Tbilisi"]
TEMPLATES = {
    "en": "Flooding forces {n} families from their homes in {c}",
    "fr": "Des inondations chassent {n} familles de leurs maisons à {c}",
    "es": "Las inundaciones obligan a {n} familias a dejar sus casas en {c}",
    "de": "Überschwemmungen vertreiben {n} Familien in {c} aus ihren Häusern",
    "ar": "فيضانات تجبر {n} عائلة على مغادرة منازلها في {c}",
}
QUERIES = ["séisme en Turquie", "Erdbeben Türkei", "huelga en el puerto", "interest rate decision",
           "inondations", "الجيش السوري حلب"]  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(path: Path) -> None:
    """Weave the examples (and the seeds when present) into ``path``."""
    sources = [str(ROOT / "examples" / "articles")]
    seeds = ROOT.parent / "shared" / "seeds"
    if seeds.is_dir():
        sources.append(str(seeds))
    cmd = [sys.executable, "-m", "newsweave.cli", "ingest", *sources, "--db", str(path), "-q"]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


class Client:
    """One persistent HTTP/1.1 connection to the server (one per thread)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        headers = {"Host": "127.0.0.1"}
        if body is not None:
            headers.update({"Content-Type": "application/json",
                            "Authorization": f"Bearer {TOKEN}"})  # fmt: skip
        for attempt in (0, 1):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                resp = self.conn.getresponse()
                return resp.status, resp.read()
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                if attempt:
                    raise
        raise AssertionError("unreachable")


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)

    def add(self, name: str, seconds: float, ok: bool) -> None:
        with self.lock:
            self.latency[name].append(seconds)
            if not ok:
                self.errors[name] += 1


def reader(port: int, story_ids: list[str], rec: Recorder, budget: list[int],
           stop: threading.Event, seed: int) -> None:  # fmt: skip
    rng = random.Random(seed)
    client = Client(port)
    while not stop.is_set():
        with rec.lock:
            if budget[0] <= 0:
                return
            budget[0] -= 1
        roll = rng.random()
        if roll < 0.45:
            name, path = "story list", "/api/stories?limit=20"
        elif roll < 0.95:
            sid = rng.choice(story_ids)
            name, path = "story page", f"/api/stories/{quote(sid)}?sections=none"
        else:
            name, path = "search", "/api/search?" + urlencode({"q": rng.choice(QUERIES)})
        t0 = time.perf_counter()
        try:
            status, _ = client.request("GET", path)
            ok = 200 <= status < 300
        except OSError:
            ok = False
        rec.add(name, time.perf_counter() - t0, ok)


def writer(port: int, posts: int, batch: int, rec: Recorder, stop: threading.Event) -> None:
    rng = random.Random(1)
    client = Client(port)
    sent = 0
    while sent < posts:
        items = []
        for _ in range(min(batch, posts - sent)):
            lang = rng.choice(list(TEMPLATES))
            items.append({
                "id": f"load-{sent}", "lang": lang, "source": rng.choice(["wire-a", "daily-b"]),
                "title": TEMPLATES[lang].format(n=rng.randint(3, 400), c=rng.choice(CITIES)),
                "text": " ".join(TEMPLATES[lang].format(n=rng.randint(3, 400), c=rng.choice(CITIES))
                                 + "." for _ in range(4)),
                "published": f"2024-05-{1 + sent % 28:02d}T{rng.randint(0, 23):02d}:00:00Z",
            })  # fmt: skip
            sent += 1
        t0 = time.perf_counter()
        try:
            status, body = client.request("POST", "/api/articles/batch", json.dumps(items).encode())
            ok = status == 201 and json.loads(body)["added"] == len(items)
        except OSError:
            ok = False
        rec.add("post batch", time.perf_counter() - t0, ok)
    stop.set()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def report(title: str, rec: Recorder, seconds: float) -> int:
    print(f"\n{title} ({seconds:.1f} s)")
    print(f"  {'endpoint':<12} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'max ms':>8} {'errors':>6}")  # fmt: skip
    errors = 0
    total = 0
    for name in sorted(rec.latency):
        lat = rec.latency[name]
        total += len(lat) if name != "post batch" else 0
        errors += rec.errors[name]
        print(f"  {name:<12} {len(lat):>8} {len(lat) / seconds:>7.1f} "
              f"{1000 * statistics.median(lat):>8.1f} {1000 * pct(lat, 0.99):>8.1f} "
              f"{1000 * max(lat):>8.1f} {rec.errors[name]:>6}")  # fmt: skip
    print(f"  all reads: {total} requests, {total / seconds:.1f} req/s; errors: {errors}")
    return errors


def run_phase(port: int, story_ids: list[str], readers: int, reads: int,
              posts: int = 0, batch: int = 5) -> tuple[Recorder, float]:  # fmt: skip
    rec = Recorder()
    stop = threading.Event()
    budget = [reads]
    threads = [
        threading.Thread(target=reader, args=(port, story_ids, rec, budget, stop, i))
        for i in range(readers)
    ]
    if posts:
        threads.append(threading.Thread(target=writer, args=(port, posts, batch, rec, stop)))
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return rec, time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="store to serve (copied first; default: woven from examples)")
    ap.add_argument("--readers", type=int, default=4, help="reader threads (default 4)")
    ap.add_argument("--reads", type=int, default=1500, help="read requests for phase 1")
    ap.add_argument(
        "--max-reads-while-writing",
        type=int,
        default=20000,
        help="cap on reads in phase 2 (it also ends when the posts are done)",
    )
    ap.add_argument("--posts", type=int, default=60, help="articles posted in phase 2")
    ap.add_argument("--batch", type=int, default=5, help="articles per POST")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="newsweave-load-"))
    db = work / "store.db"
    try:
        if args.db:
            shutil.copy(args.db, db)
        else:
            print("weaving the examples into a fresh store ...", flush=True)
            build_store(db)
        port = free_port()
        env = {**os.environ, "NEWSWEAVE_TOKEN": TOKEN}
        server = subprocess.Popen(
            [sys.executable, "-m", "newsweave.cli", "serve", "--db", str(db),
             "--host", "127.0.0.1", "--port", str(port)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        try:
            client = Client(port)
            deadline = time.time() + 180
            while True:
                try:
                    status, body = client.request("GET", "/api/health")
                    if status == 200:
                        break
                except OSError:
                    pass
                if time.time() > deadline or server.poll() is not None:
                    print(server.stderr.read().decode() if server.stderr else "")
                    raise SystemExit("the server did not start")
                time.sleep(0.3)
            health = json.loads(body)
            status, body = client.request("GET", "/api/stories?limit=100")
            story_ids = [s["id"] for s in json.loads(body)["stories"]]
            print(f"server on 127.0.0.1:{port}: {health['articles']} articles, "
                  f"{health['stories']} stories; {args.readers} reader threads")  # fmt: skip
            for path in ["/api/search?q=warm", "/api/stories"] + [
                f"/api/stories/{quote(sid)}?sections=none" for sid in story_ids[:5]
            ]:  # load the query encoder and the caches before measuring
                client.request("GET", path)
            time.sleep(5)  # let the server's own background warm-up (gazetteer) finish
            errors = 0
            rec, secs = run_phase(port, story_ids, args.readers, args.reads)
            errors += report("phase 1: reads only", rec, secs)
            rec, secs = run_phase(port, story_ids, args.readers, args.max_reads_while_writing,
                                  posts=args.posts, batch=args.batch)  # fmt: skip
            errors += report(f"phase 2: reads while {args.posts} articles are posted", rec, secs)
            woven = args.posts / sum(rec.latency["post batch"])
            print(f"  writes: {args.posts} articles in {len(rec.latency['post batch'])} posts, "
                  f"{woven:.1f} articles/s woven while serving")  # fmt: skip
            status, body = client.request("GET", "/api/health")
            after = json.loads(body)["articles"]
            print(f"  store: {health['articles']} -> {after} articles")
            print(f"\nrequest errors: {errors}")
            return 1 if errors or after != health["articles"] + args.posts else 0
        finally:
            server.terminate()
            server.wait(30)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
