"""First-level administrative regions, and the name forms that denote them.

A region is asked for as news writes it: "Sumy", "Sumy Oblast", "Sumska oblast", "Kharkov
region", "UA-59". The keys below strip accents, punctuation, descriptor words (oblast, province,
republic of ...) and Slavic adjectival endings so that those forms meet the names of the layer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from shapely.geometry.base import BaseGeometry

from geomap import lexicon as word_lists

# Descriptor words ("oblast", "republic of") and Slavic adjectival endings ("Sumska",
# "Kharkivska", "Kyivs'ka"): geomap/data/lexicon/admin1_descriptors.txt and
# slavic_adjective_endings.txt.
_DESCRIPTOR_WORDS = word_lists.entries("admin1_descriptors")
_ADJECTIVE_ENDINGS = word_lists.entries("slavic_adjective_endings")


def normalise_region_name(text: str) -> str:
    """Casefolded ASCII, no punctuation: "Khar'kov" -> "kharkov", "Zaporiz'ka" -> "zaporizka"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = re.sub(r"['’`ʼ]", "", ascii_text.casefold())
    return re.sub(r"[^a-z0-9]+", " ", ascii_text).strip()


_DESCRIPTOR_RE = re.compile(
    r"\b(" + "|".join(re.escape(normalise_region_name(w)) for w in _DESCRIPTOR_WORDS) + r")\b"
)


def strip_descriptors(name: str) -> str:
    return re.sub(r"\s+", " ", _DESCRIPTOR_RE.sub(" ", name)).strip()


def adjective_stem(name: str) -> str:
    for ending in sorted(set(_ADJECTIVE_ENDINGS), key=len, reverse=True):
        if name.endswith(ending) and len(name) - len(ending) >= 3:
            return name[: -len(ending)]
    return name


@dataclass(frozen=True, slots=True)
class Admin1:
    """A first-level administrative region (state, province, oblast...)."""

    name: str
    country_code: str  # ISO 3166-1 alpha-2
    code: str  # ISO 3166-2 where known, e.g. "UA-59"; "" otherwise
    shape: BaseGeometry = field(repr=False, compare=False)
    type: str = ""  # "Region", "Province", "State", ...
    aliases: tuple[str, ...] = field(default=(), repr=False, compare=False)
