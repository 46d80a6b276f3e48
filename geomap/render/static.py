"""The article's map as a static picture (PNG or SVG) for reports, drawn with matplotlib.

Same content and geometry as the HTML map: the basemap of geomap.render.basemap, the front line
of geomap.render.frontline, the article's places, events and claims with the same colours and
line patterns, town labels thinned by the same rule at the picture's scale, a legend and the
data credits. No browser: matplotlib's Agg (PNG) or SVG backend. The projection is Web
Mercator, as in the browser, so the two pictures agree.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import shapely
import shapely.errors

from geomap.export import claim_place, event_place
from geomap.fsutil import atomic_write_bytes
from geomap.records import Report
from geomap.render.basemap import Basemap, SettlementSource, build_basemap, web_mercator_y
from geomap.render.content import (
    focus_points,
    has_uncertainty_circle,
    place_labels,
    region_outline,
)
from geomap.render.frontline import FrontLine, front_line, legend_label
from geomap.render.html import claim_map_label
from geomap.render.style import (
    ADMIN1_COLOUR,
    BORDER_COLOUR,
    DATA_CREDITS_TEXT,
    FRONT_COLOUR,
    LAND_COLOUR,
    PLACE_COLOUR,
    RIVER_COLOUR,
    SEA_COLOUR,
    UNCERTAINTY_COLOUR,
    VERDICT_COLOURS,
    VERDICT_MARKS,
    event_style,
)

SLIDE_INCHES = (13.333, 7.5)  # a 16:9 slide
DPI = 150
MAX_ZOOM = 9  # as the HTML map: never closer than this when fitting the places
LAKE_COLOUR = SEA_COLOUR
# matplotlib dash patterns in points, matching the HTML map's CSS patterns
DASHES = {"consistent": "-", "inconsistent": (0, (5, 3)), "unverifiable": (0, (1, 3))}


def write_image(
    report: Report,
    path: str | os.PathLike[str],
    *,
    layers: Sequence[Any] = (),
    settlements: SettlementSource | None = None,
    size: tuple[float, float] = SLIDE_INCHES,
    dpi: int = DPI,
    fmt: str | None = None,
) -> Path:
    """Draw the article's map to `path` atomically, as `fmt` ("png" or "svg"; default: by the
    file's suffix)."""
    target = Path(path)
    fmt = fmt or target.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise ValueError(f"{target}: the picture must be .png or .svg")
    atomic_write_bytes(
        target,
        render_image(report, fmt=fmt, layers=layers, settlements=settlements, size=size, dpi=dpi),
    )
    return target


def render_image(
    report: Report,
    *,
    fmt: str = "png",
    layers: Sequence[Any] = (),
    settlements: SettlementSource | None = None,
    size: tuple[float, float] = SLIDE_INCHES,
    dpi: int = DPI,
) -> bytes:
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    focus = focus_points(report)
    named = [(r.place.point.lat, r.place.point.lon, r.place.name) for r in report.places if r.place]
    basemap = build_basemap(focus, settlements, named=named)
    front = front_line(layers) if layers else None

    fig = Figure(figsize=size, dpi=dpi)
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_axis_off()
    width_px, height_px = size[0] * dpi, size[1] * dpi
    view, zoom = fit_view(focus, width_px, height_px)
    x0, y0, x1, y1 = view
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_facecolor(SEA_COLOUR)
    fig.patch.set_facecolor(SEA_COLOUR)
    clip = _lonlat_box(view)

    _draw_basemap(ax, basemap, clip)
    if front is not None:
        _draw_front(ax, front, clip)
    segments, events = _draw_content(ax, report, zoom, width_px, height_px)
    fig.canvas.draw_idle()
    to_px = ax.transData.transform
    event_boxes = [
        (px - 9 * dpi / 72, py - 9 * dpi / 72, px + 9 * dpi / 72, py + 9 * dpi / 72)
        for px, py in (to_px(xy) for xy in events)
    ]
    _draw_labels(ax, report, basemap, zoom, segments, event_boxes)
    _draw_legend(fig, ax, report, front)
    title = report.article.title or report.article.id
    if report.article.published:
        title += f"  ({report.article.published.isoformat()})"
    fig.text(0.01, 0.985, title, ha="left", va="top", fontsize=13, fontweight="bold",
             bbox={"facecolor": "white", "alpha": 0.9, "edgecolor": "none", "pad": 4})  # fmt: skip
    credits = DATA_CREDITS_TEXT + (f" · Front line: {front.source}" if front is not None else "")
    fig.text(0.995, 0.005, credits, ha="right", va="bottom", fontsize=7,
             color="#333333", bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none",
                                    "pad": 2})  # fmt: skip
    buffer = io.BytesIO()
    # SVG text stays text (searchable, editable in a report), not outlines.
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        # zlib level 3 instead of 6: the PNG is ~10% larger and written in half the time.
        extra = {"pil_kwargs": {"compress_level": 3}} if fmt == "png" else {}
        fig.savefig(buffer, format=fmt, dpi=dpi, facecolor=SEA_COLOUR, **extra)
    return buffer.getvalue()


