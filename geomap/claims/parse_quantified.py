"""Claims that state a number: distances ("about 6km (3.7 miles) from the border", "30km north
of Kharkiv", "within 5 miles of the front line", "15 km from the Kostiantynivka-Pokrovsk road")
and lengths ("a 1,000km (620-mile) front line", "a 20km buffer zone")."""

from __future__ import annotations

import re
from typing import TypedDict

from geomap.claims.parsed import ParsedClaim
from geomap.claims.patterns import (
    DEGREE_WORDS,
    DIRECTION_RE,
    LENGTH_NOUNS,
    NAME,
    PLACE_NOUNS,
    POSSESSIVE,
    REGION_NOUNS,
    ROAD_DASH,
    ROAD_END,
    ROAD_NOUNS,
    compass_abbreviation,
    is_name,
)
from geomap.claims.quantities import (
    _WORD_NUMBER_RE,
    AMOUNT_RE,
    HEDGE_RE,
    NUMBER_RE,
    UNIT_RE,
    Quantity,
    check_conversion,
    quantity_from_match,
)

_HEDGE = rf"(?:(?P<hedge>(?i:{HEDGE_RE}))\s+)?"
_QUANTITY = (
    rf"{_HEDGE}(?:between\s+)?(?P<sign>[-\u2212](?=\d))?(?P<a>{AMOUNT_RE})"
    rf"(?:\s*(?P<unit_a>(?i:{UNIT_RE})))?"
    rf"(?:\s*(?:-|–|—|to|and)\s*(?P<b>{NUMBER_RE}|{_WORD_NUMBER_RE}))?"
    rf"\s*-?\s*(?<![a-zA-Z])(?P<unit>(?i:{UNIT_RE}))"  # "I am": "a" and no metre
)
# "6km (3.7 miles)", "6 kilometres [about 4 miles]", "1,000km (620-mile)".
_CONVERSION = (
    r"(?:\s*[(\[]\s*(?:or\s+)?(?:(?P<c_hedge>" + HEDGE_RE + r")\s+)?"
    rf"(?P<c_a>{NUMBER_RE}|{_WORD_NUMBER_RE})"
    rf"(?:\s*(?:-|–|—|to)\s*(?P<c_b>{NUMBER_RE}))?\s*-?\s*(?P<c_unit>{UNIT_RE})\s*[)\]])?"
)
# Words before a place's name: "the city of", "the Sri Lankan capital", "the rebels' de facto
# capital", "the frontline town of", "the outskirts of".
PLACE_PREFIX = (
    r"(?:the\s+)?(?:(?:[\w'’\-]+\s+){0,3}?(?:" + PLACE_NOUNS + r")\s+(?:of\s+)?)?"
    r"(?:the\s+)?(?:outskirts\s+of\s+)?"
)
# "the Russian border" but not "the Russian border town of Belgorod" (a place, named next).
_NOT_THE_LINE = r"(?![\s-]+(?:town|city|village|settlement|region|area|oblast|district|guard))"
_BORDER_REF = (
    r"(?P<border>(?:the\s+|a\s+)?(?:(?P<b_adj>"
    + NAME
    + r")"
    + POSSESSIVE
    + r"?\s+)?(?:(?:state|international|national|administrative)\s+)?"
    r"(?:border|frontier)s?"
    + _NOT_THE_LINE
    + r"(?:\s+(?:with|of)\s+(?:the\s+)?(?P<b_with>"
    + NAME
    + r")(?:\s+"
    + REGION_NOUNS
    + r"(?![a-z]))?)?)"
)
_FRONT_REF = (
    r"(?P<front>(?:the\s+|a\s+)?(?:nearest\s+|closest\s+|current\s+)?"
    r"(?:front(?:[\s-]?lines?)?|line\s+of\s+contact|contact\s+line|frontlines?)(?![a-z]))"
)
_COAST_REF = (
    r"(?P<coast>(?:the\s+)?(?:(?P<c_name>" + NAME + r")\s+)?(?:coast(?:line)?|shore(?:line)?|"
    r"seafront|sea)(?![a-z]))"
)
# "the Kostiantynivka-Pokrovsk road", "the road between Kostiantynivka and Pokrovsk", "the
# highway from Kharkiv to Kupiansk".
ROAD_REF = (
    r"(?P<road>(?:the\s+|a\s+)?(?:(?P<r_a>" + ROAD_END + r")" + ROAD_DASH + r"(?P<r_b>"
    + ROAD_END + r")\s+(?P<r_noun>" + ROAD_NOUNS + r")|(?P<r_noun2>" + ROAD_NOUNS
    + r")\s+(?:between|from|linking|connecting)\s+(?P<r_a2>" + NAME
    + r")\s+(?:and|to|with)\s+(?P<r_b2>" + NAME + r"))(?![a-z]))"
)  # fmt: skip
PLACE_REF = (
    r"(?P<place_ref>"
    + PLACE_PREFIX
    + r"(?P<p_name>"
    + NAME
    + r")(?:\s+(?P<p_noun>"
    + REGION_NOUNS
    + r")(?![a-z]))?)"
)
_REFERENCE = rf"(?:{ROAD_REF}|{_BORDER_REF}|{_FRONT_REF}|{_COAST_REF}|{PLACE_REF})"

