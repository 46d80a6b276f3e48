"""GeoJSON, CSV and DataFrame outputs: pure functions of `geomap.records.Report`.

The GeoJSON is RFC 7946: a FeatureCollection of Points and LineStrings in `[lon, lat]` order with
six decimals (about 0.1 m). Every feature says what it is (`feature_type` = place | event | claim)
and which article it came from (`article_id`). Things that have no coordinates are never dropped:
an event without a location is a feature with `geometry: null`, and unresolved mentions go in the
top-level foreign member `"unresolved"` so a reader sees what geomap could not place.

The property names listed in issue 3 are a stable contract; others may be added, never renamed.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.events.frame import EVENT_COLUMNS as _EVENT_TABLE_COLUMNS
from geomap.events.frame import event_row
from geomap.fsutil import atomic_write_text, atomic_writer
from geomap.records import Claim, Event, LatLon, Place, Report, Resolution

if TYPE_CHECKING:  # pandas loads in ~0.4 s; only the table outputs need it
    import pandas as pd

COORDINATE_DECIMALS = 6
KM_DECIMALS = 3


# ---------------------------------------------------------------- small shared helpers


def _km(value: float | None) -> float | None:
    return None if value is None else round(float(value), KM_DECIMALS)


def _point(p: LatLon) -> dict[str, Any]:
    return {"type": "Point", "coordinates": p.geojson()}


def _line(a: LatLon, b: LatLon) -> dict[str, Any]:
    return {"type": "LineString", "coordinates": [a.geojson(), b.geojson()]}


def event_place(event: Event) -> Place | None:
    """The place an event is located at, or None when it has no resolved location."""
    return event.location.place if event.location is not None else None


def claim_place(claim: Claim) -> Place | None:
    return claim.place.place if claim.place is not None else None


def claim_geometry(claim: Claim) -> dict[str, Any] | None:
    """LineString place → nearest reference point when both exist, else Point at the place."""
    place = claim_place(claim)
    if place is None:
        return None
    if claim.nearest_point is not None:
        return _line(place.point, claim.nearest_point)
    return _point(place.point)


def claim_label(claim: Claim) -> str:
    """The short label drawn on the map and used in tables: 'stated 6 km / measured 5.8 km'."""

    def fmt(v: float | None) -> str:
        return "?" if v is None else f"{v:.3g}" if v < 10 else f"{v:.0f}"

    return f"stated {fmt(claim.stated_km)} km / measured {fmt(claim.measured_km)} km"


def mention_counts(report: Report) -> Counter[str]:
    """How many mentions resolved to each place id."""
    return Counter(r.place.place_id for r in report.resolutions if r.place is not None)


def written_forms(report: Report) -> dict[str, list[str]]:
    """The distinct surface forms under which each place was mentioned, in order of appearance."""
    forms: dict[str, list[str]] = {}
    for r in report.resolutions:
        if r.place is None:
            continue
        seen = forms.setdefault(r.place.place_id, [])
        if r.mention.text not in seen:
            seen.append(r.mention.text)
    return forms


def _alternative(p: Place) -> dict[str, Any]:
    return {
        "name": p.name,
        "country_code": p.country_code,
        "lat": round(p.point.lat, COORDINATE_DECIMALS),
        "lon": round(p.point.lon, COORDINATE_DECIMALS),
        "kind": p.kind,
        "gazetteer_id": p.place_id,
    }


def article_metadata(report: Report) -> dict[str, Any]:
    a = report.article
    return {
        "id": a.id,
        "title": a.title,
        "published": a.published.isoformat() if a.published else None,
        "source": a.source,
        "url": a.url,
    }


def unresolved_entries(report: Report) -> list[dict[str, Any]]:
    return [
        {
            "article_id": report.article.id,
            "name": r.mention.text,
            "sentence": r.mention.sentence,
            "start": r.mention.start,
            "end": r.mention.end,
            "cue": r.mention.cue,
            "rule": r.rule,
            "candidates": [_alternative(p) for p in r.alternatives],
        }
        for r in report.unresolved
    ]


# ---------------------------------------------------------------- feature builders


def place_properties(report: Report, res: Resolution, mentions: int, forms: list[str]) -> dict:
    place = res.place
    assert place is not None, "place features are built from resolved mentions only"
    return {
        "feature_type": "place",
        "article_id": report.article.id,
        "name": res.mention.text,
        "resolved_name": place.name,
        "country_code": place.country_code,
        "gazetteer_source": place.source,
        "gazetteer_id": place.place_id,
        "confidence": round(min(1.0, max(0.0, float(res.confidence))), 3),
        "uncertainty_km": _km(place.uncertainty_km),
        "kind": place.kind,
        "precision": place.precision,
        "feature_code": place.feature_code,
        "admin1": place.admin1,
        "country_name": place.country_name,
        "rule": res.rule,
        "alternatives": [_alternative(p) for p in res.alternatives],
        "sentence": res.mention.sentence,
        "mentions": mentions,
        "written_as": forms,
    }


def event_properties(report: Report, event: Event) -> dict:
    place = event_place(event)
    return {
        "feature_type": "event",
        "article_id": report.article.id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "date": event.date.isoformat() if event.date else None,
        "actors": event.actors,
        "fatalities": event.fatalities,
        "injured": event.injured,
        "location": event.location.mention.text if event.location is not None else None,
        "resolved_location": place.name if place is not None else None,
        "evidence": event.evidence,
        "time_precision": event.time_precision,
        "date_text": event.date_text,
        "geo_precision": event.geo_precision,
        "uncertainty_km": _km(
            event.uncertainty_km
            if event.uncertainty_km is not None
            else (place.uncertainty_km if place is not None else None)
        ),
        "claimed_by": event.claimed_by,
        "trigger": event.trigger,
        "notes": event.notes,
    }


def claim_properties(report: Report, claim: Claim) -> dict:
    return {
        "feature_type": "claim",
        "article_id": report.article.id,
        "claim_text": claim.claim_text,
        "stated_km": _km(claim.stated_km),
        "measured_km": _km(claim.measured_km),
        "tolerance_km": _km(claim.tolerance_km),
        "verdict": claim.verdict,
        "reference": claim.reference,
        "place": claim.place.mention.text if claim.place is not None else None,
        "reason": claim.reason,
        "kind": claim.kind,
        "hedge": claim.hedge,
        "unit": claim.unit,
        "stated_value": claim.stated_value,
        "stated_min_km": _km(claim.stated_min_km),
        "stated_max_km": _km(claim.stated_max_km),
        "conversion_check": claim.conversion_check,
        "direction_stated": claim.direction_stated,
        "direction_measured": claim.direction_measured,
        "sentence": claim.sentence,
        "label": claim_label(claim),
    }


def report_features(report: Report) -> list[dict[str, Any]]:
    """All features of one article: places, then events, then claims."""
    features: list[dict[str, Any]] = []
    aid = report.article.id
    counts, forms = mention_counts(report), written_forms(report)
    for i, res in enumerate(report.places):
        place = res.place
        assert place is not None
        props = place_properties(report, res, counts[place.place_id], forms[place.place_id])
        features.append(_feature(f"{aid}:place:{i}", _point(place.point), props))
    for i, event in enumerate(report.events):
        place = event_place(event)
        geometry = _point(place.point) if place is not None else None
        features.append(_feature(f"{aid}:event:{i}", geometry, event_properties(report, event)))
    for i, claim in enumerate(report.claims):
        props = claim_properties(report, claim)
        features.append(_feature(f"{aid}:claim:{i}", claim_geometry(claim), props))
    return features


def _feature(fid: str, geometry: dict | None, properties: dict) -> dict[str, Any]:
    return {"type": "Feature", "id": fid, "geometry": geometry, "properties": properties}


# ---------------------------------------------------------------- GeoJSON documents


def report_to_geojson(report: Report) -> dict[str, Any]:
    """One article as an RFC 7946 FeatureCollection (with `article` and `unresolved` members)."""
    return {
        "type": "FeatureCollection",
        "features": report_features(report),
        "article": article_metadata(report),
        "unresolved": unresolved_entries(report),
        "warnings": list(report.warnings),
    }


def merge_geojson(reports: Iterable[Report]) -> dict[str, Any]:
    """One FeatureCollection over many articles; each feature keeps its `article_id`."""
    features: list[dict[str, Any]] = []
    articles: list[dict[str, Any]] = []
    unresolved: list[dict[str, Any]] = []
    for report in reports:
        features.extend(report_features(report))
        articles.append(article_metadata(report))
        unresolved.extend(unresolved_entries(report))
    return {
        "type": "FeatureCollection",
        "features": features,
        "articles": articles,
        "unresolved": unresolved,
    }


def dumps_geojson(document: dict[str, Any]) -> str:
    # allow_nan=False: NaN is not JSON; a NaN reaching here is a bug we want to see, not hide.
    return json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def write_geojson(report: Report | Sequence[Report], path: str | os.PathLike[str]) -> Path:
    """Write one report (or a merged collection) as GeoJSON, atomically; returns the path."""
    document = report_to_geojson(report) if isinstance(report, Report) else merge_geojson(report)
    target = Path(path)
    atomic_write_text(target, dumps_geojson(document))
    return target


# ---------------------------------------------------------------- tables

# ACLED-like columns: the event extractor's own table (geomap.events.EVENT_COLUMNS), plus what a
# collection needs: a unique id, the article, and the gazetteer entry the location resolved to.
EVENT_COLUMNS = [
    "event_id_cnty",
    *_EVENT_TABLE_COLUMNS,
    "uncertainty_source",
    "article_id",
    "location_as_written",
    "gazetteer_id",
]

PLACE_COLUMNS = [
    "article_id",
    "name",
    "resolved_name",
    "gazetteer_id",
    "gazetteer_source",
    "kind",
    "precision",
    "country_code",
    "admin1",
    "latitude",
    "longitude",
    "confidence",
    "uncertainty_km",
    "mentions",
    "rule",
    "sentence",
]

CLAIM_COLUMNS = [
    "article_id",
    "kind",
    "claim_text",
    "place",
    "latitude",
    "longitude",
    "reference",
    "stated_km",
    "stated_min_km",
    "stated_max_km",
    "measured_km",
    "tolerance_km",
    "verdict",
    "reason",
    "hedge",
    "unit",
    "conversion_check",
    "direction_stated",
    "direction_measured",
    "nearest_latitude",
    "nearest_longitude",
    "sentence",
]

UNRESOLVED_COLUMNS = ["article_id", "name", "sentence", "start", "end", "cue", "rule"]

_NULLABLE_INT = ["time_precision", "geo_precision", "fatalities", "injured", "start", "end"]


def _event_row(report: Report, index: int, event: Event) -> dict[str, Any]:
    place = event_place(event)
    cc = place.country_code if place is not None and place.country_code else "XX"
    row = event_row(event, report.article)
    uncertainty_source = "event"
    if row["uncertainty_km"] is None and place is not None:
        row["uncertainty_km"], uncertainty_source = place.uncertainty_km, "place"
    return {
        # ACLED's event_id_cnty is country + running number; ours adds the article to stay unique
        # across a collection.
        "event_id_cnty": f"{cc}-{report.article.id}-{index + 1:03d}",
        **row,
        "uncertainty_source": uncertainty_source,
        "article_id": report.article.id,
        "location_as_written": event.location.mention.text if event.location else None,
        "gazetteer_id": place.place_id if place is not None else None,
    }


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame(rows, columns=columns)
    for column in _NULLABLE_INT:
        if column in frame.columns:
            # Unknown casualty counts stay missing (NA), never 0: ACLED's 0 means "none reported".
            frame[column] = frame[column].astype("Int64")
    return frame


def events_frame(reports: Report | Iterable[Report]) -> pd.DataFrame:
    """ACLED-like event table, one row per event, over one or many reports."""
    rows = [
        _event_row(report, i, event)
        for report in _as_reports(reports)
        for i, event in enumerate(report.events)
    ]
    return _frame(rows, EVENT_COLUMNS)


def places_frame(reports: Report | Iterable[Report]) -> pd.DataFrame:
    rows = []
    for report in _as_reports(reports):
        counts = mention_counts(report)
        for res in report.places:
            place = res.place
            assert place is not None
            rows.append(
                {
                    "article_id": report.article.id,
                    "name": res.mention.text,
                    "resolved_name": place.name,
                    "gazetteer_id": place.place_id,
                    "gazetteer_source": place.source,
                    "kind": place.kind,
                    "precision": place.precision,
                    "country_code": place.country_code,
                    "admin1": place.admin1,
                    "latitude": place.point.lat,
                    "longitude": place.point.lon,
                    "confidence": res.confidence,
                    "uncertainty_km": place.uncertainty_km,
                    "mentions": counts[place.place_id],
                    "rule": res.rule,
                    "sentence": res.mention.sentence,
                }
            )
    return _frame(rows, PLACE_COLUMNS)


def claims_frame(reports: Report | Iterable[Report]) -> pd.DataFrame:
    rows = []
    for report in _as_reports(reports):
        for claim in report.claims:
            place = claim_place(claim)
            rows.append(
                {
                    "article_id": report.article.id,
                    "kind": claim.kind,
                    "claim_text": claim.claim_text,
                    "place": claim.place.mention.text if claim.place is not None else None,
                    "latitude": place.point.lat if place is not None else None,
                    "longitude": place.point.lon if place is not None else None,
                    "reference": claim.reference,
                    "stated_km": claim.stated_km,
                    "stated_min_km": claim.stated_min_km,
                    "stated_max_km": claim.stated_max_km,
                    "measured_km": claim.measured_km,
                    "tolerance_km": claim.tolerance_km,
                    "verdict": claim.verdict,
                    "reason": claim.reason,
                    "hedge": claim.hedge,
                    "unit": claim.unit,
                    "conversion_check": claim.conversion_check,
                    "direction_stated": claim.direction_stated,
                    "direction_measured": claim.direction_measured,
                    "nearest_latitude": claim.nearest_point.lat if claim.nearest_point else None,
                    "nearest_longitude": claim.nearest_point.lon if claim.nearest_point else None,
                    "sentence": claim.sentence,
                }
            )
    return _frame(rows, CLAIM_COLUMNS)


def unresolved_frame(reports: Report | Iterable[Report]) -> pd.DataFrame:
    rows = [
        {k: entry[k] for k in UNRESOLVED_COLUMNS}
        for report in _as_reports(reports)
        for entry in unresolved_entries(report)
    ]
    return _frame(rows, UNRESOLVED_COLUMNS)


def reports_to_frames(reports: Report | Iterable[Report]) -> dict[str, pd.DataFrame]:
    """The four tables ("places", "events", "claims", "unresolved"); rows carry `article_id`."""
    materialised = _as_reports(reports)
    return {
        "places": places_frame(materialised),
        "events": events_frame(materialised),
        "claims": claims_frame(materialised),
        "unresolved": unresolved_frame(materialised),
    }


def write_csv(frame: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write a table as UTF-8 CSV, atomically; returns the path."""
    target = Path(path)
    with atomic_writer(target, "w", encoding="utf-8") as fh:
        frame.to_csv(fh, index=False, lineterminator="\n")
    return target


def _as_reports(reports: Report | Iterable[Report]) -> list[Report]:
    return [reports] if isinstance(reports, Report) else list(reports)
