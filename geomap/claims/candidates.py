"""No false accusations: an "inconsistent" verdict must hold for every place the text may mean.

A name can stand for many places (Ukraine has some forty Novoselivkas). When the verifier finds a
claim inconsistent for the place the resolver chose, `settle` re-checks it for the other
candidates the text leaves open, for the claim's place and for its reference:

- the resolver's alternatives, unless its choice is settled (confidence >= SETTLED_CONFIDENCE);
- every candidate the gazetteer holds for the name within the context the text states (its
  country, its region), through a `CandidateLookup` (`gazetteer_lookup(gazetteer)`);

keeping candidates of the same sort as the chosen one (a settlement's homonyms, not the region of
the same name, which the words "Kharkiv" and "the Kharkiv region" already tell apart).

If any pair of open candidates satisfies the claim, the verdict is "unverifiable" and the reason
names the candidates that fit. It is "unverifiable" too when the sentence ties the claim to its
place only by proximity (no apposition or bracket), or when the place found for a name is named
otherwise ("Hamas" resolved to Hamm: perhaps no place at all). An accusation also needs a place
the gazetteer surely knows: when the chosen place is not prominent (POPULOUS_PLACE people or
more, a country or a first-level region) and either contradicts the context the text states for
it (a village "in the Kharkiv region" resolved to a namesake abroad) or shares its name with
other places that all contradict the claim too, the gazetteer probably lacks the place the text
means, and the verdict is "unverifiable". Otherwise the accusation stands and its reason lists
the candidates it holds for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from geomap import lexicon
from geomap.claims.parsed import ParsedClaim
from geomap.claims.verifiers.base import CandidateLookup, Inputs
from geomap.claims.verifiers.registry import run
from geomap.records import Claim, Place, Resolution

# The resolver's own choice is settled above this confidence: its alternatives are then not
# readings the text leaves open (they are the region of the same name, or far-off namesakes the
# document's focus excluded).
SETTLED_CONFIDENCE = 0.95
# A place this populous is one any gazetteer knows: a text naming it means it.
POPULOUS_PLACE = 10_000
# At most this many candidates per name are re-checked (the best first).
MAX_CANDIDATES = 15
_AREAS = frozenset({"country", "admin1", "admin2", "region"})
# Words a place's name may carry or drop ("Kharkiv Oblast" = "Kharkiv", "Donetsk City").
_GENERIC_WORDS = re.compile(
    r"\b(?:the|of|city|republic|respublika|"
    + "|".join(re.escape(w) for w in lexicon.entries("region_generics"))
    + r")\b"
)
# Two candidates closer than this are one place entered twice (GeoNames and KATOTTG).
_SAME_PLACE_KM = 2.0


def gazetteer_lookup(gazetteer: Any, limit: int = 25) -> CandidateLookup:
    """A CandidateLookup over a gazetteer's `candidates(name, country=, admin1=, limit=)`,
    cached per name and stated context."""
    cache: dict[tuple[str, str, str], list[Place]] = {}

    def lookup(resolution: Resolution) -> list[Place]:
        m = resolution.mention
        key = (m.text, m.context_country, m.context_admin1)
        if key not in cache:
            cache[key] = list(
                gazetteer.candidates(
                    m.text,
                    country=m.context_country or None,
                    admin1=m.context_admin1 or None,
                    limit=limit,
                )  # fmt: skip
            )
        return cache[key]

    return lookup


def open_candidates(resolution: Resolution | None, lookup: CandidateLookup | None) -> list[Place]:
    """The places the text leaves open for a resolved name, the resolver's choice first."""
    if resolution is None or resolution.place is None:
        return []
    chosen = resolution.place
    found: list[Place] = [chosen]
    if resolution.confidence < SETTLED_CONFIDENCE or context_conflict(resolution):
        found.extend(resolution.alternatives)
        if lookup is not None:
            found.extend(lookup(resolution))
    kept: list[Place] = []
    for place in found:
        if (place.kind in _AREAS) != (chosen.kind in _AREAS):
            continue
        if any(_same_place(place, other) for other in kept):
            continue
        kept.append(place)
        if len(kept) >= MAX_CANDIDATES:
            break
    return kept


