"""The fitted recognition decision: the trainer, the weights file, the reasons, and the fitting
and word-list scripts on a slice."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from conftest import REPO, shared_path

from geomap.errors import InputError
from geomap.evaluation import GoldDocument, GoldToponym
from geomap.learn.logistic import fit, log_loss, sigmoid
from geomap.learn.recogniser import label
from geomap.records import Article, LatLon
from geomap.toponyms import find_mentions, frequency
from geomap.toponyms.features import FEATURES, INDEX
from geomap.toponyms.model import RecogniserModel, default_model
from geomap.toponyms.recogniser import Recogniser, english_components


def _synthetic(w: np.ndarray, n: int, rng: np.random.Generator):
    x = np.column_stack([np.ones(n), rng.normal(size=(n, len(w) - 1))])
    y = (rng.random(n) < sigmoid(x @ w)).astype(float)
    return x, y


def test_the_trainer_recovers_the_weights_that_made_the_labels():
    rng = np.random.default_rng(11)
    true = np.array([-0.5, 2.0, -1.0, 0.0])
    x, y = _synthetic(true, 6000, rng)
    w = fit(x, y, l2=0.1)
    assert np.allclose(w, true, atol=0.2)
    assert log_loss(x, y, w) < log_loss(x, y, np.zeros(4))


def test_the_trainer_converges_from_a_prior_that_saturates_the_probabilities():
    # A prior far from the data makes Newton's full step overshoot; the line search keeps it.
    rng = np.random.default_rng(5)
    true = np.array([0.0, 1.0])
    x, y = _synthetic(true, 2000, rng)
    w = fit(x, y, l2=0.01, prior=np.array([-30.0, -30.0]))
    assert np.allclose(w, true, atol=0.3)


def test_a_feature_the_data_never_shows_keeps_its_prior_weight():
    rng = np.random.default_rng(2)
    x, y = _synthetic(np.array([0.3, 1.5]), 800, rng)
    silent = np.column_stack([x, np.zeros(len(y))])
    w = fit(silent, y, l2=1.0, prior=np.array([0.0, 0.0, -4.0]))
    assert w[2] == pytest.approx(-4.0)


def test_sample_weights_count_like_repeated_examples():
    rng = np.random.default_rng(3)
    x, y = _synthetic(np.array([0.2, 1.0]), 400, rng)
    doubled = fit(np.vstack([x, x[:100]]), np.concatenate([y, y[:100]]), l2=0.5)
    weights = np.ones(len(y))
    weights[:100] = 2.0
    weighted = fit(x, y, l2=0.5, sample_weight=weights)
    assert np.allclose(doubled, weighted, atol=1e-6)


def test_labels_follow_the_evaluation():
    gold = GoldDocument(
        id="d",
        text="x" * 100,
        toponyms=[
            GoldToponym(0, 5, "Alpha", LatLon(1, 1), "Literal"),
            GoldToponym(10, 20, "Beta Gamma", LatLon(1, 1), "Literal"),
            GoldToponym(30, 35, "Delta", LatLon(1, 1), "Metonymic"),
            GoldToponym(40, 45, "Epsil", None, "Non_Toponym"),
        ],
    )
    assert label(0, 5, gold) == 1  # a literal toponym's exact span
    assert label(10, 14, gold) == -1  # inside a longer literal name: neither for nor against
    assert label(30, 35, gold) == -1  # an associative use: left out
    assert label(40, 45, gold) == 0  # not a place
    assert label(60, 65, gold) == 0  # nothing annotated


def test_the_shipped_weights_cover_every_feature_and_say_how_they_were_fitted():
    model = default_model()
    for stage in ("first_pass", "second_pass"):
        assert model.weights[stage].shape == (len(FEATURES),)
    assert 0.0 < model.threshold < 1.0
    assert model.meta.get("script") == "tools/fit_recogniser.py"
    assert set(model.meta["held_out_recognition"]) == {"GWN", "LGL"}
    # evidence against a place weighs against it, cues for it weigh for it
    w = model.weights["second_pass"]
    for name in ("person_title", "person_speaker", "military_abbreviation", "seat_of_power"):
        assert w[INDEX[name]] < 0, name
    for name in ("cue=feature_noun", "cue=region_word", "cue=dateline", "kind=country"):
        assert w[INDEX[name]] > 0, name


def test_a_malformed_weights_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "w.json"
    bad.write_text(json.dumps({"weights": {"first_pass": [1, 2]}}))
    with pytest.raises(InputError, match="malformed"):
        RecogniserModel.load(bad)
    bad.write_text("{not json")
    with pytest.raises(InputError, match="not a weights file"):
        RecogniserModel.load(bad)


def test_weights_round_trip_through_a_file(tmp_path):
    model = default_model()
    model.save(tmp_path / "w.json")
    again = RecogniserModel.load(tmp_path / "w.json")
    assert again.threshold == pytest.approx(model.threshold)
    for stage in model.weights:
        assert np.allclose(model.weights[stage], again.weights[stage], atol=1e-6)


def test_every_mention_says_why_it_was_accepted(gazetteer):
    text = "Drones hit the town of Alton. Rain fell on the Pecos River. Polish aid reached Lyon."
    mentions = find_mentions(Article(id="t", title="", text=text), gazetteer)
    reasons = {m.text: m.reason for m in mentions}
    assert "cue=feature_noun" in reasons["Alton"]
    assert "river" in reasons["Pecos River"]
    assert reasons["Polish"].startswith("demonym")
    assert all(m.reason for m in mentions)


def test_the_decision_follows_the_weights(gazetteer):
    # The same text under weights that count a preposition for nothing and under weights
    # that count it for a lot: the component reads the model it is given.
    text = "Officials said residents near Thruxton had left."
    base = default_model()

    def with_preposition(weight: float) -> RecogniserModel:
        weights = {stage: w.copy() for stage, w in base.weights.items()}
        for w in weights.values():
            w[INDEX["cue=preposition"]] = weight
        return RecogniserModel(weights=weights, threshold=base.threshold)

    from geomap.doc import make_doc

    def found(model: RecogniserModel) -> list[str]:
        state = Recogniser(english_components(model))(make_doc(text), gazetteer)
        return [c.surface for c in state.accepted]

    assert found(with_preposition(20.0)) == ["Thruxton"]
    assert found(with_preposition(-20.0)) == []


def test_components_are_swappable(gazetteer):
    from geomap.doc import make_doc

    recogniser = Recogniser()
    assert recogniser.names[:3] == ["capitals", "people", "candidates"]
    # without the cue component, "to" no longer speaks for a town of ninety thousand
    without_cues = Recogniser([c for c in english_components() if c.name != "cues"])
    text = "Residents fled to Marburg."
    assert [c.surface for c in recogniser(make_doc(text), gazetteer).accepted] == ["Marburg"]
    assert [c.surface for c in without_cues(make_doc(text), gazetteer).accepted] == []


def test_word_frequency_evidence_is_graded_and_case_aware():
    assert frequency.zipf("reading") > 4.5 > frequency.zipf("chad") > 0
    # names that only a capital letter makes (SCOWL lists them capitalised) are no common word
    for name in ("paris", "berlin", "jordan", "mali", "london"):
        assert frequency.zipf(name) == 0, name
    assert frequency.given_name("Mary") > 1 > frequency.given_name("Georgia") > 0
    assert frequency.given_name("Mary") > 100 * frequency.given_name("Paris")
    assert frequency.surname("DAVIS") == frequency.surname("Davis") > 0.1
    assert frequency.zipf("reading", lang="xx") == 0  # a language without files: no evidence


def test_the_word_list_script_rebuilds_the_shipped_files(tmp_path):
    pytest.importorskip("wordfreq", reason="wordfreq (the wordlists extra) not installed")
    pytest.importorskip("names", reason="names (the wordlists extra) not installed")
    from pathlib import Path

    if not Path("/usr/share/dict/american-english").exists():
        pytest.skip("Debian's wamerican not installed")
    run = subprocess.run(
        [sys.executable, str(REPO / "tools" / "build_word_frequencies.py"), "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=600, cwd=REPO,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    shipped = REPO / "geomap" / "data" / "frequency"
    for name in ("en_common_words.tsv", "en_given_names.tsv", "en_surnames.tsv"):
        assert (tmp_path / name).read_text() == (shipped / name).read_text(), name


@pytest.mark.shared
def test_the_fitting_script_runs_on_a_slice_of_the_corpora(tmp_path):
    shared_path("geoparsing/GeoWebNews/GWN.xml")
    out = tmp_path / "weights.json"
    run = subprocess.run(
        [sys.executable, str(REPO / "tools" / "fit_recogniser.py"), "--limit", "6", "--folds", "2",
         "--out", str(out)],
        capture_output=True, text=True, timeout=600, cwd=REPO,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "held out, mean over" in run.stdout
    model = RecogniserModel.load(out)
    assert model.meta["corpora"] == {"GWN": 6, "LGL": 6}
    assert model.meta["held_out_recognition"]["GWN"]["gold"] > 0
    assert np.any(model.weights["second_pass"] != default_model().weights["second_pass"])
