"""The shared sample article: the events issue 6 names, and nothing from its noise.

Two routes: hand-built resolutions (so the event stage is tested on its own), and the real
pipeline once the gazetteer and resolver are installed.
"""

from __future__ import annotations

import datetime as dt
import importlib.util

import pytest
from conftest import shared_path
from events_fixtures import article, resolutions_for

from geomap.events import events_dataframe, extract_events
from geomap.geodesy import geodesic_km
from geomap.records import LatLon

PUBLISHED = dt.date(2025, 7, 23)
SAMPLE_PLACES = ["Istanbul", "Ankara", "Kyiv", "Ukraine", "Russia", "Sumy region", "Kherson",
                 "Varachyne"]  # fmt: skip
TRUTH = {"Varachyne": (51.1415, 34.926), "Kherson": (46.6558, 32.6178),
         "Istanbul": (41.0138, 28.9497), "Ankara": (39.9199, 32.8543)}  # fmt: skip


def _km(event, name: str) -> float:
    place = event.location.place
    lat, lon = TRUTH[name]
    return geodesic_km(place.point, LatLon(lat, lon))


def _located(events, name: str, **fields):
    # A place the gazetteer lacks may be placed at its container, with a radius that says so.
    found = [
        e
        for e in events
        if e.location is not None
        and _km(e, name) < max(25.0, e.uncertainty_km or 0.0)
        and all(getattr(e, k) == v for k, v in fields.items())
    ]
    assert len(found) == 1, f"expected one {fields} event at {name}: {events}"
    return found[0]


def check_sample_events(events, text: str) -> None:
    capture = _located(events, "Varachyne", event_type="Battles")
    assert capture.location.mention.text == "Varachyne"
    assert capture.sub_event_type == "Non-state actor overtakes territory"
    assert capture.actor1 == "Military Forces of Russia"
    assert "Russia" in capture.claimed_by and "Defence" in capture.claimed_by
    assert capture.date == PUBLISHED

    shelling = _located(events, "Kherson", sub_event_type="Shelling/artillery/missile attack")
    assert (shelling.fatalities, shelling.injured) == (1, 3)
    assert shelling.date == PUBLISHED - dt.timedelta(days=1)
    assert shelling.date_text == "overnight"
    assert shelling.actor1 == "Military Forces of Russia"

    talks = _located(events, "Istanbul", sub_event_type="Talks")
    assert (talks.date, talks.time_precision) == (PUBLISHED, 1)
    assert _located(events, "Ankara", sub_event_type="Visit/arrival").actor1 == (
        "Government of Ukraine"
    )

    # "no expectation that the talks would be especially productive" is no event, and the
    # repeated teaser and "the talks" referring back add no duplicates.
    productive = text.index("be especially productive")
    assert not any(e.start <= productive < e.end for e in events)
    keys = [(e.event_type, e.sub_event_type, e.location.place.place_id if e.location else "")
            for e in events]  # fmt: skip
    assert len(keys) == len(set(keys))
    assert not any(e.event_type == "Diplomacy" and e.location is None for e in events)


def test_sample_article_events_with_hand_built_places():
    text = shared_path("articles/istanbul-peace-talks.txt").read_text(encoding="utf-8")
    art = article(text, PUBLISHED, article_id="istanbul-peace-talks")
    events = extract_events(art, resolutions_for(text, SAMPLE_PLACES))
    check_sample_events(events, text)
    frame = events_dataframe(events, art)
    assert len(frame) == len(events)
    assert set(frame.location) >= {"Varachyne", "Kherson", "Istanbul", "Ankara"}


@pytest.mark.skipif(
    importlib.util.find_spec("geomap.resolve") is None, reason="the resolver is not installed yet"
)
def test_sample_article_events_through_the_pipeline(gazetteer):
    """The real recogniser and resolver feed the event stage (claims are tested elsewhere)."""
    from geomap.article import read_article
    from geomap.resolve import resolve_mentions
    from geomap.toponyms import find_mentions

    art = read_article(shared_path("articles/istanbul-peace-talks.txt"), date=PUBLISHED)
    resolutions = resolve_mentions(find_mentions(art, gazetteer), gazetteer, art)
    check_sample_events(extract_events(art, resolutions), art.text)
