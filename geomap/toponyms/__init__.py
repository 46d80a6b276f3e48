"""Finding place mentions in an article: gazetteer-driven matching plus linguistic rules.

One pass over the capitalised word starts finds every gazetteer name in the text (longest
match wins, whole words only). Each match then has to earn its place:

- it must be capitalised (English news capitalises place names);
- person names are vetoed: a title before a run of capitalised words ("Defence Minister Rustem
  Umerov"), a known given name before a capitalised word ("Rory Challands"), and any later use of
  a surname learned that way ("Peskov said");
- organisations and media are vetoed by how they are used ("told X", "X news agency",
  "said on X", "X reported", "X's <person>"), as are words inside a longer capitalised name
  ("Real Madrid", "Manchester United");
- weekdays and months are never places;
- the weaker the gazetteer evidence (a common English word, a tiny village, a sentence-initial
  word), the stronger the cue it needs ("the village of X", "X region", "in X", "X, Y region").

Demonyms and adjectives ("Ukrainian") become `Mention(kind="demonym")`. The words right around a
mention give the resolver its hard context: "Varachyne in Ukraine's northeast Sumy region"
yields context_country="UA" and context_admin1="Sumy" for Varachyne.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from geomap.doc import TOKEN_PATTERN, Doc, make_doc
from geomap.records import Article, Mention
from geomap.toponyms import lexicon
from geomap.toponyms.index import IndexEntry, NameIndex, match_key, name_index

if TYPE_CHECKING:
    from geomap.gazetteer.protocol import GazetteerProtocol

__all__ = ["find_mentions", "mentions_at", "name_index", "match_key"]

_TOKEN = TOKEN_PATTERN
_DATELINE_AFTER = re.compile(r"\s*(?:,|\(|—|–|-\s)")
_CLAUSE_OPENING = re.compile(r"[“\"‘(\[—–:]\s*(?=[^\W\d_])")


def _strip_possessive(word: str) -> str:
    if word[-2:] in ("’s", "'s"):
        return word[:-2]
    return word


_MAJOR_KINDS = frozenset({"country", "admin1", "region", "water", "continent", "landform"})
_STRONG_POPULATION = 100_000
_MEDIUM_POPULATION = 10_000
_MAJOR_CITY_POPULATION = 1_000_000

_FEATURE_NOUN_CUE = re.compile(
    r"\b("
    + "|".join(sorted(lexicon.FEATURE_NOUNS, key=len, reverse=True))
    + r")\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_RELATIVE_CUE = re.compile(
    r"\b("
    + "|".join(sorted(lexicon.RELATIVE_POSITION_WORDS, key=len, reverse=True))
    + r")\s+of\s+$",
    re.IGNORECASE,
)
_REGION_AFTER = re.compile(
    r"^[ \t]+(" + "|".join(sorted(lexicon.REGION_GENERICS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_PREPOSITION_BEFORE = re.compile(r"\b([a-z]+)\s+(?:the\s+)?$")
_UNKNOWN_BY_NOUN = re.compile(
    r"\b(city|town|village|settlement|hamlet)\s+of\s+"
    r"((?:[A-Z][\w’'\-]+)(?:[ \t]+[A-Z][\w’'\-]+){0,2})"
)
_UNKNOWN_BY_REGION = re.compile(
    r"\b([A-Z][\w\-]+)[ \t]+(region|oblast|Oblast|province|raion|governorate)\b"
)


def _conflict_cue_pattern() -> re.Pattern[str]:
    """A name after conflict reporting's words ("shelling hit X", "drones struck X", "fighting
    went on near X and Y", "shelled X"), and any name a list continues after it ("near X, Y
    and Z")."""
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

# "London-based", "Kent-born": a hyphenated participle of location after a name.
_BASED_AFTER = re.compile(r"-(?:based|born|headquartered|registered|bound)\b")


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str
    base: str  # without a possessive "'s"


class _Tokens:
    """The article's word tokens, kept as parallel arrays; `_Token` objects are made only for
    the few positions the rules look at (most words are never inspected)."""

    __slots__ = ("starts", "ends", "words", "_made")

    def __init__(self, doc: Doc) -> None:
        self.starts = doc.token_starts
        self.ends = doc.token_ends
        self.words = doc.words
        self._made: dict[int, _Token] = {}

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i: int) -> _Token:
        token = self._made.get(i)
        if token is None:
            if i < 0:
                raise IndexError(i)
            word = self.words[i]
            token = _Token(self.starts[i], self.ends[i], word, _strip_possessive(word))
            self._made[i] = token
        return token


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    surface: str
    key: str
    entry: IndexEntry | None
    first_token: int
    last_token: int
    sentence_index: int
    initial: bool = False
    cue: str = ""
    cue_strength: int = 0  # 0 none, 1 preposition/coordination, 2 noun cue or admin context
    hint: str = ""
    veto: str = ""
    hard_veto: bool = False
    accepted_by: str = ""
    kind: str = "toponym"
    context_country: str = ""
    context_admin1: str = ""

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
        if self.kinds & _MAJOR_KINDS or self.population >= _STRONG_POPULATION:
            return "strong"
        if "admin2" in self.kinds or self.population >= _MEDIUM_POPULATION:
            return "medium"
        return "weak"


@dataclass(slots=True)
class _Doc:
    text: str
    tokens: _Tokens
    token_starts: list[int]
    sentences: list[Any]
    sentence_starts: list[int]
    initial_tokens: set[int]
    titlecase_sentences: set[int]
    lower_words: frozenset[str]
    person_tokens: set[int] = field(default_factory=set)


def find_mentions(source: Article | Doc, gazetteer: GazetteerProtocol) -> list[Mention]:
    """Every place-name span of the article's text, in text order."""
    shared = make_doc(source)
    if not shared.text.strip():
        return []
    index = name_index(gazetteer)
    doc = _analyse(shared)
    _mark_persons(doc, index)
    candidates = _candidates(doc, index)
    for cand in candidates:
        _find_cues(doc, cand)
        _find_vetoes(doc, cand, index)
    _link_neighbours(doc, candidates)
    for cand in candidates:
        _decide(doc, cand)
    _accept_by_document_support(candidates)
    accepted = [c for c in candidates if c.accepted_by]
    accepted = _feature_names(doc, accepted, index)
    accepted = _comma_names(doc, accepted, index)
    _compass_parts(doc, accepted)
    accepted.extend(_unknown_names(doc, accepted, index))
    accepted.sort(key=lambda c: c.start)
    _attach_context(doc, accepted, gazetteer)
    return [_to_mention(doc, c) for c in accepted]


