"""The decision: which candidates are places, from their features and the fitted weights.

A candidate ruled out by a fact (a month, an era) is not scored. A demonym is typed, not
decided: it is kept unless it is a person's name. Every other candidate gets the probability of
the fitted model in two passes (the second adds the first pass's belief in the same name
elsewhere in the article) and is accepted from the model's threshold, with the features that
decided it as its reason.
"""

from __future__ import annotations

import numpy as np

from geomap.toponyms.features import DOCUMENT_SUPPORT, feature_matrix, second_pass_column
from geomap.toponyms.model import RecogniserModel, default_model
from geomap.toponyms.state import Candidate, State


def scored_candidates(state: State) -> list[Candidate]:
    """The candidates the model decides: not ruled out by a fact, not typed as demonyms."""
    return [c for c in state.candidates if not c.fact and c.kind != "demonym"]


def decide(
    state: State, cands: list[Candidate], x: np.ndarray, model: RecogniserModel
) -> np.ndarray:
    """Fill the second-pass column of `x`, set each candidate's probability and reason, and
    return the probabilities."""
    if not cands:
        return np.zeros(0)
    first = model.probabilities(x, "first_pass")
    x[:, DOCUMENT_SUPPORT] = second_pass_column(
        [c.key for c in cands], first, np.ones(len(cands), dtype=bool)
    )
    p = model.probabilities(x, "second_pass")
    accepted = np.nonzero(p >= model.threshold)[0]
    reasons = dict(zip(accepted.tolist(), model.explain(x[accepted]), strict=True))
    for i, (cand, prob) in enumerate(zip(cands, p.tolist(), strict=True)):
        cand.probability = prob
        if i in reasons:
            cand.reason = f"place p={prob:.2f}: {reasons[i] or 'prior'}"
    return p


class Decide:
    """Accepts the candidates the fitted model believes are places."""

    name = "decide"

    def __init__(self, model: RecogniserModel | None = None) -> None:
        self.model = model

    def __call__(self, state: State) -> State:
        model = self.model or default_model()
        for cand in state.candidates:
            if cand.kind == "demonym" and not cand.fact and not cand.person:
                cand.reason = "demonym: the gazetteer's adjective for a place"
        cands = scored_candidates(state)
        decide(state, cands, feature_matrix(state, cands), model)
        state.accepted = [c for c in state.candidates if c.accepted]
        return state
