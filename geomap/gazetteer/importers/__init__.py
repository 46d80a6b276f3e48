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


def _record_import(
    store: Store, kind: str, source: Path, description: str, licence: str, places: int, names: int
) -> None:
    """Note the import in the store's provenance table and mark the store as holding imports
    (so it is never rebuilt over them)."""
    store.record_source(
        f"{kind}:{source.name}",
        description=description,
        licence=licence,
        version=str(int(source.stat().st_mtime)),
        places=places,
        names=names,
    )
    store.set_meta("imported", "1")


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
        with_names = f" with {alternate_names.name}" if alternate_names else ""
        _record_import(
            store, "geonames-dump", dump, f"GeoNames dump {dump.name}{with_names}",
            "CC BY 4.0 (GeoNames)", stats.places, stats.names,
        )  # fmt: skip
    return {"rows": stats.rows, "places": stats.places, "names": stats.names}


def import_postal_file(
    path: Path, dump: Path, *, progress: Progress | None = None
) -> dict[str, int]:
    from geomap.gazetteer.importers.postal import import_postal

    _ensure_store(path, progress)
    with Store.edit(path) as store:
        stats = import_postal(store, dump, progress=progress)
        _record_import(
            store, "geonames-postal", dump, f"GeoNames postal-code dump {dump.name}",
            "CC BY 4.0 (GeoNames)", stats.added + stats.merged, stats.localities,
        )  # fmt: skip
    return {
        "rows": stats.rows, "localities": stats.localities,
        "merged": stats.merged, "added": stats.added,
    }  # fmt: skip


def import_overrides_file(path: Path, csv_file: Path) -> dict[str, int]:
    from geomap.gazetteer.importers.overrides import import_overrides

    _ensure_store(path, None)
    with Store.edit(path) as store:
        stats = import_overrides(store, csv_file)
        _record_import(
            store, "overrides", csv_file, f"user overrides {csv_file.name}", "user data",
            stats.added + stats.corrected, stats.aliases,
        )  # fmt: skip
    return {"added": stats.added, "corrected": stats.corrected, "aliases": stats.aliases}
