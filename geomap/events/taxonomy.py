"""Trigger phrases and the ACLED event taxonomy they map to.

The vocabulary is data: `geomap/data/events/taxonomy.tsv` (ACLED's event and sub-event types,
and geomap's Diplomacy with its ACLED mapping), `triggers.tsv` (phrases, their role, type and
priority) and `weapons.tsv`/`weapon_classes.tsv` (what a named weapon makes of an attack or an
interception). This module compiles them and holds the coding decisions that are grammar, not
vocabulary. Matches are kept longest first, so "drone attack" wins over "attack".

Coding choices (ACLED Codebook, read as carefully as we can; each is a documented decision):

* **Capturing territory.** ACLED's "Government regains territory" is for government forces (or
  their affiliates) regaining control of a location *in their own state*. Its "Non-state actor
  overtakes territory" covers a non-state group *or a foreign state actor* acquiring a location
  through fighting. So Russian forces capturing a Ukrainian village is coded
  `Battles / Non-state actor overtakes territory` with actor1 "Military Forces of Russia", and
  Ukrainian forces retaking a Ukrainian village is `Government regains territory`. When the
  capturing side is not named we cannot tell the two apart and code `Armed clash`, with a note.
* **The weapon decides a generic attack**: artillery, rockets and missiles are
  `Shelling/artillery/missile attack`; aircraft, drones and their bombs `Air/drone strike`; mines
  and IEDs `Remote explosive/landmine/IED`; small arms an `Armed clash`. "Struck X" with no
  weapon named is a shelling/missile attack; "attacked near X" with none a clash.
* **Interceptions and defusals** ("shot down a missile over X", "a shell was found and
  defused") are `Strategic developments / Disrupted weapons use`; a crewed aircraft shot down
  is an `Armed clash`.
* **Casualty words alone** ("two soldiers were killed") are an `Armed clash` when the dead are
  combatants and `Violence against civilians / Attack` when they are civilians, unless the
  clause names a remote weapon ("killed by a mine"); next to a stronger trigger in the same
  sentence they only add counts to it.
* **Diplomacy** is not an ACLED type. geomap codes talks, meetings, visits and prisoner exchanges
  as `Diplomacy` and maps them for ACLED-only consumers (`acled_event_type`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from geomap.events import vocab
from geomap.records import Event

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"
DIPLOMACY = "Diplomacy"

ARMED_CLASH = "Armed clash"
GOV_REGAINS = "Government regains territory"
NSA_OVERTAKES = "Non-state actor overtakes territory"
SHELLING = "Shelling/artillery/missile attack"
AIR_DRONE = "Air/drone strike"
REMOTE_EXPLOSIVE = "Remote explosive/landmine/IED"
DISRUPTED = "Disrupted weapons use"
TALKS = "Talks"
VISIT = "Visit/arrival"
PRISONER_EXCHANGE = "Prisoner exchange"

# What a rule's match contributes: a full event; an attack or interception whose type the
# weapon decides; a change of control; or only casualty counts for a nearby event.
Role = Literal[
    "event", "attack", "destroy", "repel", "downed", "intercept", "territory", "casualty"
]
_ROLES = {"event", "attack", "destroy", "repel", "downed", "intercept", "territory", "casualty"}
# Weapons that are stopped in flight: destroying one is an interception, not an attack.
MUNITIONS = frozenset({"missile", "drone", "bomb"})


@dataclass(frozen=True, slots=True)
class TriggerRule:
    pattern: str
    event_type: str
    sub_event_type: str
    role: Role = "event"
    priority: int = 2  # which event wins when several triggers describe one incident
    needs: str = ""  # "context": a weapon, combatant or armed actor in the clause; "combatant"
    unless_next: str = ""  # a regex of words after the match that make it no event
    anchors: frozenset[str] | None = None  # words a match starts with (None: unknown)


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    rule: TriggerRule
    start: int  # offsets into the text the match was made on
    end: int
    text: str


@functools.cache
def taxonomy() -> dict[tuple[str, str], tuple[str, str]]:
    """(event_type, sub_event_type) -> its ACLED (event_type, sub_event_type)."""
    return {
        (row["event_type"], row["sub_event_type"]): (
            row["acled_event_type"] or row["event_type"],
            row["acled_sub_event_type"] or row["sub_event_type"],
        )
        for row in vocab.table("taxonomy.tsv")
    }


def _known(event_type: str, sub_event_type: str, where: str) -> None:
    if (event_type, sub_event_type) not in taxonomy():
        raise ValueError(f"{where}: {event_type} / {sub_event_type} is not in taxonomy.tsv")


@functools.cache
def rules() -> tuple[TriggerRule, ...]:
    out = []
    for row in vocab.table("triggers.tsv"):
        _known(row["event_type"], row["sub_event_type"], f"triggers.tsv {row['phrase']!r}")
        if row["role"] not in _ROLES:
            raise ValueError(f"triggers.tsv: unknown role {row['role']!r}")
        unless = row["unless_next"]
        out.append(
            TriggerRule(
                vocab.phrase_pattern(row["phrase"]),
                row["event_type"],
                row["sub_event_type"],
                row["role"],  # type: ignore[arg-type]
                int(row["priority"]),
                row["needs"],
                vocab.phrase_pattern(unless) if unless else "",
                vocab.phrase_anchors(row["phrase"]),
            )
        )
    return tuple(out)


@functools.cache
def _compiled() -> tuple[tuple[TriggerRule, re.Pattern[str], re.Pattern[str] | None], ...]:
    return tuple(
        (
            rule,
            re.compile(rule.pattern, re.IGNORECASE),
            re.compile(rf"\s+{rule.unless_next}", re.I) if rule.unless_next else None,
        )
        for rule in rules()
    )


_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:;\"“‘(\[–—-])\s*$")
# "the liberated Volchansk", "an occupied village": a participle used as an adjective.
_ADJECTIVAL = re.compile(r"\b(?:the|a|an|newly|recently|temporarily|previously)\s+$", re.I)


_PROSE_WORD = re.compile(r"\b(?!(?:with|from|into|over|upon|onto|than|that|this)\b)[a-z]{4,}\b")


def _inside_a_name(text: str, m: re.Match[str]) -> bool:
    """A generic verb written capitalised inside a sentence written as prose (it has long
    lower-case words; a headline in title case has none): part of a name, not a report."""
    if not m.group(0)[:1].isupper() or _SENTENCE_OPENING.search(text, 0, m.start()):
        return False
    return _PROSE_WORD.search(text) is not None


_TEXT_WORD = re.compile(r"[^\W_]+")


def find_triggers(text: str) -> list[TriggerMatch]:
    """All non-overlapping trigger matches, longest match first, in text order."""
    found: list[TriggerMatch] = []
    # only the rules whose first word the text has (a hundred patterns on every sentence of an
    # article were most of the event stage's time)
    present = {w.lower() for w in _TEXT_WORD.findall(text)}
    for rule, regex, unless in _compiled():
        if rule.anchors is not None and present.isdisjoint(rule.anchors):
            continue
        for m in regex.finditer(text):
            if unless is not None and unless.match(text, m.end()):
                continue
            if text[m.start() - 1 : m.start()] == "-":
                continue  # inside a compound ("artillery-firing vehicles"), not a verb
            if rule.needs and _inside_a_name(text, m):
                continue  # "National Advanced Surface-to-Air Missile Systems"
            if (
                (rule.role == "territory" or m.group(0).endswith("ed"))
                and rule.role != "casualty"
                and _ADJECTIVAL.search(text, max(0, m.start() - 20), m.start())
            ):
                continue  # "the liberated Volchansk", "the targeted building": adjectives
            found.append(TriggerMatch(rule, m.start(), m.end(), m.group(0)))
    found.sort(key=lambda t: (-(t.end - t.start), -t.rule.priority, t.start))
    kept: list[TriggerMatch] = []
    for cand in found:
        if all(cand.end <= k.start or cand.start >= k.end for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda t: t.start)


# --- weapons ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeaponClass:
    name: str
    attack: tuple[str, str]  # (event_type, sub_event_type) when it strikes
    downed: tuple[str, str]  # ... when it is intercepted, shot down or defused


@functools.cache
def weapon_classes() -> dict[str, WeaponClass]:
    out = {}
    for row in vocab.table("weapon_classes.tsv"):
        attack = (row["attack_event_type"], row["attack_sub_event_type"])
        downed = (row["downed_event_type"], row["downed_sub_event_type"])
        _known(*attack, f"weapon_classes.tsv {row['class']}")
        _known(*downed, f"weapon_classes.tsv {row['class']}")
        out[row["class"]] = WeaponClass(row["class"], attack, downed)
    return out


@functools.cache
def _weapon_regexes() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (name, re.compile(rf"\b{vocab.weapon_pattern(name)}\b", re.I)) for name in weapon_classes()
    )


@dataclass(frozen=True, slots=True)
class WeaponMention:
    weapon: WeaponClass
    start: int
    end: int


@functools.cache
def _capitalised_weapon_words() -> frozenset[str]:
    """Words weapons.tsv writes capitalised (names: "Iskander", "HIMARS", "Air Force")."""
    return frozenset(
        word.casefold()
        for row in vocab.table("weapons.tsv")
        for token in row["phrase"].split()
        for word in token.strip("[]").split("/")
        if word[:1].isupper()
    )


def find_weapons(text: str) -> list[WeaponMention]:
    """Weapons named in `text` (one sentence), in order (a longer name wins: "car bomb" is an
    explosive). A common word capitalised inside the sentence is a name, no weapon ("the
    Houston Rockets")."""
    found = [
        WeaponMention(weapon_classes()[name], m.start(), m.end())
        for name, regex in _weapon_regexes()
        for m in regex.finditer(text)
        if not m.group(0)[0].isupper()
        or _SENTENCE_OPENING.search(text, 0, m.start())
        or m.group(0).split()[0].casefold() in _capitalised_weapon_words()
    ]
    found.sort(key=lambda w: (-(w.end - w.start), w.start))
    kept: list[WeaponMention] = []
    for cand in found:
        if all(cand.end <= k.start or cand.start >= k.end for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda w: w.start)


@functools.cache
def _combatant_regex() -> re.Pattern[str]:
    return re.compile(rf"\b{vocab.alternation(vocab.words('combatants.txt'))}\b", re.I)


def names_combatants(text: str) -> bool:
    return _combatant_regex().search(text) is not None


def weapon_near(weapons: list[WeaponMention], start: int, end: int) -> WeaponMention | None:
    """The weapon that goes with the trigger at [start, end): one inside it ("fired mortars
    at"), else the nearest after it ("shot down a drone"), else before it ("drones struck")."""
    inside = [w for w in weapons if start <= w.start and w.end <= end]
    after = [w for w in weapons if w.start >= end]
    before = [w for w in weapons if w.end <= start]
    return (inside or after or [None])[0] or (before[-1] if before else None)


def weapon_before(weapons: list[WeaponMention], start: int) -> WeaponMention | None:
    """The last weapon before `start` (the subject's: "artillerymen destroyed ...")."""
    before = [w for w in weapons if w.end <= start]
    return before[-1] if before else None


def weapon_after(weapons: list[WeaponMention], end: int) -> WeaponMention | None:
    after = [w for w in weapons if w.start >= end]
    return after[0] if after else None


# --- ACLED mapping ----------------------------------------------------------------------------


def acled_event_type(event: Event) -> tuple[str, str]:
    """The event's (event_type, sub_event_type) inside ACLED's taxonomy (Diplomacy mapped)."""
    return taxonomy().get(
        (event.event_type, event.sub_event_type), (event.event_type, event.sub_event_type)
    )


def territory_sub_event(actor1_code: str, actor1_kind: str, place_country: str) -> str:
    """ACLED sub-type for a capture, from who captured and whose territory (see module doc)."""
    if not actor1_kind:
        return ARMED_CLASH
    state_forces = actor1_kind in {"military", "government", "police"}
    if state_forces and actor1_code and place_country and actor1_code == place_country:
        return GOV_REGAINS
    return NSA_OVERTAKES
