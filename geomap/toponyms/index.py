"""The name index: every gazetteer name in one static trie, matched at capitalised word starts.

Names and text are put through the same character-level normalisation (the one normaliser,
geomap.gazetteer.normalise: case and accents folded, Cyrillic kept, every other character a
space), so "Kyiv's", "KYIV" and "Kyïv" all meet the key "kyiv", and "Київ" the key of its
Cyrillic name. The normalised text keeps one character per source character where it can, so
offsets map straight back; characters that expand ("ß" -> "ss") switch to an explicit offset
map.

Matching is longest-match, leftmost-first, whole words: at each word start (each capitalised one
for the recogniser) one `prefixes()` call on a MARISA trie returns every name that starts there,
and the longest one that ends on a word boundary wins. The trie (marisa-trie, C++) is built once
per gazetteer build and saved beside the gazetteer file keyed on `Gazetteer.build_id`; it is
memory-mapped on open, so a cold start costs milliseconds instead of the seconds an
Aho-Corasick automaton of ~700,000 names takes to unpickle, and a pass over an article makes a
few hundred C calls.
"""

from __future__ import annotations

import array
import bisect
import contextlib
import logging
import math
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, get_args

import marisa_trie

from geomap.fsutil import atomic_write_bytes
from geomap.gazetteer.normalise import (
    NormalisedText,
    indexable_key,
    match_key,
    normalise_text,
)
from geomap.records import PlaceKind

if TYPE_CHECKING:
    from geomap.gazetteer.protocol import GazetteerProtocol

log = logging.getLogger(__name__)

INDEX_FORMAT = 6  # bump when the key or value layout changes


@dataclass(frozen=True, slots=True)
class IndexEntry:
    key: str
    kinds: frozenset[str]
    max_population: int


@dataclass(frozen=True, slots=True)
class NameMatch:
    start: int  # offsets into the source text
    end: int
    entry: IndexEntry


class NameIndex:
    """Names -> packed (length, kinds, population) values, with whole-word longest matching."""

    def __init__(self, trie: marisa_trie.Trie, values: array.array) -> None:
        self._trie = trie
        self._values = values

    def __len__(self) -> int:
        return len(self._values)

    def get(self, key: str) -> IndexEntry | None:
        key_id = self._trie.get(key)
        return None if key_id is None else _entry(key, self._values[key_id])

    def find(self, text: str, *, capitalised_only: bool = False) -> list[NameMatch]:
        """Longest, leftmost, non-overlapping whole-word matches of gazetteer names in `text`.

        With `capitalised_only`, only names that start on an upper-case letter are tried (the
        recogniser's first rule), which also keeps a lower-case phrase that happens to be a name
        ("the settlement") from swallowing the start of a real one.
        """
        norm = normalise_text(text)
        squeezed = _squeeze_abbreviations(text, norm)
        normalised = squeezed.text if squeezed else norm.text
        offsets = norm.offsets
        size = len(normalised)
        prefixes = self._trie.prefixes
        trie = self._trie
        values = self._values
        out: list[NameMatch] = []
        last_end = -1
        cuts, shifts = (squeezed.cuts, squeezed.shifts) if squeezed else ([], [])
        next_cut, shift = 0, 0
        for word in _WORD_START.finditer(normalised):
            start = word.start()
            if start < last_end:
                continue
            while next_cut < len(cuts) and cuts[next_cut] <= start:
                shift = shifts[next_cut]
                next_cut += 1
            at = start + shift
            if capitalised_only and not text[at if offsets is None else offsets[at]].isupper():
                continue
            best = ""
            for key in prefixes(normalised[start : start + _MAX_KEY_LENGTH]):
                stop = start + len(key)
                if len(key) > len(best) and (stop == size or not normalised[stop].isalnum()):
                    best = key
            if not best:
                continue
            stop = start + len(best)
            if squeezed:
                src_start, src_end = norm.source_span(at, squeezed.unsqueeze(stop - 1) + 1)
            else:
                src_start, src_end = norm.source_span(start, stop)
            out.append(NameMatch(src_start, src_end, _entry(best, values[trie[best]])))
            last_end = stop
        return out


