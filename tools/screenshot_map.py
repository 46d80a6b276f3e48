"""Make the README's map screenshot: analyse an article, render its map, photograph it.

    python tools/screenshot_map.py             # examples/varachyne-capture.txt -> docs/map.png
    python tools/screenshot_map.py examples/x.txt -o docs/x.png --date 2025-06-02
    python tools/screenshot_map.py --html outputs/x.html -o docs/x.png   # an existing map

Needs headless Chromium (Debian `chromium`). The browser runs with no network (every proxy points
at a dead local port), so the picture shows exactly what the offline map shows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run from a checkout without installing


def default_article() -> Path:
    """The README's picture is of an article we wrote (examples/), not of the shared sample:
    the shared data may not be copied into the repo, nor anything derived from it."""
    return REPO / "examples" / "varachyne-capture.txt"


def chromium_binary() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("headless Chromium not found: apt-get install chromium")


def screenshot(html: Path, png: Path, *, width: int = 1200, height: int = 800) -> None:
    png.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                chromium_binary(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--no-first-run", f"--user-data-dir={profile}",
                "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                "--hide-scrollbars", f"--window-size={width},{height}",
                "--virtual-time-budget=4000", f"--screenshot={png.resolve()}",
                html.resolve().as_uri(),
            ],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, help="article file (default: sample)")
    parser.add_argument("--html", type=Path, help="photograph this existing map instead")
    parser.add_argument("--date", type=dt.date.fromisoformat, help="article date, YYYY-MM-DD")
    parser.add_argument("-o", "--out", type=Path, default=REPO / "docs" / "map.png")
    parser.add_argument("--size", default="1200x800", help="window size WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    width, height = (int(x) for x in args.size.lower().split("x"))

    if args.html is not None:
        screenshot(args.html, args.out, width=width, height=height)
    else:
        from geomap.pipeline import analyze_file
        from geomap.render import write_map

        report = analyze_file(args.article or default_article(), date=args.date)
        with tempfile.TemporaryDirectory() as tmp:
            html = write_map(report, Path(tmp) / "map.html")
            screenshot(html, args.out, width=width, height=height)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
