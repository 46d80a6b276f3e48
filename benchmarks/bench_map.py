"""Time `geomap map` on the sample article and the analysis alone on 100 copies of it.

    python benchmarks/bench_map.py [ARTICLE] [--copies 100]

ARTICLE defaults to ../shared/data/articles/istanbul-peace-talks.txt (else examples/). Prints:
the gazetteer build time (only if the store had to be built), the wall time of a cold
`geomap map` process with the store built, and the per-article analysis time (warm, in-process).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def default_article() -> Path:
    shared = Path(os.environ.get("GEOMAP_SHARED", REPO.parent / "shared"))
    sample = shared / "data" / "articles" / "istanbul-peace-talks.txt"
    return sample if sample.exists() else REPO / "examples" / "varachyne-capture.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=default_article())
    parser.add_argument("--copies", type=int, default=100)
    args = parser.parse_args()

    from geomap.article import read_article
    from geomap.gazetteer import Gazetteer, default_store_path
    from geomap.pipeline import analyze

    store = default_store_path()
    t0 = time.perf_counter()
    existed = store.exists()
    gazetteer = Gazetteer.open()
    if not existed:
        print(f"gazetteer build (first use): {time.perf_counter() - t0:.1f} s")

    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "geomap", "map", str(args.article), "--date", "2025-07-23",
             "-o", out, "-q"],  # fmt: skip
            check=True, env={**os.environ, "PYTHONPATH": str(REPO)},
        )  # fmt: skip
        print(f"geomap map, cold process, store built: {time.perf_counter() - t0:.2f} s")

    article = read_article(args.article, date=dt.date(2025, 7, 23))
    analyze(article, gazetteer=gazetteer)  # warm caches (automaton, reference layers)
    t0 = time.perf_counter()
    for _ in range(args.copies):
        analyze(article, gazetteer=gazetteer)
    elapsed = time.perf_counter() - t0
    words = len(article.text.split())
    print(
        f"analysis alone, {args.copies} copies of a {words}-word article: {elapsed:.2f} s "
        f"({elapsed / args.copies * 1000:.1f} ms/article, {args.copies / elapsed:.1f} articles/s)"
    )


if __name__ == "__main__":
    main()