def mentions_at(
    source: Article | Doc, spans: Iterable[tuple[int, int]], gazetteer: GazetteerProtocol
) -> list[Mention]:
    """Mentions for spans someone else found (gold annotations, another recogniser), with the
    typing, cues and context `find_mentions` gives its own: "Canadian" is a demonym, "Tacoma,
    Washington" puts Tacoma in Washington state. The spans are kept as given, in input order."""
    shared = make_doc(source)
    text = shared.text
    index = name_index(gazetteer)
    doc = _analyse(shared)
    cands: list[_Candidate] = []
    for start, end in spans:
        key = match_key(text[start:end])
        cand = _new_candidate(doc, start, end, key, index.get(key))
        last_token = cand.last_token
        if key:
            _find_cues(doc, cand)
        # A cue may widen the span ("Sumy" + " region"); the caller's span stands, the hint stays.
        cand.end, cand.surface, cand.last_token = end, text[start:end], last_token
        cands.append(cand)
    order = sorted(range(len(cands)), key=lambda i: (cands[i].start, cands[i].end))
    _attach_context(doc, [cands[i] for i in order], gazetteer)
    return [_to_mention(doc, c) for c in cands]


# --- text analysis --------------------------------------------------------------------------


def _analyse(shared: Doc) -> _Doc:
    text = shared.text
    tokens = _Tokens(shared)
    starts = tokens.starts
    sentences = shared.sentences
    sentence_starts = shared.sentence_starts
    initial: set[int] = set()
    titlecase: set[int] = set()
    for si, sentence in enumerate(sentences):
        first = bisect.bisect_left(starts, sentence.start)
        if first < len(tokens):
            initial.add(first)
        last = bisect.bisect_left(starts, sentence.end)
        if _is_titlecase(tokens.words[first:last], sentence.text):
            titlecase.add(si)
    for m in _CLAUSE_OPENING.finditer(text):
        # a quotation or a clause after a colon or dash starts with a capital
        initial.add(bisect.bisect_left(starts, m.end()))
    return _Doc(
        text, tokens, starts, sentences, sentence_starts, initial, titlecase, shared.lower_words
    )


def _is_titlecase(words: list[str], sentence: str) -> bool:
    """A headline in title case: most long words capitalised. A sentence that ends like prose
    ("Manchester United beat Chelsea, The New York Times reported.") must be almost all capitals."""
    long_words = [w for w in words if len(w) >= 4 and w.isalpha()]
    if len(long_words) < 3:
        return False
    minor = lexicon.TITLE_MINOR_WORDS
    if any(w.isalpha() and w.islower() and len(w) >= 3 and w not in minor for w in words):
        return False  # "Zelensky met Starmer in London": title case would write "Met"
    share = sum(1 for w in long_words if w[0].isupper()) / len(long_words)
    ends_like_prose = sentence.rstrip()[-1:] in ".!?\"”'’"
    return share >= (0.9 if ends_like_prose else 0.7)


def _is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _common(doc: _Doc, word: str) -> bool:
    lower = word.lower()
    return lower in lexicon.common_words() or lower in doc.lower_words


def _token_at(doc: _Doc, offset: int) -> int:
    """Index of the token that contains or starts after `offset`."""
    i = bisect.bisect_right(doc.token_starts, offset) - 1
    if i >= 0 and doc.tokens[i].end > offset:
        return i
    return i + 1


def _adjacent(doc: _Doc, left: int, right: int) -> bool:
    """True when tokens `left` and `right` are separated by spaces only (same line)."""
    if left < 0 or right >= len(doc.tokens):
        return False
    gap = doc.text[doc.tokens[left].end : doc.tokens[right].start]
    return gap != "" and gap.strip(" \t") == ""


# --- persons --------------------------------------------------------------------------------


def _mark_persons(doc: _Doc, index: NameIndex) -> None:
    """Mark the tokens of person names; learn surnames and mark their other uses."""
    tokens = doc.tokens
    first_names = lexicon.first_names()
    surnames: set[str] = set()
    titles = lexicon.PERSON_TITLES
    words = tokens.words
    kin = lexicon.KINSHIP_NOUNS
    interesting = [i for i, w in enumerate(words) if w[0].isupper() or w in titles or w in kin]
    next_free = 0
    for i in interesting:
        if i < next_free:
            continue
        token = tokens[i]
        run = 0
        if (
            token.base.lower() in lexicon.PERSON_TITLES or token.text in lexicon.KINSHIP_NOUNS
        ) and _next_is_name(doc, i):
            run = _name_run(doc, i + 1)
            start = i + 1
        elif (
            token.text in lexicon.KINSHIP_NOUNS
            and doc.text.startswith(", ", token.end)
            and i + 1 < len(tokens)
            and tokens.starts[i + 1] == token.end + 2
            and _is_capitalised(tokens.words[i + 1])
        ):
            run = _name_run(doc, i + 1)  # "Rozen's wife, Julia, has ..."
            start = i + 1
        elif (
            token.base in first_names
            and not (i in doc.initial_tokens and _common(doc, token.base))
            and _is_capitalised(token.base)
            and not token.base.isupper()
            and token.base == token.text  # "Jordan's Foreign Minister": possessive ends a name
            and _next_is_name(doc, i)
            and not _place_continues(doc, i, index)
        ):
            run = 1 + _name_run(doc, i + 1)
            start = i
        if run and token.text in lexicon.KINSHIP_NOUNS and token.text.endswith("s"):
            run += _coordinated_name(doc, start + run)  # "daughters North and Chicago"
        if run:
            for j in range(start, start + run):
                doc.person_tokens.add(j)
            # every word of a name introduced by a title is that person's: "former President
            # Park Geun-hye ... Park's conviction", "Minister Rustem Umerov ... Umerov said"
            last = start + run - 1
            for j in range(start if start == i + 1 else last, last + 1):
                word = tokens[j].base
                # a common word is a name only as the surname of a named person ("President
                # Park Geun-hye"), not as one word after a title ("Director Field")
                common = _common(doc, word) and (run < 2 or start != i + 1)
                if not common and (j == last or not _major_place(index, word)):
                    surnames.add(word)
            next_free = start + run
    surnames |= _speakers(doc, index)
    if surnames:
        for j in interesting:
            if _strip_possessive(words[j]) in surnames:
                doc.person_tokens.add(j)


def _major_place(index: NameIndex, word: str) -> bool:
    """A country, a first-level region or a city of 100,000 or more: nobody's name in news."""
    entry = index.get(match_key(word))
    return entry is not None and (
        bool(entry.kinds & {"country", "admin1"}) or entry.max_population >= _STRONG_POPULATION
    )


_SPEECH_VERB = "|".join(sorted(lexicon.SPEECH_VERBS))
_SPEECH_WORD = re.compile(rf"\b(?:{_SPEECH_VERB})\b")


