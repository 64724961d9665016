"""Draw a random sample of extracted figures to check by hand (docs/telling.md, Figures).

The procedure: up to ``per_set`` random articles from each of ``sg_news_ac``
(en/zh/ms), ``vietnamese_mds_ktlab`` (vi), ``ecbplus_docs`` (en) and ``og2021``
(titles only, 9 languages) plus the seed articles; each article cleaned and its
language detected as at ingest; the figures :func:`~newsweave.enrich.figures.extract_figures`
*reports* (its defaults: the reported kinds, subjects found by a trusted rule);
at most two random figures per article.  Every article of an earlier sample named
by ``exclude`` is left out.  (With ``reuse``, the procedure of the first samples:
a dataset that runs out of such articles is filled with figures from sentences of
earlier samples' articles that no earlier sample showed.)  From that pool,
figures are drawn per stratum in the proportions of :data:`QUOTA`; a short
stratum is filled from the others.

The output rows hold ids, offsets, value/unit/kind/qualifier and empty
``verdict``/``error``/``note`` fields for the judge — no article text, so the
file can live in the repository.  ``--show`` prints each figure in its
sentence with its subject for judging (text on the terminal only); ``--render``
prints the figures of a sample drawn earlier the same way, so that someone who
did not draw it can judge it later (the rows are found again by re-extracting
their articles: a row the current code no longer reports is an error).

    python -m newsweave.evaluate.figure_sample --seed 1 --out sample.jsonl \\
        --exclude tests/telling/data/figures_sample.jsonl --show
    python -m newsweave.evaluate.figure_sample --render tests/telling/data/figures_sample3.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterable
from pathlib import Path

from newsweave.enrich.figures import Figure, extract_figures
from newsweave.ingest import read_paths
from newsweave.model import Article
from newsweave.prepare import clean

DATASETS = ("sg_news_ac", "vietnamese_mds_ktlab", "ecbplus_docs", "og2021")
#: figures per stratum in a sample of 100.  The first samples were 70 sg_news_ac,
#: 18 vi, 12 og2021 and seeds; sg_news_ac's dev split has no unsampled article with
#: a figure left, so English full text now comes from ecbplus_docs and the
#: multilingual share from the og2021 titles.
QUOTA = {"ecbplus_docs": 40, "sg_news_ac": 0, "vietnamese_mds_ktlab": 30, "small": 30}
#: og2021 articles are titles: ``per_set`` times this many are read
TITLE_FACTOR = 10


def _articles(path: Path, dataset: str) -> list[Article]:
    out = [a for a in read_paths([str(path)]) if isinstance(a, Article)]
    for a in out:
        a.id = str(a.id)
    return out


Seen = dict[tuple[str, str], list[tuple[bool, int]]]


def _excluded(paths: Iterable[str | Path]) -> Seen:
    """Articles of earlier samples, with where their figures were (title?, offset)."""
    seen: Seen = {}
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    r = json.loads(line)
                    key = (r["dataset"], str(r["article_id"]))
                    seen.setdefault(key, []).append((bool(r["in_title"]), int(r["start"])))
    return seen


def _shown(f: Figure, spots: list[tuple[bool, int]]) -> bool:
    """Whether an earlier sample showed this figure's sentence."""
    title = f.sentence_index == -1
    a, b = f.sentence_start, f.sentence_start + len(f.sentence)
    return any(t == title and (title or a <= s < b) for t, s in spots)


