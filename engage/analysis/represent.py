"""Turn texts into vectors: stems and character n-grams (TF-IDF), and sentence embeddings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import PCA, TruncatedSVD
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer, TfidfVectorizer
from sklearn.preprocessing import normalize

from .linalg import pca_project, svd_project, tfidf_rows, unit_rows, unit_sparse_rows
from .text import CompoundSplitter, Stemmer, normalise, stopwords, words

# Word stems say what a text is about; character n-grams catch inflections, dialect spellings
# and compounds the stemmer misses. Together they beat either alone on short answers.
WORD_WEIGHT = 1.0
CHAR_WEIGHT = 1.0
SVD_DIMS = 100
# Character n-grams of the first few sentences suffice; beyond, they only cost time.
CHAR_TEXT_CHARS = 300
CHAR_NGRAMS = (3, 4)
CHAR_MAX_FEATURES = 50_000
# Words beyond this in one answer add time, not themes.
MAX_WORDS = 200
SHRINK = 20
# Embeddings carry meaning across languages and spellings; TF-IDF adds the exact words.
EMBEDDING_DIMS = 100
EMBEDDING_WEIGHT = 1.0
SPARSE_WEIGHT = 0.8
# TF-IDF statistics (idf, SVD) need a few hundred answers to settle; below that the sparse
# part fades in. Measured on the resampled sets (analysis_resample.py, seeds 0-2, checked on
# seeds 3-5): full weight from 300 answers at 0.8 beat the earlier 1,000 at 0.6 in every
# regime, most at 200 answers and on long texts; weight 1.0 lowered the worst cases.
SPARSE_FULL_AT = 300
# Per-language centring of embeddings; the benchmark switches it off to measure its effect.
CENTRE_LANGUAGES = True
# Each language's offset from the largest one, measured on mutual nearest neighbours across
# the two (answers that say the same thing), instead of the difference of the group means.
MATCH_LANGUAGES = True
MATCH_NEIGHBOURS = 5
MATCH_ROUNDS = 2
MATCH_MIN = 3
MATCH_SAMPLE = 1000


@dataclass
class Terms:
    """Analysed words of a corpus: stem lists per text and surface forms per stem."""

    stems: list[list[str]]
    surfaces: dict[str, Counter[str]] = field(default_factory=dict)

    def surface(self, stem: str) -> str | None:
        """Return the most frequent whole word behind a stem (None if only seen in compounds)."""
        forms = self.surfaces.get(stem)
        return forms.most_common(1)[0][0] if forms else None


class TermAnalyser:
    """Stopwords, stems and compound parts for each text in its own language."""

    def __init__(self) -> None:
        self.stemmer = Stemmer()
        self.splitter = CompoundSplitter()
        self._features: dict[tuple[str, str], tuple[str, ...]] = {}

    def analyse(self, texts: Sequence[str], languages: Sequence[str]) -> Terms:
        """Return the content stems of each text and the words behind each stem."""
        surfaces: dict[str, Counter[str]] = {}
        stems: list[list[str]] = []
        for text, language in zip(texts, languages, strict=True):
            row: list[str] = []
            for word in words(text)[:MAX_WORDS]:
                features = self._features.get((word, language))
                if features is None:
                    features = self._analyse_word(word, language)
                if not features:
                    continue
                row.extend(features)
                # Only whole words name a stem on screen: a label shows words people wrote.
                forms = surfaces.get(features[0])
                if forms is None:
                    forms = surfaces[features[0]] = Counter()
                forms[word] += 1
            stems.append(row)
        return Terms(stems=stems, surfaces=surfaces)

    def features(self, word: str, language: str) -> tuple[str, ...]:
        """Return a lower-case word's stem and compound parts' stems; () for a stopword."""
        features = self._features.get((word, language))
        return self._analyse_word(word, language) if features is None else features

    def _analyse_word(self, word: str, language: str) -> tuple[str, ...]:
        """Return the word's stem and its compound parts' stems; () for a stopword."""
        stop = stopwords(language)
        features: tuple[str, ...] = ()
        if word not in stop:
            parts = [p for p in self.splitter.split(word, language) if p not in stop]
            features = tuple(self.stemmer.stem(w, language) for w in (word, *parts))
        self._features[(word, language)] = features
        return features


@lru_cache(maxsize=1)
def shared_analyser() -> TermAnalyser:
    """Return one process-wide analyser, so stems and compound splits are memoised."""
    return TermAnalyser()


def _identity(doc: list[str]) -> list[str]:
    return doc


def word_vectorizer(n_texts: int) -> TfidfVectorizer:
    """Return a TF-IDF vectorizer over pre-analysed stem lists."""
    return TfidfVectorizer(
        analyzer=_identity,
        min_df=2 if n_texts >= 50 else 1,
        sublinear_tf=True,
        dtype=np.float32,
    )


def char_vectorizer(n_texts: int) -> CharGrams:
    """Return a TF-IDF vectorizer over character 3–4-grams within word boundaries."""
    return CharGrams(min_df=2 if n_texts >= 50 else 1)


def word_grams(word: str, sizes: tuple[int, int] = CHAR_NGRAMS) -> list[str]:
    """Return the character n-grams of one word padded with spaces (scikit-learn's char_wb)."""
    padded = f" {word} "
    grams: list[str] = []
    for size in range(sizes[0], sizes[1] + 1):
        grams.extend(padded[i : i + size] for i in range(max(1, len(padded) - size + 1)))
        if len(padded) <= size:  # a short word counts once
            break
    return grams


class CharGrams:
    """TF-IDF over character n-grams within words: scikit-learn's ``char_wb`` vectorizer
    (same vocabulary, same matrix), computed through the distinct words.

    Answers repeat their words; cutting each distinct word once and multiplying the
    answer × word counts by the word × n-gram counts is 2–3× faster than cutting every
    answer (scikit-learn counts each n-gram of each answer in Python).
    """

    def __init__(self, min_df: int = 2, max_features: int = CHAR_MAX_FEATURES) -> None:
        self.min_df = min_df
        self.max_features = max_features

    def fit_transform(self, docs: Sequence[str]) -> sp.csr_matrix:
        """Learn the n-gram vocabulary and idf from docs; return their TF-IDF rows."""
        words, word_ids = _word_counts(docs)
        grams: dict[str, int] = {}
        per_word = _gram_matrix(word_ids, grams, grow=True)
        counts = (words @ per_word).tocsc()
        # Columns in sorted n-gram order, pruned by document frequency, then the most
        # frequent max_features kept: what CountVectorizer does.
        names = sorted(grams)
        counts = counts[:, [grams[name] for name in names]]
        df = np.diff(counts.indptr)
        keep = df >= self.min_df
        if self.max_features is not None and keep.sum() > self.max_features:
            totals = np.asarray(counts.sum(axis=0)).ravel()
            best = (-totals[keep]).argsort()[: self.max_features]
            chosen = np.zeros(len(df), dtype=bool)
            chosen[np.flatnonzero(keep)[best]] = True
            keep = chosen
        if not keep.any():
            raise ValueError("empty vocabulary")
        counts = counts[:, np.flatnonzero(keep)].tocsr()
        self.vocabulary_ = {name: i for i, name in enumerate(np.array(names, dtype=object)[keep])}
        self.tfidf_ = TfidfTransformer(sublinear_tf=True)
        return self.tfidf_.fit_transform(counts.astype(np.float32))

    def transform(self, docs: Sequence[str]) -> sp.csr_matrix:
        """Return TF-IDF rows of new docs over the fitted vocabulary."""
        words, word_ids = _word_counts(docs)
        per_word = _gram_matrix(word_ids, self.vocabulary_, grow=False)
        return tfidf_rows((words @ per_word).tocsr(), self.tfidf_.idf_)


def _counts(indptr: list[int], columns: list[int], shape: tuple[int, int]) -> sp.csr_matrix:
    """Return a count matrix from each row's column ids (repeats add up)."""
    data = np.ones(len(columns), dtype=np.float32)
    matrix = sp.csr_matrix((data, columns, indptr), shape=shape)
    matrix.sum_duplicates()
    return matrix


def _word_counts(docs: Sequence[str]) -> tuple[sp.csr_matrix, dict[str, int]]:
    """Return the docs × distinct lower-cased words count matrix and the word ids."""
    ids: dict[str, int] = {}
    indptr = [0]
    columns: list[int] = []
    for doc in docs:
        for word in doc.lower().split():
            column = ids.get(word)
            if column is None:
                column = ids[word] = len(ids)
            columns.append(column)
        indptr.append(len(columns))
    return _counts(indptr, columns, (len(docs), len(ids))), ids


def _gram_matrix(words: dict[str, int], grams: dict[str, int], grow: bool) -> sp.csr_matrix:
    """Return the words × n-grams count matrix; new n-grams are added only when ``grow``."""
    indptr = [0]
    columns: list[int] = []
    for word in words:  # in id order
        for gram in word_grams(word):
            column = grams.get(gram)
            if column is None:
                if not grow:
                    continue
                column = grams[gram] = len(grams)
            columns.append(column)
        indptr.append(len(columns))
    return _counts(indptr, columns, (len(words), len(grams)))


class SparseSpace:
    """Word-stem and character TF-IDF reduced by SVD to a dense, normalised space."""

    def __init__(self, n_components: int = SVD_DIMS, random_state: int = 0) -> None:
        self.n_components = n_components
        self.random_state = random_state

    def fit_transform(self, texts: Sequence[str], stems: Sequence[list[str]]) -> np.ndarray:
        """Learn vocabularies and the SVD from (a sample of) texts; return their rows."""
        n = len(texts)
        self.words_ = word_vectorizer(n)
        self.chars_ = char_vectorizer(n)
        matrix = normalize(
            self._weighted(
                _fit_or_empty(self.words_, stems), _fit_or_empty(self.chars_, _heads(texts))
            )
        )
        dims = max(1, min(self.n_components, matrix.shape[1] - 1, n - 1))
        self.svd_: TruncatedSVD | None = None
        if matrix.shape[1] <= 1 or n <= 2:
            return np.zeros((n, 1), dtype=np.float32)
        # Two power iterations: measured as good as five here, at half the time.
        self.svd_ = TruncatedSVD(dims, n_iter=2, random_state=self.random_state)
        # Project rather than keep U·Σ, so fitted and later answers get the same mapping.
        self.svd_.fit(matrix)
        # Stored column-major, its transpose is contiguous: projecting one answer in `assign`
        # then reads it in place instead of copying 100 × all n-grams (3–4 ms) each time.
        self.svd_.components_ = np.asfortranarray(self.svd_.components_, dtype=np.float32)
        return unit_rows(svd_project(self.svd_, matrix))

    def transform(self, texts: Sequence[str], stems: Sequence[list[str]]) -> np.ndarray:
        """Return one normalised dense row per text."""
        if self.svd_ is None:
            return np.zeros((len(texts), 1), dtype=np.float32)
        # scikit-learn's input checks cost more than the maths when `assign` places one
        # answer; the same sums without them (the fitted rows above keep scikit-learn's).
        word = _transform_or_empty(self.words_, stems, len(texts))
        char = _transform_or_empty(self.chars_, _heads(texts), len(texts))
        matrix = unit_sparse_rows(self._weighted(word, char))
        return unit_rows(svd_project(self.svd_, matrix))

    @staticmethod
    def _weighted(word: sp.csr_matrix, char: sp.csr_matrix) -> sp.csr_matrix:
        return sp.hstack([word * WORD_WEIGHT, char * CHAR_WEIGHT], format="csr")


def _heads(texts: Sequence[str]) -> list[str]:
    return [text[:CHAR_TEXT_CHARS] for text in texts]


def _fit_or_empty(vectorizer: TfidfVectorizer, docs: list) -> sp.csr_matrix:
    try:
        return vectorizer.fit_transform(docs)
    except ValueError:  # empty vocabulary: nothing but stopwords, emoji or blanks
        vectorizer.vocabulary_ = {}
        return sp.csr_matrix((len(docs), 0), dtype=np.float32)


def _transform_or_empty(
    vectorizer: TfidfVectorizer | CharGrams, docs: list, n: int
) -> sp.csr_matrix:
    if not getattr(vectorizer, "vocabulary_", None):
        return sp.csr_matrix((n, 0), dtype=np.float32)
    if isinstance(vectorizer, TfidfVectorizer):
        return tfidf_rows(CountVectorizer.transform(vectorizer, docs), vectorizer.idf_)
    return vectorizer.transform(docs)


def centre_by_language(
    vectors: np.ndarray, languages: Sequence[str], means: dict[str, np.ndarray] | None = None
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Subtract each language's offset and re-normalise, so themes beat languages.

    The largest language is centred on its own mean. Every other language is moved by its
    offset from it, measured between answers that say the same thing: mutual nearest
    neighbours across the two languages. A group's plain mean mixes the language offset
    with what the group talks about, which is noise when a language form is a small
    minority (3–10 % of the input) or talks about one theme only.
    """
    langs = np.asarray(languages)
    if means is None:
        means = language_offsets(vectors, langs)
    out = vectors.astype(np.float32, copy=True)
    for lang in np.unique(langs):
        out[langs == lang] -= means.get(lang, means["*"])
    return unit_rows(out), means


def language_offsets(vectors: np.ndarray, langs: np.ndarray) -> dict[str, np.ndarray]:
    """Return the vector to subtract per language ("*" for languages seen later)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    overall = vectors.mean(axis=0) if len(vectors) else np.zeros(vectors.shape[1], np.float32)
    names, counts = np.unique(langs, return_counts=True)
    # "*" serves languages first seen after fitting.
    means: dict[str, np.ndarray] = {"*": overall}
    for lang in names:
        group = vectors[langs == lang]
        # Shrink small groups towards the overall mean: one Danish answer must not be
        # centred onto itself (that would erase it).
        means[lang] = (group.sum(axis=0) + SHRINK * overall) / (len(group) + SHRINK)
    if len(names) < 2 or not MATCH_LANGUAGES:
        return means
    reference = names[np.argmax(counts)]
    home = vectors[langs == reference]
    means[reference] = home.mean(axis=0)
    rng = np.random.default_rng(0)
    home = _at_most(home, MATCH_SAMPLE, rng)
    for _ in range(MATCH_ROUNDS):
        home_c = unit_rows(home - means[reference])
        for lang in names:
            group = _at_most(vectors[langs == lang], MATCH_SAMPLE, rng)
            if lang == reference or len(group) < MATCH_MIN:
                continue
            pairs = mutual_neighbours(unit_rows(group - means[lang]), home_c, MATCH_NEIGHBOURS)
            if len(pairs[0]) < MATCH_MIN:
                continue
            offset = (group[pairs[0]] - home[pairs[1]]).mean(axis=0)
            means[lang] = means[reference] + offset
    return means


def _at_most(rows: np.ndarray, limit: int, rng: np.random.Generator) -> np.ndarray:
    """Return the rows, or a seeded sample of ``limit`` of them (bounds the similarity matrix)."""
    return rows if len(rows) <= limit else rows[np.sort(rng.choice(len(rows), limit, False))]


def mutual_neighbours(a: np.ndarray, b: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Return index pairs (i in a, j in b) that are within each other's k nearest rows."""
    sims = a @ b.T
    ka, kb = min(k, sims.shape[1]), min(k, sims.shape[0])
    # Partition the largest values in place of negating (a copy); rows stay contiguous.
    near_b = np.argpartition(sims, sims.shape[1] - ka, axis=1)[:, -ka:]  # each a: nearest b
    flipped = np.ascontiguousarray(sims.T)
    near_a = np.argpartition(flipped, flipped.shape[1] - kb, axis=1)[:, -kb:]  # each b: nearest a
    rows = np.repeat(np.arange(len(a)), ka)
    cols = near_b.ravel()
    keep = (near_a[cols] == rows[:, None]).any(axis=1)
    return rows[keep], cols[keep]


def clean_texts(texts: Sequence[object]) -> list[str]:
    """Normalise raw input into strings."""
    return [normalise(t) for t in texts]


class Space:
    """The vector space themes live in: TF-IDF SVD, plus centred, reduced embeddings if given."""

    def __init__(self, random_state: int = 0) -> None:
        self.random_state = random_state

    def fit_transform(
        self,
        texts: Sequence[str],
        stems: Sequence[list[str]],
        languages: Sequence[str],
        embeddings: np.ndarray | None,
    ) -> np.ndarray:
        """Learn vocabularies, language means and reductions from (a sample of) texts."""
        self.sparse_ = SparseSpace(random_state=self.random_state)
        sparse = self.sparse_.fit_transform(texts, stems)
        self.uses_embeddings = embeddings is not None
        fade = min(1.0, len(texts) / SPARSE_FULL_AT) if self.uses_embeddings else 1.0
        self.sparse_weight_ = SPARSE_WEIGHT * fade
        self.means_: dict[str, np.ndarray] = {}
        self.pca_: PCA | None = None
        self.embedding_width_ = 0 if embeddings is None else embeddings.shape[1]
        if embeddings is None:
            return self._join(sparse, None)
        if not CENTRE_LANGUAGES:
            languages = ["*"] * len(texts)
        centred, self.means_ = centre_by_language(embeddings, languages)
        dims = min(EMBEDDING_DIMS, len(centred) - 1, centred.shape[1])
        if dims >= 2:
            self.pca_ = PCA(dims, random_state=self.random_state)
            centred = self.pca_.fit_transform(centred)
            self.embedding_width_ = dims
        return self._join(sparse, centred)

    def _join(self, sparse: np.ndarray, dense: np.ndarray | None) -> np.ndarray:
        parts = [sparse * self.sparse_weight_]
        if dense is not None:
            parts.insert(0, unit_rows(dense).astype(np.float32) * EMBEDDING_WEIGHT)
        return unit_rows(np.hstack(parts)).astype(np.float32)

    def transform(
        self,
        texts: Sequence[str],
        stems: Sequence[list[str]],
        languages: Sequence[str],
        embeddings: np.ndarray | None,
    ) -> np.ndarray:
        """Return one normalised row per text."""
        sparse = self.sparse_.transform(texts, stems)
        if not self.uses_embeddings:
            return self._join(sparse, None)
        if embeddings is None:
            # No vectors for these texts (model gone since fitting): keep the width, zero part.
            return self._join(sparse, np.zeros((len(texts), self.embedding_width_), np.float32))
        if not CENTRE_LANGUAGES:
            languages = ["*"] * len(texts)
        centred, _ = centre_by_language(embeddings, languages, self.means_)
        reduced = pca_project(self.pca_, centred) if self.pca_ is not None else centred
        return self._join(sparse, reduced)

    def transform_new(
        self, texts: Sequence[str], languages: Sequence[str], embeddings: np.ndarray | None
    ) -> np.ndarray:
        """Analyse and transform texts that were not part of fitting."""
        terms = shared_analyser().analyse(texts, languages)
        return self.transform(texts, terms.stems, languages, embeddings)
