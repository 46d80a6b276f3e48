"""Claims that put a place in an area or a part of a country.

- containment "Varachyne in the Sumy region", "in Ukraine's Sumy region", "Vovchansk, Kharkiv
              Oblast", "Oleksandrivka (Donetsk region)", "Kramatorsk in eastern Ukraine",
              "Swanton, Ohio", "Fresno, Calif." (a name after a comma is a claim only if it
              resolves to a first-level region or a country: decided in `geomap.claims.extract`)
- descriptor  "the southern Ukrainian city of Kherson", "eastern Ukraine's Donetsk region"
"""

from __future__ import annotations

import re
from collections.abc import Container

from geomap import lexicon
from geomap.claims.countries import country_code_for
from geomap.claims.parse_relations import Cue, cues_in
from geomap.claims.parsed import ParsedClaim
from geomap.claims.patterns import (
    DIRECTION_ADJ_RE,
    NAME,
    PLACE_NOUNS,
    POSSESSIVE,
    REGION_NOUNS,
    alternation,
    compass_abbreviation,
    is_name,
)

# "in the Sumy region", "in Ukraine's northeast Sumy region", "Vovchansk, Kharkiv Oblast",
# "in the region of Sumy", "Oleksandrivka (Donetsk region)".
_REGION_CONTAINMENT_RE = re.compile(
    rf"""(?P<lead>\bin|\bwithin|,|\()\s*(?:the\s+)?
    (?:(?P<country>{NAME}){POSSESSIVE}\s+)?
    (?:(?P<dir>{DIRECTION_ADJ_RE})\s+)?
    (?:
        (?P<reg>{NAME})\s+(?P<noun>{REGION_NOUNS})(?![a-z])
      | (?P<noun2>region|province|oblast)\s+of\s+(?P<reg2>{NAME})
    )""",
    re.VERBOSE,
)
# "in Ukraine", "in eastern Ukraine", "in the south of Ukraine" (country checked in verify).
_COUNTRY_CONTAINMENT_RE = re.compile(
    rf"""\bin\s+(?:
        (?:(?P<dir>{DIRECTION_ADJ_RE})\s+)?(?P<country>{NAME})
      | the\s+(?P<dir2>north|south|east|west|north[\s-]?east|north[\s-]?west|south[\s-]?east|
               south[\s-]?west|centre|center)\s+of\s+(?P<country2>{NAME})
    )(?!\s+{REGION_NOUNS}\b)(?!{POSSESSIVE})""",
    re.VERBOSE,
)
# "Swanton, Ohio." "Fresno, Calif., police said", "COLUMBUS, Ohio (AP)": a place, a comma, then
# one name that ends the phrase (not a list "Kyiv, Kharkiv and Odesa", not "Kharkiv, Ukraine's
# second city", not a clause "In Kharkiv, Russia launched ...").
_AREA_AFTER_COMMA_RE = re.compile(
    rf"""(?P<place>{NAME}),[^\S\r\n]+(?P<area>{NAME})
    (?!{POSSESSIVE})(?![^\S\r\n]*(?:,[^\S\r\n]*(?:and[^\S\r\n]+)?[A-Z]|[^\S\r\n]+(?:and|or)[^\S\r\n]))
    (?P<end>(?=[^\S\r\n]*(?:[,.;:)(—–]|\s-|$))|(?=[^\S\r\n]+[a-z]))""",
    re.VERBOSE,
)
# "the southern Ukrainian city of Kherson", "the Ukrainian city of Kherson", "the eastern city of X"
_DESCRIPTOR_RE = re.compile(
    rf"""\b(?i:the)\s+(?:(?P<dir>(?i:{DIRECTION_ADJ_RE}))\s+)?(?:(?P<country>{NAME})\s+)?
    (?P<noun>{PLACE_NOUNS})\s+of\s+(?P<place>{NAME})""",
    re.VERBOSE,
)
# "eastern Ukraine's Donetsk region", "Ukraine's northeast Sumy region", "Russia's Kursk region"
_POSSESSIVE_DESCRIPTOR_RE = re.compile(
    rf"""(?:(?P<dir>{DIRECTION_ADJ_RE})\s+)?(?P<country>{NAME}){POSSESSIVE}\s+
    (?:(?P<dir2>{DIRECTION_ADJ_RE})\s+)?(?P<place>{NAME})(?:\s+(?P<noun>{REGION_NOUNS}|
    {PLACE_NOUNS})(?![a-z]))?""",
    re.VERBOSE,
)
# Cheap cues (see geomap.claims.parse_relations.CUES).
CUES: dict[str, Cue] = {"possessive": ("'s", "’s"), "comma_name": re.compile(r",[^\S\r\n]+[A-Z]")}
# A lower-case word or a dash after the name: a clause may go on ("Lexington, South Carolina has
# been hired"; "..., China – which has ..."): fine after a state, not after a country.
_OPEN_NEXT = re.compile(r"[^\S\r\n]+(?:[a-z]|[–—-][^\S\r\n])")
# An introductory clause, closed by the comma before the name.
_INTRODUCTORY = re.compile(
    r"\s*(?i:" + alternation(lexicon.entries("clause_subordinators")) + r")\b[^,;:]*$"
)


