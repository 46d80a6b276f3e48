"""`geomap gazetteer import geonames|geonames-postal|overrides FILE`: add real gazetteer files."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from geomap.cli.common import add_store_option, progress_printer

EPILOG = """\
examples:
  geomap gazetteer import geonames UA.zip --alternate-names alternateNamesV2.zip \\
      --admin1 admin1CodesASCII.txt --admin2 admin2Codes.txt --country-info countryInfo.txt
  geomap gazetteer import geonames allCountries.zip          # the world: streams, ~12M rows
  geomap gazetteer import geonames-postal UA.txt             # villages with coordinates
  geomap gazetteer import overrides my-places.csv            # your additions and corrections

Each import updates the store in one step: a malformed file is reported with its line number and
the previous store is left exactly as it was. Overrides CSV columns:
place_id,name,lat,lon,country_code,kind,admin1,population,uncertainty_km,aliases (aliases
separated by '|'); a row with a known place_id corrects it, a row without adds a place.
"""


def register_cli(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "import",
        help="import GeoNames dumps, postal dumps or an overrides CSV into the store",
        description="Import real gazetteer files into the store (built first if missing).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sources = parser.add_subparsers(dest="source", metavar="SOURCE", required=True)

    geonames = sources.add_parser(
        "geonames", help="GeoNames main dump: allCountries.zip, UA.zip or UA.txt",
        epilog="example:\n  geomap gazetteer import geonames UA.zip --admin1 admin1CodesASCII.txt",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    geonames.add_argument("dump", type=Path, metavar="FILE")
    geonames.add_argument("--alternate-names", type=Path, metavar="FILE",
                          help="alternateNamesV2.txt or .zip")  # fmt: skip
    geonames.add_argument("--admin1", type=Path, metavar="FILE", help="admin1CodesASCII.txt")
    geonames.add_argument("--admin2", type=Path, metavar="FILE", help="admin2Codes.txt")
    geonames.add_argument("--country-info", type=Path, metavar="FILE", help="countryInfo.txt")
    geonames.set_defaults(func=run_geonames)

    postal = sources.add_parser(
        "geonames-postal", help="GeoNames postal-code dump (e.g. UA.txt of the postal export)",
        epilog="example:\n  geomap gazetteer import geonames-postal UA.txt",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    postal.add_argument("dump", type=Path, metavar="FILE")
    postal.set_defaults(func=run_postal)

    overrides = sources.add_parser(
        "overrides", help="a CSV of your own places, aliases and corrections (wins over all)",
        epilog="example:\n  geomap gazetteer import overrides my-places.csv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    overrides.add_argument("csv", type=Path, metavar="FILE.csv")
    overrides.set_defaults(func=run_overrides)

    for sub in (geonames, postal, overrides):
        add_store_option(sub)
        sub.add_argument("--quiet", action="store_true", help="no progress messages")


def _store(args: argparse.Namespace) -> Path:
    from geomap.gazetteer import default_store_path

    return Path(getattr(args, "gazetteer", None) or default_store_path())


def _progress(args: argparse.Namespace):
    return progress_printer(args, min_interval_s=2.0)  # imports report every batch


def _report(kind: str, path: Path, stats: dict[str, int], started: float) -> int:
    counts = ", ".join(f"{v:,} {k}" for k, v in stats.items())
    print(f"imported {kind} into {path}: {counts} ({time.perf_counter() - started:.1f} s)")
    return 0


def run_geonames(args: argparse.Namespace) -> int:
    from geomap.gazetteer.importers import import_geonames_files

    started, path = time.perf_counter(), _store(args)
    stats = import_geonames_files(
        path, args.dump, alternate_names=args.alternate_names, admin1_codes=args.admin1,
        admin2_codes=args.admin2, country_info=args.country_info, progress=_progress(args),
    )  # fmt: skip
    return _report("GeoNames dump", path, stats, started)


def run_postal(args: argparse.Namespace) -> int:
    from geomap.gazetteer.importers import import_postal_file

    started, path = time.perf_counter(), _store(args)
    stats = import_postal_file(path, args.dump, progress=_progress(args))
    return _report("GeoNames postal dump", path, stats, started)


def run_overrides(args: argparse.Namespace) -> int:
    from geomap.gazetteer.importers import import_overrides_file

    started, path = time.perf_counter(), _store(args)
    stats = import_overrides_file(path, args.csv)
    return _report("overrides", path, stats, started)
