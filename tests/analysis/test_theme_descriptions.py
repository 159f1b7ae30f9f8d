"""Each theme reads well: real words in its label and terms, distinct quotes, a size."""

import re

from engage.analysis import ThemeModel


def corpus_words(texts):
    return {w for t in texts for w in re.findall(r"[^\W\d_]+", t.lower())}


def test_labels_and_terms_are_real_words_from_the_input(corpus):
    texts = corpus[0]
    words = corpus_words(texts)

    model = ThemeModel(n_themes=4, use_embeddings=False).fit(texts)

    for theme in model.themes_:
        label_words = [w.lower() for w in theme.label.split()]
        assert 1 <= len(label_words) <= 5
        assert "," not in theme.label
        assert set(label_words) <= words | {"og"}
        assert 5 <= len(theme.terms) <= 10
        assert {w for term in theme.terms for w in term.lower().split()} <= words


def test_representatives_are_distinct_members_of_their_theme(corpus):
    texts = corpus[0]

    model = ThemeModel(n_themes=4, use_embeddings=False).fit(texts)

    for number, theme in enumerate(model.themes_):
        assert 1 <= len(theme.representative) <= 3
        assert all(model.labels_[i] == number for i in theme.representative)
        assert len({texts[i].lower() for i in theme.representative}) == len(theme.representative)


def test_duplicate_answers_are_not_quoted_twice(corpus):
    texts = corpus[0] + ["Satse mer på reiseliv og turisme i fjellet"] * 5

    model = ThemeModel(n_themes=4, use_embeddings=False).fit(texts)

    for theme in model.themes_:
        quoted = [texts[i] for i in theme.representative]
        assert len(set(quoted)) == len(quoted)


def test_sizes_add_up_and_languages_are_counted(corpus):
    texts = corpus[0]

    model = ThemeModel(n_themes=4, use_embeddings=False).fit(texts)

    assert sum(theme.size for theme in model.themes_) == (model.labels_ >= 0).sum()
    for theme in model.themes_:
        assert sum(theme.language_counts.values()) == theme.size


def test_themes_match_the_known_grouping_with_embeddings(corpus, vectors):
    from sklearn.metrics import adjusted_rand_score

    texts, truth = corpus

    model = ThemeModel(n_themes=4).fit(texts, embeddings=vectors)

    assert adjusted_rand_score(truth, model.labels_) > 0.5
