"""The fitted ranker: a conditional logit over a name's candidates.

score(candidate) = w . features(candidate); the probability of a candidate is the softmax of the
scores of its name's candidates. Two weight vectors: the first pass sees only what the names
say by themselves; the second also sees the first pass's choices (proximity, named countries,
claims). The weights are fitted by `tools/fit_resolver.py` on annotated corpora with k-fold
cross-validation by article, and ship as `geomap/data/weights/resolver.json` (see its NOTICE);
reading them needs only numpy.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal

import numpy as np

from geomap.errors import InputError
from geomap.resolve.features import FEATURES

Stage = Literal["first_pass", "second_pass"]
STAGES: tuple[Stage, ...] = ("first_pass", "second_pass")
WEIGHTS_RESOURCE = "data/weights/resolver.json"


@dataclass(frozen=True)
class RankerModel:
    """Weights per stage, aligned with `FEATURES` (a feature the file lacks weighs 0)."""

    weights: dict[str, np.ndarray]
    meta: dict = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict) -> RankerModel:
        try:
            raw = data["weights"]
            weights = {
                stage: np.array([float(raw[stage].get(name, 0.0)) for name in FEATURES])
                for stage in STAGES
            }
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise InputError(f"resolver weights: malformed ({exc})") from None
        return cls(weights=weights, meta=dict(data.get("meta", {})))

    def to_dict(self) -> dict:
        return {
            "meta": self.meta,
            "weights": {
                stage: {name: round(float(w), 6) for name, w in zip(FEATURES, vec, strict=True)}
                for stage, vec in self.weights.items()
            },
        }

    @classmethod
    def load(cls, path: str | Path) -> RankerModel:
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

    def scores(self, features: np.ndarray, stage: Stage) -> np.ndarray:
        return features @ self.weights[stage]

    def explain(self, features: np.ndarray, chosen: int, stage: Stage, top: int = 3) -> str:
        """The features that most set the chosen candidate above the others ("what decided
        it"): each feature's weight times its difference from the best other candidate."""
        w = self.weights[stage]
        if len(features) < 2:
            return ""
        scores = features @ w
        others = [i for i in range(len(features)) if i != chosen]
        runner_up = max(others, key=lambda i: scores[i])
        contribution = w * (features[chosen] - features[runner_up])
        order = np.argsort(-contribution)
        parts = [
            f"{FEATURES[i]} {contribution[i]:+.2f}" for i in order[:top] if contribution[i] > 0.005
        ]
        return ", ".join(parts)


def softmax(scores: np.ndarray) -> np.ndarray:
    if not len(scores):
        return scores
    z = np.exp(scores - scores.max())
    return z / z.sum()


@functools.cache
def default_model() -> RankerModel:
    """The weights that ship with geomap."""
    text = resources.files("geomap").joinpath(WEIGHTS_RESOURCE).read_text(encoding="utf-8")
    return RankerModel.from_dict(json.loads(text))
