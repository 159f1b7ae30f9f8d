"""Invented input for the demo project. Every sentence here is made up for the demo."""

from __future__ import annotations

# theme -> language -> short answers as people write them
IDEAS: dict[str, dict[str, list[str]]] = {
    "tourism": {
        "nb": [
            "Satse på reiseliv og opplevelser rundt fjorden og fjellet",
            "Flere overnattingsplasser, det er fullt hver sommer",
            "Markedsføre turstiene og bygge en skikkelig parkeringsplass ved toppturen",
            "Guidede turer og matopplevelser med lokale råvarer",
            "Helårsturisme, ikke bare tre uker i juli",
            "Et felles bookingsystem for hytter, båtutleie og guider",
            "Cruisebåtene legger til, men ingen handler lokalt. Lag et tilbud på kaia",
            "Vi må ta vare på naturen samtidig som vi får flere besøkende",
        ],
        "nn": [
            "Satse meir på reiseliv og opplevingar i bygda",
            "Fleire overnattingsplassar og betre skilting til turstiane",
            "Lokalmat og opplevingar som kan seljast heile året",
            "Ta vare på kulturarven og bruke han i turismen",
        ],
        "en": [
            "Develop year-round tourism around the fjord and the mountains",
            "More places to stay for visitors, and better signs to the hiking trails",
        ],
    },
    "skills": {
        "nb": [
            "Vi får ikke tak i fagarbeidere, særlig elektrikere og sveisere",
            "Desentralisert utdanning så folk kan ta fagbrev uten å flytte",
            "Lærlingplasser i lokale bedrifter for ungdommen",
            "Samarbeid mellom videregående skole og næringslivet om kompetanse",
            "Etter- og videreutdanning for de som mistet jobben ved fabrikken",
            "Rekruttering av helsepersonell er kritisk for kommunen",
            "Ungdom må se at det finnes spennende jobber her hjemme",
        ],
        "nn": [
            "Vi manglar fagfolk, og ungdomen flyttar ut for å ta utdanning",
            "Fleire lærlingplassar og eit studiesenter i kommunen",
            "Kompetanseheving for dei som har mista jobben",
            "Betre samarbeid mellom skulen og bedriftene om rekruttering",
        ],
        "en": [
            "It is very hard to recruit skilled workers and engineers",
            "Offer local courses and apprenticeships so young people can stay",
        ],
    },
    "infrastructure": {
        "nb": [
            "Bredbånd og mobildekning i hele kommunen, ikke bare i sentrum",
            "Bedre veier og hyppigere ferje, vi bruker for mye tid på reise",
            "Fiber til alle grendene så folk kan jobbe hjemmefra",
            "Kollektivtilbudet må bli bedre, bussen går bare to ganger om dagen",
            "Rassikring av fylkesveien er viktigst for næringslivet",
            "Flere ladestasjoner for elbil langs hovedveien",
        ],
        "nn": [
            "Betre mobildekning og breiband i heile kommunen",
            "Ferja går for sjeldan, det hindrar pendling",
            "Vegen må rassikrast, han er stengd fleire gonger kvar vinter",
        ],
        "en": [
            "Reliable broadband is needed so people can work remotely from here",
            "Better roads and more frequent ferries",
        ],
    },
    "housing": {
        "nb": [
            "Det finnes ikke utleieboliger for unge og nye tilflyttere",
            "Kommunen må tilrettelegge tomter for boligbygging",
            "Flere små leiligheter i sentrum for eldre og unge",
            "Ta imot tilflyttere godt, lag et velkomstprogram",
            "Ledige hus står tomme fordi de brukes som fritidsboliger",
            "Barnehageplass og skole nær boligfeltene er viktig for barnefamilier",
        ],
        "nn": [
            "Det manglar utleigebustader for unge og tilflyttarar",
            "Kommunen bør leggje til rette for fleire bustadtomter",
            "Tomme hus bør leigast ut til folk som vil flytte hit",
        ],
        "en": [
            "There are no rental homes for newcomers, we lived in a cabin for a year",
            "Help new residents find housing and jobs for their partners",
        ],
    },
    "industry": {
        "nb": [
            "Bruke det ledige fabrikkbygget til ny industri",
            "Grønn industri og fornybar energi med lokal kraft",
            "Satse på havbruk og foredling av sjømat her i kommunen",
            "Næringsareal ved kaia for nye bedrifter",
            "Utvikle leverandørindustrien rundt havbruket",
            "Biogass og sirkulærøkonomi med restråstoff fra fisken",
            "Hydrogenproduksjon kan gi nye arbeidsplasser",
        ],
        "nn": [
            "Ny industri i det tomme fabrikkbygget",
            "Satse på havbruk og foredling av fisk lokalt",
            "Fornybar energi og grøn industri kan gje nye arbeidsplassar",
        ],
        "en": [
            "Use the empty factory for new green industry",
            "Local processing of seafood instead of shipping everything out",
        ],
    },
    "entrepreneurship": {
        "nb": [
            "En næringshage med kontorplasser og rådgiving for gründere",
            "Lettere tilgang på startkapital og etablererstipend",
            "Et kontorfellesskap der folk som jobber hjemmefra kan møtes",
            "Mentorordning der erfarne bedriftsledere hjelper nye gründere",
            "Enklere søknadsprosesser hos kommunen for nye bedrifter",
            "Nettverk og møteplasser for næringslivet",
        ],
        "nn": [
            "Ein næringshage med kontorplassar for gründerar",
            "Lettare å få startkapital og rettleiing når ein startar bedrift",
            "Møteplassar og nettverk for næringslivet i regionen",
        ],
        "en": [
            "A coworking space and mentoring for people starting a business",
            "Seed funding and simple advice for new start-ups",
        ],
    },
}

# Short answers that say little; they exist in every real data set.
NOISE = {
    "nb": ["Vet ikke", "Bra initiativ!", "Ingen kommentar", "Mer av alt"],
    "nn": ["Veit ikkje", "Bra tiltak"],
    "en": ["No idea", "Good meeting"],
}

OPENERS = {
    "nb": ["", "", "", "Jeg mener ", "Viktigst: ", "Etter min mening: "],
    "nn": ["", "", "", "Eg meiner ", "Viktigast: "],
    "en": ["", "", "I think we should consider this: "],
}

STRENGTHS = {
    "nb": [
        "Naturen og fjorden",
        "Dugnadsånden og folka",
        "Sterkt fagmiljø etter fabrikken",
        "Kort vei til alt og trygt for barn",
        "Gode skoler og barnehager",
    ],
    "nn": ["Naturen og fjorden", "Folka og dugnadsånda", "Eit godt kulturliv"],
    "en": ["Beautiful nature", "Friendly people and a safe place for children"],
}

AREAS = ["Sentrum", "Nordvika", "Fjellbygda", "Øyane", "Straumen"]
AGE_BANDS = ["under 20", "20-29", "30-39", "40-49", "50-59", "60-69", "70+"]
GROUPS = ["citizen", "citizen", "citizen", "business", "public_employee", "organisation", "youth"]
SECTORS = ["A", "C", "F", "G", "I", "M", "Q"]
