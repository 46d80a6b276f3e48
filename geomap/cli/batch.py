"""`geomap batch`: a folder, JSONL or CSV of articles in; per-article and merged outputs out."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from geomap.cli.common import add_analysis_options
from geomap.errors import GeomapError

EPILOG = """\
examples:
  geomap batch articles/ --out results/                 # a folder of .txt/.html/.md files
  geomap batch feed.jsonl --out results/ --jobs 2       # JSONL, two worker processes
  geomap batch feed.csv --out results/ --text-field body --id-field url --date-field published
  geomap batch feed.jsonl --out results/ --resume       # finish an interrupted run
  geomap batch feed.jsonl --out results/ --engine dask --scheduler tcp://10.0.0.5:8786

Writes DIR/articles/<id>.geojson per article (and <id>.html with --maps), then DIR/events.csv,
places.csv, claims.csv, unresolved.csv and merged.geojson over all articles (each row carries
article_id), and DIR/errors.csv with the id and reason of every article that failed; a failed
article never stops the run. A run that was interrupted continues with --resume and neither redoes
nor duplicates finished articles.
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "batch",
        help="analyse many articles (folder, JSONL, CSV) in parallel, with resume",
        description="Analyse every article of INPUT (a folder of .txt/.html/.md files, a JSONL "
        "file or a CSV file) and write per-article GeoJSON plus merged CSV and GeoJSON outputs.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("input", type=Path, metavar="INPUT", help="folder, .jsonl or .csv file")
    parser.add_argument(
        "-o", "--out", type=Path, required=True, metavar="DIR",
        help="output folder (must be new or empty, unless --resume or --overwrite)",
    )  # fmt: skip
    fields = parser.add_argument_group("JSONL/CSV fields")
    fields.add_argument("--text-field", default="text", metavar="F", help="article text (text)")
    fields.add_argument("--id-field", default="id", metavar="F", help="article id (id)")
    fields.add_argument("--date-field", default="date", metavar="F", help="publication date (date)")
    fields.add_argument("--title-field", default="title", metavar="F", help="title (title)")
    parser.add_argument(
        "--maps", action="store_true", help="also write an HTML map per article (slower)"
    )
    parser.add_argument(
        "-j", "--jobs", type=_positive_int, default=1, metavar="N",
        help="worker processes (default 1; with --engine dask and no --scheduler: local workers)",
    )  # fmt: skip
    parser.add_argument(
        "--engine", choices=("local", "dask"), default="local",
        help="local: this machine's cores (default); dask: a Dask distributed cluster",
    )  # fmt: skip
    parser.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster of "
        "--jobs worker processes); needs pip install 'geomap[dask]'",
    )  # fmt: skip
    again = parser.add_mutually_exclusive_group()
    again.add_argument(
        "--resume", action="store_true",
        help="continue an interrupted batch in DIR, skipping the articles it finished",
    )  # fmt: skip
    again.add_argument(
        "--overwrite", action="store_true",
        help="replace a previous batch's outputs in DIR (other files are left alone)",
    )  # fmt: skip
    add_analysis_options(parser)
    parser.set_defaults(func=run)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def run(args: argparse.Namespace) -> int:
    from geomap.batch import BatchOptions, run_batch
    from geomap.cli.common import load_layers

    if args.scheduler and args.engine != "dask":
        raise GeomapError("--scheduler needs --engine dask")
    if getattr(args, "online", False):
        raise GeomapError("--online is not supported by batch (it would hammer the geocoder)")
    options = BatchOptions(
        text_field=args.text_field,
        id_field=args.id_field,
        date_field=args.date_field,
        title_field=args.title_field,
        encoding=args.encoding,
        date=args.date,
        maps=args.maps,
        jobs=args.jobs,
        engine=args.engine,
        scheduler=args.scheduler,
        resume=args.resume,
        overwrite=args.overwrite,
        gazetteer_path=args.gazetteer,
        layers=load_layers(args.layer) if args.layer else {},
        layer_specs=tuple(_absolute_spec(s) for s in args.layer),
        quiet=args.quiet,
    )
    summary = run_batch(args.input, args.out, options)
    if not args.quiet:
        print(summary.line())
    sys.stdout.flush()
    return 0


def _absolute_spec(spec: str) -> str:
    name, _, path = spec.partition("=")
    return f"{name}={os.path.abspath(path)}"
