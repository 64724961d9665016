"""newsweave: weave multilingual news into cross-lingual events and stories."""

from newsweave.model import Article, Evidence, Placement, RecordError

__all__ = ["Article", "Evidence", "Placement", "RecordError"]
__version__ = "0.1.0"
