"""The front line as a map layer: the occupied area, its edge, and the date it shows.

A front-line layer (`--layer frontline=FILE`, e.g. DeepStateMap's occupied-area polygons) is
drawn as a tinted, hatched area with a strong edge. The edge is the front line the claim checks
measure to (geomap.claims.frontline: the area's boundary less international borders and
coasts), so a claim's line to "the front" ends on the line the reader sees.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import shapely

# Dates as file names and layer names write them: 2024-07-08, 20240708, 2024_07_08.
_DATE = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")
DATE_KEYS = ("date", "as_of", "asof", "updated", "valid_on", "datetime", "timestamp")


@dataclass(slots=True)
class FrontLine:
    name: str
    areas: Any  # polygons of the occupied area, or None for a layer of lines only
    edge: Any  # the front line proper (lines), or None
    date: dt.date | None
    note: str = ""  # how the edge was derived
    layer: Any = None  # the user layer it was drawn from
    source: str = ""  # the layer's file name, for the credits


def layer_date(layer: Any) -> dt.date | None:
    """The date a layer shows: a date property of its features or of the collection, else a date
    in its name or file name."""
    geojson = getattr(layer, "geojson", None) or {}
    candidates: list[str] = []
    for props in [geojson.get("properties") or {}] + [
        (f.get("properties") or {}) for f in geojson.get("features", []) if isinstance(f, dict)
    ]:
        candidates += [str(props[k]) for k in DATE_KEYS if props.get(k)]
    candidates += [str(geojson.get("name") or ""), str(getattr(layer, "path", "") or "")]
    candidates.append(str(getattr(layer, "name", "") or ""))
    for text in candidates:
        for match in _DATE.finditer(text):
            try:
                return dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                continue
    return None


def front_line(layers: Any) -> FrontLine | None:
    """The front-line layer among the user's layers (the one the claim checks use), or None."""
    from geomap.claims.verifiers.measure import frontline_layer

    mapping = layers if isinstance(layers, dict) else {getattr(x, "name", ""): x for x in layers}
    layer = frontline_layer(mapping)
    if layer is None:
        return None
    return front_line_of_layer(layer)


def front_line_of_layer(layer: Any) -> FrontLine:
    from geomap.claims.frontline import front_line_of

    geometry = getattr(layer, "geometry", None)
    polygons = [
        g for g in shapely.get_parts(geometry) if g.geom_type in ("Polygon", "MultiPolygon")
    ] if geometry is not None else []  # fmt: skip
    reference = _reference()
    edge, note = front_line_of(layer, reference)
    return FrontLine(
        name=str(getattr(layer, "name", "") or "front line"),
        areas=shapely.union_all(polygons) if polygons else None,
        edge=edge if edge is not None and not edge.is_empty else None,
        date=layer_date(layer),
        note=note,
        layer=layer,
        source=_source(layer, str(getattr(layer, "name", "") or "front line")),
    )


def _reference() -> Any:
    try:
        from geomap.geometry import ReferenceLayers
    except ImportError:
        return None
    return ReferenceLayers.default()


def _source(layer: Any, name: str) -> str:
    path = str(getattr(layer, "path", "") or "")
    return path.replace("\\", "/").rsplit("/", 1)[-1] or name


def legend_label(front: FrontLine) -> str:
    when = f" ({front.date.isoformat()})" if front.date else " (date unknown)"
    return f"occupied area, front line{when}"
