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
from typing import Any

from geomap.gazetteer.importers.files import iter_rows, parse_float, parse_int
from geomap.gazetteer.ranking import prior
from geomap.gazetteer.store import NameEntry, Store, row_to_place
from geomap.records import Place

GEONAMES_COLUMNS = 19
ALTERNATE_NAMES_COLUMNS = (8, 10)  # alternateNames (old, 8) and alternateNamesV2 (10)
BATCH = 50_000
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
    """One row as a Place (validated like a batch: see place_rows)."""
    return row_to_place(place_rows(path, [(number, f)], admin, "")[0])


class _Kinds(dict):
    """(feature class, feature code) -> (kind, precision, uncertainty of a non-town), memoised:
    a dump has a few hundred distinct pairs and millions of rows."""

    def __missing__(self, key: tuple[str, str]) -> tuple[str, str, float]:
        kind = place_kind(*key)
        value = self[key] = (kind, precision_of(kind), uncertainty_km(kind, 0, key[0]))
        return value


def place_rows(
    path: Path, rows: list[tuple[int, list[str]]], admin: AdminNames, stamp: str
) -> list[tuple]:
    """A batch of dump rows as store rows (store.place_row's layout), checked column by column:
    a bad value anywhere is reported at its own line, before anything of the batch is written."""
    columns = list(zip(*(f for _, f in rows), strict=True)) if rows else [()] * GEONAMES_COLUMNS
    ids = _column(path, rows, columns[0], "geonameid", int, 1, 2**63 - 1)
    lats = _column(path, rows, columns[4], "latitude", float, -90, 90)
    lons = _column(path, rows, columns[5], "longitude", float, -180, 180)
    populations = _column(path, rows, columns[14], "population", _int_or_zero, 0, 2**63 - 1)
    kinds = _KINDS
    a1_names, a2_names, countries = admin.admin1, admin.admin2, admin.countries
    out = []
    for geonameid, f, lat, lon, population in zip(
        ids, (f for _, f in rows), lats, lons, populations, strict=True
    ):
        feature_class, feature_code, cc, a1, a2 = f[6], f[7], f[8], f[10], f[11]
        kind, precision, radius = kinds[(feature_class, feature_code)]
        if kind == "populated_place":
            radius = max(1.0, math.sqrt(population / 3000.0 / math.pi))
        a1_key = f"{cc}.{a1}" if a1 else ""
        out.append(
            (
                f"geonames:{geonameid}", f[1], lat, lon, kind, cc, feature_code,
                a1_names.get(a1_key, ""), a1,
                a2_names.get(f"{a1_key}.{a2}", "") if a1_key and a2 else "",
                population, "geonames-dump", str(geonameid), radius, precision,
                countries.get(cc, ""), prior(kind, feature_code, population), stamp,
            )
        )  # fmt: skip
    return out


def _int_or_zero(value: str) -> int:
    return int(value) if value else 0


def _column(
    path: Path,
    rows: list[tuple[int, list[str]]],
    values: tuple[str, ...],
    name: str,
    convert: Callable[[str], Any],
    lo: float,
    hi: float,
) -> list:
    """One column of a batch converted and range-checked in one pass; on any bad value the
    row-by-row parsers find it and raise with its line number."""
    try:
        converted = [convert(v) for v in values]
        if all(lo <= v <= hi for v in converted):
            return converted
    except ValueError:
        pass
    parse = parse_float if convert is float else parse_int
    for (number, _), value in zip(rows, values, strict=True):
        # The parsers raise on a malformed or out-of-range value; an empty id parses as 0.
        if not lo <= parse(value, path, number, name, lo, hi) <= hi:
            raise_bad(path, number, f"{name} {value!r} is not a positive integer")
    raise AssertionError("unreachable: a bad value was found in the batch")  # pragma: no cover


_KINDS = _Kinds()


def raise_bad(path: Path, number: int, message: str) -> None:
    from geomap.errors import GazetteerError

    raise GazetteerError(f"{path}:{number}: {message}")


def _batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _names(rows: list[tuple[int, list[str]]]) -> Iterator[tuple[str, str, str]]:
    """(place_id, name, scheme) of a batch: the name, the ASCII name where it differs, and the
    alternate names of the row's own column, one place after another."""
    for _, f in rows:
        place_id = f"geonames:{int(f[0])}"
        yield place_id, f[1], "preferred"
        if f[2] and f[2] != f[1]:
            yield place_id, f[2], "alternate"
        if f[3]:
            for alternate in f[3].split(","):
                if alternate:
                    yield place_id, alternate, "alternate"


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
    line of the first malformed row (the caller's Store.edit() then discards every change).

    A bulk load (Store.bulk): batches of rows become place rows column by column, their names
    are normalised a batch at a time and staged, and the name index takes them all at the end,
    in key order; memory stays flat in the file's size."""
    admin = admin or AdminNames()
    stats = ImportStats()
    with store.bulk():
        for batch in _batched(iter_rows(dump, GEONAMES_COLUMNS), BATCH):
            stats.rows += len(batch)
            if feature_classes is not None:
                kept = [(n, f) for n, f in batch if f[6] in feature_classes]
                stats.skipped += len(batch) - len(kept)
                batch = kept
            stats.places += store.upsert_place_rows(place_rows(dump, batch, admin, store.stamp))
            stats.names += store.add_names(_names(batch))
            if progress:
                progress(f"{dump.name}: {stats.rows:,} rows")
        if alternate_names is not None:
            stats.names += import_alternate_names(store, alternate_names, progress=progress)
        if progress:
            progress("indexing names")
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
