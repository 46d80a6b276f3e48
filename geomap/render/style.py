"""How things look: colours and icons by event type and verdict, the page CSS, the legend.

Icons are Leaflet DivIcons drawn with CSS (no icon font, no image): they work offline and each
event type gets its own colour and letter, so the legend can explain every marker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from geomap.render.html import esc

if TYPE_CHECKING:  # the picture (geomap.render.static) uses the colours, not folium
    import folium


@dataclass(frozen=True, slots=True)
class EventStyle:
    colour: str
    letter: str


# ACLED's six event types plus the talks and meetings geomap also extracts.
EVENT_STYLES: dict[str, EventStyle] = {
    "Battles": EventStyle("#c0392b", "B"),
    "Explosions/Remote violence": EventStyle("#e67e22", "E"),
    "Violence against civilians": EventStyle("#8e44ad", "V"),
    "Protests": EventStyle("#2980b9", "P"),
    "Riots": EventStyle("#d35400", "R"),
    "Strategic developments": EventStyle("#7f8c8d", "S"),
    "Diplomacy": EventStyle("#16a085", "D"),
}
OTHER_EVENT = EventStyle("#34495e", "?")

# Okabe & Ito's colour-blind-safe palette: bluish green, vermillion, grey. The verdicts also
# differ by line pattern (solid, dashed, dotted), so they read in grey-scale print too.
VERDICT_COLOURS = {"consistent": "#009e73", "inconsistent": "#d55e00", "unverifiable": "#7a7a7a"}
VERDICT_DASHES = {"consistent": None, "inconsistent": "10 6", "unverifiable": "2 6"}
VERDICT_MARKS = {"consistent": "\u2713", "inconsistent": "\u2717", "unverifiable": "?"}
PLACE_COLOUR = "#0072b2"
BORDER_COLOUR = "#6d6559"
ADMIN1_COLOUR = "#a39b8f"
UNCERTAINTY_COLOUR = "#0072b2"
SEA_COLOUR = "#c6dbea"
LAND_COLOUR = "#f4f1ea"
RIVER_COLOUR = "#8db6d6"
FRONT_COLOUR = "#a51d2d"

DATA_CREDITS = (
    'Places <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0) · '
    '<a href="https://www.naturalearthdata.com/">Natural Earth</a> (public domain) · '
    '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors (ODbL)'
)
# The same credits as plain text, for the static image.
DATA_CREDITS_TEXT = (
    "Places GeoNames (CC BY 4.0) · Natural Earth (public domain) · "
    "© OpenStreetMap contributors (ODbL)"
)


def event_style(event_type: str) -> EventStyle:
    return EVENT_STYLES.get(event_type, OTHER_EVENT)


def event_icon(event_type: str, offset: int = 0) -> folium.DivIcon:
    """A coloured square with the type's letter; `offset` fans out several events at one place."""
    style = event_style(event_type)
    import folium

    return folium.DivIcon(
        html=f'<div class="gm-event-icon" style="background:{style.colour}">{style.letter}</div>',
        icon_size=(20, 20),
        # Sit up-right of the place dot rather than on top of it, one step further per event.
        icon_anchor=(-4 - 22 * offset, 24),
        class_name="gm-marker gm-event",
    )


