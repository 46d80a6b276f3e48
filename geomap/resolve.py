"""Choosing a gazetteer place for every mention, using the whole document.

Evidence, strongest first:
1. explicit administrative context next to the mention is a hard constraint ("Varachyne in
   Ukraine's northeast Sumy region" -> only places in Ukraine's Sumy admin-1; "the southern
   Ukrainian city of Kherson" -> only places in Ukraine; "Paris, Texas");
2. the document's focus countries (how often each country is named, as a place or a demonym, or
   holds a confidently resolved place) are a prior;
3. candidates close to the other places resolved in the document are preferred;
4. feature type (country, capital, admin seat, populated place; agreeing with a "city of" or
   "region" cue) and population break ties.

Every mention gets exactly one `Resolution` (in input order): a place with a confidence, up to
three alternatives and the rule that chose it, or `place=None` with the reason. A name resolved
once resolves the same way elsewhere in the document unless its own context says otherwise.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from geomap import lexicon as word_lists
from geomap.gazetteer.postal import SOURCE as POSTAL_SOURCE
from geomap.geodesy import distance_matrix_km
from geomap.records import Article, Mention, Place, Resolution
from geomap.toponyms.index import match_key
from geomap.toponyms.lexicon import (
    DIRECTION_ADJECTIVES,
    FACILITY_HEADS,
    FEATURE_PREFIXES,
    GENERIC_WORDS,
    SEATS_OF_POWER,
    WATER_HEADS,
    common_words,
    first_names,
    is_facility_name,
)

if TYPE_CHECKING:
    from geomap.gazetteer.protocol import GazetteerProtocol

__all__ = ["resolve_mentions"]

MAX_ALTERNATIVES = 3
_CANDIDATE_LIMIT = 25
_PROXIMITY_SCALE_KM = 250.0  # a candidate this far from the other places gets 1/e of the bonus

_KIND_SCORE = {
    "country": 1.0,
    "admin1": 0.75,
    "region": 0.7,
    "water": 0.6,
    "landform": 0.5,
    "admin2": 0.45,
    "admin3": 0.3,
    "populated_place": 0.35,
    "demonym": 0.5,
    "other": 0.2,
}
_FOCUS_WEIGHT = 1.2
# A decade of population above 10,000 is worth this much more to a city than the log-population
# term gives every place: Los Angeles in a story about a Spanish company is still California,
# Houston in a Canadian local paper still Texas. Gold spans, 2026-12-05: 0 -> 0.15 took
# gwn_full from 85.74 to 85.87%, GWN.xml 80.68 -> 80.80%, LGL 86.71 -> 86.98% (0.25: all lower).
_BIG_CITY_BONUS = 0.15
# Regions, seas and landforms have no population to weigh against a village of the same name:
# this stands in for it ("the Gulf" is the Persian Gulf before Gulf, North Carolina). Gold
# spans, 2026-12-05: 0.2 took gwn_full from 87.62 to 87.70%, LGL unchanged; 0.4 cost LGL 4.
_AREA_PROMINENCE = 0.2
_UNPEOPLED_KINDS = frozenset({"region", "water", "continent", "landform"})
# Measured on the shared corpora (gold spans, 2026-11-25): the off-focus penalty took LGL from
# 84.4% to 84.9% within 161 km (Georgia the state among Atlanta and Gainesville), GeoWebNews
# unchanged; the named-country bonus 0.25 added 0.1 to LGL (0.8 cost GeoWebNews 1 point).
_OFF_FOCUS_COUNTRY = 1.0
_NAMED_COUNTRY_BONUS = 0.25
_UNSIZED_REGIONAL = 0.5  # LGL gold spans: 1.0 -> 86.4% (2 fewer right), 0.5 -> 86.4%, 0.25 -> 86.3%
_WATER_NAME_BONUS = 2.0  # names of admin units after a sea carry their unit word
_FEATURE_CODE_BONUS = {"PPLC": 0.45, "PPLA": 0.25, "PPLA2": 0.1, "PPLG": 0.2}
_AREA_KINDS = frozenset({"admin1", "admin2", "admin3", "region", "country"})
_SETTLEMENT_HINTS = frozenset({"city", "village"})
_AREA_HINTS = frozenset({"region", "district", "county", "country", "area"})


@dataclass(slots=True)
class _Group:
    """Mentions of one name with the same explicit context: resolved once, together."""

    key: str
    mentions: list[int]
    surface: str
    kind: str
    context_country: str = ""
    context_admin1: str = ""
    hint: str = ""
    candidates: list[Place] = field(default_factory=list)
    constraint: str = ""  # which hard constraint filtered the candidates
    fallback: Place | None = None  # the stated container when the name itself is unknown
    fallback_note: str = ""  # how the fallback was found, when not by a stated container
    scores: list[float] = field(default_factory=list)
    chosen: int = -1
    claim_note: str = ""  # set when a spatial claim in the article broke a near tie


class _Lookup:
    """Candidate lookups, cached per (name, country, admin1) within one gazetteer."""

    _shared: dict[tuple, list[Place]] = {}

    def __init__(self, gazetteer: GazetteerProtocol) -> None:
        self.gazetteer = gazetteer
        self.build = str(getattr(gazetteer, "build_id", "") or id(gazetteer))
        if len(self._shared) > 100_000:
            self._shared.clear()

    def __call__(self, name: str, country: str = "", admin1: str = "") -> list[Place]:
        cache_key = (self.build, match_key(name), country, admin1)
        found = self._shared.get(cache_key)
        if found is None:
            found = list(
                self.gazetteer.candidates(
                    name, country=country or None, admin1=admin1 or None, limit=_CANDIDATE_LIMIT
                )
            )
            self._shared[cache_key] = found
        return found


def resolve_mentions(
    mentions: Sequence[Mention], gazetteer: GazetteerProtocol, article: Article | None = None
) -> list[Resolution]:
    """One Resolution per mention, in the same order."""
    if not mentions:
        return []
    lookup = _Lookup(gazetteer)
    groups = _group(mentions)
    for group in groups:
        _gather_candidates(group, lookup)
    _inherit_context(groups)
    focus = _focus_countries(mentions, groups)
    regions = _focus_regions(groups)
    # Pass 1 without proximity; pass 2 with the pass-1 places of the *other* names as anchors.
    for group in groups:
        _score(group, focus, regions, anchors=[])
    anchors = _anchors(groups)
    country_counts = _country_counts(mentions, groups, anchors)
    region_counts = _region_counts(groups, anchors)
    counties = _county_pairs(groups)
    named = _named_countries(groups)
    for group in groups:
        others = [(p, w) for g, p, w in anchors if g is not group]
        own = [(p, w) for g, p, w in anchors if g is group]  # a name is no evidence for itself
        focus = _country_shares(country_counts, own)
        named_elsewhere = {code for g, code in named if g is not group}
        _score(
            group, focus, _shares(region_counts, own), anchors=others, counties=counties,
            named_countries=named_elsewhere,
        )  # fmt: skip
    _claims_tiebreak(groups, mentions)
    _place_facilities(groups, mentions, lookup)
    out: list[Resolution | None] = [None] * len(mentions)
    for group in groups:
        for i in group.mentions:
            out[i] = _resolution(mentions[i], group, i == group.mentions[0])
    return [r for r in out if r is not None]


# --- grouping and candidates ----------------------------------------------------------------


def _group(mentions: Sequence[Mention]) -> list[_Group]:
    by_key: dict[tuple, _Group] = {}
    for i, m in enumerate(mentions):
        key = (match_key(m.text), m.kind, m.context_country, m.context_admin1, _hint_class(m))
        group = by_key.get(key)
        if group is None:
            group = _Group(
                key=key[0],
                mentions=[],
                surface=m.text,
                kind=m.kind,
                context_country=m.context_country,
                context_admin1=m.context_admin1,
                hint=m.feature_hint,
            )
            by_key[key] = group
        group.mentions.append(i)
    return list(by_key.values())


def _hint_class(m: Mention) -> str:
    if m.feature_hint in _AREA_HINTS:
        return "area"
    return ""


def _gather_candidates(group: _Group, lookup: _Lookup) -> None:
    name = group.surface
    if group.kind == "demonym":
        group.candidates = _demonym_countries(name, lookup)
        group.constraint = "demonym"
        return
    if seat := SEATS_OF_POWER.get(group.key):
        # "the White House", "the Kremlin": the building in its city, not White House, Tennessee
        city = next((p for p in lookup(*seat) if p.kind == "populated_place"), None)
        if city is not None:
            group.fallback = _placed_at(name, city)
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
    group.candidates = lookup(name)
    if attempts and group.candidates:
        # The name exists, but not inside its stated container: keep the unconstrained
        # candidates, and remember the container so the rule can say the context disagreed.
        group.constraint = "stated context matched no candidate"
    if (country or admin1) and not group.candidates:
        group.fallback = _container(lookup, country, admin1)


def _demonym_countries(name: str, lookup: _Lookup) -> list[Place]:
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
    return out


def _container(lookup: _Lookup, country: str, admin1: str) -> Place | None:
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


def _inherit_context(groups: list[_Group]) -> None:
    """A name seen with explicit context once keeps that reading where it appears bare
    ("the Sumy region" later in a text that said "Ukraine's Sumy region")."""
    contexted: dict[tuple[str, str], list[_Group]] = defaultdict(list)
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


# --- document priors ------------------------------------------------------------------------


def _focus_countries(
    mentions: Sequence[Mention],
    groups: list[_Group],
    anchors: list[tuple[_Group, Place, float]] | None = None,
) -> dict[str, float]:
    """Share of the document's country evidence that points at each country."""
    return _country_shares(_country_counts(mentions, groups, anchors or []), [])