def _speakers(doc: _Doc, index: NameIndex) -> set[str]:
    """Single capitalised words that speak ("Nelson says", "said Noma."): people, unless a major
    place speaks for its government ("Kyiv said"). Learned for the whole article."""
    out: set[str] = set()
    text = doc.text
    words = doc.tokens.words
    for m in _SPEECH_WORD.finditer(text):
        verb = bisect.bisect_left(doc.token_starts, m.start())
        for i, subject_first in ((verb - 1, True), (verb + 1, False)):
            if not 0 <= i < len(words) or not _adjacent(doc, min(i, verb), max(i, verb)):
                continue
            word = words[i]
            if not word[0].isupper() or word.isupper() or len(word) < 3 or "'" in word:
                continue
            if "’" in word:
                continue
            if i > 0 and _adjacent(doc, i - 1, i) and _is_capitalised(words[i - 1]):
                continue  # the last word of a longer name: the title/first-name rules judge it
            if not subject_first and text[doc.tokens.ends[i] : doc.tokens.ends[i] + 1] not in (
                ".",
                ",",
                ";",
            ):
                continue  # "said Noma." but not "said Kyiv officials"
            if i in doc.initial_tokens and _common(doc, word):
                continue  # "Officials said", "Police say"
            if subject_first and i > 0 and words[i - 1] in lexicon.PLACE_PREPOSITIONS:
                continue  # "Barry, who was from Dewsbury said": the place ends a clause
            if not _speaks_for_a_government(index, word):
                out.add(word)
    return out


def _coordinated_name(doc: _Doc, j: int) -> int:
    """Tokens to add to a name run for "... and <Name>" right after it (0 if none)."""
    words = doc.tokens.words
    if j + 1 < len(words) and words[j] == "and" and _is_capitalised(words[j + 1]):
        return 2 if _adjacent(doc, j - 1, j) and _adjacent(doc, j, j + 1) else 0
    return 0


def _speaks_for_a_government(index: NameIndex, word: str) -> bool:
    """'Kyiv said', 'Russia says': a country or a city of 100,000 or more speaking is its
    government; a region that is also a given name ("Nelson says") is a person."""
    entry = index.get(match_key(word))
    if entry is None:
        return False
    if "country" in entry.kinds or entry.max_population >= _STRONG_POPULATION:
        return True
    return "admin1" in entry.kinds and word not in lexicon.first_names()


def _next_is_name(doc: _Doc, i: int) -> bool:
    j = i + 1
    if j >= len(doc.tokens) or not _adjacent(doc, i, j):
        return False
    word = doc.tokens[j].base
    lower = word.lower()
    return (
        _is_capitalised(word)
        and lower not in lexicon.NAME_FUNCTION_WORDS
        and lower not in lexicon.PLACE_CONTINUATIONS
        and lower not in lexicon.WEEKDAYS
        and lower not in lexicon.MONTHS
    )


def _name_run(doc: _Doc, j: int, limit: int = 3) -> int:
    """Length of the run of capitalised name words starting at token j (titles skipped over)."""
    n = 0
    while j + n < len(doc.tokens) and n < limit:
        token = doc.tokens[j + n]
        lower = token.base.lower()
        if not _is_capitalised(token.base) or lower in lexicon.NAME_FUNCTION_WORDS:
            break
        if lower in lexicon.WEEKDAYS or lower in lexicon.MONTHS:
            break
        if n and not _adjacent(doc, j + n - 1, j + n):
            break
        n += 1
        if token.base != token.text:  # a possessive ends the name
            break
    return n


def _place_continues(doc: _Doc, i: int, index: NameIndex) -> bool:
    """Whether a given name at token i is really a place ("Georgia Avenue", "Israel Defense
    Forces", "Jordan Valley"): the name is a major place and the next word is a common word, or
    the two words together are a gazetteer name."""
    first, second = doc.tokens[i], doc.tokens[i + 1]
    if index.get(match_key(f"{first.base} {second.base}")) is not None:
        return True
    entry = index.get(match_key(first.base))
    if entry is None:
        return False
    major = entry.kinds & {"country", "admin1"}
    second_entry = index.get(match_key(second.base))
    if second_entry is not None and "country" in second_entry.kinds:
        # "Will Russia", "May Ukraine": a given name that is also a common word before a
        # country is the word; "Andrew Jordan", "Michael Jordan" are people.
        return _common(doc, first.base)
    return bool(major) and _common(doc, second.base)


# --- candidates from the automaton ----------------------------------------------------------


def _candidates(doc: _Doc, index: NameIndex) -> list[_Candidate]:
    out: list[_Candidate] = []
    text = doc.text
    for match in index.find(text, capitalised_only=True):
        end = match.end
        if _abbreviation_period(text, match.start, end):
            end += 1  # "U.S.", "D.C.", "Calif.": the period belongs to the abbreviation
        surface = text[match.start : end]
        words = _TOKEN.findall(surface)
        if not all(
            _is_capitalised(w) or w.lower() in lexicon.NAME_FUNCTION_WORDS for w in words[:-1]
        ):
            continue
        if not (_is_capitalised(words[-1]) or words[-1].lower() in lexicon.PLACE_CONTINUATIONS):
            continue
        if all(w.lower() in lexicon.NAME_FUNCTION_WORDS for w in words) and end == match.end:
            continue  # "The", "In": names of function words only are alternate-name artefacts
        dateline = (
            surface.isupper()
            and (match.entry.max_population >= _STRONG_POPULATION or "country" in match.entry.kinds)
            and _caps_dateline(text, match.start, end)
        )  # "BOSTON (Reuters)" - but "UPDATE - Shelling", "REGION: Two soldiers"
        dotted = "." in surface and bool(_DOTTED.fullmatch(surface.rstrip(".")))
        if dotted and text[: match.start].rstrip()[-1:].isdigit():
            continue  # "300 B.C.", "5 p.m.": an era or a time, not a place
        if (
            surface.isupper()
            and not dateline
            and not dotted  # "N.M.", "B.C.": initials, not shouted words
            and _shouted_common_word(doc, words, match.entry.kinds)
        ):
            continue  # "REGION:", "UPDATE -", "KIA": a heading or abbreviation, not a name
        if (
            surface.isupper()
            and len(surface) <= 5
            and not match.entry.kinds & {"country", "region"}  # "UK", "EU", "USSR" are places
            and "." not in surface
            and not _DATELINE_AFTER.match(text, end)
        ):
            continue  # acronyms (AP, NATO) and airport codes; but "KYIV, June 3 (Reuters)"
        out.append(_new_candidate(doc, match.start, end, match.entry.key, match.entry))
    return out


