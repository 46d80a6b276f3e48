"""Mine real spatial claims, with their truth from gold coordinates, out of the shared corpora.

Used by benchmarks/bench_claims_real.py; run alone it prints the mined set:

    GEOMAP_SHARED=/work/shared python benchmarks/real_claims.py

Nothing is written anywhere: the set is recomputed from ../shared (or $GEOMAP_SHARED) on every run.

Sources, and where the truth comes from
- GeoWebNews (GWN.xml) and LGL (lgl.xml with lgl_patches.tsv): every toponym carries gold
  coordinates. A claim is mined when both its place and its reference are gold toponyms.
- UCDP GED (ucdp_ged_ukraine.csv), rows with where_prec 1 (UCDP placed the event at the named
  place): the `where_description` names the place ("Obozne (..., 18km north of Luhansk)") and the
  row's point is its gold position; a reference town's point is the median of the where_prec-1
  rows whose description is only that town ("Luhansk city"), so it is gold too; the row's `adm_1`
  is the gold oblast for containment ("X, Donetsk region").

The miner has its own grammar, written apart from geomap's parser and deliberately narrow: it
keeps a sentence only when the subject is certain from the words alone (the name the relation
follows directly, through a comma, a bracket, "which is", "is", "lies" or an apposition such as
"a town in Y"). It never looks at geomap's output.

Truth, from the gold points (geodesic, WGS84) -- the reading a careful reader gives the words:
- distance "N km from B": |d - N| within 30 % of N plus 2 km (news distances are rounded, and
  often by road); "more than N": d >= 0.9 N - 2; "less than / within N": d <= 1.1 N + 2;
  a range a-b: 0.7 a - 2 <= d <= 1.3 b + 2.
- direction "D of B": the bearing from B to the place within 45 degrees of D, plus the angle the
  two gold points' own error (1 km each) subtends; "on the outskirts of B": d <= 20 km;
  "in the north of B" (a town): d <= 20 km and the bearing within 67.5 degrees of north; so
  for the side of "the western outskirts of B".
- containment "A, B" / "A in B" for a first-level region or country B: A's gold point within
  3 km of B's polygon (shipped reference layers, geoBoundaries for Ukraine's oblasts); for UCDP,
  A's gold oblast (`adm_1`) is B.
"""

from __future__ import annotations

import csv
import math
import os
import re
import statistics
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # run from a checkout without installing

from pyproj import Geod  # noqa: E402

GEOD = Geod(ellps="WGS84")
GOLD_ERROR_KM = 1.0  # assumed error of a gold point (GeoNames / UCDP where_prec 1)
CONTAINMENT_SLACK_KM = 3.0  # simplified polygons: a point this close to a region counts as inside
OUTSKIRTS_KM = 20.0


def shared_dir() -> Path:
    return Path(os.environ.get("GEOMAP_SHARED", REPO.parent / "shared"))


