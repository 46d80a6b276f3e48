"""Fit the resolver's ranking weights on the shared annotated corpora; report held-out folds.

    python tools/fit_resolver.py                       # 5-fold CV report, then fit on all, write
    python tools/fit_resolver.py --folds 5 --no-write  # report only
    python tools/fit_resolver.py --limit 20 --out /tmp/w.json   # a small slice (CI)

Corpora (read by path from ../shared or $GEOMAP_SHARED; nothing of them is copied): GeoWebNews
(GWN.xml) and LGL (lgl.xml with lgl_patches.tsv). Folds are by article (a stable hash of the
article id). For each held-out fold the weights are fitted on the other folds only, and the
fold is scored with gold spans in their document context (acc@161 km). The weights written
(geomap/data/weights/resolver.json) are then fitted on every article; the held-out numbers are
stored beside them in the file's `meta`. Needs only numpy.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from geomap.evaluation import apply_patches, read_geowebnews, read_lgl, read_patches  # noqa: E402
from geomap.gazetteer import Gazetteer  # noqa: E402
from geomap.learn.resolver import DEFAULT_L2, cross_validate, fit_resolver, prepare  # noqa: E402

WEIGHTS = REPO / "geomap" / "data" / "weights" / "resolver.json"


def shared_data() -> Path:
    return Path(os.environ.get("GEOMAP_SHARED", REPO.parent / "shared")) / "data"


def corpora(limit: int | None) -> dict[str, list]:
    base = shared_data() / "geoparsing"
    gwn = list(read_geowebnews(base / "GeoWebNews" / "GWN.xml"))
    lgl = list(
        apply_patches(
            read_lgl(base / "LGL" / "lgl.xml"), read_patches(base / "LGL" / "lgl_patches.tsv")
        )
    )
    for name, docs in (("GWN", gwn), ("LGL", lgl)):
        for d in docs:
            d.id = f"{name}:{d.id}"
    return {"GWN": gwn[:limit], "LGL": lgl[:limit]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--l2", type=float, default=DEFAULT_L2)
    parser.add_argument("--limit", type=int, help="only the first N articles of each corpus")
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    parser.add_argument("--no-write", action="store_true", help="report the folds only")
    parser.add_argument("--no-cv", action="store_true", help="fit on all and write, no report")
    args = parser.parse_args(argv)
    if not (shared_data() / "geoparsing").exists():
        print(f"fit_resolver: shared corpora not found under {shared_data()}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    gz = Gazetteer.open(build_if_missing=True)
    prepared = {name: [prepare(d, gz) for d in docs] for name, docs in corpora(args.limit).items()}
    everything = [p for docs in prepared.values() for p in docs]
    print(f"prepared {len(everything)} articles in {time.perf_counter() - started:.0f} s")
    held_out: dict[str, float] = {}
    if not args.no_cv:
        per_doc = cross_validate(everything, gz, folds=args.folds, l2=args.l2, progress=print)
        for name, docs in prepared.items():
            total = sum(per_doc[p.id][0] for p in docs)
            right = sum(per_doc[p.id][1] for p in docs)
            held_out[name] = round(100 * right / max(total, 1), 2)
            print(f"{name}: held-out acc@161 {held_out[name]:.2f}% of {total} gold toponyms")
    if args.no_write:
        return 0
    model = fit_resolver(everything, gz, l2=args.l2, progress=print)
    meta = dict(model.meta)
    meta.update(
        {
            "corpora": {name: len(docs) for name, docs in prepared.items()},
            "held_out_acc161_percent": held_out,
            "folds": args.folds,
            "script": "tools/fit_resolver.py",
        }
    )
    type(model)(weights=model.weights, meta=meta).save(args.out)
    print(f"wrote {args.out} ({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
