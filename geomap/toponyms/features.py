"""The recognition decision's evidence for each candidate, as a vector of named features.

Each feature is one piece of evidence the components found: what the gazetteer knows of the
name (kinds, population), how it is written (capitals, sentence start, headline, dotted
abbreviation), how common its words are in lower case and as given names, the cue words around
it, person and organisation evidence, and document support. How much each counts is fitted on
annotated news (`tools/fit_recogniser.py`) and read by `geomap.toponyms.model`. Values lie in
[0, 1] so the weights are comparable.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict

import numpy as np

from geomap.doc import TOKEN_PATTERN
from geomap.toponyms import frequency, lexicon
from geomap.toponyms.cues import strength
from geomap.toponyms.state import Candidate, State

GAZETTEER_KINDS = (
    "country", "admin1", "admin2", "admin3", "populated_place", "region", "water", "landform",
)  # fmt: skip
CUE_TYPES = (
    "dateline", "region_word", "feature_noun", "relative", "based", "admin_after", "conflict",
    "county_of_place", "compass", "preposition", "of",
)  # fmt: skip
# Evidence the components record under these names (see people.py, evidence.py, candidates.py).
EVIDENCE = (
    "all_caps", "caps_dateline", "dotted_abbreviation", "short_acronym", "military_abbreviation",
    "person_title", "person_given_name", "person_after_given_name", "person_speaker",
    "person_surname", "after_name_particle", "told_or_quoted_by", "medium_before",
    "organisation_noun_after", "reported_after", "leader_era", "possessive_of_person",
    "capitalised_before", "capitalised_after", "generic_word", "seat_of_power",
    "listed_with_name",
)  # fmt: skip

FEATURES: tuple[str, ...] = (
    "bias",
    *(f"kind={k}" for k in GAZETTEER_KINDS),
    "log_population",  # log10(population + 1) / 7, at most 1
    "population_10k",
    "population_100k",
    "population_1m",
    "multi_word",  # a name of two or more words
    "sentence_initial",  # opens a sentence, a quotation or a clause after a colon
    "headline",  # in a sentence written in title case
    "written_abbreviation",  # "Reno, Nev.", "Hall County (Ga.)": a state written as one
    "common_word",  # every word is a common word in lower case: Zipf / 8 of the rarest
    "common_at_start",  # ... and opening a sentence or headline, where capitals say nothing
    "common_after_the",  # a single common word after "the" ("the Mall", "the Centre")
    "common_but_major",  # a common word that is also a country, a state or a city of a million
    "common_in_capitals",  # common words written in capitals: a heading ("UPDATE:", "REGION")
    "lower_in_article",  # the article itself writes every word of it in lower case
    "short_word",  # one word of one or two letters ("We", "No")
    "given_name",  # a single word that is a given name, graded by how many bear it
    "surname",  # a single word that is a surname, graded the same way
    "acronym_of_area",  # "EU", "UK", "US": a country's or region's letters, not a heading
    *(f"cue={c}" for c in CUE_TYPES),
    *EVIDENCE,
    "same_name_cued_elsewhere",  # the same name has a cue somewhere else in the article
    "same_name_mid_sentence_elsewhere",  # ... or is written elsewhere where capitals count
    "same_name_accepted_elsewhere",  # second pass: the first pass's belief elsewhere (max)
)
INDEX = {name: i for i, name in enumerate(FEATURES)}
DOCUMENT_SUPPORT = INDEX["same_name_accepted_elsewhere"]
_KIND_ALIASES = {"continent": "region"}
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def feature_matrix(state: State, cands: list[Candidate]) -> np.ndarray:
    """One row of FEATURES per candidate (the second-pass column left at 0)."""
    if not cands:
        return np.zeros((0, len(FEATURES)))
    support = _document_support(state, cands)
    rows = []
    for cand in cands:
        row = [0.0] * len(FEATURES)  # a list: item assignment is ten times numpy's speed
        _fill(state, cand, row)
        rows.append(row)
        cued, mid = support[cand.key]
        own_cue = 1 if strength(cand) >= 1 else 0
        own_mid = 0 if cand.initial else 1
        row[INDEX["same_name_cued_elsewhere"]] = 1.0 if cued - own_cue > 0 else 0.0
        row[INDEX["same_name_mid_sentence_elsewhere"]] = 1.0 if mid - own_mid > 0 else 0.0
    return np.array(rows)


def _fill(state: State, cand: Candidate, row: list[float]) -> None:
    static, common, single = _name_features(
        cand.surface, cand.kinds, cand.population, state.doc.lang
    )
    for column, value in static:
        row[column] = value
    row[_SENTENCE_INITIAL] = cand.first_token in state.initial_tokens
    row[_HEADLINE] = cand.sentence_index in state.titlecase_sentences
    row[_WRITTEN_ABBREVIATION] = _written_abbreviation(state, cand)
    if common:
        row[_COMMON_AT_START] = common if cand.initial else 0.0
        if single and _THE_BEFORE.search(state.text, max(0, cand.start - 8), cand.start):
            row[_COMMON_AFTER_THE] = common
    words = _words(cand.surface)
    if words and not row[_ACRONYM_OF_AREA]:
        lower = state.lower_words
        row[_LOWER_IN_ARTICLE] = all(w.lower() in lower for w in words)
    if cand.cue_type:
        row[INDEX[f"cue={cand.cue_type}"]] = 1.0
    for name, value in cand.evidence.items():
        row[INDEX[name]] = value


_SENTENCE_INITIAL = INDEX["sentence_initial"]
_HEADLINE = INDEX["headline"]
_WRITTEN_ABBREVIATION = INDEX["written_abbreviation"]
_COMMON_AT_START = INDEX["common_at_start"]
_COMMON_AFTER_THE = INDEX["common_after_the"]
_ACRONYM_OF_AREA = INDEX["acronym_of_area"]
_LOWER_IN_ARTICLE = INDEX["lower_in_article"]


@functools.lru_cache(maxsize=1 << 16)
def _words(surface: str) -> tuple[str, ...]:
    """The name's words without the function words names contain ("Bosnia and Herzegovina")."""
    return tuple(
        w for w in TOKEN_PATTERN.findall(surface) if w.lower() not in lexicon.NAME_FUNCTION_WORDS
    )


