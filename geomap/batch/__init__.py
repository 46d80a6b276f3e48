"""Batch runs: thousands of articles in, per-article GeoJSON and merged tables out.

    from geomap.batch import BatchOptions, run_batch
    summary = run_batch("feed.jsonl", "results/", BatchOptions(jobs=2))

The input is streamed (`geomap.article.iter_input_rows`), articles are analysed by an engine (this
process, a local process pool, or Dask), and each finished article is written at once as its own
files plus a small "part" (see `layout`); the merged CSVs and GeoJSON are built at the end by
streaming over the parts. No Report outlives its article, so memory stays flat as the input grows,
and a killed run resumes from the parts it left (`resume=True`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from geomap.batch.engines import make_engine
from geomap.batch.layout import BatchDir, safe_key
from geomap.batch.merge import MergeCounts, merge_outputs
from geomap.batch.progress import Progress
from geomap.batch.worker import (
    ArticleResult,
    Task,
    WorkerConfig,
    adopt_gazetteer,
    failed,
    warm_up,
)
from geomap.errors import InputError
from geomap.fsutil import atomic_write_text

if TYPE_CHECKING:
    from geomap.geometry import UserLayer

__all__ = ["BatchOptions", "BatchSummary", "run_batch", "safe_key", "count_input_rows"]


@dataclass
class BatchOptions:
    text_field: str = "text"
    id_field: str = "id"
    date_field: str = "date"
    title_field: str = "title"
    encoding: str | None = None
    date: dt.date | None = None  # default publication date for rows that carry none
    maps: bool = False
    self_contained_maps: bool = True
    jobs: int = 1
    engine: str = "local"  # local | dask
    scheduler: str | None = None  # Dask scheduler address; None: a local cluster of `jobs`
    resume: bool = False
    overwrite: bool = False
    gazetteer_path: Path | None = None
    layers: Mapping[str, UserLayer] = field(default_factory=dict)
    layer_specs: tuple[str, ...] = ()  # as given on the command line, to recognise a resume
    quiet: bool = False


@dataclass
class BatchSummary:
    out: Path
    processed: int  # analysed in this run (ok + failed)
    ok: int
    failed: int
    skipped: int  # already finished by an earlier run (resume)
    seconds: float
    merged: MergeCounts
    analysis_seconds: float = 0.0  # reading, analysing and writing articles (no start-up, merge)

    def line(self) -> str:
        rows = ", ".join(f"{n} {name}" for name, n in self.merged.rows.items())
        return (
            f"{self.merged.articles} articles mapped, {self.merged.failed} failed "
            f"(this run: {self.ok} ok, {self.failed} failed, {self.skipped} already done; "
            f"{self.seconds:.1f}s); {rows}; outputs in {self.out}"
        )


def run_batch(
    input_path: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    options: BatchOptions | None = None,
    *,
    stream: TextIO | None = None,
) -> BatchSummary:
    """Analyse every article of `input_path` into `out_dir`; see the module docstring."""
    from geomap.article import iter_input_rows

    options = options or BatchOptions()
    stream = stream if stream is not None else sys.stderr
    started = time.monotonic()
    source = Path(input_path)
    if not source.exists():
        raise InputError(f"{source}: no such file or folder")
    if options.jobs < 1:
        raise InputError(f"--jobs must be at least 1, got {options.jobs}")
    rows = iter_input_rows(source, **_row_fields(options))
    # The first row is read before the output folder is touched: an input of the wrong type
    # fails here with nothing written.
    first = next(rows, None)
    rows = itertools.chain([first] if first is not None else [], rows)
    batch = BatchDir(Path(out_dir))
    batch.prepare(_identity(source, options), resume=options.resume, overwrite=options.overwrite)

    config = _worker_config(options, stream)
    finished = batch.finished_keys() if options.resume else set()
    skipped_before = len(finished)
    total = count_input_rows(source)
    progress = Progress(
        None if total is None else max(0, total - skipped_before), quiet=options.quiet,
        stream=stream,
    )  # fmt: skip
    state = _RunState(finished=finished)
    engine = make_engine(
        config, engine=options.engine, jobs=options.jobs, scheduler=options.scheduler
    )
    analysis_started = time.monotonic()  # after the gazetteer is opened (or built) and warm
    try:
        tasks = _tasks(rows, state, batch, progress)
        for result in engine.run(tasks):
            write_result(batch, result)
            progress.update(result.ok)
    finally:
        final_line = progress.close()
    analysis_seconds = time.monotonic() - analysis_started
    if not options.quiet:
        print(f"geomap: batch: {final_line}", file=stream, flush=True)

    merged = merge_outputs(batch)
    summary = BatchSummary(
        out=batch.root,
        processed=progress.done,
        ok=progress.ok,
        failed=progress.failed,
        skipped=state.skipped,
        seconds=time.monotonic() - started,
        merged=merged,
        analysis_seconds=analysis_seconds,
    )
    _write_summary(batch, summary, options)
    return summary


@dataclass
class _RunState:
    finished: set[str]  # keys with a part: done by an earlier run, or seen earlier in this one
    skipped: int = 0


def _tasks(rows: Iterator[Any], state: _RunState, batch: BatchDir, progress: Progress):
    """Tasks for the engine; unreadable and duplicate rows are recorded here, never sent."""
    for seq, row in enumerate(rows):
        key = safe_key(row.id)
        if key in state.finished:
            state.skipped += 1
            continue
        state.finished.add(key)
        if row.article is None:
            _record(batch, progress, failed(seq, key, row.id, row.error or "unreadable row"))
            continue
        article = row.article if row.article.id == row.id else replace(row.article, id=row.id)
        yield Task(seq=seq, key=key, article=article)


def _record(batch: BatchDir, progress: Progress, result: ArticleResult) -> None:
    write_result(batch, result)
    progress.update(result.ok)


def write_result(batch: BatchDir, result: ArticleResult) -> None:
    """The article's own files first, its part last: a part on disk means the article is done."""
    if result.ok:
        atomic_write_text(batch.article_path(result.key, ".geojson"), result.geojson)
        if result.map_html:
            atomic_write_text(batch.article_path(result.key, ".html"), result.map_html)
    batch.write_part(result.seq, result.key, result.part())


