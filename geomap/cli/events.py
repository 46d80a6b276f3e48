"""`geomap events`: the events each article reports, as an ACLED-like table."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from geomap.cli.common import add_analysis_options, open_gazetteer

EPILOG = """\
examples:
  geomap events article.txt --date 2025-07-23
  geomap events a.txt b.html --csv events.csv
  geomap events article.txt --date 2025-07-23 --json > events.json

Each event carries its ACLED event_type / sub_event_type (plus geomap's Diplomacy type for talks,
meetings, visits and prisoner exchanges, mapped in acled_event_type), actors, event_date with
time_precision (1 day, 2 week, 3 month), location with geo_precision (1 exact place, 2 near a
place or part of a region, 3 region only) and uncertainty_km, fatalities, injured, claimed_by for
reported speech, and the evidence sentence with its character offsets.
"""

_CONSOLE_COLUMNS = [
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "location",
    "geo_precision", "fatalities", "injured", "claimed_by",
]  # fmt: skip


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "events",
        help="extract conflict events (ACLED-style) from articles",
        description="Extract the events articles report: type, actors, date, place, casualties, "
        "each with its evidence sentence.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("articles", nargs="+", type=Path, metavar="ARTICLE", help="article files")
    parser.add_argument("--csv", type=Path, metavar="FILE", help="write all events to a CSV file")
    parser.add_argument(
        "--json", action="store_true", help="print the events as JSON records on stdout"
    )
    add_analysis_options(parser, layers=False)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from geomap.article import read_article
    from geomap.events import events_dataframe
    from geomap.fsutil import atomic_writer
    from geomap.pipeline import analyze

    articles = [read_article(p, date=args.date, encoding=args.encoding) for p in args.articles]
    gazetteer = open_gazetteer(args)
    frames = []
    for article in articles:
        report = analyze(article, gazetteer=gazetteer, lang=args.lang)
        frames.append(events_dataframe(report.events, report.article))
    frame = pd.concat(frames, ignore_index=True) if frames else events_dataframe([], articles[0])
    if args.csv:
        with atomic_writer(args.csv, "w") as fh:
            frame.to_csv(fh, index=False, lineterminator="\n")
    if args.json:
        records = json.loads(frame.to_json(orient="records", force_ascii=False))
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif not args.quiet:
        _print_table(frame)
        if args.csv:
            print(f"wrote {len(frame)} events to {args.csv}")
    return 0


def _print_table(frame) -> None:
    if frame.empty:
        print("no events found")
        return
    for row in frame[_CONSOLE_COLUMNS + ["evidence"]].itertuples(index=False):
        values = row._asdict()
        evidence = values.pop("evidence")
        parts = [
            f"{k}={v}" for k, v in values.items() if v is not None and str(v) not in {"", "<NA>"}
        ]
        print(" | ".join(parts))
        print(f"    “{evidence[:160]}{'…' if len(evidence) > 160 else ''}”")
