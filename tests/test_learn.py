"""The fitted ranker: the trainer, the weights file, and the fitting script on a slice."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from conftest import REPO, shared_path

from geomap.errors import InputError
from geomap.learn.conditional_logit import ChoiceSet, fit, log_likelihood
from geomap.resolve.features import FEATURES
from geomap.resolve.model import RankerModel, default_model, softmax


def _synthetic(w: np.ndarray, n: int, rng: np.random.Generator) -> list[ChoiceSet]:
    sets = []
    for _ in range(n):
        k = int(rng.integers(2, 8))
        x = rng.normal(size=(k, len(w)))
        right = np.zeros(k, dtype=bool)
        right[rng.choice(k, p=softmax(x @ w))] = True
        sets.append(ChoiceSet(x, right))
    return sets


def test_the_trainer_recovers_the_weights_that_made_the_choices():
    rng = np.random.default_rng(7)
    true = np.array([2.0, -1.0, 0.5, 0.0])
    sets = _synthetic(true, 3000, rng)
    w = fit(sets, 4, l2=0.1)
    assert np.allclose(w, true, atol=0.25)
    assert log_likelihood(sets, w) > log_likelihood(sets, np.zeros(4))


def test_a_feature_the_data_never_shows_keeps_its_prior_weight():
    rng = np.random.default_rng(3)
    sets = _synthetic(np.array([1.5, 0.0]), 500, rng)
    silent = [ChoiceSet(np.column_stack([s.features[:, 0], np.zeros(len(s.right))]), s.right)
              for s in sets]  # fmt: skip
    w = fit(silent, 2, l2=1.0, prior=np.array([0.0, 0.8]))
    assert w[1] == pytest.approx(0.8)
    assert w[0] > 1.0


def test_several_right_candidates_share_the_target():
    # Two duplicate entries of the right place and one wrong one: any weight that separates
    # the duplicates from the wrong one is right, and the fit must find it.
    x = np.array([[1.0, 0.0], [1.0, 0.1], [0.0, 1.0]])
    sets = [ChoiceSet(x, np.array([True, True, False]))] * 50
    w = fit(sets, 2, l2=0.1)
    assert (x @ w)[0] > (x @ w)[2] and (x @ w)[1] > (x @ w)[2]


def test_the_shipped_weights_cover_every_feature_and_say_how_they_were_fitted():
    model = default_model()
    for stage in ("first_pass", "second_pass"):
        assert model.weights[stage].shape == (len(FEATURES),)
    assert model.meta.get("script") == "tools/fit_resolver.py"
    assert set(model.meta["held_out_acc161_percent"]) == {"GWN", "LGL"}


def test_a_malformed_weights_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "w.json"
    bad.write_text(json.dumps({"weights": {"first_pass": [1, 2]}}))
    with pytest.raises(InputError, match="malformed"):
        RankerModel.load(bad)
    bad.write_text("{not json")
    with pytest.raises(InputError, match="not a weights file"):
        RankerModel.load(bad)


def test_weights_round_trip_through_a_file(tmp_path):
    model = default_model()
    model.save(tmp_path / "w.json")
    again = RankerModel.load(tmp_path / "w.json")
    for stage in model.weights:
        assert np.allclose(model.weights[stage], again.weights[stage], atol=1e-6)


@pytest.mark.shared
def test_the_fitting_script_runs_on_a_slice_of_the_corpora(tmp_path):
    shared_path("geoparsing/GeoWebNews/GWN.xml")
    out = tmp_path / "weights.json"
    run = subprocess.run(
        [sys.executable, str(REPO / "tools" / "fit_resolver.py"), "--limit", "6", "--folds", "2",
         "--out", str(out)],
        capture_output=True, text=True, timeout=600, cwd=REPO,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "held-out acc@161" in run.stdout
    model = RankerModel.load(out)
    assert model.meta["corpora"] == {"GWN": 6, "LGL": 6}
    assert np.any(model.weights["second_pass"] != 0)