# ------------------------------------------------------------------------------ projection


def merc(lon: Any, lat: Any) -> tuple[Any, Any]:
    """Web Mercator in degree units: x = lon, y = northing scaled like lon."""
    lat = np.clip(np.asarray(lat, dtype=float), -85.0, 85.0)
    y = np.degrees(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))
    return np.asarray(lon, dtype=float), y


def inverse_y(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2)


def fit_view(focus: list, width_px: float, height_px: float) -> tuple[tuple, float]:
    """The map's extent (Mercator units) fitting the focus points with a margin, and the
    equivalent web-map zoom level (for the town labels), never closer than MAX_ZOOM."""
    if not focus:
        return (-180.0, web_mercator_y(-60), 180.0, web_mercator_y(75)), 1.0
    xs, ys = merc([p.lon for p in focus], [p.lat for p in focus])
    cx, cy = (xs.min() + xs.max()) / 2, (ys.min() + ys.max()) / 2
    span_x = max(xs.max() - xs.min(), 1e-6) * 1.25
    span_y = max(ys.max() - ys.min(), 1e-6) * 1.35
    # Leaflet's zoom z shows 360 degrees in 256 * 2**z pixels.
    zoom = min(
        MAX_ZOOM,
        math.log2(width_px * 360 / (256 * span_x)),
        math.log2(height_px * 360 / (256 * span_y)),
    )
    degrees_per_px = 360 / (256 * 2**zoom)
    half_w, half_h = width_px * degrees_per_px / 2, height_px * degrees_per_px / 2
    return (cx - half_w, cy - half_h, cx + half_w, cy + half_h), zoom


def _lonlat_box(view: tuple) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = view
    return (max(-180.0, x0), max(-85.0, inverse_y(y0)), min(180.0, x1), min(85.0, inverse_y(y1)))


def _project(geom: Any) -> Any:
    return shapely.transform(geom, lambda xy: np.column_stack(merc(xy[:, 0], xy[:, 1])))


def _clipped(geoms: list[Any], box: tuple) -> list[Any]:
    out = []
    bounds = shapely.box(*box)
    for geom in geoms:
        if geom is None or not shapely.intersects(geom, bounds):
            continue
        try:
            part = shapely.clip_by_rect(geom, *box)
        except shapely.errors.GEOSException:
            part = geom
        if not part.is_empty:
            out.append(_project(part))
    return out


# ----------------------------------------------------------------------------------- drawing


