"""Time the claim parser and verifier, and score the claims test set on each border dataset.

    python benchmarks/bench_claims.py              # parse 1,000 copies of the test set, verify it
    GEOMAP_SHARED=../shared python benchmarks/bench_claims.py   # also the sample article

Prints numbers; asserts nothing (tests/test_claims*.py do that).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]  # run from a checkout without installing

from test_claims_testset import check_case, load_catalogue, load_testset  # noqa: E402

from geomap.claims import parse_claims  # noqa: E402


def bench_parse(cases: list[dict], copies: int = 1000) -> None:
    text = " ".join(case["text"] for case in cases)
    start = time.perf_counter()
    found = 0
    for _ in range(copies):
        found += len(parse_claims(text))
    elapsed = time.perf_counter() - start
    chars = len(text) * copies
    print(f"parse: {copies} x {len(text):,} chars, {found:,} claims in {elapsed:.2f} s "
          f"({chars / elapsed / 1e6:.2f} M chars/s)")  # fmt: skip


def bench_verify(cases: list[dict]) -> None:
    from geomap.geometry import DATASETS, ReferenceLayers

    catalogue = load_catalogue()
    for dataset in DATASETS:
        reference = ReferenceLayers.default(dataset)
        start = time.perf_counter()
        check_case(cases[0], catalogue, reference)  # load the layers
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        failures = [f for case in cases if (f := check_case(case, catalogue, reference))]
        elapsed = time.perf_counter() - start
        rate = 1 - len(failures) / len(cases)
        print(f"verify [{dataset}]: {len(cases)} sentences in {elapsed:.2f} s "
              f"(layers loaded in {loaded:.2f} s), pass rate {rate:.1%}")  # fmt: skip
        for failure in failures:
            print("   ", *failure, sep="\n    ")


def main() -> None:
    cases = load_testset()
    bench_parse(cases)
    bench_verify(cases)


if __name__ == "__main__":
    main()
