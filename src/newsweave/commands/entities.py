"""``newsweave entities`` and ``newsweave entity``: people, organisations and places.

    newsweave entities [--db FILE] [--story ID] [--type place|person|org] [--limit N] [--json]
    newsweave entity NAME_OR_ID [--db FILE] [--json]
    newsweave entities-bench [--datasets DIR] [--set NAME]... [--runs 3] [--write BENCHMARKS.md]

The entities come from the ``entities`` enrich-stage component
(:mod:`newsweave.enrich.entities`); a store woven before that component
existed is indexed on first use.
"""

from __future__ import annotations

import json

import click

from newsweave.cli import DB_OPTION, _reader_weaver


def _open(db):
    from newsweave.enrich.entities import reindex_entities

    weaver = _reader_weaver(db)
    reindex_entities(weaver.store)
    return weaver


def _variants(e, n: int = 8) -> str:
    shown = [f"{t} ({lg} {c})" for t, lg, c in e.variants[:n]]
    more = len(e.variants) - n
    return ", ".join(shown) + (f", +{more} more" if more > 0 else "")


@click.command(name="entities")
@DB_OPTION
@click.option("--story", "story_id", default=None, help="Only the entities of this story (st-N).")
@click.option(
    "--type",
    "etype",
    type=click.Choice(["place", "person", "org"]),
    default=None,
    help="Only one type.",
)
@click.option("--limit", type=int, default=None, help="At most this many entities.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
def entities(db, story_id, etype, limit, as_json) -> None:
    """List people, organisations and places, most reported first."""
    from newsweave.enrich.entities import list_entities

    weaver = _open(db)
    try:
        found = list_entities(weaver.store, story_id=story_id, type=etype, limit=limit)
    finally:
        weaver.close()
    if as_json:
        click.echo(json.dumps([e.as_dict() for e in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo("no entities")
    for e in found:
        where = f" @ {e.lat:.3f},{e.lon:.3f}" if e.lat is not None else ""
        click.secho(f"{e.id:>9}  {e.type:<6}  {e.name}{where}", bold=True)
        click.echo(
            f"           {e.in_scope} articles, {len(e.stories)} stories,"
            f" languages: {', '.join(e.languages)} | {_variants(e)}"
        )


@click.command(name="entity")
@click.argument("name_or_id")
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def entity(name_or_id, db, as_json) -> None:
    """Show one entity (ent-N, or a name in any script): variants, languages, stories."""
    from newsweave.enrich.entities import find_entity

    weaver = _open(db)
    try:
        e = find_entity(weaver.store, name_or_id)
        headlines = {}
        if e is not None:
            for sid in e.stories[:20]:
                try:
                    headlines[sid] = weaver.story(sid).headline
                except KeyError:
                    headlines[sid] = ""
    finally:
        weaver.close()
    if e is None:
        raise click.ClickException(f"no entity {name_or_id!r}")
    if as_json:
        data = e.as_dict()
        data["story_headlines"] = headlines
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.secho(f"{e.id}  {e.name}  ({e.type})", bold=True)
    if e.geonameid is not None:
        coords = f" at {e.lat:.4f}, {e.lon:.4f}" if e.lat is not None else ""
        click.echo(f"GeoNames {e.geonameid}{coords} (data (c) GeoNames, CC BY 4.0)")
    langs = ", ".join(e.languages)
    click.echo(f"{e.mentions} mentions in {e.articles} articles | languages: {langs}")
    click.echo("variants:")
    for t, lg, c in e.variants:
        click.echo(f"  {t}  [{lg}] x{c}")
    click.echo("stories:")
    for sid in e.stories[:20]:
        click.echo(f"  {sid}  {headlines.get(sid, '')[:90]}")
    if len(e.stories) > 20:
        click.echo(f"  ... {len(e.stories) - 20} more")


@click.command(name="entities-bench")
@click.option(
    "--datasets",
    type=click.Path(exists=True, file_okay=False),
    default="../shared/datasets",
    show_default=True,
    help="Folder of the dev sets.",
)
@click.option("--set", "sets", multiple=True, help="Dev set(s) to time (default: the three).")
@click.option("--runs", type=int, default=3, show_default=True, help="Runs per configuration.")
@click.option(
    "--cold-limit",
    type=int,
    default=40,
    show_default=True,
    help="Articles per cold (embedding) run.",
)
@click.option("--warm-limit", type=int, default=0, help="Articles per warm run (0: all).")
@click.option(
    "--mode",
    "modes",
    type=click.Choice(["cold", "warm"]),
    multiple=True,
    help="Cache state(s) to time (default: both).",
)
@click.option("--write", "write", type=click.Path(dir_okay=False), default=None,
              help="Append the Markdown section to this file (e.g. BENCHMARKS.md).")  # fmt: skip
def entities_bench(datasets, sets, runs, cold_limit, warm_limit, modes, write) -> None:
    """Time ingest with and without the entities component (cold and warm embedding cache)."""
    import sys

    from newsweave.enrich.entity_bench import DEFAULT_SETS, bench_entities, markdown

    results = bench_entities(
        datasets,
        sets=tuple(sets) or DEFAULT_SETS,
        runs=runs,
        cold_limit=cold_limit,
        warm_limit=warm_limit or None,
        modes=tuple(modes) or ("cold", "warm"),
        log=lambda m: click.echo(m, err=True),
    )
    command = "newsweave " + " ".join(sys.argv[1:])
    section = markdown(results, command)
    click.echo(section)
    if write:
        with open(write, "a", encoding="utf-8") as fh:
            fh.write("\n" + section)
        click.echo(f"appended to {write}", err=True)


COMMANDS = [entities, entity, entities_bench]
