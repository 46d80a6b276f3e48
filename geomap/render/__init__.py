"""Maps of Reports: one article (`render_map`), a collection (`render_collection_map`), and the
article as a picture (`geomap.render.static.write_image`, PNG/SVG with matplotlib).

Maps are self-contained by default: Leaflet, jQuery and the clustering plugin are inlined from
registry-installed packages and the basemap (geomap.render.basemap) is vector data drawn by the
page's own script, so the HTML opens with no network. `self_contained=False` links the scripts
from a CDN and uses OpenStreetMap tiles as the basemap.
"""

from geomap.render.article import render_map, write_map
from geomap.render.collection import render_collection_map, write_collection_map

__all__ = ["render_map", "write_map", "render_collection_map", "write_collection_map"]
