"""The cached gazetteer: one SQLite file built from real gazetteer sources.

    >>> from geomap.gazetteer import Gazetteer
    >>> gz = Gazetteer.open()                   # builds the embedded default on first use
    >>> gz.candidates("Kharkov", country="UA")[0].name
    'Kharkiv'

Modules: `names` (normalisation, romanisation), `store` (schema, write API for builders and
importers), `default` + `packages` + `katottg` + `tables` (the embedded default build), `api`
(opening, lookups).
"""

from geomap.gazetteer.api import Gazetteer, build, default_store_path
from geomap.gazetteer.normalise import normalize_name
from geomap.gazetteer.store import NameEntry, Store

__all__ = [
    "Gazetteer",
    "NameEntry",
    "Store",
    "build",
    "default_store_path",
    "normalize_name",
]
