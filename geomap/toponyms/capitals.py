"""English capitalisation: which capitals say nothing about a name.

English capitalises names, so a capital letter is evidence, except where the language
capitalises every word: at a sentence's start, after an opening quotation mark, colon or dash,
and in a headline written in title case. This component marks those places; another language
swaps it for its own (Ukrainian and Russian capitalise neither demonyms nor headlines).
"""

from __future__ import annotations

import bisect
import re

from geomap.toponyms import lexicon
from geomap.toponyms.state import State

_CLAUSE_OPENING = re.compile(r"[“\"‘(\[—–:]\s*(?=[^\W\d_])")


class EnglishCapitals:
    """Marks sentence-initial tokens and title-case sentences (headlines)."""

    name = "capitals"

    def __call__(self, state: State) -> State:
        starts = state.tokens.starts
        words = state.tokens.words
        for si, sentence in enumerate(state.sentences):
            first = bisect.bisect_left(starts, sentence.start)
            if first < len(words):
                state.initial_tokens.add(first)
            last = bisect.bisect_left(starts, sentence.end)
            if is_titlecase(words[first:last], sentence.text):
                state.titlecase_sentences.add(si)
        for m in _CLAUSE_OPENING.finditer(state.text):
            state.initial_tokens.add(bisect.bisect_left(starts, m.end()))
        return state


def is_titlecase(words: list[str], sentence: str) -> bool:
    """A headline in title case: most long words capitalised. A sentence that ends like prose
    must be almost all capitals ("Leeds United beat Everton, The Daily Mail said." is prose)."""
    long_words = [w for w in words if len(w) >= 4 and w.isalpha()]
    if len(long_words) < 3:
        return False
    minor = lexicon.TITLE_MINOR_WORDS
    if any(w.isalpha() and w.islower() and len(w) >= 3 and w not in minor for w in words):
        return False  # "Ministers met Macron in Lyon": title case would write "Met"
    share = sum(1 for w in long_words if w[0].isupper()) / len(long_words)
    ends_like_prose = sentence.rstrip()[-1:] in ".!?\"”'’"
    return share >= (0.9 if ends_like_prose else 0.7)
