"""Hostile article input: time each case of issue 10, then a long property-based fuzz run.

    python benchmarks/bench_article_hostile.py            # all cases + 5,000 fuzz examples
    python benchmarks/bench_article_hostile.py --fuzz 0   # cases only

Prints one line per case (seconds, outcome) and the fuzz result (examples tried, failures). The
test suite checks the same properties with a fixed seed and 100 examples; this run explores more.
Nothing here asserts a time: the numbers are for the notes in docs/hostile-input.md.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geomap.article import article_from_text, read_article  # noqa: E402
from geomap.errors import InputError  # noqa: E402

MB = 1_000_000
SENTENCE = "Russian shelling of the southern Ukrainian city of Kherson killed a woman overnight. "


# One case a line reads best as a table, so the long lines stay.
# ruff: noqa: E501
def cases(tmp: Path) -> list[tuple[str, Callable[[], object]]]:
    def file(name: str, data: bytes) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path

    rng = random.Random(7)
    # ~45 MB of varied prose in paragraphs (numbers vary so sentences are not all duplicates).
    big = "\n\n".join(
        SENTENCE.replace("a woman", f"{i} people") * 3
        for i in range(45 * MB // (3 * len(SENTENCE)))
    ).encode()
    prose_5mb = "".join(SENTENCE.replace("a woman", f"{i} people") for i in range(5 * MB // 90))
    return [
        ("empty file", lambda: read_article(file("e.txt", b""))),
        ("whitespace only", lambda: read_article(file("w.txt", b" \n\t\r\n "))),
        ("binary (PNG header + bytes)", lambda: read_article(file("b.txt", b"\x89PNG\x00" + bytes(range(256)) * 400))),
        ("cp1251 Ukrainian", lambda: read_article(file("u.txt", ("Обстріл Херсона. " * 2000).encode("cp1251")))),
        ("cp1252 curly quotes", lambda: read_article(file("c.txt", ("He said “no” – it’s over. " * 2000).encode("cp1252")))),
        ("random bytes 1 MB", lambda: read_article(file("r.txt", rng.randbytes(MB)))),
        ("45 MB of prose (each sentence x3)", lambda: read_article(file("big.txt", big))),
        ("over 50 MB", lambda: read_article(file("huge.txt", big + big[: 8 * MB]))),
        ("5 MB single line (prose)", lambda: article_from_text(prose_5mb)),
        ("5 MB single line '!!!'", lambda: article_from_text("!" * 5 * MB)),
        ("5 MB single line of spaces", lambda: article_from_text("a" + " " * 5 * MB + "b")),
        ("5 MB random punctuation", lambda: article_from_text("".join(rng.choice(" .!?“”’\n\t0a") for _ in range(5 * MB)))),
        ("5 MB single line HTML", lambda: article_from_text("<html><body><p>" + prose_5mb + "</p></body></html>", fmt="html")),
        ("HTML nested 100,000 deep", lambda: article_from_text("<div>" * 100_000 + SENTENCE + "</div>" * 100_000, fmt="html")),
        ("HTML unclosed tags", lambda: article_from_text("<p><b><i><table><tr><td>" * 20_000 + SENTENCE, fmt="html")),
        ("Markdown 5 MB of '['", lambda: article_from_text("[" * 5 * MB, fmt="md")),
        ("Markdown 40,000 '*a* '", lambda: article_from_text("*a* " * 10_000, fmt="md")),
        ("control characters", lambda: article_from_text("".join(chr(i) for i in range(32)) * 1000 + SENTENCE)),
        ("right-to-left + emoji", lambda: article_from_text("قصف خاركيف 🚀 " * 10_000)),
    ]  # fmt: skip


def run_cases() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, case in cases(Path(tmp)):
            start = time.perf_counter()
            try:
                article = case()
                outcome = (
                    f"article, {len(article.text):,} chars, {len(article.removed_noise)} removed"
                )
            except InputError as exc:
                outcome = f"InputError: {str(exc).split(': ', 1)[-1][:70]}"
            except Exception as exc:  # report, do not hide: this is what the fuzz is for
                outcome = f"BUG {type(exc).__name__}: {exc}"
            print(f"{name:32s} {time.perf_counter() - start:7.2f} s  {outcome}", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:,.0f} MB")


def run_fuzz(examples: int) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from test_article_props import ANY_TEXT

    failures: list[str] = []
    tried = 0

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(ANY_TEXT, st.sampled_from(["txt", "md", "html", "json", "auto"]))
    def fuzz(text: str, fmt: str) -> None:
        nonlocal tried
        tried += 1
        try:
            article_from_text(text, fmt=fmt)
        except InputError:
            pass
        except Exception as exc:
            failures.append(f"{fmt} {text[:60]!r}: {type(exc).__name__}: {exc}")

    start = time.perf_counter()
    fuzz()
    print(
        f"fuzz: {tried:,} inputs in {time.perf_counter() - start:.1f} s, {len(failures)} failures"
    )
    for failure in failures[:20]:
        print("  ", failure)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fuzz", type=int, default=5000, help="fuzz examples (0 to skip)")
    args = parser.parse_args()
    run_cases()
    if args.fuzz:
        run_fuzz(args.fuzz)


if __name__ == "__main__":
    main()
