"""Regular-expression pieces shared by the claim finders, built from the vocabulary files.

The grammar (how a name, a compass word or a region noun is written) is here; the words
themselves are in `geomap/data/claims/` and read through `geomap.claims.lexicon`.
"""

from __future__ import annotations

import re

from geomap.claims.lexicon import alternation, compass, words

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
DEGREE_WORDS = alternation(words("degree_words"))
SETTLEMENT_NOUNS = alternation(words("settlement_nouns"))
REGION_NOUNS_PLAIN = alternation(words("region_nouns"))
REGION_NOUNS = rf"(?i:{REGION_NOUNS_PLAIN}|obl\.?)"
PLACE_NOUNS = alternation([*words("settlement_nouns"), *words("region_nouns")])
LENGTH_NOUNS = alternation(words("length_nouns"), hyphen=True)
EDGE_WORDS = alternation(words("edge_words"))
ROAD_NOUNS = alternation(words("road_nouns"))
AXIS_NOUNS = alternation(words("axis_nouns"))
NOT_NAMES = frozenset(words("not_names"))
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
