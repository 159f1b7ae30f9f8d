"""Invented input for the demo kommune Fjordvik, where the fish plant is closing.

Every sentence here is made up for the demo; each one is used once, so the demo reads like
real input: mostly bokmål, a good share nynorsk, some English and Polish from the fish-plant
workers, some one-liners and some paragraphs, a few off topic and a few rude or empty.
"""

from __future__ import annotations

# theme -> (language, answer) as people write them
IDEAS: dict[str, list[tuple[str, str]]] = {
    "housing": [
        (
            "nb",
            "Boligmangelen stopper alt annet. Bedriftene får ikke ansatt folk uten husrom.",
        ),
        ("nb", "Kommunale utleieboliger for nyansatte lærere og sykepleiere, med leie i to år."),
        ("nn", "Eit bustadfelt med små tomter og rimelege hus for unge par."),
        (
            "en",
            "Newcomers need help renting, landlords here only rent to people they know.",
        ),
        ("nb", "Det finnes ikke en eneste ledig leilighet å leie i sentrum."),
        (
            "nb",
            "Vi er to sykepleiere som gjerne ville flyttet hjem igjen, men vi fant ikke noe "
            "å bo i. Kommunen burde bygge eller garantere for noen utleieboliger, så tar "
            "private over når markedet er i gang.",
        ),
        ("nb", "Ungdom som kommer hjem etter studiene må bo på gutterommet til de er 30."),
        ("nb", "Tomtene på Holmane har ligget ferdig regulert i ti år. Selg dem for en krone."),
        (
            "nb",
            "Mange eneboliger står tomme store deler av året fordi arvingene bruker dem som "
            "hytte. Se på boplikt eller i det minste en ordning som gjør det lettere å leie ut.",
        ),
        ("nb", "Startlån og tilskudd til unge som vil kjøpe sin første bolig her."),
        ("nb", "Små leiligheter nær butikken, så eldre kan selge huset og frigjøre plass."),
        (
            "nn",
            "Vi treng fleire små husvære til leige. Dei som kjem hit for å jobbe, får ikkje "
            "tak i noko anna enn hytter med utedo.",
        ),
        ("nn", "Kommunen må sjølv byggje nokre utleigebustader, elles skjer det ingenting."),
        ("nn", "Gjer det enklare å dele opp store einebustader til to husvære."),
        (
            "en",
            "We rented a cabin without insulation our first winter here. Nobody moves to a "
            "place where they cannot find a flat.",
        ),
        (
            "pl",
            "Mieszkamy w piątkę w jednym domu, bo nie ma mieszkań do wynajęcia. Gmina powinna "
            "pomóc pracownikom z zagranicy znaleźć normalne mieszkanie.",
        ),
        ("pl", "Czynsz za pokój u pracodawcy jest za wysoki."),
    ],
    "tourism": [
        ("nb", "Vinterturisme med nordlyssafari og ski til fjells fra sjøen."),
        ("nb", "Hotellet må åpne igjen. Uten overnatting blir det ingen reiseliv."),
        ("nn", "Guida fisketurar og sjømat på kaia for turistar om hausten."),
        ("pl", "Turyści pytają o wycieczki na ryby, ale nikt ich nie organizuje."),
        (
            "nb",
            "Turistene kommer i juli og så er det dødt. Vi trenger noe som trekker folk i "
            "vinterhalvåret også: nordlys, skredkurs, julemarked på kaia.",
        ),
        ("nb", "Lag en skikkelig bobilparkering med tømmestasjon i stedet for å jage dem vekk."),
        ("nb", "Kaia ved det gamle fiskebruket kunne blitt et sted med kafé og båtutleie."),
        (
            "nb",
            "Cruisegjestene går i land, tar bilder av kirka og går om bord igjen. Ingen har "
            "noe å selge dem. Et lite marked med lokal mat hver anløpsdag ville hjulpet.",
        ),
        ("nb", "Felles booking for rorbuer, guider og fisketurer."),
        ("nb", "Helårsturisme, ikke bare tre uker i fellesferien."),
        (
            "nn",
            "Fjordvik har ei historie om fiske og sildesalting som ingen fortel. Ein liten "
            "museumsbu på kaia med omvising kunne vore starten.",
        ),
        ("nn", "Betre skilting til turstiane, og ein toalettbu ved parkeringa på Nova."),
        ("nn", "Reiselivet må vere ope heile året, ikkje berre når cruiseskipa ligg inne."),
        (
            "en",
            "I run a small guiding business. Winter visitors ask for northern lights and sea "
            "kayaking, but there is nowhere open to eat after six.",
        ),
        ("en", "Market the fjord to hikers in spring and autumn, not only in summer."),
    ],
    "broadband": [
        ("nb", "Bredbåndsutbyggingen må prioriteres, vi har ventet i åtte år på fiber."),
        ("nb", "Mobilmast på Nova, i dag er det ingen dekning på halve fjorden."),
        ("nb", "Hjemmekontor går ikke med 4 Mbit. Fiber til alle husstander."),
        ("nn", "Mobilnettet fell ut kvar gong det bles, og då når vi ikkje legevakta."),
        ("en", "Mobile coverage along the fjord road is patchy, calls drop all the time."),
        ("nb", "Mobildekningen forsvinner helt innover fjorden. Det er farlig."),
        (
            "nb",
            "Jeg jobber for et firma i Bergen fra kjøkkenbordet, men fiberen stopper to "
            "kilometer fra huset. Flere kunne bodd her og jobbet eksternt om nettet var i orden.",
        ),
        ("nb", "Fiber til Straumen og Indre Fjordvik før noe annet."),
        ("nb", "Når strømmen går, går mobilnettet også. Det holder ikke i et rasutsatt område."),
        ("nb", "Dekning langs fylkesveien, ambulansen mistet kontakten i tunnelen i fjor."),
        ("nn", "Breibandet i grendene er så dårleg at ungane ikkje får gjort lekser på nett."),
        (
            "nn",
            "Vi har hatt to bedrifter som ville etablere seg her, men dei trekte seg då dei "
            "såg kor ustabilt nettet var.",
        ),
        ("nn", "Ein kontorfellesskap med godt nett for dei som jobbar heimanfrå."),
        ("en", "Reliable broadband would let us keep our jobs in Oslo and live here."),
        ("pl", "Na Holmane prawie nie ma zasięgu, nie mogę zadzwonić do rodziny w Polsce."),
    ],
    "ferry_road": [
        ("nb", "Ferjetilbudet må bedres med flere avganger og en større båt i rushtiden."),
        ("nb", "Fylkesveien er smal og rasfarlig, den må utbedres før det skjer en ulykke."),
        ("nn", "Ferjeprisane er for høge for oss som pendlar kvar dag."),
        ("pl", "Prom jest za rzadko, wieczorem nie da się wrócić z miasta."),
        (
            "nb",
            "Siste ferje går 21.40. Da kan du glemme kino, trening eller kveldsvakt på "
            "sykehuset i byen. Flere avganger på kveldstid er det viktigste for oss som pendler.",
        ),
        ("nb", "Rassikring av fylkesvei 714. Den var stengt elleve ganger i fjor vinter."),
        ("nb", "Ferja er full av vogntog om morgenen, vi står igjen på kaia."),
        ("nb", "Gang- og sykkelvei fra skolen til Vågen, barna går i veibanen."),
        ("nb", "Bussen må passe med ferja. Nå venter man 50 minutter."),
        (
            "nn",
            "Ferjesambandet er livsnerva vår. Når ferja er på verkstad og vi får ein mindre "
            "reservebåt, står fisketransportane i kø og folk kjem for seint på jobb.",
        ),
        ("nn", "Vegen over Nova må rassikrast før nokon omkjem."),
        ("nn", "Ein tunnel under fjorden burde vere målet på sikt."),
        ("en", "The last ferry is far too early for anyone working shifts in town."),
        ("pl", "Autobus do zakładu jeździ tylko rano, a zmiana kończy się o 23."),
    ],
    "childcare_school": [
        ("nb", "Barnehageplass når man trenger det er viktigere enn nye veier."),
        ("nb", "Behold skolen i Indre Fjordvik, fem kilometer buss er nok for de minste."),
        ("nn", "Barnehagen treng fleire tilsette, ungane er for mange per vaksen."),
        ("en", "The school should offer Norwegian support for children who just arrived."),
        ("nb", "Barnehagen i Vågen må ikke legges ned. Den er grunnen til at vi flyttet hit."),
        (
            "nb",
            "Vi har ventet i sju måneder på barnehageplass. Opptak bare om høsten passer ikke "
            "for folk som flytter hit midt i året for en jobb.",
        ),
        ("nb", "Åpningstid i barnehagen som passer med skiftarbeid og ferjetider."),
        ("nb", "Flere lærere med fagutdanning på ungdomstrinnet, det merkes på resultatene."),
        ("nb", "Skolen kunne samarbeidet med havbruksnæringen om valgfag og sommerjobb."),
        ("nn", "Barnehageopptak heile året, ikkje berre i august."),
        (
            "nn",
            "Skulen er hjartet i bygda. Viss han blir lagd ned, flyttar dei siste "
            "barnefamiliane frå Indre Fjordvik.",
        ),
        ("nn", "SFO må vere open til ferja kjem, elles går det ikkje for pendlarar."),
        (
            "pl",
            "Moje dzieci potrzebują lekcji norweskiego w szkole i kogoś, kto pomoże w "
            "kontakcie z rodzicami, którzy nie znają jeszcze języka.",
        ),
        ("pl", "Przedszkole powinno być otwarte dłużej, pracujemy na zmiany."),
        ("en", "Childcare places all year round, please. We moved here in March and waited."),
    ],
    "jobs": [
        ("nb", "Nye arbeidsplasser i havbruk og foredling må komme før fiskebruket er tømt."),
        ("nb", "Et næringsbygg på kaia med plass til fem-seks småbedrifter."),
        ("nn", "Settefiskanlegget vil vekse og treng folk, lag ei opplæring saman med dei."),
        ("pl", "Praca w hodowli łososia dla ludzi z przetwórni, z kursem po polsku i norwesku."),
        (
            "nb",
            "Når fiskebruket stenger forsvinner 140 arbeidsplasser. Bygget og kaia må brukes "
            "til noe nytt med en gang, før folk flytter: foredling, settefisk eller et "
            "næringsbygg med flere små bedrifter. Min far jobbet der i 38 år og jeg i 15. "
            "Vi har sett nedleggelser før, og det som skjer er at de unge reiser først.",
        ),
        ("nb", "Hold på fagfolkene fra fiskebruket, de kan drive et nytt anlegg."),
        ("nb", "Lokal foredling av laks i stedet for å kjøre alt ut på bil."),
        ("nb", "Restråstoff fra havbruket kan bli fôr og biogass her."),
        ("nb", "Kommunen må ha ferdig regulert næringsareal når noen banker på døra."),
        ("nb", "Omskolering til fagbrev i akvakultur, betalt, mens man jobber."),
        (
            "nb",
            "Landbasert oppdrett er i vinden. Vi har sjøvann, kraft og folk som kan fisk. "
            "Kontakt selskapene direkte i stedet for å vente på at de finner oss.",
        ),
        ("nn", "Dei som misser jobben på fiskebruket, treng kurs og fagbrev, ikkje berre NAV."),
        ("nn", "Eit gründerhus i det gamle administrasjonsbygget på bruket."),
        ("nn", "Havbruket treng røktarar og teknikarar, lær dei opp her i staden for å hente inn."),
        (
            "nn",
            "Kraftlinja har ledig kapasitet. Det er sjeldan, og det bør seljast inn til "
            "industri som treng straum.",
        ),
        (
            "en",
            "The workers from the plant have skills in food safety and processing. A new "
            "seafood processor could hire most of them tomorrow.",
        ),
        (
            "pl",
            "Pracuję w przetwórni od dwunastu lat. Chcę zostać w Fjordvik, ale potrzebuję "
            "kursu, żeby dostać pracę w hodowli ryb.",
        ),
        ("pl", "Kursy norweskiego wieczorem, żebyśmy mogli zdobyć lepszą pracę."),
        ("pl", "Nowa fabryka w starym budynku przetwórni."),
    ],
    "nature": [
        ("nb", "Strandsonen og fjorden må vernes mot nedbygging og forurensning."),
        ("nn", "Fjorden må haldast rein, stell betre med avløpet frå sentrum."),
        ("en", "Keep the mountain trails wild, no more cabins near the lake."),
        ("nb", "Ikke bygg ned strandsonen. Fjorden er det vi har."),
        (
            "nb",
            "Vi er bekymret for lakselus og rømming hvis havbruket vokser mye mer. Still krav "
            "om lukkede merder i den indre delen av fjorden.",
        ),
        ("nb", "Rydd plasten i fjæra, vi kan gjøre det på dugnad med skolen."),
        ("nb", "Ta vare på turområdet rundt Storvatnet, ikke legg hyttefelt der."),
        ("nn", "Naturen og fjorden er grunnen til at folk vil bu her. Ikkje øydelegg det."),
        ("nn", "Fleire gapahukar og ein tursti langs sjøen frå sentrum til Vågen."),
        ("en", "Protect the fjord. Without clean water there is no fish farming and no tourism."),
    ],
}

