"""People: the tokens of person names, and how each is known to be one.

A person's name is found by grammar, not by a list of people: a title or kin noun before a run
of capitalised words ("Defence Minister Olena Hrytsenko", "his cousin Tobias"), a given name
before a capitalised word ("Marta Kowalczyk"), a single capitalised word that speaks ("Ortega
said", "said Ilves."). Every word of a name so introduced is that person's wherever the article
uses it again ("Hrytsenko's visit"). Each token is marked with the evidence that found it
("title", "given name", "after given name", "speaker", "surname"); the decision weighs these
as features, so a place that is also a given name is not vetoed by a list.
"""

from __future__ import annotations

import bisect
import re

from geomap.toponyms import frequency, lexicon
from geomap.toponyms.index import match_key
from geomap.toponyms.state import STRONG_POPULATION, State, is_capitalised

TITLE = "title"
GIVEN_NAME = "given name"
AFTER_GIVEN_NAME = "after given name"
SPEAKER = "speaker"
SURNAME = "surname"

_SPEECH_WORD = re.compile(rf"\b(?:{'|'.join(sorted(lexicon.SPEECH_VERBS))})\b")


class People:
    """Marks person-name tokens in `state.person_tokens` (token -> evidence)."""

    name = "people"

    def __call__(self, state: State) -> State:
        _mark(state)
        return state


def _mark(state: State) -> None:
    tokens = state.tokens
    words = tokens.words
    titles, kin = lexicon.PERSON_TITLES, lexicon.KINSHIP_NOUNS
    surnames: set[str] = set()
    interesting = [i for i, w in enumerate(words) if w[0].isupper() or w in titles or w in kin]
    marks = state.person_tokens
    next_free = 0
    for i in interesting:
        if i < next_free:
            continue
        base = tokens.base(i)
        run, start, evidence = 0, i + 1, TITLE
        if (base.lower() in titles or words[i] in kin) and _next_is_name(state, i):
            run = _name_run(state, i + 1)
        elif (
            words[i] in kin
            and state.text.startswith(", ", tokens.ends[i])
            and i + 1 < len(tokens)
            and tokens.starts[i + 1] == tokens.ends[i] + 2
            and is_capitalised(words[i + 1])
        ):
            run = _name_run(state, i + 1)  # "Ortega's sister, Lucia, said ..."
        elif (
            frequency.given_name(base, state.doc.lang) > 0
            and not (i in state.initial_tokens and state.common(base))
            and is_capitalised(base)
            and not base.isupper()
            and base == words[i]  # "Jordan's Foreign Minister": a possessive ends a name
            and _next_is_name(state, i)
            and not _place_continues(state, i)
        ):
            run, start, evidence = 1 + _name_run(state, i + 1), i, GIVEN_NAME
        if run and words[i] in kin and words[i].endswith("s"):
            run += _coordinated_name(state, start + run)  # "sons Rafe and Milo"
        if not run:
            continue
        for j in range(start, start + run):
            if evidence == GIVEN_NAME:
                marks[j] = GIVEN_NAME if j == start else AFTER_GIVEN_NAME
            else:
                marks[j] = TITLE
        # every word of a name introduced by a title is that person's ("Governor Ana Lucero
        # ... Lucero's office"); after a given name, only the last word (the surname)
        last = start + run - 1
        for j in range(start if evidence == TITLE else last, last + 1):
            word = tokens.base(j)
            # a common word is a name only as the surname of a named person ("Judge Amy
            # Field"), not as one word after a title ("Director Field")
            common = state.common(word) and (run < 2 or evidence != TITLE)
            if not common and (j == last or not state.major_place(word)):
                surnames.add(word)
        next_free = start + run
    speakers = _speakers(state)
    for j in interesting:
        base = tokens.base(j)
        if j not in marks and base in speakers:
            marks[j] = SPEAKER
        elif j not in marks and base in surnames:
            marks[j] = SURNAME


