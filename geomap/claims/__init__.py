"""Spatial claims: find them in an article, tie them to resolved places, verify them.

    extract_claims(article, resolutions, layers=None, reference=None) -> list[Claim]
    parse_claims(text) -> list[ParsedClaim]              # pure text, no geometry
    verify_claim(parsed, place_resolution, reference, layers, context=...) -> Claim
    claim_consistency(parsed, candidate_place, reference, ...) -> float | None   # for the resolver

The subject of a claim (the place it is about) is chosen in `extract_claims`: for distances and
directions the most specific place named in the sentence before the claim ("captured the
settlement of Varachyne in Ukraine's northeast Sumy region, about 6km from the border" is about
Varachyne, a settlement, not the region); for containment the place named right before it
("Varachyne in the Sumy region"); for descriptors the place the descriptor names ("the southern
Ukrainian city of Kherson").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from geomap.claims.countries import country_code_for, country_codes_in
from geomap.claims.parse import ParsedClaim, parse_claims, parse_sentence
from geomap.claims.verify import Context, verify_claim
from geomap.doc import Doc, make_doc
from geomap.records import Article, Claim, Mention, Place, Resolution

if TYPE_CHECKING:
    from geomap.geometry import ReferenceLayers, UserLayer

__all__ = [
    "ParsedClaim",
    "claim_consistency",
    "extract_claims",
    "parse_claims",
    "sentence_claims",
    "verify_claim",
]

# How specific a place is, for choosing a claim's subject: a settlement beats its region.
_SPECIFICITY = {
    "populated_place": 4, "admin3": 3, "landform": 3, "water": 2, "other": 3, "admin2": 2,
    "admin1": 1, "region": 1, "country": 0, "demonym": -1,
}  # fmt: skip
_SETTLEMENT_HINTS = {"city", "town", "village", "settlement", "hamlet", "port", "capital"}
# Words allowed between a place and "in the X region" for the region to be about that place.
_CONTAINMENT_GAP = re.compile(
    r"^[\s,]*(?:(?:which|that|is|was|are|were|lies|lay|located|situated|based|also)\s+)*$",
    re.IGNORECASE,
)


def sentence_claims(doc: Doc, index: int) -> list[ParsedClaim]:
    """The claims parsed in sentence `index` of `doc` (offsets into the sentence), parsed once
    per Doc whoever asks first (the resolver's tie-breaker or the verifier)."""
    parsed: dict[int, list[ParsedClaim]] = doc.memo("claims.parsed", dict)
    found = parsed.get(index)
    if found is None:
        found = parsed[index] = parse_sentence(doc.sentences[index].text)
    return found


def extract_claims(
    source: Article | Doc,
    resolutions: Sequence[Resolution],
    layers: Mapping[str, UserLayer] | None = None,
    reference: ReferenceLayers | None = None,
) -> list[Claim]:
    """Every spatial claim in the article with its verdict (see module docstring)."""
    doc = make_doc(source)
    article = doc.article
    if reference is None:
        reference = default_reference()
    article_countries = _countries_in(article.text, resolutions, 0, len(article.text))
    claims: list[Claim] = []
    # Mentions in text order, found per sentence by bisection: a long article stays linear.
    ordered = sorted(resolutions, key=lambda r: r.mention.start)
    starts = [r.mention.start for r in ordered]
    for index, sentence in enumerate(doc.sentences):
        parsed_claims = sentence_claims(doc, index)
        if not parsed_claims:
            continue
        nearby = ordered[
            bisect.bisect_left(starts, sentence.start) : bisect.bisect_left(starts, sentence.end)
        ]
        in_sentence = [r for r in nearby if r.mention.end <= sentence.end]
        sentence_countries = _countries_in(article.text, nearby, sentence.start, sentence.end)
        for parsed in parsed_claims:
            subject = choose_subject(parsed, in_sentence, sentence.start, sentence.text)
            if subject is _SKIP:
                continue
            target = choose_target(parsed, in_sentence, resolutions, sentence.start)
            if not _is_claim_about_geography(parsed, subject, target):
                continue
            context = Context(
                target=target,
                sentence_countries=sentence_countries,
                article_countries=article_countries,
                sentence=sentence.text,
                offset=sentence.start,
            )
            claims.append(verify_claim(parsed, subject, reference, layers, context=context))
    return claims


_SKIP = Resolution(
    mention=Mention(text="", start=-1, end=-1, sentence="", sentence_start=-1),
    place=None,
    confidence=0.0,
    rule="no subject: not a claim",
)


def choose_subject(
    parsed: ParsedClaim,
    in_sentence: Sequence[Resolution],
    sentence_start: int,
    sentence_text: str,
) -> Resolution | None:
    """The resolution the claim is about; None (verified as unverifiable) or _SKIP (no claim)."""
    relative = [
        (r, r.mention.start - sentence_start, r.mention.end - sentence_start) for r in in_sentence
    ]
    if parsed.kind == "descriptor":
        for r, start, end in relative:
            if start < parsed.subject_end and parsed.subject_start < end:
                return r
        return _SKIP  # the descriptor names no place mention: not a geographic claim
    if parsed.kind == "length":
        return None  # "a 1,000km front line" is about the line, not a place
    reference_span = (parsed.reference_start, parsed.reference_end)
    if parsed.kind == "containment":
        before = [
            (r, s, e)
            for r, s, e in relative
            if e <= parsed.start and not _overlap((s, e), reference_span)
        ]
        if not before:
            return _SKIP
        r, _, end = max(before, key=lambda t: t[2])
        if not _CONTAINMENT_GAP.match(sentence_text[end : parsed.start]):
            return _SKIP  # "the war in Ukraine": nothing named right before the claim
        return r
    candidates = [
        (r, s, e)
        for r, s, e in relative
        if not _overlap((s, e), reference_span)
        and not _overlap((s, e), parsed.span)
        and r.mention.kind != "demonym"
    ]
    before = [t for t in candidates if t[2] <= parsed.start]
    if before:
        return max(before, key=lambda t: (_specificity(t[0]), t[1]))[0]
    after = [t for t in candidates if t[1] >= parsed.end]
    if after:
        return min(after, key=lambda t: (-_specificity(t[0]), t[1]))[0]
    return None


def choose_target(
    parsed: ParsedClaim,
    in_sentence: Sequence[Resolution],
    resolutions: Sequence[Resolution],
    sentence_start: int,
) -> Resolution | None:
    """The resolution of the name the claim measures against ("Kharkiv", "the Sumy region")."""
    if parsed.reference_start < 0 or parsed.reference_kind not in ("place", "region", "country"):
        return None
    span = (parsed.reference_start + sentence_start, parsed.reference_end + sentence_start)
    overlapping = [r for r in in_sentence if _overlap((r.mention.start, r.mention.end), span)]
    if overlapping:
        return max(
            overlapping, key=lambda r: (r.place is not None, r.mention.end - r.mention.start)
        )
    name = parsed.reference_name.casefold()
    same_name = [
        r
        for r in resolutions
        if r.place is not None
        and (r.mention.text.casefold() == name or r.mention.text.casefold().startswith(name + " "))
    ]
    if same_name:
        # The nearest earlier mention of the same name, else the first later one.
        earlier = [r for r in same_name if r.mention.start < span[0]]
        return earlier[-1] if earlier else same_name[0]
    return None


def _is_claim_about_geography(parsed: ParsedClaim, subject, target) -> bool:
    """Drop pattern matches that are not claims: "talks with Russia in Istanbul"."""
    if parsed.kind == "containment" and parsed.reference_kind == "country":
        return country_code_for(parsed.reference_name) is not None
    if parsed.kind == "containment" and parsed.reference_kind == "region":
        # "in the Islamic State": no place mention under the name, so no claim about a region.
        if target is None:
            return False
        return target.place is None or target.place.kind in ("admin1", "admin2", "region")
    if parsed.kind == "descriptor" and parsed.country_text:
        return country_code_for(parsed.country_text) is not None
    if parsed.kind in ("direction",) and target is None:
        # "north of Sumy" needs Sumy to be a place mention; otherwise it is not about a place.
        return subject is not None
    return True


def _specificity(resolution: Resolution) -> int:
    if resolution.place is not None:
        return _SPECIFICITY.get(resolution.place.kind, 2)
    hint = (resolution.mention.feature_hint or "").lower()
    return 4 if hint in _SETTLEMENT_HINTS else 2


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _countries_in(text: str, resolutions: Sequence[Resolution], start: int, end: int) -> list[str]:
    """ISO codes of countries named between start and end, in order of first appearance."""
    found: list[tuple[int, str]] = []
    for r in resolutions:
        if start <= r.mention.start < end and r.place is not None and r.place.kind == "country":
            found.append((r.mention.start, r.place.country_code))
        elif start <= r.mention.start < end and r.mention.context_country:
            found.append((r.mention.start, r.mention.context_country))
    found.extend((start + offset, code) for offset, code in country_codes_in(text[start:end]))
    ordered: list[str] = []
    for _, code in sorted(found):
        if code and code not in ordered:
            ordered.append(code)
    return ordered


def claim_consistency(
    parsed: ParsedClaim,
    candidate_place: Place,
    reference: ReferenceLayers | None = None,
    layers: Mapping[str, UserLayer] | None = None,
    *,
    target: Resolution | None = None,
    sentence_countries: Sequence[str] = (),
) -> float | None:
    """How well a candidate place for an ambiguous name fits a claim about it.

    1.0 when the claim is consistent with the candidate, 0.0 when inconsistent, None when the
    claim cannot tell (no geometry, unresolved reference, a number that is no distance). The
    resolver can prefer candidates with a higher score and say so in its rule.
    """
    if reference is None:
        reference = default_reference()
    mention = Mention(text=candidate_place.name, start=-1, end=-1, sentence="", sentence_start=-1)
    resolution = Resolution(mention, candidate_place, 1.0, "candidate under test")
    context = Context(target=target, sentence_countries=sentence_countries)
    claim = verify_claim(parsed, resolution, reference, layers, context=context)
    if claim.verdict == "consistent":
        return 1.0
    if claim.verdict == "inconsistent":
        return 0.0
    return None


_DEFAULT_REFERENCE: list = []


def default_reference() -> ReferenceLayers | None:
    """The shipped reference layers, loaded once; None when the geometry module is unavailable."""
    if not _DEFAULT_REFERENCE:
        try:
            from geomap.geometry import ReferenceLayers

            _DEFAULT_REFERENCE.append(ReferenceLayers.default())
        except ImportError:
            return None
    return _DEFAULT_REFERENCE[0]