_DISTANCE_RE = re.compile(
    rf"""(?<![\w.,])(?P<qty>{_QUANTITY}){_CONVERSION}
    (?:\s+(?:away|further|farther|deep|distant|(?:drive|walk|ride|journey|trip)(?=\s+from)))?
    (?:
        \s+(?:(?:{DEGREE_WORDS})\s+)?(?:to\s+the\s+)?(?P<dir>{DIRECTION_RE})\s+(?:of|from)\s+
      | \s+(?P<rel>from|of|off|inside|into|behind|beyond|outside|short\s+of)\s+
    )
    {_REFERENCE}""",
    re.VERBOSE,
)
_LENGTH_RE = re.compile(
    rf"""(?<![\w.,])(?P<qty>{_QUANTITY}){_CONVERSION}(?:[\s-]+long)?\s+
    (?P<noun>(?i:{LENGTH_NOUNS}))(?![a-z])""",
    re.VERBOSE,
)
# Cheap cue (see geomap.claims.parse_relations.CUES): a digit, a fraction or a unit's start.
CUES = {"quantity": re.compile(r"\d|[½⅓⅔¼¾⅕⅛]|(?i:km|kilomet|metre|meter|mile|nmi|feet|foot|yard)")}


class _QuantityFields(TypedDict):
    """The ParsedClaim fields of a stated quantity, named as in ParsedClaim so a finder can
    pass them on with `**`."""

    quantity: Quantity
    conversion: Quantity | None
    conversion_ok: bool | None
    conversion_note: str


def _quantity(match: re.Match[str], prefix: str = "") -> Quantity | None:
    groups = {
        "hedge": match.group(prefix + "hedge"),
        "sign": match.groupdict().get("sign") if not prefix else None,
        "a": match.group(prefix + "a"),
        "unit_a": match.groupdict().get("unit_a") if not prefix else None,
        "b": match.group(prefix + "b"),
        "unit": match.group(prefix + "unit"),
    }
    if groups["a"] is None:
        return None
    return quantity_from_match(groups, match.group("qty") if not prefix else "")


def _quantity_fields(match: re.Match[str]) -> _QuantityFields | None:
    """The quantity a claim states, with the conversion written beside it ("6km (3.7 miles)")
    checked against it; None when the match holds no usable amount."""
    quantity = _quantity(match)
    if quantity is None:
        return None
    conversion = _quantity(match, "c_") if match.group("c_a") is not None else None
    conversion_ok, conversion_note = (
        check_conversion(quantity, conversion) if conversion is not None else (None, "")
    )
    return {
        "quantity": quantity,
        "conversion": conversion,
        "conversion_ok": conversion_ok,
        "conversion_note": conversion_note,
    }


