"""The cached gazetteer: one SQLite file built from real gazetteer sources (owned by the gazetteer work)."""
