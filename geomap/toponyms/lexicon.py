"""Word lists the recogniser's components consult: titles, cue words, head nouns, weekdays.

The short lists below are closed grammatical classes (weekdays, titles, cue nouns), not names.
How common a word is, in lower case or as a given name, is graded evidence kept apart in
`geomap.toponyms.frequency`; `common_words()` and `first_names()` are its word sets.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection

from geomap.toponyms.frequency import common_word_zipf, given_name_share


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")
MONTHS = word_set(
    "january february march april may june july august september october november december"
    " jan feb apr jun jul aug sep sept oct nov dec"
)

# Words that introduce a person's name ("Defence Minister Rustem Umerov", "spokesperson Dmitry
# Peskov"). Lower-cased; matched against the word right before a run of capitalised words.
PERSON_TITLES = word_set(
    """president minister secretary spokesperson spokesman spokeswoman governor mayor general
    gen colonel col lieutenant lt captain capt sergeant sgt commander cmdr admiral adm chancellor
    premier senator sen rep representative congressman congresswoman mr mrs ms dr prof professor
    king queen prince princess pope sheikh emir ayatollah chairman chairwoman chief director
    ambassador envoy judge bishop archbishop patriarch speaker deputy analyst correspondent
    reporter journalist editor commissioner attorney sheriff detective officer marshal brigadier
    sir lord lady leader chair ceo founder coach manager rabbi imam cleric pastor father
    minister-president vice-president prosecutor ombudsman head aide adviser advisor
    counsellor counselor mp lawmaker activist witness resident"""
)

# Pronouns, auxiliaries and determiners that open a sentence but never continue a name: after
# a place they mean a sentence boundary the text lost ("Tampa Are there").
SENTENCE_OPENERS = word_set(
    """are is was were has have had do does did will would can could should may might must
    he she it they we you i his her its their our my this that these those there here what who
    when where why how if as but so yet last next after before while"""
)

# Capitalised nouns that start the rest of an organisation's or event's name after a place
# ("Leeds Fire Service", "Accra Chamber of Trade", "Karnataka Assembly"): the
# place keeps its reading; the organisation is named after it.
ORGANISATION_WORDS = word_set(
    """fire police sheriff assembly chamber council parliament legislature government ministry
    department police regional city county state district court airport port university
    college school hospital information international national metropolitan public chamber
    health education transit water energy power electric chamber tourism trade business
    board commission authority agency office bureau party league"""
)

# Kin nouns in lower case before a name ("her cousin Tyler", "daughters Sydney and Paris").
KINSHIP_NOUNS = word_set(
    """brother brothers sister sisters son sons daughter daughters wife husband mother uncle
    aunt cousin nephew niece grandson granddaughter grandmother grandfather widow widower
    fiance fiancee fiancé fiancée girlfriend boyfriend stepson stepdaughter"""
)
# Verbs of speaking: a single capitalised word right before one ("Nelson says") or right after
# one at a clause end ("said Noma.") is a speaker.
SPEECH_VERBS = word_set(
    """said says told tells added adds explained explains conceded concedes insisted insists
    argued argues noted notes recalled recalls admitted admits replied replies tweeted tweets
    wrote writes stated states warned warns asked asks thinks thought believes believed
    continued continues agreed agrees claimed claims acknowledged acknowledges"""
)

# Nouns that, right after a capitalised name in lower case, make it an organisation or medium
# ("the dpa news agency", "Interfax agency").
ORG_NOUNS_AFTER = word_set(
    """agency newspaper broadcaster daily channel outlet website magazine tv television radio
    network newswire portal paper"""
)
# Verbs of reporting or contact before a name: people and media are told, places are not.
CONTACT_BEFORE = ("told", "quoted by", "cited by", "reported by", "according to", "interviewed by")
MEDIA_ON_BEFORE = ("said on", "wrote on", "posted on", "published on", "posted to", "wrote in")
REPORTING_AFTER = word_set("reported reports quoted cited")
# Words that title case leaves in lower case (AP and Chicago styles).
TITLE_MINOR_WORDS = word_set("and the but nor for yet off per via out from into with over")

# Military and casualty abbreviations that gazetteers hold as names (Kia in the Solomon
# Islands, Wia in Ghana): in conflict news they are never places.
MILITARY_ABBREVIATIONS = word_set(
    """KIA WIA MIA POW POWS IED IEDS UAV UAVS RPG MLRS APC APCS IDP IDPS HQ AFU RF ATGM MANPADS
    SAM SAMS AA KAB FAB VBIED DRG"""
)
# Lower-case words allowed inside a multi-word place name ("Rostov-on-Don", "Bosnia and
# Herzegovina", "Dar es Salaam").
NAME_FUNCTION_WORDS = word_set(
    """of the de del della la le les du da das do dos di el al am an der den on upon sur en y i
    and van von aan bin ibn es et"""
)

# Generic nouns that follow a name and make it an area ("Sumy region", "Kherson Oblast").
REGION_GENERICS = {
    "region": "region",
    "oblast": "region",
    "province": "region",
    "governorate": "region",
    "prefecture": "region",
    "raion": "district",
    "district": "district",
    "county": "county",
    "state": "region",
    "krai": "region",
    "okrug": "region",
    "canton": "region",
    "department": "region",
    "municipality": "district",
    "hromada": "district",
    "territory": "region",
}
# Nouns after a capitalised word that continue a place name rather than an organisation.
PLACE_CONTINUATIONS = frozenset(REGION_GENERICS) | word_set(
    """river sea lake lakes mountains mountain mount valley gulf bay island islands peninsula
    strait desert coast plain plains basin delta falls harbour harbor heights ridge forest
    reservoir canal city town village oblast"""
)

# Words that are place names somewhere ("Centre" in France, "District" for Washington) but that
# news writes alone as plain nouns: "the Centre" (India's government), "District 23", "Western".
GENERIC_WORDS = word_set(
    """district centre center central western eastern northern southern west east north south
    state valley region province county city capital territory"""
)

# Seats of power and the city each stands in (ISO country code): "the White House said" is the
# government, not a place; "outside the White House" is a place in Washington.
SEATS_OF_POWER = {
    "white house": ("Washington", "US"), "kremlin": ("Moscow", "RU"),
    "downing street": ("London", "GB"), "pentagon": ("Washington", "US"),
    "elysee": ("Paris", "FR"), "elysee palace": ("Paris", "FR"), "bankova": ("Kyiv", "UA"),
    "zhongnanhai": ("Beijing", "CN"), "blue house": ("Seoul", "KR"),
}  # fmt: skip
LOCATIVE_BEFORE = word_set("at outside near inside in into to from toward towards by on")

# Weather and other phenomena named like places.
NOT_PLACE_PHRASES = frozenset({"la nina", "el nino"})


# Capitalised head nouns that make the capitalised words before them a geographic name even
# when the gazetteer lacks it ("Pecos River", "Harbin Lagoon", "Zorblatt Mountains",
# "Washington Township"), with the feature hint they give. Streets and buildings are facilities
# (FACILITY_HEADS below): typed apart, since the gazetteer cannot place them.
FEATURE_HEADS = {
    "river": "", "creek": "", "lagoon": "", "bay": "", "sea": "", "ocean": "", "canal": "",
    "reservoir": "", "falls": "", "springs": "", "harbor": "", "harbour": "", "delta": "",
    "strait": "", "mountains": "", "mountain": "", "hills": "", "heights": "", "valley": "",
    "peninsula": "", "island": "island", "islands": "island", "beach": "", "coast": "",
    "desert": "", "canyon": "", "plateau": "", "glacier": "", "township": "district",
    "parish": "county", "city": "city",
}  # fmt: skip
# Head nouns that make a name a water body ("the Red Sea" is the sea, not Sudan's Red Sea state).
WATER_HEADS = word_set("sea ocean gulf bay strait channel river lake reservoir canal lagoon")


# Head nouns of the built places news names: streets, squares, bridges, airports, hospitals,
# plants and dams ("Sumska Street", "Okhmatdyt Hospital", "Kakhovka Dam"). A capitalised name
# ending in one is a facility: the gazetteer rarely holds it, so the resolver places it at the
# settlement named with it. Institutions that are organisations as often as buildings (Court,
# Council, House, Center) are left out.
FACILITY_HEADS = frozenset(
    {
        "street", "avenue", "road", "boulevard", "lane", "highway", "motorway", "square",
        "bridge", "airport", "airfield", "airbase", "station", "hospital", "university",
        "college", "school", "stadium", "arena", "church", "cathedral", "mosque", "synagogue",
        "monastery", "prison", "market", "hotel", "palace", "castle", "embassy", "plant",
        "dam", "refinery", "depot", "terminal", "mall", "chapel", "basilica", "theatre",
        "theater",
    }
)  # fmt: skip


# Centre and Hall name organisations as often as buildings ("Pew Research Center"); these
# compounds are buildings.
FACILITY_COMPOUND_HEADS = frozenset(
    f"{kind} {head}"
    for kind in ("medical", "cancer", "shopping", "convention", "community", "health")
    for head in ("center", "centre")
) | frozenset({"town hall", "city hall", "village hall", "concert hall", "music hall"})


def is_facility_name(name: str, heads: Collection[str] = FACILITY_HEADS) -> bool:
    """Whether a name of two or more words ends in a facility head noun ("Royal Street") or, of
    three or more, in a compound one ("Ashford Town Hall")."""
    words = [w.lower().strip(".,") for w in name.split()]
    if len(words) > 2 and " ".join(words[-2:]) in FACILITY_COMPOUND_HEADS:
        return True
    return len(words) > 1 and words[-1] in heads


# Capitalised words that open a geographic name: "Lake Tana", "Mount Kenya", "Fort Worth".
FEATURE_PREFIXES = {"lake": "", "mount": "", "mt": "", "fort": "city", "ft": "city", "cape": ""}

# Nouns in "the (adjectives) NOUN of X" that make X a place, and the hint they give.
FEATURE_NOUNS = {
    "city": "city",
    "town": "city",
    "village": "village",
    "settlement": "village",
    "hamlet": "village",
    "port": "city",
    "capital": "city",
    "suburb": "city",
    "outskirts": "city",
    "region": "region",
    "province": "region",
    "oblast": "region",
    "district": "district",
    "county": "county",
    "state": "region",
    "island": "island",
    "country": "country",
    "republic": "country",
    "area": "area",
    "municipality": "district",
    "community": "village",
}

# Prepositions that often introduce a place ("in X", "near X"); weaker evidence than a noun cue.
PLACE_PREPOSITIONS = word_set(
    """in near outside from to at into toward towards across around through via between within
    inside over off"""
)
# "north of X", "outskirts of X": direction/part words followed by "of".
RELATIVE_POSITION_WORDS = word_set(
    """north south east west northeast northwest southeast southwest north-east north-west
    south-east south-west outskirts centre center heart edge suburbs part parts"""
)
DIRECTION_ADJECTIVES = word_set(
    """north south east west northern southern eastern western northeast northwest southeast
    southwest northeastern northwestern southeastern southwestern north-east north-west
    south-east south-west north-eastern north-western south-eastern south-western central
    upper lower greater"""
)


@functools.cache
def period_abbreviations() -> frozenset[str]:
    """Short abbreviations written with a period ("Calif.", "Ga.", "Wash."), from the
    gazetteer's abbreviations table, without the period: after a comma or bracket the period
    belongs to them, while after "Maidstone, Kent" it ends the sentence."""
    from geomap.gazetteer.tables import read_table

    return frozenset(
        row[0][:-1]
        for _, row in read_table("abbreviations.tsv")
        if row and re.fullmatch(r"[A-Z][a-z]{1,4}\.", row[0])
    )


@functools.cache
def first_names() -> frozenset[str]:
    """Given names as written ("Mary"), from the census frequencies in `frequency`."""
    return frozenset(given_name_share())


@functools.cache
def common_words() -> frozenset[str]:
    """Lower-case common English words, from the frequency list in `frequency`."""
    return frozenset(common_word_zipf())
