"""How far the simplified reference layers are from their sources, in geodesic km.

tools/build_reference_layers.py simplifies every border and outline before shipping it; these
measurements (points sampled along the full-resolution line, each one's geodesic distance to the
simplified line) go into the layers' metadata and manifest.json, and from there into the
tolerance of every claim verdict (geomap.geometry.reference_error_km).
"""

from __future__ import annotations

import numpy as np
import shapely

from geomap.geodesy import pairwise_km


def sample_points(line: shapely.Geometry, step_deg: float = 0.005) -> list[shapely.Point]:
    points = []
    for part in shapely.get_parts(line):
        n = max(2, int(part.length / step_deg) + 1)
        points.extend(shapely.line_interpolate_point(part, np.linspace(0, part.length, n)))
    return points


def geodesic_offsets_km(points: list[shapely.Point], target: shapely.Geometry) -> np.ndarray:
    """Geodesic km from each point to the nearest point of target (nearest found in lon/lat via
    an index over target's segments, so long coastlines stay fast)."""
    if not points or target.is_empty:
        return np.zeros(0)
    starts, ends = line_segments(target)
    segments = shapely.linestrings(np.stack([starts, ends], axis=1))
    tree = shapely.STRtree(segments)
    pts = np.array(points)
    point_index, segment_index = tree.query_nearest(pts, all_matches=False)
    on_target = shapely.shortest_line(pts[point_index], segments[segment_index])
    c = shapely.get_coordinates(on_target).reshape(-1, 2, 2)
    return pairwise_km(c[:, 0, 1], c[:, 0, 0], c[:, 1, 1], c[:, 1, 0])


def line_segments(geom: shapely.Geometry) -> tuple[np.ndarray, np.ndarray]:
    lines = shapely.get_parts(geom)
    coords, index = shapely.get_coordinates(lines, return_index=True)
    same = index[1:] == index[:-1]
    return coords[:-1][same], coords[1:][same]


def sample_outline(geom: shapely.Geometry, limit: int = 3000) -> list[shapely.Point]:
    """Up to `limit` points spread along a polygon's outline, for error estimates."""
    outline = shapely.boundary(geom)
    total = outline.length
    return sample_points(outline, max(total / limit, 0.002))


def error_stats(km: np.ndarray) -> dict[str, float]:
    if len(km) == 0:
        return {"median_km": 0.0, "p95_km": 0.0, "max_km": 0.0}
    return {
        "median_km": round(float(np.median(km)), 4),
        "p95_km": round(float(np.percentile(km, 95)), 4),
        "max_km": round(float(km.max()), 4),
    }


def compare_borders(a: dict, b: dict, pairs: list[tuple[str, str]]) -> dict:
    """How far one dataset's border lines are from the other's (km, sampled every ~500 m)."""
    out = {}
    for pair in pairs:
        la, lb = a["full_borders"].get(pair), b["full_borders"].get(pair)
        if la is None or lb is None:
            continue
        out["-".join(pair)] = error_stats(geodesic_offsets_km(sample_points(la), lb))
    return out
