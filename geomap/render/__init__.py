"""folium maps of Reports: one article (`render_map`) or a collection (`render_collection_map`).

Maps are self-contained by default: Leaflet, jQuery and the clustering plugin are inlined from
registry-installed packages and the country outlines are vector layers, so the HTML opens with no
network. `self_contained=False` links the scripts from a CDN and adds OpenStreetMap tiles.
"""

from geomap.render.article import render_map, write_map
from geomap.render.collection import render_collection_map, write_collection_map

__all__ = ["render_map", "write_map", "render_collection_map", "write_collection_map"]
