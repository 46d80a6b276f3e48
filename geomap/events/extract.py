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
from dataclasses import dataclass, field

from geomap.doc import Doc, make_doc
from geomap.events import actors as actor_mod
from geomap.events import countries, taxonomy
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
    is_venue_mention,
    link_by_description,
    link_location,
)
from geomap.records import Article, Event, Resolution
from geomap.text import Sentence

_NEGATION = re.compile(
    r"\b(?:no|not|never|n['’]t|denied|denies|deny|denying|without|neither|nor|hardly|"
    r"failed to|fail to|refused to|rejected|dismissed)\b",
    re.I,
)
_IRREALIS = re.compile(
    r"\b(?:would|could|might|may|should|must|hopes?|hoped|hoping|goals?|aims?|aimed|aiming|"
    r"plans?|planned|planning|prepare[sd]?|preparing|intends?|intended|intention|wants?|"
    r"wanted|ready to|willing to|threaten(?:s|ed|ing)?|if|unless|calls? for|called for|"
    r"demand(?:s|ed)?|seek(?:s|ing)?|sought|expectations?|expects?|expecting|possible|"
    r"possibility|likely|unlikely|attempt(?:s|ed)? to|tried to|trying to|try to|"
    r"to prevent|to avoid|stop|stopping|to end|warn(?:s|ed|ing)? of|fears? of|risk of|"
    r"in order to|ahead of any)\b",
    re.I,
)
_MODAL_AFTER = re.compile(r"^(?:\s+[\w’'-]+){0,2}?\s+(?:would|could|might|may)\b", re.I)
_NEGATION_WINDOW_WORDS = 10
_CLAUSE_BREAK = re.compile(r"[;:—–]|\s-\s|,\s+(?=(?:and|but|while|whereas|as|with|which|who)\b)")
_SPEECH = re.compile(
    r"\b(?:said|says|say|claimed|claims|reported|reports|announced|stated|told|confirmed|wrote|"
    r"according to|quoting)\b",
    re.I,
)
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "officials", "sources", "source"}
_KILL_WORDS = re.compile(r"kill|dead|die|death|lives|\bKIA\b", re.I)
_ACTIVE_CASUALTY = re.compile(
    r"^(?:killed|kills|killing|wounding|wounds|injuring|injures|wounded|injured)$", re.I
)
_ANAPHORIC = re.compile(r"\b(?:the|these|this|those|that|such)\s+(?:[\w’'-]+\s+){0,2}$", re.I)
# Words that make a visit or a meeting a diplomatic one ("when they arrived, they found ..." is
# not); a sentence with a country actor qualifies too.
_OFFICIALS = re.compile(
    r"\b(?:delegations?|ministers?|ministry|president|prime minister|premier|chancellor|"
    r"officials?|envoys?|diplomats?|ambassadors?|negotiators?|secretary|spokes(?:man|woman|"
    r"person)|leaders?|king|emir|foreign|government|peace|ceasefire|bilateral|summit|"
    r"counterparts?)\b",
    re.I,
)
_OTHER_OCCASION = re.compile(
    r"\b(?:previous|past|earlier|last|next|future|first|second|another|new)\s+"
    r"(?:[\w’'-]+\s+){0,2}$",
    re.I,
)


@dataclass(slots=True)
class _Draft:
    """An event under construction, with what merging needs to know about it."""

    event: Event
    sentence_index: int
    paragraph: int
    anaphoric: bool = False
    political: bool = True  # diplomacy needs a state actor or an official in its sentence
    other_occasion: bool = False
    mentions: list[tuple[int, int]] = field(default_factory=list)

    @property
    def place_id(self) -> str:
        loc = self.event.location
        return loc.place.place_id if loc is not None and loc.place is not None else ""


def extract_events(source: Article | Doc, resolutions: list[Resolution]) -> list[Event]:
    """The events an article reports, ACLED-coded, located, dated and merged (see module doc)."""
    doc = make_doc(source)
    article = doc.article
    sentences = doc.sentences
    paragraphs = doc.paragraph_of_sentence
    capital_forms = countries.capital_codes_from_resolutions(resolutions)
    ordered = sorted(resolutions, key=lambda r: r.mention.start)
    drafts: list[_Draft] = []
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
    _refine_from_document(drafts, ordered)
    return [d.event for d in _merge(drafts)]


# --- one sentence -----------------------------------------------------------------------------


