"""Finding spatial claims in text: pure pattern work, no geometry, no gazetteer.

`parse_claims(text)` returns every claim it recognises with exact character offsets:

- distance   "about 6km (3.7 miles) from the border", "30km north of Kharkiv", "within 5 miles of
             the front line", "less than 10 miles from the Russian border", "20km from the coast"
- direction  "north of Sumy", "30km northeast of Kharkiv" (also a distance), "on the outskirts of
             Kharkiv"
- containment "Varachyne in the Sumy region", "in Ukraine's Sumy region", "Vovchansk, Kharkiv
             Oblast", "Kramatorsk in eastern Ukraine"
- descriptor "the southern Ukrainian city of Kherson", "eastern Ukraine's Donetsk region"
- length     "a 1,000km (620-mile) front line", "a 20km buffer zone"

A ParsedClaim names its reference in words ("the Russian border", "Kharkiv"); tying those words to
resolved places and geometry is `verify.py`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypedDict

from geomap import lexicon as word_lists
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

ClaimKind = str  # distance | direction | containment | descriptor | length

# A proper name: capitalised words ("Kryvyi Rih", "Kamianets-Podilskyi", "Kam'yanske"), never
# swallowing a possessive "'s". Latin and Cyrillic capitals.
_WORD = r"[A-Z\u00C0-\u00DE\u0400-\u042F][\w\-]*(?:['’](?!s\b)\w+)*(?![\w\-])(?!['’](?!s\b)\w)"
NAME = rf"{_WORD}(?:[^\S\r\n]+(?:{_WORD}|on-\w+|upon[^\S\r\n]+{_WORD}))" + "{0,3}"
POSSESSIVE = r"(?:['’]s)"

_COMPASS_WORDS = {
    "north": "N", "south": "S", "east": "E", "west": "W",
    "northeast": "NE", "northwest": "NW", "southeast": "SE", "southwest": "SW",
    "north-northeast": "NNE", "east-northeast": "ENE", "east-southeast": "ESE",
    "south-southeast": "SSE", "south-southwest": "SSW", "west-southwest": "WSW",
    "west-northwest": "WNW", "north-northwest": "NNW",
}  # fmt: skip
DIRECTION_RE = (
    r"(?:(?:north|south|east|west)[\s-]?(?:north|south)?[\s-]?(?:east|west)?)"
    r"(?![a-z])"
)
DIRECTION_ADJ_RE = (
    r"(?i:(?:north|south)[\s-]?(?:east|west)(?:ern)?|northern|southern|eastern|western|"
    r"central|north|south|east|west)(?![a-z\-])"
)
_DEGREE_WORDS = r"(?:due|just|directly|slightly|immediately|some(?:what)?|further|farther)"

PLACE_NOUNS = (
    r"(?:regional\s+capital|port\s+city|frontline\s+city|front-line\s+city|industrial\s+city|"
    r"city|town|village|settlement|hamlet|port|capital|hub|stronghold|district|suburb|"
    r"region|province|oblast|county|municipality|community|raion)"
)
REGION_NOUNS = r"(?i:region|oblast|province|governorate|krai|kray|district|raion|county|state)"
LENGTH_NOUNS = (
    r"(?:front[\s-]?lines?|frontline|front|border|frontier|buffer\s+zone|exclusion\s+zone|"
    r"demilitari[sz]ed\s+zone|security\s+zone|sanitary\s+zone|corridor|coastline|trench\s+line|"
    r"defen[cs]e\s+line|line\s+of\s+contact|contact\s+line|zone|strip|stretch)"
)


def compass_abbreviation(words: str) -> str:
    """'north-east' / 'northeastern' / 'North East' -> 'NE'; '' when not a direction."""
    key = re.sub(r"[\s-]+", "", words.lower())
    key = re.sub(r"ern$", "", key)
    if key == "central":
        return "C"
    for spelled, abbreviation in _COMPASS_WORDS.items():
        if key == spelled.replace("-", ""):
            return abbreviation
    return ""


@dataclass(frozen=True, slots=True)
class ParsedClaim:
    """One claim as written. Offsets are into the text given to `parse_claims`."""

    kind: ClaimKind
    text: str
    start: int
    end: int
    quantity: Quantity | None = None
    conversion: Quantity | None = None
    conversion_ok: bool | None = None
    conversion_note: str = ""
    reference_kind: str = ""  # border | frontline | coast | place | region | country | ""
    reference_text: str = ""  # "the Russian border", "the city of Kharkiv"
    reference_name: str = ""  # "Kharkiv", "Sumy" (region name without the noun)
    reference_start: int = -1  # span of reference_name in the text
    reference_end: int = -1
    border_names: tuple[str, ...] = ()  # "Russian", "Ukraine" as written next to "border"
    direction: str = ""  # N, NE, ... ; "outskirts"; for descriptors also "C" (central)
    subject_text: str = ""  # when the claim itself names its subject (descriptors)
    subject_start: int = -1
    subject_end: int = -1
    country_text: str = ""  # "Ukrainian", "Ukraine" in descriptors/containment
    noun: str = ""  # "city", "region", "front line", "buffer zone"
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


_HEDGE = rf"(?:(?P<hedge>(?i:{HEDGE_RE}))\s+)?"
_QUANTITY = (
    rf"{_HEDGE}(?:between\s+)?(?P<sign>[-\u2212](?=\d))?(?P<a>{AMOUNT_RE})"
    rf"(?:\s*(?P<unit_a>(?i:{UNIT_RE})))?"
    rf"(?:\s*(?:-|–|—|to|and)\s*(?P<b>{NUMBER_RE}|{_WORD_NUMBER_RE}))?"
    rf"\s*-?\s*(?P<unit>(?i:{UNIT_RE}))"
)
_CONVERSION = (
    r"(?:\s*[(\[]\s*(?:or\s+)?(?:(?P<c_hedge>" + HEDGE_RE + r")\s+)?"
    rf"(?P<c_a>{NUMBER_RE}|{_WORD_NUMBER_RE})"
    rf"(?:\s*(?:-|–|—|to)\s*(?P<c_b>{NUMBER_RE}))?\s*-?\s*(?P<c_unit>{UNIT_RE})\s*[)\]])?"
)
_PLACE_PREFIX = r"(?:the\s+)?(?:(?:" + PLACE_NOUNS + r")\s+of\s+)?(?:the\s+)?(?:outskirts\s+of\s+)?"
_BORDER_REF = (
    r"(?P<border>(?:the\s+|a\s+)?(?:(?P<b_adj>"
    + NAME
    + r")"
    + POSSESSIVE
    + r"?\s+)?(?:(?:state|international|national|administrative)\s+)?"
    r"(?:border|frontier)s?(?:\s+(?:with|of)\s+(?P<b_with>" + NAME + r"))?)"
)
_FRONT_REF = (
    r"(?P<front>(?:the\s+|a\s+)?(?:nearest\s+|closest\s+|current\s+)?"
    r"(?:front(?:[\s-]?lines?)?|line\s+of\s+contact|contact\s+line|frontlines?)(?![a-z]))"
)
_COAST_REF = (
    r"(?P<coast>(?:the\s+)?(?:(?P<c_name>" + NAME + r")\s+)?(?:coast(?:line)?|shore(?:line)?|"
    r"seafront|sea)(?![a-z]))"
)
_PLACE_REF = (
    r"(?P<place_ref>"
    + _PLACE_PREFIX
    + r"(?P<p_name>"
    + NAME
    + r")(?:\s+(?P<p_noun>"
    + REGION_NOUNS
    + r")(?![a-z]))?)"
)
_REFERENCE = rf"(?:{_BORDER_REF}|{_FRONT_REF}|{_COAST_REF}|{_PLACE_REF})"

_DISTANCE_RE = re.compile(
    rf"""(?<![\w.,])(?P<qty>{_QUANTITY}){_CONVERSION}
    (?:\s+(?:away|further|farther|deep|distant))?
    (?:
        \s+(?:(?:{_DEGREE_WORDS})\s+)?(?:to\s+the\s+)?(?P<dir>{DIRECTION_RE})\s+of\s+
      | \s+(?P<rel>from|of|off|inside|into|behind|beyond|short\s+of)\s+
    )
    {_REFERENCE}""",
    re.VERBOSE,
)

_DIRECTION_RE = re.compile(
    rf"""(?<![\w-])(?:(?:{_DEGREE_WORDS})\s+)?(?:to\s+the\s+)?
    (?P<dir>(?i:{DIRECTION_RE}))\s+of\s+{_PLACE_REF}""",
    re.VERBOSE,
)
_OUTSKIRTS_RE = re.compile(
    rf"""(?i:on|in|at)\s+the\s+(?:outskirts|edge|suburbs|fringes)\s+of\s+
    (?P<place_ref>(?:the\s+)?(?:(?:{PLACE_NOUNS})\s+of\s+)?(?P<p_name>{NAME}))""",
    re.VERBOSE,
)

# "in the Sumy region", "in Ukraine's northeast Sumy region", "Vovchansk, Kharkiv Oblast",
# "in the region of Sumy".
_REGION_CONTAINMENT_RE = re.compile(
    rf"""(?P<lead>\bin|\bwithin|,)\s+(?:the\s+)?
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
_LENGTH_RE = re.compile(
    rf"""(?<![\w.,])(?P<qty>{_QUANTITY}){_CONVERSION}(?:[\s-]+long)?\s+
    (?P<noun>(?i:{LENGTH_NOUNS}))(?![a-z])""",
    re.VERBOSE,
)