@dataclass(frozen=True, slots=True)
class GoldPlace:
    start: int  # span in the mined text
    end: int
    text: str
    lat: float
    lon: float
    # populated_place | admin1 | admin2 | country | other: LGL's feature code; for GeoWebNews
    # (which gives none) a country or first-level region when the reference layers have one of
    # that name around the gold point; UCDP's places are settlements and oblasts.
    kind: str = "populated_place"

    @property
    def name(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class RealClaim:
    """One claim as a careful reader takes it, and whether the gold geometry bears it out."""

    source: str  # "GWN:12", "LGL:41740820", "UCDP:147997"
    text: str  # the text geomap is given (the whole article, or UCDP's description)
    kind: str  # distance | direction | containment
    start: int  # the relation's words ("about 20 miles west of", ", Ohio")
    end: int
    subject: GoldPlace
    reference: str  # the name measured from, or the container's name
    stated: str  # "20 mi", "W", "outskirts", "in Ohio"
    truth: bool
    measured: str  # the gold measurement, for the report
    places: tuple[GoldPlace, ...] = ()  # every gold place of the claim's sentence

    @property
    def words(self) -> str:
        return self.text[self.start : self.end]


# ------------------------------------------------------------------- the miner's own grammar

_UNITS = {"km": 1.0, "kilometre": 1.0, "kilometer": 1.0, "mile": 1.609344, "mi": 1.609344,
          "metre": 0.001, "meter": 0.001, "m": 0.001}  # fmt: skip
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "a": 1, "half a": 0.5,
}  # fmt: skip
_NUMBER = r"(?:\d[\d,]*(?:\.\d+)?|\d+/\d+|" + "|".join(sorted(_WORD_NUMBERS, key=len)[::-1]) + ")"
_UNIT = r"(?:kilomet(?:re|er)s?|km|miles?|mi|met(?:re|er)s?|m)(?![a-z])"
_COMPASS = {
    "north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180, "southwest": 225,
    "west": 270, "northwest": 315,
}  # fmt: skip
_DIRECTION = r"(?:north|south|east|west)(?:[\s-]?(?:east|west))?(?:ern)?"
_HEDGE = (
    r"(?:about|around|approximately|roughly|some|nearly|almost|less than|more than|over|under|"
    r"within|just over|just under|up to|only|just|barely)"
)
_RELATION = re.compile(
    rf"""(?ix)
    (?:(?P<hedge>{_HEDGE})\s+)?
    (?:(?P<n1>{_NUMBER})(?:\s*(?:-|–|to)\s*(?P<n2>{_NUMBER}))?\s*-?\s*(?P<unit>{_UNIT})
       (?:\s*\([^()]{{1,30}}\))?\s+(?:away\s+)?)?
    (?:(?P<edge>(?:on|in|at)\s+the\s+(?:(?P<edge_dir>{_DIRECTION})\s+)?(?:outskirts|edge)\s+of)
      |(?P<part>in\s+the\s+(?P<part_dir>{_DIRECTION})\s+of)
      |(?:(?:due|just|directly)\s+)?(?:to\s+the\s+)?(?P<dir>{_DIRECTION})\s+(?:of|from)
      |(?P<from>from|of))
    \s+""",
)
# Words between a relation and its reference: "the city of", "the rebels' de facto capital".
_BEFORE_REFERENCE = re.compile(r"(?i)^(?:the\s+)?(?:[\w'’\-]+\s+){0,4}$")
# Between a place and the relation that is about it (other gold names replaced by "§"): ", ",
# " is ", ", which is ", " (non-government-controlled, ", ", a town in § , ", ", in § district ".
_APPOSITION = re.compile(
    r"""(?ix)^
    (?:\s*[,(]\s*|\s+)
    (?:(?:a|an|the)\s+(?:[\w\-]+\s+){0,2}?(?:town|village|city|settlement|suburb|community|hamlet|
        township|area|neighbou?rhood|district)\s*)?
    (?:(?:in|of)\s+(?:the\s+)?(?:§\s*)(?:(?:district|county|region|oblast|province|parish)\s*)?
        [,]?\s*)?
    (?:non-?government-controlled\s*,\s*|government-controlled\s*,\s*)?
    (?:(?:which|that)\s+)?(?:(?:is|lies|sits|was|located|situated)\s+)*
    $""",
)
_SETTLEMENT_SUFFIX = re.compile(
    r"(?i)^\s+(?:town|city|village|settlement|urban-type\s+settlement|smt|district|county|"
    r"region|oblast|province|parish)\b"
)


def _number(text: str) -> float | None:
    text = text.lower().replace(",", "")
    if text in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[text])
    if "/" in text:
        a, b = text.split("/")
        return float(a) / float(b) if float(b) else None
    try:
        return float(text)
    except ValueError:
        return None


def _unit_km(unit: str) -> float:
    key = unit.lower().rstrip("s")
    return _UNITS.get(key, _UNITS.get(key.replace("er", "re"), 1.0))


def _compass(words: str) -> tuple[str, float] | None:
    key = re.sub(r"[\s-]+", "", words.lower()).removesuffix("ern")
    if key not in _COMPASS:
        return None
    abbreviation = "".join(part[0].upper() for part in re.findall(r"north|south|east|west", key))
    return abbreviation, float(_COMPASS[key])


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    _, _, metres = GEOD.inv(a[1], a[0], b[1], b[0])
    return metres / 1000.0


def _bearing(origin: tuple[float, float], to: tuple[float, float]) -> float:
    azimuth, _, _ = GEOD.inv(origin[1], origin[0], to[1], to[0])
    return azimuth % 360.0


def _angle(a: float, b: float) -> float:
    return abs((a - b + 180.0) % 360.0 - 180.0)


@dataclass(frozen=True, slots=True)
class _Relation:
    start: int
    end: int  # where the reference's words begin
    kind: str
    stated: str
    test: object  # (d_km, bearing) -> bool


