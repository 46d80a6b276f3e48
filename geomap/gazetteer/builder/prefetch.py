"""Source readings that need nothing from the store, done in a second process meanwhile.

Three parts of the default build read a package and compute from it alone: the US post-office
towns (the `zipcodes` package hands over its 40,000 codes as ~140 MB of dictionaries), every
KATOTTG unit with its spellings (the codifier is an Excel workbook read through pandas; the
romanisations are pure computation) and the representative points of the few countries no
table places (the country polygons). A forked worker does them while the main process reads
GeoNames and writes the regions, so the build uses the machine's second core and the main
process never holds those sources' memory. Without `fork` (or where a process may not start
children) each is computed in-process when first asked for.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any


class Prefetch:
    """Named jobs started at once in one worker process; `result(name)` waits for one."""

    def __init__(self, jobs: dict[str, Callable[[], Any]], *, background: bool = True) -> None:
        self._jobs = jobs
        self._futures: dict[str, Future] = {}
        self._pool: ProcessPoolExecutor | None = None
        if background and "fork" in multiprocessing.get_all_start_methods():
            try:
                context = multiprocessing.get_context("fork")
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
                self._futures = {name: self._pool.submit(job) for name, job in jobs.items()}
            except (OSError, AssertionError):  # no process to spare, or a daemonic parent
                self.close()
                self._futures = {}

    def result(self, name: str) -> Any:
        future = self._futures.pop(name, None)
        if future is not None:
            try:
                return future.result()
            except BrokenProcessPool:  # the worker died (killed, out of memory): do it here
                pass
        return self._jobs[name]()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Prefetch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