def containment_claims(text: str, present: Container[str] | None = None) -> list[ParsedClaim]:
    present = cues_in(text, CUES) if present is None else present
    out = []
    for m in _REGION_CONTAINMENT_RE.finditer(text):
        region = m.group("reg") or m.group("reg2")
        group = "reg" if m.group("reg") else "reg2"
        if not is_name(region):
            continue
        start = m.start() + (1 if m.group("lead") in (",", "(") else 0)
        while start < m.end() and text[start].isspace():
            start += 1
        out.append(
            ParsedClaim(
                kind="containment",
                text=text[start : m.end()],
                start=start,
                end=m.end(),
                reference_kind="region",
                reference_text=text[start : m.end()],
                reference_name=region,
                reference_start=m.start(group),
                reference_end=m.end(group),
                country_text=m.group("country") or "",
                direction=compass_abbreviation(m.group("dir") or ""),
                noun=(m.group("noun") or m.group("noun2") or "").lower().rstrip("."),
            )  # fmt: skip
        )
    for m in _COUNTRY_CONTAINMENT_RE.finditer(text):
        country = m.group("country") or m.group("country2")
        group = "country" if m.group("country") else "country2"
        if not is_name(country):
            continue
        # "in Ukraine" names a country; "in Punjab", "in Michigan" a region or nothing ("in
        # Kharkiv" is a town): the resolved name decides (geomap.claims.extract).
        out.append(
            ParsedClaim(
                kind="containment",
                text=m.group(0),
                start=m.start(),
                end=m.end(),
                reference_kind="country" if country_code_for(country) else "area",
                reference_text=country,
                reference_name=country,
                reference_start=m.start(group),
                reference_end=m.end(group),
                country_text=country,
                direction=compass_abbreviation(m.group("dir") or m.group("dir2") or ""),
            )  # fmt: skip
        )
    areas = _AREA_AFTER_COMMA_RE.finditer(text) if "comma_name" in present else ()
    for m in areas:
        area = m.group("area")
        if not is_name(area) or not is_name(m.group("place")):
            continue
        if re.search(r",\s*$", text[max(0, m.start() - 3) : m.start()]):
            continue  # "Kyiv, Kharkiv, Odesa": the middle of a list
        if _INTRODUCTORY.match(text, 0, m.start()):
            continue  # "Since the war in Gaza, China has ...": the comma ends a clause
        start = m.end("place")
        out.append(
            ParsedClaim(
                kind="containment",
                text=text[start : m.end()],
                start=start,
                end=m.end(),
                reference_kind="area",
                reference_text=area,
                reference_name=area,
                reference_start=m.start("area"),
                reference_end=m.end("area"),
                notes=("open",) if _open_after(text, m) else (),
            )  # fmt: skip
        )
    return out


def _open_after(text: str, m: re.Match[str]) -> bool:
    """Does the clause go on after the area's name? A dateline opening the text ("KOLKATA,
    India – Indian police ...") is closed by its dash."""
    follows = _OPEN_NEXT.match(text, m.end())
    if follows is None:
        return False
    dateline = not text[: m.start()].strip() or text[m.start() - 1] == "\n"
    return not (dateline and follows.group(0).strip() in "–—-")


def descriptor_claims(text: str, present: Container[str] | None = None) -> list[ParsedClaim]:
    present = cues_in(text, CUES) if present is None else present
    out = []
    for m in _DESCRIPTOR_RE.finditer(text):
        direction = compass_abbreviation(m.group("dir") or "")
        country = m.group("country") or ""
        place = m.group("place")
        if not is_name(place) or not (direction or country):
            continue  # "the city of Kherson" claims nothing checkable
        if country and not country[0].isupper():
            continue
        out.append(_descriptor(m, direction, country))
    possessives = _POSSESSIVE_DESCRIPTOR_RE.finditer(text) if "possessive" in present else ()
    for m in possessives:
        direction = compass_abbreviation(m.group("dir") or m.group("dir2") or "")
        if not is_name(m.group("place")) or not is_name(m.group("country")):
            continue
        if not (direction or m.group("noun")):
            continue  # "Russia's Defence Ministry": a possessive, not a geographic descriptor
        out.append(_descriptor(m, direction, m.group("country")))
    return out


def _descriptor(m: re.Match[str], direction: str, country: str) -> ParsedClaim:
    return ParsedClaim(
        kind="descriptor", text=m.group(0), start=m.start(), end=m.end(),
        reference_kind="country", reference_text=country, reference_name=country,
        subject_text=m.group("place"), subject_start=m.start("place"),
        subject_end=m.end("place"), country_text=country, direction=direction,
        noun=(m.groupdict().get("noun") or "").lower(),
    )  # fmt: skip