def _polygon_patch(geoms: list[Any], **style: Any):
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    vertices, codes = [], []
    for geom in geoms:
        for poly in shapely.get_parts(geom):
            if poly.geom_type != "Polygon" or poly.is_empty:
                continue
            for ring in [poly.exterior, *poly.interiors]:
                xy = np.asarray(ring.coords)[:, :2]
                if len(xy) < 3:
                    continue
                vertices.append(xy)
                ring_codes = np.full(len(xy), MplPath.LINETO, dtype=np.uint8)
                ring_codes[0], ring_codes[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
                codes.append(ring_codes)
    if not vertices:
        return None
    return PathPatch(MplPath(np.concatenate(vertices), np.concatenate(codes)), **style)


def _add_polygons(ax, geoms: list[Any], **style: Any) -> None:
    patch = _polygon_patch(geoms, **style)
    if patch is not None:
        ax.add_patch(patch)


def _add_lines(ax, geoms: list[Any], **style: Any) -> None:
    from matplotlib.collections import LineCollection

    segments = [
        np.asarray(line.coords)[:, :2]
        for geom in geoms
        for line in shapely.get_parts(geom)
        if line.geom_type in ("LineString", "LinearRing") and not line.is_empty
    ]
    if segments:
        ax.add_collection(LineCollection(segments, **style))


def _draw_basemap(ax, basemap: Basemap, clip: tuple) -> None:
    land = _clipped(basemap.land, clip) + _clipped([g for b in basemap.boxes for g in b.land], clip)
    _add_polygons(ax, land, facecolor=LAND_COLOUR, edgecolor=LAND_COLOUR, linewidth=0.5, zorder=1)
    _add_polygons(ax, _clipped(basemap.lakes, clip), facecolor=LAKE_COLOUR,
                  edgecolor="#9cc0d9", linewidth=0.4, zorder=2)  # fmt: skip
    _add_lines(ax, _clipped(basemap.rivers, clip), colors=RIVER_COLOUR, linewidths=1.0, zorder=2)
    admin1 = _clipped([g for b in basemap.boxes for g in b.admin1], clip)
    _add_lines(ax, admin1, colors=ADMIN1_COLOUR, linewidths=0.6,
               zorder=3)  # fmt: skip
    borders = _clipped(basemap.borders, clip)
    borders += _clipped([g for b in basemap.boxes for g in b.borders], clip)
    _add_lines(ax, borders, colors=BORDER_COLOUR, linewidths=1.1, zorder=3)


def _draw_front(ax, front: FrontLine, clip: tuple) -> None:
    if front.areas is not None:
        area = _clipped([front.areas], clip)
        _add_polygons(ax, area, facecolor=FRONT_COLOUR, alpha=0.14, edgecolor="none", zorder=4)
        _add_polygons(ax, area, facecolor="none", edgecolor=FRONT_COLOUR, hatch="////",
                      linewidth=0, alpha=0.45, zorder=4)  # fmt: skip
    if front.edge is not None:
        _add_lines(ax, _clipped([front.edge], clip), colors=FRONT_COLOUR, linewidths=1.8,
                   zorder=5)  # fmt: skip


def _circle_lonlat(lat: float, lon: float, radius_km: float, n: int = 72) -> np.ndarray:
    """A geodesic circle as lon/lat points (pyproj's forward geodesic)."""
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    azimuths = np.linspace(0, 360, n, endpoint=False)
    lons, lats, _ = geod.fwd(
        np.full(n, lon), np.full(n, lat), azimuths, np.full(n, radius_km * 1000.0)
    )
    return np.column_stack([lons, lats])


def _draw_content(
    ax, report: Report, zoom: float, width_px: float, height_px: float
) -> tuple[list, list]:
    """Claims, uncertainty, places and events; returns the claim segments and the event icons'
    centres (Mercator), which the labels must keep clear of."""
    segments = []
    for claim in report.claims:
        place = claim_place(claim)
        if place is None or claim.nearest_point is None:
            continue
        xs, ys = merc([place.point.lon, claim.nearest_point.lon],
                      [place.point.lat, claim.nearest_point.lat])  # fmt: skip
        colour = VERDICT_COLOURS.get(claim.verdict, VERDICT_COLOURS["unverifiable"])
        ax.plot(xs, ys, color=colour, linewidth=3, linestyle=DASHES.get(claim.verdict, "-"),
                solid_capstyle="round", zorder=7)  # fmt: skip
        ax.plot(xs[1:], ys[1:], "o", color=colour, markersize=5, zorder=7)
        segments.append(((xs[0], ys[0]), (xs[1], ys[1])))
    from shapely.geometry import shape

    outlines = [region_outline(r.place) for r in report.places if r.place is not None]
    regions = [_project(shape(o).boundary) for o in outlines if o is not None]
    _add_lines(ax, regions, colors=UNCERTAINTY_COLOUR, linewidths=1.2, alpha=0.6,
               zorder=6)  # fmt: skip
    limit_px = 0.15 * min(width_px, height_px)
    for res in report.places:
        place = res.place
        if place is None or not has_uncertainty_circle(place):
            continue
        ring = _circle_lonlat(place.point.lat, place.point.lon, place.uncertainty_km)
        rx, ry = merc(ring[:, 0], ring[:, 1])
        _, cy = merc(place.point.lon, place.point.lat)
        radius_px = (ry.max() - cy) / (360 / (256 * 2**zoom))
        if 6 <= radius_px <= limit_px:  # the same rule as the HTML map's circles
            ax.fill(rx, ry, facecolor=UNCERTAINTY_COLOUR, alpha=0.08, edgecolor=UNCERTAINTY_COLOUR,
                    linestyle=(0, (3, 3)), linewidth=0.8, zorder=6)  # fmt: skip
    for res in report.places:
        place = res.place
        if place is None:
            continue
        x, y = merc(place.point.lon, place.point.lat)
        if place.kind in ("country", "admin1", "admin2", "region"):
            ax.plot(x, y, "o", markersize=10, markerfacecolor="white",
                    markeredgecolor=PLACE_COLOUR, markeredgewidth=2.5, zorder=8)  # fmt: skip
        else:
            ax.plot(x, y, "o", markersize=8, markerfacecolor=PLACE_COLOUR,
                    markeredgecolor="white", markeredgewidth=1.5, zorder=8)  # fmt: skip
    at_place: dict[str, int] = {}
    icons = []
    degrees_per_px = 360 / (256 * 2**zoom)
    for event in report.events:
        place = event_place(event)
        if place is None:
            continue
        offset = at_place.get(place.place_id, 0)
        at_place[place.place_id] = offset + 1
        x, y = merc(place.point.lon, place.point.lat)
        x = x + (14 + 22 * offset) * degrees_per_px
        y = y + 14 * degrees_per_px
        style = event_style(event.event_type)
        icons.append((float(x), float(y)))
        ax.text(x, y, style.letter, ha="center", va="center", fontsize=8, fontweight="bold",
                color="white", zorder=9,
                bbox={"boxstyle": "round,pad=0.25", "facecolor": style.colour,
                      "edgecolor": "white"})  # fmt: skip
    return segments, icons


# ------------------------------------------------------------------------------------ labels


def _draw_labels(
    ax, report: Report, basemap: Basemap, zoom: float, segments: list, event_boxes: list
) -> None:
    """Claim labels, then place labels, then towns, each at the first position around its
    point that covers no label placed before and no claim line. Claims and the article's
    places are always labelled (farther out when crowded); towns that fit nowhere, and towns
    above the picture's zoom, are left out (the HTML map's rule)."""
    fig = ax.figure
    fig.canvas.draw_idle()
    to_px = ax.transData.transform
    taken: list[tuple[float, float, float, float]] = []
    lines_px = [(to_px(a), to_px(b)) for a, b in segments]
    scale = fig.dpi / 72.0

    def place(
        anchors: list, text: str, fontsize: float, always: bool, far: bool = False, **style
    ) -> bool:
        """Label the first anchor/position that is free; `always`: farther out if need be, and
        at the first anchor when nothing is free."""
        w, h = (0.64 * fontsize * len(text) + 6) * scale, (fontsize + 5) * scale
        # A claim's label may move along and away from its line; a place's stays by its dot
        # (a name far from its dot names the wrong dot).
        gaps = (7, 24, 48, 80) if far else (7, 16) if always else (6,)
        gaps = tuple(g * scale for g in gaps)
        best: tuple[float, tuple] | None = None
        for gap in gaps:
            for x, y in anchors:
                px, py = to_px((x, y))
                for dx, dy, ha, va in (
                    (gap, 0, "left", "center"),
                    (-gap, 0, "right", "center"),
                    (0, gap, "center", "bottom"),
                    (0, -gap, "center", "top"),
                ):
                    x0 = px + dx - (w if ha == "right" else w / 2 if ha == "center" else 0)
                    y0 = py + dy - (h / 2 if va == "center" else 0 if va == "bottom" else h)
                    box = (x0, y0, x0 + w, y0 + h)
                    cost = _crowding(box, taken, lines_px)
                    if best is None or cost < best[0]:
                        best = (cost, (box, (x, y), dx, dy, ha, va))
                    if cost == 0:
                        break
                if best is not None and best[0] == 0:
                    break
            if best is not None and best[0] == 0:
                break
        if best is None or (best[0] > 0 and not always):
            return False
        # Free, or for a label that must show, the least crowded of all the positions tried.
        box, anchor, dx, dy, ha, va = best[1]
        taken.append(box)
        where = {"xytext": (dx / scale, dy / scale), "textcoords": "offset points", "ha": ha,
                 "va": va, "fontsize": fontsize}  # fmt: skip
        effects = style.pop("path_effects", None)
        if effects:  # the halo is a copy underneath, so the text itself stays text in an SVG
            halo = {**style, "color": "white", "zorder": style.get("zorder", 10) - 0.1}
            ax.annotate(text, anchor, path_effects=effects, **where, **halo)
        ax.annotate(text, anchor, **where, **style)
        return True

    # The dots and event icons are obstacles for every label.
    for res in report.places:
        if res.place is not None:
            px, py = to_px(tuple(float(v) for v in merc(res.place.point.lon, res.place.point.lat)))
            taken.append((px - 6 * scale, py - 6 * scale, px + 6 * scale, py + 6 * scale))
    for box in event_boxes:
        taken.append(box)
    # The article's places first: their labels name the dots, so they sit next to them.
    for point, name in place_labels(report):
        x, y = merc(point.lon, point.lat)
        place([(float(x), float(y))], name, 10, True, fontweight="bold",
              color="#003e62", zorder=11, path_effects=_halo())  # fmt: skip
    # Then claims, anywhere along their line.
    for claim in report.claims:
        p = claim_place(claim)
        if p is None or claim.nearest_point is None:
            continue
        xs, ys = merc(
            [p.point.lon, claim.nearest_point.lon], [p.point.lat, claim.nearest_point.lat]
        )
        anchors = [(float(xs[0] + t * (xs[1] - xs[0])), float(ys[0] + t * (ys[1] - ys[0])))
                   for t in (0.5, 0.35, 0.65, 0.2, 0.8)]  # fmt: skip
        colour = VERDICT_COLOURS.get(claim.verdict, VERDICT_COLOURS["unverifiable"])
        text = f"{VERDICT_MARKS.get(claim.verdict, '?')} {claim_map_label(claim)}"
        place(anchors, text, 9, True, far=True, fontweight="bold", zorder=12, color="#1d2a38",
              bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": colour,
                    "linewidth": 1.5,
                    "linestyle": "-" if claim.verdict == "consistent" else "--"})  # fmt: skip
    for town in basemap.settlements:
        if town.min_zoom > math.floor(zoom):
            continue
        x, y = merc(town.lon, town.lat)
        px, py = to_px((float(x), float(y)))
        if not (0 <= px <= fig.bbox.width and 0 <= py <= fig.bbox.height):
            continue
        # No halo for towns: drawing text as outlined paths costs ~10 ms a label.
        if place([(float(x), float(y))], town.name, 8, False, color="#3d3d3d", zorder=10):
            ax.plot(x, y, "o", markersize=3, color="#4a4a4a", zorder=10)


