"""GeoJSON, CSV and DataFrame outputs of hand-built Reports."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from sample_reports import (  # noqa: E402
    KHERSON,
    VARACHYNE,
    empty_report,
    istanbul_report,
    xss_report,
)

from geomap.export import (  # noqa: E402
    EVENT_COLUMNS,
    events_frame,
    merge_geojson,
    report_to_geojson,
    reports_to_frames,
    write_csv,
    write_geojson,
)

geojson_pydantic = pytest.importorskip("geojson_pydantic", reason="test dependency")

PLACE_KEYS = {"name", "resolved_name", "country_code", "gazetteer_source", "gazetteer_id",
              "confidence", "uncertainty_km", "kind", "precision", "rule", "alternatives",
              "sentence", "mentions"}  # fmt: skip
EVENT_KEYS = {"event_type", "sub_event_type", "date", "actors", "fatalities", "injured",
              "location", "evidence", "time_precision", "geo_precision", "uncertainty_km",
              "claimed_by", "trigger"}  # fmt: skip
CLAIM_KEYS = {"claim_text", "stated_km", "measured_km", "tolerance_km", "verdict", "reference",
              "place", "reason", "kind", "hedge", "unit", "conversion_check",
              "direction_stated", "direction_measured"}  # fmt: skip


def _validate_rfc7946(document: dict) -> None:
    """Structure by a GeoJSON validator library, then the RFC's rules a schema cannot state."""
    geojson_pydantic.FeatureCollection.model_validate(document)
    for feature in document["features"]:
        geometry = feature["geometry"]
        if geometry is None:
            continue
        positions = (
            [geometry["coordinates"]] if geometry["type"] == "Point" else geometry["coordinates"]
        )
        for lon, lat in positions:  # RFC 7946 §3.1.1: longitude first, WGS84 degrees
            assert -180 <= lon <= 180 and -90 <= lat <= 90
            assert round(lon, 6) == lon and round(lat, 6) == lat


def _by_type(document: dict, kind: str) -> list[dict]:
    return [f for f in document["features"] if f["properties"]["feature_type"] == kind]


def test_geojson_is_valid_rfc7946_and_round_trips_through_json():
    for report in (istanbul_report(), xss_report(), empty_report()):
        document = report_to_geojson(report)
        _validate_rfc7946(json.loads(json.dumps(document, allow_nan=False)))


def test_place_features_one_per_distinct_place_lon_first():
    report = istanbul_report()
    places = _by_type(report_to_geojson(report), "place")
    assert len(places) == len(report.places) == 6
    kherson = next(f for f in places if f["properties"]["gazetteer_id"] == KHERSON.place_id)
    assert kherson["geometry"] == {"type": "Point", "coordinates": [32.6169, 46.6354]}
    props = kherson["properties"]
    assert props.keys() >= PLACE_KEYS
    assert props["name"] == "Kherson" and props["resolved_name"] == "Kherson"
    assert props["country_code"] == "UA" and 0 <= props["confidence"] <= 1
    assert props["alternatives"][0]["country_code"] == "US"
    assert props["article_id"] == report.article.id


def test_mentions_counted_per_place():
    report = istanbul_report()
    dup = report.resolutions[3]  # Kherson mentioned again
    report.resolutions.append(dup)
    props = {f["properties"]["gazetteer_id"]: f["properties"]
             for f in _by_type(report_to_geojson(report), "place")}  # fmt: skip
    assert props[KHERSON.place_id]["mentions"] == 2
    assert props[VARACHYNE.place_id]["mentions"] == 1


def test_event_features_including_unlocated_with_null_geometry():
    report = istanbul_report()
    events = _by_type(report_to_geojson(report), "event")
    assert len(events) == len(report.events)
    shelling = next(f for f in events if f["properties"]["event_type"].startswith("Explosions"))
    assert shelling["properties"].keys() >= EVENT_KEYS
    assert shelling["properties"]["fatalities"] == 2 and shelling["properties"]["injured"] == 5
    assert shelling["properties"]["date"] == "2025-06-01"
    assert shelling["properties"]["location"] == "Kherson"
    assert shelling["geometry"]["coordinates"] == KHERSON.point.geojson()
    unlocated = [f for f in events if f["geometry"] is None]
    assert len(unlocated) == 1 and unlocated[0]["properties"]["location"] is None


