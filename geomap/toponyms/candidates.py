"""Candidate generation: every gazetteer name in the text that is written as a name.

One pass of the name index over the text's capitalised word starts (longest match wins, whole
words only) gives the candidates. A name must be written as one: its words capitalised, except
the function words names contain ("Rostov-on-Don", "Bosnia and Herzegovina"). What the
capitals and the letters say (all capitals, a dotted abbreviation, a dateline) is recorded as
evidence for the decision; only what is never a place name is dropped here.
"""

from __future__ import annotations

import re

from geomap.doc import TOKEN_PATTERN
from geomap.toponyms import lexicon
from geomap.toponyms.state import STRONG_POPULATION, State, is_capitalised

DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_CAPS_DATELINE_AFTER = re.compile(r"\)?(?:[ \t]*(?:,|\(|—|–|-\s|:)|[ \t]+[A-Z][a-z])")
_DATELINE_AFTER = re.compile(r"\s*(?:,|\(|—|–|-\s)")


class IndexCandidates:
    """Adds a candidate for every capitalised gazetteer name of the text."""

    name = "candidates"

    def __call__(self, state: State) -> State:
        text = state.text
        for match in state.index.find(text, capitalised_only=True):
            end = match.end
            if abbreviation_period(text, match.start, end):
                end += 1  # "U.S.", "D.C.", "Calif.": the period belongs to the abbreviation
            surface = text[match.start : end]
            words = TOKEN_PATTERN.findall(surface)
            if not _written_as_a_name(words) or (
                all(w.lower() in lexicon.NAME_FUNCTION_WORDS for w in words) and end == match.end
            ):
                continue  # "The", "In": names of function words only are alternate-name artefacts
            cand = state.new_candidate(match.start, end, match.entry.key, match.entry)
            dotted = "." in surface and bool(DOTTED.fullmatch(surface.rstrip(".")))
            if dotted and text[: match.start].rstrip()[-1:].isdigit():
                cand.fact = "an era or a time ('300 B.C.', '5 p.m.')"
            _letters(state, cand, words, dotted)
            state.candidates.append(cand)
        return state


def _written_as_a_name(words: list[str]) -> bool:
    if not all(is_capitalised(w) or w.lower() in lexicon.NAME_FUNCTION_WORDS for w in words[:-1]):
        return False
    return is_capitalised(words[-1]) or words[-1].lower() in lexicon.PLACE_CONTINUATIONS


def _letters(state: State, cand, words: list[str], dotted: bool) -> None:
    """Evidence from how the name is written: all capitals (a heading, an acronym, or a wire
    dateline), a dotted abbreviation."""
    evidence = cand.evidence
    surface = cand.surface
    if not surface.isupper():
        return
    dateline = (cand.population >= STRONG_POPULATION or "country" in cand.kinds) and caps_dateline(
        state.text, cand.start, cand.end
    )  # "OSLO (AP) -" opens a story; "UPDATE - Shelling", "REGION:" do not
    if dateline:
        evidence["caps_dateline"] = 1.0
    elif dotted:
        evidence["dotted_abbreviation"] = 1.0  # "N.M.", "U.S.": initials, not shouted words
    else:
        evidence["all_caps"] = 1.0
        if " ".join(words) in lexicon.MILITARY_ABBREVIATIONS:
            evidence["military_abbreviation"] = 1.0  # "KIA", "WIA"
        if (
            len(surface) <= 5
            and not cand.kinds & {"country", "region"}  # "UK", "EU" are places
            and "." not in surface
            and not _DATELINE_AFTER.match(state.text, cand.end)
        ):
            evidence["short_acronym"] = 1.0  # "AP", "NATO", airport codes; not "OSLO, May 3"


def abbreviation_period(text: str, start: int, end: int) -> bool:
    """Whether the period after a match is part of it: dotted initials ("U.S", "D.C") or a short
    capitalised abbreviation after a comma or bracket ("Reno, Nev.", "Hall County (Ga.)")."""
    if text[end : end + 1] != ".":
        return False
    surface = text[start:end]
    if DOTTED.fullmatch(surface):
        return True
    before = text[max(0, start - 2) : start]
    return surface in lexicon.period_abbreviations() and (
        before.endswith(", ") or before.endswith("(")
    )


def caps_dateline(text: str, start: int, end: int) -> bool:
    """'OSLO (AP) -', 'SAN JOSE, Costa Rica', 'LIMA Pope Leo': a name in capitals opening a
    line, before a dateline mark or the story's first word."""
    line_start = text.rfind("\n", 0, start) + 1
    opening = text[line_start:start].strip()
    if opening in ("(", "[") and text[end : end + 1] in (")", "]"):
        return False  # "(AP)": an agency's credit, not the place the story was filed from
    if opening and not (opening.endswith(".") or opening in ("(", "[")):
        return False  # "By Ann Lee. OSLO (AP)" still opens the story
    return bool(_CAPS_DATELINE_AFTER.match(text, end))
