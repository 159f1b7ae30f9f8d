"""Describe themes: distinctive terms (class-based TF-IDF), a readable label, quotes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from .represent import Terms

N_TERMS = 10
MIN_TERMS = 5
LABEL_WORDS = 3
N_REPRESENTATIVES = 3
# Two quotes this similar say the same thing; show a different voice instead.
DUPLICATE_SIMILARITY = 0.92


@dataclass
class Theme:
    """One theme: a readable label, distinctive terms, size and representative text indices."""

    label: str
    terms: list[str]
    size: int
    representative: list[int]
    language_counts: dict[str, int] = field(default_factory=dict)
    seed: str | None = None

    def to_dict(self) -> dict:
        """Return plain data for storage (JSON-friendly)."""
        return {
            "label": self.label,
            "terms": list(self.terms),
            "size": self.size,
            "representative": list(self.representative),
            "language_counts": dict(self.language_counts),
            "seed": self.seed,
        }


def term_counts(terms: Terms) -> tuple[sp.csr_matrix, list[str]]:
    """Return a text × stem count matrix and its stem vocabulary."""
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for row, stems in enumerate(terms.stems):
        for stem in stems:
            cols.append(vocabulary.setdefault(stem, len(vocabulary)))
            rows.append(row)
    data = np.ones(len(rows), dtype=np.float32)
    shape = (len(terms.stems), max(len(vocabulary), 1))
    counts = sp.csr_matrix((data, (rows, cols)), shape=shape)
    counts.sum_duplicates()
    return counts, list(vocabulary)


def class_tfidf(counts: sp.csr_matrix, labels: np.ndarray, k: int) -> np.ndarray:
    """Return BERTopic's class-based TF-IDF, one row per theme."""
    valid = labels >= 0
    onehot = sp.csr_matrix(
        (np.ones(valid.sum(), dtype=np.float32), (labels[valid], np.flatnonzero(valid))),
        shape=(k, counts.shape[0]),
    )
    # Count each word once per answer: one long answer must not name a theme alone.
    per_class = np.asarray((onehot @ (counts > 0).astype(np.float32)).todense())
    totals = per_class.sum(axis=1, keepdims=True) + 1e-9
    average = per_class.sum() / max(k, 1)
    idf = np.log1p(average / (per_class.sum(axis=0) + 1e-9))
    scores = per_class / totals * idf
    # A term seen in one answer only is an accident, not a theme word.
    return np.where(per_class >= 2, scores, scores * 0.01)


def pick_terms(scores: np.ndarray, vocabulary: Sequence[str], terms: Terms) -> list[str]:
    """Return up to N_TERMS distinct surface words, best first."""
    out: list[str] = []
    for index in np.argsort(-scores, kind="stable"):
        if scores[index] <= 0 or len(out) >= N_TERMS:
            break
        word = terms.surface(vocabulary[index])
        # A compound's parts repeat it ("arbeidsplasser", "arbeid", "plasser"): keep the whole.
        if word and not any(word in chosen for chosen in out):
            out.append(word)
    return out


def make_label(words: Sequence[str]) -> str:
    """Join the leading theme words into a 2–4 word label, skipping parts of chosen words."""
    chosen: list[str] = []
    for word in words:
        if any(word in other or other in word for other in chosen):
            continue
        chosen.append(word)
        if len(chosen) == LABEL_WORDS:
            break
    if not chosen:
        return ""
    text = ", ".join(chosen)
    return text[0].upper() + text[1:]


def representatives(members: np.ndarray, vectors: np.ndarray, keys: Sequence[str]) -> list[int]:
    """Return up to three members nearest their centre that are not near-duplicates."""
    if not len(members):
        return []
    centroid = vectors[members].mean(axis=0)
    order = members[np.argsort(-(vectors[members] @ centroid), kind="stable")]
    chosen: list[int] = []
    seen: set[str] = set()
    for index in order:
        if keys[index] in seen:
            continue
        if any(float(vectors[index] @ vectors[c]) > DUPLICATE_SIMILARITY for c in chosen):
            continue
        chosen.append(int(index))
        seen.add(keys[index])
        if len(chosen) == N_REPRESENTATIVES:
            break
    return chosen


def describe(
    labels: np.ndarray,
    k: int,
    terms: Terms,
    vectors: np.ndarray,
    texts: Sequence[str],
    languages: Sequence[str],
) -> list[Theme]:
    """Return one Theme per label 0..k-1."""
    counts, vocabulary = term_counts(terms)
    scores = class_tfidf(counts, labels, k)
    keys = [" ".join(t.lower().split()) for t in texts]
    themes = []
    for theme in range(k):
        members = np.flatnonzero(labels == theme)
        words = pick_terms(scores[theme], vocabulary, terms) if vocabulary else []
        themes.append(
            Theme(
                label=make_label(words),
                terms=words,
                size=len(members),
                representative=representatives(members, vectors, keys),
                language_counts=dict(Counter(languages[i] for i in members)),
            )
        )
    return themes
