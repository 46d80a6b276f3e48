"""Maps of Reports: one article (`render_map`), a collection (`render_collection_map`), and the
article as a picture (`geomap.render.static.write_image`, PNG/SVG with matplotlib).

Maps are self-contained by default: Leaflet, jQuery and the clustering plugin are inlined from
registry-installed packages and the basemap (geomap.render.basemap) is vector data drawn by the
page's own script, so the HTML opens with no network. `self_contained=False` links the scripts
from a CDN and uses OpenStreetMap tiles as the basemap.
"""

from __future__ import annotations

from typing import Any

__all__ = ["render_map", "write_map", "render_collection_map", "write_collection_map"]


def __getattr__(name: str) -> Any:
    """Loaded on first use: the picture (geomap.render.static) needs neither folium nor these."""
    if name in ("render_map", "write_map"):
        from geomap.render import article

        return getattr(article, name)
    if name in ("render_collection_map", "write_collection_map"):
        from geomap.render import collection

        return getattr(collection, name)
    raise AttributeError(f"module 'geomap.render' has no attribute {name!r}")
