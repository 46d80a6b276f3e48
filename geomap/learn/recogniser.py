"""Fitting the recogniser's decision weights on annotated documents, judged on held-out folds.

Each gold document is run through the recogniser up to its decision; every candidate the model
would decide becomes an example with its features and a label: a place when it overlaps a gold
toponym the evaluation requires (GeoWebNews' literal toponyms; LGL's geocoded ones), not a
place when it overlaps none or one the corpus says is no place (GeoWebNews' Non_Toponym,
expressions, homonyms). Candidates on associative uses (metonymy, demonyms) or LGL's ungeocoded
spans are left out: the evaluation neither requires nor penalises them.

The second pass's document-support feature depends on the first pass's probabilities; to keep
it honest it is computed with first-pass weights fitted without the document (cross-fitting),
as it will be on unseen text. Held-out scoring runs the whole recogniser with weights fitted
on the other folds and scores it as `geomap eval` does (exact and overlapping spans).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

from geomap.doc import Doc, make_doc
from geomap.evaluation import GoldDocument, RecognitionScores, score_recognition
from geomap.evaluation.context import fold_assignment
from geomap.learn.logistic import fit
from geomap.records import Article, Resolution
from geomap.toponyms.decide import scored_candidates
from geomap.toponyms.features import DOCUMENT_SUPPORT, FEATURES, feature_matrix
from geomap.toponyms.features import second_pass_column as support_column
from geomap.toponyms.model import DEFAULT_THRESHOLD, RecogniserModel, sigmoid
from geomap.toponyms.recogniser import Recogniser, english_components

DEFAULT_L2 = 1.0
PRIOR_RESOURCE = "data/weights/recogniser_prior.json"


@dataclass(slots=True)
class Prepared:
    """One gold document read for fitting: its first-pass features and labels."""

    id: str
    gold: GoldDocument
    doc: Doc
    x: np.ndarray  # (candidates, FEATURES), second-pass column 0
    keys: list[str]
    labels: np.ndarray  # 1 place, 0 not a place, -1 left out


def label(start: int, end: int, gold: GoldDocument) -> int:
    """1, 0 or -1 (left out) for a candidate span, by the gold spans it overlaps.

    Only a candidate with a required toponym's exact span is a place: one that overlaps it
    without matching ("Leeds" in "Leeds Bradford Airport") counts neither for nor against the
    evaluation, and as a positive it would teach that names inside longer names are places."""
    overlapping = [t for t in gold.toponyms if t.start < end and start < t.end]
    if any(t.scored_for_recognition and (t.start, t.end) == (start, end) for t in overlapping):
        return 1
    if any(t.tolerated_prediction for t in overlapping):
        return -1
    return 0


def prepare(gold: GoldDocument, gazetteer: Any) -> Prepared:
    doc = make_doc(Article(id=gold.id, title=gold.title, text=gold.text))
    state = Recogniser()(doc, gazetteer, until="decide")
    cands = scored_candidates(state)
    x = feature_matrix(state, cands)
    labels = np.array([label(c.start, c.end, gold) for c in cands], dtype=int)
    return Prepared(gold.id, gold, doc, x, [c.key for c in cands], labels)


def prior_model() -> RecogniserModel:
    """The weights the fit shrinks towards (`geomap/data/weights/recogniser_prior.json`)."""
    text = resources.files("geomap").joinpath(PRIOR_RESOURCE).read_text(encoding="utf-8")
    return RecogniserModel.from_dict(json.loads(text))


def corpus_of(doc_id: str) -> str:
    """The corpus a document id names ("GWN:123" -> "GWN"; '' when unprefixed)."""
    return doc_id.split(":", 1)[0] if ":" in doc_id else ""


def _examples(docs: Sequence[Prepared], x_of: Callable[[Prepared], np.ndarray]):
    """Features, labels and sample weights of the documents' labelled candidates. Each corpus
    weighs the same in total, so the larger one does not set the weights for both."""
    xs, ys, groups = [], [], []
    for p in docs:
        keep = p.labels >= 0
        if keep.any():
            xs.append(x_of(p)[keep])
            ys.append(p.labels[keep])
            groups.extend([corpus_of(p.id)] * int(keep.sum()))
    if not xs:
        return np.zeros((0, len(FEATURES))), np.zeros(0), np.zeros(0)
    counts = Counter(groups)
    weight = np.array([len(groups) / (len(counts) * counts[g]) for g in groups])
    return np.vstack(xs), np.concatenate(ys), weight


def _with_support(p: Prepared, w_first: np.ndarray) -> np.ndarray:
    x = p.x.copy()
    if len(x):
        first = sigmoid(x @ w_first)
        x[:, DOCUMENT_SUPPORT] = support_column(p.keys, first, np.ones(len(x), dtype=bool))
    return x


def fit_recogniser(
    docs: Sequence[Prepared],
    *,
    l2: float = DEFAULT_L2,
    inner_folds: int = 5,
    progress: Callable[[str], None] | None = None,
) -> RecogniserModel:
    """Weights for both passes, fitted on `docs` (see the module docstring)."""
    say = progress or (lambda _message: None)
    prior = prior_model()
    x1, y1, s1 = _examples(docs, lambda p: p.x)
    first = fit(x1, y1, l2=l2, prior=prior.weights["first_pass"], sample_weight=s1)
    say(f"first pass fitted on {len(y1)} candidates ({int(y1.sum())} places)")
    second_x: dict[str, np.ndarray] = {}
    inner = fold_assignment([p.id for p in docs], inner_folds, "inner")
    for k in range(inner_folds):
        inside = [p for p in docs if inner[p.id] != k]
        xi, yi, si = _examples(inside, lambda p: p.x)
        w = fit(xi, yi, l2=l2, prior=prior.weights["first_pass"], sample_weight=si)
        for p in docs:
            if inner[p.id] == k:
                second_x[p.id] = _with_support(p, w)
    x2, y2, s2 = _examples(docs, lambda p: second_x[p.id])
    second = fit(x2, y2, l2=l2, prior=prior.weights["second_pass"], sample_weight=s2)
    say(f"second pass fitted on {len(y2)} candidates")
    threshold = _best_threshold(docs, second_x, inner_folds, l2, prior.weights["second_pass"])
    say(f"threshold {threshold:.2f}")
    return RecogniserModel(
        weights={"first_pass": first, "second_pass": second},
        threshold=threshold,
        meta={
            "fitted": dt.date.today().isoformat(),
            "documents": len(docs),
            "candidates": len(y1),
            "places": int(y1.sum()),
            "l2": l2,
        },
    )


def _best_threshold(
    docs: Sequence[Prepared],
    second_x: dict[str, np.ndarray],
    inner_folds: int,
    l2: float,
    prior: np.ndarray,
) -> float:
    """The probability from which to accept, chosen to maximise the F1 of the candidates'
    decisions where each document is scored by second-pass weights fitted without it."""
    probabilities, labels, weights = [], [], []
    inner = fold_assignment([p.id for p in docs], inner_folds, "inner")
    for k in range(inner_folds):
        inside = [p for p in docs if inner[p.id] != k]
        held = [p for p in docs if inner[p.id] == k]
        xi, yi, si = _examples(inside, lambda p: second_x[p.id])
        w = fit(xi, yi, l2=l2, prior=prior, sample_weight=si)
        xh, yh, sh = _examples(held, lambda p: second_x[p.id])
        probabilities.append(sigmoid(xh @ w))
        labels.append(yh)
        weights.append(sh)
    p, y, s = np.concatenate(probabilities), np.concatenate(labels), np.concatenate(weights)
    if not len(y) or not y.any():
        return DEFAULT_THRESHOLD
    best, best_f1 = DEFAULT_THRESHOLD, -1.0
    for threshold in np.arange(0.2, 0.81, 0.025):
        accepted = p >= threshold
        tp = float(s[accepted & (y == 1)].sum())
        f1 = 2 * tp / max(1e-9, float(s[accepted].sum() + s[y == 1].sum()))
        if f1 > best_f1 + 1e-9:
            best, best_f1 = float(threshold), f1
    return round(best, 3)


def recognition_scores(p: Prepared, gazetteer: Any, model: RecogniserModel) -> RecognitionScores:
    """End-to-end recognition of one document under `model`, scored as `geomap eval` does."""
    from geomap.toponyms import to_mention

    state = Recogniser(english_components(model))(p.doc, gazetteer)
    mentions = [to_mention(state, c) for c in state.accepted]
    scores = RecognitionScores()
    score_recognition(p.gold, [Resolution(m, None, 0.0, "") for m in mentions], scores)
    return scores


def cross_validate(
    prepared: Sequence[Prepared],
    gazetteer: Any,
    *,
    folds: int = 5,
    l2: float = DEFAULT_L2,
    progress: Callable[[str], None] | None = None,
) -> dict[str, tuple[int, RecognitionScores]]:
    """Fit on K-1 folds and score the held-out fold end to end, for every fold: (fold,
    recognition scores) per document id, every document scored by weights that never saw it."""
    out: dict[str, tuple[int, RecognitionScores]] = {}
    fold = fold_assignment([p.id for p in prepared], folds)
    for k in range(folds):
        train = [p for p in prepared if fold[p.id] != k]
        test = [p for p in prepared if fold[p.id] == k]
        model = fit_recogniser(train, l2=l2)
        total = RecognitionScores()
        for p in test:
            scores = recognition_scores(p, gazetteer, model)
            out[p.id] = (k, scores)
            add(total, scores)
        if progress:
            s = total.summary()
            progress(
                f"fold {k}: {len(test)} articles, held-out F1 {s['f1_exact']:.3f} exact, "
                f"{s['f1_overlap']:.3f} overlapping"
            )
    return out


def add(total: RecognitionScores, scores: RecognitionScores) -> None:
    total.true_positive_exact += scores.true_positive_exact
    total.true_positive_overlap += scores.true_positive_overlap
    total.false_positive += scores.false_positive
    total.gold += scores.gold
    total.predicted += scores.predicted


def in_sample(prepared: Sequence[Prepared], gazetteer: Any, model: RecogniserModel):
    """Scores of `model` on documents it may have seen (labelled in-sample by the caller)."""
    total = RecognitionScores()
    for p in prepared:
        add(total, recognition_scores(p, gazetteer, model))
    return total


__all__ = ["Prepared", "cross_validate", "fit_recogniser", "in_sample", "prepare"]
