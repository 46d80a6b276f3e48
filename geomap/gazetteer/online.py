"""The optional online fallback: a name the store lacks is looked up through geopy, and the answer
is cached in the same SQLite file, so the next run finds it offline.

Only used when the user asks (`--online`). Providers sit behind one small interface, as in
geopy's own `geocoders/`: Nominatim (default; OpenStreetMap data, ODbL), GeoNames (needs a
username) and Photon. Requests are rate-limited (1 per second for Nominatim's public server, as its
usage policy asks), sent with a real user agent, time out, and are retried a bounded number of
times. Nothing bad is cached: an error, a malformed answer or a coordinate outside the world is
reported as a warning and the name stays unresolved; a clean "no result" is cached as a miss.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import Any

from geomap import __version__
from geomap.gazetteer.api import Gazetteer
from geomap.gazetteer.normalise import normalize_name
from geomap.gazetteer.store import NameEntry, Store, now_iso
from geomap.records import LatLon, Place

USER_AGENT = f"geomap/{__version__} (conflict-news geoparser; https://pypi.org/project/geomap)"
PROVIDERS = ("nominatim", "geonames", "photon")
# Online answers rank below every offline source: they fill gaps, they never override.
ONLINE_PRIOR_BONUS = -20.0

CACHE_SCHEMA = """
CREATE TABLE IF NOT EXISTS online_cache (
    provider TEXT NOT NULL,
    query TEXT NOT NULL,
    country TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    place_id TEXT,
    PRIMARY KEY (provider, query, country)
) WITHOUT ROWID;
"""

_KIND_BY_OSM_TYPE = {
    "country": "country", "state": "admin1", "region": "admin1", "province": "admin1",
    "county": "admin2", "district": "admin2", "city": "populated_place",
    "town": "populated_place", "village": "populated_place", "hamlet": "populated_place",
    "suburb": "populated_place", "locality": "populated_place", "neighbourhood": "populated_place",
    "isolated_dwelling": "populated_place", "administrative": "admin2", "sea": "water",
    "river": "water", "lake": "water", "bay": "water", "strait": "water",
}  # fmt: skip
_UNCERTAINTY_KM = {
    "country": 500.0, "admin1": 100.0, "admin2": 30.0, "populated_place": 3.0, "water": 50.0,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class OnlineAnswer:
    name: str
    point: LatLon
    kind: str
    country_code: str
    source_id: str
    admin1: str = ""
    population: int = 0


class Provider:
    """One geocoding service behind geopy: `lookup(name, country)` -> answers, best first."""

    name = "provider"

    def __init__(self, geocoder: Any, min_delay_seconds: float, max_retries: int) -> None:
        from geopy.extra.rate_limiter import RateLimiter

        self.geocoder = geocoder
        self._geocode = RateLimiter(
            geocoder.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            error_wait_seconds=min(5.0, max(min_delay_seconds, 0.1) * 2),
            swallow_exceptions=False,
        )

    def lookup(self, name: str, country: str | None) -> list[OnlineAnswer]:
        raise NotImplementedError

    def _call(self, query: Any, **kwargs: Any) -> list[Any]:
        found = self._geocode(query, exactly_one=False, **kwargs)
        return list(found or [])


class NominatimProvider(Provider):
    name = "nominatim"

    def lookup(self, name: str, country: str | None) -> list[OnlineAnswer]:
        kwargs: dict[str, Any] = {"addressdetails": True, "limit": 5, "language": "en"}
        if country:
            kwargs["country_codes"] = country.lower()
        answers = []
        for loc in self._call(name, **kwargs):
            raw = loc.raw
            address = raw.get("address") or {}
            osm_type = raw.get("addresstype") or raw.get("type") or ""
            answers.append(
                OnlineAnswer(
                    name=raw.get("name") or loc.address.split(",")[0],
                    point=_checked_point(loc.latitude, loc.longitude),
                    kind=_KIND_BY_OSM_TYPE.get(osm_type, "other"),
                    country_code=str(address.get("country_code", "")).upper(),
                    source_id=f"{raw.get('osm_type', '')}/{raw.get('osm_id', raw.get('place_id'))}",
                    admin1=address.get("state", ""),
                )
            )
        return answers


class GeoNamesProvider(Provider):
    name = "geonames"

    def lookup(self, name: str, country: str | None) -> list[OnlineAnswer]:
        kwargs: dict[str, Any] = {}
        if country:
            kwargs["country"] = country.upper()
        answers = []
        for loc in self._call(name, **kwargs):
            raw = loc.raw
            code = raw.get("fcode", "")
            kind = {"PCLI": "country", "ADM1": "admin1", "ADM2": "admin2"}.get(code) or (
                "populated_place" if raw.get("fcl") == "P" else "other"
            )
            answers.append(
                OnlineAnswer(
                    name=raw.get("name") or raw.get("toponymName") or name,
                    point=_checked_point(loc.latitude, loc.longitude),
                    kind=kind,
                    country_code=str(raw.get("countryCode", "")).upper(),
                    source_id=str(raw.get("geonameId", "")),
                    admin1=raw.get("adminName1", ""),
                    population=int(raw.get("population") or 0),
                )
            )
        return answers


class PhotonProvider(Provider):
    name = "photon"

    def lookup(self, name: str, country: str | None) -> list[OnlineAnswer]:
        answers = []
        for loc in self._call(name, limit=5, language="en"):
            props = (loc.raw or {}).get("properties", {})
            code = str(props.get("countrycode", "")).upper()
            if country and code and code != country.upper():
                continue
            answers.append(
                OnlineAnswer(
                    name=props.get("name") or name,
                    point=_checked_point(loc.latitude, loc.longitude),
                    kind=_KIND_BY_OSM_TYPE.get(
                        props.get("type") or props.get("osm_value"), "other"
                    ),
                    country_code=code,
                    source_id=f"{props.get('osm_type', '')}/{props.get('osm_id', '')}",
                    admin1=props.get("state", ""),
                )
            )
        return answers


class BadAnswer(ValueError):
    """A provider answered something that is not a usable place (never cached)."""


def _checked_point(lat: Any, lon: Any) -> LatLon:
    try:
        return LatLon(float(lat), float(lon))
    except (TypeError, ValueError) as exc:
        raise BadAnswer(f"coordinate outside the world or not a number: {lat}, {lon}") from exc


def make_provider(
    provider: str = "nominatim",
    *,
    domain: str | None = None,
    scheme: str | None = None,
    user_agent: str = USER_AGENT,
    username: str | None = None,
    timeout: float = 10.0,
    min_delay_seconds: float | None = None,
    max_retries: int = 2,
) -> Provider:
    """A rate-limited provider. `domain`/`scheme` point it at another server (tests use a local
    one); Nominatim's public server gets 1 request per second."""
    from functools import partial

    from geopy.adapters import RequestsAdapter
    from geopy.geocoders import GeoNames, Nominatim, Photon

    # Retries happen in one place, the rate limiter: the HTTP layer's own retries (urllib3
    # honours Retry-After on 429/503 and retries timeouts) would multiply the bound.
    common: dict[str, Any] = {
        "timeout": timeout,
        "user_agent": user_agent,
        "adapter_factory": partial(RequestsAdapter, max_retries=0),
    }
    if scheme:
        common["scheme"] = scheme
    if domain:
        common["domain"] = domain
    if provider == "nominatim":
        delay = 1.0 if min_delay_seconds is None else min_delay_seconds
        return NominatimProvider(Nominatim(**common), delay, max_retries)
    if provider == "geonames":
        user = username or os.environ.get("GEOMAP_GEONAMES_USERNAME")
        if not user:
            from geomap.errors import OnlineError

            raise OnlineError("the GeoNames provider needs a username (GEOMAP_GEONAMES_USERNAME)")
        delay = 0.5 if min_delay_seconds is None else min_delay_seconds
        return GeoNamesProvider(GeoNames(username=user, **common), delay, max_retries)
    if provider == "photon":
        delay = 1.0 if min_delay_seconds is None else min_delay_seconds
        return PhotonProvider(Photon(**common), delay, max_retries)
    from geomap.errors import OnlineError

    raise OnlineError(f"unknown online provider {provider!r}; choose one of {', '.join(PROVIDERS)}")