def _relation(match: re.Match[str]) -> _Relation | None:
    """What the words claim, as a test on (distance km, bearing from the reference)."""
    hedge = (match.group("hedge") or "").lower()
    n1 = _number(match.group("n1")) if match.group("n1") else None
    n2 = _number(match.group("n2")) if match.group("n2") else None
    direction = None
    for group in ("dir", "edge_dir", "part_dir"):
        if match.group(group):
            direction = _compass(match.group(group))
            if direction is None:
                return None
    stated_parts: list[str] = []
    tests = []
    if n1 is not None:
        factor = _unit_km(match.group("unit"))
        low = n1 * factor
        high = (n2 if n2 is not None else n1) * factor
        stated_parts.append(f"{hedge + ' ' if hedge else ''}{match.group('n1')}"
                            f"{'-' + match.group('n2') if n2 is not None else ''} "
                            f"{match.group('unit')}")  # fmt: skip
        if hedge in ("less than", "within", "up to", "under", "just under", "barely"):
            tests.append(lambda d, b, h=high: d <= 1.1 * h + 2.0)
        elif hedge in ("more than", "over", "just over"):
            tests.append(lambda d, b, lo=low: d >= 0.9 * lo - 2.0)
        else:
            tests.append(lambda d, b, lo=low, h=high: 0.7 * lo - 2.0 <= d <= 1.3 * h + 2.0)
    elif match.group("from"):
        return None  # "from B" alone states nothing
    if match.group("edge"):
        stated_parts.append("outskirts")
        tests.append(lambda d, b: d <= OUTSKIRTS_KM)
    if match.group("edge") and direction is not None:
        # "the western outskirts": the town's side within 67.5 degrees of west
        stated_parts.append(direction[0])
        tests.append(lambda d, b, deg=direction[1]: _angle(b, deg) <= 67.5)
    elif match.group("part"):
        stated_parts.append(f"in the {direction[0]} of")
        tests.append(lambda d, b, deg=direction[1]: d <= OUTSKIRTS_KM and _angle(b, deg) <= 67.5)
    elif direction is not None:
        stated_parts.append(direction[0])

        def sector(d: float, b: float, deg: float = direction[1]) -> bool:
            allowance = math.degrees(math.asin(min(1.0, 2 * GOLD_ERROR_KM / max(d, 1e-9))))
            return _angle(b, deg) <= 45.0 + allowance

        tests.append(sector)
    if not tests:
        return None
    kind = "distance" if n1 is not None else "direction"
    return _Relation(
        match.start(), match.end(), kind, " ".join(stated_parts),
        lambda d, b: all(t(d, b) for t in tests),
    )  # fmt: skip


def relation_claims(
    source: str, text: str, toponyms: list[GoldPlace], span: tuple[int, int]
) -> Iterator[RealClaim]:
    """Distance and direction claims between two gold toponyms of one sentence."""
    sentence = text[span[0] : span[1]]
    for match in _RELATION.finditer(sentence):
        relation = _relation(match)
        if relation is None:
            continue
        start, end = span[0] + relation.start, span[0] + relation.end
        reference = _reference(text, toponyms, end)
        if reference is None:
            continue
        subject = _subject(text, toponyms, start, reference)
        if subject is None:
            continue
        a, b = (subject.lat, subject.lon), (reference.lat, reference.lon)
        d = _km(b, a)
        if d < 0.5:
            continue  # one place under two names: nothing to measure
        bearing = _bearing(b, a)
        yield RealClaim(
            source=source, text=text, kind=relation.kind, start=start,
            end=reference.end, subject=subject, reference=reference.text,
            stated=relation.stated, places=tuple(toponyms),
            truth=bool(relation.test(d, bearing)),
            measured=f"{d:.1f} km, bearing {bearing:.0f}°",
        )  # fmt: skip


def _reference(text: str, toponyms: list[GoldPlace], end: int):
    """The head of the noun phrase after the relation: "the Sri Lankan capital Colombo" is
    Colombo (a name followed by more words of the same phrase is a modifier)."""
    found = None
    for candidate in sorted((t for t in toponyms if t.start >= end), key=lambda t: t.start):
        gap = text[end : candidate.start]
        for other in toponyms:
            if end <= other.start and other.end <= candidate.start:
                gap = gap.replace(text[other.start : other.end], "X", 1)
        if not _BEFORE_REFERENCE.match(gap) or _PREPOSITION.search(gap):
            break
        found = candidate
    return found


