"""Event extraction and event geolocation against UCDP GED (Ukraine, 2014-2023).

Reads ../shared/data/events/ucdp_ged_ukraine.csv (or $GEOMAP_SHARED/data/...). Every row with
`where_prec` 1-2 (UCDP located the event at a named place or within a few km of one) is scored,
none left out: the text is the row's `source_headline` (several headlines joined by ";" become one
paragraph each), the article date is `date_start`, and the text runs through the pipeline's
stages up to events (recogniser, resolver on the gazetteer, event extractor). Printed:

* **hit@25km, all rows**: the share of rows where geomap places at least one event within 25 km
  of UCDP's point, over all where_prec 1-2 rows;
* **hit@25km, rows naming a settlement**: the same over the rows whose headline names UCDP's
  settlement. "Names a settlement" is defined mechanically: the first capitalised name of
  `where_description` that is not a district, region, direction, sector or facility ("near the
  village of Pisky, Yasynuvata district" -> Pisky; "Kievsky district of Donetsk" -> Donetsk)
  occurs in the headline as a whole word (case and accents folded; no spelling variants, so a
  headline that spells the place differently is not in the subset). These rows split into
  those whose headline is the bare place name (no event is stated, so none is extracted) and
  those that also say what happened; both shares are printed;
* **place@25km** over the rows naming a settlement: the share where the resolver places that
  name within 25 km of UCDP's point, event or not (the recogniser's and resolver's part);
* **no event**: the share of rows yielding no event at all;
* **event type agreement**, judged over rows with an event: UCDP's `type_of_violence` 1 and 2
  (fighting between organised armed groups) agree with ACLED's Battles and
  Explosions/Remote violence, 3 (one-sided violence) with Violence against civilians and
  Explosions/Remote violence; the row's event judged is the located one nearest UCDP's point,
  else its first event;
* the median error (UCDP point to the nearest located event) and killed-count agreement
  (geomap's largest fatalities count vs UCDP's `best`, over rows where geomap found a count).

With `--diagnose` the rows naming a settlement are broken down by what went wrong (the name not
recognised although the gazetteer has it, not in the gazetteer, resolved to a wrong namesake
while the right one was a candidate, no right candidate at all, no event stated, ...), with
examples: the list the recogniser's and resolver's owners turn into features.

    python benchmarks/bench_events_ucdp.py            # all where_prec 1-2 rows
    python benchmarks/bench_events_ucdp.py --json
    python benchmarks/bench_events_ucdp.py --diagnose
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run from a checkout without installing
HIT_KM = 25.0

VIOLENT_AGREEING = {
    "1": {"Battles", "Explosions/Remote violence"},
    "2": {"Battles", "Explosions/Remote violence"},
    "3": {"Violence against civilians", "Explosions/Remote violence"},
}


def ucdp_path() -> Path:
    shared = Path(os.environ.get("GEOMAP_SHARED", REPO.parent / "shared"))
    return shared / "data" / "events" / "ucdp_ged_ukraine.csv"


@dataclass(frozen=True, slots=True)
class Row:
    row_id: str
    text: str
    published: dt.date | None
    lat: float
    lon: float
    best: int
    low: int
    high: int
    violence_type: str = "1"
    where: str = ""
    settlement: str = ""  # UCDP's settlement when the headline names it, else ""
    bare: bool = False  # every headline is just a name (no event stated)


def _date(value: str) -> dt.date | None:
    for fmt in ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


# --- "the headline names a settlement" -------------------------------------------------------

_NAME_RUN = re.compile(r"[A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*)*")
# Capitalised words of a description that are not names ("Near the village of X", "Village of").
_NOT_NAME_WORDS = {
    "in", "near", "at", "on", "the", "area", "areas", "village", "villages", "town", "city",
    "settlement", "settlements", "east", "west", "north", "south", "of", "road", "between",
    "not", "far", "from", "outskirts", "suburb", "district", "region", "oblast",
}  # fmt: skip
# A name followed by one of these words is an area or a facility, not a settlement.
_NOT_SETTLEMENT_AFTER = re.compile(
    r"^\s*(?:direction|district|region|oblast|obl\b|sector|raion|rayon|province|people|"
    r"city council|airport|bulge|height|disengagement|checkpoint|op\b|axis|front)",
    re.I,
)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def first_settlement(where_description: str) -> str:
    """The first capitalised name of UCDP's description that is not an area or a facility."""
    for m in _NAME_RUN.finditer(where_description):
        words = m.group(0).split()
        while words and words[0].lower() in _NOT_NAME_WORDS:
            words = words[1:]
        if not words or (len(words) == 1 and words[0].isupper() and len(words[0]) <= 4):
            continue  # "DPR", "OP", "#"
        if _NOT_SETTLEMENT_AFTER.match(where_description[m.end() :]) or (
            len(words) > 1 and _NOT_SETTLEMENT_AFTER.match(" " + words[-1])
        ):
            continue  # "Kievsky district", "Donetsk Airport": an area or a facility
        return " ".join(words)
    return ""


