"""Bad input ends in one clear line on stderr and a non-zero exit code, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def run_geomap(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geomap", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle.lower() in lines[0].lower(), lines[0]


def test_missing_file(tmp_path: Path) -> None:
    result = run_geomap(
        "map", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "out"), cwd=tmp_path
    )
    assert_one_line_error(result, "nope.txt")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n\n", encoding="utf-8")
    result = run_geomap("map", str(empty), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert_one_line_error(result, "empty")


def test_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 64)
    result = run_geomap("map", str(binary), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert_one_line_error(result, "photo.txt")


def test_unknown_option(tmp_path: Path) -> None:
    result = run_geomap("map", "--no-such-option", "x.txt", cwd=tmp_path)
    assert_one_line_error(result, "--no-such-option")
    assert result.returncode == 2


def test_unknown_command(tmp_path: Path) -> None:
    result = run_geomap("frobnicate", cwd=tmp_path)
    assert_one_line_error(result, "frobnicate")


def test_bad_date(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Shelling hit Kharkiv.", encoding="utf-8")
    result = run_geomap("map", str(article), "--date", "23/07/2025", cwd=tmp_path)
    assert_one_line_error(result, "YYYY-MM-DD")


def test_malformed_layer(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Shelling hit Kharkiv.", encoding="utf-8")
    layer = tmp_path / "front.geojson"
    layer.write_text("{not json", encoding="utf-8")
    result = run_geomap("map", str(article), "--layer", f"frontline={layer}", cwd=tmp_path)
    assert_one_line_error(result, "front.geojson")


@pytest.mark.parametrize("args", [["--help"], ["map", "--help"]])
def test_help_documents_examples(tmp_path: Path, args: list[str]) -> None:
    result = run_geomap(*args, cwd=tmp_path)
    assert result.returncode == 0
    assert "example" in result.stdout.lower()
    assert "geomap map" in result.stdout