_PREPOSITION = re.compile(r"(?i)\b(?:near|in|and|on|at|to|from|by|with|or|but)\s")


def _subject(text: str, toponyms: list[GoldPlace], start: int, reference: GoldPlace):
    """The head of the apposition chain that ends at `start`, if the words make it certain."""
    before = [t for t in toponyms if t.end <= start and t is not reference]
    best = None
    for candidate in sorted(before, key=lambda t: -t.end):
        gap = text[candidate.end : start]
        for other in before:
            if candidate.end <= other.start and other.end <= start:
                gap = gap.replace(text[other.start : other.end], "§", 1)
        gap = _SETTLEMENT_SUFFIX.sub("", gap)
        if len(gap) > 80 or not _APPOSITION.match(gap):
            break
        best = candidate
    return best


# ------------------------------------------------------------------- containment


def containment_claims(
    source: str, text: str, toponyms: list[GoldPlace], span: tuple[int, int], reference
) -> Iterator[RealClaim]:
    """'A, B' and 'A in B' where B is a country or first-level region that holds A or not."""
    from geomap.claims.countries import country_code_for
    from geomap.records import LatLon

    inside = [t for t in toponyms if span[0] <= t.start < span[1]]
    for a, b in zip(inside, inside[1:], strict=False):
        gap = text[a.end : b.start]
        if not re.fullmatch(r",\s*|\s+in\s+(?:the\s+)?|,\s+in\s+(?:the\s+)?", gap):
            continue
        after = text[b.end : b.end + 30]
        if re.match(r"\s*(?:,\s*(?:and\s+)?[A-Z][\w\-]+|\s+and\s+[A-Z]|\s*'s\b|\s*’s\b)", after):
            continue  # a list of places, or a possessive ("Ukraine's Sumy region")
        if re.search(r"[A-Z][\w.\-]*,\s*$", text[max(span[0], a.start - 40) : a.start]):
            continue  # "Miami, West Palm Beach, New York": a list, not a place and its state
        if re.match(r"\s+(?:[A-Z][a-z]+\s+)?(?:county|parish|district|raion)\b", after, re.I):
            continue
        code = country_code_for(b.text)
        shape, kind = None, ""
        if code and country_code_for(a.text) is None:
            shape, kind = reference.country_shape(code), "country"
        if shape is None:
            found = reference.admin1_at(LatLon(b.lat, b.lon))
            if found is not None and _same_name(found.name, b.text):
                shape, kind = reference.admin1_shape(found.name, found.country_code), "admin1"
        if shape is None or shape.is_empty:
            continue
        if country_code_for(a.text) is not None or reference.find_admin1(a.text) is not None:
            continue  # "Ukraine, Russia": two containers, not a place in one
        from shapely.geometry import Point

        point = Point(a.lon, a.lat)
        if kind == "admin1" and shape.covers(point) and _km((a.lat, a.lon), (b.lat, b.lon)) < 0.5:
            continue  # the region's own centre under a city's name
        from geomap.geometry import nearest_point

        d = 0.0 if shape.covers(point) else nearest_point(shape, LatLon(a.lat, a.lon))[1]
        yield RealClaim(
            source=source, text=text, kind="containment", start=a.end, end=b.end,
            subject=a, reference=b.text, places=tuple(inside),
            stated=f"in {b.text} ({kind})", truth=d <= CONTAINMENT_SLACK_KM,
            measured=f"{d:.1f} km outside" if d else "inside",
        )  # fmt: skip


_REGION_WORDS = re.compile(r"(?i)\b(?:state|province|region|oblast|county|governorate)\b")


def _same_name(region: str, written: str) -> bool:
    """'Benue' and 'Benue state', 'Calif.' and 'California' name one region."""
    a, b = (re.sub(r"[^a-z.]", "", _REGION_WORDS.sub("", s).lower()) for s in (region, written))
    if b.endswith("."):  # an abbreviation: "Calif.", "Ill."
        return len(b) > 2 and a.startswith(b[:-1])
    return bool(a) and a.replace(".", "") == b


# ------------------------------------------------------------------- corpora


