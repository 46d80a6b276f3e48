"""Regions made of countries or first-level regions: the Donbas, the EU, the Middle East.

geomap/data/gazetteer/region_members.tsv lists, for a region of the gazetteer's regions.tsv, the
countries (ISO 3166-1 alpha-2) or ISO 3166-2 regions it is made of. The gazetteer builds the
region's Place; geometry draws and tests it as the union of its members; the resolver reads
which countries a region spans. The table is read here, once, for all three.
"""

from __future__ import annotations

import functools

from geomap.datafiles import read_rows
from geomap.errors import GazetteerError


@functools.cache
def region_members() -> dict[str, tuple[str, ...]]:
    """region_members.tsv: the countries or ISO 3166-2 regions each region of regions.tsv is
    made of, keyed by the region's place id (regions with no agreed extent have none)."""
    members = {}
    for number, row in read_rows("gazetteer", "region_members.tsv"):
        if len(row) != 2 or not row[1].strip():
            raise GazetteerError(f"region_members.tsv line {number}: expected id and members")
        members[row[0]] = tuple(code.strip() for code in row[1].split("|") if code.strip())
    return members
