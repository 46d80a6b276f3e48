"""Cue words: the words around a name that say it is a place, and of what type.

English grammar marks places with nouns ("the town of X", "X region", "north of X", "X-based")
and, more weakly, with prepositions ("in X", "near X"). A place right after a name ("X, Y
region", "X in Ukraine's Y region", "X, Texas") is a cue too: the name is a place inside it.
Each candidate gets at most one cue, the strongest, as `cue` (the words) and `cue_type` (the
feature the decision weighs); a region noun after the name becomes part of it ("Sumy region").
The word lists are the language's (`lexicon`); the patterns here are English word order.
"""

from __future__ import annotations

import re

from geomap.doc import TOKEN_PATTERN
from geomap.toponyms import lexicon
from geomap.toponyms.state import Candidate, State


def _alternation(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_FEATURE_NOUN_CUE = re.compile(
    rf"\b({_alternation(lexicon.FEATURE_NOUNS)})\s+of\s+(?:the\s+)?$", re.IGNORECASE
)
_RELATIVE_CUE = re.compile(
    rf"\b({_alternation(lexicon.RELATIVE_POSITION_WORDS)})\s+of\s+$", re.IGNORECASE
)
_REGION_AFTER = re.compile(rf"^[ \t]+({_alternation(lexicon.REGION_GENERICS)})\b", re.IGNORECASE)
_BASED_AFTER = re.compile(r"-(?:based|born|headquartered|registered|bound)\b")
_COMPASS_BEFORE = re.compile(
    rf"\b({_alternation(w.capitalize() for w in lexicon.DIRECTION_ADJECTIVES)})[ \t]+$"
)
_DATELINE_MARK = re.compile(r"\s*(?::|—|–|\(|-\s)")
_CAPITALISED_NEXT = re.compile(r"[ \t]+[A-Z][a-z]")
# A list goes on after a name: "Leeds, Hull, York and", "Ames, Des Moines, and Waterloo".
LIST_GOES_ON = re.compile(r",?\s*(?:,|\band\b|\bor\b|&)\s*[A-Z]")
# "X, Y", "X in Y", "X in the Y region", "X in central Y" (the gaps `context` reads too)
_LINK_GAP = re.compile(r",\s*|,?\s+in\s+(?:the\s+)?(?:[a-z][\w\-]*\s+){0,2}")
_LIST_GAP = re.compile(r"\s*(?:[,;/&]|,?\s+(?:and|or))\s*")


def _conflict_cue_pattern() -> re.Pattern[str]:
    """A name after conflict reporting's words ("shelling hit X", "drones struck X", "fighting
    went on near X and Y", "shelled X"), and any name a list continues after it ("near X, Y
    and Z"). The words are the language's (lexicon.conflict_cues, by use)."""
    cues = lexicon.conflict_cues()

    def alt(use: str) -> str:
        return "|".join(sorted(map(re.escape, cues.get(use, ())), key=len, reverse=True))

    name = r"[A-Z][\w’'\-]*(?:[ \t]+[A-Z][\w’'\-]*){0,2}"
    prep = r"in|near|at|on|around|outside|over|across|into|towards?|of|between|along|close to"
    words = r"(?:[a-z]+[ \t]+){0,2}?"  # "fighting went on near X"
    return re.compile(
        rf"\b(?i:(?:{alt('preposition')})[ \t]+{words}(?:{prep})|(?:{alt('object')})|"
        rf"(?:{alt('subject')})[ \t]+(?:[\w’'\-]+[ \t]+){{0,3}}?(?:{alt('object_after_subject')}))"
        r"[ \t]+(?:the[ \t]+)?(?:(?:villages?|towns?|settlements?|city|cities)[ \t]+of[ \t]+)?"
        rf"(?:{name}(?:[ \t]*,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or)[ \t]+))*$"
    )


_CONFLICT_CUE = _conflict_cue_pattern()

# cue type -> strength (2: a noun or the place around it; 1: a preposition or a county)
CUE_STRENGTH = {
    "dateline": 2, "region_word": 2, "feature_noun": 2, "relative": 2, "based": 2,
    "admin_after": 2, "conflict": 2, "county_of_place": 1, "compass": 1, "preposition": 1,
    "of": 0,
}  # fmt: skip


class Cues:
    """Finds each candidate's cue, then the cues its neighbours give it."""

    name = "cues"

    def __call__(self, state: State) -> State:
        for cand in state.candidates:
            find_cue(state, cand)
        _link_neighbours(state)
        _lists(state)
        return state


def set_cue(cand: Candidate, cue: str, cue_type: str) -> None:
    cand.cue, cand.cue_type = cue, cue_type


def strength(cand: Candidate) -> int:
    return CUE_STRENGTH.get(cand.cue_type, 0)


def is_dateline(state: State, cand: Candidate) -> bool:
    """A name opening a paragraph before a colon, dash or bracket is the wire dateline ("Lima:
    The ...", "OSLO (AP) -"): the place the story was filed from."""
    from geomap.toponyms.candidates import caps_dateline

    text = state.text
    if cand.surface.isupper() and caps_dateline(text, cand.start, cand.end):
        return True
    if not _DATELINE_MARK.match(text, cand.end):
        return False
    line_start = text.rfind("\n", 0, cand.start) + 1
    return not text[line_start : cand.start].strip()


def find_cue(state: State, cand: Candidate) -> None:
    text = state.text
    sentence = state.sentences[cand.sentence_index] if state.sentences else None
    lo = max(sentence.start if sentence else 0, cand.start - 80)
    before = text[lo : cand.start]
    after = text[cand.end : cand.end + 40]
    if is_dateline(state, cand):
        set_cue(cand, "dateline", "dateline")
        return
    region = _REGION_AFTER.match(after)
    if region and not _office_not_region(state, cand, region):
        generic = region.group(1).lower()
        state.set_span(cand, cand.start, cand.end + region.end())
        set_cue(cand, generic, "region_word")
        cand.hint = lexicon.REGION_GENERICS[generic]
        return
    last_word = cand.key.split()[-1] if cand.key else ""
    if last_word in lexicon.REGION_GENERICS:  # the gazetteer's own "Kent County"
        set_cue(cand, last_word, "region_word")
        cand.hint = lexicon.REGION_GENERICS[last_word]
        return
    # The word right before the name (after "the"), found without a regex: most names have
    # none of the cues below, and this runs for every candidate.
    tail = before[-40:].split() if before[-1:].isspace() else []
    if tail and tail[-1] == "the":
        tail.pop()
    last = tail[-1] if tail else ""
    if last.lower() == "of":
        noun = _FEATURE_NOUN_CUE.search(before)
        if noun:
            word = noun.group(1).lower()
            set_cue(cand, f"{word} of", "feature_noun")
            cand.hint = "" if word == "capital" else lexicon.FEATURE_NOUNS[word]
            return
        relative = _RELATIVE_CUE.search(before)
        if relative:
            set_cue(cand, f"{relative.group(1).lower()} of", "relative")
            return
    if _BASED_AFTER.match(after):
        set_cue(cand, "X-based", "based")
        return
    if _CONFLICT_CUE.search(before):
        set_cue(cand, "conflict report", "conflict")  # "shelling hit X", "drones struck X"
        return
    if (
        last[:1].isupper()
        and last.lower() in lexicon.DIRECTION_ADJECTIVES
        and cand.kinds & {"country", "admin1", "region"}
        and _COMPASS_BEFORE.search(before)
    ):
        set_cue(cand, last, "compass")  # "West Wales", "Northern Europe"
        return
    if last in lexicon.PLACE_PREPOSITIONS:
        set_cue(cand, last, "preposition")
    elif last == "of":
        # "a teacher of Ashford", but also "the Bank of England", "the University of Kent":
        # its own feature, weak evidence the fit weighs apart from the locative prepositions
        set_cue(cand, "of", "of")


def _office_not_region(state: State, cand: Candidate, region: re.Match[str]) -> bool:
    """ "Interior Department", "District Judge": a unit word after a common word, or one that a
    capitalised word continues, names an office or a title, not a region."""
    generic = region.group(1)
    if generic[:1].isupper() and all(state.common(w) for w in TOKEN_PATTERN.findall(cand.surface)):
        return True
    return _CAPITALISED_NEXT.match(state.text, cand.end + region.end()) is not None


def inside_capitalised_run(state: State, start: int, end: int) -> bool:
    """Whether a capitalised word right before or after the span continues the name."""
    tokens = state.tokens
    first, last = state.token_at(start), state.token_at(end - 1)
    if first > 0 and state.adjacent(first - 1, first):
        prev = tokens.base(first - 1)
        lower = prev.lower()
        if (
            prev[:1].isupper()
            and not tokens.possessive(first - 1)
            and lower not in lexicon.NAME_FUNCTION_WORDS
            and lower not in lexicon.PERSON_TITLES
            and lower not in lexicon.DIRECTION_ADJECTIVES
            and not (first - 1 in state.initial_tokens and state.common(prev))
        ):
            return True
    if last < len(tokens) and not tokens.possessive(last) and state.adjacent(last, last + 1):
        nxt = tokens.base(last + 1)
        lower = nxt.lower()
        if nxt[:1].isupper() and lower not in lexicon.NAME_FUNCTION_WORDS:
            return not (
                lower in lexicon.WEEKDAYS
                or lower in lexicon.MONTHS
                or lower in lexicon.SENTENCE_OPENERS
            )
    return False


def _link_neighbours(state: State) -> None:
    """A place right after a name says the name is a place in it: "X, Y region", "X in the Y
    region", "X, Texas"; a county after a comma ("X, Kent") places the name before it."""
    text = state.text
    cands = state.candidates
    for cand, nxt in zip(cands, cands[1:], strict=False):
        if nxt.kind == "demonym" or nxt.fact:
            continue
        gap = text[cand.end : nxt.start]
        county = (
            "admin2" in nxt.kinds
            and gap.strip() == ","
            and nxt.first_token not in state.initial_tokens
            and not inside_capitalised_run(state, cand.start, cand.end)
            and not LIST_GOES_ON.match(text, nxt.end)
        )
        if not (nxt.is_admin or county):
            continue
        if county and strength(nxt) < 1:
            set_cue(nxt, f"{cand.surface},", "county_of_place")  # the county of a named place
        if not _LINK_GAP.fullmatch(gap) or strength(cand) >= 2:
            continue
        if "," not in gap and all(state.common(w) for w in TOKEN_PATTERN.findall(cand.surface)):
            continue  # "Police in Leeds", "Residents in Ohio": a common noun, not a place
        set_cue(cand, f"{gap.strip()} {nxt.surface}".strip(), "admin_after")


def _lists(state: State) -> None:
    """A name listed with another gazetteer name ("Ashford, Dover and Deal", "Leeds/Hull") is
    evidence that both are the same kind of thing; the fit weighs it (people are listed too)."""
    cands = state.candidates
    for left, right in zip(cands, cands[1:], strict=False):
        if left.fact or right.fact or left.kind != right.kind:
            continue
        if _LIST_GAP.fullmatch(state.text[left.end : right.start]):
            left.evidence["listed_with_name"] = 1.0
            right.evidence["listed_with_name"] = 1.0
