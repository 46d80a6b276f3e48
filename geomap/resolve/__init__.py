"""Choosing a gazetteer place for every mention, using the whole document.

1. Candidates under the hard constraints the text states (`candidates`): "Varachyne in
   Ukraine's northeast Sumy region" leaves only places in Ukraine's Sumy admin-1.
2. Each candidate gets a vector of named features (`features`): name match, population, feature
   class, stated cues, the document's focus countries and regions, proximity to the places
   chosen for the other names (of the article and of the sentence), counties that nest, and
   agreement with the article's own distance claims.
3. A fitted conditional logit ranks them (`model`), twice: first on what the names say by
   themselves, then with the first pass's choices as evidence. The chosen place's probability is
   its confidence; the rule names the features that decided it.
4. Names the gazetteer lacks are placed at a place they stand on or carry (`placement`).

Every mention gets exactly one `Resolution` (in input order). A name resolved once resolves the
same way elsewhere in the document unless its own context says otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from geomap.doc import Doc, make_doc
from geomap.records import Article, Mention, Place, Resolution
from geomap.resolve import document
from geomap.resolve.candidates import gather_candidates, group_mentions, inherit_context
from geomap.resolve.claims import claim_agreement
from geomap.resolve.features import INDEX, candidate_features
from geomap.resolve.frontline import FrontLinePrior
from geomap.resolve.group import MAX_ALTERNATIVES, Group, Lookup
from geomap.resolve.model import RankerModel, Stage, default_model, softmax
from geomap.resolve.placement import place_unknown_names

if TYPE_CHECKING:
    from geomap.gazetteer.protocol import GazetteerProtocol

__all__ = ["RankerModel", "rank_groups", "resolve_mentions"]

# Rounds of the second pass. 5-fold held-out acc@161 (GWN / LGL): 1 round 83.96 / 87.52, 2
# rounds 83.96 / 87.94, 3 rounds 83.88 / 87.88 (tools/fit_resolver.py, 2026-12-06).
SECOND_PASS_ROUNDS = 2

# (group, stage, feature matrix) for every ranking done: what the fitting script learns from.
Trace = list[tuple[Group, Stage, np.ndarray]]


def resolve_mentions(
    mentions: Sequence[Mention],
    gazetteer: GazetteerProtocol,
    article: Article | Doc | None = None,
    *,
    model: RankerModel | None = None,
    layers: Mapping[str, Any] | None = None,
) -> list[Resolution]:
    """One Resolution per mention, in the same order. With the article (or its `Doc`), the
    claims the text makes about the places are evidence too; with a front-line layer
    (`layers["frontline"]`), nearness to the line. `model` defaults to the shipped weights."""
    if not mentions:
        return []
    groups = rank_groups(mentions, gazetteer, article, model=model, layers=layers)
    out: list[Resolution | None] = [None] * len(mentions)
    for group in groups:
        for i in group.mentions:
            out[i] = _resolution(mentions[i], group, i == group.mentions[0], model)
    return [r for r in out if r is not None]


def rank_groups(
    mentions: Sequence[Mention],
    gazetteer: GazetteerProtocol,
    article: Article | Doc | None = None,
    *,
    model: RankerModel | None = None,
    trace: Trace | None = None,
    layers: Mapping[str, Any] | None = None,
) -> list[Group]:
    """The mentions grouped by name and context, each group's candidates ranked and chosen."""
    model = model or default_model()
    front_line = FrontLinePrior.from_layers(layers)
    doc = make_doc(article) if article is not None else None
    lookup = Lookup(gazetteer)
    groups = group_mentions(mentions)
    for group in groups:
        gather_candidates(group, lookup, mentions)
    inherit_context(groups)
    evidence = document.first_pass(mentions, groups)
    for group in groups:
        x = candidate_features(group, evidence(group), front_line)
        _rank(group, x, model, "first_pass", trace)
    # The second pass sees the first pass's choices; repeated, each round sees the last one's,
    # so that a set of names that fit together (a county and its towns, the villages of one
    # sector) can win together over independently prominent namesakes.
    for _ in range(SECOND_PASS_ROUNDS):
        evidence = document.second_pass(mentions, groups, confidence=lambda g: _confidence(g))
        matrices = {id(g): candidate_features(g, evidence(g), front_line) for g in groups}
        for group in groups:
            _rank(group, matrices[id(group)], model, "second_pass", None)
    # The claims are read against the second pass's choices (the place a claim measures from
    # must be chosen first), then the second pass is ranked again with them.
    agreement = claim_agreement(groups, mentions, doc)
    for group in groups:
        x = matrices[id(group)]
        if id(group) in agreement:
            values, claim_text = agreement[id(group)]
            x[:, INDEX["claim_agreement"]] = values
            group.claim_note = f"the article's claim '{claim_text}'"
        _rank(group, x, model, "second_pass", trace)
    place_unknown_names(groups, mentions, lookup)
    return groups


