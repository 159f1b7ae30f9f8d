"""Text analysis for engage: themes in short answers. No Flask, no database.

from engage.analysis import ThemeModel, embed
vectors = embed(texts)            # None when no embedding model is installed
model = ThemeModel(random_state=0).fit(texts, embeddings=vectors)
model.labels_, model.themes_, model.assign(["nye svar"])
describe_groups(texts, edited_groups)   # label, terms, quotes of edited themes
assign_to_groups(vectors, edited_groups, new_vectors)  # new answers into edited themes
"""

from .describe import Theme
from .embedding import EMBEDDING_DIM, EMBEDDING_MODEL, embed, embedding_available
from .groups import assign_to_groups, describe_groups
from .language import LANGUAGES, UNKNOWN, detect_languages
from .model import ANALYSIS_VERSION, ThemeModel, warm_up

__all__ = [
    "ANALYSIS_VERSION",
    "EMBEDDING_DIM",
    "EMBEDDING_MODEL",
    "LANGUAGES",
    "UNKNOWN",
    "Theme",
    "ThemeModel",
    "assign_to_groups",
    "describe_groups",
    "detect_languages",
    "embed",
    "embedding_available",
    "warm_up",
]
