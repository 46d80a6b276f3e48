"""How common a word is: in lower case (a common word) and as a given name, per language.

The numbers come from `geomap/data/frequency/` (built by `tools/build_word_frequencies.py`
from registry packages; sources and licences in its NOTICE.md). They are evidence for the
recogniser's features, graded rather than a yes/no list: "reading" is a common word (Zipf 5.1)
and "chad" a rare one (3.9); Mary is a frequent given name (2.6% of people) and Paris a very
rare one (0.007%); Davis is a frequent surname (0.48%). A language without files has no such
evidence (every lookup is 0).
"""

from __future__ import annotations

import functools
import math
from importlib import resources

RESOURCE = "data/frequency"


def _read(name: str) -> dict[str, float]:
    path = resources.files("geomap").joinpath(f"{RESOURCE}/{name}")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    out: dict[str, float] = {}
    for line in text.splitlines():
        word, _, value = line.partition("\t")
        if word and value:
            out[word] = float(value)
    return out


@functools.cache
def common_word_zipf(lang: str = "en") -> dict[str, float]:
    """Lower-case common words -> Zipf frequency (log10 occurrences per billion words)."""
    return _read(f"{lang}_common_words.tsv")


@functools.cache
def given_name_share(lang: str = "en") -> dict[str, float]:
    """Given names ("Mary"; looked up capitalised) -> per cent of people who bear them."""
    return _read(f"{lang}_given_names.tsv")


@functools.cache
def surname_share(lang: str = "en") -> dict[str, float]:
    """Surnames as written ("Davis") -> per cent of people who bear them."""
    return _read(f"{lang}_surnames.tsv")


def zipf(word: str, lang: str = "en") -> float:
    """Zipf frequency of a word used as a common word (0 for a word that is only a name)."""
    return common_word_zipf(lang).get(word.lower(), 0.0)


def given_name(word: str, lang: str = "en") -> float:
    """Per cent of people with this given name (0 if it is none)."""
    return given_name_share(lang).get(word.capitalize(), 0.0)


def surname(word: str, lang: str = "en") -> float:
    """Per cent of people with this surname (0 if it is none)."""
    return surname_share(lang).get(word.capitalize(), 0.0)


def name_share_scale(share: float) -> float:
    """A name's share of people on a log scale in [0, 1]: 0.001% -> 0, 0.1% -> 0.57, 2.6% -> 1."""
    if share <= 0:
        return 0.0
    return min(1.0, max(0.0, (math.log10(share) + 3) / 3.5))