def _country_shares(counts: Counter[str], without: list[tuple[Place, float]]) -> dict[str, float]:
    # A country name's own mentions stay in its focus: repeated, they make it the story's
    # subject ("China" ten times in an American paper is not China, Maine).
    if without:
        counts = counts.copy()
        for place, weight in without:
            counts[place.country_code] -= 0.5 * weight
    total = sum(v for v in counts.values() if v > 0)
    return {c: v / total for c, v in counts.items() if v > 0 and c} if total else {}


def _country_counts(
    mentions: Sequence[Mention],
    groups: list[_Group],
    anchors: list[tuple[_Group, Place, float]],
) -> Counter[str]:
    counts: Counter[str] = Counter()
    for m in mentions:
        if m.context_country:
            counts[m.context_country] += 1.0
    for g in groups:
        if evidence := _country_evidence(g):
            counts[evidence[0]] += evidence[1]
    for _, place, weight in anchors:
        counts[place.country_code] += 0.5 * weight
    counts.pop("", None)
    return counts


def _country_evidence(g: _Group) -> tuple[str, float] | None:
    """The country a name points at by itself, and how strongly: a country or demonym fully,
    a name whose every candidate is in one country half."""
    if not g.candidates:
        return None
    n, top = len(g.mentions), g.candidates[0]
    if g.kind == "demonym" or (top.kind == "country" and not _rival_area(g.candidates)):
        return top.country_code, float(n)
    if len({p.country_code for p in g.candidates}) == 1:
        return top.country_code, 0.5 * n
    return None


