"""Front-line reporting on real wire copy: are the villages where the war is, and do the
article's direction/distance statements check out?

Reads ../shared/data/news/wire_conflict_articles_2024-07.jsonl (161 wire articles, 16 Jul - 1 Aug
2024) and the DeepStateMap occupied-area layers in ../shared/data/frontline/ (or $GEOMAP_SHARED).
Every article that names a place geomap resolves in Ukraine is analysed with the front line of its
date (the latest layer dated on or before the article; the earliest if none) given as
`--layer frontline=...`, and we report over ALL those articles:

* villages: resolved places in Ukraine that are populated places of under 20,000 people (or of
  unknown size: KATOTTG and postal entries), counted once per article; the share whose point lies
  within 30 km of the front line (the occupied area's edge, borders and coasts removed). Nearly
  all villages such reports name are near the line: one far from it is usually a namesake chosen
  wrongly.
* verdicts: distance and direction claims with a decided verdict; the share "consistent" (the
  sources are careful: most "inconsistent" verdicts are geomap's errors).

    python benchmarks/bench_frontline.py            # all articles
    python benchmarks/bench_frontline.py --list     # also list far villages and inconsistent claims
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

NEAR_KM = 30.0
VILLAGE_POPULATION = 20_000


def shared_data() -> Path:
    return Path(os.environ.get("GEOMAP_SHARED", REPO.parent / "shared")) / "data"


def layer_files() -> dict[dt.date, Path]:
    out = {}
    for path in sorted((shared_data() / "frontline").glob("deepstatemap_data_*.geojson")):
        stamp = path.stem.rsplit("_", 1)[-1]
        out[dt.date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:]))] = path
    return out


def layer_for(day: dt.date, files: dict[dt.date, Path]) -> Path:
    earlier = [d for d in files if d <= day]
    return files[max(earlier)] if earlier else files[min(files)]


def is_village(place) -> bool:
    return (
        place.country_code == "UA"
        and place.kind == "populated_place"
        and place.population < VILLAGE_POPULATION
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--list", action="store_true", help="list far villages and inconsistent claims"
    )
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args(argv)
    news = shared_data() / "news" / "wire_conflict_articles_2024-07.jsonl"
    if not news.exists():
        print(f"bench_frontline: {news} not found (set GEOMAP_SHARED)", file=sys.stderr)
        return 2
    import geomap
    from geomap.claims import default_reference
    from geomap.claims.frontline import front_line_of
    from geomap.geometry import load_user_layer, nearest_point

    files = layer_files()
    layers = {day: load_user_layer(path, "frontline") for day, path in files.items()}
    reference = default_reference()
    rows = [
        json.loads(line) for line in news.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    started = time.perf_counter()
    articles = villages = near = decided = consistent = 0
    far: list[str] = []
    wrong: list[str] = []
    for row in rows:
        day = dt.date.fromisoformat(row["published"][:10])
        files_day = max([d for d in files if d <= day], default=min(files))
        layer = layers[files_day]
        report = geomap.analyze(
            row["text"], title=row["title"], date=day, layers={"frontline": layer}
        )
        if not any(
            r.place is not None and r.place.country_code == "UA" for r in report.resolutions
        ):
            continue
        articles += 1
        line, _ = front_line_of(layer, reference)
        for r in report.places:
            if not is_village(r.place):
                continue
            villages += 1
            _, km = nearest_point(line, r.place.point)
            if km <= NEAR_KM:
                near += 1
            else:
                far.append(
                    f"{km:6.0f} km  {r.mention.text} -> {r.place.name} ({r.place.admin1}) "
                    f"[{r.place.source}] {row['title'][:60]}"
                )
        for claim in report.claims:
            if claim.kind not in ("distance", "direction") or claim.verdict == "unverifiable":
                continue
            decided += 1
            if claim.verdict == "consistent":
                consistent += 1
            else:
                wrong.append(f"{claim.claim_text!r}: {claim.reason[:160]}")
    seconds = time.perf_counter() - started
    result = {
        "articles_with_ukrainian_places": articles,
        "villages": villages,
        "villages_within_30km_percent": round(100 * near / villages, 1) if villages else None,
        "decided_verdicts": decided,
        "consistent_percent": round(100 * consistent / decided, 1) if decided else None,
        "seconds": round(seconds, 1),
    }
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print(f"articles naming a resolved place in Ukraine: {articles} of {len(rows)}")
        print(
            f"villages within {NEAR_KM:.0f} km of the front line: {near}/{villages} = "
            f"{result['villages_within_30km_percent']}%"
        )
        print(
            f"decided distance/direction verdicts consistent: {consistent}/{decided} = "
            f"{result['consistent_percent']}%   ({seconds:.0f} s)"
        )
    if args.list:
        print("\nvillages far from the line:")
        print("\n".join(sorted(far, reverse=True)))
        print("\nverdicts not consistent:")
        print("\n".join(wrong))
    return 0


if __name__ == "__main__":
    sys.exit(main())
