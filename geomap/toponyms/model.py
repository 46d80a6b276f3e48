"""The fitted recognition decision: a logistic regression over each candidate's features.

P(place) = sigmoid(w . features). Two weight vectors: the first pass sees the candidate's own
evidence; the second also sees the first pass's belief in the same name elsewhere in the article
(document support). The weights are fitted by `tools/fit_recogniser.py` on annotated news with
k-fold cross-validation by article and ship as `geomap/data/weights/recogniser.json` (see its
NOTICE); reading them needs only numpy.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np

from geomap.errors import InputError
from geomap.toponyms.features import FEATURES

STAGES = ("first_pass", "second_pass")
WEIGHTS_RESOURCE = "data/weights/recogniser.json"
DEFAULT_THRESHOLD = 0.5
_BIAS = FEATURES.index("bias")


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


@dataclass(frozen=True)
class RecogniserModel:
    """Weights per stage, aligned with `FEATURES` (a feature the file lacks weighs 0), and the
    probability from which a candidate is accepted."""

    weights: dict[str, np.ndarray]
    threshold: float = DEFAULT_THRESHOLD
    meta: dict = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict) -> RecogniserModel:
        try:
            raw = data["weights"]
            weights = {
                stage: np.array([float(raw[stage].get(name, 0.0)) for name in FEATURES])
                for stage in STAGES
            }
            threshold = float(data.get("threshold", DEFAULT_THRESHOLD))
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise InputError(f"recogniser weights: malformed ({exc})") from None
        return cls(weights=weights, threshold=threshold, meta=dict(data.get("meta", {})))

    def to_dict(self) -> dict:
        return {
            "meta": self.meta,
            "threshold": round(self.threshold, 4),
            "weights": {
                stage: {name: round(float(w), 6) for name, w in zip(FEATURES, vec, strict=True)}
                for stage, vec in self.weights.items()
            },
        }

    @classmethod
    def load(cls, path: str | Path) -> RecogniserModel:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: not a weights file ({exc})") from None
        return cls.from_dict(data)

    def save(self, path: str | Path) -> None:
        from geomap.fsutil import atomic_write_text

        atomic_write_text(Path(path), json.dumps(self.to_dict(), indent=1, sort_keys=True) + "\n")

    def probabilities(self, x: np.ndarray, stage: str) -> np.ndarray:
        return sigmoid(x @ self.weights[stage])

    def explain(self, rows: np.ndarray, stage: str = "second_pass", top: int = 3) -> list[str]:
        """For each row, the features that most pushed it towards a place: weight x value."""
        if not len(rows):
            return []
        contribution = rows * self.weights[stage]
        contribution[:, _BIAS] = 0.0
        order = np.argsort(-contribution, axis=1)[:, :top]
        return [
            ", ".join(f"{FEATURES[i]} {c[i]:+.2f}" for i in best if c[i] > 0.05)
            for c, best in zip(contribution, order, strict=True)
        ]


@functools.cache
def default_model() -> RecogniserModel:
    """The weights that ship with geomap."""
    text = resources.files("geomap").joinpath(WEIGHTS_RESOURCE).read_text(encoding="utf-8")
    return RecogniserModel.from_dict(json.loads(text))