def figure_pool(
    datasets_dir: str | Path,
    seeds_dir: str | Path,
    seed: int,
    per_set: int = 400,
    exclude: Seen | None = None,
    reuse: bool = False,
) -> tuple[list[tuple[str, Article, Figure]], list[tuple[str, Article, Figure]]]:
    """Up to two random reported figures of each of the drawn articles of no earlier
    sample; with ``reuse``, also a reserve for a dataset whose articles run out: from
    sentences of earlier samples' articles that those samples did not show."""
    rng = random.Random(seed)
    exclude = exclude or {}
    pool: list[tuple[str, Article, Figure]] = []
    reserve: list[tuple[str, Article, Figure]] = []
    sets: list[tuple[str, list[Article]]] = []
    for ds in DATASETS:
        arts = _articles(Path(datasets_dir) / ds / "articles.jsonl", ds)
        if ds == "og2021":  # titles only: the text field is empty
            arts = [a for a in arts if any(ch.isdigit() for ch in a.title)]
        sets.append((ds, arts))
    seeds = [a for a in read_paths([str(seeds_dir)]) if isinstance(a, Article)]
    sets.append(("seeds", seeds))
    for ds, arts in sets:
        fresh = [a for a in arts if (ds, a.id) not in exclude]
        seen = [a for a in arts if (ds, a.id) in exclude]
        # titles are short and few carry a figure with a trusted subject: draw more of them
        n = per_set * TITLE_FACTOR if ds == "og2021" else per_set
        for group, out in ((fresh, pool), (seen if reuse else [], reserve)):
            for a in rng.sample(group, min(n, len(group))):
                c = clean(a)
                if not isinstance(c, Article):
                    continue
                figs = extract_figures(c.clean_text, c.lang, c.id, title=c.clean_title)
                figs = [f for f in figs if not _shown(f, exclude.get((ds, c.id), []))]
                for f in rng.sample(figs, min(2, len(figs))):
                    out.append((ds, c, f))
    return pool, reserve


def draw(
    pool: list[tuple[str, Article, Figure]],
    n: int,
    seed: int,
    reserve: list[tuple[str, Article, Figure]] | None = None,
    quota: dict[str, int] | None = None,
) -> list[tuple[str, Article, Figure]]:
    """``n`` figures from the pool, per stratum in the proportions of ``quota``
    (:data:`QUOTA` by default); a stratum short of fresh articles is filled from its
    ``reserve`` first."""
    shares = quota or QUOTA
    rng = random.Random(seed + 1)
    strata: dict[str, list] = {}
    spare: dict[str, list] = {}
    for items, into in ((pool, strata), (reserve or [], spare)):
        for item in items:
            key = item[0] if item[0] in shares else "small"
            into.setdefault(key, []).append(item)
    picked: list = []
    short = 0
    for key, q in shares.items():
        want = round(q * n / 100)
        have = strata.get(key, [])
        rng.shuffle(have)
        more = spare.get(key, [])
        rng.shuffle(more)
        have = have + more
        picked += have[:want]
        short += max(0, want - len(have))
        strata[key] = have[want:]
    rest = [x for k in shares for x in strata.get(k, [])]
    picked += rng.sample(rest, min(short, len(rest)))
    return picked


def row(i: int, ds: str, a: Article, f: Figure) -> dict:
    return {
        "n": i,
        "dataset": ds,
        "article_id": a.id,
        "lang": a.lang,
        "in_title": f.sentence_index == -1,
        "start": f.start,
        "end": f.end,
        "kind": f.kind,
        "value": f.value if f.kind == "date" else float(f.value),
        "unit": f.unit,
        "qualifier": f.qualifier,
        "verdict": None,
        "error": None,
        "note": "",
    }


def show(i: int, ds: str, a: Article, f: Figure) -> str:
    """One figure in its sentence, with its subject, as a judge reads it."""
    return (
        f"#{i} {ds}/{a.id} [{a.lang}] {f.kind} {f.value!r} {f.unit} q={f.qualifier}\n"
        f"   SUBJECT: {f.subject!r}   TEXT: {f.text!r}\n"
        f"   {f.sentence}\n"
    )


