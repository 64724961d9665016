"""On the sg_news_ac dev set, ``--engine ray`` weaves the same events and stories as in-process.

The reference is the in-process engine fed the same articles in publication
order (what ``newsweave eval`` does; the set is undated, so that is file
order, which is also what ``newsweave ingest`` does). Only ``id``, ``title``,
``text``, ``lang``, ``published``, ``source`` and ``url`` are read
(``articles.jsonl``); the gold file is never opened. The Ray run embeds all
209 articles afresh on two workers (~1 min on 2 cores), so the test is slow.
"""

from __future__ import annotations

import pytest

pytest.importorskip("ray")
pytest.importorskip("pyarrow")

from newsweave.engine.ray import RayEngine  # noqa: E402
from newsweave.evaluate.run import default_cache_path, publication_order, read_articles  # noqa: E402
from newsweave.pipeline import Weaver  # noqa: E402


@pytest.mark.slow
def test_ray_ingest_gives_the_in_process_assignments_on_sg_news_ac(tmp_path, datasets_dir):
    path = datasets_dir / "sg_news_ac" / "articles.jsonl"
    articles, errors = read_articles(path)
    assert not errors and len(articles) == 209

    with Weaver(db=tmp_path / "local.db", embedding_cache=default_cache_path(), enrichers=[]) as w:
        w.add_many(publication_order(articles))
        local = w.store.assignments()

    engine = RayEngine(workers=2)
    with Weaver(db=tmp_path / "ray.db", enrichers=[]) as w:
        report = engine.ingest([path], w)
        distributed = w.store.assignments()
    engine.close()

    assert report.ok and report.added + report.duplicates == 209
    assert len(local) == len(distributed) == report.added
    assert distributed == local  # same article -> same event and story ids