# Words that look like a capitalised name but are not places in these patterns.
_NOT_NAMES = frozenset(
    [
        "The",
        "A",
        "An",
        "This",
        "That",
        "These",
        "Those",
        "It",
        "Its",
        "He",
        "She",
        "They",
        "We",
        "I",
        "On",
        "In",
        "At",
        "By",
        "For",
        "From",
        "Of",
        "And",
        "But",
        "Or",
    ]
    + [word.capitalize() for word in (*word_lists.weekdays(), *word_lists.months())]
)


# Cheap tests that let a sentence skip the expensive patterns it cannot match.
_QUANTITY_HINT = re.compile(r"(?i:\d|[½⅓⅔¼¾⅕⅛]|km|kilomet|metre|meter|mile|nmi|feet|foot|yard)")
_DIRECTION_HINT = re.compile(r"(?i:north|south|east|west|outskirts|edge|suburbs|fringes)")
_POSSESSIVE_HINT = re.compile(r"['’]s\b")


def parse_claims(text: str) -> list[ParsedClaim]:
    """Every spatial claim recognised in `text`, in text order, offsets exact.

    The text is taken a sentence at a time (claims never cross sentences), and each sentence
    only meets the patterns its words can match, which keeps long articles fast.
    """
    if not text:
        return []
    from geomap.text import split_sentences

    claims: list[ParsedClaim] = []
    for sentence in split_sentences(text):
        claims.extend(_shift(claim, sentence.start) for claim in _parse_sentence(sentence.text))
    return sorted(_dedupe(claims), key=lambda c: (c.start, c.end, c.kind))


