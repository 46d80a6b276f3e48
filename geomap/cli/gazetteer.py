"""`geomap gazetteer build|lookup|info` (and `import`, when the importers are installed)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from geomap.cli.common import add_store_option, progress_printer
from geomap.errors import GazetteerError

EPILOG = """\
examples:
  geomap gazetteer build                      # build the embedded default (about a minute)
  geomap gazetteer build --force --gazetteer /tmp/gz.sqlite
  geomap gazetteer lookup Kharkov --country UA
  geomap gazetteer lookup "Sumy region" --json
  geomap gazetteer info
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "gazetteer",
        help="build, inspect and query the local gazetteer",
        description="The local gazetteer: one SQLite file built from registry packages "
        "(GeoNames cities500, countries and regions, Ukraine's KATOTTG codifier) without any "
        "download, plus whatever you import into it.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(func=lambda args: _usage(parser))
    commands = parser.add_subparsers(dest="gazetteer_command", metavar="ACTION")

    build = commands.add_parser(
        "build",
        help="build the embedded default store",
        description="Build the embedded default store from installed packages (no network).",
        epilog="example:\n  geomap gazetteer build --force",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_store_option(build)
    build.add_argument(
        "--force", action="store_true", help="rebuild even when a current store exists"
    )
    build.add_argument("--quiet", action="store_true", help="no progress messages")
    build.set_defaults(func=run_build)

    lookup = commands.add_parser(
        "lookup",
        help="ranked candidates for a place name",
        description="Ranked candidates for a place name in any spelling (Kiev, Kyiv, Київ).",
        epilog="examples:\n  geomap gazetteer lookup Varachyne\n  geomap gazetteer lookup "
        '"Orange County" --admin1 California --json',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    lookup.add_argument("name", help="the place name as written")
    lookup.add_argument("--country", metavar="CC", help="ISO 3166-1 alpha-2 filter, e.g. UA")
    lookup.add_argument("--admin1", metavar="NAME", help="admin-1 filter: a name or code")
    lookup.add_argument("--limit", type=int, default=10, metavar="N", help="at most N (10)")
    lookup.add_argument("--json", action="store_true", help="JSON output")
    add_store_option(lookup)
    lookup.add_argument("--quiet", action="store_true", help="no progress messages")
    lookup.set_defaults(func=run_lookup)

    info = commands.add_parser(
        "info",
        help="sources, row counts, build dates and size of the store",
        description="Sources, row counts, build dates and size of the store.",
        epilog="example:\n  geomap gazetteer info --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    info.add_argument("--json", action="store_true", help="JSON output")
    add_store_option(info)
    info.add_argument("--quiet", action="store_true", help="no progress messages")
    info.set_defaults(func=run_info)

    from geomap.cli.gazetteer_import import register_cli

    register_cli(commands)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _open(args: argparse.Namespace):
    from geomap.gazetteer import Gazetteer

    return Gazetteer.open(getattr(args, "gazetteer", None), progress=progress_printer(args))


def run_build(args: argparse.Namespace) -> int:
    from geomap.gazetteer import build, default_store_path
    from geomap.gazetteer.api import store_is_current

    target = getattr(args, "gazetteer", None) or default_store_path()
    if target.exists() and store_is_current(target) and not args.force:
        print(f"{target} is up to date (use --force to rebuild)")
        return 0
    build(target, progress=progress_printer(args))
    print(f"built {target} ({target.stat().st_size / 1e6:.0f} MB)")
    return 0


def run_lookup(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise GazetteerError("--limit must be at least 1")
    gz = _open(args)
    try:
        found = gz.candidates(args.name, country=args.country, admin1=args.admin1, limit=args.limit)
    finally:
        gz.close()
    if args.json:
        rows = [_place_json(p) for p in found]
        print(json.dumps({"query": args.name, "candidates": rows}, ensure_ascii=False, indent=2))
        return 0 if found else 1
    if not found:
        print(f"no place named {args.name!r} in the gazetteer", file=sys.stderr)
        return 1
    for rank, p in enumerate(found, 1):
        where = ", ".join(x for x in (p.admin2, p.admin1, p.country_name or p.country_code) if x)
        pop = f" pop {p.population:,}" if p.population else ""
        print(
            f"{rank:>2}. {p.name} [{p.kind} {p.feature_code}] {where}\n"
            f"    {p.point.lat:.5f}, {p.point.lon:.5f} ±{p.uncertainty_km:g} km ({p.precision})"
            f"{pop}  {p.place_id} from {p.source}"
        )
    return 0


def _place_json(place) -> dict:
    row = asdict(place)
    row["point"] = {"lat": place.point.lat, "lon": place.point.lon}
    return row


def run_info(args: argparse.Namespace) -> int:
    gz = _open(args)
    try:
        info = gz.info()
    finally:
        gz.close()
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return 0
    print(f"store      {info['path']}")
    print(f"size       {info['size_bytes'] / 1e6:.1f} MB")
    print(f"build id   {info['build_id']}")
    took = f" in {float(info['build_seconds']):.0f} s" if info.get("build_seconds") else ""
    by = f" by geomap {info['geomap_version']}" if info.get("geomap_version") else ""
    builder = f" (default builder {info['default_builder']})" if info["default_builder"] else ""
    print(f"built      {info['built_at']}{by}{builder}{took}   updated {info['updated_at']}")
    print(f"places     {info['places']:,}   names {info['names']:,}")
    kinds = ", ".join(f"{k} {n:,}" for k, n in info["places_by_kind"].items())
    print(f"by kind    {kinds}")
    print("sources")
    for s in info["sources"]:
        print(
            f"  {s['name']}: {s['places']:,} places, {s['names']:,} names\n"
            f"      from {s['description']} ({s['version']}; {s['licence']}); {s['imported_at']}"
        )
    return 0
