"""Linguistic evidence against a place reading: people, organisations, media, longer names.

Each piece of evidence is recorded on the candidate under a name the decision weighs
(`features.FEATURES`); none of it vetoes by itself. Only facts rule a candidate out here: a
weekday or a month is never a place, nor is a weather phenomenon named like one ("El Nino").
The phrase lists are the language's (`lexicon`).
"""

from __future__ import annotations

import re

from geomap.toponyms import lexicon
from geomap.toponyms.index import match_key
from geomap.toponyms.state import MAJOR_CITY_POPULATION, Candidate, State, is_capitalised

_NAME_PARTICLE = re.compile(
    r"\b([A-Z][\w’'\-]*)[ \t]+(?:de|da|del|della|di|du|dos|van|von|der|bin|ibn)[ \t]+$"
)
_NOT_PLACE_FIRST_WORDS = frozenset(p.split()[0] for p in lexicon.NOT_PLACE_PHRASES)
_CONTACT_BEFORE = tuple(lexicon.CONTACT_BEFORE) + tuple(f"{p} the" for p in lexicon.CONTACT_BEFORE)
_MEDIA_BEFORE = tuple(lexicon.MEDIA_ON_BEFORE)
_LEADER_ERA = re.compile(r"[ \t]+administration\b|-era\b")


class Evidence:
    """Records person, organisation and longer-name evidence; marks the facts."""

    name = "evidence"

    def __call__(self, state: State) -> State:
        for cand in state.candidates:
            gather(state, cand)
        return state


def gather(state: State, cand: Candidate) -> None:
    evidence = cand.evidence
    key = cand.key
    if key in lexicon.WEEKDAYS or key in lexicon.MONTHS:
        cand.fact = "a weekday or a month"
        return
    person = cand.person = _person_evidence(state, cand)
    if person:
        evidence[f"person_{person.replace(' ', '_')}"] = 1.0
    if cand.kind == "demonym":
        return
    if key in lexicon.GENERIC_WORDS and not cand.surface.isupper():
        evidence["generic_word"] = 1.0  # "the Centre", "District 9", "West" alone
    if key in lexicon.SEATS_OF_POWER and not _locative_before(state, cand):
        evidence["seat_of_power"] = 1.0  # "the Kremlin said": the government it houses
    previous = state.text[max(0, cand.start - 12) : cand.start].split()[-1:]
    if (
        previous
        and previous[0].lower() in _NOT_PLACE_FIRST_WORDS
        and match_key(f"{previous[0]} {cand.surface}") in lexicon.NOT_PLACE_PHRASES
    ):
        cand.fact = "a phenomenon named like a place"
        return
    if _after_name_particle(state, cand):
        evidence["after_name_particle"] = 1.0  # "Ana de Lima", "Khalid bin Zayed"
    if "country" not in cand.kinds:
        _inside_longer_name(state, cand)
    # A country or a city of a million used like an organisation is still the place
    # (metonymy: "Oslo said", "Chile's Boric"); for the rest such a use is evidence.
    if "country" not in cand.kinds and cand.population < MAJOR_CITY_POPULATION:
        _organisation_use(state, cand)


def _person_evidence(state: State, cand: Candidate) -> str:
    """How the candidate's tokens are known to be a person's ('' if any is not)."""
    marks = [state.person_tokens.get(i) for i in range(cand.first_token, cand.last_token + 1)]
    if not marks or not all(marks):
        return ""
    return marks[0] or ""


def _locative_before(state: State, cand: Candidate) -> bool:
    before = state.text[max(0, cand.start - 20) : cand.start].lower().split()
    if before[-1:] == ["the"]:
        before = before[:-1]
    return bool(before) and before[-1] in lexicon.LOCATIVE_BEFORE


def _after_name_particle(state: State, cand: Candidate) -> bool:
    """After a given name and a particle a place name is a surname or a father's name; after a
    place ("Santiago de Chile") it is not."""
    m = _NAME_PARTICLE.search(state.text, max(0, cand.start - 40), cand.start)
    return m is not None and not state.place_word(m.group(1))


