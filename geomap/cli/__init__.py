"""The `geomap` command: argument parsing, progress and exit codes over the public API.

Each subcommand lives in its own module exposing `register(subparsers)`; this module only builds
the parser, dispatches, and turns user errors into one line on stderr with a non-zero exit code.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from geomap import __version__
from geomap.errors import GeomapError

# Subcommand modules, in the order `geomap --help` lists them. A module that is not importable
# (an optional component missing) is skipped rather than breaking the whole command.
SUBCOMMANDS = ("map", "claims", "events", "batch", "gazetteer", "eval")

EPILOG = """\
examples:
  geomap map examples/varachyne-capture.txt          # HTML map + GeoJSON in ./outputs
  geomap map article.html --date 2025-07-23 -o out/  # supply the date the text lacks
  geomap claims article.txt --layer frontline=front.geojson
  geomap gazetteer lookup Kharkov --country UA
  geomap batch feed.jsonl --out results/ --jobs 2

Run `geomap COMMAND --help` for the options of each command.
"""


class OneLineErrorParser(argparse.ArgumentParser):
    """argparse prints its usage block on errors; a user error here is one line on stderr."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineErrorParser(
        prog="geomap",
        description="Turn conflict news into maps that can be trusted: place names, events, and "
        "spatial claims checked against real geometry.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"geomap {__version__}")
    subparsers = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=OneLineErrorParser
    )
    for name in SUBCOMMANDS:
        try:
            module = importlib.import_module(f"geomap.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"geomap.cli.{name}":
                continue
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except GeomapError as exc:
        from geomap.summary import terminal_safe  # messages quote file names and file content

        print(f"geomap: error: {terminal_safe(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("geomap: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug, not a user error: one line unless asked for the traceback
        if os.environ.get("GEOMAP_DEBUG"):
            raise
        print(
            f"geomap: internal error: {type(exc).__name__}: {exc} "
            "(set GEOMAP_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return 70


if __name__ == "__main__":
    sys.exit(main())
