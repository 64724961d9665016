"""The smallest end-to-end case, with distractors: the seeds stay one story, alone.

Slow (embeds ~1,000 full articles cold): run with ``pytest -m slow``.
"""

from __future__ import annotations

import pytest

from newsweave import Weaver
from newsweave.ingest import read_paths

pytestmark = pytest.mark.slow


def test_seeds_form_one_story_and_nothing_else_joins_it(tmp_path, seeds_dir, datasets_dir):
    from newsweave.evaluate.run import default_cache_path

    with Weaver(db=tmp_path / "mix.db", embedding_cache=default_cache_path()) as w:
        report = w.add_many(
            read_paths(
                [
                    datasets_dir / "sg_news_ac" / "articles.jsonl",
                    seeds_dir,
                    datasets_dir / "ecbplus_docs" / "articles.jsonl",
                ]
            )
        )
        assert report.ok, report.errors[:3]
        seed_ids = {p.stem for p in seeds_dir.glob("*.txt")}
        stories = {w.placement(i).story_id for i in seed_ids}
        assert len(stories) == 1, stories
        story = w.story(stories.pop())
        assert {a.id for a in story.articles} == seed_ids
