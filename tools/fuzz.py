"""A longer fuzz run over geomap's hostile-input targets (issue 10).

The CI tests (tests/test_hostile_*.py, tests/test_article_props.py) run each property with a fixed
seed and at most 100 examples. This script runs the same properties, with the same strategies,
for many more random examples and reports per target: examples tried, failures, time.

    python tools/fuzz.py                      # 3,000 examples per target (9 targets: 27k inputs)
    python tools/fuzz.py --examples 500 --only claims,sentences
    python tools/fuzz.py --seed 7             # reproduce a run

Exit status 1 when any target fails; the failing input is printed by hypothesis. Results of the
runs made so far are recorded in docs/hostile-input.md.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def _targets(workdir: Path) -> dict[str, Callable[[int], Callable[[], None]]]:
    """name -> factory(max_examples) -> a hypothesis test to call. Imports are lazy so that
    `--only` a cheap target does not load the gazetteer."""
    import test_article_props as article_props
    import test_hostile_analysis as analysis
    import test_hostile_claims as claims
    import test_hostile_gazetteer as gazetteer_tests
    import test_hostile_layers as layers
    import test_hostile_outputs as outputs

    def profile(n: int):
        return settings(
            max_examples=n,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )

    def article(n):
        return profile(n)(
            given(article_props.ANY_TEXT, st.sampled_from(["txt", "md", "html", "json", "auto"]))(
                article_props.test_reader_gives_article_or_input_error.hypothesis.inner_test
            )
        )

    def decode(n):
        from geomap.article.decode import decode_bytes
        from geomap.errors import InputError

        def run(data: bytes) -> None:
            with contextlib.suppress(InputError):
                assert isinstance(decode_bytes(data, "fuzz"), str)

        return profile(n)(given(st.binary(max_size=2000))(run))

    def sentences(n):
        return profile(n)(
            given(analysis.HOSTILE_TEXT)(
                analysis.test_sentences_are_exact_bounded_and_cover_the_text.hypothesis.inner_test
            )
        )

    def pipeline(n):
        gz = _gazetteer()
        inner = analysis.test_every_stage_gives_a_result_with_offsets_into_the_text
        return profile(n)(
            given(analysis.HOSTILE_TEXT)(lambda text: inner.hypothesis.inner_test(gz, text))
        )

    def claim_numbers(n):
        inner = claims.test_no_absurd_number_reaches_a_verdict.hypothesis.inner_test
        return profile(n)(
            given(
                claims._number_text(),
                st.sampled_from(["km", "kilometres", "miles", "m", "ft", "nautical miles"]),
                st.sampled_from(["", "about ", "nearly ", "more than ", "up to "]),
            )(inner)
        )

    def importers(n):
        store = workdir / "store" / "store.sqlite"
        store.parent.mkdir()
        from geomap.gazetteer.importers import import_geonames_files
        from geomap.gazetteer.store import Store

        with Store.edit(store, fresh=True):
            pass
        import_geonames_files(store, gazetteer_tests.DATA / "UA-sample.txt")
        rows = st.one_of(
            gazetteer_tests._near_valid_rows(gazetteer_tests._GEONAMES_ROW),
            gazetteer_tests._rows(st.sampled_from([19, 18, 20])),
        )
        dump = workdir / "dump.txt"

        def run(content: str) -> None:
            dump.write_text(content, encoding="utf-8")
            gazetteer_tests.assert_clean_failure_or_success(
                lambda: import_geonames_files(store, dump), store, dump
            )

        return profile(n)(given(rows)(run))

    def dump_bytes(n):
        from geomap.errors import GazetteerError
        from geomap.gazetteer.importers.files import iter_rows

        dump = workdir / "bytes.txt"

        def run(data: bytes) -> None:
            dump.write_bytes(data)
            try:
                list(iter_rows(dump, (2, 3)))
            except GazetteerError as exc:
                assert str(exc).startswith(str(dump))

        return profile(n)(given(st.binary(max_size=1000))(run))

    def layer_structures(n):
        import json

        from geomap.errors import LayerError
        from geomap.geometry import load_user_layer

        path = workdir / "layer.geojson"

        def run(kind, a, b) -> None:
            feature = {"type": "Feature", "geometry": b}
            path.write_text(json.dumps({"type": kind, "coordinates": a, "features": [feature]}))
            with contextlib.suppress(LayerError):
                assert load_user_layer(path, "fuzz").geometry.is_valid

        return profile(n)(given(layers._TYPES, layers._JSON, layers._JSON)(run))

    def names(n):
        from geomap.fsutil import slugify
        from geomap.summary import terminal_safe

        def run(title: str, fallback: str) -> None:
            slug = slugify(title, fallback=fallback or "article")
            assert outputs.re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug), slug
            assert slug not in outputs.RESERVED and len(slug) <= 80
            assert not outputs._ACTIVE.search(terminal_safe(title))

        return profile(n)(given(outputs.HOSTILE_NAMES, outputs.HOSTILE_NAMES)(run))

    return {
        "article": article,
        "decode": decode,
        "sentences": sentences,
        "pipeline": pipeline,
        "claims": claim_numbers,
        "importers": importers,
        "dump-bytes": dump_bytes,
        "layers": layer_structures,
        "names": names,
    }


_GZ = None


def _gazetteer():
    global _GZ
    if _GZ is None:
        from geomap.gazetteer import Gazetteer

        _GZ = Gazetteer.open(build_if_missing=True)
    return _GZ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=3000, help="examples per target")
    parser.add_argument("--only", default="", help="comma-separated targets (default: all)")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed (default: random)")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="geomap-fuzz-"))
    failures = 0
    total = 0
    try:
        targets = _targets(workdir)
        chosen = [t for t in args.only.split(",") if t] or list(targets)
        for name in chosen:
            test = targets[name](args.examples)
            calls = [0]
            inner = test.hypothesis.inner_test

            def counted(*a, _inner=inner, _calls=calls, **kw):
                _calls[0] += 1
                return _inner(*a, **kw)

            test.hypothesis.inner_test = counted
            if args.seed is not None:
                test = seed(args.seed)(test)
            started = time.perf_counter()
            status = "ok"
            try:
                test()
            except Exception:
                failures += 1
                status = "FAILED"
                traceback.print_exc()
            elapsed = time.perf_counter() - started
            total += calls[0]
            print(f"{name:12s} {calls[0]:7,d} inputs  {elapsed:7.1f} s  {status}", flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"total        {total:7,d} inputs, {failures} failing target(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
