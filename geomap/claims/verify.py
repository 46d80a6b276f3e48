"""Checking parsed claims against geometry: the numbers behind every verdict.

Distances are geodesic km (via `geomap.geometry.nearest_point`) from the claim's place to the
nearest point of the reference: a border line, a front line from a user layer, a coastline, a
place's point, a region's polygon.

The tolerance rule:

    allowed interval = the interval the words give (Quantity.bounds_km: the hedge and a range)
                       widened on both sides by
    tolerance_km     = precision of the stated number ("6" -> 0.5 km, "20" -> 5 km)
                     + uncertainty of the place's coordinates (Place.uncertainty_km)
                     + uncertainty of a reference place's coordinates (named-place references)
                     + accuracy of the reference geometry (border / admin / coast datasets)

A claim is consistent when the measured distance lies inside the widened interval, inconsistent
(with how far outside) when it does not, and unverifiable when something needed is missing: no
resolved place, no geometry (e.g. no front-line layer), or a number that cannot be a distance.
When the place's own uncertainty swamps the claim (a region's centre for "6 km from the border"),
the claim is unverifiable unless even that tolerance cannot save it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from geomap.claims.countries import country_code_for
from geomap.claims.parse import ParsedClaim
from geomap.errors import GeomapError
from geomap.records import Claim, LatLon, Place, Resolution

if TYPE_CHECKING:
    from geomap.geometry import ReferenceLayers, UserLayer

# Half-width of a compass sector that still counts as "north of": generous on purpose, since
# reporters say "north of" for anything from north-west-by-north to north-east-by-north.
DIRECTION_SECTOR_DEG = 45.0
# "On the outskirts of" a place: within this radius of its centre, by population.
OUTSKIRTS_RADIUS_KM = ((2_000_000, 30.0), (500_000, 20.0), (50_000, 10.0), (0, 5.0))
# A place whose position is this many times vaguer than the claimed distance cannot check it
# (a region's or country's centre never can); below that, the vagueness widens the tolerance.
COARSE_PLACE_FACTOR = 5.0
# Margin (as a fraction of the country's extent) around the middle line for "southern" etc.
DESCRIPTOR_MARGIN = 0.05
# A user line's length is a fractal property of its digitisation: allow this relative slack.
LENGTH_SLACK = 0.25
# Accuracy assumed for a reference dataset that does not state its own (km).
DEFAULT_REFERENCE_ACCURACY_KM = 1.0
FRONTLINE_LAYER_NAMES = ("frontline", "front_line", "front-line", "front", "frontlines")
NO_FRONTLINE_REASON = "no front-line layer given (use --layer frontline=FILE)"

_COMPASS_DEG = {
    "N": 0.0, "NNE": 22.5, "NE": 45.0, "ENE": 67.5, "E": 90.0, "ESE": 112.5, "SE": 135.0,
    "SSE": 157.5, "S": 180.0, "SSW": 202.5, "SW": 225.0, "WSW": 247.5, "W": 270.0,
    "WNW": 292.5, "NW": 315.0, "NNW": 337.5,
}  # fmt: skip


@dataclass(slots=True)
class Context:
    """What the verifier knows beyond the claim: resolutions for the names it refers to."""

    target: Resolution | None = None  # the resolution of the reference name, if any
    sentence_countries: Sequence[str] = ()  # ISO codes named in the claim's sentence, in order
    article_countries: Sequence[str] = ()  # ISO codes named anywhere in the article
    sentence: str = ""
    offset: int = 0  # added to the parsed claim's offsets (sentence start in the article)
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Measurement:
    """Geometry resolved for a claim: the measured km and how it was obtained."""

    km: float
    nearest: LatLon | None
    reference: str  # "border:UA-RU"
    reference_accuracy_km: float
    reference_uncertainty_km: float = 0.0  # a reference *place*'s own uncertainty
    note: str = ""


class Unverifiable(Exception):  # noqa: N818 - a verdict, not an error
    """Raised inside the verifier when something needed for a verdict is missing."""

    def __init__(self, reason: str, reference: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.reference = reference


def verify_claim(
    parsed: ParsedClaim,
    place_resolution: Resolution | None,
    reference: ReferenceLayers | None,
    layers: Mapping[str, UserLayer] | None = None,
    *,
    context: Context | None = None,
) -> Claim:
    """Verify one parsed claim about `place_resolution` against reference geometry and layers."""
    context = context or Context()
    try:
        if parsed.kind == "distance":
            return _verify_distance(parsed, place_resolution, reference, layers or {}, context)
        if parsed.kind == "direction":
            return _verify_direction(parsed, place_resolution, reference, context)
        if parsed.kind == "containment":
            return _verify_containment(parsed, place_resolution, reference, context)
        if parsed.kind == "descriptor":
            return _verify_descriptor(parsed, place_resolution, reference, context)
        if parsed.kind == "length":
            return _verify_length(parsed, place_resolution, reference, layers or {}, context)
        raise Unverifiable(f"unknown claim kind {parsed.kind!r}")
    except Unverifiable as why:
        return _claim(parsed, place_resolution, context, why.reference, "unverifiable", why.reason)
    except (OSError, GeomapError) as exc:
        # Reference data missing or unreadable (e.g. an install without the shipped layers):
        # the claim cannot be checked, and the report says why instead of failing the article.
        reason = f"reference geometry unavailable: {exc}"
        return _claim(parsed, place_resolution, context, parsed.reference_kind, "unverifiable",
                      reason)  # fmt: skip


# --------------------------------------------------------------------------- distance


def _verify_distance(parsed, resolution, reference, layers, context) -> Claim:
    quantity = parsed.quantity
    ref_label = _reference_label(parsed, resolution, context)
    if quantity is None or quantity.problem:
        raise Unverifiable(quantity.problem if quantity else "no distance stated", ref_label)
    place = _require_place(resolution, ref_label)
    measurement = measure_distance(parsed, place, reference, layers, context)
    low, high = quantity.bounds_km()
    tolerance, parts = _tolerance(quantity.precision_km, place, measurement)
    verdict, off = _compare(measurement.km, low, high, tolerance)
    reason = _distance_reason(parsed, measurement, low, high, tolerance, parts, verdict, off)
    too_coarse = place.kind in ("country", "admin1", "region") or (
        place.uncertainty_km > COARSE_PLACE_FACTOR * max(high, 5.0)
    )
    if verdict == "consistent" and too_coarse and math.isfinite(high):
        verdict = "unverifiable"
        reason = (
            f"{place.name} is known only to ±{place.uncertainty_km:.0f} km "
            f"({place.precision}), too coarse to check a {_km(high)} claim; " + reason
        )
    direction_measured = ""
    origin = _direction_origin(parsed, context, measurement)
    if parsed.direction and origin is not None:
        direction_verdict, direction_measured, direction_reason = _direction_check(
            parsed.direction, origin, place
        )
        reason = f"{reason}; {direction_reason}"
        if direction_verdict == "inconsistent":
            verdict = "inconsistent"
        elif direction_verdict == "unverifiable" and verdict == "consistent":
            reason += " (distance consistent)"
    return _claim(
        parsed,
        resolution,
        context,
        measurement.reference,
        verdict,
        reason,
        measured_km=measurement.km,
        tolerance_km=tolerance,
        nearest=measurement.nearest,
        direction_measured=direction_measured,
    )


def _direction_origin(parsed, context: Context, measurement: Measurement) -> Place | None:
    """What "north of ..." is measured from: the reference place, else the nearest point of the
    reference line ("30km south of the Russian border": south of its nearest border point)."""
    target = context.target.place if context.target is not None else None
    point_like = target is not None and target.kind not in ("country", "admin1", "region")
    if point_like and parsed.reference_kind in ("place", "region"):
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


def measure_distance(
    parsed: ParsedClaim,
    place: Place,
    reference: ReferenceLayers | None,
    layers: Mapping[str, UserLayer],
    context: Context,
) -> Measurement:
    """Geodesic km from `place` to the claim's reference geometry (raises Unverifiable)."""
    kind = parsed.reference_kind
    if kind == "frontline":
        return _measure_frontline(place, layers, reference)
    reference = _require_reference(reference, kind)
    if kind == "border":
        return _measure_border(parsed, place, reference, context)
    if kind == "coast":
        return _measure_coast(place, reference)
    if kind in ("place", "region"):
        return _measure_to_target(parsed, place, reference, context)
    raise Unverifiable(f"no geometry for {parsed.reference_text!r}", kind)