def _focus_regions(
    groups: list[_Group], anchors: list[tuple[_Group, Place, float]] | None = None
) -> dict[tuple[str, str], float]:
    """Share of the document's admin-1 evidence per (country, admin-1): a local paper that names
    Minnesota, or several towns that are all in Minnesota, means Alexandria, Minnesota."""
    return _shares(_region_counts(groups, anchors or []), [])


def _region_counts(
    groups: list[_Group], anchors: list[tuple[_Group, Place, float]]
) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for g in groups:
        if not g.candidates or g.kind == "demonym":
            continue
        n = len(g.mentions)
        top = g.candidates[0]
        if top.kind == "admin1" and not g.context_admin1:
            counts[(top.country_code, top.admin1 or top.name)] += 0.5 * n
        if g.context_admin1:
            counts[(g.candidates[0].country_code, g.candidates[0].admin1)] += n
        elif len({(p.country_code, p.admin1) for p in g.candidates}) == 1 and top.admin1:
            counts[(top.country_code, top.admin1)] += 0.5 * n
    for _, place, weight in anchors:
        if place.admin1:
            counts[(place.country_code, place.admin1)] += 0.5 * weight
    return counts


def _shares(
    counts: Counter[tuple[str, str]], without: list[tuple[Place, float]]
) -> dict[tuple[str, str], float]:
    if without:
        counts = counts.copy()
        for place, weight in without:
            if place.admin1:
                counts[(place.country_code, place.admin1)] -= 0.5 * weight
    # At least one full mention's worth in the denominator: a single low-confidence anchor
    # (weight 0.1) must not make its admin-1 the whole document's focus.
    total = max(1.0, sum(v for v in counts.values() if v > 0))
    return {k: v / total for k, v in counts.items() if v > 0}


