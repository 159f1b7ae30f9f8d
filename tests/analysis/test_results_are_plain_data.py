"""Results can be stored as they are: JSON-friendly themes and parameters, integer labels."""

import json

import numpy as np

from engage.analysis import ANALYSIS_VERSION, ThemeModel


def test_themes_and_parameters_serialise_to_json(corpus):
    model = ThemeModel(n_themes=4, use_embeddings=False, random_state=5).fit(corpus[0])

    stored = json.dumps(
        {"params": model.params, "themes": [theme.to_dict() for theme in model.themes_]}
    )

    restored = json.loads(stored)
    assert restored["params"]["version"] == ANALYSIS_VERSION
    assert restored["params"]["random_state"] == 5
    assert len(restored["themes"]) == 4


def test_labels_and_languages_line_up_with_the_texts(corpus):
    texts = corpus[0]

    model = ThemeModel(n_themes=4, use_embeddings=False).fit(texts)

    assert model.labels_.dtype == np.int64
    assert model.labels_.shape == (len(texts),)
    assert len(model.language_) == len(texts)
    assert {"nb", "nn", "en"} <= set(model.language_)
