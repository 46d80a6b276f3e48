"""Reading the package's own data files under geomap/data/ (tables, word lists).

One reader for the plain-text formats the package ships: UTF-8, one record a line, fields
separated by tabs, lines that start with `#` are comments. Code that needs a table asks here for
its rows; what the rows mean stays with the module that owns the table.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from importlib import resources
from pathlib import Path


def data_path(*parts: str) -> Path:
    """The path of a file or folder under geomap/data/."""
    return Path(str(resources.files("geomap").joinpath("data", *parts)))


def read_rows(*parts: str) -> Iterator[tuple[int, list[str]]]:
    """Rows of a tab-separated file under geomap/data/, without comment and blank lines:
    (line number, fields)."""
    with data_path(*parts).open(encoding="utf-8", newline="") as fh:
        for number, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if row and not row[0].startswith("#"):
                yield number, row
