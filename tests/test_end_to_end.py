"""The whole path on the shared sample article: text -> places, events, claims -> map + GeoJSON.

Coordinates below are the places' public locations (not values copied from a run); every place
must resolve within 25 km of them, or within its own stated uncertainty when the gazetteer only
knows it approximately.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import geomap
from geomap.geodesy import geodesic_km
from geomap.records import LatLon

TRUE_LOCATIONS = {
    "Istanbul": LatLon(41.0082, 28.9784),
    "Ankara": LatLon(39.9334, 32.8597),
    "Kyiv": LatLon(50.4501, 30.5234),
    "Kherson": LatLon(46.6354, 32.6169),
    "Varachyne": LatLon(51.1415, 34.926),
}
# Countries and regions: their representative point must lie inside them, so we check the
# country code / admin-1 instead of a distance to an arbitrary centroid.
COUNTRIES = {"Ukraine": "UA", "Russia": "RU"}
NOT_PLACES = [
    "Rustem Umerov", "Umerov", "Dmitry Peskov", "Peskov", "Reuters", "Newsmen", "dpa",
    "Al Jazeera", "Telegram", "Wednesday", "Zelenskyy", "Putin", "Prokudin", "Challands", "Reply",
]  # fmt: skip
SAMPLE_DATE = dt.date(2025, 7, 23)


@pytest.fixture(scope="module")
def report(sample_article_path: Path, gazetteer):
    from geomap.article import read_article
    from geomap.pipeline import analyze

    article = read_article(sample_article_path, date=SAMPLE_DATE)
    return analyze(article, gazetteer=gazetteer)


def _resolved_by_surface(report) -> dict[str, list]:
    out: dict[str, list] = {}
    for res in report.resolutions:
        if res.place is not None and res.mention.kind == "toponym":
            out.setdefault(res.mention.text, []).append(res)
    return out


def test_every_place_resolved_near_its_true_location(report) -> None:
    by_surface = _resolved_by_surface(report)
    for name, truth in TRUE_LOCATIONS.items():
        assert name in by_surface, f"{name} not found/resolved; got {sorted(by_surface)}"
        for res in by_surface[name]:
            error = geodesic_km(res.place.point, truth)
            allowed = max(25.0, res.place.uncertainty_km)
            assert error <= allowed, (name, res.place, error)
            if error > 25.0:  # approximate placement must be said, not hidden
                assert res.place.uncertainty_km >= error
    for name, code in COUNTRIES.items():
        assert name in by_surface, f"{name} not resolved"
        for res in by_surface[name]:
            assert res.place.kind == "country" and res.place.country_code == code


def test_sumy_region_is_the_ukrainian_oblast(report) -> None:
    regions = [r for r in report.resolutions if "Sumy" in r.mention.text and r.place]
    assert regions, "the Sumy region was not resolved"
    for res in regions:
        assert res.place.kind == "admin1"
        assert res.place.country_code == "UA"
        assert geodesic_km(res.place.point, LatLon(50.9, 34.8)) < 120


def test_people_media_and_weekdays_are_not_places(report) -> None:
    surfaces = {r.mention.text for r in report.resolutions if r.mention.kind == "toponym"}
    for name in NOT_PLACES:
        assert not any(name.lower() in s.lower() for s in surfaces), (name, surfaces)


def test_adjectives_are_demonyms_not_places(report) -> None:
    for res in report.resolutions:
        if res.mention.text in {"Turkish", "Ukrainian", "Russian"}:
            assert res.mention.kind == "demonym"


def test_scrape_noise_produces_nothing(report) -> None:
    text = report.article.text
    assert "Leave a Reply" not in text
    assert not re.search(r"^\s*(0|38)\s*$", text, flags=re.M)
    assert text.count("arrived in Ankara for bilateral meetings") == 1
    evidence = [e.evidence for e in report.events] + [c.sentence for c in report.claims]
    assert not any("Leave a Reply" in s for s in evidence)


def test_events_of_the_sample(report) -> None:
    events = report.events
    capture = [e for e in events if e.location and e.location.place and "Varachyne" in e.evidence
               and e.event_type == "Battles"]  # fmt: skip
    assert capture, [(e.event_type, e.sub_event_type, e.evidence[:60]) for e in events]
    assert "Russia" in capture[0].claimed_by or "Russian" in capture[0].claimed_by
    shelling = [e for e in events if e.event_type == "Explosions/Remote violence"]
    assert len(shelling) == 1, shelling
    assert shelling[0].fatalities == 1 and shelling[0].injured == 3
    assert shelling[0].location.place.name.startswith("Kherson")
    assert shelling[0].date == dt.date(2025, 7, 22)
    talks = [e for e in events if e.location and e.location.place
             and e.location.place.name == "Istanbul"]  # fmt: skip
    assert talks, "no event located in Istanbul"
    located = [e.location.place.name for e in events if e.location and e.location.place]
    assert "Ankara" in located


def test_border_claim_measured_for_varachyne(report) -> None:
    border = [c for c in report.claims if c.kind == "distance" and "border" in c.reference]
    assert border, report.claims
    claim = border[0]
    assert claim.place is not None and claim.place.mention.text == "Varachyne"
    assert claim.stated_km == pytest.approx(6.0)
    assert claim.measured_km is not None and claim.tolerance_km is not None
    assert "3.7" in claim.conversion_check
    assert claim.verdict in {"consistent", "inconsistent"}
    # The verdict follows from the numbers it carries.
    off = abs(claim.measured_km - claim.stated_km)
    assert (claim.verdict == "consistent") == (off <= claim.tolerance_km)


def test_front_line_length_is_unverifiable_without_a_layer(report) -> None:
    front = [c for c in report.claims if "front" in c.reference]
    assert front, report.claims
    assert all(c.verdict == "unverifiable" and c.reason for c in front)


def test_geojson_features(report) -> None:
    collection = geomap.to_geojson(report)
    assert collection["type"] == "FeatureCollection"
    kinds = {f["properties"]["feature_type"] for f in collection["features"]}
    assert kinds == {"place", "event", "claim"}
    for feature in collection["features"]:
        props = feature["properties"]
        if props["feature_type"] == "place":
            lon, lat = feature["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
            for key in ("name", "resolved_name", "country_code", "gazetteer_source",
                        "gazetteer_id", "confidence", "uncertainty_km"):  # fmt: skip
                assert key in props
            assert 0 <= props["confidence"] <= 1
    kyiv = [f for f in collection["features"] if f["properties"].get("name") == "Kyiv"]
    lon, lat = kyiv[0]["geometry"]["coordinates"]
    assert abs(lat - 50.45) < 0.3 and abs(lon - 30.52) < 0.3  # [lon, lat] order, RFC 7946


def test_cli_writes_map_and_geojson(sample_article_path: Path, gazetteer, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "geomap", "map", str(sample_article_path), "--date", "2025-07-23",
         "-o", str(out), "--gazetteer", str(gazetteer.path)],  # fmt: skip
        capture_output=True, text=True, timeout=300,
        env={**__import__("os").environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    html = out / "russia-and-ukraine-to-hold-peace-talks-in-istanbul.html"
    geojson = out / "russia-and-ukraine-to-hold-peace-talks-in-istanbul.geojson"
    assert html.exists() and geojson.exists(), list(out.iterdir())
    features = json.loads(geojson.read_text())["features"]
    places = [f for f in features if f["properties"]["feature_type"] == "place"]
    assert len(places) >= 8
    assert "Varachyne" in result.stdout and "consistent" in result.stdout.lower()
    page = html.read_text()
    assert "leaflet" in page.lower()
    assert '<script src="http' not in page  # self-contained by default
