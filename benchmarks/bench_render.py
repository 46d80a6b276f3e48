"""Render time per article and HTML size, self-contained vs online.

    python benchmarks/bench_render.py                 # UCDP-derived reports + the sample article
    python benchmarks/bench_render.py --articles 200  # more reports

Two inputs, both real:
- reports built from the shared UCDP GED Ukraine events (one "article" per source date, its events
  at UCDP's coordinates): they exercise the map code alone, independent of the analysis;
- the shared sample article through the whole pipeline, when the pipeline can run.
Prints one line per measurement; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from geomap.records import Article, Event, LatLon, Mention, Place, Report, Resolution  # noqa: E402
from geomap.render import render_collection_map, render_map  # noqa: E402

SHARED = Path(os.environ.get("GEOMAP_SHARED", REPO.parent / "shared")) / "data"
UCDP_TYPES = {"1": "Battles", "2": "Battles", "3": "Violence against civilians"}
# UCDP where_prec 1 exact .. 7 country: a rough radius for each.
PREC_KM = {1: 1.0, 2: 25.0, 3: 50.0, 4: 100.0, 5: 150.0, 6: 300.0, 7: 600.0}


def ucdp_reports(limit: int) -> list[Report]:
    path = SHARED / "events" / "ucdp_ged_ukraine.csv"
    if not path.exists():
        print(f"skip UCDP reports: {path} not found")
        return []
    by_day: dict[str, list[dict]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            by_day[row["date_start"].split()[0]].append(row)
    reports = []
    for day, rows in list(by_day.items())[:limit]:
        reports.append(_report(day, rows))
    return reports


def _report(day: str, rows: list[dict]) -> Report:
    month, mday, year = (int(x) for x in day.split("/"))
    date = dt.date(year, month, mday)
    text, resolutions, events = "", [], []
    for i, row in enumerate(rows):
        sentence = f"{row['source_headline'].split(';')[0]} near {row['where_coordinates']}. "
        start = len(text) + sentence.index(" near ") + 6
        text += sentence
        prec = int(row["where_prec"] or 7)
        place = Place(f"ucdp:{row['id']}", row["where_coordinates"],
                      LatLon(float(row["latitude"]), float(row["longitude"])),
                      "populated_place" if prec <= 2 else "admin1", "UA", admin1=row["adm_1"],
                      source="ucdp-ged", source_id=row["id"], uncertainty_km=PREC_KM[prec],
                      country_name="Ukraine")  # fmt: skip
        mention = Mention(row["where_coordinates"], start, start + len(row["where_coordinates"]),
                          sentence.strip(), len(text) - len(sentence))  # fmt: skip
        res = Resolution(mention, place, 0.9, f"ucdp where_prec {prec}")
        resolutions.append(res)
        events.append(Event(UCDP_TYPES.get(row["type_of_violence"], "Battles"), "", "",
                            sentence.strip(), mention.sentence_start, len(text), date=date,
                            actor1=row["side_a"], actor2=row["side_b"],
                            fatalities=int(row["best"] or 0), location=res))  # fmt: skip
        if i >= 40:  # one very busy day should not dominate the per-article numbers
            break
    article = Article(f"ucdp-{date.isoformat()}", f"UCDP events of {date}", text, published=date)
    return Report(article, [r.mention for r in resolutions], resolutions, events)


def sample_report() -> Report | None:
    path = SHARED / "articles" / "istanbul-peace-talks.txt"
    if not path.exists():
        print(f"skip sample article: {path} not found")
        return None
    try:
        from geomap.pipeline import analyze_file

        return analyze_file(path, date=dt.date(2025, 6, 2))
    except Exception as exc:  # the pipeline may be incomplete in this checkout
        print(f"skip sample article: pipeline failed: {type(exc).__name__}: {exc}")
        return None


def measure(name: str, reports: list[Report], self_contained: bool) -> None:
    times, sizes = [], []
    for report in reports:
        t0 = time.perf_counter()
        html = render_map(report, self_contained=self_contained).get_root().render()
        times.append(time.perf_counter() - t0)
        sizes.append(len(html.encode("utf-8")))
    mode = "self-contained" if self_contained else "online"
    print(
        f"{name:<28} {mode:<15} n={len(reports):<4} "
        f"median {statistics.median(times) * 1000:7.1f} ms  max {max(times) * 1000:7.1f} ms  "
        f"median size {statistics.median(sizes) / 1024:7.1f} KiB  max {max(sizes) / 1024:7.1f} KiB"
    )


def measure_collection(reports: list[Report], self_contained: bool) -> None:
    t0 = time.perf_counter()
    html = render_collection_map(reports, self_contained=self_contained).get_root().render()
    elapsed = time.perf_counter() - t0
    mode = "self-contained" if self_contained else "online"
    markers = html.count('"popup": ')  # one payload entry per marker
    print(f"{'collection map':<28} {mode:<15} n={len(reports):<4} {elapsed * 1000:9.1f} ms  "
          f"{len(html.encode()) / 1024:9.1f} KiB  {markers} markers")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100, help="UCDP-derived reports")
    args = parser.parse_args()
    render_map(Report(Article("warm", "warm", "")))  # imports and asset reads out of the timing
    reports = ucdp_reports(args.articles)
    sample = sample_report()
    with tempfile.TemporaryDirectory():
        for self_contained in (True, False):
            if sample is not None:
                measure("sample article (pipeline)", [sample], self_contained)
            if reports:
                measure("UCDP day reports", reports, self_contained)
                measure_collection(reports, self_contained)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