def _next_is_name(state: State, i: int) -> bool:
    j = i + 1
    if j >= len(state.tokens) or not state.adjacent(i, j):
        return False
    lower = state.tokens.base(j).lower()
    return (
        is_capitalised(state.tokens.base(j))
        and lower not in lexicon.NAME_FUNCTION_WORDS
        and lower not in lexicon.PLACE_CONTINUATIONS
        and lower not in lexicon.WEEKDAYS
        and lower not in lexicon.MONTHS
    )


def _name_run(state: State, j: int, limit: int = 3) -> int:
    """Length of the run of capitalised name words starting at token j."""
    tokens = state.tokens
    n = 0
    while j + n < len(tokens) and n < limit:
        base = tokens.base(j + n)
        lower = base.lower()
        if not is_capitalised(base) or lower in lexicon.NAME_FUNCTION_WORDS:
            break
        if lower in lexicon.WEEKDAYS or lower in lexicon.MONTHS:
            break
        if n and not state.adjacent(j + n - 1, j + n):
            break
        n += 1
        if tokens.possessive(j + n - 1):  # a possessive ends the name
            break
    return n


def _coordinated_name(state: State, j: int) -> int:
    """Tokens to add to a name run for "... and <Name>" right after it (0 if none)."""
    words = state.tokens.words
    if j + 1 < len(words) and words[j] == "and" and is_capitalised(words[j + 1]):
        return 2 if state.adjacent(j - 1, j) and state.adjacent(j, j + 1) else 0
    return 0


def _place_continues(state: State, i: int) -> bool:
    """Whether a given name at token i begins a place's name rather than a person's ("Georgia
    Avenue", "Jordan Valley"): the two words together are a gazetteer name, or the first is a
    country or first-level region and the second a common word."""
    first, second = state.tokens.base(i), state.tokens.base(i + 1)
    if state.index.get(match_key(f"{first} {second}")) is not None:
        return True
    entry = state.index.get(match_key(first))
    if entry is None:
        return False
    second_entry = state.index.get(match_key(second))
    if second_entry is not None and "country" in second_entry.kinds:
        # "Will Spain", "May Poland": a given name that is also a common word before a country
        # is the word; "Chris Jordan", "Alice Chad" are people.
        return state.common(first)
    return bool(entry.kinds & {"country", "admin1"}) and state.common(second)


def _speakers(state: State) -> set[str]:
    """Single capitalised words that speak ("Ortega says", "said Ilves."): people, unless a
    major place speaks for its government ("Warsaw said"). Learned for the whole article."""
    out: set[str] = set()
    text = state.text
    tokens = state.tokens
    words = tokens.words
    for m in _SPEECH_WORD.finditer(text):
        verb = bisect.bisect_left(tokens.starts, m.start())
        for i, subject_first in ((verb - 1, True), (verb + 1, False)):
            if not 0 <= i < len(words) or not state.adjacent(min(i, verb), max(i, verb)):
                continue
            word = words[i]
            if not word[0].isupper() or word.isupper() or len(word) < 3:
                continue
            if "'" in word or "’" in word:
                continue
            if i > 0 and state.adjacent(i - 1, i) and is_capitalised(words[i - 1]):
                continue  # the last word of a longer name: the title/given-name rules judge it
            if not subject_first and text[tokens.ends[i] : tokens.ends[i] + 1] not in ".,;":
                continue  # "said Ilves." but not "said Warsaw officials"
            if i in state.initial_tokens and state.common(word):
                continue  # "Officials said", "Police say"
            if subject_first and i > 0 and words[i - 1] in lexicon.PLACE_PREPOSITIONS:
                continue  # "a man who came from Leeds said": the place ends a clause
            if not _speaks_for_a_government(state, word):
                out.add(word)
    return out


def _speaks_for_a_government(state: State, word: str) -> bool:
    """A country or a city of 100,000 speaking is its government; a first-level region that is
    not also a given name speaks for its government too ("Bavaria says")."""
    entry = state.index.get(match_key(word))
    if entry is None:
        return False
    if "country" in entry.kinds or entry.max_population >= STRONG_POPULATION:
        return True
    return "admin1" in entry.kinds and frequency.given_name(word, state.doc.lang) == 0
