"""Same input and same random_state give the same themes."""

from engage.analysis import ThemeModel


def snapshot(model):
    return model.labels_.tolist(), [theme.to_dict() for theme in model.themes_]


def test_same_seed_gives_identical_result_without_embeddings(corpus):
    texts = corpus[0]

    first = ThemeModel(random_state=7, use_embeddings=False).fit(texts)
    second = ThemeModel(random_state=7, use_embeddings=False).fit(texts)

    assert snapshot(first) == snapshot(second)


def test_same_seed_gives_identical_result_with_cached_embeddings(corpus, vectors):
    texts = corpus[0]

    first = ThemeModel(random_state=3).fit(texts, embeddings=vectors)
    second = ThemeModel(random_state=3).fit(texts, embeddings=vectors.copy())

    assert snapshot(first) == snapshot(second)


def test_forced_number_of_themes_is_respected(corpus):
    model = ThemeModel(n_themes=4, use_embeddings=False).fit(corpus[0])

    assert len(model.themes_) == 4
    assert set(model.labels_.tolist()) == {0, 1, 2, 3}


def test_chosen_number_of_themes_stays_within_bounds(corpus):
    model = ThemeModel(min_themes=3, max_themes=5, use_embeddings=False).fit(corpus[0])

    assert 3 <= len(model.themes_) <= 5
    assert set(model.k_scores_) == {3, 4, 5}
