"""Guided mode: sort answers under themes the leader has named ("reiseliv og opplevelser").

Each seed description is represented like an answer (embedding and TF-IDF). Answers go to
the nearest seed; then each theme's centre moves towards its answers for a few rounds
(seeded k-means), which tolerates seeds worded unlike the answers. This works in the
unsmoothed space: measured, smoothing first let one seed swallow its neighbours' answers.
An answer much further from its theme than the theme's own members is "none of these" (-1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .linalg import unit_rows

ROUNDS = 5
# How strongly a theme's centre stays anchored to its seed while it follows its answers.
SEED_WEIGHT = 0.5
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
            centres[theme] = unit_rows(members.mean(axis=0, keepdims=True))[0] + centres[theme]
    return unit_rows(centres)


def thresholds(sims: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """Return the similarity below which an answer fits none of the seeds, per theme."""
    out = np.full(k, -1.0, dtype=np.float32)
    for theme in range(k):
        best = sims[labels == theme, theme]
        if len(best) >= 3:
            out[theme] = float(best.mean() - OUTLIER_SPREAD * best.std())
    return out


def fit_guided(points: np.ndarray, seeds: np.ndarray) -> GuidedFit:
    """Assign normalised answer vectors to seed vectors, refining the theme centres."""
    seeds = unit_rows(np.asarray(seeds, dtype=np.float32))
    labels = (points @ seeds.T).argmax(axis=1)
    centres = seeds
    for _ in range(ROUNDS):
        centres = _centres(points, labels, seeds)
        new = (points @ centres.T).argmax(axis=1)
        if np.array_equal(new, labels):
            break
        labels = new
    sims = points @ centres.T
    limits = thresholds(sims, labels, len(seeds))
    best = sims[np.arange(len(labels)), labels]
    labels = np.where(best >= limits[labels], labels, -1)
    return GuidedFit(labels=labels, centroids=centres, thresholds=limits)
