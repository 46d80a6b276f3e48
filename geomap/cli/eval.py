"""`geomap eval`: geoparsing accuracy on annotated corpora (table on stdout, JSON on request)."""

from __future__ import annotations

import argparse
import json
import statistics
from itertools import islice
from pathlib import Path

from geomap.cli.common import add_gazetteer_options, open_gazetteer, progress_printer
from geomap.errors import InputError

EPILOG = """\
examples:
  geomap eval GWN.xml --gold-spans                  # resolution of the gold toponyms
  geomap eval GWN.xml                               # recognition + resolution, end to end
  geomap eval lgl.xml --patches lgl_patches.tsv --gold-spans --json lgl.json
  geomap eval gwn_full.txt --texts texts.jsonl --gold-spans
  geomap eval ner-uk-2.0-dev/                       # brat folder: LOC recognition P/R/F1

Formats are recognised from the file: GeoWebNews XML (<article file=...><toponyms><toponym><type>),
LGL-style XML (<toponym><start><end><phrase><gaztag geonameid><lat><lon>), the generic
<article><text>..</text><locations><location><name><start><end><lat><lon> XML (any root), the
one-article-a-line 'gazetteer_name,,surface,,lat,,lon,,start,,end||...' gold with --texts (JSONL
{"id","text"}), or a folder of brat .txt/.ann files (LOC, GPE and NEREL's location types).
Gold offsets that do not fall on their phrase are moved to its nearest occurrence (moved); spans
whose phrase is not near them are not scored and are listed (lost). With --gold-spans the whole
text is still read: the gold spans replace the recognised mentions they overlap and are resolved
with the others, and only the gold spans are scored.
Metrics: coverage (share of gold toponyms resolved), candidate coverage (right place among the
gazetteer candidates; candP: the same over toponyms that are not buildings, streets or
facilities, with the misses listed by kind), accuracy within 161 km and 10 km, mean/median
error km, AUC of the log error curve (lower is better), and in end-to-end mode recognition
precision/recall/F1 (exact spans; F1ovl: overlapping spans).
--folds K evaluates each of K folds of articles with a resolver fitted on the other folds
(geomap.learn.fit_resolver); it is an error where no fitting is available.
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="score geoparsing on annotated corpora",
        description="Score toponym recognition and resolution against gold annotations.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("corpora", nargs="+", type=Path, metavar="CORPUS",
                        help="gold files, or folders of brat files")  # fmt: skip
    parser.add_argument("--gold-spans", action="store_true",
                        help="resolution only: the gold toponym spans are given")  # fmt: skip
    parser.add_argument("--texts", type=Path, metavar="JSONL",
                        help="texts for the one-article-a-line gold format")  # fmt: skip
    parser.add_argument("--patches", type=Path, metavar="TSV",
                        help="coordinate fixes: 'toponym<TAB>lat , lon<TAB>lat , lon'")  # fmt: skip
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N documents")
    parser.add_argument("--folds", type=int, metavar="K",
                        help="held-out scores over K folds of articles (fitted)")  # fmt: skip
    parser.add_argument("--seed", type=int, default=0, help="seed of the fold split (default 0)")
    parser.add_argument("--worst", type=int, default=10, metavar="N",
                        help="list the N worst errors (default 10)")  # fmt: skip
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress messages")
    add_gazetteer_options(parser)
    parser.set_defaults(func=run)


def resolver_fitter():
    """A function (train_docs, gazetteer) -> resolver model, from `geomap.learn` (imported only
    when --folds asks for it), or an error saying fitting is not available."""
    try:
        from geomap.learn import fit_resolver, prepare
    except ImportError:
        raise InputError(
            "--folds: fitting is not available in this geomap (no geomap.learn.fit_resolver)"
        ) from None

    def fit(train_docs, gazetteer):
        return fit_resolver([prepare(doc, gazetteer) for doc in train_docs], gazetteer)

    return fit


def run(args: argparse.Namespace) -> int:
    from geomap import evaluation as ev
    from geomap.fsutil import atomic_write_text

    fit = resolver_fitter() if args.folds is not None else None
    # Every corpus is read and checked before any is scored: a bad one fails at once.
    corpora = []
    for path in args.corpora:
        docs = list(islice(ev.read_corpus(path, args.texts, args.patches), args.limit))
        name = path.name if path.is_dir() else path.stem
        ev.check_gold(docs, name, args.gold_spans)
        if args.folds is not None:
            ev.split_folds(docs, args.folds)  # the fold count fits the corpus
        corpora.append((name, docs))
    gazetteer = open_gazetteer(args)
    results, fold_lines = [], []
    for name, docs in corpora:
        options = dict(gold_spans=args.gold_spans, worst=args.worst,
                       progress=progress_printer(args))  # fmt: skip
        if fit is None:
            results.append(ev.evaluate(docs, gazetteer, corpus=name, **options))
            continue
        folds = ev.split_folds(docs, args.folds, seed=args.seed)
        held_out = []
        for i in range(args.folds):
            train, test = ev.train_and_test(folds, i)
            model = fit(train, gazetteer)
            held_out.append(
                ev.evaluate(
                    test,
                    gazetteer,
                    corpus=f"{name}[{i + 1}/{args.folds}]",
                    resolver_model=model,
                    **options,
                )  # fmt: skip
            )
        results.extend(held_out)
        fold_lines.append(_fold_mean(name, held_out))
    print(ev.format_table(results))
    for line in fold_lines:
        print(line)
    for result in results:
        print()
        print(ev.format_gold_account(result))
        print(ev.format_coverage_misses(result))
    for result in results:
        if result.worst:
            print(f"\nworst errors, {result.corpus}:")
            for case in result.worst:
                err = f"{case.error_km:.0f} km" if case.error_km is not None else "unresolved"
                print(f"  {case.surface!r} -> {case.resolved_name or '-'} ({err}; {case.rule})")
    if args.json:
        payload = {
            "gazetteer": str(gazetteer.path),
            "results": [r.to_dict() for r in results],
            "folds": fold_lines,
        }
        atomic_write_text(args.json, json.dumps(payload, indent=2, ensure_ascii=False))
    return 0


def _fold_mean(name: str, held_out: list) -> str:
    """The mean over held-out folds of accuracy within 161 km and of the exact-span F1."""
    parts = []
    accuracies = [r.resolution.summary()["accuracy_161km"] for r in held_out if r.resolution.scored]
    if accuracies:
        parts.append(f"acc@161 {100 * statistics.fmean(accuracies):.1f}")
    f1s = [r.recognition.summary()["f1_exact"] for r in held_out if r.recognition]
    if f1s:
        parts.append(f"F1 exact {100 * statistics.fmean(f1s):.1f}")
    return f"{name}: mean over {len(held_out)} held-out folds: " + ", ".join(parts)
