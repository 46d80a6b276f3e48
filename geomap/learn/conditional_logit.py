"""Fitting a conditional logit (softmax over each choice set) with numpy alone.

Each example is a choice set: a matrix of candidate features and a mask of the candidates that
count as right (a name can have several right candidates: the city and a duplicate entry of
it). The likelihood of an example is the probability mass on its right candidates. It is
maximised by EM: the E-step spreads each example's target over its right candidates in
proportion to the current probabilities; the M-step is a convex softmax regression with those
soft targets, solved by Newton's method with an L2 penalty. Each EM round cannot lower the
likelihood; a few rounds converge, and the result is deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class ChoiceSet:
    features: np.ndarray  # (candidates, features)
    right: np.ndarray  # (candidates,) bool: at least one True


def _pack(sets: Sequence[ChoiceSet], n_features: int) -> tuple[np.ndarray, ...]:
    k = max(len(s.right) for s in sets)
    x = np.zeros((len(sets), k, n_features))
    valid = np.zeros((len(sets), k), dtype=bool)
    right = np.zeros((len(sets), k), dtype=bool)
    for i, s in enumerate(sets):
        n = len(s.right)
        x[i, :n] = s.features
        valid[i, :n] = True
        right[i, :n] = s.right
    return x, valid, right


def _probabilities(x: np.ndarray, valid: np.ndarray, w: np.ndarray) -> np.ndarray:
    scores = np.where(valid, x @ w, -np.inf)
    scores -= scores.max(axis=1, keepdims=True)
    p = np.exp(scores)
    return p / p.sum(axis=1, keepdims=True)


def log_likelihood(sets: Sequence[ChoiceSet], w: np.ndarray) -> float:
    """Mean log probability of the right candidates."""
    x, valid, right = _pack(sets, len(w))
    p = _probabilities(x, valid, w)
    return float(np.mean(np.log(np.maximum((p * right).sum(axis=1), 1e-300))))


def fit(
    sets: Sequence[ChoiceSet],
    n_features: int,
    *,
    l2: float = 1.0,
    prior: np.ndarray | None = None,
    rounds: int = 30,
    newton_steps: int = 3,
    tol: float = 1e-7,
) -> np.ndarray:
    """Weights maximising the penalised likelihood of the right candidates.

    Choice sets with a single candidate or with every candidate right teach nothing and are
    skipped. `l2` is the penalty on the squared distance of the weights from `prior` (zero by
    default), in units of examples: a feature the data says little about keeps its prior weight.
    """
    useful = [s for s in sets if len(s.right) > 1 and s.right.any() and not s.right.all()]
    prior = np.zeros(n_features) if prior is None else np.asarray(prior, dtype=float)
    w = prior.copy()
    if not useful:
        return w
    x, valid, right = _pack(useful, n_features)
    flat = x.reshape(-1, n_features)
    previous = -np.inf
    for _ in range(rounds):
        p = _probabilities(x, valid, w)
        target = p * right  # E-step: the target spread over the right candidates
        target /= target.sum(axis=1, keepdims=True)
        for _ in range(newton_steps):  # M-step: softmax regression on soft targets
            p = _probabilities(x, valid, w)
            gradient = np.einsum("gkf,gk->f", x, p - target) + l2 * (w - prior)
            mean = np.einsum("gkf,gk->gf", x, p)
            weighted = (flat * p.reshape(-1, 1)).T @ flat
            hessian = weighted - mean.T @ mean + l2 * np.eye(n_features)
            w = w - np.linalg.solve(hessian, gradient)
        p = _probabilities(x, valid, w)
        objective = float(np.log(np.maximum((p * right).sum(axis=1), 1e-300)).sum())
        objective -= 0.5 * l2 * float((w - prior) @ (w - prior))
        if objective - previous < tol * len(useful):
            break
        previous = objective
    return w
