"""Linking an event to the place it happened at, with ACLED geo precision.

Not every place in the sentence is where the event happened: "talks with Russia in Istanbul"
happen in Istanbul; "shelling of the southern Ukrainian city of Kherson" hits Kherson; "captured the
settlement of Varachyne in Ukraine's northeast Sumy region" is at Varachyne, the most precise
place, which the region only contains. Each resolved place in the sentence is scored by

* the preposition that governs it: locative ("in", "at", "of" after a settlement word or the
  trigger, "on" after an attack word, "to" after a travel word) scores high; "near", "outside",
  "around" score a little less and lower the precision; "with", "against", "by", "from" mark a
  counterpart or an origin and disqualify the place; a place that speaks ("Kyiv said") too;
* its distance from the trigger, with a penalty when another event's trigger lies between;
* its precision (a village beats its region, which beats its country) and containment: when the
  best place contains another well-placed candidate, the contained one wins.

A sentence with no usable place may refer back with a description ("in the Turkish city"): the
most recent earlier place of that kind (and country) in the article is used.

ACLED `geo_precision`: 1 the exact place (a town or village named as the location); 2 near a place
or a district-level area; 3 only a region (admin-1) or a country is known. `uncertainty_km` is the
place's own radius, plus `NEAR_KM` when the text says "near"/"outside".
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from geomap.events import countries, vocab
from geomap.geodesy import geodesic_km
from geomap.records import Resolution

NEAR_KM = 10.0  # added to the radius for "near X", "outside X": such events are within ~10 km

_PLACE_NOUNS = (
    r"city|town|village|settlement|hamlet|region|oblast|province|district|capital|port|"
    r"suburb|outskirts|area|community|municipality|raion|county|state|republic|island"
)
# Words that may stand between a preposition and its place: determiners, names, directions,
# settlement words ("in the southern Ukrainian city of Kherson", "in Ukraine's northeast Sumy").
_MODIFIER = re.compile(
    r"(?:the|a|an|this|its|their|his|her|[A-Z][\w’'.-]*|\d[\w.-]*|[a-z]+ern|[a-z]+-[a-z]+|"
    r"north|south|east|west|northeast|northwest|southeast|southwest|central|small|large|"
    r"occupied|liberated|besieged|embattled|strategic|key|nearby|neighbouring|neighboring|"
    r"rebel|separatist|insurgent|government|enemy|"
    rf"frontline|border|industrial|coastal|capital|{_PLACE_NOUNS})",
)
_PREPOSITIONS = {
    "in", "at", "inside", "into", "within", "on", "of", "to", "toward", "towards", "near",
    "outside", "around", "nearby", "from", "with", "against", "by", "between", "over",
}  # fmt: skip
_MAX_MODIFIERS = 6
_OBJECT_VERBS = {
    "hit", "hits", "struck", "strikes", "targeted", "targets", "pounded", "pounds", "attacked",
    "attacks", "shelled", "shells", "bombed", "bombs", "captured", "captures", "seized", "seizes",
    "took", "takes", "retook", "recaptured", "liberated", "entered", "stormed", "visited",
    "visits", "reached", "occupied", "overran", "raided", "rocked", "ravaged",
}  # fmt: skip


def _governing_preposition(left: str) -> tuple[str, str, str] | None:
    """(preposition, modifiers, text before it) for the words left of a place, walking back."""
    words = list(re.finditer(r"[\w’'.-]+", left))
    for modifiers, word in enumerate(reversed(words)):
        token = word.group(0)
        low = token.lower()
        if low in _PREPOSITIONS:
            if low == "to" and left[: word.start()].rstrip().lower().endswith("close"):
                low = "near"
            return low, left[word.end() :], left[: word.start()]
        if low in _OBJECT_VERBS:
            # "shelling hit the Donetsk region", "captured Kupiansk": the place is the object.
            return "object", left[word.end() :], left[: word.start()]
        if modifiers >= _MAX_MODIFIERS or not _MODIFIER.fullmatch(token):
            return None
    return None


_SPEAKS_AFTER = re.compile(
    r"^(?:['’]s\s+\w+\s+)?\s*(?:(?:has|had|also|on \w+)\s+)?"
    r"(?:said|says|say|reported|reports|told|claimed|claims|announced|stated|accused|denied)\b",
    re.I,
)
_HEADLINE_SOURCE = re.compile(r"^\s*(?:[-–—:]\s*)?$")
_KIND_BONUS = {
    "populated_place": 0.6,
    "admin3": 0.4,
    "admin2": 0.3,
    "admin1": 0.1,
    "region": 0.1,
}
_TRAVEL_SUBTYPES = {"Visit/arrival"}
_FROM_IS_VENUE = {"Non-violent transfer of territory"}
_POSSESSOR_OF_EVENT = re.compile(
    r"['’]s?\s+(?:full-scale\s+|ongoing\s+)?(?:war|aggression|invasion|offensive|attacks?|"
    r"strikes?|shelling|forces|troops|army|military|government)\b",
    re.I,
)
_ACTOR_NOUN_BEFORE = re.compile(
    r"\b(?:forces|army|military|troops|ministry|government|authorities|police|president|"
    r"leadership|minister|people['’]s militia|militia|command|staff|republic|service)\s*$",
    re.I,
)
# Talks are named after their topic ("Ukraine talks", "Gaza talks"): only a preposition gives
# their venue.
_NEEDS_PREPOSITION = {"Talks", "Prisoner exchange", "Visit/arrival"}
_ATTACK_ON = re.compile(
    r"\b(?:attacks?|strikes?|assault|fired|firing|offensive|raid|shelling)\s*$", re.I
)


@dataclass(frozen=True, slots=True)
class LocationChoice:
    resolution: Resolution
    geo_precision: int
    uncertainty_km: float | None
    how: str  # "locative 'in'", "nearest place", "refers back to 'the Turkish city'"
    prep: str = ""  # the preposition that governs the place ("near", "in", "object", "")


def _prep_score(
    text: str, mention_start: int, trigger_end: int, sub_event_type: str
) -> tuple[float, str]:
    """Score of the preposition governing the mention at `mention_start` (sentence offsets)."""
    left = text[max(0, mention_start - 80) : mention_start]
    found = _governing_preposition(left)
    if found is None:
        return 0.0, ""
    prep, mods, before_prep = found
    if prep == "of":
        if _ACTOR_NOUN_BEFORE.search(before_prep):
            return -5.0, "of"  # "the Armed Forces of Ukraine" names an actor, not a venue
        if re.search(rf"\b(?:{_PLACE_NOUNS})\s*$", before_prep, re.I):
            return 3.0, "of"
        # "shelling of Kherson", "capture of X": the trigger governs the place directly.
        if text_offset_near(before_prep, left, mention_start, trigger_end):
            return 3.0, "of"
        if re.search(
            r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest)\s*$",
            before_prep,
            re.I,
        ) or re.search(r"\bkm\s*$|\bkilometres?\s*$|\bmiles?\s*$", before_prep, re.I):
            return 2.0, "near"
        return 0.5, "of"
    if prep in {"in", "at", "inside", "into", "within", "object"}:
        return 3.0, prep
    if prep == "on":
        return (3.0 if _ATTACK_ON.search(before_prep) or not mods.strip() else 1.0), prep
    if prep in {"near", "outside", "around", "close to", "nearby", "outskirts of", "over"}:
        return 2.0, "near"
    if prep in {"to", "toward", "towards"}:
        return (3.0 if sub_event_type in _TRAVEL_SUBTYPES else 1.0), prep
    if prep == "from" and sub_event_type in _FROM_IS_VENUE:
        return 3.0, "in"  # "withdrew from Avdiivka": where the handover happened
    if prep in {"from", "with", "against", "by", "between"}:
        return -5.0, prep
    return 0.0, ""


def text_offset_near(before_prep: str, left: str, mention_start: int, trigger_end: int) -> bool:
    """True when the "of" directly follows the trigger ("shelling of", "capture of")."""
    prep_pos = mention_start - len(left) + len(before_prep)
    return 0 <= prep_pos - trigger_end <= 2


def link_location(
    sentence_text: str,
    sentence_start: int,
    trigger_span: tuple[int, int],
    other_triggers: Sequence[tuple[int, int, bool]],
    candidates: Sequence[Resolution],
    sub_event_type: str,
    agents: Sequence[tuple[int, int]] = (),
) -> LocationChoice | None:
    """The best place in the sentence for the trigger at `trigger_span` (sentence offsets).

    `other_triggers` are the spans of the sentence's other event triggers, each with whether it
    is of the same family (violent or not) as this one; `agents` the spans of actors named with
    a role noun ("Kiev shelling", "Russian forces"): a place inside one is the actor, not the
    venue.
    """
    scored: list[tuple[float, Resolution, str]] = []
    t_start, t_end = trigger_span
    for res in map(most_specific, candidates):
        place = res.place
        if place is None or res.mention.kind == "demonym" or place.kind == "demonym":
            continue
        m_start = res.mention.start - sentence_start
        m_end = res.mention.end - sentence_start
        if not (0 <= m_start < len(sentence_text)) or (m_start < t_end and m_end > t_start):
            continue  # outside the sentence, or the trigger itself read as a name ("KIA")
        prep_score, prep = _prep_score(sentence_text, m_start, t_end, sub_event_type)
        if _POSSESSOR_OF_EVENT.match(sentence_text[m_end:]):
            prep_score = -5.0  # "killed in Russia's war": the war's owner, not the venue
        if is_speaker(sentence_text, m_start, m_end) or any(
            a_start <= m_start < a_end for a_start, a_end in agents
        ):
            prep_score = -5.0
        head = _HEAD_AFTER.match(sentence_text, m_end)
        if head and prep_score > 0 and head.group(1).lower() in _area_heads():
            prep_score, prep = 2.0, "near"  # "in the Pokrovsk direction", "at Donetsk airport"
        elif head and not prep and _VICTIM_HEAD.fullmatch(head.group(1)):
            prep_score, prep = 1.5, "in"  # "a Horlivka woman was wounded": where she lives
        gap = m_start - t_end if m_start >= t_end else t_start - m_end
        if not prep and prep_score == 0.0 and (gap > 2 or sub_event_type in _NEEDS_PREPOSITION):
            continue  # a bare name away from the trigger is a subject or a topic, not a venue
        score = prep_score - max(gap, 0) / 40.0 + _KIND_BONUS.get(place.kind, 0.0)
        lo, hi = sorted((t_end, m_start) if m_start >= t_end else (m_end, t_start))
        for o_start, o_end, kindred in other_triggers:
            between = lo <= o_start and o_end <= hi
            nearer = _gap((o_start, o_end), (m_start, m_end)) < max(gap, 0)
            if between or nearer:
                # The place is another event's venue. A kindred event may share it ("arrived in
                # Ankara for meetings"); talks do not happen where a shelling did.
                score -= 2.0 if kindred else 10.0
                break
        scored.append((score, res, prep))
    viable = [s for s in scored if s[0] > -2.0]
    if not viable:
        return None
    viable.sort(key=lambda s: -s[0])
    best_score, best, prep = viable[0]
    for score, res, other_prep in viable[1:]:
        # "killed in Donbas near Svitlodarsk", "the village of X in the Sumy region": the
        # place inside the other is the more precise venue.
        if score >= best_score - 3.0 and other_prep and _contains(best, res):
            best, prep = res, other_prep
    return _choice(best, prep, f"locative '{prep}'" if prep else "nearest place in the sentence")


_REGION_WORD = re.compile(r"\b(?:region|oblast|province|raion|district|county|state|krai)\b", re.I)
_AREA_KINDS = {"admin1", "admin2"}  # not "region": a village named Donbas is not Donbas


def most_specific(res: Resolution) -> Resolution:
    """A city named like the region it lies in ("Kherson, Kherson region", "Sevastopol,
    Crimea", "Kyiv"): English news names the region with its generic word ("the Kherson
    region", "Kherson Oblast"), so a bare name that the resolver read as the region is the
    city when the region holds a settlement of that name. The most populous such settlement
    among the mention's candidates is the event's place."""
    place = res.place
    mention = res.mention
    # The text's own words decide, not the recogniser's hint: "Kherson, Kherson region" reads
    # to it like "California or Washington" (a state's name next to another).
    if place is None or place.kind not in _AREA_KINDS or _REGION_WORD.search(mention.text):
        return res
    inside = [
        alt
        for alt in res.alternatives
        if alt.kind == "populated_place"
        and alt.country_code == place.country_code
        and (_same_name(alt.admin1, place.name) or _same_name(alt.name, mention.text))
        and _contains(res, dataclasses.replace(res, place=alt))
    ]
    if not inside:
        return res
    city = max(inside, key=lambda alt: alt.population)
    rule = f"{res.rule}; the city {city.name}, not the region its name also names"
    return dataclasses.replace(res, place=city, rule=rule)


# Between the places of a list: "X, Y and Z", "X and Y", "X or Y".
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or)\s+)(?:the\s+)?")
_LIST_KINDS = {"populated_place", "admin3", "admin2"}


def coordinated_places(
    sentence_text: str,
    sentence_start: int,
    choice: LocationChoice | None,
    candidates: Sequence[Resolution],
) -> list[LocationChoice]:
    """The event's place and the places listed with it ("clashes near X and Y", "attacked near
    X, Y and Z"): ACLED codes one event per place, each with the precision of the shared
    preposition. A name after a comma that is the place's own region ("Kherson, Kherson region",
    "Pokrovsk, Donetsk") is its context, not another list member."""
    if choice is None:
        return []
    placed = sorted(
        (r for r in candidates if r.place is not None and r.mention.kind != "demonym"),
        key=lambda r: r.mention.start,
    )
    at = next(
        (i for i, r in enumerate(placed) if r.mention.start == choice.resolution.mention.start),
        None,
    )
    if at is None:
        return [choice]
    members = [choice.resolution]
    for step in (1, -1):
        i = at
        while 0 <= i + step < len(placed):
            a, b = (placed[i], placed[i + step]) if step == 1 else (placed[i + step], placed[i])
            gap = sentence_text[a.mention.end - sentence_start : b.mention.start - sentence_start]
            if not _LIST_GAP.fullmatch(gap) or not _listed_together(a, b, gap):
                break
            i += step
            members.append(most_specific(placed[i]))
    if len(members) == 1:
        return [choice]
    members.sort(key=lambda r: r.mention.start)
    how = f"{choice.how}; one of {len(members)} places listed together"
    return [_choice(r, choice.prep, how) for r in members]


def _listed_together(a: Resolution, b: Resolution, gap: str) -> bool:
    """b continues a list that a is in (not a's region, country or an apposition)."""
    pa, pb = a.place, b.place
    if pa is None or pb is None or pb.kind not in _LIST_KINDS or pa.kind not in _LIST_KINDS:
        return False
    if _REGION_WORD.search(b.mention.text) or _contains(b, a) or _contains(a, b):
        return False
    # "Pokrovsk, Donetsk": a bare name after a comma may be the region the first lies in
    comma_only = "," in gap and not re.search(r"\b(?:and|or)\b", gap)
    return not (comma_only and (a.mention.context_admin1 or _same_name(pa.admin1, b.mention.text)))


_HEAD_AFTER = re.compile(r"[ \t]+([a-z][\w-]*)")
_VICTIM_HEAD = re.compile(
    r"(?:wom[ae]n|m[ae]n|residents?|civilians?|villagers?|children|child|boys?|girls?|"
    r"pensioners?|families|family)"
)


@functools.cache
def _area_heads() -> frozenset[str]:
    return frozenset(vocab.words("area_heads.txt"))


def is_venue_mention(res: Resolution) -> bool:
    """A mention written as a venue: after a locative preposition ("in Sloviansk", "the village
    of X") or standing alone as a line (a dateline or a place tag)."""
    mention = res.mention
    start = mention.start - mention.sentence_start
    if is_speaker(mention.sentence, start, start + len(mention.text)):
        return False
    if mention.sentence.strip(" .:-–—") == mention.text:
        return True
    score, prep = _prep_score(mention.sentence, start, -100, "")
    return score >= 2.0 and prep != "object"


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(b[0] - a[1], a[0] - b[1], 0)


def is_speaker(text: str, m_start: int, m_end: int) -> bool:
    """ "Kyiv said ...", or a headline's trailing source ("... - Kiev", "...: Kiev")."""
    if _SPEAKS_AFTER.match(text[m_end:]):
        return True
    before = text[:m_start].rstrip()
    if re.search(r"\b(?:pro|anti)-$", text[:m_start]):
        return True  # "a pro-Kiev official": an allegiance, not a place
    # "... - Kiev", "...: Kiev military": a trailing source of at most three words.
    tail = text[m_end:].strip(" .")
    return bool(before.endswith((" -", "–", "—", ":")) and len(tail.split()) <= 2)


def _contains(outer: Resolution, inner: Resolution) -> bool:
    a, b = outer.place, inner.place
    if a is None or b is None or a.place_id == b.place_id or a.country_code != b.country_code:
        return False
    rank = {"country": 0, "admin1": 1, "region": 1, "admin2": 2, "admin3": 3, "populated_place": 4}
    if rank.get(a.kind, 5) >= rank.get(b.kind, 5):
        return False
    if a.kind == "country":
        return True
    if a.kind in {"admin1", "region"}:
        return bool(
            (a.admin1_code and a.admin1_code == b.admin1_code)
            or (b.admin1 and _same_name(b.admin1, a.name))
        )
    if a.kind == "admin2" and b.admin2 and _same_name(b.admin2, a.name):
        return True
    # Areas without codes ("Donbas") or with codes the place lacks: contained when the place
    # lies within the area's radius.
    if a.uncertainty_km:
        return geodesic_km(a.point, b.point) <= a.uncertainty_km
    return False


def _same_name(x: str, y: str) -> bool:
    strip = re.compile(r"\b(?:oblast|region|province|raion|district|city)\b|['’]s?", re.I)
    return strip.sub("", x).strip().casefold() == strip.sub("", y).strip().casefold()


def _choice(res: Resolution, prep: str, how: str) -> LocationChoice:
    place = res.place
    assert place is not None
    if place.kind == "populated_place":
        precision = 2 if prep == "near" else 1
    elif place.kind in {"admin2", "admin3"}:
        precision = 2
    else:
        precision = 3
    radius = place.uncertainty_km
    if prep == "near" and radius is not None:
        radius += NEAR_KM
    return LocationChoice(res, precision, radius, how, prep)


_DESCRIPTION = re.compile(
    r"\b(?:in|at|to|near|of|outside)\s+the\s+(?P<adj>[A-Z][a-z]+\s+)?"
    r"(?P<noun>city|town|village|capital|settlement|port)\b"
)


def link_by_description(
    sentence_text: str, earlier: Sequence[Resolution], venues: Sequence[Resolution] = ()
) -> LocationChoice | None:
    """ "in the Turkish city" -> an earlier city in Turkey: first one already named as the venue
    of the same kind of event (`venues`: "talks ... in Istanbul" then "the talks will be held in
    the Turkish city"), else the latest one mentioned."""
    m = _DESCRIPTION.search(sentence_text)
    if m is None:
        return None
    code = countries.code_for(m.group("adj").strip()) if m.group("adj") else ""
    for pool in (venues, earlier):
        for res in reversed(pool):
            if _fits_description(res, code, m.group("noun")):
                return _choice(res, "in", f"refers back to '{m.group(0)}'")
    return None


def _fits_description(res: Resolution, code: str, noun: str) -> bool:
    place = res.place
    if place is None or (code and place.country_code != code):
        return False
    # A city the resolver coded as its province (Istanbul, Kyiv City) still answers "the city".
    is_city = place.kind == "populated_place" or any(
        alt.kind == "populated_place" and alt.country_code == place.country_code
        for alt in res.alternatives
    )
    if not is_city:
        return False
    return noun != "capital" or place.feature_code == "PPLC"
