"""Claims that relate a place to another without a number: "north of Sumy", "just east of
Myrnohrad", "on the [western] outskirts of Kharkiv", "in the north of Horlivka", "on the
Kostiantynivka-Pokrovsk road"; and operational axes ("the Pokrovsk direction"), which are
parsed only so that nothing reads them as a compass claim."""

from __future__ import annotations

import re
from collections.abc import Container

from geomap import lexicon
from geomap.claims.countries import country_code_for
from geomap.claims.parse_quantified import PLACE_REF, ROAD_REF, reference_fields, reference_of
from geomap.claims.parsed import ParsedClaim
from geomap.claims.patterns import (
    AXIS_NOUNS,
    DEGREE_WORDS,
    DIRECTION_ADJ_RE,
    DIRECTION_RE,
    EDGE_WORDS,
    NAME,
    SETTLEMENT_NOUNS,
    compass_abbreviation,
    is_name,
)

_COMPASS_RE = re.compile(
    rf"""(?<![\w-])(?:(?:{DEGREE_WORDS})\s+)?(?:to\s+the\s+)?
    (?P<dir>(?i:{DIRECTION_RE}))\s+of\s+{PLACE_REF}""",
    re.VERBOSE,
)
_OUTSKIRTS_RE = re.compile(
    rf"""(?i:on|in|at|near)\s+the\s+(?:(?P<dir>{DIRECTION_ADJ_RE})\s+)?(?i:{EDGE_WORDS})\s+of\s+
    (?P<place_ref>(?:the\s+)?(?:(?:{SETTLEMENT_NOUNS})\s+of\s+)?(?P<p_name>{NAME}))""",
    re.VERBOSE,
)
# "in the north of Horlivka", "in the south-west of the Donetsk region" (a country after "of"
# is a containment claim: "in the north of Ukraine").
_PART_RE = re.compile(
    rf"""\b(?i:in)\s+the\s+(?P<dir>(?i:{DIRECTION_RE}|centre|center))(?:ern)?\s+(?:part\s+)?of\s+
    {PLACE_REF}""",
    re.VERBOSE,
)
_ALONG_ROAD_RE = re.compile(
    rf"""\b(?i:on|along|off|near|by|astride)\s+{ROAD_REF}""",
    re.VERBOSE,
)
# "the Pokrovsk direction", "the Kupiansk axis", "in the direction of Pokrovsk".
_AXIS_RE = re.compile(
    rf"""(?:\b(?i:the)\s+(?P<a_name>{NAME})\s+(?i:{AXIS_NOUNS})(?![a-z])
      |\b(?i:in\s+the\s+direction\s+of|towards?)\s+(?P<a_name2>{NAME}))""",
    re.VERBOSE,
)
# Cheap tests that let a sentence skip the patterns it cannot match.
# Cheap cues that let a sentence skip the patterns it cannot match: words (looked for in the
# lower-cased sentence, as plain substrings: fast) or a pattern. geomap.claims.parse looks for
# every finder's cues once per sentence.
Cue = tuple[str, ...] | re.Pattern[str]
_COMPASS_WORDS = ("north", "south", "east", "west")
CUES: dict[str, Cue] = {
    "compass": _COMPASS_WORDS,
    "edge": tuple(lexicon.entries("town_edge_words")),
    "part": tuple(f"in the {word}" for word in (*_COMPASS_WORDS, "cent")),
    "road": tuple(lexicon.entries("road_nouns")),
    "axis": (*lexicon.entries("axis_nouns"), "toward"),
}


def cues_in(text: str, cues: dict[str, Cue]) -> set[str]:
    """The names of the cues found in `text`."""
    lower = text.lower()
    return {
        name
        for name, cue in cues.items()
        if (cue.search(text) if isinstance(cue, re.Pattern) else any(w in lower for w in cue))
    }


def relation_claims(text: str, present: Container[str] | None = None) -> list[ParsedClaim]:
    present = cues_in(text, CUES) if present is None else present
    out = []
    if "compass" in present:
        out.extend(_compass_claims(text))
    if "edge" in present:
        out.extend(_outskirts_claims(text))
    if "part" in present:
        out.extend(_part_claims(text))
    if "road" in present:
        out.extend(_road_claims(text))
    return out


def _compass_claims(text: str) -> list[ParsedClaim]:
    out = []
    for m in _COMPASS_RE.finditer(text):
        direction = compass_abbreviation(m.group("dir"))
        if not direction or not is_name(m.group("p_name")):
            continue
        before = text[max(0, m.start() - 4) : m.start()].lower()
        if before.endswith("the ") or before.endswith("far "):
            continue  # "the north of Ukraine" is a part of an area, not a relation
        reference = reference_of(m)
        if reference is None:
            continue
        out.append(
            ParsedClaim(
                kind="direction",
                text=m.group(0),
                start=m.start(),
                end=m.end(),
                direction=direction,
                relation="compass",
                **reference_fields(reference),
            )  # fmt: skip
        )
    return out


def _outskirts_claims(text: str) -> list[ParsedClaim]:
    """On the [western] outskirts of a town."""
    out = []
    for m in _OUTSKIRTS_RE.finditer(text):
        name = m.group("p_name")
        if not is_name(name):
            continue
        direction = compass_abbreviation(m.group("dir") or "")
        out.append(
            ParsedClaim(
                kind="direction",
                text=m.group(0),
                start=m.start(),
                end=m.end(),
                reference_kind="place",
                reference_text=m.group("place_ref"),
                reference_name=name,
                reference_start=m.start("p_name"),
                reference_end=m.end("p_name"),
                direction=direction if direction != "C" else "",
                relation="outskirts",
            )  # fmt: skip
        )
    return out


def _part_claims(text: str) -> list[ParsedClaim]:
    """In one part of a town or region: "in the north of Horlivka"."""
    out = []
    for m in _PART_RE.finditer(text):
        name = m.group("p_name")
        direction = compass_abbreviation(m.group("dir"))
        if m.group("dir").lower() in ("centre", "center"):
            direction = "C"
        if not direction or not is_name(name) or country_code_for(name):
            continue  # a country's part is a containment claim ("in the north of Ukraine")
        reference = reference_of(m)
        if reference is None:
            continue
        out.append(
            ParsedClaim(
                kind="direction",
                text=m.group(0),
                start=m.start(),
                end=m.end(),
                direction=direction,
                relation="part",
                **reference_fields(reference),
            )  # fmt: skip
        )
    return out


def _road_claims(text: str) -> list[ParsedClaim]:
    out = []
    for m in _ALONG_ROAD_RE.finditer(text):
        reference = reference_of(m)
        if reference is None:
            continue
        out.append(
            ParsedClaim(
                kind="direction",
                text=m.group(0),
                start=m.start(),
                end=m.end(),
                relation="along",
                **reference_fields(reference),
            )  # fmt: skip
        )
    return out


def axis_claims(text: str, present: Container[str] | None = None) -> list[ParsedClaim]:
    """Operational axes: parsed, never verified (an axis states no direction or distance)."""
    out: list[ParsedClaim] = []
    if "axis" not in (cues_in(text, CUES) if present is None else present):
        return out
    for m in _AXIS_RE.finditer(text):
        group = "a_name" if m.group("a_name") else "a_name2"
        name = m.group(group)
        if not is_name(name) or compass_abbreviation(name):
            continue
        out.append(
            ParsedClaim(
                kind="axis",
                text=m.group(0),
                start=m.start(),
                end=m.end(),
                reference_kind="place",
                reference_text=name,
                reference_name=name,
                reference_start=m.start(group),
                reference_end=m.end(group),
            )  # fmt: skip
        )
    return out
