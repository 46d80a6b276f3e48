"""The generated maps opened in a real browser: headless Chromium driven over DevTools.

Skipped with a reason when /usr/bin/chromium is absent (Debian `chromium`, installed by .ci/run).
The browser runs with every proxy pointed at a dead local port, so the offline maps are tested
with no network at all, and every request the page makes is recorded.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from sample_reports import istanbul_report, xss_report  # noqa: E402

from geomap.export import report_to_geojson  # noqa: E402
from geomap.render import write_collection_map, write_map  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
websocket = pytest.importorskip("websocket", reason="websocket-client is a test dependency")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="headless chromium not installed"),
]


class Browser:
    """Just enough of the DevTools protocol: navigate, evaluate, collect errors and requests."""

    def __init__(self, profile: Path) -> None:
        self.process = subprocess.Popen(
            [
                CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--no-first-run", f"--user-data-dir={profile}", "--remote-debugging-port=0",
                # No network: any request that is not to the page's own file goes nowhere.
                "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                "--window-size=1200,900", "about:blank",
            ],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        port = self._port(profile / "DevToolsActivePort")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as resp:
            targets = json.load(resp)
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=20, suppress_origin=True
        )
        self.next_id = 0
        self.events: list[dict] = []
        for domain in ("Runtime", "Log", "Page", "Network"):
            self.call(f"{domain}.enable")

    def _port(self, port_file: Path) -> int:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if port_file.exists() and port_file.read_text().strip():
                return int(port_file.read_text().split()[0])
            time.sleep(0.05)
        raise RuntimeError("chromium did not open its DevTools port")

    def call(self, method: str, **params) -> dict:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method: str, timeout: float = 20) -> None:
        if any(e.get("method") == method for e in self.events):
            return
        deadline = time.monotonic() + timeout
        self.ws.settimeout(timeout)
        while time.monotonic() < deadline:
            message = json.loads(self.ws.recv())
            self.events.append(message)
            if message.get("method") == method:
                return
        raise TimeoutError(method)

    def open(self, path: Path) -> None:
        self.events.clear()
        self.call("Page.navigate", url=path.resolve().as_uri())
        self.wait_for("Page.loadEventFired")
        self.eval("new Promise(r => setTimeout(r, 300))")  # let Leaflet finish its first layout

    def eval(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=True)  # fmt: skip
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def errors(self) -> list[str]:
        out = []
        for e in self.events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.exceptionThrown":
                out.append(json.dumps(params["exceptionDetails"])[:500])
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                out.append(json.dumps(params.get("args"))[:500])
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                out.append(params["entry"].get("text", "")[:500])
        return out

    def requests(self) -> list[str]:
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e.get("method") == "Network.requestWillBeSent"
        ]

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    b = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield b
    b.close()


def _point_features(report) -> int:
    return sum(
        1
        for f in report_to_geojson(report)["features"]
        if f["geometry"] is not None and f["geometry"]["type"] == "Point"
    )


def test_offline_map_loads_without_errors_or_network(browser, tmp_path):
    report = istanbul_report()
    path = write_map(report, tmp_path / "map.html")
    browser.open(path)
    assert browser.errors() == []
    external = [u for u in browser.requests() if not u.startswith(("file:", "data:"))]
    assert external == []
    assert browser.eval("typeof L") == "object"


def test_one_marker_per_point_feature(browser, tmp_path):
    report = istanbul_report()
    browser.open(write_map(report, tmp_path / "map.html"))
    markers = browser.eval("document.querySelectorAll('.leaflet-marker-icon').length")
    places = browser.eval("document.querySelectorAll('.leaflet-marker-icon.gm-place').length")
    geojson = report_to_geojson(report)
    place_features = [f for f in geojson["features"] if f["properties"]["feature_type"] == "place"]
    assert markers == _point_features(report)
    assert places == len(place_features)


def test_popup_opens_and_shows_highlighted_evidence(browser, tmp_path):
    report = istanbul_report()
    browser.open(write_map(report, tmp_path / "map.html"))
    text = browser.eval(
        "document.querySelector('.leaflet-marker-icon.gm-event').click();"
        "new Promise(r => setTimeout(() => r(document.querySelector("
        "'.leaflet-popup-content').innerText), 200))"
    )
    event = report.events[0]
    assert event.evidence in " ".join(text.split())
    assert event.event_type in text
    marked = browser.eval("document.querySelector('.leaflet-popup-content mark').innerText")
    assert marked in (event.location.mention.text, event.trigger)


def test_unresolved_places_listed_in_side_panel(browser, tmp_path):
    report = istanbul_report()
    browser.open(write_map(report, tmp_path / "map.html"))
    listed = browser.eval(
        "[...document.querySelectorAll('#gm-panel .gm-unresolved')]"
        ".map(e => e.firstChild.textContent)"
    )
    assert [name.strip() for name in listed] == [r.mention.text for r in report.unresolved]


def test_xss_article_executes_nothing_and_renders_as_text(browser, tmp_path):
    report = xss_report()
    browser.open(write_map(report, tmp_path / "xss.html"))
    # Open every popup and tooltip: injected markup would run as it is inserted.
    browser.eval(
        "(async () => { for (const m of document.querySelectorAll('.leaflet-marker-icon')) {"
        " m.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); m.click();"
        " await new Promise(r => setTimeout(r, 100)); } })()"
    )
    assert browser.eval("typeof window.__xss") == "undefined"
    assert (
        browser.eval("document.querySelectorAll('img[src=x], img[src=y], img[src=z]').length") == 0
    )
    assert browser.errors() == []
    popup = browser.eval("document.querySelector('.leaflet-popup-content').innerText")
    assert "<script>" in popup or "<img" in popup  # the markup is shown as text
    panel = browser.eval("document.getElementById('gm-panel').innerText")
    assert '<b onmouseover="window.__xss=4">Place</b>' in panel


def test_collection_map_clusters_and_filters(browser, tmp_path):
    import datetime as dt

    first = istanbul_report()
    later = istanbul_report("later", published=dt.date(2025, 7, 20), title="Later article")
    path = write_collection_map([first, later], tmp_path / "collection.html")
    browser.open(path)
    assert browser.errors() == []
    assert [u for u in browser.requests() if not u.startswith(("file:", "data:"))] == []
    total = browser.eval("document.getElementById('gm-count').textContent")
    n_markers = sum(len(r.places) + sum(1 for e in r.events if e.location) for r in (first, later))
    assert total == f"{n_markers} of {n_markers} markers"
    # Untick "Place": only events remain.
    shown = browser.eval(
        "const c = document.querySelector('input.gm-type[value=Place]'); c.checked = false;"
        "c.dispatchEvent(new Event('change', {bubbles: true}));"
        "document.getElementById('gm-count').textContent"
    )
    n_events = sum(1 for r in (first, later) for e in r.events if e.location)
    assert shown.startswith(f"{n_events} of ")
    # Move the start of the date window past the first article: only the later one's events stay.
    shown = browser.eval(
        "const f = document.getElementById('gm-date-from'); f.value = f.max;"
        "f.dispatchEvent(new Event('input', {bubbles: true}));"
        "document.getElementById('gm-count').textContent"
    )
    last_day = max(e.date for e in later.events if e.date)
    expected = sum(1 for e in later.events if e.location and e.date == last_day)
    assert shown.startswith(f"{expected} of ")


def test_sample_article_map_has_one_marker_per_place(
    browser, tmp_path, sample_article_path, gazetteer
):
    """The end-to-end check of issue 3: the real sample, through the whole pipeline, opened in
    the browser with no network: one place marker per place feature, no console errors."""
    import datetime as dt

    from geomap.article import read_article
    from geomap.pipeline import analyze

    article = read_article(sample_article_path, date=dt.date(2025, 7, 23))
    report = analyze(article, gazetteer=gazetteer)
    browser.open(write_map(report, tmp_path / "sample.html"))
    assert browser.errors() == []
    places = browser.eval("document.querySelectorAll('.leaflet-marker-icon.gm-place').length")
    features = report_to_geojson(report)["features"]
    assert places == sum(1 for f in features if f["properties"]["feature_type"] == "place") >= 8
    assert browser.eval("document.querySelectorAll('.leaflet-marker-icon').length") == (
        _point_features(report)
    )
