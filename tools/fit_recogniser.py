"""Fit the recogniser's decision weights on the shared annotated corpora; report held-out folds.

    python tools/fit_recogniser.py                       # 5-fold CV report, then fit on all, write
    python tools/fit_recogniser.py --folds 5 --no-write  # report only
    python tools/fit_recogniser.py --limit 20 --out /tmp/w.json   # a small slice (CI)

Corpora (read by path from ../shared or $GEOMAP_SHARED; nothing of them is copied): GeoWebNews
(GWN.xml: literal toponyms are places; associative uses are left out; Non_Toponym, expressions
and homonyms are not places) and LGL (lgl.xml: geocoded toponyms are places). Folds are by
article (a stable hash of the article id). For each held-out fold the weights are fitted on the
other folds only, and the fold is recognised end to end and scored as `geomap eval` scores it
(precision, recall and F1 on exact and on overlapping spans). The report gives, per corpus, the
mean of the folds' F1 and the pooled held-out numbers. The weights written
(geomap/data/weights/recogniser.json) are then fitted on every article; the held-out numbers
are stored beside them in the file's `meta`. Needs only numpy.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from fit_resolver import corpora, shared_data  # noqa: E402

from geomap.evaluation import RecognitionScores  # noqa: E402
from geomap.gazetteer import Gazetteer  # noqa: E402
from geomap.learn.recogniser import (  # noqa: E402
    DEFAULT_L2,
    add,
    cross_validate,
    fit_recogniser,
    in_sample,
    prepare,
)

WEIGHTS = REPO / "geomap" / "data" / "weights" / "recogniser.json"


def held_out_report(prepared: dict[str, list], per_doc: dict, folds: int) -> dict[str, dict]:
    report: dict[str, dict] = {}
    for name, docs in prepared.items():
        pooled = RecognitionScores()
        by_fold = [RecognitionScores() for _ in range(folds)]
        for p in docs:
            k, scores = per_doc[p.id]
            add(pooled, scores)
            add(by_fold[k], scores)
        fold_f1 = [f.summary() for f in by_fold if f.gold]
        s = pooled.summary()
        report[name] = {
            "mean_fold_f1_exact": round(statistics.fmean(f["f1_exact"] for f in fold_f1), 4),
            "mean_fold_f1_overlap": round(statistics.fmean(f["f1_overlap"] for f in fold_f1), 4),
            "fold_f1_exact": [f["f1_exact"] for f in fold_f1],
            **{k: s[k] for k in ("gold", "precision_exact", "recall_exact", "f1_exact",
                                 "precision_overlap", "recall_overlap", "f1_overlap")},
        }  # fmt: skip
        r = report[name]
        print(
            f"{name}: held out, mean over {len(fold_f1)} folds: F1 {r['mean_fold_f1_exact']:.3f} "
            f"exact, {r['mean_fold_f1_overlap']:.3f} overlapping; pooled P/R/F1 exact "
            f"{r['precision_exact']:.3f}/{r['recall_exact']:.3f}/{r['f1_exact']:.3f}, overlapping "
            f"{r['precision_overlap']:.3f}/{r['recall_overlap']:.3f}/{r['f1_overlap']:.3f} "
            f"({r['gold']} gold toponyms)"
        )
    return report


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
        print(f"fit_recogniser: shared corpora not found under {shared_data()}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    gz = Gazetteer.open(build_if_missing=True)
    prepared = {name: [prepare(d, gz) for d in docs] for name, docs in corpora(args.limit).items()}
    everything = [p for docs in prepared.values() for p in docs]
    print(f"prepared {len(everything)} articles in {time.perf_counter() - started:.0f} s")
    held_out: dict[str, dict] = {}
    if not args.no_cv:
        per_doc = cross_validate(everything, gz, folds=args.folds, l2=args.l2, progress=print)
        held_out = held_out_report(prepared, per_doc, args.folds)
    if args.no_write:
        return 0
    model = fit_recogniser(everything, l2=args.l2, progress=print)
    fitted_on_all = {}
    for name, docs in prepared.items():
        s = in_sample(docs, gz, model).summary()
        fitted_on_all[name] = {"f1_exact": s["f1_exact"], "f1_overlap": s["f1_overlap"]}
        print(f"{name}: in-sample (weights fitted on every article) F1 {s['f1_exact']:.3f} exact")
    meta = dict(model.meta)
    meta.update(
        {
            "corpora": {name: len(docs) for name, docs in prepared.items()},
            "held_out_recognition": held_out,
            "in_sample_recognition": fitted_on_all,
            "folds": args.folds,
            "script": "tools/fit_recogniser.py",
        }
    )
    type(model)(weights=model.weights, threshold=model.threshold, meta=meta).save(args.out)
    print(f"wrote {args.out} ({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
