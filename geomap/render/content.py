"""What the maps show of a Report, for the HTML map and the picture alike (no folium here):
where to look, which places get an uncertainty circle, which are drawn as their region."""

from __future__ import annotations

from functools import lru_cache

import shapely
import shapely.geometry

from geomap.export import event_place
from geomap.records import LatLon, Place, Report


def focus_points(report: Report) -> list[LatLon]:
    """Where the map should look: the article's places, events and claim reference points.

    A country's point is its centroid (Russia's lies in Siberia), so countries count only when
    the article names nothing smaller.
    """
    places = [r.place for r in report.places if r.place is not None]
    points = [p.point for p in places if p.kind != "country"]
    points += [p.point for p in map(event_place, report.events) if p is not None]
    points += [c.nearest_point for c in report.claims if c.nearest_point is not None]
    return points or [p.point for p in places]


def has_uncertainty_circle(place: Place) -> bool:
    return (
        place.kind != "country"
        and bool(place.uncertainty_km)
        and place.uncertainty_km >= 1.0
        and region_outline(place) is None
    )


@lru_cache(maxsize=512)
def region_outline(place: Place) -> dict | None:
    """The polygon of an admin-1 region or of a region made of countries or regions (the
    Donbas, the EU), simplified to ~1 km for drawing, from the shipped reference layers; None
    for other places or when the layers lack it."""
    if place.kind not in ("admin1", "region"):
        return None
    try:
        from geomap.geometry import ReferenceLayers

        outline = ReferenceLayers.default().place_shape(place)
    except (ImportError, OSError, ValueError):
        return None
    if outline is None or outline.is_empty:
        return None
    # names can match a region elsewhere; a region's point may lie offshore (Southeast Asia)
    slack = 0.05 if place.kind == "admin1" else 0.5
    if not outline.buffer(slack).contains(shapely.Point(place.point.lon, place.point.lat)):
        return None  # the shape and the point disagree: keep the honest circle
    return shapely.geometry.mapping(outline.simplify(0.01, preserve_topology=True))


def place_labels(report: Report) -> list[tuple[LatLon, str]]:
    """One label per dot: places the gazetteer puts at the same point (two villages placed at
    their hromada's centre) share one label, "Prohres / Vovche", instead of two fighting for
    the same spot."""
    by_point: dict[tuple[float, float], tuple[LatLon, list[str]]] = {}
    for res in report.places:
        if res.place is None:
            continue
        point = res.place.point
        key = (round(point.lat, 4), round(point.lon, 4))
        names = by_point.setdefault(key, (point, []))[1]
        if res.place.name not in names:
            names.append(res.place.name)
    return [(point, " / ".join(names)) for point, names in by_point.values()]
