"""The weave stage: online events and stories from prepared articles."""

from newsweave.weave.index import WeaveIndex
from newsweave.weave.lexical import tokens, word_counts
from newsweave.weave.scorer import SIGNALS, WeaveParams
from newsweave.weave.weaver import Decision, OnlineWeaver

__all__ = [
    "Decision",
    "OnlineWeaver",
    "SIGNALS",
    "WeaveIndex",
    "WeaveParams",
    "tokens",
    "word_counts",
]
