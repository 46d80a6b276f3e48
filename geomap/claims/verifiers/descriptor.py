"""Descriptor claims: "the southern Ukrainian city of Kherson", "eastern Ukraine's Donetsk
region", "the eastern city of Kharkiv" (the country is then the place's own)."""

from __future__ import annotations

from geomap.claims.countries import country_code_for
from geomap.claims.verifiers.areas import part_of_area_check
from geomap.claims.verifiers.base import (
    Inputs,
    Unverifiable,
    country_of,
    require_place,
    require_reference,
)
from geomap.claims.verifiers.registry import register
from geomap.records import Claim


@register("descriptor")
def verify_descriptor(inputs: Inputs) -> Claim:
    parsed = inputs.parsed
    code = country_code_for(parsed.country_text) if parsed.country_text else None
    place = require_place(inputs.resolution, f"country:{code or parsed.country_text}")
    if parsed.country_text and code is None:
        raise Unverifiable(f"{parsed.country_text!r} is not a country", "country:")
    reference = require_reference(inputs.reference, "country")
    code = code or country_of(place, reference)
    if not code:
        raise Unverifiable(f"{place.name} is not inside any country", "country:")
    shape = reference.country_shape(code)
    if shape is None or shape.is_empty:
        raise Unverifiable(f"no geometry for country {code}", f"country:{code}")
    return part_of_area_check(inputs, place, shape, f"country:{code}", "country")
