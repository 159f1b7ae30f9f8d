"""New answers are placed under fitted themes without refitting."""

import pickle

import numpy as np

from engage.analysis import ThemeModel


def test_assign_agrees_with_fit_on_the_fitted_answers(corpus):
    texts = corpus[0]
    model = ThemeModel(n_themes=4, use_embeddings=False).fit(texts)

    again = model.assign(texts)

    assert np.mean(again == model.labels_) > 0.8


def test_assign_with_embeddings_places_a_new_answer(corpus, vectors):
    from engage.analysis import embed

    texts = corpus[0]
    model = ThemeModel(n_themes=4).fit(texts, embeddings=vectors)
    tourism = model.labels_[0]

    new = ["Flere turister og hoteller ved fjorden"]
    assert model.assign(new).tolist() == [tourism]
    assert model.assign(new, embeddings=embed(new)).tolist() == [tourism]


def test_assign_before_fit_or_on_nothing_returns_empty_labels(corpus):
    model = ThemeModel(n_themes=4, use_embeddings=False).fit(corpus[0])

    assert model.assign([]).tolist() == []
    assert model.assign([""]).tolist() == [-1]


def test_a_fitted_model_survives_pickling(corpus):
    model = ThemeModel(n_themes=4, use_embeddings=False).fit(corpus[0])

    restored = pickle.loads(pickle.dumps(model))  # noqa: S301 (our own bytes)

    assert restored.assign(corpus[0][:8]).tolist() == model.assign(corpus[0][:8]).tolist()
