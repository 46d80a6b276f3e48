"""The admin context a mention's neighbours state, for the resolver.

English states where a place is by writing the larger place next to it: "X, Y region", "X in
the Y region", "X in Poland's Y province", "Poland's Y province", "the southern Polish town of
X", "X, Texas". That is grammar: the larger place contains X, so the resolver is given its
country (`context_country`) and first-level region (`context_admin1`). A name after a town and
a comma, or coordinated with a state's name, reads as a state where it can be one ("Tacoma,
Washington", "Idaho or Washington").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from geomap.toponyms import lexicon
from geomap.toponyms.cues import LIST_GOES_ON
from geomap.toponyms.state import STRONG_POPULATION, Candidate, State

if TYPE_CHECKING:
    from geomap.gazetteer.protocol import GazetteerProtocol

_POSSESSIVE_GAP = re.compile(r"['’]s?\s+(?:[a-z][\w\-]*\s+){0,2}")
# "the southern Polish city of X", "the Polish border village of X": a demonym states the
# country only through a feature noun; "Polish forces entered X" does not.
_ADJECTIVE_GAP = re.compile(
    r"\s+(?:[a-z][\w\-]*\s+){0,2}(?:"
    + "|".join(sorted(lexicon.FEATURE_NOUNS, key=len, reverse=True))
    + r")(?:\s+of)?\s+"
)
_LINK = re.compile(r",\s*|\s+in\s+(?:the\s+)?(?:[a-z][\w\-]*\s+){0,2}")
_COORDINATION = re.compile(r"\s*(?:,|,?\s+(?:and|or|nor))\s+")
_COUNTRY_CODE_CACHE: dict[tuple[str, str], str] = {}


class AdminContext:
    """Sets context_country, context_admin1 and the state reading on the accepted mentions."""

    name = "admin_context"

    def __call__(self, state: State) -> State:
        attach_context(state, state.accepted)
        return state


def attach_context(state: State, cands: list[Candidate]) -> None:
    """`cands` in text order."""
    text = state.text
    for i, cand in enumerate(cands):
        if cand.kind != "toponym":
            continue
        prev = cands[i - 1] if i else None
        if prev is not None:
            gap = text[prev.end : cand.start]
            if (prev.is_country and _POSSESSIVE_GAP.fullmatch(gap)) or (
                prev.kind == "demonym" and _ADJECTIVE_GAP.fullmatch(gap)
            ):
                cand.context_country = country_code(state.gazetteer, prev)
        _context_after(state, cands, i)
    _state_readings(state, cands)


def country_code(gazetteer: GazetteerProtocol, cand: Candidate) -> str:
    """ISO code of the country a country name or demonym stands for ('' if not one)."""
    if not cand.kinds & {"country", "demonym"}:
        return ""
    cache_key = (str(getattr(gazetteer, "build_id", id(gazetteer))), cand.key)
    code = _COUNTRY_CODE_CACHE.get(cache_key)
    if code is None:
        code = ""
        for place in gazetteer.candidates(cand.surface, limit=10):
            if place.kind in ("country", "demonym") and place.country_code:
                code = place.country_code
                break
        _COUNTRY_CODE_CACHE[cache_key] = code
    return code


def admin_name(cand: Candidate) -> str:
    """'Sumy region' -> 'Sumy'; 'Texas' -> 'Texas'."""
    words = cand.surface.split()
    if len(words) > 1 and words[-1].lower() in lexicon.REGION_GENERICS:
        return " ".join(words[:-1])
    return cand.surface


def _context_after(state: State, cands: list[Candidate], i: int) -> None:
    """'X, Y' / 'X in Y' / 'X in Poland's Y province': the places right after X contain it."""
    cand = cands[i]
    j = i + 1
    if j >= len(cands) or cands[j].kind != "toponym":
        return
    if not _LINK.fullmatch(state.text[cand.end : cands[j].start]):
        return
    nxt = cands[j]
    if nxt.is_country and not cand.is_country:
        code = country_code(state.gazetteer, nxt)
        if code:
            cand.context_country = cand.context_country or code
        if j + 1 < len(cands) and _POSSESSIVE_GAP.fullmatch(
            state.text[nxt.end : cands[j + 1].start]
        ):
            after = cands[j + 1]
            if after.kind == "toponym" and ("admin1" in after.kinds or after.hint == "region"):
                cand.context_admin1 = admin_name(after)
    elif ("admin1" in nxt.kinds or nxt.hint == "region") and not cand.is_admin:
        # "Athens, Georgia": the resolver tries the admin-1 reading first
        cand.context_admin1 = admin_name(nxt)


def _is_state_name(cand: Candidate) -> bool:
    """A first-level region's name that no city of 100,000 shares ("Oregon"; not "Georgia")."""
    return "admin1" in cand.kinds and cand.population < STRONG_POPULATION


def _state_readings(state: State, cands: list[Candidate]) -> None:
    text = state.text
    for i, cand in enumerate(cands):
        if cand.kind != "toponym" or cand.hint or "admin1" not in cand.kinds:
            continue
        prev = cands[i - 1] if i else None
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        # ... but not in a list of cities ("Tulsa, Kansas City, New York, and Denver")
        after_place = (
            prev is not None
            and prev.context_admin1 == admin_name(cand)
            and text[prev.end : cand.start].strip() == ","  # "a deli in New York": the city
            and not LIST_GOES_ON.match(text, cand.end)
        )
        coordinated = any(
            other is not None
            and other.kind == "toponym"
            and _is_state_name(other)
            and _COORDINATION.fullmatch(text[a.end : b.start])
            for other, a, b in ((prev, prev, cand), (nxt, cand, nxt))
            if other is not None
        )
        if after_place or coordinated:
            cand.hint = "region"
