#!/usr/bin/env python3
"""Time the reference layers: cold load per layer, and the queries claims checking makes.

    python benchmarks/bench_geometry.py

Each cold load runs in a fresh interpreter, so caches and imports do not flatter the numbers.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

COLD_SNIPPETS = {
    "import geomap.geometry": "import geomap.geometry",
    "countries (osm) + first country_at": (
        "from geomap.geometry import ReferenceLayers; from geomap.records import LatLon;"
        "ReferenceLayers.default().country_at(LatLon(50.45, 30.52))"
    ),
    "borders (osm) + first border": (
        "from geomap.geometry import ReferenceLayers;ReferenceLayers.default().border('UA', 'RU')"
    ),
    "admin1 + first admin1_at": (
        "from geomap.geometry import ReferenceLayers; from geomap.records import LatLon;"
        "ReferenceLayers.default().admin1_at(LatLon(50.45, 30.52))"
    ),
    "countries+borders (naturalearth)": (
        "from geomap.geometry import ReferenceLayers; from geomap.records import LatLon;"
        "L = ReferenceLayers.default('naturalearth'); L.country_at(LatLon(50.45, 30.52));"
        "L.border('UA', 'RU')"
    ),
}


def cold(snippet: str, repeats: int = 3) -> float:
    """Median wall time of `snippet` minus the interpreter start, in a fresh process."""
    code = f"import time; t = time.perf_counter(); {snippet}; print(time.perf_counter() - t)"
    times = []
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
        )
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def warm(label: str, fn, n: int) -> None:
    t = time.perf_counter()
    for i in range(n):
        fn(i)
    per = (time.perf_counter() - t) / n
    print(f"  {label:<46} {per * 1e3:8.3f} ms/call  ({n} calls)")


def main() -> None:
    from geomap.geometry import ReferenceLayers, geodesic_km, nearest_point
    from geomap.records import LatLon

    data = REPO / "geomap" / "data" / "reference"
    total = sum(p.stat().st_size for p in data.iterdir())
    print(f"package data in {data.relative_to(REPO)}: {total / 1e6:.2f} MB")
    for path in sorted(data.iterdir()):
        print(f"  {path.name:<28} {path.stat().st_size / 1e6:7.2f} MB")

    print("cold (fresh interpreter, median of 3):")
    for label, snippet in COLD_SNIPPETS.items():
        print(f"  {label:<46} {cold(snippet):8.3f} s")

    layers = ReferenceLayers.default()
    rng = random.Random(1)
    points = [LatLon(rng.uniform(44.5, 52.0), rng.uniform(22.5, 40.0)) for _ in range(2000)]
    layers.country_at(points[0])
    layers.admin1_at(points[0])
    border = layers.border("UA", "RU")
    land = layers.land_border("UA")
    print("warm:")
    warm("country_at (points in/near Ukraine)", lambda i: layers.country_at(points[i]), 2000)
    warm("admin1_at", lambda i: layers.admin1_at(points[i]), 2000)
    warm("nearest_point(border UA-RU)", lambda i: nearest_point(border, points[i]), 300)
    warm("nearest_point(land_border UA)", lambda i: nearest_point(land, points[i]), 100)
    warm("geodesic_km", lambda i: geodesic_km(points[i], points[i - 1]), 2000)
    warm("find_admin1('Sumska oblast')", lambda i: layers.find_admin1("Sumska oblast"), 200)
    t = time.perf_counter()
    layers.coastline("UA")
    print(f"  {'coastline(UA) first call':<46} {(time.perf_counter() - t) * 1e3:8.1f} ms")
    t = time.perf_counter()
    layers.outlines_geojson(bbox=(22.0, 44.0, 41.0, 53.0), level="admin1")
    label = "outlines_geojson(Ukraine bbox, admin1)"
    print(f"  {label:<46} {(time.perf_counter() - t) * 1e3:8.1f} ms")


if __name__ == "__main__":
    main()
