"""The gazetteer's SQLite file: schema, the write API builders and importers use, and ranking.

One file holds every source. `places` has one row per place with everything a `Place` carries
plus a ranking prior; `names` maps each normalised name to the places it may mean (a clustered
index, so a lookup is one range scan).

Writes never touch the live file: `Store.edit()` works on a temporary copy beside it and renames
it into place only when the whole import succeeded, so a failed or interrupted import leaves the
previous store intact and readers never see half a build.
"""

from __future__ import annotations

import itertools
import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from geomap.errors import GazetteerError
from geomap.gazetteer.normalise import normalize_name, normalize_names
from geomap.gazetteer.ranking import SCHEME_VALUE, UNKNOWN_SCHEME, name_rank, place_prior
from geomap.gazetteer.staging import NameStaging
from geomap.records import LatLon, Place

NAME_CHUNK = 50_000  # names normalised and written at a time
PLACE_CHUNK = 20_000  # places written at a time

# Bump when the tables change shape: a store with another version is rebuilt, never misread.
SCHEMA_VERSION = 4

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    name TEXT PRIMARY KEY,
    description TEXT NOT NULL,
    licence TEXT NOT NULL,
    version TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    places INTEGER NOT NULL,
    names INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY,
    place_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    kind TEXT NOT NULL,
    country_code TEXT NOT NULL,
    feature_code TEXT NOT NULL,
    admin1 TEXT NOT NULL,
    admin1_code TEXT NOT NULL,
    admin2 TEXT NOT NULL,
    population INTEGER NOT NULL,
    source TEXT NOT NULL,
    source_id TEXT NOT NULL,
    uncertainty_km REAL NOT NULL,
    precision TEXT NOT NULL,
    country_name TEXT NOT NULL,
    prior REAL NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL,
    place INTEGER NOT NULL REFERENCES places(id), -- not enforced: see connect()
    bonus INTEGER NOT NULL,  -- hundredths, added to the place's prior when ranking
    scheme INTEGER NOT NULL, -- index into SCHEMES
    -- Copies of the place's ranking score (thousandths of prior + bonus) and country, so that a
    -- lookup reads only this table's clustered index: no join, no per-row page hops.
    rank INTEGER,
    country TEXT,
    PRIMARY KEY (key, place)
) WITHOUT ROWID;
-- A writer that inserts names with plain SQL (key, place, bonus, scheme) gets the copies
-- filled in from the place, so its names rank and filter like everyone else's.
CREATE TRIGGER IF NOT EXISTS names_copy_place AFTER INSERT ON names
WHEN NEW.rank IS NULL OR NEW.country IS NULL
BEGIN
    UPDATE names SET
        rank = CAST(round(((SELECT prior FROM places WHERE id = NEW.place)
                           + NEW.bonus / 100.0) * 1000) AS INTEGER),
        country = (SELECT country_code FROM places WHERE id = NEW.place)
    WHERE key = NEW.key AND place = NEW.place;
END;
CREATE INDEX IF NOT EXISTS names_by_place ON names(place);
"""


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class NameEntry(NamedTuple):
    """One name of one place, for `Store.add_names` (a tuple: a build writes millions)."""

    place_id: str
    name: str
    scheme: str = "alternate"


_PLACE_COLUMNS = (
    "place_id, name, lat, lon, kind, country_code, feature_code, admin1, admin1_code, admin2, "
    "population, source, source_id, uncertainty_km, precision, country_name, prior, updated_at"
)
_UPSERT_PLACE = f"""
INSERT INTO places ({_PLACE_COLUMNS}) VALUES ({", ".join("?" * 18)})
ON CONFLICT(place_id) DO UPDATE SET
    name=excluded.name, lat=excluded.lat, lon=excluded.lon, kind=excluded.kind,
    country_code=excluded.country_code, feature_code=excluded.feature_code,
    admin1=excluded.admin1, admin1_code=excluded.admin1_code, admin2=excluded.admin2,
    population=excluded.population, source=excluded.source, source_id=excluded.source_id,
    uncertainty_km=excluded.uncertainty_km, precision=excluded.precision,
    country_name=excluded.country_name, prior=excluded.prior, updated_at=excluded.updated_at
