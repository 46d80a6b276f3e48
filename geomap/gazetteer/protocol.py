"""What the stages need of a gazetteer, as a typed protocol.

The recogniser and the resolver work with any object that answers these calls: the SQLite store
(`geomap.gazetteer.Gazetteer`), the `--online` wrapper around it (`OnlineGazetteer`), or a small
table in a test. Two attributes are optional and read with `getattr`: `build_id` (a string that
names the build, so caches of lookups and of the name index are kept per build) and `path` (the
store file; the name index is cached beside it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol, runtime_checkable

from geomap.records import Place


@runtime_checkable
class GazetteerProtocol(Protocol):
    def candidates(
        self,
        name: str,
        *,
        country: str | None = None,
        admin1: str | None = None,
        limit: int = 25,
    ) -> list[Place]:
        """Places `name` (raw text, any spelling) may mean, best first, optionally within a
        country (ISO alpha-2) and an admin-1 region (a name or code)."""
        ...

    def iter_names(self) -> Iterator[tuple[str, str, int]]:
        """(normalised name, comma-joined kinds, largest population) for every name, in name
        order: what the recogniser's name index is built from."""
        ...
