"""The name index: one Aho-Corasick automaton over every gazetteer name, matched in one pass.

Names and text are put through the same character-level normalisation (transliterate to ASCII,
lower-case, every non-alphanumeric character becomes a space), so "Kyiv's", "KYIV" and "Київ"
(if the gazetteer lists it) all meet the key "kyiv". The normalised text keeps one character per
source character where it can, so offsets map straight back; characters that expand ("ß" -> "ss")
switch to an explicit offset map.

The automaton is built once per gazetteer build and cached as a pickle beside the gazetteer file,
keyed on `Gazetteer.build_id`, so opening it costs a load, not a rebuild.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import pickle
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ahocorasick
from unidecode import unidecode

log = logging.getLogger(__name__)

INDEX_FORMAT = 4  # bump when the key or value layout changes

# ASCII: letters lower-cased, digits kept, everything else a space (one char in, one char out).
_ASCII_TABLE: dict[int, str] = {
    i: (chr(i).lower() if chr(i).isalnum() else " ") for i in range(128)
}
_NON_ASCII_CACHE: dict[int, str] = {}


def _translit(ch: str) -> str:
    """Normalised replacement for one non-ASCII character (may be empty or several chars)."""
    out = "".join(c.lower() for c in unidecode(ch) if c.isalnum())
    # Punctuation ("…" -> "...") stays one space so offsets need no map; letters may expand.
    return out or " "


class _Table(dict):
    """A str.translate table that fills non-ASCII entries on demand."""

    def __missing__(self, code: int) -> str:
        value = _translit(chr(code))
        self[code] = value
        return value


_TABLE = _Table(_ASCII_TABLE)


@dataclass(frozen=True, slots=True)
class NormalisedText:
    text: str
    offsets: list[int] | None  # source index of each normalised char; None when identical

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        if self.offsets is None:
            return start, end
        return self.offsets[start], self.offsets[end - 1] + 1


def normalise_text(text: str) -> NormalisedText:
    norm = text.translate(_TABLE)
    if len(norm) == len(text):
        return NormalisedText(norm, None)
    offsets: list[int] = []
    for i, ch in enumerate(text):
        width = len(_TABLE[ord(ch)]) if ord(ch) > 127 else 1
        if width == 1:
            offsets.append(i)
        else:
            offsets.extend([i] * width)
    return NormalisedText(norm, offsets)


def match_key(name: str) -> str:
    """The automaton key of a name: normalised, single-spaced."""
    return " ".join(normalise_text(name).text.split())


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
    def __init__(self, automaton: Any) -> None:
        self._automaton = automaton

    def get(self, key: str) -> IndexEntry | None:
        value = self._automaton.get(f" {key} ", None)
        return _entry(key, value) if value is not None else None

    def find(self, text: str, *, capitalised_only: bool = False) -> list[NameMatch]:
        """Longest, leftmost, non-overlapping whole-word matches of gazetteer names in `text`.

        With `capitalised_only`, matches whose first source character is not an upper-case
        letter are dropped before choosing the longest, so a lower-case phrase that happens to
        be a name ("the settlement") cannot swallow the start of a real one.
        """
        norm = normalise_text(_mask_lower_case_words(text) if capitalised_only else text)
        padded = f" {norm.text} "
        offsets = norm.offsets
        hits: list[tuple[int, int, int]] = []
        for end, value in self._automaton.iter(padded):
            # Keys are stored as " key ": the match includes one boundary space on each side.
            stop = end - 1  # exclusive end in norm coordinates (padded end index minus pad)
            start = stop - (value & _LENGTH_MASK)
            if (
                capitalised_only
                and not text[start if offsets is None else offsets[start]].isupper()
            ):
                continue
            hits.append((start, stop, value))
        hits.sort(key=lambda h: (h[0], h[0] - h[1]))
        out: list[NameMatch] = []
        last_end = -1
        for start, stop, value in hits:
            if start < last_end:
                continue
            src_start, src_end = norm.source_span(start, stop)
            out.append(NameMatch(src_start, src_end, _entry(norm.text[start:stop], value)))
            last_end = stop
        return out


_LOWER_WORD = re.compile(r"(?<![^\W\d_])[a-z]+(?![^\W\d_])")
# Lower-case words that may sit inside a capitalised place name ("Rostov-on-Don", "Sumy region").
INNER_LOWER_WORDS: frozenset[str] = frozenset()


def _mask_lower_case_words(text: str) -> str:
    """Blank out lower-case words that cannot be part of a capitalised name, so the automaton
    reports far fewer hits (most running words are also the name of some hamlet somewhere)."""
    keep = INNER_LOWER_WORDS

    def blank(m: re.Match[str]) -> str:
        word = m.group()
        return word if word in keep else " " * len(word)

    return _LOWER_WORD.sub(blank, text)


# Each key's value is one non-negative 32-bit integer (the automaton's STORE_INTS mode keeps the
# pickle small and quick to load): bits 0-7 the key length, 8-17 a bit per place kind, 18-30 the
# largest population on a log scale (0.3% steps are plenty for "village or city").
_LENGTH_MASK = 0xFF
_KINDS = (
    "country",
    "admin1",
    "admin2",
    "admin3",
    "populated_place",
    "region",
    "water",
    "landform",
    "demonym",
    "other",
)
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


def build_automaton(names) -> Any:
    """Automaton from (normalised_name, kinds_csv, max_population) rows; duplicates merged.

    Names outside the Latin script are left out: the recogniser reads English text, and their
    transliterations are in the gazetteer as names of their own."""
    merged: dict[str, int] = {}
    for name, kinds, population in names:
        if not name.isascii():
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
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for key, value in merged.items():
        automaton.add_word(f" {key} ", value)
    automaton.make_automaton()
    return automaton


_MEMO: dict[str, NameIndex] = {}


def _cache_path(gazetteer: Any) -> Path | None:
    path = getattr(gazetteer, "path", None)
    build_id = getattr(gazetteer, "build_id", None)
    if not path or not build_id:
        return None
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in str(build_id))
    return Path(path).with_name(f"toponym-index-v{INDEX_FORMAT}-{safe}.pickle")


def name_index(gazetteer: Any) -> NameIndex:
    """The index for this gazetteer build: memoised in-process, cached on disk beside the store."""
    build_id = getattr(gazetteer, "build_id", None)
    memo_key = str(build_id) if build_id else f"object:{id(gazetteer)}"
    index = _MEMO.get(memo_key)
    if index is not None:
        return index
    cache = _cache_path(gazetteer)
    automaton = None
    if cache is not None and cache.exists():
        try:
            automaton = ahocorasick.load(str(cache), pickle.loads)
            if automaton.store != ahocorasick.STORE_INTS:
                raise ValueError("unexpected value store")
        except Exception as exc:  # a stale or truncated cache is rebuilt, never fatal
            log.warning("rebuilding toponym index (%s: %s)", cache, exc)
            automaton = None
    if automaton is None:
        automaton = build_automaton(gazetteer.iter_names())
        if cache is not None:
            _save(automaton, cache)
    index = NameIndex(automaton)
    _MEMO[memo_key] = index
    return index


def _save(automaton: Any, cache: Path) -> None:
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=cache.name, suffix=".tmp")
        os.close(fd)
        automaton.save(tmp)
        os.replace(tmp, cache)
        for stale in cache.parent.glob("toponym-index-v*.pickle"):
            if stale != cache:  # indexes of earlier gazetteer builds are never read again
                with contextlib.suppress(OSError):
                    stale.unlink()
    except OSError as exc:  # a read-only cache directory only costs speed
        log.warning("could not cache the toponym index at %s: %s", cache, exc)
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(tmp)
