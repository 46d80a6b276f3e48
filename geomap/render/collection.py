"""The collection map: many articles on one map, clustered, filterable by event type and date.

Every place and located event of every article becomes a marker in one cluster group; each
marker carries its date (the event's, or the article's publication date for a place), its type
and its article, and a small control filters the cluster by type and by a date window (two
sliders over the days the collection spans). Popups link back to their article.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path

import folium
from branca.element import MacroElement
from folium.plugins import MarkerCluster

from geomap.export import claim_label, claim_place, event_place, mention_counts
from geomap.fsutil import atomic_write_text
from geomap.records import Report
from geomap.render.article import base_map, finish
from geomap.render.assets import BASE_ASSETS, CLUSTER_ASSETS, RawHtml
from geomap.render.basemap import build_basemap
from geomap.render.content import focus_points
from geomap.render.html import claim_popup, esc, event_popup, place_popup
from geomap.render.layers import bounds_of
from geomap.render.page import MapScript
from geomap.render.style import (
    VERDICT_COLOURS,
    VERDICT_DASHES,
    event_icon,
    event_style,
    legend_html,
    place_icon,
)

PLACE_TYPE = "Place"
ARTICLE_LIST_OPEN_MAX = 12
POPUP_WIDTH = 380


def default_article_href(report: Report) -> str | None:
    url = report.article.url
    return url if url.startswith(("http://", "https://")) else None


class CollectionMarkers(MacroElement):
    """Builds every marker in the page from one JSON payload, then wires the filters to them.

    One Leaflet call per marker in a loop, instead of one folium element (and one compiled
    template) per marker, keeps a collection of thousands of markers fast to write and small.
    The payload is embedded verbatim (not through Jinja); its HTML strings are escaped already.
    """

    def __init__(self, cluster: MarkerCluster, payload: dict) -> None:
        super().__init__()
        self._name = "CollectionMarkers"
        self.cluster = cluster
        self.payload = payload

    def render(self, **kwargs) -> None:
        data = json.dumps(self.payload, ensure_ascii=False, allow_nan=False)
        # Inside <script>, "</" could close the element early; "<\/" means the same to JS.
        data = data.replace("</", "<\\/").replace("<!--", "<\\!--")
        script = _MARKERS_JS.replace("__CLUSTER__", self.cluster.get_name()).replace(
            "__DATA__", data
        )
        self.get_root().script.add_child(RawHtml(script), name=self.get_name())


_MARKERS_JS = """
(function () {
  var cluster = __CLUSTER__, data = __DATA__;
  var all = data.markers.map(function (d) {
    var i = data.icons[d.icon];
    var icon = L.divIcon({html: i.html, className: i.className, iconSize: i.size,
                          iconAnchor: i.anchor});
    return L.marker([d.lat, d.lon], {icon: icon, geomapType: d.type, geomapDay: d.day,
                                     geomapArticle: d.article})
      .bindPopup(d.popup, {maxWidth: 380}).bindTooltip(d.tooltip);
  });
  var box = document.getElementById("gm-filters");
  var from = document.getElementById("gm-date-from"), to = document.getElementById("gm-date-to");
  var undated = document.getElementById("gm-undated");
  var label = document.getElementById("gm-date-label"), count = document.getElementById("gm-count");
  function iso(day) { return new Date((data.day0 + day) * 86400000).toISOString().slice(0, 10); }
  function apply() {
    var lo = Math.min(+from.value, +to.value), hi = Math.max(+from.value, +to.value);
    label.textContent = iso(lo) + " \u2013 " + iso(hi);
    var types = {};
    box.querySelectorAll("input.gm-type").forEach(function (c) { types[c.value] = c.checked; });
    var shown = all.filter(function (m) {
      var o = m.options;
      if (!types[o.geomapType]) return false;
      if (o.geomapDay === null) return undated.checked;
      return o.geomapDay >= lo && o.geomapDay <= hi;
    });
    cluster.clearLayers();
    cluster.addLayers(shown);
    count.textContent = shown.length + " of " + all.length + " markers";
  }
  box.addEventListener("input", apply);
  box.addEventListener("change", apply);
  L.DomEvent.disableClickPropagation(box);
  L.DomEvent.disableScrollPropagation(box);
  apply();
})();
"""


def _day(d: dt.date | None, day0: dt.date) -> int | None:
    return None if d is None else (d - day0).days


def render_collection_map(
    reports: Iterable[Report],
    *,
    self_contained: bool = True,
    article_href: Callable[[Report], str | None] = default_article_href,
) -> folium.Map:
    """One map over many articles. `article_href(report)` gives each popup's link back."""
    reports = list(reports)
    fmap = base_map(self_contained=self_contained, assets=BASE_ASSETS + CLUSTER_ASSETS)
    dates = [e.date for r in reports for e in r.events if e.date] + [
        r.article.published for r in reports if r.article.published
    ]
    first, last = (min(dates), max(dates)) if dates else (dt.date.today(), dt.date.today())
    focus = [p for r in reports for p in focus_points(r)]
    basemap = build_basemap(focus) if self_contained else None
    cluster = MarkerCluster(name="Places and events", show=True).add_to(fmap)
    claims = folium.FeatureGroup(name="Claims", show=True).add_to(fmap)
    icons: dict[str, dict] = {}
    markers: list[dict] = []
    for report in reports:
        href = article_href(report)
        markers += _report_markers(report, href, first, icons)
        _add_claim_lines(claims, report, href)
    payload = {"day0": (first - dt.date(1970, 1, 1)).days, "icons": icons, "markers": markers}
    CollectionMarkers(cluster, payload).add_to(fmap)
    folium.LayerControl(collapsed=True).add_to(fmap)
    bounds = bounds_of(focus)
    if bounds is not None:
        sw, ne = bounds
        fmap.fit_bounds([(sw.lat, sw.lon), (ne.lat, ne.lon)], padding=(30, 30), max_zoom=9)
    types = [PLACE_TYPE] + sorted({e.event_type for r in reports for e in r.events})
    html = fmap.get_root().html
    html.add_child(RawHtml(_filter_box(reports, types, first, last)), name="gm_filters")
    verdicts = sorted({c.verdict for r in reports for c in r.claims if c.nearest_point})
    html.add_child(
        RawHtml(
            legend_html(
                types[1:], verdicts, approximate=False, borders=basemap is not None,
                basemap=basemap is not None, towns=False,
            )
        ),
        name="gm_legend",
    )  # fmt: skip
    if basemap is not None:
        from geomap.render.basemap import basemap_payload

        MapScript({"basemap": basemap_payload(basemap)}).add_to(fmap)
    return finish(fmap)