def _sentence_events(
    article: Article,
    sentence: Sentence,
    index: int,
    paragraph: int,
    in_sentence: list[Resolution],
    earlier: list[Resolution],
    capital_forms: dict[str, str],
    previous: list[_Draft],
) -> list[_Draft]:
    text = sentence.text
    triggers = [t for t in taxonomy.find_triggers(text) if not _is_irrealis(text, t)]
    if not triggers:
        return []
    events = [t for t in triggers if t.rule.role != "casualty"]
    casualties = [t for t in triggers if t.rule.role == "casualty"]
    actors = actor_mod.find_actors(text, capital_forms)
    speaker = _speaker(text, capital_forms)
    counts = _casualty_counts(text, casualties)

    if casualties and not any(_is_violent(t) for t in events):
        target = _previous_violent(previous, index, paragraph)
        has_place = any(r.place is not None and r.mention.kind != "demonym" for r in in_sentence)
        if target is not None and not has_place and not events:
            _add_counts(target, counts)
            return []
        events = [*events, casualties[0]]  # casualties alone are an event of their own

    out: list[_Draft] = []
    violent_done = False
    for trig in sorted(events, key=lambda t: -t.rule.priority):
        violent = _is_violent(trig)
        if violent and violent_done:
            continue  # one incident per sentence: the strongest trigger describes it
        others = [(t.start, t.end, _is_violent(t) == violent) for t in events if t is not trig]
        location = link_location(
            text,
            sentence.start,
            (trig.start, trig.end),
            others,
            in_sentence,
            trig.rule.sub_event_type,
        ) or link_by_description(text, earlier, _venues(previous, trig.rule.sub_event_type))
        clause = _clause(text, trig.start)
        date = resolve_date(clause, article.published, anchor=trig.start - text.find(clause))
        if not date.text:
            date = resolve_date(text, article.published, anchor=trig.start)
        draft = _build(
            article, sentence, index, paragraph, trig, location, date, actors, speaker,
            counts if violent else {}, capital_forms,
        )  # fmt: skip
        out.append(draft)
        violent_done = violent_done or violent
    return sorted(out, key=lambda d: d.mentions[0][0])


def _venues(previous: list[_Draft], sub_event_type: str) -> list[Resolution]:
    return [
        d.event.location
        for d in previous
        if d.event.location is not None and d.event.sub_event_type == sub_event_type
    ]


def _is_violent(trig: taxonomy.TriggerMatch) -> bool:
    return trig.rule.event_type in {taxonomy.BATTLES, taxonomy.REMOTE, taxonomy.VAC}


def _clause(text: str, offset: int) -> str:
    """The clause around `offset` (for date words that belong to this event, not the next)."""
    starts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(text) if m.end() <= offset]
    ends = [m.start() for m in _CLAUSE_BREAK.finditer(text) if m.start() > offset] + [len(text)]
    return text[starts[-1] : ends[0]]


