"""Options and helpers shared by several subcommands."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.errors import GeomapError, LayerError

if TYPE_CHECKING:
    from geomap.gazetteer import Gazetteer
    from geomap.geometry import UserLayer


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def add_article_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--date", type=iso_date, metavar="YYYY-MM-DD",
        help="publication date, for articles whose text carries none (resolves 'on Wednesday')",
    )  # fmt: skip
    parser.add_argument(
        "--lang", choices=("en", "uk", "ru"),
        help="the article's language (default: read from its script and letters)",
    )  # fmt: skip
    parser.add_argument(
        "--encoding", metavar="NAME",
        help="force the text encoding (default: UTF-8, else detected, e.g. cp1251)",
    )  # fmt: skip


def add_gazetteer_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gazetteer", metavar="PATH", type=Path,
        help="gazetteer SQLite file (default: $GEOMAP_GAZETTEER, else ./gazetteer/ in a checkout, "
        "else the user cache directory); built on first use",
    )  # fmt: skip
    parser.add_argument(
        "--online", action="store_true",
        help="look up places missing from the gazetteer with an online geocoder and cache the "
        "answers (off by default: geomap never uses the network unless asked)",
    )  # fmt: skip
    parser.add_argument(
        "--online-provider", choices=("nominatim", "geonames", "photon"), default="nominatim",
        help="geocoder for --online (default nominatim, 1 request/s; geonames needs "
        "GEOMAP_GEONAMES_USERNAME)",
    )  # fmt: skip


def add_layer_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--layer", action="append", default=[], metavar="NAME=FILE",
        help="a reference layer (GeoJSON) for claims and the map, e.g. "
        "--layer frontline=front.geojson; repeatable",
    )  # fmt: skip


def add_analysis_options(parser: argparse.ArgumentParser, *, layers: bool = True) -> None:
    """The options every command that analyses articles takes: -q, the article's date and
    title handling, the gazetteer, and (unless layers=False) reference layers."""
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    add_article_options(parser)
    add_gazetteer_options(parser)
    if layers:
        add_layer_option(parser)


def open_gazetteer(args: argparse.Namespace) -> Gazetteer:
    from geomap.gazetteer import Gazetteer

    kwargs = {"path": args.gazetteer, "progress": progress_printer(args)}
    gazetteer = Gazetteer.open(**kwargs)
    if getattr(args, "online", False):
        try:
            from geomap.gazetteer.online import enable_online
        except ImportError as exc:
            raise GeomapError("--online is not available in this installation") from exc
        gazetteer = enable_online(gazetteer, getattr(args, "online_provider", "nominatim"))
    return gazetteer


def load_layers(specs: list[str]) -> dict[str, UserLayer]:
    from geomap.geometry import load_user_layer

    layers: dict[str, UserLayer] = {}
    for spec in specs:
        name, sep, path = spec.partition("=")
        if not sep or not name or not path:
            raise LayerError(f"--layer wants NAME=FILE, got {spec!r}")
        layers[name] = load_user_layer(Path(path), name)
    return layers


def progress_printer(args: argparse.Namespace, *, min_interval_s: float = 0.0):
    """Progress messages go to stderr, and only when not --quiet; with `min_interval_s`, at most
    one line per interval (long imports report every batch)."""
    if getattr(args, "quiet", False):
        return None
    last = [float("-inf")]

    def emit(message: str) -> None:
        now = time.monotonic()
        if now - last[0] >= min_interval_s:
            last[0] = now
            print(f"geomap: {message}", file=sys.stderr, flush=True)

    return emit


def add_store_option(parser: argparse.ArgumentParser) -> None:
    """`--gazetteer PATH` for the gazetteer subcommands (absent from args unless given)."""
    parser.add_argument(
        "--gazetteer", metavar="PATH", type=Path, default=argparse.SUPPRESS,
        help="the store file (default: $GEOMAP_GAZETTEER, else ./gazetteer/geomap.sqlite in a "
        "checkout, else the user cache directory)",
    )  # fmt: skip
