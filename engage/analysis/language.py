"""Language of each answer: langid restricted to expected languages, plus a bokmål/nynorsk rule.

langid alone mistakes short Norwegian for Danish or English a third of the time, so each text's
probabilities are combined with a prior learned from the whole input (most answers in one
project share a language), and bokmål versus nynorsk is decided by marker words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import scipy.sparse as sp

LANGUAGES = ("nb", "nn", "en", "pl", "da", "sv", "de")
UNKNOWN = "und"
# langid's model knows "no", "nb" and "nn"; all three mean Norwegian until the marker rule runs.
_LANGID_CODES = ("no", "nb", "nn", "en", "pl", "da", "sv", "de")
_GROUP = {"no": "no", "nb": "no", "nn": "no"}
_LABELS = ("no", "en", "pl", "da", "sv", "de")
# Before anything is known the answer is most likely Norwegian (these are kommune projects).
_BASE_PRIOR = np.array([0.5, 0.1, 0.1, 0.1, 0.1, 0.1])
# Two letters in a row make something langid can judge; emoji and numbers do not.
_LETTERS = re.compile(r"[^\W\d_]{2}")
# A few sentences settle the language; langid's cost grows with length.
_MAX_CHARS = 150
_EM_STEPS = 5
# Texts per block of language scoring (bounds the byte and state arrays).
_BLOCK = 4096
_TEMPERATURE = 0.3


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


NYNORSK_MARKERS = _wordset(
    "ikkje eg kva korleis kvifor kven kvar dei vere berre meir mykje frå òg ein eit ho noko "
    "nokon nokre fleire heile sjølv vart kjem gjere gjer medan utan difor då ynskjer "
    "ønskjer treng bygda verksemder arbeidsplassar tilbod"
)
BOKMAAL_MARKERS = _wordset(
    "ikke jeg hva hvordan hvorfor hvem hvor de være bare mer mye fra også en et hun noe "
    "noen flere hele selv ble kommer gjøre gjør mens uten derfor når ønsker trenger "
    "bedrifter arbeidsplasser tilbud"
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from langid.langid import LanguageIdentifier, model

    identifier = LanguageIdentifier.from_modelstring(model, norm_probs=True)
    identifier.set_languages(list(_LANGID_CODES))
    return identifier


def norwegian_variant(text: str) -> str:
    """Tell bokmål ("nb") from nynorsk ("nn") by counting marker words."""
    words = [w.lower() for w in _WORD.findall(text)]
    nn = sum(w in NYNORSK_MARKERS for w in words)
    nb = sum(w in BOKMAAL_MARKERS for w in words)
    return "nn" if nn > nb else "nb"


def _has_letters(text: str) -> bool:
    return _LETTERS.search(text) is not None


@lru_cache(maxsize=1)
def _tables() -> tuple[np.ndarray, sp.csr_matrix]:
    """Return langid's tokeniser as arrays: next state per (state, byte), features per state."""
    identifier = _identifier()
    moves = np.asarray(identifier.tk_nextmove, dtype=np.int64)
    n_states = len(moves) >> 8
    states, features = [], []
    for state, produced in identifier.tk_output.items():
        states.extend([int(state)] * len(produced))
        features.extend(int(f) for f in produced)
    ones = np.ones(len(states), dtype=np.float64)
    shape = (n_states, identifier.nb_ptc.shape[0])
    return moves, sp.csr_matrix((ones, (states, features)), shape=shape)


