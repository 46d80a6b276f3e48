"""Places named together lie together: support from the other names' likely candidates.

A local story names a county and three of its towns; a front-line assessment lists villages a
few km apart. Each candidate of a name is supported by each OTHER name that has a likely
candidate near it: the support from one name is max over its candidates of
p(candidate) * exp(-km / scale), where p is the first pass's probability, so a name with 80
homonyms scattered over the country lends little to any one place, and a name read confidently
lends its full weight. Summed over the other names and saturated (1 - exp(-sum)), at two scales:
50 km (villages of one sector, towns of one county) and 250 km (one region).

Areas whose point is a centroid (countries, seas, regions) and demonyms lend nothing.
"""

from __future__ import annotations

import numpy as np

from geomap.geodesy import great_circle_matrix_km
from geomap.resolve.group import Group

SCALES_KM = (50.0, 250.0)
_POINTLESS_KINDS = frozenset({"country", "region", "water", "continent", "demonym"})
_LENDERS_PER_NAME = 12  # a name's most likely candidates are the ones that lend support
_MIN_PROBABILITY = 0.01


def colocation_support(
    groups: list[Group], probabilities: dict[int, np.ndarray]
) -> dict[int, np.ndarray]:
    """For each toponym group (by id), an (n candidates, len(SCALES_KM)) array of support."""
    members = [g for g in groups if g.kind == "toponym" and g.candidates]
    if len(members) < 2:
        return {}
    rows_lat, rows_lon, row_group = [], [], []
    cols_lat, cols_lon, col_weight, col_group = [], [], [], []
    for gi, g in enumerate(members):
        p = probabilities.get(id(g))
        for place in g.candidates:
            rows_lat.append(place.point.lat)
            rows_lon.append(place.point.lon)
            row_group.append(gi)
        if p is None:
            continue
        for k in np.argsort(-p)[:_LENDERS_PER_NAME]:
            place = g.candidates[k]
            if p[k] < _MIN_PROBABILITY or place.kind in _POINTLESS_KINDS:
                continue
            cols_lat.append(place.point.lat)
            cols_lon.append(place.point.lon)
            col_weight.append(p[k])
            col_group.append(gi)
    if not col_weight:
        return {}
    km = great_circle_matrix_km(rows_lat, rows_lon, cols_lat, cols_lon)
    weight = np.asarray(col_weight)
    lender = np.asarray(col_group)
    owner = np.asarray(row_group)
    lenders = np.unique(lender)
    support = np.zeros((len(owner), len(SCALES_KM)))
    for s, scale in enumerate(SCALES_KM):
        lent = weight[None, :] * np.exp(-km / scale)
        for gi in lenders:
            best = lent[:, lender == gi].max(axis=1)
            best[owner == gi] = 0.0  # a name is no support for itself
            support[:, s] += best
    saturated = 1.0 - np.exp(-support)
    out: dict[int, np.ndarray] = {}
    for gi, g in enumerate(members):
        out[id(g)] = saturated[owner == gi]
    return out
