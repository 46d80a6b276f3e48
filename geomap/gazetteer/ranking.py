"""How the store ranks the places a name may mean: a prior per place (kind, feature code,
population) plus a bonus per name (its provenance). Stored as integers in the names index, so
a lookup reads its answer in rank order."""

from __future__ import annotations

import math

from geomap.records import Place

# How much a name's provenance adds to a place's prior: the source's own preferred name is a
# safer reading than one of a hundred alternate names, some of them codes or foreign scripts.
# Stored as an index into SCHEMES (append only: stores keep the numbers).
NAME_BONUS = {
    "preferred": 0.3,
    "english": 0.25,
    "override": 1.0,
    "uk-national-2010": 0.2,
    "abbreviation": 0.0,
    "alternate": 0.0,
    "cyrillic": 0.1,
    "cyrillic-ru": 0.0,
    "ru-bgn-pcgn": 0.0,
    "unidecode": -0.1,
    "region-form": 0.2,
    "short-form": -1.5,
    "demonym": 0.0,
    "postal": 0.1,
    "online": 0.0,
}
SCHEMES = tuple(NAME_BONUS)
SCHEME_CODE = {name: i for i, name in enumerate(SCHEMES)}
# scheme -> (bonus in hundredths, scheme code)
SCHEME_VALUE = {s: (round(bonus * 100), SCHEME_CODE[s]) for s, bonus in NAME_BONUS.items()}
UNKNOWN_SCHEME = (0, 0)

# A place's prior by kind: a country named exactly outranks a town of the same name, a region
# named after its capital ranks below the city unless the city is small.
KIND_BASE = {
    "country": 10.0,
    "region": 7.0,
    "water": 7.0,
    "landform": 5.0,
    "demonym": 7.0,
    "admin1": 5.0,
    "admin2": 3.0,
    "admin3": 2.0,
    "populated_place": 0.0,
    "other": 0.0,
}
FEATURE_BONUS = {"PPLC": 1.5, "PPLA": 0.6, "PPLA2": 0.3, "PPLG": 0.5}


def prior(kind: str, feature_code: str, population: int, weight: int = 0) -> float:
    """A ranking prior from kind, feature code and population (log scale); `weight` stands in
    for the population of a unit that has none of its own (the people of its towns)."""
    value = KIND_BASE.get(kind, 0.0) + FEATURE_BONUS.get(feature_code, 0.0)
    if kind == "populated_place":
        value += math.log10(population + 1) if population else 1.0
    elif kind in _UNIT_KINDS:
        # Between units of the same name, the more populous is the likelier reading.
        value += 0.15 * math.log10(max(population, weight) + 1)
    return value


_UNIT_KINDS = frozenset(("admin1", "admin2", "admin3", "country", "demonym"))


def place_prior(place: Place, weight: int = 0) -> float:
    return prior(place.kind, place.feature_code, place.population, weight)


def name_rank(prior: float, bonus_hundredths: int) -> int:
    """A name's ranking score in thousandths: its place's prior plus the name's bonus."""
    return round((prior + bonus_hundredths / 100.0) * 1000)
