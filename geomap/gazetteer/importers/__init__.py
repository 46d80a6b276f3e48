"""Importers that add real gazetteer files to a built store.

Each import runs inside `Store.edit()`: it writes a private copy of the store and replaces the
file only when the whole import succeeded, so a malformed file (reported with its line number)
or an interrupted run leaves the previous store exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from geomap.gazetteer.store import Store

Progress = Callable[[str], None]

__all__ = ["import_geonames_files", "import_overrides_file", "import_postal_file"]


def _ensure_store(path: Path, progress: Progress | None) -> None:
    """Importers add to the default store: build it first if there is none yet."""
    if not path.exists():
        from geomap.gazetteer.api import build

        build(path, progress=progress)


def import_geonames_files(
    path: Path,
    dump: Path,
    *,
    alternate_names: Path | None = None,
    admin1_codes: Path | None = None,
    admin2_codes: Path | None = None,
    country_info: Path | None = None,
    progress: Progress | None = None,
) -> dict[str, int]:
    from geomap.gazetteer.importers.geonames import AdminNames, import_geonames

    _ensure_store(path, progress)
    admin = AdminNames.read(admin1_codes, admin2_codes, country_info)
    with Store.edit(path) as store:
        stats = import_geonames(
            store, dump, alternate_names=alternate_names, admin=admin, progress=progress
        )
        store.record_source(
            f"geonames-dump:{dump.name}",
            description=f"GeoNames dump {dump.name}"
            + (f" with {alternate_names.name}" if alternate_names else ""),
            licence="CC BY 4.0 (GeoNames)",
            version=str(int(dump.stat().st_mtime)),
            places=stats.places,
            names=stats.names,
        )
        store.set_meta("imported", "1")
    return {"rows": stats.rows, "places": stats.places, "names": stats.names}


def import_postal_file(
    path: Path, dump: Path, *, progress: Progress | None = None
) -> dict[str, int]:
    from geomap.gazetteer.importers.postal import import_postal

    _ensure_store(path, progress)
    with Store.edit(path) as store:
        stats = import_postal(store, dump, progress=progress)
        store.record_source(
            f"geonames-postal:{dump.name}",
            description=f"GeoNames postal-code dump {dump.name}",
            licence="CC BY 4.0 (GeoNames)",
            version=str(int(dump.stat().st_mtime)),
            places=stats.added + stats.merged,
            names=stats.localities,
        )
        store.set_meta("imported", "1")
    return {
        "rows": stats.rows, "localities": stats.localities,
        "merged": stats.merged, "added": stats.added,
    }  # fmt: skip


def import_overrides_file(path: Path, csv_file: Path) -> dict[str, int]:
    from geomap.gazetteer.importers.overrides import import_overrides

    _ensure_store(path, None)
    with Store.edit(path) as store:
        stats = import_overrides(store, csv_file)
        store.record_source(
            f"overrides:{csv_file.name}",
            description=f"user overrides {csv_file.name}",
            licence="user data",
            version=str(int(csv_file.stat().st_mtime)),
            places=stats.added + stats.corrected,
            names=stats.aliases,
        )
        store.set_meta("imported", "1")
    return {"added": stats.added, "corrected": stats.corrected, "aliases": stats.aliases}
