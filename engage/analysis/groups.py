"""Themes as a leader has edited them: describe given groups, place new answers into them.

Pure functions over lists and arrays, so the app can recompute a theme's label, terms and
quotes after a merge, split or move, and place new answers into the groups as they are now,
without scikit-learn or scipy of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .describe import LANGUAGE_FORMS, Theme, describe
from .language import detect_languages
from .linalg import unit_rows
from .represent import SparseSpace, clean_texts, shared_analyser


def describe_groups(
    texts: Sequence[str],
    groups: Sequence[int],
    embeddings: np.ndarray | None = None,
    language_form: str = "nb",
    languages: Sequence[str] | None = None,
) -> list[Theme]:
    """Return one Theme per group id ≥ 0 (ascending), from its current members; -1 = none."""
    if language_form not in LANGUAGE_FORMS:
        raise ValueError(f"language_form must be one of {LANGUAGE_FORMS}")
    clean = clean_texts(texts)
    groups = np.asarray(groups, dtype=np.int64)
    if len(groups) != len(clean):
        raise ValueError("groups must have one entry per text")
    ids = np.unique(groups[groups >= 0])
    if not len(ids):
        return []
    labels = np.where(groups >= 0, np.searchsorted(ids, groups), -1)
    langs = list(languages) if languages is not None else detect_languages(clean)
    terms = shared_analyser().analyse(clean, langs)
    if embeddings is not None:
        vectors = unit_rows(np.asarray(embeddings, dtype=np.float32))
    else:
        vectors = SparseSpace().fit_transform(clean, terms.stems) if len(clean) > 2 else None
    return describe(labels, len(ids), terms, vectors, clean, langs, language_form)


def assign_to_groups(
    member_vectors: np.ndarray | None,
    member_groups: Sequence[int],
    new_vectors: np.ndarray | None,
    *,
    member_texts: Sequence[str] | None = None,
    new_texts: Sequence[str] | None = None,
    min_similarity: float | None = None,
) -> np.ndarray:
    """Return the group id nearest each new answer (cosine to the group's mean), or -1.

    With vectors for both sides the embeddings decide; without, TF-IDF of word stems and
    character n-grams learned on the member texts. Below ``min_similarity`` an answer stays
    unassigned (-1); members with group -1 are ignored.
    """
    member_groups = np.asarray(member_groups, dtype=np.int64)
    if member_vectors is not None and new_vectors is not None:
        members = unit_rows(np.asarray(member_vectors, dtype=np.float32))
        fresh = unit_rows(np.asarray(new_vectors, dtype=np.float32))
    else:
        if member_texts is None or new_texts is None:
            raise ValueError("give vectors for both sides, or member_texts and new_texts")
        members, fresh = _tfidf(member_texts, new_texts)
    out = np.full(len(fresh), -1, dtype=np.int64)
    placed = member_groups >= 0
    if not len(fresh) or not placed.any():
        return out
    ids = np.unique(member_groups[placed])
    centroids = unit_rows(np.vstack([members[member_groups == g].mean(axis=0) for g in ids]))
    sims = fresh @ centroids.T
    best = sims.argmax(axis=1)
    out[:] = ids[best]
    if min_similarity is not None:
        out[sims[np.arange(len(fresh)), best] < min_similarity] = -1
    out[~np.any(fresh, axis=1)] = -1  # nothing known in the answer: nowhere to put it
    return out


def _tfidf(member_texts: Sequence[str], new_texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Return TF-IDF (SVD) rows of members (fitted) and new texts (transformed)."""
    old, new = clean_texts(member_texts), clean_texts(new_texts)
    old_langs = detect_languages(old)
    analyser = shared_analyser()
    space = SparseSpace()
    members = space.fit_transform(old, analyser.analyse(old, old_langs).stems)
    new_langs = detect_languages(new)
    fresh = space.transform(new, analyser.analyse(new, new_langs).stems)
    return members, fresh
