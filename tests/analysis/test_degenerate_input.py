"""Odd input never raises: few texts, blanks, emoji, duplicates, huge or foreign answers."""

import numpy as np
import pytest

from engage.analysis import ThemeModel


def fit(texts):
    return ThemeModel(use_embeddings=False, random_state=0).fit(texts)


@pytest.mark.parametrize(
    ("texts", "reason"),
    [
        ([], "no_texts"),
        (["Mer turisme"], "too_few_texts"),
        (["Mer turisme", "Bedre veier"], "too_few_texts"),
        (["", "   ", "\n"], "no_content"),
        (["😀", "🎉🎉", "👍"], "no_content"),
        (["Bedre veier"] * 40, "too_few_texts"),
    ],
)
def test_too_little_to_group_gives_no_themes_and_says_why(texts, reason):
    model = fit(texts)

    assert model.reason_ == reason
    assert model.notes_
    assert model.themes_ == []
    assert model.labels_.tolist() == [-1] * len(texts)
    assert model.assign(["Mer turisme"]).tolist() == [-1]


def test_five_texts_give_fewer_themes_than_the_minimum():
    texts = ["Mer turisme", "Bedre veier", "Flere boliger", "Kurs for voksne", "Ny ferje"]

    model = fit(texts)

    assert 1 <= len(model.themes_) < 3
    assert model.reason_ == "fewer_texts_than_themes"
    assert len(model.labels_) == 5
    assert set(model.labels_.tolist()) <= set(range(len(model.themes_)))


def test_blank_and_emoji_answers_are_unassigned_among_real_ones(corpus):
    texts = [*corpus[0], "", "😀👍", "   "]

    model = fit(texts)

    assert model.labels_[-3:].tolist() == [-1, -1, -1]
    assert (model.labels_[:-3] >= 0).all()
    assert model.assign(["", "🎉"]).tolist() == [-1, -1]


def test_a_ten_thousand_character_answer_is_handled(corpus):
    long = "Vi må satse på reiseliv og turisme i hele regionen. " * 200

    model = fit([*corpus[0], long[:10_000]])

    assert model.labels_[-1] >= 0
    assert len(model.assign([long])) == 1


def test_an_unknown_language_is_marked_und_or_grouped_without_error(corpus):
    texts = [*corpus[0], "这是一个测试", "ここは日本語のテキストです", "1234 5678"]

    model = fit(texts)

    assert len(model.language_) == len(texts)
    assert model.labels_.shape == (len(texts),)
    assert model.language_[-1] == "und"


def test_forcing_more_themes_than_texts_allow_is_capped():
    texts = ["Mer turisme", "Bedre veier", "Flere boliger", "Kurs", "Ferje", "Hotell"]

    model = ThemeModel(n_themes=10, use_embeddings=False).fit(texts)

    assert len(model.themes_) == 3
    assert model.reason_ == "fewer_texts_than_themes"


def test_none_values_are_treated_as_blank(corpus):
    model = fit([*corpus[0], None])

    assert model.labels_[-1] == -1
    assert isinstance(model.labels_, np.ndarray)


def test_given_languages_may_be_missing_or_unexpected(corpus):
    texts = corpus[0]
    languages = [None, "xx", "", *(["nb"] * (len(texts) - 3))]

    model = fit_with_languages(texts, languages)

    assert model.language_[:3] == ["und", "xx", "und"]
    assert (model.labels_ >= 0).all()


def fit_with_languages(texts, languages):
    return ThemeModel(use_embeddings=False).fit(texts, languages=languages)
