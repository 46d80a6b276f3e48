"""Vocabulary as data: the one loader of the word lists under geomap/data/lexicon/.

Each list is one class of words (months, number words, region nouns, feature head nouns, seats of
power, person titles ...) in one file, shared by every stage that needs it. The files are plain
UTF-8 text, one entry a line, `#` starts a comment line; a `.tsv` file maps each entry to a value
in a tab-separated second column (a third where a row needs one). Entries are read as written:
the code that uses a list decides how to match it (case, accents).

Every list is read once per process (functools.cache) and handed out immutable.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType

from geomap.datafiles import data_path, read_rows
from geomap.errors import GeomapError

__all__ = [
    "entries",
    "month_abbreviations",
    "month_numbers",
    "months",
    "number_words",
    "rows",
    "table",
    "weekdays",
    "words",
]

_FOLDER = "lexicon"


def _path_parts(name: str) -> tuple[str, str]:
    for suffix in (".txt", ".tsv"):
        if data_path(_FOLDER, name + suffix).is_file():
            return _FOLDER, name + suffix
    raise GeomapError(f"no word list {name!r} in {data_path(_FOLDER)}")


@functools.cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Every row of a list, all its columns, in file order."""
    return tuple(tuple(row) for _, row in read_rows(*_path_parts(name)))


@functools.cache
def entries(name: str) -> tuple[str, ...]:
    """The entries (first column) of a list, in file order."""
    return tuple(row[0] for row in rows(name))


@functools.cache
def words(name: str) -> frozenset[str]:
    """The entries of a list as a set."""
    return frozenset(entries(name))


@functools.cache
def table(name: str) -> Mapping[str, str]:
    """Entry -> value (second column, "" where a row has none), in file order."""
    return MappingProxyType({row[0]: row[1] if len(row) > 1 else "" for row in rows(name)})


def weekdays() -> tuple[str, ...]:
    """monday ... sunday, lower case, in week order (Monday is 0)."""
    return entries("weekdays")


def months() -> tuple[str, ...]:
    """january ... december, lower case, in calendar order."""
    return entries("months")


@functools.cache
def month_numbers() -> Mapping[str, int]:
    """Every written form of a month, full or abbreviated, lower case -> 1..12 (january, jan,
    february, feb, ...)."""
    numbers: dict[str, int] = {}
    for number, (name, abbreviations) in enumerate(table("months").items(), start=1):
        numbers[name] = number
        for abbreviation in abbreviations.split("|") if abbreviations else ():
            numbers[abbreviation] = number
    return MappingProxyType(numbers)


@functools.cache
def month_abbreviations() -> frozenset[str]:
    """jan, feb, ... sep, sept, ... dec: the short forms of months.tsv."""
    return frozenset(month_numbers()) - frozenset(months())


@functools.cache
def number_words() -> Mapping[str, int]:
    """zero ... nineteen, twenty ... ninety -> their values, in ascending order."""
    return MappingProxyType({word: int(value) for word, value in table("number_words").items()})
