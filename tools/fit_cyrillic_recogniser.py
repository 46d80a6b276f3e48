"""Fit the Ukrainian and Russian recognition weights; report LOC P/R/F1 on held-out folds.

    python tools/fit_cyrillic_recogniser.py                  # both languages: 5-fold report, write
    python tools/fit_cyrillic_recogniser.py --lang ru --no-write
    python tools/fit_cyrillic_recogniser.py --limit 20 --out /tmp  # a small slice (CI)

Corpora (read by path from ../shared or $GEOMAP_SHARED; nothing of them is copied): NER-UK 2.0's
dev part (Ukrainian) and NEREL v1.1's train+dev parts (Russian), brat standoff, LOC spans (flat:
a span inside a longer one is not scored, as the corpora's own IOB conversions do). Folds are by
document (a stable hash of its path). For each held-out fold the weights are fitted on the other
folds only (logistic regression, `geomap.learn.logistic`, L2 towards the hand prior), the
threshold chosen on the training folds, and the fold is recognised end to end and scored:
precision, recall and F1 on exact and on overlapping spans; a predicted demonym (a relational
adjective) counts where it matches a gold span and is never a false positive, as `geomap eval`
scores demonyms. The weights written (geomap/data/weights/recogniser_{uk,ru}.json) are then fitted
on every document, with the held-out numbers in their `meta`.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from geomap.doc import make_doc  # noqa: E402
from geomap.gazetteer import Gazetteer  # noqa: E402
from geomap.learn.logistic import fit  # noqa: E402
from geomap.records import Article  # noqa: E402
from geomap.toponyms import default_recogniser  # noqa: E402
from geomap.toponyms.cyrillic import feature_rows, scored  # noqa: E402
from geomap.toponyms.cyrillic.decide import FEATURES, PRIOR, CyrillicModel, decide  # noqa: E402

CORPORA = {"uk": "multilingual/ner-uk-2.0-dev", "ru": "multilingual/nerel-v1.1-dev"}
LOCATION_TYPES = {"LOC", "GPE", "LOCATION", "COUNTRY", "CITY", "STATE_OR_PROVINCE", "DISTRICT"}
L2 = 2.0


def shared_data() -> Path:
    root = os.environ.get("GEOMAP_SHARED")
    return Path(root) / "data" if root else REPO.parent / "shared" / "data"


def read_brat(folder: Path, limit: int | None = None) -> list[tuple[str, str, list]]:
    """(doc id, text, flat gold spans) of every .ann/.txt pair under `folder`."""
    out = []
    for ann in sorted(folder.rglob("*.ann"))[:limit]:
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        spans = set()
        for line in ann.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if not fields[0].startswith("T") or len(fields) < 3:
                continue
            if len(fields) >= 5 and fields[2].isdigit():
                kind, offsets = fields[1], f"{fields[2]} {fields[3]}"
            else:
                kind, _, offsets = fields[1].partition(" ")
            if kind not in LOCATION_TYPES or ";" in offsets:
                continue
            a, b = offsets.split()
            spans.add((int(a), int(b)))
        flat = [
            s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)
        ]
        out.append((str(ann.relative_to(folder)), text, sorted(flat)))
    return out


def fold_of(doc_id: str, folds: int) -> int:
    return int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % folds


@dataclass
class Prepared:
    doc_id: str
    gold: list[tuple[int, int]]
    state: object
    cands: list
    x: np.ndarray
    y: np.ndarray


def prepare(doc_id: str, text: str, gold, gazetteer, lang: str) -> Prepared:
    doc = make_doc(Article(id=doc_id, title="", text=text), lang=lang)
    state = default_recogniser(lang)(doc, gazetteer, until="decide")
    cands = scored(state)
    x = feature_rows(state, cands) if cands else np.zeros((0, len(FEATURES)))
    gold_set = set(gold)
    y = np.array([float((c.start, c.end) in gold_set) for c in cands])
    return Prepared(doc_id, gold, state, cands, x, y)


def fit_model(train: list[Prepared]) -> CyrillicModel:
    prior = np.array([PRIOR.get(n, 0.0) for n in FEATURES])
    xs = [p.x for p in train if len(p.y)]
    ys = [p.y for p in train if len(p.y)]
    x, y = np.vstack(xs), np.concatenate(ys)
    support = FEATURES.index("document_support")
    x_first = x.copy()
    x_first[:, support] = 0.0
    w_first = fit(x_first, y, l2=L2, prior=prior)
    model = CyrillicModel(w_first)
    # document support from the first pass, within each document
    x_second = []
    for p in train:
        if not len(p.y):
            continue
        rows = p.x.copy()
        rows[:, support] = 0.0
        first = model.probabilities(rows)
        for k, c in enumerate(p.cands):
            rows[k, support] = max(
                (
                    q
                    for c2, q in zip(p.cands, first, strict=True)
                    if c2.name == c.name and c2 is not c
                ),
                default=0.0,
            )
        x_second.append(rows)
    w = fit(np.vstack(x_second), y, l2=L2, prior=w_first)
    best = max(
        (score(train, CyrillicModel(w, t))["f1_exact"], t) for t in np.arange(0.2, 0.8, 0.05)
    )
    return CyrillicModel(w, float(round(best[1], 2)))


def predict(p: Prepared, model: CyrillicModel) -> list[tuple[int, int, str]]:
    for c in p.cands:
        c.reason = ""
    rows = p.x.copy()
    decide(p.state, p.cands, rows, model)
    out = [(c.start, c.end, "toponym") for c in p.cands if c.reason]
    out += [
        (c.start, c.end, "demonym")
        for c in p.state.candidates
        if c.kind == "demonym" and not c.fact
    ]
    return out


def score(docs: list[Prepared], model: CyrillicModel) -> dict:
    tp_exact = tp_overlap = fp = gold_n = 0
    for p in docs:
        predicted = predict(p, model)
        gold = p.gold
        gold_n += len(gold)
        gold_set = set(gold)
        for a, b, kind in predicted:
            exact = (a, b) in gold_set
            overlap = exact or any(a < gb and ga < b for ga, gb in gold)
            if kind == "demonym" and not overlap:
                continue
            tp_exact += exact
            tp_overlap += overlap
            fp += not overlap

    def prf(tp: int) -> tuple[float, float, float]:
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / gold_n if gold_n else 0.0
        return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)

    p, r, f = prf(tp_exact)
    po, ro, fo = prf(tp_overlap)
    return {
        "precision_exact": p,
        "recall_exact": r,
        "f1_exact": f,
        "precision_overlap": po,
        "recall_overlap": ro,
        "f1_overlap": fo,
        "gold": gold_n,
    }


def fmt(s: dict) -> str:
    return (
        f"exact P {s['precision_exact']:.3f} R {s['recall_exact']:.3f} F1 {s['f1_exact']:.3f}; "
        f"overlapping P {s['precision_overlap']:.3f} R {s['recall_overlap']:.3f} "
        f"F1 {s['f1_overlap']:.3f} ({s['gold']} gold spans)"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lang", choices=["uk", "ru"], action="append")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=None, help="documents per corpus (a slice)")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--out", type=Path, default=REPO / "geomap" / "data" / "weights")
    args = ap.parse_args()
    gazetteer = Gazetteer.open()
    for lang in args.lang or ["uk", "ru"]:
        folder = shared_data() / CORPORA[lang]
        if not folder.is_dir():
            print(f"{lang}: no corpus at {folder}", file=sys.stderr)
            return 1
        t0 = time.process_time()
        docs = [prepare(i, t, g, gazetteer, lang) for i, t, g in read_brat(folder, args.limit)]
        print(f"{lang}: {len(docs)} documents prepared in {time.process_time() - t0:.1f} s CPU")
        prior = CyrillicModel(np.array([PRIOR.get(n, 0.0) for n in FEATURES]))
        print(f"  hand prior, all documents: {fmt(score(docs, prior))}")
        held_out: list[dict] = []
        folds = [[d for d in docs if fold_of(d.doc_id, args.folds) == k] for k in range(args.folds)]
        for k, test in enumerate(folds):
            train = [d for j, fold in enumerate(folds) if j != k for d in fold]
            model = fit_model(train)
            held_out.append(score(test, model))
            print(f"  fold {k}: {fmt(held_out[-1])}")
        mean = {key: float(np.mean([h[key] for h in held_out])) for key in held_out[0]}
        mean["gold"] = sum(h["gold"] for h in held_out)
        print(f"  held-out mean of {args.folds} folds: {fmt(mean)}")
        final = fit_model(docs)
        print(f"  fitted on all (in-sample): {fmt(score(docs, final))}")
        if not args.no_write:
            final.meta.update(
                {
                    "fitted_by": "tools/fit_cyrillic_recogniser.py",
                    "corpus": CORPORA[lang],
                    "documents": len(docs),
                    "held_out_folds": args.folds,
                    "held_out_f1_exact": round(mean["f1_exact"], 4),
                    "held_out_f1_overlap": round(mean["f1_overlap"], 4),
                }
            )
            import json

            path = args.out / f"recogniser_{lang}.json"
            path.write_text(json.dumps(final.to_dict(), indent=1, sort_keys=True) + "\n")
            print(f"  wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
