"""Gazetteer coverage on the shared geoparsing corpora: for each gold toponym (surface form as
written), is a place within 161 km of the gold point among the store's candidates? Also reports
where the right place ranks and the most frequent misses, so the embedded default can be judged
on real news text. Reads ../shared by path ($GEOMAP_SHARED overrides); prints numbers only.

    python benchmarks/bench_gazetteer_coverage.py [--store PATH] [--limit 25] [--misses 40]
"""

from __future__ import annotations

import argparse
import os
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import numpy as np

from geomap.gazetteer import Gazetteer
from geomap.geodesy import distances_km

REPO = Path(__file__).resolve().parents[1]
THRESHOLD_KM = 161.0  # the "accuracy@161km" convention of the geoparsing literature


def shared_dir() -> Path:
    return Path(os.environ.get("GEOMAP_SHARED", REPO.parent / "shared"))


def gwn_gold(path: Path) -> list[tuple[str, float, float]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        for item in line.split("||"):
            parts = item.split(",,")
            if len(parts) == 6:
                out.append((parts[1], float(parts[2]), float(parts[3])))
    return out


def lgl_gold(path: Path) -> list[tuple[str, float, float]]:
    out = []
    for toponym in ET.parse(path).getroot().iter("toponym"):
        phrase, tag = toponym.findtext("phrase"), toponym.find("gaztag")
        if phrase and tag is not None and tag.findtext("lat"):
            out.append((phrase, float(tag.findtext("lat")), float(tag.findtext("lon"))))
    return out


def evaluate(gz: Gazetteer, gold: list[tuple[str, float, float]], limit: int, misses: int) -> None:
    covered, first, none = 0, 0, 0
    missed: Counter[str] = Counter()
    for surface, lat, lon in gold:
        found = gz.candidates(surface, limit=limit)
        if not found:
            none += 1
            missed[surface] += 1
            continue
        lats = np.array([p.point.lat for p in found])
        lons = np.array([p.point.lon for p in found])
        within = distances_km(lat, lon, lats, lons) <= THRESHOLD_KM
        if within.any():
            covered += 1
            first += bool(within[0])
        else:
            missed[surface] += 1
    n = len(gold)
    print(f"  gold toponyms            {n:,}")
    print(f"  no candidate at all      {none / n:6.1%}")
    print(f"  right place in top {limit:<3}   {covered / n:6.1%}   (coverage)")
    print(f"  right place ranked first {first / n:6.1%}   (prior only, no context)")
    print(
        f"  most frequent misses: {', '.join(f'{s} ({c})' for s, c in missed.most_common(misses))}"
    )


def oblast_shapes(gz: Gazetteer, path: Path) -> dict[str, object]:
    """geoBoundaries' oblast polygons keyed by the store's admin-1 code."""
    import json

    from shapely.geometry import shape
    from shapely.prepared import prep

    shapes = {}
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        found = [
            p
            for p in gz.candidates(feature["properties"]["shapeName"], country="UA")
            if p.kind == "admin1"
        ]
        if found:
            shapes[found[0].admin1_code] = prep(shape(feature["geometry"]))
    return shapes


def postal_honesty(gz: Gazetteer, path: Path, boundaries: Path | None) -> None:
    """Ukrainian localities of the GeoNames postal dump (their own coordinates) against the
    embedded store: is the locality found in its oblast, and does its true point lie within the
    store's stated uncertainty_km? This checks the KATOTTG placement's honesty at scale.

    The dump's admin-1 codes are not GeoNames' (Kyiv and Kyiv Oblast are swapped, ...), so the
    oblast is matched by name; and the dump often gives every locality of one name the same
    point whatever its oblast or raion, so a point shared by namesakes in different raions is
    left out (it cannot be the true point of all of them), and so is a point outside the
    locality's own oblast (geoBoundaries polygons), which the dump has in thousands of rows."""
    from shapely.geometry import Point

    shapes = oblast_shapes(gz, boundaries) if boundaries and boundaries.exists() else {}
    rows = []
    oblasts_of_point: dict[tuple[str, str, str], set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        # Column 12 is GeoNames' accuracy: 1 means "estimated", which is often far off.
        if len(parts) < 12 or not parts[9] or parts[11].strip() in ("", "1", "2", "3"):
            continue
        rows.append((parts[2], parts[3], float(parts[9]), float(parts[10])))
        base = parts[2].split("(")[0].strip()
        oblasts_of_point.setdefault((base, parts[9], parts[10]), set()).add((parts[3], parts[5]))
    admin1_codes: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    n = found = honest = 0
    by_precision: Counter[str] = Counter()
    honest_by_precision: Counter[str] = Counter()
    for name, oblast, lat, lon in rows:
        base = name.split("(")[0].strip()
        if (name, oblast) in seen or len(oblasts_of_point[(base, f"{lat:g}", f"{lon:g}")]) > 1:
            continue
        seen.add((name, oblast))
        if oblast not in admin1_codes:
            best = [
                p for p in gz.candidates(f"{oblast} oblast", country="UA") if p.kind == "admin1"
            ]
            best = best or [p for p in gz.candidates(oblast, country="UA") if p.kind == "admin1"]
            admin1_codes[oblast] = best[0].admin1_code if best else "?"
        shape_ = shapes.get(admin1_codes[oblast])
        if shapes and (shape_ is None or not shape_.contains(Point(lon, lat))):
            continue
        n += 1
        options = [
            p for p in gz.candidates(name, country="UA") if p.admin1_code == admin1_codes[oblast]
        ]
        if not options:
            continue
        found += 1
        km = distances_km(lat, lon, [p.point.lat for p in options], [p.point.lon for p in options])
        # The same name often occurs several times in an oblast; judge the nearest candidate.
        best_i = int(np.argmin(km))
        place = options[best_i]
        by_precision[place.precision] += 1
        if km[best_i] <= place.uncertainty_km:
            honest += 1
            honest_by_precision[place.precision] += 1
    print(f"  localities with a plausible point of their own  {n:,}")
    print(f"  found in their oblast    {found / n:6.1%}")
    print(f"  true point within the stated uncertainty_km: {honest / max(found, 1):6.1%}")
    for precision, count in by_precision.most_common():
        share = honest_by_precision[precision] / count
        print(f"    {precision:<10} {count:6,} places, {share:6.1%} honest")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path)
    parser.add_argument("--limit", type=int, default=25)
    parser.add_argument("--misses", type=int, default=40)
    args = parser.parse_args()
    gz = Gazetteer.open(args.store)
    corpora = {
        "GeoWebNews": (shared_dir() / "data/geoparsing/GeoWebNews/gwn_full.txt", gwn_gold),
        "LGL": (shared_dir() / "data/geoparsing/LGL/lgl.xml", lgl_gold),
    }
    postal = shared_dir() / "data/gazetteer/geonames/geonames_postal_codes_UA.txt"
    if postal.exists():
        print("GeoNames postal localities of Ukraine (KATOTTG placement):")
        postal_honesty(
            gz, postal, shared_dir() / "data/boundaries/geoBoundaries-UKR-ADM1_simplified.geojson"
        )
    for name, (path, reader) in corpora.items():
        if not path.exists():
            print(f"{name}: skipped, {path} not found (set GEOMAP_SHARED)")
            continue
        print(f"{name}:")
        evaluate(gz, reader(path), args.limit, args.misses)
    gz.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