def _measure_border(parsed, place: Place, reference, context: Context) -> Measurement:
    from geomap.geometry import nearest_point

    home = _country_of(place, reference)
    named = [code for name in parsed.border_names if (code := country_code_for(name))]
    if parsed.border_names and not named:
        raise Unverifiable(f"unknown country in {parsed.reference_text!r}", "border")
    foreign = [code for code in named if code != home]
    if not home and not foreign:
        raise Unverifiable(f"{place.name} is not inside any country of the reference layers")
    if foreign:
        neighbour, rule = foreign[0], "named in the claim"
    else:
        # No foreign country named ("the border", or "the Ukrainian border" for a Ukrainian
        # place): the border the text or the geometry implies.
        neighbour, rule = _implied_neighbour(place, home, reference, context)
    if home and home != neighbour:
        line = reference.border(home, neighbour)
        label = f"border:{home}-{neighbour}"
        if line is None or line.is_empty:
            line = reference.land_border(neighbour)
            label = f"border:{neighbour}"
            rule += f"; {home} and {neighbour} share no land border, using {neighbour}'s"
    else:
        # A place in the named country itself ("10km inside Russia") or outside any country.
        line = reference.land_border(neighbour)
        label = f"border:{neighbour}"
    if line is None or line.is_empty:
        raise Unverifiable(f"no border geometry for {label.removeprefix('border:')}", label)
    nearest, km = nearest_point(line, place.point)
    pair = (home, neighbour) if home and home != neighbour else None
    return Measurement(km, nearest, label, _accuracy(reference, "border", pair), note=rule)


