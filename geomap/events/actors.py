"""Actors named the way ACLED names them.

A country word (name, demonym, capital or seat: "Russia", "Russian", "Kyiv", "the Kremlin")
followed by a role noun gives the actor: "Russian shelling", "Russia's forces" -> "Military Forces
of Russia"; "a Ukrainian delegation", "Kyiv" -> "Government of Ukraine"; "Ukrainian police" ->
"Police Forces of Ukraine". A bare country in an agent position takes the role the event needs
(military for violence, government for diplomacy). "its forces" takes the country of the nearest
preceding actor or speaker ("Russia's Defence Ministry said its forces" -> Russia). Speakers of
reported speech are normalised too ("Russia's Defence Ministry" -> "Ministry of Defence of
Russia").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from geomap.events import countries, vocab

ActorKind = Literal[
    "military", "government", "police", "rebels", "civilians", "protesters", "country"
]

_POSSESSIVE = r"(?:['’]s?)?"


def _roles() -> list[tuple[str, str]]:
    """(kind, regex of its role nouns) in the order of actor_roles.tsv."""
    by_kind: dict[str, list[str]] = {}
    for row in vocab.table("actor_roles.tsv"):
        by_kind.setdefault(row["kind"], []).append(
            vocab.phrase_pattern(row["phrase"], bounded=False)
        )
    return [(kind, "|".join(found)) for kind, found in by_kind.items()]


_ROLE_NOUNS = _roles()
_MILITARY = dict(_ROLE_NOUNS)["military"]
_REBELS = dict(_ROLE_NOUNS)["rebels"]
# Armed groups ACLED codes by name.
_NAMED_GROUPS = [
    (re.compile(vocab.phrase_pattern(row["pattern"])), row["name"])
    for row in vocab.table("named_groups.tsv")
]
# One word that may sit between a country word and its role noun: an adjective, not a
# function word ("Russian heavy shelling" yes, "Moscow over air strike" no).
_ADJECTIVE = (
    r"(?!(?:over|at|in|on|for|of|to|with|from|by|and|or|the|a|an|as|after|before|into)\b)"
    r"(?-i:[a-z])[\w-]*"
)
_SEAT_ACTS = re.compile(
    r"['’]s\s+(?-i:[a-z])|\s+(?:has|have|had|is|was|will|would|says?|said|blames?|blamed|"
    r"accuse[sd]?|denie[sd]|deny|claim(?:s|ed)?|warn(?:s|ed)?|points?|wants?|rejects?|"
    r"rejected|insists?|insisted|responded|responds|agreed|agrees|refused|refuses|calls?|"
    r"called|demands?|demanded|announced|announces|reported|reports)\b",
    re.I,
)
# "the Armed Forces of Ukraine", "the government of Russia".
_ROLE_OF_COUNTRY = re.compile(
    r"\b(?P<noun>armed forces|forces|army|military|troops|ministry of defen[cs]e|government|"
    r"authorities|police|president|leadership)\s+of\s+(?:the\s+)?"
    r"(?P<country>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)?)",
    re.I,
)
_PAIRED = re.compile(r"\s+(?:and|or|and the)\s+|\s*,\s*")
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|into|to|from|of|across|outside|inside|around|towards?)\s+(?:the\s+)?$", re.I
)


@dataclass(frozen=True, slots=True)
class ActorMention:
    code: str  # country ISO code ("" for named groups)
    kind: ActorKind | str
    text: str
    start: int  # offsets within the searched text
    end: int
    name: str = ""  # fixed name for named groups

    def named(self, event_type: str, place_country: str = "") -> str:
        """The ACLED-style name; `event_type` decides a bare country's role."""
        if self.name:
            return self.name
        kind = self.kind
        if kind == "country":
            kind = (
                "government"
                if event_type in {"Diplomacy", "Strategic developments"}
                else "military"
            )
        return actor_name(kind, self.code or place_country)


def actor_name(kind: str, code: str) -> str:
    country = countries.country_name(code) if code else ""
    if kind == "military":
        return f"Military Forces of {country}" if country else "Unidentified Armed Group"
    if kind == "government":
        return f"Government of {country}" if country else ""
    if kind == "police":
        return f"Police Forces of {country}" if country else "Police Forces"
    if kind == "civilians":
        return f"Civilians ({country})" if country else "Civilians"
    if kind == "protesters":
        return f"Protesters ({country})" if country else "Protesters"
    if kind == "rebels":
        return "Rebel Forces" if not country else f"Rebel Forces ({country})"
    return ""


