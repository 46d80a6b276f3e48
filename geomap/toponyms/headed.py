"""Typing by head noun: names headed by a geographic or a facility noun are places.

English names a river, a lake or a mountain with a capitalised head noun after the name
("Ouse River", "Harbin Lagoon") or a prefix before it ("Lake Tana", "Mount Elgon"), and a
street, bridge or hospital the same way ("Baker Street", "Stari Bridge"). That is grammar: the
whole name is the place whether or not the gazetteer knows it, and it replaces the shorter
names accepted inside it ("Ouse"). Facilities are typed apart (kind "facility"): the gazetteer
rarely holds them, and the resolver places them at the settlement named with them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from geomap.toponyms import lexicon
from geomap.toponyms.cues import inside_capitalised_run
from geomap.toponyms.index import match_key
from geomap.toponyms.state import Candidate, State, strip_possessive

_NAME_WORD = r"(?:St\.|[A-Z][\w’'\-]*)"  # "St. Mary's Church"


def _headed_by(heads: Iterable[str]) -> re.Pattern[str]:
    """One to three capitalised name words, then one of the capitalised head nouns."""
    alternatives = "|".join(
        " ".join(w.capitalize() for w in head.split())
        for head in sorted(heads, key=len, reverse=True)
    )
    return re.compile(rf"\b((?:{_NAME_WORD}[ \t]+){{1,3}}?)({alternatives})\b")


_FEATURE_BY_HEAD = _headed_by(lexicon.FEATURE_HEADS)
_ALL_FACILITY_HEADS = lexicon.FACILITY_HEADS | lexicon.FACILITY_COMPOUND_HEADS
_FACILITY_BY_HEAD = _headed_by(_ALL_FACILITY_HEADS)
_FACILITY_HINTS = dict.fromkeys(_ALL_FACILITY_HEADS, "facility")
_FEATURE_BY_PREFIX = re.compile(
    r"\b("
    + "|".join(w.capitalize() for w in sorted(lexicon.FEATURE_PREFIXES, key=len, reverse=True))
    + rf")\.?[ \t]+({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})"
)


class HeadedNames:
    """Adds names headed by a feature or facility noun, replacing the names inside them."""

    name = "headed_names"

    def __call__(self, state: State) -> State:
        found = _find(state)
        if not found:
            return state
        found.sort(key=lambda c: (c.start, -c.end))
        kept: list[Candidate] = []
        for cand in found:
            if not kept or cand.start >= kept[-1].end:
                kept.append(cand)
        out = [
            c
            for c in state.accepted
            if not any(f.start <= c.start and c.end <= f.end for f in kept)
        ]
        for cand in kept:
            if not any(c.start < cand.end and cand.start < c.end for c in out):
                out.append(cand)
        state.accepted = sorted(out, key=lambda c: c.start)
        return state


def _find(state: State) -> list[Candidate]:
    text = state.text
    found: list[Candidate] = []
    for pattern, hints, kind in (
        (_FACILITY_BY_HEAD, _FACILITY_HINTS, "facility"),
        (_FEATURE_BY_HEAD, lexicon.FEATURE_HEADS, "toponym"),
    ):
        for m in pattern.finditer(text):
            start, words = m.start(1), m.group(1).split()
            # the shortest run of name words before the head that is a name (see _words_ok)
            while words and not _words_ok(state, start, words, facility=kind == "facility"):
                start = text.index(words[1], start + len(words[0])) if len(words) > 1 else -1
                words = words[1:]
            if not words or inside_capitalised_run(state, start, m.end()):
                continue  # "Mill Creek Road", "Oak Valley Community Center"
            cand = _headed(state, start, m.end(), m.group(2).lower(), hints)
            cand.kind = kind
            found.append(cand)
    for m in _FEATURE_BY_PREFIX.finditer(text):
        words = m.group(2).split()
        if not _words_ok(state, m.start(2), words, prefixed=True):
            continue
        if inside_capitalised_run(state, m.start(), m.end()) or state.common(words[-1]):
            continue  # "Silver Lake Road", "Lake Festival"
        prefix = m.group(1).lower()
        found.append(_headed(state, m.start(), m.end(), prefix, lexicon.FEATURE_PREFIXES))
    return found


def _words_ok(
    state: State, start: int, words: list[str], prefixed: bool = False, facility: bool = False
) -> bool:
    """The name words before a head noun (or after a prefix) must be a name: no person's
    tokens (except before a facility noun: "Anna Weber Hospital" is named after a person), no
    weekday or month, no preposition, not a lone common word opening a sentence or a headline.
    Before a facility noun a title ("Leeds General Infirmary") and a possessive ("St Anne's
    Chapel") belong to the name, unless the possessive is a place's ("Chile's Embassy")."""
    first = state.token_at(start)
    if state.sentence_index(start) in state.titlecase_sentences:
        return False
    for k, word in enumerate(words):
        base = strip_possessive(word)
        lower = base.lower()
        if lower in lexicon.WEEKDAYS or lower in lexicon.MONTHS:
            return False
        if first + k in state.person_tokens and not facility:
            return False
        last = k == len(words) - 1
        if lower in lexicon.NAME_FUNCTION_WORDS or lower in lexicon.PLACE_PREPOSITIONS:
            return False  # "In Twin Falls, Idaho" opens with a preposition
        if lower in lexicon.PERSON_TITLES and not (facility and last and k > 0):
            return False
        if base != word and not last:
            return False  # "Chile's Andes Mountains": a possessive ends the name before the head
    possessive = words[-1] != strip_possessive(words[-1])
    place_possessive = len(words) == 1 and state.place_word(words[0])
    if possessive and not prefixed and not (facility and not place_possessive):
        return False
    if not prefixed and not facility and first in state.initial_tokens and len(words) == 1:
        return not state.common(words[0])
    return True


def _headed(state: State, start: int, end: int, noun: str, hints: dict[str, str]) -> Candidate:
    key = match_key(state.text[start:end])
    cand = state.new_candidate(start, end, key, state.index.get(key), origin="head noun")
    cand.cue, cand.cue_type = f"feature noun '{noun}'", "feature_noun"
    cand.hint = hints[noun]
    cand.reason = f"a name headed by the noun '{noun}'"
    return cand