def _implied_neighbour(place: Place, home: str, reference, context: Context) -> tuple[str, str]:
    """Which border "the border" means: a neighbour the text names, else the nearest one."""
    neighbours = set(reference.neighbours(home) or ())
    for codes, where in (
        (context.sentence_countries, "named in the sentence"),
        (context.article_countries, "named in the article"),
    ):
        for code in codes:
            if code != home and code in neighbours:
                return code, f"neighbour {where}"
    from geomap.geometry import nearest_point

    best: tuple[float, str] | None = None
    for code in sorted(neighbours):
        line = reference.border(home, code)
        if line is None or line.is_empty:
            continue
        _, km = nearest_point(line, place.point)
        if best is None or km < best[0]:
            best = (km, code)
    if best is None:
        raise Unverifiable(f"{home} has no land border in the reference layers", f"border:{home}")
    return best[1], "nearest land border"


def _measure_coast(place: Place, reference) -> Measurement:
    from geomap.geometry import nearest_point

    home = _country_of(place, reference)
    line = reference.coastline(home) if home else None
    if line is None or line.is_empty:
        raise Unverifiable(f"no coastline for {home or 'this place'}", f"coast:{home}")
    nearest, km = nearest_point(line, place.point)
    return Measurement(km, nearest, f"coast:{home}", _accuracy(reference, "country"))


def _measure_to_target(parsed, place: Place, reference, context: Context) -> Measurement:
    from geomap.geometry import nearest_point

    target = context.target.place if context.target is not None else None
    if target is None:
        raise Unverifiable(
            f"{parsed.reference_name!r} is not resolved to a place",
            f"place:{parsed.reference_name}",
        )
    if target.kind == "country":
        shape = reference.country_shape(target.country_code)
        if shape is not None and not shape.is_empty:
            # "20 km from Russia" is a distance to Russia's territory (0 inside it).
            nearest, km = nearest_point(shape, place.point)
            return Measurement(
                km, nearest, f"country:{target.country_code}", _accuracy(reference, "country")
            )
    if target.kind in ("admin1", "region") or parsed.reference_kind == "region":
        shape = (
            reference.place_shape(target)
            if target.kind == "region"
            else reference.admin1_shape(target.admin1_code or target.name, target.country_code)
        )
        if shape is not None and not shape.is_empty:
            nearest, km = nearest_point(shape, place.point)
            return Measurement(km, nearest, f"region:{target.name}", _accuracy(reference, "admin1"))
    from geomap.geometry import geodesic_km

    km = geodesic_km(place.point, target.point)
    return Measurement(
        km,
        target.point,
        f"place:{target.name}",
        0.0,
        reference_uncertainty_km=target.uncertainty_km,
    )