def render(sample: str | Path, datasets_dir: str | Path, seeds_dir: str | Path) -> list[str]:
    """The rows of ``sample`` in their sentences, found again by re-extraction.

    Raises ``ValueError`` naming the first row that the current code no longer
    reports at the same place (the sample was drawn with other code).
    """
    with open(sample, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    wanted = {(r["dataset"], str(r["article_id"])) for r in rows}
    found: dict[tuple[str, str], tuple[Article, list[Figure]]] = {}
    sources = [(ds, Path(datasets_dir) / ds / "articles.jsonl") for ds in DATASETS]
    for ds, path in [*sources, ("seeds", Path(seeds_dir))]:
        if not any(w[0] == ds for w in wanted):
            continue
        for a in _articles(path, ds):
            if (ds, a.id) in wanted:
                c = clean(a)
                if isinstance(c, Article):  # reported or not: the code may have changed
                    figs = extract_figures(
                        c.clean_text, c.lang, c.id, title=c.clean_title, sure_only=False
                    )
                    found[(ds, a.id)] = (c, figs)
    out = []
    for r in rows:
        key = (r["dataset"], str(r["article_id"]))
        if key not in found:
            raise ValueError(f"{sample}: row {r['n']}: article {key[0]}/{key[1]} not found")
        a, figs = found[key]
        match = [
            f
            for f in figs
            if (f.sentence_index == -1) == r["in_title"]
            and (f.start, f.end, f.kind) == (r["start"], r["end"], r["kind"])
        ]
        if not match:
            raise ValueError(
                f"{sample}: row {r['n']}: no {r['kind']} figure at {r['start']}-{r['end']} "
                f"of {key[0]}/{key[1]} any more (drawn with other code?)"
            )
        out.append(show(r["n"], r["dataset"], a, match[0]))
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--datasets", default="../shared/datasets")
    ap.add_argument("--seeds", default="../shared/seeds")
    ap.add_argument("--seed", type=int)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--per-set", type=int, default=400)
    ap.add_argument("--exclude", nargs="*", default=[], help="earlier sample files")
    ap.add_argument(
        "--reuse",
        action="store_true",
        help="fill a dataset short of fresh articles with unshown sentences of excluded ones",
    )
    ap.add_argument(
        "--quota",
        help="figures per stratum out of 100, e.g. ecbplus_docs=35,sg_news_ac=15,"
        "vietnamese_mds_ktlab=30,small=20 (default: QUOTA)",
    )
    ap.add_argument("--out")
    ap.add_argument("--show", action="store_true", help="print figures in their sentences")
    ap.add_argument("--render", metavar="SAMPLE", help="print an earlier sample for judging")
    args = ap.parse_args(argv)
    paths = [("--datasets", args.datasets), ("--seeds", args.seeds)]
    paths += [("--exclude", p) for p in args.exclude]
    paths += [("--render", args.render)] if args.render else []
    for name, path in paths:
        if not Path(path).exists():
            ap.error(f"{name} {path}: no such file or directory")
    if args.render:
        try:
            print("\n".join(render(args.render, args.datasets, args.seeds)))
        except ValueError as err:
            ap.exit(1, f"error: {err}\n")
        return
    if args.seed is None or not args.out:
        ap.error("--seed and --out are needed to draw a sample (or give --render SAMPLE)")
    pool, reserve = figure_pool(
        args.datasets, args.seeds, args.seed, args.per_set, _excluded(args.exclude), args.reuse
    )
    quota = None
    if args.quota:
        try:
            quota = {k: int(v) for k, v in (part.split("=") for part in args.quota.split(","))}
        except ValueError:
            ap.error(f"--quota {args.quota}: expected name=number pairs separated by commas")
        if not set(quota) <= {*DATASETS, "small"}:
            ap.error(f"--quota: strata are {', '.join((*DATASETS, 'small'))}")
    picked = draw(pool, args.n, args.seed, reserve, quota)
    order = {"seeds": 0, "og2021": 1, "sg_news_ac": 2, "ecbplus_docs": 3, "vietnamese_mds_ktlab": 4}
    picked.sort(key=lambda x: (order[x[0]], x[1].lang or "", x[1].id, x[2].start))
    with open(args.out, "w", encoding="utf-8") as fh:
        for i, (ds, a, f) in enumerate(picked):
            fh.write(json.dumps(row(i, ds, a, f), ensure_ascii=False) + "\n")
            if args.show:
                print(show(i, ds, a, f))


if __name__ == "__main__":
    main()
