"""Events as an ACLED-like pandas DataFrame (one row per event).

Column names follow ACLED where ACLED has the concept (`event_date`, `time_precision`,
`event_type`, `sub_event_type`, `actor1`, `actor2`, `location`, `admin1`, `country`, `latitude`,
`longitude`, `geo_precision`, `fatalities`, `notes`); geomap adds `injured`, `source_id` (the
article id), `evidence` with its character offsets `start`/`end`, `claimed_by`, `uncertainty_km`,
and the ACLED-only mapping of geomap's Diplomacy type (`acled_event_type`,
`acled_sub_event_type`) plus `trigger` and `date_text`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from geomap.events.countries import country_name
from geomap.events.taxonomy import acled_event_type
from geomap.records import Article, Event

if TYPE_CHECKING:  # pandas loads in ~0.4 s; only the table outputs need it
    import pandas as pd

EVENT_COLUMNS = [
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "acled_event_type",
    "acled_sub_event_type",
    "actor1",
    "actor2",
    "location",
    "admin1",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "uncertainty_km",
    "fatalities",
    "injured",
    "notes",
    "source_id",
    "evidence",
    "start",
    "end",
    "claimed_by",
    "trigger",
    "date_text",
]


def event_row(event: Event, article: Article) -> dict[str, object]:
    place = event.location.place if event.location is not None else None
    acled_type, acled_sub = acled_event_type(event)
    country = ""
    if place is not None:
        country = place.country_name or (
            country_name(place.country_code) if place.country_code else ""
        )
    return {
        "event_date": event.date.isoformat() if event.date is not None else None,
        "time_precision": event.time_precision,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "acled_event_type": acled_type,
        "acled_sub_event_type": acled_sub,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "location": place.name if place is not None else "",
        "admin1": (place.name if place.kind == "admin1" else place.admin1)
        if place is not None
        else "",
        "country": country,
        "latitude": place.point.lat if place is not None else None,
        "longitude": place.point.lon if place is not None else None,
        "geo_precision": event.geo_precision,
        "uncertainty_km": event.uncertainty_km,
        "fatalities": event.fatalities,
        "injured": event.injured,
        "notes": event.notes,
        "source_id": article.id,
        "evidence": event.evidence,
        "start": event.start,
        "end": event.end,
        "claimed_by": event.claimed_by,
        "trigger": event.trigger,
        "date_text": event.date_text,
    }


def events_dataframe(events: Sequence[Event], article: Article) -> pd.DataFrame:
    """One row per event with the columns in `EVENT_COLUMNS` (nullable integer counts)."""
    import pandas as pd

    frame = pd.DataFrame([event_row(e, article) for e in events], columns=EVENT_COLUMNS)
    for column in ("fatalities", "injured", "time_precision", "geo_precision", "start", "end"):
        frame[column] = frame[column].astype("Int64")
    for column in ("latitude", "longitude", "uncertainty_km"):
        frame[column] = frame[column].astype("float64")
    return frame
