"""Vector reference layers for the map: country outlines and user layers.

Country and admin outlines come from `geomap.geometry.ReferenceLayers` (the same boundaries the
claim checks measure against), so the map reads without tiles and shows exactly the geometry a
verdict was computed on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

import folium

from geomap.records import LatLon
from geomap.render.html import esc
from geomap.render.style import BORDER_COLOUR

log = logging.getLogger(__name__)

Bounds = tuple[LatLon, LatLon]  # south-west, north-east


def bounds_of(points: Iterable[LatLon]) -> Bounds | None:
    pts = list(points)
    if not pts:
        return None
    return (
        LatLon(min(p.lat for p in pts), min(p.lon for p in pts)),
        LatLon(max(p.lat for p in pts), max(p.lon for p in pts)),
    )


def padded(bounds: Bounds, fraction: float = 0.5, minimum_deg: float = 3.0) -> Bounds:
    """Bounds grown on every side, so the outlines reach past the markers."""
    sw, ne = bounds
    dlat = max((ne.lat - sw.lat) * fraction, minimum_deg)
    dlon = max((ne.lon - sw.lon) * fraction, minimum_deg)
    return (
        LatLon(max(-90.0, sw.lat - dlat), max(-180.0, sw.lon - dlon)),
        LatLon(min(90.0, ne.lat + dlat), min(180.0, ne.lon + dlon)),
    )


def outlines_geojson(bounds: Bounds | None) -> dict[str, Any] | None:
    """Country outlines around `bounds` from the reference layers, or None when unavailable."""
    try:
        from geomap.geometry import ReferenceLayers
    except ImportError:  # geometry not installed in this build: the map still works, without them
        log.warning("geomap.geometry is unavailable; the map has no country outlines")
        return None
    bbox = None
    if bounds is not None:
        sw, ne = padded(bounds)
        bbox = (sw.lon, sw.lat, ne.lon, ne.lat)
    return ReferenceLayers.default().outlines_geojson(bbox)


def geometry_only(geojson: dict[str, Any]) -> dict[str, Any]:
    """The same shapes with their properties dropped.

    The layers are drawn, not clicked, so properties would only add bytes; and folium renders
    its scripts through Jinja a second time, so a `{{` in a user file's property must not get in.
    """
    kind = geojson.get("type")
    if kind == "FeatureCollection":
        return {"type": "FeatureCollection",
                "features": [geometry_only(f) for f in geojson.get("features", [])]}  # fmt: skip
    if kind == "Feature":
        return {"type": "Feature", "geometry": geojson.get("geometry"), "properties": {}}
    return {"type": "Feature", "geometry": geojson, "properties": {}}


def outline_layer(geojson: dict[str, Any], name: str = "Borders") -> folium.GeoJson:
    return folium.GeoJson(
        geometry_only(geojson),
        name=name,
        style_function=lambda _feature: {
            "color": BORDER_COLOUR,
            "weight": 1,
            "fill": True,
            "fillColor": "#ffffff",
            "fillOpacity": 0.6,
        },
        # The outlines are context, not content: clicks go to the markers under them.
        interactive=False,
        control=True,
    )


def user_layer_geojson(layer: Any) -> tuple[str, dict[str, Any]]:
    """(name, GeoJSON) for a user layer: a geometry.UserLayer, a GeoJSON dict or (name, dict)."""
    if isinstance(layer, tuple) and len(layer) == 2:
        return str(layer[0]), layer[1]
    if isinstance(layer, dict):
        return str(layer.get("name", "layer")), layer
    name = str(getattr(layer, "name", "") or getattr(layer, "kind", "") or "layer")
    for attribute in ("to_geojson", "geojson"):
        value = getattr(layer, attribute, None)
        if callable(value):
            return name, value()
        if isinstance(value, dict):
            return name, value
    geometry = getattr(layer, "geometry", None)
    if geometry is not None and hasattr(geometry, "__geo_interface__"):
        return name, {"type": "Feature", "geometry": geometry.__geo_interface__, "properties": {}}
    if hasattr(layer, "__geo_interface__"):
        return name, layer.__geo_interface__
    raise TypeError(f"cannot draw layer {layer!r}: no GeoJSON or geometry")


def add_user_layers(fmap: folium.Map, layers: Sequence[Any]) -> None:
    for layer in layers:
        name, geojson = user_layer_geojson(layer)
        folium.GeoJson(
            geometry_only(geojson),
            # Leaflet's layer control inserts names as HTML.
            name=esc(f"Layer: {name}"),
            style_function=lambda _f: {
                "color": "#b71c1c",
                "weight": 2,
                "fillColor": "#e57373",
                "fillOpacity": 0.25,
            },
            interactive=False,
        ).add_to(fmap)
