"""Typing demonyms: "Polish", "Texan", "Kenyans" name a place's people or an adjective of it.

The gazetteer's demonym entries give the type; a demonym is a mention of kind "demonym" (the
resolver turns it into its country or region, the evaluation does not count it as a toponym).
"""

from __future__ import annotations

from geomap.toponyms.state import State


class Demonyms:
    name = "demonyms"

    def __call__(self, state: State) -> State:
        for cand in state.candidates:
            if "demonym" in cand.kinds:
                cand.kind = "demonym"
        return state
