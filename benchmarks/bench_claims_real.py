"""Claims checked end to end on real sentences, against the truth of gold coordinates.

    GEOMAP_SHARED=/work/shared python benchmarks/bench_claims_real.py [--list] [--kind K]

The claims are mined afresh from ../shared on every run (benchmarks/real_claims.py says how, and
how the truth is computed from gold points). Each text goes through the whole pipeline
(`geomap.analyze`: recognition, resolution on the configured gazetteer, claim checking with the
shipped reference layers), and the claim geomap finds over the mined words is scored:

- right:            consistent where the gold geometry bears the claim out, inconsistent where it
                    does not, about the right place (geomap's subject is the mined subject);
- false accusation: inconsistent where the gold geometry bears the claim out (the number that must
                    stay at zero);
- missed error:     consistent where the gold geometry contradicts the claim;
- unverifiable:     geomap declined, with a reason (also when it found no place for the claim);
- wrong subject:    a verdict about another place of the sentence;
- not found:        no claim of that kind over those words.

Two runs side by side: "pipeline" (what a user gets: geomap's own place recognition and
resolution) and "gold places" (the claim checker alone: the sentence's gold toponyms given as the
resolved places, at their gold points, so that only parsing, the choice of subject and the
verdict are measured). Prints the counts per kind and overall, and with --list every claim that
is not right in either run.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "benchmarks")]  # run from a checkout without installing

from real_claims import RealClaim, mine  # noqa: E402

OUTCOMES = (
    "right", "false accusation", "missed error", "unverifiable", "wrong subject", "not found",
)  # fmt: skip
_KIND_FAMILY = {"distance": {"distance"}, "direction": {"direction", "distance"},
                "containment": {"containment", "descriptor"}}  # fmt: skip


def score(mined: RealClaim, claims) -> tuple[str, object]:
    """(outcome, geomap's claim or None) for one mined claim."""
    over = [
        c for c in claims
        if c.kind in _KIND_FAMILY[mined.kind] and c.start < mined.end and mined.start < c.end
    ]  # fmt: skip
    if not over:
        return "not found", None
    subject = mined.subject

    def about_subject(c) -> bool:
        m = c.place.mention if c.place is not None else None
        return m is not None and m.start < subject.end and subject.start < m.end

    right_subject = [c for c in over if about_subject(c)]
    claim = (right_subject or over)[0]
    if claim.verdict == "inconsistent" and mined.truth:
        return "false accusation", claim
    if claim.verdict == "unverifiable" and (right_subject or claim.place is None):
        return "unverifiable", claim
    if not right_subject:
        return "wrong subject", claim
    if (claim.verdict == "consistent") == mined.truth:
        return "right", claim
    return "missed error", claim


def gold_resolutions(claim: RealClaim, reference) -> list:
    """The claim's gold places as resolutions (checker-alone run)."""
    from geomap.records import LatLon, Mention, Place, Resolution

    out = []
    for gold in claim.places:
        point = LatLon(gold.lat, gold.lon)
        country = reference.country_at(point) or ""
        region = reference.admin1_at(point)
        place = Place(
            place_id=f"gold:{gold.text}:{gold.lat:.4f},{gold.lon:.4f}", name=gold.text,
            point=point, kind=gold.kind, country_code=country,
            admin1=region.name if region is not None else "", source="gold",
            uncertainty_km=1.0, precision="point",
        )  # fmt: skip
        mention = Mention(gold.text, gold.start, gold.end, "", 0)
        out.append(Resolution(mention, place, 0.99, "gold"))
    return out


def run(mined: list[RealClaim], mode: str) -> tuple[dict[str, Counter], list, int, float]:
    from geomap import analyze
    from geomap.claims import default_reference, extract_claims
    from geomap.records import Article

    reference = default_reference()
    reports: dict[str, list] = {}
    outcomes: dict[str, Counter] = defaultdict(Counter)
    failures = []
    start = time.perf_counter()
    for claim in mined:
        if mode == "pipeline":
            if claim.text not in reports:
                reports[claim.text] = analyze(claim.text).claims
            claims = reports[claim.text]
        else:
            article = Article(id=claim.source, title="", text=claim.text)
            resolutions = gold_resolutions(claim, reference)
            claims = extract_claims(article, resolutions, reference=reference)
        outcome, found = score(claim, claims)
        outcomes[claim.kind][outcome] += 1
        outcomes["all"][outcome] += 1
        if outcome != "right":
            failures.append((outcome, claim, found))
    return outcomes, failures, len(reports), time.perf_counter() - start


def print_table(title: str, outcomes: dict[str, Counter]) -> None:
    print(f"\n{title}")
    print(f"{'kind':<12}{'n':>5}{'right':>8}" + "".join(f"{o[:12]:>14}" for o in OUTCOMES[1:]))
    for kind in ("distance", "direction", "containment", "all"):
        counts = outcomes.get(kind)
        if not counts:
            continue
        n = sum(counts.values())
        row = f"{kind:<12}{n:>5}{counts['right'] / n:>8.1%}"
        row += "".join(f"{counts[o]:>14}" for o in OUTCOMES[1:])
        print(row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print every claim not right")
    parser.add_argument("--kind", help="only this kind (distance, direction, containment)")
    args = parser.parse_args()

    start = time.perf_counter()
    mined = [c for c in mine() if not args.kind or c.kind == args.kind]
    mined_s = time.perf_counter() - start
    true = sum(c.truth for c in mined)
    print(f"{len(mined)} real claims mined in {mined_s:.1f} s from ../shared ({true} true by "
          "gold geometry)")  # fmt: skip
    outcomes, failures, texts, elapsed = run(mined, "pipeline")
    print_table(f"pipeline ({texts} texts analysed in {elapsed:.1f} s)", outcomes)
    gold_outcomes, gold_failures, _, elapsed = run(mined, "gold places")
    print_table(f"gold places (the claim checker alone, {elapsed:.1f} s)", gold_outcomes)
    if args.list:
        listed = [("pipeline", f) for f in failures] + [("gold places", f) for f in gold_failures]
        for mode, (outcome, claim, found) in sorted(
            listed, key=lambda f: (f[0] != "pipeline", OUTCOMES.index(f[1][0]))
        ):
            truth = "true" if claim.truth else "false"
            print(f"\n{mode} [{outcome}] {claim.source} {claim.kind} ({truth}: {claim.measured}) "
                  f"{claim.subject.name} | {claim.words!r}")  # fmt: skip
            if found is not None:
                subject = found.place.mention.text if found.place is not None else None
                print(f"    geomap: {found.verdict} about {subject!r}: {found.reason[:300]}")


if __name__ == "__main__":
    main()
