"""What a worker process does with one article: analyse it and turn the Report into files' text.

The worker returns text (GeoJSON, table rows, map HTML) rather than writing files, so the same
function serves a local process pool and Dask workers on other machines that cannot see the
output folder. Nothing survives an article but the per-process gazetteer and layers, so a worker's
memory stays flat however many articles pass through it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import tempfile
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from geomap.errors import GeomapError
from geomap.records import Article

if TYPE_CHECKING:
    from geomap.gazetteer import Gazetteer
    from geomap.geometry import UserLayer


@dataclass(frozen=True)
class WorkerConfig:
    """Everything a worker needs besides the article; sent once per worker, not per article."""

    gazetteer_path: str | None = None  # None: the default store (built on a worker that lacks it)
    layers: Mapping[str, UserLayer] = field(default_factory=dict)
    default_date: dt.date | None = None
    maps: bool = False
    self_contained_maps: bool = True
    token: str = field(default_factory=lambda: uuid.uuid4().hex)  # identifies this run's config


@dataclass(frozen=True, slots=True)
class Task:
    seq: int  # position in the input: the merged outputs follow it
    key: str  # file-name-safe article id
    article: Article


@dataclass(slots=True)
class ArticleResult:
    seq: int
    key: str
    article_id: str
    ok: bool
    reason: str = ""
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    geojson: str = ""
    map_html: str = ""
    title: str = ""
    seconds: float = 0.0

    def part(self) -> dict[str, Any]:
        """The JSON written to parts/: enough to build the merged tables without the Report."""
        return {
            "seq": self.seq,
            "id": self.article_id,
            "key": self.key,
            "status": "ok" if self.ok else "error",
            "reason": self.reason,
            "title": self.title,
            "seconds": round(self.seconds, 4),
            "tables": self.tables,
        }


def failed(seq: int, key: str, article_id: str, reason: str) -> ArticleResult:
    return ArticleResult(seq=seq, key=key, article_id=article_id, ok=False, reason=reason)


# ---------------------------------------------------------------- per-process state

_STATE: dict[str, Gazetteer] = {}


def init_worker(config: WorkerConfig) -> None:
    """Process-pool initializer: open the gazetteer once for this worker's lifetime.

    A forked worker inherits the parent's module state; a handle the parent opened is dropped
    (not closed: the connection belongs to the parent) and the worker opens its own.
    """
    _STATE.clear()
    worker_gazetteer(config)


# Analysed once in the parent before a pool forks, so that every lazily loaded table (toponym
# index, lexicons, reference geometries) is loaded once and shared by the forked workers. Any
# short text that reaches every stage does; this one is written for the purpose.
WARM_UP_TEXT = (
    "Russian forces shelled the city of Kharkiv in northeastern Ukraine on Monday, killing two "
    "people and injuring five, officials said. Kharkiv lies about 30km from the Russian border. "
    "Delegations met for talks in Istanbul."
)


def warm_up(gazetteer: Gazetteer, layers: Mapping[str, UserLayer]) -> None:
    """Load the pipeline's lazy tables in this process (a failure here only costs speed)."""
    from geomap.pipeline import analyze

    with contextlib.suppress(Exception):
        analyze(WARM_UP_TEXT, date=dt.date(2024, 5, 27), gazetteer=gazetteer, layers=layers)


def worker_gazetteer(config: WorkerConfig) -> Gazetteer:
    """The gazetteer of this process for this run's config, opened on first use and kept.

    Dask workers have no initializer hook per run, so the first task on each worker opens it and
    later tasks reuse it (the module global lives as long as the worker process).
    """
    gazetteer = _STATE.get(config.token)
    if gazetteer is None:
        from geomap.gazetteer import Gazetteer

        for old in _STATE.values():  # a long-lived Dask worker serving a new run
            _close_quietly(old)
        _STATE.clear()
        path = Path(config.gazetteer_path) if config.gazetteer_path else None
        gazetteer = Gazetteer.open(path, build_if_missing=True)
        _STATE[config.token] = gazetteer
    return gazetteer


def adopt_gazetteer(config: WorkerConfig, gazetteer: Gazetteer) -> None:
    """Use a gazetteer this process already opened (--jobs 1 runs in the calling process)."""
    _STATE.clear()
    _STATE[config.token] = gazetteer


def _close_quietly(gazetteer: Any) -> None:
    close = getattr(gazetteer, "close", None)
    if close is not None:
        # Closing an old handle must never fail a new article.
        with contextlib.suppress(Exception):
            close()


