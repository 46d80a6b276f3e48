"""The one country table: names, spellings, demonyms, capitals, points and areas of countries.

geomap/data/countries/countries.tsv is written by tools/build_country_table.py from the
`countryinfo` package (MIT) and read here, once. The stages keep their own readings of it (the
claim parser's country words, the event stage's actor names, the gazetteer's country facts); the
rows they read are the same.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from geomap.datafiles import read_rows
from geomap.errors import GeomapError

TABLE = ("countries", "countries.tsv")
_COLUMNS = 10


@dataclass(frozen=True, slots=True)
class CountryRecord:
    """One row of the table, as countryinfo gives it."""

    code: str  # ISO 3166-1 alpha-2; "" for the few records without one (Scotland)
    name: str
    demonym: str
    capitals: tuple[str, ...]
    alt_spellings: tuple[str, ...]  # other names and codes, in the source's order
    population: int | None
    latlng: tuple[float, float] | None  # a representative point
    area_km2: float | None
    native_name: str


def _listed(field: str) -> tuple[str, ...]:
    return tuple(field.split("|")) if field else ()


def _number(field: str) -> float | None:
    return float(field) if field else None


@functools.cache
def country_records() -> tuple[CountryRecord, ...]:
    """Every row of the table, in its order (several rows may share a code: a territory listed
    apart, a second spelling of a country)."""
    records = []
    for number, row in read_rows(*TABLE):
        if len(row) != _COLUMNS:
            message = f"countries.tsv line {number}: expected {_COLUMNS} fields, got {len(row)}"
            raise GeomapError(message)
        code, name, demonym, capitals, alt, population, lat, lon, area, native = row
        records.append(
            CountryRecord(
                code=code,
                name=name,
                demonym=demonym,
                capitals=_listed(capitals),
                alt_spellings=_listed(alt),
                population=int(population) if population else None,
                latlng=(float(lat), float(lon)) if lat and lon else None,
                area_km2=_number(area),
                native_name=native,
            )
        )
    return tuple(records)


@functools.cache
def first_record_by_code() -> dict[str, CountryRecord]:
    """ISO alpha-2 -> the first row with that code (the country itself comes before the
    territories and second spellings that share its code)."""
    out: dict[str, CountryRecord] = {}
    for record in country_records():
        if record.code and record.code not in out:
            out[record.code] = record
    return out
