"""The claim parser's vocabulary, read from `geomap/data/claims/` (the one copy of each list).

Word lists are `*.txt` (one entry a line), tables `*.tsv` (tab-separated); `#` starts a comment
line. `alternation()` turns a list into a regular-expression alternation that tries the longest
phrase first and lets any run of spaces stand for the space between words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "claims"


def _lines(filename: str) -> list[str]:
    text = (DATA / filename).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def words(name: str) -> tuple[str, ...]:
    """The entries of `<name>.txt`, in file order."""
    return tuple(line.strip() for line in _lines(f"{name}.txt"))


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of `<name>.tsv`, each a tuple of its tab-separated fields."""
    return tuple(
        tuple(field.strip() for field in line.split("\t")) for line in _lines(f"{name}.tsv")
    )


def alternation(phrases: Iterable[str], *, hyphen: bool = False) -> str:
    """`(?:longest|...|shortest)` with spaces matching any run of spaces (and, with `hyphen`,
    a hyphen: "front line" also matches "front-line")."""
    gap = r"[\s-]+" if hyphen else r"\s+"
    ordered = sorted({p for p in phrases if p}, key=len, reverse=True)
    return "(?:" + "|".join(gap.join(map(re.escape, p.split())) for p in ordered) + ")"


@cache
def unit_words() -> dict[str, str]:
    """Every written form of a unit ("kilometres", "nautical miles") -> its code ("km", "nmi")."""
    return {
        word.replace("_", " "): unit for unit, _, forms in table("units") for word in forms.split()
    }


@cache
def unit_km() -> dict[str, float]:
    """Unit code -> kilometres per unit."""
    return {unit: float(km) for unit, km, _ in table("units")}


@cache
def hedges() -> dict[str, str]:
    """Hedge words -> their kind (approx, nearly, max, min, just_over, exact)."""
    return dict(table("hedges"))  # type: ignore[arg-type]


@cache
def number_words() -> dict[str, int]:
    return {word: int(value) for word, value in table("number_words")}


@cache
def vague_amounts() -> dict[str, tuple[float, float]]:
    return {words_: (float(low), float(high)) for words_, low, high in table("vague_amounts")}


@cache
def compass() -> dict[str, tuple[str, float]]:
    """A compass word without spaces or hyphens ("northeast") -> (abbreviation, degrees)."""
    return {
        word: (abbreviation, float(degrees)) for abbreviation, degrees, word in table("compass")
    }


@cache
def compass_degrees() -> dict[str, float]:
    """Abbreviation ("NE") -> degrees clockwise from north."""
    return {abbreviation: degrees for abbreviation, degrees in compass().values()}
