"""A place inside an area, and in a part of it ("southern", "in the north of", "central"): the
geometry behind containment, descriptor and "in the N of <region>" claims."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from geomap.claims.verifiers.base import Inputs, accuracy, covers, km_text, make_claim
from geomap.records import Claim, LatLon, Place

# Margin (as a fraction of the area's extent) around the middle line for "southern" etc.
DESCRIPTOR_MARGIN = 0.05

_DIRECTION_WORDS = {
    "N": "northern", "S": "southern", "E": "eastern", "W": "western", "C": "central",
    "NE": "north-eastern", "NW": "north-western", "SE": "south-eastern", "SW": "south-western",
}  # fmt: skip


def inside_claim(inputs: Inputs, place: Place, shape: Any, label: str, dataset: str) -> Claim:
    """Consistent when the place lies inside `shape` or within its position uncertainty plus
    the boundary's accuracy of it; inconsistent (with how far outside) otherwise."""
    from geomap.geometry import nearest_point

    if covers(shape, place.point):
        nearest, km = place.point, 0.0
    else:
        nearest, km = nearest_point(shape, place.point)
    tolerance = place.uncertainty_km + accuracy(inputs.reference, dataset)
    target_name = label.split(":", 1)[1]
    if km == 0.0:
        verdict, reason = "consistent", f"{place.name} lies inside {target_name}"
    elif km <= tolerance:
        verdict = "consistent"
        reason = (
            f"{place.name} lies {km_text(km)} outside {target_name}, within the tolerance "
            f"{km_text(tolerance)} (position ±{km_text(place.uncertainty_km)}, boundary accuracy)"
        )
    else:
        verdict = "inconsistent"
        reason = (
            f"{place.name} lies {km_text(km)} outside {target_name} "
            f"(tolerance {km_text(tolerance)})"
        )
    return make_claim(
        inputs, label, verdict, reason, measured_km=km, tolerance_km=tolerance,
        nearest=nearest if km > 0 else None,
    )  # fmt: skip


def part_of_area_check(inputs: Inputs, place: Place, shape: Any, label: str, dataset: str) -> Claim:
    """Inside the area, then in the part the claim names (if it names one)."""
    claim = inside_claim(inputs, place, shape, label, dataset)
    if inputs.parsed.direction and claim.verdict == "consistent":
        return with_part_of_area(inputs.parsed.direction, claim, place, shape, label)
    return claim


def part_of_area(
    point: LatLon, shape: Any, uncertainty_km: float = 0.0
) -> tuple[float, float, float]:
    """(north fraction, east fraction, margin) of `point` within the area's main extent.

    The rule for "southern", "north-eastern", "central": take the bounding box of the area's
    largest polygon (a country's mainland, so overseas territories do not stretch it); a place is
    "southern" when it lies in the southern half of that box, "north-eastern" when in both the
    northern and the eastern half, "central" when in the middle half of both axes. The margin
    (5 % of the extent plus the place's uncertainty over the extent) keeps places on the middle
    line from flipping. The check catches the wrong side of an area; it does not grade nuance.
    """
    main = max(getattr(shape, "geoms", [shape]), key=lambda g: g.area)
    west, south, east, north = main.bounds
    lon = point.lon
    if east - west > 180:  # an area across the antimeridian (Russia): shift to 0..360
        xs = [x % 360 for x, _ in main.exterior.coords]
        west, east, lon = min(xs), max(xs), point.lon % 360
    north_fraction = (point.lat - south) / max(north - south, 1e-9)
    east_fraction = (lon - west) / max(east - west, 1e-9)
    # The smaller of the two extents in km (1 degree of latitude is ~111 km), for the margin.
    extent_km = max(1.0, min(north - south, (east - west) * math.cos(math.radians(south))) * 111.0)
    margin = DESCRIPTOR_MARGIN + uncertainty_km / extent_km
    return north_fraction, east_fraction, margin


def with_part_of_area(wanted: str, claim: Claim, place: Place, shape: Any, label: str) -> Claim:
    north, east, margin = part_of_area(place.point, shape, place.uncertainty_km)
    checks: list[tuple[str, bool]] = []
    if wanted == "C":
        middle = 0.25 - margin <= north <= 0.75 + margin and 0.25 - margin <= east <= 0.75 + margin
        checks.append(("central", middle))
    if "N" in wanted:
        checks.append(("northern half", north >= 0.5 - margin))
    if "S" in wanted:
        checks.append(("southern half", north <= 0.5 + margin))
    if "E" in wanted:
        checks.append(("eastern half", east >= 0.5 - margin))
    if "W" in wanted:
        checks.append(("western half", east <= 0.5 + margin))
    area = label.split(":", 1)[1]
    position = (
        f"{place.name} is at {north:.0%} of {area}'s south-north extent and {east:.0%} of its "
        f"west-east extent"
    )
    failed = [name for name, ok in checks if not ok]
    word = _DIRECTION_WORDS.get(wanted, wanted)
    measured = _part_word(north, east)
    if failed:
        reason = f"{position}: not in the {' and '.join(failed)}, so not '{word}'"
        return replace(
            claim, verdict="inconsistent", reason=f"{claim.reason}; {reason}",
            direction_measured=measured,
        )  # fmt: skip
    reason = f"{claim.reason}; {position}: '{word}' holds (rule: halves of the main extent)"
    return replace(claim, reason=reason, direction_measured=measured)


def _part_word(north: float, east: float) -> str:
    ns = "N" if north > 2 / 3 else "S" if north < 1 / 3 else ""
    ew = "E" if east > 2 / 3 else "W" if east < 1 / 3 else ""
    return (ns + ew) or "C"