def _new_candidate(
    doc: _Doc, start: int, end: int, key: str, entry: IndexEntry | None
) -> _Candidate:
    """A candidate for text[start:end], with its tokens, sentence, initial flag and demonym
    typing."""
    sentence_index = max(0, bisect.bisect_right(doc.sentence_starts, start) - 1)
    first = _token_at(doc, start)
    cand = _Candidate(
        start=start,
        end=end,
        surface=doc.text[start:end],
        key=key,
        entry=entry,
        first_token=first,
        last_token=_token_at(doc, max(start, end - 1)),
        sentence_index=sentence_index,
    )
    cand.initial = first in doc.initial_tokens or sentence_index in doc.titlecase_sentences
    if entry is not None and "demonym" in entry.kinds:
        cand.kind = "demonym"
    return cand


_CAPS_DATELINE_AFTER = re.compile(r"\)?(?:[ \t]*(?:,|\(|—|–|-\s|:)|[ \t]+[A-Z][a-z])")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")


def _abbreviation_period(text: str, start: int, end: int) -> bool:
    """Whether the period after a match is part of it: dotted initials ("U.S", "D.C") or a short
    capitalised abbreviation after a comma or bracket ("Fresno, Calif.", "Walker County (Ga.)")."""
    if text[end : end + 1] != ".":
        return False
    surface = text[start:end]
    if _DOTTED.fullmatch(surface):
        return True
    before = text[max(0, start - 2) : start]
    return surface in lexicon.period_abbreviations() and (
        before.endswith(", ") or before.endswith("(")
    )


def _caps_dateline(text: str, start: int, end: int) -> bool:
    """'BOSTON (Reuters) -', 'NEW YORK (AP)', 'MANILA, Philippines', 'LONDON Pope Francis': a
    name in capitals opening a line, before a dateline mark or the story's first word."""
    line_start = text.rfind("\n", 0, start) + 1
    opening = text[line_start:start].strip()
    if opening and not (opening.endswith(".") or opening in ("(", "[")):
        return False  # "By Nate Raymond. BOSTON (Reuters)" still opens the story
    return bool(_CAPS_DATELINE_AFTER.match(text, end))


def _shouted_common_word(doc: _Doc, words: list[str], kinds: Any) -> bool:
    """An all-caps word that is a military/casualty abbreviation, or all-caps common English
    words: "REGION:", "UPDATE", "KIA" (killed in action), "WIA". Country names in capitals
    ("UKRAINE") stay names."""
    if " ".join(words) in lexicon.MILITARY_ABBREVIATIONS:
        return True
    if kinds & {"country", "region"}:  # "UKRAINE", "EU"
        return False
    return all(_common(doc, w) for w in words)


_DATELINE_MARK = re.compile(r"\s*(?::|—|–|\(|-\s)")


def _is_dateline(text: str, cand: _Candidate) -> bool:
    """'Muscat: The 10th ...', 'KYIV (Reuters) -': a name opening a paragraph before a colon,
    dash or bracket is the wire dateline, the place the story was filed from."""
    if cand.surface.isupper() and _caps_dateline(text, cand.start, cand.end):
        return True
    line_start = text.rfind("\n", 0, cand.start) + 1
    return not text[line_start : cand.start].strip() and bool(_DATELINE_MARK.match(text, cand.end))


_CAPITALISED_NEXT = re.compile(r"[ \t]+[A-Z][a-z]")


def _office_not_region(doc: _Doc, cand: _Candidate, region: re.Match[str]) -> bool:
    """ "Interior Department", "U.S. District Judge": a unit word after a common word, or one
    that a capitalised word continues, names an office or a title, not a region."""
    generic = region.group(1)
    if generic[:1].isupper() and all(_common(doc, w) for w in _TOKEN.findall(cand.surface)):
        return True
    return _CAPITALISED_NEXT.match(doc.text, cand.end + region.end()) is not None


def _find_cues(doc: _Doc, cand: _Candidate) -> None:
    text = doc.text
    sentence = doc.sentences[cand.sentence_index] if doc.sentences else None
    lo = max(sentence.start if sentence else 0, cand.start - 80)
    before = text[lo : cand.start]
    after = text[cand.end : cand.end + 40]
    if _is_dateline(text, cand):
        cand.cue, cand.cue_strength = "dateline", 2
        return
    region = _REGION_AFTER.match(after)
    if region and _office_not_region(doc, cand, region):
        region = None
    if region:
        generic = region.group(1).lower()
        cand.end += region.end()
        cand.surface = text[cand.start : cand.end]
        cand.last_token = _token_at(doc, cand.end - 1)
        cand.cue, cand.cue_strength = generic, 2
        cand.hint = lexicon.REGION_GENERICS[generic]
        return
    if cand.key.split()[-1] in lexicon.REGION_GENERICS:
        cand.hint = lexicon.REGION_GENERICS[cand.key.split()[-1]]
        cand.cue, cand.cue_strength = cand.key.split()[-1], 2
        return
    noun = _FEATURE_NOUN_CUE.search(before)
    if noun:
        word = noun.group(1).lower()
        cand.cue, cand.cue_strength = f"{word} of", 2
        cand.hint = "" if word == "capital" else lexicon.FEATURE_NOUNS[word]
        return
    relative = _RELATIVE_CUE.search(before)
    if relative:
        cand.cue, cand.cue_strength = f"{relative.group(1).lower()} of", 2
        return
    if _BASED_AFTER.match(after):
        cand.cue, cand.cue_strength = "X-based", 2
        return
    if _CONFLICT_CUE.search(before):
        cand.cue, cand.cue_strength = "conflict report", 2
        return
    prep = _PREPOSITION_BEFORE.search(before)
    if prep and prep.group(1) in lexicon.PLACE_PREPOSITIONS:
        cand.cue, cand.cue_strength = prep.group(1), 1


# --- vetoes ---------------------------------------------------------------------------------


def _find_vetoes(doc: _Doc, cand: _Candidate, index: NameIndex) -> None:
    first_word = doc.tokens[cand.first_token].base if cand.first_token < len(doc.tokens) else ""
    lower = cand.key
    if lower in lexicon.WEEKDAYS or lower in lexicon.MONTHS:
        cand.veto, cand.hard_veto = "weekday or month", True
        return
    if all(i in doc.person_tokens for i in range(cand.first_token, cand.last_token + 1)):
        cand.veto = "person name"
        return
    if cand.kind == "demonym":
        return
    if lower in lexicon.GENERIC_WORDS and not cand.surface.isupper():
        cand.veto, cand.hard_veto = "a generic word, not a name", True
        return
    if lower in lexicon.SEATS_OF_POWER:
        before = doc.text[max(0, cand.start - 20) : cand.start].lower().split()
        if before[-1:] == ["the"]:
            before = before[:-1]
        if not before or before[-1] not in lexicon.LOCATIVE_BEFORE:
            cand.veto, cand.hard_veto = "the government it houses", True
            return
    previous = doc.text[max(0, cand.start - 12) : cand.start].split()[-1:]
    if previous and match_key(f"{previous[0]} {cand.surface}") in lexicon.NOT_PLACE_PHRASES:
        cand.veto, cand.hard_veto = "a phenomenon named like a place", True
        return
    if _after_name_particle(doc, cand, index):
        cand.veto = "a person's name after a particle"
        return
    # Countries and big cities are used metonymically ("Kyiv said", "Russia's Peskov"); for
    # them an organisation-like use is still a mention of the place.
    exempt = "country" in cand.kinds or cand.population >= _MAJOR_CITY_POPULATION
    if not exempt:
        org = _organisation_use(doc, cand)
        if org:
            cand.veto = org
            return
    if "country" not in cand.kinds and _inside_longer_name(doc, cand, index):
        cand.veto = "part of a longer capitalised name"
    del first_word