def _rival_area(cands: list[Place]) -> bool:
    """Whether a country name is also an admin area elsewhere ("Georgia"): then the name alone
    says nothing about the document's focus."""
    top = cands[0]
    return any(
        p.kind in ("country", "admin1") and p.country_code != top.country_code for p in cands[1:]
    )


def _named_countries(groups: list[_Group]) -> list[tuple[_Group, str]]:
    """Countries the document names outright (a country name or a demonym read as one in pass
    1), with the group that names each."""
    chosen = [(g, g.candidates[g.chosen]) for g in groups if g.chosen >= 0]
    return [
        (g, p.country_code)
        for g, p in chosen
        if p.kind in ("country", "demonym") and p.country_code
    ]


def _anchors(groups: list[_Group]) -> list[tuple[_Group, Place, float]]:
    out = []
    for g in groups:
        if g.chosen >= 0 and g.kind == "toponym":
            place = g.candidates[g.chosen]
            if place.kind in ("country", "region", "water"):
                continue  # too large to say where in the country the story is
            out.append((g, place, _confidence(g.scores, g.chosen, g.constraint)))
    return out


_COUNTY_BONUS = 0.8  # LGL full: 0 -> 79.5%, 0.8 -> 81.0%, 1.2 -> 80.9%; GeoWebNews unchanged

# (country, admin1, admin-2 key) -> ids of the groups with a candidate that is that admin-2
# unit ("container") or a place inside it ("member").
_CountyPairs = dict[str, dict[tuple[str, str, str], set[int]]]


def _county_pairs(groups: list[_Group]) -> _CountyPairs:
    """Where the document's names can nest: "Paris ... Henry County" fits Paris, Tennessee in
    Henry County, Tennessee, and no other pair of their candidates. A local paper names the
    county its towns are in, so a pair that nests is strong evidence for both."""
    pairs: _CountyPairs = {"container": defaultdict(set), "member": defaultdict(set)}
    for g in groups:
        if g.kind != "toponym":
            continue
        for p in g.candidates:
            if p.kind == "admin2":
                pairs["container"][(p.country_code, p.admin1, match_key(p.name))].add(id(g))
            elif p.kind in ("populated_place", "admin3") and p.admin2:
                pairs["member"][(p.country_code, p.admin1, match_key(p.admin2))].add(id(g))
    return pairs


