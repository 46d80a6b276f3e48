"""Which town labels a map can show at which zoom, without one label covering another.

Labels are placed greedily, most prominent first, zoom level by zoom level (Web Mercator pixels,
as Leaflet draws them): a town gets the first zoom at which its label box touches no label
already placed. A label placed at one zoom stays at every higher zoom (points only move apart
as the map zooms in), so the browser just shows the labels whose `min_zoom` it has reached.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from geomap.records import Place

MIN_ZOOM, MAX_ZOOM = 5, 14
FONT_PX = 11.0
CHAR_PX = 6.2  # average advance of an 11 px sans-serif character
LABEL_HEIGHT_PX = 14.0
LABEL_GAP_PX = 4.0
# A place known by many names (in many languages) is one readers know; a city district in the
# gazetteer has a large population but few names. Below this many names the population counts
# proportionally less when ranking labels.
WELL_KNOWN_NAMES = 16


@dataclass(frozen=True, slots=True)
class Settlement:
    name: str
    lat: float
    lon: float
    population: int
    prominence: float
    min_zoom: int = MAX_ZOOM + 1  # not shown at any zoom the map labels

    @classmethod
    def from_place(cls, place: Place, names: int) -> Settlement:
        weight = min(1.0, (names + 1) / WELL_KNOWN_NAMES)
        return cls(
            place.name, place.point.lat, place.point.lon, place.population,
            place.population * weight,
        )  # fmt: skip


def world_pixels(lat: float, lon: float, zoom: int) -> tuple[float, float]:
    """Web Mercator pixel coordinates of a point at a zoom level (256 px tiles)."""
    size = 256.0 * 2**zoom
    lat = max(-85.0, min(85.0, lat))
    x = (lon + 180.0) / 360.0 * size
    s = math.sin(math.radians(lat))
    y = (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * size
    return x, y


def label_box(x: float, y: float, text: str) -> tuple[float, float, float, float]:
    """The box a label takes: the dot at (x, y), the text to its right, with a margin."""
    width = 8.0 + CHAR_PX * len(text)
    half = LABEL_HEIGHT_PX / 2
    g = LABEL_GAP_PX
    return x - 4 - g, y - half - g, x + width + g, y + half + g


def thin_settlements(
    towns: Iterable[Settlement], *, reserved: Iterable[tuple[float, float, str]] = ()
) -> list[Settlement]:
    """The towns with their `min_zoom` set, most prominent first; towns that fit at no zoom up
    to MAX_ZOOM are dropped. `reserved` are (lat, lon, label) of labels that always show (the
    article's own places): towns never cover them."""
    unique: dict[tuple[str, int, int], Settlement] = {}
    for t in sorted(towns, key=lambda t: -t.prominence):
        unique.setdefault((t.name, round(t.lat * 20), round(t.lon * 20)), t)  # ~5 km
    ordered = list(unique.values())
    reserved = list(reserved)
    min_zoom = [MAX_ZOOM + 1] * len(ordered)
    for zoom in range(MIN_ZOOM, MAX_ZOOM + 1):
        # Labels placed at a lower zoom keep their place; the others compete for what is left.
        boxes = [label_box(*world_pixels(lat, lon, zoom), text) for lat, lon, text in reserved]
        boxes += [
            label_box(*world_pixels(t.lat, t.lon, zoom), t.name)
            for t, z in zip(ordered, min_zoom, strict=True)
            if z < zoom
        ]
        placed = np.array(boxes, dtype=float).reshape(-1, 4)
        for i, town in enumerate(ordered):
            if min_zoom[i] < zoom:
                continue
            box = np.array(label_box(*world_pixels(town.lat, town.lon, zoom), town.name))
            if not _overlaps(placed, box):
                min_zoom[i] = zoom
                placed = np.vstack([placed, box])
    return [
        Settlement(t.name, t.lat, t.lon, t.population, t.prominence, z)
        for t, z in zip(ordered, min_zoom, strict=True)
        if z <= MAX_ZOOM
    ]


def _overlaps(placed: np.ndarray, box: np.ndarray) -> bool:
    if not len(placed):
        return False
    return bool(
        np.any(
            (placed[:, 0] < box[2])
            & (box[0] < placed[:, 2])
            & (placed[:, 1] < box[3])
            & (box[1] < placed[:, 3])
        )
    )