"""
_ADD_NAME = """
INSERT INTO names (key, place, bonus, scheme, rank, country) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT(key, place) DO UPDATE SET
    scheme = CASE WHEN excluded.bonus > bonus THEN excluded.scheme ELSE scheme END,
    rank = CASE WHEN excluded.bonus > bonus THEN excluded.rank ELSE rank END,
    bonus = max(bonus, excluded.bonus)
"""
# After a place's prior or country changes, its names' copies follow.
_REFRESH_NAMES = """
UPDATE names SET rank = CAST(round((? + bonus / 100.0) * 1000) AS INTEGER), country = ?
WHERE place = (SELECT id FROM places WHERE place_id = ?)
"""


def _chunks_by_place(
    entries: Iterable[NameEntry | tuple[str, str, str]], size: int
) -> Iterator[list[tuple[str, str, str]]]:
    """Entries as (place_id, name, scheme) lists of about `size`, cut only where the place
    changes."""
    chunk: list[tuple[str, str, str]] = []
    for entry in entries:  # a NameEntry is a tuple too
        if len(chunk) >= size and entry[0] != chunk[-1][0]:
            yield chunk
            chunk = []
        chunk.append(entry)
    if chunk:
        yield chunk


_HELD_LOCKS: set[Path] = set()


@contextmanager
def write_lock(target: Path) -> Iterator[None]:
    """One writer per store file at a time, across processes (several test sessions, a build and
    an import): an exclusive lock on `<store>.lock` beside it. Re-entrant within a process.
    Whoever holds it also removes temporary copies that killed writers left behind."""
    key = target.resolve()
    if key in _HELD_LOCKS:
        yield
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # not POSIX: writes still replace the file atomically
        yield
        return
    with open(target.with_name(target.name + ".lock"), "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        _HELD_LOCKS.add(key)
        try:
            for stale in target.parent.glob(f".{target.name}.*.tmp*"):
                stale.unlink(missing_ok=True)
            yield
        finally:
            _HELD_LOCKS.discard(key)
            fcntl.flock(fh, fcntl.LOCK_UN)


def place_row(place: Place, prior: float | None = None, updated_at: str = "") -> tuple:
    return (
        place.place_id, place.name, place.point.lat, place.point.lon, place.kind,
        place.country_code, place.feature_code, place.admin1, place.admin1_code, place.admin2,
        int(place.population), place.source, place.source_id, float(place.uncertainty_km),
        place.precision, place.country_name,
        place_prior(place) if prior is None else prior, updated_at or now_iso(),
    )  # fmt: skip


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        # Lookups hop between random pages of a ~150 MB file: map it and keep a larger page
        # cache, which roughly halves the cost of a lookup that meets places for the first time.
        conn.execute("PRAGMA mmap_size=268435456")
        conn.execute("PRAGMA cache_size=-65536")
    else:
        conn = sqlite3.connect(path)
        # The store is written by one process at a time into a private copy, so the rollback
        # journal is enough; WAL would leave -wal/-shm files beside a file that gets renamed.
        conn.execute("PRAGMA journal_mode=DELETE")
        # Foreign keys stay off: checking each of a million names against places costs a
        # lookup per name, and the writers keep the relation themselves (add_names skips unknown
        # places, delete_places deletes the names). The caches are kept small: a bulk load
        # appends and sorts (measured: 64 MB caches bought no speed and cost 120 MB of memory).
        conn.execute("PRAGMA cache_size=-16384")
        conn.execute("PRAGMA temp.cache_size=-8192")
    return conn


class Store:
    """Write access to a store file: used by the default builder and every importer.

    Use `with Store.edit(path) as store:`; all writes go to a temporary copy that replaces the
    file only when the block ends without an exception.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path  # the temporary file being written
        # True until the first name is written: a fresh store has no names to re-rank.
        self._fresh_names = conn.execute("SELECT 1 FROM names LIMIT 1").fetchone() is None
        self._staging: NameStaging | None = None
        self._stamp = ""  # one updated_at for every place a bulk load writes

    # --- lifecycle -----------------------------------------------------------------------

    @classmethod
    @contextmanager
    def edit(
        cls, path: str | os.PathLike[str], *, fresh: bool = False, in_place: bool = False
    ) -> Iterator[Store]:
        """Open `path` for writing through a temporary copy (an empty store when `fresh` or
        when no file exists yet). On success the copy is finalised (planner statistics, a new
        build id) and renamed over `path`; on any error it is deleted and `path` is untouched.

        `in_place=True` is for small additions to an existing store (the online fallback's
        cache): one SQLite transaction on the file itself, rolled back on error, without the
        cost of copying the whole file."""
        target = Path(path)
        with write_lock(target):
            if in_place and target.exists():
                yield from cls._edit_in_place(target)
            else:
                yield from cls._edit_locked(target, fresh)

    @classmethod
    def _edit_in_place(cls, target: Path) -> Iterator[Store]:
        check_schema(target)
        conn = connect(target)
        try:
            store = cls(conn, target)
            try:
                yield store
                store.finalize(analyze=False)
                conn.commit()
            except BaseException:
                conn.rollback()
                raise
        finally:
            conn.close()

    @classmethod
    def _edit_locked(cls, target: Path, fresh: bool) -> Iterator[Store]:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            if not fresh and target.exists():
                shutil.copyfile(target, tmp)
                check_schema(tmp)
            else:
                tmp.unlink()
            conn = connect(tmp)
            try:
                # The copy is private until renamed, so durability per statement buys nothing.
                conn.execute("PRAGMA synchronous=OFF")
                conn.executescript(SCHEMA)
                conn.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                    (str(SCHEMA_VERSION),),
                )
                store = cls(conn, tmp)
                yield store
                store.finalize()
                conn.commit()
            finally:
                conn.close()
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def finalize(self, *, analyze: bool = True) -> None:
        """Recompute what depends on the whole store: planner statistics, a new build id."""
        conn = self.conn
        self.set_meta("build_id", uuid.uuid4().hex)
        self.set_meta("updated_at", now_iso())
        if analyze:
            conn.execute("ANALYZE")

    @contextmanager
    def bulk(self) -> Iterator[Store]:
        """A bulk load: names added inside the block are staged and merged into the index once
        at its end (geomap.gazetteer.staging), places are written without re-ranking their
        names one by one. Lookups inside the block see the staged names. On an exception the
        staged names are dropped (and `Store.edit` discards the whole copy)."""
        if self._staging is not None:
            yield self
            return
        self._staging = NameStaging(self.conn)
        self._stamp = now_iso()
        try:
            yield self
            self._staging.merge()
            self._fresh_names = False
        finally:
            if self._staging is not None:
                self._staging.drop()
            self._staging = None
            self._stamp = ""

    @property
    def stamp(self) -> str:
        """The updated_at of places written now (one for a whole bulk load)."""
        return self._stamp or now_iso()

    # --- writing -------------------------------------------------------------------------

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def get_meta(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def upsert_places(
        self,
        places: Iterable[Place],
        *,
        prior_bonus: float = 0.0,
        weights: Mapping[str, int] | None = None,
    ) -> int:
        """Insert places, or update those whose place_id exists (their names are kept and
        re-ranked). `prior_bonus` raises every place's rank (an overrides file that must win);
        `weights` gives units without a population of their own a size for ranking (place_id ->
        people in its towns). Returns the number of place rows written."""
        stamp = self.stamp
        weights = weights or {}
        rows = (
            place_row(p, place_prior(p, weights.get(p.place_id, 0)) + prior_bonus, stamp)
            for p in places
        )
        written = 0
        while chunk := list(itertools.islice(rows, PLACE_CHUNK)):
            written += self.upsert_place_rows(chunk)
        return written

    def upsert_place_rows(self, rows: list[tuple]) -> int:
        """`upsert_places` for rows already in `place_row` form (bulk importers build them
        without the Place objects)."""
        before = self.conn.total_changes
        self.conn.executemany(_UPSERT_PLACE, rows)
        written = self.conn.total_changes - before
        if not self._fresh_names and self._staging is None:
            self.conn.executemany(_REFRESH_NAMES, ((r[16], r[5], r[0]) for r in rows))
        return written

    def add_names(self, entries: Iterable[NameEntry | tuple[str, str, str]]) -> int:
        """Index names for places already in the store (place_id, raw name, scheme). Names are
        normalised here; an empty key or an unknown place_id is skipped; a name a place already
        has keeps the better of the two schemes. Returns the number of new or changed rows.

        Entries are taken in chunks (memory stays flat for any number of them), each cut where
        the place changes, so the names of one place are weighed against each other at once."""
        written = 0
        for chunk in _chunks_by_place(entries, NAME_CHUNK):
            written += self._add_name_chunk(chunk)
        self._fresh_names = False
        return written

    def _add_name_chunk(self, chunk: list[tuple[str, str, str]]) -> int:
        keys = normalize_names([entry[1] for entry in chunk])
        places = self._place_keys({entry[0] for entry in chunk})
        # (key, place rowid) -> the best (bonus, scheme) among this chunk's spellings
        best: dict[tuple[str, int], tuple[int, int]] = {}
        priors: dict[int, tuple[float, str]] = {}
        for (place_id, _, scheme), key in zip(chunk, keys, strict=True):
            place = places.get(place_id)
            if not key or place is None:
                continue
            rowid, prior, country = place
            priors[rowid] = (prior, country)
            value = SCHEME_VALUE.get(scheme, UNKNOWN_SCHEME)
            held = best.get((key, rowid))
            if held is None or value[0] > held[0]:
                best[(key, rowid)] = value
        rows = [
            (key, rowid, bonus, scheme, name_rank(priors[rowid][0], bonus), priors[rowid][1])
            for (key, rowid), (bonus, scheme) in best.items()
        ]
        if self._staging is not None:
            self._staging.append(rows)
            return len(rows)
        rows.sort()  # in key order the clustered name index is appended to, not split at random
        before = self.conn.total_changes
        self.conn.executemany(_ADD_NAME, rows)
        return self.conn.total_changes - before

    def _place_keys(self, place_ids: set[str]) -> dict[str, tuple[int, float, str]]:
        """place_id -> (rowid, prior, country) for the places of one chunk."""
        found: dict[str, tuple[int, float, str]] = {}
        ids = list(place_ids)
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            sql = (
                "SELECT place_id, id, prior, country_code FROM places "
                f"WHERE place_id IN ({', '.join('?' * len(part))})"
            )
            for place_id, rowid, prior, country in self.conn.execute(sql, part):
                found[place_id] = (rowid, prior, country)
        return found

    def delete_places(self, place_ids: Iterable[str]) -> int:
        """Remove places and their names; returns the number of places removed."""
        ids = [(place_id,) for place_id in place_ids]
        self.conn.executemany(
            "DELETE FROM names WHERE place = (SELECT id FROM places WHERE place_id = ?)", ids
        )
        before = self.conn.total_changes
        self.conn.executemany("DELETE FROM places WHERE place_id = ?", ids)
        return self.conn.total_changes - before

    def record_source(
        self, name: str, *, description: str, licence: str, version: str, places: int, names: int
    ) -> None:
        """Note a source in the store's provenance table (shown by `geomap gazetteer info`).
        Any source but the default build's marks the store as holding imports, which keeps it
        from being rebuilt (and the imports lost) when the default builder changes."""
        if not name.startswith("default:"):
            self.set_meta("imported", name)
        self.conn.execute(
            "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?, ?, ?)",
            (name, description, licence, version, now_iso(), places, names),
        )

    # --- reading while writing (for importers that merge) ---------------------------------

    def get_place(self, place_id: str) -> Place | None:
        row = self.conn.execute(f"SELECT {_SELECT} FROM places WHERE place_id = ?", (place_id,))
        found = row.fetchone()
        return row_to_place(found) if found else None

    def places_named(self, name: str, *, country: str | None = None) -> list[Place]:
        """Places indexed under `name` (any spelling), best prior first: for merging an imported
        row with a place the store already has."""
        key = normalize_name(name)
        if self._staging is None:
            return query_candidates(self.conn, key, country, None, 100)
        rowids = self._staging.candidate_rowids(key, country, 100)
        found = places_by_rowid(self.conn, rowids) if rowids else {}
        return [found[r] for r in rowids]

    def named_places(self, country: str, kinds: tuple[str, ...]) -> Iterator[tuple[str, Place]]:
        """(name key, place) for every name of the places of `kinds` in `country`, staged names
        included: for a build step that matches its rows against what the store holds."""
        where = f"country_code = ? AND kind IN ({', '.join('?' * len(kinds))})"
        params = (country, *kinds)
        places = {
            row[0]: row_to_place(row[1:])
            for row in self.conn.execute(f"SELECT id, {_SELECT} FROM places WHERE {where}", params)
        }
        places_sql = f"SELECT id FROM places WHERE {where}"
        if self._staging is not None:
            pairs = set(self._staging.keys_of_places(places_sql, params))
        else:
            sql = f"SELECT key, place FROM names WHERE place IN ({places_sql})"
            pairs = set(self.conn.execute(sql, params))
        for key, rowid in sorted(pairs):
            yield key, places[rowid]


_SELECT = (
    "place_id, name, lat, lon, kind, country_code, feature_code, admin1, admin1_code, admin2, "
    "population, source, source_id, uncertainty_km, precision, country_name"
)
_SELECT_P = ", ".join(f"p.{c.strip()}" for c in _SELECT.split(","))


def row_to_place(row: tuple) -> Place:
    return Place(
        place_id=row[0], name=row[1], point=LatLon(row[2], row[3]), kind=row[4],
        country_code=row[5], feature_code=row[6], admin1=row[7], admin1_code=row[8],
        admin2=row[9], population=row[10], source=row[11], source_id=row[12],
        uncertainty_km=row[13], precision=row[14], country_name=row[15],
    )  # fmt: skip


def query_candidates(
    conn: sqlite3.Connection,
    key: str,
    country: str | None,
    admin1_codes: tuple[str, ...] | None,
    limit: int,
) -> list[Place]:
    sql, params = candidate_sql(key, country, admin1_codes, limit)
    rowids = [r[0] for r in conn.execute(sql, params)]
    if not rowids:
        return []
    found = places_by_rowid(conn, rowids)
    return [found[r] for r in rowids]


def candidate_sql(
    key: str, country: str | None, admin1_codes: tuple[str, ...] | None, limit: int
) -> tuple[str, list]:
    """The ranked lookup: returns place rowids, best first. Without an admin-1 filter it reads
    only the names index; with one it joins places for their admin-1 code."""
    where = ["n.key = ?"]
    params: list = [key]
    if country:
        where.append("n.country = ?")
        params.append(country.upper())
    join = ""
    if admin1_codes is not None:
        # "CC.code" pins a code to its country; a bare code matches it in any country.
        join = " JOIN places p ON p.id = n.place"
        pinned = [c for c in admin1_codes if "." in c]
        bare = [c for c in admin1_codes if "." not in c]
        tests = []
        if pinned:
            tests.append(
                f"(p.country_code || '.' || p.admin1_code) IN ({', '.join('?' * len(pinned))})"
            )
            params.extend(pinned)
        if bare:
            tests.append(f"p.admin1_code IN ({', '.join('?' * len(bare))})")
            params.extend(bare)
        where.append(f"({' OR '.join(tests)})" if tests else "0")
    params.append(limit)
    sql = (
        f"SELECT n.place FROM names n{join} WHERE {' AND '.join(where)} "
        "ORDER BY n.rank DESC, n.place LIMIT ?"
    )
    return sql, params


def places_by_rowid(conn: sqlite3.Connection, rowids: list[int]) -> dict[int, Place]:
    sql = f"SELECT id, {_SELECT} FROM places WHERE id IN ({', '.join('?' * len(rowids))})"
    return {row[0]: row_to_place(row[1:]) for row in conn.execute(sql, rowids)}


def check_schema(path: Path) -> None:
    """Raise GazetteerError when `path` is not a store this version can read."""
    version = read_meta(path).get("schema_version")
    if version != str(SCHEMA_VERSION):
        raise GazetteerError(
            f"{path} is not a geomap gazetteer of schema {SCHEMA_VERSION} (found {version!r}); "
            "rebuild it with `geomap gazetteer build --force`"
        )


def read_meta(path: Path) -> dict[str, str]:
    """The meta table of a store file; {} when the file is not a readable store."""
    try:
        conn = connect(path, readonly=True)
    except sqlite3.Error:
        return {}
    try:
        return dict(conn.execute("SELECT key, value FROM meta"))
    except sqlite3.DatabaseError:
        return {}
    finally:
        conn.close()
