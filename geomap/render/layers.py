"""User layers on the map: the front line (occupied area and its edge) and any other GeoJSON.

The basemap (land, water, borders) is drawn by the page script from geomap.render.basemap.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import folium
import shapely

from geomap.records import LatLon
from geomap.render.frontline import FrontLine, legend_label
from geomap.render.html import esc
from geomap.render.style import FRONT_COLOUR

Bounds = tuple[LatLon, LatLon]  # south-west, north-east


def bounds_of(points: Iterable[LatLon]) -> Bounds | None:
    pts = list(points)
    if not pts:
        return None
    return (
        LatLon(min(p.lat for p in pts), min(p.lon for p in pts)),
        LatLon(max(p.lat for p in pts), max(p.lon for p in pts)),
    )


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


def add_front_line(fmap: folium.Map, front: FrontLine | None) -> None:
    """The occupied area, tinted and hatched, under its edge: the front line proper."""
    if front is None:
        return
    group = folium.FeatureGroup(name=esc(f"Front line: {legend_label(front)}"), show=True)
    if front.areas is not None:
        area = geometry_only(shapely.geometry.mapping(front.areas))
        for fill, opacity, name in ((FRONT_COLOUR, 0.14, "tint"), ("url(#gm-hatch)", 1.0, "hatch")):
            folium.GeoJson(
                area,
                style_function=lambda _f, fill=fill, opacity=opacity, name=name: {
                    "stroke": False, "fillColor": fill, "fillOpacity": opacity,
                    "className": f"gm-front-area gm-front-{name}",
                },
                interactive=False,
            ).add_to(group)  # fmt: skip
    if front.edge is not None:
        folium.GeoJson(
            geometry_only(shapely.geometry.mapping(front.edge)),
            style_function=lambda _f: {
                "color": FRONT_COLOUR, "weight": 2.5, "opacity": 0.95,
                "className": "gm-front-edge",
            },
            interactive=False,
        ).add_to(group)  # fmt: skip
    group.add_to(fmap)
