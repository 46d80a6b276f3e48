"""Gazetteer coverage of gold toponyms: is the right place among the candidates, and if not, why.

Coverage is the share of gold toponyms whose right place (within 161 km of the gold point) is
among the gazetteer's candidates for the name as written. A miss is put in one kind, so that the
evaluation can say which gap blocks a target:

- `facility`: a building, street, road, venue, institution or organisation (LGL's GeoNames
  feature classes S and R; elsewhere the name's head word, a house number or a road number).
  The default gazetteer holds settlements, regions and physical features, not facilities, so
  these are reported apart and left out of the coverage of places.
- `country point`: the name is a country or its demonym in the store, but the store's point for
  the country is more than 161 km from the point the corpus uses (conventions differ: GeoNames
  puts Japan at Tokyo, Canada in Alberta).
- `region point`: likewise for an admin region, supranational region or water body.
- `namesake only`: the store knows the name, but only for other places.
- `physical feature`: no entry, and the name is headed by a landform or water word.
- `no entry`: no entry at all (neighbourhoods, small places, historical names, ...).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from geomap import lexicon as word_lists
from geomap.records import LatLon, Place
from geomap.toponyms.lexicon import FACILITY_HEADS, is_facility_name

WITHIN_KM = 161.0


# Head words of names that are not settlements, regions or physical features: the recogniser's
# facility nouns, and the institutions and venues that corpora also tag. Matched as the last
# word ("Royal Street", "Barclays Center") or as the first word of "<Word> of X" ("University
# of Alberta", "Bank of England").
_FACILITY_HEADS = FACILITY_HEADS | word_lists.words("named_facility_heads")
_FACILITY_OF = re.compile(
    r"^(university|bank|embassy|ministry|church|museum|council|court|college|school|institute|"
    r"department|office|house|palace|cathedral|basilica)\s+of\b",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"\d")  # house numbers, road numbers (A417, I-95), "Super Bowl 52"
_PHYSICAL_HEADS = word_lists.words("physical_heads")
_FIRST_PHYSICAL = word_lists.words("physical_prefixes")
_COUNTRY_KINDS = frozenset({"country", "demonym"})
_REGION_KINDS = frozenset({"admin1", "admin2", "admin3", "region", "water", "landform"})

MISS_KINDS = (
    "facility",
    "country point",
    "region point",
    "namesake only",
    "physical feature",
    "no entry",
)


def _words(name: str) -> list[str]:
    return name.replace("’", "'").lower().split()


def is_facility(name: str, feature_code: str = "") -> bool:
    """Whether a gold toponym names a building, street, facility or organisation."""
    if feature_code:
        return feature_code in _S_AND_R_CODES
    if _NUMBERED.search(name) or _FACILITY_OF.match(name.strip()):
        return True
    return is_facility_name(name, _FACILITY_HEADS)


def is_physical(name: str) -> bool:
    words = _words(name)
    if len(words) < 2:
        return False
    return words[-1] in _PHYSICAL_HEADS or words[0] in _FIRST_PHYSICAL


# GeoNames feature codes of classes S (spots, buildings, farms) and R (roads, railways), from
# https://www.geonames.org/export/codes.html; LGL's gaztag gives the code, not the class.
_S_AND_R_CODES = word_lists.words("geonames_facility_codes")


def classify_miss(name: str, feature_code: str, candidates: list[Place]) -> str:
    """Why the right place is not among `candidates` (one of MISS_KINDS)."""
    if is_facility(name, feature_code):
        return "facility"
    kinds = {c.kind for c in candidates}
    if kinds & _COUNTRY_KINDS:
        return "country point"
    if kinds & _REGION_KINDS and not any(c.kind == "populated_place" for c in candidates):
        return "region point"
    if candidates:
        return "namesake only"
    return "physical feature" if is_physical(name) else "no entry"


@dataclass(slots=True)
class CoverageScores:
    """Candidate coverage over all gold toponyms and over places (facilities left out)."""

    scored: int = 0
    covered: int = 0
    facilities: int = 0
    facilities_covered: int = 0
    misses: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, name: str, feature_code: str, gold: LatLon, candidates: list[Place]) -> bool:
        from geomap.geodesy import geodesic_km

        facility = is_facility(name, feature_code)
        hit = any(geodesic_km(c.point, gold) <= WITHIN_KM for c in candidates)
        self.scored += 1
        self.covered += hit
        self.facilities += facility
        self.facilities_covered += facility and hit
        if not hit:
            kind = classify_miss(name, feature_code, candidates)
            self.misses.setdefault(kind, Counter())[name] += 1
        return hit

    @property
    def places(self) -> int:
        return self.scored - self.facilities

    def summary(self, examples: int = 8) -> dict:
        places_covered = self.covered - self.facilities_covered
        return {
            "candidate_coverage": round(self.covered / (self.scored or 1), 4),
            "place_toponyms": self.places,
            "place_candidate_coverage": round(places_covered / (self.places or 1), 4),
            "misses_by_kind": {
                kind: {
                    "count": sum(self.misses[kind].values()),
                    "examples": [f"{n} ({c})" for n, c in self.misses[kind].most_common(examples)],
                }
                for kind in MISS_KINDS
                if kind in self.misses
            },
        }