def _measure_frontline(place: Place, layers, reference) -> Measurement:
    from geomap.claims.frontline import front_line_of
    from geomap.geometry import nearest_point

    layer = frontline_layer(layers)
    if layer is None:
        raise Unverifiable(NO_FRONTLINE_REASON, "frontline")
    line, note = front_line_of(layer, reference)
    if line is None or line.is_empty:
        raise Unverifiable(f"layer {layer.name!r} has no usable front line ({note})", "frontline")
    nearest, km = nearest_point(line, place.point)
    inside = ""
    polygons = getattr(layer, "geometry", None)
    if polygons is not None and polygons.geom_type in ("Polygon", "MultiPolygon"):
        from shapely.geometry import Point

        if polygons.covers(Point(place.point.lon, place.point.lat)):
            inside = f"; {place.name} lies inside the layer's area"
    return Measurement(km, nearest, f"frontline:{layer.name}", 0.5, note=note + inside)


def frontline_layer(layers: Mapping[str, UserLayer] | None):
    for name in FRONTLINE_LAYER_NAMES:
        if layers and name in layers:
            return layers[name]
    for name, layer in (layers or {}).items():
        if "front" in name.lower():
            return layer
    return None


def _tolerance(precision_km: float, place: Place, m: Measurement) -> tuple[float, str]:
    parts = [
        ("number precision", precision_km),
        (f"{place.name} position", place.uncertainty_km),
        ("reference place position", m.reference_uncertainty_km),
        ("reference geometry", m.reference_accuracy_km),
    ]
    total = sum(v for _, v in parts)
    shown = ", ".join(f"{label} {_km(v)}" for label, v in parts if v > 0)
    return total, shown


def _compare(measured: float, low: float, high: float, tolerance: float) -> tuple[str, float]:
    if measured < low - tolerance:
        return "inconsistent", (low - tolerance) - measured
    if measured > high + tolerance:
        return "inconsistent", measured - (high + tolerance)
    return "consistent", 0.0


def _distance_reason(parsed, m: Measurement, low, high, tolerance, parts, verdict, off) -> str:
    quantity = parsed.quantity
    stated = f"stated {quantity.text.strip()}"
    if math.isinf(high):
        allowed = f"at least {_km(low)}"
    elif low <= 0:
        allowed = f"at most {_km(high)}"
    else:
        allowed = f"{_km(low)}–{_km(high)}"
    where = m.reference
    measured = f"measured {_km(m.km)} to {where}"
    rule = f" ({m.note})" if m.note else ""
    tol = f"tolerance ±{_km(tolerance)} ({parts})" if parts else "no tolerance"
    if verdict == "consistent":
        head = f"{measured}{rule}; {stated} allows {allowed}, {tol}"
    else:
        head = f"{measured}{rule}: {_km(off)} outside {allowed} ({stated}) even with {tol}"
    if parsed.conversion_note:
        head += f"; conversion {parsed.conversion_note}"
    return head


# --------------------------------------------------------------------------- direction


def _verify_direction(parsed, resolution, reference, context) -> Claim:
    label = f"place:{parsed.reference_name}"
    place = _require_place(resolution, label)
    target = context.target.place if context.target is not None else None
    if target is None:
        raise Unverifiable(f"{parsed.reference_name!r} is not resolved to a place", label)
    if target.place_id == place.place_id:
        raise Unverifiable("the claim's place and its reference are the same place", label)
    label = f"place:{target.name}"
    if parsed.direction == "outskirts":
        return _verify_outskirts(parsed, resolution, place, target, context, label)
    verdict, measured, reason = _direction_check(parsed.direction, target, place)
    from geomap.geometry import geodesic_km

    km = geodesic_km(target.point, place.point)
    return _claim(
        parsed,
        resolution,
        context,
        label,
        verdict,
        reason,
        measured_km=km,
        nearest=target.point,
        direction_measured=measured,
    )