# ---------------------------------------------------------------- a chunk of articles


def process_chunk(config: WorkerConfig, tasks: list[Task]) -> list[ArticleResult]:
    """Analyse a few articles; each failure becomes a failed result with the reason.

    Articles travel in small chunks because the per-call cost of building DataFrames
    (`geomap.export.reports_to_frames`) is far larger than the rows: one set of frames per chunk
    instead of per article halves the cost of an article. Each article still gets its own result.
    """
    results: dict[int, ArticleResult] = {}
    analysed: list[tuple[Task, Any, float]] = []
    for task in tasks:
        started = time.perf_counter()
        try:
            report = _analyse(config, task)
        except Exception as exc:  # one bad article must not stop thousands of good ones
            results[task.seq] = _failure(task, exc, time.perf_counter() - started)
        else:
            analysed.append((task, report, time.perf_counter() - started))
    tables = _tables([report for _, report, _ in analysed])
    for task, report, seconds in analysed:
        started = time.perf_counter()
        try:
            own_tables = tables[task.article.id] if tables is not None else _tables_of(report)
            results[task.seq] = _outputs(config, task, report, own_tables)
        except Exception as exc:
            results[task.seq] = _failure(task, exc, 0.0)
        results[task.seq].seconds = seconds + time.perf_counter() - started
    return [results[task.seq] for task in tasks]


def process(config: WorkerConfig, task: Task) -> ArticleResult:
    """One article (a chunk of one)."""
    return process_chunk(config, [task])[0]


def _failure(task: Task, exc: Exception, seconds: float) -> ArticleResult:
    reason = str(exc) if isinstance(exc, GeomapError) else f"{type(exc).__name__}: {exc}"
    result = failed(task.seq, task.key, task.article.id, reason)
    result.seconds = seconds
    return result


def _analyse(config: WorkerConfig, task: Task) -> Any:
    from geomap.pipeline import analyze

    gazetteer = worker_gazetteer(config)
    return analyze(
        task.article, date=config.default_date, gazetteer=gazetteer, layers=config.layers
    )


Tables = dict[str, list[dict[str, Any]]]


def _tables(reports: list[Any]) -> dict[str, Tables] | None:
    """Table rows of several reports at once, by article id; None when building them failed
    (then each report is tabulated alone, so only the culprit fails)."""
    from geomap.export import reports_to_frames

    if not reports:
        return {}
    try:
        frames = reports_to_frames(reports)
        by_article: dict[str, Tables] = {
            r.article.id: {name: [] for name in frames} for r in reports
        }
        for name, frame in frames.items():
            for row in frame_records(frame):
                by_article[row["article_id"]][name].append(row)
    except Exception:
        return None
    return by_article


def _tables_of(report: Any) -> Tables:
    from geomap.export import reports_to_frames

    return {name: frame_records(frame) for name, frame in reports_to_frames(report).items()}


def _outputs(config: WorkerConfig, task: Task, report: Any, tables: Tables) -> ArticleResult:
    from geomap.export import dumps_geojson, report_to_geojson

    return ArticleResult(
        seq=task.seq,
        key=task.key,
        article_id=task.article.id,
        ok=True,
        tables=tables,
        geojson=dumps_geojson(report_to_geojson(report)),
        map_html=_map_html(report, config) if config.maps else "",
        title=report.article.title,
    )


def frame_records(frame: Any) -> list[dict[str, Any]]:
    """DataFrame rows as plain dicts; missing values (NA, NaN) as None: JSON null, an empty CSV
    cell. Done in Python: pandas' astype/where per small frame costs more than the analysis."""
    if frame.empty:
        return []
    columns = list(frame.columns)
    return [
        {column: _plain(value) for column, value in zip(columns, values, strict=True)}
        for values in frame.itertuples(index=False, name=None)
    ]


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
        return None if isinstance(value, float) and math.isnan(value) else value
    return value


def _map_html(report: Any, config: WorkerConfig) -> str:
    from geomap.render import write_map

    # write_map is the render module's public entry; a private temp folder keeps workers apart.
    with tempfile.TemporaryDirectory(prefix="geomap-map-") as tmp:
        path = write_map(
            report,
            Path(tmp) / "map.html",
            self_contained=config.self_contained_maps,
            layers=list(config.layers.values()),
        )
        return Path(path).read_text(encoding="utf-8")
