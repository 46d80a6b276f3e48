"""The front line as a prior: ground combat and artillery happen within a few tens of km of it.

When the user gives a front-line layer (`--layer frontline=FILE`: lines, or the occupied area as
polygons like DeepStateMap's), each candidate gets a feature for how near it lies to the line.
The prior is soft (a namesake far from the line still wins on strong evidence: a stated oblast,
a much larger population) and, when it decides a choice, the rule says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import shapely

from geomap.records import Place

SCALE_KM = 30.0


class FrontLinePrior:
    """Distances from candidate places to the front line of a user layer."""

    def __init__(self, line: Any) -> None:
        self.line = line

    @classmethod
    def from_layers(cls, layers: Mapping[str, Any] | None) -> FrontLinePrior | None:
        if not layers:
            return None
        from geomap.claims import default_reference
        from geomap.claims.frontline import front_line_of
        from geomap.claims.verifiers.measure import frontline_layer

        layer = frontline_layer(layers)  # the layer the claim checks measure to
        if layer is None:
            return None

        line, _ = front_line_of(layer, default_reference())
        if line is None or line.is_empty:
            return None
        return cls(line)

    def nearness(self, places: list[Place]) -> np.ndarray:
        """exp(-km / 30) from each place to the line (1 on it, 0.37 at 30 km, 0.04 at 100 km)."""
        from geomap.geodesy import pairwise_km

        points = shapely.points([p.point.lon for p in places], [p.point.lat for p in places])
        # The nearest point of the line is found in lon/lat, the kilometres are geodesic: at
        # these distances the choice of the nearest vertex barely depends on the projection.
        nearest = shapely.get_point(shapely.shortest_line(points, self.line), 1)
        km = pairwise_km(
            [p.point.lat for p in places],
            [p.point.lon for p in places],
            shapely.get_y(nearest),
            shapely.get_x(nearest),
        )
        return np.exp(-km / SCALE_KM)