def _direction_check(stated: str, origin: Place, place: Place) -> tuple[str, str, str]:
    """Is `place` in direction `stated` from `origin`? (verdict, measured compass, reason)."""
    from geomap.geometry import bearing_deg, compass_point, geodesic_km

    km = geodesic_km(origin.point, place.point)
    bearing = bearing_deg(origin.point, place.point)
    measured = compass_point(bearing)
    position_error = place.uncertainty_km + origin.uncertainty_km
    if km <= position_error:
        return (
            "unverifiable",
            measured,
            f"{place.name} is {_km(km)} from {origin.name}, within their position uncertainty "
            f"({_km(position_error)}): direction cannot be told",
        )
    angular_error = math.degrees(math.asin(min(1.0, position_error / km)))
    allowed = DIRECTION_SECTOR_DEG + angular_error
    difference = abs((bearing - _COMPASS_DEG[stated] + 180.0) % 360.0 - 180.0)
    where = f"{place.name} is {measured} ({bearing:.0f}°) of {origin.name}"
    if difference <= allowed:
        return "consistent", measured, f"{where}: within {allowed:.0f}° of {stated}"
    return (
        "inconsistent",
        measured,
        f"{where}: {difference:.0f}° away from {stated} (allowed {allowed:.0f}°)",
    )


def _verify_outskirts(parsed, resolution, place, target, context, label) -> Claim:
    from geomap.geometry import geodesic_km

    km = geodesic_km(target.point, place.point)
    radius = next(r for population, r in OUTSKIRTS_RADIUS_KM if target.population >= population)
    tolerance = place.uncertainty_km + target.uncertainty_km
    limit = radius + tolerance
    verdict = "consistent" if km <= limit else "inconsistent"
    reason = (
        f"{place.name} is {_km(km)} from the centre of {target.name}; 'outskirts' allows up to "
        f"{_km(radius)} for a place of population {target.population:,} plus position "
        f"uncertainty {_km(tolerance)}"
    )
    return _claim(
        parsed,
        resolution,
        context,
        label,
        verdict,
        reason,
        measured_km=km,
        tolerance_km=tolerance,
        stated_max=radius,
        nearest=target.point,
        direction_measured="outskirts",
    )


# --------------------------------------------------------------------------- containment


def _verify_containment(parsed, resolution, reference, context) -> Claim:
    if parsed.reference_kind == "country":
        return _verify_in_country(parsed, resolution, reference, context)
    label = f"region:{parsed.reference_name}"
    place = _require_place(resolution, label)
    target = context.target.place if context.target is not None else None
    country = (target.country_code if target else "") or place.country_code
    region_key = (target.admin1_code or target.admin1 or target.name) if target else ""
    reference = _require_reference(reference, "region")
    shape = None
    if target is not None and target.kind == "admin1":
        shape = reference.admin1_shape(region_key, country)
        label = f"region:{target.name}"
    elif target is not None and target.kind == "region":
        shape = reference.place_shape(target)  # the Donbas: Donetsk and Luhansk oblasts
        label = f"region:{target.name}"
    if shape is None:
        shape = reference.admin1_shape(parsed.reference_name, country)
    if shape is None or shape.is_empty:
        if target is not None and target.kind not in ("admin1", "admin2", "region"):
            raise Unverifiable(f"{parsed.reference_name!r} is not a region", label)
        if place.admin1:
            return _containment_by_attribute(parsed, resolution, place, label, context)
        raise Unverifiable(f"no admin-1 geometry for {parsed.reference_name!r}", label)
    return _inside_claim(parsed, resolution, place, shape, label, reference, "admin1", context)


def _containment_by_attribute(parsed, resolution, place, label, context) -> Claim:
    """Without a polygon, compare the gazetteer's admin-1 name (weaker: the reason says so)."""
    stated = parsed.reference_name.casefold()
    recorded = place.admin1.casefold()
    same = recorded == stated or recorded.startswith(stated + " ") or stated.startswith(recorded)
    verdict = "consistent" if same else "inconsistent"
    reason = (
        f"no admin-1 polygon for {parsed.reference_name!r}; the gazetteer puts {place.name} in "
        f"{place.admin1!r}"
    )
    return _claim(parsed, resolution, context, label, verdict, reason)


