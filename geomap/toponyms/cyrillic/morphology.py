"""Ukrainian and Russian words reduced to the forms a gazetteer writes: pymorphy3's analyses.

Both languages decline place names (Херсон, Херсона, Херсоні, Херсоном; Сумська область, Сумській
області). A gazetteer lists the nominative, so every word that may be part of a name is read by
pymorphy3 (OpenCorpora's Russian and VESUM's Ukrainian dictionaries, with its suffix-based
guesser for words they lack) and offered as each nominative its analyses allow: the lemma, and for
an adjective the nominative of its own gender and number (Білої Церкви -> біла церква, not білий;
Покровському -> покровське or покровський), since names keep the gender they were given.

What the analyses also say is kept as evidence: a word the dictionary knows only as a common
word, a person's name (Name, Surn, Patr), a geographical name (Russian Geox), an abbreviation.

The analysers load in about 0.2 s each (once per process) and a word takes about 60 µs with the
C DAWG extension (dawg2); every word's reading is cached, and only words that can start or
continue a name are read.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

# Adjective endings by (gender or plural): the lemma is the masculine nominative singular.
_ADJECTIVE_NOMINATIVE = {
    "uk": {
        "ий": {"femn": "а", "neut": "е", "plur": "і"},
        "ій": {"femn": "я", "neut": "є", "plur": "і"},
    },
    "ru": {
        "ый": {"femn": "ая", "neut": "ое", "plur": "ые"},
        "ий": {"femn": "ая", "neut": "ое", "plur": "ие"},
        "ой": {"femn": "ая", "neut": "ое", "plur": "ые"},
    },
}  # fmt: skip
_PERSON_TAGS = frozenset({"Name", "Surn", "Patr"})
MAX_PARSES = 6


@dataclass(frozen=True, slots=True)
class Reading:
    """What the analyser says about one word."""

    forms: tuple[str, ...]  # lower-case nominatives (lemmas and same-gender adjective forms)
    lemmas: tuple[str, ...]  # the analyses' lemmas, most likely first
    adjective: bool  # some analysis is an adjective
    noun: bool  # some analysis is a noun
    person: bool  # some analysis is a given name, surname or patronymic
    geo: bool  # the dictionary calls it a geographical name (Russian only)
    known: bool  # the dictionary has the word (not guessed from its ending)
    common: bool  # the dictionary knows it as a common word (no name, no abbreviation)
    abbreviation: bool


@functools.cache
def analyser(lang: str) -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


def _nominative(lang: str, lemma: str, tag: Any) -> str | None:
    """The nominative of an adjective in the gender and number of this analysis."""
    key = "plur" if tag.number == "plur" else tag.gender
    if key in (None, "masc"):
        return None
    for ending, forms in _ADJECTIVE_NOMINATIVE[lang].items():
        if lemma.endswith(ending) and key in forms:
            return lemma[: -len(ending)] + forms[key]
    return None


@functools.lru_cache(maxsize=1 << 17)
def read(word: str, lang: str) -> Reading:
    """The analyses of `word` (as written) in Ukrainian ("uk") or Russian ("ru")."""
    morph = analyser(lang)
    lower = word.lower()
    forms = [lower]
    lemmas: list[str] = []
    adjective = noun = person = geo = common = abbreviation = False
    known = morph.word_is_known(lower)
    for parse in morph.parse(word)[:MAX_PARSES]:
        tag = parse.tag
        lemma = parse.normal_form
        if lemma not in lemmas:
            lemmas.append(lemma)
        if lemma not in forms:
            forms.append(lemma)
        pos = tag.POS
        grammemes = tag.grammemes
        is_person = bool(grammemes & _PERSON_TAGS)
        person |= is_person
        is_geo = "Geox" in grammemes
        geo |= is_geo
        is_abbreviation = "Abbr" in grammemes
        abbreviation |= is_abbreviation
        if pos == "ADJF":
            adjective = True
            form = _nominative(lang, lemma, tag)
            if form and form not in forms:
                forms.append(form)
        elif pos == "NOUN":
            noun = True
        if known and not is_person and not is_geo and not is_abbreviation:
            common |= pos is not None
    return Reading(
        forms=tuple(forms),
        lemmas=tuple(lemmas),
        adjective=adjective,
        noun=noun,
        person=person,
        geo=geo,
        known=known,
        common=common,
        abbreviation=abbreviation,
    )
