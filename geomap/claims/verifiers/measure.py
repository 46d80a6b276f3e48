"""Geodesic km from a place to what a claim measures against: a border (of a country, or of a
first-level region: "10 km from the border of the Kharkiv region"), a front line from a user
layer, a coastline, a place's point, a region's or country's polygon, or a road drawn as the
straight line between its two named ends."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geomap.claims.countries import country_code_for
from geomap.claims.verifiers.base import (
    AREA_KINDS,
    Inputs,
    Measurement,
    Unverifiable,
    accuracy,
    country_of,
    covers,
    require_reference,
)
from geomap.records import Place

FRONTLINE_LAYER_NAMES = ("frontline", "front_line", "front-line", "front", "frontlines")
NO_FRONTLINE_REASON = "no front-line layer given (use --layer frontline=FILE)"
# A road between two towns is drawn as the straight line between them; real roads wander from it
# by up to this share of its length (a detour index of 1.2-1.4 keeps a road's points within
# roughly a fifth of its length from the chord).
ROAD_WANDER = 0.2


def measure_distance(inputs: Inputs, place: Place) -> Measurement:
    """Geodesic km from `place` to the claim's reference geometry (raises Unverifiable)."""
    kind = inputs.parsed.reference_kind
    if kind == "frontline":
        return measure_frontline(place, inputs.layers, inputs.reference)
    reference = require_reference(inputs.reference, kind)
    if kind == "border":
        return _measure_border(inputs, place, reference)
    if kind == "coast":
        return _measure_coast(place, reference)
    if kind in ("place", "region", "area"):
        return _measure_to_target(inputs, place, reference)
    if kind == "road":
        return measure_road(inputs, place)
    raise Unverifiable(f"no geometry for {inputs.parsed.reference_text!r}", kind)


def _measure_border(inputs: Inputs, place: Place, reference: Any) -> Measurement:
    from geomap.geometry import nearest_point

    parsed, context = inputs.parsed, inputs.context
    home = country_of(place, reference)
    named = [code for name in parsed.border_names if (code := country_code_for(name))]
    if parsed.border_names and not named:
        return _measure_region_border(inputs, place, reference)
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
    return Measurement(km, nearest, label, accuracy(reference, "border", pair), note=rule)


def _measure_region_border(inputs: Inputs, place: Place, reference: Any) -> Measurement:
    """ "10 km from the border of the Kharkiv region": to the region's outline."""
    from geomap.geometry import nearest_point

    parsed = inputs.parsed
    name = " ".join(parsed.border_names)
    target = inputs.target_place
    shape = None
    if target is not None and target.kind in AREA_KINDS:
        shape = reference.place_shape(target)
    if shape is None:
        shape = reference.admin1_shape(name, place.country_code or None)
    if shape is None or shape.is_empty:
        raise Unverifiable(f"unknown country or region in {parsed.reference_text!r}", "border")
    nearest, km = nearest_point(shape.boundary, place.point)
    label = f"border:region:{target.name if target is not None else name}"
    return Measurement(km, nearest, label, accuracy(reference, "admin1"), note="region outline")


def _implied_neighbour(place: Place, home: str, reference: Any, context) -> tuple[str, str]:
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


def _measure_coast(place: Place, reference: Any) -> Measurement:
    from geomap.geometry import nearest_point

    home = country_of(place, reference)
    line = reference.coastline(home) if home else None
    if line is None or line.is_empty:
        raise Unverifiable(f"no coastline for {home or 'this place'}", f"coast:{home}")
    nearest, km = nearest_point(line, place.point)
    return Measurement(km, nearest, f"coast:{home}", accuracy(reference, "country"))


def _measure_to_target(inputs: Inputs, place: Place, reference: Any) -> Measurement:
    from geomap.geometry import geodesic_km, nearest_point

    parsed = inputs.parsed
    target = inputs.target_place
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
                km, nearest, f"country:{target.country_code}", accuracy(reference, "country")
            )
    if target.kind in ("admin1", "region") or parsed.reference_kind == "region":
        shape = reference.place_shape(target) if target.kind in AREA_KINDS else None
        if shape is None and target.kind == "admin1":
            shape = reference.admin1_shape(target.admin1_code or target.name, target.country_code)
        if shape is not None and not shape.is_empty:
            # "10 km from the Kharkiv region": to the region's edge (0 inside it).
            nearest, km = nearest_point(shape, place.point)
            return Measurement(km, nearest, f"region:{target.name}", accuracy(reference, "admin1"))
    km = geodesic_km(place.point, target.point)
    return Measurement(
        km, target.point, f"place:{target.name}", 0.0,
        reference_uncertainty_km=target.uncertainty_km, between_places=True,
    )  # fmt: skip


def measure_road(inputs: Inputs, place: Place) -> Measurement:
    """To the straight line between the road's two named ends, with their uncertainty and the
    way a road wanders from that line (ROAD_WANDER of its length) as the reference's accuracy."""
    from shapely.geometry import LineString

    from geomap.geometry import geodesic_km, nearest_point

    parsed, context = inputs.parsed, inputs.context
    ends = [r.place if r is not None else None for r in (context.target, context.target2)]
    names = (parsed.reference_name, parsed.reference2_name)
    for end, name in zip(ends, names, strict=True):
        if end is None:
            raise Unverifiable(f"{name!r} (an end of the road) is not resolved", "road")
    a, b = ends[0], ends[1]
    assert a is not None and b is not None
    length = geodesic_km(a.point, b.point)
    chord = LineString([(a.point.lon, a.point.lat), (b.point.lon, b.point.lat)])
    nearest, km = nearest_point(chord, place.point)
    return Measurement(
        km, nearest, f"road:{a.name}-{b.name}", ROAD_WANDER * length,
        reference_uncertainty_km=max(a.uncertainty_km, b.uncertainty_km),
        note=f"the road drawn as the {length:.0f} km line between its ends",
    )  # fmt: skip


def measure_frontline(place: Place, layers: Mapping[str, Any], reference: Any) -> Measurement:
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
    is_area = polygons is not None and polygons.geom_type in ("Polygon", "MultiPolygon")
    if is_area and covers(polygons, place.point):
        inside = f"; {place.name} lies inside the layer's area"
    return Measurement(km, nearest, f"frontline:{layer.name}", 0.5, note=note + inside)


def frontline_layer(layers: Mapping[str, Any] | None) -> Any:
    for name in FRONTLINE_LAYER_NAMES:
        if layers and name in layers:
            return layers[name]
    for name, layer in (layers or {}).items():
        if "front" in name.lower():
            return layer
    return None
