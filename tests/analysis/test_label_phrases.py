"""Labels as headings: recurring noun phrases, no verb forms, two words only when related."""

import re

from engage.analysis import describe_groups
from engage.analysis.describe import _heading_form, _not_a_noun, _Usage, _Words

FERRY = [
    "Ferja går for sjelden om kvelden",
    "Fylkesveien stenges av ras hver vinter",
    "Flere ferjeavganger i helgene",
    "Fylkesveien er smal og full av hull",
]

# Enough other answers that no theme word is in 40 % of all answers.
OTHERS = FERRY + ["Fiber til alle grendene", "Bedre mobildekning", "Bredbånd på fjellet"] * 3


def words(text):
    return [w.lower() for w in re.findall(r"[^\W\d_]+", text)]


def test_a_recurring_adjective_and_noun_become_the_heading():
    texts = [
        "Kommunen har for få ledige tomter i sentrum",
        "Ledige tomter til unge familier som vil bygge",
        "Vi trenger ledige tomter nær skolen",
        "Tomter ved sjøen er for dyre",
        "Regulere flere tomter på Holmane",
        "Ledige lokaler for småbedrifter",  # "ledige" is no part of a fixed name
        "Få ledige stillinger for tilflyttere",
    ]
    out = describe_groups(texts + OTHERS, [0] * 7 + [1] * 13, languages=["nb"] * 20)
    assert out[0].label == "Ledige tomter", out[0].label


def test_a_noun_with_a_preposition_phrase_the_members_wrote_becomes_the_heading():
    texts = [
        "Det må bygges flere boliger for unge som vil flytte hjem",
        "Kommunen bør kjøpe boliger for unge og tilflyttere",
        "Boliger for unge par er mangelvare",
        "Tilflyttere finner ingen leiligheter",
    ]
    housing, _ferry = describe_groups(texts + FERRY, [0] * 4 + [1] * 4, languages=["nb"] * 8)
    assert housing.label == "Boliger for unge og tilflyttere", housing.label


def test_one_sentence_repeated_makes_no_phrase():
    texts = ["Billigere boliger for unge som vil flytte hjem"] * 4
    texts += ["Boliger til leie i sentrum", "Flere boliger nær skolen"]
    out = describe_groups(texts + OTHERS, [0] * 6 + [1] * 13, languages=["nb"] * 19)
    housing = out[0]
    assert words(housing.label)[0] == "boliger", housing.label
    assert "billigere" not in words(housing.label), housing.label


def test_participles_and_past_tenses_are_no_nouns():
    for word in ("organisert", "differensiert", "regulert", "ventet", "stengt", "behandlet"):
        assert _not_a_noun(word), word
    for word in ("bygget", "fiskebruket", "bolig", "ferje", "havbruk", "konsert"):
        assert not _not_a_noun(word), word


def test_a_participle_never_heads_a_heading():
    texts = [
        "Et organisert arbeidsliv med sterke fagforeninger",
        "Organisert arbeid og trepartssamarbeid",
        "Fagforeninger og organisert arbeidsliv",
        "Fradrag for fagforeningskontingent",
    ]
    work, _ferry = describe_groups(texts + FERRY, [0] * 4 + [1] * 4, languages=["nb"] * 8)
    assert words(work.label)[0] != "organisert", work.label


def test_a_form_that_may_be_a_past_tense_gives_way_on_a_tie():
    # "guida" (nynorsk past tense of guide) and "guider" (the plural noun) are used once
    # each: the heading word is the one that cannot be the verb.
    read = _Words(
        ["Guida fisketurar for turistar", "Felles booking av guider"], ["nb", "nb"], "nb", _Usage()
    )
    stem = next(s for s, forms in read.surfaces[0].items() if "guida" in forms)
    assert read.surface(stem)[0] == "guider"


def test_two_words_no_member_wrote_together_are_no_heading():
    texts = [
        "Fiskebruket stenger og folk mister jobben",
        "Fiskebruket må få nye eiere",
        "Ta vare på fiskebruket som arbeidsplass",
        "Dugnad for å rydde stranda",
        "Dugnad med skolen i helgene",
    ]
    mixed, _ferry = describe_groups(texts + FERRY, [0] * 5 + [1] * 4, languages=["nb"] * 9)
    assert "og" not in words(mixed.label), mixed.label