def parse_sentence(text: str) -> list[ParsedClaim]:
    """The claims of one sentence (offsets into `text`), in text order."""
    return sorted(_dedupe(_parse_sentence(text)), key=lambda c: (c.start, c.end, c.kind))


def _shift(claim: ParsedClaim, offset: int) -> ParsedClaim:
    if offset == 0:
        return claim
    from dataclasses import replace

    def moved(value: int) -> int:
        return value + offset if value >= 0 else value

    return replace(
        claim, start=claim.start + offset, end=claim.end + offset,
        reference_start=moved(claim.reference_start), reference_end=moved(claim.reference_end),
        subject_start=moved(claim.subject_start), subject_end=moved(claim.subject_end),
    )  # fmt: skip


def _parse_sentence(text: str) -> list[ParsedClaim]:
    claims: list[ParsedClaim] = []
    has_quantity = _QUANTITY_HINT.search(text) is not None
    taken: list[tuple[int, int]] = []
    if has_quantity:
        for claim in _distance_claims(text):
            claims.append(claim)
            taken.append(claim.span)
        for claim in _length_claims(text):
            if not _overlaps(claim.span, taken):
                claims.append(claim)
                taken.append(claim.span)
    if _DIRECTION_HINT.search(text):
        for claim in _direction_claims(text):
            if not _overlaps(claim.span, taken):
                claims.append(claim)
    claims.extend(_containment_claims(text))
    claims.extend(_descriptor_claims(text))
    return claims


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def _dedupe(claims: list[ParsedClaim]) -> list[ParsedClaim]:
    seen: set[tuple] = set()
    out = []
    for c in claims:
        key = (c.kind, c.start, c.end, c.subject_start, c.reference_start)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _quantity(match: re.Match[str], prefix: str = "") -> Quantity | None:
    groups = {
        "hedge": match.group(prefix + "hedge") if prefix else match.group("hedge"),
        "sign": match.groupdict().get("sign") if not prefix else None,
        "a": match.group(prefix + "a"),
        "unit_a": match.groupdict().get("unit_a") if not prefix else None,
        "b": match.group(prefix + "b"),
        "unit": match.group(prefix + "unit"),
    }
    if groups["a"] is None:
        return None
    text = match.group("qty") if not prefix else ""
    return quantity_from_match(groups, text)


