"""What the rest of the document says about where a name is.

The evidence one name gets from the others: which countries and first-level regions the
article is about (its focus), the places already chosen for the other names (anchors, and those
of the same sentence), the countries it names outright, and the county/town pairs that nest
("Paris ... Henry County": Paris, Tennessee). Computed twice: before any choice (names alone),
then with the first pass's choices as anchors. A name is never evidence for itself.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from geomap.records import Mention, Place
from geomap.resolve.colocation import colocation_support
from geomap.resolve.group import Group
from geomap.toponyms.index import match_key

# (country, admin1, admin-2 key) -> ids of the groups with a candidate that is that admin-2
# unit ("container") or a place inside it ("member").
CountyPairs = dict[str, dict[tuple[str, str, str], set[int]]]
Anchor = tuple[Place, float]  # a chosen place and the confidence in it


@dataclass(slots=True)
class Evidence:
    """The document's evidence as seen by one group."""

    focus: dict[str, float] = field(default_factory=dict)  # country -> share of the evidence
    regions: dict[tuple[str, str], float] = field(default_factory=dict)  # (cc, admin1) -> share
    anchors: list[Anchor] = field(default_factory=list)  # the other names' chosen places
    sentence_anchors: list[Anchor] = field(default_factory=list)  # ... in the same sentence
    counties: CountyPairs | None = None
    named_countries: frozenset[str] = frozenset()  # named outright elsewhere in the text
    colocation: np.ndarray | None = None  # per candidate: support from the other names' places


def softmax(scores: np.ndarray) -> np.ndarray:
    z = np.exp(scores - scores.max())
    return z / z.sum()


def first_pass(mentions: Sequence[Mention], groups: list[Group]) -> Callable[[Group], Evidence]:
    """Evidence from the names alone, before anything is chosen."""
    focus = _country_shares(_country_counts(mentions, groups, []), [])
    regions = _shares(_region_counts(groups, []), [])
    shared = Evidence(focus=focus, regions=regions)
    return lambda group: shared


def second_pass(
    mentions: Sequence[Mention], groups: list[Group], confidence: Callable[[Group], float]
) -> Callable[[Group], Evidence]:
    """Evidence with the first pass's choices: anchors, focus and named countries without the
    group's own contribution."""
    anchors = _anchors(groups, confidence)
    country_counts = _country_counts(mentions, groups, anchors)
    region_counts = _region_counts(groups, anchors)
    counties = _county_pairs(groups)
    named = _named_countries(groups)
    colocation = colocation_support(
        groups, {id(g): softmax(np.asarray(g.scores)) for g in groups if g.scores}
    )
    sentences_of = {id(g): {mentions[i].sentence_start for i in g.mentions} for g in groups}

    def evidence(group: Group) -> Evidence:
        others = [(p, w) for g, p, w in anchors if g is not group]
        own = [(p, w) for g, p, w in anchors if g is group]
        mine = sentences_of[id(group)]
        return Evidence(
            focus=_country_shares(country_counts, own),
            regions=_shares(region_counts, own),
            anchors=others,
            sentence_anchors=[
                (p, w) for g, p, w in anchors if g is not group and sentences_of[id(g)] & mine
            ],
            counties=counties,
            named_countries=frozenset(code for g, code in named if g is not group),
            colocation=colocation.get(id(group)),
        )

    return evidence


def _country_shares(counts: Counter[str], without: list[Anchor]) -> dict[str, float]:
    # A country name's own mentions stay in its focus: repeated, they make it the story's
    # subject ("China" ten times in an American paper is not China, Maine).
    if without:
        counts = counts.copy()
        for place, weight in without:
            counts[place.country_code] -= 0.5 * weight
    total = sum(v for v in counts.values() if v > 0)
    return {c: v / total for c, v in counts.items() if v > 0 and c} if total else {}


def _country_counts(
    mentions: Sequence[Mention], groups: list[Group], anchors: list[tuple[Group, Place, float]]
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


def _country_evidence(g: Group) -> tuple[str, float] | None:
    """The country a name points at by itself, and how strongly: a country or demonym fully,
    a name whose every candidate is in one country half."""
    if not g.candidates:
        return None
    n, top = len(g.mentions), g.candidates[0]
    if g.kind == "demonym" or (top.kind == "country" and not rival_area(g.candidates)):
        return top.country_code, float(n)
    if len({p.country_code for p in g.candidates}) == 1:
        return top.country_code, 0.5 * n
    return None


def _region_counts(
    groups: list[Group], anchors: list[tuple[Group, Place, float]]
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
    counts: Counter[tuple[str, str]], without: list[Anchor]
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


def rival_area(cands: list[Place]) -> bool:
    """Whether a country name is also an admin area elsewhere ("Georgia"): then the name alone
    says nothing about the document's focus."""
    top = cands[0]
    return any(
        p.kind in ("country", "admin1") and p.country_code != top.country_code for p in cands[1:]
    )


def _named_countries(groups: list[Group]) -> list[tuple[Group, str]]:
    """Countries the document names outright (a country name or a demonym read as one in pass
    1), with the group that names each."""
    chosen = [(g, g.candidates[g.chosen]) for g in groups if g.chosen >= 0]
    return [
        (g, p.country_code)
        for g, p in chosen
        if p.kind in ("country", "demonym") and p.country_code
    ]


def _anchors(
    groups: list[Group], confidence: Callable[[Group], float]
) -> list[tuple[Group, Place, float]]:
    out = []
    for g in groups:
        if g.chosen >= 0 and g.kind == "toponym":
            place = g.candidates[g.chosen]
            if place.kind in ("country", "region", "water"):
                continue  # too large to say where in the country the story is
            out.append((g, place, confidence(g)))
    return out


def _county_pairs(groups: list[Group]) -> CountyPairs:
    """Where the document's names can nest: "Paris ... Henry County" fits Paris, Tennessee in
    Henry County, Tennessee, and no other pair of their candidates. A local paper names the
    county its towns are in, so a pair that nests is strong evidence for both."""
    pairs: CountyPairs = {"container": defaultdict(set), "member": defaultdict(set)}
    for g in groups:
        if g.kind != "toponym":
            continue
        for p in g.candidates:
            if p.kind == "admin2":
                pairs["container"][(p.country_code, p.admin1, match_key(p.name))].add(id(g))
            elif p.kind in ("populated_place", "admin3") and p.admin2:
                pairs["member"][(p.country_code, p.admin1, match_key(p.admin2))].add(id(g))
    return pairs


def nests(place: Place, group: Group, counties: CountyPairs | None) -> bool:
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


def member_countries(place: Place) -> frozenset[str]:
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