def _rank(
    group: Group, x: np.ndarray, model: RankerModel, stage: Stage, trace: Trace | None
) -> None:
    group.features = x
    if not group.candidates:
        group.scores, group.chosen = [], -1
        return
    scores = model.scores(x, stage)
    group.scores = scores.tolist()
    group.chosen = int(np.argmax(scores))
    if trace is not None:
        trace.append((group, stage, x))


def _confidence(group: Group) -> float:
    if group.chosen < 0:
        return 0.0
    conf = float(softmax(np.asarray(group.scores))[group.chosen])
    constraint = group.constraint
    if "matched no" in constraint:
        conf *= 0.6  # the text placed the name in a container none of its candidates is in
    elif constraint.startswith("stated context"):
        conf = 0.5 + 0.5 * conf  # a hard constraint already excluded the homonyms elsewhere
    return round(min(0.99, max(0.01, conf)), 3)


def _resolution(
    mention: Mention, group: Group, first: bool, model: RankerModel | None
) -> Resolution:
    if group.chosen < 0:
        if group.fallback is not None:
            how = group.fallback_note or f"placed at its stated container {group.fallback.name}"
            return Resolution(
                mention=mention,
                place=group.fallback,
                confidence=0.2 if group.fallback_note else 0.3,
                rule=(
                    f"not in gazetteer: '{mention.text}'; {how} "
                    f"(uncertainty {group.fallback.uncertainty_km:.0f} km)"
                ),
            )
        context = ", ".join(x for x in (group.context_admin1, group.context_country) if x)
        return Resolution(
            mention=mention,
            place=None,
            confidence=0.0,
            rule=f"not in gazetteer: '{mention.text}'"
            + (f" (context: {context})" if context else "")
            + (f" in: {mention.sentence[:160]}" if mention.sentence else ""),
        )
    place = group.candidates[group.chosen]
    order = sorted(range(len(group.scores)), key=lambda i: -group.scores[i])
    alternatives = tuple(group.candidates[i] for i in order if i != group.chosen)[:MAX_ALTERNATIVES]
    return Resolution(
        mention=mention,
        place=place,
        confidence=_confidence(group),
        rule=_rule(group, place, first, model or default_model()),
        alternatives=alternatives,
    )


def _rule(group: Group, place: Place, first: bool, model: RankerModel) -> str:
    parts = []
    if group.kind == "demonym":
        parts.append(f"demonym of {place.name}")
    elif group.constraint:
        parts.append(group.constraint)
    if len(group.candidates) == 1:
        parts.append("only candidate")
    elif group.kind != "demonym" and group.features is not None:
        why = model.explain(group.features, group.chosen, "second_pass")
        parts.append(f"best of {len(group.candidates)} candidates" + (f" by {why}" if why else ""))
        if group.claim_note:
            agrees = group.features[group.chosen, INDEX["claim_agreement"]]
            if agrees > 0:
                parts.append(f"fits {group.claim_note}")
            elif agrees < 0:
                parts.append(f"although it contradicts {group.claim_note}")
    if not first:
        parts.append("same name resolved earlier in the article")
    return "; ".join(parts)
