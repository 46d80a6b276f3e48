"""The per-article map: places, events, claims, uncertainty, borders, legend and side panel.

Markers are made from the same Report the GeoJSON is made from, with the same rules, so the map has
exactly one marker per Point feature: one per distinct resolved place, one per located event and
one per claim drawn as a point (a claim with a nearest reference point is a line instead).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import folium
from branca.element import MacroElement
from jinja2 import Template

from geomap.export import claim_label, claim_place, event_place, mention_counts
from geomap.records import LatLon, Report
from geomap.render.assets import BASE_ASSETS, RawHtml, install_assets, strip_external_links
from geomap.render.basemap import Basemap, SettlementSource, basemap_payload, build_basemap
from geomap.render.content import (
    focus_points,
    has_uncertainty_circle,
    place_labels,
    region_outline,
)
from geomap.render.frontline import FrontLine, front_line, legend_label
from geomap.render.html import claim_map_label, claim_popup, esc, event_popup, place_popup
from geomap.render.layers import add_front_line, add_user_layers, bounds_of
from geomap.render.page import MapScript
from geomap.render.style import (
    DATA_CREDITS,
    PAGE_CSS,
    UNCERTAINTY_COLOUR,
    VERDICT_COLOURS,
    VERDICT_DASHES,
    VERDICT_MARKS,
    claim_icon,
    event_icon,
    legend_html,
    place_icon,
)

POPUP_WIDTH = 380
REGION_KINDS = ("admin1", "admin2", "admin3", "region")


class Attribution(MacroElement):
    """Adds the data credits to the map's attribution control (there may be no tile layer)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Attribution"
        self.text = text


def base_map(*, self_contained: bool, assets=BASE_ASSETS) -> folium.Map:
    """An empty map with its scripts inlined (offline) or linked, and OSM tiles only online."""
    fmap = folium.Map(
        location=(48.0, 31.0),
        zoom_start=5,
        tiles=None if self_contained else "OpenStreetMap",
        control_scale=True,
        prefer_canvas=False,
    )
    # Without a tile layer Leaflet has no zoom limit, and the clustering plugin needs one.
    fmap.options["max_zoom"] = 18
    figure = fmap.get_root()
    # Leaflet's 3D transforms make every pane a composited layer; a software compositor
    # (headless Chromium, a VM without a GPU) runs out of tile memory with a few full-screen
    # SVG layers and leaves parts of them blank. Plain 2D positioning paints one layer.
    figure.header.add_child(RawHtml("<script>window.L_DISABLE_3D = true;</script>"),
                            name="geomap_no_3d")  # fmt: skip
    install_assets(figure, assets, self_contained=self_contained)
    figure.header.add_child(RawHtml(PAGE_CSS), name="geomap_css")
    Attribution(DATA_CREDITS).add_to(fmap)
    return fmap


def finish(fmap: folium.Map) -> folium.Map:
    """Last step before a map is returned: no element may link a CDN behind our back."""
    strip_external_links(fmap.get_root())
    return fmap


def render_map(
    report: Report,
    *,
    self_contained: bool = True,
    layers: Sequence[Any] = (),
    article_href: str | None = None,
    settlements: SettlementSource | None = None,
) -> folium.Map:
    """The map of one article. `layers` are user reference layers (a front line is drawn as
    one); `settlements` (a gazetteer) labels the largest towns around the article's places."""
    fmap = base_map(self_contained=self_contained)
    focus = focus_points(report)
    # The offline map draws its own basemap; with online tiles, the tiles are the basemap.
    named = [(r.place.point.lat, r.place.point.lon, r.place.name) for r in report.places if r.place]
    basemap = build_basemap(focus, settlements, named=named) if self_contained else None
    front = front_line(layers) if layers else None
    add_front_line(fmap, front)
    if front is not None:  # the layer is the user's: say which file the area comes from
        Attribution(esc(f"Front line: {front.source}")).add_to(fmap)
    add_user_layers(fmap, [x for x in layers if front is None or x is not front.layer])
    _add_places(fmap, report, article_href)
    _add_events(fmap, report, article_href)
    _add_claims(fmap, report, article_href)
    folium.LayerControl(collapsed=True).add_to(fmap)
    _fit(fmap, bounds_of(focus))
    _add_boxes(
        fmap, report, basemap=basemap is not None, front=front,
        towns=basemap is not None and bool(basemap.settlements),
    )  # fmt: skip
    MapScript(page_payload(report, basemap)).add_to(fmap)
    return finish(fmap)