def _inside_claim(parsed, resolution, place, shape, label, reference, dataset, context) -> Claim:
    from geomap.geometry import nearest_point

    if _covers(shape, place.point):
        nearest, km = place.point, 0.0
    else:
        nearest, km = nearest_point(shape, place.point)
    tolerance = place.uncertainty_km + _accuracy(reference, dataset)
    target_name = label.split(":", 1)[1]
    if km == 0.0:
        verdict, reason = "consistent", f"{place.name} lies inside {target_name}"
    elif km <= tolerance:
        verdict = "consistent"
        reason = (
            f"{place.name} lies {_km(km)} outside {target_name}, within the tolerance "
            f"{_km(tolerance)} (position ±{_km(place.uncertainty_km)}, boundary accuracy)"
        )
    else:
        verdict = "inconsistent"
        reason = f"{place.name} lies {_km(km)} outside {target_name} (tolerance {_km(tolerance)})"
    return _claim(
        parsed,
        resolution,
        context,
        label,
        verdict,
        reason,
        measured_km=km,
        tolerance_km=tolerance,
        nearest=nearest if km > 0 else None,
    )


def _verify_in_country(parsed, resolution, reference, context) -> Claim:
    code = country_code_for(parsed.reference_name)
    label = f"country:{code or parsed.reference_name}"
    if code is None:
        raise Unverifiable(f"{parsed.reference_name!r} is not a country", label)
    place = _require_place(resolution, label)
    reference = _require_reference(reference, "country")
    shape = reference.country_shape(code)
    if shape is None or shape.is_empty:
        raise Unverifiable(f"no geometry for country {code}", label)
    claim = _inside_claim(parsed, resolution, place, shape, label, reference, "country", context)
    if parsed.direction and claim.verdict == "consistent":
        return _with_part_of_country(parsed, claim, place, shape, code)
    return claim


# --------------------------------------------------------------------------- descriptor


def _verify_descriptor(parsed, resolution, reference, context) -> Claim:
    code = country_code_for(parsed.country_text) if parsed.country_text else None
    place = _require_place(resolution, f"country:{code or parsed.country_text}")
    if parsed.country_text and code is None:
        raise Unverifiable(f"{parsed.country_text!r} is not a country", "country:")
    reference = _require_reference(reference, "country")
    code = code or _country_of(place, reference)
    if not code:
        raise Unverifiable(f"{place.name} is not inside any country", "country:")
    shape = reference.country_shape(code)
    if shape is None or shape.is_empty:
        raise Unverifiable(f"no geometry for country {code}", f"country:{code}")
    label = f"country:{code}"
    claim = _inside_claim(parsed, resolution, place, shape, label, reference, "country", context)
    if parsed.direction and claim.verdict == "consistent":
        return _with_part_of_country(parsed, claim, place, shape, code)
    return claim


def part_of_country(
    point: LatLon, shape: Any, uncertainty_km: float = 0.0
) -> tuple[float, float, float]:
    """(north fraction, east fraction, margin) of `point` within the country's main extent.

    The rule for "southern", "north-eastern", "central": take the bounding box of the country's
    largest polygon (its mainland, so overseas territories do not stretch it); a place is
    "southern" when it lies in the southern half of that box, "north-eastern" when in both the
    northern and the eastern half, "central" when in the middle half of both axes. The margin
    (5 % of the extent plus the place's uncertainty over the extent) keeps places on the middle
    line from flipping. The check catches the wrong side of a country; it does not grade nuance.
    """
    main = max(getattr(shape, "geoms", [shape]), key=lambda g: g.area)
    west, south, east, north = main.bounds
    lon = point.lon
    if east - west > 180:  # a country across the antimeridian (Russia): shift to 0..360
        xs = [x % 360 for x, _ in main.exterior.coords]
        west, east, lon = min(xs), max(xs), point.lon % 360
    north_fraction = (point.lat - south) / max(north - south, 1e-9)
    east_fraction = (lon - west) / max(east - west, 1e-9)
    # The smaller of the two extents in km (1 degree of latitude is ~111 km), for the margin.
    extent_km = max(1.0, min(north - south, (east - west) * math.cos(math.radians(south))) * 111.0)
    margin = DESCRIPTOR_MARGIN + uncertainty_km / extent_km
    return north_fraction, east_fraction, margin


