"""The place a claim is about (its subject) and the place it measures from (its target).

News grammar puts a claim beside the place it describes, in apposition, a relative clause or a
bracket:

    "Vovchansk, a town in the Kharkiv region about 5 km from the border"
    "Lyptsi, which lies 20 km north of Kharkiv"          "Obozne (18km north of Luhansk)"
    "Ocheretyne, 15 km northwest of Avdiivka in Ukraine"  "Kupiansk is about 40 km from ..."

So the subject of a distance or direction claim is the head of the chain of place names that
lead up to it, each joined to the next by words an apposition may hold (commas, brackets, "a
town in", "which lies", "is": geomap/data/lexicon/apposition_words.txt). A region or country in
that chain is the subject only when the sentence makes it one: not when it is the container of
the place before it ("in the Kharkiv region", "Vovchansk, Kharkiv Oblast") or a possessive
("Ukraine's second city"). When no chain reaches the claim (a verb stands between), the subject is
the nearest settlement before it in the same clause; a claim that opens its sentence ("About 30
km north of Kharkiv, the village of Lyptsi ...") is about the place named after it.

The subject of a containment claim is the place named right before it; of a descriptor, the
place it names ("the southern Ukrainian city of Kherson").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from geomap import lexicon
from geomap.claims.countries import country_code_for
from geomap.claims.parsed import ParsedClaim
from geomap.claims.patterns import compass_abbreviation, place_nouns, region_nouns
from geomap.records import Mention, Resolution

# How specific a place is, for choosing among places after a claim: a settlement beats its region.
_SPECIFICITY = {
    "populated_place": 4, "admin3": 3, "landform": 3, "water": 2, "other": 3, "admin2": 2,
    "admin1": 1, "region": 1, "country": 0, "demonym": -1,
}  # fmt: skip
_AREA_KINDS = frozenset({"country", "admin1", "admin2", "region"})
# Nouns and recogniser hints that make a name an area: "Sumy region", "Kharkiv Oblast".
_AREA_HINTS = frozenset(region_nouns()) | frozenset(lexicon.table("region_generics").values())
_MAX_GAP_TOKENS = 14
# Words between a claim and the place it is about when the place comes after it.
_AFTER_LINK = re.compile(
    r"\s*,?\s*(?:near|in|at|around|towards?|outside)\s+(?:the\s+)?"
    r"(?:(?:villages?|towns?|settlements?)\s+of\s+)?"
)
# Between two places of one list: ", ", " and ", ", and ", " or ".
_COORDINATION = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)(?:the\s+)?")
_BOTH = re.compile(r"[(,]\s*(?:both|all)\b")
_MASKED_KINDS = frozenset({"distance", "direction", "length", "axis"})
# ", which borders Russia,": a closed relative clause inside an apposition.
_RELATIVE_CLAUSE = re.compile(r",\s*(?:which|that|who)\b[^,;:()]*,")
_TOKEN = re.compile(r"[§¶]|[\w'’\-]+|[^\w\s]")
_CLAUSE_BREAK = re.compile(r"[;:\"“”?!]")

SKIP = Resolution(
    mention=Mention(text="", start=-1, end=-1, sentence="", sentence_start=-1),
    place=None,
    confidence=0.0,
    rule="no subject: not a claim",
)


def _allowed_words() -> frozenset[str]:
    vocabulary = [
        *lexicon.entries("apposition_words"), *place_nouns(), *region_nouns(),
        *lexicon.weekdays(), *lexicon.months(),
    ]  # fmt: skip
    return frozenset(w.lower() for phrase in vocabulary for w in phrase.split())


_ALLOWED = _allowed_words()


class _Named:
    """A place mention of the sentence with its offsets inside the sentence."""

    __slots__ = ("resolution", "start", "end")

    def __init__(self, resolution: Resolution, sentence_start: int) -> None:
        self.resolution = resolution
        self.start = resolution.mention.start - sentence_start
        self.end = resolution.mention.end - sentence_start

    @property
    def is_area(self) -> bool:
        place = self.resolution.place
        if place is not None:
            return place.kind in _AREA_KINDS
        mention = self.resolution.mention
        last = mention.text.rsplit(" ", 1)[-1].lower()
        return mention.feature_hint in _AREA_HINTS or last in _AREA_HINTS


def choose_subject(
    parsed: ParsedClaim,
    in_sentence: Sequence[Resolution],
    sentence_start: int,
    sentence_text: str,
    others: Sequence[ParsedClaim] = (),
) -> tuple[Resolution | None, str]:
    """(the resolution the claim is about, how the sentence ties it to the claim).

    The resolution is None (the claim is verified as unverifiable) or SKIP (no claim at all).
    How: "grammar" (apposition, bracket, relative clause, the place named where a claim opens
    its clause, a containment's or descriptor's own place) or "nearest" (the nearest settlement
    before the claim in its clause, when no grammar ties them: a weaker tie, on which no
    accusation rests). `others` are the sentence's other claims."""
    how = ["grammar"]
    chosen = _choose(parsed, in_sentence, sentence_start, sentence_text, others, how)
    return chosen, how[0]