class _QuantityFields(TypedDict):
    """The ParsedClaim fields of a stated quantity, named as in ParsedClaim so a block can pass
    them on with `**`."""

    quantity: Quantity
    conversion: Quantity | None
    conversion_ok: bool | None
    conversion_note: str


def _quantity_fields(match: re.Match[str]) -> _QuantityFields | None:
    """The quantity a distance or length claim states, with the conversion written beside it
    ("6km (3.7 miles)") checked against it; None when the match holds no usable amount."""
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


def _distance_claims(text: str) -> list[ParsedClaim]:
    out: list[ParsedClaim] = []
    for m in _DISTANCE_RE.finditer(text):
        measured = _quantity_fields(m)
        if measured is None:
            continue
        rel = (m.group("rel") or "").lower()
        direction = compass_abbreviation(m.group("dir") or "")
        if m.group("dir") and not direction:
            continue
        reference = _reference(m, text)
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
                reference_kind=reference["kind"],
                reference_text=reference["text"],
                reference_name=reference["name"],
                reference_start=reference["start"],
                reference_end=reference["end"],
                border_names=reference["border_names"],
                direction=direction,
                noun=reference.get("noun", ""),
                notes=(f"relation: {rel}",) if rel in ("inside", "into", "behind") else (),
            )
        )
    return out


def _reference(m: re.Match[str], text: str) -> dict | None:
    """What the claim measures to, from the named groups of the reference alternatives."""
    if m.group("border"):
        names = tuple(
            part
            for group in ("b_adj", "b_with")
            if m.group(group)
            for part in re.split(r"[-–/]", m.group(group))
            if part
        )
        start, end = m.span("border")
        return {
            "kind": "border",
            "text": m.group("border"),
            "name": " ".join(names),
            "start": start,
            "end": end,
            "border_names": names,
        }
    if m.group("front"):
        start, end = m.span("front")
        return {
            "kind": "frontline",
            "text": m.group("front"),
            "name": "front line",
            "start": start,
            "end": end,
            "border_names": (),
        }
    if m.group("coast"):
        start, end = m.span("coast")
        name = m.group("c_name") or ""
        return {
            "kind": "coast",
            "text": m.group("coast"),
            "name": name,
            "start": start,
            "end": end,
            "border_names": (),
        }
    if m.group("place_ref"):
        name = m.group("p_name")
        if name in _NOT_NAMES:
            return None
        start, end = m.span("p_name")
        noun = (m.group("p_noun") or "").lower()
        kind = "region" if noun else "place"
        return {
            "kind": kind,
            "text": m.group("place_ref"),
            "name": name,
            "start": start,
            "end": end,
            "border_names": (),
            "noun": noun,
        }
    return None


