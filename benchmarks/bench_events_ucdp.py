"""Event geolocation and casualty counts against UCDP GED (issue 6).

Reads ../shared/data/events/ucdp_ged_ukraine.csv (or $GEOMAP_SHARED/data/...). For every row with
`where_prec` 1-2 (UCDP located the event at a named place or within a few km of one), the text is
the row's `source_headline` (several headlines joined by ";" become one paragraph each) and the
article date is `date_start`. Each text runs through the pipeline's stages up to events (the
recogniser, the resolver on the embedded gazetteer, the event extractor: `analyze` without the
claim checks) and we report:

* hit@25km: the share of rows where geomap places at least one event within 25 km of UCDP's point
  (over all rows, and over the rows where geomap located any event);
* the median error: distance from UCDP's point to the nearest located event, per row that has one
  (and the same over events located at a town or district, geo_precision 1-2: an event geomap
  could only place at "eastern Ukraine" sits at the country's centroid, hundreds of km off, and
  says so with geo_precision 3 and its radius);
* killed agreement: over rows where a headline states a number of dead (geomap extracted a
  fatalities count), the share where geomap's count (the largest among the row's events) equals
  UCDP's `best`, and the share within a factor of the spread UCDP gives (`low` <= n <= `high`).

UCDP headlines are terse and many name no event at all ("Debaltseve", "Peski"): they yield no
event by design (no trigger), which caps hit@25km over all rows.

    python benchmarks/bench_events_ucdp.py            # all where_prec 1-2 rows
    python benchmarks/bench_events_ucdp.py --limit 300 --json
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run from a checkout without installing
HIT_KM = 25.0


def ucdp_path() -> Path:
    shared = Path(os.environ.get("GEOMAP_SHARED", REPO.parent / "shared"))
    return shared / "data" / "events" / "ucdp_ged_ukraine.csv"


@dataclass(frozen=True, slots=True)
class Row:
    row_id: str
    text: str
    published: dt.date | None
    lat: float
    lon: float
    best: int
    low: int
    high: int


def _date(value: str) -> dt.date | None:
    for fmt in ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def load_rows(path: Path, limit: int | None = None) -> list[Row]:
    rows: list[Row] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            if rec["where_prec"].strip() not in {"1", "2"}:
                continue
            headlines = [h.strip() for h in rec["source_headline"].split(";") if h.strip()]
            if not headlines:
                continue
            rows.append(
                Row(
                    rec["id"],
                    "\n\n".join(headlines),
                    _date(rec["date_start"]),
                    float(rec["latitude"]),
                    float(rec["longitude"]),
                    int(float(rec["best"] or 0)),
                    int(float(rec["low"] or 0)),
                    int(float(rec["high"] or 0)),
                )
            )
            if limit is not None and len(rows) >= limit:
                break
    return rows


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from geomap.geodesy import geodesic_km
    from geomap.records import LatLon

    return geodesic_km(LatLon(lat1, lon1), LatLon(lat2, lon2))


def evaluate(rows: list[Row], gazetteer=None) -> dict[str, float | int]:
    """Run the pipeline over `rows` and score events against UCDP (see module doc)."""
    from geomap.events import extract_events
    from geomap.pipeline import default_gazetteer
    from geomap.records import Article
    from geomap.resolve import resolve_mentions
    from geomap.toponyms import find_mentions

    gz = gazetteer if gazetteer is not None else default_gazetteer()

    with_event = located_rows = hits = 0
    errors: list[float] = []
    precise_errors: list[float] = []  # nearest event located at a town or district
    counted = exact = in_range = 0
    started = time.perf_counter()
    for row in rows:
        article = Article(id=f"ucdp-{row.row_id}", title="", text=row.text, published=row.published)
        # The pipeline's stages up to events (analyze() minus the claim checks, which cost time
        # and do not change events).
        resolutions = resolve_mentions(find_mentions(article, gz), gz, article)
        events = extract_events(article, resolutions)
        if events:
            with_event += 1
        located = [e for e in events if e.location is not None and e.location.place is not None]
        points = [e.location.place.point for e in located]
        precise = [e.location.place.point for e in located if e.geo_precision <= 2]
        if precise:
            precise_errors.append(min(_km(row.lat, row.lon, p.lat, p.lon) for p in precise))
        if points:
            located_rows += 1
            nearest = min(_km(row.lat, row.lon, p.lat, p.lon) for p in points)
            errors.append(nearest)
            hits += nearest <= HIT_KM
        stated = [e.fatalities for e in events if e.fatalities is not None]
        if stated:
            counted += 1
            n = max(stated)
            exact += n == row.best
            in_range += row.low <= n <= max(row.high, row.best)
    elapsed = time.perf_counter() - started
    n_rows = len(rows)
    return {
        "rows": n_rows,
        "rows_with_event": with_event,
        "rows_with_located_event": located_rows,
        "hit25_share_all_rows": hits / n_rows if n_rows else 0.0,
        "hit25_share_located_rows": hits / located_rows if located_rows else 0.0,
        "median_error_km": statistics.median(errors) if errors else float("nan"),
        "rows_with_precise_event": len(precise_errors),
        "median_error_km_precise": statistics.median(precise_errors)
        if precise_errors
        else float("nan"),
        "hit25_share_precise_rows": (
            sum(e <= HIT_KM for e in precise_errors) / len(precise_errors)
            if precise_errors
            else 0.0
        ),
        "rows_with_stated_killed": counted,
        "killed_exact_agreement": exact / counted if counted else 0.0,
        "killed_within_low_high": in_range / counted if counted else 0.0,
        "seconds": elapsed,
        "ms_per_row": 1000.0 * elapsed / n_rows if n_rows else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N where_prec 1-2 rows")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    path = ucdp_path()
    if not path.exists():
        print(f"UCDP file not found: {path} (set GEOMAP_SHARED)", file=sys.stderr)
        return 2
    from geomap.pipeline import default_gazetteer

    gazetteer = default_gazetteer()
    figures = evaluate(load_rows(path, args.limit), gazetteer)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:28s} {value:.3f}" if isinstance(value, float) else f"{key:28s} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