def _nests(place: Place, group: _Group, counties: _CountyPairs | None) -> bool:
    if not counties:
        return False
    if place.kind == "admin2":
        ids = counties["member"].get((place.country_code, place.admin1, match_key(place.name)))
    elif place.kind in ("populated_place", "admin3") and place.admin2:
        key = (place.country_code, place.admin1, match_key(place.admin2))
        ids = counties["container"].get(key)
    else:
        return False
    return bool(ids and ids - {id(group)})


# --- scoring --------------------------------------------------------------------------------


def _score(
    group: _Group,
    focus: dict[str, float],
    regions: dict[tuple[str, str], float],
    anchors: list[tuple[Place, float]],
    counties: _CountyPairs | None = None,
    named_countries: set[str] | frozenset[str] = frozenset(),
) -> None:
    cands = group.candidates
    if not cands:
        group.scores, group.chosen = [], -1
        return
    n = len(cands)
    proximity = _proximity(cands, anchors) if anchors else [0.0] * n
    # A bare name shared by a city and the area around it ("Istanbul", "Kyiv") means the city
    # (GeoNames convention, and how news uses it) unless a cue says "region".
    surface_key = match_key(group.surface)
    # Areas named exactly like the mention ("İstanbul" province for "Istanbul"): their seat,
    # the populated place of that name inside them, is what a bare name means.
    seats_of = {
        (p.country_code, match_key(p.name))
        for p in cands
        if p.kind in ("admin1", "admin2", "admin3") and match_key(p.name) == surface_key
    }
    area_countries = {code for code, _ in seats_of}
    seated_areas = {
        (p.country_code, surface_key)
        for p in cands
        if p.kind == "populated_place"
        and (
            (p.country_code, match_key(p.admin1)) in seats_of
            or (p.country_code, match_key(p.admin2)) in seats_of
            or (p.country_code in area_countries and _is_major_city(p))
        )
    }
    seat_bonus = 0.0 if group.hint in _AREA_HINTS else 0.6
    # "EU" is not the French town of Eu: an acronym only matches a name written the same way.
    acronym = group.surface.isupper() and len(group.surface) <= 5
    # "the Red Sea", "Black Sea": a name headed by a water noun means the water body
    water_name = group.surface.split()[-1].lower() in WATER_HEADS and " " in group.surface
    country_regions: Counter[str] = Counter()
    for (code, _), share in regions.items():
        country_regions[code] += share
    scores = []
    for rank, place in enumerate(cands):
        s = _KIND_SCORE.get(place.kind, 0.2) + _FEATURE_CODE_BONUS.get(place.feature_code, 0.0)
        s += 0.7 * min(1.0, math.log10(place.population + 1) / 7.0)
        if place.kind in _UNPEOPLED_KINDS and not place.population:
            s += _AREA_PROMINENCE
        if place.kind == "populated_place" and place.population > 10_000:
            s += _BIG_CITY_BONUS * (math.log10(place.population) - 4.0)
        s += 0.25 * (1.0 - rank / n)  # the gazetteer's own ranking (name match quality, prior)
        s += _hint_agreement(group.hint, place)
        if (place.country_code, match_key(place.name)) in seated_areas and place.kind in (
            "admin1",
            "admin2",
            "admin3",
        ):
            # The area loses against its own seat rather than the seat winning against
            # same-named towns elsewhere (a Brazilian Alexandria with an Alexandria municipality
            # must not beat Alexandria, Egypt).
            s -= seat_bonus
        s += _FOCUS_WEIGHT * focus.get(place.country_code, 0.0)
        if place.kind != "country" and place.country_code in named_countries:
            # The text names this place's country: "Moscow" in a story that says "Russia" is
            # the Russian capital however many American cities the story also names.
            s += _NAMED_COUNTRY_BONUS
        if place.kind in ("country", "admin1") and focus and place.country_code not in focus:
            # A country (or a country's region) that the rest of the document never points at,
            # in a document that points elsewhere, is more likely a namesake's reading
            # ("Georgia" among Atlanta and Texas, the Jamaican parish of Portland).
            s -= _OFF_FOCUS_COUNTRY * max(focus.values())
        if place.kind == "country":  # a country holds all of the document's regions in it
            s += 1.0 * min(1.0, country_regions.get(place.country_code, 0.0))
        elif members := _member_countries(place):
            # "the EU" among France, Belgium and Italy: a union or region made of the
            # document's countries has their focus (the French town of Eu has France's only)
            s += _FOCUS_WEIGHT * min(1.0, sum(focus.get(code, 0.0) for code in members))
        else:
            s += _regional_weight(place) * regions.get((place.country_code, place.admin1), 0.0)
        own_name = match_key(place.name) == surface_key
        if acronym and own_name and place.name != group.surface:
            s -= 0.5  # "EU" abbreviates a longer name; the town of Eu merely shares the letters
        if (
            own_name
            and place.kind in ("country", "admin1")
            and group.hint not in _SETTLEMENT_HINTS
            and not water_name  # "the Red Sea" is not a bare state name
        ):
            # a bare country or state name means the country or state ("China", "California")
            s += 0.8 if place.kind == "country" else 0.4
        if place.name == group.surface or (not acronym and own_name):
            s += 0.35  # the place's own name, not one of its alternate or historic names
        s += 0.9 * proximity[rank]
        if water_name and place.kind == "water":
            s += _WATER_NAME_BONUS
        if _nests(place, group, counties):
            s += _COUNTY_BONUS
        scores.append(s)
    group.scores = scores
    group.chosen = max(range(n), key=scores.__getitem__)


