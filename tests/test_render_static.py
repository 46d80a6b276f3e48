"""The map as a picture (PNG/SVG, matplotlib): content, size, credits, and the CLI options."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from conftest import shared_path  # noqa: E402
from sample_reports import istanbul_report  # noqa: E402
from test_render_basemap import Towns  # noqa: E402

from geomap.render.static import render_image, write_image  # noqa: E402
from geomap.render.style import LAND_COLOUR, SEA_COLOUR, VERDICT_COLOURS  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
TOWNS = Towns([("Mykolaiv", 46.97, 32.00, 470_000, 50), ("Cherkasy", 49.44, 32.06, 270_000, 45)])


def _rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])


def _has_colour(pixels: np.ndarray, hex_colour: str, tolerance: int = 6) -> bool:
    return bool(np.any(np.all(np.abs(pixels[..., :3] - _rgb(hex_colour)) <= tolerance, axis=-1)))


def test_png_is_slide_sized_with_land_sea_and_verdict_colours(tmp_path):
    import matplotlib.image

    path = write_image(istanbul_report(), tmp_path / "map.png", settlements=TOWNS, dpi=80)
    pixels = (matplotlib.image.imread(path) * 255).round().astype(int)
    assert pixels.shape[:2] == (600, 1066)  # 13.33 x 7.5 in at 80 dpi: a 16:9 slide
    assert _has_colour(pixels, SEA_COLOUR) and _has_colour(pixels, LAND_COLOUR)
    assert _has_colour(pixels, VERDICT_COLOURS["consistent"], tolerance=10)


def test_svg_carries_title_legend_labels_and_credits():
    svg = render_image(istanbul_report(), fmt="svg", settlements=TOWNS).decode("utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    for text in ("Talks in Istanbul", "Legend", "claim: consistent", "country border",
                 "stated 6 km / measured 5.8 km", "Kyiv", "Kherson", "GeoNames (CC BY 4.0)",
                 "Natural Earth (public domain)", "OpenStreetMap contributors (ODbL)"):  # fmt: skip
        assert text in svg, text


def test_picture_of_an_article_with_a_front_line_layer():
    from geomap.geometry import load_user_layer

    layer = load_user_layer(shared_path("frontline/deepstatemap_data_20240730.geojson"),
                            "frontline")  # fmt: skip
    svg = render_image(istanbul_report(), fmt="svg", layers=[layer]).decode("utf-8")
    assert "occupied area, front line (2024-07-30)" in svg
    assert "Front line: deepstatemap_data_20240730.geojson" in svg


def test_markup_in_names_is_text_in_the_svg():
    import dataclasses

    report = istanbul_report()
    first = report.resolutions[0]
    evil = dataclasses.replace(first.place, name="<script>alert(1)</script>")
    report.resolutions[0] = dataclasses.replace(first, place=evil)
    svg = render_image(report, fmt="svg").decode("utf-8")
    assert "<script>alert(1)" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg


def _geomap(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geomap", *args], cwd=cwd, capture_output=True, text=True,
        timeout=300, env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip


def test_cli_png_and_svg_options(tmp_path, gazetteer):
    example = REPO / "examples" / "varachyne-capture.txt"
    out = tmp_path / "out"
    result = _geomap("map", str(example), "-o", str(out), "--png", "--svg", str(tmp_path / "s.x"),
                     "--gazetteer", str(gazetteer.path), "-q", cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    pngs = list(out.glob("*.png"))
    assert len(pngs) == 1 and pngs[0].read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "s.x").read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_cli_png_file_wants_one_article(tmp_path):
    example = str(REPO / "examples" / "varachyne-capture.txt")
    result = _geomap("map", example, example, "--png", "one.png", cwd=tmp_path)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "--png FILE applies to one article" in lines[0]


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_render_image_without_settlements_or_places(fmt):
    from sample_reports import empty_report

    data = render_image(empty_report(), fmt=fmt)
    assert data.startswith(b"\x89PNG") if fmt == "png" else b"<svg" in data
    assert io.BytesIO(data).getbuffer().nbytes > 10_000
