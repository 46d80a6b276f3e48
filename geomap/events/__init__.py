"""Conflict events as analysts code them (ACLED taxonomy plus Diplomacy).

    from geomap.events import extract_events, events_dataframe
    events = extract_events(article, resolutions)
    frame = events_dataframe(events, article)

Modules: `taxonomy` (triggers, ACLED types and the coding choices), `actors`, `counts`, `dates`,
`locate` (which place an event happened at), `extract` (the pass and the merging), `frame`
(the ACLED-like DataFrame).
"""

from __future__ import annotations

from geomap.events.extract import extract_events
from geomap.events.frame import EVENT_COLUMNS, events_dataframe
from geomap.events.taxonomy import acled_event_type

__all__ = ["EVENT_COLUMNS", "acled_event_type", "events_dataframe", "extract_events"]
