"""Batch progress: a tqdm bar with rate and ETA on a terminal, sparse log lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Counts finished articles and shows them; `close()` returns the final one-line summary."""

    def __init__(
        self,
        total: int | None,
        *,
        quiet: bool = False,
        stream: TextIO | None = None,
        every_articles: int = 500,
        every_seconds: float = 30.0,
        tty: bool | None = None,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.quiet = quiet
        self.ok = 0
        self.failed = 0
        self.every_articles = every_articles
        self.every_seconds = every_seconds
        self.started = time.monotonic()
        self._last_line = self.started
        self._last_count = 0
        is_tty = tty if tty is not None else _isatty(self.stream)
        self._bar = None
        if is_tty and not quiet:
            from tqdm import tqdm

            # No monitor thread: the local engine forks its workers after the bar exists, and a
            # process should not fork while a thread of its own may hold a lock.
            tqdm.monitor_interval = 0
            self._bar = tqdm(
                total=total, unit="article", file=self.stream, dynamic_ncols=True, smoothing=0.1
            )

    @property
    def done(self) -> int:
        return self.ok + self.failed

    def update(self, ok: bool) -> None:
        if ok:
            self.ok += 1
        else:
            self.failed += 1
        if self._bar is not None:
            self._bar.update(1)
            if not ok:
                self._bar.set_postfix(failed=self.failed, refresh=False)
            return
        if self.quiet:
            return
        now = time.monotonic()
        if (
            self.done - self._last_count >= self.every_articles
            or now - self._last_line >= self.every_seconds
        ):
            self._log_line(now)

    def _log_line(self, now: float) -> None:
        self._last_line, self._last_count = now, self.done
        print(f"geomap: batch: {self.status(now)}", file=self.stream, flush=True)

    def rate(self, now: float | None = None) -> float:
        elapsed = (now if now is not None else time.monotonic()) - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def status(self, now: float | None = None) -> str:
        now = now if now is not None else time.monotonic()
        rate = self.rate(now)
        of = f"/{self.total}" if self.total is not None else ""
        text = f"{self.done}{of} articles ({self.ok} ok, {self.failed} failed), {rate:.1f}/s"
        if self.total is not None and rate > 0 and self.done < self.total:
            text += f", ETA {_duration((self.total - self.done) / rate)}"
        return text

    def close(self) -> str:
        if self._bar is not None:
            self._bar.close()
        elapsed = time.monotonic() - self.started
        return (
            f"{self.done} articles in {_duration(elapsed)} ({self.ok} ok, {self.failed} failed), "
            f"{self.rate():.1f} articles/s"
        )


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    if minutes:
        return f"{minutes}m{secs:02d}s"
    return f"{secs}s"
