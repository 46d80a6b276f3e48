"""`geomap eval`: geoparsing accuracy on annotated corpora (table on stdout, JSON on request)."""

from __future__ import annotations

import argparse
import json
import sys
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

Formats are recognised from the file: GeoWebNews XML (<article file=...><toponyms><toponym><type>),
LGL-style XML (<toponym><start><end><phrase><gaztag geonameid><lat><lon>), or the one-article-a-line
'gazetteer_name,,surface,,lat,,lon,,start,,end||...' gold with --texts (JSONL {"id","text"}).
Metrics: coverage (share of gold toponyms resolved), candidate coverage (right place among the
gazetteer candidates; candP: the same over toponyms that are not buildings, streets or
facilities, with the misses listed by kind), accuracy within 161 km and 10 km, mean/median
error km, AUC of the log error curve (lower is better), and in end-to-end mode recognition
precision/recall/F1.
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="score geoparsing on annotated corpora",
        description="Score toponym recognition and resolution against gold annotations.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("corpora", nargs="+", type=Path, metavar="CORPUS", help="gold files")
    parser.add_argument("--gold-spans", action="store_true",
                        help="resolution only: the gold toponym spans are given")  # fmt: skip
    parser.add_argument("--texts", type=Path, metavar="JSONL",
                        help="texts for the one-article-a-line gold format")  # fmt: skip
    parser.add_argument("--patches", type=Path, metavar="TSV",
                        help="coordinate fixes: 'toponym<TAB>lat , lon<TAB>lat , lon'")  # fmt: skip
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N documents")
    parser.add_argument("--worst", type=int, default=10, metavar="N",
                        help="list the N worst errors (default 10)")  # fmt: skip
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress messages")
    add_gazetteer_options(parser)
    parser.set_defaults(func=run)


def sniff_format(path: Path) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            head = fh.read(20000)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a corpus file") from None
    if "<toponym>" in head or "<articles" in head:
        return "gwn" if "<extractedName>" in head or "<type>" in head else "lgl"
    if ",," in head and "||" in head:
        return "lines"
    raise InputError(f"{path}: not a GeoWebNews/LGL XML or '..,,..||' gold file")


def _warn(message: str) -> None:
    print(f"geomap: warning: {message}", file=sys.stderr)


def load_corpus(path: Path, texts: Path | None, patches: Path | None):
    from geomap import evaluate as ev

    fmt = sniff_format(path)
    if fmt == "gwn":
        docs = ev.read_geowebnews(path)
    elif fmt == "lgl":
        docs = ev.read_lgl(path)
    else:
        if texts is None:
            raise InputError(f"{path}: this gold format needs --texts JSONL with the article texts")
        docs = ev.read_gold_lines(path, texts, warn=_warn)
    if patches is not None:
        docs = ev.apply_patches(docs, ev.read_patches(patches))
    return docs


def run(args: argparse.Namespace) -> int:
    from geomap import evaluate as ev
    from geomap.fsutil import atomic_write_text

    gazetteer = open_gazetteer(args)
    results = []
    for path in args.corpora:
        docs = load_corpus(path, args.texts, args.patches)
        if args.limit:
            docs = islice(docs, args.limit)
        results.append(
            ev.evaluate(
                docs,
                gazetteer,
                corpus=path.stem,
                gold_spans=args.gold_spans,
                worst=args.worst,
                progress=progress_printer(args),
            )  # fmt: skip
        )
    print(ev.format_table(results))
    for result in results:
        print()
        print(ev.format_coverage_misses(result))
    for result in results:
        if result.worst:
            print(f"\nworst errors, {result.corpus}:")
            for case in result.worst:
                err = f"{case.error_km:.0f} km" if case.error_km is not None else "unresolved"
                print(f"  {case.surface!r} -> {case.resolved_name or '-'} ({err}; {case.rule})")
    if args.json:
        payload = {"gazetteer": str(gazetteer.path), "results": [r.to_dict() for r in results]}
        atomic_write_text(args.json, json.dumps(payload, indent=2, ensure_ascii=False))
    return 0
