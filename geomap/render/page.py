"""The page's own script: basemap, labels, uncertainty circles (geomap/render/js/map.js).

The data goes into the page as JSON inside a <script> element, written verbatim (not through
Jinja) with `</` and `<!--` escaped, so no article or gazetteer text can close the element or
start markup; the script puts every text into the page with textContent.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from branca.element import MacroElement

from geomap.render.assets import RawHtml

# SVG patterns that Leaflet paths can use as fill ("url(#gm-hatch)"): an inline SVG's defs
# serve every SVG of the same document.
HATCH_DEFS = (
    '<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>'
    '<pattern id="gm-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="8" stroke="#a51d2d" '
    'stroke-width="1.6" stroke-opacity="0.55"/></pattern></defs></svg>'
)


@cache
def map_js() -> str:
    source = (resources.files("geomap") / "render" / "js" / "map.js").read_text(encoding="utf-8")
    return source.replace("</script", "<\\/script")


def script_json(payload: dict) -> str:
    data = json.dumps(payload, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return data.replace("</", "<\\/").replace("<!--", "<\\!--")


class MapScript(MacroElement):
    """Runs `geomap.setup(map, data)` once the folium map exists."""

    def __init__(self, payload: dict) -> None:
        super().__init__()
        self._name = "MapScript"
        self.payload = payload

    def render(self, **kwargs) -> None:
        root = self.get_root()
        root.header.add_child(RawHtml(f"<script>{map_js()}</script>"), name="geomap_js")
        root.html.add_child(RawHtml(HATCH_DEFS), name="geomap_hatch")
        call = f"geomap.setup({self._parent.get_name()}, {script_json(self.payload)});"
        root.script.add_child(RawHtml(call), name=self.get_name())
