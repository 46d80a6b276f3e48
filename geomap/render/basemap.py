"""The offline basemap: land and sea, lakes, rivers, country and admin-1 borders, town labels.

Two levels of detail, stitched so the map never ends at a box:

* the world layer (`geomap/data/basemap/world.json`, Natural Earth 1:50m, built by
  tools/build_basemap.py) covers the whole globe;
* around each cluster of the article's places a detail box adds the reference layers the claim
  checks measure against (geomap.geometry: countries, land borders, admin-1 regions), and the
  world layer's land and borders are cut out of that box, so the two never draw twice.

Sea is the map's background colour; land is drawn on it; lakes and rivers on the land. Town
labels come from the gazetteer, the most prominent first, each with the lowest zoom at which it
can be drawn without touching a more prominent one (`geomap.render.labels`).

The same `Basemap` feeds the HTML map (encoded as integer deltas, drawn by Leaflet in the
browser) and the static PNG/SVG (drawn by matplotlib).
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Protocol

import numpy as np
import shapely
import shapely.errors
from shapely.geometry import shape

from geomap.records import LatLon, Place
from geomap.render.labels import Settlement, thin_settlements

log = logging.getLogger(__name__)

Box = tuple[float, float, float, float]  # min_lon, min_lat, max_lon, max_lat
DETAIL_SCALE = 10_000  # grid units per degree in the detail layers (~11 m)
# Places closer than this (degrees) share one detail box; farther apart, each gets its own, so
# an article on Kyiv and Washington does not ship the Atlantic at full resolution.
CLUSTER_DEG = 6.0
# Each box reaches this far past its places (degrees), so zooming out a few steps from the
# article's view still shows full detail.
BOX_PADDING_DEG = 4.0
# Douglas-Peucker tolerance of the detail layers, per degree of the box's larger side: a box of
# 10 degrees keeps ~300 m, the resolution of the OSM-derived country polygons themselves.
TOLERANCE_PER_DEG = 0.0003
# A box wider or taller than this (degrees) gets no detail: at the scale that shows it whole the
# world layer is as fine as the eye can see, and detail for a continent would weigh megabytes.
MAX_BOX_DEG = 30.0
# At most this many boxes (the groups with most places first): a collection of articles from
# around the world gets detail where most of its places are, the world layer elsewhere.
MAX_BOXES = 4
SETTLEMENTS_PER_BOX = 400
# Around the places themselves (this far, in degrees) smaller towns are asked for too: the view
# the map opens on is zoomed in there, where a village is what a reader orients by.
NEAR_DEG = 0.6
SETTLEMENTS_NEAR = 300
# Farther than this (degrees) from every focus point, the world layer is simplified to
# FAR_TOLERANCE_DEG (~10 km): seen only zoomed out to a continent, where that is under a pixel.
NEAR_WORLD_DEG = 25.0
FAR_TOLERANCE_DEG = 0.1
# A town this close (km) to a place the article names is that place: the article's label wins.
SAME_PLACE_KM = 3.0


class SettlementSource(Protocol):
    """What the basemap needs from a gazetteer (geomap.gazetteer.Gazetteer provides it)."""

    def populated_places_in(self, bbox: Box, *, limit: int = ...) -> list[tuple[Place, int]]: ...


@dataclass(slots=True)
class DetailBox:
    box: Box
    land: list[Any] = field(default_factory=list)  # country polygons (shapely)
    borders: list[Any] = field(default_factory=list)  # land borders between countries
    admin1: list[Any] = field(default_factory=list)  # lines between admin-1 regions


@dataclass(slots=True)
class Basemap:
    land: list[Any]  # world land outside the detail boxes
    lakes: list[Any]
    rivers: list[Any]
    borders: list[Any]  # world land borders outside the detail boxes
    boxes: list[DetailBox]
    settlements: list[Settlement]


# ------------------------------------------------------------------------------- world layer


def decode_part(deltas: list[int], scale: float) -> np.ndarray:
    """(n, 2) lon/lat from [x0, y0, dx1, dy1, ...] integer deltas (tools/build_basemap.py)."""
    xy = np.asarray(deltas, dtype=np.int64).reshape(-1, 2)
    return np.cumsum(xy, axis=0) / scale


def encode_part(coords: np.ndarray, scale: float = DETAIL_SCALE) -> list[int]:
    grid = np.round(np.asarray(coords)[:, :2] * scale).astype(np.int64)
    if len(grid) > 1:
        keep = np.ones(len(grid), dtype=bool)
        keep[1:] = np.any(grid[1:] != grid[:-1], axis=1)
        grid = grid[keep]
    return np.vstack([grid[:1], np.diff(grid, axis=0)]).ravel().tolist()


@cache
def world_data() -> dict:
    path = resources.files("geomap") / "data" / "basemap" / "world.json"
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def world_layers() -> dict[str, list[Any]]:
    """The world layer as shapely geometries (polygons: land, lakes; lines: rivers, borders)."""
    data = world_data()
    scale = float(data["scale"])
    out: dict[str, list[Any]] = {}
    for name, polys in data["polygons"].items():
        out[name] = [
            shapely.Polygon(
                decode_part(rings[0], scale), [decode_part(r, scale) for r in rings[1:]]
            )
            for rings in polys
        ]
    for name, lines in data["lines"].items():
        out[name] = [shapely.LineString(decode_part(line, scale)) for line in lines]
    return out


# ------------------------------------------------------------------------------- detail boxes


def cluster_boxes(
    points: list[LatLon], gap_deg: float = CLUSTER_DEG, max_boxes: int = MAX_BOXES
) -> list[Box]:
    """One padded box per group of points, most populous group first: points fall into grid
    cells `gap_deg` wide, and touching cells (8 neighbours) form one group. At most
    `max_boxes` boxes, none larger than MAX_BOX_DEG."""
    cells: dict[tuple[int, int], list[LatLon]] = {}
    for p in points:
        cells.setdefault((math.floor(p.lat / gap_deg), math.floor(p.lon / gap_deg)), []).append(p)
    groups: list[list[LatLon]] = []
    seen: set[tuple[int, int]] = set()
    for first in cells:
        if first in seen:
            continue
        seen.add(first)
        stack, group = [first], []
        while stack:
            cell = stack.pop()
            group += cells[cell]
            for dlat in (-1, 0, 1):
                for dlon in (-1, 0, 1):
                    near = (cell[0] + dlat, cell[1] + dlon)
                    if near in cells and near not in seen:
                        seen.add(near)
                        stack.append(near)
        groups.append(group)
    boxes: list[tuple[int, Box]] = []
    for g in groups:
        lats, lons = [q.lat for q in g], [q.lon for q in g]
        box = (
            max(-180.0, min(lons) - BOX_PADDING_DEG), max(-85.0, min(lats) - BOX_PADDING_DEG),
            min(180.0, max(lons) + BOX_PADDING_DEG), min(85.0, max(lats) + BOX_PADDING_DEG),
        )  # fmt: skip
        boxes.append((len(g), box))
    merged = _merge_overlapping([b for _, b in sorted(boxes, key=lambda nb: -nb[0])])
    return [b for b in merged if max(b[2] - b[0], b[3] - b[1]) <= MAX_BOX_DEG][:max_boxes]


def _merge_overlapping(boxes: list[Box]) -> list[Box]:
    merged = True
    while merged:
        merged = False
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                a, b = boxes[i], boxes[j]
                if a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]:
                    boxes[i] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
                    del boxes[j]
                    merged = True
                    break
            if merged:
                break
    return boxes


def tolerance_for(box: Box) -> float:
    return TOLERANCE_PER_DEG * max(box[2] - box[0], box[3] - box[1])


def _reference_layers():
    try:
        from geomap.geometry import ReferenceLayers
    except ImportError:  # a build without geometry: the world layer alone still reads as a map
        log.warning("geomap.geometry is unavailable; the map has no detailed borders")
        return None
    return ReferenceLayers.default()


@lru_cache(maxsize=8)
def detail_box(box: Box) -> DetailBox:
    """Countries, land borders and admin-1 lines of the reference layers inside `box` (kept
    for the next map of the same box: `geomap map --png` draws the HTML and the picture)."""
    detail = DetailBox(box)
    layers = _reference_layers()
    if layers is None:
        return detail
    tolerance = tolerance_for(box)
    countries = layers.outlines_geojson(box)["features"]
    codes = []
    for feature in countries:
        geom = shape(feature["geometry"])
        detail.land.append(shapely.simplify(geom, tolerance, preserve_topology=True))
        codes.append(feature["properties"]["country_code"])
    seen: set[frozenset[str]] = set()
    for cc in codes:
        for other in layers.neighbours(cc):
            pair = frozenset((cc, other))
            if pair in seen or other not in codes:
                continue
            seen.add(pair)
            line = layers.border(cc, other)
            if line is not None:
                with contextlib.suppress(shapely.errors.GEOSException):
                    line = shapely.clip_by_rect(line, *box)
                if not line.is_empty:
                    detail.borders.append(shapely.simplify(line, tolerance))
    detail.admin1 = admin1_lines(layers.outlines_geojson(box, level="admin1")["features"], box)
    detail.admin1 = [shapely.simplify(g, tolerance) for g in detail.admin1]
    return detail


def admin1_lines(features: list[dict], box: Box) -> list[Any]:
    """The lines two admin-1 regions of one country share. The regions are coverage-simplified,
    so a shared edge is the same segments on both sides: a segment that occurs in two regions'
    outlines is internal, one that occurs once is a coast, a country border or the box edge."""
    by_country: dict[str, list[Any]] = {}
    for f in features:
        cc = f["properties"].get("country_code", "")
        by_country.setdefault(cc, []).append(shape(f["geometry"]).boundary)
    lines = []
    for outlines in by_country.values():
        coords, ring = shapely.get_coordinates(
            shapely.get_parts(np.asarray(outlines, dtype=object)), return_index=True
        )
        if len(coords) < 2:
            continue
        grid = np.round(coords * DETAIL_SCALE).astype(np.int64)
        same = ring[1:] == ring[:-1]
        a, b = grid[:-1][same], grid[1:][same]
        # One key per undirected segment: its two end points in a fixed order.
        swap = (a[:, 0] > b[:, 0]) | ((a[:, 0] == b[:, 0]) & (a[:, 1] > b[:, 1]))
        lo, hi = np.where(swap[:, None], b, a), np.where(swap[:, None], a, b)
        keys = np.hstack([lo, hi])
        _, inverse, counts = np.unique(keys, axis=0, return_inverse=True, return_counts=True)
        shared = counts[inverse.ravel()] >= 2
        if not shared.any():
            continue
        segments = np.stack([lo[shared], hi[shared]], axis=1) / DETAIL_SCALE
        unique = np.unique(segments.reshape(-1, 4), axis=0).reshape(-1, 2, 2)
        merged = shapely.line_merge(shapely.MultiLineString(list(unique)))
        lines.extend(shapely.get_parts(merged))
    return lines


def _outside(geoms: list[Any], boxes: list[Box]) -> list[Any]:
    """The parts of world geometries outside every detail box (the boxes draw their own)."""
    if not boxes:
        return geoms
    cut = shapely.union_all([shapely.box(*b) for b in boxes])
    out = []
    for geom in geoms:
        if not shapely.intersects(geom, cut):
            out.append(geom)
            continue
        try:
            rest = shapely.difference(geom, cut)
        except shapely.errors.GEOSException:  # a ring the grid rounding made self-touching
            rest = shapely.difference(shapely.make_valid(geom), cut)
        if not rest.is_empty:
            out.append(rest)
    return out


# ---------------------------------------------------------------------------------- assemble


def build_basemap(
    focus: list[LatLon],
    settlements: SettlementSource | None = None,
    *,
    detail: bool = True,
    named: list[tuple[float, float, str]] = (),  # type: ignore[assignment]
) -> Basemap:
    """The basemap of a map looking at `focus`: the world, plus detail boxes around the focus
    (none with detail=False) and the labels of the largest settlements in them. `named` are the
    (lat, lon, name) of the places the map labels itself: towns keep clear of them."""
    world = world_layers()
    boxes = [detail_box(b) for b in cluster_boxes(focus)] if detail and focus else []
    extents = [b.box for b in boxes]
    towns: list[Settlement] = []
    if settlements is not None and focus:
        lats, lons = [p.lat for p in focus], [p.lon for p in focus]
        near = (min(lons) - NEAR_DEG, min(lats) - NEAR_DEG,
                max(lons) + NEAR_DEG, max(lats) + NEAR_DEG)  # fmt: skip
        queries = [(b, SETTLEMENTS_PER_BOX) for b in extents]
        if near[2] - near[0] < 2 * CLUSTER_DEG:  # one cluster: worth the village-level query
            queries.append((near, SETTLEMENTS_NEAR))
        for box, limit in queries:
            try:
                found = settlements.populated_places_in(box, limit=limit)
            except Exception as exc:  # a gazetteer that cannot answer costs labels, not the map
                log.warning("no settlement labels: %s", exc)
                continue
            towns += [Settlement.from_place(p, names) for p, names in found]
        towns = [t for t in towns if not _is_named(t, named)]
    return Basemap(
        land=_outside(_far_coarser(world["land"], focus), extents),
        lakes=_far_coarser(world["lakes"], focus),
        rivers=_far_coarser(world["rivers"], focus),
        borders=_outside(_far_coarser(world["borders"], focus), extents),
        boxes=boxes,
        settlements=thin_settlements(towns, reserved=named),
    )


def _far_coarser(geoms: list[Any], focus: list[LatLon]) -> list[Any]:
    """The world layer, simplified further far from the focus: a reader who zooms out that far
    sees it at a scale where FAR_TOLERANCE_DEG is under a pixel, and the page is lighter."""
    if not focus:
        return geoms
    lats, lons = [p.lat for p in focus], [p.lon for p in focus]
    near = shapely.box(min(lons) - NEAR_WORLD_DEG, min(lats) - NEAR_WORLD_DEG,
                       max(lons) + NEAR_WORLD_DEG, max(lats) + NEAR_WORLD_DEG)  # fmt: skip
    arr = np.asarray(geoms, dtype=object)
    far = ~shapely.intersects(arr, near)
    arr[far] = shapely.simplify(arr[far], FAR_TOLERANCE_DEG, preserve_topology=True)
    return [g for g in arr.tolist() if not g.is_empty]


def _is_named(town: Settlement, named: list[tuple[float, float, str]]) -> bool:
    from geomap.geodesy import geodesic_km

    here = LatLon(town.lat, town.lon)
    return any(
        abs(lat - town.lat) < 0.1 and geodesic_km(here, LatLon(lat, lon)) <= SAME_PLACE_KM
        for lat, lon, _ in named
    )


# ------------------------------------------------------------------------------ for the HTML


def _polygons(geoms: list[Any], scale: float) -> list[list[list[int]]]:
    out = []
    for geom in geoms:
        for poly in shapely.get_parts(geom):
            if poly.geom_type != "Polygon" or poly.is_empty:
                continue
            rings = [encode_part(np.asarray(poly.exterior.coords), scale)]
            rings += [encode_part(np.asarray(r.coords), scale) for r in poly.interiors]
            out.append([r for r in rings if len(r) >= 6])
    return [p for p in out if p and len(p[0]) >= 6]


def _lines(geoms: list[Any], scale: float) -> list[list[int]]:
    out = []
    for geom in geoms:
        for line in shapely.get_parts(geom):
            if line.geom_type == "LineString" and not line.is_empty:
                out.append(encode_part(np.asarray(line.coords), scale))
    return [line for line in out if len(line) >= 4]


def basemap_payload(basemap: Basemap) -> dict:
    """The basemap as compact JSON for the page's script (geomap/render/js/basemap.js)."""
    world_scale = float(world_data()["scale"])
    return {
        "worldScale": world_scale,
        "detailScale": DETAIL_SCALE,
        "land": _polygons(basemap.land, world_scale),
        "lakes": _polygons(basemap.lakes, world_scale),
        "rivers": _lines(basemap.rivers, world_scale),
        "borders": _lines(basemap.borders, world_scale),
        "boxes": [
            {
                "box": list(b.box),
                "land": _polygons(b.land, DETAIL_SCALE),
                "borders": _lines(b.borders, DETAIL_SCALE),
                "admin1": _lines(b.admin1, DETAIL_SCALE),
            }
            for b in basemap.boxes
        ],
        # Names go into the page with textContent, never as HTML.
        "towns": [
            [round(s.lat, 4), round(s.lon, 4), s.name, s.min_zoom, s.population]
            for s in basemap.settlements
        ],
    }


def web_mercator_y(lat: float) -> float:
    """Web Mercator northing in degrees-equivalent units (what Leaflet and the PNG both use)."""
    lat = max(-85.0, min(85.0, lat))
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))
