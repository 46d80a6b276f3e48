"""The point of a geometry nearest to a place, and the geodesic km to it.

Shapely finds the nearest point in a projection where distances from the place are true; the
kilometres come from geomap.geodesy, like every other distance in the package.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import shapely
from pyproj import CRS, Transformer
from shapely.geometry.base import BaseGeometry

from geomap.geodesy import geodesic_km
from geomap.records import LatLon

# Longest edge projected as a straight line in nearest_point (degrees, ~5 km).
_MAX_EDGE_DEG = 0.05


@lru_cache(maxsize=512)
def _aeqd_transformers(p: LatLon) -> tuple[Transformer, Transformer]:
    """Azimuthal equidistant projection centred on p: distances from p are true there.
    Cached: building a projection costs ~10 ms, and articles measure from the same places."""
    crs = CRS.from_proj4(f"+proj=aeqd +lat_0={p.lat} +lon_0={p.lon} +datum=WGS84 +units=m")
    forward = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    inverse = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    return forward, inverse


def _near_part(geom: BaseGeometry, p: LatLon) -> BaseGeometry:
    """The part of `geom` that can hold the point nearest to p: projecting a whole border line
    costs milliseconds, and only its stretch near p matters.

    The point nearest to p in plain lon/lat is at some geodesic distance D from p; the truly
    nearest point is no farther, so it lies within D of p, which bounds a lon/lat box (with a
    margin). Near the poles or for far-away geometry the box is the world: no clipping."""
    origin = shapely.Point(p.lon, p.lat)
    if geom.intersects(origin):
        return geom
    planar_near = shapely.shortest_line(origin, geom).coords[1]
    bound_km = geodesic_km(p, LatLon(planar_near[1], planar_near[0])) * 1.05 + 5.0
    dlat = bound_km / 110.0
    max_lat = abs(p.lat) + dlat
    if dlat > 20.0 or max_lat >= 80.0:
        return geom
    dlon = dlat / math.cos(math.radians(max_lat))
    if dlon > 40.0 or abs(p.lon) + dlon > 180.0:
        return geom
    part = shapely.clip_by_rect(geom, p.lon - dlon, p.lat - dlat, p.lon + dlon, p.lat + dlat)
    return geom if part.is_empty else part


def nearest_point(geom: BaseGeometry, p: LatLon) -> tuple[LatLon, float]:
    """The point of `geom` nearest to p, and the geodesic km to it.

    Shapely picks the candidate in an azimuthal equidistant projection centred on p (where the
    distance from p to every vertex is the true geodesic one, so the nearest point is right even
    far from the equator); the kilometres then come from pyproj.Geod. A point inside a polygon is
    0 km from it: pass `.boundary` to measure to the outline instead.
    """
    if geom is None or geom.is_empty:
        raise ValueError("nearest_point: empty geometry")
    geom = _near_part(geom, p)
    forward, inverse = _aeqd_transformers(p)
    # GeoJSON edges are straight in lon/lat (RFC 7946); densify long ones so that they stay
    # (nearly) straight-in-lon/lat after projection.
    geom = shapely.segmentize(geom, _MAX_EDGE_DEG)
    projected = shapely.transform(
        geom, lambda xy: np.column_stack(forward.transform(xy[:, 0], xy[:, 1]))
    )
    origin = shapely.Point(0.0, 0.0)
    if projected.intersects(origin):
        return p, 0.0
    near = shapely.shortest_line(origin, projected).coords[1]
    lon, lat = inverse.transform(near[0], near[1])
    point = LatLon(lat=max(-90.0, min(90.0, lat)), lon=((lon + 180.0) % 360.0) - 180.0)
    return point, geodesic_km(p, point)
