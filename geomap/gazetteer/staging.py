"""Bulk loading of names: staged in an unindexed table, merged into the store's index once.

Inserting a million names one by one into the store's clustered name index (and its by-place
index) splits B-tree pages at random and costs most of a build. Inside `Store.bulk()` names are
appended, already ranked, to a temporary heap table instead; at the end one sorted INSERT ...
SELECT appends them to the clustered index in key order, keeping the best spelling of each
(name, place) pair, and the by-place index is rebuilt after the load when the load is large.

A place written again during the load with another prior or country (its names' ranks and
country copies were computed from the old ones) is noted by a temporary trigger, and its names
are re-ranked once after the merge. Reads during the load (a build step that looks up what an
earlier one wrote) see the staged names too, through a key index made on the first read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

STAGE = "temp.name_stage"
RERANKED = "temp.reranked_places"
# Rebuild the by-place index after the merge when at least this many names are loaded: cheaper
# than maintaining it row by row.
REINDEX_ROWS = 100_000

# Statements run one by one (executescript would commit the caller's transaction).
_CREATE = (
    f"""CREATE TABLE {STAGE} (key TEXT NOT NULL, place INTEGER NOT NULL, bonus INTEGER NOT NULL,
        scheme INTEGER NOT NULL, rank INTEGER NOT NULL, country TEXT NOT NULL)""",
    # No key: a trigger's OR IGNORE would yield to the upsert's own conflict policy.
    f"CREATE TABLE {RERANKED} (place INTEGER NOT NULL)",
    """CREATE TEMP TRIGGER place_reranked AFTER UPDATE OF prior, country_code ON places
        WHEN OLD.prior IS NOT NEW.prior OR OLD.country_code IS NOT NEW.country_code
        BEGIN INSERT INTO reranked_places VALUES (NEW.id); END""",
)
_DROP = (
    "DROP TRIGGER IF EXISTS temp.place_reranked",
    f"DROP TABLE IF EXISTS {STAGE}",
    f"DROP TABLE IF EXISTS {RERANKED}",
)
# In key order (the clustered index is appended to), the best spelling of a pair first: the
# highest bonus, the first staged among equals. Later rows of the pair and names the store
# already had merge as one insert after another would.
_MERGE = f"""
INSERT INTO names (key, place, bonus, scheme, rank, country)
SELECT key, place, bonus, scheme, rank, country FROM {STAGE}
WHERE true
ORDER BY key, place, bonus DESC, rowid
ON CONFLICT(key, place) DO UPDATE SET
    scheme = CASE WHEN excluded.bonus > bonus THEN excluded.scheme ELSE scheme END,
    rank = CASE WHEN excluded.bonus > bonus THEN excluded.rank ELSE rank END,
    bonus = max(bonus, excluded.bonus)
"""
_RERANK = f"""
UPDATE names SET
    rank = CAST(round(((SELECT prior FROM places WHERE id = names.place) + bonus / 100.0) * 1000)
                AS INTEGER),
    country = (SELECT country_code FROM places WHERE id = names.place)
WHERE place IN (SELECT place FROM {RERANKED})
"""


class NameStaging:
    """The staged names of one bulk load on one connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.rows = 0
        self._indexed = False
        for statement in (*_DROP, *_CREATE):
            conn.execute(statement)

    def append(self, rows: list[tuple[str, int, int, int, int, str]]) -> None:
        """(key, place rowid, bonus, scheme code, rank, country) rows, in the order given."""
        self.conn.executemany(f"INSERT INTO {STAGE} VALUES (?, ?, ?, ?, ?, ?)", rows)
        self.rows += len(rows)

    def _ensure_index(self) -> None:
        if not self._indexed:
            self.conn.execute(f"CREATE INDEX IF NOT EXISTS {STAGE}_key ON name_stage(key)")
            self._indexed = True

    def candidate_rowids(self, key: str, country: str | None, limit: int) -> list[int]:
        """Place rowids named `key` in the store or the load, best first, ranked from the
        places' current priors (as the store's own ranked lookup orders them once merged)."""
        self._ensure_index()
        country_filter = "AND p.country_code = ?" if country else ""
        sql = f"""
            SELECT c.place FROM (
                SELECT place, max(bonus) AS bonus FROM (
                    SELECT place, bonus FROM names WHERE key = ?
                    UNION ALL SELECT place, bonus FROM {STAGE} WHERE key = ?)
                GROUP BY place) c
            JOIN places p ON p.id = c.place
            WHERE true {country_filter}
            ORDER BY CAST(round((p.prior + c.bonus / 100.0) * 1000) AS INTEGER) DESC, c.place
            LIMIT ?"""
        params: list = [key, key, *([country.upper()] if country else []), limit]
        return [row[0] for row in self.conn.execute(sql, params)]

    def keys_of_places(self, places_sql: str, params: tuple) -> Iterator[tuple[str, int]]:
        """(key, place rowid) for every name, stored or staged, of the places `places_sql`
        (a SELECT of place ids) selects; a pair may come twice."""
        for table in ("names", STAGE):
            sql = f"SELECT key, place FROM {table} WHERE place IN ({places_sql})"
            yield from self.conn.execute(sql, params)

    def merge(self) -> None:
        """Move the staged names into the store's index, re-rank the names of places whose
        prior changed during the load, and drop the stage."""
        conn = self.conn
        reindex = self.rows >= REINDEX_ROWS
        if reindex:
            conn.execute("DROP INDEX IF EXISTS names_by_place")
        conn.execute(_MERGE)
        if reindex:
            conn.execute("CREATE INDEX names_by_place ON names(place)")
        conn.execute(_RERANK)
        self.drop()

    def drop(self) -> None:
        for statement in _DROP:
            self.conn.execute(statement)
