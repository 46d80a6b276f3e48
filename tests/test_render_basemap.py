"""The offline basemap, town label thinning and the front-line layer, without a browser."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
import shapely

sys.path.insert(0, str(Path(__file__).parent))
from conftest import shared_path  # noqa: E402
from sample_reports import KHERSON, KYIV, istanbul_report  # noqa: E402

from geomap.records import LatLon, Place  # noqa: E402
from geomap.render.basemap import (  # noqa: E402
    basemap_payload,
    build_basemap,
    cluster_boxes,
    decode_part,
    encode_part,
    world_layers,
)
from geomap.render.frontline import front_line, layer_date  # noqa: E402
from geomap.render.labels import (  # noqa: E402
    MAX_ZOOM,
    MIN_ZOOM,
    Settlement,
    label_box,
    thin_settlements,
    world_pixels,
)


class Towns:
    """A settlement source like the gazetteer's: (Place, number of names), most populous first."""

    def __init__(self, towns: list[tuple[str, float, float, int, int]]) -> None:
        self.towns = towns
        self.asked: list[tuple] = []

    def populated_places_in(self, bbox, *, limit=500):
        self.asked.append(bbox)
        x0, y0, x1, y1 = bbox
        found = [
            (Place(f"t:{name}", name, LatLon(lat, lon), "populated_place", "UA",
                   population=pop), names)
            for name, lat, lon, pop, names in self.towns
            if x0 <= lon <= x1 and y0 <= lat <= y1
        ]  # fmt: skip
        return sorted(found, key=lambda t: -t[0].population)[:limit]


def _on_land(layer, lat: float, lon: float) -> bool:
    return any(shapely.contains_xy(g, lon, lat) for g in layer)


def test_world_layer_separates_land_and_sea_and_has_water():
    world = world_layers()
    assert _on_land(world["land"], 50.45, 30.52)  # Kyiv
    assert _on_land(world["land"], -15.8, -47.9)  # Brasilia
    assert not _on_land(world["land"], 30.0, -40.0)  # the North Atlantic
    assert not _on_land(world["land"], 43.0, 34.0)  # the Black Sea
    assert _on_land(world["lakes"], -1.0, 33.0)  # Lake Victoria
    assert len(world["rivers"]) > 100 and len(world["borders"]) > 100
    # the Dnipro flows past Kyiv: some river line passes within ~20 km of it
    kyiv = shapely.Point(30.52, 50.45)
    assert min(shapely.distance(r, kyiv) for r in world["rivers"]) < 0.2


def test_integer_delta_coding_round_trips():
    coords = [[30.5234, 50.4501], [30.6, 50.5], [30.6, 50.5], [-179.99, -85.0]]
    back = decode_part(encode_part(coords, 10_000), 10_000)
    assert back.tolist() == [[30.5234, 50.4501], [30.6, 50.5], [-179.99, -85.0]]


def test_places_far_apart_get_separate_detail_boxes():
    kyiv, kherson, washington = LatLon(50.45, 30.52), LatLon(46.64, 32.62), LatLon(38.9, -77.0)
    boxes = cluster_boxes([kyiv, kherson, washington])
    assert len(boxes) == 2
    near = next(b for b in boxes if b[0] < 30.52 < b[2])
    assert near[1] < 46.64 and near[3] > 50.45  # Kyiv and Kherson share one box
    assert len(cluster_boxes([kyiv, kherson])) == 1


def test_detail_box_replaces_the_world_layer_inside_it():
    basemap = build_basemap([LatLon(50.9, 34.8), LatLon(46.64, 32.62)])
    (detail,) = basemap.boxes
    inside = shapely.box(*detail.box).buffer(-0.01)
    # The world's land and borders stop at the box; the box draws its own, at full detail.
    assert not any(shapely.intersects(g.buffer(0), inside) for g in basemap.land)
    assert not any(shapely.intersects(g, inside) for g in basemap.borders)
    assert _on_land(detail.land, 50.9, 34.8)  # Sumy
    assert detail.borders and detail.admin1
    # Admin-1 lines run between regions, not along the coast: they lie on land (the regions'
    # Natural Earth outlines and the OSM land differ by up to a few hundred metres).
    land = shapely.union_all(detail.land).buffer(0.02)
    lines = shapely.union_all(detail.admin1)
    assert shapely.intersection(lines, land).length > 0.97 * lines.length
    # the line between Sumy and Kharkiv oblasts is there (it crosses 50.2 N near 35.2 E)
    probe = shapely.box(34.6, 50.1, 35.8, 50.35)
    assert any(shapely.intersects(line, probe) for line in detail.admin1)


def test_payload_is_compact_json_with_every_layer():
    basemap = build_basemap([LatLon(50.9, 34.8)])
    payload = basemap_payload(basemap)
    for key in ("land", "lakes", "rivers", "borders", "boxes", "towns"):
        assert key in payload
    assert payload["boxes"][0]["land"] and payload["boxes"][0]["admin1"]
    assert len(json.dumps(payload)) < 1_500_000