def test_claim_geometry_line_point_or_null():
    report = istanbul_report()
    claims = _by_type(report_to_geojson(report), "claim")
    by_text = {f["properties"]["claim_text"]: f for f in claims}
    border = by_text["about 6km (3.7 miles) from the border"]
    assert border["geometry"]["type"] == "LineString"
    assert border["geometry"]["coordinates"][0] == VARACHYNE.point.geojson()
    props = border["properties"]
    assert props.keys() >= CLAIM_KEYS
    assert (props["stated_km"], props["measured_km"], props["tolerance_km"]) == (6.0, 5.8, 2.0)
    assert props["verdict"] == "consistent" and props["place"] == "Varachyne"
    front = by_text["1,000km (620-mile) front line"]
    assert front["geometry"] is None and front["properties"]["verdict"] == "unverifiable"
    assert front["properties"]["reason"]
    assert by_text["Kherson, 1,000 km from Kyiv"]["geometry"]["type"] == "Point"


def test_unresolved_and_article_are_foreign_members_not_features():
    report = istanbul_report()
    document = report_to_geojson(report)
    assert [u["name"] for u in document["unresolved"]] == ["Zzyzxville"]
    assert "Zzyzxville" in document["unresolved"][0]["sentence"]
    assert document["article"] == {
        "id": "istanbul-talks", "title": "Talks in Istanbul", "published": "2025-06-02",
        "source": "sample.txt", "url": "",
    }  # fmt: skip
    names = [f["properties"].get("name") for f in document["features"]]
    assert "Zzyzxville" not in names


def test_merge_keeps_article_ids_and_unique_feature_ids():
    import datetime as dt

    a = istanbul_report()
    b = istanbul_report("second", published=dt.date(2025, 7, 1))
    merged = merge_geojson([a, b])
    _validate_rfc7946(merged)
    assert len(merged["features"]) == 2 * len(report_to_geojson(a)["features"])
    assert {f["properties"]["article_id"] for f in merged["features"]} == {
        "istanbul-talks",
        "second",
    }
    assert len({f["id"] for f in merged["features"]}) == len(merged["features"])
    assert [x["id"] for x in merged["articles"]] == ["istanbul-talks", "second"]


def test_write_geojson_is_atomic_and_readable(tmp_path):
    path = write_geojson(istanbul_report(), tmp_path / "out" / "a.geojson")
    assert json.loads(path.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    assert sorted(p.name for p in path.parent.iterdir()) == ["a.geojson"]  # no temp file left


def test_events_frame_acled_columns_and_nullable_counts():
    report = istanbul_report()
    frame = events_frame([report])
    assert list(frame.columns) == EVENT_COLUMNS
    assert len(frame) == len(report.events)
    assert frame["event_id_cnty"].is_unique
    shelling = frame[frame["event_type"] == "Explosions/Remote violence"].iloc[0]
    assert shelling["fatalities"] == 2 and shelling["location"] == "Kherson"
    assert math.isclose(shelling["latitude"], 46.6354) and shelling["country"] == "Ukraine"
    talks = frame[frame["event_type"] == "Diplomacy"].iloc[0]
    assert pd.isna(talks["fatalities"])  # unknown stays missing, never 0
    assert (frame["source_id"] == report.article.id).all()


def test_frames_every_row_carries_article_id():
    import datetime as dt

    frames = reports_to_frames(
        [istanbul_report(), istanbul_report("b", published=dt.date(2025, 7, 1))]
    )
    assert set(frames) == {"places", "events", "claims", "unresolved"}
    for name, frame in frames.items():
        assert frame["article_id"].notna().all(), name
        assert set(frame["article_id"]) == {"istanbul-talks", "b"}, name
    assert list(frames["unresolved"]["name"]) == ["Zzyzxville", "Zzyzxville"]


def test_empty_report_gives_empty_frames_with_columns():
    frames = reports_to_frames([empty_report()])
    assert all(len(f) == 0 for f in frames.values())
    assert "event_date" in frames["events"].columns


def test_write_csv_round_trips_text_with_quotes_and_newlines(tmp_path):
    frame = events_frame([xss_report()])
    path = write_csv(frame, tmp_path / "events.csv")
    back = pd.read_csv(path)
    assert list(back.columns) == EVENT_COLUMNS
    assert back.loc[0, "evidence"] == xss_report().events[0].evidence
