"""Norwegian text handling: stopwords in both written forms, stems, compounds."""

from engage.analysis.represent import shared_analyser
from engage.analysis.text import CompoundSplitter, normalise, stopwords, words


def test_bokmaal_nynorsk_and_domain_stopwords_are_removed():
    stop = stopwords("nb")

    assert {"ikke", "ikkje", "jeg", "eg", "kva", "berre", "kommunen", "bør", "må"} <= stop
    assert "turisme" not in stop


def test_compounds_are_split_into_known_words():
    splitter = CompoundSplitter()

    assert splitter.split("næringsutvikling", "nb") == ("næring", "utvikling")
    assert splitter.split("oppstartsbedrifter", "nb") == ("oppstart", "bedrifter")
    assert splitter.split("hus", "nb") == ()


def test_compound_parts_are_features_but_only_whole_words_are_shown():
    analyser = shared_analyser()
    terms = analyser.analyse(["Næringsutvikling og nye bedrifter"], ["nb"])
    stem = analyser.stemmer.stem

    assert stem("utvikling", "nb") in terms.stems[0]
    assert terms.surface(stem("næringsutvikling", "nb")) == "næringsutvikling"
    assert terms.surface(stem("bedrifter", "nb")) == "bedrifter"
    assert terms.surface(stem("utvikling", "nb")) is None


def test_normalise_removes_links_and_extra_space():
    assert normalise("  Se  https://example.no/x  her\n") == "Se her"
    assert words("Gang- og sykkelvei, 5G!") == ["gang", "og", "sykkelvei"]
