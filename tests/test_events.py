"""Event extraction on sentences written for these tests, with hand-built resolutions."""

from __future__ import annotations

import datetime as dt

import pytest
from events_fixtures import PLACES, article, resolutions_for

from geomap.events import acled_event_type, events_dataframe, extract_events
from geomap.events.counts import count_after, count_before, word_to_int
from geomap.events.dates import resolve_date
from geomap.geodesy import geodesic_km as km

WED = dt.date(2025, 7, 23)  # a Wednesday


def events_of(text: str, published: dt.date | None = WED):
    return extract_events(article(text, published), resolutions_for(text))


def only(events, **fields):
    found = [e for e in events if all(getattr(e, k) == v for k, v in fields.items())]
    assert len(found) == 1, f"expected one event with {fields}, got {events}"
    return found[0]


# --- taxonomy -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "event_type", "sub_event_type"),
    [
        ("Russian artillery shelled Kharkiv on Monday.", "Explosions/Remote violence",
         "Shelling/artillery/missile attack"),
        ("A missile strike hit Odesa yesterday.", "Explosions/Remote violence",
         "Shelling/artillery/missile attack"),
        ("A drone attack on Odesa damaged a port building.", "Explosions/Remote violence",
         "Air/drone strike"),
        ("An airstrike hit Kharkiv overnight.", "Explosions/Remote violence", "Air/drone strike"),
        ("A landmine exploded near Kupiansk, wounding two deminers.",
         "Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("Heavy fighting continued in Avdiivka on Tuesday.", "Battles", "Armed clash"),
        ("Hundreds of people protested in Kyiv against the new law.", "Protests",
         "Peaceful protest"),
        ("Police arrested two men in Odesa on Friday.", "Strategic developments", "Arrests"),
        ("Ukrainian and Russian officials held talks in Istanbul.", "Diplomacy", "Talks"),
        ("The Ukrainian foreign minister arrived in Ankara on Tuesday.", "Diplomacy",
         "Visit/arrival"),
        ("An exchange of prisoners took place in Istanbul last week.", "Diplomacy",
         "Prisoner exchange"),
    ],
)  # fmt: skip
def test_trigger_maps_to_acled_type(sentence, event_type, sub_event_type):
    events = events_of(sentence)
    assert [(e.event_type, e.sub_event_type) for e in events] == [(event_type, sub_event_type)]


def test_foreign_capture_is_non_state_overtakes_and_own_recapture_is_government_regains():
    foreign = only(events_of("Russian forces captured Kupiansk on Monday."), trigger="captured")
    assert foreign.event_type == "Battles"
    assert foreign.sub_event_type == "Non-state actor overtakes territory"
    assert foreign.actor1 == "Military Forces of Russia"
    assert foreign.actor2 == "Military Forces of Ukraine"

    own = only(events_of("Ukrainian troops recaptured Kupiansk on Monday."), trigger="recaptured")
    assert own.sub_event_type == "Government regains territory"
    assert own.actor1 == "Military Forces of Ukraine"

    across = events_of("Ukrainian troops took control of Sudzha in Russia's Kursk region.")
    assert (
        only(across, event_type="Battles").sub_event_type == "Non-state actor overtakes territory"
    )

    unnamed = only(events_of("Kupiansk was captured on Monday."), event_type="Battles")
    assert unnamed.sub_event_type == "Armed clash"
    assert "not named" in unnamed.notes


def test_diplomacy_maps_to_strategic_developments():
    talks, visit = (
        only(events_of("Officials held talks in Istanbul."), sub_event_type="Talks"),
        only(events_of("The envoy arrived in Ankara."), sub_event_type="Visit/arrival"),
    )
    assert acled_event_type(talks) == ("Strategic developments", "Agreement")
    assert acled_event_type(visit) == ("Strategic developments", "Other")
    shelling = only(events_of("Russian shelling hit Kherson."), trigger="shelling")
    assert acled_event_type(shelling) == (shelling.event_type, shelling.sub_event_type)


