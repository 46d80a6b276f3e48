"""Is a place in the stated compass direction from another? Shared by the direction verifier and
the distance verifier ("30km north of Kharkiv" states both)."""

from __future__ import annotations

import math

from geomap.claims.patterns import compass_degrees
from geomap.claims.verifiers.base import km_text
from geomap.records import Place

# Half-width of a compass sector that still counts as "north of": generous on purpose, since
# reporters say "north of" for anything from north-west-by-north to north-east-by-north.
DIRECTION_SECTOR_DEG = 45.0
# "in the north of X", "on the western outskirts of X": a part of the town, seen from its centre
# within 67.5 degrees of the stated direction (the stated point and its two neighbours on a
# 16-point rose: "western" takes in WNW and WSW, not NNW).
HALF_SECTOR_DEG = 67.5


def angle_between(a: float, b: float) -> float:
    return abs((a - b + 180.0) % 360.0 - 180.0)


def direction_check(
    stated: str, origin: Place, place: Place, sector_deg: float = DIRECTION_SECTOR_DEG
) -> tuple[str, str, str]:
    """Is `place` in direction `stated` from `origin`? (verdict, measured compass, reason).

    The sector is widened by the angle the two points' uncertainty subtends at their distance;
    when the places are closer than that uncertainty, the direction cannot be told."""
    from geomap.geometry import bearing_deg, compass_point, geodesic_km

    km = geodesic_km(origin.point, place.point)
    bearing = bearing_deg(origin.point, place.point)
    measured = compass_point(bearing)
    position_error = place.uncertainty_km + origin.uncertainty_km
    if km <= position_error:
        return (
            "unverifiable",
            measured,
            f"{place.name} is {km_text(km)} from {origin.name}, within their position "
            f"uncertainty ({km_text(position_error)}): direction cannot be told",
        )
    angular_error = math.degrees(math.asin(min(1.0, position_error / km)))
    allowed = sector_deg + angular_error
    difference = angle_between(bearing, compass_degrees()[stated])
    where = f"{place.name} is {measured} ({bearing:.0f}°) of {origin.name}"
    if difference <= allowed:
        return "consistent", measured, f"{where}: within {allowed:.0f}° of {stated}"
    return (
        "inconsistent",
        measured,
        f"{where}: {difference:.0f}° away from {stated} (allowed {allowed:.0f}°)",
    )
