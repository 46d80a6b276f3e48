"""Import GeoNames' main dump (`allCountries.zip`, a country file such as `UA.zip`/`UA.txt`).

Streaming: rows are parsed and written in batches, so the 12-million-row world file imports in
bounded memory. Optional companion files add names and admin names:
`alternateNamesV2.txt`/`.zip` (every spelling with its language), `admin1CodesASCII.txt`,
`admin2Codes.txt`, `countryInfo.txt`. Places keep GeoNames' ids (`geonames:<id>`), so a dump
imported over the embedded default updates the places it already has instead of duplicating
them.

Format: https://download.geonames.org/export/dump/readme.txt (19 tab-separated columns).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from geomap.gazetteer.importers.files import iter_rows, parse_float, parse_int
from geomap.gazetteer.store import NameEntry, Store
from geomap.records import LatLon, Place

GEONAMES_COLUMNS = 19
ALTERNATE_NAMES_COLUMNS = (8, 10)  # alternateNames (old, 8) and alternateNamesV2 (10)
BATCH = 20_000
Progress = Callable[[str], None]

# GeoNames feature class/code -> the store's place kinds.
_COUNTRY_CODES = {"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR"}
_ADMIN_KINDS = {"ADM1": "admin1", "ADM2": "admin2", "ADM3": "admin3", "ADM1H": "admin1"}
_REGION_CODES = {"RGN", "RGNE", "CONT", "AREA", "ZN", "PRSH", "RGNL"}
# Names in these "languages" are codes or links, not names a text would use.
_SKIP_LANGUAGES = {
    "link",
    "wkdt",
    "iata",
    "icao",
    "faac",
    "fr_1793",
    "post",
    "abbr",
    "unlc",
    "tcid",
}


def place_kind(feature_class: str, feature_code: str) -> str:
    if feature_code in _COUNTRY_CODES:
        return "country"
    if feature_code in _ADMIN_KINDS:
        return _ADMIN_KINDS[feature_code]
    if feature_class == "P":
        return "populated_place"
    if feature_class == "H":
        return "water"
    if feature_class == "T":
        return "landform"
    if feature_class == "L" and feature_code in _REGION_CODES:
        return "region"
    if feature_class == "A":
        return "admin3" if feature_code.startswith("ADM") else "region"
    return "other"


def uncertainty_km(kind: str, population: int, feature_class: str) -> float:
    """How far the true location may be from GeoNames' point, by what the point stands for."""
    if kind == "populated_place":
        return max(1.0, math.sqrt(max(population, 0) / 3000.0 / math.pi))
    return {
        "country": 500.0, "admin1": 100.0, "admin2": 30.0, "admin3": 10.0,
        "region": 200.0, "water": 50.0, "landform": 10.0,
    }.get(kind, 1.0 if feature_class in {"S", "R", "U", "V"} else 5.0)  # fmt: skip


def precision_of(kind: str) -> str:
    return {"country": "country", "admin1": "admin1", "admin2": "raion"}.get(kind, "point")


@dataclass(slots=True)
class AdminNames:
    """Names of countries and admin units, from the GeoNames code tables (all optional)."""

    countries: dict[str, str] = field(default_factory=dict)  # "UA" -> "Ukraine"
    admin1: dict[str, str] = field(default_factory=dict)  # "UA.21" -> "Sumy"
    admin2: dict[str, str] = field(default_factory=dict)  # "UA.21.xxxx" -> "..."

    @classmethod
    def read(
        cls,
        admin1_file: Path | None = None,
        admin2_file: Path | None = None,
        country_file: Path | None = None,
    ) -> AdminNames:
        names = cls()
        if admin1_file:
            for _, f in iter_rows(admin1_file, 4):
                names.admin1[f[0]] = f[1]
        if admin2_file:
            for _, f in iter_rows(admin2_file, 4):
                names.admin2[f[0]] = f[1]
        if country_file:
            for _, f in iter_rows(country_file, (19, 18), skip_comments=True):
                names.countries[f[0]] = f[4]
        return names


@dataclass(slots=True)
class ImportStats:
    rows: int = 0
    places: int = 0
    names: int = 0
    skipped: int = 0


