"""Speed of place-name analysis (recognition + resolution) on news text, one core.

    python benchmarks/bench_geoparse.py                 # GeoWebNews texts (../shared) or examples/
    python benchmarks/bench_geoparse.py --articles 500

Issue 5's goal is >= 100 articles of ~800 words per second on one core. Texts come from the
GeoWebNews corpus when ../shared is present (real news, cut or joined to ~800 words each),
otherwise from examples/ joined to the same length. Prints the cold cost of opening the name
index, then articles/s and words/s for recognition alone and recognition + resolution, as wall
time and CPU time (CPU time is the honest number on a busy machine), best of --repeats passes
with the median beside it. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from geomap.gazetteer import Gazetteer  # noqa: E402
from geomap.records import Article  # noqa: E402
from geomap.resolve import resolve_mentions  # noqa: E402
from geomap.toponyms import find_mentions, name_index  # noqa: E402

WORDS_PER_ARTICLE = 800


def source_texts() -> tuple[str, list[str]]:
    shared = Path(os.environ.get("GEOMAP_SHARED", REPO.parent / "shared"))
    gwn = shared / "data" / "geoparsing" / "GeoWebNews" / "GWN.xml"
    if gwn.exists():
        root = ET.parse(gwn).getroot()
        texts = [el.text or "" for el in root.iter("text")]
        return "GeoWebNews", [t for t in texts if t.strip()]
    return "examples/", [p.read_text(encoding="utf-8") for p in sorted(REPO.glob("examples/*"))]


def articles_of_length(texts: list[str], n: int, words: int) -> list[Article]:
    """n articles of about `words` words: paragraphs taken in turn from the corpus."""
    paragraphs = [p for t in texts for p in t.split("\n") if p.strip()]
    out: list[Article] = []
    i = 0
    while len(out) < n:
        chunk: list[str] = []
        count = 0
        while count < words:
            paragraph = paragraphs[i % len(paragraphs)].split()[: words - count]
            chunk.append(" ".join(paragraph))
            count += len(paragraph)
            i += 1
        out.append(Article(id=str(len(out)), title="", text="\n\n".join(chunk)))
    return out


def timed(label: str, articles: list[Article], fn, repeats: int) -> None:
    """CPU seconds of `repeats` passes over the articles; prints the best pass (timeit's
    convention: on a shared machine the other passes measure the neighbours) and the median."""
    cpu_times, wall_times = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        for article in articles:
            fn(article)
        wall_times.append(time.perf_counter() - wall)
        cpu_times.append(time.process_time() - cpu)
    words = sum(len(a.text.split()) for a in articles)
    best, median = min(cpu_times), statistics.median(cpu_times)
    print(
        f"{label:<26} {len(articles) / best:7.1f} articles/s CPU best of {repeats} "
        f"(median {len(articles) / median:6.1f}, wall best {len(articles) / min(wall_times):6.1f})"
        f"  {words / best:8.0f} words/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--words", type=int, default=WORDS_PER_ARTICLE)
    parser.add_argument("--repeats", type=int, default=5, help="passes; the best is reported")
    args = parser.parse_args()

    started = time.perf_counter()
    gazetteer = Gazetteer.open()
    print(f"gazetteer open: {time.perf_counter() - started:.2f} s  ({gazetteer.describe()})")
    started = time.perf_counter()
    name_index(gazetteer)
    print(f"name index (load or build): {time.perf_counter() - started:.2f} s")

    source, texts = source_texts()
    articles = articles_of_length(texts, args.articles, args.words)
    mean_words = sum(len(a.text.split()) for a in articles) / len(articles)
    print(f"{len(articles)} articles from {source}, {mean_words:.0f} words each on average")

    # Warm-up: the first pass fills the candidate caches a long-running process keeps.
    for article in articles[: min(50, len(articles))]:
        resolve_mentions(find_mentions(article, gazetteer), gazetteer, article)
    timed("recognition", articles, lambda a: find_mentions(a, gazetteer), args.repeats)
    timed(
        "recognition + resolution",
        articles,
        lambda a: resolve_mentions(find_mentions(a, gazetteer), gazetteer, a),
        args.repeats,
    )


if __name__ == "__main__":
    main()