def _member_countries(place: Place) -> frozenset[str]:
    """The countries a region of the gazetteer's tables is made of (the EU's member states,
    the Middle East's countries), or none."""
    if place.kind not in ("region", "demonym"):
        return frozenset()
    place_id = place.place_id.removeprefix("demonym:")
    return _region_countries().get(place_id, frozenset())


@functools.cache
def _region_countries() -> dict[str, frozenset[str]]:
    from geomap.regions import region_members

    return {
        region: frozenset(code.split("-")[0] for code in codes)
        for region, codes in region_members().items()
    }


def _regional_weight(place: Place) -> float:
    """How much the story's admin-1 focus counts for a place. A town known only from the US
    postal list is of unknown size, often a hamlet sharing a famous name ("California", Ohio,
    in an Ohio story listing states): the focus alone should not carry it past the famous one.
    (Ukraine's KATOTTG villages also lack a population, but there the focus is the evidence.)"""
    return _UNSIZED_REGIONAL if place.source == POSTAL_SOURCE else 1.0


def _is_major_city(place: Place) -> bool:
    """Cities a bare name means even when a state shares it (Washington, New York)."""
    return place.population >= 100_000 or place.feature_code in ("PPLC", "PPLA")


def _hint_agreement(hint: str, place: Place) -> float:
    if not hint:
        return 0.0
    if hint in _SETTLEMENT_HINTS:
        return 0.4 if place.kind == "populated_place" else -0.4
    if hint in _AREA_HINTS:
        return 0.5 if place.kind in _AREA_KINDS else -0.5
    return 0.0


def _proximity(cands: list[Place], anchors: list[tuple[Place, float]]) -> list[float]:
    """For each candidate, exp(-d/scale) to the nearest anchor, weighted by its confidence."""
    n, k = len(cands), len(anchors)
    cand_lat = np.fromiter((c.point.lat for c in cands), float, n)
    cand_lon = np.fromiter((c.point.lon for c in cands), float, n)
    anchor_lat = np.fromiter((a.point.lat for a, _ in anchors), float, k)
    anchor_lon = np.fromiter((a.point.lon for a, _ in anchors), float, k)
    weight = np.fromiter((w for _, w in anchors), float, k)
    km = distance_matrix_km(cand_lat, cand_lon, anchor_lat, anchor_lon)
    return (weight * np.exp(-km / _PROXIMITY_SCALE_KM)).max(axis=1).tolist()


