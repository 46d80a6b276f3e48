"""The admin context Ukrainian and Russian state in the genitive after a name, for the resolver.

"с. Варачине Сумського району", "у селі Степне Запорізької області", "в селе Тёткино Курской
области", "Покровськ, Донецька область": a district or region named right after a place (the
genitive of belonging, or after a comma) contains it. That is grammar, as "X, Y region" is in
English: the resolver is given the container's country and first-level region, the same fields
the English context fills.
"""

from __future__ import annotations

import re

from geomap.toponyms.state import Candidate, State

# What may stand between a place and its container: spaces, a comma, a bracket.
_GAP = re.compile(r"[\s,(]*(?:(?:в|у|во)\s+)?")
_CONTAINER_KINDS = frozenset({"admin1", "admin2"})


def _is_container(cand: Candidate) -> bool:
    return cand.kind == "toponym" and (
        "region" in cand.key.split() or bool(cand.kinds & _CONTAINER_KINDS) and " " in cand.key
    )


class CyrillicAdminContext:
    """Sets context_country and context_admin1 from the unit named after a place."""

    name = "admin_context"

    def __call__(self, state: State) -> State:
        attach_context(state, state.accepted)
        return state


def attach_context(state: State, cands: list[Candidate]) -> None:
    """`cands` in text order. A chain ("с. X Y-ського району Z-ської області") gives each name
    the largest unit after it."""
    text = state.text
    for i, cand in enumerate(cands):
        if cand.kind != "toponym" or cand.context_admin1:
            continue
        j = i + 1
        container = None
        while j < len(cands) and _is_container(cands[j]):
            if not _GAP.fullmatch(text[cands[j - 1].end : cands[j].start]):
                break
            container = cands[j]
            j += 1
        if container is None:
            continue
        country, admin1 = _admin_of(state, container)
        cand.context_country = cand.context_country or country
        cand.context_admin1 = admin1


def _admin_of(state: State, container: Candidate) -> tuple[str, str]:
    """(country code, admin-1 code) of a region or district named in the text."""
    for place in state.gazetteer.candidates(container.name or container.surface, limit=5):
        if place.kind == "admin1" and place.admin1_code:
            return place.country_code, place.admin1_code
        if place.kind in ("admin2", "admin3") and place.admin1_code:
            return place.country_code, place.admin1_code
    return "", ""