# --- counts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "fatalities", "injured"),
    [
        ("Russian shelling of Kherson killed a 66-year-old woman overnight.", 1, None),
        ("Shelling hit Kherson. Three people, including two 13-year-olds, were injured, "
         "the governor said.", None, 3),
        ("A missile strike on Odesa killed at least 12 people and wounded 30 others.", 12, 30),
        ("Shelling of Donetsk kills at least one - witness", 1, None),
        ("Two women were killed in shelling of Donetsk.", 2, None),
        ("Nine Ukrainian soldiers killed in fighting near Avdiivka.", 9, None),
        ("The death toll from the strike on Kharkiv rose to twenty-three.", 23, None),
        ("Dozens of civilians were killed in the shelling of Kharkiv.", None, None),
    ],
)  # fmt: skip
def test_casualty_counts(sentence, fatalities, injured):
    events = [e for e in events_of(sentence) if e.event_type != "Diplomacy"]
    assert len(events) == 1, events
    assert (events[0].fatalities, events[0].injured) == (fatalities, injured)


def test_vague_counts_are_noted_not_invented():
    event = events_of("Dozens of civilians were killed in the shelling of Kharkiv.")[0]
    assert event.fatalities is None
    assert "dozens" in event.notes.lower()


def test_count_helpers():
    assert word_to_int("twenty-three") == 23
    assert word_to_int("1,200") == 1200
    assert word_to_int("a dozen") == 12
    assert word_to_int("Wednesday") is None
    assert count_after(" a 66-year-old woman").value == 1
    assert count_before("Three people, including two 13-year-olds, were ").value == 3
    assert count_before("Ukraine reports 9 soldiers ").value == 9


def test_civilian_victims_make_civilians_actor2_and_casualty_only_reports_typed_by_victim():
    event = only(events_of("Russian shelling of Kherson killed two civilians."), trigger="shelling")
    assert event.actor1 == "Military Forces of Russia"
    assert event.actor2 == "Civilians (Ukraine)"
    civilians = events_of("Two residents were killed in Kharkiv on Monday.")[0]
    assert (civilians.event_type, civilians.sub_event_type) == (
        "Violence against civilians",
        "Attack",
    )
    soldiers = events_of("Nine soldiers were killed in Avdiivka on Monday.")[0]
    assert (soldiers.event_type, soldiers.sub_event_type) == ("Battles", "Armed clash")


# --- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "expected", "precision"),
    [
        ("shelling killed a woman overnight", dt.date(2025, 7, 22), 1),
        ("the strike yesterday", dt.date(2025, 7, 22), 1),
        ("clashes on Monday", dt.date(2025, 7, 21), 1),
        ("the talks will be held on Friday", dt.date(2025, 7, 25), 1),
        ("the talks will be held on Wednesday evening", dt.date(2025, 7, 23), 1),
        ("on Wednesday the ministry said", dt.date(2025, 7, 23), 1),
        ("last Wednesday", dt.date(2025, 7, 16), 1),
        ("in recent weeks", WED, 2),
        ("last week", dt.date(2025, 7, 16), 2),
        ("last month", dt.date(2025, 6, 1), 3),
        ("fighting on 12 July", dt.date(2025, 7, 12), 1),
        ("clashes on March 3, 2024", dt.date(2024, 3, 3), 1),
        ("no date words here", WED, 2),
    ],
)
def test_dates_resolve_against_publication(words, expected, precision):
    got = resolve_date(words, WED)
    assert (got.date, got.precision) == (expected, precision)


def test_event_without_publication_date_has_no_date():
    event = events_of("Russian shelling hit Kherson on Monday.", published=None)[0]
    assert event.date is None


# --- negation, irrealis, reported speech -------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "There was no expectation that the talks in Istanbul would be productive.",
        "The ministry denied that its forces had shelled Kherson.",
        "Russian forces did not capture Kupiansk.",
        "Putin announced his intention to capture Kupiansk.",
        "Kyiv is ready to hold talks in Istanbul.",
        "Officials said the meeting in Ankara would cover prisoner exchanges.",
    ],
)
def test_negated_or_hypothetical_events_are_not_events(sentence):
    assert events_of(sentence) == []


def test_reported_speech_names_the_claimant():
    text = "On Wednesday, Russia's Defence Ministry said its forces had captured Kupiansk."
    event = only(events_of(text), event_type="Battles")
    assert event.claimed_by == "Ministry of Defence of Russia"
    assert event.actor1 == "Military Forces of Russia"
    assert event.date == WED


# --- location linking ---------------------------------------------------------------------------


def test_talks_with_a_country_happen_in_the_city_named():
    event = only(
        events_of("Ukraine will hold talks with Russia in Istanbul."), sub_event_type="Talks"
    )
    assert event.location.place.name == "Istanbul"
    assert event.actor2 == "Government of Russia"
    assert event.geo_precision == 1