# Said at every meeting, and said here too: off the subject, rude, or nearly empty.
NOISE: list[tuple[str, str]] = [
    ("nb", "Hvorfor er det ikke fortau foran Coop? Snøen blir aldri måkt der."),
    ("nb", "Bortkastet tid. Det blir jo bestemt i Bodø uansett."),
    ("nb", "Senk lønna til ordføreren"),
    ("nb", "vet ikke"),
    ("nn", "Eg vil ha tilbake julegrana på torget."),
    ("nn", "-"),
    ("en", "asdf"),
    ("pl", "Nie wiem."),
]

# "What is the greatest strength of our community?" (workshops only)
STRENGTHS: list[tuple[str, str]] = [
    ("nb", "Folk stiller opp. Det er alltid noen som kommer med kaffe og tilhenger."),
    ("nb", "Fjorden og fjellet rett utenfor døra."),
    ("nb", "Et sterkt fagmiljø på sjømat etter femti år med fiskebruk."),
    ("nb", "Trygt for barn å gå alene til skolen."),
    ("nb", "Idrettslaget, som har drevet med frivillige i 90 år."),
    ("nb", "Korte avstander og en kommune man faktisk får snakket med."),
    ("nn", "Dugnadsånda og at alle kjenner alle."),
    ("nn", "Kulturlivet: korpset, revyen og bygdekinoen."),
    ("nn", "Havet gir oss arbeid og mat, det har det alltid gjort."),
    ("en", "Friendly neighbours who helped us settle in."),
    ("pl", "Ludzie są życzliwi, a przyroda jest piękna."),
]