def _halo():
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=2.5, foreground="white")]


def _crowding(box: tuple, taken: list, lines: list) -> float:
    """How much a label box would cover: the area it shares with labels and markers already
    placed, plus a large penalty per claim line it crosses (0 = free)."""
    x0, y0, x1, y1 = box
    area = 0.0
    for t in taken:
        w, h = min(x1, t[2]) - max(x0, t[0]), min(y1, t[3]) - max(y0, t[1])
        if w > 0 and h > 0:
            area += w * h
    return area + 1e4 * sum(_segment_hits(a, b, box) for a, b in lines)


def _segment_hits(a, b, box: tuple) -> bool:
    """Liang-Barsky: does segment a-b cross the box?"""
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - box[0]), (dx, box[2] - a[0]), (-dy, a[1] - box[1]),
                 (dy, box[3] - a[1])):  # fmt: skip
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            if t > t1:
                return False
            t0 = max(t0, t)
        else:
            if t < t0:
                return False
            t1 = min(t1, t)
    return True


# ------------------------------------------------------------------------------------ legend


def _draw_legend(fig, ax, report: Report, front: FrontLine | None) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor=PLACE_COLOUR,
               markeredgecolor="white", label="place named in the article"),
        Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor="white",
               markeredgecolor=PLACE_COLOUR, markeredgewidth=2.5, label="region or country named"),
    ]  # fmt: skip
    for event_type in dict.fromkeys(e.event_type for e in report.events if event_place(e)):
        style = event_style(event_type)
        handles.append(Line2D([], [], marker="s", linestyle="", markersize=9,
                              markerfacecolor=style.colour, markeredgecolor="white",
                              label=f"{style.letter}  {event_type}"))  # fmt: skip
    for verdict in dict.fromkeys(c.verdict for c in report.claims if c.nearest_point):
        handles.append(Line2D([], [], color=VERDICT_COLOURS.get(verdict, "#7a7a7a"),
                              linewidth=3, linestyle=DASHES.get(verdict, "-"),
                              label=f"claim: {verdict}"))  # fmt: skip
    if front is not None:
        handles.append(Patch(facecolor=FRONT_COLOUR + "24", edgecolor=FRONT_COLOUR, hatch="////",
                             label=legend_label(front)))  # fmt: skip
    handles += [
        Line2D([], [], color=BORDER_COLOUR, linewidth=1.1, label="country border"),
        Line2D([], [], color=ADMIN1_COLOUR, linewidth=0.8,
               label="region (admin-1) border"),
        Line2D([], [], color=RIVER_COLOUR, linewidth=1.2, label="river, lake"),
        Line2D([], [], marker="o", linestyle="", markersize=3, color="#4a4a4a",
               label="town (GeoNames)"),
    ]  # fmt: skip
    legend = ax.legend(handles=handles, loc="lower left", fontsize=8, framealpha=0.92,
                       title="Legend", title_fontsize=9, borderpad=0.6)  # fmt: skip
    legend.set_zorder(20)