def test_two_words_written_together_make_a_heading():
    texts = [
        "Sykepleiere og leger må få faste stillinger",
        "Vi mangler leger på legevakta",
        "Rekruttere sykepleiere med bedre lønn",
        "Leger og sykepleiere trenger boliger",
    ]
    health, _ferry = describe_groups(texts + FERRY, [0] * 4 + [1] * 4, languages=["nb"] * 8)
    assert set(words(health.label)) == {"sykepleiere", "og", "leger"}, health.label


def test_a_word_written_mostly_inside_a_recurring_compound_is_not_the_heading():
    # "hav" comes once as a word and three times inside "havbruket": the heading is havbruk.
    texts = [
        "Havbruket treng røktarar og teknikarar",
        "Restråstoff fra havbruket kan bli fôr",
        "Havbruket må vokse med omhu",
        "Havet gir oss arbeid og mat",
    ]
    sea, _ferry = describe_groups(texts + FERRY, [0] * 4 + [1] * 4, languages=["nb"] * 8)
    assert words(sea.label)[0] == "havbruk", sea.label


def test_a_theme_only_another_language_wrote_has_key_terms_in_its_words():
    polish = [
        "Praca w hodowli łososia dla ludzi z przetwórni",
        "Kursy norweskiego wieczorem, żebyśmy mogli zdobyć lepszą pracę",
        "Potrzebuję kursu, żeby dostać pracę w hodowli",
        "Autobus do przetwórni jeździ tylko rano",
    ]
    out = describe_groups(polish + FERRY, [0] * 4 + [1] * 4, languages=["pl"] * 4 + ["nb"] * 4)
    theme = out[0]
    assert theme.label.startswith("På polsk: "), theme.label
    assert theme.terms, theme
    written = {w for t in polish for w in words(t)}
    assert all(set(words(term)) <= written for term in theme.terms), theme.terms


def test_definite_forms_with_a_doubled_consonant_or_a_plural_listed_elsewhere_lose_it():
    assert _heading_form("ungdommen", "nb") == "ungdom"
    assert _heading_form("sykehjemmet", "nb") == "sykehjem"
    assert _heading_form("studiene", "nb") == "studier"
    assert _heading_form("rommet", "nb") == "rom"
    assert _heading_form("sommeren", "nb") == "sommer"  # no doubled consonant to drop


def test_a_noun_written_only_in_a_fixed_phrase_is_no_heading():
    # "satt i verk", "legge til grunn": the noun says nothing of what the answers are about.
    texts = [
        "Tiltakene mot sosial dumping må settes i verk",
        "Reformen av jernbanen settes i verk neste år",
        "Jernbanen trenger nye tog og bedre vedlikehold",
        "Vedlikehold av jernbanen må prioriteres",
    ]
    rail, _ferry = describe_groups(texts + FERRY, [0] * 4 + [1] * 4, languages=["nb"] * 8)
    assert "verk" not in words(rail.label), rail.label


def test_a_phrase_is_read_only_from_answers_in_the_projects_own_form():
    texts = [
        "Det må bygges flere boliger for unge som vil flytte hjem",
        "Kommunen bør kjøpe boliger for unge og tilflyttere",
        "Boliger for unge par er mangelvare",
        "Tilflyttere finner ingen leiligheter",
    ]
    groups = [0] * 4 + [1] * 4
    bokmal = describe_groups(texts + FERRY, groups, language_form="nb", languages=["nb"] * 8)
    nynorsk = describe_groups(texts + FERRY, groups, language_form="nn", languages=["nb"] * 8)
    assert bokmal[0].label.startswith("Boliger for unge"), bokmal[0].label
    assert " for " not in nynorsk[0].label, nynorsk[0].label  # no bokmål phrase in nynorsk


def test_a_neuter_noun_in_t_is_no_form_of_an_adjective():
    assert _heading_form("tomt", "nn") == "tomt"  # not "tom"
    assert _heading_form("eplet", "nb") == "eple"


def test_a_qualifying_adjective_is_no_label_word_or_key_term():
    texts = [
        "Felles markedsføring av reiseliv og nordlys",
        "Reiseliv trenger felles booking",
        "Felles guider for reiseliv om vinteren",
        "Mer reiseliv med felles pakker for turister",
    ]
    tourism, _other = describe_groups(texts + OTHERS, [0] * 4 + [1] * 13, languages=["nb"] * 17)
    assert "felles" not in words(tourism.label), tourism.label
    assert "felles" not in [t.lower() for t in tourism.terms], tourism.terms
