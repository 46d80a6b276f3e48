"""geomap: conflict news to maps that can be trusted.

The public API is small:

    >>> import geomap
    >>> report = geomap.analyze(text, date=datetime.date(2025, 7, 23))
    >>> geomap.to_geojson(report)        # RFC 7946 FeatureCollection
    >>> geomap.render_map(report)        # a folium.Map

Everything else (gazetteer building, batch runs, evaluation) is reachable through the `geomap`
command and the modules named in docs/architecture.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from geomap.pipeline import analyze, analyze_file
from geomap.records import Article, Claim, Event, LatLon, Mention, Place, Report, Resolution

if TYPE_CHECKING:
    import folium

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Claim",
    "Event",
    "LatLon",
    "Mention",
    "Place",
    "Report",
    "Resolution",
    "analyze",
    "analyze_file",
    "render_map",
    "to_geojson",
]


def render_map(report: Report, **options: Any) -> folium.Map:
    """The interactive Leaflet map of one report (see geomap.render.render_map for options)."""
    from geomap.render import render_map as _render_map

    return _render_map(report, **options)


def to_geojson(report: Report) -> dict[str, Any]:
    """The report as an RFC 7946 FeatureCollection (see geomap.export.report_to_geojson)."""
    from geomap.export import report_to_geojson

    return report_to_geojson(report)