def write_map(
    report: Report,
    path,
    *,
    self_contained: bool = True,
    layers: Sequence[Any] = (),
    article_href: str | None = None,
    settlements: SettlementSource | None = None,
):
    """Render the article map and write it to `path` atomically; returns the path."""
    from pathlib import Path

    from geomap.fsutil import atomic_write_text

    fmap = render_map(
        report, self_contained=self_contained, layers=layers, article_href=article_href,
        settlements=settlements,
    )  # fmt: skip
    target = Path(path)
    atomic_write_text(target, fmap.get_root().render())
    return target


def page_payload(report: Report, basemap: Basemap | None) -> dict:
    """What the page script draws: basemap, labels (places, claims), claim lines as obstacles
    for the labels, and uncertainty circles."""
    labels: list[list] = []
    segments: list[list] = []
    # The article's places first: their labels name the dots, so they get the nearest spots.
    for point, text in place_labels(report):
        labels.append([point.lat, point.lon, text, "gm-place-label", 1, 10])
    # Then each claim's verdict, anywhere along its line.
    for claim in report.claims:
        place = claim_place(claim)
        if place is None or claim.nearest_point is None:
            continue
        a, b = place.point, claim.nearest_point
        segments.append([[a.lat, a.lon], [b.lat, b.lon]])
        mark = VERDICT_MARKS.get(claim.verdict, "?")
        anchors = [
            [a.lat + t * (b.lat - a.lat), a.lon + t * (b.lon - a.lon)]
            for t in (0.5, 0.35, 0.65, 0.2, 0.8)
        ]
        labels.append([
            anchors[0][0], anchors[0][1], f"{mark} {claim_map_label(claim)}",
            f"gm-claim-label gm-{claim.verdict}", 1, 10, anchors,
        ])  # fmt: skip
    circles = [
        [place.point.lat, place.point.lon, place.uncertainty_km * 1000.0, i]
        for i, place in enumerate(r.place for r in report.places)
        if place is not None and has_uncertainty_circle(place)
    ]
    payload: dict = {"labels": labels, "segments": segments, "circles": circles}
    if basemap is not None:
        payload["basemap"] = basemap_payload(basemap)
    return payload


def _add_places(fmap: folium.Map, report: Report, href: str | None) -> list[LatLon]:
    places = folium.FeatureGroup(name="Places", show=True).add_to(fmap)
    regions = folium.FeatureGroup(name="Regions named", show=True).add_to(fmap)
    counts = mention_counts(report)
    points = []
    for index, res in enumerate(report.places):
        place = res.place
        assert place is not None
        points.append(place.point)
        outline = region_outline(place)
        if outline is not None:
            # A region-level mention is the region itself: draw its shape, not a circle.
            folium.GeoJson(
                outline,
                name=esc(place.name),
                style_function=lambda _: {
                    "color": UNCERTAINTY_COLOUR, "weight": 1.2, "opacity": 0.6,
                    "fill": False,
                },
                interactive=False,
            ).add_to(regions)  # fmt: skip
        folium.Marker(
            location=(place.point.lat, place.point.lon),
            icon=place_icon(place.kind, index),
            tooltip=esc(f"{place.name} ({res.mention.text})"),
            popup=folium.Popup(
                place_popup(report, res, counts[place.place_id], href), max_width=POPUP_WIDTH
            ),
        ).add_to(places)
    return points


def _add_events(fmap: folium.Map, report: Report, href: str | None) -> list[LatLon]:
    group = folium.FeatureGroup(name="Events", show=True).add_to(fmap)
    at_place: Counter[str] = Counter()
    points = []
    for event in report.events:
        place = event_place(event)
        if place is None:
            continue  # listed in the side panel instead: it has no coordinates to draw
        offset = at_place[place.place_id]
        at_place[place.place_id] += 1
        points.append(place.point)
        folium.Marker(
            location=(place.point.lat, place.point.lon),
            icon=event_icon(event.event_type, offset),
            tooltip=esc(f"{event.event_type}: {event.sub_event_type}"),
            popup=folium.Popup(event_popup(report, event, href), max_width=POPUP_WIDTH),
        ).add_to(group)
    return points