def _length_claims(text: str) -> list[ParsedClaim]:
    out = []
    for m in _LENGTH_RE.finditer(text):
        measured = _quantity_fields(m)
        if measured is None:
            continue
        noun = re.sub(r"[\s-]+", " ", m.group("noun").lower())
        if noun in ("frontline", "front lines", "front"):
            noun = "front line"
        out.append(
            ParsedClaim(
                kind="length",
                text=m.group(0),
                start=m.start(),
                end=m.end(),
                **measured,
                reference_kind="frontline"
                if noun in ("front line", "line of contact", "contact line")
                else noun,
                reference_text=m.group("noun"),
                reference_name=noun,
                reference_start=m.start("noun"),
                reference_end=m.end("noun"),
                noun=noun,
            )
        )
    return out


def _direction_claims(text: str) -> list[ParsedClaim]:
    out = []
    for m in _DIRECTION_RE.finditer(text):
        name = m.group("p_name")
        direction = compass_abbreviation(m.group("dir"))
        if not direction or name in _NOT_NAMES:
            continue
        before = text[max(0, m.start() - 4) : m.start()].lower()
        if before.endswith("the ") or before.endswith("far "):
            continue  # "the north of Ukraine" is a descriptor, not a relation
        out.append(
            ParsedClaim(
                kind="direction",
                text=m.group(0),
                start=m.start(),
                end=m.end(),
                reference_kind="region" if m.group("p_noun") else "place",
                reference_text=m.group("place_ref"),
                reference_name=name,
                reference_start=m.start("p_name"),
                reference_end=m.end("p_name"),
                direction=direction,
            )
        )
    for m in _OUTSKIRTS_RE.finditer(text):
        name = m.group("p_name")
        if name in _NOT_NAMES:
            continue
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
                direction="outskirts",
            )
        )
    return out


def _containment_claims(text: str) -> list[ParsedClaim]:
    out = []
    for m in _REGION_CONTAINMENT_RE.finditer(text):
        region = m.group("reg") or m.group("reg2")
        group = "reg" if m.group("reg") else "reg2"
        if region in _NOT_NAMES:
            continue
        start = m.start() + (1 if m.group("lead") == "," else 0)
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
                noun=(m.group("noun") or m.group("noun2") or "").lower(),
            )
        )
    for m in _COUNTRY_CONTAINMENT_RE.finditer(text):
        country = m.group("country") or m.group("country2")
        group = "country" if m.group("country") else "country2"
        if country in _NOT_NAMES:
            continue
        out.append(
            ParsedClaim(
                kind="containment",
                text=m.group(0),
                start=m.start(),
                end=m.end(),
                reference_kind="country",
                reference_text=country,
                reference_name=country,
                reference_start=m.start(group),
                reference_end=m.end(group),
                country_text=country,
                direction=compass_abbreviation(m.group("dir") or m.group("dir2") or ""),
            )
        )
    return out


def _descriptor_claims(text: str) -> list[ParsedClaim]:
    out = []
    for m in _DESCRIPTOR_RE.finditer(text):
        direction = compass_abbreviation(m.group("dir") or "")
        country = m.group("country") or ""
        place = m.group("place")
        if place in _NOT_NAMES or not (direction or country):
            continue  # "the city of Kherson" claims nothing checkable
        if country and not country[0].isupper():
            continue
        out.append(_descriptor(m, text, direction, country, place, "place"))
    possessives = _POSSESSIVE_DESCRIPTOR_RE.finditer(text) if _POSSESSIVE_HINT.search(text) else ()
    for m in possessives:
        direction = compass_abbreviation(m.group("dir") or m.group("dir2") or "")
        place = m.group("place")
        if place in _NOT_NAMES or m.group("country") in _NOT_NAMES:
            continue
        if not (direction or m.group("noun")):
            continue  # "Russia's Defence Ministry": a possessive, not a geographic descriptor
        out.append(_descriptor(m, text, direction, m.group("country"), place, "place"))
    return out


def _descriptor(m, text, direction, country, place, group) -> ParsedClaim:
    noun = (m.groupdict().get("noun") or "").lower()
    return ParsedClaim(
        kind="descriptor",
        text=m.group(0),
        start=m.start(),
        end=m.end(),
        reference_kind="country",
        reference_text=country,
        reference_name=country,
        subject_text=place,
        subject_start=m.start(group),
        subject_end=m.end(group),
        country_text=country,
        direction=direction,
        noun=noun,
    )
