"""Make the map pictures in docs/: analyse articles, render their maps, photograph them.

    python tools/screenshot_map.py                  # every picture below
    python tools/screenshot_map.py seed frontline   # some of them
    python tools/screenshot_map.py --html outputs/x.html -o docs/x.png   # an existing map

Pictures (docs/):
  map.png                 seed     examples/varachyne-capture.txt (the README's picture)
  map-istanbul.png        istanbul the shared Istanbul talks article (needs ../shared)
  map-frontline.png       frontline examples/pokrovsk-front.txt with the DeepStateMap layer of
                                   its date, 2024-07-30 (needs ../shared)
  map-frontline-static.png         the same article drawn by `geomap map --png`
  map-collection.png      collection the 161 shared wire articles on one map (needs ../shared)

Needs headless Chromium (Debian `chromium`) and websocket-client; see tools/chromium.py. The
browser runs with no network, so the pictures show exactly what the offline maps show. Scenes
whose shared data is absent are skipped with a message.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run from a checkout without installing
sys.path.insert(0, str(REPO / "tools"))
DOCS = REPO / "docs"
SHARED = Path(os.environ.get("GEOMAP_SHARED", REPO.parent / "shared")) / "data"
FRONT_LAYER = "frontline/deepstatemap_data_20240730.geojson"
WIRE = "news/wire_conflict_articles_2024-07.jsonl"
SCENES = ("seed", "istanbul", "frontline", "collection")


def screenshot(html: Path, png: Path, *, width: int = 1400, height: int = 860) -> None:
    from chromium import Chromium

    with Chromium(width=width, height=height) as browser:
        browser.open(html)
        browser.screenshot(png)
    print(f"wrote {png}")


def _gazetteer():
    from geomap.gazetteer import Gazetteer

    return Gazetteer.open()


def _shared(relative: str) -> Path | None:
    path = SHARED / relative
    if not path.exists():
        print(f"skipped: {path} not found (set GEOMAP_SHARED)")
        return None
    return path


def scene_article(
    article: Path, png: Path, *, date: dt.date | None = None, layers: dict | None = None
) -> None:
    from geomap.article import read_article
    from geomap.pipeline import analyze
    from geomap.render import write_map
    from geomap.render.static import write_image

    gazetteer = _gazetteer()
    report = analyze(read_article(article, date=date), gazetteer=gazetteer, layers=layers or {})
    with tempfile.TemporaryDirectory() as tmp:
        html = write_map(report, Path(tmp) / "map.html", layers=list((layers or {}).values()),
                         settlements=gazetteer)  # fmt: skip
        screenshot(html, png)
    if layers:
        static = png.with_name(png.stem + "-static.png")
        write_image(report, static, layers=list(layers.values()), settlements=gazetteer, dpi=110)
        print(f"wrote {static}")


def wire_reports(path: Path, gazetteer) -> list:
    """The wire articles analysed, in file order (the date is each row's `published`)."""
    from geomap.article import iter_input_rows
    from geomap.pipeline import analyze

    reports = []
    for row in iter_input_rows(path, date_field="published"):
        if row.article is not None:
            reports.append(analyze(row.article, gazetteer=gazetteer))
    return reports


def scene_collection(png: Path) -> None:
    from geomap.render import write_collection_map

    path = _shared(WIRE)
    if path is None:
        return
    start = time.perf_counter()
    reports = wire_reports(path, _gazetteer())
    print(f"analysed {len(reports)} articles in {time.perf_counter() - start:.0f} s")
    with tempfile.TemporaryDirectory() as tmp:
        html = write_collection_map(reports, Path(tmp) / "collection.html")
        screenshot(html, png)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenes", nargs="*", choices=[*SCENES, []], help="default: all")
    parser.add_argument("--html", type=Path, help="photograph this existing map instead")
    parser.add_argument("-o", "--out", type=Path, default=DOCS / "map.png", help="with --html")
    parser.add_argument("--size", default="1400x860", help="window size WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    if args.html is not None:
        width, height = (int(x) for x in args.size.lower().split("x"))
        screenshot(args.html, args.out, width=width, height=height)
        return 0
    for scene in args.scenes or SCENES:
        if scene == "seed":
            scene_article(REPO / "examples" / "varachyne-capture.txt", DOCS / "map.png")
        elif scene == "istanbul":
            article = _shared("articles/istanbul-peace-talks.txt")
            if article is not None:
                scene_article(article, DOCS / "map-istanbul.png", date=dt.date(2025, 7, 23))
        elif scene == "frontline":
            layer_path = _shared(FRONT_LAYER)
            if layer_path is not None:
                from geomap.geometry import load_user_layer

                layers = {"frontline": load_user_layer(layer_path, "frontline")}
                scene_article(REPO / "examples" / "pokrovsk-front.txt",
                              DOCS / "map-frontline.png", layers=layers)  # fmt: skip
        elif scene == "collection":
            scene_collection(DOCS / "map-collection.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