# Normalised text holds ASCII letters and digits, Cyrillic letters, and spaces.
_WORD_START = re.compile(r"(?<![a-z0-9\u0400-\u04ff])[a-z0-9\u0400-\u04ff]")
# "St. Louis", "U.S. Virgin Islands", "Ft. Worth": a period after a word of one to three letters
# abbreviates; the name's key has one space there, the text a period and a space.
_ABBREVIATION_GAP = re.compile(r"(?<![^\W\d_])[^\W\d_]{1,3}(\.[ \t]+)(?=[^\W\d_])")


@dataclass(frozen=True, slots=True)
class _Squeezed:
    """Normalised text with the extra spaces of abbreviation gaps removed, and the way back."""

    text: str
    cuts: list[int]  # positions in `text` after which `shifts[i]` characters were removed
    shifts: list[int]

    def unsqueeze(self, pos: int) -> int:
        i = bisect.bisect_right(self.cuts, pos) - 1
        return pos + (self.shifts[i] if i >= 0 else 0)


def _squeeze_abbreviations(text: str, norm: NormalisedText) -> _Squeezed | None:
    """Collapse "st  louis" (from "St. Louis") to "st louis" so it meets its key."""
    gaps = [m.span(1) for m in _ABBREVIATION_GAP.finditer(text)]
    if not gaps:
        return None
    normalised = norm.text
    if norm.offsets is not None:  # source offsets -> normalised offsets
        first = {}
        for i, src in enumerate(norm.offsets):
            first.setdefault(src, i)
        gaps = [(first[a], first[b - 1] + 1) for a, b in gaps if a in first and b - 1 in first]
    pieces: list[str] = []
    cuts: list[int] = []
    shifts: list[int] = []
    removed = 0
    last = 0
    for a, b in gaps:
        pieces.append(normalised[last : a + 1])  # keep one space for the period
        removed += b - a - 1
        cuts.append(a + 1 - (removed - (b - a - 1)))
        shifts.append(removed)
        last = b
    pieces.append(normalised[last:])
    return _Squeezed("".join(pieces), cuts, shifts)


_MAX_KEY_LENGTH = 0xFF


# Each key's value is one non-negative 32-bit integer (the automaton's STORE_INTS mode keeps the
# pickle small and quick to load): bits 0-7 the key length, 8-17 a bit per place kind, 18-30 the
# largest population on a log scale (0.3% steps are plenty for "village or city").
_LENGTH_MASK = 0xFF
_KINDS = get_args(PlaceKind)  # one bit per kind, in the order records.py gives
_KIND_BITS = {kind: 1 << (8 + i) for i, kind in enumerate(_KINDS)}
_KIND_MASK = ((1 << len(_KINDS)) - 1) << 8
_POP_SHIFT = 18
_POP_STEPS_PER_DECADE = 800
_POP_CODE_MAX = (1 << 13) - 1
_ENTRY_CACHE: dict[tuple[str, int], IndexEntry] = {}


def _pack(length: int, kinds: set[str], population: int) -> int:
    bits = 0
    for kind in kinds:
        bits |= _KIND_BITS.get(kind, _KIND_BITS["other"])
    code = round(math.log10(max(population, 0) + 1) * _POP_STEPS_PER_DECADE)
    return (min(code, _POP_CODE_MAX) << _POP_SHIFT) | bits | length


def _population(value: int) -> int:
    return round(10 ** ((value >> _POP_SHIFT) / _POP_STEPS_PER_DECADE) - 1)


def _kinds_of(value: int) -> frozenset[str]:
    return frozenset(kind for kind, bit in _KIND_BITS.items() if value & bit)


