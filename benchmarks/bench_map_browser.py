"""What a reader waits for: map file sizes, render time in headless Chromium, the PNG picture.

    python benchmarks/bench_map_browser.py            # one article, its picture, the collection
    python benchmarks/bench_map_browser.py --no-wire  # skip the 161-article collection (slow)

Measures, each printed on one line (nothing here is asserted):
- one article's self-contained HTML: bytes, Python render time, and in headless Chromium (no
  network) the time from navigation to the end of the load event (the page script has drawn the
  basemap and placed the labels by then), median of 5 loads;
- its --png picture: time in this process (warm: data loaded once before) and in a fresh Python
  process (imports, basemap and reference data, matplotlib included; analysis excluded);
- the collection map of the 161 shared wire articles (analysis time reported apart), its size,
  its Chromium load time and the time one date-filter change takes in the page.
Articles: examples/varachyne-capture.txt (ours), the shared Istanbul article and the front-line
example with the shared DeepStateMap layer of 2024-07-30 when ../shared is there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))
SHARED = Path(os.environ.get("GEOMAP_SHARED", REPO.parent / "shared")) / "data"
BLANK = Path(tempfile.gettempdir()) / "geomap-bench-blank.html"


def load(browser, path: Path) -> tuple[float, float]:
    """(ms from navigation to load event end, main-thread busy ms for the load). A file: page
    after about:blank may get a new renderer process whose counter starts at zero."""
    browser.open(BLANK)
    before = browser.busy_ms()
    wall = browser.open(path)
    after = browser.busy_ms()
    return wall, after - before if after >= before else after


def article_cases(gazetteer) -> list[tuple[str, object, list]]:
    from geomap.article import read_article
    from geomap.pipeline import analyze

    cases = [("seed (examples/varachyne)", REPO / "examples" / "varachyne-capture.txt", None, [])]
    istanbul = SHARED / "articles" / "istanbul-peace-talks.txt"
    if istanbul.exists():
        cases.append(("istanbul (shared)", istanbul, dt.date(2025, 7, 23), []))
    front = SHARED / "frontline" / "deepstatemap_data_20240730.geojson"
    if front.exists():
        from geomap.geometry import load_user_layer

        layer = load_user_layer(front, "frontline")
        cases.append(("front line (example+layer)", REPO / "examples" / "pokrovsk-front.txt",
                      None, [layer]))  # fmt: skip
    out = []
    for name, path, date, layers in cases:
        article = read_article(path, date=date)
        report = analyze(article, gazetteer=gazetteer, layers={x.name: x for x in layers})
        out.append((name, report, layers))
    return out


def bench_articles(browser, gazetteer, tmp: Path) -> None:
    from geomap.render import write_map
    from geomap.render.static import write_image

    for name, report, layers in article_cases(gazetteer):
        t0 = time.perf_counter()
        html = write_map(report, tmp / "map.html", layers=layers, settlements=gazetteer)
        render_s = time.perf_counter() - t0
        loads = [load(browser, html) for _ in range(5)]
        wall = statistics.median(w for w, _ in loads)
        busy = statistics.median(b for _, b in loads)
        print(f"{name:<28} html {html.stat().st_size / 1e6:5.2f} MB  python {render_s:5.2f} s  "
              f"chromium load median {wall:6.0f} ms (main thread busy {busy:.0f} ms)")  # fmt: skip
        write_image(report, tmp / "warm.png", layers=layers, settlements=gazetteer)
        t0, c0 = time.perf_counter(), time.process_time()
        png = write_image(report, tmp / "map.png", layers=layers, settlements=gazetteer)
        warm, cpu = time.perf_counter() - t0, time.process_time() - c0
        fresh, fresh_cpu = fresh_png_seconds(report, layers, tmp)
        print(f"{name:<28} png  {png.stat().st_size / 1e6:5.2f} MB  warm {warm:5.2f} s "
              f"(cpu {cpu:4.2f})  fresh process {fresh:5.2f} s (cpu {fresh_cpu:4.2f})")  # fmt: skip


def fresh_png_seconds(report, layers, tmp: Path) -> tuple[float, float]:
    """(wall, cpu) seconds for the picture drawn by a new Python process from a pickled Report
    (imports included, analysis not)."""
    import pickle

    data = tmp / "report.pickle"
    data.write_bytes(pickle.dumps((report, layers)))
    code = (
        "import pickle, sys, time; t, c = time.perf_counter(), time.process_time();"
        "from geomap.gazetteer import Gazetteer; from geomap.render.static import write_image;"
        f"report, layers = pickle.loads(open({str(data)!r}, 'rb').read());"
        f"write_image(report, {str(tmp / 'fresh.png')!r}, layers=layers,"
        " settlements=Gazetteer.open(build_if_missing=False));"
        "print(time.perf_counter() - t, time.process_time() - c)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONPATH": str(REPO)})  # fmt: skip
    wall, cpu = out.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def bench_wire_collection(browser, gazetteer, tmp: Path) -> None:
    from geomap.article import iter_input_rows
    from geomap.pipeline import analyze
    from geomap.render import write_collection_map

    path = SHARED / "news" / "wire_conflict_articles_2024-07.jsonl"
    if not path.exists():
        print(f"skip wire collection: {path} not found")
        return
    t0 = time.perf_counter()
    reports = [analyze(row.article, gazetteer=gazetteer)
               for row in iter_input_rows(path, date_field="published") if row.article]  # fmt: skip
    analysis = time.perf_counter() - t0
    t0 = time.perf_counter()
    html = write_collection_map(reports, tmp / "collection.html")
    render_s = time.perf_counter() - t0
    loads = [load(browser, html) for _ in range(3)]
    markers = browser.eval("document.getElementById('gm-count').textContent")
    filter_ms = browser.eval(
        "(() => { const f = document.getElementById('gm-date-from'); const t0 = performance.now();"
        " f.value = Math.floor(f.max / 2); f.dispatchEvent(new Event('input', {bubbles: true}));"
        " return performance.now() - t0; })()"
    )
    print(f"{'wire collection (shared)':<28} {len(reports)} articles, {markers}; analysis "
          f"{analysis:.0f} s (apart)")  # fmt: skip
    print(f"{'wire collection (shared)':<28} html {html.stat().st_size / 1e6:5.2f} MB  python "
          f"{render_s:5.2f} s  chromium load median {statistics.median(w for w, _ in loads):6.0f} "
          f"ms (busy {statistics.median(b for _, b in loads):.0f} ms)  "
          f"date filter {filter_ms:5.0f} ms")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-wire", action="store_true", help="skip the wire collection")
    args = parser.parse_args()
    from geomap.gazetteer import Gazetteer

    gazetteer = Gazetteer.open()
    BLANK.write_text("<!DOCTYPE html><title>blank</title>", encoding="utf-8")
    from chromium import Chromium

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        browser = Chromium()
        try:
            bench_articles(browser, gazetteer, tmp)
            if not args.no_wire:
                bench_wire_collection(browser, gazetteer, tmp)
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