def _gold_documents(reference) -> Iterator[tuple[str, str, list[GoldPlace]]]:
    from geomap.evaluation import apply_patches, read_geowebnews, read_lgl, read_patches

    base = shared_dir() / "data" / "geoparsing"
    for doc in read_geowebnews(base / "GeoWebNews" / "GWN.xml"):
        yield f"GWN:{doc.id}", doc.text, _toponyms(doc, reference)
    patches = read_patches(base / "LGL" / "lgl_patches.tsv")
    for doc in apply_patches(read_lgl(base / "LGL" / "lgl.xml"), patches):
        yield f"LGL:{doc.id}", doc.text, _toponyms(doc, reference)


def _toponyms(doc, reference) -> list[GoldPlace]:
    # GeoWebNews types its spans: only places named as places ("Literal"), not organisations
    # or events that carry a place ("Embassy of ...", "Summit of the Americas").
    return [
        GoldPlace(
            t.start,
            t.end,
            t.text,
            t.point.lat,
            t.point.lon,
            _kind(t.text, t.point, t.feature_code, reference),
        )  # fmt: skip
        for t in doc.toponyms
        if t.point is not None and t.gold_type in ("Literal", "Mixed")
    ]


def _kind(text: str, point, feature_code: str, reference) -> str:
    if feature_code:
        if feature_code.startswith("PCL"):
            return "country"
        if feature_code in ("ADM1", "ADM2"):
            return feature_code.lower().replace("adm", "admin")
        return "populated_place" if feature_code.startswith("PPL") else "other"
    from geomap.claims.countries import country_code_for

    code = country_code_for(text)
    if code and reference.country_at(point) == code:
        return "country"
    found = reference.admin1_at(point)
    if found is not None and _same_name(found.name, text):
        return "admin1"
    return "populated_place"


def mine_gold_corpora(reference) -> Iterator[RealClaim]:
    from geomap.text import split_sentences

    for source, text, toponyms in _gold_documents(reference):
        for sentence in split_sentences(text):
            span = (sentence.start, sentence.end)
            inside = [t for t in toponyms if span[0] <= t.start and t.end <= span[1]]
            if len(inside) < 2:
                continue
            yield from relation_claims(source, text, inside, span)
            yield from containment_claims(source, text, inside, span, reference)


# UCDP: "Obozne (non-government-controlled, 18km north of Luhansk)", "Pavlopil some 70 km ...".
_UCDP_HEAD = re.compile(
    r"^(?:(?:in\s+)?(?:the\s+)?(?:village|town|city|settlement|locality)\s+of\s+)?"
    r"(?P<name>[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)?)"
)
_UCDP_TOWN = re.compile(r"^(?P<name>[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)?)(?:\s+(?:town|city))?\s*$")
_UCDP_REGION = re.compile(
    r"(?P<sep>,\s*|\s+in\s+(?:the\s+)?)(?P<region>[A-Z][a-z]+)\s+(?:region|oblast|Oblast|obl\.?)\b"
)


def _ucdp_rows() -> list[dict[str, str]]:
    path = shared_dir() / "data" / "events" / "ucdp_ged_ukraine.csv"
    with open(path, encoding="utf-8") as fh:
        return [row for row in csv.DictReader(fh) if row["where_prec"] == "1"]


def _ucdp_towns(rows: list[dict[str, str]]) -> dict[str, tuple[float, float]]:
    """Gold points of towns: rows whose whole description is the town ("Luhansk city")."""
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for row in rows:
        match = _UCDP_TOWN.match(row["where_description"].strip())
        if match:
            points[match.group("name")].append((float(row["latitude"]), float(row["longitude"])))
    towns = {}
    for name, found in points.items():
        lat = statistics.median(p[0] for p in found)
        lon = statistics.median(p[1] for p in found)
        if all(_km((lat, lon), p) < 5.0 for p in found):  # one town, not homonyms
            towns[name] = (lat, lon)
    return towns