def find_actors(text: str, extra_forms: dict[str, str] | None = None) -> list[ActorMention]:
    """Actor mentions in `text` (one sentence), in order."""
    found: list[ActorMention] = []
    forms = _country_forms(text, extra_forms or {})
    for i, (code, start, end) in enumerate(forms):
        mention = _with_role(text, code, start, end)
        if mention is None and i + 1 < len(forms):
            # "Russian and Ukrainian forces": the role noun after the pair is both countries'
            nxt = forms[i + 1]
            if _PAIRED.fullmatch(text, end, nxt[1]):
                shared = _with_role(text, nxt[0], nxt[1], nxt[2])
                if shared is not None and shared.kind not in {"country"}:
                    mention = ActorMention(code, shared.kind, text[start:end], start, end)
        if mention is not None:
            found.append(mention)
    for m in _ROLE_OF_COUNTRY.finditer(text):
        code = countries.code_for(m.group("country")) or (extra_forms or {}).get(
            m.group("country"), ""
        )
        if code:
            found = [a for a in found if not (m.start() <= a.start < m.end())]
            kind = next(k for k, nouns in _ROLE_NOUNS if re.fullmatch(nouns, m.group("noun"), re.I))
            found.append(ActorMention(code, kind, m.group(0), m.start(), m.end()))
    for regex, name in _NAMED_GROUPS:
        for m in regex.finditer(text):
            if _LOCATIVE_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
                continue  # "shelling of LPR cities": a place here
            found.append(ActorMention("", "rebels", m.group(0), m.start(), m.end(), name))
    for m in re.finditer(rf"\b(?:pro-\w+\s+)?(?:{_REBELS})\b", text, re.I):
        if not any(a.start <= m.start() < a.end for a in found):
            found.append(ActorMention("", "rebels", m.group(0), m.start(), m.end()))
    for m in re.finditer(rf"\b(?:its|their)\s+(?:own\s+)?(?:{_MILITARY})\b", text, re.I):
        code = _nearest_code_before(found, m.start())
        if code:
            found.append(ActorMention(code, "military", m.group(0), m.start(), m.end()))
    return sorted(found, key=lambda a: a.start)


def paired(text: str, first: ActorMention, second: ActorMention) -> bool:
    """ "Russian and Ukrainian forces": two actors named as one pair."""
    return _PAIRED.fullmatch(text, first.end, second.start) is not None


def _country_forms(text: str, extra_forms: dict[str, str]) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for m in countries.surface_pattern().finditer(text):
        code = countries.code_for(m.group(0))
        if code:
            out.append((code, m.start(), m.end()))
    for form, code in extra_forms.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
            if not any(s <= m.start() < e for _, s, e in out):
                out.append((code, m.start(), m.end()))
    return sorted(out, key=lambda x: x[1])


def _with_role(text: str, code: str, start: int, end: int) -> ActorMention | None:
    after = text[end:]
    for kind, nouns in _ROLE_NOUNS:
        # One lower-case word may intervene ("Russian heavy shelling"), not a name
        # ("Ukraine's Gorlovka shelling" is shelling of Gorlovka, not by Ukraine).
        m = re.match(rf"{_POSSESSIVE}(?:\s+{_ADJECTIVE})??\s+(?:{nouns})\b", after, re.I)
        if m:
            return ActorMention(code, kind, text[start : end + m.end()], start, end + m.end())
    if _LOCATIVE_BEFORE.search(text[max(0, start - 20) : start]):
        return None  # "in Ukraine", "the city of Kherson": a place, not an agent
    if re.match(r"['’]s\s+[A-Z]", after):
        return None  # "Ukraine's Avdiivka shelling": the country contains a place here
    if _is_demonym(text[start:end], code):
        # A demonym names an agent only with a role noun ("Ukrainian prisoners" names none);
        # a country or capital does on its own ("Russia continues", "Kyiv is ready").
        return None
    form = text[start:end]
    if not countries.is_country_name(form) and not _SEAT_ACTS.match(after):
        # A capital or seat acts only as a subject: "Kyiv is ready", "Moscow blames"; a bare
        # "Victoria" or "Lima" elsewhere is a person or a place.
        return None
    return ActorMention(code, "country", form, start, end)


def _is_demonym(form: str, code: str) -> bool:
    found = countries.country(code)
    return bool(found and found.demonym and form.rstrip("s") == found.demonym)


def _nearest_code_before(found: list[ActorMention], offset: int) -> str:
    before = [a for a in found if a.end <= offset and a.code]
    return before[-1].code if before else ""


_MINISTRY = re.compile(
    r"^(?:the\s+)?(?P<country>[A-Z][\w.-]*(?:\s+[A-Z][\w-]*)?)(?:['’]s?)?\s+"
    r"(?P<body>defen[cs]e ministry|foreign ministry|interior ministry|general staff|"
    r"ministry of defen[cs]e|ministry of foreign affairs|armed forces|military|army)\b",
    re.I,
)
_BODY_NAMES = {
    "defence ministry": "Ministry of Defence of {}",
    "defense ministry": "Ministry of Defence of {}",
    "ministry of defence": "Ministry of Defence of {}",
    "ministry of defense": "Ministry of Defence of {}",
    "foreign ministry": "Ministry of Foreign Affairs of {}",
    "ministry of foreign affairs": "Ministry of Foreign Affairs of {}",
    "interior ministry": "Ministry of Internal Affairs of {}",
    "general staff": "General Staff of the Armed Forces of {}",
    "armed forces": "Military Forces of {}",
    "military": "Military Forces of {}",
    "army": "Military Forces of {}",
}


def normalise_speaker(speaker: str, extra_forms: dict[str, str] | None = None) -> str:
    """ "Russia's Defence Ministry" -> "Ministry of Defence of Russia"; other speakers trimmed."""
    speaker = re.sub(r"\s+", " ", speaker).strip(" ,;:-—–\"“”'")
    speaker = re.sub(r"^(?:the|a|an)\s+", "", speaker, flags=re.I)
    m = _MINISTRY.match(speaker)
    if m:
        code = countries.code_for(m.group("country")) or (extra_forms or {}).get(
            m.group("country"), ""
        )
        if code:
            body = _BODY_NAMES[m.group("body").lower().replace("defense", "defence")]
            return body.format(countries.country_name(code))
    for form, code in (extra_forms or {}).items():
        if speaker == form:
            return actor_name("government", code)
    code = countries.code_for(speaker)
    if code:
        return actor_name("government", code)
    return speaker
