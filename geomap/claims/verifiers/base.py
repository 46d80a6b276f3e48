"""What every claim verifier shares: the context it is given, the exception that turns into an
"unverifiable" verdict, the tolerance arithmetic, and the one constructor of `Claim` records."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from geomap.claims.parsed import ParsedClaim
from geomap.records import Claim, LatLon, Place, Resolution

if TYPE_CHECKING:
    from geomap.geometry import ReferenceLayers, UserLayer

# Accuracy assumed for a reference dataset that does not state its own (km).
DEFAULT_REFERENCE_ACCURACY_KM = 1.0
AREA_KINDS = frozenset({"country", "admin1", "region"})

# Every place a name may stand for, as the gazetteer holds them: `lookup(resolution)` gives the
# candidates of the resolution's mention within the context the text states (its country,
# region). See geomap.claims.candidates.
CandidateLookup = Callable[[Resolution], Sequence[Place]]


@dataclass(slots=True)
class Context:
    """What the verifier knows beyond the claim: resolutions for the names it refers to."""

    target: Resolution | None = None  # the resolution of the reference name, if any
    target2: Resolution | None = None  # the second end of a road reference
    sentence_countries: Sequence[str] = ()  # ISO codes named in the claim's sentence, in order
    article_countries: Sequence[str] = ()  # ISO codes named anywhere in the article
    sentence: str = ""
    offset: int = 0  # added to the parsed claim's offsets (sentence start in the article)
    lookup: CandidateLookup | None = None  # other candidates of a name (geomap.claims.candidates)
    # How the sentence ties the claim to its place: "grammar", or "nearest" (the nearest
    # settlement before the claim, no grammar between: no accusation rests on it).
    subject_tie: str = "grammar"
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Inputs:
    """One verification problem: the claim, its place, and the geometry to check it against."""

    parsed: ParsedClaim
    resolution: Resolution | None
    reference: ReferenceLayers | None
    layers: Mapping[str, UserLayer]
    context: Context

    @property
    def target_place(self) -> Place | None:
        target = self.context.target
        return target.place if target is not None else None


@dataclass(slots=True)
class Measurement:
    """Geometry resolved for a claim: the measured km and how it was obtained."""

    km: float
    nearest: LatLon | None
    reference: str  # "border:UA-RU"
    reference_accuracy_km: float
    reference_uncertainty_km: float = 0.0  # a reference *place*'s own uncertainty
    note: str = ""
    # The stated number may be a road distance between two places: the straight line is then
    # shorter (see geomap.claims.verifiers.distance.ROAD_CIRCUITY).
    between_places: bool = False


class Unverifiable(Exception):  # noqa: N818 - a verdict, not an error
    """Raised inside a verifier when something needed for a verdict is missing."""

    def __init__(self, reason: str, reference: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.reference = reference


def require_place(resolution: Resolution | None, label: str) -> Place:
    if resolution is None:
        raise Unverifiable("no place found for the claim in its sentence", label)
    if resolution.place is None:
        raise Unverifiable(
            f"{resolution.mention.text!r} is not resolved ({resolution.rule})", label
        )
    return resolution.place


def require_reference(reference: Any, what: str) -> Any:
    if reference is None:
        raise Unverifiable(f"no reference geometry loaded for {what}", what)
    return reference


def country_of(place: Place, reference: Any) -> str:
    """ISO code of the country a place lies in, by geometry (the gazetteer's as fallback)."""
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


def covers(shape: Any, point: LatLon) -> bool:
    from shapely.geometry import Point

    return bool(shape.covers(Point(point.lon, point.lat)))


def accuracy(reference: Any, dataset: str, pair: tuple[str, str] | None = None) -> float:
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


def compare(measured: float, low: float, high: float, tolerance: float) -> tuple[str, float]:
    """(verdict, km outside) of a measured value against an interval widened by tolerance."""
    if measured < low - tolerance:
        return "inconsistent", (low - tolerance) - measured
    if measured > high + tolerance:
        return "inconsistent", measured - (high + tolerance)
    return "consistent", 0.0


def make_claim(
    inputs: Inputs,
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
    """The `Claim` record of a verdict, with the stated numbers taken from the parsed claim."""
    parsed, context = inputs.parsed, inputs.context
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
        place=inputs.resolution,
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
        direction_stated=stated_direction(parsed),
        direction_measured=direction_measured,
    )


def stated_direction(parsed: ParsedClaim) -> str:
    """ "NE"; "outskirts" / "W outskirts"; "N part"; "along" (a road)."""
    if parsed.relation in ("outskirts", "part", "along"):
        return f"{parsed.direction} {parsed.relation}".strip()
    return parsed.direction


def reference_label(parsed: ParsedClaim) -> str:
    if parsed.reference_kind in ("border", "frontline", "coast"):
        return parsed.reference_kind
    if parsed.reference_kind == "road":
        return f"road:{parsed.reference_name}-{parsed.reference2_name}"
    return f"{parsed.reference_kind}:{parsed.reference_name}"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def km_text(value: float) -> str:
    if math.isinf(value):
        return "∞"
    if value >= 100:
        return f"{value:,.0f} km"
    return f"{value:.1f} km"