def _confidence(scores: list[float], chosen: int, constraint: str) -> float:
    if not scores:
        return 0.0
    # Softmax over candidate scores: a clear winner is near 1, a coin toss near 1/n.
    temperature = 0.3
    top = max(scores)
    weights = [math.exp((s - top) / temperature) for s in scores]
    conf = weights[chosen] / sum(weights)
    if constraint.startswith("stated context") and "matched no" not in constraint:
        conf = 0.5 + 0.5 * conf  # a hard constraint already excluded the homonyms elsewhere
    elif "matched no" in constraint:
        conf *= 0.6
    return round(min(0.99, max(0.01, conf)), 3)


# --- the article's own spatial claims as a tie-breaker --------------------------------------

_CLAIM_MARGIN = 0.3  # candidates within this score of the best are a near tie
_CLAIM_BONUS = 0.5
_DISTANCE_GATE = re.compile(r"\d\s*(?:km|kilomet|mi\b|miles?\b)", re.IGNORECASE)


def _claims_tiebreak(groups: list[_Group], mentions: Sequence[Mention]) -> None:
    """Among near-tied candidates, prefer those that make a distance claim about the name
    consistent ("Vovchansk, 5 km from the Russian border"). Only sentences with a number and a
    distance unit are parsed, so articles without such claims cost nothing."""
    owner = {i: g for g in groups for i in g.mentions}
    parsed_by_sentence: dict[int, list[Any]] = {}
    for group in groups:
        if group.kind != "toponym" or len(group.scores) < 2:
            continue
        top = group.scores[group.chosen]
        close = [i for i, sc in enumerate(group.scores) if sc >= top - _CLAIM_MARGIN]
        if len(close) < 2:
            continue
        for i in group.mentions:
            m = mentions[i]
            if not m.sentence or not _DISTANCE_GATE.search(m.sentence):
                continue
            verdicts = _claim_verdicts(m, group, close, mentions, owner, parsed_by_sentence)
            if verdicts is None:
                continue
            claim_text, fits = verdicts
            for k in fits:
                group.scores[k] += _CLAIM_BONUS
            group.chosen = max(range(len(group.scores)), key=group.scores.__getitem__)
            group.claim_note = f"near tie broken by the article's claim '{claim_text}'"
            break


def _claim_verdicts(
    m: Mention,
    group: _Group,
    close: list[int],
    mentions: Sequence[Mention],
    owner: dict[int, _Group],
    cache: dict[int, list[Any]],
) -> tuple[str, list[int]] | None:
    """(claim text, candidates it fits) for the first distance claim about mention `m` that
    some near-tied candidates satisfy and others contradict; None otherwise."""
    from geomap.claims import claim_consistency, parse_claims

    if m.sentence_start not in cache:
        cache[m.sentence_start] = [c for c in parse_claims(m.sentence) if c.quantity is not None]
    in_sentence = [
        (j, x)
        for j, x in enumerate(mentions)
        if x.sentence_start == m.sentence_start and x.start != m.start
    ]
    countries = [
        owner[j].candidates[owner[j].chosen].country_code
        for j, x in in_sentence
        if owner[j].chosen >= 0 and owner[j].candidates[owner[j].chosen].kind == "country"
    ]
    local_end = m.end - m.sentence_start
    for claim in cache[m.sentence_start]:
        # The claim is about the nearest name before it: no other name between the two.
        if claim.start < local_end or any(
            local_end <= x.start - m.sentence_start < claim.start for _, x in in_sentence
        ):
            continue
        target = _reference_resolution(claim, m, in_sentence, owner)
        scores = {
            k: claim_consistency(
                claim, group.candidates[k], target=target, sentence_countries=countries
            )
            for k in close
        }
        fits = [k for k, v in scores.items() if v == 1.0]
        if fits and any(v == 0.0 for v in scores.values()):
            return claim.text, fits
    return None


