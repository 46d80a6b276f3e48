"""Span shaping after the decision: names that run across a comma or a compass word.

- Two accepted names either side of a comma that the gazetteer holds as one name ("Washington,
  D.C.") are one mention; "Paris, Texas" stays two (a place and its qualifier).
- A capitalised compass word before a country, region or continent names a part of it and
  belongs to the name ("West Africa", "Northern Norway"): the gazetteer answers for the area.
"""

from __future__ import annotations

import re

from geomap.toponyms.index import match_key
from geomap.toponyms.state import State

_COMMA_GAP = re.compile(r",[ \t]*")
_COMPASS_BEFORE = re.compile(
    r"\b(North|South|East|West|Northern|Southern|Eastern|Western|North-?[Ee]ast|"
    r"North-?[Ww]est|South-?[Ee]ast|South-?[Ww]est|North-?[Ee]astern|North-?[Ww]estern|"
    r"South-?[Ee]astern|South-?[Ww]estern)[ \t]+$"
)


class CommaNames:
    name = "comma_names"

    def __call__(self, state: State) -> State:
        out = []
        for cand in sorted(state.accepted, key=lambda c: c.start):
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.kind == cand.kind == "toponym"
                and _COMMA_GAP.fullmatch(state.text[prev.end : cand.start])
            ):
                joined = state.text[prev.start : cand.end]
                entry = state.index.get(match_key(joined))
                if entry is not None:
                    state.set_span(prev, prev.start, cand.end)
                    prev.key, prev.entry = entry.key, entry
                    continue
            out.append(cand)
        state.accepted = out
        return state


class CompassParts:
    name = "compass_parts"

    def __call__(self, state: State) -> State:
        for cand in state.accepted:
            if cand.kind != "toponym" or not cand.kinds & {"country", "admin1", "region"}:
                continue
            m = _COMPASS_BEFORE.search(state.text, max(0, cand.start - 16), cand.start)
            if m is not None:
                state.set_span(cand, m.start(1), cand.end)
        return state
