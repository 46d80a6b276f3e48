"""The read side of the gazetteer: where the store lives, opening it, ranked candidates."""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Callable, Collection, Iterator
from pathlib import Path

from geomap.errors import GazetteerError
from geomap.gazetteer.normalise import normalize_name, strip_region_word
from geomap.gazetteer.ranking import SCHEMES
from geomap.gazetteer.store import (
    SCHEMA_VERSION,
    candidate_sql,
    connect,
    places_by_rowid,
    read_meta,
    row_to_place,
    write_lock,
)
from geomap.records import Place

ENV_VAR = "GEOMAP_GAZETTEER"
STORE_NAME = "geomap.sqlite"

_BRACKETED = re.compile(r"([^()]+?)\s*\(([^()]+)\)")

# Kinds a "<name> region" query may fall back to when the store has no such exact name.
_AREA_KINDS = ("admin1", "admin2", "admin3", "region")
_COMPASS_PART = re.compile(
    r"(?:north|south|east|west|northern|southern|eastern|western|"
    r"north east|north west|south east|south west|northeast|northwest|southeast|southwest|"
    r"northeastern|northwestern|southeastern|southwestern) (.+)"
)
_WHOLE_AREA_KINDS = ("country", "admin1", "region")
_ABBREVIATIONS = {"co": "county", "twp": "township", "twsp": "township", "mt": "mount",
                  "ft": "fort", "pt": "point"}  # fmt: skip
# Abbreviations the sources mostly keep as aliases already ("St. Louis"): tried only for a
# name nothing else answers ("St. Kitts and Nevis", "W. Columbia", "N. Charleston").
_RARER_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "n": "north", "s": "south", "e": "east",
                        "w": "west"}  # fmt: skip


def _expand_abbreviations(key: str, table: dict[str, str] = _ABBREVIATIONS) -> str:
    """'loudon co' -> 'loudon county', 'mt pleasant' -> 'mount pleasant' (normalised keys)."""
    words = key.split()
    if len(words) < 2:
        return key  # "Co" alone is no county
    return " ".join(table.get(w, w) for w in words)


def default_store_path() -> Path:
    """$GEOMAP_GAZETTEER if set; `<checkout>/gazetteer/geomap.sqlite` when running from a source
    checkout (a pyproject.toml beside the package); else the per-user cache directory."""
    if override := os.environ.get(ENV_VAR):
        return Path(override).expanduser()
    package_dir = Path(__file__).resolve().parents[1]
    checkout = package_dir.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "geomap").is_dir():
        return checkout / "gazetteer" / STORE_NAME
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("geomap")) / STORE_NAME


def store_is_current(path: Path) -> bool:
    """True when `path` is a store of this schema and, if it holds only the default build, one
    built by the current default builder (older default builds are rebuilt; a store with
    imported sources is kept, as rebuilding would lose the imports)."""
    from geomap.gazetteer.builder import BUILDER_VERSION

    meta = read_meta(path)
    if meta.get("schema_version") != str(SCHEMA_VERSION):
        return False
    if meta.get("imported"):
        return True
    return meta.get("default_builder") == BUILDER_VERSION


