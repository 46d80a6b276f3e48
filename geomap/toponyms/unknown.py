"""Names the gazetteer does not know, made places by grammar: "the village of X", "X region".

A capitalised name after "the town/village/settlement of" or before a region noun ("oblast",
"province", "raion") is a place whatever the gazetteer holds; it is kept so the resolver can
report it unresolved instead of dropping it silently.
"""

from __future__ import annotations

import re

from geomap.toponyms import lexicon
from geomap.toponyms.index import match_key
from geomap.toponyms.state import State

_BY_NOUN = re.compile(
    r"\b(city|town|village|settlement|hamlet)\s+of\s+"
    r"((?:[A-Z][\w’'\-]+)(?:[ \t]+[A-Z][\w’'\-]+){0,2})"
)
_BY_REGION = re.compile(
    r"\b([A-Z][\w\-]+)[ \t]+(region|oblast|Oblast|province|raion|governorate)\b"
)


class UnknownNames:
    name = "unknown_names"

    def __call__(self, state: State) -> State:
        covered = [(c.start, c.end) for c in state.accepted]
        found = []
        for m in _BY_NOUN.finditer(state.text):
            found.append((m.start(2), m.end(2), m.group(2), f"{m.group(1).lower()} of",
                          "feature_noun", lexicon.FEATURE_NOUNS[m.group(1).lower()]))  # fmt: skip
        for m in _BY_REGION.finditer(state.text):
            if state.index.get(match_key(m.group(1))):
                continue  # a known base name: the decision has judged it
            found.append((m.start(1), m.end(), m.group(1), m.group(2).lower(), "region_word",
                          lexicon.REGION_GENERICS[m.group(2).lower()]))  # fmt: skip
        for start, end, name, cue, cue_type, hint in found:
            if any(s < end and start < e for s, e in covered):
                continue
            if match_key(name) in lexicon.WEEKDAYS | lexicon.MONTHS:
                continue
            first = state.token_at(start)
            if first in state.person_tokens or (
                first in state.initial_tokens and state.common(name)
            ):
                continue
            if cue_type == "region_word" and all(state.common(w) for w in name.split()):
                continue  # "Interior Department", "Water District": an office, not a place
            cand = state.new_candidate(start, end, match_key(state.text[start:end]), None, "cue")
            cand.cue, cand.cue_type, cand.hint = cue, cue_type, hint
            cand.reason = f"the cue '{cue}' (a name the gazetteer lacks)"
            covered.append((start, end))
            state.accepted.append(cand)
        state.accepted.sort(key=lambda c: c.start)
        return state