_NAME_PARTICLE = re.compile(
    r"\b([A-Z][\w’'\-]*)[ \t]+(?:de|da|del|della|di|du|dos|van|von|der|bin|ibn)[ \t]+$"
)


def _after_name_particle(doc: _Doc, cand: _Candidate, index: NameIndex) -> bool:
    """ "Mario de Santiago", "Mohammed bin Rashid": after a given name and a particle, a
    place name is a surname or a father's name. After a place ("Santiago de Chile") it is not."""
    m = _NAME_PARTICLE.search(doc.text, max(0, cand.start - 40), cand.start)
    if m is None:
        return False
    return not _is_place_word(m.group(1), index)


_LEADER_ERA = re.compile(r"[ \t]+administration\b|-era\b")


def _organisation_use(doc: _Doc, cand: _Candidate) -> str:
    text = doc.text
    before = text[max(0, cand.start - 25) : cand.start].lower()
    before = " ".join(before.split())
    for phrase in lexicon.CONTACT_BEFORE:
        if before.endswith(phrase) or before.endswith(phrase + " the"):
            return f"organisation or person ('{phrase} X')"
    for phrase in lexicon.MEDIA_ON_BEFORE:
        if before.endswith(phrase):
            return f"medium ('{phrase} X')"
    after_words = text[cand.end : cand.end + 30].split()
    if after_words:
        nxt = after_words[0].lower().strip(".,;:")
        if nxt in lexicon.ORG_NOUNS_AFTER or (
            nxt == "news"
            and len(after_words) > 1
            and after_words[1].lower() in ("agency", "service")
        ):
            return "organisation or medium ('X news agency')"
        if nxt in lexicon.REPORTING_AFTER and not before.endswith((" in", " from", " at")):
            return "medium ('X reported')"  # but "officials in Belgorod reported"
    # a small namesake only: "the Kherson administration" is the city's
    if _LEADER_ERA.match(text, cand.end) and cand.tier != "strong":
        return "a leader's name ('the X administration', 'X-era')"
    last = doc.tokens[cand.last_token] if cand.last_token < len(doc.tokens) else None
    if last is not None and last.base != last.text and cand.last_token + 1 in doc.person_tokens:
        return "organisation with a person ('X's <name>')"
    return ""


def _inside_longer_name(doc: _Doc, cand: _Candidate, index: NameIndex) -> bool:
    if cand.sentence_index in doc.titlecase_sentences:
        return False
    tokens = doc.tokens
    prev_i, next_i = cand.first_token - 1, cand.last_token + 1
    if prev_i >= 0 and _adjacent(doc, prev_i, cand.first_token):
        prev = tokens[prev_i]
        if (
            _is_capitalised(prev.text)
            and prev.base == prev.text
            and prev.base.lower() not in lexicon.NAME_FUNCTION_WORDS
            # "Eastern Ukraine", "Central Kyiv" - but "Central Park", "Western Union"
            and not (cand.tier == "strong" and prev.base.lower() in lexicon.DIRECTION_ADJECTIVES)
            and prev.base.lower() not in lexicon.PERSON_TITLES
            and not (prev_i in doc.initial_tokens and _common(doc, prev.base))
            and not _is_demonym_word(prev.base, index)
        ):
            return True
    last = tokens[cand.last_token] if cand.last_token < len(tokens) else None
    if (
        last is not None
        and last.base == last.text
        and next_i < len(tokens)
        and _adjacent(doc, cand.last_token, next_i)
    ):
        nxt = tokens[next_i]
        if (
            _is_capitalised(nxt.base)
            and nxt.base.lower() not in lexicon.PLACE_CONTINUATIONS
            and nxt.base.lower() not in lexicon.NAME_FUNCTION_WORDS
            and not _name_boundary(doc, cand, nxt.base)
        ):
            return True
    return False


def _name_boundary(doc: _Doc, cand: _Candidate, nxt: str) -> bool:
    """A capitalised word after a place that does not continue its name: a month or weekday
    ("in Lagos April 4"), a title ("Lagos State Governor"), a change from capitals to mixed case
    ("LONDON Pope Francis"), or a sentence start the punctuation lost ("Honolulu Are there")."""
    lower = nxt.lower()
    if lower in lexicon.WEEKDAYS or lower in lexicon.MONTHS or lower in lexicon.PERSON_TITLES:
        return True
    if doc.text[cand.end : cand.end + 1] == "-":
        return True  # "the Calgary-based Epoch Energy": the hyphen ends the place name
    if cand.surface.isupper() and not nxt.isupper():
        return True
    if cand.tier == "strong" and lower in lexicon.ORGANISATION_WORDS:
        return True  # "the Winnipeg Fire Paramedic Service", "Karnataka Assembly": the place
    return lower in lexicon.SENTENCE_OPENERS


def _is_demonym_word(word: str, index: NameIndex) -> bool:
    entry = index.get(match_key(word))
    return entry is not None and "demonym" in entry.kinds


# --- decisions ------------------------------------------------------------------------------


# A list goes on after a name: "Helen, Clarence, Irene and", "Miami, New York, and Detroit".
_LIST_GOES_ON = re.compile(r",?\s*(?:,|\band\b|\bor\b|&)\s*[A-Z]")


def _link_neighbours(doc: _Doc, candidates: list[_Candidate]) -> None:
    """'X, Y region' / 'X in Ukraine's Sumy region' / 'X, Texas': a major place right after a
    name is strong evidence that the name is a place too."""
    for cand, nxt in zip(candidates, candidates[1:], strict=False):
        if nxt.kind == "demonym" or nxt.veto:
            continue
        gap = doc.text[cand.end : nxt.start]
        # "Thruxton, Hampshire", "New Quay, Ceredigion": British and Irish counties are
        # GeoNames' second level, and a county after a comma places the name before it
        county = (
            "admin2" in nxt.kinds
            and gap.strip() == ","
            and nxt.first_token not in doc.initial_tokens
            and not _inside_capitalised_run(doc, cand.start, cand.end)  # "Donington Park, "
            and not _LIST_GOES_ON.match(doc.text, nxt.end)
            and not {cand.surface, nxt.surface} & lexicon.first_names()
        )
        if not (nxt.is_admin or county):
            continue
        if county and nxt.cue_strength < 1:
            nxt.cue, nxt.cue_strength = f"{cand.surface},", 1  # the county of a named place
        if not re.fullmatch(r",\s*|\s+in\s+(?:the\s+)?", gap) or cand.cue_strength >= 2:
            continue
        if "," not in gap and all(_common(doc, w) for w in _TOKEN.findall(cand.surface)):
            continue  # "Police in Kharkiv", "Residents in Texas": a common noun, not a place
        cand.cue, cand.cue_strength = f"{gap.strip()} {nxt.surface}".strip(), 2


