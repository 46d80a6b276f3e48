"""GeoNames dump import: rows/s and peak memory on a synthetic file in the real format.

    python benchmarks/bench_gazetteer_import.py [--rows 2000000] [--names-per-row 3]

Writes a synthetic `allCountries`-format file (19 tab-separated columns, random names and
points, a realistic mix of feature classes and alternate names), imports it into an empty store
in a child process (so its peak RSS is the importer's alone), and prints rows/s, peak memory, the
store size, and the projected time for GeoNames' allCountries (~13.2 million rows).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ALL_COUNTRIES_ROWS = 13_200_000
SYLLABLES = (
    "ka", "ri", "no", "va", "lu", "to", "mi", "sa", "de", "ne", "ko", "zhy", "ch", "ivka",
    "ovo", "ske", "burg", "ton", "ville",
)  # fmt: skip
CLASSES = [("P", "PPL")] * 6 + [("H", "STM"), ("T", "HLL"), ("S", "SCH"), ("A", "ADM3")]


def synthetic_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).title()


def write_dump(path: Path, rows: int, names_per_row: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(1, rows + 1):
            name = synthetic_name(rng)
            alternates = ",".join(
                synthetic_name(rng) for _ in range(rng.randint(0, 2 * names_per_row))
            )
            fclass, fcode = rng.choice(CLASSES)
            fh.write(
                f"{10_000_000 + i}\t{name}\t{name}\t{alternates}\t{rng.uniform(-60, 70):.5f}\t"
                f"{rng.uniform(-180, 180):.5f}\t{fclass}\t{fcode}\tUA\t\t{rng.randint(1, 27):02d}"
                f"\t\t\t\t{rng.choice([0, 0, 120, 4500])}\t\t150\tEurope/Kyiv\t2024-01-01\n"
            )


CHILD = """
import resource, sys, time
from pathlib import Path
sys.path.insert(0, {repo!r})
from geomap.gazetteer.importers.geonames import import_geonames
from geomap.gazetteer.store import Store
started = time.perf_counter()
with Store.edit(Path({store!r}), fresh=True) as store:
    stats = import_geonames(store, Path({dump!r}))
    imported = time.perf_counter()
print(stats.rows, stats.places, stats.names, imported - started, time.perf_counter() - started,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--names-per-row", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        dump, store = Path(tmp) / "allCountries.txt", Path(tmp) / "store.sqlite"
        t0 = time.perf_counter()
        write_dump(dump, args.rows, args.names_per_row)
        print(f"synthetic dump: {args.rows:,} rows, {dump.stat().st_size / 1e6:.0f} MB "
              f"(written in {time.perf_counter() - t0:.0f} s)")  # fmt: skip
        out = subprocess.run(
            [sys.executable, "-c", CHILD.format(repo=str(REPO), store=str(store), dump=str(dump))],
            check=True, capture_output=True, text=True,
        ).stdout.split()  # fmt: skip
        rows, places, names = int(out[0]), int(out[1]), int(out[2])
        import_s, total_s, rss_kb = float(out[3]), float(out[4]), int(out[5])
        rate = rows / total_s
        print(f"imported {rows:,} rows -> {places:,} places, {names:,} names")
        print(f"time: {import_s:.1f} s streaming + {total_s - import_s:.1f} s finalising "
              f"= {total_s:.1f} s  ({rate:,.0f} rows/s)")  # fmt: skip
        print(f"peak memory of the importer: {rss_kb / 1024:.0f} MB")
        print(f"store size: {store.stat().st_size / 1e6:.0f} MB")
        print(f"projected allCountries ({ALL_COUNTRIES_ROWS:,} rows): "
              f"{ALL_COUNTRIES_ROWS / rate / 60:.0f} min at this rate")  # fmt: skip


if __name__ == "__main__":
    main()
