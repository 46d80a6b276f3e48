"""The cached gazetteer: one SQLite file built from real gazetteer sources.

    >>> from geomap.gazetteer import Gazetteer
    >>> gz = Gazetteer.open()                   # builds the embedded default on first use
    >>> gz.candidates("Kharkov", country="UA")[0].name
    'Kharkiv'

Modules: `normalise` (the one name normaliser), `names` (romanisation), `store` + `staging` +
`ranking` (schema, write API and bulk loading for builders and importers, ranking), `builder/`
(the embedded default build, one module per step), `tables` (the hand-written tables), `api`
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
