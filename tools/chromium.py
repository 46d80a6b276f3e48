"""Headless Chromium driven over the DevTools protocol, with no network: for the docs' pictures
(tools/screenshot_map.py) and the map benchmarks (benchmarks/bench_map_browser.py).

Every proxy points at a dead local port, so a page can load only what it carries. Pictures are
taken once the page has loaded and painted twice more, not after a fixed virtual-time budget,
which on a busy machine photographs a half-drawn page.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--hide-scrollbars",
    "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
)  # fmt: skip


def chromium_binary() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("headless Chromium not found: apt-get install chromium")


class Chromium:
    def __init__(self, *, width: int = 1400, height: int = 860) -> None:
        import websocket  # websocket-client, a test dependency

        self._profile = tempfile.TemporaryDirectory()
        profile = Path(self._profile.name)
        self.process = subprocess.Popen(
            [chromium_binary(), *FLAGS, f"--user-data-dir={profile}",
             "--remote-debugging-port=0", f"--window-size={width},{height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.monotonic() > deadline:
                self.close()
                raise RuntimeError("chromium did not open its DevTools port")
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as resp:
            page = next(t for t in json.load(resp) if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=300,
                                              suppress_origin=True)  # fmt: skip
        self.next_id = 0
        self.loaded = False
        self.call("Page.enable")
        self.call("Performance.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=False)  # fmt: skip

    def call(self, method: str, **params) -> dict:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if message.get("method") == "Page.loadEventFired":
                self.loaded = True

    def eval(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=True)  # fmt: skip
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, path: Path) -> float:
        """Load a page; returns navigation start to load event end (ms), as the page measured
        it. Returns once the page has painted twice after its load event."""
        self.loaded = False
        self.call("Page.navigate", url=path.resolve().as_uri())
        while not self.loaded:
            message = json.loads(self.ws.recv())
            if message.get("method") == "Page.loadEventFired":
                self.loaded = True
        self.eval(
            "document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() =>"
            " requestAnimationFrame(() => setTimeout(r, 50)))))"
        )
        return float(self.eval("performance.getEntriesByType('navigation')[0].loadEventEnd"))

    def busy_ms(self) -> float:
        """Main-thread task time so far: CPU work, less sensitive to a busy machine than wall
        time."""
        metrics = self.call("Performance.getMetrics")["metrics"]
        return 1000 * next(m["value"] for m in metrics if m["name"] == "TaskDuration")

    def screenshot(self, png: Path) -> None:
        data = self.call("Page.captureScreenshot", format="png")["data"]
        png.parent.mkdir(parents=True, exist_ok=True)
        png.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            if getattr(self, "ws", None) is not None:
                self.ws.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self._profile.cleanup()

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
