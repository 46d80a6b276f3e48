"""Gazetteer benchmark: build time of the embedded default, size on disk, open time, candidate
queries per second on one core, and the time to list every name (the recogniser's input).

    python benchmarks/bench_gazetteer.py                 # builds into a temp dir
    python benchmarks/bench_gazetteer.py --store PATH    # measure an existing store, no build

Prints numbers only; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from geomap.gazetteer import Gazetteer, build

# A realistic query mix: names from the store (hits, common and rare), filtered lookups, and
# misses, in the proportions a news article produces.
MISSES = ["Qzxwv", "Umerov", "Peskov", "Reuters", "Telegram", "Wednesday", "Newsmen"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="an existing store to measure (no build)")
    parser.add_argument("--queries", type=int, default=50_000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = args.store
        if path is None:
            path = Path(tmp) / "geomap.sqlite"
            started = time.perf_counter()
            build(path, progress=lambda m: print(f"  {time.perf_counter() - started:6.1f}s {m}"))
            print(f"build time          {time.perf_counter() - started:8.1f} s wall")
            cpu = resource.getrusage(resource.RUSAGE_SELF)
            print(f"build CPU time      {cpu.ru_utime + cpu.ru_stime:8.1f} s")
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"build peak RSS      {peak:8.0f} MB")
        print(f"size on disk        {path.stat().st_size / 1e6:8.1f} MB")

        started = time.perf_counter()
        gz = Gazetteer.open(path, build_if_missing=False)
        print(f"open time           {(time.perf_counter() - started) * 1000:8.2f} ms")

        started, cpu_started = time.perf_counter(), time.process_time()
        names = [key for key, _, _ in gz.iter_names()]
        print(
            f"iter_names          {time.perf_counter() - started:8.2f} s wall, "
            f"{time.process_time() - cpu_started:.2f} s CPU ({len(names):,} names)"
        )

        rng = random.Random(7)
        sample = rng.sample(names, min(len(names), args.queries))
        queries: list[tuple[str, str | None]] = []
        for i, name in enumerate(sample):
            if i % 10 == 0:
                queries.append((rng.choice(MISSES), None))
            elif i % 5 == 0:
                queries.append((name, "UA"))
            else:
                queries.append((name, None))
        # Two passes: the first meets every place for the first time (the cost of a new
        # article full of new names), the second finds them cached (a corpus that repeats
        # Kyiv, Ukraine and Russia).
        for label in ("first pass (cold)", "second pass (warm)"):
            started, cpu_started = time.perf_counter(), time.process_time()
            returned = 0
            for name, country in queries:
                returned += len(gz.candidates(name, country=country))
            elapsed = time.perf_counter() - started
            cpu = time.process_time() - cpu_started
            # CPU time as well as wall time: on a shared machine the wall clock measures the
            # neighbours; queries per CPU-second is what one free core would do.
            print(
                f"candidates() {label:<19} {len(queries) / elapsed:7.0f} queries/s wall, "
                f"{len(queries) / cpu:7.0f} per CPU-second "
                f"({returned / len(queries):.1f} places per query, limit 25)"
            )
        gz.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
