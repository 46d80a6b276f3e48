"""Readers of the hand-written tables under geomap/data/gazetteer (the default build turns them
into places in geomap.gazetteer.builder.regions; geometry and the lexicon read them too).

- regions.tsv: supranational regions, named regions and water bodies with approximate points
  and radii that cover them;
- demonyms.tsv: the demonyms countryinfo lacks, and those of regions ("European", "Kurdish");
- abbreviations.tsv: "U.S.", "Calif.", "D.C."... as extra names of the places they stand for;
- country_points.tsv: GeoNames' own point for the few countries where countryinfo's differs;
- region_members.tsv: the countries or regions a region is made of (read by geomap.regions; its
  polygon is their union, geomap.geometry.ReferenceLayers.place_shape).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from geomap.errors import GazetteerError
from geomap.records import LatLon


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
