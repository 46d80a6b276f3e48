"""Gold spans resolved in their article's context; folds by article; the fitted-model seam."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from conftest import REPO

from geomap import evaluation as ev
from geomap.errors import InputError
from geomap.records import LatLon

SAMPLE = REPO / "tests" / "data" / "locations_sample.xml"


def _recording_resolver(monkeypatch) -> list[dict]:
    """Replace `resolve_mentions` by a wrapper that records what it is given."""
    import geomap.resolve

    original = geomap.resolve.resolve_mentions
    calls: list[dict] = []

    def resolve(mentions, gazetteer, article=None, **kwargs):
        calls.append({"mentions": [m.text for m in mentions], **kwargs})
        return original(mentions, gazetteer, article)

    monkeypatch.setattr(geomap.resolve, "resolve_mentions", resolve)
    return calls


def test_gold_spans_are_resolved_among_the_articles_other_places(gazetteer) -> None:
    # One annotated name per article, as in a corpus of ambiguous names: only the unannotated
    # places around it (Illinois, Chicago, Peoria; Toronto, Ontario) say which it is.
    result = ev.evaluate(ev.read_locations_xml(SAMPLE), gazetteer, gold_spans=True)
    assert result.resolution.scored == 8
    assert result.worst == [], result.worst
    assert result.resolution.summary()["accuracy_161km"] == 1.0


def test_a_lone_annotated_name_takes_its_place_from_the_text(gazetteer) -> None:
    text = "Lawmakers met in Springfield as Illinois officials and Peoria's mayor looked on."
    start = text.index("Springfield")
    gold = ev.GoldToponym(start, start + 11, "Springfield", LatLon(39.80172, -89.64371))
    doc = ev.GoldDocument("d", text, [gold])
    result = ev.evaluate([doc], gazetteer, gold_spans=True, worst=5)
    assert result.resolution.within_161 == 1, result.worst


def test_a_gold_span_gets_the_context_of_the_recognised_place_after_it(gazetteer) -> None:
    # Texas is the story's focus, but "Paris, Kentucky" says which Paris; Kentucky is not
    # annotated, so the gold span is typed together with the recognised places around it.
    text = "Officials in Texas and Dallas said the storm moved on to Paris, Kentucky."
    start = text.index("Paris")
    gold = ev.GoldToponym(start, start + 5, "Paris", LatLon(38.2098, -84.2530))
    result = ev.evaluate([ev.GoldDocument("d", text, [gold])], gazetteer, worst=5)
    assert result.resolution.within_161 == 1, result.worst


def test_gold_spans_replace_the_recognised_mentions_they_overlap(gazetteer, monkeypatch) -> None:
    calls = _recording_resolver(monkeypatch)
    text = "Springfield lawmakers met as Illinois officials and Peoria's mayor looked on."
    start, peoria = text.index("Springfield"), text.index("Peoria's mayor")
    doc = ev.GoldDocument(
        "d",
        text,
        [
            ev.GoldToponym(start, start + 11, "Springfield", LatLon(39.8, -89.64)),
            # A span the corpus says is no place name (as GeoWebNews marks homonyms and
            # expressions): the recognised "Peoria" inside it goes with it.
            ev.GoldToponym(peoria, peoria + 14, "Peoria's mayor", None, gold_type="Homonym"),
        ],
    )
    ev.evaluate([doc], gazetteer, gold_spans=True)
    assert calls[-1]["mentions"] == ["Springfield", "Illinois"]


# ------------------------------------------------------------------ folds and the model seam


def _docs(n: int) -> list[ev.GoldDocument]:
    return [
        ev.GoldDocument(str(i), "Kyiv.", [ev.GoldToponym(0, 4, "Kyiv", None)]) for i in range(n)
    ]


def test_folds_split_whole_articles_deterministically() -> None:
    docs = _docs(23)
    folds = ev.split_folds(docs, 5, seed=7)
    ids = [d.id for fold in folds for d in fold]
    assert sorted(ids, key=int) == [d.id for d in docs]  # each article in exactly one fold
    assert {len(f) for f in folds} == {4, 5}
    assert [[d.id for d in f] for f in ev.split_folds(docs, 5, seed=7)] == [
        [d.id for d in f] for f in folds
    ]
    assert [[d.id for d in f] for f in ev.split_folds(docs, 5, seed=8)] != [
        [d.id for d in f] for f in folds
    ]
    train, test = ev.train_and_test(folds, 2)
    assert {d.id for d in train} | {d.id for d in test} == set(ids)
    assert not {d.id for d in train} & {d.id for d in test}
    with pytest.raises(InputError, match="folds"):
        ev.split_folds(docs, 1)
    with pytest.raises(InputError, match="folds"):
        ev.split_folds(docs[:3], 4)


def test_evaluate_hands_a_resolver_model_to_resolution(gazetteer, monkeypatch) -> None:
    calls = _recording_resolver(monkeypatch)
    fitted = object()
    ev.evaluate(ev.read_locations_xml(SAMPLE), gazetteer, resolver_model=fitted)
    assert calls and all(call.get("model") is fitted for call in calls)
    calls.clear()
    ev.evaluate(ev.read_locations_xml(SAMPLE), gazetteer)
    assert calls and all("model" not in call for call in calls)  # the shipped model


def test_folds_without_fitting_are_a_clear_error(gazetteer, monkeypatch, capsys) -> None:
    from geomap.cli import main

    monkeypatch.setitem(sys.modules, "geomap.learn", None)  # no fitting in this geomap
    code = main(["eval", str(SAMPLE), "--folds", "2", "--gazetteer", str(gazetteer.path)])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert captured.err.startswith("geomap: error: --folds: fitting is not available")


def test_folds_fit_on_the_other_folds_and_score_the_held_out_one(
    gazetteer, monkeypatch, tmp_path: Path, capsys
) -> None:
    from geomap.cli import main

    calls = _recording_resolver(monkeypatch)
    fitted: list[set[str]] = []

    def prepare(gold_doc, gz):
        return gold_doc.id

    def fit_resolver(prepared, gz):
        fitted.append(set(prepared))
        return f"model-{len(fitted)}"

    # geomap.learn's interface: prepare(gold document, gazetteer), fit_resolver(prepared, gz)
    learn = types.ModuleType("geomap.learn")
    learn.prepare = prepare  # type: ignore[attr-defined]
    learn.fit_resolver = fit_resolver  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "geomap.learn", learn)
    code = main(["eval", str(SAMPLE), "--gold-spans", "--folds", "2", "-q",
                 "--gazetteer", str(gazetteer.path)])  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert "locations_sample[1/2]" in out and "locations_sample[2/2]" in out
    assert "locations_sample: mean over 2 held-out folds: acc@161" in out
    assert len(fitted) == 2 and not fitted[0] & fitted[1]  # each fold trains on the other
    assert fitted[0] | fitted[1] == {"paris-texas", "london-ontario", "springfield", "kharkiv",
                                     "georgia"}  # fmt: skip
    assert {call["model"] for call in calls} == {"model-1", "model-2"}
