"""The --online fallback through geopy, against a real HTTP server on 127.0.0.1.

The server answers in each provider's format (Nominatim /search, GeoNames /searchJSON, Photon
/api), and also with the failures real services produce: malformed JSON, an HTML error page, a
slow answer, 429 and 503, a coordinate outside the world. Nothing leaves the machine.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from geomap.errors import OnlineError
from geomap.gazetteer import Gazetteer
from geomap.gazetteer.online import enable_online, make_provider

NOMINATIM_HIT = [
    {
        "place_id": 101, "osm_type": "node", "osm_id": 555001, "lat": "48.2100", "lon": "37.1200",
        "display_name": "Zorianivka Testova, Donetsk Oblast, Ukraine", "name": "Zorianivka Testova",
        "class": "place", "type": "village", "addresstype": "village", "importance": 0.2,
        "address": {"village": "Zorianivka Testova", "state": "Donetsk Oblast",
                    "country": "Ukraine", "country_code": "ua"},
    }
]  # fmt: skip


class FakeGeocoders(BaseHTTPRequestHandler):
    requests: list[str] = []

    def log_message(self, *args) -> None:  # keep pytest output clean
        pass

    def _send(self, status: int, body: str, ctype: str = "application/json", **headers) -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        url = urlparse(self.path)
        query = parse_qs(url.query).get("q", [""])[0]
        FakeGeocoders.requests.append(f"{url.path}?{query}")
        if query == "Slow Place":
            time.sleep(1.5)
        if query == "Broken Json":
            return self._send(200, '[{"lat": "48.1", ')
        if query == "Html Page":
            return self._send(200, "<html><body>Bad gateway</body></html>", "text/html")
        if query == "Too Many":
            return self._send(429, "rate limited", "text/plain", Retry_After="0")
        if query == "Server Down":
            return self._send(503, "unavailable", "text/plain")
        if query == "Off World":
            bad = [{**NOMINATIM_HIT[0], "lat": "123.0", "osm_id": 9}]
            return self._send(200, json.dumps(bad))
        if query == "Nowhere At All":
            empty = {"/search": "[]", "/searchJSON": '{"geonames": []}',
                     "/api": '{"type": "FeatureCollection", "features": []}'}  # fmt: skip
            return self._send(200, empty[url.path])
        if url.path == "/search":
            return self._send(200, json.dumps(NOMINATIM_HIT))
        if url.path == "/searchJSON":
            hit = {"geonames": [{"lat": "48.21", "lng": "37.12", "name": query,
                                 "toponymName": query, "countryCode": "UA", "geonameId": 9990001,
                                 "fcl": "P", "fcode": "PPL", "population": 120,
                                 "adminName1": "Donetsk"}]}  # fmt: skip
            return self._send(200, json.dumps(hit))
        if url.path == "/api":
            point = {"type": "Point", "coordinates": [37.12, 48.21]}
            props = {"osm_id": 777, "osm_type": "N", "name": query, "countrycode": "UA",
                     "type": "village", "state": "Donetsk"}  # fmt: skip
            feature = {"type": "Feature", "geometry": point, "properties": props}
            return self._send(200, json.dumps({"type": "FeatureCollection", "features": [feature]}))
        return self._send(404, "not found", "text/plain")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeGeocoders)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture()
def store(gazetteer, tmp_path: Path) -> Path:
    path = tmp_path / "store.sqlite"
    shutil.copyfile(gazetteer.path, path)
    return path


def online(store: Path, server: str, provider: str = "nominatim", **options):
    gz = Gazetteer.open(store, build_if_missing=False)
    opts = {"domain": server, "scheme": "http", "min_delay_seconds": 0.0, "timeout": 5.0,
            "max_retries": 1, **options}  # fmt: skip
    if provider == "geonames":
        opts["username"] = "geomap-test"
    return enable_online(gz, make_provider(provider, **opts))


def test_miss_is_looked_up_cached_and_found_offline_next_time(store: Path, server: str) -> None:
    gz = online(store, server)
    assert not Gazetteer.open(store, build_if_missing=False).candidates("Zorianivka Testova")
    before = len(FakeGeocoders.requests)
    found = gz.candidates("Zorianivka Testova", country="UA")
    assert found and found[0].source == "online-nominatim"
    assert found[0].country_code == "UA" and abs(found[0].point.lat - 48.21) < 1e-6
    assert len(FakeGeocoders.requests) == before + 1
    # The next run, offline: answered from the store, no request.
    offline = Gazetteer.open(store, build_if_missing=False)
    assert offline.candidates("Zorianivka Testova")[0].place_id == found[0].place_id
    again = online(store, server)
    again.candidates("Zorianivka Testova", country="UA")
    assert len(FakeGeocoders.requests) == before + 1


def test_known_names_never_go_online(store: Path, server: str) -> None:
    gz = online(store, server)
    before = len(FakeGeocoders.requests)
    assert gz.candidates("Kyiv")
    assert len(FakeGeocoders.requests) == before


def test_a_clean_miss_is_cached_as_a_miss(store: Path, server: str) -> None:
    gz = online(store, server)
    before = len(FakeGeocoders.requests)
    assert gz.candidates("Nowhere At All") == []
    assert online(store, server).candidates("Nowhere At All") == []
    assert len(FakeGeocoders.requests) == before + 1


@pytest.mark.parametrize(
    ("name", "expected_requests"),
    [
        ("Broken Json", 2),  # geopy counts a parse error as a service error: retried once
        ("Html Page", 2),
        ("Too Many", 2),  # retried once (max_retries=1), then given up
        ("Server Down", 2),
        ("Off World", 1),
        ("Slow Place", 2),  # timed out, retried once
    ],
)
def test_failures_are_bounded_reported_and_never_cached(
    store: Path, server: str, name: str, expected_requests: int
) -> None:
    timeout = 0.5 if name == "Slow Place" else 5.0
    gz = online(store, server, timeout=timeout)
    before = len(FakeGeocoders.requests)
    assert gz.candidates(name) == []
    assert len(FakeGeocoders.requests) - before == expected_requests
    assert len(gz.warnings) == 1 and name in gz.warnings[0]
    assert not Gazetteer.open(store, build_if_missing=False).candidates(name)
    # Not cached as a miss either: a later run asks again.
    later = online(store, server, timeout=timeout)
    later.candidates(name)
    assert len(FakeGeocoders.requests) - before == 2 * expected_requests


@pytest.mark.parametrize("provider", ["geonames", "photon"])
def test_other_providers(store: Path, server: str, provider: str) -> None:
    gz = online(store, server, provider)
    found = gz.candidates(f"Testove {provider.title()}", country="UA")
    assert found and found[0].source == f"online-{provider}"
    assert abs(found[0].point.lon - 37.12) < 1e-6 and found[0].country_code == "UA"


def test_geonames_needs_a_username(monkeypatch) -> None:
    monkeypatch.delenv("GEOMAP_GEONAMES_USERNAME", raising=False)
    with pytest.raises(OnlineError, match="username"):
        make_provider("geonames")
    with pytest.raises(OnlineError, match="unknown online provider"):
        make_provider("bing-maps")


def test_default_provider_is_polite() -> None:
    provider = make_provider("nominatim")
    assert provider._geocode.min_delay_seconds >= 1.0
    assert "geomap" in provider.geocoder.headers["User-Agent"]