# Comments given with a ballot at the follow-up meeting, one each.
VOTE_COMMENTS: list[tuple[str, str]] = [
    ("nb", "Boliger først, ellers kommer ingen av de andre tiltakene i gang."),
    ("nb", "Ferja påvirker alt fra barnehagen til jobben min."),
    ("nn", "Stemte på havbruk fordi det er der arbeidsplassane kjem."),
    ("en", "Broadband is cheap compared with a new road, do it now."),
    ("pl", "Mieszkania i kursy języka są najważniejsze dla nas."),
    ("nb", "Skulle gjerne hatt en prikk til, til naturen."),
]

# Interviews with key firms: main points and measures are input, the rest is internal.
INTERVIEWS: list[dict[str, str]] = [
    {
        "company": "Fjordvik Sjømat AS",
        "sector": "C",
        "background": "Daglig leder og tillitsvalgt. Fiskebruket, 140 ansatte, stenger i juni.",
        "points": (
            "Eieren flytter produksjonen til et større anlegg sør i landet. Bygget, kaia og "
            "fryselageret kan selges eller leies ut. De ansatte er erfarne og vil helst bli."
        ),
        "measures": "Finne en ny leietaker til bygget før sommeren.",
        "follow_up": "Ringe igjen i februar om arealplanen og prisen på bygget.",
    },
    {
        "company": "Straumen Smolt AS",
        "sector": "A",
        "background": "Driftsleder, settefiskanlegg med 14 ansatte.",
        "points": (
            "De vil doble produksjonen, men får ikke tak i røktere og elektrikere. Tre stillinger "
            "har stått ubesatt i et halvt år fordi søkerne ikke finner bolig."
        ),
        "measures": "Et utleiebygg for nyansatte, gjerne sammen med andre bedrifter.",
        "follow_up": "Sende dem kontaktinfo til boligbyggelaget. Møte i uke 12.",
    },
    {
        "company": "Nova Rorbuer",
        "sector": "I",
        "background": "Eier, familiebedrift, 6 ansatte om sommeren.",
        "points": (
            "Belegget er 90 prosent i juli og under 10 prosent fra oktober til mars. "
            "Vinterturister spør etter aktiviteter og åpne spisesteder, som ikke finnes."
        ),
        "measures": "Felles markedsføring av vintersesongen med de andre reiselivsbedriftene.",
        "follow_up": "Invitere til reiselivsmøtet 14. mars.",
    },
    {
        "company": "Vågen Elektro AS",
        "sector": "F",
        "background": "Daglig leder, 9 ansatte, installasjon og service.",
        "points": (
            "Mister kunder når fiskebruket stenger. Ser muligheter i landbasert oppdrett og "
            "ladeinfrastruktur, men trenger sertifiseringer de ikke har i dag."
        ),
        "measures": "Kurs i høyspent og automasjon lokalt, med støtte fra omstillingsmidlene.",
        "follow_up": "Sjekke med fylkeskommunen om kompetansemidler. Svar innen 1. april.",
    },
    {
        "company": "Holmane Havbruk AS",
        "sector": "A",
        "background": "Produksjonssjef, matfisk, 32 ansatte.",
        "points": (
            "Vil bygge et servicebygg på land og ta imot restråstoff fra flere lokaliteter. "
            "Ferja er en flaskehals for brønnbåt og fôrtransport."
        ),
        "measures": "Avklare næringsarealet ved gamle fiskebruket og flere ferjeavganger for gods.",
        "follow_up": "Ba om å få referatet før styringsgruppemøtet. Ikke siter dem med navn.",
    },
    {
        "company": "Fjordvik Regnskap",
        "sector": "M",
        "background": "Partner, 4 ansatte, mange kunder i primærnæringen.",
        "points": (
            "Kundene klager på mobildekningen og tregt nett. To unge ansatte pendler fra byen "
            "fordi de ikke får leie noe i Fjordvik."
        ),
        "measures": "Prioritere fiber i grendene og et kontorfellesskap i sentrum.",
        "follow_up": "Ingen videre avtale.",
    },
]

AREAS = ["Sentrum", "Vågen", "Indre Fjordvik", "Holmane", "Straumen"]
AGE_BANDS = ["under 20", "20-29", "30-39", "40-49", "50-59", "60-69", "70+"]
GROUPS = ["citizen", "citizen", "citizen", "business", "public_employee", "organisation", "youth"]
SECTORS = ["A", "C", "F", "G", "I", "M", "Q"]


def all_texts() -> list[str]:
    """Every free text the demo can put in, for checking that they differ."""
    texts = [text for items in IDEAS.values() for _lang, text in items]
    texts += [text for _lang, text in NOISE + STRENGTHS + VOTE_COMMENTS]
    for interview in INTERVIEWS:
        texts += [interview[k] for k in ("background", "points", "measures", "follow_up")]
    return texts
