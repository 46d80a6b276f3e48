"""Length claims: "a 1,000km (620-mile) front line", measured on a front-line user layer."""

from __future__ import annotations

from geomap.claims.verifiers.base import Inputs, Unverifiable, compare, km_text, make_claim
from geomap.claims.verifiers.measure import NO_FRONTLINE_REASON, frontline_layer
from geomap.claims.verifiers.registry import register
from geomap.records import Claim

# A user line's length is a fractal property of its digitisation: allow this relative slack.
LENGTH_SLACK = 0.25


@register("length")
def verify_length(inputs: Inputs) -> Claim:
    parsed = inputs.parsed
    quantity = parsed.quantity
    label = parsed.reference_kind or "length"
    if quantity is None or quantity.problem or quantity.km is None:
        raise Unverifiable(quantity.problem if quantity else "no length stated", label)
    if parsed.reference_kind != "frontline":
        raise Unverifiable(
            f"no reference layer for the length of a {parsed.noun} (geomap measures front-line "
            "lengths from a frontline layer)",
            label,
        )
    layer = frontline_layer(inputs.layers)
    if layer is None:
        raise Unverifiable(NO_FRONTLINE_REASON, "frontline")
    from geomap.claims.frontline import front_line_of, geodesic_length_km

    line, note = front_line_of(layer, inputs.reference)
    if line is None or line.is_empty:
        raise Unverifiable(f"layer {layer.name!r} has no usable front line ({note})", "frontline")
    km = geodesic_length_km(line)
    low, high = quantity.bounds_km()
    tolerance = quantity.precision_km + LENGTH_SLACK * quantity.km
    verdict, off = compare(km, low, high, tolerance)
    reason = (
        f"front line measured {km_text(km)} long ({note}); stated {quantity.text.strip()} allows "
        f"{km_text(low)}–{km_text(high)} ± {km_text(tolerance)} (number precision, and "
        f"{LENGTH_SLACK:.0%} for how finely a line is drawn)"
    )
    if verdict == "inconsistent":
        reason += f": {km_text(off)} outside"
    if parsed.conversion_note:
        reason += f"; conversion {parsed.conversion_note}"
    return make_claim(
        inputs, f"frontline:{layer.name}", verdict, reason, measured_km=km, tolerance_km=tolerance
    )
