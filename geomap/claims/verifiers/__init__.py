"""Claim verifiers, one module per claim kind, found through a registry (registry.py).

    distance.py     "about 6km from the border", "30km north of Kharkiv"
    direction.py    "north of Sumy", "on the outskirts of", "in the north of", "on the X-Y road"
    containment.py  "in the Sumy region", "Swanton, Ohio", "in eastern Ukraine"
    descriptor.py   "the southern Ukrainian city of Kherson"
    length.py       "a 1,000km front line"

`verify_claim` runs the verifier of the claim's kind and then `geomap.claims.candidates.settle`:
an "inconsistent" verdict stands only if it holds for every place the text may mean.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from geomap.claims.parsed import ParsedClaim
from geomap.claims.verifiers import containment, descriptor, direction, distance, length
from geomap.claims.verifiers.base import Context, Inputs, Unverifiable
from geomap.claims.verifiers.measure import NO_FRONTLINE_REASON
from geomap.claims.verifiers.registry import VERIFIERS, register, run
from geomap.records import Claim, Resolution

if TYPE_CHECKING:
    from geomap.geometry import ReferenceLayers, UserLayer

__all__ = [
    "NO_FRONTLINE_REASON",
    "VERIFIERS",
    "Context",
    "Inputs",
    "Unverifiable",
    "register",
    "verify_claim",
    "verify_one",
]
_KINDS = (containment, descriptor, direction, distance, length)  # imported to register them


def verify_one(
    parsed: ParsedClaim,
    place_resolution: Resolution | None,
    reference: ReferenceLayers | None,
    layers: Mapping[str, UserLayer] | None = None,
    *,
    context: Context | None = None,
) -> Claim:
    """The verdict for the place given, without looking at its other candidates."""
    inputs = Inputs(parsed, place_resolution, reference, layers or {}, context or Context())
    return run(inputs)


def verify_claim(
    parsed: ParsedClaim,
    place_resolution: Resolution | None,
    reference: ReferenceLayers | None,
    layers: Mapping[str, UserLayer] | None = None,
    *,
    context: Context | None = None,
) -> Claim:
    """Verify one parsed claim about `place_resolution` against reference geometry and layers;
    an accusation is re-checked over the other places the text may mean."""
    from geomap.claims.candidates import settle

    inputs = Inputs(parsed, place_resolution, reference, layers or {}, context or Context())
    return settle(inputs, run(inputs))
