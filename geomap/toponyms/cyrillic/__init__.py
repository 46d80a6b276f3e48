"""Ukrainian and Russian recognition: the same State and Doc, other components and word lists.

The chain (`cyrillic_components`):

    candidates     names matched through their nominatives (candidates.py)
    decide         the fitted logistic decision per language (decide.py)
    admin_context  "с. Варачине Сумського району", "в Белгородской области" (context.py)

A paragraph in English in a Ukrainian article is left to the English chain, which runs first on
a mixed page (`geomap.toponyms.find_mentions`).
"""

from __future__ import annotations

import bisect

import numpy as np

from geomap.lang import paragraph_languages
from geomap.toponyms.cyrillic.candidates import CyrillicCandidates, TokenView
from geomap.toponyms.cyrillic.context import CyrillicAdminContext
from geomap.toponyms.cyrillic.decide import CyrillicModel, decide, default_model, features
from geomap.toponyms.cyrillic.names import cyrillic_names
from geomap.toponyms.state import Candidate, State

__all__ = ["cyrillic_components", "token_languages", "CyrillicDecide", "scored"]


def token_languages(state: State) -> list[str]:
    """The language of every token: its paragraph's ("en", "uk" or "ru")."""

    def make() -> list[str]:
        paragraphs = paragraph_languages(state.text, state.doc.lang)
        starts = [p.start for p in paragraphs]
        out = []
        for offset in state.tokens.starts:
            k = max(0, bisect.bisect_right(starts, offset) - 1)
            out.append(paragraphs[k].lang)
        return out

    return state.doc.memo("lang.tokens", make)


def scored(state: State) -> list[Candidate]:
    return [c for c in state.candidates if not c.fact and c.kind != "demonym"]


def feature_rows(state: State, cands: list[Candidate]) -> np.ndarray:
    langs = token_languages(state)
    view = TokenView(state, langs)
    rows = [
        features(state, view, c, cyrillic_names(state.gazetteer, langs[c.first_token])._lexicon)
        for c in cands
    ]
    return np.array(rows) if rows else np.zeros((0, 0))


class CyrillicDecide:
    """Accepts the candidates the language's fitted model believes are places."""

    name = "decide"

    def __init__(self, model: CyrillicModel | None = None) -> None:
        self.model = model

    def __call__(self, state: State) -> State:
        for cand in state.candidates:
            if cand.kind == "demonym" and not cand.fact:
                cand.reason = "demonym: a relational adjective of a place"
        langs = token_languages(state)
        for lang in ("uk", "ru"):
            cands = [c for c in scored(state) if langs[c.first_token] == lang]
            if cands:
                model = self.model or default_model(lang)
                decide(state, cands, feature_rows(state, cands), model)
        state.accepted = [c for c in state.candidates if c.accepted]
        return state


def cyrillic_components(model: CyrillicModel | None = None) -> list:
    return [CyrillicCandidates(token_languages), CyrillicDecide(model), CyrillicAdminContext()]
