"""Every recognition feature: a sentence where the evidence is there, and one where it is not.

Each row names a feature, a text written for it, and the candidate that must (or must not) carry
it. Remove the code that computes a feature and its rows fail. The decision's use of the features
is tested in test_toponyms.py (behaviour) and test_recognition_model.py (the fitted weights).
"""

from __future__ import annotations

import pytest

from geomap.doc import make_doc
from geomap.toponyms.decide import decide, scored_candidates
from geomap.toponyms.features import FEATURES, INDEX, feature_matrix
from geomap.toponyms.model import default_model
from geomap.toponyms.recogniser import Recogniser


def _features(gazetteer, text: str, surface: str, *, second_pass: bool = False) -> dict[str, float]:
    state = Recogniser()(make_doc(text), gazetteer, until="decide")
    cands = scored_candidates(state)
    x = feature_matrix(state, cands)
    if second_pass:
        decide(state, cands, x, default_model())
    for cand, row in zip(cands, x, strict=True):
        if cand.surface == surface:
            return {name: float(row[i]) for i, name in enumerate(FEATURES) if row[i]}
    raise AssertionError(f"{surface!r} is no scored candidate in {text!r}: "
                         f"{[c.surface for c in cands]}")  # fmt: skip


# (feature, text, candidate, present)
ROWS = [
    ("bias", "Talks were held in Lyon.", "Lyon", True),
    ("kind=country", "Talks were held in Norway.", "Norway", True),
    ("kind=country", "Talks were held in Lyon.", "Lyon", False),
    ("kind=admin1", "He moved to Oregon last year.", "Oregon", True),
    ("kind=admin2", "She grew up in Cumbria.", "Cumbria", True),
    (
        "kind=admin3",
        "Shelling hit the Saranchukivska Community overnight.",
        "Saranchukivska Community",
        True,
    ),
    ("kind=populated_place", "Talks were held in Lyon.", "Lyon", True),
    ("kind=region", "Prices rose across Europe.", "Europe", True),
    ("kind=water", "A tanker sank in the Baltic Sea.", "Baltic Sea", True),
    ("kind=landform", "They skied in the Alps.", "Alps", True),
    ("log_population", "Talks were held in Lyon.", "Lyon", True),
    ("log_population", "He camped near Thruxton.", "Thruxton", False),
    ("population_10k", "He camped near Alton.", "Alton", True),
    ("population_10k", "He camped near Thruxton.", "Thruxton", False),
    ("population_100k", "Talks were held in Lyon.", "Lyon", True),
    ("population_100k", "He camped near Alton.", "Alton", False),
    ("population_1m", "She flew to Tokyo.", "Tokyo", True),
    ("population_1m", "Talks were held in Lyon.", "Lyon", False),
    ("multi_word", "She flew to New Delhi.", "New Delhi", True),
    ("multi_word", "She flew to Tokyo.", "Tokyo", False),
    ("sentence_initial", "Lyon hosted the summit.", "Lyon", True),
    ("sentence_initial", "The summit was in Lyon.", "Lyon", False),
    ("headline", "Storm Floods Coastal Towns Around Lyon", "Lyon", True),
    ("headline", "A storm flooded coastal towns around Lyon.", "Lyon", False),
    ("written_abbreviation", "The fair opened in Salem, Nev., on Friday.", "Nev.", True),
    ("common_word", "The fair opened in Reading.", "Reading", True),
    ("common_word", "The fair opened in Lyon.", "Lyon", False),
    ("common_at_start", "Reading is a pleasure.", "Reading", True),
    ("common_at_start", "The fair opened in Reading.", "Reading", False),
    ("common_after_the", "They restored the Bath last year.", "Bath", True),
    ("common_after_the", "They drove to Bath last year.", "Bath", False),
    ("common_but_major", "Trade with China grew.", "China", True),
    ("common_but_major", "The fair opened in Reading.", "Reading", False),
    ("common_in_capitals", "Crowds filled READING yesterday.", "READING", True),
    ("common_in_capitals", "Crowds filled LYON yesterday.", "LYON", False),
    ("lower_in_article", "Reading opened a fair. The reading room closed.", "Reading", True),
    ("lower_in_article", "Reading opened a fair. The room closed.", "Reading", False),
    ("short_word", "No decision came. We waited.", "We", True),
    ("given_name", "The storm reached Georgia.", "Georgia", True),
    ("given_name", "The storm reached Oregon.", "Oregon", False),
    ("surname", "The fair opened in Davis.", "Davis", True),
    ("surname", "She flew to Tokyo.", "Tokyo", False),
    ("acronym_of_area", "Ministers of the EU met.", "EU", True),
    ("acronym_of_area", "Ministers of Europe met.", "Europe", False),
    ("cue=dateline", "LYON, May 3 (Reuters) - Prices rose.", "LYON", True),
    ("cue=region_word", "Drones hit the Kharkiv region.", "Kharkiv region", True),
    ("cue=feature_noun", "They reached the town of Alton.", "Alton", True),
    ("cue=relative", "They camped north of Alton.", "Alton", True),
    ("cue=based", "A Lyon-based firm grew.", "Lyon", True),
    ("cue=admin_after", "The fair opened in Salem, Oregon, on Friday.", "Salem", True),
    ("cue=county_of_place", "The race ran at Alton, Hampshire, on Friday.", "Hampshire", True),
    ("cue=conflict", "Shelling hit Alton overnight.", "Alton", True),
    ("cue=conflict", "Tourists visited Alton overnight.", "Alton", False),
    ("cue=compass", "Rain fell across West Wales.", "Wales", True),
    ("cue=compass", "Rain fell across Wales.", "Wales", False),
    ("cue=of", "A teacher of Alton won the prize.", "Alton", True),
    ("cue=of", "A teacher from Alton won the prize.", "Alton", False),
    ("cue=preposition", "Talks were held in Lyon.", "Lyon", True),
    ("cue=preposition", "Lyon hosted talks.", "Lyon", False),
    ("all_caps", "Crowds filled LYON yesterday.", "LYON", True),
    ("all_caps", "Crowds filled Lyon yesterday.", "Lyon", False),
    ("caps_dateline", "LYON (Reuters) - Prices rose.", "LYON", True),
    ("caps_dateline", "Prices rose (AP) in the end.", "AP", False),
    ("dotted_abbreviation", "Officials of the U.S. met.", "U.S.", True),
    ("short_acronym", "She told AP on Monday.", "AP", True),
    ("short_acronym", "Ministers of the EU met.", "EU", False),
    ("military_abbreviation", "The unit lost two KIA on Monday.", "KIA", True),
    ("person_title", "Governor Orlando Ruiz signed the bill.", "Orlando", True),
    ("person_title", "The bill was signed in Orlando.", "Orlando", False),
    ("person_given_name", "Georgia Whitcombe signed the bill.", "Georgia", True),
    ("person_after_given_name", "Anna Chester signed the bill.", "Chester", True),
    ("person_after_given_name", "The bill was signed in Chester.", "Chester", False),
    ("person_speaker", "The plan is sound, Oakley said.", "Oakley", True),
    ("person_surname", "Marburg's office agreed when Minister Anna Marburg came.", "Marburg", True),
    ("after_name_particle", "Mario de Santiago won the race.", "Santiago", True),
    ("after_name_particle", "The race was in Santiago.", "Santiago", False),
    ("told_or_quoted_by", "The mayor told Chester on Monday.", "Chester", True),
    ("medium_before", "The mayor wrote on Chester last week.", "Chester", True),
    ("organisation_noun_after", "The Chester daily ran the story.", "Chester", True),
    ("reported_after", "As Chester reported, prices rose.", "Chester", True),
    ("reported_after", "Officials in Chester reported a rise.", "Chester", False),
    ("leader_era", "Rules of the Alton administration stayed.", "Alton", True),
    ("possessive_of_person", "Officials met Chester's Anna Whitcombe.", "Chester", True),
    ("capitalised_before", "Fans of Zorblax Chester cheered.", "Chester", True),
    ("capitalised_before", "Fans of Eastern Lyon cheered.", "Lyon", False),
    ("capitalised_after", "Fans of Chester Zorblax cheered.", "Chester", True),
    ("capitalised_after", "Fans in Chester cheered.", "Chester", False),
    ("generic_word", "Officials of the Centre disagreed.", "Centre", True),
    ("seat_of_power", "The Kremlin denied it.", "Kremlin", True),
    ("seat_of_power", "Crowds gathered outside the Kremlin.", "Kremlin", False),
    ("listed_with_name", "Trains run to Alton, Chester and Lyon.", "Chester", True),
    ("listed_with_name", "Trains run to Chester daily.", "Chester", False),
    ("same_name_cued_elsewhere", "Alton grew fast. Trains now run to Alton.", "Alton", True),
    ("same_name_cued_elsewhere", "Alton grew fast. Trains now run.", "Alton", False),
    ("same_name_mid_sentence_elsewhere", "Alton grew fast. They like Alton.", "Alton", True),
    ("same_name_mid_sentence_elsewhere", "Alton grew fast.", "Alton", False),
]


def test_every_feature_has_a_row():
    assert {row[0] for row in ROWS} | {"same_name_accepted_elsewhere"} == set(FEATURES)


@pytest.mark.parametrize(("feature", "text", "surface", "present"), ROWS)
def test_feature(gazetteer, feature, text, surface, present):
    features = _features(gazetteer, text, surface)
    assert (feature in features) is present, features


def test_the_second_pass_sees_the_first_pass_belief_in_the_same_name_elsewhere(gazetteer):
    text = "Lyon grew fast. Trains now run to Lyon."
    first = _features(gazetteer, text, "Lyon")
    assert "same_name_accepted_elsewhere" not in first
    second = _features(gazetteer, text, "Lyon", second_pass=True)
    assert second["same_name_accepted_elsewhere"] > 0.5


def test_features_lie_between_zero_and_one(gazetteer):
    state = Recogniser()(make_doc("Reading, Lyon and Tokyo hosted the EU talks in Georgia."),
                         gazetteer, until="decide")  # fmt: skip
    x = feature_matrix(state, scored_candidates(state))
    assert x.shape[1] == len(FEATURES) and (x >= 0).all() and (x <= 1).all()
    assert (x[:, INDEX["bias"]] == 1).all()
