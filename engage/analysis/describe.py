"""Describe themes: distinctive terms (class-based TF-IDF), a heading-like label, quotes.

A label is a short noun phrase a project leader could title the group with ("Ferje og
fylkesvei", "Helårsturisme", "Boliger for unge og tilflyttere"), in the project's language
form, made of words the members wrote: a noun phrase on the best noun that members wrote in
several contexts, else the best distinctive noun and a second one joined by "og"/"and" when
at least one member wrote both, else the noun alone. Verbs, participles, fillers, adverbs and
nouns of fixed phrases ("i verk") are never heading words, nor are adjectives heads; a stem
written mostly inside a compound several members repeat ("hav" in "havbruket") counts only
for the answers about the word itself; words written only in another language form (English
in a Norwegian project) are not label words; a name that always comes in two words ("Indre
Fjordvik") stays whole and is kept for the terms, not the heading. A theme only other
languages wrote is named, and its terms are taken, from their words. Quotes are central
members that are not near-duplicates of each other (character 3-gram similarity), so they
are different voices.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from .represent import Terms, shared_analyser
from .text import _word_list

N_TERMS = 10
# A label is read from at most this many answers of a theme, and their first characters
# (the words of a long answer's opening carry its topic; reading 10,000 long answers whole
# took seconds).
READ_MAX = 500
READ_CHARS = 1000
MIN_TERMS = 5
N_REPRESENTATIVES = 3
# Two quotes this similar in meaning say the same thing; show a different voice instead.
DUPLICATE_SIMILARITY = 0.92
# Two quotes sharing this much of their character 3-grams (cosine) are variants of one sentence.
DUPLICATE_CHARS = 0.5
# Two quotes are one sentence when this share of the shorter one's longer words is in both.
DUPLICATE_WORDS = 0.6
# The second label word must be distinctive too: at least this share of the first's score.
SECOND_WORD_SHARE = 0.35
# Two adjacent words form one unit ("indre fjordvik") when this share of the rarer one's
# uses, and at least twice, comes with the other.
TOGETHER_SHARE = 0.8
# A pair must be more than chance neighbours: NLTK's likelihood ratio over contexts.
MIN_LIKELIHOOD_RATIO = 3.84
LANGUAGE_FORMS = ("nb", "nn", "en")
# A word only a close language form wrote (nynorsk in a bokmål project) counts this much.
NEAR_FORM_WEIGHT = 0.5
# A word in more than this share of all answers describes the whole input ("regjeringen" in
# every government promise), not one theme.
COMMON_SHARE = 0.4
# Shorter words are abbreviations and particles ("jf", "nr"), not headings.
MIN_LABEL_CHARS = 3
# Whose words may name a theme, per project language form: own form first, then close ones.
_FORM_WORDS = {
    "nb": (("nb",), ("nn", "da", "sv", "und")),
    "nn": (("nn",), ("nb", "da", "sv", "und")),
    "en": (("en",), ("nb", "nn", "da", "sv", "de", "pl", "und")),
}
_JOIN = {"nb": "og", "nn": "og", "en": "and"}
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_CLAUSE_BREAK = re.compile(r"[.,:;!?()\[\]\n–—]")


def _contexts(tokens: Sequence[tuple[str, bool, int]]) -> tuple[list, list]:
    """Return, per token, the nearest content word before and after it in its clause."""
    before: list[str | None] = []
    last: tuple[str | None, int] = (None, -1)
    for word, content, clause in tokens:
        before.append(last[0] if last[1] == clause else None)
        if content:
            last = (word, clause)
    after: list[str | None] = [None] * len(tokens)
    last = (None, -1)
    for position in range(len(tokens) - 1, -1, -1):
        word, content, clause = tokens[position]
        after[position] = last[0] if last[1] == clause else None
        if content:
            last = (word, clause)
    return before, after


def _context_of(
    sentence: Sequence[tuple[str, tuple[str, ...], int, bool]], start: int, end: int
) -> tuple[str | None, str | None]:
    """Return the nearest content words before and after sentence[start:end + 1] within
    its clause (None at the clause's edge)."""
    clause = sentence[start][2]
    before = next(
        (w for w, stems, c, _ in reversed(sentence[:start]) if c == clause and stems), None
    )
    after = next((w for w, stems, c, _ in sentence[end + 1 :] if c == clause and stems), None)
    return before, after


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Verbs and fillers that headings never use (bokmål, nynorsk, English), whatever their score.
FILLER_WORDS = _wordset(
    "går gå gikk gått finnes fins finst vare varer varte gi gir gav gitt bruker bruke brukes "
    "brukar nytte kommer komme kom kjem kome kjeme får fått gjør gjer gjorde blir bli ble vert "
    "vart tar ta tok sier seier seie ser sjå står stå ligger ligg legge setter sette har ha hatt "
    "er var vore vært finne finner trenger treng trengs mangler manglar ønsker ønskjer vil skal "
    "må kan lage lager lagar holde held hjelpe hjelper bidra bidrar skape skaper starte "
    "begynne fortsette jobbe leve lever bo bor slutter slutta sluttet stenger "
    "stengjer sliter slit rekker rekk leie leige kjøpe selge tenke tenker meine håpe "
    "tilbake igjen att hjem heim hjemme heime ut inn opp ned oftere ofte sjelden sjeldan "
    "alltid aldri lenger lengre nok enda ennå fortsatt kun nå no her der dit hit tidlig "
    "tidleg sent seint dårlig dårleg dårlige dårlege elendig god billig billige vanskelig "
    "vanskeleg farlig farleg høy høye høge lang langt lange stor små liten faste hele heile "
    "hver kvar egen eige eget eigne unna borte mulig mogleg enkelt ingen inga ingenting "
    "året år dag dagen tid gang ganger stadig uten utan etter før over under gjennom "
    "need needs run runs come back go get make leave never only too poor enough all year "
    "people place places consider cannot derfor difor dermed endelig rett rette sikte sak "
    "saker mål bruk samt blant annen anna "
    # prepositions, adverbs and meta words that are never a heading on their own
    "imot mot samtidig rundt innenfor utenfor utanfor langs mellom gjennom via hos ved "
    "frem fram fremover framover videre sammen særlig særleg spesielt heller både "
    "også ogso dessuten likevel kanskje stort sett mening meining mener meiner forslag "
    "hyppigere hyppigare oftere flere fleire mindre mer meir mest beste bedre betre "
    "around within along together especially rather opinion idea"
)
# Adjectives that only qualify a noun: never a label word or key term on their own, but they
# may open a phrase ("Nye boliger", "Felles kontorlokaler").
QUALIFIERS = _wordset(
    "felles ny nye nytt gammel gamle gammelt samme slik slike slikt annet andre anna same"
)
# Words that put a verb after them: å flytte, vil flytte, som flytter, vi mangler.
_VERB_CONTEXT = _wordset(
    "å må kan vil skal bør burde skulle kunne ville vi eg jeg dei de det den han ho hun som "
    "man ein ikke ikkje will can should must they we"
)
# Prepositions that join a noun phrase ("boliger for unge", "krav til aktivitet").
_PHRASE_PREPOSITIONS = _wordset("for til i på med av om frå fra mot ved")
_AND = _wordset("og")
_AND_WORD = "og"
# Fixed phrases of a preposition and a noun that say nothing of a topic (bokmål, nynorsk).
_IDIOMS = frozenset(
    tuple(pair.split("_"))
    for pair in _wordset(
        "i_gang i_verk i_stand på_plass til_rette i_tillegg i_forhold på_sikt i_dag i_fjor "
        "i_år til_slutt på_tide i_orden til_gode til_grunn i_form i_regi i_lys i_takt "
        "i_hovedsak til_sammen i_stedet i_staden på_vegne i_sted av_gangen om_gangen "
        "med_tanke i_retning på_grunn til_stede til_stades i_bruk i_samband i_sammenheng "
        "for_tida for_tiden i_tide med_hensyn i_hop"
    )
)
_IDIOM_STARTS = frozenset(a for a, _b in _IDIOMS)
_PARTICLES = _wordset("ut inn opp ned heim hjem tilbake bort vekk fram frem att")
_VERB_SHARE = 0.3


@dataclass
class Theme:
    """One theme: a readable label, distinctive terms, size and representative text indices."""

    label: str
    terms: list[str]
    size: int
    representative: list[int]
    language_counts: dict[str, int] = field(default_factory=dict)
    seed: str | None = None

    def to_dict(self) -> dict:
        """Return plain data for storage (JSON-friendly)."""
        return {
            "label": self.label,
            "terms": list(self.terms),
            "size": self.size,
            "representative": list(self.representative),
            "language_counts": dict(self.language_counts),
            "seed": self.seed,
        }


def term_counts(terms: Terms) -> tuple[sp.csr_matrix, list[str]]:
    """Return a text × stem count matrix and its stem vocabulary."""
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for row, stems in enumerate(terms.stems):
        for stem in stems:
            cols.append(vocabulary.setdefault(stem, len(vocabulary)))
            rows.append(row)
    data = np.ones(len(rows), dtype=np.float32)
    shape = (len(terms.stems), max(len(vocabulary), 1))
    counts = sp.csr_matrix((data, (rows, cols)), shape=shape)
    counts.sum_duplicates()
    return counts, list(vocabulary)


def class_tfidf(counts: sp.csr_matrix, labels: np.ndarray, k: int) -> np.ndarray:
    """Return BERTopic's class-based TF-IDF, one row per theme."""
    valid = labels >= 0
    onehot = sp.csr_matrix(
        (np.ones(valid.sum(), dtype=np.float32), (labels[valid], np.flatnonzero(valid))),
        shape=(k, counts.shape[0]),
    )
    # Count each word once per answer: one long answer must not name a theme alone.
    per_class = np.asarray((onehot @ (counts > 0).astype(np.float32)).todense())
    totals = per_class.sum(axis=1, keepdims=True) + 1e-9
    average = per_class.sum() / max(k, 1)
    idf = np.log1p(average / (per_class.sum(axis=0) + 1e-9))
    scores = per_class / totals * idf
    # A term seen in one answer only is an accident, not a theme word.
    return np.where(per_class >= 2, scores, scores * 0.01)


@dataclass
class _Unit:
    """A candidate theme word or fixed two-word unit, as written by the members."""

    surface: str
    stems: tuple[str, ...]
    score: float
    proper: bool = False
    # the members (indices among those read) that wrote it; None when not known
    answers: frozenset[int] | None = None


class _Words:
    """What the members of one theme wrote, read once: tokens per answer, surfaces per stem."""

    def __init__(
        self, texts: Sequence[str], languages: Sequence[str], form: str, usage: _Usage
    ) -> None:
        analyser = shared_analyser()
        own, near = _FORM_WORDS.get(form, _FORM_WORDS["nb"])
        # stem -> Counter of surfaces, by rank 0 (own form) or 1 (close forms)
        self.surfaces: tuple[dict[str, Counter], dict[str, Counter]] = ({}, {})
        self.pair_contexts: dict[tuple[str, str], set] = {}
        self.word_contexts: dict[str, set] = {}
        self.uses: Counter[str] = Counter()
        self.capitalised: Counter[str] = Counter()
        self.idiom_uses: Counter[str] = Counter()  # "satt i verk": uses in a fixed phrase
        # per answer: the stems written as words, and the compounds each part stem came in
        self._stem_uses: list[tuple[set[str], dict[str, set[str]]]] = []
        self._with_stem: dict[str, list[int]] = {}  # stem -> the answers that wrote it
        self._own: dict[str, tuple[frozenset[int], int]] = {}
        # per answer: word, its stems, clause number, written in capitals mid-sentence
        self.sentences: list[list[tuple[str, tuple[str, ...], int, bool]]] = []
        for text, language in zip(texts, languages, strict=True):
            rank = 0 if language in own else 1 if language in near else None
            if rank is None:
                continue
            whole: set[str] = set()
            via: dict[str, set[str]] = {}
            previous: tuple[str, bool, bool] | None = None  # word, content word, capitalised
            seen_pairs: list[tuple[str, str]] = []
            tokens: list[tuple[str, bool, int]] = []  # word, content word, clause number
            sentence: list[tuple[str, tuple[str, ...], int, bool]] = []
            clause = 0
            last_end = 0
            for match in _TOKEN.finditer(text):
                if _CLAUSE_BREAK.search(text, last_end, match.start()):
                    clause += 1
                last_end = match.end()
                word = match.group(0)
                lower = word.lower()
                stems = analyser.features(lower, language) if len(lower) >= 2 else ()
                before = text[max(0, match.start() - 3) : match.start()].rstrip()
                capital = word[0].isupper() and bool(before) and before[-1] not in ".!?:;"
                self.uses[lower] += 1
                if (
                    previous is not None
                    and previous[0] in _IDIOM_STARTS
                    and ((previous[0], lower) in _IDIOMS)
                ):
                    self.idiom_uses[lower] += 1
                usage.saw(previous[0] if previous else None, lower)
                if capital:
                    self.capitalised[lower] += 1
                if stems:
                    forms = self.surfaces[rank].get(stems[0])
                    if forms is None:
                        forms = self.surfaces[rank][stems[0]] = Counter()
                    forms[lower] += 1
                    whole.add(stems[0])
                    for part in stems[1:]:
                        via.setdefault(part, set()).add(stems[0])
                # A pair is two content words, or a name in capitals ("Indre Fjordvik").
                if previous is not None and (
                    (previous[1] and stems) or (previous[2] and capital and (previous[1] or stems))
                ):
                    seen_pairs.append((len(tokens) - 1, previous[0], lower))
                tokens.append((lower, bool(stems), clause))
                if rank == 0:  # phrases are read from the own form only: headings use it
                    sentence.append((lower, stems, clause, capital))
                previous = (lower, bool(stems), capital)
            # A pair counts once per context (the nearest content words either side in its
            # clause): one sentence repeated by many, or with "Jeg mener" before it, is one
            # use, so a sentence's chance neighbours ("naturen samtidig") never form a unit.
            number = len(self._stem_uses)
            self._stem_uses.append((whole, via))
            for stem in whole.union(via):
                self._with_stem.setdefault(stem, []).append(number)
            self.sentences.append(sentence)
            before, after = _contexts(tokens)
            for start, a, b in seen_pairs:
                key = (before[start], after[start + 1])
                self.pair_contexts.setdefault((a, b), set()).add(key)
            for position, (word, _content, _clause) in enumerate(tokens):
                self.word_contexts.setdefault(word, set()).add((before[position], after[position]))
        self._collocations: dict[tuple[str, str], float] | None = None
        self._recurring: Counter[str] | None = None

    def surface(self, stem: str) -> tuple[str | None, bool]:
        """Return the most used whole word behind a stem (own form first) and if it is own."""
        for rank, table in enumerate(self.surfaces):
            forms = table.get(stem)
            if forms:
                # On a tie a form that may be a verb's past tense ("guida") gives way.
                best = max(forms, key=lambda w: (forms[w], not _past_tense(w), -len(w), w))
                return best, rank == 0
        return None, False

    def own_answers(self, stem: str) -> tuple[frozenset[int], int]:
        """Return the answers (numbered as read) that are about the word itself, and how many
        wrote the stem at all. About the word: they wrote it as a word ("havet") or inside a
        compound no other answer repeats ("ferjeprisane"); not those that wrote it only
        inside a compound that names them better because several answers wrote it
        ("havbruket" twice: those answers are about havbruk, not hav)."""
        known = self._own.get(stem)
        if known is not None:
            return known
        if self._recurring is None:
            self._recurring = Counter(s for whole, _via in self._stem_uses for s in whole)
        recurring = self._recurring
        numbers = self._with_stem.get(stem, [])
        own = frozenset(
            n
            for n in numbers
            if stem in self._stem_uses[n][0]
            or any(recurring[c] < 2 for c in self._stem_uses[n][1][stem])
        )
        self._own[stem] = (own, len(numbers))
        return self._own[stem]

    def own_share(self, stem: str) -> float:
        """Return the share of the answers with this stem that are about the word itself."""
        own, anywhere = self.own_answers(stem)
        return len(own) / anywhere if anywhere else 1.0

    def phrase_on(self, head: _Unit, others: Sequence[_Unit]) -> str | None:
        """Return a noun phrase on the head word that the members wrote again and again, as
        they wrote it: an adjective before it ("ledige tomter") or a preposition and a
        distinctive word after it ("boliger for unge"), extended by "og" and another
        distinctive word when a member wrote that too ("boliger for unge og tilflyttere").
        The phrase must come in at least two contexts and in at least half of the answers
        with the head word (compounds on it included); None when no phrase does."""
        if head.proper or " " in head.surface or not head.answers:
            return None
        heads = set(head.stems)
        distinctive = {u.stems[0] for u in others if u is not head and not u.proper}
        found: dict[tuple, set] = {}
        answered: dict[tuple, set[int]] = {}
        written: dict[tuple, Counter[str]] = {}
        tails: dict[tuple, Counter[str]] = {}
        for number, sentence in enumerate(self.sentences):
            for k, (word, stems, clause, _capital) in enumerate(sentence):
                if not stems or not heads & set(stems):
                    continue
                key = text = None
                before = sentence[k - 1] if k else None
                after = sentence[k + 1 : k + 3]
                if (
                    before is not None
                    and before[1]
                    and before[2] == clause
                    and not before[3]
                    and _modifier(before[0])
                ):
                    key, text, end = ("adjective", before[1][0]), f"{before[0]} {word}", k
                elif (
                    len(after) == 2
                    and after[0][0] in _PHRASE_PREPOSITIONS
                    and after[1][1]
                    and after[1][1][0] in distinctive
                    and after[1][2] == clause
                    and not after[1][3]
                    and after[1][0] not in FILLER_WORDS
                ):
                    key = ("preposition", after[0][0], after[1][1][0])
                    text, end = f"{word} {after[0][0]} {after[1][0]}", k + 2
                if key is None:
                    continue
                # Counted once per context, as pairs are: one sentence repeated is one use.
                start = k - 1 if key[0] == "adjective" else k
                found.setdefault(key, set()).add(_context_of(sentence, start, end))
                answered.setdefault(key, set()).add(number)
                # Written as its head word alone where a member did ("boliger for unge",
                # not "utleieboliger for unge").
                simple = word == head.surface.lower() or stems[0] in heads
                written.setdefault(key, Counter())[text] += 2 if simple else 1
                rest = sentence[end + 1 : end + 3]
                if (
                    len(rest) == 2
                    and rest[0][0] in _AND
                    and rest[1][1]
                    and rest[1][1][0] in distinctive
                    and rest[1][2] == clause
                ):
                    tails.setdefault(key, Counter())[rest[1][0]] += 1
        with_head = self.own_answers(head.stems[0])[1]  # compounds included
        best = None
        for key, contexts in found.items():
            enough = len(contexts) >= 2 and len(answered[key]) >= 0.5 * with_head
            if enough and (best is None or len(contexts) > len(found[best])):
                best = key
        if best is None:
            return None
        forms = written[best]
        text = max(forms, key=lambda t: (forms[t], -len(t), t))
        if best in tails:
            tail = tails[best]
            text += f" {_AND_WORD} " + max(tail, key=lambda t: (tail[t], -len(t), t))
        return text

    def collocations(self) -> dict[tuple[str, str], float]:
        """Return adjacent pairs seen in at least two contexts, with NLTK's likelihood ratio."""
        if self._collocations is None:
            from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder
            from nltk.probability import FreqDist

            counts = {w: len(c) for w, c in self.word_contexts.items()}
            pairs = FreqDist({p: len(c) for p, c in self.pair_contexts.items()})
            for (a, b), n in pairs.items():  # a word is used at least as often as its pairs
                counts[a], counts[b] = max(counts[a], n), max(counts[b], n)
            words = FreqDist(counts)
            finder = BigramCollocationFinder(words, pairs)
            finder.apply_freq_filter(2)
            self._collocations = dict(finder.score_ngrams(BigramAssocMeasures.likelihood_ratio))
        return self._collocations

    def unit_with(self, word: str) -> tuple[str, str] | None:
        """Return the adjacent pair this word (almost) always comes in, if any: seen in at
        least two different contexts, most of the rarer word's contexts, and a likelihood
        ratio above chance (NLTK's collocation measure over contexts, not raw counts)."""
        best = None
        for (a, b), ratio in self.collocations().items():
            if word not in (a, b) or ratio < MIN_LIKELIHOOD_RATIO:
                continue
            n = len(self.pair_contexts[(a, b)])
            rarer = min(len(self.word_contexts[a]), len(self.word_contexts[b]), n)
            rarer = max(rarer, min(len(self.word_contexts[a]), len(self.word_contexts[b])))
            if n >= TOGETHER_SHARE * rarer and (best is None or n > best[1]):
                best = ((a, b), n)
        return best[0] if best else None


def theme_units(
    scores: np.ndarray, vocabulary: Sequence[str], words: _Words, verbs: frozenset[str]
) -> list[_Unit]:
    """Return candidate units best first: whole words, fixed pairs kept whole, no fillers."""
    units: list[_Unit] = []
    used: set[str] = set()
    analyser = shared_analyser()
    for index in np.argsort(-scores, kind="stable"):
        if scores[index] <= 0 or len(units) >= 4 * N_TERMS:
            break
        stem = vocabulary[index]
        word, own = words.surface(stem)
        if not word or word in used or word in FILLER_WORDS | QUALIFIERS or word in verbs:
            continue
        if len(word) < MIN_LABEL_CHARS or _not_a_noun(word):
            continue
        # A noun written mostly in a fixed phrase ("satt i verk", "legge til grunn") is no topic.
        if 2 * words.idiom_uses[word] >= words.uses[word] > 0:
            continue
        # Words the project's own language form wrote come first. A stem the members wrote
        # mostly inside compounds ("hav" in "havbruket") is not what its whole word ("havet")
        # says: answers that wrote it only in a recurring compound do not count for it.
        score = float(scores[index]) * (1.0 if own else NEAR_FORM_WEIGHT)
        score *= min(1.0, 2 * words.own_share(stem))
        pair = words.unit_with(word)
        if pair is not None and min(len(w) for w in pair) < MIN_LABEL_CHARS:
            pair = None  # "jf. samarbeidsavtalen": the abbreviation is no part of a name
        proper = pair is not None and all(words.capitalised[w] for w in pair)
        if pair is not None and (proper or not any(w in FILLER_WORDS | verbs for w in pair)):
            used.update(pair)
            surface = " ".join(w.capitalize() if proper else w for w in pair)
            stems = tuple(s for w in pair for s in analyser.features(w, "nb")[:1]) or (stem,)
            answers = words.own_answers(stem)[0]
            units.append(_Unit(surface, stems, score, proper, answers))
            continue
        used.add(word)
        proper = words.capitalised[word] >= max(1, words.uses[word] // 2)
        answers = words.own_answers(stem)[0]
        units.append(_Unit(word.capitalize() if proper else word, (stem,), score, proper, answers))
    return sorted(units, key=lambda u: -u.score)


def pick_terms(units: Sequence[_Unit]) -> list[str]:
    """Return up to N_TERMS surfaces, best first, skipping parts of words already chosen."""
    out: list[str] = []
    for unit in units:
        lower = unit.surface.lower()
        # A compound's parts repeat it ("arbeidsplasser", "arbeid", "plasser"): keep the whole.
        if any(lower in chosen.lower() for chosen in out):
            continue
        out.append(unit.surface)
        if len(out) == N_TERMS:
            break
    return out


def make_label(
    units: Sequence[_Unit],
    language_form: str = "nb",
    join: str | None = None,
    words: _Words | None = None,
) -> str:
    """Return a heading: a noun phrase on the best noun that the members wrote again and
    again ("Boliger for unge"), else the best noun and a second one joined by "og"/"and" if
    distinctive and written together with it by at least one member."""
    # A heading is headed by a noun: names and adjectives ("billigere", "unge") only as a
    # last resort. Adjectives stay among the key terms.
    heads = [u for u in units if not u.proper and not _adjective(u.surface.lower(), language_form)]
    if not heads:
        heads = [u for u in units if not u.proper] or list(units)
    if not heads:
        return ""
    first = heads[0]
    # A distinctive compound built on the best word is the more specific heading
    # (turisme → helårsturisme).
    for unit in heads[1:4]:
        if unit.score >= 0.5 * first.score and _contains_root(unit.surface, first):
            first = unit
            break
    if words is not None and language_form in ("nb", "nn"):
        phrase = words.phrase_on(
            first, [u for u in units if u.score >= SECOND_WORD_SHARE * first.score]
        )
        if phrase:
            return phrase[0].upper() + phrase[1:]
    chosen = [first.surface]
    tried = 0  # candidates passed over for want of shared members
    for unit in [u for u in heads[:5] if u is not first]:
        if unit.score < SECOND_WORD_SHARE * first.score:
            break
        a, b = unit.surface.lower(), first.surface.lower()
        if a in b or b in a or _same_root(a, b) or unit.stems[0] in b or first.stems[0] in a:
            continue
        # Both words are parts of one compound the members wrote (fri + skoler): use it.
        whole = next(
            (
                u
                for u in units
                if a in u.surface.lower()
                and b in u.surface.lower()
                and u.surface.lower() not in (a, b)
            ),
            None,
        )
        if whole is not None:
            chosen = [whole.surface]
            break
        # Two headings joined are about the same members: one of them at least wrote both
        # ("Ferje og fylkesvei"); two words no member wrote together name two groups.
        # A later candidate needs two such members: one shared answer is chance for it.
        known = first.answers is not None and unit.answers is not None
        if known and len(first.answers & unit.answers) < (1 if tried == 0 else 2):
            tried += 1
            continue
        chosen.append(unit.surface)
        break
    if language_form in ("nb", "nn"):
        chosen = [_heading_form(w, language_form) if " " not in w else w for w in chosen]
    text = f" {_JOIN.get(join or language_form, 'og')} ".join(chosen)
    return text[0].upper() + text[1:]


@lru_cache(maxsize=50_000)
def _not_a_noun(word: str) -> bool:
    """Tell participles and past tenses ("organisert", "ventet", "stengt": organisere, vente
    and stenge are verbs) and the first half of a cut compound ("reindrifts- og
    fiskerinæringen") apart from nouns, by simplemma's word list."""
    try:
        known = _word_list("nb")
    except Exception:  # a missing word list never costs a label
        return False
    if word.endswith("ert") and known.get(word[:-3] + "ere") is not None:
        return True  # organisert: organisere
    lemma = known.get(word)
    if isinstance(lemma, str) and lemma.endswith("e") and len(lemma) > 3:
        cut = lemma[:-1]
        if word in (cut + "te", cut + "t"):
            return True  # a past tense or participle: stengt (stenge), brukte (bruke)
        if word == cut + "et" and known.get(word[:-2]) != word[:-2]:
            return True  # ventet (vente); bygget stays, the definite form of the noun bygg
    return len(word) >= 7 and word.endswith("s") and known.get(word[:-1]) == word[:-1]


@lru_cache(maxsize=50_000)
def _modifier(word: str) -> bool:
    """Tell a word that may stand before a noun in a heading: an adjective ("ledige",
    "høyere", "landbasert"), not a filler, verb form or number word."""
    if word in FILLER_WORDS or len(word) < MIN_LABEL_CHARS:
        return False
    return _adjective(word, "nb") or _adjective(word, "nn") or _not_a_noun(word)


@lru_cache(maxsize=50_000)
def _past_tense(word: str) -> bool:
    """Tell a form that may be a verb's past tense or participle: the lemma in -e with -a,
    -et or -te for the -e ("guida", "jobbet" of guide, jobbe; also "kaia" of kaie, so a hint
    for ties only), by simplemma's bokmål and nynorsk word lists."""
    for form in ("nb", "nn"):
        try:
            lemma = _word_list(form).get(word)
        except Exception:  # a missing word list never costs a label
            return False
        verb = isinstance(lemma, str) and lemma.endswith("e") and len(lemma) > 3
        if verb and word in (lemma[:-1] + "a", lemma[:-1] + "et", lemma[:-1] + "te"):
            return True
    return False


# Comparatives that do not follow the lemma ("flere" of "mange", "bedre" of "god").
_IRREGULAR_COMPARATIVES = _wordset(
    "flere fleire bedre betre større mindre færre eldre yngre lengre mer meir mest best"
)


@lru_cache(maxsize=10_000)
def _adjective(word: str, form: str) -> bool:
    """Tell an adjective that cannot head a heading: a comparative ("billigere": billig +
    ere), a plural or definite form ("unge", "lokale": the lemma + e, where a noun such as
    "lærer" makes "lærere"), or a base form whose + e form is its own ("statlig"; "bolig"
    has none), by simplemma's word list. Unsure means no."""
    if word in _IRREGULAR_COMPARATIVES:
        return True
    if form not in ("nb", "nn"):
        return False
    try:
        known = _word_list(form)
    except Exception:  # a missing word list never costs a label
        return False
    if known.get(word + "e") == word:
        return True  # the base form of an adjective: uavhengig(e), statlig(e), nasjonal(e)
    if word.endswith("e") and len(word) > 3 and known.get(word[:-1] + "t") == word[:-1]:
        return True  # a plural or definite form beside a neuter in -t: blinde (blindt), unge
    lemma = known.get(word)
    if not isinstance(lemma, str) or lemma == word or len(lemma) < 2:
        return False
    if word in (lemma + "ere", lemma + "are"):
        return True
    return word == lemma + "e" and not lemma.endswith(("er", "ar"))


@lru_cache(maxsize=10_000)
def _heading_form(word: str, form: str) -> str:
    """Return the indefinite form a heading uses ("Ferje og fylkesvei", not "Ferja og
    fylkesveien"), checked against simplemma's word list; the word itself when unsure."""
    if word[:1].isupper():
        return word  # a name
    try:
        known = _word_list(form)
    except Exception:  # a missing word list never costs a label
        return word
    lemma = known.get(word)
    if lemma is None and form == "nb":
        return _bokmal_plural(word, known)
    if not isinstance(lemma, str) or lemma == word or len(lemma) < 3:
        return word
    if word.endswith("et") and known.get(word[:-2]) == word[:-2] and len(word) > 5:
        return word[:-2]  # a neuter noun ("bygget": bygg), not the verb's participle (bygge)
    cut = lemma[:-1] if lemma.endswith("e") else lemma
    double = lemma + lemma[-1]  # ungdom-m-en, sykehjem-m-et
    singular = (lemma + "en", lemma + "n", lemma + "et", lemma + "a", cut + "a")
    if lemma.endswith("e"):
        singular += (lemma + "t",)  # eplet, stykket; "tomt" is no form of the adjective tom
    if word in singular or word in (double + "en", double + "et", double + "a"):
        return lemma  # definite singular: ferja, fylkesveien, naturen, ungdommen
    if word in (lemma + "ene", lemma + "ne", lemma + "ane", cut + "ane", cut + "ene"):
        plurals = (lemma + "er", lemma + "r", lemma + "ar", cut + "ar", cut + "er")
        for plural in plurals:
            if known.get(plural) == lemma:
                return plural  # definite plural: bedriftene -> bedrifter
        for plural in plurals:
            if known.get(plural) is not None:
                return plural  # studiene -> studier (listed under studium)
    return word


def _bokmal_plural(word: str, bokmal: dict) -> str:
    """A nynorsk plural in -ar in a bokmål heading becomes the bokmål plural both word lists
    agree on ("turistar" → "turister", "arbeidsplassar" → "arbeidsplasser"); else the word."""
    try:
        nynorsk = _word_list("nn")
    except Exception:  # a missing word list never costs a label
        return word
    lemma = nynorsk.get(word)
    if not isinstance(lemma, str) or word != lemma + "ar" or bokmal.get(lemma) != lemma:
        return word
    plural = lemma + "er"
    return plural if bokmal.get(plural) == lemma else word


def _contains_root(word: str, unit: _Unit) -> bool:
    """Tell whether a longer word is a compound ending in the unit's stem."""
    lower, stem = word.lower(), unit.stems[0]
    return len(lower) > len(unit.surface) and len(stem) >= 4 and stem in lower[1:]


def _same_root(a: str, b: str) -> bool:
    """Tell whether two words share most of their beginning (turismen / turister)."""
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= 5 and common >= 0.6 * min(len(a), len(b))


class _Usage:
    """How words are used across the input, to tell verbs: often right after å, a modal or
    a pronoun, or before a particle ("ut", "tilbake")."""

    def __init__(self) -> None:
        self.after: Counter[str] = Counter()
        self.total: Counter[str] = Counter()

    def saw(self, previous: str | None, word: str) -> None:
        """Count one token and the word before it."""
        self.total[word] += 1
        if previous is None:
            return
        if previous in _VERB_CONTEXT:
            self.after[word] += 1
        elif word in _PARTICLES:  # flyttar ut, kommer tilbake, flytte heim
            self.after[previous] += 1

    def verbs(self) -> frozenset[str]:
        """Return the words used as verbs in at least _VERB_SHARE of their uses."""
        return frozenset(
            w for w, n in self.after.items() if n >= _VERB_SHARE * self.total[w] and _verb_form(w)
        )


@lru_cache(maxsize=50_000)
def _verb_form(word: str) -> bool:
    """Tell whether a word looks like a Norwegian or English verb form (a hint, not a tagger)."""
    return word.endswith(("e", "a", "er", "ar", "es", "ast", "te", "de", "et", "s", "ing", "ed"))


# Language names as a Norwegian heading writes them (an English project reads every
# language's words, so its labels never fall back).
_LANGUAGE_NAMES = {
    "nb": {"en": "engelsk", "pl": "polsk", "da": "dansk", "sv": "svensk", "de": "tysk"},
    "nn": {"en": "engelsk", "pl": "polsk", "da": "dansk", "sv": "svensk", "de": "tysk"},
}
_IN_LANGUAGE = "På {name}: {label}"


def _in_language(label: str, language: str, form: str) -> str:
    """Return a label made of another language's words with that language named first
    ("På polsk: Praca og zmiana"); unchanged when the language has no name here."""
    name = _LANGUAGE_NAMES.get(form, {}).get(language)
    if name is None:
        return label
    return _IN_LANGUAGE.format(name=name, label=label)


def _short_answer(texts: Sequence[str]) -> str:
    """Return the most common short answer of a theme ("Vet ikke"), or "" if none."""
    short = Counter(" ".join(_TOKEN.findall(t)) for t in texts if 0 < len(_TOKEN.findall(t)) <= 4)
    if not short:
        return ""
    text = max(short, key=lambda t: (short[t], -len(t), t))
    return text[0].upper() + text[1:]


def _content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _TOKEN.findall(text.lower()) if len(w) > 3)


def _grams(text: str) -> Counter[str]:
    padded = f" {' '.join(text.lower().split())} "
    return Counter(padded[i : i + 3] for i in range(len(padded) - 2))


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(n * b[g] for g, n in a.items() if g in b)
    norm = np.sqrt(sum(n * n for n in a.values()) * sum(n * n for n in b.values()))
    return float(dot / norm) if norm else 0.0


def representatives(
    members: np.ndarray, vectors: np.ndarray | None, texts: Sequence[str]
) -> list[int]:
    """Return up to three members nearest their centre that are not variants of each other."""
    if not len(members):
        return []
    if vectors is not None and np.any(vectors[members]):
        centroid = vectors[members].mean(axis=0)
        order = members[np.argsort(-(vectors[members] @ centroid), kind="stable")]
    else:
        order = members
    chosen: list[int] = []
    grams: list[Counter[str]] = []
    tokens: list[frozenset[str]] = []
    for index in order:
        mine = _grams(texts[index])
        if any(_cosine(mine, other) >= DUPLICATE_CHARS for other in grams):
            continue
        # "Jeg mener X" and "X": most of the shorter one's words are in the other.
        words = _content_words(texts[index])
        if any(
            len(words & other) >= DUPLICATE_WORDS * max(1, min(len(words), len(other)))
            for other in tokens
        ):
            continue
        if vectors is not None and any(
            float(vectors[index] @ vectors[c]) > DUPLICATE_SIMILARITY for c in chosen
        ):
            continue
        chosen.append(int(index))
        grams.append(mine)
        tokens.append(words)
        if len(chosen) == N_REPRESENTATIVES:
            break
    return chosen


def _read(members: np.ndarray) -> np.ndarray:
    """Return the members whose words are read for the label: all, or an even spread of
    READ_MAX of a large theme (its words and phrases are as clear in 500 answers)."""
    if len(members) <= READ_MAX:
        return members
    return members[np.linspace(0, len(members) - 1, READ_MAX).astype(np.int64)]


def describe(
    labels: np.ndarray,
    k: int,
    terms: Terms,
    vectors: np.ndarray | None,
    texts: Sequence[str],
    languages: Sequence[str],
    language_form: str = "nb",
) -> list[Theme]:
    """Return one Theme per label 0..k-1."""
    counts, vocabulary = term_counts(terms)
    scores = class_tfidf(counts, labels, k)
    share = np.asarray((counts > 0).sum(axis=0)).ravel() / max(1, counts.shape[0])
    scores = np.where(share > COMMON_SHARE, 0.0, scores)
    usage = _Usage()
    groups = [np.flatnonzero(labels == theme) for theme in range(k)]
    read = [
        _Words(
            [texts[i][:READ_CHARS] for i in _read(m)],
            [languages[i] for i in _read(m)],
            language_form,
            usage,
        )
        for m in groups
    ]
    verbs = usage.verbs()
    themes = []
    for theme, (members, words) in enumerate(zip(groups, read, strict=True)):
        units = theme_units(scores[theme], vocabulary, words, verbs) if vocabulary else []
        label = make_label(units, language_form, words=words)
        if not label and vocabulary:
            # Only other languages wrote here (English answers in a bokmål project): name the
            # theme in their words rather than leave it blank, and take its terms from them.
            # (The "en" form reads every language, each answer in its own: the same stems.)
            mine = [texts[i][:READ_CHARS] for i in _read(members)]
            others = _Words(mine, [languages[i] for i in _read(members)], "en", _Usage())
            units = theme_units(scores[theme], vocabulary, others, verbs)
            # joined as the project writes, and said to be in that language, so the leader
            # sees why ("På polsk: Praca og zmiana" in a bokmål project).
            label = make_label(units, "en", join=language_form)
            written = Counter(languages[i] for i in members).most_common(1)
            if label and written:
                label = _in_language(label, written[0][0], language_form)
        if not label:
            label = _short_answer([texts[i] for i in members])
        themes.append(
            Theme(
                label=label,
                terms=pick_terms(units),
                size=len(members),
                representative=representatives(members, vectors, texts),
                language_counts=dict(Counter(languages[i] for i in members)),
            )
        )
    return themes
