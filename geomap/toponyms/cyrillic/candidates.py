"""Candidates in Ukrainian and Russian text: inflected names matched through their nominatives.

At every capitalised Cyrillic word the longest run of words whose nominatives (`morphology.read`)
spell a known name is a candidate: Херсоні -> херсон, Сумській області -> сумська область,
Кривого Рогу -> кривий ріг, Нью-Йорке -> нью-йорк. A name's later words may be lower case
(область, район, республіка; "Тринидад и Тобаго"). A relational adjective of a place in lower
case (российских, українських) is typed as a demonym, as English "Russian" is. A capitalised word
after a settlement cue (с., м., смт, пгт, село) that no gazetteer knows is a candidate of its own:
the cue says it names a place (с. Варачине).

Each candidate carries the name the gazetteer is asked for (`Candidate.name`) and evidence for
the fitted decision (`features`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geomap.toponyms.cyrillic.lexicon import Lexicon
from geomap.toponyms.cyrillic.morphology import Reading, read
from geomap.toponyms.cyrillic.names import CyrillicNames, cyrillic_names, word_key
from geomap.toponyms.state import State

MAX_WORDS = 5
_CYRILLIC_UPPER = re.compile(r"[А-ЯЁІЇЄҐ]")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]")
# Lower-case words that continue a name ("Тринидад и Тобаго", "Ростов на Дону" written apart).
_NAME_JOINERS = frozenset({"і", "й", "та", "и", "на", "де", "да"})
_QUOTES_OPEN = '«„“"'
_SPACE_GAP = re.compile(r"[ \t\u00a0]+")


@dataclass(slots=True)
class TokenView:
    """The words of the state's Doc as this component needs them, with readings on demand."""

    state: State
    lang_of_token: list[str]

    def word(self, i: int) -> str:
        return self.state.tokens.words[i]

    def reading(self, i: int) -> Reading:
        lang = self.lang_of_token[i]
        # A word of an English paragraph next to a Cyrillic name is read as the article's.
        return read(self.word(i), lang if lang != "en" else self.state.doc.lang)

    def joined(self, left: int, right: int) -> bool:
        """Tokens left and right are separated by spaces only (one name may go on)."""
        if right >= len(self.state.tokens):
            return False
        gap = self.state.text[self.state.tokens.ends[left] : self.state.tokens.starts[right]]
        return bool(_SPACE_GAP.fullmatch(gap))


def is_cyrillic_capitalised(word: str) -> bool:
    return bool(_CYRILLIC_UPPER.match(word))


def _forms(view: TokenView, i: int) -> tuple[str, ...]:
    return tuple(dict.fromkeys(word_key(f) for f in view.reading(i).forms))


def longest_name(view: TokenView, names: CyrillicNames, i: int) -> tuple[int, str] | None:
    """(last token, key) of the longest known name starting at token i, by nominatives."""
    best: tuple[int, str] | None = None
    best_strength = -1
    prefixes = [""]
    j = i
    while prefixes and j < len(view.state.tokens) and j - i < MAX_WORDS:
        if j > i:
            if not view.joined(j - 1, j):
                break
            word = view.word(j)
            if not (_CYRILLIC_WORD.match(word) or word.isdigit()):
                break
        next_prefixes = []
        word = view.word(j)
        forms = (word.lower(),) if word.lower() in _NAME_JOINERS and j > i else _forms(view, j)
        for prefix in prefixes:
            for form in forms:
                key = prefix + form
                hit = names.get(key)
                if hit is not None:
                    # the longest name; among readings of the same words the strongest place
                    # (Донецька: the city Донецьк, not a village Донецьке; Львові: Львів)
                    strength = _strength(hit.entry)
                    if best is None or j > best[0] or strength > best_strength:
                        best, best_strength = (j, key), strength
                if names.has_prefix(key + " "):
                    next_prefixes.append(key + " ")
        prefixes = next_prefixes
        j += 1
    return best


def _strength(entry) -> int:
    major = bool(entry.kinds & {"country", "admin1", "region"})
    return (10**9 if major else 0) + entry.max_population


class CyrillicCandidates:
    """Adds a candidate for every known name (in any case form) of a Cyrillic text."""

    name = "candidates"

    def __init__(self, lang_of_token) -> None:
        self.lang_of_token = lang_of_token

    def __call__(self, state: State) -> State:
        langs = self.lang_of_token(state)
        view = TokenView(state, langs)
        tokens = state.tokens
        text = state.text
        i = 0
        n = len(tokens)
        while i < n:
            lang = langs[i]
            word = tokens.words[i]
            if lang == "en" or not _CYRILLIC_WORD.match(word):
                i += 1
                continue
            names = cyrillic_names(state.gazetteer, lang)
            lexicon = names._lexicon
            if is_cyrillic_capitalised(word):
                found = longest_name(view, names, i)
                if found is not None:
                    last, key = found
                    hit = names.get(key)
                    cand = state.new_candidate(tokens.starts[i], tokens.ends[last], key, hit.entry)
                    cand.name = hit.lookup
                    if hit.lexicon:
                        cand.evidence["lexicon"] = 1.0
                    if word in lexicon.not_places or word.upper() in lexicon.not_places:
                        cand.fact = "an abbreviation that names no place"
                    state.candidates.append(cand)
                    i = last + 1
                    continue
                if _after_settlement_cue(state, view, lexicon, i):
                    cand = state.new_candidate(tokens.starts[i], tokens.ends[i], "", None, "cue")
                    cand.name = view.reading(i).forms[-1] if view.reading(i).noun else word
                    state.candidates.append(cand)
                    i += 1
                    continue
            reading = view.reading(i)
            if reading.adjective:
                target = next(
                    (lexicon.adjectives[m] for m in reading.lemmas if m in lexicon.adjectives), None
                )
                if target is not None and not _before_region_noun(view, lexicon, i):
                    cand = state.new_candidate(
                        tokens.starts[i], tokens.ends[i], "", None, "adjective"
                    )
                    cand.kind = "demonym"
                    cand.name = target
                    state.candidates.append(cand)
            i += 1
        del text
        return state


def _after_settlement_cue(state: State, view: TokenView, lexicon: Lexicon, i: int) -> bool:
    if i == 0:
        return False
    prev = view.word(i - 1)
    gap = state.text[state.tokens.ends[i - 1] : state.tokens.starts[i]]
    if gap.startswith("."):
        return prev.lower() + "." in lexicon.settlement_cues
    return prev.islower() and any(
        lemma in lexicon.settlement_cues and lexicon.settlement_cues[lemma] in ("city", "village")
        for lemma in view.reading(i - 1).lemmas
    )


def _before_region_noun(view: TokenView, lexicon: Lexicon, i: int) -> bool:
    """An adjective before область, район: part of a unit's name, not a demonym."""
    j = i + 1
    if not view.joined(i, j):
        return False
    return any(lemma in lexicon.region_nouns for lemma in view.reading(j).lemmas)