def _reference_resolution(
    claim: Any, m: Mention, in_sentence: list[tuple[int, Mention]], owner: dict[int, _Group]
) -> Resolution | None:
    """The current resolution of the place a claim measures from ("20 km from Kharkiv")."""
    if claim.reference_start < 0:
        return None
    start = claim.reference_start + m.sentence_start
    for j, x in in_sentence:
        g = owner[j]
        if x.start <= start < x.end and g.chosen >= 0:
            return Resolution(x, g.candidates[g.chosen], 1.0, "reference of a claim")
    return None


# --- output ---------------------------------------------------------------------------------


def _place_facilities(groups: list[_Group], mentions: Sequence[Mention], lookup: _Lookup) -> None:
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
                g.fallback = _placed_at(g.surface, carried)
                g.fallback_note = f"named after {carried.name}, placed there"
            continue
        first = mentions[g.mentions[0]]
        modifier = g.surface.rsplit(None, 1)[0]
        # the town its name carries: one the article names, or a major city ("Kremenchuk
        # Refinery"); not any village that shares the word ("Royal Street", "Kingsley Road")
        own = chosen_by_key.get(match_key(modifier)) or next(
            (p for p in lookup(modifier) if p.kind == "populated_place" and _is_major_city(p)),
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
        g.fallback = _placed_at(g.surface, town)
        g.fallback_note = f"a facility, placed at the place {where}, {town.name}"


_MAX_NAME_WORDS = 4


def _carried_place(
    surface: str, resolved_by_key: dict[str, Place], lookup: _Lookup
) -> Place | None:
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
                and _is_major_city(top)
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


def _placed_at(surface: str, place: Place) -> Place:
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


def _resolution(mention: Mention, group: _Group, first: bool) -> Resolution:
    if group.chosen < 0:
        if group.fallback is not None:
            how = group.fallback_note or f"placed at its stated container {group.fallback.name}"
            return Resolution(
                mention=mention,
                place=group.fallback,
                confidence=0.2 if group.fallback_note else 0.3,
                rule=(
                    f"not in gazetteer: '{mention.text}'; {how} "
                    f"(uncertainty {group.fallback.uncertainty_km:.0f} km)"
                ),
            )
        context = ", ".join(x for x in (group.context_admin1, group.context_country) if x)
        return Resolution(
            mention=mention,
            place=None,
            confidence=0.0,
            rule=f"not in gazetteer: '{mention.text}'"
            + (f" (context: {context})" if context else "")
            + (f" in: {mention.sentence[:160]}" if mention.sentence else ""),
        )
    place = group.candidates[group.chosen]
    order = sorted(range(len(group.scores)), key=lambda i: -group.scores[i])
    alternatives = tuple(group.candidates[i] for i in order if i != group.chosen)[:MAX_ALTERNATIVES]
    return Resolution(
        mention=mention,
        place=place,
        confidence=_confidence(group.scores, group.chosen, group.constraint),
        rule=_rule(group, place, first),
        alternatives=alternatives,
    )


def _rule(group: _Group, place: Place, first: bool) -> str:
    parts = []
    if group.kind == "demonym":
        parts.append(f"demonym of {place.name}")
    elif group.constraint:
        parts.append(group.constraint)
    if len(group.candidates) == 1:
        parts.append("only candidate")
    elif group.kind != "demonym":
        parts.append(
            f"best of {len(group.candidates)} candidates by document focus, proximity, "
            "feature type and population"
        )
    if group.claim_note:
        parts.append(group.claim_note)
    if not first:
        parts.append("same name resolved earlier in the article")
    return "; ".join(parts)
