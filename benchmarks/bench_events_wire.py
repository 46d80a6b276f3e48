"""Events on real wire copy: the Russia-Ukraine articles of the shared wire corpus.

Reads ../shared/data/news/wire_conflict_articles_2024-07.jsonl (or $GEOMAP_SHARED/data/...).
The Russia-Ukraine articles are chosen mechanically, none by hand: those whose title and text
name Russia or Ukraine (Russia, Ukraine, Kyiv, Kremlin, Zelensky, Putin, Moscow and their
derived forms) more often than the Middle East and Sudan (Israel, Gaza, Hamas, Hezbollah,
Lebanon, Yemen, Houthi, Sudan, Iran, Palestine, West Bank, Syria, Golan, Beirut, Tel Aviv).
Each runs through `geomap.analyze` with its publication date; printed: articles, events,
events per article, the share of events located at a town (geo precision 1-2), the event types.

`--sample N --seed S` prints N events drawn uniformly at random (seeded) from all the events,
with their sentence, for a hand check of precision (is it an event the sentence reports, of that
type, at that place, on that date?). The README gives the verdicts of one such draw.

    python benchmarks/bench_events_wire.py
    python benchmarks/bench_events_wire.py --sample 40 --seed 7
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import os
import random
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run from a checkout without installing

RUSSIA_UKRAINE = re.compile(r"Ukrain|Russia|Kyiv|Kremlin|Zelensky|Putin|Moscow", re.I)
MIDDLE_EAST_SUDAN = re.compile(
    r"Israel|Gaza|Hamas|Hezbollah|Lebanon|Yemen|Houthi|Sudan|Iran|Palestin|West Bank|Syria|"
    r"Golan|Beirut|Tel Aviv",
    re.I,
)


def wire_path() -> Path:
    shared = Path(os.environ.get("GEOMAP_SHARED", REPO.parent / "shared"))
    return shared / "data" / "news" / "wire_conflict_articles_2024-07.jsonl"


def russia_ukraine_articles(path: Path) -> list[dict]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            text = f"{row['title']} {row['text']}"
            if len(RUSSIA_UKRAINE.findall(text)) > len(MIDDLE_EAST_SUDAN.findall(text)):
                out.append(row)
    return out


def run(rows: list[dict], gazetteer=None) -> list[tuple[dict, list]]:
    """(row, events) for each article, through the whole pipeline."""
    from geomap.article import article_from_text
    from geomap.pipeline import analyze, default_gazetteer

    gz = gazetteer if gazetteer is not None else default_gazetteer()
    out = []
    for row in rows:
        published = dt.datetime.strptime(row["published"][:10], "%Y-%m-%d").date()
        article = article_from_text(row["text"], title=row["title"], date=published)
        out.append((row, analyze(article, gazetteer=gz).events))
    return out


def figures(results: list[tuple[dict, list]]) -> dict[str, object]:
    events = [e for _, evs in results for e in evs]
    types = collections.Counter(f"{e.event_type} / {e.sub_event_type}" for e in events)
    town = sum(1 for e in events if e.location is not None and e.geo_precision <= 2)
    return {
        "articles": len(results),
        "events": len(events),
        "events_per_article": len(events) / len(results) if results else 0.0,
        "articles_with_event": sum(1 for _, evs in results if evs),
        "events_at_town_level": town,
        "types": dict(types.most_common()),
    }


def sample(results: list[tuple[dict, list]], n: int, seed: int) -> list[tuple[dict, object]]:
    pairs = [(row, e) for row, evs in results for e in evs]
    return random.Random(seed).sample(pairs, min(n, len(pairs)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=0, help="print N random events")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    path = wire_path()
    if not path.exists():
        print(f"wire corpus not found: {path} (set GEOMAP_SHARED)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    results = run(russia_ukraine_articles(path))
    found = figures(results)
    found["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(found, indent=2))
    for i, (row, event) in enumerate(sample(results, args.sample, args.seed), 1):
        place = event.location.place if event.location is not None else None
        where = f"{place.name} ({place.admin1}) p{event.geo_precision}" if place else "-"
        print(
            f"\n[{i}] {row['title'][:70]}\n    {event.event_type} / {event.sub_event_type}"
            f" | {where} | {event.date} | trigger '{event.trigger}'\n    {event.evidence[:300]}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
