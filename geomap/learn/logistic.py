"""Fitting a binary logistic regression with numpy alone (Newton's method, L2 towards a prior).

The recogniser's decision is P(place) = sigmoid(w . x). The penalty is on the squared distance
of the weights from a prior (zero by default), in units of examples, so a feature the data
rarely shows keeps its prior weight. The objective is convex; Newton's method converges in a
handful of steps and the result is deterministic.
"""

from __future__ import annotations

import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


def log_loss(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    """Mean negative log-likelihood of the labels `y` (0/1)."""
    p = np.clip(sigmoid(x @ w), 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def fit(
    x: np.ndarray,
    y: np.ndarray,
    *,
    l2: float = 1.0,
    prior: np.ndarray | None = None,
    sample_weight: np.ndarray | None = None,
    steps: int = 50,
    tol: float = 1e-8,
) -> np.ndarray:
    """Weights minimising the (sample-weighted) log-loss of `y` given `x` plus
    (l2/2)|w - prior|^2."""
    n_features = x.shape[1]
    prior = np.zeros(n_features) if prior is None else np.asarray(prior, dtype=float)
    w = prior.copy()
    if not len(y):
        return w
    y = np.asarray(y, dtype=float)
    s = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    eye = np.eye(n_features)

    def objective(v: np.ndarray) -> float:
        z = x @ v
        # log(1 + e^z) - y z, computed stably
        loss = np.sum(s * (np.logaddexp(0.0, z) - y * z))
        return float(loss + 0.5 * l2 * (v - prior) @ (v - prior))

    current = objective(w)
    for _ in range(steps):
        p = sigmoid(x @ w)
        gradient = x.T @ (s * (p - y)) + l2 * (w - prior)
        hessian = (x * (s * p * (1 - p))[:, None]).T @ x + l2 * eye
        step = np.linalg.solve(hessian, gradient)
        # Newton's step, halved until the objective falls: from a prior that saturates the
        # probabilities the full step overshoots
        scale = 1.0
        while scale > 1e-6:
            candidate = w - scale * step
            value = objective(candidate)
            if value <= current:
                break
            scale /= 2
        else:
            break
        w, improvement, current = candidate, current - value, value
        if improvement < tol * max(1.0, abs(current)):
            break
    return w
