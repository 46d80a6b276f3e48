"""The folium maps as HTML: offline assets, escaping, one marker per Point feature, layers."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from sample_reports import empty_report, istanbul_report, xss_report  # noqa: E402

from geomap.export import report_to_geojson  # noqa: E402
from geomap.render import render_collection_map, render_map, write_map  # noqa: E402
from geomap.render.html import esc, highlight  # noqa: E402

EXTERNAL_RESOURCE = re.compile(r"<(?:script[^>]*\ssrc|link[^>]*\shref)=[\"']?(?:https?:)?//", re.I)


def _html(fmap) -> str:
    return fmap.get_root().render()


def _payload(html: str) -> dict:
    """The data the page script draws (labels, circles, basemap), as embedded in the page."""
    import json

    start = html.index("geomap.setup(")
    start = html.index("{", start)
    end = html.index("});\n", start) + 1
    return json.loads(html[start:end].replace("<\\/", "</"))


def test_self_contained_map_has_no_external_scripts_or_styles():
    html = _html(render_map(istanbul_report()))
    assert not EXTERNAL_RESOURCE.search(html)
    assert "tile.openstreetmap.org" not in html
    assert "L.Map" in html or "L.map" in html  # Leaflet itself is inlined
    assert "jQuery" in html


def test_online_map_links_cdn_and_osm_tiles():
    html = _html(render_map(istanbul_report(), self_contained=False))
    assert EXTERNAL_RESOURCE.search(html)
    assert "tile.openstreetmap.org" in html
    # The libraries are linked, not inlined: the offline map carries ~150 kB more of them.
    offline = _html(render_map(istanbul_report()))
    assert len(offline) - len(html) > 100_000


def test_attribution_credits_data_sources():
    html = _html(render_map(istanbul_report()))
    for credit in ("GeoNames", "CC BY 4.0", "Natural Earth", "OpenStreetMap", "ODbL"):
        assert credit in html


def test_one_marker_per_point_feature_in_the_html():
    for report in (istanbul_report(), xss_report(), empty_report()):
        html = _html(render_map(report))
        points = [
            f
            for f in report_to_geojson(report)["features"]
            if f["geometry"] and f["geometry"]["type"] == "Point"
        ]
        assert html.count("L.marker(") == len(points)
        places = sum(1 for f in points if f["properties"]["feature_type"] == "place")
        assert html.count('"className": "gm-marker gm-place"') == places


def test_claim_line_is_labelled_with_stated_and_measured_km():
    html = _html(render_map(istanbul_report()))
    assert "L.polyline(" in html
    assert "stated 6 km / measured 5.8 km" in html


def test_layer_control_has_the_groups_and_user_layers_are_drawn():
    frontline = (
        "front <b>line</b>",
        {
            "type": "Feature",
            "properties": {},
            "geometry": {"type": "LineString", "coordinates": [[37.0, 47.0], [38.0, 48.5]]},
        },
    )
    html = _html(render_map(istanbul_report(), layers=[frontline]))
    for name in ("Places", "Events", "Claims", "Regions named"):
        assert f'"{name}"' in html
    # escaped for HTML (Leaflet inserts layer names as HTML), then JSON-escaped by folium
    assert "Layer: front \\u0026lt;b\\u0026gt;line" in html
    assert "front <b>line</b>" not in html
    assert "[37.0, 47.0]" in html


def test_article_text_is_escaped_everywhere():
    html = _html(render_map(xss_report()))
    for payload in ("<script>window.__xss", 'onerror="window', "${window", "<b onmouseover"):
        assert payload not in html, payload
    assert "&lt;script&gt;window.__xss=2&lt;/script&gt;" in html
    assert "javascript:window.__xss" not in html  # unsafe link schemes are not linked


def test_uncertainty_circle_for_approximate_places_only():
    report = istanbul_report()
    circles = _payload(_html(render_map(report)))["circles"]
    regions = [r for r in report.places if r.place.kind == "admin1"]
    approximate = [r for r in report.places if r.place.kind not in ("country", "admin1")]
    assert regions, "the sample report should have a region-level place"
    assert len(circles) == len(approximate)
    for (lat, lon, radius_m, index), res in zip(circles, approximate, strict=True):
        place = report.places[index].place
        assert place is res.place
        assert (lat, lon, radius_m) == (
            place.point.lat,
            place.point.lon,
            place.uncertainty_km * 1e3,
        )


def test_region_level_places_are_drawn_as_their_polygon():
    from geomap.render.content import region_outline

    report = istanbul_report()
    sumy = next(r.place for r in report.places if r.place.kind == "admin1")
    outline = region_outline(sumy)
    assert outline is not None and outline["type"] in ("Polygon", "MultiPolygon")
    assert len(_payload(_html(render_map(report)))["circles"]) < len(report.places)
    city = next(r.place for r in report.places if r.place.kind == "populated_place")
    assert region_outline(city) is None


def test_write_map_writes_the_file(tmp_path):
    path = write_map(istanbul_report(), tmp_path / "sub" / "map.html")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "Talks in Istanbul" in text
    assert [p.name for p in path.parent.iterdir()] == ["map.html"]


def test_empty_report_renders_a_world_map():
    html = _html(render_map(empty_report()))
    assert "L.marker(" not in html
    assert '"zoom": 2' in html


def test_collection_map_clusters_every_place_and_located_event():
    import datetime as dt

    a = istanbul_report()
    b = istanbul_report("b", published=dt.date(2025, 7, 1), title="Second")
    html = _html(render_collection_map([a, b]))
    assert not EXTERNAL_RESOURCE.search(html)
    assert "L.markerClusterGroup(" in html
    expected = sum(len(r.places) + sum(1 for e in r.events if e.location) for r in (a, b))
    assert html.count('"popup": ') == expected
    assert html.count('"type": "Place"') == len(a.places) + len(b.places)
    assert '"article": "b"' in html


def test_highlight_marks_spans_and_escapes_the_rest():
    out = highlight("a <b> Kyiv & Kherson", [(6, 10), (13, 20)])
    assert out == "a &lt;b&gt; <mark>Kyiv</mark> &amp; <mark>Kherson</mark>"
    assert highlight("overlap", [(0, 4), (2, 7)]) == "<mark>overlap</mark>"


def test_esc_neutralises_template_literal_and_jinja_syntax():
    assert esc("`${x}`\\") == "&#96;&#36;&#123;x&#125;&#96;&#92;"


def test_jinja_syntax_in_article_text_is_not_evaluated():
    report = istanbul_report(unknown_name="{{ 7*7 }}{% if x %}")
    html = _html(render_map(report))
    assert "&#123;&#123; 7*7 &#125;&#125;&#123;% if x %&#125;" in html
    assert ">49<" not in html


def test_user_layer_with_shapely_geometry_is_drawn_without_its_properties():
    from dataclasses import dataclass

    from shapely.geometry import Polygon

    @dataclass
    class Layer:  # the shape of geomap.geometry.UserLayer: a name and a shapely geometry
        name: str
        geometry: Polygon

    area = Layer("occupied", Polygon([(37, 47), (38, 47), (38, 48), (37, 47)]))
    props = ("notes", {"type": "Feature", "properties": {"x": "{{ 7*7 }}"},
                       "geometry": {"type": "Point", "coordinates": [36.0, 49.0]}})  # fmt: skip
    html = _html(render_map(istanbul_report(), layers=[area, props]))
    assert "Layer: occupied" in html and "[37.0, 47.0]" in html
    assert "{{ 7*7 }}" not in html and "49" in html


def test_a_region_made_of_regions_is_drawn_as_their_union():
    from geomap.records import LatLon, Place
    from geomap.render.content import region_outline

    donbas = Place(place_id="region:donbas", name="Donbas", point=LatLon(48.3, 38.5),
                   kind="region", country_code="UA")  # fmt: skip
    outline = region_outline(donbas)
    assert outline is not None and outline["type"] in ("Polygon", "MultiPolygon")
    offshore = Place(place_id="region:southeast-asia", name="Southeast Asia",
                     point=LatLon(10.0, 110.0), kind="region", country_code="")  # fmt: skip
    assert region_outline(offshore) is None  # its point is at sea: the circle stays


def test_places_at_one_point_share_one_label():
    import dataclasses

    report = istanbul_report()
    first, second = report.resolutions[0], report.resolutions[1]
    twin = dataclasses.replace(second.place, point=first.place.point, name="Twin Village")
    report.resolutions[1] = dataclasses.replace(second, place=twin)
    labels = [x for x in _payload(_html(render_map(report)))["labels"] if "gm-place-label" in x[3]]
    texts = [x[2] for x in labels]
    assert f"{first.place.name} / Twin Village" in texts
    assert len(labels) == len({(r.place.point.lat, r.place.point.lon) for r in report.places})
