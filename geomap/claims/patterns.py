"""Regular-expression pieces shared by the claim finders, built from the vocabulary files.

The grammar (how a name, a compass word or a region noun is written) is here; the words
themselves are word lists under `geomap/data/lexicon/`, read through `geomap.lexicon`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from geomap import lexicon


def alternation(phrases: Iterable[str], *, hyphen: bool = False) -> str:
    """`(?:longest|...|shortest)` with spaces matching any run of spaces (and, with `hyphen`,
    a hyphen: "front line" also matches "front-line")."""
    gap = r"[\s-]+" if hyphen else r"\s+"
    ordered = sorted({p for p in phrases if p}, key=len, reverse=True)
    return "(?:" + "|".join(gap.join(map(re.escape, p.split())) for p in ordered) + ")"


@cache
def compass() -> dict[str, tuple[str, float]]:
    """A compass word without spaces or hyphens ("northeast") -> (abbreviation, degrees)."""
    return {
        word: (abbreviation, float(degrees))
        for word, abbreviation, degrees in lexicon.rows("compass_points")
    }


@cache
def compass_degrees() -> dict[str, float]:
    """Abbreviation ("NE") -> degrees clockwise from north."""
    return {abbreviation: degrees for abbreviation, degrees in compass().values()}


def place_nouns() -> tuple[str, ...]:
    """Nouns of "the city of X", "the southern Ukrainian town of X" (feature_nouns.tsv)."""
    return lexicon.entries("feature_nouns")


def region_nouns() -> tuple[str, ...]:
    """Nouns after an area's name: "the Sumy region", "Kharkiv Oblast" (region_generics.tsv)."""
    return lexicon.entries("region_generics")


# A proper name: capitalised words ("Kryvyi Rih", "Kamianets-Podilskyi", "Kam'yanske"), never
# swallowing a possessive "'s". Latin and Cyrillic capitals.
_WORD = r"[A-Z\u00C0-\u00DE\u0400-\u042F][\w\-]*(?:['’](?!s\b)\w+)*(?![\w\-])(?!['’](?!s\b)\w)"
NAME = rf"{_WORD}(?:[^\S\r\n]+(?:{_WORD}|on-\w+|upon[^\S\r\n]+{_WORD}))" + "{0,3}"
POSSESSIVE = r"(?:['’]s)"

DIRECTION_RE = (
    r"(?:(?:north|south|east|west)[\s-]?(?:north|south)?[\s-]?(?:east|west)?)"
    r"(?![a-z])"
)
DIRECTION_ADJ_RE = (
    r"(?i:(?:north|south)[\s-]?(?:east|west)(?:ern)?|northern|southern|eastern|western|"
    r"central|north|south|east|west)(?![a-z\-])"
)
DEGREE_WORDS = alternation(lexicon.entries("direction_degree_words"))
SETTLEMENT_NOUNS = alternation(place_nouns())
REGION_NOUNS_PLAIN = alternation(region_nouns())
REGION_NOUNS = rf"(?i:{REGION_NOUNS_PLAIN}|obl\.?)"
PLACE_NOUNS = alternation([*place_nouns(), *region_nouns()])
LENGTH_NOUNS = alternation(lexicon.entries("length_nouns"), hyphen=True)
EDGE_WORDS = alternation(lexicon.entries("town_edge_words"))
ROAD_NOUNS = alternation(lexicon.entries("road_nouns"))
AXIS_NOUNS = alternation(lexicon.entries("axis_nouns"))
NOT_NAMES = frozenset(
    [
        *lexicon.entries("claim_function_words"),
        *(word.capitalize() for word in (*lexicon.weekdays(), *lexicon.months())),
    ]
)
# A dash between the two ends of a road: hyphen, en dash, em dash, with or without spaces; the
# ends are names whose words hold no hyphen ("Kharkiv-Kupiansk" is two names).
ROAD_DASH = r"\s*[-–—]\s*"
_PLAIN_WORD = r"[A-Z\u00C0-\u00DE\u0400-\u042F]\w*(?:['’](?!s\b)\w+)*(?![\w'’])"
ROAD_END = rf"{_PLAIN_WORD}(?:[^\S\r\n]+{_PLAIN_WORD}){{0,2}}"


def compass_abbreviation(written: str) -> str:
    """'north-east' / 'northeastern' / 'North East' -> 'NE'; 'central' -> 'C'; '' otherwise."""
    key = re.sub(r"[\s-]+", "", written.lower())
    key = re.sub(r"ern$", "", key)
    if key == "central":
        return "C"
    found = compass().get(key)
    return found[0] if found else ""


def is_name(text: str | None) -> bool:
    """A capitalised word that can name a place here (not "The", "Monday", "In")."""
    return bool(text) and text not in NOT_NAMES