def distance_claims(text: str) -> list[ParsedClaim]:
    out: list[ParsedClaim] = []
    for m in _DISTANCE_RE.finditer(text):
        measured = _quantity_fields(m)
        if measured is None:
            continue
        rel = re.sub(r"\s+", " ", (m.group("rel") or "").lower())
        direction = compass_abbreviation(m.group("dir") or "")
        if m.group("dir") and not direction:
            continue
        reference = reference_of(m)
        if reference is None:
            continue
        if rel == "of" and measured["quantity"].hedge_kind != "max" and not direction:
            # "6km of the border" only reads as a distance after "within"/"up to".
            continue
        if reference["kind"] == "place" and rel in ("inside", "into", "behind", "beyond"):
            # "10km inside Russia": the distance is to that country's border.
            reference = {**reference, "kind": "border", "border_names": (reference["name"],)}
        out.append(
            ParsedClaim(
                kind="distance",
                text=m.group(0),
                start=m.start(),
                end=m.end(),
                **measured,
                direction=direction,
                relation="compass" if direction else "",
                notes=(f"relation: {rel}",) if rel in ("inside", "into", "behind") else (),
                **reference_fields(reference),
            )  # fmt: skip
        )
    return out


def reference_fields(reference: dict) -> dict:
    """The ParsedClaim fields of a reference found by `reference_of`."""
    return {
        "reference_kind": reference["kind"],
        "reference_text": reference["text"],
        "reference_name": reference["name"],
        "reference_start": reference["start"],
        "reference_end": reference["end"],
        "reference2_name": reference.get("name2", ""),
        "reference2_start": reference.get("start2", -1),
        "reference2_end": reference.get("end2", -1),
        "border_names": reference.get("border_names", ()),
        "noun": reference.get("noun", ""),
    }


def reference_of(m: re.Match[str]) -> dict | None:
    """What the claim measures to, from the named groups of the reference alternatives."""
    groups = m.groupdict()
    if groups.get("road"):
        a, b = ("r_a", "r_b") if m.group("r_a") else ("r_a2", "r_b2")
        if not (is_name(m.group(a)) and is_name(m.group(b))):
            return None
        return {
            "kind": "road", "text": m.group("road"), "name": m.group(a),
            "start": m.start(a), "end": m.end(a), "name2": m.group(b),
            "start2": m.start(b), "end2": m.end(b),
            "noun": (m.group("r_noun") or m.group("r_noun2") or "").lower(),
        }  # fmt: skip
    if groups.get("border"):
        names = tuple(
            part
            for group in ("b_adj", "b_with")
            if m.group(group)
            for part in re.split(r"[-–/]", m.group(group))
            if part
        )
        start, end = m.span("border")
        return {"kind": "border", "text": m.group("border"), "name": " ".join(names),
                "start": start, "end": end, "border_names": names}  # fmt: skip
    if groups.get("front"):
        start, end = m.span("front")
        return {"kind": "frontline", "text": m.group("front"), "name": "front line",
                "start": start, "end": end}  # fmt: skip
    if groups.get("coast"):
        start, end = m.span("coast")
        return {"kind": "coast", "text": m.group("coast"), "name": m.group("c_name") or "",
                "start": start, "end": end}  # fmt: skip
    if groups.get("place_ref"):
        name = m.group("p_name")
        if not is_name(name):
            return None
        noun = (m.group("p_noun") or "").lower()
        return {
            "kind": "region" if noun else "place", "text": m.group("place_ref"), "name": name,
            "start": m.start("p_name"), "end": m.end("p_name"), "noun": noun,
        }  # fmt: skip
    return None


def length_claims(text: str) -> list[ParsedClaim]:
    out = []
    for m in _LENGTH_RE.finditer(text):
        measured = _quantity_fields(m)
        if measured is None:
            continue
        noun = re.sub(r"[\s-]+", " ", m.group("noun").lower())
        if noun in ("frontline", "front lines", "front"):
            noun = "front line"
        is_front = noun in ("front line", "line of contact", "contact line")
        out.append(
            ParsedClaim(
                kind="length",
                text=m.group(0),
                start=m.start(),
                end=m.end(),
                **measured,
                reference_kind="frontline" if is_front else noun,
                reference_text=m.group("noun"),
                reference_name=noun,
                reference_start=m.start("noun"),
                reference_end=m.end("noun"),
                noun=noun,
            )  # fmt: skip
        )
    return out
