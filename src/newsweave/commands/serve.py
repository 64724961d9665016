"""``newsweave serve`` (web server) and ``newsweave export`` (files from a store).

Both import their heavy parts lazily, so the rest of the CLI starts fast and
works without FastAPI, uvicorn or pyarrow installed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from newsweave.cli import DB_OPTION, ENCODER_OPTION
from newsweave.store import default_db_path


@click.command()
@DB_OPTION
@ENCODER_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--open-reads",
    is_flag=True,
    help="Serve reads without the token even on a non-loopback address.",
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="Host header names to serve (default: loopback names when bound to loopback).",
)
@click.option(
    "--max-body",
    default="8MiB",
    show_default=True,
    help="Largest request body accepted (e.g. 512KiB, 8MiB).",
)
def serve(db, encoder, host, port, open_reads, allowed_hosts, max_body) -> None:
    """Serve the store: web page, REST API (/docs), search, exports, live updates.

    Writes (POST /api/articles) need a token: $NEWSWEAVE_TOKEN, or a random one
    printed here. Binds to 127.0.0.1 unless --host says otherwise; on any other
    address reads need the token too unless --open-reads.
    """
    try:
        import uvicorn

        from newsweave.serve.app import LOOPBACK_HOSTS, create_app, is_loopback
    except ImportError as exc:
        raise click.ClickException(
            f"the web server needs FastAPI and uvicorn ({exc.name} is missing): "
            "pip install 'newsweave[serve]'"
        ) from exc
    path = db or default_db_path()
    loopback = is_loopback(host)
    token = os.environ.get("NEWSWEAVE_TOKEN")
    try:
        limit = _size(max_body)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--max-body") from exc
    if not loopback and not open_reads:
        click.echo("note: not a loopback address, so reads need the token too", err=True)
    hosts = tuple(allowed_hosts) or (LOOPBACK_HOSTS if loopback else None)
    click.echo(f"opening {path} (loading the encoder and the store) ...", err=True)
    try:
        app = create_app(
            path,
            token=token,
            encoder=encoder,
            protect_reads=not loopback and not open_reads,
            allowed_hosts=hosts,
            max_body_bytes=limit,
        )
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    shown = "[" + host + "]" if ":" in host else host
    click.echo(f"newsweave serving {path} at http://{shown}:{port}/  (API docs: /docs)")
    if token:
        click.echo("write token: from $NEWSWEAVE_TOKEN")
    else:
        click.echo(f"write token: {app.state.newsweave.token}")
    sys.stdout.flush()
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        timeout_graceful_shutdown=3,
        proxy_headers=False,
        server_header=False,
    )


def _size(text: str) -> int:
    units = {"": 1, "B": 1, "KB": 1000, "KIB": 1024, "MB": 1000**2, "MIB": 1024**2,
             "GB": 1000**3, "GIB": 1024**3}  # fmt: skip
    raw = text.strip().upper()
    number = raw.rstrip("KMGIB")
    unit = raw[len(number) :]
    if unit not in units or not number.replace(".", "", 1).isdigit():
        raise ValueError(f"not a size: {text!r} (try 512KiB or 8MiB)")
    return int(float(number) * units[unit])


@click.command(name="export")
@click.argument("cluster_id", required=False)
@DB_OPTION
@ENCODER_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet", "geojson"]),
    default="jsonl",
    show_default=True,
)
@click.option("--out", "out", default=None, metavar="FILE", help="Write here (default: stdout).")
@click.option("--query", "-q", default=None, help="Export a search result instead of a story.")
@click.option("--lang", default=None, help="With --query: only articles in this language.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 100_000))
def export(cluster_id, db, encoder, fmt, out, query, lang, limit) -> None:
    """Export a story (st-N), an event (ev-N) or a search result (--query TEXT).

    JSONL, CSV and Parquet hold one row per article (story, event, id, language,
    date, source, URL, title, original text; rank and score for a search);
    GeoJSON holds the places, from entity coordinates when the entities module
    is installed (else an empty FeatureCollection with a note).
    """
    from newsweave import export as exporting
    from newsweave.serve.readstore import ReadOnlyStore

    if bool(cluster_id) == bool(query):
        raise click.UsageError("give a story/event id or --query TEXT (one of them)")
    path = db or default_db_path()
    try:
        store = ReadOnlyStore(path)
    except (FileNotFoundError, ValueError) as exc:
        raise click.ClickException(
            f"no store at {path} (run 'newsweave ingest' first or pass --db)"
        ) from exc
    try:
        with store.snapshot():
            if cluster_id:
                body = exporting.export_cluster(store, cluster_id, fmt)
            else:
                body = _export_query(store, encoder, query, lang, limit, fmt)
    except KeyError as exc:
        raise click.ClickException(str(exc.args[0])) from exc
    except exporting.ExportError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    if out:
        Path(out).write_bytes(body)
        click.echo(f"wrote {len(body):,} bytes ({fmt}) to {out}", err=True)
    elif fmt == "parquet" and sys.stdout.isatty():
        raise click.UsageError("Parquet is binary: pass --out FILE or redirect stdout")
    else:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()


def _export_query(store, encoder, query: str, lang: str | None, limit: int, fmt: str) -> bytes:
    from newsweave import export as exporting
    from newsweave.encode import get_encoder
    from newsweave.langid import detect_language
    from newsweave.serve.corpus import Corpus

    enc = get_encoder(encoder)
    used = store.get_meta("encoder")
    if used is not None and used != enc.name:
        raise click.ClickException(
            f"{store.path} was woven with encoder {used!r}; pass --encoder to match it"
        )
    corpus = Corpus()
    corpus.refresh(store)
    hits = corpus.search(
        store, corpus.query_vector(enc, query), detect_language(query), lang=lang, limit=limit
    )
    return exporting.export_hits(store, hits, fmt, label=f"search: {query}")


COMMANDS = [serve, export]