def _written_abbreviation(doc: _Doc, cand: _Candidate) -> bool:
    """ "Fresno, Calif.", "Walker County (Ga.)", "N.M.": a state or country abbreviation
    written as one (the recogniser keeps the period only after a comma or bracket, or in
    initials), and not "No. 18"."""
    return (
        cand.surface.endswith(".")
        and bool(cand.kinds & {"admin1", "country"})
        and not doc.text[cand.end :].lstrip()[:1].isdigit()
    )


def _required_strength(doc: _Doc, cand: _Candidate) -> int:
    words = [
        w for w in _TOKEN.findall(cand.surface) if w.lower() not in lexicon.NAME_FUNCTION_WORDS
    ]
    # "EU", "UK": an acronym of a country or union is not the common word its letters spell
    acronym = cand.surface.isupper() and bool(cand.kinds & {"country", "region"})
    common = bool(words) and not acronym and all(_common(doc, w) for w in words)
    if len(words) == 1 and not cand.kinds & _MAJOR_KINDS and words[0] in lexicon.first_names():
        common = True  # "Nelson", "Tyler", "Mary": a lone given name needs a cue to be a place
    if len(words) == 1 and common and _common_noun_use(doc, cand, words[0]):
        return 2  # "the Centre asked the court", "We", "No. 18": a common word, used as one
    tier = cand.tier
    if tier == "strong":
        return 2 if (cand.initial and common) else 0
    if tier == "medium":
        if cand.initial:
            return 2 if common else 1
        return 1 if common else 0
    if cand.initial or common:
        return 2
    return 1


def _common_noun_use(doc: _Doc, cand: _Candidate, word: str) -> bool:
    """A common English word after "the" ("the Centre", "the Park") or of two letters ("We",
    "No"): the capital letter is a title's or a sentence's, not a place name's."""
    before = doc.text[max(0, cand.start - 4) : cand.start].lower()
    return before.endswith("the ") or len(word) <= 2


def _decide(doc: _Doc, cand: _Candidate) -> None:
    # A soft veto (a person or organisation reading) yields only to "the city of X".
    strong_cue = cand.cue_strength >= 2 and (cand.cue.endswith(" of") or cand.cue == "X-based")
    if _written_abbreviation(doc, cand) and not cand.hard_veto:
        cand.accepted_by = "state or country abbreviation"
        return
    if cand.veto and (cand.hard_veto or not strong_cue):
        return
    if cand.kind == "demonym":
        cand.accepted_by = "demonym"
        return
    if cand.is_country:
        cand.accepted_by = "country name"
        return
    need = _required_strength(doc, cand)
    if cand.cue_strength >= need:
        cand.accepted_by = f"{cand.tier} gazetteer name" + (
            f", cue '{cand.cue}'" if cand.cue else ""
        )


def _accept_by_document_support(candidates: list[_Candidate]) -> None:
    """A name accepted once is a place elsewhere in the document too (unless vetoed there)."""
    accepted_keys = {c.key for c in candidates if c.accepted_by and c.kind == "toponym"}
    for cand in candidates:
        if not cand.accepted_by and not cand.veto and cand.key in accepted_keys:
            cand.accepted_by = "same name accepted elsewhere in the article"


_NAME_WORD = r"(?:St\.|[A-Z][\w’'\-]*)"  # "St. Peter's Basilica"


def _headed_by(heads: Iterable[str]) -> re.Pattern[str]:
    """One to three capitalised name words, then one of the capitalised head nouns."""
    alternatives = "|".join(
        " ".join(w.capitalize() for w in head.split())
        for head in sorted(heads, key=len, reverse=True)
    )
    return re.compile(rf"\b((?:{_NAME_WORD}[ \t]+){{1,3}}?)({alternatives})\b")


_FEATURE_BY_HEAD = _headed_by(lexicon.FEATURE_HEADS)
_ALL_FACILITY_HEADS = lexicon.FACILITY_HEADS | lexicon.FACILITY_COMPOUND_HEADS
_FACILITY_BY_HEAD = _headed_by(_ALL_FACILITY_HEADS)
_FACILITY_HINTS = dict.fromkeys(_ALL_FACILITY_HEADS, "facility")
_FEATURE_BY_PREFIX = re.compile(
    r"\b("
    + "|".join(w.capitalize() for w in sorted(lexicon.FEATURE_PREFIXES, key=len, reverse=True))
    + rf")\.?[ \t]+({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})"
)


def _feature_names(doc: _Doc, accepted: list[_Candidate], index: NameIndex) -> list[_Candidate]:
    """Names headed by a geographic noun ("Tijuana River", "Lake Manassas", "Mount Chaambi"):
    the whole name is the place, whether or not the gazetteer knows it, and it replaces the
    shorter names accepted inside it ("Tijuana")."""
    found: list[_Candidate] = []
    headed = (
        (_FACILITY_BY_HEAD, _FACILITY_HINTS, "facility"),
        (_FEATURE_BY_HEAD, lexicon.FEATURE_HEADS, "toponym"),
    )
    for pattern, hints, kind in headed:
        for m in pattern.finditer(doc.text):
            start, words = m.start(1), m.group(1).split()
            # the shortest run of name words before the head that is not a person (except
            # before a facility noun) or a sentence start
            while words and not _feature_words_ok(
                doc, start, words, facility=kind == "facility", index=index
            ):
                start = doc.text.index(words[1], start + len(words[0])) if len(words) > 1 else -1
                words = words[1:]
            if not words or _inside_capitalised_run(doc, start, m.end()):
                continue  # "Cabin Creek Road", "Green Valley Community Center"
            cand = _feature_candidate(doc, index, start, m.end(), m.group(2).lower(), hints)
            cand.kind = kind
            found.append(cand)
    for m in _FEATURE_BY_PREFIX.finditer(doc.text):
        words = m.group(2).split()
        if not _feature_words_ok(doc, m.start(2), words, prefixed=True):
            continue
        if _inside_capitalised_run(doc, m.start(), m.end()) or _common(doc, words[-1]):
            continue  # "Indian Lake Road", "Lake Cleanup"
        prefix = m.group(1).lower()
        found.append(
            _feature_candidate(doc, index, m.start(), m.end(), prefix, lexicon.FEATURE_PREFIXES)
        )
    if not found:
        return accepted
    found.sort(key=lambda c: (c.start, -c.end))
    kept: list[_Candidate] = []
    for cand in found:
        if kept and cand.start < kept[-1].end:
            continue
        kept.append(cand)
    out = [c for c in accepted if not any(f.start <= c.start and c.end <= f.end for f in kept)]
    for cand in kept:
        if not any(c.start < cand.end and cand.start < c.end for c in out):
            out.append(cand)
    return out