def _entry(key: str, value: int) -> IndexEntry:
    entry = _ENTRY_CACHE.get((key, value))
    if entry is None:
        entry = IndexEntry(key, _kinds_of(value), _population(value))
        if len(_ENTRY_CACHE) < 200_000:
            _ENTRY_CACHE[(key, value)] = entry
    return entry


def build_index(names: Iterable[tuple[str, str, int]]) -> NameIndex:
    """Index from (normalised_name, kinds_csv, max_population) rows; duplicates merged.

    Names in scripts other than Latin and Cyrillic are left out: the recogniser reads English,
    Ukrainian and Russian text, and transliterations are in the gazetteer as names of their own."""
    merged: dict[str, int] = {}
    for name, kinds, population in names:
        if not indexable_key(name):
            continue
        key = match_key(name)
        if not 2 <= len(key) <= _LENGTH_MASK or not any(c.isalpha() for c in key):
            continue
        value = _pack(len(key), set(kinds.split(",")) if kinds else set(), int(population or 0))
        old = merged.get(key)
        if old is not None:
            pop_code = max(old >> _POP_SHIFT, value >> _POP_SHIFT)
            value = (pop_code << _POP_SHIFT) | ((old | value) & _KIND_MASK) | len(key)
        merged[key] = value
    trie = marisa_trie.Trie(merged)
    values = array.array("I", bytes(4 * len(merged)))
    for key, value in merged.items():
        values[trie[key]] = value
    return NameIndex(trie, values)


_MEMO: dict[str, NameIndex] = {}


def _cache_path(gazetteer: GazetteerProtocol) -> Path | None:
    path = getattr(gazetteer, "path", None)
    build_id = getattr(gazetteer, "build_id", None)
    if not path or not build_id:
        return None
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in str(build_id))
    return Path(path).with_name(f"toponym-index-v{INDEX_FORMAT}-{safe}.marisa")


def name_index(gazetteer: GazetteerProtocol) -> NameIndex:
    """The index for this gazetteer build: memoised in-process, cached on disk beside the store."""
    build_id = getattr(gazetteer, "build_id", None)
    memo_key = str(build_id) if build_id else f"object:{id(gazetteer)}"
    index = _MEMO.get(memo_key)
    if index is not None:
        return index
    cache = _cache_path(gazetteer)
    index = _load(cache) if cache is not None else None
    if index is None:
        index = build_index(gazetteer.iter_names())
        if cache is not None:
            _save(index, cache)
    _MEMO[memo_key] = index
    return index


def _values_path(cache: Path) -> Path:
    return cache.with_suffix(".values")


def _load(cache: Path) -> NameIndex | None:
    if not (cache.exists() and _values_path(cache).exists()):
        return None
    try:
        trie = marisa_trie.Trie()
        trie.mmap(str(cache))
        values = array.array("I")
        values.frombytes(_values_path(cache).read_bytes())
        if len(values) != len(trie):
            raise ValueError(f"{len(values)} values for {len(trie)} names")
        return NameIndex(trie, values)
    except (OSError, ValueError) as exc:  # a stale or truncated cache is rebuilt, never fatal
        log.warning("rebuilding toponym index (%s: %s)", cache, exc)
        return None


def _save(index: NameIndex, cache: Path) -> None:
    """Write trie and values atomically (values first: the trie file marks a complete cache)."""
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(_values_path(cache), index._values.tobytes())
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=cache.name, suffix=".tmp")
        os.close(fd)
        try:
            index._trie.save(tmp)
            os.replace(tmp, cache)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        for stale in cache.parent.glob("toponym-index-v*"):
            if stale not in (cache, _values_path(cache)) and not stale.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    stale.unlink()  # indexes of earlier gazetteer builds are never read again
    except OSError as exc:  # a read-only cache directory only costs speed
        log.warning("could not cache the toponym index at %s: %s", cache, exc)
