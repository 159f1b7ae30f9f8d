"""The faster paths compute the same numbers as the library code they replace."""

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from engage.analysis import cluster, language
from engage.analysis.linalg import unit_sparse_rows
from engage.analysis.represent import (
    CHAR_NGRAMS,
    _transform_or_empty,
    char_vectorizer,
    shared_analyser,
    word_vectorizer,
)

TEXTS = [
    "Satse mer på reiseliv og turisme i fjellet",
    "Eg ynskjer meir turisme og fleire opplevingar for tilreisande",
    "More tourism and guided hiking trips for visitors",
    "  Vegen er dårleg\tog treng asfalt  ",
    "Ulica i park w centrum",
    "a",
    "ok 🙂",
    "Turisme, turisme og enda mer turisme",
]


def test_character_ngrams_match_scikit_learns_char_wb(corpus):
    texts = corpus[0] + TEXTS
    reference = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=CHAR_NGRAMS,
        min_df=2,
        max_features=50_000,
        sublinear_tf=True,
        dtype=np.float32,
    )
    ours = char_vectorizer(len(texts))

    expected = reference.fit_transform(texts)
    got = ours.fit_transform(texts)

    assert ours.vocabulary_ == reference.vocabulary_
    assert abs(expected - got).max() < 1e-6
    new = ["Turistar og hytter", "unknown zzzz"]
    assert abs(reference.transform(new) - ours.transform(new)).max() < 1e-6


def test_language_scores_match_langid_per_text():
    identifier = language._identifier()
    counts = language._feature_counts(TEXTS).toarray()

    for row, text in enumerate(TEXTS):
        expected = identifier.instance2fv(text[: language._MAX_CHARS])
        assert np.array_equal(counts[row], expected)


def test_ward_merge_joins_the_pieces_of_a_large_group_first():
    # Three pieces of one large group close together, two small groups far apart.
    means = np.array([[0.0, 0.0], [0.1, 0.0], [0.0, 0.1], [5.0, 5.0], [-5.0, 5.0]])
    sizes = np.array([100, 100, 100, 5, 5])

    mapping = cluster.ward_merge(means, sizes, 3)

    assert mapping[0] == mapping[1] == mapping[2]
    assert len({mapping[0], mapping[3], mapping[4]}) == 3


def test_neighbourhood_stays_within_half_an_average_theme():
    assert cluster.neighbours_for(2400) == 15
    assert cluster.neighbours_for(2400, 16) == 15
    assert cluster.neighbours_for(440, 26) == 8
    assert cluster.neighbours_for(60, 6) == 5


def test_word_rows_for_new_answers_match_scikit_learns_transform(corpus):
    texts = corpus[0] + TEXTS
    stems = shared_analyser().analyse(texts, ["nb"] * len(texts)).stems
    vectorizer = word_vectorizer(len(texts))
    vectorizer.fit(stems)
    new = [*stems[:5], [], ["zzzz"]]

    got = _transform_or_empty(vectorizer, new, len(new))

    assert abs(vectorizer.transform(new) - got).max() < 1e-6


def test_unit_sparse_rows_match_scikit_learns_normalize():
    from scipy import sparse
    from sklearn.preprocessing import normalize

    matrix = sparse.random(30, 40, density=0.1, format="csr", random_state=0, dtype=np.float32)

    assert abs(normalize(matrix) - unit_sparse_rows(matrix)).max() < 1e-6
