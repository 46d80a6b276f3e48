"""One article, tokenised and split into sentences once; every stage annotates the same `Doc`.

The recogniser, the resolver, the event extractor and the claim parser all need the article's
sentences and words. They used to split and tokenise the text again each; a `Doc` does it once,
keeps exact character offsets, and carries what the stages add (mentions, resolutions, events,
claims) plus a per-stage memo for work one stage does and another reuses (the claims parsed in a
sentence are read by the resolver's tie-breaker and by the claim verifier).

Like spaCy's `Doc`, it is plain data with cheap lookups by offset; the stages own the algorithms.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from geomap.records import Article, Claim, Event, Mention, Resolution
from geomap.text import Sentence, split_sentences

__all__ = ["Doc", "Sentence", "make_doc", "TOKEN_PATTERN"]

# A word: letters and digits, with inner hyphens and apostrophes ("Kup'iansk", "al-Bireh",
# "Russia's"); punctuation and spaces are not tokens.
TOKEN_PATTERN = re.compile(r"[^\W_](?:[\w\-]|['’](?=\w))*")
_LOWER_WORD = re.compile(r"(?<![^\W\d_])[a-z]+(?![^\W\d_])")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

T = TypeVar("T")


@dataclass(eq=False)
class Doc:
    """The article's text with its tokens and sentences, and the stages' annotations."""

    article: Article
    lang: str = "en"
    sentences: list[Sentence] = field(default_factory=list)
    token_starts: list[int] = field(default_factory=list)
    token_ends: list[int] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def text(self) -> str:
        return self.article.text

    # --- lookups by offset ----------------------------------------------------------------

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence that holds (or last started before) `offset`."""
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    def sentence_at(self, offset: int) -> Sentence | None:
        if not self.sentences:
            return None
        return self.sentences[self.sentence_index(offset)]

    def token_at(self, offset: int) -> int:
        """Index of the token that contains `offset`, or of the first token after it."""
        i = bisect.bisect_right(self.token_starts, offset) - 1
        if i >= 0 and self.token_ends[i] > offset:
            return i
        return i + 1

    def token_range(self, start: int, end: int) -> range:
        """Indices of the tokens that start inside [start, end)."""
        return range(
            bisect.bisect_left(self.token_starts, start), bisect.bisect_left(self.token_starts, end)
        )

    def sentence_token_range(self, index: int) -> range:
        sentence = self.sentences[index]
        return self.token_range(sentence.start, sentence.end)

    @cached_property
    def paragraph_of_sentence(self) -> list[int]:
        """Paragraph number (0-based, blank lines separate paragraphs) of every sentence."""
        breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(self.text)]
        return [bisect.bisect_right(breaks, s.start) for s in self.sentences]

    @cached_property
    def lower_words(self) -> frozenset[str]:
        """Words the article itself writes in lower case: a capitalised one of them is a
        common word at a sentence start, not a name."""
        return frozenset(_LOWER_WORD.findall(self.text))

    def mentions_in(self, start: int, end: int) -> Iterator[Mention]:
        for m in self.mentions:
            if start <= m.start and m.end <= end:
                yield m

    # --- memo shared by the stages --------------------------------------------------------

    def memo(self, key: str, make: Callable[[], T]) -> T:
        """`make()` once per Doc under `key` (a stage's name first: "claims.parsed")."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = make()
            return value


def make_doc(source: str | Article | Doc, *, lang: str | None = None) -> Doc:
    """A `Doc` for an article (or a bare text); a `Doc` is returned as it is. The language is
    read from the text (`geomap.lang`) unless given."""
    if isinstance(source, Doc):
        return source
    article = source if isinstance(source, Article) else Article(id="", title="", text=source)
    text = article.text
    if lang is None:
        from geomap.lang import detect_language

        lang = detect_language(text)
    spans = [m.span() for m in TOKEN_PATTERN.finditer(text)]
    return Doc(
        article=article,
        lang=lang,
        sentences=split_sentences(text),
        token_starts=[a for a, _ in spans],
        token_ends=[b for _, b in spans],
        words=[text[a:b] for a, b in spans],
    )
