"""Distance claims: "about 6km from the border", "30km north of Kharkiv", "within 10 km of the
front line", "15 km from the Kostiantynivka-Pokrovsk road".

The tolerance rule:

    allowed interval = the interval the words give (Quantity.bounds_km: the hedge and a range),
                       its lower end divided by ROAD_CIRCUITY when the claim is between two
                       places (a reporter's "160 km south of Colombo" is often by road)
                       widened on both sides by
    tolerance_km     = precision of the stated number ("6" -> 0.5 km, "20" -> 5 km)
                     + uncertainty of the place's coordinates (Place.uncertainty_km)
                     + uncertainty of a reference place's coordinates (named-place references)
                     + accuracy of the reference geometry (border / admin / coast datasets)

Consistent when the measured distance lies inside the widened interval, inconsistent (with how
far outside) when it does not. When the place's own uncertainty swamps the claim (a region's
centre for "6 km from the border"), the claim is unverifiable unless even that tolerance cannot
save it. A conversion that disagrees with its number ("6 km (9 miles)") states two distances:
the verdict stands only if both give it.
"""

from __future__ import annotations

import math
from dataclasses import replace

from geomap.claims.quantities import Quantity
from geomap.claims.verifiers.base import (
    Inputs,
    Measurement,
    Unverifiable,
    compare,
    km_text,
    make_claim,
    reference_label,
    require_place,
)
from geomap.claims.verifiers.compass import direction_check
from geomap.claims.verifiers.measure import measure_distance
from geomap.claims.verifiers.registry import register
from geomap.records import Claim, Place

# A place whose position is this many times vaguer than the claimed distance cannot check it
# (a region's or country's centre never can); below that, the vagueness widens the tolerance.
COARSE_PLACE_FACTOR = 5.0
# Road distance over straight-line distance between two places: detour indices of road networks
# are 1.2-1.4, so a stated road distance may be up to 1.4 times the straight line.
ROAD_CIRCUITY = 1.4


@register("distance")
def verify_distance(inputs: Inputs) -> Claim:
    parsed = inputs.parsed
    quantity = parsed.quantity
    label = reference_label(parsed)
    if quantity is None or quantity.problem:
        raise Unverifiable(quantity.problem if quantity else "no distance stated", label)
    place = require_place(inputs.resolution, label)
    measurement = measure_distance(inputs, place)
    claim = _judge(inputs, place, quantity, measurement)
    conversion = parsed.conversion
    if parsed.conversion_ok is False and conversion is not None and not conversion.problem:
        other = _judge(inputs, place, conversion, measurement)
        if other.verdict != claim.verdict:
            return replace(
                claim,
                verdict="unverifiable",
                reason=(
                    f"the text states two distances that disagree ({parsed.conversion_note}): "
                    f"{claim.verdict} for {quantity.text.strip()}, {other.verdict} for the "
                    f"conversion; {claim.reason}"
                ),
            )
    return claim


def _judge(inputs: Inputs, place: Place, quantity: Quantity, measurement: Measurement) -> Claim:
    parsed = inputs.parsed
    low, high = quantity.bounds_km()
    road = ""
    if measurement.between_places and low > 0:
        low /= ROAD_CIRCUITY
        road = f"; the number may be a road distance (straight line down to 1/{ROAD_CIRCUITY})"
    tolerance, parts = _tolerance(quantity.precision_km, place, measurement)
    verdict, off = compare(measurement.km, low, high, tolerance)
    reason = _reason(quantity, parsed.conversion_note, measurement, low, high, tolerance, parts,
                     verdict, off) + road  # fmt: skip
    too_coarse = place.kind in ("country", "admin1", "region") or (
        place.uncertainty_km > COARSE_PLACE_FACTOR * max(high, 5.0)
    )
    if verdict == "consistent" and too_coarse and math.isfinite(high):
        verdict = "unverifiable"
        reason = (
            f"{place.name} is known only to ±{place.uncertainty_km:.0f} km "
            f"({place.precision}), too coarse to check a {km_text(high)} claim; " + reason
        )
    vague_reference = measurement.reference_uncertainty_km > COARSE_PLACE_FACTOR * max(high, 5.0)
    if verdict == "consistent" and vague_reference:
        # A river's or a mountain range's gazetteer point is not its course: "2 km from the
        # Dnipro" cannot be measured from it.
        verdict = "unverifiable"
        reason = (
            f"{measurement.reference.split(':', 1)[-1]} is known only to "
            f"±{measurement.reference_uncertainty_km:,.0f} km, too coarse to measure a "
            f"{km_text(high)} claim from; " + reason
        )
    direction_measured = ""
    origin = _direction_origin(inputs, measurement)
    if parsed.direction and origin is not None:
        direction_verdict, direction_measured, direction_reason = direction_check(
            parsed.direction, origin, place
        )
        reason = f"{reason}; {direction_reason}"
        if direction_verdict == "inconsistent":
            verdict = "inconsistent"
        elif direction_verdict == "unverifiable" and verdict == "consistent":
            reason += " (distance consistent)"
    return make_claim(
        inputs, measurement.reference, verdict, reason, measured_km=measurement.km,
        tolerance_km=tolerance, nearest=measurement.nearest,
        direction_measured=direction_measured,
    )  # fmt: skip


def _direction_origin(inputs: Inputs, measurement: Measurement) -> Place | None:
    """What "north of ..." is measured from: the reference place, else the nearest point of the
    reference line ("30km south of the Russian border": south of its nearest border point)."""
    target = inputs.target_place
    point_like = target is not None and target.kind not in ("country", "admin1", "region")
    if point_like and inputs.parsed.reference_kind in ("place", "region"):
        return target
    if measurement.nearest is None or measurement.km <= 0:
        return None
    return Place(
        place_id=f"nearest:{measurement.reference}",
        name=f"the nearest point of {measurement.reference}",
        point=measurement.nearest,
        kind="other",
        country_code="",
        uncertainty_km=measurement.reference_accuracy_km,
    )


def _tolerance(precision_km: float, place: Place, m: Measurement) -> tuple[float, str]:
    parts = [
        ("number precision", precision_km),
        (f"{place.name} position", place.uncertainty_km),
        ("reference place position", m.reference_uncertainty_km),
        ("reference geometry", m.reference_accuracy_km),
    ]
    total = sum(v for _, v in parts)
    shown = ", ".join(f"{label} {km_text(v)}" for label, v in parts if v > 0)
    return total, shown


def _reason(
    quantity: Quantity, conversion_note: str, m: Measurement, low: float, high: float,
    tolerance: float, parts: str, verdict: str, off: float,
) -> str:  # fmt: skip
    stated = f"stated {quantity.text.strip()}"
    if math.isinf(high):
        allowed = f"at least {km_text(low)}"
    elif low <= 0:
        allowed = f"at most {km_text(high)}"
    else:
        allowed = f"{km_text(low)}–{km_text(high)}"
    measured = f"measured {km_text(m.km)} to {m.reference}"
    rule = f" ({m.note})" if m.note else ""
    tol = f"tolerance ±{km_text(tolerance)} ({parts})" if parts else "no tolerance"
    if verdict == "consistent":
        head = f"{measured}{rule}; {stated} allows {allowed}, {tol}"
    else:
        head = f"{measured}{rule}: {km_text(off)} outside {allowed} ({stated}) even with {tol}"
    if conversion_note:
        head += f"; conversion {conversion_note}"
    return head