class Gazetteer:
    """A built store opened read-only. Cheap to open; safe to share within one thread."""

    def __init__(self, path: Path, conn: sqlite3.Connection, meta: dict[str, str]) -> None:
        self.path = path
        self._conn = conn
        self._meta = meta
        self.build_id: str = meta.get("build_id", "")
        self._place_cache: dict[int, Place] = {}

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        build_if_missing: bool = True,
        progress: Callable[[str], None] | None = None,
    ) -> Gazetteer:
        """Open the store at `path` (default: `default_store_path()`), building the embedded
        default there first when it is missing or was built by an older default builder."""
        target = Path(path).expanduser() if path is not None else default_store_path()
        if not target.exists():
            if not build_if_missing:
                raise GazetteerError(
                    f"no gazetteer at {target}; build it with `geomap gazetteer build`"
                )
            build(target, progress=progress, force=False)
        elif build_if_missing and not store_is_current(target):
            build(target, progress=progress, force=False)  # refuses files that are not stores
        meta = read_meta(target)
        if meta.get("schema_version") != str(SCHEMA_VERSION):
            raise GazetteerError(
                f"{target} is not a geomap gazetteer this version can read; "
                "rebuild it with `geomap gazetteer build --force`"
            )
        try:
            conn = connect(target, readonly=True)
        except sqlite3.Error as exc:
            raise GazetteerError(f"cannot open gazetteer {target}: {exc}") from exc
        return cls(target, conn, meta)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- lookups -------------------------------------------------------------------------

    def candidates(
        self,
        name: str,
        *,
        country: str | None = None,
        admin1: str | None = None,
        limit: int = 25,
    ) -> list[Place]:
        """Places that `name` (raw text, any spelling) may mean, best first: exact matches of
        the normalised name, filtered by country (ISO alpha-2) and admin-1 (a name or GeoNames
        code), ranked by kind, feature code and population. A "<name> region" that the store
        does not know falls back to areas named <name>, a "<name> State" to admin-1 regions;
        abbreviations are spelled out ("Loudon Co.", "Mt. Pleasant"; "St.", "W." only when
        nothing else answers); an unknown "<X> Township" falls back to the town X, a plural to
        its demonym ("Czechs"), "West <name>" to the area <name>."""
        key = normalize_name(name)
        if not key:
            return []
        admin1_codes = self._admin1_codes(admin1, country) if admin1 else None
        if admin1_codes == ():
            return []
        found = self._query(key, country, admin1_codes, limit)
        if not found and (bare := strip_region_word(key)):
            found = self._areas(bare, _AREA_KINDS, country, admin1_codes, limit)
        if not found and key.endswith(" state") and len(key) > len(" state"):
            # "Sokoto State", "Oaxaca State", "Washington State": a first-level unit that the
            # store names without the word.
            found = self._areas(key[: -len(" state")], {"admin1"}, country, admin1_codes, limit)
        if (expanded := _expand_abbreviations(key)) != key:
            # "Loudon Co.", "St. Clair Twp.", "Mt. Pleasant": news abbreviates the words that
            # the sources spell out (and GeoNames keeps only some abbreviated aliases).
            seen = {p.place_id for p in found}
            more = self.candidates(expanded, country=country, admin1=admin1, limit=limit)
            found = (found + [p for p in more if p.place_id not in seen])[:limit]
        if not found and (expanded := _expand_abbreviations(key, _RARER_ABBREVIATIONS)) != key:
            found = self.candidates(expanded, country=country, admin1=admin1, limit=limit)
        if not found and key.endswith(" township") and len(key) > len(" township"):
            # "Readington Township": the town the township is named after and centred on.
            found = self._query(key[: -len(" township")], country, admin1_codes, limit)
        if not found and key.endswith("s") and len(key) > 4:
            # "Czechs", "Ossetians": the plural of a demonym
            found = [p for p in self._query(key[:-1], country, admin1_codes, limit)
                     if p.kind == "demonym"]  # fmt: skip
        if not found and (part := _COMPASS_PART.fullmatch(key)):
            # "West Wales", "Northern Europe": the store names the area, not its part.
            found = self._areas(part.group(1), _WHOLE_AREA_KINDS, country, admin1_codes, limit)
        if not found and "," in name:
            found = self._qualified(name, country, admin1, limit)
        if not found and (bracketed := _BRACKETED.fullmatch(name.strip())):
            # "Mykolaivka (Donetsk Oblast)": the qualifier filters when it names a region or a
            # country; a qualifier the store does not know ("(Mostivska)") is dropped.
            head, qualifier = bracketed.group(1), bracketed.group(2)
            found = self._qualified(f"{head}, {qualifier}", country, admin1, limit)
            found = found or self.candidates(head, country=country, admin1=admin1, limit=limit)
        return found

    def _areas(
        self,
        key: str,
        kinds: Collection[str],
        country: str | None,
        admin1_codes: tuple[str, ...] | None,
        limit: int,
    ) -> list[Place]:
        """The places of one of `kinds` under a normalised name: the fallback for a name
        with a unit word the store does not use ("Sumy region", "Sokoto State")."""
        found = self._query(key, country, admin1_codes, limit * 2)
        return [p for p in found if p.kind in kinds][:limit]

    def _qualified(
        self, name: str, country: str | None, admin1: str | None, limit: int
    ) -> list[Place]:
        """ "Orange County, California", "Kharkiv, Ukraine": the part after the last comma is
        read as an admin-1 region or a country that filters the part before it."""
        head, _, tail = name.rpartition(",")
        if not head.strip() or not tail.strip():
            return []
        for place in self._query(normalize_name(tail), country, None, 5):
            if place.kind == "country" and not admin1:
                return self.candidates(head, country=place.country_code, limit=limit)
            if place.kind == "admin1" and place.admin1_code:
                return self.candidates(
                    head, country=place.country_code, admin1=place.admin1_code, limit=limit
                )
        return []

    def _query(
        self, key: str, country: str | None, admin1_codes: tuple[str, ...] | None, limit: int
    ) -> list[Place]:
        sql, params = candidate_sql(key, country, admin1_codes, limit)
        rowids = [row[0] for row in self._conn.execute(sql, params)]
        cache = self._place_cache
        missing = [r for r in rowids if r not in cache]
        if missing:
            fetched = places_by_rowid(self._conn, missing)
            if len(cache) > 200_000:
                cache.clear()
            cache.update(fetched)
        return [cache[r] for r in rowids]

    def _admin1_codes(self, admin1: str, country: str | None) -> tuple[str, ...]:
        """GeoNames admin-1 codes an admin-1 filter may mean: the code itself, or the codes of
        the admin-1 regions named `admin1` (with or without a region word)."""
        # A region's name means its code in ITS country ("CC.code"): codes are only unique
        # within a country (Kharkiv Oblast and Armenia's Shirak are both "07").
        codes: set[str] = set()
        if admin1.strip().isdigit() or (admin1.isupper() and len(admin1) <= 3):
            code = admin1.strip()
            codes.add(f"{country.upper()}.{code}" if country else code)
        key = normalize_name(admin1)
        keys = {key, f"{key} region"} | ({strip_region_word(key)} - {None})
        for k in keys:
            for place in self._query(k, country, None, 50):
                if place.kind == "admin1" and place.admin1_code:
                    codes.add(f"{place.country_code}.{place.admin1_code}")
        return tuple(sorted(codes))

    def answered_online(self, provider: str, query: str, country: str) -> bool:
        """Whether an online provider already answered this lookup (a hit or a clean miss);
        the answers themselves are places in the store (geomap.gazetteer.online)."""
        try:
            row = self._conn.execute(
                "SELECT 1 FROM online_cache WHERE provider = ? AND query = ? AND country = ?",
                (provider, query, country),
            ).fetchone()
        except sqlite3.OperationalError:  # no lookup was ever cached: no table yet
            return False
        return row is not None

    def get(self, place_id: str) -> Place | None:
        sql = (
            "SELECT place_id, name, lat, lon, kind, country_code, feature_code, admin1, "
            "admin1_code, admin2, population, source, source_id, uncertainty_km, precision, "
            "country_name FROM places WHERE place_id = ?"
        )
        row = self._conn.execute(sql, (place_id,)).fetchone()
        return row_to_place(row) if row else None

    def populated_places_in(
        self, bbox: tuple[float, float, float, float], *, limit: int = 500
    ) -> list[tuple[Place, int]]:
        """The most populous settlements inside bbox (min_lon, min_lat, max_lon, max_lat), most
        populous first, each with the number of names it is known by; for the labels of a
        map's basemap. Places without a population count are left out: they are not what a
        reader orients by."""
        min_lon, min_lat, max_lon, max_lat = bbox
        sql = (
            "SELECT place_id, name, lat, lon, kind, country_code, feature_code, admin1, "
            "admin1_code, admin2, population, source, source_id, uncertainty_km, precision, "
            "country_name, (SELECT count(*) FROM names WHERE names.place = places.id) "
            "FROM places WHERE kind = 'populated_place' AND population > 0 "
            "AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? ORDER BY population DESC LIMIT ?"
        )
        rows = self._conn.execute(sql, (min_lat, max_lat, min_lon, max_lon, limit))
        return [(row_to_place(row[:-1]), row[-1]) for row in rows]

    def iter_names(self) -> Iterator[tuple[str, str, int]]:
        """(normalised name, comma-joined kinds, max population) for every name in the store,
        in name order. Aggregated here rather than by a SQL GROUP BY over a join: reading the
        places once into memory and the names index in key order is about twice as fast."""
        places = {
            rowid: (kind, population)
            for rowid, kind, population in self._conn.execute(
                "SELECT id, kind, population FROM places"
            )
        }
        current: str | None = None
        kinds: list[str] = []
        best = 0
        for key, place in self._conn.execute("SELECT key, place FROM names ORDER BY key"):
            kind, population = places[place]
            if key != current:
                if current is not None:
                    yield current, ",".join(kinds), best
                current, kinds, best = key, [kind], population
            else:
                if kind not in kinds:
                    kinds.append(kind)
                best = max(best, population)
        if current is not None:
            yield current, ",".join(kinds), best

    def names_of(self, place_id: str) -> list[tuple[str, str]]:
        """(normalised name, scheme) pairs indexed for one place."""
        return list(
            (key, SCHEMES[code] if isinstance(code, int) and code < len(SCHEMES) else str(code))
            for key, code in self._conn.execute(
                "SELECT n.key, n.scheme FROM names n JOIN places p ON p.id = n.place "
                "WHERE p.place_id = ? ORDER BY n.bonus DESC, n.key",
                (place_id,),
            )
        )

    def info(self) -> dict:
        """Sources, row counts, build dates and size on disk."""
        conn = self._conn
        sources = [
            dict(zip(("name", "description", "licence", "version", "imported_at", "places",
                      "names"), row, strict=True))
            for row in conn.execute("SELECT * FROM sources ORDER BY imported_at, rowid")
        ]  # fmt: skip
        kinds = dict(conn.execute("SELECT kind, count(*) FROM places GROUP BY kind ORDER BY 1"))
        return {
            "path": str(self.path),
            "size_bytes": self.path.stat().st_size,
            "build_id": self.build_id,
            "schema_version": self._meta.get("schema_version"),
            "default_builder": self._meta.get("default_builder", ""),
            "geomap_version": self._meta.get("geomap_version", ""),
            "built_at": self._meta.get("built_at", ""),
            "build_seconds": self._meta.get("build_seconds", ""),
            "updated_at": self._meta.get("updated_at", ""),
            "places": conn.execute("SELECT count(*) FROM places").fetchone()[0],
            "names": conn.execute("SELECT count(*) FROM names").fetchone()[0],
            "places_by_kind": kinds,
            "sources": sources,
        }

    def describe(self) -> str:
        """One line for reports: where the store is and what built it."""
        return f"{self.path} (build {self.build_id[:12]})"


def build(
    path: str | os.PathLike[str] | None = None,
    *,
    progress: Callable[[str], None] | None = None,
    force: bool = True,
) -> Path:
    """Build the embedded default store at `path` (default: `default_store_path()`).

    Concurrent builders of one path (several test sessions, a CLI run and a notebook) take
    turns on a lock file; with `force=False` a builder that finds a current store once it holds
    the lock returns without building again."""
    from geomap.gazetteer.builder.default import build_default_store

    target = Path(path).expanduser() if path is not None else default_store_path()
    emit = progress or (lambda _: None)
    with write_lock(target):
        if target.exists() and not read_meta(target).get("schema_version"):
            raise GazetteerError(
                f"{target} exists and is not a geomap gazetteer; refusing to overwrite it"
            )
        if not force and target.exists() and store_is_current(target):
            return target
        started = time.perf_counter()
        emit(f"building the gazetteer at {target} (first use; takes a minute or two)")
        try:
            build_default_store(target, emit)
        except OSError as exc:
            raise GazetteerError(f"cannot build the gazetteer at {target}: {exc}") from exc
    size_mb = target.stat().st_size / 1e6
    emit(f"gazetteer built in {time.perf_counter() - started:.0f} s ({size_mb:.0f} MB)")
    return target