def _add_claims(fmap: folium.Map, report: Report, href: str | None) -> list[LatLon]:
    group = folium.FeatureGroup(name="Claims", show=True).add_to(fmap)
    points = []
    for claim in report.claims:
        place = claim_place(claim)
        if place is None:
            continue
        colour = VERDICT_COLOURS.get(claim.verdict, VERDICT_COLOURS["unverifiable"])
        popup = folium.Popup(claim_popup(report, claim, href), max_width=POPUP_WIDTH)
        if claim.nearest_point is not None:
            line = folium.PolyLine(
                [
                    (place.point.lat, place.point.lon),
                    (claim.nearest_point.lat, claim.nearest_point.lon),
                ],
                color=colour,
                weight=4,
                opacity=0.95,
                dash_array=VERDICT_DASHES.get(claim.verdict),
                class_name=f"gm-claim-line gm-{claim.verdict}",
            )
            line.add_child(popup)
            folium.Tooltip(esc(claim_label(claim))).add_to(line)
            line.add_to(group)
            folium.CircleMarker(
                (claim.nearest_point.lat, claim.nearest_point.lon),
                radius=4,
                color=colour,
                fill=True,
                fill_opacity=1.0,
                tooltip=esc(claim.reference),
            ).add_to(group)
            points.append(claim.nearest_point)
        else:
            folium.Marker(
                location=(place.point.lat, place.point.lon),
                icon=claim_icon(claim.verdict),
                tooltip=esc(f"{claim.verdict}: {claim.claim_text}"),
                popup=popup,
            ).add_to(group)
        points.append(place.point)
    return points


def _fit(fmap: folium.Map, bounds) -> None:
    if bounds is None:
        fmap.location, fmap.options["zoom"] = [20.0, 0.0], 2
        return
    sw, ne = bounds
    fmap.fit_bounds([(sw.lat, sw.lon), (ne.lat, ne.lon)], padding=(30, 30), max_zoom=9)


def _add_boxes(
    fmap: folium.Map,
    report: Report,
    *,
    basemap: bool,
    front: FrontLine | None = None,
    towns: bool = False,
) -> None:
    html = fmap.get_root().html
    html.add_child(RawHtml(side_panel_html(report, has_outlines=basemap)), name="gm_panel")
    event_types = list(dict.fromkeys(e.event_type for e in report.events if event_place(e)))
    verdicts = list(dict.fromkeys(c.verdict for c in report.claims if claim_place(c)))
    approximate = any(
        r.place is not None and has_uncertainty_circle(r.place) for r in report.places
    )
    legend = legend_html(
        event_types, verdicts, approximate=approximate, borders=basemap,
        front=legend_label(front) if front is not None else None, basemap=basemap, towns=towns,
    )  # fmt: skip
    html.add_child(RawHtml(legend), name="gm_legend")


def _list_section(parts: list[str], heading: str, items: Iterable[str]) -> None:
    """A headed <ul> of `items` (already escaped <li> elements); nothing when there are none."""
    items = list(items)
    if items:
        parts.append(f"<div><b>{heading}</b></div><ul>")
        parts.extend(items)
        parts.append("</ul>")


def side_panel_html(report: Report, *, has_outlines: bool) -> str:
    """Title, counts, and everything that has no place on the map: unresolved, unlocated."""
    a = report.article
    parts = [
        f'<div class="gm-box gm-panel" id="gm-panel"><details open><summary>'
        f"{esc(a.title or a.id)}</summary>"
    ]
    if a.published:
        parts.append(f'<div class="gm-muted">published {esc(a.published.isoformat())}</div>')
    parts.append(
        f"<div>{len(report.places)} places · {len(report.events)} events · "
        f"{len(report.claims)} claims</div>"
    )
    unresolved = report.unresolved
    _list_section(
        parts,
        f"Not found in the gazetteer ({len(unresolved)})",
        (
            f'<li class="gm-unresolved" title="{esc(r.mention.sentence)}">{esc(r.mention.text)}'
            f' <span class="gm-muted">{esc(r.rule)}</span></li>'
            for r in unresolved
        ),
    )
    unlocated = [e for e in report.events if event_place(e) is None]
    _list_section(
        parts,
        f"Events without a location ({len(unlocated)})",
        (
            f'<li class="gm-unlocated" title="{esc(e.evidence)}">{esc(e.event_type)}'
            f"{': ' + esc(e.sub_event_type) if e.sub_event_type else ''}"
            f"{' · ' + esc(e.date.isoformat()) if e.date else ''}</li>"
            for e in unlocated
        ),
    )
    unplaced_claims = [c for c in report.claims if claim_place(c) is None]
    _list_section(
        parts,
        f"Claims without a place ({len(unplaced_claims)})",
        (
            f'<li class="gm-unplaced-claim">{esc(c.claim_text)}: '
            f'<span class="gm-{esc(c.verdict)}">{esc(c.verdict)}</span>'
            f' <span class="gm-muted">{esc(c.reason)}</span></li>'
            for c in unplaced_claims
        ),
    )
    _list_section(parts, "Warnings", (f"<li>{esc(w)}</li>" for w in report.warnings))
    if not has_outlines:
        parts.append('<div class="gm-muted">offline basemap not drawn (online tiles)</div>')
    parts.append("</details></div>")
    return "".join(parts)
