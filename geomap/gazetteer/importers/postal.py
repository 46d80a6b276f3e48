"""Import a GeoNames postal-code dump (`UA.txt`, `allCountries.txt` from the postal export).

The postal dump lists localities with coordinates, many of them villages that no other free
source places (Варачине, 51.1415, 34.926). One locality may have several postal codes; rows with
the same name in the same admin-1/admin-2 unit are one place.

Merging: a locality the store already knows (same name under any spelling, same country and
admin-1, within `MERGE_RADIUS_KM` or within the known place's own uncertainty) is *improved* when
the postal point is more precise (a KATOTTG settlement placed at its hromada's centre gets the
village's own point), never duplicated; otherwise the locality is added as a new place.

Columns: country, postal code, place name, admin1 name, admin1 code, admin2 name, admin2 code,
admin3 name, admin3 code, latitude, longitude, accuracy (1 estimated, 4 geonameid, 6 centroid).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from geomap.gazetteer.importers.files import iter_rows, parse_float
from geomap.gazetteer.names import romanize_uk, ukrainian_variants
from geomap.gazetteer.normalise import has_cyrillic
from geomap.gazetteer.store import NameEntry, Store
from geomap.geodesy import geodesic_km
from geomap.records import LatLon, Place

POSTAL_COLUMNS = 12
MERGE_RADIUS_KM = 15.0
Progress = Callable[[str], None]

# GeoNames postal accuracy codes -> how far the point may be from the locality, km.
ACCURACY_KM = {"1": 5.0, "2": 3.0, "3": 3.0, "4": 1.5, "5": 1.5, "6": 1.0}


@dataclass(slots=True)
class Locality:
    country: str
    name: str
    admin1_name: str
    admin1_code: str
    admin2_name: str
    lat_sum: float = 0.0
    lon_sum: float = 0.0
    rows: int = 0
    uncertainty_km: float = 5.0
    postal_codes: list[str] | None = None

    @property
    def point(self) -> LatLon:
        return LatLon(self.lat_sum / self.rows, self.lon_sum / self.rows)


@dataclass(slots=True)
class PostalStats:
    rows: int = 0
    localities: int = 0
    merged: int = 0
    added: int = 0


def read_localities(path: Path, progress: Progress | None = None) -> dict[tuple, Locality]:
    """Group postal rows into localities (a country's postal file is small: tens of thousands)."""
    localities: dict[tuple, Locality] = {}
    for number, f in iter_rows(path, POSTAL_COLUMNS):
        country, code, name = f[0].strip().upper(), f[1].strip(), f[2].strip()
        if len(country) != 2 or not country.isalpha():
            from geomap.errors import GazetteerError

            raise GazetteerError(f"{path}:{number}: country code {f[0]!r} is not ISO alpha-2")
        if not name:
            continue
        lat = parse_float(f[9], path, number, "latitude", -90, 90)
        lon = parse_float(f[10], path, number, "longitude", -180, 180)
        key = (country, name.casefold(), f[4].strip(), f[5].strip().casefold())
        loc = localities.get(key)
        if loc is None:
            loc = localities[key] = Locality(
                country, name, f[3].strip(), f[4].strip(), f[5].strip()
            )
            loc.postal_codes = []
        loc.lat_sum += lat
        loc.lon_sum += lon
        loc.rows += 1
        loc.uncertainty_km = min(loc.uncertainty_km, ACCURACY_KM.get(f[11].strip(), 5.0))
        if code and loc.postal_codes is not None and len(loc.postal_codes) < 20:
            loc.postal_codes.append(code)
        if progress and number % 5000 == 0:
            progress(f"{path.name}: {number:,} rows")
    return localities


def _admin1_of(store: Store, loc: Locality, cache: dict) -> Place | None:
    """The admin-1 region a postal admin1 name means ("Sumska" -> Sumy Oblast), if the store
    knows it under that name or its region form."""
    key = (loc.country, loc.admin1_name)
    if key not in cache:
        found = None
        for query in (loc.admin1_name, f"{loc.admin1_name} oblast", f"{loc.admin1_name} region"):
            hits = [p for p in store.places_named(query, country=loc.country) if p.kind == "admin1"]
            if hits:
                found = hits[0]
                break
        cache[key] = found
    return cache[key]


def _display_name(name: str) -> str:
    return romanize_uk(name) if has_cyrillic(name) else name


def import_postal(store: Store, path: Path, *, progress: Progress | None = None) -> PostalStats:
    stats = PostalStats()
    localities = read_localities(path, progress)
    stats.localities = len(localities)
    admin_cache: dict = {}
    new_places: list[Place] = []
    names: list[NameEntry] = []
    for loc in localities.values():
        stats.rows += loc.rows
        region = _admin1_of(store, loc, admin_cache)
        point = loc.point
        existing = _match_existing(store, loc, region, point)
        if existing is not None:
            stats.merged += 1
            # Only a placement borrowed from the hierarchy (a hromada's or raion's centre) is
            # replaced; a place with its own point keeps it (a city's many postal codes average
            # to somewhere in town, not to a better point).
            if existing.precision != "point" and existing.uncertainty_km > loc.uncertainty_km:
                improved = replace(
                    existing,
                    point=point,
                    uncertainty_km=loc.uncertainty_km,
                    precision="point",
                    source=f"{existing.source}+geonames-postal",
                )
                store.upsert_places([improved])
            place_id = existing.place_id
        else:
            stats.added += 1
            digest = hashlib.sha1(
                "|".join((loc.country, loc.name, loc.admin1_code, loc.admin2_name)).encode()
            ).hexdigest()[:12]
            place_id = f"geonames-postal:{loc.country}:{digest}"
            new_places.append(
                Place(
                    place_id=place_id,
                    name=_display_name(loc.name),
                    point=point,
                    kind="populated_place",
                    country_code=loc.country,
                    feature_code="PPL",
                    admin1=region.name if region else loc.admin1_name,
                    admin1_code=region.admin1_code if region else "",
                    admin2=loc.admin2_name,
                    source="geonames-postal",
                    source_id=",".join(loc.postal_codes or []),
                    uncertainty_km=loc.uncertainty_km,
                    precision="point",
                    country_name=region.country_name if region else "",
                )
            )
        names.append(NameEntry(place_id, loc.name, "alternate"))
        if has_cyrillic(loc.name):
            names.extend(NameEntry(place_id, v, s) for v, s in ukrainian_variants(loc.name).items())
    store.upsert_places(new_places)
    store.add_names(names)
    return stats


def _match_existing(
    store: Store, loc: Locality, region: Place | None, point: LatLon
) -> Place | None:
    best: tuple[float, Place] | None = None
    for place in store.places_named(loc.name, country=loc.country):
        if place.kind != "populated_place":
            continue
        if region is not None and place.admin1_code and place.admin1_code != region.admin1_code:
            continue
        distance = geodesic_km(place.point, point)
        if distance <= max(MERGE_RADIUS_KM, place.uncertainty_km) and (
            best is None or distance < best[0]
        ):
            best = (distance, place)
    return best[1] if best else None
