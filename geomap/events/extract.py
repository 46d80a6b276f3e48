"""Event extraction: sentence by sentence, trigger by trigger, then merged across the article.

For each sentence: find triggers (taxonomy), drop those under negation or irrealis ("no
expectation that the talks would ...", "plans to capture", "did not attack"), let casualty words
add counts to the strongest trigger of the sentence (or to the previous violent event when the
sentence only adds casualties: "Three people were injured, he said"), then give each event its
actors, date, location and the speaker it is attributed to. Finally events told twice in the
article (a repeated teaser, "the talks" referring back) are merged.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from geomap.doc import Doc, make_doc
from geomap.events import actors as actor_mod
from geomap.events import attribution, classify, countries, modality, taxonomy, vocab
from geomap.events.counts import (
    Count,
    count_after,
    count_before,
    toll_count,
    victims_are_civilians,
)
from geomap.events.dates import DateResolution, resolve_date
from geomap.events.locate import (
    LocationChoice,
    coordinated_places,
    link_by_description,
    link_location,
)
from geomap.events.merge import Draft, merge, refine_from_document
from geomap.events.taxonomy import ARMED_CLASH, BATTLES
from geomap.records import Article, Event, Resolution
from geomap.text import Sentence

_VIOLENT_TYPES = {BATTLES, taxonomy.REMOTE, taxonomy.VAC}
_KILL_WORDS = re.compile(r"kill|dead|die|death|lives|\bKIA\b", re.I)
_ACTIVE_CASUALTY = re.compile(
    r"^(?:killed|kill|kills|killing|wound|wounding|wounds|injure|injuring|injures|wounded|injured)$",
    re.I,
)
_ANAPHORIC = re.compile(r"\b(?:the|these|this|those|that|such)\s+(?:[\w’'-]+\s+){0,2}$", re.I)
# Words that make a visit or a meeting a diplomatic one; a sentence with a country actor
# qualifies too.
_OFFICIALS = re.compile(rf"\b{vocab.alternation(vocab.words('officials.txt'))}\b", re.I)
_OTHER_OCCASION = re.compile(
    r"\b(?:previous|past|earlier|last|next|future|first|second|another|new)\s+"
    r"(?:[\w’'-]+\s+){0,2}$",
    re.I,
)


def extract_events(source: Article | Doc, resolutions: list[Resolution]) -> list[Event]:
    """The events an article reports, ACLED-coded, located, dated and merged (see module doc)."""
    doc = make_doc(source)
    article = doc.article
    sentences = doc.sentences
    paragraphs = doc.paragraph_of_sentence
    capital_forms = countries.capital_codes_from_resolutions(resolutions)
    ordered = sorted(resolutions, key=lambda r: r.mention.start)
    drafts: list[Draft] = []
    # Sentences and mentions are both in text order: one forward sweep keeps a long article linear.
    first = 0  # the first mention at or after the current sentence
    earlier: list[Resolution] = []  # resolved mentions before the current sentence
    for index, sentence in enumerate(sentences):
        while first < len(ordered) and ordered[first].mention.start < sentence.start:
            if ordered[first].place is not None:
                earlier.append(ordered[first])
            first += 1
        last = first
        while last < len(ordered) and ordered[last].mention.start < sentence.end:
            last += 1
        in_sentence = ordered[first:last]
        paragraph = paragraphs[index]
        drafts.extend(
            _sentence_events(
                article, sentence, index, paragraph, in_sentence, earlier, capital_forms, drafts
            )
        )
    refine_from_document(drafts, ordered)
    return [d.event for d in merge(drafts)]


# --- one sentence -----------------------------------------------------------------------------


def _sentence_events(
    article: Article,
    sentence: Sentence,
    index: int,
    paragraph: int,
    in_sentence: list[Resolution],
    earlier: list[Resolution],
    capital_forms: dict[str, str],
    previous: list[Draft],
) -> list[Draft]:
    text = sentence.text
    found = taxonomy.find_triggers(text)
    readings = [modality.reading(text, t) for t in found]
    # An attempted attack is still fighting ("tried to break through"); an attempted meeting,
    # arrest or casualty is nothing.
    attempted = [t for t, r in zip(found, readings, strict=True) if r == "attempted"]
    triggers = [t for t, r in zip(found, readings, strict=True) if r == ""]
    triggers += [t for t in attempted if t.rule.role != "casualty"]
    if not triggers:
        return []
    actors = actor_mod.find_actors(text, capital_forms)
    weapons = taxonomy.find_weapons(text)
    triggers = _without_stopped_weapons(text, triggers, weapons)
    typed: list[_Typed] = []
    casualties = [t for t in triggers if t.rule.role == "casualty"]
    for trig in triggers:
        if trig.rule.role == "casualty":
            continue
        clause = modality.clause_bounds(text, trig.start)
        if trig.rule.needs and not classify.has_context(text, trig, clause, weapons, actors):
            continue
        coded = classify.trigger_type(text, trig, clause, weapons)
        if coded is None:
            continue
        event_type, sub_type = coded
        changes_control = trig.rule.role == "territory"
        if trig in attempted:
            if event_type not in _VIOLENT_TYPES and trig.rule.role != "territory":
                continue
            event_type, sub_type, changes_control = BATTLES, ARMED_CLASH, False
        elif classify.captures_people(text, trig, clause):
            changes_control = False  # prisoners taken in a fight
        typed.append(
            _Typed(
                trig,
                event_type,
                sub_type,
                attempted=trig in attempted,
                changes_control=changes_control,
            )
        )
    speaker = attribution.speaker(text, capital_forms)
    counts = _casualty_counts(text, casualties)

    if casualties and not any(t.violent for t in typed):
        target = _previous_violent(previous, index, paragraph)
        has_place = any(r.place is not None and r.mention.kind != "demonym" for r in in_sentence)
        if target is not None and not has_place and not typed:
            _add_counts(target, counts)
            return []
        # casualties alone are an event of their own, typed by a weapon their clause names
        first = casualties[0]
        lo, hi = modality.clause_bounds(text, first.start)
        victims = str(counts.get("victims", ""))
        civilians = victims_are_civilians(victims) if victims else None
        in_clause = [w for w in weapons if lo <= w.start < hi]
        weapon_type = classify.casualty_type(text, in_clause, civilians)
        event_type, sub_type = weapon_type or (BATTLES, ARMED_CLASH)
        typed.append(_Typed(first, event_type, sub_type, typed_by_weapon=bool(weapon_type)))

    out: list[Draft] = []
    violent_done = False
    for item in sorted(typed, key=lambda t: -t.trigger.rule.priority):
        trig, violent = item.trigger, item.violent
        if violent and violent_done:
            continue  # one incident per sentence: the strongest trigger describes it
        others = [
            (o.trigger.start, o.trigger.end, o.violent == violent) for o in typed if o is not item
        ]
        location = link_location(
            text,
            sentence.start,
            (trig.start, trig.end),
            others,
            in_sentence,
            item.sub_event_type,
            [
                (a.start, a.end)
                for a in actors
                if a.kind not in {"civilians", "protesters", "country"}
            ],
        ) or link_by_description(text, earlier, _venues(previous, item.sub_event_type))
        clause = modality.clause(text, trig.start)
        date = resolve_date(clause, article.published, anchor=trig.start - text.find(clause))
        if not date.text:
            date = resolve_date(text, article.published, anchor=trig.start)
        # "clashes near X and Y", "attacked near X, Y and Z": one event per place (ACLED)
        places = coordinated_places(text, sentence.start, location, in_sentence)
        for place in places or [None]:
            out.append(
                _build(
                    article,
                    sentence,
                    index,
                    paragraph,
                    item,
                    place,
                    date,
                    actors,
                    speaker,
                    counts if violent else {},
                    capital_forms,
                )  # fmt: skip
            )
        violent_done = violent_done or violent
    return sorted(out, key=lambda d: d.mentions[0][0])


def _without_stopped_weapons(
    text: str, triggers: list[taxonomy.TriggerMatch], weapons: list[taxonomy.WeaponMention]
) -> list[taxonomy.TriggerMatch]:
    """Drop a weapon's own trigger ("an explosive device", "a drone attack") when the sentence
    says that weapon was stopped ("... was defused", "... was shot down"): one event, the
    disruption, not an explosion as well."""
    stopped: list[tuple[int, int]] = []
    for trig in triggers:
        if trig.rule.role in {"downed", "intercept"}:
            lo, hi = modality.clause_bounds(text, trig.start)
            in_clause = [w for w in weapons if lo <= w.start < hi]
            weapon = taxonomy.weapon_near(in_clause, trig.start, trig.end)
            if weapon is not None:
                stopped.append((weapon.start, weapon.end))
    return [
        t
        for t in triggers
        if t.rule.role in {"downed", "intercept", "casualty"}
        or not any(t.start <= w_start and w_end <= t.end for w_start, w_end in stopped)
    ]


@dataclass(slots=True)
class _Typed:
    """A trigger with the type its clause gives it."""

    trigger: taxonomy.TriggerMatch
    event_type: str
    sub_event_type: str
    typed_by_weapon: bool = False
    attempted: bool = False
    changes_control: bool = False  # a place changed hands (ACLED's territory sub-types)

    @property
    def violent(self) -> bool:
        return self.event_type in _VIOLENT_TYPES


def _venues(previous: list[Draft], sub_event_type: str) -> list[Resolution]:
    return [
        d.event.location
        for d in previous
        if d.event.location is not None and d.event.sub_event_type == sub_event_type
    ]


def _casualty_counts(text: str, casualties: Sequence[taxonomy.TriggerMatch]) -> dict[str, object]:
    """{"fatalities": n, "injured": n, "victims": words, "vague": words} from casualty triggers."""
    out: dict[str, object] = {}
    previous_end = 0
    for trig in casualties:
        key = "fatalities" if _KILL_WORDS.search(trig.text) else "injured"
        count = None
        if _ACTIVE_CASUALTY.match(trig.text):
            count = count_after(text[trig.end :])
            if count is not None and count.value is None and not count.victims:
                count = Count(None, count.text)
        active_object = count is not None  # "wounded thousands": vague, but the object is there
        if count is None and trig.text.lower() in {"death", "deaths"}:
            of = re.match(r"\s+of\s+", text[trig.end :])  # "the death of four soldiers"
            count = count_after(text[trig.end + of.end() :]) if of else None
        if count is None and not active_object:
            count = count_before(text[previous_end : trig.start])
        previous_end = trig.end
        if count is None:
            continue
        if count.value is not None:
            out.setdefault(key, count.value)
        else:
            out.setdefault("vague", f"{key}: '{count.text}' (vague, not counted)")
        if count.victims:
            out.setdefault("victims", count.victims)
    toll = toll_count(text)
    if toll is not None and toll.value is not None:
        out["fatalities"] = toll.value
    return out


def _previous_violent(previous: list[Draft], index: int, paragraph: int) -> Draft | None:
    for draft in reversed(previous):
        if draft.paragraph != paragraph or index - draft.sentence_index > 2:
            return None
        if draft.event.event_type in {taxonomy.BATTLES, taxonomy.REMOTE, taxonomy.VAC}:
            return draft
    return None


def _add_counts(draft: Draft, counts: dict[str, object]) -> None:
    event = draft.event
    changes: dict[str, object] = {}
    for key in ("fatalities", "injured"):
        if counts.get(key) is not None and getattr(event, key) is None:
            changes[key] = counts[key]
    if changes:
        draft.event = dataclasses.replace(event, **changes)


def _build(
    article: Article,
    sentence: Sentence,
    index: int,
    paragraph: int,
    item: _Typed,
    location: LocationChoice | None,
    date: DateResolution,
    actors: list[actor_mod.ActorMention],
    speaker: tuple[str, int, int] | None,
    counts: dict[str, object],
    capital_forms: dict[str, str],
) -> Draft:
    text = sentence.text
    place = location.resolution.place if location is not None else None
    place_country = place.country_code if place is not None else ""
    trig = item.trigger
    event_type, sub_type = item.event_type, item.sub_event_type
    actor1, actor2, actor1_mention = attribution.event_actors(
        text, trig, actors, event_type, place_country, speaker
    )
    notes: list[str] = []

    if item.attempted:
        notes.append(f"an attempt ('{trig.text}' tried or failed): fighting, no change of control")
    elif item.changes_control:
        kind = actor1_mention.kind if actor1_mention is not None else ""
        code = actor1_mention.code if actor1_mention is not None else ""
        if kind == "country":
            kind = "military"
        sub_type = taxonomy.territory_sub_event(code, kind, place_country)
        if sub_type == taxonomy.ARMED_CLASH:
            notes.append("change of control; the capturing side is not named")
        if not actor2 and place_country and code and code != place_country:
            actor2 = actor_mod.actor_name("military", place_country)
    victims = str(counts.get("victims", ""))
    civilians = victims_are_civilians(victims) if victims else None
    if trig.rule.role == "casualty":
        if civilians and not item.typed_by_weapon:
            event_type, sub_type = taxonomy.VAC, "Attack"
        notes.append("casualty report without a described attack")
    if civilians and not actor2 and event_type in {taxonomy.REMOTE, taxonomy.VAC}:
        actor2 = actor_mod.actor_name("civilians", place_country)
    if event_type == taxonomy.PROTESTS and not actor1:
        actor1 = actor_mod.actor_name("protesters", place_country)
    if sub_type == "Arrests" and not actor1 and place_country:
        actor1 = actor_mod.actor_name("police", place_country)
    if counts.get("vague"):
        notes.append(str(counts["vague"]))
    if location is not None:
        notes.append(f"location: {location.how}")

    claimed_by = ""
    if speaker is not None:
        claimed_by = speaker[0]
    before_trigger = text[: trig.start]
    event = Event(
        event_type=event_type,
        sub_event_type=sub_type,
        trigger=trig.text,
        evidence=text,
        start=sentence.start,
        end=sentence.end,
        date=date.date,
        time_precision=date.precision,
        date_text=date.text,
        actor1=actor1,
        actor2=actor2,
        fatalities=counts.get("fatalities"),  # type: ignore[arg-type]
        injured=counts.get("injured"),  # type: ignore[arg-type]
        location=location.resolution if location is not None else None,
        geo_precision=location.geo_precision if location is not None else 3,
        uncertainty_km=location.uncertainty_km if location is not None else None,
        claimed_by=claimed_by,
        notes="; ".join(notes),
    )
    absolute = (sentence.start + trig.start, sentence.start + trig.end)
    political = (
        event_type != taxonomy.DIPLOMACY
        or sub_type == taxonomy.PRISONER_EXCHANGE
        or bool(actors or _OFFICIALS.search(text))
    )
    return Draft(
        event,
        index,
        paragraph,
        political=political,
        anaphoric=bool(_ANAPHORIC.search(before_trigger[-40:])),
        other_occasion=bool(_OTHER_OCCASION.search(before_trigger[-40:])),
        mentions=[absolute],
    )