def _icon_key(icon: folium.DivIcon, icons: dict[str, dict]) -> str:
    """Each distinct icon is written once in the payload; markers refer to it by key."""
    options = icon.options
    key = f"{options.get('class_name')}|{options.get('html')}"
    if key not in icons:
        icons[key] = {
            "html": options.get("html"),
            "className": options.get("class_name"),
            "size": list(options.get("icon_size") or (14, 14)),
            "anchor": list(options.get("icon_anchor") or (7, 7)),
        }
    return key


def _report_markers(
    report: Report, href: str | None, day0: dt.date, icons: dict[str, dict]
) -> list[dict]:
    aid = report.article.id
    title = report.article.title or aid
    counts = mention_counts(report)
    out = []
    for res in report.places:
        place = res.place
        assert place is not None
        out.append({
            "lat": place.point.lat, "lon": place.point.lon, "type": PLACE_TYPE,
            "day": _day(report.article.published, day0), "article": aid,
            "icon": _icon_key(place_icon(place.kind), icons),
            "popup": place_popup(report, res, counts[place.place_id], href),
            "tooltip": esc(f"{place.name} — {title}"),
        })  # fmt: skip
    for event in report.events:
        place = event_place(event)
        if place is None:
            continue
        out.append({
            "lat": place.point.lat, "lon": place.point.lon, "type": event.event_type,
            "day": _day(event.date, day0), "article": aid,
            "icon": _icon_key(event_icon(event.event_type), icons),
            "popup": event_popup(report, event, href),
            "tooltip": esc(f"{event.event_type} — {title}"),
        })  # fmt: skip
    return out


def _add_claim_lines(claims: folium.FeatureGroup, report: Report, href: str | None) -> None:
    for claim in report.claims:
        place = claim_place(claim)
        if place is None or claim.nearest_point is None:
            continue
        colour = VERDICT_COLOURS.get(claim.verdict, VERDICT_COLOURS["unverifiable"])
        folium.PolyLine(
            [(place.point.lat, place.point.lon),
             (claim.nearest_point.lat, claim.nearest_point.lon)],
            color=colour, weight=4, tooltip=esc(claim_label(claim)),
            dash_array=VERDICT_DASHES.get(claim.verdict),
            popup=folium.Popup(claim_popup(report, claim, href), max_width=POPUP_WIDTH),
        ).add_to(claims)  # fmt: skip


def _filter_box(reports: list[Report], types: list[str], first: dt.date, last: dt.date) -> str:
    span = (last - first).days
    checks = "".join(
        f'<label><input type="checkbox" class="gm-type" value="{esc(t)}" checked> '
        + (
            f'<span class="gm-key" style="background:{event_style(t).colour}">'
            f"{event_style(t).letter}</span>"
            if t != PLACE_TYPE
            else ""
        )
        + f"{esc(t)}</label>"
        for t in types
    )
    articles = "".join(f"<li>{esc(r.article.title or r.article.id)}</li>" for r in reports)
    # A long list of titles would push the filters out of sight: it folds away.
    listing = (
        f"<ul>{articles}</ul>"
        if len(reports) <= ARTICLE_LIST_OPEN_MAX
        else f'<details class="gm-article-list"><summary>list them</summary><ul>{articles}</ul>'
        "</details>"
    )
    return (
        '<div class="gm-box gm-panel gm-filters" id="gm-filters"><details open>'
        f"<summary>{len(reports)} articles</summary>{listing}"
        f"<div><b>Show</b></div>{checks}"
        f'<label><input type="checkbox" id="gm-undated" checked> undated</label>'
        f'<div><b>Dates</b> <span id="gm-date-label"></span></div>'
        f'<input type="range" id="gm-date-from" min="0" max="{span}" value="0" step="1">'
        f'<input type="range" id="gm-date-to" min="0" max="{span}" value="{span}" step="1">'
        f'<div class="gm-muted" id="gm-count"></div>'
        "</details></div>"
    )


def write_collection_map(
    reports: Iterable[Report],
    path: str | os.PathLike[str],
    *,
    self_contained: bool = True,
    article_href: Callable[[Report], str | None] = default_article_href,
) -> Path:
    fmap = render_collection_map(reports, self_contained=self_contained, article_href=article_href)
    target = Path(path)
    atomic_write_text(target, fmap.get_root().render())
    return target
