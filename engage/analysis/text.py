"""Normalising, tokenising, stopwords, stemming and compound splitting, per language."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

# Beyond this an answer is an essay or a paste; its first part carries its theme and the rest
# would only cost time.
MAX_TEXT_CHARS = 5000

_URL = re.compile(r"https?://\S+|www\.\S+")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_MIN_WORD = 2

_STEMMER_NAMES = {
    "nb": "norwegian",
    "nn": "norwegian",
    "da": "danish",
    "sv": "swedish",
    "en": "english",
    "de": "german",
    "pl": "polish",
}
_STOPWORD_NAMES = {
    "nb": "norwegian",
    "nn": "norwegian",
    "da": "danish",
    "sv": "swedish",
    "de": "german",
    "pl": "polish",
}


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# The stop-words list is bokmål-first; these are the nynorsk forms it lacks.
NYNORSK_STOPWORDS = _wordset(
    "eg meg deg ho dei deira ikkje kva korleis kvifor kven kvar berre meir mykje frå òg også "
    "vere vore vert vart verte ein eit noko nokon nokre fleire heile sjølv utan medan difor "
    "gjere gjer gjort kjem kome treng hjå dykk dykkar sine sitt hennar hans etter mellom "
    "slik slike sånn sånt anna andre alt alle mange nokså ganske veldig"
)
NORWEGIAN_EXTRA = _wordset(
    "kan kunne skal skulle vil ville må måtte bør burde får fått få gjøre gjort gjør blir "
    "bli ble blitt ting noe noen annet andre alt alle mange ganske veldig litt lite mye "
    "flere mer mest også dermed samt ifølge feks osv etc mv"
)
# Words every answer in an omstilling project uses; they say nothing about its theme.
DOMAIN_STOPWORDS = _wordset(
    "kommune kommunen kommunens kommunar kommuner innbyggere innbyggarar innbyggjarar "
    "viktig viktige viktigaste viktigste bør må treng trenger behov ønsker ønskjer ynskjer "
    "bedre betre god gode godt bra fint flott stor store større mer meir fleire flere "
    "satse satsa satsing legge tilrette tilrettelegge sørge sikre jobbe arbeide prøve "
    "tenker synes syns mener meiner tror trur håper håpar kanskje absolutt gjerne "
    "ja nei takk hei ny nye nytt"
)
ENGLISH_EXTRA = _wordset(
    "should would could must need needs needed also please important better more many "
    "really very think"
)


def normalise(text: object) -> str:
    """Return the text as clean single-spaced Unicode, without links, at most 5,000 chars."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = unicodedata.normalize("NFKC", text)
    text = _URL.sub(" ", text)
    return " ".join(text.split())[:MAX_TEXT_CHARS]


def words(text: str) -> list[str]:
    """Return the lower-case words of a text (letters only, hyphenated words kept whole)."""
    return [w for w in _WORD.findall(text.lower()) if len(w) >= _MIN_WORD]


@lru_cache(maxsize=16)
def stopwords(language: str) -> frozenset[str]:
    """Return the stopwords for a language code, including the domain stoplist."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
    from stop_words import get_stop_words

    norwegian = frozenset(get_stop_words("norwegian")) | NYNORSK_STOPWORDS | NORWEGIAN_EXTRA
    base = DOMAIN_STOPWORDS | norwegian
    # stop-words' English list (1,300 words) drops content words such as "year" and "world".
    english = frozenset(ENGLISH_STOP_WORDS) | ENGLISH_EXTRA
    if language == "en":
        return english | DOMAIN_STOPWORDS
    name = _STOPWORD_NAMES.get(language)
    if name is None:
        return base | english
    own = frozenset(get_stop_words(name))
    # Norwegian stopwords stay on for every language: mixed answers borrow them freely.
    return base | own if language in ("nb", "nn", "da", "sv") else own | DOMAIN_STOPWORDS


class Stemmer:
    """Snowball stemming per language, memoised per word."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], str] = {}
        self._stemmers: dict[str, object] = {}

    def _stemmer(self, language: str) -> object:
        name = _STEMMER_NAMES.get(language, "norwegian")
        if name not in self._stemmers:
            import Stemmer as pystemmer

            self._stemmers[name] = pystemmer.Stemmer(name)
        return self._stemmers[name]

    def stem(self, word: str, language: str) -> str:
        """Return the stem of a lower-case word."""
        key = (word, language)
        stem = self._cache.get(key)
        if stem is None:
            stem = self._stemmer(language).stemWord(word)  # type: ignore[attr-defined]
            self._cache[key] = stem
        return stem


# Each word list costs ~0.6 s and ~150 MB to load: split only where compounds matter most.
_COMPOUND_LANGS = {"nb": "nb", "nn": "nb", "de": "de"}
_MIN_PART = 4
_MIN_COMPOUND = 9
# Norwegian, Danish, Swedish and German glue parts with -s- or -e- (næring-s-utvikling).
_LINKS = ("", "s", "e")


@lru_cache(maxsize=4)
def _word_list(language: str) -> Mapping[str, object]:
    """Return simplemma's word → lemma mapping (a plain lookup is 20× faster than is_known)."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    return DefaultDictionaryFactory().get_dictionary(language)


class CompoundSplitter:
    """Split compounds into two known words: næringsutvikling → næring + utvikling."""

    def __init__(self, vocabulary: Iterable[str] = ()) -> None:
        self.vocabulary = frozenset(vocabulary)
        self._cache: dict[tuple[str, str], tuple[str, ...]] = {}

    def _known(self, word: str, language: str) -> bool:
        if word in self.vocabulary:
            return True
        known = _word_list(language)
        # German nouns are listed capitalised.
        return known.get(word) is not None or known.get(word.capitalize()) is not None

    def split(self, word: str, language: str) -> tuple[str, ...]:
        """Return the two parts of a compound, or () if the word is not one."""
        lang = _COMPOUND_LANGS.get(language)
        if lang is None or len(word) < _MIN_COMPOUND or "-" in word:
            return ()
        key = (word, lang)
        if key not in self._cache:
            self._cache[key] = self._split(word, lang)
        return self._cache[key]

    def _split(self, word: str, lang: str) -> tuple[str, ...]:
        # Prefer the longest tail: the head of a Norwegian compound is usually the modifier.
        for cut in range(_MIN_PART - 1, len(word) - _MIN_PART + 1):
            tail = word[cut:]
            if not self._known(tail, lang):
                continue
            head = word[:cut]
            for link in _LINKS:
                if link and not head.endswith(link):
                    continue
                stem = head[: len(head) - len(link)] if link else head
                if len(stem) >= _MIN_PART - 1 and self._known(stem, lang):
                    return (stem, tail)
        return ()