def _with_part_of_country(parsed, claim: Claim, place: Place, shape, code: str) -> Claim:
    from dataclasses import replace

    north, east, margin = part_of_country(place.point, shape, place.uncertainty_km)
    wanted = parsed.direction
    checks: list[tuple[str, bool]] = []
    if wanted == "C":
        checks.append(
            (
                "central",
                0.25 - margin <= north <= 0.75 + margin and 0.25 - margin <= east <= 0.75 + margin,
            )
        )
    if "N" in wanted:
        checks.append(("northern half", north >= 0.5 - margin))
    if "S" in wanted:
        checks.append(("southern half", north <= 0.5 + margin))
    if "E" in wanted:
        checks.append(("eastern half", east >= 0.5 - margin))
    if "W" in wanted:
        checks.append(("western half", east <= 0.5 + margin))
    position = (
        f"{place.name} is at {north:.0%} of {code}'s south-north extent and {east:.0%} of its "
        f"west-east extent"
    )
    failed = [name for name, ok in checks if not ok]
    word = _DIRECTION_WORDS.get(wanted, wanted)
    if failed:
        reason = f"{position}: not in the {' and '.join(failed)}, so not '{word}'"
        return replace(
            claim,
            verdict="inconsistent",
            reason=f"{claim.reason}; {reason}",
            direction_stated=wanted,
            direction_measured=_part_word(north, east),
        )
    reason = f"{claim.reason}; {position}: '{word}' holds (rule: halves of the mainland extent)"
    return replace(
        claim, reason=reason, direction_stated=wanted, direction_measured=_part_word(north, east)
    )


_DIRECTION_WORDS = {
    "N": "northern", "S": "southern", "E": "eastern", "W": "western", "C": "central",
    "NE": "north-eastern", "NW": "north-western", "SE": "south-eastern", "SW": "south-western",
}  # fmt: skip


def _part_word(north: float, east: float) -> str:
    ns = "N" if north > 2 / 3 else "S" if north < 1 / 3 else ""
    ew = "E" if east > 2 / 3 else "W" if east < 1 / 3 else ""
    return (ns + ew) or "C"


# --------------------------------------------------------------------------- length


def _verify_length(parsed, resolution, reference, layers, context) -> Claim:
    quantity = parsed.quantity
    label = parsed.reference_kind or "length"
    if quantity is None or quantity.problem:
        raise Unverifiable(quantity.problem if quantity else "no length stated", label)
    if parsed.reference_kind != "frontline":
        raise Unverifiable(
            f"no reference layer for the length of a {parsed.noun} (geomap measures front-line "
            "lengths from a frontline layer)",
            label,
        )
    layer = frontline_layer(layers)
    if layer is None:
        raise Unverifiable(NO_FRONTLINE_REASON, "frontline")
    from geomap.claims.frontline import front_line_of, geodesic_length_km

    line, note = front_line_of(layer, reference)
    if line is None or line.is_empty:
        raise Unverifiable(f"layer {layer.name!r} has no usable front line ({note})", "frontline")
    km = geodesic_length_km(line)
    low, high = quantity.bounds_km()
    tolerance = quantity.precision_km + LENGTH_SLACK * quantity.km
    verdict, off = _compare(km, low, high, tolerance)
    stated = quantity.text.strip()
    reason = (
        f"front line measured {_km(km)} long ({note}); stated {stated} allows "
        f"{_km(low)}–{_km(high)} ± {_km(tolerance)} (number precision, and {LENGTH_SLACK:.0%} for "
        "how finely a line is drawn)"
    )
    if verdict == "inconsistent":
        reason += f": {_km(off)} outside"
    if parsed.conversion_note:
        reason += f"; conversion {parsed.conversion_note}"
    return _claim(
        parsed,
        resolution,
        context,
        f"frontline:{layer.name}",
        verdict,
        reason,
        measured_km=km,
        tolerance_km=tolerance,
    )


# --------------------------------------------------------------------------- helpers


def _require_place(resolution: Resolution | None, label: str) -> Place:
    if resolution is None:
        raise Unverifiable("no place found for the claim in its sentence", label)
    if resolution.place is None:
        raise Unverifiable(
            f"{resolution.mention.text!r} is not resolved ({resolution.rule})", label
        )
    return resolution.place