def _choose(
    parsed: ParsedClaim,
    in_sentence: Sequence[Resolution],
    sentence_start: int,
    sentence_text: str,
    others: Sequence[ParsedClaim],
    how: list[str],
) -> Resolution | None:
    named = [_Named(r, sentence_start) for r in in_sentence]
    if parsed.kind == "descriptor":
        for n in named:
            if n.start < parsed.subject_end and parsed.subject_start < n.end:
                return n.resolution
        return SKIP  # the descriptor names no place mention: not a geographic claim
    if parsed.kind == "length":
        return None  # "a 1,000km front line" is about the line, not a place
    references = [parsed.reference_span, (parsed.reference2_start, parsed.reference2_end)]
    candidates = [
        n for n in named
        if not any(_overlap((n.start, n.end), span) for span in references)
        and not _overlap((n.start, n.end), parsed.span)
        and n.resolution.mention.kind != "demonym"
    ]  # fmt: skip
    before = sorted((n for n in candidates if n.end <= parsed.start), key=lambda n: -n.end)
    if parsed.kind == "containment":
        return _containment_subject(parsed, before, named, sentence_text, others)
    chain = _chain(parsed.start, before, named, sentence_text, others)
    heads = [n for n in chain if not _is_container(n, named, sentence_text)]
    if heads:
        return heads[-1].resolution
    clause = _clause_start(sentence_text, parsed.start)
    nearby = [
        n for n in before
        if n.start >= clause and not n.is_area and not _is_container(n, named, sentence_text)
    ]  # fmt: skip
    if nearby:
        how[0] = "nearest"
        return nearby[0].resolution
    after = sorted((n for n in candidates if n.start >= parsed.end), key=lambda n: n.start)
    if after and _opens_clause(sentence_text, clause, parsed.start):
        # "About 30 km north of Kharkiv, the village of Lyptsi ...": the place named next.
        return min(after, key=lambda n: (-_specificity(n.resolution), n.start)).resolution
    if (
        after
        and not after[0].is_area
        and _AFTER_LINK.fullmatch(sentence_text, parsed.end, after[0].start)
    ):
        # "Russian forces attacked northwest of Avdiivka near Ocheretyne": where they attacked.
        return after[0].resolution
    return None


def coordinated_subjects(
    subject: Resolution,
    parsed: ParsedClaim,
    in_sentence: Sequence[Resolution],
    sentence_start: int,
    sentence_text: str,
) -> list[Resolution]:
    """Other places the claim is about, coordinated with its subject: "near Ocheretyne and
    Berdychi (both northwest of Avdiivka)", "northwest of Avdiivka near Ocheretyne, Berdychi
    and Keramik"."""
    named = sorted((_Named(r, sentence_start) for r in in_sentence), key=lambda n: n.start)
    index = next((i for i, n in enumerate(named) if n.resolution is subject), None)
    if index is None:
        return []
    head = named[index]
    if head.start >= parsed.end:
        step, edge = 1, head  # a list after the claim
    elif _BOTH.search(sentence_text, head.end, parsed.start):
        step, edge = -1, head  # "X and Y (both ...)": a list before the claim
    else:
        return []
    found: list[Resolution] = []
    i = index + step
    while 0 <= i < len(named):
        n = named[i]
        a, b = (edge.end, n.start) if step == 1 else (n.end, edge.start)
        if n.is_area or not _COORDINATION.fullmatch(sentence_text, a, b):
            break
        found.append(n.resolution)
        edge, i = n, i + step
    return found


def choose_target(
    parsed: ParsedClaim,
    in_sentence: Sequence[Resolution],
    resolutions: Sequence[Resolution],
    sentence_start: int,
    second: bool = False,
) -> Resolution | None:
    """The resolution of the name the claim measures against ("Kharkiv", "the Sumy region");
    with `second`, of a road's other end."""
    start, end, name = (
        (parsed.reference2_start, parsed.reference2_end, parsed.reference2_name)
        if second
        else (parsed.reference_start, parsed.reference_end, parsed.reference_name)
    )
    kinds = ("place", "region", "country", "area", "road")
    if start < 0 or parsed.reference_kind not in kinds and not parsed.border_names:
        return None
    span = (start + sentence_start, end + sentence_start)
    overlapping = [r for r in in_sentence if _overlap((r.mention.start, r.mention.end), span)]
    if overlapping:
        return max(
            overlapping, key=lambda r: (r.place is not None, r.mention.end - r.mention.start)
        )
    key = name.casefold()
    same_name = [
        r
        for r in resolutions
        if r.place is not None
        and (r.mention.text.casefold() == key or r.mention.text.casefold().startswith(key + " "))
    ]
    if same_name:
        # The nearest earlier mention of the same name, else the first later one.
        earlier = [r for r in same_name if r.mention.start < span[0]]
        return earlier[-1] if earlier else same_name[0]
    return None


