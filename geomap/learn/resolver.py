"""Fitting the resolver's ranking weights on annotated documents, judged on held-out folds.

A gold document is read the way `geomap eval --gold-spans` reads it: the whole text goes through
the recogniser, the gold spans replace the recognised mentions they overlap, and everything is
resolved together, so the names the annotators did not mark are still evidence. Each gold
toponym's name becomes a choice set: its candidates' features, and which candidates are right
(the nearest candidate to the gold point and any within 10 km of it, if within 161 km).

The first pass's features depend only on the names, so they are computed once. The second pass's
depend on the first pass's choices; to keep them honest they are computed with first-pass
weights fitted without the document (cross-fitting), as they will be on unseen text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from geomap.doc import Doc
from geomap.evaluation.context import fold_assignment, gold_in_context
from geomap.geodesy import distances_km
from geomap.learn.conditional_logit import ChoiceSet, fit
from geomap.records import LatLon, Mention
from geomap.resolve import RankerModel, rank_groups, resolve_mentions
from geomap.resolve.features import FEATURES
from geomap.resolve.model import Stage

RIGHT_KM = 161.0  # acc@161, the field's measure
SAME_PLACE_KM = 10.0  # candidates this close to the nearest one are the same place
DEFAULT_L2 = 2.0
PRIOR_RESOURCE = "data/weights/resolver_prior.json"


@dataclass(slots=True)
class Prepared:
    """One gold document read for fitting: its Doc, its mentions and their gold points."""

    id: str
    doc: Doc
    mentions: list[Mention]
    gold: list[LatLon | None]  # per mention; None for names the annotators did not mark


def prepare(gold_doc: Any, gazetteer: Any) -> Prepared:
    """Mentions of a gold document (geomap.evaluation.GoldDocument) with their gold points, read
    in context exactly as `geomap eval --gold-spans` reads them."""
    doc, entries = gold_in_context(gold_doc, gazetteer)
    return Prepared(
        gold_doc.id,
        doc,
        [m for m, _ in entries],
        [t.point if t is not None else None for _, t in entries],
    )


def choice_sets(prepared: Prepared, gazetteer: Any, model: RankerModel, stage: Stage) -> list:
    """The labelled choice sets of one document at one stage of the ranking."""
    trace: list = []
    rank_groups(prepared.mentions, gazetteer, prepared.doc, model=model, trace=trace)
    out = []
    for group, group_stage, x in trace:
        if group_stage != stage or len(group.candidates) < 2:
            continue
        gold = next((prepared.gold[i] for i in group.mentions if prepared.gold[i]), None)
        if gold is None:
            continue
        km = distances_km(
            gold.lat,
            gold.lon,
            [p.point.lat for p in group.candidates],
            [p.point.lon for p in group.candidates],
        )
        nearest = km.min()
        if nearest > RIGHT_KM:
            continue
        right = (km <= nearest + SAME_PLACE_KM) & (km <= RIGHT_KM)
        out.append(ChoiceSet(x.copy(), right))
    return out


def fit_resolver(
    docs: Sequence[Prepared],
    gazetteer: Any,
    *,
    l2: float = DEFAULT_L2,
    inner_folds: int = 5,
    first_pass_sets: dict[str, list] | None = None,
    progress: Callable[[str], None] | None = None,
) -> RankerModel:
    """Weights for both passes, fitted on `docs` (see the module docstring)."""
    say = progress or (lambda _message: None)
    base = _zero_model()
    prior = prior_model().weights
    if first_pass_sets is None:
        first_pass_sets = {p.id: choice_sets(p, gazetteer, base, "first_pass") for p in docs}
    first = fit(
        [s for p in docs for s in first_pass_sets[p.id]],
        len(FEATURES),
        l2=l2,
        prior=prior["first_pass"],
    )
    say(f"first pass fitted on {sum(len(first_pass_sets[p.id]) for p in docs)} names")
    second_sets: list = []
    inner = fold_assignment([p.id for p in docs], inner_folds, "inner")
    for k in range(inner_folds):
        inside = [p for p in docs if inner[p.id] != k]
        held = [p for p in docs if inner[p.id] == k]
        w = fit(
            [s for p in inside for s in first_pass_sets[p.id]],
            len(FEATURES),
            l2=l2,
            prior=prior["first_pass"],
        )
        model = RankerModel(weights={"first_pass": w, "second_pass": w})
        for p in held:
            second_sets.extend(choice_sets(p, gazetteer, model, "second_pass"))
    second = fit(second_sets, len(FEATURES), l2=l2, prior=prior["second_pass"])
    say(f"second pass fitted on {len(second_sets)} names")
    return RankerModel(
        weights={"first_pass": first, "second_pass": second},
        meta={
            "fitted": dt.date.today().isoformat(),
            "documents": len(docs),
            "names_first_pass": sum(len(first_pass_sets[p.id]) for p in docs),
            "names_second_pass": len(second_sets),
            "l2": l2,
        },
    )


def prior_model() -> RankerModel:
    """The weights the fit shrinks towards (`geomap/data/weights/resolver_prior.json`)."""
    import json
    from importlib import resources

    text = resources.files("geomap").joinpath(PRIOR_RESOURCE).read_text(encoding="utf-8")
    return RankerModel.from_dict(json.loads(text))


def _zero_model() -> RankerModel:
    zero = np.zeros(len(FEATURES))
    return RankerModel(weights={"first_pass": zero, "second_pass": zero})


def accuracy_161(prepared: Prepared, gazetteer: Any, model: RankerModel) -> tuple[int, int]:
    """(gold toponyms, resolved within 161 km) of one document under `model`."""
    from geomap.geodesy import geodesic_km

    total = right = 0
    resolutions = resolve_mentions(prepared.mentions, gazetteer, prepared.doc, model=model)
    for res, gold in zip(resolutions, prepared.gold, strict=True):
        if gold is None:
            continue
        total += 1
        right += res.place is not None and geodesic_km(res.place.point, gold) <= RIGHT_KM
    return total, right


def cross_validate(
    prepared: Sequence[Prepared],
    gazetteer: Any,
    *,
    folds: int = 5,
    l2: float = DEFAULT_L2,
    progress: Callable[[str], None] | None = None,
) -> dict[str, tuple[int, int]]:
    """Fit on K-1 folds and score the held-out fold, for every fold: (gold toponyms, right
    within 161 km) per document id, every document scored by a model that never saw it."""
    base = _zero_model()
    first_sets = {p.id: choice_sets(p, gazetteer, base, "first_pass") for p in prepared}
    out: dict[str, tuple[int, int]] = {}
    fold = fold_assignment([p.id for p in prepared], folds)
    for k in range(folds):
        train = [p for p in prepared if fold[p.id] != k]
        test = [p for p in prepared if fold[p.id] == k]
        model = fit_resolver(train, gazetteer, l2=l2, first_pass_sets=first_sets)
        for p in test:
            out[p.id] = accuracy_161(p, gazetteer, model)
        total = sum(out[p.id][0] for p in test)
        right = sum(out[p.id][1] for p in test)
        if progress:
            progress(f"fold {k}: {right}/{total} = {100 * right / max(total, 1):.1f}% held out")
    return out