def test_most_precise_place_wins_over_its_region():
    text = "Russian troops captured the settlement of Sudzha in Russia's Kursk region."
    event = only(events_of(text), event_type="Battles")
    assert event.location.place.name == "Sudzha"
    assert event.geo_precision == 1


def test_region_only_gives_precision_3_and_near_gives_2():
    region = events_of("Russian shelling hit the Donetsk region on Monday.")[0]
    assert region.location.place.kind == "admin1"
    assert region.geo_precision == 3
    near = events_of("Heavy fighting continued near Kupiansk on Monday.")[0]
    assert near.location.place.name == "Kupiansk"
    assert near.geo_precision == 2
    assert near.uncertainty_km > PLACES["Kupiansk"].uncertainty_km


def test_each_trigger_gets_its_own_place():
    text = (
        "The delegation arrived in Ankara for meetings with Turkish officials ahead of the talks "
        "with Russia in Istanbul."
    )
    events = events_of(text)
    assert only(events, sub_event_type="Visit/arrival").location.place.name == "Ankara"
    talks = [e for e in events if e.sub_event_type == "Talks"]
    assert sorted(e.location.place.name for e in talks) == ["Ankara", "Istanbul"]


def test_description_refers_back_to_the_city():
    text = (
        "Delegations travelled to Istanbul. The talks will be held in the Turkish city on Friday."
    )
    talks = only(events_of(text), sub_event_type="Talks")
    assert talks.location.place.name == "Istanbul"
    assert talks.date == dt.date(2025, 7, 25)


def test_speaking_capital_is_not_the_location():
    events = events_of("Two Ukrainian soldiers killed in separatist east - Kiev")
    assert len(events) == 1
    assert events[0].location is None
    assert events[0].fatalities == 2


# --- merging ------------------------------------------------------------------------------------


def test_repeated_sentence_and_anaphora_are_merged():
    text = (
        "Russian shelling of Kherson killed a man overnight.\n\n"
        "Officials will meet for talks in Istanbul on Friday.\n\n"
        "Russian shelling of Kherson killed a man overnight. The talks are expected to be hard."
    )
    events = events_of(text)
    assert len([e for e in events if e.trigger == "shelling"]) == 1
    assert len([e for e in events if e.sub_event_type == "Talks"]) == 1


def test_casualty_follow_up_sentence_adds_to_the_previous_event():
    text = "A Russian drone attack hit Kharkiv overnight. Four people were injured, he said."
    events = events_of(text)
    assert len(events) == 1
    assert events[0].injured == 4
    assert events[0].sub_event_type == "Air/drone strike"


# --- DataFrame ----------------------------------------------------------------------------------


def test_dataframe_columns_and_values():
    text = "Russian shelling of Kherson killed a 66-year-old woman overnight."
    art = article(text, WED, article_id="kherson-1")
    frame = events_dataframe(extract_events(art, resolutions_for(text)), art)
    for column in ["event_date", "time_precision", "event_type", "sub_event_type", "actor1",
                   "actor2", "location", "admin1", "country", "latitude", "longitude",
                   "geo_precision", "fatalities", "injured", "notes", "source_id", "evidence",
                   "start", "end", "claimed_by", "uncertainty_km"]:  # fmt: skip
        assert column in frame.columns
    row = frame.iloc[0]
    assert row.event_date == "2025-07-22"
    assert row.country == "Ukraine"
    assert row.source_id == "kherson-1"
    assert text[row.start : row.end] == row.evidence
    assert row.fatalities == 1
    assert (
        km(PLACES["Kherson"].point, type(PLACES["Kherson"].point)(row.latitude, row.longitude)) < 1
    )
    assert events_dataframe([], art).empty


# --- headline style (UCDP source headlines) ----------------------------------------------------


def test_headline_actor_after_by_and_role_of_country():
    event = events_of("Two civilians killed in shelling of Donetsk by the Armed Forces of Ukraine")[
        0
    ]
    assert event.actor1 == "Military Forces of Ukraine"
    assert event.location.place.name == "Donetsk"
    assert event.fatalities == 2


def test_possessive_place_is_not_the_attacker():
    event = events_of("Ukraine's Avdiivka shelling kills one, wounds four - mayor's office")[0]
    assert event.actor1 == ""
    assert event.location.place.name == "Avdiivka"
    assert (event.fatalities, event.injured) == (1, 4)