def mine_ucdp(reference) -> Iterator[RealClaim]:
    rows = _ucdp_rows()
    towns = _ucdp_towns(rows)
    seen: set[str] = set()
    for row in rows:
        text = row["where_description"].split(";")[0].strip()
        if not text or text in seen:
            continue
        seen.add(text)
        head = _UCDP_HEAD.match(text)
        if head is None or head.group("name") in towns and " " not in text:
            continue
        lat, lon = float(row["latitude"]), float(row["longitude"])
        subject = GoldPlace(head.start("name"), head.end("name"), head.group("name"), lat, lon)
        names = [subject]
        for match in re.finditer(r"[A-Z][\w'’\-]+", text):
            if match.group(0) in towns and match.start() > subject.end:
                tlat, tlon = towns[match.group(0)]
                names.append(GoldPlace(match.start(), match.end(), match.group(0), tlat, tlon))
        source = f"UCDP:{row['id']}"
        yield from relation_claims(source, text, names, (0, len(text)))
        yield from _ucdp_containment(source, text, subject, row)


def _ucdp_containment(source: str, text: str, subject: GoldPlace, row) -> Iterator[RealClaim]:
    match = _UCDP_REGION.search(text)
    if match is None:
        return
    between = text[subject.end : match.start()]
    if not re.fullmatch(r"(?:\s+(?:village|town|city|settlement))?", between):
        return  # the region belongs to another name of the description
    oblast = _oblast_named(match.group("region"))
    if oblast is None:
        return  # a raion ("Volnovakha region") or a name no oblast answers to
    from shapely.geometry import Point

    name, shape = oblast
    point = Point(subject.lon, subject.lat)
    d = 0.0 if shape.covers(point) else _km_to_shape(shape, subject)
    inner = shape.representative_point()
    written = match.group("region")
    region = GoldPlace(match.start("region"), match.end("region"), written, inner.y, inner.x,
                       "admin1")  # fmt: skip
    yield RealClaim(
        source=source, text=text, kind="containment", start=subject.end, end=match.end(),
        subject=subject, reference=match.group("region"), stated=f"in {name}",
        truth=d <= CONTAINMENT_SLACK_KM, measured=f"{d:.1f} km outside" if d else "inside",
        places=(subject, region),
    )  # fmt: skip


def _km_to_shape(shape, place: GoldPlace) -> float:
    from geomap.geometry import nearest_point
    from geomap.records import LatLon

    return nearest_point(shape, LatLon(place.lat, place.lon))[1]


def _skeleton(name: str) -> str:
    """A key that survives Ukrainian/Russian romanisations: Zaporozhye = Zaporizhia, Kharkov =
    Kharkiv, Lugansk = Luhansk, Odessa = Odesa."""
    from unidecode import unidecode

    key = re.sub(r"\b(?:oblast|region|obl)\b", "", unidecode(name).lower())
    key = re.sub(r"[^a-z]", "", key).replace("kh", "h").replace("zh", "z").replace("g", "h")
    key = re.sub(r"[aeiouy]", "", key)
    return re.sub(r"(.)\1+", r"\1", key)


_OBLASTS: list[tuple[str, object]] = []


def _oblast_named(written: str):
    """(name, polygon) of the oblast the words name, from geoBoundaries (shared data)."""
    if not _OBLASTS:
        import json

        from shapely.geometry import shape

        path = shared_dir() / "data" / "boundaries" / "geoBoundaries-UKR-ADM1_simplified.geojson"
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            _OBLASTS.append((feature["properties"]["shapeName"], shape(feature["geometry"])))
    keys = {_skeleton(written)}
    # Russian-derived names ("Nikolaev") through the reference layers' admin-1 aliases.
    from geomap.geometry import ReferenceLayers

    found = ReferenceLayers.default().find_admin1(written, "UA")
    if found is not None:
        keys.add(_skeleton(found.name))
    matches = [(n, s) for n, s in _OBLASTS if _skeleton(n) in keys]
    return matches[0] if len(matches) == 1 else None


def mine(reference=None) -> list[RealClaim]:
    """Every claim the miner finds in the shared corpora, GWN and LGL first, then UCDP."""
    if reference is None:
        from geomap.geometry import ReferenceLayers

        reference = ReferenceLayers.default()
    claims = list(mine_gold_corpora(reference))
    claims.extend(mine_ucdp(reference))
    return claims


def main() -> None:
    claims = mine()
    for claim in claims:
        mark = "T" if claim.truth else "F"
        print(f"{mark} {claim.kind:<11} {claim.source:<16} {claim.subject.name} | "
              f"{claim.stated} | {claim.reference} | {claim.measured} | "
              f"{claim.words!r}")  # fmt: skip
    kinds = defaultdict(int)
    for claim in claims:
        kinds[claim.kind] += 1
    print(f"{len(claims)} claims: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))


if __name__ == "__main__":
    main()
