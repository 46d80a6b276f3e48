"""JavaScript and CSS the maps need, inlined from registry-installed XStatic packages.

A self-contained map must open with no network: Leaflet, jQuery (folium's popups use it) and
Leaflet.markercluster are read from the files the `xstatic-*` PyPI packages ship and written into
the page; the images Leaflet's CSS refers to become data: URIs. The online variant links the same
versions from a CDN instead, which keeps the HTML small.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

from branca.element import Element, Figure

_CSS_URL = re.compile(r"url\((['\"]?)(?!data:|https?:|#)([^'\")]+)\1\)")


@dataclass(frozen=True, slots=True)
class Asset:
    name: str  # also the key folium uses for the same resource, so nothing is loaded twice
    kind: str  # "js" | "css"
    module: str  # the xstatic package that ships the file
    filename: str
    cdn: str  # URL template with {version}

    def package(self) -> ModuleType:
        import importlib

        return importlib.import_module(self.module)

    @property
    def version(self) -> str:
        return str(self.package().VERSION)

    @property
    def path(self) -> Path:
        return Path(self.package().BASE_DIR) / self.filename

    @property
    def url(self) -> str:
        return self.cdn.format(version=self.version)


LEAFLET_CSS = Asset(
    "leaflet_css", "css", "xstatic.pkg.leaflet", "leaflet.css",
    "https://cdn.jsdelivr.net/npm/leaflet@{version}/dist/leaflet.css",
)  # fmt: skip
LEAFLET_JS = Asset(
    "leaflet", "js", "xstatic.pkg.leaflet", "leaflet.js",
    "https://cdn.jsdelivr.net/npm/leaflet@{version}/dist/leaflet.js",
)  # fmt: skip
JQUERY_JS = Asset(
    "jquery", "js", "xstatic.pkg.jquery", "jquery.min.js",
    "https://code.jquery.com/jquery-{version}.min.js",
)  # fmt: skip
CLUSTER_CSS = Asset(
    "markerclustercss", "css", "xstatic.pkg.leaflet_markercluster", "MarkerCluster.css",
    "https://cdn.jsdelivr.net/npm/leaflet.markercluster@{version}/dist/MarkerCluster.css",
)  # fmt: skip
CLUSTER_DEFAULT_CSS = Asset(
    "markerclusterdefaultcss", "css", "xstatic.pkg.leaflet_markercluster",
    "MarkerCluster.Default.css",
    "https://cdn.jsdelivr.net/npm/leaflet.markercluster@{version}/dist/MarkerCluster.Default.css",
)  # fmt: skip
CLUSTER_JS = Asset(
    "markerclusterjs", "js", "xstatic.pkg.leaflet_markercluster", "leaflet.markercluster.js",
    "https://cdn.jsdelivr.net/npm/leaflet.markercluster@{version}/dist/leaflet.markercluster.js",
)  # fmt: skip

BASE_ASSETS = (LEAFLET_CSS, LEAFLET_JS, JQUERY_JS)
CLUSTER_ASSETS = (CLUSTER_CSS, CLUSTER_DEFAULT_CSS, CLUSTER_JS)


@cache
def inline_code(asset: Asset) -> str:
    """The asset's text, safe to sit inside a <script> or <style> element."""
    text = asset.path.read_text(encoding="utf-8")
    if asset.kind == "css":
        text = _css_with_data_uris(text, asset.path.parent)
        return text.replace("</style", "<\\/style")
    # "</script" inside a string literal would end the inline element early.
    return text.replace("</script", "<\\/script")


def _css_with_data_uris(css: str, folder: Path) -> str:
    def replace(match: re.Match[str]) -> str:
        target = folder / match.group(2)
        if not target.is_file():
            return match.group(0)
        mime = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        data = base64.b64encode(target.read_bytes()).decode("ascii")
        return f'url("data:{mime};base64,{data}")'

    return _CSS_URL.sub(replace, css)


class RawHtml(Element):
    """Text put into the page as it is.

    branca's Element(text) compiles its text as a Jinja template and renders it, so a `{{` in a
    library's source or in article text would be evaluated. This element renders verbatim.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "RawHtml"
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


def asset_element(asset: Asset, *, self_contained: bool) -> Element:
    if self_contained:
        tag = "script" if asset.kind == "js" else "style"
        return RawHtml(f"<{tag}>{inline_code(asset)}</{tag}>")
    if asset.kind == "js":
        return RawHtml(f'<script src="{asset.url}"></script>')
    return RawHtml(f'<link rel="stylesheet" href="{asset.url}"/>')


def install_assets(figure: Figure, assets: tuple[Asset, ...], *, self_contained: bool) -> None:
    """Put the assets in the page header, before anything folium adds at render time."""
    for asset in assets:
        figure.header.add_child(
            asset_element(asset, self_contained=self_contained), name=asset.name
        )


def strip_external_links(root: Element) -> None:
    """Drop every element's CDN links: the page's own <head> already has what they load.

    folium elements (the map, plugins) declare CDN scripts in `default_js`/`default_css`; set
    per instance so folium's class-level lists stay untouched.
    """
    stack = [root]
    while stack:
        element = stack.pop()
        if hasattr(element, "default_js"):
            element.default_js = []
        if hasattr(element, "default_css"):
            element.default_css = []
        stack.extend(element._children.values())