def place_icon(kind: str, index: int | None = None) -> folium.DivIcon:
    """The place's dot; `index` tags it (gm-place-iN) for the script that shows its uncertainty
    circle while the pointer is on it."""
    size = 18 if kind in ("country", "admin1", "admin2", "region") else 14
    tag = f" gm-place-i{index}" if index is not None else ""
    import folium

    return folium.DivIcon(
        html=f'<div class="gm-place-icon gm-kind-{esc(kind)}{tag}"></div>',
        icon_size=(size, size),
        icon_anchor=(size // 2, size // 2),
        class_name="gm-marker gm-place",
    )


def claim_icon(verdict: str) -> folium.DivIcon:
    colour = VERDICT_COLOURS.get(verdict, VERDICT_COLOURS["unverifiable"])
    import folium

    return folium.DivIcon(
        html=f'<div class="gm-claim-icon" style="border-color:{colour};color:{colour}">km</div>',
        icon_size=(24, 16),
        icon_anchor=(12, -8),  # below the place dot
        class_name="gm-marker gm-claim",
    )


PAGE_CSS = f"""
<style>
.leaflet-container {{ background: {SEA_COLOUR}; font: 13px/1.35 system-ui, sans-serif; }}
.gm-marker {{ background: none; border: none; }}
.gm-place-icon {{ width: 100%; height: 100%; box-sizing: border-box; border-radius: 50%;
  background: {PLACE_COLOUR}; border: 2px solid #fff; box-shadow: 0 0 0 1px {PLACE_COLOUR}; }}
.gm-place-icon.gm-kind-country, .gm-place-icon.gm-kind-admin1, .gm-place-icon.gm-kind-admin2,
.gm-place-icon.gm-kind-region {{ background: #fff; border: 3px solid {PLACE_COLOUR}; }}
.gm-event-icon {{ width: 20px; height: 20px; border-radius: 4px; color: #fff; font-weight: 700;
  text-align: center; line-height: 20px; border: 1px solid #fff; box-shadow: 0 1px 3px #0006; }}
.gm-claim-icon {{ width: 24px; height: 16px; background: #fff; border: 2px solid; font-size: 10px;
  font-weight: 700; text-align: center; line-height: 13px; border-radius: 3px;
  box-sizing: border-box; }}
.gm-popup h4 {{ margin: 0 0 4px; font-size: 14px; }}
.gm-popup .gm-evidence {{ margin: 0 0 6px; font-style: italic; max-width: 340px; }}
.gm-popup mark {{ background: #ffe58a; font-style: normal; font-weight: 600; }}
.gm-props th {{ text-align: left; vertical-align: top; padding-right: 8px; color: #555;
  font-weight: 600; white-space: nowrap; }}
.gm-props td {{ vertical-align: top; }}
.gm-alts {{ margin: 0; padding-left: 16px; }}
.gm-muted {{ color: #888; font-size: 11px; }}
.gm-consistent {{ color: {VERDICT_COLOURS["consistent"]}; }}
.gm-inconsistent {{ color: {VERDICT_COLOURS["inconsistent"]}; }}
.gm-unverifiable {{ color: {VERDICT_COLOURS["unverifiable"]}; }}
.gm-box {{ position: absolute; z-index: 1000; font: 13px/1.35 system-ui, sans-serif;
  background: #fffffff0; border-radius: 6px;
  box-shadow: 0 1px 5px #0005; padding: 6px 10px; max-width: 320px; max-height: 45vh;
  overflow: auto; }}
.gm-box summary {{ cursor: pointer; font-weight: 700; }}
.gm-box ul {{ margin: 4px 0; padding-left: 18px; }}
.gm-panel {{ top: 10px; left: 54px; }}
.gm-legend {{ bottom: 64px; left: 10px; }}
.gm-legend .gm-key, .gm-filters .gm-key {{ display: inline-block; width: 14px; height: 14px;
  vertical-align: middle;
  margin-right: 6px; border-radius: 3px; color: #fff; font-size: 10px; font-weight: 700;
  text-align: center; line-height: 14px; }}
.gm-legend .gm-line {{ display: inline-block; width: 22px; border-top: 3px solid;
  vertical-align: middle; margin-right: 6px; }}
.gm-label {{ position: absolute; width: 0; height: 0; pointer-events: none; }}
.gm-label-text {{ position: absolute; white-space: nowrap; font: 600 12px/16px system-ui,
  sans-serif; color: #1d2a38; padding: 0 3px; border-radius: 3px;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; }}
.gm-place-label .gm-label-text {{ font-size: 13px; color: #003e62; }}
.gm-claim-label .gm-label-text {{ background: #fffffff2; border: 2px solid;
  text-shadow: none; font-size: 12px; line-height: 15px; }}
.gm-claim-label.gm-consistent .gm-label-text {{ border-color: {VERDICT_COLOURS["consistent"]}; }}
.gm-claim-label.gm-inconsistent .gm-label-text {{
  border-color: {VERDICT_COLOURS["inconsistent"]}; border-style: dashed; }}
.gm-claim-label.gm-unverifiable .gm-label-text {{
  border-color: {VERDICT_COLOURS["unverifiable"]}; border-style: dotted; }}
.gm-town .gm-label-text {{ font: 11px/14px system-ui, sans-serif; color: #4a4a4a; }}
.gm-town-dot {{ position: absolute; left: -3px; top: -3px; width: 6px; height: 6px;
  border-radius: 50%; background: #4a4a4a; border: 1px solid #fff; box-sizing: border-box; }}
.gm-legend .gm-area {{ display: inline-block; width: 18px; height: 12px; vertical-align: middle;
  margin-right: 6px; border: 2px solid {FRONT_COLOUR};
  background: repeating-linear-gradient(45deg, #a51d2d40 0 2px, #a51d2d18 2px 6px); }}
.gm-filters label {{ display: block; white-space: nowrap; }}
.gm-filters input[type=range] {{ width: 100%; }}
</style>
"""


def verdict_swatch(verdict: str) -> str:
    colour = VERDICT_COLOURS.get(verdict, VERDICT_COLOURS["unverifiable"])
    style = {"inconsistent": "dashed", "unverifiable": "dotted"}.get(verdict, "solid")
    return f'<span class="gm-line" style="border-color:{colour};border-top-style:{style}"></span>'


def legend_html(
    event_types: list[str],
    verdicts: list[str],
    *,
    approximate: bool,
    borders: bool = True,
    front: str | None = None,
    basemap: bool = False,
    towns: bool | None = None,
) -> str:
    """The legend's box. `front` is the front-line layer's label (with its date), if any;
    `basemap` adds the keys of the offline basemap (borders, admin-1, rivers, towns)."""
    rows = [
        f'<div><span class="gm-key" style="background:{PLACE_COLOUR};border-radius:50%"></span>'
        "place named in the article</div>",
        f'<div><span class="gm-key" style="border:3px solid {PLACE_COLOUR};border-radius:50%;'
        'box-sizing:border-box"></span>region or country named</div>',
    ]
    for event_type in event_types:
        style = event_style(event_type)
        rows.append(
            f'<div><span class="gm-key" style="background:{style.colour}">{style.letter}</span>'
            f"{esc(event_type)}</div>"
        )
    for verdict in verdicts:
        rows.append(f"<div>{verdict_swatch(verdict)}claim: {esc(verdict)}</div>")
    if front:
        rows.append(f'<div class="gm-front-key"><span class="gm-area"></span>{esc(front)}</div>')
    if approximate:
        rows.append(
            f'<div><span class="gm-line" style="border-top-style:dashed;'
            f'border-color:{UNCERTAINTY_COLOUR}"></span>uncertainty (zoom in or point at a '
            "place)</div>"
        )
    if borders:
        rows.append(
            f'<div><span class="gm-line" style="border-color:{BORDER_COLOUR};border-top-width:2px">'
            "</span>country border</div>"
        )
    if basemap:
        rows.append(
            f'<div><span class="gm-line" style="border-color:{ADMIN1_COLOUR};'
            'border-top-width:1px"></span>region (admin-1) border</div>'
        )
        rows.append(
            f'<div><span class="gm-line" style="border-color:{RIVER_COLOUR}"></span>'
            "river, lake</div>"
        )
    if basemap if towns is None else towns:
        rows.append(
            '<div><span class="gm-key" style="background:#4a4a4a;border-radius:50%;width:6px;'
            'height:6px;margin:0 10px 0 4px"></span>town (GeoNames)</div>'
        )
    return (
        '<div class="gm-box gm-legend" id="gm-legend"><details open><summary>Legend</summary>'
        + "".join(rows)
        + "</details></div>"
    )
