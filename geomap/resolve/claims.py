"""The article's own spatial claims as evidence for choosing among a name's candidates.

"Vovchansk, 5 km from the Russian border", "Novoselivka, northeast of Kharkiv": a candidate that
makes the claim consistent is more likely the place meant than one that makes it false. Only
sentences with a distance or a compass direction are read (claims are parsed once per Doc and
shared with the claim verifier), so articles without such claims cost nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from geomap.doc import Doc
from geomap.records import Mention, Resolution
from geomap.resolve.group import Group

_CLAIM_GATE = re.compile(
    r"\d\s*(?:km|kilomet|mi\b|miles?\b)|(?:north|south)(?:-?(?:east|west))?(?:ern)?\s+of\b|"
    r"(?:east|west)(?:ern)?\s+of\b",
    re.IGNORECASE,
)


def claim_agreement(
    groups: list[Group], mentions: Sequence[Mention], doc: Doc | None
) -> dict[int, tuple[np.ndarray, str]]:
    """For each group (by id) with a discriminating claim: +1 for candidates that fit the first
    claim about one of its mentions, -1 for those it contradicts, 0 where it cannot tell; and
    the claim's text."""
    owner = {i: g for g in groups for i in g.mentions}
    parsed_by_sentence: dict[int, list[Any]] = {}
    out: dict[int, tuple[np.ndarray, str]] = {}
    for group in groups:
        if group.kind != "toponym" or len(group.candidates) < 2:
            continue
        for i in group.mentions:
            m = mentions[i]
            if not m.sentence or not _CLAIM_GATE.search(m.sentence):
                continue
            found = _agreement(m, group, mentions, owner, parsed_by_sentence, doc)
            if found is not None:
                out[id(group)] = found
                break
    return out


def _sentence_claims(m: Mention, cache: dict[int, list[Any]], doc: Doc | None) -> list[Any]:
    from geomap.claims import parse_claims, sentence_claims

    if m.sentence_start not in cache:
        sentence = doc.sentence_at(m.sentence_start) if doc is not None else None
        if doc is not None and sentence is not None and sentence.start == m.sentence_start:
            parsed = sentence_claims(doc, doc.sentence_index(m.sentence_start))
        else:
            parsed = parse_claims(m.sentence)
        cache[m.sentence_start] = [
            c for c in parsed if c.quantity is not None or c.kind == "direction"
        ]
    return cache[m.sentence_start]


def _agreement(
    m: Mention,
    group: Group,
    mentions: Sequence[Mention],
    owner: dict[int, Group],
    cache: dict[int, list[Any]],
    doc: Doc | None,
) -> tuple[np.ndarray, str] | None:
    from geomap.claims import claim_consistency

    in_sentence = [
        (j, x)
        for j, x in enumerate(mentions)
        if x.sentence_start == m.sentence_start and x.start != m.start
    ]
    countries = [
        owner[j].candidates[owner[j].chosen].country_code
        for j, x in in_sentence
        if owner[j].chosen >= 0 and owner[j].candidates[owner[j].chosen].kind == "country"
    ]
    local_end = m.end - m.sentence_start
    for claim in _sentence_claims(m, cache, doc):
        # The claim is about the nearest name before it: no other name between the two.
        if claim.start < local_end or any(
            local_end <= x.start - m.sentence_start < claim.start for _, x in in_sentence
        ):
            continue
        target = _reference_resolution(claim, m, in_sentence, owner)
        values = np.zeros(len(group.candidates))
        for k, place in enumerate(group.candidates):
            verdict = claim_consistency(claim, place, target=target, sentence_countries=countries)
            values[k] = 0.0 if verdict is None else (1.0 if verdict == 1.0 else -1.0)
        if (values > 0).any() and (values < 0).any():
            return values, claim.text
    return None


def _reference_resolution(
    claim: Any, m: Mention, in_sentence: list[tuple[int, Mention]], owner: dict[int, Group]
) -> Resolution | None:
    """The current resolution of the place a claim measures from ("20 km from Kharkiv")."""
    if claim.reference_start < 0:
        return None
    start = claim.reference_start + m.sentence_start
    for j, x in in_sentence:
        g = owner[j]
        if x.start <= start < x.end and g.chosen >= 0:
            return Resolution(x, g.candidates[g.chosen], 1.0, "reference of a claim")
    return None
