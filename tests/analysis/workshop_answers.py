"""Hand-written workshop answers (bokmål, nynorsk, a few English) with known themes.

Written for these tests: answers as they come from a kommune workshop on what the place
needs. Six themes; language form varies within each theme, so grouping by language form
shows up as a wrong theme. Used by the tests and by ``benchmarks/analysis_resample.py``.
"""

from __future__ import annotations

# theme -> list of (language, answer)
ANSWERS: dict[str, list[tuple[str, str]]] = {
    "bolig": [
        ("nb", "Det må bygges flere boliger for unge som vil flytte hjem"),
        ("nb", "Unge par finner ingen leiligheter å leie i sentrum"),
        ("nb", "Billige tomter og startlån slik at unge kan kjøpe egen bolig"),
        ("nb", "Tilflyttere sliter med å finne bolig, utleiemarkedet er tomt"),
        ("nb", "Kommunen bør bygge utleieboliger for unge og tilflyttere"),
        ("nb", "Mange hus står tomme hele året mens unge ikke får leie"),
        ("nn", "Det manglar bustader for unge som vil busetje seg her"),
        ("nn", "Tomme hus burde leigast ut til unge og tilflyttarar"),
        ("nn", "Kommunen må regulere fleire bustadtomter for unge familiar"),
        ("en", "There is no housing to rent for young people moving here"),
    ],
    "helse": [
        ("nb", "Vi mangler sykepleiere på sykehjemmet og i hjemmetjenesten"),
        ("nb", "Rekruttere sykepleiere og leger med bedre lønn og bolig"),
        ("nb", "Hjemmetjenesten har for få ansatte og for mye vikarbruk"),
        ("nb", "Fastlegen slutter og det er vanskelig å rekruttere nye leger"),
        ("nb", "Sykehjemmet trenger flere faste stillinger for sykepleiere"),
        ("nn", "Vi må rekruttere fleire sjukepleiarar til sjukeheimen"),
        ("nn", "Sjukepleiarar og helsefagarbeidarar må få heile stillingar"),
        ("nn", "Legevakta er for langt unna og fastlegen har slutta"),
        ("nb", "Helsefagarbeidere bør få tilbud om videreutdanning til sykepleier"),
        ("en", "The nursing home cannot recruit enough nurses and doctors"),
    ],
    "nett": [
        ("nb", "Mobildekningen i Indre Fjordvik er elendig"),
        ("nb", "Bredbånd og fiber til alle husstander i grendene"),
        ("nb", "Dårlig mobildekning langs fylkesveien gjør det farlig ved uhell"),
        ("nb", "Vi trenger fiber for å kunne jobbe hjemmefra"),
        ("nb", "Bedre bredbånd i Indre Fjordvik så bedrifter kan etablere seg"),
        ("nn", "Mobildekninga i Indre Fjordvik er så dårleg at vi ikkje kan ringje"),
        ("nn", "Vi treng breiband og fiber i heile kommunen"),
        ("nb", "Fibernett og stabilt internett er viktig for hjemmekontor"),
        ("nb", "Ingen mobildekning på fjellet og svakt bredbånd i bygda"),
        ("en", "Broadband and mobile coverage are too poor for remote work"),
    ],
    "ferje": [
        ("nb", "Ferja går for sjelden om kvelden og i helgene"),
        ("nb", "Fylkesveien er smal og full av hull, den må utbedres"),
        ("nb", "Flere ferjeavganger slik at pendlere rekker jobben"),
        ("nb", "Fylkesveien stenges av ras hver vinter"),
        ("nb", "Ferjeprisene er for høye for dem som pendler hver dag"),
        ("nn", "Ferja går for sjeldan og siste avgang er for tidleg"),
        ("nn", "Fylkesvegen treng ny asfalt og rassikring"),
        ("nn", "Fleire ferjeavgangar om kvelden for dei som pendlar"),
        ("nb", "Ferjesambandet må gå oftere og fylkesveien må rassikres"),
        ("en", "The ferry runs too rarely and the county road is in bad shape"),
    ],
    "turisme": [
        ("nb", "Turismen må vare hele året, ikke bare om sommeren"),
        ("nb", "Helårsturisme med vinteraktiviteter og nordlysturer"),
        ("nb", "Hotellet og restaurantene stenger når sommersesongen er over"),
        ("nb", "Flere opplevelser for turister i vinterhalvåret"),
        ("nb", "Reiselivet trenger tilbud utenom sesong for å gi helårsjobber"),
        ("nn", "Turistane kjem berre om sommaren, vi treng helårsturisme"),
        ("nn", "Reiselivet bør satse på vinterturisme og nordlys"),
        ("nb", "Cruiseturister om sommeren er ikke nok, vi trenger helårsturisme"),
        ("nb", "Vinterturisme med skiturer og overnatting i hyttene"),
        ("en", "Tourism should run all year, not only in the summer season"),
    ],
    "ungdom": [
        ("nb", "Ungdommen flytter ut og kommer ikke tilbake etter studiene"),
        ("nb", "Unge må få jobber som gjør at de vil flytte hjem igjen"),
        ("nb", "Et godt fritidstilbud for ungdom så de vil bli boende"),
        ("nb", "Studenter som flytter ut bør få sommerjobb hjemme"),
        ("nb", "Ungdomsklubb og møteplasser for ungdom i sentrum"),
        ("nn", "Ungdomen flyttar ut og kjem ikkje tilbake etter studia"),
        ("nn", "Unge treng jobbar og møteplassar for å flytte heim att"),
        ("nn", "Eit godt fritidstilbod for ungdomen er viktig"),
        ("nb", "Vi må få ungdommen til å komme tilbake etter utdanning"),
        ("en", "Young people leave for university and never come back"),
    ],
}


def texts_themes_languages() -> tuple[list[str], list[str], list[str]]:
    """Return the answers interleaved as they would arrive: texts, themes, languages."""
    texts, themes, languages = [], [], []
    longest = max(len(v) for v in ANSWERS.values())
    for i in range(longest):
        for theme, answers in ANSWERS.items():
            if i < len(answers):
                languages.append(answers[i][0])
                texts.append(answers[i][1])
                themes.append(theme)
    return texts, themes, languages
