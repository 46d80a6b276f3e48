"""The records that flow through one pass over an article.

Every stage of the pipeline reads and writes these dataclasses and nothing else, so a stage can be
rewritten without touching its neighbours. They live in one module because each is shared by at
least two stages (a `Place` is made by the gazetteer and read by resolve, events, claims and the
outputs); keeping them apart from the code that fills them avoids import cycles between stages.

Conventions (see docs/architecture.md): coordinates are `LatLon` with named fields, never bare
tuples; distances are geodesic kilometres; every resolved place carries its provenance and every
verdict the numbers behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

PlaceKind = Literal[
    "country",
    "admin1",
    "admin2",
    "admin3",
    "populated_place",
    "region",
    "water",
    "landform",
    "demonym",
    "other",
]

Verdict = Literal["consistent", "inconsistent", "unverifiable"]


@dataclass(frozen=True, slots=True)
class LatLon:
    lat: float
    lon: float

    def __post_init__(self) -> None:
        if not (-90.0 <= self.lat <= 90.0) or not (-180.0 <= self.lon <= 180.0):
            raise ValueError(f"coordinate out of range: lat={self.lat}, lon={self.lon}")

    def geojson(self) -> list[float]:
        """RFC 7946 position: longitude first."""
        return [round(self.lon, 6), round(self.lat, 6)]


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry, with its provenance."""

    place_id: str  # stable id inside the store, e.g. "geonames:703448", "katottg:UA59..."
    name: str  # preferred (English/Latin) name
    point: LatLon
    kind: PlaceKind
    country_code: str  # ISO 3166-1 alpha-2, "" for supranational/water
    feature_code: str = ""  # GeoNames feature code (PPLC, PPLA, ADM1, PCLI, SEA ...)
    admin1: str = ""  # admin-1 name (English)
    admin1_code: str = ""  # GeoNames admin1 code, e.g. "21" for Sumy
    admin2: str = ""
    population: int = 0
    source: str = ""  # which gazetteer source produced it (geonames-cities500, katottg, ...)
    source_id: str = ""  # id inside that source
    uncertainty_km: float = 1.0  # radius within which the true location lies
    precision: str = "point"  # point | settlement | hromada | raion | admin1 | country
    country_name: str = ""


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    title: str
    text: str  # cleaned main text, the offsets of every later record refer to it
    published: date | None = None
    source: str = ""  # publisher or file path
    url: str = ""
    removed_noise: tuple[str, ...] = ()  # lines dropped as scrape noise, for transparency


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the article text that names (or may name) a place."""

    text: str  # surface form as written
    start: int  # character offsets into Article.text
    end: int
    sentence: str  # the sentence it appears in
    sentence_start: int  # offset of that sentence in Article.text
    kind: Literal["toponym", "demonym", "facility"] = "toponym"
    cue: str = ""  # cue words that made it a place ("city of", "region", "in" ...)
    context_country: str = ""  # country named right next to it ("Ukraine's Sumy region" -> UA)
    context_admin1: str = ""  # admin-1 named right next to it ("X in the Sumy region" -> Sumy)
    feature_hint: str = ""  # "city" | "region" | "village" | ... from the cue words
    reason: str = ""  # why the recogniser took it for a place (the features that decided it)
    # The name to look up: the surface's nominative where the language declines names
    # ("Херсоні" -> "херсон", "Сумській області" -> "сумська область"); "" means `text`.
    name: str = ""

    @property
    def lookup_name(self) -> str:
        return self.name or self.text


@dataclass(frozen=True, slots=True)
class Resolution:
    """A mention and the place chosen for it (or None with the reason)."""

    mention: Mention
    place: Place | None
    confidence: float  # 0..1
    rule: str  # why this place was chosen, or why none was
    alternatives: tuple[Place, ...] = ()

    @property
    def resolved(self) -> bool:
        return self.place is not None


@dataclass(frozen=True, slots=True)
class Event:
    event_type: str  # ACLED event_type, or "Diplomacy"
    sub_event_type: str
    trigger: str  # the word(s) that signalled the event
    evidence: str  # the sentence
    start: int  # offsets of the evidence sentence in Article.text
    end: int
    date: date | None = None
    time_precision: int = 3  # ACLED: 1 day, 2 week, 3 month
    date_text: str = ""  # the words the date came from ("overnight", "on Wednesday")
    actor1: str = ""
    actor2: str = ""
    fatalities: int | None = None
    injured: int | None = None
    location: Resolution | None = None
    geo_precision: int = 3  # ACLED: 1 exact place, 2 near/part of region, 3 larger region
    uncertainty_km: float | None = None
    claimed_by: str = ""  # reported speech: who says it happened
    notes: str = ""

    @property
    def actors(self) -> list[str]:
        return [a for a in (self.actor1, self.actor2) if a]


@dataclass(frozen=True, slots=True)
class Claim:
    """A spatial statement in the text and its verdict, with the numbers behind it."""

    kind: Literal["distance", "direction", "containment", "descriptor", "length"]
    claim_text: str  # the words of the claim
    start: int
    end: int
    sentence: str
    reference: str  # "border:UA-RU", "place:Kharkiv", "region:Sumy Oblast", "frontline", ...
    verdict: Verdict
    reason: str  # one line a reader understands
    place: Resolution | None = None  # the place the claim is about
    stated_km: float | None = None
    stated_min_km: float | None = None
    stated_max_km: float | None = None
    hedge: str = ""  # about, nearly, less than, within ...
    unit: str = ""
    stated_value: float | None = None  # in the stated unit
    conversion_check: str = ""  # "6 km = 3.7 mi: consistent" etc.
    measured_km: float | None = None
    tolerance_km: float | None = None
    nearest_point: LatLon | None = None  # nearest point of the reference, for drawing
    direction_stated: str = ""
    direction_measured: str = ""


@dataclass(slots=True)
class Report:
    """Everything geomap found in one article: the one object every output reads."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    gazetteer: str = ""  # description of the store used (path, sources)
    warnings: list[str] = field(default_factory=list)

    @property
    def places(self) -> list[Resolution]:
        """Resolved places, one per distinct place (first mention wins)."""
        seen: set[str] = set()
        out: list[Resolution] = []
        for r in self.resolutions:
            if r.place is not None and r.place.place_id not in seen:
                seen.add(r.place.place_id)
                out.append(r)
        return out

    @property
    def unresolved(self) -> list[Resolution]:
        seen: set[str] = set()
        out: list[Resolution] = []
        for r in self.resolutions:
            key = r.mention.text.casefold()
            if r.place is None and key not in seen:
                seen.add(key)
                out.append(r)
        return out
