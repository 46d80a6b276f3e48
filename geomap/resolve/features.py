"""Evidence for each candidate place of a name, as a vector of named features.

Each feature is one piece of evidence, computed by a small rule that states a fact about places
or about the text ("the place's own name, not an alternate one", "the country the text names",
"near the other places of the sentence"). How much each counts is not decided here: the ranker
(`geomap.resolve.model`) weighs them with weights fitted on annotated corpora
(`tools/fit_resolver.py`). Values are scaled to about [-1, 1] so the weights are comparable.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

from geomap.geodesy import distance_matrix_km
from geomap.records import Place
from geomap.resolve.candidates import AREA_HINTS, SETTLEMENT_HINTS
from geomap.resolve.document import Evidence, member_countries, nests
from geomap.resolve.frontline import FrontLinePrior
from geomap.resolve.group import Group
from geomap.resolve.placement import is_major_city
from geomap.toponyms.index import match_key
from geomap.toponyms.lexicon import WATER_HEADS

PLACE_KINDS = (
    "country", "admin1", "admin2", "admin3", "populated_place", "region", "water", "landform",
    "demonym", "other",
)  # fmt: skip
FEATURE_CODES = ("PPLC", "PPLA", "PPLA2", "PPLG")
SOURCES = ("katottg", "geonames-postal", "zipcodes")  # a hromada centre; postal points

FEATURES: tuple[str, ...] = (
    *(f"kind={k}" for k in PLACE_KINDS),
    *(f"feature_code={c}" for c in FEATURE_CODES),
    *(f"source={s}" for s in SOURCES),
    "log_population",  # log10(population + 1) / 7, at most 1
    "big_city_decades",  # decades of population above 10,000, for populated places
    "area_without_population",  # a region, sea or landform: no population to weigh
    "gazetteer_rank",  # 1 / (1 + the gazetteer's rank): its name-match and prominence order
    "own_name",  # the place's own name, not an alternate or historic one
    "exact_name",  # ... written exactly as the text writes it
    "acronym_of_other_name",  # "EU" for a place whose own name is not "EU" (the town of Eu)
    "bare_country_name",  # "China" for China, with no settlement cue
    "bare_admin1_name",  # "California" for the state
    "hint_settlement",  # +1 a "city/village of" cue and a settlement, -1 an area
    "hint_area",  # +1 a "region/district" cue and an area, -1 a settlement
    "area_with_seat_of_same_name",  # "Istanbul" province when the city Istanbul is a candidate
    "water_name_water",  # "the Red Sea" (a name headed by a water noun) and a water body
    "focus_country",  # share of the document's country evidence for the place's country
    "off_focus_country",  # a country or admin-1 the document never points at (x max focus)
    "named_country",  # the text names the place's country elsewhere
    "country_holds_regions",  # a country containing the document's admin-1 focus
    "union_members_focus",  # a union/region made of the document's countries (the EU)
    "admin1_focus",  # share of the document's admin-1 evidence for the place's admin-1
    "admin1_focus_unsized",  # the same for a place of unknown size (US postal towns)
    "proximity",  # exp(-km/250) to the nearest other chosen place, x its confidence
    "proximity_sentence",  # exp(-km/50) to the nearest place chosen in the same sentence
    "county_nesting",  # a town in a county the text names, or the county of a named town
    "colocated_50km",  # other names with a likely candidate within tens of km (see colocation)
    "colocated_250km",  # ... within a few hundred km
    "claim_agreement",  # +1 a distance/direction claim of the text fits, -1 contradicts
    "log_uncertainty",  # log10(1 + uncertainty km) / 3: a hromada centre, not a true point
    "near_front_line",  # exp(-km/30) to the front line of a user layer, when one is given
)
INDEX = {name: i for i, name in enumerate(FEATURES)}

_PROXIMITY_SCALE_KM = 250.0
_SENTENCE_SCALE_KM = 50.0
_UNPEOPLED_KINDS = frozenset({"region", "water", "continent", "landform"})
_AREA_KINDS = frozenset({"admin1", "admin2", "admin3", "region", "country"})
_ADMIN_KINDS = frozenset({"admin1", "admin2", "admin3"})


def candidate_features(
    group: Group, evidence: Evidence, front_line: FrontLinePrior | None = None
) -> np.ndarray:
    """One row of FEATURES per candidate of `group`."""
    cands = group.candidates
    n = len(cands)
    x = np.zeros((n, len(FEATURES)))
    if not n:
        return x
    if evidence.colocation is not None:
        x[:, INDEX["colocated_50km"]] = evidence.colocation[:, 0]
        x[:, INDEX["colocated_250km"]] = evidence.colocation[:, 1]
    if front_line is not None and group.kind == "toponym":
        x[:, INDEX["near_front_line"]] = front_line.nearness(cands)
    x[:, INDEX["proximity"]] = _proximity(cands, evidence.anchors, _PROXIMITY_SCALE_KM)
    x[:, INDEX["proximity_sentence"]] = _proximity(
        cands, evidence.sentence_anchors, _SENTENCE_SCALE_KM
    )
    surface_key = match_key(group.surface)
    seated_areas = _seated_areas(cands, surface_key)
    acronym = group.surface.isupper() and len(group.surface) <= 5
    water_name = group.surface.split()[-1].lower() in WATER_HEADS and " " in group.surface
    country_regions: Counter[str] = Counter()
    for (code, _), share in evidence.regions.items():
        country_regions[code] += share
    max_focus = max(evidence.focus.values(), default=0.0)
    for rank, place in enumerate(cands):
        row = x[rank]
        row[INDEX[f"kind={place.kind}"] if place.kind in PLACE_KINDS else INDEX["kind=other"]] = 1
        if place.feature_code in FEATURE_CODES:
            row[INDEX[f"feature_code={place.feature_code}"]] = 1
        for source in SOURCES:
            if place.source == source or place.source.startswith(source + "+"):
                row[INDEX[f"source={source}"]] = 1
        row[INDEX["log_population"]] = min(1.0, math.log10(place.population + 1) / 7.0)
        if place.kind == "populated_place" and place.population > 10_000:
            row[INDEX["big_city_decades"]] = math.log10(place.population) - 4.0
        if place.kind in _UNPEOPLED_KINDS and not place.population:
            row[INDEX["area_without_population"]] = 1
        row[INDEX["gazetteer_rank"]] = 1.0 / (1.0 + rank)
        own_name = match_key(place.name) == surface_key
        if place.name == group.surface or (not acronym and own_name):
            row[INDEX["own_name"]] = 1
        if place.name == group.surface:
            row[INDEX["exact_name"]] = 1
        if acronym and own_name and place.name != group.surface:
            row[INDEX["acronym_of_other_name"]] = 1
        if own_name and group.hint not in SETTLEMENT_HINTS and not water_name:
            if place.kind == "country":
                row[INDEX["bare_country_name"]] = 1
            elif place.kind == "admin1":
                row[INDEX["bare_admin1_name"]] = 1
        if group.hint in SETTLEMENT_HINTS:
            row[INDEX["hint_settlement"]] = 1 if place.kind == "populated_place" else -1
        elif group.hint in AREA_HINTS:
            row[INDEX["hint_area"]] = 1 if place.kind in _AREA_KINDS else -1
        if (
            place.kind in _ADMIN_KINDS
            and group.hint not in AREA_HINTS
            and (place.country_code, match_key(place.name)) in seated_areas
        ):
            row[INDEX["area_with_seat_of_same_name"]] = 1
        if water_name and place.kind == "water":
            row[INDEX["water_name_water"]] = 1
        row[INDEX["focus_country"]] = evidence.focus.get(place.country_code, 0.0)
        if place.kind != "country" and place.country_code in evidence.named_countries:
            row[INDEX["named_country"]] = 1
        if (
            place.kind in ("country", "admin1")
            and evidence.focus
            and place.country_code not in evidence.focus
        ):
            row[INDEX["off_focus_country"]] = max_focus
        if place.kind == "country":
            row[INDEX["country_holds_regions"]] = min(
                1.0, country_regions.get(place.country_code, 0.0)
            )
        elif members := member_countries(place):
            row[INDEX["union_members_focus"]] = min(
                1.0, sum(evidence.focus.get(code, 0.0) for code in members)
            )
        else:
            share = evidence.regions.get((place.country_code, place.admin1), 0.0)
            unsized = place.source == "zipcodes"  # US towns known only from ZIP codes
            row[INDEX["admin1_focus_unsized" if unsized else "admin1_focus"]] = share
        if nests(place, group, evidence.counties):
            row[INDEX["county_nesting"]] = 1
        row[INDEX["log_uncertainty"]] = min(1.0, math.log10(1.0 + place.uncertainty_km) / 3.0)
    return x


def _seated_areas(cands: list[Place], surface_key: str) -> set[tuple[str, str]]:
    """Areas named exactly like the mention whose seat, the populated place of that name inside
    them (or a major city of that name in their country), is also a candidate: a bare
    "Istanbul" means the city (GeoNames convention, and how news uses it)."""
    seats_of = {
        (p.country_code, match_key(p.name))
        for p in cands
        if p.kind in _ADMIN_KINDS and match_key(p.name) == surface_key
    }
    area_countries = {code for code, _ in seats_of}
    return {
        (p.country_code, surface_key)
        for p in cands
        if p.kind == "populated_place"
        and (
            (p.country_code, match_key(p.admin1)) in seats_of
            or (p.country_code, match_key(p.admin2)) in seats_of
            or (p.country_code in area_countries and is_major_city(p))
        )
    }


def _proximity(cands: list[Place], anchors: list[tuple[Place, float]], scale: float) -> np.ndarray:
    """For each candidate, exp(-km/scale) to the nearest anchor, weighted by its confidence."""
    if not anchors:
        return np.zeros(len(cands))
    km = distance_matrix_km(
        [c.point.lat for c in cands],
        [c.point.lon for c in cands],
        [a.point.lat for a, _ in anchors],
        [a.point.lon for a, _ in anchors],
    )
    weight = np.fromiter((w for _, w in anchors), float, len(anchors))
    return (weight * np.exp(-km / scale)).max(axis=1)
