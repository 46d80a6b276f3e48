"""Spatial claims: find them in an article, tie them to resolved places, verify them.

    extract_claims(article, resolutions, layers=None, reference=None, lookup=None) -> [Claim]
    parse_claims(text) -> list[ParsedClaim]                # pure text, no geometry
    sentence_claims(doc, i) -> list[ParsedClaim]            # parsed once per Doc sentence
    verify_claim(parsed, place_resolution, reference, layers, context=...) -> Claim
    claim_consistency(parsed, candidate_place, reference, ...) -> float | None  # for the resolver
    gazetteer_lookup(gazetteer) -> CandidateLookup          # every candidate of a name

Modules: parse.py (and parse_quantified / parse_relations / parse_areas: the finders),
quantities.py (numbers, hedges, units), subject.py (which place a claim is about), extract.py
(the article pass), verifiers/ (one verifier per claim kind, in a registry), candidates.py (an
accusation must hold for every place the text may mean), patterns.py (regular-expression pieces
over the word lists of geomap/data/lexicon/, read through geomap.lexicon), countries.py,
frontline.py.
"""

from __future__ import annotations

from geomap.claims.candidates import gazetteer_lookup
from geomap.claims.extract import (
    claim_consistency,
    default_reference,
    extract_claims,
    sentence_claims,
)
from geomap.claims.parse import parse_claims, parse_sentence
from geomap.claims.parsed import ParsedClaim
from geomap.claims.verifiers import Context, verify_claim
from geomap.claims.verifiers.base import CandidateLookup

__all__ = [
    "CandidateLookup",
    "Context",
    "ParsedClaim",
    "claim_consistency",
    "default_reference",
    "extract_claims",
    "gazetteer_lookup",
    "parse_claims",
    "parse_sentence",
    "sentence_claims",
    "verify_claim",
]
