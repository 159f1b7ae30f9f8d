"""Labels read as headings: no fillers, no chance neighbours, no cut names; quotes differ."""

import re

from workshop_answers import texts_themes_languages

from engage.analysis import describe_groups
from engage.analysis.describe import FILLER_WORDS, _adjective, _heading_form

FUNCTION_WORDS = {"imot", "samtidig", "rundt", "innenfor", "går", "finnes", "gi", "bruker"}


def words(text):
    return [w.lower() for w in re.findall(r"[^\W\d_]+", text)]


def test_one_sentence_repeated_makes_no_phrase_of_its_neighbours():
    # The same sentence written by many (or with "Jeg mener" before it) is one context:
    # "naturen samtidig" must not become a unit however often it is repeated.
    sentence = "Vi må ta vare på naturen samtidig som vi får flere besøkende"
    texts = [sentence] * 12 + [f"Jeg mener {sentence.lower()}"] * 6
    texts += ["Naturen og fjorden", "Naturen rundt fjorden", "Fjorden og fjellet"] * 3
    texts += ["Ferja går for sjelden", "Fylkesveien stenges av ras", "Flere ferjeavganger"] * 5
    groups = [0] * 27 + [1] * 15
    for theme in describe_groups(texts, groups):
        assert not set(words(theme.label)) & (FUNCTION_WORDS | FILLER_WORDS), theme.label
        assert all(" " not in t or t[0].isupper() for t in theme.terms), theme.terms


def test_a_place_name_in_capitals_stays_whole_and_is_no_heading():
    texts = [
        "Mobildekningen i Indre Fjordvik er elendig",
        "Bedre bredbånd i Indre Fjordvik så bedrifter kan etablere seg",
        "Ingen mobildekning i Indre Fjordvik om kvelden",
        "Fiber og bredbånd til alle grendene",
        "Mobildekning langs fylkesveien",
    ]
    texts += ["Ferja går for sjelden", "Fylkesveien må rassikres", "Ferjeprisene er høye"]
    (net, _ferry) = describe_groups(texts, [0] * 5 + [1] * 3)
    assert "Indre Fjordvik" in net.terms
    assert "indre" not in words(net.label) and "fjordvik" not in words(net.label)
    assert not {"indre", "fjordvik"} & {t.lower() for t in net.terms}


def test_every_theme_has_a_heading_even_in_another_language():
    texts, themes, _ = texts_themes_languages()
    names = sorted(set(themes))
    groups = [names.index(t) for t in themes]
    extra = ["No idea", "Good meeting", "No idea", "Good meeting"]
    out = describe_groups(texts + extra, groups + [len(names)] * len(extra))
    assert all(t.label.strip() for t in out)


def test_norwegian_themes_have_no_english_words_in_their_label():
    texts, themes, languages = texts_themes_languages()
    names = sorted(set(themes))
    english = {
        w for t, lang in zip(texts, languages, strict=True) if lang == "en" for w in words(t)
    }
    norwegian = {
        w for t, lang in zip(texts, languages, strict=True) if lang != "en" for w in words(t)
    }
    for theme in describe_groups(texts, [names.index(t) for t in themes]):
        assert not set(words(theme.label)) & (english - norwegian), theme.label
        assert 1 <= len(words(theme.label)) <= 5 and "," not in theme.label


def test_headings_use_the_indefinite_form_when_the_word_list_knows_it():
    assert _heading_form("ferja", "nb") == "ferje"
    assert _heading_form("fylkesveien", "nb") == "fylkesvei"
    assert _heading_form("bedriftene", "nb") == "bedrifter"
    assert _heading_form("bygget", "nb") == "bygg"  # the building, not the verb "bygge"
    assert _heading_form("turistar", "nb") == "turister"  # a nynorsk plural in a bokmål heading
    assert _heading_form("turistar", "nn") == "turistar"
    assert _heading_form("Fjordvik", "nb") == "Fjordvik"  # names stay
    assert _heading_form("sykepleiere", "nb") == "sykepleiere"  # already indefinite


def test_quotes_are_not_one_sentence_with_an_opener_before_it():
    base = [
        "Bredbånd og mobildekning i hele kommunen",
        "Fiber til alle grendene så folk kan jobbe hjemmefra",
        "Mobildekningen langs fylkesveien er elendig",
    ]
    texts = ["Jeg mener bredbånd og mobildekning i hele kommunen"] * 3 + base
    texts += ["Etter min mening: bredbånd og mobildekning i hele kommunen"] * 3
    texts += ["Ferja går for sjelden", "Fylkesveien må rassikres", "Flere ferjeavganger"]
    groups = [0] * 9 + [1] * 3
    net = describe_groups(texts, groups)[0]
    quoted = [texts[i] for i in net.representative]
    hits = [q for q in quoted if "bredbånd og mobildekning i hele kommunen" in q.lower()]
    assert len(hits) <= 1, quoted
    assert len(quoted) >= 2


def test_an_adjective_never_heads_a_heading():
    texts = [
        "Bredbånd og fiber til alle grendene",
        "Flere turister om sommeren, satse på reiseliv",
        "Nye arbeidsplasser i havbruk og sjømat",
        "Billigere boliger for unge som vil flytte hjem",
        "Kaffe og møteplass i sentrum",
        "Flere boliger i sentrum",
    ] * 2
    out = describe_groups(texts, [0, 1, 2, 3, 4, 4] * 2)
    housing = out[3]
    assert words(housing.label)[0] == "boliger", housing.label  # not "Billigere og unge"
    assert "billigere" in housing.terms  # an adjective may still be a key term


def test_adjectives_are_told_from_nouns_by_the_word_list():
    for word in (
        "billigere",
        "flere",
        "bedre",
        "unge",
        "lokale",
        "grønne",
        "uavhengig",
        "nasjonal",
    ):
        assert _adjective(word, "nb"), word
    for word in (
        "lærere",
        "innbyggere",
        "boliger",
        "turister",
        "sentrum",
        "havbruk",
        "ferje",
        "fisk",
    ):
        assert not _adjective(word, "nb"), word


def test_a_theme_only_other_languages_wrote_is_joined_as_the_project_writes():
    from engage.analysis.describe import _Unit, make_label

    units = [_Unit("praca", ("prac",), 1.0, False), _Unit("zmiana", ("zmian",), 0.9, False)]
    assert make_label(units, "en", join="nb") == "Praca og zmiana"  # not "Praca and zmiana"
    assert make_label(units, "en") == "Praca and zmiana"
