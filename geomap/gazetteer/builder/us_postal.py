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

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from geomap.gazetteer.builder import packages
from geomap.gazetteer.builder.context import DefaultBuild, geodesic_km
from geomap.gazetteer.normalise import normalize_name, normalize_names
from geomap.gazetteer.store import NameEntry
from geomap.records import LatLon, Place

SOURCE = "zipcodes"  # Place.source of the towns added here
# A ZIP point is the centroid of the delivery area, not the town's centre; a same-named place
# within this distance is the same town.
SAME_TOWN_KM = 30.0
# A ZIP code's area reaches a few km around its point.
MIN_UNCERTAINTY_KM = 3.0

# Postal names spell out what GeoNames abbreviates and the other way round ("Saint Marys",
# "St. Marys"); compared in one form only to find the town the store already has.
_ABBREVIATED = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft", "port": "pt"}


def same_town_key(name: str) -> str:
    return _abbreviated(normalize_name(name))


def same_town_keys(names: list[str]) -> list[str]:
    """`same_town_key` of many names at once."""
    return [_abbreviated(key) for key in normalize_names(names)]


def _abbreviated(key: str) -> str:
    return " ".join(_ABBREVIATED.get(word, word) for word in key.split(" "))


@dataclass
class _Town:
    name: str
    state: str
    county: str
    codes: list[str] = field(default_factory=list)
    points: list[tuple[float, float]] = field(default_factory=list)


def read_postal_towns() -> dict[tuple[str, str, str], _Town]:
    """The ZIP codes grouped into towns by (state, county, same-town key) (run in the build's
    second process: see prefetch.py)."""
    return _towns(packages.us_postal_codes())


def add_us_postal_towns(build: DefaultBuild) -> None:
    known = _known_us_places(build)
    towns = build.prefetch.result("us_towns")
    places: list[Place] = []
    names: list[NameEntry] = []
    for (state, county, key), town in towns.items():
        admin1 = build.admin1_by_code.get(("US", state))
        if admin1 is None:  # Puerto Rico, Guam...: GeoNames files them as countries
            continue
        lat = sum(p[0] for p in town.points) / len(town.points)
        lon = sum(p[1] for p in town.points) / len(town.points)
        if _already_known(known.get((state, key), ()), lat, lon):
            continue
        spread = 0.0
        if len(town.points) > 1:
            spread = float(np.max(_km(lat, lon, np.asarray(town.points))))
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
    rows = [(code, name) for code in codes for name in code.towns if name]
    keys = same_town_keys([name for _, name in rows])
    for (code, name), key in zip(rows, keys, strict=True):
        town = towns.get((code.state, code.county, key))
        if town is None:
            town = towns[(code.state, code.county, key)] = _Town(name, code.state, code.county)
        town.codes.append(code.code)
        town.points.append((code.lat, code.lon))
    return towns


def _known_us_places(build: DefaultBuild) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """(state, same-town key) -> points of the US populated places and counties already built,
    under every name they carry."""
    known: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    named = list(build.store.named_places("US", ("populated_place", "admin2", "admin3")))
    keys = same_town_keys([key for key, _ in named])
    for (_, place), key in zip(named, keys, strict=True):
        known[(place.admin1_code, key)].append((place.point.lat, place.point.lon))
    return known


def _already_known(points: Sequence[tuple[float, float]], lat: float, lon: float) -> bool:
    arr = np.asarray(points, dtype=float)
    return len(arr) > 0 and bool((_km(lat, lon, arr) <= SAME_TOWN_KM).any())


def _km(lat: float, lon: float, arr: np.ndarray) -> np.ndarray:
    return geodesic_km(lat, lon, arr[:, 0], arr[:, 1])