def test_truce_breach_is_a_clash_and_keeps_its_casualties():
    event = events_of("Kiev's military breached the truce 50 times in Avdiivka, 2 fighters killed")
    assert [(e.event_type, e.sub_event_type) for e in event] == [("Battles", "Armed clash")]
    assert event[0].fatalities == 2


def test_topic_of_talks_is_not_their_venue_and_casualties_beside_talks_survive():
    events = events_of("Two troops, one civilian killed in Avdiivka after failed Ukraine talks")
    assert not any(e.sub_event_type == "Talks" and e.location is not None for e in events)
    violent = [e for e in events if e.event_type != "Diplomacy"]
    assert len(violent) == 1 and violent[0].location.place.name == "Avdiivka"


def test_town_inside_a_named_area_is_the_venue():
    event = events_of("A soldier was killed in the Donetsk region near Avdiivka.")[0]
    assert event.location.place.name == "Avdiivka"
    assert event.geo_precision == 2


def test_adjectival_participle_is_not_a_capture():
    events = events_of("Russian troops shelled the liberated Kupiansk, there are dead")
    assert [(e.event_type, e.sub_event_type) for e in events] == [
        ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    ]


def test_military_abbreviations_and_death_of():
    event = events_of("One KIA, four WIA due to shelling near Avdiivka - JFO HQ")[0]
    assert (event.fatalities, event.injured) == (1, 4)
    event = events_of("Officials confirm the death of four soldiers in Avdiivka")[0]
    assert event.fatalities == 4


def test_country_only_event_takes_the_articles_single_town_but_not_a_source():
    text = "Gunbattle in eastern Ukraine kills four: separatist leader\n\nAvdiivka"
    event = events_of(text)[0]
    assert event.location.place.name == "Avdiivka"
    assert event.geo_precision == 2
    two_towns = "Gunbattle in eastern Ukraine kills four\n\nAvdiivka\n\nKupiansk"
    assert events_of(two_towns)[0].location.place.kind == "country"
    source = "Fresh fighting erupts in eastern Ukraine, three soldiers killed - Kiev military"
    assert events_of(source)[0].location.place.kind == "country"


def test_relative_day_counts_and_guided_bombs():
    text = (
        "Russian guided bombs struck Kharkiv on Saturday, killing at least 12 people. "
        "Two days earlier, a Russian missile strike on Kharkiv killed seven people."
    )
    events = events_of(text, published=dt.date(2024, 5, 25))
    bombs = only(events, sub_event_type="Air/drone strike")
    assert (bombs.actor1, bombs.fatalities, bombs.date) == (
        "Military Forces of Russia",
        12,
        dt.date(2024, 5, 25),
    )
    missile = only(events, sub_event_type="Shelling/artillery/missile attack")
    assert (missile.fatalities, missile.date) == (7, dt.date(2024, 5, 23))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Death toll mounts in Avdiivka despite truce", []),
        ("Three killed in breach of the holiday truce near Avdiivka", [("Battles", "Armed clash")]),
        ("The president declared a week-long ceasefire in the east.",
         [("Strategic developments", "Agreement")]),
        ("Zelensky to discuss in Odesa an open demonstration of aggression", []),
    ],
)  # fmt: skip
def test_ceasefires_and_demonstrations_only_when_they_happen(sentence, expected):
    got = [(e.event_type, e.sub_event_type) for e in events_of(sentence)]
    assert all(e in got for e in expected)
    spurious = {"Strategic developments", "Protests"}
    assert not [g for g in got if g[0] in spurious and g not in expected]


def test_capitals_act_only_as_subjects():
    from geomap.events.actors import find_actors

    assert [(a.code, a.kind) for a in find_actors("Kyiv is ready to take steps")] == [
        ("UA", "country")
    ]
    assert find_actors("Victoria Nuland visited the front") == []
    assert [a.code for a in find_actors("Kiev points at Moscow over air strike")] == ["UA"]


def test_vague_object_count_is_not_taken_from_the_previous_clause():
    event = events_of(
        "The offensive on Kharkiv has killed more than 1600 civilians and wounded thousands."
    )
    assert [(e.fatalities, e.injured) for e in event] == [(1600, None)]


def test_visits_and_meetings_need_an_official_context():
    assert events_of("When they arrived in Odesa, they found the tomb unguarded.") == []
    assert events_of("The Turkish foreign minister arrived in Odesa.")[0].sub_event_type == (
        "Visit/arrival"
    )
