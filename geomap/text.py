"""Sentence splitting shared by the recogniser, the event extractor and the claim parser.

A rule-based splitter is enough for news prose and keeps offsets exact: every `Sentence` carries
its character span in the article text, so records built from it point back into the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geomap import lexicon as word_lists

# Abbreviations after which a period does not end a sentence (lower-cased, without the period).
_ABBREVIATIONS = word_lists.words("sentence_abbreviations") | word_lists.month_abbreviations()

# Only the last word before a period decides whether it is an abbreviation; looking at a bounded
# tail keeps splitting linear when a long line has many periods that are not boundaries.
_ABBREVIATION_WINDOW = 40
# The last word before the final period, matched on the reversed tail: anchored at its start,
# so the cost is the length of that word (a search for `...\.\s*$` retries every position).
_LAST_WORD_REVERSED = re.compile(r"\s*\.([\w.]+)\b")

# The longest sentence in the GeoWebNews and LGL news corpora has 774 characters.
MAX_SENTENCE_CHARS = 1000

_BOUNDARY = re.compile(r"""[.!?…]+["'”’)\]]*\s+|\n\s*\n+|\n(?=\s*[\"“A-Z0-9])""")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


def _ends_with_abbreviation(chunk: str) -> bool:
    match = _LAST_WORD_REVERSED.match(chunk[::-1])
    if not match:
        return False
    word = match.group(1)[::-1].lower()
    # Single capital initials ("J. Smith") and known abbreviations do not end sentences.
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences with exact character offsets (whitespace trimmed)."""
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if "\n" not in match.group(0):  # not a paragraph break
            following = text[end : end + 1]
            # "6.5 km", "U.S. officials": a period followed by a lower-case letter is no boundary.
            if following and following.islower():
                continue
            tail_start = max(start, match.start() + 1 - _ABBREVIATION_WINDOW)
            if _ends_with_abbreviation(text[tail_start : match.start() + 1]):
                continue
        _append(sentences, text, start, end)
        start = end
    _append(sentences, text, start, len(text))
    return sentences


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    # A "sentence" this long is not prose (a table, a list, a line without punctuation). It is cut
    # at spaces so that no stage's per-sentence work grows with the length of the whole text.
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        if cut == -1:
            cut = start + MAX_SENTENCE_CHARS
        _append(out, text, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))
