"""The Cyrillic names a Ukrainian or Russian text can be matched against.

Two sources, one trie:
- the gazetteer's own Cyrillic names (KATOTTG's official Ukrainian names and their Russian
  readings, GeoNames' alternate names, the admin-1 aliases such as Сумщина), under the store's
  normalised key (`normalize_name`: lower case, no diacritics, a trailing region word made
  "region"), so a key found here is also a lookup the store answers;
- the lexicon files `geomap/data/lexicon/{uk,ru}/places.tsv` (country and region names in each
  language, colloquial names of regions, Ukrainian names of Russian places and Russian ones of
  Ukrainian places that the store lacks), each with the name the store knows it by.

The trie of the store's names is built once per gazetteer build (reading 1.3M names takes about
ten seconds) and cached beside the store, like the Latin name index.
"""

from __future__ import annotations

import array
import contextlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import marisa_trie

from geomap.fsutil import atomic_write_bytes
from geomap.gazetteer.normalise import REGION_TOKEN, REGION_WORDS, normalize_name
from geomap.toponyms.cyrillic.lexicon import Lexicon
from geomap.toponyms.index import IndexEntry, _entry, _pack

log = logging.getLogger(__name__)

INDEX_FORMAT = 1
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_REGION_WORDS = frozenset(normalize_name(w) for w in REGION_WORDS) | {REGION_TOKEN}


def name_key(words: list[str]) -> str:
    """The normalised key of a name given as its words (nominative forms)."""
    return normalize_name(" ".join(words))


def word_key(word: str) -> str:
    """One word as the keys write it ("області" is never asked; "область" -> "region")."""
    key = normalize_name(word)
    return REGION_TOKEN if key in _REGION_WORDS else key


@dataclass(frozen=True, slots=True)
class CyrillicEntry:
    entry: IndexEntry  # kinds and the largest population, as the Latin index gives them
    lookup: str  # the name to ask the gazetteer for
    lexicon: bool  # from the lexicon files rather than the store


class CyrillicNames:
    """Store keys and lexicon names; `get` by key, `has_prefix` to extend a multi-word match."""

    def __init__(self, trie: marisa_trie.Trie, values: array.array, lexicon: Lexicon) -> None:
        self._trie = trie
        self._values = values
        self._lexicon = lexicon
        self._prefix_memo: dict[str, bool] = {}

    def get(self, key: str) -> CyrillicEntry | None:
        place = self._lexicon.places.get(key)
        key_id = self._trie.get(key)
        if key_id is not None:
            entry = _entry(key, self._values[key_id])
            if place is not None:  # the store has the name; the lexicon says what it means
                return CyrillicEntry(entry, place.lookup, True)
            return CyrillicEntry(entry, key, False)
        if place is not None:
            return CyrillicEntry(_entry(key, place.packed), place.lookup, True)
        return None

    def has_prefix(self, prefix: str) -> bool:
        """Some name continues `prefix` (which ends with a space)."""
        known = self._prefix_memo.get(prefix)
        if known is None:
            known = next(self._trie.iterkeys(prefix), None) is not None or self._lexicon.has_prefix(
                prefix
            )
            if len(self._prefix_memo) < 100_000:
                self._prefix_memo[prefix] = known
        return known


def build_trie(names: Any) -> tuple[marisa_trie.Trie, array.array]:
    """(trie, packed values) of the Cyrillic ones of (key, kinds_csv, population) rows."""
    merged: dict[str, int] = {}
    for key, kinds, population in names:
        if key.isascii() or not _CYRILLIC.search(key) or len(key) < 2:
            continue
        value = _pack(0, set(kinds.split(",")) if kinds else set(), int(population or 0))
        old = merged.get(key)
        if old is not None:
            value = max(old & ~0xFF, value & ~0xFF) | ((old | value) & 0x3FF00)
        merged[key] = value
    trie = marisa_trie.Trie(merged)
    values = array.array("I", bytes(4 * len(merged)))
    for key, value in merged.items():
        values[trie[key]] = value
    return trie, values


_MEMO: dict[tuple[str, str], CyrillicNames] = {}


def _cache_path(gazetteer: Any) -> Path | None:
    path = getattr(gazetteer, "path", None)
    build_id = getattr(gazetteer, "build_id", None)
    if not path or not build_id:
        return None
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in str(build_id))
    return Path(path).with_name(f"cyrillic-index-v{INDEX_FORMAT}-{safe}.marisa")


def cyrillic_names(gazetteer: Any, lang: str) -> CyrillicNames:
    """The names for this gazetteer build and language: memoised, cached on disk."""
    build_id = getattr(gazetteer, "build_id", None)
    memo_key = (str(build_id) if build_id else f"object:{id(gazetteer)}", lang)
    names = _MEMO.get(memo_key)
    if names is None:
        trie, values = _store_trie(gazetteer)
        names = _MEMO[memo_key] = CyrillicNames(trie, values, Lexicon.load(lang))
    return names


_TRIES: dict[str, tuple[marisa_trie.Trie, array.array]] = {}


def _store_trie(gazetteer: Any) -> tuple[marisa_trie.Trie, array.array]:
    build_id = getattr(gazetteer, "build_id", None)
    memo_key = str(build_id) if build_id else f"object:{id(gazetteer)}"
    found = _TRIES.get(memo_key)
    if found is None:
        cache = _cache_path(gazetteer)
        found = _load(cache) if cache is not None else None
        if found is None:
            found = build_trie(gazetteer.iter_names())
            if cache is not None:
                _save(*found, cache)
        _TRIES[memo_key] = found
    return found


def _load(cache: Path) -> tuple[marisa_trie.Trie, array.array] | None:
    values_path = cache.with_suffix(".values")
    if not (cache.exists() and values_path.exists()):
        return None
    try:
        trie = marisa_trie.Trie()
        trie.mmap(str(cache))
        values = array.array("I")
        values.frombytes(values_path.read_bytes())
        if len(values) != len(trie):
            raise ValueError(f"{len(values)} values for {len(trie)} names")
        return trie, values
    except (OSError, ValueError) as exc:  # a stale or truncated cache is rebuilt, never fatal
        log.warning("rebuilding the Cyrillic name index (%s: %s)", cache, exc)
        return None


def _save(trie: marisa_trie.Trie, values: array.array, cache: Path) -> None:
    """Values first, then the trie (its presence marks a complete cache)."""
    import os
    import tempfile

    try:
        atomic_write_bytes(cache.with_suffix(".values"), values.tobytes())
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=cache.name, suffix=".tmp")
        os.close(fd)
        try:
            trie.save(tmp)
            os.replace(tmp, cache)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        for stale in cache.parent.glob("cyrillic-index-v*"):
            if stale.stem != cache.stem and not stale.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    stale.unlink()
    except OSError as exc:  # a read-only cache directory only costs speed
        log.warning("could not cache the Cyrillic name index at %s: %s", cache, exc)
