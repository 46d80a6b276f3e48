"""Direction claims without a number: "north of Sumy" (compass), "on the [western] outskirts of
Kharkiv" (outskirts), "in the north of Horlivka" / "in the south of the Donetsk region" (part),
"on the Kostiantynivka-Pokrovsk road" (along)."""

from __future__ import annotations

from geomap.claims.patterns import compass_degrees
from geomap.claims.verifiers.areas import part_of_area_check
from geomap.claims.verifiers.base import (
    AREA_KINDS,
    Inputs,
    Unverifiable,
    km_text,
    make_claim,
    require_place,
    require_reference,
)
from geomap.claims.verifiers.compass import HALF_SECTOR_DEG, direction_check
from geomap.claims.verifiers.measure import measure_road
from geomap.claims.verifiers.registry import register
from geomap.records import Claim, Place

# "On the outskirts of" a place: within this radius of its centre, by population (the last
# row is for places of known population under 50,000).
OUTSKIRTS_RADIUS_KM = ((2_000_000, 30.0), (500_000, 20.0), (50_000, 10.0), (0, 5.0))
# "On the X-Y road": within this many km of the road (besides the road's own wander).
ON_ROAD_KM = 3.0


@register("direction")
def verify_direction(inputs: Inputs) -> Claim:
    parsed = inputs.parsed
    label = f"place:{parsed.reference_name}"
    place = require_place(inputs.resolution, label)
    if parsed.relation == "along":
        return _along_road(inputs, place)
    target = inputs.target_place
    if target is None:
        raise Unverifiable(f"{parsed.reference_name!r} is not resolved to a place", label)
    if target.place_id == place.place_id:
        raise Unverifiable("the claim's place and its reference are the same place", label)
    label = f"place:{target.name}"
    if parsed.relation == "outskirts":
        return _outskirts(inputs, place, target, label)
    if parsed.relation == "part":
        return _part(inputs, place, target)
    verdict, measured, reason = direction_check(parsed.direction, target, place)
    from geomap.geometry import geodesic_km

    return make_claim(
        inputs, label, verdict, reason, measured_km=geodesic_km(target.point, place.point),
        nearest=target.point, direction_measured=measured,
    )  # fmt: skip


def town_radius_km(place: Place) -> float:
    """How far from its centre a town's outskirts reach, by its population; a town whose
    population the gazetteer does not know may be a city: the largest radius."""
    if place.population <= 0:
        return OUTSKIRTS_RADIUS_KM[0][1]
    return next(r for population, r in OUTSKIRTS_RADIUS_KM if place.population >= population)


def _outskirts(inputs: Inputs, place: Place, target: Place, label: str) -> Claim:
    """Within the town's radius (plus both positions' uncertainty); on the stated side of it
    (HALF_SECTOR_DEG) when a side is named ("the western outskirts")."""
    from geomap.geometry import geodesic_km

    km = geodesic_km(target.point, place.point)
    radius = town_radius_km(target)
    tolerance = place.uncertainty_km + target.uncertainty_km
    verdict = "consistent" if km <= radius + tolerance else "inconsistent"
    reason = (
        f"{place.name} is {km_text(km)} from the centre of {target.name}; 'outskirts' allows up "
        f"to {km_text(radius)} for a place of population {target.population:,} plus position "
        f"uncertainty {km_text(tolerance)}"
    )
    measured = "outskirts"
    direction = inputs.parsed.direction
    if direction in compass_degrees():
        side, measured, side_reason = direction_check(direction, target, place, HALF_SECTOR_DEG)
        reason += f"; side: {side_reason}"
        if side == "inconsistent":
            verdict = "inconsistent"
    return make_claim(
        inputs, label, verdict, reason, measured_km=km, tolerance_km=tolerance,
        stated_max=radius, nearest=target.point, direction_measured=measured,
    )  # fmt: skip


def _part(inputs: Inputs, place: Place, target: Place) -> Claim:
    """ "in the north of X": for a region or country, inside it and in its northern half; for a
    town, within its outskirts and in its northern half (bearing within 90 degrees)."""
    if target.kind in AREA_KINDS:
        reference = require_reference(inputs.reference, "region")
        shape = reference.place_shape(target)
        if shape is None or shape.is_empty:
            raise Unverifiable(f"no polygon for {target.name}", f"region:{target.name}")
        return part_of_area_check(inputs, place, shape, f"region:{target.name}", "admin1")
    return _outskirts(inputs, place, target, f"place:{target.name}")


def _along_road(inputs: Inputs, place: Place) -> Claim:
    measurement = measure_road(inputs, place)
    tolerance = (
        ON_ROAD_KM + place.uncertainty_km + measurement.reference_uncertainty_km
        + measurement.reference_accuracy_km
    )  # fmt: skip
    verdict = "consistent" if measurement.km <= tolerance else "inconsistent"
    reason = (
        f"{place.name} is {km_text(measurement.km)} from {measurement.note}; 'on the road' "
        f"allows {km_text(ON_ROAD_KM)} plus the road's wander from that line "
        f"({km_text(measurement.reference_accuracy_km)}) and position uncertainty"
    )
    return make_claim(
        inputs, measurement.reference, verdict, reason, measured_km=measurement.km,
        tolerance_km=tolerance, nearest=measurement.nearest, direction_measured="along",
    )  # fmt: skip
