"""Group vectors into themes: kNN-graph smoothing, k-means into 3k groups, merged to k.

Short answers are noisy points; averaging each point with its neighbours a number of times
(a low-pass filter on the kNN graph) pulls each theme together before k-means cuts. Measured
on the labelled sets it matched UMAP + k-means at a fraction of the cost and with no new
dependency. k-means alone splits large themes into pieces of similar size (ARI punishes
that); cutting more groups than asked and merging them keeps a large theme whole. Above
``SAMPLE_MAX`` points the graph and k-means run on a seeded sample and the
rest are placed through their nearest sampled neighbours, so memory stays linear.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score

from .linalg import pca_project, unit_rows

NEIGHBOURS = 15
MIN_NEIGHBOURS = 5
SMOOTH_STEPS = 10
SMOOTH_KEEP = 0.5
EXTEND_KEEP = 0.1
SAMPLE_MAX = 12_000
SILHOUETTE_SAMPLE = 2_000
KMEANS_DIMS = 32
KMEANS_RESTARTS = 10
# k-means cuts this many times k groups; Ward's criterion merges them back to k.
OVERCLUSTER = 3
# Version 1.2 damped Ward's size weight n_a·n_b/(n_a + n_b) to the power 0.4 so large
# themes could grow; on balanced and Zipf-like resamples of the labelled sets that made
# giant themes the data did not hold (worst-case ARI 0.001 against k-means' 0.022), so the
# merge is plain Ward again (see README, "What changed in 2.0").
_BLOCK = 512
_SPREAD = 1024


def nearest(
    queries: np.ndarray, points: np.ndarray, n_neighbors: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return indices and cosine similarities of each query's nearest points (rows normalised)."""
    n_neighbors = min(n_neighbors, len(points))
    index = np.empty((len(queries), n_neighbors), dtype=np.int64)
    sims = np.empty((len(queries), n_neighbors), dtype=np.float32)
    # Blocks keep the similarity matrix at _BLOCK × n, never n × n.
    for start in range(0, len(queries), _BLOCK):
        block = queries[start : start + _BLOCK] @ points.T
        top = _top_columns(block, n_neighbors)
        top_sims = np.take_along_axis(block, top, axis=1)
        order = np.argsort(-top_sims, axis=1, kind="stable")
        index[start : start + len(block)] = np.take_along_axis(top, order, axis=1)
        sims[start : start + len(block)] = np.take_along_axis(top_sims, order, axis=1)
    return index, sims


def _top_columns(block: np.ndarray, n: int) -> np.ndarray:
    """Return the columns of each row's n largest values (in no order).

    Partitioning whole rows cost most of the kNN graph at 10,000 answers. Each row's n-th
    largest value among an even spread of _SPREAD columns is a floor the true n largest are
    all at or above, so only the few values above that floor are sorted: the same columns.
    """
    if block.shape[1] <= 4 * _SPREAD:
        # Partition the block itself (not -block: negating copies it, which costs more).
        return np.argpartition(block, -n, axis=1)[:, -n:]
    spread = np.linspace(0, block.shape[1] - 1, _SPREAD).astype(np.int64)
    floor = np.partition(block[:, spread], -n, axis=1)[:, -n]
    rows, cols = np.nonzero(block >= floor[:, None])
    values = block[rows, cols]
    order = np.lexsort((-values, rows))  # by row, then largest first
    rows, cols = rows[order], cols[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows)
    return cols[rank < n].reshape(len(block), n)


