"""Containment claims: "Varachyne in the Sumy region", "Vovchansk, Kharkiv Oblast", "Kramatorsk
in eastern Ukraine", "Swanton, Ohio", "Bakhmut in the Donbas region" (a region made of oblasts)."""

from __future__ import annotations

from geomap.claims.countries import country_code_for
from geomap.claims.verifiers.areas import inside_claim, part_of_area_check
from geomap.claims.verifiers.base import (
    Inputs,
    Unverifiable,
    make_claim,
    require_place,
    require_reference,
)
from geomap.claims.verifiers.registry import register
from geomap.records import Claim, Place


@register("containment")
def verify_containment(inputs: Inputs) -> Claim:
    parsed = inputs.parsed
    target = inputs.target_place
    if parsed.reference_kind == "country" or (
        parsed.reference_kind == "area" and target is not None and target.kind == "country"
    ):
        return _in_country(inputs, target)
    label = f"region:{parsed.reference_name}"
    place = require_place(inputs.resolution, label)
    if target is not None and target.place_id == place.place_id:
        raise Unverifiable(
            f"{inputs.resolution.mention.text!r} is placed at {target.name} itself "
            "(the gazetteer does not know it)", label,
        )  # fmt: skip
    country = (target.country_code if target else "") or place.country_code
    region_key = (target.admin1_code or target.admin1 or target.name) if target else ""
    reference = require_reference(inputs.reference, "region")
    shape = None
    if target is not None and target.kind == "admin1":
        shape = reference.admin1_shape(region_key, country)
        label = f"region:{target.name}"
    elif target is not None and target.kind == "region":
        shape = reference.place_shape(target)  # the Donbas: Donetsk and Luhansk oblasts
        label = f"region:{target.name}"
    elif target is not None and target.kind == "admin2":
        # English counties are second-level in GeoNames, first-level in Natural Earth.
        shape = reference.admin1_shape(target.name, country)
        label = f"region:{target.name}"
    if shape is None and parsed.reference_kind == "region":
        shape = reference.admin1_shape(parsed.reference_name, country)
    if shape is None or shape.is_empty:
        if target is not None and target.kind not in ("admin1", "admin2", "region"):
            raise Unverifiable(f"{parsed.reference_name!r} is not a region", label)
        if place.admin1:
            return _by_attribute(inputs, place, label)
        raise Unverifiable(f"no admin-1 geometry for {parsed.reference_name!r}", label)
    if parsed.country_text:
        # "in Ukraine's northeast Sumy region": the direction places the region in the country
        # (the descriptor claim of the same words checks it), not the place in the region.
        return inside_claim(inputs, place, shape, label, "admin1")
    return part_of_area_check(inputs, place, shape, label, "admin1")


def _by_attribute(inputs: Inputs, place: Place, label: str) -> Claim:
    """Without a polygon, compare the gazetteer's admin-1 name (weaker: the reason says so)."""
    stated = inputs.parsed.reference_name.casefold()
    recorded = place.admin1.casefold()
    same = recorded == stated or recorded.startswith(stated + " ") or stated.startswith(recorded)
    verdict = "consistent" if same else "inconsistent"
    reason = (
        f"no admin-1 polygon for {inputs.parsed.reference_name!r}; the gazetteer puts "
        f"{place.name} in {place.admin1!r}"
    )
    return make_claim(inputs, label, verdict, reason)


def _in_country(inputs: Inputs, target: Place | None) -> Claim:
    name = inputs.parsed.reference_name
    code = country_code_for(name) or (target.country_code if target is not None else None)
    label = f"country:{code or name}"
    if code is None:
        raise Unverifiable(f"{name!r} is not a country", label)
    place = require_place(inputs.resolution, label)
    reference = require_reference(inputs.reference, "country")
    shape = reference.country_shape(code)
    if shape is None or shape.is_empty:
        raise Unverifiable(f"no geometry for country {code}", label)
    return part_of_area_check(inputs, place, shape, label, "country")
