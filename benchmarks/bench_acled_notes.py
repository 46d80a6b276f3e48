"""ACLED-style event notes about real front-line places: an event, of the right type, at the place.

ACLED's notes read "On 10 March 2024, Russian forces shelled Pisky, Donetsk oblast." For every
row of ../shared/data/events/ucdp_ged_ukraine.csv with `where_prec` 1-2 whose description names a
settlement (its first capitalised name that is not an area or a facility, the rule of
bench_events_ucdp.py), a note is written in one of three ACLED phrasings, chosen by the row id
(not by anything about the place): shelling, an armed clash near the place, a drone strike on it.
The place name and the oblast are UCDP's, as its coders wrote them (often Russian-style
spellings); the truth is UCDP's point and the phrasing's ACLED type. Over ALL such rows we report
the share that yields an event, the share whose event has the right ACLED event and sub-event
type, and the share with an event within 10 km of UCDP's point.

    python benchmarks/bench_acled_notes.py
    python benchmarks/bench_acled_notes.py --postal \\
        ../shared/data/gazetteer/geonames/geonames_postal_codes_UA.txt   # into a copy of the store
    python benchmarks/bench_acled_notes.py --list 30
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_events_ucdp import first_settlement, ucdp_path  # noqa: E402

NEAR_KM = 10.0
# (phrasing, ACLED event type, sub-event type)
PHRASINGS = (
    ("On {date}, Russian forces shelled {place}, {region}.",
     "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("On {date}, Ukrainian and Russian forces clashed near {place}, {region}.",
     "Battles", "Armed clash"),
    ("On {date}, a Russian drone struck {place}, {region}, injuring two civilians.",
     "Explosions/Remote violence", "Air/drone strike"),
)  # fmt: skip


def region_name(adm_1: str) -> str:
    """UCDP's "Donetsk oblast" as a note writes it: "Donetsk Oblast"."""
    words = adm_1.split()
    return " ".join(w[:1].upper() + w[1:] for w in words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--postal", type=Path, help="a GeoNames postal dump to import into a copy of the store"
    )
    parser.add_argument("--list", type=int, default=0, metavar="N", help="list N misses")
    args = parser.parse_args(argv)
    path = ucdp_path()
    if not path.exists():
        print(f"bench_acled_notes: {path} not found (set GEOMAP_SHARED)", file=sys.stderr)
        return 2
    import geomap
    from geomap.gazetteer import Gazetteer
    from geomap.geodesy import geodesic_km
    from geomap.records import LatLon

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
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [
            r
            for r in csv.DictReader(fh)
            if r["where_prec"] in ("1", "2")
            and first_settlement(r["where_description"])
            and r["adm_1"]
        ]
    started = time.perf_counter()
    yielded = typed = near = 0
    misses: list[str] = []
    by_phrasing: Counter[str] = Counter()
    for row in rows:
        phrasing, event_type, sub_type = PHRASINGS[int(row["id"]) % len(PHRASINGS)]
        day = dt.datetime.strptime(row["date_start"].split()[0], "%m/%d/%Y").date()
        note = phrasing.format(
            date=f"{day.day} {day:%B %Y}",
            place=first_settlement(row["where_description"]),
            region=region_name(row["adm_1"]),
        )
        report = geomap.analyze(note, date=day, gazetteer=gz)
        events = report.events
        gold = LatLon(float(row["latitude"]), float(row["longitude"]))
        if events:
            yielded += 1
        right_type = [
            e for e in events if (e.event_type, e.sub_event_type) == (event_type, sub_type)
        ]
        typed += bool(right_type)
        located = [
            geodesic_km(e.location.place.point, gold)
            for e in events
            if e.location is not None and e.location.place is not None
        ]
        hit = bool(located) and min(located) <= NEAR_KM
        near += hit
        by_phrasing[f"{event_type} / {sub_type}"] += hit
        if not hit and len(misses) < 10_000:
            best = f"{min(located):.0f} km" if located else "no place"
            misses.append(f"{best:>9}  {note}")
    n = len(rows)
    seconds = time.perf_counter() - started
    print(
        f"ACLED-style notes on {n} UCDP rows (where_prec 1-2, description naming a settlement; "
        f"{'with' if args.postal else 'without'} the postal dump)"
    )
    print(f"  yield an event:             {yielded} = {100 * yielded / n:.1f}%")
    print(f"  ACLED event and sub-type:   {typed} = {100 * typed / n:.1f}%")
    print(
        f"  an event within {NEAR_KM:.0f} km:      {near} = {100 * near / n:.1f}%"
        f"   ({seconds:.0f} s)"
    )
    for name, count in sorted(by_phrasing.items()):
        print(f"    within {NEAR_KM:.0f} km, {name}: {count}")
    if args.list:
        for line in misses[: args.list]:
            print("   ", line)
    if tmp:
        gz.close()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
