"""Guided mode: answers are sorted under themes the leader named, or under none of them."""

import numpy as np

from engage.analysis import ThemeModel

SEEDS = [
    "reiseliv og turisme",
    "kompetanse og rekruttering",
    "veier og kollektivtransport",
    "boliger og tomter",
]


def accuracy(model, truth):
    order = ["reiseliv", "kompetanse", "samferdsel", "bolig"]
    pairs = zip(model.labels_, truth, strict=True)
    return float(np.mean([label >= 0 and order[label] == t for label, t in pairs]))


def test_one_theme_per_seed_in_seed_order(corpus):
    model = ThemeModel(seeds=SEEDS, use_embeddings=False).fit(corpus[0])

    assert [theme.seed for theme in model.themes_] == SEEDS
    assert set(model.labels_.tolist()) <= {-1, 0, 1, 2, 3}


def test_seeds_sort_answers_with_embeddings(corpus, vectors):
    texts, truth = corpus

    model = ThemeModel(seeds=SEEDS).fit(texts, embeddings=vectors)

    assert accuracy(model, truth) > 0.7
    assert model.assign(["Flere hotell og turister"]).tolist() == [0]


def test_blank_answers_fit_none_of_the_seeds(corpus):
    model = ThemeModel(seeds=SEEDS, use_embeddings=False).fit([*corpus[0], "", "🙂"])

    assert model.labels_[-2:].tolist() == [-1, -1]


def test_no_seeds_gives_no_themes(corpus):
    model = ThemeModel(seeds=[], use_embeddings=False).fit(corpus[0])

    assert model.themes_ == []
    assert model.reason_ == "no_seeds"
