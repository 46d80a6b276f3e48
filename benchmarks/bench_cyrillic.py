"""Speed of Ukrainian and Russian place-name analysis (recognition + resolution), one core.

    python benchmarks/bench_cyrillic.py                  # the shared NER-UK / NEREL dev texts
    python benchmarks/bench_cyrillic.py --articles 200 --repeats 3

The goal (issue 20) is >= 100 articles/s on one core. Texts are the shared Ukrainian (NER-UK
dev) and Russian (NEREL) corpora read by path (../shared or $GEOMAP_SHARED); without them the
benchmark says so and stops. Prints the cold cost (analysers, name index), then articles/s and
words/s of a cold first pass (every word read by the analyser once) and of warm passes (the
analyser's cache filled), CPU time, best and median. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from geomap.doc import make_doc  # noqa: E402
from geomap.gazetteer import Gazetteer  # noqa: E402
from geomap.records import Article  # noqa: E402
from geomap.resolve import resolve_mentions  # noqa: E402
from geomap.toponyms import find_mentions  # noqa: E402

CORPORA = {"uk": "multilingual/ner-uk-2.0-dev", "ru": "multilingual/nerel-v1.1-dev"}


def texts(lang: str, limit: int) -> list[str]:
    shared = Path(os.environ.get("GEOMAP_SHARED", REPO.parent / "shared"))
    folder = shared / "data" / CORPORA[lang]
    return [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))[:limit]]


def one_pass(batch: list[str], lang: str, gazetteer) -> float:
    start = time.process_time()
    for i, text in enumerate(batch):
        doc = make_doc(Article(id=str(i), title="", text=text), lang=lang)
        doc.mentions = find_mentions(doc, gazetteer)
        resolve_mentions(doc.mentions, gazetteer, doc)
    return time.process_time() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    gazetteer = Gazetteer.open()
    for lang in ("uk", "ru"):
        batch = texts(lang, args.articles)
        if not batch:
            print(f"{lang}: no shared texts at {CORPORA[lang]}; nothing measured")
            continue
        words = sum(len(t.split()) for t in batch)
        start = time.process_time()
        find_mentions(make_doc("Херсон і Харків. Белгород и Курск.", lang=lang), gazetteer)
        cold_start = time.process_time() - start
        cold = one_pass(batch, lang, gazetteer)
        warm = [one_pass(batch, lang, gazetteer) for _ in range(args.repeats)]
        best, median = min(warm), statistics.median(warm)
        print(
            f"{lang}: {len(batch)} articles, {words / len(batch):.0f} words each; "
            f"start-up {cold_start:.2f} s CPU; first pass {len(batch) / cold:.0f} articles/s; "
            f"warm {len(batch) / best:.0f} articles/s best, {len(batch) / median:.0f} median "
            f"({words / best:,.0f} words/s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
