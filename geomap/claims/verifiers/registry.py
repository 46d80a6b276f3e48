"""The registry of claim verifiers: one function per claim kind, registered by its module.

    @register("distance")
    def verify_distance(inputs: Inputs) -> Claim: ...

`run(inputs)` calls the verifier of the claim's kind and turns `Unverifiable` (something needed
is missing) and unreadable reference data into an "unverifiable" verdict with the reason.
"""

from __future__ import annotations

from collections.abc import Callable

from geomap.claims.verifiers.base import Inputs, Unverifiable, make_claim
from geomap.errors import GeomapError
from geomap.records import Claim

Verifier = Callable[[Inputs], Claim]
VERIFIERS: dict[str, Verifier] = {}


def register(kind: str) -> Callable[[Verifier], Verifier]:
    def add(verifier: Verifier) -> Verifier:
        if kind in VERIFIERS:
            raise ValueError(f"a verifier for {kind!r} claims is already registered")
        VERIFIERS[kind] = verifier
        return verifier

    return add


def run(inputs: Inputs) -> Claim:
    """The verdict of the registered verifier for the claim's kind."""
    verifier = VERIFIERS.get(inputs.parsed.kind)
    try:
        if verifier is None:
            raise Unverifiable(f"no verifier for {inputs.parsed.kind!r} claims")
        return verifier(inputs)
    except Unverifiable as why:
        return make_claim(inputs, why.reference, "unverifiable", why.reason)
    except (OSError, GeomapError) as exc:
        # Reference data missing or unreadable (e.g. an install without the shipped layers):
        # the claim cannot be checked, and the report says why instead of failing the article.
        reason = f"reference geometry unavailable: {exc}"
        return make_claim(inputs, inputs.parsed.reference_kind, "unverifiable", reason)
