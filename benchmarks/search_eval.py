"""Cross-lingual search quality on sg_news_ac (dev): does a title find the same event abroad?

Target (issue #5): for each dev event that has articles in more than one
language, query with the title of one of its articles; an article of the same
event in **another language** should be in the top 5 for >= 80 % of events.

The dev articles are woven into a throwaway store (the real pipeline and
encoder; embeddings come from the shared evaluation cache when present), then
every query goes through the server's search (:class:`newsweave.serve.corpus.
Corpus`, language-centred cosine, the query's language detected). The query
article itself is left out of its results. Reported: the share for the first
article of each event (by id) and averaged over every article of every such
event as the query, for centred and for raw cosine.

    python benchmarks/search_eval.py [--datasets ../shared/datasets]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--datasets", default=str(Path(__file__).resolve().parents[2] / "shared"
                                              / "datasets"))  # fmt: skip
    ap.add_argument("--k", type=int, default=5)
    args = ap.parse_args()
    folder = Path(args.datasets) / "sg_news_ac"
    if not folder.is_dir():
        print(f"no {folder}: nothing to evaluate")
        return 0

    from newsweave.evaluate.run import default_cache_path
    from newsweave.ingest.records import article_from_mapping
    from newsweave.langid import detect_language
    from newsweave.pipeline import Weaver
    from newsweave.serve.corpus import Corpus
    from newsweave.serve.readstore import ReadOnlyStore

    gold = {}
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold[row["id"]] = row["story"]
    records = [json.loads(x) for x in (folder / "articles.jsonl").read_text("utf-8").splitlines()]
    titles = {r["id"]: r.get("title") or "" for r in records}

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "sg.db"
        t0 = time.time()
        with Weaver(db=db, embedding_cache=default_cache_path()) as weaver:
            report = weaver.add_many(article_from_mapping(r, f"line {i}")
                                     for i, r in enumerate(records, 1))  # fmt: skip
            encoder = weaver.encoder
            params = weaver.params
        print(f"woven {report.added} articles in {time.time() - t0:.0f} s")
        store = ReadOnlyStore(db)
        corpus = Corpus(params)
        corpus.refresh(store)
        lang_of = dict(zip(corpus.ids, corpus.langs, strict=True))
        members: dict[str, list[str]] = defaultdict(list)
        for aid in sorted(lang_of):
            if not gold.get(aid, "other").startswith("other"):
                members[gold[aid]].append(aid)
        events = {e: ids for e, ids in members.items() if len({lang_of[i] for i in ids}) > 1}
        print(f"{len(events)} dev events with articles in more than one language "
              f"({sum(len(v) for v in events.values())} articles)")  # fmt: skip

        vectors = {}
        for ids in events.values():
            for aid in ids:
                vectors[aid] = corpus.query_vector(encoder, titles[aid])
        for centred in (True, False):
            first_hits, all_hits, all_n = 0, 0, 0
            for event, ids in sorted(events.items()):
                for n, aid in enumerate(ids):
                    hits = corpus.search(store, vectors[aid], detect_language(titles[aid]),
                                         limit=args.k + 1, centred=centred)  # fmt: skip
                    top = [h for h in hits if h.id != aid][: args.k]
                    ok = any(gold.get(h.id) == event and h.lang != lang_of[aid] for h in top)
                    all_hits += ok
                    all_n += 1
                    if n == 0:
                        first_hits += ok
            name = "language-centred" if centred else "raw cosine"
            print(
                f"{name:>17}: other-language same-event article in top {args.k}: "
                f"{first_hits}/{len(events)} = {first_hits / len(events):.1%} "
                f"(first article of each event as the query); "
                f"{all_hits}/{all_n} = {all_hits / all_n:.1%} (every article as the query)"
            )
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