def context_conflict(resolution: Resolution) -> str:
    """Why the chosen place contradicts the country or region the text states for the name
    ("" when it does not): the resolver found no such place there and took one elsewhere."""
    place, mention = resolution.place, resolution.mention
    if place is None:
        return ""
    if (
        mention.context_country
        and place.country_code
        and (place.country_code != mention.context_country)
    ):
        return f"the text puts {mention.text} in {mention.context_country}"
    stated = _key(mention.context_admin1)
    if stated and place.kind not in _AREAS:
        recorded = _key(place.admin1)
        if recorded and not (recorded.startswith(stated) or stated.startswith(recorded)):
            return f"the text puts {mention.text} in {mention.context_admin1}"
    return ""


def settle(inputs: Inputs, claim: Claim) -> Claim:
    """The claim's verdict over every open reading of its place and reference (see above)."""
    if claim.verdict != "inconsistent" or inputs.resolution is None:
        return claim
    lookup = inputs.context.lookup
    subjects = open_candidates(inputs.resolution, lookup)
    target = inputs.context.target
    targets: list[Place | None] = list(open_candidates(target, lookup)) or [None]
    fits: list[tuple[Place, Place | None, str]] = []
    for subject in subjects:
        for reference in targets:
            if subject is subjects[0] and reference is targets[0]:
                continue  # the chosen pair: already judged
            verdict = _verdict(inputs, subject, reference)
            if verdict != "inconsistent":
                fits.append((subject, reference, verdict))
    considered = _considered(subjects, targets)
    if fits:
        shown = "; ".join(
            f"{_describe(s)}{' from ' + _describe(t) if t is not None and len(targets) > 1 else ''}"
            f" ({v})"
            for s, t, v in fits[:4]
        )
        return replace(
            claim,
            verdict="unverifiable",
            reason=(
                f"inconsistent for the place chosen, but not for other places the text may mean "
                f"({len(fits)} of {considered}): {shown}; the text does not say which. "
                f"As chosen: {claim.reason}"
            ),
        )
    doubt = (
        _loose_tie(inputs)
        or _part_of_longer_name(inputs.resolution)
        or _name_mismatch(inputs.resolution)
        or _name_mismatch(target)
        or _unknown_place(inputs.resolution, subjects, inputs.parsed)
        or _unknown_place(target, targets)
    )
    if doubt:
        return replace(claim, verdict="unverifiable", reason=f"{doubt}. As chosen: {claim.reason}")
    listed = ", ".join(_describe(p) for p in subjects[:6])
    more = f" and {len(subjects) - 6} more" if len(subjects) > 6 else ""
    return replace(claim, reason=f"{claim.reason}; holds for every candidate considered "
                                 f"({considered}): {listed}{more}")  # fmt: skip


def _loose_tie(inputs: Inputs) -> str:
    if inputs.context.subject_tie != "nearest" or inputs.resolution is None:
        return ""
    return (
        f"the sentence does not tie the claim to {inputs.resolution.mention.text} by its "
        "grammar (it is only the nearest place before the claim)"
    )


# A capitalised word right before a name, on the same line, that is not a possessive or a
# compass word: "Pictured Rocks National Lakeshore", "Royal Navy Portsmouth".
_CAPITALISED_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s(\"“]))([A-Z][\w\-]*)[ \t]+$")


def _part_of_longer_name(resolution: Resolution | None) -> str:
    """The name is the end of a longer capitalised name ("Pictured Rocks National Lakeshore in
    Michigan"): the claim is about the whole name, which the gazetteer did not resolve."""
    if resolution is None:
        return ""
    mention = resolution.mention
    local = mention.start - mention.sentence_start
    if local <= 0 or not mention.sentence:
        return ""
    before = mention.sentence[:local]
    found = _CAPITALISED_WORD_BEFORE.search(before)
    if found is None or found.start(1) == 0:  # the sentence's first word is capitalised anyway
        return ""
    word = found.group(1)
    if word.lower() in lexicon.words("direction_adjectives"):
        return ""
    return (
        f"{mention.text!r} ends a longer name ('{word} {mention.text}' ...): the claim is about "
        "that name, which was not resolved"
    )


