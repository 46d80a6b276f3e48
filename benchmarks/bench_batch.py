"""Benchmark `geomap batch`: articles per second for --jobs 1, --jobs 2 and --engine dask (two
local workers), peak memory per process, and memory at 1,000 vs 5,000 articles.

    python benchmarks/bench_batch.py                   # 5,000 articles (default)
    python benchmarks/bench_batch.py --articles 8000 --small 1000 --skip-dask

The feed is built from text we have: the shared UCDP GED headlines (../shared, or
$GEOMAP_SHARED) combined into article-length texts dated by their event, plus the shared sample
article and examples/*.txt now and then; without ../shared only the examples are used. The feed
is written to a temporary folder, never to the repository.

Each run is a real `python -m geomap batch` subprocess; a sampler polls the process tree with
psutil every 0.2 s for the peak resident memory of the parent and of each worker.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    return Path(os.environ.get("GEOMAP_SHARED", REPO.parent / "shared"))


# ---------------------------------------------------------------- the feed


def ucdp_items() -> list[tuple[str, str]]:
    """(date, headline) pairs from the shared UCDP GED extract; [] when it is absent."""
    path = shared_dir() / "data" / "events" / "ucdp_ged_ukraine.csv"
    if not path.exists():
        print(f"note: {path} absent; building the feed from examples/ only", file=sys.stderr)
        return []
    items = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            date = _us_date(row.get("date_start", ""))
            for headline in row.get("source_headline", "").split(";"):
                headline = headline.strip(" -")
                if len(headline) > 15:
                    items.append((date, headline))
    return items


def _us_date(text: str) -> str:
    try:
        return dt.datetime.strptime(text.split()[0], "%m/%d/%Y").date().isoformat()
    except (ValueError, IndexError):
        return ""


def whole_articles() -> list[str]:
    paths = sorted((REPO / "examples").glob("*.txt"))
    sample = shared_dir() / "data" / "articles" / "istanbul-peace-talks.txt"
    if sample.exists():
        paths.append(sample)
    return [p.read_text(encoding="utf-8") for p in paths]


def build_feed(n: int, path: Path, seed: int = 2024) -> Path:
    """n JSONL rows: mostly 6-10 UCDP headlines made into one dated article, every 50th a whole
    article (the examples, the sample)."""
    rnd = random.Random(seed)
    items = ucdp_items()
    whole = whole_articles()
    with path.open("w", encoding="utf-8") as fh:
        for number in range(n):
            if not items or number % 50 == 0:
                text = whole[number % len(whole)]
                row = {"id": f"a{number:06d}", "text": text, "date": "2025-07-23"}
            else:
                picked = rnd.sample(items, rnd.randint(6, 10))
                title = picked[0][1]
                body = " ".join(h if h.endswith((".", "!", "?")) else h + "." for _, h in picked)
                row = {"id": f"a{number:06d}", "title": title, "date": picked[0][0], "text": body}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


# ---------------------------------------------------------------- one run


@dataclass
class ProcessPeak:
    pid: int
    role: str
    rss_mb: float = 0.0
    cpu_s: float = 0.0


@dataclass
class RunResult:
    label: str
    articles: int
    seconds: float
    peaks: list[ProcessPeak] = field(default_factory=list)
    summary: dict = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.articles / self.seconds

    @property
    def analysis_rate(self) -> float:
        """Articles/s once the gazetteer is open and the workers are up (start-up excluded)."""
        seconds = self.summary.get("last_run", {}).get("analysis_seconds") or self.seconds
        return self.articles / seconds

    def worker_peaks(self) -> list[ProcessPeak]:
        """Processes that did the analysis: the parent itself for --jobs 1, else the children
        that used a real share of the CPU (not dask's scheduler/nanny or the spawn helper)."""
        total = sum(p.cpu_s for p in self.peaks) or 1.0
        children = [p for p in self.peaks if p.role != "parent" and p.cpu_s >= 0.15 * total]
        return children or [p for p in self.peaks if p.role == "parent"]


def run_batch(
    label: str, feed: Path, out: Path, extra: list[str], gazetteer: str | None
) -> RunResult:
    import psutil

    command = [sys.executable, "-m", "geomap", "batch", str(feed), "--out", str(out), "-q", *extra]
    if gazetteer:
        command += ["--gazetteer", gazetteer]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(process.pid)
    peaks: dict[int, ProcessPeak] = {}
    while process.poll() is None:
        _sample(root, peaks)
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    stderr = process.stderr.read() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{label}: geomap batch failed ({process.returncode}): {stderr[-2000:]}")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    articles = summary["articles"] + summary["failed"]
    return RunResult(label, articles, seconds, list(peaks.values()), summary)


def _sample(root, peaks: dict[int, ProcessPeak]) -> None:
    import psutil

    try:
        tree = [root, *root.children(recursive=True)]
    except psutil.Error:
        return
    for proc in tree:
        try:
            with proc.oneshot():
                rss = proc.memory_info().rss / 2**20
                times = proc.cpu_times()
        except psutil.Error:
            continue
        peak = peaks.setdefault(proc.pid, ProcessPeak(proc.pid, _role(root, proc)))
        peak.rss_mb = max(peak.rss_mb, rss)
        peak.cpu_s = max(peak.cpu_s, times.user + times.system)


def _role(root, proc) -> str:
    if proc.pid == root.pid:
        return "parent"
    try:
        cmd = " ".join(proc.cmdline())
    except Exception:  # the process may be gone already
        return "child"
    if "dask" in cmd or "distributed" in cmd:
        return "dask"
    return "worker" if "spawn_main" in cmd or "multiprocessing" in cmd else "child"


# ---------------------------------------------------------------- report


def report(result: RunResult) -> str:
    workers = result.worker_peaks()
    parent = next((p for p in result.peaks if p.role == "parent"), None)
    worker_mb = ", ".join(f"{p.rss_mb:.0f}" for p in workers)
    parent_mb = parent.rss_mb if parent else 0.0
    return (
        f"{result.label:<22} {result.articles:>6} articles {result.seconds:7.1f} s "
        f"{result.rate:7.1f} articles/s ({result.analysis_rate:.1f}/s after start-up)   "
        f"peak RSS MB: parent {parent_mb:.0f}, "
        f"workers [{worker_mb}]"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--small", type=int, default=1000, help="the smaller run for memory")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--gazetteer", help="gazetteer store (default: the usual one)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="geomap-bench-batch-") as tmp:
        folder = Path(tmp)
        big = build_feed(args.articles, folder / f"feed-{args.articles}.jsonl")
        small = build_feed(args.small, folder / f"feed-{args.small}.jsonl")
        words = sum(len(json.loads(line)["text"].split()) for line in big.open(encoding="utf-8"))
        print(f"feed: {args.articles} articles, {words / args.articles:.0f} words on average")
        # Build/open the gazetteer once up front so no timed run pays for it.
        run_batch("warm-up", small, folder / "warm", [], args.gazetteer)

        runs = [
            run_batch(f"jobs 1 ({args.small})", small, folder / "j1s", [], args.gazetteer),
            run_batch("jobs 1", big, folder / "j1", [], args.gazetteer),
            run_batch("jobs 2", big, folder / "j2", ["--jobs", "2"], args.gazetteer),
        ]
        if not args.skip_dask:
            runs.append(
                run_batch(
                    "dask, 2 local workers",
                    big,
                    folder / "dask",
                    ["--engine", "dask", "--jobs", "2"],
                    args.gazetteer,
                )  # fmt: skip
            )
        for result in runs:
            print(report(result))
        one, two = runs[1], runs[2]
        print(
            f"speed-up jobs 2 / jobs 1: {two.rate / one.rate:.2f}x wall, "
            f"{two.analysis_rate / one.analysis_rate:.2f}x after start-up (goal >= 1.8x)"
        )
        if len(runs) > 3:
            dask = runs[3]
            print(
                f"speed-up dask 2 / jobs 1: {dask.rate / one.rate:.2f}x wall, "
                f"{dask.analysis_rate / one.analysis_rate:.2f}x after start-up"
            )
        small_peak = max(p.rss_mb for p in runs[0].worker_peaks())
        big_peak = max(p.rss_mb for p in one.worker_peaks())
        print(
            f"memory, --jobs 1: peak {small_peak:.0f} MB at {args.small} articles, "
            f"{big_peak:.0f} MB at {args.articles} ({big_peak - small_peak:+.0f} MB)"
        )
        same = all(
            (folder / "j1" / name).read_bytes() == (folder / "j2" / name).read_bytes()
            for name in ("events.csv", "places.csv", "claims.csv", "merged.geojson")
        )
        print(f"jobs 1 and jobs 2 merged outputs identical: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
