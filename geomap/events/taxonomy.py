"""Trigger words and the ACLED event taxonomy they map to.

Each `TriggerRule` is a regular expression over a clause plus the ACLED `event_type` /
`sub_event_type` it signals. Rules are tried longest-first so that "drone attack" wins over
"attack" and "missile strike" over "strike".

Coding choices (ACLED Codebook, read as carefully as we can; each is a documented decision):

* **Capturing territory.** ACLED's "Government regains territory" is for government forces (or
  their affiliates) regaining control of a location *in their own state*. Its "Non-state actor
  overtakes territory" covers a non-state group *or a foreign state actor* acquiring a location
  through fighting. So Russian forces capturing a Ukrainian village is coded
  `Battles / Non-state actor overtakes territory` with actor1 "Military Forces of Russia", and
  Ukrainian forces retaking a Ukrainian village is `Government regains territory`. When the
  capturing side is not named we cannot tell the two apart and code `Armed clash`, with a note.
* **Missiles** are `Shelling/artillery/missile attack`; aircraft and drones are `Air/drone strike`.
* **Casualty words alone** ("two soldiers were killed") are an `Armed clash` when the dead are
  combatants and `Violence against civilians / Attack` when they are civilians; next to a
  stronger trigger in the same sentence they only add counts to it.
* **Diplomacy** is not an ACLED type. geomap codes talks, meetings, visits and prisoner exchanges
  as `Diplomacy` and maps them for ACLED-only consumers (`acled_event_type`): talks and prisoner
  exchanges to `Strategic developments / Agreement` (the codebook lists peace talks, ceasefires
  and prisoner exchanges among its examples of Agreement), visits and arrivals to
  `Strategic developments / Other`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

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
TALKS = "Talks"
VISIT = "Visit/arrival"
PRISONER_EXCHANGE = "Prisoner exchange"

# What a rule's match contributes: a full event, or only casualty counts for a nearby event.
Role = Literal["event", "territory", "casualty"]


@dataclass(frozen=True, slots=True)
class TriggerRule:
    pattern: str
    event_type: str
    sub_event_type: str
    role: Role = "event"
    priority: int = 2  # which event wins when several triggers describe one incident


def _w(words: str) -> str:
    return rf"\b(?:{words})\b"


RULES: tuple[TriggerRule, ...] = (
    # Battles: changes of control (sub-type decided by who captured where; see module doc).
    TriggerRule(
        _w(
            r"captured|captures?|capturing|seized?|seizing|overran|overrun|"
            r"(?:took|taken|take|taking|takes|gained|gain|seized) (?:full )?control(?: of| over)?|"
            r"recaptured?|retook|retaken|retake|liberated?|liberation of|"
            r"regained control(?: of)?|fell to|occupied"
        ),
        BATTLES,
        ARMED_CLASH,
        role="territory",
        priority=5,
    ),
    TriggerRule(
        _w(
            r"clash(?:es|ed)?|fighting|fought|firefights?|gunfights?|skirmish(?:es)?|"
            r"battles? (?:for|near|in|around)|ambush(?:ed)?|repelled|repulsed|"
            r"(?:violated?|violates|violating|breach(?:ed|es)?|broke|broken|fracture[sd]?)"
            r" (?:of )?(?:the |an? )?(?:[\w-]+ ){0,2}?(?:ceasefire|truce)|"
            r"(?:ceasefire|truce) (?:violations?|breach(?:es)?)|assault(?:ed)? on|"
            r"stormed"
        ),
        BATTLES,
        ARMED_CLASH,
        priority=3,
    ),
    # Explosions/Remote violence.
    TriggerRule(
        _w(
            r"air ?strikes?|air raids?|aerial (?:attack|bombardment|strike)s?|"
            r"drone (?:attack|strike|hit)s?|(?:struck|hit|attacked) by (?:a |an )?drones?|"
            r"glide bombs?|guided (?:aerial )?bombs?|aerial bombs?|kamikaze drones?|shahed drones?|"
            r"uav attacks?|"
            r"bombed|bombing raids?"
        ),
        REMOTE,
        AIR_DRONE,
        priority=4,
    ),
    TriggerRule(
        _w(
            r"shellings?|shelled|shellfire|artillery (?:fire|attack|strike|shelling)s?|"
            r"mortar (?:fire|attack|strike|shelling)s?|mortared|rocket (?:attack|fire|strike)s?|"
            r"missile (?:attack|strike)s?|ballistic missiles?|cruise missiles?|"
            r"(?:fired|firing) (?:on|at)|bombard(?:ed|ment)|grad rockets?|mlrs"
        ),
        REMOTE,
        SHELLING,
        priority=4,
    ),
    TriggerRule(
        _w(
            r"landmines?|land mines?|mine blast|ieds?|improvised explosive devices?|"
            r"explosive devices?|car bombs?|roadside bombs?|booby[- ]trap(?:ped)?"
        ),
        REMOTE,
        REMOTE_EXPLOSIVE,
        priority=4,
    ),
    # Violence against civilians.
    TriggerRule(
        _w(r"executed|execution of|massacred?|abduct(?:ed|ion)|kidnapp?(?:ed|ing)|tortured"),
        VAC,
        "Attack",
        priority=3,
    ),
    # Casualty words: counts for a stronger trigger, or an event of their own.
    TriggerRule(
        _w(
            r"killed|kills|killing|shot dead|dead|died|dies|deaths?|death toll|"
            r"lost (?:their|his|her) lives|wounded|wounding|wounds|injured|injuring|injures|"
            r"injuries|hurt|KIA|WIA"
        ),
        BATTLES,
        ARMED_CLASH,
        role="casualty",
        priority=1,
    ),
    # Demonstrations.
    TriggerRule(
        _w(r"riot(?:s|ed|ing|ers)?|looting|mob"), RIOTS, "Violent demonstration", priority=3
    ),
    TriggerRule(
        _w(r"protest(?:s|ed|ing|ers)?|demonstrat(?:ions?(?! of)|ors|ed)|rall(?:y|ies|ied)"),
        PROTESTS,
        "Peaceful protest",
        priority=2,
    ),
    # Strategic developments.
    TriggerRule(
        _w(r"arrested|arrests?|detained|detains|apprehended|taken into custody"),
        STRATEGIC,
        "Arrests",
    ),
    TriggerRule(
        _w(r"withdrew|withdrawn|withdrawal of|pulled out of|retreated from|handed over control"),
        STRATEGIC,
        "Non-violent transfer of territory",
    ),
    TriggerRule(
        _w(r"(?:set up|established|establishing) (?:a |an )?(?:military )?(?:base|headquarters)"),
        STRATEGIC,
        "Headquarters or base established",
    ),
    TriggerRule(
        _w(
            # A ceasefire mentioned in passing ("despite the truce") is no event; one declared,
            # agreed or taking effect is.
            r"(?:declared?|declares|announced?|announces|agreed|agrees|signed|signs|reached|"
            r"brokered|extended)(?: to| on| upon)? (?:an? |the )?(?:[\w-]+ ){0,2}?"
            r"(?:ceasefire|truce|peace deal|peace agreement|agreement)|"
            r"(?:ceasefire|truce) (?:took effect|takes effect|came into (?:force|effect)|began|"
            r"was agreed|agreed)|"
            r"peace (?:deal|agreement|accord) (?:was )?signed|"
            r"agreed (?:to|on|upon)|reached (?:an?|the) (?:agreement|deal)"
        ),
        STRATEGIC,
        "Agreement",
    ),
    # Diplomacy (geomap's own type; see acled_event_type).
    TriggerRule(
        _w(
            r"(?:prisoner|prisoners of war|pow) (?:exchange|swap)s?|"
            r"exchange of (?:prisoners|pows|bodies)|exchanged prisoners|swapped prisoners"
        ),
        DIPLOMACY,
        PRISONER_EXCHANGE,
        priority=3,
    ),
    TriggerRule(
        _w(r"talks|negotiations|negotiated|meetings?|met with|summit|round of talks"),
        DIPLOMACY,
        TALKS,
    ),
    TriggerRule(
        _w(
            r"arrived|arrives|arriving|arrival|landed in|visited|visits|visiting|"
            r"(?:is|are|was|were) heading to|headed to|travell?ed to"
        ),
        DIPLOMACY,
        VISIT,
    ),
)


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    rule: TriggerRule
    start: int  # offsets into the text the match was made on
    end: int
    text: str


_COMPILED = tuple((rule, re.compile(rule.pattern, re.IGNORECASE)) for rule in RULES)


# "the liberated Volchansk", "an occupied village": a participle used as an adjective.
_ADJECTIVAL = re.compile(r"\b(?:the|a|an|newly|recently|temporarily|previously)\s+$", re.I)


def find_triggers(text: str) -> list[TriggerMatch]:
    """All non-overlapping trigger matches, longest match first, in text order."""
    found: list[TriggerMatch] = []
    for rule, regex in _COMPILED:
        for m in regex.finditer(text):
            if rule.role == "territory" and _ADJECTIVAL.search(
                text[max(0, m.start() - 20) : m.start()]
            ):
                continue
            found.append(TriggerMatch(rule, m.start(), m.end(), m.group(0)))
    found.sort(key=lambda t: (-(t.end - t.start), t.start))
    kept: list[TriggerMatch] = []
    for cand in found:
        if all(cand.end <= k.start or cand.start >= k.end for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda t: t.start)


_ACLED_DIPLOMACY = {
    TALKS: (STRATEGIC, "Agreement"),
    PRISONER_EXCHANGE: (STRATEGIC, "Agreement"),
    VISIT: (STRATEGIC, "Other"),
}


def acled_event_type(event: Event) -> tuple[str, str]:
    """The event's (event_type, sub_event_type) inside ACLED's taxonomy (Diplomacy mapped)."""
    if event.event_type == DIPLOMACY:
        return _ACLED_DIPLOMACY.get(event.sub_event_type, (STRATEGIC, "Other"))
    return event.event_type, event.sub_event_type


def territory_sub_event(actor1_code: str, actor1_kind: str, place_country: str) -> str:
    """ACLED sub-type for a capture, from who captured and whose territory (see module doc)."""
    if not actor1_kind:
        return ARMED_CLASH
    state_forces = actor1_kind in {"military", "government", "police"}
    if state_forces and actor1_code and place_country and actor1_code == place_country:
        return GOV_REGAINS
    return NSA_OVERTAKES
