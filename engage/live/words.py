"""The most frequent meaningful words of incoming answers, for the projector screen."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from stop_words import get_stop_words

WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)

NYNORSK = """eg meg deg ho han dei oss dykk ikkje kva korleis kvifor kven kvar kor berre
meir mykje frå òg og ein eit eitt noko nokon nokre fleire heile sjølv vart vere vore er var
kjem kome gjere gjer gjort medan utan difor då no sidan mellom også heller enn ved til for
som det den dette desse der her hjå andre anna slik slike skal skulle vil ville kan kunne må
måtte bør burde har hadde blir bli blei vert""".split()  # noqa: SIM905

# Words every answer to an omstilling question uses; they say nothing on a screen.
DOMAIN = """kommune kommunen kommunene bør må viktig viktigst viktige trenger trengs
ønsker mer flere bedre godt gode god få lage ting veldig mye litt masse satse satsing
tror mener meiner meining mening synes syns helt gjøre gjøres gjennom også kunne etter""".split()  # noqa: SIM905


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Bokmål, nynorsk and English stopwords plus words every answer here uses."""
    words: set[str] = set(NYNORSK) | set(DOMAIN)
    for language in ("norwegian", "english", "danish"):
        words.update(get_stop_words(language))
    return frozenset(w.lower() for w in words)


def top_words(texts: list[str], limit: int = 12) -> list[tuple[str, int]]:
    """The most frequent non-stopwords, counted once per answer, most frequent first."""
    stop = stopwords()
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({w for w in (m.lower() for m in WORD.findall(text)) if w not in stop})
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