def count_input_rows(source: Path) -> int | None:
    """A cheap count of the input's rows, for the progress ETA; None when unknown."""
    try:
        if source.is_dir():
            from geomap.article.rows import ARTICLE_SUFFIXES

            return sum(
                1
                for f in source.rglob("*")
                if f.suffix.lower() in ARTICLE_SUFFIXES
                and not any(p.startswith(".") for p in f.relative_to(source).parts)
            )
        suffix = source.suffix.lower()
        if suffix in (".jsonl", ".ndjson", ".jsonlines"):
            with source.open("rb") as fh:
                return sum(1 for line in fh if line.strip())
        if suffix in (".csv", ".tsv"):
            import csv

            with source.open(encoding="utf-8", errors="replace", newline="") as fh:
                return max(0, sum(1 for _ in csv.reader(fh)) - 1)
    except (OSError, ValueError):
        return None
    return 1


def _row_fields(options: BatchOptions) -> dict[str, Any]:
    return {
        "text_field": options.text_field,
        "id_field": options.id_field,
        "date_field": options.date_field,
        "title_field": options.title_field,
        "encoding": options.encoding,
    }


def _identity(source: Path, options: BatchOptions) -> dict[str, Any]:
    """What must match for `--resume` to continue a folder rather than mix two batches."""
    return {
        "geomap_batch": 1,
        "input": str(source.resolve()),
        **_row_fields(options),
        "date": options.date.isoformat() if options.date else None,
        "maps": options.maps,
        "layers": list(options.layer_specs),
    }


def _worker_config(options: BatchOptions, stream: TextIO) -> WorkerConfig:
    """Open (building if needed) the gazetteer once here, so workers never race to build it."""
    from geomap.gazetteer import Gazetteer

    remote = options.engine == "dask" and options.scheduler
    in_process = options.engine == "local" and options.jobs <= 1
    if remote:
        # Workers on other machines open or build their own store; only an explicit path is
        # passed on (it must then exist on every worker).
        path = str(options.gazetteer_path) if options.gazetteer_path else None
        return _config(options, path)
    progress = None if options.quiet else _emit(stream)
    gazetteer = Gazetteer.open(options.gazetteer_path, build_if_missing=True, progress=progress)
    config = _config(options, str(getattr(gazetteer, "path", "") or "") or None)
    if in_process:
        adopt_gazetteer(config, gazetteer)
    else:
        if options.engine == "local":
            warm_up(gazetteer, options.layers)  # forked workers inherit what it loads
        close = getattr(gazetteer, "close", None)
        if close is not None:
            close()
    return config


def _config(options: BatchOptions, gazetteer_path: str | None) -> WorkerConfig:
    return WorkerConfig(
        gazetteer_path=gazetteer_path,
        layers=dict(options.layers),
        default_date=options.date,
        maps=options.maps,
        self_contained_maps=options.self_contained_maps,
    )


def _emit(stream: TextIO):
    def emit(message: str) -> None:
        print(f"geomap: {message}", file=stream, flush=True)

    return emit


def _write_summary(batch: BatchDir, summary: BatchSummary, options: BatchOptions) -> None:
    document = {
        "articles": summary.merged.articles,
        "failed": summary.merged.failed,
        "rows": summary.merged.rows,
        "features": summary.merged.features,
        "last_run": {
            "processed": summary.processed,
            "ok": summary.ok,
            "failed": summary.failed,
            "skipped": summary.skipped,
            "seconds": round(summary.seconds, 3),
            "analysis_seconds": round(summary.analysis_seconds, 3),
            "engine": options.engine,
            "jobs": options.jobs,
        },
    }
    if summary.merged.missing_geojson:
        document["missing_geojson"] = summary.merged.missing_geojson[:100]
    atomic_write_text(batch.root / "summary.json", json.dumps(document, indent=1) + "\n")
