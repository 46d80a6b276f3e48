"""Finding spatial claims in text: pure pattern work, no geometry, no gazetteer.

`parse_claims(text)` returns every claim it recognises with exact character offsets:

- distance    "about 6km (3.7 miles) from the border", "30km north of Kharkiv", "within 5 miles of
              the front line", "more than 1,100 km from the border", "20km from the coast",
              "15 km from the Kostiantynivka-Pokrovsk road", "10 km from the Kharkiv region"
- direction   "north of Sumy", "on the western outskirts of Kharkiv", "in the north of
              Horlivka", "on the Kostiantynivka-Pokrovsk road"
- containment "Varachyne in the Sumy region", "Vovchansk, Kharkiv Oblast", "X (Donetsk
              region)", "Kramatorsk in eastern Ukraine", "Swanton, Ohio"
- descriptor  "the southern Ukrainian city of Kherson", "eastern Ukraine's Donetsk region"
- length      "a 1,000km (620-mile) front line", "a 20km buffer zone"
- axis        "the Pokrovsk direction": parsed, never verified (it states no direction)

The finders live in parse_quantified.py, parse_relations.py and parse_areas.py; this module runs
them over a sentence and settles overlaps. A ParsedClaim names its reference in words ("the
Russian border", "Kharkiv"); tying those words to places is `geomap.claims.extract`'s job.
"""

from __future__ import annotations

from geomap.claims import parse_areas, parse_quantified, parse_relations
from geomap.claims.parse_areas import containment_claims, descriptor_claims
from geomap.claims.parse_quantified import distance_claims, length_claims
from geomap.claims.parse_relations import axis_claims, cues_in, relation_claims
from geomap.claims.parsed import ClaimKind, ParsedClaim
from geomap.claims.patterns import compass_abbreviation

__all__ = ["ClaimKind", "ParsedClaim", "compass_abbreviation", "parse_claims", "parse_sentence"]


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
        claims.extend(claim.shifted(sentence.start) for claim in _parse_sentence(sentence.text))
    return sorted(_dedupe(claims), key=_order)


def parse_sentence(text: str) -> list[ParsedClaim]:
    """The claims of one sentence (offsets into `text`), in text order."""
    return sorted(_dedupe(_parse_sentence(text)), key=_order)


def _order(claim: ParsedClaim) -> tuple[int, int, str]:
    return claim.start, claim.end, claim.kind


# Every finder's cues, looked for once per sentence.
_CUES = {
    name: cue
    for module in (parse_quantified, parse_relations, parse_areas)
    for name, cue in module.CUES.items()
}


def _parse_sentence(text: str) -> list[ParsedClaim]:
    claims: list[ParsedClaim] = []
    taken: list[tuple[int, int]] = []
    present = cues_in(text, _CUES)
    if "quantity" in present:
        for claim in distance_claims(text):
            claims.append(claim)
            taken.append(claim.span)
        for claim in length_claims(text):
            if not _overlaps(claim.span, taken):
                claims.append(claim)
                taken.append(claim.span)
    for claim in relation_claims(text, present):
        if not _overlaps(claim.span, taken):
            claims.append(claim)
            taken.append(claim.span)
    claims.extend(c for c in axis_claims(text, present) if not _overlaps(c.span, taken))
    containment = containment_claims(text, present)
    named_regions = [c.reference_span for c in containment if c.reference_kind == "region"]
    # "Vovchansk, Kharkiv Oblast" is a region claim; the same words are no second "area" claim.
    claims.extend(
        c for c in containment
        if c.reference_kind != "area" or not _overlaps(c.reference_span, named_regions)
    )  # fmt: skip
    claims.extend(descriptor_claims(text, present))
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
