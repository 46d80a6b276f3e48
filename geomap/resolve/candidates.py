"""Candidates for every name, under the hard constraints the text states.

Grammar, not weights: "Varachyne in Ukraine's Sumy region", "Paris, Texas", "the southern
Ukrainian city of Kherson" leave only the places inside the stated container; a demonym stands for
its country or region; "the Kremlin" is a building in Moscow. A name said with its context once
keeps that reading where it appears bare.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from geomap.geodesy import distances_km
from geomap.records import Mention, Place
from geomap.resolve.group import Group, Lookup
from geomap.resolve.placement import placed_at
from geomap.toponyms.index import match_key
from geomap.toponyms.lexicon import SEATS_OF_POWER

CONTAINER_MARGIN_KM = 50.0  # beyond a container's radius, for namesakes across its boundary
AREA_HINTS = frozenset({"region", "district", "county", "country", "area"})
SETTLEMENT_HINTS = frozenset({"city", "village"})


def group_mentions(mentions: Sequence[Mention]) -> list[Group]:
    by_key: dict[tuple, Group] = {}
    for i, m in enumerate(mentions):
        hint_class = "area" if m.feature_hint in AREA_HINTS else ""
        key = (match_key(m.lookup_name), m.kind, m.context_country, m.context_admin1, hint_class)
        group = by_key.get(key)
        if group is None:
            group = Group(
                key=key[0],
                mentions=[],
                surface=m.lookup_name,
                kind=m.kind,
                context_country=m.context_country,
                context_admin1=m.context_admin1,
                hint=m.feature_hint,
            )
            by_key[key] = group
        group.mentions.append(i)
    return list(by_key.values())


def gather_candidates(group: Group, lookup: Lookup, mentions: Sequence[Mention] = ()) -> None:
    name = group.surface
    if group.kind == "demonym":
        group.candidates = demonym_countries(name, lookup)
        group.constraint = "demonym"
        return
    if seat := SEATS_OF_POWER.get(group.key):
        # "the White House", "the Kremlin": the building in its city, not White House, Tennessee
        city = next((p for p in lookup(*seat) if p.kind == "populated_place"), None)
        if city is not None:
            group.fallback = placed_at(name, city)
            group.fallback_note = f"the seat of power in {city.name}"
            return
    country, admin1 = group.context_country, group.context_admin1
    attempts: list[tuple[str, str, str]] = []
    if country and admin1:
        attempts.append((country, admin1, f"stated context: {admin1}, {country}"))
    if admin1:
        attempts.append(("", admin1, f"stated context: {admin1}"))
    if country:
        attempts.append((country, "", f"stated context: {country}"))
    for c, a, why in attempts:
        found = lookup(name, c, a)
        if found:
            group.candidates, group.constraint = found, why
            return
    found = lookup(name)
    if not attempts:
        group.candidates = found
        return
    # The name exists, but not inside its stated container ("Semenovka, Donetsk Oblast" where the
    # gazetteer has Semenovkas elsewhere only): a place stated to lie in a region lies within the
    # region's reach, so only namesakes near it remain (boundaries move, gazetteers disagree on
    # them); with none, the place is the gazetteer's gap and is placed at the container itself.
    listed = any(_in_a_list(mentions[i]) for i in group.mentions if i < len(mentions))
    if listed:
        # "Miami, West Palm Beach, New York and Detroit": the comma lists places, it does not
        # put one inside the next; the unconstrained namesakes stay.
        group.candidates = found
        if found:
            group.constraint = "stated context matched no candidate"
        return
    container = _container(lookup, country, admin1)
    namesakes = len(found)
    if container is not None and found:
        reach = container.uncertainty_km + CONTAINER_MARGIN_KM
        km = distances_km(
            container.point.lat,
            container.point.lon,
            [p.point.lat for p in found],
            [p.point.lon for p in found],
        )
        found = [p for p, d in zip(found, km, strict=True) if d <= reach]
    group.candidates = found
    if found:
        group.constraint = "stated context matched no candidate"
    else:
        group.fallback = container
        if container is not None and namesakes:
            group.fallback_note = (
                f"no {name} in {container.name} in the gazetteer ({namesakes} namesakes "
                f"elsewhere, out of its reach); placed at {container.name}"
            )


# After a name: ", Y, Z" or ", Y and Z" (the list goes on); before it: "X, " (it continues one).
_LIST_AFTER = re.compile(r",\s*[^,.;()]+?(?:,|\s+(?:and|or)\s+)\s*[A-Z]")
_LIST_BEFORE = re.compile(r"[A-Z][\w'’\-]*,\s*$")


def _in_a_list(mention: Mention) -> bool:
    """Whether the name is an item of a list of names, not a place followed by its region."""
    local_start = mention.start - mention.sentence_start
    local_end = mention.end - mention.sentence_start
    after = mention.sentence[local_end : local_end + 80]
    before = mention.sentence[max(0, local_start - 40) : local_start]
    return bool(_LIST_AFTER.match(after) or _LIST_BEFORE.search(before))


def demonym_countries(name: str, lookup: Lookup) -> list[Place]:
    """The countries (or regions) a demonym stands for, best first."""
    out: list[Place] = []
    for place in lookup(name):
        if place.kind != "demonym":
            continue
        target = None
        # "Texan", "Sicilian", "Abkhaz" stand for their region, whose point the entry carries;
        # only a country's demonym is replaced by the country itself.
        if place.country_code and place.feature_code.startswith("PCL"):
            for cand in lookup(place.country_name or place.name, place.country_code):
                if cand.kind == "country":
                    target = cand
                    break
        out.append(target or place)
    if not out:
        # A Ukrainian or Russian adjective (российских, київський) is given as the name of the
        # place it stands for: that place, the largest kind first.
        out = [p for p in lookup(name) if p.kind in ("country", "admin1", "region")][:1] or [
            p for p in lookup(name) if p.kind == "populated_place"
        ][:1]
    return out


def _container(lookup: Lookup, country: str, admin1: str) -> Place | None:
    """The stated admin-1 (or country) itself, for a name the gazetteer does not know."""
    if admin1:
        for place in lookup(admin1, country):
            if place.kind == "admin1":
                return place
        for place in lookup(f"{admin1} region", country):
            if place.kind in ("admin1", "admin2", "region"):
                return place
    if country:
        for place in lookup(country):
            if place.kind == "country" and place.country_code == country:
                return place
    return None


def inherit_context(groups: list[Group]) -> None:
    """A name seen with explicit context once keeps that reading where it appears bare
    ("the Sumy region" later in a text that said "Ukraine's Sumy region")."""
    contexted: dict[tuple[str, str], list[Group]] = defaultdict(list)
    for g in groups:
        if g.context_country or g.context_admin1:
            contexted[(g.key, g.kind)].append(g)
    for g in groups:
        if g.context_country or g.context_admin1:
            continue
        siblings = contexted.get((g.key, g.kind), [])
        readings = {tuple(p.place_id for p in s.candidates[:1]) for s in siblings if s.candidates}
        if len(readings) == 1 and siblings[0].candidates:
            g.candidates = siblings[0].candidates
            g.constraint = f"same name with stated context elsewhere ({siblings[0].constraint})"
