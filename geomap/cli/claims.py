"""`geomap claims`: list every spatial claim in articles with its verdict, as a table or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from geomap.cli.common import add_analysis_options, load_layers, open_gazetteer
from geomap.records import Claim

EPILOG = """\
examples:
  geomap claims examples/varachyne-capture.txt
  geomap claims article.txt --date 2025-07-23 --json
  geomap claims article.txt --layer frontline=deepstatemap.geojson

Each claim is listed with its verdict (consistent / inconsistent / unverifiable), the stated and
measured km, the tolerance used and the reason. Distances are geodesic km on WGS84 to the nearest
point of the reference (border line, front line, coast, place, region). A claim about "the front
line" needs a layer named frontline; without one it is unverifiable.
"""

_COLUMNS = ("verdict", "kind", "claim", "place", "reference", "stated", "measured", "tol")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "claims",
        help="check the spatial claims in articles (distances, directions, regions, lengths)",
        description="Find the spatial claims in each article and verify them against the "
        "shipped reference geometry and any --layer you give.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("articles", nargs="+", type=Path, metavar="ARTICLE", help="article files")
    parser.add_argument("--json", action="store_true", help="print JSON (one object per article)")
    add_analysis_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geomap.article import read_article
    from geomap.pipeline import analyze

    articles = [read_article(p, date=args.date, encoding=args.encoding) for p in args.articles]
    layers = load_layers(args.layer)
    gazetteer = open_gazetteer(args)
    results = []
    for path, article in zip(args.articles, articles, strict=True):
        report = analyze(article, gazetteer=gazetteer, layers=layers, lang=args.lang)
        if args.json:
            results.append({"article": str(path), "title": article.title,
                            "claims": [claim_to_dict(c) for c in report.claims]})  # fmt: skip
        else:
            print(format_table(str(path), report.claims))
    if args.json:
        json.dump(results if len(results) > 1 else results[0], sys.stdout, indent=2,
                  ensure_ascii=False)  # fmt: skip
        print()
    return 0


def claim_to_dict(claim: Claim) -> dict:
    """A claim as plain JSON-ready data (the GeoJSON property names of the end-to-end issue)."""
    place = claim.place.place if claim.place is not None else None
    return {
        "kind": claim.kind,
        "claim_text": claim.claim_text,
        "start": claim.start,
        "end": claim.end,
        "sentence": claim.sentence,
        "place": place.name if place else (claim.place.mention.text if claim.place else None),
        "place_point": [place.point.lat, place.point.lon] if place else None,
        "reference": claim.reference,
        "verdict": claim.verdict,
        "reason": claim.reason,
        "stated_km": claim.stated_km,
        "stated_min_km": claim.stated_min_km,
        "stated_max_km": claim.stated_max_km,
        "hedge": claim.hedge,
        "unit": claim.unit,
        "stated_value": claim.stated_value,
        "conversion_check": claim.conversion_check,
        "measured_km": claim.measured_km,
        "tolerance_km": claim.tolerance_km,
        "nearest_point": (
            [claim.nearest_point.lat, claim.nearest_point.lon] if claim.nearest_point else None
        ),
        "direction_stated": claim.direction_stated,
        "direction_measured": claim.direction_measured,
    }


def format_table(title: str, claims: list[Claim]) -> str:
    """A fixed-width table, one claim a row, with the reason on its own indented line."""
    lines = [f"{title}: {len(claims)} claim(s)"]
    if not claims:
        return lines[0]
    rows = [_COLUMNS]
    for claim in claims:
        place = claim.place.place.name if claim.place and claim.place.place else (
            claim.place.mention.text if claim.place else "-"
        )  # fmt: skip
        rows.append((
            claim.verdict, claim.kind, _cut(claim.claim_text, 44), _cut(place, 18),
            _cut(claim.reference, 18), _num(claim.stated_km), _num(claim.measured_km),
            _num(claim.tolerance_km),
        ))  # fmt: skip
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(_COLUMNS))]
    for index, row in enumerate(rows):
        lines.append("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
        if index > 0:
            lines.append(f"    {claims[index - 1].reason}")
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"
