"""Who did it and who says so: the event's actors and the speaker it is attributed to.

The speaker of reported speech ("..., Russia's Defence Ministry said", "according to the
governor", a headline's trailing "- Reuters witness") is normalised the way ACLED names
sources; the actors of an event are read from the words around its trigger (see `actors` for
how a country word and a role noun make an actor).
"""

from __future__ import annotations

import re

from geomap.events import actors as actor_mod
from geomap.events import modality, taxonomy, vocab

_SPEECH = re.compile(rf"\b{vocab.alternation(vocab.words('attribution_phrases.txt'))}\b", re.I)
_PRONOUNS = frozenset(vocab.words("not_speakers.txt"))


def speaker(text: str, capital_forms: dict[str, str]) -> tuple[str, int, int] | None:
    """(normalised speaker, start, end of the speech verb) for reported speech in `text`."""
    for m in _SPEECH.finditer(text):
        verb = m.group(0).lower()
        if verb == "according to":
            who = re.match(r"\s*([^,.;]+)", text[m.end() :])
            name = who.group(1) if who else ""
        elif verb == "quoting":
            continue
        else:
            quoting = re.search(r"\bquoting\s+([^,.;]+)", text[m.end() :])
            before = re.split(r"[,;:“”\"]", text[: m.start()])[-1]
            after = re.match(r"\s+([A-Z][^,.;]*)", text[m.end() :])
            if quoting:
                name = quoting.group(1)
            elif before.strip():
                name = before
            elif after:
                name = after.group(1)
            else:
                name = ""
        name = re.sub(r"\b(?:also|has|had|have|on \w+day|later|earlier|then)\b", " ", name)
        words = name.split()
        if not words or len(words) > 9 or name.strip().lower() in _PRONOUNS:
            continue
        return actor_mod.normalise_speaker(name, capital_forms), m.start(), m.end()
    # A headline's trailing source: "... kills two - Reuters witness", "...: Kiev".
    tail = re.search(r"(?:\s[-–—]\s*|:\s+)([A-Z]?[\w’' ]{2,40})\s*$", text)
    if tail and len(tail.group(1).split()) <= 4:
        return actor_mod.normalise_speaker(tail.group(1), capital_forms), tail.start(), tail.end()
    return None


def event_actors(
    text: str,
    trig: taxonomy.TriggerMatch,
    actors: list[actor_mod.ActorMention],
    event_type: str,
    place_country: str,
    speaker: tuple[str, int, int] | None,
) -> tuple[str, str, actor_mod.ActorMention | None]:
    """(actor1, actor2, the mention behind actor1) for the trigger (see actors module doc)."""
    agents = [a for a in actors if a.kind not in {"civilians", "protesters"}]
    diplomatic = event_type in {taxonomy.DIPLOMACY, taxonomy.STRATEGIC}
    if not diplomatic:
        # A speaking ministry is not a fighting actor, but its "its forces" is.
        agents = [a for a in agents if not is_speaker_mention(a, speaker) or a.kind == "country"]
    first: actor_mod.ActorMention | None = None
    second: actor_mod.ActorMention | None = None
    by = re.search(r"^\s*(?:[\w’'-]+\s+){0,4}?by\s+", text[trig.end :])
    with_ = re.search(r"^\s*(?:[\w’'-]+\s+){0,3}?(?:with|against|on)\s+", text[trig.end :])
    after = [a for a in agents if a.start >= trig.end]
    # the subject is in the trigger's clause ("Russia launched drones; air defences shot down
    # 20": Russia did not shoot them down)
    clause_start = modality.clause_bounds(text, trig.start)[0]
    before = [a for a in agents if clause_start <= a.start and a.end <= trig.start]
    # "Russian shelling": the actor mention ends at or contains the trigger.
    modifier = [
        a for a in agents if a.start < trig.start and trig.start - a.end <= 2 and a.end <= trig.end
    ]
    if modifier:
        first = modifier[-1]
    elif by and [a for a in after if a.start >= trig.end + by.end() - 1]:
        first = next(a for a in after if a.start >= trig.end + by.end() - 1)
    elif before:
        first = before[-1]
    # "Russian and Ukrainian forces clashed": the first of a pair is actor1
    while first is not None:
        pair = [a for a in agents if a.end <= first.start and actor_mod.paired(text, a, first)]
        if not pair:
            break
        first = pair[-1]
    if with_ and after:
        candidates = [a for a in after if a.start <= trig.end + with_.end() + 20 and a is not first]
        second = candidates[0] if candidates else None
    elif not diplomatic:
        rivals = [
            a for a in agents if a is not first and first is not None and a.code != first.code
        ]
        second = rivals[0] if rivals else None
    if first is not None and second is not None and first.code and first.code == second.code:
        second = None
    name1 = first.named(event_type) if first is not None else ""
    name2 = second.named(event_type) if second is not None else ""
    return name1, name2, first


def is_speaker_mention(actor: actor_mod.ActorMention, speaker: tuple[str, int, int] | None) -> bool:
    return bool(speaker and actor.end <= speaker[1] and speaker[1] - actor.end <= 3)