def _organisation_use(state: State, cand: Candidate) -> None:
    """People and media are told things, quoted and reported by; places are not."""
    text, evidence = state.text, cand.evidence
    before = " ".join(text[max(0, cand.start - 25) : cand.start].lower().split())
    if before.endswith(_CONTACT_BEFORE):
        evidence["told_or_quoted_by"] = 1.0  # "according to X", "told X"
    if before.endswith(_MEDIA_BEFORE):
        evidence["medium_before"] = 1.0  # "wrote on X"
    after_words = text[cand.end : cand.end + 30].split()
    if after_words:
        nxt = after_words[0].lower().strip(".,;:")
        if nxt in lexicon.ORG_NOUNS_AFTER or (
            nxt == "news"
            and len(after_words) > 1
            and after_words[1].lower() in ("agency", "service")
        ):
            evidence["organisation_noun_after"] = 1.0  # "X news agency", "X daily"
        if nxt in lexicon.REPORTING_AFTER and not before.endswith((" in", " from", " at")):
            evidence["reported_after"] = 1.0  # "X reported"; not "officials in X reported"
    if _LEADER_ERA.match(text, cand.end) and cand.tier != "strong":
        evidence["leader_era"] = 1.0  # "the X administration", "X-era"
    last = cand.last_token
    if (
        last < len(state.tokens)
        and state.tokens.possessive(last)
        and last + 1 in state.person_tokens
    ):
        evidence["possessive_of_person"] = 1.0  # "X's <person>": an organisation's staff


def _inside_longer_name(state: State, cand: Candidate) -> None:
    """A capitalised word right before ("Real Betis") or after ("Leeds United") may continue a
    longer name, unless it is a direction, title, sentence opener, month or organisation word."""
    if cand.sentence_index in state.titlecase_sentences:
        return
    tokens = state.tokens
    prev_i, next_i = cand.first_token - 1, cand.last_token + 1
    if prev_i >= 0 and state.adjacent(prev_i, cand.first_token):
        prev = tokens.base(prev_i)
        lower = prev.lower()
        if (
            is_capitalised(prev)
            and not tokens.possessive(prev_i)
            and lower not in lexicon.NAME_FUNCTION_WORDS
            # "Eastern Poland", "Central Lima" - but "Central Park", "Western Union"
            and not (cand.tier == "strong" and lower in lexicon.DIRECTION_ADJECTIVES)
            and lower not in lexicon.PERSON_TITLES
            and not (prev_i in state.initial_tokens and state.common(prev))
            and not _is_demonym_word(state, prev)
        ):
            cand.evidence["capitalised_before"] = 1.0
    if (
        cand.last_token < len(tokens)
        and not tokens.possessive(cand.last_token)
        and next_i < len(tokens)
        and state.adjacent(cand.last_token, next_i)
    ):
        nxt = tokens.base(next_i)
        lower = nxt.lower()
        if (
            is_capitalised(nxt)
            and lower not in lexicon.PLACE_CONTINUATIONS
            and lower not in lexicon.NAME_FUNCTION_WORDS
            and not _name_boundary(state, cand, nxt)
        ):
            cand.evidence["capitalised_after"] = 1.0


def _name_boundary(state: State, cand: Candidate, nxt: str) -> bool:
    """A capitalised word after a place that does not continue its name: a month or weekday,
    a title ("Ogun State Governor"), a change from capitals to mixed case ("LIMA Pope Leo"),
    an organisation word after a major place ("Leeds City Council"), or a sentence start the
    punctuation lost ("Tampa Are there")."""
    lower = nxt.lower()
    if lower in lexicon.WEEKDAYS or lower in lexicon.MONTHS or lower in lexicon.PERSON_TITLES:
        return True
    if state.text[cand.end : cand.end + 1] == "-":
        return True  # "the Leeds-based Acme Ltd": the hyphen ends the place name
    if cand.surface.isupper() and not nxt.isupper():
        return True
    if cand.tier == "strong" and lower in lexicon.ORGANISATION_WORDS:
        return True
    return lower in lexicon.SENTENCE_OPENERS


def _is_demonym_word(state: State, word: str) -> bool:
    entry = state.index.get(match_key(word))
    return entry is not None and "demonym" in entry.kinds
