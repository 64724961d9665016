"""CLI: tell a story — timeline, figures, summary, provenance, coverage (and their benchmark).

Each command takes a story id (``st-N``) or an event id (``ev-N``), ``--db``
and ``--json``::

    newsweave timeline st-1 [--lang en]
    newsweave figures st-1 [--all]
    newsweave summary st-1 --lang fr
    newsweave provenance st-1 [--dot] [--all-pairs]
    newsweave coverage st-1
    newsweave tell st-1 --lang en          # all of the above
    newsweave tell-bench --datasets ../shared/datasets   # timing for a 50-article story
    newsweave tell-eval --datasets ../shared/datasets    # provenance P/R on the labelled pairs
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from newsweave.cli import DB_OPTION
from newsweave.store import default_db_path

JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON.")
LANG_OPTION = click.option(
    "--lang",
    default=None,
    metavar="L",
    help="Reader's language (ISO 639-1) for headlines and summary.",
)


def _open(db: str | None):
    from newsweave.store import SQLiteStore

    path = db or default_db_path()
    if path != ":memory:" and not Path(path).exists():
        raise click.ClickException(
            f"no store at {path} (run 'newsweave ingest' first or pass --db)"
        )
    return SQLiteStore(path)


def _tell(db, cluster_id, lang, parts):
    from newsweave.enrich.tell import tell

    store = _open(db)
    try:
        return tell(store, cluster_id, lang=lang, parts=parts)
    except KeyError as exc:
        raise click.ClickException(str(exc.args[0])) from exc
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="ID") from exc
    finally:
        store.close()


def _dump(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _head(report) -> None:
    click.secho(
        f"{report.id}  ({report.kind}, {report.size} articles, {', '.join(report.languages)})",
        bold=True,
    )


def _print_timeline(report) -> None:
    for e in report.timeline:
        day = e.date.date().isoformat() if e.date else "undated"
        how = "" if e.date_how in ("published", "unknown") else f" (est. {e.date_how[5:]})"
        head = e.headline.render() if e.headline else "-"
        click.secho(f"{day}{how}  {e.event_id}  {head}", bold=True)
        click.echo(f"    sources: {', '.join(e.sources)} | languages: {', '.join(e.languages)}")
        if e.first:
            ev = f" from '{e.first.date.evidence}'" if e.first.date.evidence else ""
            click.echo(
                f"    first: {e.first.source} [{e.first.lang}] {e.first.id}{ev}"
                + (f"  ({e.first_note})" if e.first_note else "")
            )


def _fmt_value(p) -> str:
    f = p.figure
    v = f.value if isinstance(f.value, str) else f"{f.value:g}"
    q = f"{f.qualifier} " if f.qualifier else ""
    return f"{q}{v} {f.unit}".strip()


def _print_figures(report) -> None:
    if not report.figures:
        click.echo("no figure reported by more than one article")
    for s in report.figures:
        vals = " -> ".join(_fmt_value(p) for p in s.points)
        click.secho(f"{s.kind}: {s.subject}  [{vals}]", bold=True)
        for p in s.points:
            day = p.when.date().isoformat() if p.when else "undated"
            click.echo(
                f"    {day:<10} {_fmt_value(p):<18} {p.source} [{p.figure.lang}]  "
                f"\u201c{p.figure.text}\u201d — {p.figure.subject}"
            )


def _print_summary(report) -> None:
    if report.headline:
        click.secho(report.headline.render(), bold=True)
    for line in report.summary:
        click.echo(" - " + line.render())


def _print_provenance(report, all_pairs: bool) -> None:
    p = report.provenance
    click.echo(f"{p.independent_sources} independent source(s) among {p.total_articles} articles")
    for i, g in enumerate(p.groups):
        origin = p.origins.get(i)
        click.echo(
            f"  source {i + 1}: {', '.join(g)}" + (f"  (origin: {origin})" if origin else "")
        )
    for lk in p.links if all_pairs else p.copies():
        arrow = {"a->b": f"{lk.a} -> {lk.b}", "b->a": f"{lk.b} -> {lk.a}"}.get(
            lk.direction or "", f"{lk.a} -- {lk.b}"
        )
        click.secho(f"{lk.relation}: {arrow}  score {lk.score:.2f}", bold=True)
        if lk.direction_reason:
            click.echo(f"    direction: {lk.direction_reason}")
        if lk.note:
            click.echo(f"    {lk.note}")
        for ps in lk.passages[:3]:
            click.echo(f"    | {ps.a_text[:110]}")
            click.echo(f"    | {ps.b_text[:110]}  ({ps.score:.2f})")


def _print_coverage(report) -> None:
    c = report.coverage
    click.secho("languages", bold=True)
    for x in c.languages:
        click.echo(
            f"  {x['lang']}: {x['articles']} article(s), first {x['first_date'] or 'undated'}"
            f" by {x['first_source']}"
        )
    click.secho("sources", bold=True)
    for x in c.sources:
        click.echo(
            f"  {x['source']}: {x['articles']} article(s) [{', '.join(x['languages'])}],"
            f" first {x['first_date'] or 'undated'}"
        )
        if x["exclusive_names"]:
            click.echo("      only here: " + ", ".join(x["exclusive_names"]))
        if x["exclusive_figures"]:
            click.echo(
                "      figures only here: " + "; ".join(f["text"] for f in x["exclusive_figures"])
            )


@click.command()
@click.argument("cluster_id", metavar="ID")
@DB_OPTION
@JSON_OPTION
@LANG_OPTION
def timeline(cluster_id, db, as_json, lang) -> None:
    """Events of a story in time order: date, headline, sources, languages, first reporter."""
    report = _tell(db, cluster_id, lang, ("timeline",))
    if as_json:
        _dump({"id": report.id, "timeline": [e.as_dict() for e in report.timeline]})
        return
    _head(report)
    _print_timeline(report)


@click.command()
@click.argument("cluster_id", metavar="ID")
@DB_OPTION
@JSON_OPTION
def figures(cluster_id, db, as_json) -> None:
    """Figures reported by several articles, grouped into series (who said what, when)."""
    report = _tell(db, cluster_id, None, ("figures",))
    if as_json:
        _dump({"id": report.id, "series": [s.as_dict() for s in report.figures]})
        return
    _head(report)
    _print_figures(report)


@click.command()
@click.argument("cluster_id", metavar="ID")
@DB_OPTION
@JSON_OPTION
@LANG_OPTION
def summary(cluster_id, db, as_json, lang) -> None:
    """Extractive headline and summary, in the reader's language when the story has it."""
    report = _tell(db, cluster_id, lang, ("summary",))
    if as_json:
        _dump(
            {
                "id": report.id,
                "lang": lang,
                "headline": report.headline.as_dict() if report.headline else None,
                "summary": [s.as_dict() for s in report.summary],
            }
        )
        return
    _print_summary(report)


