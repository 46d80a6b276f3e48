"""Names the gazetteer does not know, placed at a place they stand on or carry.

A street or building ("Sumska Street", "Kremenchuk Refinery") stands in the settlement its name
carries or the sentence names; an organisation, a team or a venue ("Harare City Council",
"Liverpool FC", "Bank of Japan") at a major place its name carries. Each gets that place's
uncertainty and a rule that says how it was placed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from geomap import lexicon as word_lists
from geomap.records import Mention, Place
from geomap.resolve.group import Group, Lookup
from geomap.toponyms.index import match_key
from geomap.toponyms.lexicon import (
    DIRECTION_ADJECTIVES,
    FACILITY_HEADS,
    FEATURE_PREFIXES,
    GENERIC_WORDS,
    WATER_HEADS,
    common_words,
    first_names,
    is_facility_name,
)


def is_major_city(place: Place) -> bool:
    """Cities a bare name means even when a state shares it (Washington, New York)."""
    return place.population >= 100_000 or place.feature_code in ("PPLC", "PPLA")


def place_unknown_names(groups: list[Group], mentions: Sequence[Mention], lookup: Lookup) -> None:
    """A name the gazetteer does not know is placed at a place it stands on, with that place's
    uncertainty. A street or building ("Sumska Street", "Kremenchuk Refinery"): the settlement
    its own name carries ("Kremenchuk", when the article names it or it is a major city), else
    the nearest one named in the same sentence, else the one settlement the article is about.
    Any other unknown name (an organisation, a team, a venue: "Harare City Council", "Liverpool
    FC", "Bank of Japan"): a place its name carries, when the article resolves that name
    elsewhere or it is a country, a first-level region or a major city. Anything less certain
    leaves it unresolved."""
    settlements = [
        (i, g.candidates[g.chosen])
        for g in groups
        if g.chosen >= 0 and g.candidates[g.chosen].kind == "populated_place"
        for i in g.mentions
    ]
    chosen_by_key = {match_key(p.name): p for _, p in settlements}
    resolved_by_key = {
        g.key: g.candidates[g.chosen]
        for g in groups
        if g.chosen >= 0 and g.kind == "toponym" and g.candidates[g.chosen].kind != "demonym"
    }
    named = Counter(p.place_id for _, p in settlements)
    by_id = {p.place_id: p for _, p in settlements}
    main_town = None
    if named:
        top_id, top_n = named.most_common(1)[0]
        if top_n >= 2 and top_n * 2 > len(settlements):
            main_town = by_id[top_id]
    for g in groups:
        if g.chosen >= 0 or g.fallback is not None or g.kind == "demonym":
            continue
        if g.kind != "facility" and not is_facility_name(g.surface):
            carried = _carried_place(g.surface, resolved_by_key, lookup)
            if carried is not None:
                g.fallback = placed_at(g.surface, carried)
                g.fallback_note = f"named after {carried.name}, placed there"
            continue
        first = mentions[g.mentions[0]]
        modifier = g.surface.rsplit(None, 1)[0]
        # the town its name carries: one the article names, or a major city ("Kremenchuk
        # Refinery"); not any village that shares the word ("Royal Street", "Kingsley Road")
        own = chosen_by_key.get(match_key(modifier)) or next(
            (p for p in lookup(modifier) if p.kind == "populated_place" and is_major_city(p)),
            None,
        )
        same = [
            (abs(mentions[i].start - first.start), p)
            for i, p in settlements
            if mentions[i].sentence_start == first.sentence_start
        ]
        if own is None:
            # "Colorado State University", "Delhi High Court": a major place inside the name
            own = _carried_place(g.surface, resolved_by_key, lookup)
        if own is not None:
            town, where = own, "its name carries"
        elif same:
            town, where = min(same, key=lambda x: x[0])[1], "named in the same sentence"
        elif main_town is not None:
            town, where = main_town, "the article is about"
        else:
            continue
        g.fallback = placed_at(g.surface, town)
        g.fallback_note = f"a facility, placed at the place {where}, {town.name}"


_MAX_NAME_WORDS = 4


def _carried_place(surface: str, resolved_by_key: dict[str, Place], lookup: Lookup) -> Place | None:
    """The place inside an unknown name ("Tipperary County Council" -> Tipperary), longest
    part first: one the article resolves elsewhere, else a country, a first-level region or a
    major city that the part names by its own name ("New York" and "US" by any of theirs).
    Generic words name nothing here ("West Wing", "Convention Centre"), and a lake, river or
    island is not placed in the state or country its name contains ("Lake Vermont")."""
    words = surface.split()
    feature = words[-1].lower() in _EXTENT_HEADS or words[0].lower() in FEATURE_PREFIXES
    for size in range(min(len(words) - 1, _MAX_NAME_WORDS), 0, -1):
        for i in range(len(words) - size + 1):
            part = " ".join(words[i : i + size]).strip(",.;:'’()")
            if not part[:1].isupper() or (size == 1 and not _may_name_a_place(part)):
                continue
            key = match_key(part)
            if key in resolved_by_key:
                return resolved_by_key[key]
            top = next(iter(lookup(part)), None)
            if top is None:
                continue
            own = match_key(top.name) == key
            # a word of the dictionary or a given name names only a country, a state or a city
            # of 500,000 by its own name ("Bank of Japan", "Boston Harbor", "London Guildhall
            # School"; not Man in "Man City", nor George in "George Washington High School")
            plain = (
                size > 1
                or part.isupper()
                or not (part.lower() in common_words() or part in first_names())
            )
            if (
                top.kind == "populated_place"
                and is_major_city(top)
                and (own or size > 1)
                and (plain or top.population >= 500_000)
            ):
                return top  # "New York Auto Show": New York City, not York
            if feature:
                continue
            if top.kind == "country" and (own or size > 1 or part.isupper()):
                return top  # "US Federal Reserve", "Bank of Japan"
            if top.kind == "admin1" and own:
                return top
    return None


def _may_name_a_place(word: str) -> bool:
    lower = word.lower()
    if len(word) < 3:
        return word.isupper() and len(word) == 2  # "US", "UK"
    return not (
        lower in _GENERIC_WORDS
        or lower in FACILITY_HEADS
        or lower in _EXTENT_HEADS
        or lower in FEATURE_PREFIXES
    )


# The recogniser's generic words (centre, county, state...), compass words, and the words of
# institutions' names that are no place by themselves.
_GENERIC_WORDS = GENERIC_WORDS | DIRECTION_ADJECTIVES | word_lists.words("institution_words")


# Heads of names for things that stretch beyond the town they are named after ("St. Marys
# River", "Las Vegas Valley"): placed at that town, they get at least this radius.
_EXTENT_HEADS = WATER_HEADS | word_lists.words("extent_heads")
_EXTENT_KM = 25.0


def placed_at(surface: str, place: Place) -> Place:
    precision = "settlement" if place.kind == "populated_place" else place.precision
    uncertainty = place.uncertainty_km
    if surface.split()[-1].lower() in _EXTENT_HEADS and uncertainty < _EXTENT_KM:
        precision, uncertainty = "region", _EXTENT_KM
    return replace(
        place,
        place_id=f"{place.place_id}#{match_key(surface)}",
        name=f"{surface}, {place.name}",
        kind="other",
        feature_code="",
        population=0,
        precision=precision,
        uncertainty_km=uncertainty,
        source=f"{place.source}, placed at {place.name}",
    )