def _require_reference(reference, what: str):
    if reference is None:
        raise Unverifiable(f"no reference geometry loaded for {what}", what)
    return reference


def _country_of(place: Place, reference) -> str:
    if place.kind == "country":
        return place.country_code
    try:
        # A coastal town's point may fall just offshore of the simplified coast.
        found = reference.country_at(place.point, max_distance_km=min(place.uncertainty_km, 5.0))
    except TypeError:
        found = reference.country_at(place.point)
    except Exception:  # a reference without point lookup: trust the gazetteer's country
        found = None
    code = getattr(found, "country_code", found) if found else None
    return str(code or place.country_code or "")


def _covers(shape, point: LatLon) -> bool:
    from shapely.geometry import Point

    return bool(shape.covers(Point(point.lon, point.lat)))


def _accuracy(reference, dataset: str, pair: tuple[str, str] | None = None) -> float:
    """Accuracy (km) of a reference dataset, from what the reference layers report.

    Borders: `geomap.geometry.reference_error_km` (simplification error, plus for Natural Earth
    its measured offset from the OpenStreetMap line on that border). Countries, coasts and admin-1
    regions: the polygon simplification error the build measured. Unknown: 1 km.
    """
    name = getattr(reference, "dataset", None)
    if dataset == "border" and name:
        try:
            from geomap.geometry import reference_error_km

            return float(reference_error_km(name, pair))
        except Exception:  # a reference without the measurement: fall through to the default
            pass
    try:
        info = reference.dataset_info()
    except Exception:
        info = None
    if isinstance(info, Mapping):
        section = info.get("admin1", {}) if dataset == "admin1" else info
        for key in ("simplification_error", "country_simplification_error",
                    "polygon_simplification_error"):  # fmt: skip
            entry = section.get(key) if isinstance(section, Mapping) else None
            if isinstance(entry, Mapping) and entry.get("max_km") is not None:
                return float(entry["max_km"])
    return DEFAULT_REFERENCE_ACCURACY_KM


def _reference_label(parsed: ParsedClaim, resolution, context: Context) -> str:
    if parsed.reference_kind == "border":
        return "border"
    if parsed.reference_kind == "frontline":
        return "frontline"
    if parsed.reference_kind == "coast":
        return "coast"
    return f"{parsed.reference_kind}:{parsed.reference_name}"


def _claim(
    parsed: ParsedClaim,
    resolution: Resolution | None,
    context: Context,
    reference: str,
    verdict: str,
    reason: str,
    *,
    measured_km: float | None = None,
    tolerance_km: float | None = None,
    nearest: LatLon | None = None,
    direction_measured: str = "",
    stated_max: float | None = None,
) -> Claim:
    quantity = parsed.quantity
    stated_km = stated_min = None
    stated_max_km = stated_max
    if quantity is not None and not quantity.problem and quantity.km is not None:
        stated_km = quantity.km
        low, high = quantity.bounds_km()
        stated_min = low
        stated_max_km = high if math.isfinite(high) else None
    return Claim(
        kind=parsed.kind,  # type: ignore[arg-type]
        claim_text=parsed.text,
        start=parsed.start + context.offset,
        end=parsed.end + context.offset,
        sentence=context.sentence,
        reference=reference,
        verdict=verdict,  # type: ignore[arg-type]
        reason=reason,
        place=resolution,
        stated_km=_round(stated_km),
        stated_min_km=_round(stated_min),
        stated_max_km=_round(stated_max_km),
        hedge=quantity.hedge if quantity else "",
        unit=quantity.unit if quantity else "",
        stated_value=quantity.value if quantity else None,
        conversion_check=parsed.conversion_note,
        measured_km=_round(measured_km),
        tolerance_km=_round(tolerance_km),
        nearest_point=nearest,
        direction_stated=parsed.direction if parsed.direction != "outskirts" else "outskirts",
        direction_measured=direction_measured,
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _km(value: float) -> str:
    if math.isinf(value):
        return "∞"
    if value >= 100:
        return f"{value:,.0f} km"
    return f"{value:.1f} km"
