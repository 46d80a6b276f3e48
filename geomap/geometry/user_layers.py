"""Layers the user supplies as GeoJSON: a front line, control areas, a buffer zone.

Bad input is refused with one LayerError line that says what is wrong ([lat, lon] positions,
coordinates off the globe, another CRS, not GeoJSON); invalid polygons are repaired with a warning.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
import shapely.errors
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from geomap.errors import LayerError
from geomap.geometry.reference import ReferenceLayers


@dataclass(slots=True)
class UserLayer:
    """A GeoJSON layer the user supplied (front line, control areas, buffer zone ...)."""

    name: str
    geometry: BaseGeometry  # union of all features
    features: list[tuple[dict, BaseGeometry]]
    warnings: list[str]
    geojson: dict  # the layer as read, with repaired geometries, for drawing
    path: str = ""

    @property
    def outline(self) -> BaseGeometry:
        """Lines of the layer: polygon outlines plus line features (e.g. a front line drawn as
        the edge of an occupied area)."""
        return shapely.union_all(
            [
                g.boundary if g.geom_type in ("Polygon", "MultiPolygon") else g
                for _, g in self.features
            ]
        )


def _iter_positions(coords: Any) -> Iterable[tuple[float, float]]:
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        # A position with one number, or a second that is not one, is malformed: NaN makes
        # _check_axis_order say so.
        second = coords[1] if len(coords) > 1 and isinstance(coords[1], (int, float)) else None
        yield coords[0], (math.nan if second is None else second)
    elif isinstance(coords, (list, tuple)):
        for c in coords:
            yield from _iter_positions(c)


def _geometry_positions(geometry: dict) -> list[tuple[float, float]]:
    if geometry.get("type") == "GeometryCollection":
        return [pos for g in geometry.get("geometries", []) for pos in _geometry_positions(g)]
    return list(_iter_positions(geometry.get("coordinates", [])))


def _check_axis_order(name: str, positions: list[tuple[float, float]]) -> None:
    """Refuse [lat, lon] positions and coordinates off the globe with one clear message."""
    xs = np.array([p[0] for p in positions], dtype=float)
    ys = np.array([p[1] for p in positions], dtype=float)
    if not (np.isfinite(xs).all() and np.isfinite(ys).all()):
        raise LayerError(f"layer {name!r}: non-numeric or infinite coordinates")
    lat_bad = np.abs(ys) > 90
    lon_bad = np.abs(xs) > 180
    if lat_bad.any() and not (np.abs(xs) > 90).any() and not lon_bad.any():
        raise LayerError(
            f"layer {name!r}: latitudes beyond ±90 (e.g. {ys[lat_bad][0]:g}); the coordinates look "
            "like [lat, lon], but GeoJSON positions are [lon, lat]"
        )
    if lat_bad.any() or lon_bad.any():
        x, y = (
            (xs[lon_bad][0], ys[lon_bad][0]) if lon_bad.any() else (xs[lat_bad][0], ys[lat_bad][0])
        )
        raise LayerError(
            f"layer {name!r}: coordinate out of range [{x:g}, {y:g}] (GeoJSON needs "
            "longitude -180..180, latitude -90..90 in WGS84; reproject the file first)"
        )
    _check_swapped_by_land(name, xs, ys)


def _check_swapped_by_land(name: str, xs: np.ndarray, ys: np.ndarray) -> None:
    """In-range but swapped coordinates: mostly at sea as given, but on land when swapped."""
    sample = np.linspace(0, len(xs) - 1, min(len(xs), 200)).astype(int)
    layers = ReferenceLayers.default()
    countries = layers._countries
    given = shapely.points(xs[sample], ys[sample])
    swapped = shapely.points(ys[sample], xs[sample])
    on_land_given = len(set(countries.tree.query(given, predicate="intersects")[0].tolist()))
    on_land_swapped = len(set(countries.tree.query(swapped, predicate="intersects")[0].tolist()))
    n = len(sample)
    if on_land_given <= 0.2 * n and on_land_swapped >= 0.8 * n:
        raise LayerError(
            f"layer {name!r}: the coordinates fall at sea as [lon, lat] but on land as [lat, lon]; "
            "GeoJSON positions are [lon, lat], swap them"
        )


def load_user_layer(path: str | Path, name: str) -> UserLayer:
    """Read a user GeoJSON layer; repair invalid polygons (with a warning), refuse bad input
    with a LayerError that says what is wrong in one line."""
    path = Path(path)
    if not path.is_file():
        raise LayerError(f"layer {name!r}: file not found: {path}")
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise LayerError(f"layer {name!r}: {path} is not UTF-8 text (is it GeoJSON?)") from exc
    except json.JSONDecodeError as exc:
        raise LayerError(
            f"layer {name!r}: {path} is not GeoJSON (invalid JSON: {exc.msg} at line {exc.lineno})"
        ) from exc
    except RecursionError:
        raise LayerError(f"layer {name!r}: {path} is not GeoJSON (nested too deeply)") from None
    raw_features = _raw_features(name, data)
    warnings: list[str] = []
    crs_object = data.get("crs") if isinstance(data, dict) else None
    crs_properties = crs_object.get("properties") if isinstance(crs_object, dict) else None
    crs = str(crs_properties.get("name") or "") if isinstance(crs_properties, dict) else ""
    if crs and not re.search(r"(CRS84|4326)$", crs):
        raise LayerError(f"layer {name!r}: coordinate reference system {crs} is not WGS84 lon/lat")

    positions = [
        pos for f in raw_features if f.get("geometry") for pos in _geometry_positions(f["geometry"])
    ]
    if not positions:
        raise LayerError(f"layer {name!r}: {path} has no coordinates")
    _check_axis_order(name, positions)

    features: list[tuple[dict, BaseGeometry]] = []
    out_features = []
    for n, feature in enumerate(raw_features, start=1):
        if not feature.get("geometry"):
            warnings.append(f"feature {n}: no geometry, skipped")
            continue
        try:
            geom = shape(feature["geometry"])
        except (
            ValueError, TypeError, AttributeError, KeyError, IndexError, shapely.errors.ShapelyError
        ) as exc:  # fmt: skip
            raise LayerError(
                f"layer {name!r}: feature {n} has a malformed geometry ({exc})"
            ) from exc
        if geom.is_empty:
            warnings.append(f"feature {n}: empty geometry, skipped")
            continue
        if not geom.is_valid:
            reason = shapely.is_valid_reason(geom)
            geom = shapely.make_valid(geom)
            if geom.geom_type == "GeometryCollection":
                polys = [
                    g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")
                ]
                geom = shapely.union_all(polys) if polys else geom
            warnings.append(f"feature {n}: invalid geometry ({reason}) repaired")
        props = feature.get("properties")
        props = dict(props) if isinstance(props, dict) else {}
        features.append((props, geom))
        out_features.append({"type": "Feature", "properties": props, "geometry": mapping(geom)})
    if not features:
        raise LayerError(f"layer {name!r}: {path} has no usable features")
    union = shapely.union_all([g for _, g in features])
    return UserLayer(
        name=name,
        geometry=union,
        features=features,
        warnings=warnings,
        geojson={"type": "FeatureCollection", "features": out_features},
        path=str(path),
    )


_GEOMETRY_TYPES = {
    "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
    "GeometryCollection",
}  # fmt: skip


def _raw_features(name: str, data: Any) -> list[dict]:
    kind = data.get("type") if isinstance(data, dict) else None
    if kind == "FeatureCollection" and isinstance(data.get("features"), list):
        features = data["features"]
    elif kind == "Feature":
        features = [data]
    elif kind in _GEOMETRY_TYPES:
        features = [{"type": "Feature", "properties": {}, "geometry": data}]
    else:
        raise LayerError(
            f"layer {name!r}: not GeoJSON (no FeatureCollection, Feature or geometry type)"
        )
    if not all(isinstance(f, dict) for f in features):
        raise LayerError(f"layer {name!r}: not GeoJSON (features must be objects)")
    if not all(isinstance(f.get("geometry"), (dict, type(None))) for f in features):
        raise LayerError(f"layer {name!r}: not GeoJSON (a feature's geometry must be an object)")
    return features