@functools.lru_cache(maxsize=1 << 16)
def _name_features(
    surface: str, kinds: frozenset[str], population: int, lang: str
) -> tuple[tuple[tuple[int, float], ...], float, bool]:
    """The features that depend on the name alone (memoised: names recur across articles):
    (column, value) pairs, the common-word value, and whether it is one word."""
    out: dict[str, float] = {"bias": 1.0}
    for kind in kinds:
        name = f"kind={_KIND_ALIASES.get(kind, kind)}"
        if name in INDEX:  # a demonym is typed apart; "other" names nothing of use
            out[name] = 1.0
    out["log_population"] = min(1.0, math.log10(population + 1) / 7.0)
    out["population_10k"] = float(population >= 10_000)
    out["population_100k"] = float(population >= 100_000)
    out["population_1m"] = float(population >= 1_000_000)
    words = _words(surface)
    out["multi_word"] = float(len(words) > 1)
    acronym = surface.isupper() and bool(kinds & {"country", "region"})  # "EU", "UK"
    out["acronym_of_area"] = float(acronym and len(surface) <= 5)
    common = 0.0
    if words and not acronym:
        zipfs = [frequency.zipf(w, lang) for w in words]
        if all(zipfs):
            common = min(zipfs) / 8.0
            out["common_word"] = common
            major = kinds & {"country", "admin1"} or population >= 1_000_000
            out["common_but_major"] = common if major else 0.0
            out["common_in_capitals"] = common if surface.isupper() else 0.0
        if len(words) == 1:
            out["short_word"] = float(len(words[0]) <= 2)
            scale = frequency.name_share_scale
            out["given_name"] = scale(frequency.given_name(words[0], lang))
            out["surname"] = scale(frequency.surname(words[0], lang))
    pairs = tuple((INDEX[name], value) for name, value in out.items() if value)
    return pairs, common, len(words) == 1


def _written_abbreviation(state: State, cand: Candidate) -> bool:
    """A state or country written as an abbreviation with its period ("Nev.", "N.M."), and not
    "No. 18" (the recogniser keeps the period only after a comma or bracket, or in initials)."""
    return (
        cand.surface.endswith(".")
        and bool(cand.kinds & {"admin1", "country"})
        and not state.text[cand.end :].lstrip()[:1].isdigit()
    )


def _document_support(state: State, cands: list[Candidate]) -> dict[str, tuple[int, int]]:
    """Per name: how many of its candidates have a cue, and how many are written mid-sentence
    (where English capitals are evidence) without person evidence."""
    cued: dict[str, int] = defaultdict(int)
    mid: dict[str, int] = defaultdict(int)
    for cand in cands:
        if cand.fact or cand.person:
            continue
        cued[cand.key] += strength(cand) >= 1
        mid[cand.key] += not cand.initial
    return {c.key: (cued[c.key], mid[c.key]) for c in cands}


def second_pass_column(keys: list[str], first: np.ndarray, eligible: np.ndarray) -> np.ndarray:
    """For each candidate, the highest first-pass probability of another candidate of the same
    name (0 if none): a name the article uses as a place elsewhere is a place here too."""
    out = np.zeros(len(keys))
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        if eligible[i]:
            by_key[key].append(i)
    for i, key in enumerate(keys):
        others = [first[j] for j in by_key.get(key, ()) if j != i]
        if others:
            out[i] = max(others)
    return out