_COMPASS_BEFORE = re.compile(
    r"\b(North|South|East|West|Northern|Southern|Eastern|Western|North-?[Ee]ast|"
    r"North-?[Ww]est|South-?[Ee]ast|South-?[Ww]est|North-?[Ee]astern|North-?[Ww]estern|"
    r"South-?[Ee]astern|South-?[Ww]estern)[ \t]+$"
)


def _compass_parts(doc: _Doc, accepted: list[_Candidate]) -> None:
    """ "West Wales", "Northern Europe", "Western US": a capitalised compass word before a
    country, region or continent names a part of it, and belongs to the name (the gazetteer
    answers for the whole area)."""
    for cand in accepted:
        if cand.kind != "toponym" or not cand.kinds & {"country", "admin1", "region"}:
            continue
        m = _COMPASS_BEFORE.search(doc.text, max(0, cand.start - 16), cand.start)
        if m is None:
            continue
        cand.start = m.start(1)
        cand.surface = doc.text[cand.start : cand.end]
        cand.first_token = _token_at(doc, cand.start)


def _comma_names(doc: _Doc, accepted: list[_Candidate], index: NameIndex) -> list[_Candidate]:
    """Two names either side of a comma that the gazetteer holds as one ("Washington, D.C.")
    are one mention; "Paris, Texas" stays two (a place and its qualifier)."""
    accepted.sort(key=lambda c: c.start)
    out: list[_Candidate] = []
    for cand in accepted:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == cand.kind == "toponym"
            and re.fullmatch(r",[ \t]*", doc.text[prev.end : cand.start])
        ):
            joined = doc.text[prev.start : cand.end]
            entry = index.get(match_key(joined))
            if entry is not None:
                prev.end, prev.surface, prev.key, prev.entry = cand.end, joined, entry.key, entry
                prev.last_token = cand.last_token
                continue
        out.append(cand)
    return out


def _inside_capitalised_run(doc: _Doc, start: int, end: int) -> bool:
    """Whether a capitalised word right before or after the span continues the name."""
    first, last = _token_at(doc, start), _token_at(doc, end - 1)
    tokens = doc.tokens
    if first > 0 and _adjacent(doc, first - 1, first):
        prev = tokens[first - 1]
        lower = prev.base.lower()
        if (
            _is_capitalised(prev.text)
            and prev.base == prev.text
            and lower not in lexicon.NAME_FUNCTION_WORDS
            and lower not in lexicon.PERSON_TITLES
            and lower not in lexicon.DIRECTION_ADJECTIVES
            and not (first - 1 in doc.initial_tokens and _common(doc, prev.base))
        ):
            return True
    if tokens[last].base == tokens[last].text and _adjacent(doc, last, last + 1):
        nxt = tokens[last + 1].base
        lower = nxt.lower()
        if _is_capitalised(nxt) and lower not in lexicon.NAME_FUNCTION_WORDS:
            return not (
                lower in lexicon.WEEKDAYS
                or lower in lexicon.MONTHS
                or lower in lexicon.SENTENCE_OPENERS
            )
    return False


def _feature_words_ok(
    doc: _Doc,
    start: int,
    words: list[str],
    prefixed: bool = False,
    facility: bool = False,
    index: NameIndex | None = None,
) -> bool:
    """The name words before a head noun (or after a prefix) must be a name: no person's
    tokens (except before a facility noun: "Karl Bremer Hospital", "Kingsley Road" are named
    after people), no weekday or month, not a lone common word opening a sentence or a
    headline. Before a facility noun a title ("Colchester General Hospital") and a possessive
    ("St George's Chapel", "Caesar's Palace") belong to the name, unless the possessive is a
    place's ("Russia's Embassy": the embassy of Russia)."""
    first = _token_at(doc, start)
    sentence_index = max(0, bisect.bisect_right(doc.sentence_starts, start) - 1)
    if sentence_index in doc.titlecase_sentences:
        return False
    for k, word in enumerate(words):
        base = _strip_possessive(word)
        lower = base.lower()
        if lower in lexicon.WEEKDAYS | lexicon.MONTHS:
            return False
        if first + k in doc.person_tokens and not facility:
            return False
        last = k == len(words) - 1
        if lower in lexicon.NAME_FUNCTION_WORDS or lower in lexicon.PLACE_PREPOSITIONS:
            return False  # "In Klamath Falls, Oregon, ..." opens with a preposition
        if lower in lexicon.PERSON_TITLES and not (facility and last and k > 0):
            return False
        if base != word and not last:
            return False  # "Russia's Black Sea": a possessive ends the name before the head
    possessive = words[-1] != _strip_possessive(words[-1])
    place_possessive = len(words) == 1 and _is_place_word(words[0], index)  # "Russia's Embassy"
    if possessive and not prefixed and not (facility and not place_possessive):
        return False
    if not prefixed and not facility and first in doc.initial_tokens and len(words) == 1:
        return not _common(doc, words[0])
    return True


def _is_place_word(word: str, index: NameIndex | None) -> bool:
    entry = index.get(match_key(_strip_possessive(word))) if index is not None else None
    return entry is not None and (
        bool(entry.kinds & _MAJOR_KINDS) or entry.max_population >= _MEDIUM_POPULATION
    )


def _feature_candidate(
    doc: _Doc, index: NameIndex, start: int, end: int, noun: str, hints: dict[str, str]
) -> _Candidate:
    surface = doc.text[start:end]
    key = match_key(surface)
    return _Candidate(
        start=start,
        end=end,
        surface=surface,
        key=key,
        entry=index.get(key),
        first_token=_token_at(doc, start),
        last_token=_token_at(doc, end - 1),
        sentence_index=max(0, bisect.bisect_right(doc.sentence_starts, start) - 1),
        cue=f"feature noun '{noun}'",
        cue_strength=2,
        hint=hints[noun],
        accepted_by=f"name headed by the feature noun '{noun}'",
    )


