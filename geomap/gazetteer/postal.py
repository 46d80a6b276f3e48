"""US towns that only the postal service names: post-office towns from the ZIP code list.

GeoNames' cities500 leaves out towns under 500 people and the New England towns GeoNames files as
third-order divisions (Harwinton, Connecticut), yet local news names them all. Every US ZIP code
has a post-office town and often other town names it accepts (`zipcodes` package, points from
GeoNames' postal-code export). A town name the store does not already have in that state within
`SAME_TOWN_KM` becomes a populated place at the middle of its ZIP codes' points, one per county
(the same name in two counties of a state is two towns), with population 0 so that any namesake
with a known population ranks above it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from geomap.gazetteer import packages
from geomap.gazetteer.names import normalize_name
from geomap.gazetteer.store import NameEntry
from geomap.records import LatLon, Place

if TYPE_CHECKING:
    from geomap.gazetteer.default import DefaultBuild

SOURCE = "zipcodes"  # Place.source of the towns added here
# A ZIP point is the centroid of the delivery area, not the town's centre; a same-named place
# within this distance is the same town.
SAME_TOWN_KM = 30.0
# A ZIP code's area reaches a few km around its point.
MIN_UNCERTAINTY_KM = 3.0

# Postal names spell out what GeoNames abbreviates and the other way round ("Saint Marys",
# "St. Marys"); compared in one form only to find the town the store already has.
_ABBREVIATED = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft", "port": "pt"}
_WORD = re.compile(r"\S+")


def same_town_key(name: str) -> str:
    key = normalize_name(name)
    return _WORD.sub(lambda m: _ABBREVIATED.get(m.group(0), m.group(0)), key)


@dataclass
class _Town:
    name: str
    state: str
    county: str
    codes: list[str] = field(default_factory=list)
    points: list[tuple[float, float]] = field(default_factory=list)


def add_us_postal_towns(build: DefaultBuild) -> None:
    known = _known_us_places(build)
    towns = _towns(packages.us_postal_codes())
    places: list[Place] = []
    names: list[NameEntry] = []
    for (state, county, key), town in towns.items():
        admin1 = build.admin1_by_code.get(("US", state))
        if admin1 is None:  # Puerto Rico, Guam...: GeoNames files them as countries
            continue
        arr = np.asarray(town.points)
        lat, lon = float(arr[:, 0].mean()), float(arr[:, 1].mean())
        if _already_known(known.get((state, key), ()), lat, lon):
            continue
        spread = float(np.max(_km(lat, lon, arr))) if len(arr) > 1 else 0.0
        place_id = f"uszip:{min(town.codes)}:{key.replace(' ', '-')}"
        places.append(
            Place(
                place_id=place_id,
                name=town.name,
                point=LatLon(lat, lon),
                kind="populated_place",
                feature_code="PPL",
                country_code="US",
                admin1=admin1.place.name,
                admin1_code=state,
                admin2=county,
                population=0,
                source=SOURCE,
                source_id=",".join(sorted(town.codes)),
                uncertainty_km=round(max(MIN_UNCERTAINTY_KM, spread + 2.0), 1),
                precision="point",
                country_name=admin1.place.country_name,
            )  # fmt: skip
        )
        names.append(NameEntry(place_id, town.name, "preferred"))
    build.write("US postal towns", places, names)


def _towns(codes: Iterable[packages.PostalCode]) -> dict[tuple[str, str, str], _Town]:
    towns: dict[tuple[str, str, str], _Town] = {}
    for code in codes:
        for name in code.towns:
            if not name:
                continue
            key = same_town_key(name)
            town = towns.setdefault(
                (code.state, code.county, key), _Town(name, code.state, code.county)
            )
            town.codes.append(code.code)
            town.points.append((code.lat, code.lon))
    return towns


def _known_us_places(build: DefaultBuild) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """(state, same-town key) -> points of the US populated places and counties already built,
    under every name they carry."""
    known: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    rows = build.store.conn.execute(
        "SELECT p.admin1_code, p.lat, p.lon, n.key FROM names n JOIN places p ON p.id = n.place "
        "WHERE p.country_code = 'US' AND p.kind IN ('populated_place', 'admin2', 'admin3')"
    )
    for state, lat, lon, key in rows:
        known[(state, same_town_key(key))].append((lat, lon))
    return known


def _already_known(points: Sequence[tuple[float, float]], lat: float, lon: float) -> bool:
    arr = np.asarray(points, dtype=float)
    return len(arr) > 0 and bool((_km(lat, lon, arr) <= SAME_TOWN_KM).any())


def _km(lat: float, lon: float, arr: np.ndarray) -> np.ndarray:
    from geomap.gazetteer.default import geodesic_km

    return geodesic_km(lat, lon, arr[:, 0], arr[:, 1])