def parse_geonames_row(path: Path, number: int, f: list[str], admin: AdminNames) -> Place:
    geonameid = parse_int(f[0], path, number, "geonameid")
    if geonameid <= 0:
        raise_bad(path, number, f"geonameid {f[0]!r} is not a positive integer")
    lat = parse_float(f[4], path, number, "latitude", -90, 90)
    lon = parse_float(f[5], path, number, "longitude", -180, 180)
    feature_class, feature_code, cc = f[6], f[7], f[8]
    population = parse_int(f[14], path, number, "population")
    kind = place_kind(feature_class, feature_code)
    a1 = f"{cc}.{f[10]}" if f[10] else ""
    a2 = f"{a1}.{f[11]}" if a1 and f[11] else ""
    return Place(
        place_id=f"geonames:{geonameid}",
        name=f[1],
        point=LatLon(lat, lon),
        kind=kind,  # type: ignore[arg-type]
        country_code=cc,
        feature_code=feature_code,
        admin1=admin.admin1.get(a1, ""),
        admin1_code=f[10],
        admin2=admin.admin2.get(a2, ""),
        population=population,
        source="geonames-dump",
        source_id=str(geonameid),
        uncertainty_km=uncertainty_km(kind, population, feature_class),
        precision=precision_of(kind),
        country_name=admin.countries.get(cc, ""),
    )


def raise_bad(path: Path, number: int, message: str) -> None:
    from geomap.errors import GazetteerError

    raise GazetteerError(f"{path}:{number}: {message}")


def _batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def import_geonames(
    store: Store,
    dump: Path,
    *,
    alternate_names: Path | None = None,
    admin: AdminNames | None = None,
    feature_classes: frozenset[str] | None = None,
    progress: Progress | None = None,
) -> ImportStats:
    """Stream a GeoNames dump into `store`; returns counts. Raises GazetteerError naming the
    line of the first malformed row (the caller's Store.edit() then discards every change)."""
    admin = admin or AdminNames()
    stats = ImportStats()
    rows = iter_rows(dump, GEONAMES_COLUMNS)
    for batch in _batched(rows, BATCH):
        places: list[Place] = []
        names: list[NameEntry] = []
        for number, f in batch:
            stats.rows += 1
            if feature_classes is not None and f[6] not in feature_classes:
                stats.skipped += 1
                continue
            place = parse_geonames_row(dump, number, f, admin)
            places.append(place)
            names.append(NameEntry(place.place_id, place.name, "preferred"))
            if f[2] and f[2] != f[1]:
                names.append(NameEntry(place.place_id, f[2], "alternate"))
            names.extend(
                NameEntry(place.place_id, alt, "alternate") for alt in f[3].split(",") if alt
            )
        stats.places += store.upsert_places(places)
        stats.names += store.add_names(names)
        if progress:
            progress(f"{dump.name}: {stats.rows:,} rows")
    if alternate_names is not None:
        stats.names += import_alternate_names(store, alternate_names, progress=progress)
    return stats


def import_alternate_names(store: Store, path: Path, *, progress: Progress | None = None) -> int:
    """Add alternateNames(V2) rows for places already in the store (others are skipped by the
    store's insert-select). English and preferred names rank above the rest."""
    written = 0
    count = 0

    def entries(batch: list[tuple[int, list[str]]]) -> Iterator[NameEntry]:
        for number, f in batch:
            language, name = f[2], f[3]
            if language in _SKIP_LANGUAGES or not name:
                continue
            if not f[1].isdigit():
                raise_bad(path, number, f"geonameid {f[1]!r} is not an integer")
            preferred = f[4] == "1"
            historic = len(f) > 7 and f[7] == "1"
            if historic:
                scheme = "alternate"
            elif language == "en":
                scheme = "english" if preferred or f[5] != "1" else "abbreviation"
            elif preferred:
                scheme = "preferred"
            else:
                scheme = "alternate"
            yield NameEntry(f"geonames:{f[1]}", name, scheme)

    for batch in _batched(iter_rows(path, ALTERNATE_NAMES_COLUMNS), BATCH):
        count += len(batch)
        written += store.add_names(entries(batch))
        if progress:
            progress(f"{path.name}: {count:,} alternate names")
    return written