def _feature_counts(texts: Sequence[str]) -> sp.csr_matrix:
    """Return langid's feature counts (its ``instance2fv``) for many texts at once.

    langid walks a state machine over each text's bytes; here all texts take each step
    together (one array operation per byte position), and the visited states are turned
    into feature counts by one sparse product.
    """
    moves, produces = _tables()
    encoded = [text[:_MAX_CHARS].encode("utf-8") for text in texts]
    lengths = np.fromiter((len(b) for b in encoded), dtype=np.int64, count=len(encoded))
    width = int(lengths.max()) if len(encoded) else 0
    data = np.frombuffer(b"".join(encoded) + b"\0", dtype=np.uint8).astype(np.int64)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]) if len(encoded) else lengths
    position = np.arange(width)
    inside = position[None, :] < lengths[:, None]
    data = np.where(inside, data[np.minimum(starts[:, None] + position, len(data) - 1)], 0)
    state = np.zeros(len(encoded), dtype=np.int64)
    visited = np.empty((len(encoded), width), dtype=np.int64)
    for step in range(width):
        state = moves[(state << 8) + data[:, step]]
        visited[:, step] = state
    rows = np.broadcast_to(np.arange(len(encoded))[:, None], visited.shape)[inside]
    ones = np.ones(len(rows), dtype=np.float64)
    shape = (len(encoded), produces.shape[0])
    return sp.csr_matrix((ones, (rows, visited[inside])), shape=shape) @ produces


def _log_likelihoods(texts: Sequence[str]) -> np.ndarray:
    """Return langid's log-likelihood per grouped label (no/nb/nn pooled), one row per text.

    The same sums as langid's ``instance2fv`` and ``nb_classprobs`` per text, done for a
    block of texts at a time.
    """
    identifier = _identifier()
    groups = _group_index()
    out = np.empty((len(texts), len(_LABELS)))
    for start in range(0, len(texts), _BLOCK):
        counts = _feature_counts(texts[start : start + _BLOCK])
        scores = np.asarray(counts @ identifier.nb_ptc) + identifier.nb_pc
        for column, label in enumerate(_LABELS):
            out[start : start + _BLOCK, column] = np.logaddexp.reduce(
                scores[:, groups[label]], axis=1
            )
    return out


@lru_cache(maxsize=1)
def _group_index() -> dict[str, list[int]]:
    classes = [str(c) for c in _identifier().nb_classes]
    return {
        label: [i for i, c in enumerate(classes) if _GROUP.get(c, c) == label] for label in _LABELS
    }


def _softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    weights = np.exp(scores)
    return weights / weights.sum(axis=1, keepdims=True)


def language_mix(codes: Sequence[str]) -> dict[str, float]:
    """Return the share of each detected language, the prior for answers added later."""
    grouped = [("no" if c in ("nb", "nn") else c) for c in codes if c != UNKNOWN]
    if not grouped:
        return {}
    return {label: grouped.count(label) / len(grouped) for label in _LABELS}


def detect_languages(texts: Sequence[str], prior: dict[str, float] | None = None) -> list[str]:
    """Return a language code per text ("nb", "nn", "en", "pl", "da", "sv", "de" or "und").

    Without ``prior`` the language mix is learned from the texts themselves; pass the
    ``language_mix`` of a fitted corpus to judge a handful of new answers the same way.
    """
    unique: dict[str, int] = {}
    keys = [" ".join(str(t).split()).lower() for t in texts]
    for key in keys:
        unique.setdefault(key, len(unique))
    words = list(unique)
    known = [i for i, w in enumerate(words) if _has_letters(w)]
    if not known:
        return [UNKNOWN] * len(texts)
    loglik = _log_likelihoods([words[i] for i in known])
    # Empirical Bayes: the corpus' own language mix, re-estimated a few times, is the prior
    # for each text; long texts are sure of themselves and barely move.
    # langid is naive Bayes and far too sure of itself on three words: temper its evidence.
    evidence = (loglik - loglik.max(axis=1, keepdims=True)) * _TEMPERATURE
    if prior is None:
        mix = _BASE_PRIOR
        for _ in range(_EM_STEPS):
            posterior = _softmax(evidence + np.log(mix))
            mix = 0.9 * posterior.mean(axis=0) + 0.1 * _BASE_PRIOR
    else:
        given = np.array([prior.get(label, 0.0) for label in _LABELS])
        mix = 0.9 * given + 0.1 * _BASE_PRIOR if given.sum() > 0 else _BASE_PRIOR
    posterior = evidence + np.log(mix)
    best = posterior.argmax(axis=1)
    codes = [UNKNOWN] * len(words)
    for row, i in enumerate(known):
        label = _LABELS[best[row]]
        codes[i] = norwegian_variant(words[i]) if label == "no" else label
    return [codes[unique[key]] for key in keys]
