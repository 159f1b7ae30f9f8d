"""Each answer gets a language code, with bokmål and nynorsk told apart."""

from engage.analysis import detect_languages
from engage.analysis.language import language_mix, norwegian_variant


def test_common_languages_are_recognised():
    texts = [
        "Jeg mener kommunen bør satse på flere arbeidsplasser for ungdom",
        "Eg meiner kommunen bør satse på fleire arbeidsplassar for ungdom",
        "We need more jobs for young people in the region",
        "Potrzebujemy więcej miejsc pracy dla młodych ludzi",
        "Wir brauchen mehr Arbeitsplätze für junge Menschen",
    ]

    assert detect_languages(texts) == ["nb", "nn", "en", "pl", "de"]


def test_text_without_letters_is_unknown():
    assert detect_languages(["", "😀", "1234", "!!"]) == ["und"] * 4


def test_nynorsk_markers_decide_the_variant():
    assert norwegian_variant("Eg vil ikkje flytte frå bygda") == "nn"
    assert norwegian_variant("Jeg vil ikke flytte fra bygda") == "nb"
    assert norwegian_variant("Bredbånd") == "nb"


def test_short_norwegian_answers_follow_the_corpus():
    texts = ["Mer turisme og reiseliv i kommunen"] * 20 + ["Bredbånd", "Hotell", "Ferje"]

    codes = detect_languages(texts)

    assert codes[-3:] == ["nb", "nb", "nb"]


def test_new_answers_can_be_judged_with_a_fitted_language_mix():
    mix = language_mix(["nb"] * 9 + ["en"])

    assert detect_languages(["Ferje og hurtigbåt"], prior=mix) == ["nb"]
