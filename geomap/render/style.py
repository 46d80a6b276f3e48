"""How things look: colours and icons by event type and verdict, the page CSS, the legend.

Icons are Leaflet DivIcons drawn with CSS (no icon font, no image): they work offline and each
event type gets its own colour and letter, so the legend can explain every marker.
"""

from __future__ import annotations

from dataclasses import dataclass

import folium

from geomap.render.html import esc


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

VERDICT_COLOURS = {"consistent": "#2e7d32", "inconsistent": "#c62828", "unverifiable": "#757575"}
PLACE_COLOUR = "#1f5fa8"
BORDER_COLOUR = "#555555"
UNCERTAINTY_COLOUR = "#1f5fa8"

DATA_CREDITS = (
    'Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0) · '
    'Boundaries: <a href="https://www.naturalearthdata.com/">Natural Earth</a> (public domain) · '
    '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors (ODbL)'
)


def event_style(event_type: str) -> EventStyle:
    return EVENT_STYLES.get(event_type, OTHER_EVENT)


def event_icon(event_type: str, offset: int = 0) -> folium.DivIcon:
    """A coloured square with the type's letter; `offset` fans out several events at one place."""
    style = event_style(event_type)
    return folium.DivIcon(
        html=f'<div class="gm-event-icon" style="background:{style.colour}">{style.letter}</div>',
        icon_size=(20, 20),
        # Sit up-right of the place dot rather than on top of it, one step further per event.
        icon_anchor=(-4 - 22 * offset, 24),
        class_name="gm-marker gm-event",
    )


def place_icon(kind: str) -> folium.DivIcon:
    size = 18 if kind in ("country", "admin1", "admin2", "region") else 14
    return folium.DivIcon(
        html=f'<div class="gm-place-icon gm-kind-{esc(kind)}"></div>',
        icon_size=(size, size),
        icon_anchor=(size // 2, size // 2),
        class_name="gm-marker gm-place",
    )


def claim_icon(verdict: str) -> folium.DivIcon:
    colour = VERDICT_COLOURS.get(verdict, VERDICT_COLOURS["unverifiable"])
    return folium.DivIcon(
        html=f'<div class="gm-claim-icon" style="border-color:{colour};color:{colour}">km</div>',
        icon_size=(24, 16),
        icon_anchor=(12, -8),  # below the place dot
        class_name="gm-marker gm-claim",
    )


PAGE_CSS = f"""
<style>
.leaflet-container {{ background: #e8eef3; font: 13px/1.35 system-ui, sans-serif; }}
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
.gm-legend .gm-key {{ display: inline-block; width: 14px; height: 14px; vertical-align: middle;
  margin-right: 6px; border-radius: 3px; color: #fff; font-size: 10px; font-weight: 700;
  text-align: center; line-height: 14px; }}
.gm-legend .gm-line {{ display: inline-block; width: 22px; border-top: 3px solid;
  vertical-align: middle; margin-right: 6px; }}
.gm-claim-label {{ background: #fff; border: 1px solid #999; font-weight: 600; }}
.gm-filters label {{ display: block; white-space: nowrap; }}
.gm-filters input[type=range] {{ width: 100%; }}
</style>
"""


def legend_html(
    event_types: list[str], verdicts: list[str], *, approximate: bool, borders: bool = True
) -> str:
    rows = [
        f'<div><span class="gm-key" style="background:{PLACE_COLOUR};border-radius:50%"></span>'
        "place (city, village)</div>",
        f'<div><span class="gm-key" style="border:3px solid {PLACE_COLOUR};border-radius:50%;'
        'box-sizing:border-box"></span>region or country</div>',
    ]
    for event_type in event_types:
        style = event_style(event_type)
        rows.append(
            f'<div><span class="gm-key" style="background:{style.colour}">{style.letter}</span>'
            f"{esc(event_type)}</div>"
        )
    for verdict in verdicts:
        colour = VERDICT_COLOURS.get(verdict, VERDICT_COLOURS["unverifiable"])
        rows.append(
            f'<div><span class="gm-line" style="border-color:{colour}"></span>'
            f"claim: {esc(verdict)}</div>"
        )
    if approximate:
        rows.append(
            f'<div><span class="gm-line" style="border-top-style:dashed;'
            f'border-color:{UNCERTAINTY_COLOUR}"></span>uncertainty radius</div>'
        )
    if borders:
        rows.append(
            f'<div><span class="gm-line" style="border-color:{BORDER_COLOUR};border-top-width:1px">'
            "</span>country border</div>"
        )
    return (
        '<div class="gm-box gm-legend" id="gm-legend"><details open><summary>Legend</summary>'
        + "".join(rows)
        + "</details></div>"
    )
