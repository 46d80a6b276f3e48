"""Claims of an article: parsed once per sentence, tied to the resolved places, verified."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from geomap.claims.countries import country_code_for, country_codes_in
from geomap.claims.parse import parse_sentence
from geomap.claims.parsed import ParsedClaim
from geomap.claims.subject import SKIP, choose_subject, choose_target, coordinated_subjects
from geomap.claims.verifiers import Context, verify_claim, verify_one
from geomap.claims.verifiers.base import CandidateLookup
from geomap.doc import Doc, make_doc
from geomap.records import Article, Claim, Mention, Place, Resolution

if TYPE_CHECKING:
    from geomap.geometry import ReferenceLayers, UserLayer

_AREA_KINDS = ("admin1", "admin2", "region")


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
    lookup: CandidateLookup | None = None,
) -> list[Claim]:
    """Every spatial claim in the article with its verdict.

    `lookup` gives every candidate of a name (`geomap.claims.candidates.gazetteer_lookup`):
    with it, an accusation is re-checked over all the places the text may mean, not only over
    the resolver's alternatives."""
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
            if parsed.kind == "axis":
                continue  # "the Pokrovsk direction" names no direction: no verdict
            others = [c for c in parsed_claims if c is not parsed]
            subject, how = choose_subject(
                parsed, in_sentence, sentence.start, sentence.text, others
            )
            if subject is SKIP:
                continue
            target = choose_target(parsed, in_sentence, resolutions, sentence.start)
            if not _is_claim_about_geography(parsed, subject, target):
                continue
            context = Context(
                target=target,
                target2=choose_target(parsed, in_sentence, resolutions, sentence.start, True)
                if parsed.reference_kind == "road"
                else None,
                sentence_countries=sentence_countries,
                article_countries=article_countries,
                sentence=sentence.text,
                offset=sentence.start,
                lookup=lookup,
                subject_tie=how,
            )
            subjects = [subject]
            if subject is not None:
                subjects += coordinated_subjects(
                    subject, parsed, in_sentence, sentence.start, sentence.text
                )
            for about in subjects:
                claims.append(verify_claim(parsed, about, reference, layers, context=context))
    return claims


def _is_claim_about_geography(parsed: ParsedClaim, subject, target) -> bool:
    """Drop pattern matches that are not claims: "talks with Russia in Istanbul"."""
    if parsed.kind == "containment" and parsed.reference_kind == "country":
        return country_code_for(parsed.reference_name) is not None
    if parsed.kind == "containment" and parsed.reference_kind == "region":
        # "in the Islamic State": no place mention under the name, so no claim about a region.
        if target is None:
            return False
        return target.place is None or target.place.kind in ("admin1", "admin2", "region")
    if parsed.kind == "containment" and parsed.reference_kind == "area":
        # "Swanton, Ohio": a claim only when the name after the comma is a first-level region or
        # a country, and the place before it is neither (not "Kyiv, Ukraine, Russia").
        if target is None or target.place is None or target.mention.kind == "demonym":
            return False
        if target.place.kind not in ("admin1", "admin2", "country"):
            return False
        if "open" in parsed.notes and target.place.kind == "country":
            return False  # "In Kharkiv, Russia launched ...": a clause, not a place's country
        place = subject.place if subject is not None else None
        return place is None or place.kind not in ("admin1", "country", "region")
    if parsed.kind == "descriptor" and parsed.country_text:
        return country_code_for(parsed.country_text) is not None
    if parsed.kind == "direction" and target is None and parsed.reference_kind != "road":
        # "north of Sumy" needs Sumy to be a place mention; otherwise it is not about a place.
        return subject is not None
    return True


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
    claim = verify_one(parsed, resolution, reference, layers, context=context)
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