def test_towns_near_the_article_are_labelled_and_named_places_are_not_repeated():
    towns = Towns([("Sumy", 50.91, 34.80, 256_000, 26), ("Lebedyn", 50.59, 34.48, 25_000, 20),
                   ("Far Away Town", 30.0, 10.0, 900_000, 30)])  # fmt: skip
    basemap = build_basemap([LatLon(50.9, 34.8)], towns, named=[(50.9, 34.8, "Sumy")])
    names = [t.name for t in basemap.settlements]
    assert "Lebedyn" in names
    assert "Sumy" not in names  # the article's own label says it
    assert "Far Away Town" not in names  # outside every box asked about
    assert towns.asked and all(b[0] <= 34.8 <= b[2] for b in towns.asked)


def test_no_two_labels_overlap_at_any_zoom():
    grid = [Settlement(f"Town {i}-{j}", 48 + i * 0.05, 35 + j * 0.07, 1000 * (i + j + 1),
                       1000.0 * (i + j + 1)) for i in range(12) for j in range(12)]  # fmt: skip
    reserved = [(48.3, 35.3, "Named in the article")]
    shown = thin_settlements(grid, reserved=reserved)
    assert shown
    for zoom in range(MIN_ZOOM, MAX_ZOOM + 1):
        boxes = [label_box(*world_pixels(lat, lon, zoom), text) for lat, lon, text in reserved]
        boxes += [label_box(*world_pixels(t.lat, t.lon, zoom), t.name)
                  for t in shown if t.min_zoom <= zoom]  # fmt: skip
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    # more labels fit as the map zooms in
    counts = [sum(t.min_zoom <= z for t in shown) for z in range(MIN_ZOOM, MAX_ZOOM + 1)]
    assert counts == sorted(counts) and counts[-1] > counts[0]


def test_a_city_outranks_its_larger_district_with_few_names():
    city = Settlement.from_place(
        Place("c", "City", LatLon(47.10, 37.54), "populated_place", "UA", population=230_000), 47
    )
    district = Settlement.from_place(
        Place("d", "District", LatLon(47.11, 37.58), "populated_place", "UA", population=350_000),
        4,
    )
    shown = {t.name: t.min_zoom for t in thin_settlements([district, city])}
    assert shown["City"] == MIN_ZOOM
    assert shown.get("District", MAX_ZOOM + 1) > MIN_ZOOM


def test_layer_date_from_properties_or_file_name():
    class Layer:
        def __init__(self, name, path="", geojson=None):
            self.name, self.path, self.geojson = name, path, geojson or {}

    assert layer_date(Layer("frontline", "/data/front_20240730.geojson")) == dt.date(2024, 7, 30)
    dated = {"type": "FeatureCollection", "features": [{"properties": {"date": "2025-06-01"}}]}
    assert layer_date(Layer("frontline", "front.geojson", dated)) == dt.date(2025, 6, 1)
    assert layer_date(Layer("frontline", "front.geojson")) is None
    assert layer_date(Layer("frontline", "front_20241399.geojson")) is None  # not a date


def test_front_line_of_a_deepstatemap_layer_has_area_edge_and_date():
    from geomap.geometry import load_user_layer

    path = shared_path("frontline/deepstatemap_data_20240730.geojson")
    layer = load_user_layer(path, "frontline")
    front = front_line({"frontline": layer})
    assert front is not None and front.date == dt.date(2024, 7, 30)
    assert front.areas is not None and front.edge is not None
    # the edge is the front, not the Russian border: far from Kharkiv's border crossing
    assert front.edge.length < front.areas.boundary.length
    border_point = shapely.Point(36.35, 50.38)  # on the UA-RU border north of Kharkiv
    assert shapely.distance(front.edge, border_point) > 0.03
    assert front_line({"notes": layer}) is None  # only a front-line layer is drawn as one


def test_claims_to_the_front_line_end_on_the_drawn_edge(gazetteer):
    from geomap.geometry import load_user_layer
    from geomap.pipeline import analyze_file

    path = shared_path("frontline/deepstatemap_data_20240730.geojson")
    layer = load_user_layer(path, "frontline")
    example = Path(__file__).parents[1] / "examples" / "pokrovsk-front.txt"
    report = analyze_file(example, gazetteer=gazetteer, layers={"frontline": layer})
    front = front_line({"frontline": layer})
    to_front = [c for c in report.claims if c.reference.startswith("frontline")]
    assert to_front, "the example states distances to the front line"
    for claim in to_front:
        end = shapely.Point(claim.nearest_point.lon, claim.nearest_point.lat)
        assert shapely.distance(front.edge, end) < 1e-6


def test_sample_report_basemap_has_the_dnipro_near_kherson():
    report = istanbul_report()
    assert any(r.place == KHERSON for r in report.places) or any(
        r.place == KYIV for r in report.places
    )
    basemap = build_basemap([KHERSON.point])
    kherson = shapely.Point(KHERSON.point.lon, KHERSON.point.lat)
    assert min(shapely.distance(r, kherson) for r in basemap.rivers) < 0.2


@pytest.mark.parametrize("bad", ["map.gif", "map"])
def test_static_image_wants_png_or_svg(tmp_path, bad):
    from geomap.render.static import write_image

    with pytest.raises(ValueError, match="png or .svg"):
        write_image(istanbul_report(), tmp_path / bad)
