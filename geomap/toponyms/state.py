"""What the recognition components share: a view of the `Doc`, the candidates, their evidence.

The recogniser is a chain of components (`geomap.toponyms.recogniser`); each reads and annotates
one `State`. The state never tokenises: its tokens, sentences and offsets are the `Doc`'s, and
what it adds (which tokens open a sentence, which belong to a person's name, the candidates and
the evidence found for each) is computed once and read by the later components.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from geomap.doc import Doc
from geomap.toponyms import frequency
from geomap.toponyms.index import IndexEntry, NameIndex, match_key

if TYPE_CHECKING:
    from geomap.gazetteer.protocol import GazetteerProtocol

MAJOR_KINDS = frozenset({"country", "admin1", "region", "water", "continent", "landform"})
STRONG_POPULATION = 100_000
MEDIUM_POPULATION = 10_000
MAJOR_CITY_POPULATION = 1_000_000


def strip_possessive(word: str) -> str:
    if word[-2:] in ("’s", "'s"):
        return word[:-2]
    return word


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


@dataclass(slots=True)
class Candidate:
    """A span that may name a place, and the evidence the components found for it."""

    start: int
    end: int
    surface: str
    key: str
    entry: IndexEntry | None
    first_token: int
    last_token: int
    sentence_index: int
    initial: bool = False  # opens a sentence, a quotation or a headline in title case
    origin: str = "index"  # "index" (a gazetteer name), "given" (a caller's span), or the rule
    kind: str = "toponym"  # toponym | demonym | facility
    cue: str = ""  # the cue words as written ("city of", "region", "in", "dateline")
    cue_type: str = ""  # the feature the cue gives (see features.CUE_TYPES)
    hint: str = ""  # "city" | "region" | "village" | ... for the resolver
    evidence: dict[str, float] = field(default_factory=dict)  # named evidence, 0..1
    fact: str = ""  # a fact that rules it out whatever the weights say ("a month")
    person: str = ""  # how its words are known to be a person's name ("title", ...), if so
    probability: float = 0.0
    reason: str = ""  # why it was accepted: the rule, or the features that decided it
    context_country: str = ""
    context_admin1: str = ""
    name: str = ""  # the name to look up when the surface is inflected (Херсоні -> херсон)

    @property
    def kinds(self) -> frozenset[str]:
        return self.entry.kinds if self.entry else frozenset()

    @property
    def population(self) -> int:
        return self.entry.max_population if self.entry else 0

    @property
    def is_country(self) -> bool:
        return "country" in self.kinds

    @property
    def is_admin(self) -> bool:
        return bool(self.kinds & {"country", "admin1"}) or self.hint == "region"

    @property
    def tier(self) -> str:
        """How strong the gazetteer's evidence is on its own: a country, region or city of
        100,000 ("strong"), a county or town of 10,000 ("medium"), anything else ("weak")."""
        if self.kinds & MAJOR_KINDS or self.population >= STRONG_POPULATION:
            return "strong"
        if "admin2" in self.kinds or self.population >= MEDIUM_POPULATION:
            return "medium"
        return "weak"

    @property
    def accepted(self) -> bool:
        return bool(self.reason)


class Tokens:
    """The Doc's word tokens as parallel arrays, with the possessive-stripped base of a word
    made only for the positions the components look at."""

    __slots__ = ("starts", "ends", "words", "_bases")

    def __init__(self, doc: Doc) -> None:
        self.starts = doc.token_starts
        self.ends = doc.token_ends
        self.words = doc.words
        self._bases: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.starts)

    def base(self, i: int) -> str:
        """The word at token i without a possessive "'s"."""
        base = self._bases.get(i)
        if base is None:
            base = self._bases[i] = strip_possessive(self.words[i])
        return base

    def possessive(self, i: int) -> bool:
        return self.base(i) != self.words[i]


@dataclass(slots=True)
class State:
    """The article as the recogniser sees it, and what the components have found so far."""

    doc: Doc
    index: NameIndex
    gazetteer: GazetteerProtocol
    tokens: Tokens
    initial_tokens: set[int] = field(default_factory=set)
    titlecase_sentences: set[int] = field(default_factory=set)
    # token -> how it is known to be part of a person's name ("title", "given name", ...)
    person_tokens: dict[int, str] = field(default_factory=dict)
    candidates: list[Candidate] = field(default_factory=list)
    accepted: list[Candidate] = field(default_factory=list)
    text: str = ""  # the Doc's, kept at hand: the components read it thousands of times
    sentences: list = field(default_factory=list)

    def __post_init__(self) -> None:
        self.text = self.doc.text
        self.sentences = self.doc.sentences

    @property
    def lower_words(self) -> frozenset[str]:
        return self.doc.lower_words

    def common(self, word: str) -> bool:
        """A common word: one the language writes in lower case (the frequency list) or that
        this article itself writes in lower case."""
        lower = word.lower()
        return lower in self.lower_words or frequency.zipf(lower, self.doc.lang) > 0

    def major_place(self, word: str) -> bool:
        """A country, a first-level region or a city of 100,000 or more."""
        entry = self.index.get(match_key(word))
        return entry is not None and (
            bool(entry.kinds & {"country", "admin1"}) or entry.max_population >= STRONG_POPULATION
        )

    def place_word(self, word: str) -> bool:
        """A major place (of any major kind) or a town of 10,000 or more."""
        entry = self.index.get(match_key(strip_possessive(word)))
        return entry is not None and (
            bool(entry.kinds & MAJOR_KINDS) or entry.max_population >= MEDIUM_POPULATION
        )

    def token_at(self, offset: int) -> int:
        return self.doc.token_at(offset)

    def sentence_index(self, offset: int) -> int:
        return self.doc.sentence_index(offset)

    def adjacent(self, left: int, right: int) -> bool:
        """Tokens `left` and `right` are separated by spaces only, on one line."""
        if left < 0 or right >= len(self.tokens):
            return False
        gap = self.text[self.tokens.ends[left] : self.tokens.starts[right]]
        return gap != "" and gap.strip(" \t") == ""

    def new_candidate(
        self, start: int, end: int, key: str, entry: IndexEntry | None, origin: str = "index"
    ) -> Candidate:
        """A candidate for text[start:end] with its tokens, sentence and capitalisation."""
        sentence_index = self.sentence_index(start) if self.sentences else 0
        first = self.token_at(start)
        cand = Candidate(
            start=start,
            end=end,
            surface=self.text[start:end],
            key=key,
            entry=entry,
            first_token=first,
            last_token=self.token_at(max(start, end - 1)),
            sentence_index=sentence_index,
            origin=origin,
        )
        cand.initial = first in self.initial_tokens or sentence_index in self.titlecase_sentences
        return cand

    def set_span(self, cand: Candidate, start: int, end: int) -> None:
        cand.start, cand.end = start, end
        cand.surface = self.text[start:end]
        cand.first_token = self.token_at(start)
        cand.last_token = self.token_at(max(start, end - 1))