def _unknown_names(doc: _Doc, accepted: list[_Candidate], index: NameIndex) -> list[_Candidate]:
    """Names the gazetteer does not know, found by strong cues ("the village of X", "X region"),
    so the resolver can report them unresolved instead of dropping them."""
    covered = [(c.start, c.end) for c in accepted]
    out: list[_Candidate] = []

    def overlaps(start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in covered)

    for pattern, group, hint_of in (
        (_UNKNOWN_BY_NOUN, 2, lambda m: lexicon.FEATURE_NOUNS[m.group(1).lower()]),
        (_UNKNOWN_BY_REGION, 1, lambda m: lexicon.REGION_GENERICS[m.group(2).lower()]),
    ):
        for m in pattern.finditer(doc.text):
            start, end = m.span(group)
            if group == 1:
                end = m.end()
            name = m.group(group)
            if overlaps(start, end) or match_key(name) in lexicon.WEEKDAYS | lexicon.MONTHS:
                continue
            first = _token_at(doc, start)
            if first in doc.person_tokens or (first in doc.initial_tokens and _common(doc, name)):
                continue
            if index.get(match_key(name.split()[0])) and group == 1:
                continue  # known base name: the automaton pass already judged it
            if group == 1 and all(_common(doc, w) for w in name.split()):
                continue  # "Interior Department", "Water District": an office, not a place
            sentence_index = max(0, bisect.bisect_right(doc.sentence_starts, start) - 1)
            cand = _Candidate(
                start=start,
                end=end,
                surface=doc.text[start:end],
                key=match_key(doc.text[start:end]),
                entry=None,
                first_token=first,
                last_token=_token_at(doc, end - 1),
                sentence_index=sentence_index,
                cue=m.group(1).lower() + " of" if group == 2 else m.group(2).lower(),
                cue_strength=2,
                hint=hint_of(m),
                accepted_by="cue phrase only (name not in the gazetteer)",
            )
            covered.append((start, end))
            out.append(cand)
    return out


# --- context for the resolver ---------------------------------------------------------------

_COUNTRY_CODE_CACHE: dict[tuple[str, str], str] = {}


def _country_code(gazetteer: GazetteerProtocol, cand: _Candidate) -> str:
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


def _admin_name(cand: _Candidate) -> str:
    """'Sumy region' -> 'Sumy'; 'Texas' -> 'Texas'."""
    words = cand.surface.split()
    if len(words) > 1 and words[-1].lower() in lexicon.REGION_GENERICS:
        return " ".join(words[:-1])
    return cand.surface


_POSSESSIVE_GAP = re.compile(r"['’]s?\s+(?:[a-z][\w\-]*\s+){0,2}")
# "the southern Ukrainian city of Kherson", "the Ukrainian border village of X": a demonym
# states the country only through a feature noun; "Russian forces attacked Vovchansk" does not.
_ADJECTIVE_GAP = re.compile(
    r"\s+(?:[a-z][\w\-]*\s+){0,2}(?:"
    + "|".join(sorted(lexicon.FEATURE_NOUNS, key=len, reverse=True))
    + r")(?:\s+of)?\s+"
)


_COORDINATION = re.compile(r"\s*(?:,|,?\s+(?:and|or|nor))\s+")


def _is_state_name(cand: _Candidate) -> bool:
    """A first-level region's name that no city of 100,000 shares ("California", "Oregon";
    not "Moscow", "Georgia")."""
    return "admin1" in cand.kinds and cand.population < _STRONG_POPULATION


def _state_readings(doc: _Doc, accepted: list[_Candidate]) -> None:
    """'Tacoma, Washington', 'California or Washington': a name after a place and a comma, or
    coordinated with a state's name, is read as a state where it can be one."""
    text = doc.text
    for i, cand in enumerate(accepted):
        if cand.kind != "toponym" or cand.hint or "admin1" not in cand.kinds:
            continue
        prev = accepted[i - 1] if i else None
        nxt = accepted[i + 1] if i + 1 < len(accepted) else None
        # ... but not in a list of cities ("Miami, West Palm Beach, New York, and Detroit")
        after_place = (
            prev is not None
            and prev.context_admin1 == _admin_name(cand)
            and text[prev.end : cand.start].strip() == ","  # "Le Bernardin in New York": the city
            and not _LIST_GOES_ON.match(text, cand.end)
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


def _attach_context(doc: _Doc, accepted: list[_Candidate], gazetteer: GazetteerProtocol) -> None:
    text = doc.text
    for i, cand in enumerate(accepted):
        if cand.kind != "toponym":
            continue
        prev = accepted[i - 1] if i else None
        if prev is not None:
            gap = text[prev.end : cand.start]
            # "Ukraine's northeast Sumy region", "the southern Ukrainian city of Kherson"
            if (prev.is_country and _POSSESSIVE_GAP.fullmatch(gap)) or (
                prev.kind == "demonym" and _ADJECTIVE_GAP.fullmatch(gap)
            ):
                cand.context_country = _country_code(gazetteer, prev)
        _context_after(doc, accepted, i, gazetteer)
    _state_readings(doc, accepted)


def _context_after(
    doc: _Doc, accepted: list[_Candidate], i: int, gazetteer: GazetteerProtocol
) -> None:
    """'X, Y' / 'X in Y' / 'X in Ukraine's Y region': places right after X that contain it."""
    cand = accepted[i]
    j = i + 1
    link = re.compile(r",\s*|\s+in\s+(?:the\s+)?(?:[a-z][\w\-]*\s+){0,2}")
    possessive = re.compile(r"['’]s?\s+(?:[a-z][\w\-]*\s+){0,2}")
    if j >= len(accepted) or accepted[j].kind != "toponym":
        return
    gap = doc.text[cand.end : accepted[j].start]
    if not link.fullmatch(gap):
        return
    nxt = accepted[j]
    if nxt.is_country and not cand.is_country:
        code = _country_code(gazetteer, nxt)
        if code:
            cand.context_country = cand.context_country or code
        if j + 1 < len(accepted) and possessive.fullmatch(
            doc.text[nxt.end : accepted[j + 1].start]
        ):
            after = accepted[j + 1]
            if after.kind == "toponym" and ("admin1" in after.kinds or after.hint == "region"):
                cand.context_admin1 = _admin_name(after)
    elif ("admin1" in nxt.kinds or nxt.hint == "region") and not cand.is_admin:
        cand.context_admin1 = _admin_name(nxt)
        if "country" in nxt.kinds and not cand.context_country:
            pass  # "Atlanta, Georgia": the resolver tries the admin-1 reading first


def _to_mention(doc: _Doc, cand: _Candidate) -> Mention:
    sentence = doc.sentences[cand.sentence_index] if doc.sentences else None
    return Mention(
        text=cand.surface,
        start=cand.start,
        end=cand.end,
        sentence=sentence.text if sentence else doc.text,
        sentence_start=sentence.start if sentence else 0,
        kind=cand.kind if cand.kind in ("demonym", "facility") else "toponym",
        cue=cand.cue,
        context_country=cand.context_country,
        context_admin1=cand.context_admin1,
        feature_hint=cand.hint,
    )