def names_in(headline: str, name: str) -> bool:
    if not name:
        return False
    return re.search(rf"(?<!\w){re.escape(_fold(name))}(?!\w)", _fold(headline)) is not None


def load_rows(path: Path) -> list[Row]:
    """Every row with where_prec 1-2 (no subset)."""
    rows: list[Row] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            if rec["where_prec"].strip() not in {"1", "2"}:
                continue
            headlines = [h.strip() for h in rec["source_headline"].split(";") if h.strip()]
            text = "\n\n".join(headlines)
            settlement = first_settlement(rec["where_description"])
            named = settlement if names_in(text, settlement) else ""
            bare = bool(named) and all(_fold(h).strip(" .") == _fold(named) for h in headlines)
            rows.append(
                Row(
                    rec["id"],
                    text,
                    _date(rec["date_start"]),
                    float(rec["latitude"]),
                    float(rec["longitude"]),
                    int(float(rec["best"] or 0)),
                    int(float(rec["low"] or 0)),
                    int(float(rec["high"] or 0)),
                    rec.get("type_of_violence", "1").strip(),
                    rec["where_description"],
                    named,
                    bare,
                )
            )
    return rows


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from geomap.geodesy import geodesic_km
    from geomap.records import LatLon

    return geodesic_km(LatLon(lat1, lon1), LatLon(lat2, lon2))


@dataclass(slots=True)
class Tally:
    rows: int = 0
    hits: int = 0
    place_hits: int = 0

    def share(self, value: int) -> float:
        return value / self.rows if self.rows else 0.0


@dataclass(slots=True)
class Diagnosis:
    counts: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, kind: str, example: str) -> None:
        self.counts[kind] += 1
        if len(self.examples[kind]) < 8:
            self.examples[kind].append(example)


def evaluate(rows: list[Row], gazetteer=None, diagnose: bool = False) -> dict[str, object]:
    """Run the pipeline over `rows` and score events against UCDP (see module doc)."""
    from geomap.doc import make_doc
    from geomap.events import acled_event_type, extract_events
    from geomap.pipeline import default_gazetteer
    from geomap.records import Article
    from geomap.resolve import resolve_mentions
    from geomap.toponyms import find_mentions

    gz = gazetteer if gazetteer is not None else default_gazetteer()

    with_event = located_rows = hits = 0
    errors: list[float] = []
    counted = exact = in_range = 0
    judged = agreeing = 0
    named, bare_named, stated_named = Tally(), Tally(), Tally()
    diagnosis = Diagnosis()
    started = time.perf_counter()
    for row in rows:
        article = Article(id=f"ucdp-{row.row_id}", title="", text=row.text, published=row.published)
        doc = make_doc(article)
        doc.mentions = find_mentions(doc, gz)
        doc.resolutions = resolve_mentions(doc.mentions, gz, doc)
        events = extract_events(doc, doc.resolutions)
        if events:
            with_event += 1
        located = [e for e in events if e.location is not None and e.location.place is not None]
        distances = [
            (_km(row.lat, row.lon, e.location.place.point.lat, e.location.place.point.lon), e)
            for e in located
        ]
        nearest = min(distances, key=lambda d: d[0]) if distances else None
        hit = nearest is not None and nearest[0] <= HIT_KM
        if nearest is not None:
            located_rows += 1
            errors.append(nearest[0])
            hits += hit
        if events:
            judged += 1
            event = nearest[1] if nearest is not None else events[0]
            agreeing += acled_event_type(event)[0] in VIOLENT_AGREEING.get(row.violence_type, ())
        stated = [e.fatalities for e in events if e.fatalities is not None]
        if stated:
            counted += 1
            n = max(stated)
            exact += n == row.best
            in_range += row.low <= n <= max(row.high, row.best)
        if row.settlement:
            place_hit = _place_hit(row, doc.resolutions)
            for tally in (named, bare_named if row.bare else stated_named):
                tally.rows += 1
                tally.hits += hit
                tally.place_hits += place_hit
            if diagnose and not hit:
                kind = _diagnose(row, doc, events, gz, place_hit)
                diagnosis.add(kind, f"{row.text[:90]!r} [{row.where[:60]}]")
    elapsed = time.perf_counter() - started
    n_rows = len(rows)
    figures: dict[str, object] = {
        "rows": n_rows,
        "rows_with_event": with_event,
        "no_event_share": 1 - with_event / n_rows if n_rows else 0.0,
        "rows_with_located_event": located_rows,
        "hit25_share_all_rows": hits / n_rows if n_rows else 0.0,
        "rows_naming_settlement": named.rows,
        "hit25_share_naming_settlement": named.share(named.hits),
        "place25_share_naming_settlement": named.share(named.place_hits),
        "rows_naming_settlement_bare": bare_named.rows,
        "hit25_share_naming_settlement_bare": bare_named.share(bare_named.hits),
        "place25_share_naming_settlement_bare": bare_named.share(bare_named.place_hits),
        "rows_naming_settlement_stating_event": stated_named.rows,
        "hit25_share_naming_settlement_stating_event": stated_named.share(stated_named.hits),
        "place25_share_naming_settlement_stating_event": stated_named.share(
            stated_named.place_hits
        ),
        "event_type_agreement": agreeing / judged if judged else 0.0,
        "median_error_km": statistics.median(errors) if errors else float("nan"),
        "rows_with_stated_killed": counted,
        "killed_exact_agreement": exact / counted if counted else 0.0,
        "killed_within_low_high": in_range / counted if counted else 0.0,
        "seconds": elapsed,
        "ms_per_row": 1000.0 * elapsed / n_rows if n_rows else 0.0,
    }
    if diagnose:
        figures["diagnosis"] = {
            kind: {"rows": n, "examples": diagnosis.examples[kind]}
            for kind, n in diagnosis.counts.most_common()
        }
    return figures


