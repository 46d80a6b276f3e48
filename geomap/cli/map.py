"""`geomap map`: one HTML map and one GeoJSON file per article, and a collection map over many."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from geomap.cli.common import add_analysis_options, load_layers, open_gazetteer
from geomap.errors import GeomapError, InputError

EPILOG = """\
examples:
  geomap map examples/varachyne-capture.txt
  geomap map article.html --date 2025-07-23 -o maps/
  geomap map report.md --layer frontline=front.geojson --online-tiles
  geomap map article.txt --png                  # + DIR/<slug>.png, a picture for a slide
  geomap map article.txt --png map.png --svg map.svg
  geomap map examples/*.txt --tables            # + collection.html and events/places/claims.csv
  geomap map --collection examples/ -o maps/    # every article in a folder, one collection map

Writes DIR/<slug>.html (Leaflet map, self-contained: works offline) and DIR/<slug>.geojson
(RFC 7946) for each article, and prints a summary: places, events, claims with verdicts. With
several articles it also writes DIR/collection.html: one map over all of them with clustering, a
time slider and event-type filters, each marker linking back to its article's map. An article
that cannot be read is reported on stderr and the others are still mapped (exit code 1).
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "map",
        help="write an HTML map and GeoJSON for each article",
        description="Analyse articles (.txt, .html, .md, .json) and write one interactive map "
        "and one GeoJSON file per article.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "articles", nargs="*", type=Path, metavar="ARTICLE", help="article files"
    )  # fmt: skip
    parser.add_argument(
        "--collection", type=Path, metavar="DIR",
        help="map every article file in DIR (recursively) and write a collection map",
    )  # fmt: skip
    parser.add_argument(
        "-o", "--out", type=Path, default=Path("outputs"), metavar="DIR",
        help="output folder (default: ./outputs)",
    )  # fmt: skip
    parser.add_argument("--title", help="article title, when the file has none worth using")
    parser.add_argument(
        "--online-tiles", action="store_true",
        help="use OpenStreetMap tiles and CDN scripts instead of the self-contained offline map",
    )  # fmt: skip
    parser.add_argument(
        "--png", nargs="?", const=True, type=Path, metavar="FILE",
        help="also draw the map as a PNG picture (default: DIR/<slug>.png; FILE for one article)",
    )  # fmt: skip
    parser.add_argument(
        "--svg", nargs="?", const=True, type=Path, metavar="FILE",
        help="also draw the map as an SVG picture (default: DIR/<slug>.svg; FILE for one article)",
    )  # fmt: skip
    parser.add_argument(
        "--tables", action="store_true",
        help="also write events.csv, places.csv and claims.csv over all the articles",
    )  # fmt: skip
    add_analysis_options(parser)
    parser.set_defaults(func=run)


def _articles(args: argparse.Namespace) -> Iterator[tuple[str, object]]:
    """(label, Article or GeomapError) for each input, in order; reading errors are yielded,
    not raised, so one bad file does not stop the others."""
    from geomap.article import iter_input_rows, read_article

    for path in args.articles:
        try:
            yield (
                str(path),
                read_article(path, date=args.date, title=args.title, encoding=args.encoding),
            )
        except GeomapError as exc:
            yield str(path), exc
    if args.collection is not None:
        if not args.collection.is_dir():
            raise InputError(f"{args.collection}: --collection wants a folder of articles")
        for row in iter_input_rows(args.collection, encoding=args.encoding):
            if row.article is None:
                yield row.location or row.id, InputError(row.error or "unreadable")
            else:
                yield row.location or row.id, row.article


def run(args: argparse.Namespace) -> int:
    from geomap.export import write_geojson
    from geomap.fsutil import slugify
    from geomap.pipeline import analyze
    from geomap.render import write_map
    from geomap.summary import summarize, terminal_safe

    if not args.articles and args.collection is None:
        raise InputError("give at least one ARTICLE file, or --collection DIR")
    if args.title and (len(args.articles) > 1 or args.collection is not None):
        raise InputError("--title applies to one article; give one ARTICLE with it")
    for option in ("png", "svg"):
        named = getattr(args, option)
        if isinstance(named, Path) and (len(args.articles) > 1 or args.collection is not None):
            raise InputError(f"--{option} FILE applies to one article; give --{option} alone")
    layers = load_layers(args.layer)
    gazetteer = None
    reports, slugs, failures = [], {}, 0
    used: set[str] = set()
    for label, article in _articles(args):
        if isinstance(article, GeomapError):
            print(f"geomap: error: {terminal_safe(str(article))}", file=sys.stderr)
            failures += 1
            continue
        gazetteer = gazetteer or open_gazetteer(args)  # opened only once an article is readable
        # analyze() gives --date to an article whose text has none (files read above have it).
        report = analyze(
            article, date=args.date, gazetteer=gazetteer, layers=layers, lang=args.lang
        )
        slug = _unique(slugify(article.title or Path(label).stem, fallback="article"), used)
        html_path = write_map(
            report, args.out / f"{slug}.html", self_contained=not args.online_tiles,
            layers=list(layers.values()), settlements=gazetteer,
        )  # fmt: skip
        geojson_path = write_geojson(report, args.out / f"{slug}.geojson")
        pictures = _write_pictures(args, report, slug, list(layers.values()), gazetteer)
        reports.append(report)
        slugs[id(report)] = slug
        if not args.quiet:
            print(summarize(report))
            print("\n".join(f"wrote {p}" for p in (html_path, geojson_path, *pictures)) + "\n")
    if len(reports) > 1 or (args.collection is not None and reports):
        _write_collection(args, reports, slugs)
    if args.tables and reports:
        _write_tables(args, reports)
    if failures and reports:
        print(f"geomap: {len(reports)} article(s) mapped, {failures} failed", file=sys.stderr)
        return 1
    return 2 if failures else 0


def _write_pictures(args, report, slug: str, layers: list, gazetteer) -> list[Path]:
    """The --png/--svg pictures of one article (a FILE given, or DIR/<slug>.<format>)."""
    wanted = [(fmt, getattr(args, fmt)) for fmt in ("png", "svg") if getattr(args, fmt)]
    if not wanted:
        return []
    from geomap.render.static import write_image

    return [
        write_image(
            report, target if isinstance(target, Path) else args.out / f"{slug}.{fmt}",
            layers=layers, settlements=gazetteer, fmt=fmt,
        )
        for fmt, target in wanted
    ]  # fmt: skip


def _write_collection(args: argparse.Namespace, reports: list, slugs: dict[int, str]) -> None:
    from geomap.render import write_collection_map

    path = write_collection_map(
        reports, args.out / "collection.html", self_contained=not args.online_tiles,
        article_href=lambda report: f"{slugs[id(report)]}.html",
    )  # fmt: skip
    if not args.quiet:
        print(f"wrote {path} ({len(reports)} articles)")


def _write_tables(args: argparse.Namespace, reports: list) -> None:
    from geomap.export import reports_to_frames, write_csv

    frames = reports_to_frames(reports)
    for name in ("events", "places", "claims"):
        path = write_csv(frames[name], args.out / f"{name}.csv")
        if not args.quiet:
            print(f"wrote {path} ({len(frames[name])} rows)")


def _unique(slug: str, used: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in used or candidate == "collection":
        candidate, n = f"{slug}-{n}", n + 1
    used.add(candidate)
    return candidate
