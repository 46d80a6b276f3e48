"""folium maps of Reports: one article (`render_map`) or a collection (`render_collection_map`).

Maps are self-contained by default: Leaflet, jQuery and the clustering plugin are inlined from
registry-installed packages and the country outlines are vector layers, so the HTML opens with no
network. `self_contained=False` links the scripts from a CDN and adds OpenStreetMap tiles.
"""

from typing import TYPE_CHECKING, Any

from geomap.render.article import render_map, write_map

if TYPE_CHECKING:
    from geomap.render.collection import render_collection_map, write_collection_map

__all__ = ["render_map", "write_map", "render_collection_map", "write_collection_map"]


def __getattr__(name: str) -> Any:
    # The collection map needs folium's plugins (~0.3 s to import); one article's map does not.
    if name in ("render_collection_map", "write_collection_map"):
        from geomap.render import collection

        return getattr(collection, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
