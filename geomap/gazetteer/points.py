"""Representative points of countries and regions from their polygons (GeoNames convention).

GeoNames places a country or region at its own point: roughly the geographic centre of its main
landmass (the United States at the centre of the contiguous states, not between Alaska and
Hawaii), always on land. We derive that point the same way for every shape, with no per-country
tuning: the area centroid of the largest polygon part, or of all parts when no part holds half
of the area (archipelagos such as the Philippines), computed in an equal-area projection centred
on the shape; when that centroid falls outside the land (a bay, a lake, the sea between islands)
we take the nearest point of the land, slightly inside it.
"""

from __future__ import annotations

import numpy as np
import shapely
import shapely.ops
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

from geomap.geodesy import area_km2
from geomap.records import LatLon

__all__ = ["representative_point"]

_MAIN_PART_SHARE = 0.5  # a part with at least this share of the area is the main landmass
_INSIDE_M = 2_000.0  # how far inside the land a moved point goes


def _parts(geom: BaseGeometry) -> list[BaseGeometry]:
    return [p for p in getattr(geom, "geoms", [geom]) if not p.is_empty]


def representative_point(geom: BaseGeometry | None) -> LatLon | None:
    """The point of a (multi)polygon in lon/lat degrees, as described above; None if empty."""
    if geom is None or geom.is_empty:
        return None
    parts = _parts(geom)
    areas = [area_km2(p) for p in parts]
    total = sum(areas) or 1.0
    main = max(range(len(parts)), key=areas.__getitem__)
    if areas[main] / total >= _MAIN_PART_SHARE:
        land = parts[main]
    else:
        land = shapely.MultiPolygon([p for p in parts if p.geom_type == "Polygon"]) or geom
    guess = land.centroid
    to_plane = Transformer.from_crs(
        "EPSG:4326", f"+proj=laea +lat_0={guess.y} +lon_0={guess.x} +datum=WGS84", always_xy=True
    )

    def project(xy: np.ndarray) -> np.ndarray:
        return np.column_stack(to_plane.transform(xy[:, 0], xy[:, 1]))

    plane = shapely.transform(land, project)
    centre = plane.centroid
    if not plane.contains(centre):
        # Nearest land point, moved a little inside along the line from the centroid.
        edge = shapely.ops.nearest_points(plane, centre)[0]
        dx, dy = edge.x - centre.x, edge.y - centre.y
        norm = float(np.hypot(dx, dy)) or 1.0
        inside = shapely.Point(edge.x + dx / norm * _INSIDE_M, edge.y + dy / norm * _INSIDE_M)
        centre = inside if plane.contains(inside) else edge
    lon, lat = to_plane.transform(centre.x, centre.y, direction="INVERSE")
    return LatLon(round(float(lat), 5), round(float(lon), 5))
