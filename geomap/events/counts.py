"""Killed and injured counts from words and numbers.

The number that counts is the head of the victims' noun phrase, not every number nearby:
"killed a 66-year-old woman" is 1 (the age is an adjective), "Three people, including two
13-year-olds, were injured" is 3 (the "including" aside is a subset). Vague quantities ("dozens",
"several", "many") give None: ACLED-style low estimates would invent precision the text lacks,
so the vague word is returned for the notes instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geomap import lexicon as word_lists
from geomap.events import vocab


def _victims(*kinds: str) -> list[str]:
    return [r["noun"] for r in vocab.table("victims.tsv") if r["kind"] in kinds]


def _quantity_words(kind: str) -> str:
    rows = [r["phrase"] for r in vocab.table("quantities.tsv") if r["kind"] == kind]
    return "|".join(vocab.phrase_pattern(p, bounded=False) for p in rows)


_NUMBER_WORDS = word_lists.number_words()
# Numerals from the shared lexicon; "a", "an", "single", "dozen" count only in casualty phrases.
_UNITS = {
    **{r["phrase"]: int(r["value"]) for r in vocab.table("quantities.tsv") if r["kind"] == "count"},
    **{word: n for word, n in _NUMBER_WORDS.items() if 1 <= n <= 19},
}
_TENS = {word: n for word, n in _NUMBER_WORDS.items() if n >= 20}
_VAGUE = _quantity_words("vague")
_HEDGE = _quantity_words("hedge")
_SINGLE_UNITS = "|".join(k for k in _UNITS if " " not in k)
_TENS_WORDS = "|".join(_TENS)
_NUMBER = rf"\d[\d,]*|(?:{_TENS_WORDS})(?:[- ](?:{_SINGLE_UNITS}))?|a dozen|(?:{_SINGLE_UNITS})"
# Adjectives and modifiers allowed between the number and the victim noun.
_MODIFIER = r"(?:\d+-year-olds?|[a-z]+(?:-[a-z]+)*|[A-Z][a-z]+)"
_AGE = r"\d+-year-olds?"
VICTIM_NOUNS = vocab.alternation(_victims("civilian", "combatant", "person"))
# "two 13-year-olds" names the victims by age; "a 66-year-old woman" uses the age as adjective.
VICTIM_NOUNS += rf"|[\d-]+-year-olds?(?!\s+(?:{VICTIM_NOUNS}))"
CIVILIAN_NOUNS = re.compile(
    rf"\b(?:{vocab.alternation(_victims('civilian', 'marker'))}|{_AGE})\b", re.IGNORECASE
)
COMBATANT_NOUNS = re.compile(rf"\b{vocab.alternation(_victims('combatant'))}\b", re.IGNORECASE)

_QUANTITY = re.compile(
    rf"\b(?:(?P<hedge>{_HEDGE})\s+)?(?P<num>{_NUMBER}|{_VAGUE})\b"
    rf"(?P<rest>(?:\s+{_MODIFIER}){{0,4}}?\s+(?:{VICTIM_NOUNS})\b)?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Count:
    value: int | None  # None when the quantity is vague
    text: str  # the words it came from ("a 66-year-old woman", "dozens")
    hedge: str = ""  # "at least", "about", ...
    victims: str = ""  # the noun phrase after the number


def word_to_int(text: str) -> int | None:
    """'12', '1,200', 'seven', 'twenty-three', 'a dozen' -> int; anything else -> None."""
    text = text.strip().lower()
    if re.fullmatch(r"\d[\d,]*", text):
        return int(text.replace(",", ""))
    if text in _UNITS:
        return _UNITS[text]
    parts = re.split(r"[- ]", text)
    if parts[0] in _TENS:
        extra = _UNITS.get(parts[1], 0) if len(parts) == 2 else 0
        return _TENS[parts[0]] + extra
    return None


def _strip_asides(text: str) -> str:
    """Blank out ", including ...," and bracketed asides, keeping offsets."""

    def blank(m: re.Match[str]) -> str:
        return " " * len(m.group(0))

    text = re.sub(r"\([^)]*\)", blank, text)
    text = re.sub(r",?\s+(?:including|among them|of whom|among whom)\b[^,]*(?:,|$)", blank, text)
    return text


def _to_count(m: re.Match[str], require_noun: bool) -> Count | None:
    if require_noun and not m.group("rest"):
        return None
    num = m.group("num")
    victims = (m.group("rest") or "").strip()
    if num.lower() in {"a", "an"} and not victims:
        return None
    if re.fullmatch(_VAGUE, num, re.IGNORECASE):
        return Count(None, m.group(0).strip(), m.group("hedge") or "", victims)
    value = word_to_int(num)
    if value is None:
        return None
    return Count(value, m.group(0).strip(), (m.group("hedge") or "").lower(), victims)


def count_after(text: str) -> Count | None:
    """The victims' count at the start of `text` (the object after "killed", "injuring")."""
    text = _strip_asides(text)
    m = re.match(rf"\s*(?:(?:{_HEDGE})\s+)?", text, re.IGNORECASE)
    head = _QUANTITY.match(text, m.start())
    if head is None:
        head = _QUANTITY.match(text.lstrip())
        if head is None:
            return None
    return _to_count(head, require_noun=False)


def count_before(text: str) -> Count | None:
    """The subject count before a passive trigger ("Three people ... were injured")."""
    text = _strip_asides(text)
    best: Count | None = None
    for m in _QUANTITY.finditer(text):
        count = _to_count(m, require_noun=True)
        if count is not None:
            best = count
    if best is None:
        # Headline style with no noun: "one shot dead", "Five dead as ...".
        m = re.search(rf"\b({_NUMBER})\s*$", text.strip(), re.IGNORECASE)
        if m and m.group(1).lower() not in {"a", "an"}:
            value = word_to_int(m.group(1))
            if value is not None:
                best = Count(value, m.group(1))
    if best is None:
        # Headline style singular with no article: "Police officer killed", "Man killed".
        m = _BARE_SINGULAR.search(text.strip())
        if m:
            best = Count(1, m.group(0), victims=m.group(0))
    return best


_SINGULARS = [r["noun"] for r in vocab.table("victims.tsv") if r["single"] == "yes"]
_BARE_SINGULAR = re.compile(
    r"(?:^|[,;:]\s*|\b(?:as|after|and)\s+)(?:[A-Z]?[a-z-]+\s+){0,2}?"
    rf"{vocab.alternation(_SINGULARS)}\s*(?:was\s+|is\s+|has been\s+)?$",
    re.IGNORECASE,
)


_TOLL = re.compile(
    rf"\b(?:death toll|number of (?:dead|deaths|victims|people killed|[a-z ]+ killed)|toll)"
    rf"\b.{{0,80}}?\b(?:rose|rises|risen|climbed|climbs|increased|reached|reaches|stands at|"
    rf"has grown|grew)\s+to\s+(?P<num>{_NUMBER})\b",
    re.IGNORECASE,
)


def toll_count(text: str) -> Count | None:
    """ "the death toll rose to seven" -> 7."""
    m = _TOLL.search(text)
    if m is None:
        return None
    value = word_to_int(m.group("num"))
    return Count(value, m.group(0)) if value is not None else None


def victims_are_civilians(victims: str) -> bool | None:
    """True for civilian victims, False for combatants, None when the phrase does not say."""
    if COMBATANT_NOUNS.search(victims):
        return False
    if CIVILIAN_NOUNS.search(victims):
        return True
    return None