def _name_mismatch(resolution: Resolution | None) -> str:
    """The place found for a name is named otherwise ("Hamas" -> Hamm): perhaps no place at all.
    Romanisations agree ("Kharkov" = Kharkiv, "Gorlovka" = Horlivka, "KOLKATA" = Kolkata)."""
    if resolution is None or resolution.place is None:
        return ""
    written, found = resolution.mention.text, resolution.place.name
    if _skeleton(written) == _skeleton(found):
        return ""
    return f"the place found for {written!r} is named {found!r}: the name may not mean it"


def _skeleton(name: str) -> str:
    """Consonants of a name, romanisation-insensitive, without generic words."""
    from unidecode import unidecode

    key = unidecode(name).lower()
    key = _GENERIC_WORDS.sub(" ", key)
    key = re.sub(r"[^a-z]", "", key).replace("kh", "h").replace("zh", "z").replace("g", "h")
    key = re.sub(r"[aeiouy]", "", key)
    return re.sub(r"(.)\1+", r"\1", key)


def _unknown_place(
    resolution: Resolution | None,
    candidates: Sequence[Place | None],
    parsed: ParsedClaim | None = None,
) -> str:
    """Why the place the text means may be missing from the gazetteer ("" when it is known):
    the chosen place contradicts the context the text states for the name (a containment claim
    states it: "Thruxton, Hampshire"), or several places share the name and all contradict the
    claim; either way not a prominent place."""
    if resolution is None or resolution.place is None or _prominent(resolution.place):
        return ""
    name = resolution.mention.text
    conflict = context_conflict(resolution)
    if not conflict and parsed is not None and parsed.kind == "containment":
        conflict = f"the text puts {name} in {parsed.reference_name}"
    if conflict:
        return (
            f"{conflict}, but the gazetteer holds no {name} there: the place the text means is "
            f"probably missing, and {_describe(resolution.place)} is another place"
        )
    places = [p for p in candidates if p is not None]
    if len(places) > 1:
        return (
            f"all {len(places)} places named {name} that the gazetteer holds contradict the "
            f"claim ({', '.join(_describe(p) for p in places[:4])}): the one the text means is "
            "probably missing from it"
        )
    return ""


def _verdict(inputs: Inputs, subject: Place, reference: Place | None) -> str:
    assert inputs.resolution is not None
    context = inputs.context
    target = context.target
    if target is not None and reference is not None:
        target = replace(target, place=reference)
    trial = replace(
        inputs,
        resolution=replace(inputs.resolution, place=subject),
        context=replace(context, target=target),
    )
    return run(trial).verdict


def _considered(subjects: Sequence[Place], targets: Sequence[Place | None]) -> str:
    pairs = len(subjects) * len(targets)
    if len(targets) > 1:
        return f"{pairs} pairs of {len(subjects)} places and {len(targets)} references"
    return f"{len(subjects)} place{'s' if len(subjects) != 1 else ''}"


def _describe(place: Place) -> str:
    where = ", ".join(x for x in (place.admin1, place.country_code) if x)
    return f"{place.name} ({where}; {place.point.lat:.2f}, {place.point.lon:.2f})"


def _prominent(place: Place) -> bool:
    return place.kind in ("country", "admin1") or place.population >= POPULOUS_PLACE


def _same_place(a: Place, b: Place) -> bool:
    if a.place_id == b.place_id:
        return True
    from geomap.geometry import geodesic_km

    return a.kind == b.kind and geodesic_km(a.point, b.point) < _SAME_PLACE_KM


def _key(name: str) -> str:
    """'Kharkiv Oblast' / "Kharkivs'ka oblast'" -> 'kharkiv'."""
    name = _GENERIC_WORDS.sub("", name.lower())
    return re.sub(r"[^a-z]", "", name)[:6]