class OnlineGazetteer:
    """A Gazetteer whose misses are looked up online and cached in the store file.

    Everything but `candidates` is the wrapped store's; `warnings` collects the failed lookups
    (one line each) so a report can say why a name stayed unresolved.
    """

    def __init__(self, gazetteer: Gazetteer, provider: Provider) -> None:
        self._gazetteer = gazetteer
        self.provider = provider
        self.warnings: list[str] = []
        self.requests = 0
        self._session_misses: set[tuple[str, str]] = set()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._gazetteer, name)

    def candidates(
        self, name: str, *, country: str | None = None, admin1: str | None = None, limit: int = 25
    ) -> list[Place]:
        found = self._gazetteer.candidates(name, country=country, admin1=admin1, limit=limit)
        if found:
            return found
        key = normalize_name(name)
        cc = (country or "").upper()
        if not key or (key, cc) in self._session_misses or self._cached(key, cc):
            return found
        self._session_misses.add((key, cc))
        try:
            self.requests += 1
            answers = self.provider.lookup(name, country)
        except BadAnswer as exc:
            self.warnings.append(f"online lookup of {name!r} ({self.provider.name}): {exc}")
            return found
        except Exception as exc:  # geopy errors, timeouts, malformed answers: never cached
            reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
            self.warnings.append(
                f"online lookup of {name!r} ({self.provider.name}) failed: {reason}"
            )
            return found
        self._store(key, cc, name, answers)
        return self._gazetteer.candidates(name, country=country, admin1=admin1, limit=limit)

    def _cached(self, key: str, country: str) -> bool:
        return self._gazetteer.answered_online(self.provider.name, key, country)

    def _store(self, key: str, country: str, surface: str, answers: list[OnlineAnswer]) -> None:
        """Write the answers as places named `surface`, and the query as answered, in one
        short transaction on the live store (a new build id tells the recogniser to re-index)."""
        places = [_to_place(answer, self.provider.name) for answer in answers[:5]]
        with Store.edit(self._gazetteer.path, in_place=True) as store:
            store.conn.execute(CACHE_SCHEMA)
            for rank, place in enumerate(places):
                store.upsert_places([place], prior_bonus=ONLINE_PRIOR_BONUS - rank)
            store.add_names(
                NameEntry(place.place_id, text, "online")
                for place, answer in zip(places, answers, strict=False)
                for text in {surface, answer.name}
            )
            first = places[0].place_id if places else None
            store.conn.execute(
                "INSERT OR REPLACE INTO online_cache VALUES (?, ?, ?, ?, ?)",
                (self.provider.name, key, country, now_iso(), first),
            )


def _to_place(answer: OnlineAnswer, provider: str) -> Place:
    digest = hashlib.sha1(f"{provider}|{answer.source_id}|{answer.name}".encode()).hexdigest()[:12]
    return Place(
        place_id=f"online:{provider}:{digest}",
        name=answer.name,
        point=answer.point,
        kind=answer.kind,  # type: ignore[arg-type]
        country_code=answer.country_code,
        admin1=answer.admin1,
        population=answer.population,
        source=f"online-{provider}",
        source_id=answer.source_id,
        uncertainty_km=_UNCERTAINTY_KM.get(answer.kind, 5.0),
        precision="point" if answer.kind == "populated_place" else answer.kind,
    )


def enable_online(
    gazetteer: Gazetteer, provider: str | Provider = "nominatim", **options: Any
) -> OnlineGazetteer:
    """Wrap a gazetteer so that its misses are looked up online (`--online`)."""
    chosen = provider if isinstance(provider, Provider) else make_provider(provider, **options)
    return OnlineGazetteer(gazetteer, chosen)