def _is_irrealis(text: str, trig: taxonomy.TriggerMatch) -> bool:
    before = text[: trig.start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause_before = before[breaks[-1].end() :] if breaks else before
    window = " ".join(clause_before.split()[-_NEGATION_WINDOW_WORDS:])
    if _NEGATION.search(window):
        return True
    # Modality ("likely going to ... facilitating the exchange", "said the meeting would cover
    # ... prisoner exchanges") reaches further: up to a contrast or a semicolon.
    scope = re.split(r"[;:]|,?\s+but\s+|,\s+while\s+|,\s+however\b", before)[-1]
    if _IRREALIS.search(scope):
        return True
    return bool(trig.rule.role != "casualty" and _MODAL_AFTER.match(text[trig.end : trig.end + 40]))


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


def _previous_violent(previous: list[_Draft], index: int, paragraph: int) -> _Draft | None:
    for draft in reversed(previous):
        if draft.paragraph != paragraph or index - draft.sentence_index > 2:
            return None
        if draft.event.event_type in {taxonomy.BATTLES, taxonomy.REMOTE, taxonomy.VAC}:
            return draft
    return None


def _add_counts(draft: _Draft, counts: dict[str, object]) -> None:
    event = draft.event
    changes: dict[str, object] = {}
    for key in ("fatalities", "injured"):
        if counts.get(key) is not None and getattr(event, key) is None:
            changes[key] = counts[key]
    if changes:
        draft.event = dataclasses.replace(event, **changes)


def _speaker(text: str, capital_forms: dict[str, str]) -> tuple[str, int, int] | None:
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


def _build(
    article: Article,
    sentence: Sentence,
    index: int,
    paragraph: int,
    trig: taxonomy.TriggerMatch,
    location: LocationChoice | None,
    date: DateResolution,
    actors: list[actor_mod.ActorMention],
    speaker: tuple[str, int, int] | None,
    counts: dict[str, object],
    capital_forms: dict[str, str],
) -> _Draft:
    text = sentence.text
    place = location.resolution.place if location is not None else None
    place_country = place.country_code if place is not None else ""
    event_type, sub_type = trig.rule.event_type, trig.rule.sub_event_type
    actor1, actor2, actor1_mention = _actors(text, trig, actors, event_type, place_country, speaker)
    notes: list[str] = []

    if trig.rule.role == "territory":
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
        if civilians:
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
    return _Draft(
        event,
        index,
        paragraph,
        political=political,
        anaphoric=bool(_ANAPHORIC.search(before_trigger[-40:])),
        other_occasion=bool(_OTHER_OCCASION.search(before_trigger[-40:])),
        mentions=[absolute],
    )


def _actors(
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
        agents = [a for a in agents if not _is_speaker_mention(a, speaker) or a.kind == "country"]
    first: actor_mod.ActorMention | None = None
    second: actor_mod.ActorMention | None = None
    by = re.search(r"^\s*(?:[\w’'-]+\s+){0,4}?by\s+", text[trig.end :])
    with_ = re.search(r"^\s*(?:[\w’'-]+\s+){0,3}?(?:with|against|on)\s+", text[trig.end :])
    after = [a for a in agents if a.start >= trig.end]
    before = [a for a in agents if a.end <= trig.start]
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


def _is_speaker_mention(
    actor: actor_mod.ActorMention, speaker: tuple[str, int, int] | None
) -> bool:
    return bool(speaker and actor.end <= speaker[1] and speaker[1] - actor.end <= 3)


# --- document-level location --------------------------------------------------------------

_SPECIFIC_KINDS = {"populated_place", "admin2", "admin3"}


def _refine_from_document(drafts: list[_Draft], resolutions: list[Resolution]) -> None:
    """An event placed only at a country ("fighting in eastern Ukraine"), or nowhere, takes the
    article's one specific place in that country when there is exactly one: the report is then
    about that place, as an ACLED coder would read it, at geo_precision 2 ("part of a region,
    coded to the nearest town"). With two or more candidate places nothing is guessed.
    Diplomacy is left alone: its venue must be stated."""
    specific: dict[str, Resolution] = {}
    for res in resolutions:
        place = res.place
        if place is None or res.mention.kind == "demonym" or place.kind not in _SPECIFIC_KINDS:
            continue
        if is_venue_mention(res):  # not "... - Kiev" (a source) or "Kiev blames" (an agent)
            specific.setdefault(place.place_id, res)
    for draft in drafts:
        event = draft.event
        if event.event_type == taxonomy.DIPLOMACY:
            continue
        current = event.location.place if event.location is not None else None
        if current is not None and current.kind != "country":
            continue
        pool = [
            r
            for r in specific.values()
            if current is None or r.place.country_code == current.country_code  # type: ignore[union-attr]
        ]
        if len(pool) != 1:
            continue
        chosen = pool[0]
        place = chosen.place
        assert place is not None
        note = f"location: the article's only specific place ({place.name})"
        draft.event = dataclasses.replace(
            event,
            location=chosen,
            geo_precision=2,
            uncertainty_km=place.uncertainty_km,
            notes="; ".join(x for x in (event.notes, note) if x),
        )


# --- merging ----------------------------------------------------------------------------------


def _dates_compatible(a: Event, b: Event) -> bool:
    if a.date is None or b.date is None:
        return True
    window = {1: 0, 2: 7, 3: 31}
    slack = max(window.get(a.time_precision, 31), window.get(b.time_precision, 31))
    return abs((a.date - b.date).days) <= slack


def _same_incident(a: _Draft, b: _Draft) -> bool:
    ea, eb = a.event, b.event
    if (ea.event_type, ea.sub_event_type) != (eb.event_type, eb.sub_event_type):
        return False
    if a.event.evidence == b.event.evidence and a.event.trigger == b.event.trigger:
        return True  # the same sentence told twice (a repeated teaser)
    if not _dates_compatible(ea, eb):
        return False
    if a.place_id and b.place_id:
        return a.place_id == b.place_id
    # "the talks" with no place of its own refers back to the talks already told.
    unplaced = b if not b.place_id else a
    return unplaced.anaphoric and not unplaced.other_occasion


def _merge(drafts: list[_Draft]) -> list[_Draft]:
    kept: list[_Draft] = []
    # Located events first, so anaphoric mentions attach to a located antecedent.
    for draft in sorted(drafts, key=lambda d: (not d.place_id, d.mentions[0][0])):
        target = next((k for k in kept if _same_incident(k, draft)), None)
        if target is None:
            kept.append(draft)
        else:
            _absorb(target, draft)
            target.political = target.political or draft.political
    # A visit or meeting with no official in its sentence is a diplomatic event only when it
    # refers back ("the talks") in an article that already tells of diplomacy.
    diplomacy_told = any(d.political and d.event.event_type == taxonomy.DIPLOMACY for d in kept)
    kept = [d for d in kept if d.political or (d.anaphoric and diplomacy_told)]
    return sorted(kept, key=lambda d: d.mentions[0][0])


def _absorb(target: _Draft, other: _Draft) -> None:
    a, b = target.event, other.event
    changes: dict[str, object] = {}
    if b.date is not None and (a.date is None or b.time_precision < a.time_precision):
        changes.update(date=b.date, time_precision=b.time_precision, date_text=b.date_text)
    for key in ("fatalities", "injured"):
        va, vb = getattr(a, key), getattr(b, key)
        if vb is not None and (va is None or vb > va):
            changes[key] = vb
    for key in ("actor1", "actor2", "claimed_by"):
        if not getattr(a, key) and getattr(b, key):
            changes[key] = getattr(b, key)
    if a.location is None and b.location is not None:
        changes.update(
            location=b.location, geo_precision=b.geo_precision, uncertainty_km=b.uncertainty_km
        )
    if b.evidence != a.evidence:
        merged = "also told in: " + b.evidence[:120]
        changes["notes"] = "; ".join(x for x in (a.notes, merged) if x)
    if changes:
        target.event = dataclasses.replace(a, **changes)
    target.mentions.extend(other.mentions)
