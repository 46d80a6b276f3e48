"""Where the articles are analysed: in this process, a local process pool, or a Dask cluster.

Every engine takes a stream of `Task`s and yields `ArticleResult`s in completion order, with at
most a small window of tasks in flight, so memory stays bounded however long the input is.
"""

from __future__ import annotations

import multiprocessing
import socket
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol, TypeVar

from geomap.batch.worker import (
    ArticleResult,
    Task,
    WorkerConfig,
    failed,
    init_worker,
    process,
    process_chunk,
)
from geomap.errors import GeomapError

# Articles per call to a worker (see `process_chunk`), and chunks in flight per worker: enough
# to keep every worker busy while results are written, few enough that a long input never piles
# up in memory.
CHUNK_SIZE = 8

T = TypeVar("T")
WINDOW_PER_WORKER = 2

WORKER_DIED = (
    "the worker process died while analysing this article (out of memory or a crash); "
    "it was retried alone and died again"
)


class Engine(Protocol):
    def run(self, tasks: Iterable[Task]) -> Iterator[ArticleResult]: ...


class InProcessEngine:
    """--jobs 1: no pool, no pickling; the gazetteer is opened once in this process."""

    def __init__(self, config: WorkerConfig) -> None:
        self.config = config

    def run(self, tasks: Iterable[Task]) -> Iterator[ArticleResult]:
        init_worker(self.config)
        for chunk in _chunks(tasks):
            yield from process_chunk(self.config, chunk)


class LocalPoolEngine:
    """--jobs N: a process pool whose initializer opens the gazetteer once per worker."""

    def __init__(self, config: WorkerConfig, jobs: int) -> None:
        self.config = config
        self.jobs = jobs
        # fork where the platform has it: the parent has warmed the pipeline up (toponym index,
        # lexicons, reference geometries), and forked workers share those pages instead of each
        # loading hundreds of MB again. The parent starts no thread of its own before the pool
        # forks (the progress bar runs without tqdm's monitor thread). Elsewhere: spawn.
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")

    def _pool(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=workers,
            mp_context=self.context,
            initializer=init_worker,
            initargs=(self.config,),
        )

    def run(self, tasks: Iterable[Task]) -> Iterator[ArticleResult]:
        window = self.jobs * WINDOW_PER_WORKER
        chunks = _chunks(tasks)
        pool = self._pool(self.jobs)
        in_flight: dict[Future[list[ArticleResult]], list[Task]] = {}
        try:
            while True:
                for chunk in _take(chunks, window - len(in_flight)):
                    in_flight[pool.submit(process_chunk, self.config, chunk)] = chunk
                if not in_flight:
                    return
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                broken: list[Task] = []
                for future in done:
                    chunk = in_flight.pop(future)
                    try:
                        yield from future.result()
                    except BrokenProcessPool:
                        broken.extend(chunk)
                if broken:
                    # A dead worker breaks the whole pool: every chunk in flight fails with it.
                    # Retry each article alone in a fresh one-worker pool to find the culprit.
                    for chunk in in_flight.values():
                        broken.extend(chunk)
                    in_flight.clear()
                    pool.shutdown(wait=False, cancel_futures=True)
                    yield from (self._isolated(task) for task in broken)
                    pool = self._pool(self.jobs)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _isolated(self, task: Task) -> ArticleResult:
        with self._pool(1) as pool:
            try:
                return pool.submit(process, self.config, task).result()
            except BrokenProcessPool:
                return failed(task.seq, task.key, task.article.id, WORKER_DIED)


class DaskEngine:
    """--engine dask: tasks on a Dask distributed cluster (an address, or a local cluster).

    Each worker opens its gazetteer once, on its first task (`worker_gazetteer` caches it in the
    worker process), building it from the installed packages if that machine has none yet.
    """

    def __init__(
        self, config: WorkerConfig, *, scheduler: str | None = None, jobs: int = 2
    ) -> None:
        self.config = config
        self.scheduler = scheduler
        self.jobs = jobs

    def run(self, tasks: Iterable[Task]) -> Iterator[ArticleResult]:
        try:
            from distributed import Client, LocalCluster, as_completed
        except ImportError as exc:
            raise GeomapError(
                "--engine dask needs Dask distributed: pip install 'geomap[dask]'"
            ) from exc

        cluster = None
        if self.scheduler:
            _probe_scheduler(self.scheduler)
            try:
                client = Client(self.scheduler, timeout="20s")
            except OSError as exc:
                raise GeomapError(
                    f"cannot reach the Dask scheduler at {self.scheduler}: {exc}"
                ) from exc
        else:
            cluster = LocalCluster(
                n_workers=self.jobs,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
            )
            client = Client(cluster)
        try:
            yield from self._run(client, as_completed, tasks)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def _run(self, client, as_completed, tasks: Iterable[Task]) -> Iterator[ArticleResult]:  # noqa: ANN001
        workers = max(1, len(client.scheduler_info().get("workers", {})) or self.jobs)
        window = workers * WINDOW_PER_WORKER
        # The config (layers can be large geometries) travels to each worker once, not per task.
        [config] = client.scatter([self.config], broadcast=True)
        chunks = _chunks(tasks)
        in_flight: dict[str, list[Task]] = {}
        queue = as_completed()

        def submit(chunk: list[Task]) -> None:
            key = f"geomap-{self.config.token}-{chunk[0].seq}"
            future = client.submit(process_chunk, config, chunk, pure=False, key=key)
            in_flight[future.key] = chunk
            queue.add(future)

        for chunk in _take(chunks, window):
            submit(chunk)
        for future in queue:
            chunk = in_flight.pop(future.key)
            if future.status == "error":
                # process_chunk catches analysis errors, so this is a worker lost mid-chunk
                # (Dask reschedules those a few times before giving up).
                exc = future.exception()
                reason = f"Dask worker failure: {type(exc).__name__}: {exc}"
                yield from (failed(t.seq, t.key, t.article.id, reason) for t in chunk)
            else:
                yield from future.result()
            future.release()
            for chunk in _take(chunks, window - len(in_flight)):
                submit(chunk)


def _probe_scheduler(address: str) -> None:
    """Fail at once, in one line, when nothing listens at a tcp:// address (the Dask client
    would otherwise retry until its timeout)."""
    scheme, sep, rest = address.partition("://")
    if not sep:
        scheme, rest = "tcp", address
    if scheme != "tcp":
        return
    host, _, port = rest.rpartition(":")
    try:
        with socket.create_connection((host.strip("[]") or "127.0.0.1", int(port)), timeout=10):
            pass
    except (OSError, ValueError) as exc:
        raise GeomapError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc


def _chunks(tasks: Iterable[Task], size: int = CHUNK_SIZE) -> Iterator[list[Task]]:
    chunk: list[Task] = []
    for task in tasks:
        chunk.append(task)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _take(iterator: Iterator[T], n: int) -> list[T]:
    out: list[T] = []
    while len(out) < n:
        try:
            out.append(next(iterator))
        except StopIteration:
            break
    return out


def make_engine(
    config: WorkerConfig, *, engine: str = "local", jobs: int = 1, scheduler: str | None = None
) -> Engine:
    if engine == "dask":
        return DaskEngine(config, scheduler=scheduler, jobs=jobs)
    if engine != "local":
        raise GeomapError(f"unknown engine {engine!r} (local or dask)")
    if scheduler:
        raise GeomapError("--scheduler applies to --engine dask")
    return InProcessEngine(config) if jobs <= 1 else LocalPoolEngine(config, jobs)
