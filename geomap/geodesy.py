"""Geodesic measurement on the WGS84 ellipsoid: the one `pyproj.Geod` of the package.

Every kilometre geomap reports comes from here: distances and bearings between two points,
destination points, vectorised distances from one point to many (numpy arrays), line lengths and
polygon areas. Shapely works in lon/lat degrees and finds nearest points and containment; it never
supplies a distance. Points cross this module's API as `LatLon`; the vectorised functions take
arrays of latitudes and longitudes.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from numpy.typing import ArrayLike
from pyproj import Geod

from geomap.records import LatLon

GEOD = Geod(ellps="WGS84")

__all__ = [
    "GEOD",
    "area_km2",
    "bearing_deg",
    "compass_point",
    "destination",
    "distance_matrix_km",
    "distances_km",
    "geodesic_km",
    "great_circle_matrix_km",
    "line_length_km",
    "pairwise_km",
]


def geodesic_km(a: LatLon, b: LatLon) -> float:
    """Distance on the WGS84 ellipsoid, in kilometres."""
    _, _, metres = GEOD.inv(a.lon, a.lat, b.lon, b.lat)
    return metres / 1000.0


def bearing_deg(a: LatLon, b: LatLon) -> float:
    """Initial geodesic azimuth from a to b, degrees clockwise from true north, in [0, 360)."""
    azimuth, _, _ = GEOD.inv(a.lon, a.lat, b.lon, b.lat)
    return azimuth % 360.0


def destination(origin: LatLon, bearing: float, km: float) -> LatLon:
    """The point `km` kilometres from origin along the geodesic that starts at `bearing`
    (degrees clockwise from true north): "30 km north of Kharkiv" as a point."""
    lon, lat, _ = GEOD.fwd(origin.lon, origin.lat, bearing, km * 1000.0)
    return LatLon(lat=lat, lon=((lon + 180.0) % 360.0) - 180.0)


_COMPASS_16 = (
    "N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
    "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW",
)  # fmt: skip


def compass_point(deg: float, points: int = 8) -> str:
    """The nearest compass point: points=4 (N, E, S, W), 8 (adds NE...) or 16 (adds NNE...)."""
    if points not in (4, 8, 16):
        raise ValueError("points must be 4, 8 or 16")
    step = 360.0 / points
    index = int(math.floor((deg % 360.0) / step + 0.5)) % points
    return _COMPASS_16[index * (16 // points)]


def pairwise_km(
    lats0: ArrayLike, lons0: ArrayLike, lats1: ArrayLike, lons1: ArrayLike
) -> np.ndarray:
    """Element-wise distances (km) between two equally long arrays of points."""
    _, _, metres = GEOD.inv(
        np.asarray(lons0, dtype=float),
        np.asarray(lats0, dtype=float),
        np.asarray(lons1, dtype=float),
        np.asarray(lats1, dtype=float),
    )
    return np.asarray(metres) / 1000.0


def distances_km(lat0: float, lon0: float, lats: ArrayLike, lons: ArrayLike) -> np.ndarray:
    """Distances (km) from one point to many, in one vectorised call."""
    lats = np.asarray(lats, dtype=float)
    if len(lats) == 0:
        return np.zeros(0)
    return pairwise_km(np.full(len(lats), lat0), np.full(len(lats), lon0), lats, lons)


def distance_matrix_km(
    lats_a: ArrayLike, lons_a: ArrayLike, lats_b: ArrayLike, lons_b: ArrayLike
) -> np.ndarray:
    """Distances (km) from each of n points to each of k points, as an (n, k) array."""
    lats_a, lons_a = np.asarray(lats_a, dtype=float), np.asarray(lons_a, dtype=float)
    lats_b, lons_b = np.asarray(lats_b, dtype=float), np.asarray(lons_b, dtype=float)
    n, k = len(lats_a), len(lats_b)
    km = pairwise_km(
        np.repeat(lats_a, k), np.repeat(lons_a, k), np.tile(lats_b, n), np.tile(lons_b, n)
    )
    return km.reshape(n, k)


def line_length_km(geometry: shapely.Geometry) -> float:
    """Geodesic length (km) of a (multi)line in lon/lat degrees; a polygon's is its perimeter."""
    return abs(GEOD.geometry_length(geometry)) / 1000.0


def area_km2(geometry: shapely.Geometry) -> float:
    """Geodesic area (km²) of a (multi)polygon in lon/lat degrees."""
    return abs(GEOD.geometry_area_perimeter(geometry)[0]) / 1e6


EARTH_MEAN_RADIUS_KM = 6371.0088


def great_circle_matrix_km(
    lats_a: ArrayLike, lons_a: ArrayLike, lats_b: ArrayLike, lons_b: ArrayLike
) -> np.ndarray:
    """Great-circle distances (km, on the mean sphere) from each of n points to each of k, as an
    (n, k) array: within about 0.5% of the geodesic, and fast enough for the thousands of pairs
    a ranking feature weighs per article. Never a distance geomap reports (`geodesic_km` is)."""
    lat_a = np.radians(np.asarray(lats_a, dtype=float))[:, None]
    lon_a = np.radians(np.asarray(lons_a, dtype=float))[:, None]
    lat_b = np.radians(np.asarray(lats_b, dtype=float))[None, :]
    lon_b = np.radians(np.asarray(lons_b, dtype=float))[None, :]
    h = (
        np.sin((lat_b - lat_a) / 2.0) ** 2
        + np.cos(lat_a) * np.cos(lat_b) * np.sin((lon_b - lon_a) / 2.0) ** 2
    )
    return 2.0 * EARTH_MEAN_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
