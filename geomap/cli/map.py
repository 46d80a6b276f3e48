"""`geomap map`: one HTML map and one GeoJSON file per article (or one collection map)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geomap.cli.common import (
    add_article_options,
    add_gazetteer_options,
    add_layer_option,
    load_layers,
    open_gazetteer,
)
from geomap.errors import InputError

EPILOG = """\
examples:
  geomap map examples/varachyne-capture.txt
  geomap map article.html --date 2025-07-23 -o maps/
  geomap map report.md --layer frontline=front.geojson --online-tiles
  geomap map a.txt b.html c.md --collection-map maps/collection.html

Writes DIR/<slug>.html (Leaflet map, self-contained: works offline) and DIR/<slug>.geojson
(RFC 7946) for each article, and prints a summary: places, events, claims with verdicts.
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
    parser.add_argument("articles", nargs="+", type=Path, metavar="ARTICLE", help="article files")
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
        "--collection-map", type=Path, metavar="FILE",
        help="also write one map over all the articles to FILE",
    )  # fmt: skip
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    add_article_options(parser)
    add_gazetteer_options(parser)
    add_layer_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geomap.article import read_article
    from geomap.export import write_geojson
    from geomap.fsutil import slugify
    from geomap.pipeline import analyze
    from geomap.render import write_map
    from geomap.summary import summarize

    if args.title and len(args.articles) > 1:
        raise InputError("--title applies to one article; give one ARTICLE with it")
    # Read every input first: a missing or unreadable file is reported before any work starts.
    articles = [
        read_article(p, date=args.date, title=args.title, encoding=args.encoding)
        for p in args.articles
    ]
    layers = load_layers(args.layer)
    gazetteer = open_gazetteer(args)
    reports = []
    used_slugs: set[str] = set()
    for path, article in zip(args.articles, articles, strict=True):
        report = analyze(article, gazetteer=gazetteer, layers=layers)
        reports.append(report)
        slug = _unique(
            slugify(article.title or path.stem, fallback=path.stem or "article"), used_slugs
        )
        html_path = write_map(
            report, args.out / f"{slug}.html", self_contained=not args.online_tiles,
            layers=list(layers.values()),
        )  # fmt: skip
        geojson_path = write_geojson(report, args.out / f"{slug}.geojson")
        if not args.quiet:
            print(summarize(report))
            print(f"wrote {html_path}\nwrote {geojson_path}\n")
    if args.collection_map:
        from geomap.fsutil import atomic_write_text
        from geomap.render import render_collection_map

        fmap = render_collection_map(reports, self_contained=not args.online_tiles)
        atomic_write_text(args.collection_map, fmap.get_root().render())
        if not args.quiet:
            print(f"wrote {args.collection_map}")
    sys.stdout.flush()
    return 0


def _unique(slug: str, used: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in used:
        candidate, n = f"{slug}-{n}", n + 1
    used.add(candidate)
    return candidate