def neighbours_for(n: int, k: int | None = None) -> int:
    """Return the neighbourhood size: 15, fewer for small inputs or many small themes.

    With k themes, a neighbourhood wider than half the average theme reaches into other
    themes, and smoothing then blurs small themes together.
    """
    size = min(NEIGHBOURS, max(MIN_NEIGHBOURS, n // 16))
    if k:
        size = min(size, max(MIN_NEIGHBOURS, int(n / (2 * k))))
    return size


def knn_graph(points: np.ndarray, n_neighbors: int | None = None) -> sp.csr_matrix:
    """Return the symmetric, degree-normalised kNN adjacency of normalised rows."""
    n = len(points)
    index, _ = nearest(points, points, (n_neighbors or neighbours_for(n)) + 1)
    rows = np.repeat(np.arange(n), index.shape[1])
    ones = np.ones(rows.size, dtype=np.float32)
    # Plain 0/1 edges: distance-weighted (UMAP-style) and shared-neighbour weights were
    # measured too and changed nothing beyond seed-to-seed noise.
    adjacency = sp.csr_matrix((ones, (rows, index.ravel())), shape=(n, n))
    adjacency.setdiag(0)
    adjacency.eliminate_zeros()
    adjacency = adjacency.maximum(adjacency.T).tocsr()
    degree = np.asarray(adjacency.sum(axis=1)).ravel() + 1e-9
    scale = sp.diags((1.0 / np.sqrt(degree)).astype(np.float32))
    return (scale @ adjacency @ scale).tocsr()


def smooth(
    points: np.ndarray, steps: int | None = None, n_neighbors: int | None = None
) -> np.ndarray:
    """Average each point with its graph neighbours ``steps`` times; return normalised rows."""
    steps = SMOOTH_STEPS if steps is None else steps
    if len(points) < 3:
        return points.copy()
    graph = knn_graph(points, n_neighbors)
    out = points.astype(np.float32, copy=True)
    for _ in range(steps):
        out = SMOOTH_KEEP * out + (1 - SMOOTH_KEEP) * (graph @ out)
    return unit_rows(out)


def extend(queries: np.ndarray, points: np.ndarray, smoothed: np.ndarray) -> np.ndarray:
    """Place new points in the smoothed space through their nearest fitted points."""
    out = np.empty((len(queries), smoothed.shape[1]), dtype=np.float32)
    # Blocks: gathering 10 neighbours × 150 dims for 100k points at once would take 600 MB.
    for start in range(0, len(queries), _BLOCK):
        block = queries[start : start + _BLOCK]
        index, sims = nearest(block, points, NEIGHBOURS)
        weights = np.clip(sims, 1e-3, None)[..., None]
        mixed = (smoothed[index] * weights).sum(axis=1) / weights.sum(axis=1)
        # After many smoothing steps little of a point's own vector is left in its image;
        # keep as little here, so a new point lands where it would have been fitted.
        out[start : start + len(block)] = EXTEND_KEEP * block + (1 - EXTEND_KEEP) * mixed
    return unit_rows(out)


def reduce(points: np.ndarray, random_state: int) -> PCA | None:
    """Fit a PCA that keeps the few directions smoothing left (k-means runs 5× faster there)."""
    dims = min(KMEANS_DIMS, points.shape[1] - 1, len(points) - 1)
    if dims < 2:
        return None
    return PCA(dims, random_state=random_state).fit(points)


def project(points: np.ndarray, reducer: PCA | None) -> np.ndarray:
    """Return normalised points in the reduced space (unchanged without a reducer)."""
    if reducer is None:
        return points
    return unit_rows(pca_project(reducer, points))


def kmeans(points: np.ndarray, k: int, random_state: int) -> tuple[np.ndarray, np.ndarray]:
    """Return labels and normalised centroids of k themes: k-means into many groups, merged.

    k-means alone cuts a large theme in pieces of similar size and lumps small themes
    together. Cutting ``OVERCLUSTER`` × k groups first and merging them by Ward's criterion
    (the merge that adds least within-group variance) lets a large theme keep its pieces
    together when they lie close; each answer then goes to the nearest merged centroid.
    """
    groups = min(OVERCLUSTER * k, len(points))
    if groups <= k:
        return _kmeans(points, k, random_state)
    labels, _ = _kmeans(points, groups, random_state)
    sizes = np.bincount(labels, minlength=groups)
    used = np.flatnonzero(sizes)
    if len(used) <= k:
        return _kmeans(points, k, random_state)
    means = np.vstack([points[labels == g].mean(axis=0) for g in used])
    merged = ward_merge(means, sizes[used], k)
    centroids = np.vstack(
        [np.average(means[merged == c], axis=0, weights=sizes[used][merged == c]) for c in range(k)]
    )
    centroids = unit_rows(centroids)
    return (points @ centroids.T).argmax(axis=1).astype(np.int64), centroids


def _kmeans(points: np.ndarray, k: int, random_state: int) -> tuple[np.ndarray, np.ndarray]:
    """Return labels and normalised centroids of k-means with several seeded restarts."""
    model = KMeans(k, n_init=KMEANS_RESTARTS, random_state=random_state).fit(points)
    return model.labels_.astype(np.int64), unit_rows(model.cluster_centers_)


def ward_merge(means: np.ndarray, sizes: np.ndarray, k: int) -> np.ndarray:
    """Merge groups (their means and sizes) by Ward's criterion down to k; return group → k.

    The cost of joining a and b is n_a·n_b / (n_a + n_b) × their squared gap.
    """
    means = means.astype(np.float64)
    weight = sizes.astype(np.float64)
    n = len(means)
    members = np.arange(n)
    alive = np.ones(n, dtype=bool)

    def cost_to(a: int) -> np.ndarray:
        gap = ((means - means[a]) ** 2).sum(axis=1)
        cost = (weight * weight[a] / (weight + weight[a])) * gap
        cost[~alive] = np.inf
        cost[a] = np.inf
        return cost

    costs = np.vstack([cost_to(a) for a in range(n)])
    for _ in range(n - k):
        a, b = np.unravel_index(np.argmin(costs), costs.shape)
        a, b = min(a, b), max(a, b)
        means[a] = (weight[a] * means[a] + weight[b] * means[b]) / (weight[a] + weight[b])
        weight[a] += weight[b]
        members[members == b] = a
        alive[b] = False
        costs[b, :] = costs[:, b] = np.inf
        costs[a, :] = costs[:, a] = cost_to(a)
    _, mapping = np.unique(members, return_inverse=True)
    return mapping.astype(np.int64)


def choose_k(points: np.ndarray, ks: range, random_state: int) -> tuple[int, dict[int, float]]:
    """Pick k by silhouette on a sample; return k and the score of each candidate."""
    rng = np.random.default_rng(random_state)
    sample = points
    if len(points) > SILHOUETTE_SAMPLE:
        sample = points[rng.choice(len(points), SILHOUETTE_SAMPLE, replace=False)]
    scores: dict[int, float] = {}
    for k in ks:
        labels = KMeans(k, n_init=2, random_state=random_state).fit_predict(sample)
        if len(np.unique(labels)) < 2:
            scores[k] = -1.0
            continue
        scores[k] = float(silhouette_score(sample, labels, metric="cosine"))
    best = max(scores, key=lambda k: (round(scores[k], 3), -k))
    return best, scores


@dataclass
class Partition:
    """A fitted partition: sample points, their smoothed images, and centroids.

    In free mode the centroids live in the reduced smoothed space; in guided mode they live
    in the original space, and texts below their theme's threshold fit none of the seeds.
    """

    points: np.ndarray
    smoothed: np.ndarray
    centroids: np.ndarray
    reducer: PCA | None = None
    thresholds: np.ndarray | None = None

    def place(self, queries: np.ndarray) -> np.ndarray:
        """Return the image of new points in the space the centroids live in."""
        if self.thresholds is not None:
            return queries
        return project(extend(queries, self.points, self.smoothed), self.reducer)

    def assign(self, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return the nearest centroid and its cosine for each new point."""
        sims = self.place(queries) @ self.centroids.T
        labels = sims.argmax(axis=1)
        if self.thresholds is not None:
            labels = np.where(sims.max(axis=1) >= self.thresholds[labels], labels, -1)
        return labels, sims.max(axis=1)


def sample_indices(n: int, random_state: int, limit: int = SAMPLE_MAX) -> np.ndarray:
    """Return sorted sample indices (all of them when n is small)."""
    if n <= limit:
        return np.arange(n)
    rng = np.random.default_rng(random_state)
    return np.sort(rng.choice(n, limit, replace=False))