@click.command()
@click.argument("cluster_id", metavar="ID")
@DB_OPTION
@JSON_OPTION
@click.option("--dot", is_flag=True, help="Print the provenance graph in Graphviz DOT.")
@click.option("--all-pairs", is_flag=True, help="Show independent pairs too.")
def provenance(cluster_id, db, as_json, dot, all_pairs) -> None:
    """Republications, translations and shared origins; independent sources vs articles."""
    report = _tell(db, cluster_id, None, ("provenance",))
    if dot:
        click.echo(report.provenance.dot())
        return
    if as_json:
        _dump({"id": report.id, **report.provenance.as_dict(all_pairs)})
        return
    _head(report)
    _print_provenance(report, all_pairs)


@click.command()
@click.argument("cluster_id", metavar="ID")
@DB_OPTION
@JSON_OPTION
def coverage(cluster_id, db, as_json) -> None:
    """Languages and sources that covered a story, when each first did, what each alone says."""
    report = _tell(db, cluster_id, None, ("coverage",))
    if as_json:
        _dump({"id": report.id, **report.coverage.as_dict()})
        return
    _head(report)
    _print_coverage(report)


@click.command(name="tell")
@click.argument("cluster_id", metavar="ID")
@DB_OPTION
@JSON_OPTION
@LANG_OPTION
def tell_cmd(cluster_id, db, as_json, lang) -> None:
    """Everything at once: summary, timeline, figures, provenance and coverage."""
    report = _tell(
        db, cluster_id, lang, ("timeline", "figures", "summary", "provenance", "coverage")
    )
    if as_json:
        _dump(report.as_dict())
        return
    _head(report)
    for title, fn in (
        ("summary", _print_summary),
        ("timeline", _print_timeline),
        ("figures", _print_figures),
        ("coverage", _print_coverage),
    ):
        click.secho(f"\n== {title}", fg="cyan")
        fn(report)
    click.secho("\n== provenance", fg="cyan")
    _print_provenance(report, False)


@click.command(name="tell-bench")
@click.option(
    "--datasets",
    default="../shared/datasets",
    show_default=True,
    type=click.Path(exists=True, file_okay=False),
)
@click.option("--articles", "n", default=50, show_default=True, help="Articles in the story.")
@click.option("--runs", default=5, show_default=True, help="Timed runs (median reported).")
@click.option("--db", default=None, help="Store to build (default: a temporary file).")
@click.option(
    "--tell-ready",
    is_flag=True,
    help="Ingest with the 'sentences' component (sentences encoded at ingest, not at query).",
)
@JSON_OPTION
def tell_bench(datasets, n, runs, db, tell_ready, as_json) -> None:
    """Time timeline + figures + provenance (+ summary, coverage) for an N-article story."""
    from newsweave.enrich.bench import bench_telling

    result = bench_telling(
        datasets,
        n_articles=n,
        runs=runs,
        db=db,
        log=lambda m: click.echo(m, err=True),
        tell_ready=tell_ready,
    )
    if as_json:
        _dump(result)
        return
    for k, v in result.items():
        click.echo(f"{k}: {v}")


@click.command(name="tell-eval")
@click.option(
    "--datasets",
    default="../shared/datasets",
    show_default=True,
    type=click.Path(exists=True, file_okay=False),
)
@click.option("--cache", default=None, help="SQLite file to cache sentence vectors in.")
@JSON_OPTION
def tell_eval(datasets, cache, as_json) -> None:
    """Provenance precision/recall on the labelled pairs (tests/telling/data)."""
    from newsweave.enrich.provenance_eval import LABELS_PATH, evaluate_provenance
    from newsweave.store import SQLiteStore

    if not LABELS_PATH.exists():
        raise click.ClickException(f"labelled pairs not found at {LABELS_PATH}")
    store = SQLiteStore(cache) if cache else None
    try:
        res = evaluate_provenance(datasets, cache=store)
    finally:
        if store is not None:
            store.close()
    data = res.as_dict()
    if as_json:
        _dump(data)
        return
    click.echo(
        f"pairs {res.pairs}: precision {res.precision:.3f}, recall {res.recall:.3f} "
        f"(tp {res.tp}, fp {res.fp}, fn {res.fn}, tn {res.tn}) in {res.seconds:.0f}s"
    )
    for ds, counts in data["by_dataset"].items():
        click.echo(f"  {ds}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    sys.stdout.flush()


COMMANDS = [timeline, figures, summary, provenance, coverage, tell_cmd, tell_bench, tell_eval]