def _settlement_mentions(row: Row, resolutions) -> list:
    folded = _fold(row.settlement)
    return [r for r in resolutions if folded in _fold(r.mention.text)]


def _place_hit(row: Row, resolutions) -> bool:
    for res in _settlement_mentions(row, resolutions):
        point = res.place.point if res.place is not None else None
        if point is not None and _km(row.lat, row.lon, point.lat, point.lon) <= HIT_KM:
            return True
    return False


def _diagnose(row: Row, doc, events, gazetteer, place_hit: bool) -> str:
    """Why a row naming a settlement has no event within 25 km (one kind per row)."""
    mentions = _settlement_mentions(row, doc.resolutions)
    candidates = gazetteer.candidates(row.settlement, limit=50)
    near = [p for p in candidates if _km(row.lat, row.lon, p.point.lat, p.point.lon) <= HIT_KM]
    if place_hit:
        if not events:
            return "place right, no event stated" if row.bare else "place right, no trigger found"
        return "place right, event placed elsewhere"
    if not mentions:
        if not candidates:
            return "recogniser: name not in the gazetteer"
        if not near:
            return "recogniser: name missed; gazetteer has only far namesakes"
        return "recogniser: name missed although the gazetteer has it"
    res = mentions[0]
    if res.place is None:
        return "resolver: left unresolved"
    if near:
        return "resolver: wrong namesake chosen (the right one was a candidate)"
    if candidates:
        return "gazetteer: no candidate within 25 km (wrong point or only namesakes)"
    return "resolver: matched a longer or other name"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--diagnose", action="store_true", help="break the misses down by kind, with examples"
    )
    args = parser.parse_args(argv)
    path = ucdp_path()
    if not path.exists():
        print(f"UCDP file not found: {path} (set GEOMAP_SHARED)", file=sys.stderr)
        return 2
    from geomap.pipeline import default_gazetteer

    gazetteer = default_gazetteer()
    figures = evaluate(load_rows(path), gazetteer, diagnose=args.diagnose)
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
        return 0
    diagnosis = figures.pop("diagnosis", None)
    for key, value in figures.items():
        print(f"{key:46s} {value:.3f}" if isinstance(value, float) else f"{key:46s} {value}")
    if diagnosis:
        print("\nrows naming a settlement without an event within 25 km, by kind:")
        for kind, found in diagnosis.items():
            print(f"  {found['rows']:5d}  {kind}")
            for example in found["examples"]:
                print(f"           {example}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
