"""Guided mode: sort answers under themes the leader has named ("reiseliv og opplevelser").

Each seed description is placed in the same smoothed space as the answers. Answers go to
the nearest seed; then each theme's centre moves towards its answers for a few rounds
(seeded k-means), which tolerates seeds worded unlike the answers. An answer much further
from its theme than the theme's own members is "none of these" (-1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.preprocessing import normalize

ROUNDS = 5
# How strongly a theme's centre stays anchored to its seed while it follows its answers.
SEED_WEIGHT = 1.0
# Members further than this many standard deviations below the theme's mean similarity fit
# none of the seeds.
OUTLIER_SPREAD = 3.0


@dataclass
class GuidedFit:
    """Labels per answer (-1: none of the seeds), theme centres and per-theme thresholds."""

    labels: np.ndarray
    centroids: np.ndarray
    thresholds: np.ndarray


def _centres(points: np.ndarray, labels: np.ndarray, seeds: np.ndarray) -> np.ndarray:
    centres = seeds * SEED_WEIGHT
    for theme in range(len(seeds)):
        members = points[labels == theme]
        if len(members):
            centres[theme] = normalize(members.mean(axis=0, keepdims=True))[0] + centres[theme]
    return normalize(centres)


def thresholds(sims: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """Return the similarity below which an answer fits none of the seeds, per theme."""
    out = np.full(k, -1.0, dtype=np.float32)
    for theme in range(k):
        best = sims[labels == theme, theme]
        if len(best) >= 3:
            out[theme] = float(best.mean() - OUTLIER_SPREAD * best.std())
    return out


def fit_guided(points: np.ndarray, seeds: np.ndarray, placed: np.ndarray) -> GuidedFit:
    """Assign smoothed points to seed vectors, refining the centres.

    ``placed`` holds the same answers placed as if new (one neighbour step), which is how
    ``assign`` sees later answers; the "none of these" thresholds are learned on it.
    """
    seeds = normalize(np.asarray(seeds, dtype=np.float32))
    centres = seeds.copy()
    labels = (points @ centres.T).argmax(axis=1)
    for _ in range(ROUNDS):
        centres = _centres(points, labels, seeds)
        new = (points @ centres.T).argmax(axis=1)
        if np.array_equal(new, labels):
            break
        labels = new
    sims = placed @ centres.T
    limits = thresholds(sims, labels, len(seeds))
    best = sims[np.arange(len(labels)), labels]
    labels = np.where(best >= limits[labels], labels, -1)
    return GuidedFit(labels=labels, centroids=centres, thresholds=limits)
