"""The phrasings of real event reports, on sentences written for these tests (hand-built
resolutions; the recogniser's conflict cues are tested against the gazetteer at the end)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from events_fixtures import CITY_OF_REGION, PLACES, article, resolutions_for

from geomap.events import extract_events, taxonomy, vocab
from geomap.events.locate import most_specific
from geomap.records import Resolution

THU = dt.date(2024, 3, 14)  # a Thursday


def events_of(text: str, published: dt.date | None = THU, resolutions=None):
    found = resolutions if resolutions is not None else resolutions_for(text)
    return extract_events(article(text, published), found)


def kinds(events):
    return [(e.event_type, e.sub_event_type) for e in events]


def places(events):
    return [e.location.place.name if e.location is not None else None for e in events]


SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
AIR = ("Explosions/Remote violence", "Air/drone strike")
IED = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
CLASH = ("Battles", "Armed clash")
DISRUPTED = ("Strategic developments", "Disrupted weapons use")


# --- verb classes, their objects and the weapon named ------------------------------------------


def test_fired_weapons_at_a_place_is_shelling_there():
    events = events_of("Russian troops fired mortars and artillery at Vovchansk on Monday.")
    assert kinds(events) == [SHELLING]
    assert places(events) == ["Vovchansk"]
    assert events[0].actor1 == "Military Forces of Russia"
    assert events[0].date == dt.date(2024, 3, 11)


def test_the_weapon_decides_a_generic_attack():
    drones = events_of("Russian forces attacked Nikopol with drones.")
    assert kinds(drones) == [AIR]
    ground = events_of("Russian forces attacked Krasnohorivka.")
    assert kinds(ground) == [CLASH]
    struck = events_of("Russian drones struck Izium after midnight.")
    assert kinds(struck) == [AIR]
    assert places(struck) == ["Izium"]


def test_carried_out_drone_strikes_on_a_place():
    events = events_of("Ukraine carried out drone strikes on Belgorod for a second night.")
    assert kinds(events) == [AIR]
    assert places(events) == ["Belgorod"]
    assert events[0].actor1 == "Military Forces of Ukraine"


def test_shelled_positions_in_a_place_is_located_at_the_place_not_the_enemy():
    events = events_of("Ukrainian gunners shelled Russian positions in Horlivka.")
    assert kinds(events) == [SHELLING]
    assert places(events) == ["Horlivka"]
    assert events[0].geo_precision == 1


def test_struck_overnight_dates_the_night_and_needs_an_armed_subject():
    events = events_of("Russia struck Odesa overnight.")
    assert kinds(events) == [SHELLING]
    assert places(events) == ["Odesa"]
    assert (events[0].date, events[0].time_precision) == (dt.date(2024, 3, 13), 1)
    assert events_of("A heatwave struck Odesa overnight.") == []
    assert events_of("The mayor of Odesa struck a conciliatory tone on Monday.") == []


def test_destroyed_takes_its_weapon_from_the_subject_and_a_munition_object_is_an_interception():
    artillery = events_of("Russian artillerymen destroyed a Ukrainian howitzer near Kurakhove.")
    assert kinds(artillery) == [SHELLING]
    stopped = events_of("Ukrainian air defence destroyed nine drones over Kharkiv.")
    assert kinds(stopped) == [DISRUPTED]
    ground = events_of("Ukrainian border guards destroyed an assault group near Vovchansk.")
    assert kinds(ground) == [CLASH]


def test_a_name_capitalised_inside_a_sentence_is_no_weapon():
    assert events_of("The Houston Rockets hit a late shot to beat Dallas.") == []


# --- interceptions and defusals -------------------------------------------------------------------


def test_shot_down_a_missile_over_a_place_is_disrupted_weapons_use():
    events = events_of("Air defence units shot down a cruise missile over Mykolaiv region.")
    assert kinds(events) == [DISRUPTED]
    assert places(events) == ["Mykolaiv Oblast"]
    assert events[0].geo_precision == 3


def test_a_crewed_aircraft_shot_down_is_a_clash_and_an_escorted_one_no_event():
    assert kinds(events_of("Ukrainian forces shot down a Russian Su-25 jet near Pokrovsk.")) == [
        CLASH
    ]
    assert events_of("Fighter jets intercepted two bombers near Crimea.") == []


def test_shooting_down_a_rumour_is_no_event():
    assert events_of("The minister shot down rumours of a reshuffle in Kyiv.") == []


def test_a_defused_shell_is_one_disrupted_weapons_use_event():
    text = "A remnant of an artillery shell was found and defused in Izium on Tuesday."
    events = events_of(text)
    assert kinds(events) == [DISRUPTED]
    assert places(events) == ["Izium"]
    assert events[0].date == dt.date(2024, 3, 12)
    device = events_of("Sappers defused an explosive device in Kherson.")
    assert kinds(device) == [DISRUPTED]


# --- one event per listed place ------------------------------------------------------------------


def test_clashes_near_two_places_are_two_events():
    events = events_of("Clashes continued near Staromaiorske and Urozhaine.")
    assert kinds(events) == [CLASH, CLASH]
    assert places(events) == ["Staromaiorske", "Urozhaine"]
    assert [e.geo_precision for e in events] == [2, 2]


def test_attacked_near_three_places_are_three_events_but_a_region_after_them_is_context():
    text = "Russian troops attacked near Krasnohorivka, Kurakhove and Pokrovsk, Donetsk region."
    events = events_of(text)
    assert places(events) == ["Krasnohorivka", "Kurakhove", "Pokrovsk"]
    assert all(e.actor1 == "Military Forces of Russia" for e in events)


# --- the most specific place of the clause ---------------------------------------------------


def _read_as_region(text: str, name: str, region, city) -> list[Resolution]:
    """The resolutions of `text` with `name` read as the region, the city an alternative."""
    out = []
    for res in resolutions_for(text):
        if res.mention.text == name:
            res = dataclasses.replace(res, place=region, alternatives=(city,))
        out.append(res)
    return out


def test_a_city_named_like_its_region_is_the_city():
    text = "Russian drones hit Kherson, Kherson region, on Tuesday."
    region, city = PLACES["Kherson region"], PLACES["Kherson"]
    events = events_of(text, resolutions=_read_as_region(text, "Kherson", region, city))
    assert places(events) == ["Kherson"]
    assert events[0].geo_precision == 1
    assert events[0].date == dt.date(2024, 3, 12)


def test_sevastopol_crimea_is_sevastopol():
    text = "A missile hit Sevastopol, Crimea."
    region, city = CITY_OF_REGION["Sevastopol"]
    events = events_of(text, resolutions=_read_as_region(text, "Sevastopol", region, city))
    assert kinds(events) == [SHELLING]
    assert events[0].location.place.kind == "populated_place"
    assert events[0].geo_precision == 1


def test_a_region_named_as_one_stays_the_region_with_precision_three():
    events = events_of("Russian shelling hit the Kherson region.")
    assert places(events) == ["Kherson Oblast"]
    assert events[0].geo_precision == 3
    region, city = PLACES["Kherson region"], PLACES["Kherson"]
    mention_text = "Kherson region"
    res = next(r for r in resolutions_for("Shelling hit the Kherson region.") if r.place)
    assert res.mention.text == mention_text
    kept = most_specific(dataclasses.replace(res, place=region, alternatives=(city,)))
    assert kept.place.kind == "admin1"


def test_a_place_inside_an_actor_is_not_the_venue():
    events = events_of("A woman was killed in Kiev shelling in Donetsk.")
    assert places(events) == ["Donetsk"]


def test_the_direction_of_a_city_is_near_it():
    events = events_of("Ukrainian troops repelled attacks in the Pokrovsk direction.")
    assert places(events) == ["Pokrovsk"]
    assert events[0].geo_precision == 2


# --- casualties, attempts, withdrawals -------------------------------------------------------


def test_were_injured_in_a_place_is_an_event_there():
    events = events_of("Two men were injured in Nikopol on Sunday.")
    assert len(events) == 1
    assert places(events) == ["Nikopol"]
    assert events[0].injured == 2
    assert events[0].date == dt.date(2024, 3, 10)


def test_a_casualty_caused_by_a_named_weapon_takes_its_type():
    mine = events_of("A farmer was killed by a landmine near Izium.")
    assert kinds(mine) == [IED]
    plane = events_of("Two passengers died aboard the plane in Odesa.")
    assert kinds(plane) != [AIR]


def test_an_attempted_attack_is_a_clash_and_an_attempted_meeting_nothing():
    attempt = events_of("Russian troops tried to break through near Krasnohorivka.")
    assert kinds(attempt) == [CLASH]
    failed = events_of("Russian forces failed to capture Vovchansk.")
    assert kinds(failed) == [CLASH]
    assert events_of("The envoys tried to arrange talks in Istanbul.") == []


def test_troops_withdrawing_from_a_place_but_not_a_court_case():
    events = events_of("Ukrainian troops withdrew from Krynky in February.")
    assert kinds(events) == [("Strategic developments", "Non-violent transfer of territory")]
    assert places(events) == ["Krynky"]
    assert events_of("Russia withdrew from the aviation treaty in June.") == []


def test_paired_actors_name_actor1_first():
    events = events_of("Russian and Ukrainian forces clashed near Kurakhove.")
    assert (events[0].actor1, events[0].actor2) == (
        "Military Forces of Russia",
        "Military Forces of Ukraine",
    )


# --- dates ------------------------------------------------------------------------------------


def test_absolute_and_weekday_dates_of_a_note():
    note = "On 10 March 2024, Russian forces shelled Bilopillia, Sumy region."
    events = events_of(note)
    assert kinds(events) == [SHELLING]
    assert places(events) == ["Bilopillia"]
    assert (events[0].date, events[0].time_precision) == (dt.date(2024, 3, 10), 1)
    tuesday = events_of("Russian artillery hit Izium on Tuesday.")
    assert tuesday[0].date == dt.date(2024, 3, 12)


# --- the vocabulary as data ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "text", "matched"),
    [
        ("took [full] control [of/over]", "troops took full control of it", "took full control of"),
        ("took [full] control [of/over]", "they took control", "took control"),
        ("[a/an/the] ~2 deal/tone", "a record deal", "a record deal"),
        ("violated ~2 truce", "violated the fragile truce", "violated the fragile truce"),
        ("shell/shells >{Name}/the", "the army shells Horlivka daily", "shells"),
        ("shell/shells >{Name}/the", "fired twenty shells at", None),
        ("{weapon:drone} attack", "a kamikaze drone attack", "drone attack"),
        ("lost ~3 {combatant}", "lost up to 200 soldiers", "lost up to 200 soldiers"),
    ],
)  # fmt: skip
def test_phrase_notation(phrase, text, matched):
    found = re.search(vocab.phrase_pattern(phrase), text, re.IGNORECASE)
    assert (found.group(0) if found else None) == matched


def test_every_trigger_and_weapon_class_names_an_acled_type():
    known = taxonomy.taxonomy()
    for rule in taxonomy.rules():
        assert (rule.event_type, rule.sub_event_type) in known
    for weapon in taxonomy.weapon_classes().values():
        assert weapon.attack in known and weapon.downed in known
    assert known[("Diplomacy", "Talks")] == ("Strategic developments", "Agreement")
    assert ("Strategic developments", "Disrupted weapons use") in known


# --- the recogniser's conflict cues (real gazetteer) ----------------------------------------------


def _mentions(text: str, gazetteer) -> list[str]:
    from geomap.toponyms import find_mentions

    return [m.text for m in find_mentions(article(text), gazetteer)]


def test_conflict_words_cue_villages_and_their_lists(gazetteer):
    assert "Staromaiorske" in _mentions("Shelling hit Staromaiorske.", gazetteer)
    listed = _mentions("Fighting went on near Krynky and Robotyne.", gazetteer)
    assert {"Krynky", "Robotyne"} <= set(listed)
    three = _mentions(
        "Russian troops attacked near Krasnohorivka, Heorhiivka and Novomykhailivka.", gazetteer
    )
    assert {"Heorhiivka", "Novomykhailivka"} <= set(three)


def test_a_generic_verb_cues_a_place_only_after_a_conflict_word(gazetteer):
    # "Robotyne" is weak evidence on its own (a village); "drones struck" makes it a place,
    # "the candidate struck" does not cue it (a person or an organisation may follow)
    assert "Robotyne" in _mentions("Russian drones struck Robotyne.", gazetteer)
    assert "Robotyne" not in _mentions("The candidate struck Robotyne.", gazetteer)


def test_capturing_people_is_a_clash_not_a_change_of_control():
    people = events_of("Russian forces captured 20 Ukrainian soldiers near Vovchansk.")
    assert kinds(people) == [CLASH]
    place = events_of("Russian forces captured Krynky on Monday.")
    assert kinds(place) == [("Battles", "Non-state actor overtakes territory")]


def test_repelling_drones_is_an_interception_and_repelling_troops_a_clash():
    assert kinds(events_of("Ukrainian air defence repelled an attack by drones on Kyiv.")) == [
        DISRUPTED
    ]
    assert kinds(events_of("Ukrainian troops repelled an assault near Kurakhove.")) == [CLASH]
    defenders = events_of("Missile units and aviation were repelling the air attack on Izium.")
    assert DISRUPTED in kinds(defenders)


def test_a_generic_verb_capitalised_inside_prose_is_part_of_a_name():
    assert events_of("The aid includes parts for the Advanced Strike Systems in Kyiv.") == []
    # a headline in title case keeps its verbs
    assert kinds(events_of("Russian Troops Shell Kharkiv Overnight")) == [SHELLING]


def test_launched_a_war_is_no_strike():
    assert events_of("Its drone industry grew after Russia launched the invasion in 2022.") == []


def test_phrase_anchors_prefilter_the_triggers():
    assert vocab.phrase_anchors("took [full] control [of/over]") == {"took"}
    assert vocab.phrase_anchors("[a/an] [military] base") == {"a", "an", "military", "base"}
    assert {"drone", "unmanned", "fpv"} <= vocab.phrase_anchors("{weapon:drone} attack")
    assert all(rule.anchors for rule in taxonomy.rules())
    # a hyphenated trigger is found through its first part
    assert kinds(events_of("A booby-trap exploded near Izium.")) == [IED]


def test_the_month_may_is_no_modal_verb():
    dated = events_of("On 9 May 2024, Russian troops shelled Vovchansk.", dt.date(2024, 5, 10))
    assert kinds(dated) == [SHELLING]
    assert dated[0].date == dt.date(2024, 5, 9)
    assert kinds(events_of("Officials said on May 3 that Russian troops shelled Vovchansk.")) == [
        SHELLING
    ]
    assert events_of("Russian troops may shell Vovchansk again.") == []
