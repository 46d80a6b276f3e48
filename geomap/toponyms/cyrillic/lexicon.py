"""The word lists of one language under `geomap/data/lexicon/{uk,ru}/`, read once.

places.tsv, countries.tsv   names -> the name the gazetteer knows them by, and their kind
adjectives.tsv              relational adjectives -> the place (российский -> Russia)
not_places.txt              abbreviations written like names that are no places (ЗСУ, ВСУ)
settlement_cues.tsv         words before a name that say what it is (м., с., смт, пгт, село)
region_nouns.tsv            nouns after a name that make it a unit (область, район, громада)
place_prepositions.txt      prepositions of place (в, у, на, під, біля; в, на, под, около)
organisation_words.txt      words before an organisation's name (ТОВ, ООО, компанія)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources

from geomap.gazetteer.normalise import normalize_name
from geomap.toponyms.index import _pack

_MAJOR_POPULATION = {"country": 10_000_000, "admin1": 1_000_000, "region": 1_000_000}


def _lines(lang: str, name: str) -> list[list[str]]:
    path = resources.files("geomap").joinpath(f"data/lexicon/{lang}/{name}")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [
        line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


@dataclass(frozen=True, slots=True)
class LexiconPlace:
    name: str  # as written in the file
    lookup: str  # the gazetteer's name for it
    kind: str
    packed: int  # kinds and population as the name index packs them


@dataclass(frozen=True)
class Lexicon:
    lang: str
    places: dict[str, LexiconPlace] = field(default_factory=dict)  # by normalised key
    prefixes: frozenset[str] = frozenset()  # "key words " prefixes of multi-word names
    adjectives: dict[str, str] = field(default_factory=dict)  # lemma -> the place's lookup name
    not_places: frozenset[str] = frozenset()
    settlement_cues: dict[str, str] = field(default_factory=dict)
    region_nouns: dict[str, str] = field(default_factory=dict)
    prepositions: frozenset[str] = frozenset()
    organisation_words: frozenset[str] = frozenset()

    def has_prefix(self, prefix: str) -> bool:
        return prefix in self.prefixes

    @classmethod
    @functools.cache
    def load(cls, lang: str) -> Lexicon:
        places: dict[str, LexiconPlace] = {}
        prefixes: set[str] = set()
        for file in ("places.tsv", "countries.tsv"):  # the hand-written file wins
            for row in _lines(lang, file):
                if len(row) < 3:
                    continue
                name, lookup, kind = row[0], row[1], row[2]
                key = normalize_name(name)
                if not key or key in places:
                    continue
                population = _MAJOR_POPULATION.get(kind, 100_000)
                places[key] = LexiconPlace(name, lookup, kind, _pack(0, {kind}, population))
                words = key.split(" ")
                for i in range(1, len(words)):
                    prefixes.add(" ".join(words[:i]) + " ")
        return cls(
            lang=lang,
            places=places,
            prefixes=frozenset(prefixes),
            adjectives={r[0]: r[1] for r in _lines(lang, "adjectives.tsv") if len(r) >= 2},
            not_places=frozenset(r[0] for r in _lines(lang, "not_places.txt")),
            settlement_cues={r[0]: r[1] for r in _lines(lang, "settlement_cues.tsv") if len(r) > 1},
            region_nouns={r[0]: r[1] for r in _lines(lang, "region_nouns.tsv") if len(r) > 1},
            prepositions=frozenset(r[0] for r in _lines(lang, "place_prepositions.txt")),
            organisation_words=frozenset(r[0] for r in _lines(lang, "organisation_words.txt")),
        )
