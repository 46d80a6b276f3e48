"""The one geodesy module: point-to-point, one-to-many and many-to-many km, lines and areas."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from geomap.geodesy import (
    area_km2,
    bearing_deg,
    destination,
    distance_matrix_km,
    distances_km,
    geodesic_km,
    line_length_km,
    pairwise_km,
)
from geomap.records import LatLon

LVIV = LatLon(49.8397, 24.0297)
ODESA = LatLon(46.4825, 30.7233)
DNIPRO = LatLon(48.4647, 35.0462)


def test_destination_goes_the_stated_distance_on_the_stated_bearing():
    for bearing in (0.0, 45.0, 135.0, 270.0):
        point = destination(DNIPRO, bearing, 30.0)
        assert geodesic_km(DNIPRO, point) == pytest.approx(30.0, abs=1e-6)
        assert bearing_deg(DNIPRO, point) == pytest.approx(bearing, abs=1e-6)
    # Due north keeps the meridian; 30 km is about 0.27 degrees of latitude there.
    north = destination(DNIPRO, 0.0, 30.0)
    assert north.lon == pytest.approx(DNIPRO.lon, abs=1e-9)
    assert north.lat - DNIPRO.lat == pytest.approx(0.27, abs=0.005)


def test_destination_across_the_antimeridian_stays_in_range():
    point = destination(LatLon(0.0, 179.9), 90.0, 50.0)
    assert -180.0 <= point.lon < -179.0


def test_one_to_many_matches_the_point_to_point_distance():
    lats = [LVIV.lat, ODESA.lat, DNIPRO.lat]
    lons = [LVIV.lon, ODESA.lon, DNIPRO.lon]
    km = distances_km(DNIPRO.lat, DNIPRO.lon, lats, lons)
    assert km.shape == (3,)
    assert km[0] == pytest.approx(geodesic_km(DNIPRO, LVIV))
    assert km[1] == pytest.approx(geodesic_km(DNIPRO, ODESA))
    assert km[2] == 0.0
    assert distances_km(0.0, 0.0, [], []).shape == (0,)


def test_pairwise_and_matrix_agree_with_single_distances():
    a = [LVIV, ODESA]
    b = [DNIPRO, LVIV, ODESA]
    matrix = distance_matrix_km([p.lat for p in a], [p.lon for p in a],
                                [p.lat for p in b], [p.lon for p in b])  # fmt: skip
    assert matrix.shape == (2, 3)
    for i, p in enumerate(a):
        for j, q in enumerate(b):
            assert matrix[i, j] == pytest.approx(geodesic_km(p, q))
    pairs = pairwise_km([LVIV.lat, ODESA.lat], [LVIV.lon, ODESA.lon],
                        [ODESA.lat, DNIPRO.lat], [ODESA.lon, DNIPRO.lon])  # fmt: skip
    assert np.allclose(pairs, [geodesic_km(LVIV, ODESA), geodesic_km(ODESA, DNIPRO)])


def test_line_length_and_area_are_geodesic_not_degrees():
    # One degree of a meridian at the equator is 110.57 km; of the equator, 111.32 km.
    meridian = shapely.LineString([(0.0, 0.0), (0.0, 1.0)])
    assert line_length_km(meridian) == pytest.approx(110.57, abs=0.01)
    two_parts = shapely.MultiLineString([[(0.0, 0.0), (0.0, 1.0)], [(0.0, 0.0), (1.0, 0.0)]])
    assert line_length_km(two_parts) == pytest.approx(110.57 + 111.32, abs=0.02)
    # A one-degree cell is ~12,300 km² at the equator and about half that at 60 degrees north.
    equator_cell = area_km2(shapely.box(0.0, 0.0, 1.0, 1.0))
    assert equator_cell == pytest.approx(12_308, rel=0.002)
    assert area_km2(shapely.box(0.0, 60.0, 1.0, 61.0)) == pytest.approx(equator_cell / 2, rel=0.03)