def _containment_subject(parsed, before, named, sentence_text, others) -> Resolution:
    """The place right before "in the Sumy region" / ", Ohio" (through an apposition)."""
    chain = _chain(parsed.start, before, named, sentence_text, others)
    if not chain:
        return SKIP  # "the war in Ukraine": nothing named right before the claim
    place = chain[0].resolution.place
    if place is not None and place.kind == "country":
        return SKIP  # "largest in Russia - in Tatarstan region": a country is in no region
    return chain[0].resolution


def _chain(start: int, before: list[_Named], named, text: str, others) -> list[_Named]:
    """The place names joined to the claim at `start` by apposition words, nearest first."""
    chain: list[_Named] = []
    for candidate in before:
        gap = _masked(text, candidate.end, start, named, others)
        if not _apposition(gap, named, candidate, text):
            break
        chain.append(candidate)
        if gap.lstrip().startswith("("):
            break  # a bracket right after a name is about that name: "Y (12 km from Z)"
    return chain


def _masked(text: str, start: int, end: int, named, others) -> str:
    """text[start:end] with place mentions as "§", other claims as "¶", and closed relative
    clauses (", which borders Russia,") as a comma."""
    return _RELATIVE_CLAUSE.sub(",", _marked(text, start, end, named, others))


def _marked(text: str, start: int, end: int, named, others) -> str:
    spans = [(n.start, n.end, "§") for n in named if start <= n.start and n.end <= end]
    # Claims that are words of their own ("10 km from Y and 20 km from Z", "in the Pokrovsk
    # direction"); containment and descriptors are apposition words already ("in the § region").
    spans += [
        (c.start, c.end, "¶")
        for c in others
        if c.kind in _MASKED_KINDS and start <= c.start and c.end <= end
    ]
    out, position = [], start
    for s, e, mark in sorted(spans):
        if s < position:
            continue
        out.append(text[position:s])
        out.append(f" {mark} ")
        position = e
    out.append(text[position:end])
    return "".join(out)


def _apposition(gap: str, named, candidate: _Named, text: str) -> bool:
    """Can `gap` stand between a place and a claim about it?"""
    if _CLAUSE_BREAK.search(gap):
        return False
    tokens = _TOKEN.findall(gap)
    if len(tokens) > _MAX_GAP_TOKENS:
        return False
    if len(tokens) >= 2 and tokens[0] == "," and tokens[1] == "§":
        # "Kharkiv, Kupiansk, about 40 km ...": a list, unless the second name is the first
        # one's region or country ("Vovchansk, Kharkiv Oblast, about 5 km ...").
        following = [n for n in named if n.start >= candidate.end]
        if following and not min(following, key=lambda n: n.start).is_area:
            return False
    return all(_allowed(token) for token in tokens)


def _allowed(token: str) -> bool:
    if token in ("§", "¶") or token in ",()–—-'’" or token.isdigit():
        return True
    lower = token.lower()
    if lower in _ALLOWED or lower in ("'s", "’s") or compass_abbreviation(token):
        return True
    if token[0].isupper() and country_code_for(token.split("-")[0]):
        return True  # "a Ukrainian-held town", "the Russian town of"
    return bool(re.fullmatch(r"[a-z]+-(?:held|controlled|occupied|backed)", lower))


def _is_container(n: _Named, named, text: str) -> bool:
    """A region or country that holds the place before it, a possessive, or the object of a
    relative clause (", which borders Russia,"): not a subject."""
    if re.match(r"\s*['’]s\b", text[n.end : n.end + 3]):
        return True
    segment = text[: n.start].rsplit(",", 1)
    if len(segment) == 2 and re.match(r"\s*(?:which|that|who)\b", segment[1]):
        return True
    if not n.is_area:
        return False
    lead = text[max(0, n.start - 40) : n.start]
    if re.search(r"(?i)\b(?:in|within|inside)\s+(?:the\s+)?(?:[\w\-]+\s+)?$", lead):
        return True
    # "Vovchansk, Kharkiv Oblast" / "Obozne (Luhansk region)": right after another place.
    return any(
        m is not n and m.end <= n.start and re.fullmatch(r"\s*[,(]\s*", text[m.end : n.start])
        for m in named
    )


def _opens_clause(text: str, clause: int, start: int) -> bool:
    """Only adverbs and punctuation before the claim in its clause ("Just north of ...")."""
    return all(_allowed(t) and t not in ("§", "¶") for t in _TOKEN.findall(text[clause:start]))


def _clause_start(text: str, end: int) -> int:
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, end)]
    return breaks[-1] if breaks else 0


def _specificity(resolution: Resolution) -> int:
    if resolution.place is not None:
        return _SPECIFICITY.get(resolution.place.kind, 2)
    return 2 if _Named(resolution, 0).is_area else 4


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
