"""Investigators' location strings: UCDP's `where_description` geocoded against its own point.

UCDP GED coders write where an event happened the way incident logs do: "near the village of
Nikishine (Donetsk region)", "Opytne, Donetsk Obl", "village Stepanivka, Shakhtarskyi district,
Donetsk region", "areas of the settlements of Senkovo and Chervoniy Oskol, Kharkiv region", in
Ukrainian, Russian and older romanisations. Over ALL rows of
../shared/data/events/ucdp_ged_ukraine.csv with `where_prec` 1-2 (the coder placed the event at
the named place or within a few km of it), each string is analysed alone and its place is the most
specific place resolved (a settlement or facility before a district, a district before an oblast,
the first named on ties). We report the share within 10 km and 25 km of UCDP's point and the share
with no place at all.

    python benchmarks/bench_location_strings.py
    python benchmarks/bench_location_strings.py --postal \
        ../shared/data/gazetteer/geonames/geonames_postal_codes_UA.txt
    python benchmarks/bench_location_strings.py --list 40     # the worst misses

With --postal the default store is copied to a temporary directory and the GeoNames postal dump
is imported into the copy (`geomap gazetteer import geonames-postal`); the default store is not
touched.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SPECIFICITY = {
    "populated_place": 5, "other": 5, "admin3": 4, "landform": 4, "water": 3, "admin2": 3,
    "admin1": 1, "region": 1, "country": 0, "demonym": -1,
}  # fmt: skip


def ucdp_path() -> Path:
    shared = Path(os.environ.get("GEOMAP_SHARED", REPO.parent / "shared"))
    return shared / "data" / "events" / "ucdp_ged_ukraine.csv"


def most_specific(resolutions):
    placed = [r for r in resolutions if r.place is not None and r.mention.kind != "demonym"]
    if not placed:
        return None
    return max(placed, key=lambda r: (SPECIFICITY.get(r.place.kind, 2), -r.mention.start))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--postal", type=Path, help="a GeoNames postal dump to import into a copy of the store"
    )
    parser.add_argument("--list", type=int, default=0, metavar="N", help="list the N worst misses")
    args = parser.parse_args(argv)
    path = ucdp_path()
    if not path.exists():
        print(f"bench_location_strings: {path} not found (set GEOMAP_SHARED)", file=sys.stderr)
        return 2
    from geomap.article import article_from_text
    from geomap.gazetteer import Gazetteer
    from geomap.geodesy import geodesic_km
    from geomap.records import LatLon
    from geomap.resolve import resolve_mentions
    from geomap.toponyms import find_mentions

    with open(path, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["where_prec"] in ("1", "2")]
    tmp = None
    if args.postal:
        from geomap.gazetteer.importers import import_postal_file

        tmp = tempfile.mkdtemp(prefix="geomap-bench-")
        base = Gazetteer.open(build_if_missing=True)
        store = Path(tmp) / "geomap.sqlite"
        shutil.copy(base.path, store)
        base.close()
        import_postal_file(store, args.postal)
        gz = Gazetteer.open(store)
    else:
        gz = Gazetteer.open(build_if_missing=True)
    started = time.perf_counter()
    within10 = within25 = unresolved = 0
    misses: list[tuple[float, str]] = []
    kinds: Counter[str] = Counter()
    for row in rows:
        text = row["where_description"].strip()
        gold = LatLon(float(row["latitude"]), float(row["longitude"]))
        if not text:
            unresolved += 1
            misses.append((1e9, "[none] (empty where_description)"))
            continue
        article = article_from_text(text)
        mentions = find_mentions(article, gz)
        best = most_specific(resolve_mentions(mentions, gz, article))
        if best is None:
            unresolved += 1
            misses.append((1e9, f"[none] {text}"))
            continue
        km = geodesic_km(best.place.point, gold)
        within10 += km <= 10
        within25 += km <= 25
        kinds[best.place.source.split(",")[0]] += 1
        if km > 10:
            misses.append(
                (
                    km,
                    f"{km:7.0f} km  {text!r} -> {best.mention.text} = {best.place.name}, "
                    f"{best.place.admin1} [{best.place.source}] ±{best.place.uncertainty_km:.0f}",
                )
            )
    n = len(rows)
    seconds = time.perf_counter() - started
    print(
        f"UCDP where_description, where_prec 1-2: {n} strings "
        f"({'with' if args.postal else 'without'} the postal dump)"
    )
    print(f"  within 10 km: {within10} = {100 * within10 / n:.1f}%")
    print(f"  within 25 km: {within25} = {100 * within25 / n:.1f}%")
    print(f"  no place:     {unresolved} = {100 * unresolved / n:.1f}%   ({seconds:.0f} s)")
    print(f"  sources of the places chosen: {dict(kinds.most_common())}")
    if args.list:
        for _, line in sorted(misses, reverse=True)[: args.list]:
            print("   ", line)
    if tmp:
        gz.close()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
