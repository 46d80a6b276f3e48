"""Import an overrides CSV that a user edits: add a place, add aliases, or correct a place.

Overrides win over every other source: their places get a ranking bonus and their names the
highest name bonus, so a corrected or added place comes first for its names.

Columns (a header row is required; only the ones you need):

    place_id,name,lat,lon,country_code,kind,admin1,population,uncertainty_km,aliases

- a row with a `place_id` the store has: *correct* that place (every non-empty column replaces
  the stored value) and add its `aliases` (separated by `|`);
- a row with a `place_id` the store lacks, or none: *add* a place (`name`, `lat`, `lon` and
  `country_code` required; the id defaults to `override:<country>:<name>`);
- a row with only `place_id` and `aliases`: add aliases.

Example:

    place_id,name,lat,lon,country_code,kind,aliases
    ,Varachyne,51.1415,34.926,UA,populated_place,Varachino|Варачине
    geonames:706483,,,,,,Kharkov
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from pathlib import Path

from geomap.errors import GazetteerError
from geomap.gazetteer.importers.files import check_utf8, open_dump, parse_float, parse_int
from geomap.gazetteer.store import NameEntry, Store
from geomap.records import LatLon, Place

KNOWN_COLUMNS = {
    "place_id", "name", "lat", "lon", "country_code", "kind", "admin1", "population",
    "uncertainty_km", "aliases",
}  # fmt: skip
KINDS = {
    "country", "admin1", "admin2", "admin3", "populated_place", "region", "water", "landform",
    "demonym", "other",
}  # fmt: skip
OVERRIDE_PRIOR_BONUS = 20.0  # above any kind/population prior: an override always ranks first


@dataclass(slots=True)
class OverrideStats:
    added: int = 0
    corrected: int = 0
    aliases: int = 0


def import_overrides(store: Store, path: Path) -> OverrideStats:
    stats = OverrideStats()
    with open_dump(path) as fh:
        reader = csv.DictReader(fh)
        try:
            fieldnames = reader.fieldnames
        except csv.Error as exc:
            raise GazetteerError(f"{path}:1: {exc}") from None
        if not fieldnames:
            raise GazetteerError(f"{path}: empty overrides file (a header row is required)")
        check_utf8("".join(fieldnames), path, 1)
        unknown = set(reader.fieldnames) - KNOWN_COLUMNS
        if unknown:
            raise GazetteerError(
                f"{path}:1: unknown column(s) {', '.join(sorted(unknown))}; "
                f"expected some of {', '.join(sorted(KNOWN_COLUMNS))}"
            )
        try:
            for row in reader:
                check_utf8("".join(v for v in row.values() if isinstance(v, str)), path,
                           reader.line_num)  # fmt: skip
                _apply_row(store, path, reader.line_num, row, stats)
        except csv.Error as exc:
            raise GazetteerError(f"{path}:{reader.line_num}: {exc}") from None
    return stats


def _apply_row(store: Store, path: Path, line: int, row: dict, stats: OverrideStats) -> None:
    if None in row:  # more fields than header columns
        raise GazetteerError(f"{path}:{line}: more fields than the header has columns")
    row = {k: (v or "").strip() for k, v in row.items()}
    aliases = [a.strip() for a in row.get("aliases", "").split("|") if a.strip()]
    place_id = row.get("place_id", "")
    existing = store.get_place(place_id) if place_id else None
    if existing is not None:
        corrected = _corrected(existing, row, path, line)
        if corrected != existing:
            store.upsert_places([corrected], prior_bonus=OVERRIDE_PRIOR_BONUS)
            stats.corrected += 1
        if row.get("name"):
            aliases.append(row["name"])
    else:
        for column in ("name", "lat", "lon", "country_code"):
            if not row.get(column):
                raise GazetteerError(f"{path}:{line}: a new place needs {column!r}")
        place = _new_place(row, place_id, path, line)
        store.upsert_places([place], prior_bonus=OVERRIDE_PRIOR_BONUS)
        stats.added += 1
        place_id = place.place_id
        aliases.append(place.name)
    stats.aliases += store.add_names(NameEntry(place_id, a, "override") for a in aliases)


def _kind(row: dict, path: Path, line: int, default: str) -> str:
    kind = row.get("kind") or default
    if kind not in KINDS:
        raise GazetteerError(
            f"{path}:{line}: kind {kind!r} is not one of {', '.join(sorted(KINDS))}"
        )
    return kind


def _country(row: dict, path: Path, line: int) -> str:
    code = row["country_code"].upper()
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise GazetteerError(f"{path}:{line}: country_code {code!r} is not ISO 3166-1 alpha-2")
    return code


def _new_place(row: dict, place_id: str, path: Path, line: int) -> Place:
    country = _country(row, path, line)
    slug = re.sub(r"[^a-z0-9]+", "-", row["name"].casefold()).strip("-")
    return Place(
        place_id=place_id or f"override:{country}:{slug}",
        name=row["name"],
        point=LatLon(
            parse_float(row["lat"], path, line, "lat", -90, 90),
            parse_float(row["lon"], path, line, "lon", -180, 180),
        ),
        kind=_kind(row, path, line, "populated_place"),  # type: ignore[arg-type]
        country_code=country,
        admin1=row.get("admin1", ""),
        population=parse_int(row.get("population", ""), path, line, "population"),
        source="override",
        source_id=str(path.name),
        uncertainty_km=parse_float(
            row.get("uncertainty_km") or "1", path, line, "uncertainty_km", 0, 20040
        ),  # fmt: skip
        precision="point",
    )


def _corrected(place: Place, row: dict, path: Path, line: int) -> Place:
    changes: dict = {}
    if row.get("name"):
        changes["name"] = row["name"]
    if row.get("lat") or row.get("lon"):
        if not (row.get("lat") and row.get("lon")):
            raise GazetteerError(f"{path}:{line}: a correction needs both lat and lon")
        changes["point"] = LatLon(
            parse_float(row["lat"], path, line, "lat", -90, 90),
            parse_float(row["lon"], path, line, "lon", -180, 180),
        )
        changes["precision"] = "point"
    if row.get("country_code"):
        changes["country_code"] = _country(row, path, line)
    if row.get("kind"):
        changes["kind"] = _kind(row, path, line, place.kind)
    if row.get("admin1"):
        changes["admin1"] = row["admin1"]
    if row.get("population"):
        changes["population"] = parse_int(row["population"], path, line, "population")
    if row.get("uncertainty_km"):
        changes["uncertainty_km"] = parse_float(
            row["uncertainty_km"], path, line, "uncertainty_km", 0, 20040
        )
    if not changes:
        return place
    return replace(place, source=f"{place.source}+override", **changes)
