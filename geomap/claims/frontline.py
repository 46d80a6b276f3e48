"""A front line from a user layer, and geodesic line lengths.

A front-line layer may be lines (used as they are) or, like DeepStateMap's, polygons of the area one
side controls. For polygons the front line is the part of their boundary that is neither an
international border nor a coast: the polygon boundary minus a band of FRONT_BORDER_BAND_KM around
the boundary of the country (or countries) the polygons lie in. The band absorbs the difference
between the layer's own drawing of the border/coast and the reference dataset's (a few km at most).
Distances and lengths are then geodesic on WGS84.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from shapely.geometry import LineString, MultiLineString
from shapely.ops import linemerge, unary_union

from geomap.geodesy import line_length_km as geodesic_length_km

__all__ = ["FRONT_BORDER_BAND_KM", "front_line_of", "geodesic_length_km"]

FRONT_BORDER_BAND_KM = 5.0


def front_line_of(layer: Any, reference: Any) -> tuple[Any, str]:
    """(front line geometry, how it was derived) for a user layer; (None, why) when impossible."""
    return _front_line_cached(id(layer), _Holder(layer), _Holder(reference))


class _Holder:
    """Hashable by identity so lru_cache can key on the layer without hashing shapely objects."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Holder) and other.value is self.value


@lru_cache(maxsize=8)
def _front_line_cached(_key: int, layer: _Holder, reference: _Holder) -> tuple[Any, str]:
    geometry = getattr(layer.value, "geometry", None)
    if geometry is None or geometry.is_empty:
        return None, "empty layer"
    lines, polygons = _split(geometry)
    if polygons is None:
        return lines, "the layer's lines"
    boundary = polygons.boundary
    if reference.value is None:
        note = "boundary of the layer's areas (no reference layers to remove borders and coasts)"
        return _merge(unary_union([boundary, lines]) if lines is not None else boundary), note
    band, countries = _border_band(polygons, reference.value)
    if band is None:
        return _merge(boundary), "boundary of the layer's areas (no country found under them)"
    front = boundary.difference(band)
    if lines is not None:
        front = unary_union([front, lines])
    note = (
        f"boundary of the layer's areas minus {FRONT_BORDER_BAND_KM:.0f} km around the "
        f"international borders and coasts of {', '.join(countries)}"
    )
    return _merge(front), note


def _split(geometry: Any) -> tuple[Any, Any]:
    parts = list(getattr(geometry, "geoms", [geometry]))
    polygons = [p for p in parts if p.geom_type in ("Polygon", "MultiPolygon")]
    lines = [p for p in parts if p.geom_type in ("LineString", "MultiLineString", "LinearRing")]
    return (
        unary_union(lines) if lines else None,
        unary_union(polygons) if polygons else None,
    )


def _merge(geometry: Any) -> Any:
    if isinstance(geometry, MultiLineString | LineString):
        return linemerge(geometry) if isinstance(geometry, MultiLineString) else geometry
    lines = [g for g in getattr(geometry, "geoms", []) if g.geom_type == "LineString"]
    return linemerge(lines) if lines else geometry


def _border_band(polygons: Any, reference: Any) -> tuple[Any, list[str]]:
    """A band FRONT_BORDER_BAND_KM wide around the boundaries of the countries under the areas."""
    countries: list[str] = []
    for polygon in getattr(polygons, "geoms", [polygons]):
        point = polygon.representative_point()
        from geomap.records import LatLon

        found = reference.country_at(LatLon(point.y, point.x))
        code = getattr(found, "country_code", found)
        if code and code not in countries:
            countries.append(str(code))
    if not countries:
        return None, []
    from shapely.geometry import box

    # Only the outline near the areas matters; clipping keeps Russia's 60,000 km outline out.
    west, south, east, north = polygons.bounds
    window = box(west - 1.0, south - 1.0, east + 1.0, north + 1.0)
    outlines = []
    for code in countries:
        shape = reference.country_shape(code)
        if shape is not None and not shape.is_empty:
            outlines.append(shape.boundary.intersection(window))
    if not outlines:
        return None, countries
    return _buffer_km(unary_union(outlines), FRONT_BORDER_BAND_KM), countries


def _buffer_km(geometry: Any, km: float) -> Any:
    """Buffer by `km` in an azimuthal equidistant projection centred on the geometry."""
    from pyproj import Transformer
    from shapely.ops import transform

    centre = geometry.centroid
    aeqd = f"+proj=aeqd +lat_0={centre.y} +lon_0={centre.x} +datum=WGS84 +units=m"
    forward = Transformer.from_crs("EPSG:4326", aeqd, always_xy=True).transform
    back = Transformer.from_crs(aeqd, "EPSG:4326", always_xy=True).transform
    return transform(back, transform(forward, geometry).buffer(km * 1000.0))
