"""The most frequent meaningful words of incoming answers, for the projector screen."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from engage.analysis.text import stopwords as analysis_stopwords

WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)

# On a screen, these common words of an omstilling meeting say nothing either.
SCREEN_EXTRA = frozenset(
    [
        "kommunene",
        "viktigst",
        "trengs",
        "lage",
        "masse",
        "helt",
        "gjennom",
        "gjøres",
        "mening",
        "meining",
    ]
)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The analysis's bokmål, nynorsk, English and domain stopwords, plus screen extras."""
    return analysis_stopwords("nb") | analysis_stopwords("en") | SCREEN_EXTRA


def top_words(texts: list[str], limit: int = 12) -> list[tuple[str, int]]:
    """The most frequent non-stopwords, counted once per answer, most frequent first."""
    stop = stopwords()
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({w for w in (m.lower() for m in WORD.findall(text)) if w not in stop})
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
