"""Fixtures for the web server tests: a woven store and a live server on loopback.

The store is woven once per session from the repository's example articles
plus ``../shared/seeds`` when present (multilingual, with Arabic); each test
module that writes gets its own copy, served by uvicorn on a free loopback
port in a background thread, so the tests go through the real HTTP stack.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "articles"
SEEDS = ROOT.parent / "shared" / "seeds"
TOKEN = "test-token-0123456789"

# a few dated articles so that date filters, sources and the timeline chart have data
DATED = [
    {"id": "dated-en-1", "title": "Magnitude 6.1 earthquake: rescuers reach villages near Van",
     "text": "Rescue teams reached remote villages north of Van on Wednesday after the magnitude "
             "6.1 earthquake that struck eastern Turkey, AFAD said.",
     "lang": "en", "published": "2024-03-06T08:00:00Z", "source": "wire-a",
     "url": "https://example.org/van-rescue"},
    {"id": "dated-fr-1", "title": "Séisme dans l'est de la Turquie : les secours arrivent",
     "text": "Les équipes de secours ont atteint mercredi des villages isolés au nord de Van, "
             "après le séisme de magnitude 6,1 qui a frappé l'est de la Turquie.",
     "lang": "fr", "published": "2024-03-07T09:30:00Z", "source": "daily-b"},
]  # fmt: skip


@dataclass
class Served:
    """A running server: its base URL, token, store file and the app."""

    url: str
    token: str
    db: Path
    app: Any
    server: Any

    def client(self, **kw: Any) -> Any:
        import httpx

        return httpx.Client(base_url=self.url, timeout=120, **kw)

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture(autouse=True)
def no_slow_section_providers(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep the told-story providers (timeline, figures, provenance ...) out of these tests.

    They embed every sentence of a story (tens of seconds on a busy 2-core
    machine) and belong to another area with its own tests; the server's
    handling of optional sections is tested with registered providers
    (test_story_sections.py, test_export_formats.py). The entities provider
    stays: it is fast and gives the map real coordinates.
    """
    from newsweave.serve import sections

    if request.node.get_closest_marker("slow"):
        return  # the slow tests use the real providers
    real = sections._module
    monkeypatch.setattr(
        sections,
        "_module",
        lambda name: real(name) if name == "newsweave.enrich.entities" else None,
    )


@pytest.fixture(scope="session")
def serve_deps() -> None:
    """FastAPI, uvicorn and httpx, or a skip (a failure in CI, which installs them)."""
    import importlib.util
    import os

    for name in ("fastapi", "uvicorn", "httpx"):
        if importlib.util.find_spec(name) is None:
            reason = f"{name} is not installed (pip install -e '.[test]')"
            if os.environ.get("CI") == "true":
                pytest.fail(reason)
            pytest.skip(reason)


@pytest.fixture(scope="session")
def woven_store(tmp_path_factory: pytest.TempPathFactory, encoder: Any) -> Path:
    """A store woven from the examples, the seeds (when present) and two dated articles."""
    from newsweave.ingest import read_paths
    from newsweave.ingest.records import article_from_mapping
    from newsweave.pipeline import Weaver

    path = tmp_path_factory.mktemp("serve") / "base.db"
    paths = [str(EXAMPLES)] + ([str(SEEDS)] if SEEDS.is_dir() else [])
    with Weaver(db=path, encoder=encoder) as weaver:
        report = weaver.add_many(read_paths(paths))
        assert report.ok, report.errors
        weaver.add_many(article_from_mapping(r, "fixture") for r in DATED)
    return path


def start_server(db: Path, encoder: Any, **options: Any) -> Served:
    from newsweave.serve.app import create_app, run_in_thread

    options.setdefault("max_body_bytes", 256 * 1024)
    app = create_app(db, token=TOKEN, encoder=encoder, poll_seconds=0.3, **options)
    server, port = run_in_thread(app)
    return Served(f"http://127.0.0.1:{port}", TOKEN, db, app, server)


def stop_server(served: Served) -> None:
    served.server.should_exit = True
    served.server.thread.join(30)


@pytest.fixture(scope="module")
def served(
    serve_deps: None, woven_store: Path, encoder: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """A server over a fresh copy of the woven store (one per test module)."""
    db = tmp_path_factory.mktemp("served") / "store.db"
    shutil.copy(woven_store, db)
    running = start_server(db, encoder)
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def http(served: Served) -> Iterator[Any]:
    with served.client() as client:
        yield client
