"""Events told more than once in an article, merged; events the sentence left unplaced, placed
from the article.

A repeated teaser, "the talks" referring back to talks already told, the same shelling in the
headline and the body: one incident, one event, keeping the most precise date, the largest
counts and the first named actors. An event placed only at a country ("fighting in eastern
Ukraine"), or nowhere, takes the article's one specific place when there is exactly one.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from geomap.events import taxonomy
from geomap.events.locate import is_venue_mention
from geomap.records import Event, Resolution


@dataclass(slots=True)
class Draft:
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


_SPECIFIC_KINDS = {"populated_place", "admin2", "admin3"}


def refine_from_document(drafts: list[Draft], resolutions: list[Resolution]) -> None:
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


def _same_incident(a: Draft, b: Draft) -> bool:
    ea, eb = a.event, b.event
    if (ea.event_type, ea.sub_event_type) != (eb.event_type, eb.sub_event_type):
        return False
    if a.event.evidence == b.event.evidence and a.event.trigger == b.event.trigger:
        return a.place_id == b.place_id  # the same sentence told twice (a repeated teaser)
    if not _dates_compatible(ea, eb):
        return False
    if a.place_id and b.place_id:
        return a.place_id == b.place_id
    # "the talks" with no place of its own refers back to the talks already told.
    unplaced = b if not b.place_id else a
    return unplaced.anaphoric and not unplaced.other_occasion


def merge(drafts: list[Draft]) -> list[Draft]:
    kept: list[Draft] = []
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


def _absorb(target: Draft, other: Draft) -> None:
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
