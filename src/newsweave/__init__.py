"""newsweave: weave multilingual news into cross-lingual events and stories.

>>> from newsweave import Article, Weaver
>>> with Weaver(db=":memory:") as w:  # doctest: +SKIP
...     w.add(Article(id="1", title="...", text="..."))
"""

from newsweave.model import Article, Event, Evidence, Placement, RecordError, Story
from newsweave.pipeline import IngestReport, Weaver

__all__ = [
    "Article",
    "Event",
    "Evidence",
    "IngestReport",
    "Placement",
    "RecordError",
    "Story",
    "Weaver",
]
__version__ = "0.1.0"
