"""What a trigger reports, read from its clause: the ACLED type a generic verb takes from the
weapon named with it, whether a generic verb reports an event at all, and which casualty words
stand alone.

A generic verb ("hit", "struck", "attacked", "destroyed") is an event only when its clause names
a weapon, a combatant ("troops", "invaders", "the enemy") or a country acting before it ("Russia
struck Kharkiv"); "the storm hit Texas" and "sanctions hit Russia" are not. The weapon then
decides the sub-type (see `taxonomy` for the coding choices).
"""

from __future__ import annotations

import functools
import re

from geomap.events import countries, counts, taxonomy, vocab
from geomap.events.actors import ActorMention
from geomap.events.taxonomy import TriggerMatch, WeaponMention

_AIR_ATTACK = re.compile(r"\b(?:air|aerial|drone|missile)\s+(?:attacks?|raids?|strikes?)\b", re.I)
_PASSIVE_BY = re.compile(r"\s+by\b", re.I)
_ARMED_KINDS = {"military", "rebels", "country"}
_SUBJECT_REACH = 30  # characters: "Israel struck", "the Russians have again shelled"
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]*")
# "destroyed the bridge with drones", "was destroyed by a drone": the weapon after these is the
# means ("repelled an attack by drones": "by" after the object names the attacker, the target).
_MEANS = re.compile(
    r"\b(?:with|using|from)\s+(?:[\w’'-]+\s+){0,3}$|^\s+by\s+(?:[\w’'-]+\s+){0,3}$", re.I
)


def has_context(
    text: str,
    trig: TriggerMatch,
    clause: tuple[int, int],
    weapons: list[WeaponMention],
    actors: list[ActorMention],
) -> bool:
    """A weapon or a combatant in the trigger's clause, or a country acting before it (what
    `trig.rule.needs` asks for: "context" any of them, "weapon" a weapon, "combatant" a
    combatant: "Russia withdrew from the aviation talks" names a weapon, no troops)."""
    lo, hi = clause
    if trig.rule.needs != "combatant" and any(lo <= w.start < hi for w in weapons):
        return True
    if trig.rule.needs == "weapon":
        return False
    if taxonomy.names_combatants(text[lo:hi]):
        return True
    if trig.rule.needs in {"combatant", "weapon"} or _PASSIVE_BY.match(text, trig.end):
        return False  # "hit by sanctions": the agent is after "by", and it named no weapon
    # armed agents only: "the Ukrainian president struck a subdued tone" reports no strike
    agents = [a for a in actors if a.kind in _ARMED_KINDS]
    if any(lo <= a.start and a.end <= trig.start for a in agents):
        return True
    # "the Russians shelled", "Israel struck": a country's name or its people as the subject,
    # right before the verb, not an adjective of an unarmed actor ("the Ukrainian president")
    unarmed = [(a.start, a.end) for a in actors if a.kind not in _ARMED_KINDS]
    subject_from = max(lo, trig.start - _SUBJECT_REACH)
    return any(
        countries.code_for(word)
        and (countries.is_country_name(word) or word.endswith("s"))
        and not any(start <= m.start() < end for start, end in unarmed)
        for m in _CAPITALISED.finditer(text, subject_from, trig.start)
        for word in [m.group(0)]
    )


def trigger_type(
    text: str,
    trig: TriggerMatch,
    clause: tuple[int, int],
    weapons: list[WeaponMention],
) -> tuple[str, str] | None:
    """(event_type, sub_event_type) of a trigger, its weapon taken into account (None: the
    words report no event after all)."""
    rule = trig.rule
    default = (rule.event_type, rule.sub_event_type)
    lo, hi = clause
    in_clause = [w for w in weapons if lo <= w.start < hi]
    if rule.role == "attack":
        weapon = taxonomy.weapon_near(in_clause, trig.start, trig.end)
        return weapon.weapon.attack if weapon is not None else default
    if rule.role == "destroy":
        target = taxonomy.weapon_after(in_clause, trig.end)
        if target is not None and _MEANS.search(text[trig.end : target.start]):
            return target.weapon.attack  # "destroyed the bridge with drones"
        subject = taxonomy.weapon_before(in_clause, trig.start)
        if subject is not None:
            return subject.weapon.attack  # "artillerymen destroyed a howitzer"
        if target is not None and target.weapon.name in taxonomy.MUNITIONS:
            return target.weapon.downed  # "destroyed 20 drones": an interception
        return default
    if rule.role == "repel":
        target = taxonomy.weapon_after(in_clause, trig.end)
        if (target is not None and target.weapon.name in taxonomy.MUNITIONS) or _AIR_ATTACK.search(
            text, trig.end, hi
        ):
            return taxonomy.STRATEGIC, taxonomy.DISRUPTED  # the defenders' weapons stopped it
        return default
    if rule.role in {"downed", "intercept"}:
        weapon = taxonomy.weapon_near(in_clause, trig.start, trig.end)
        if weapon is None:
            return default
        if rule.role == "intercept" and weapon.weapon.name not in taxonomy.MUNITIONS:
            return None  # "intercepted the bombers": escorted away, nothing was downed
        return weapon.weapon.downed
    return default


_CAUSE_BEFORE = re.compile(
    r"\b(?:by|from|in|after|of|with|due to|result of|caused by)\s+(?:[\w’'-]+\s+){0,3}$", re.I
)


def casualty_type(
    text: str, clause_weapons: list[WeaponMention], civilians: bool | None
) -> tuple[str, str] | None:
    """The type of a casualty report with no attack described, when its clause names the
    weapon as the cause: "killed by a mine" is a remote explosive, "killed by a sniper" a clash;
    civilians shot by small arms stay violence against civilians (None: the caller's default).
    An aircraft is no cause ("died aboard its planes", "killed in a plane crash")."""
    for weapon in clause_weapons:
        if weapon.weapon.name == "aircraft" or not _CAUSE_BEFORE.search(text, 0, weapon.start):
            continue
        event_type, sub_type = weapon.weapon.attack
        if event_type == taxonomy.REMOTE or not civilians:
            return event_type, sub_type
    return None


_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:[a-z]+\s+)?$", re.I)


@functools.cache
def _people() -> re.Pattern[str]:
    return re.compile(
        rf"\b(?:{counts.VICTIM_NOUNS}|{vocab.alternation(vocab.words('combatants.txt'))}|"
        r"prisoners?|hostages?|captives?)\b",
        re.I,
    )


def captures_people(text: str, trig: TriggerMatch, clause: tuple[int, int]) -> bool:
    """ "captured 20 soldiers", "troops and fighters had been captured": people taken in a
    fight, not a place changing hands."""
    if trig.rule.role != "territory":
        return False
    lo, hi = clause
    # the object: the words up to a preposition, a name or the end of the clause
    obj = re.match(
        r"(?:\s+(?!(?:in|near|at|on|of|from|during|after|by)\b)[\w’'-]+){1,5}",
        text[trig.end : hi],
    )
    if obj and _people().search(obj.group(0)):
        return True
    before = text[lo : trig.start]
    return bool(_PASSIVE_BEFORE.search(before) and _people().search(before))
